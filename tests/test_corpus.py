from __future__ import annotations

import re
from pathlib import Path

import pytest

from chatbot.config import DEFAULT_CORPUS
from chatbot.corpus import CorpusError, load_corpus, parse_document

CAPTURE = Path(__file__).parent / "data" / "captured-article.txt"
BOILERPLATE = re.compile(r"[А-Яа-я]")


def sentences(text: str) -> list[str]:
    return [s.strip() for s in re.split(r"(?<=[.!?:])\s+", text) if s.strip()]


@pytest.fixture(scope="module")
def passages():
    return load_corpus(DEFAULT_CORPUS)


def test_every_article_sentence_lands_in_exactly_one_passage(passages):
    captured = [line.strip().lstrip("•").strip() for line in CAPTURE.read_text(encoding="utf-8").splitlines()]
    headings = {h for p in passages for h in p.headings}
    body = [line for line in captured if line and not BOILERPLATE.search(line) and line not in headings]
    checked = 0
    for line in body:
        for sentence in sentences(line):
            holders = [p.id for p in passages if sentence in p.text]
            assert len(holders) == 1, f"{sentence!r} is in {holders}"
            checked += 1
    assert checked > 50


def test_passages_keep_the_article_words_in_order(passages):
    captured = " ".join(line.strip().lstrip("•").strip() for line in CAPTURE.read_text(encoding="utf-8").splitlines())
    position = 0
    for passage in passages:
        found = captured.find(passage.text, position)
        assert found >= 0, f"{passage.id} is not in the capture after the previous passage"
        position = found + len(passage.text)


def test_no_boilerplate_and_no_repeated_standfirst(passages):
    assert not any(BOILERPLATE.search(p.text) for p in passages)
    opening = "Lupus, or systemic lupus erythematosus (SLE), is a chronic autoimmune disease"
    assert sum(opening in p.text for p in passages) == 1


def test_passage_ids_are_unique_and_stable(passages):
    ids = [p.id for p in passages]
    assert len(set(ids)) == len(ids)
    assert ids == [p.id for p in load_corpus(DEFAULT_CORPUS)]


def test_nested_sections_and_list_lead_ins_travel_with_bullets(passages):
    gvhd = next(p for p in passages if p.text.startswith("Graft-versus-host"))
    assert gvhd.section == "Benefits and Risks > Possible Risks"
    assert "Possible Risks" in gvhd.search_text
    fit = next(p for p in passages if p.text.startswith("Individuals who are physically fit"))
    assert fit.lead_in == "Ideal candidates for stem cell treatment usually include:"
    infused = next(p for p in passages if p.text.startswith("These stem cells are infused"))
    assert "Mesenchymal Stem Cell (MSC) Infusion" in infused.search_text


def test_a_passage_is_at_most_one_paragraph_or_bullet(passages):
    assert all("\n" not in p.text for p in passages)
    assert all(p.source == "stem-cell-treatments-for-lupus.md" for p in passages)


def test_any_md_or_txt_dropped_in_is_indexed(tiny_corpus: Path):
    (tiny_corpus / "notes.txt").write_text("Pruning Notes\n\nCut dead wood in late winter.\n\n• Use clean shears\n", encoding="utf-8")
    (tiny_corpus / "ignored.json").write_text("{}", encoding="utf-8")
    passages = load_corpus(tiny_corpus)
    assert {p.source for p in passages} == {"garden.md", "notes.txt"}
    shears = next(p for p in passages if p.text == "Use clean shears")
    assert shears.section == "Pruning Notes"


def test_plain_text_bullets_and_wrapped_lines():
    doc = "# T\n\n## Steps\n\nDo this:\n\n- first step that\n  wraps onto a second line\n* second\n1. third\n"
    passages = parse_document(doc, "x.md")
    assert [p.text for p in passages] == ["Do this:", "first step that wraps onto a second line", "second", "third"]
    assert {p.lead_in for p in passages[1:]} == {"Do this:"}


@pytest.mark.parametrize(
    "make, message",
    [
        (lambda d: d / "missing", "corpus not found"),
        (lambda d: d, "no .md or .txt documents"),
        (lambda d: (d / "empty.md").write_text("  \n\n", encoding="utf-8") and d, "empty.md has no text"),
        (lambda d: (d / "latin1.md").write_bytes("caf\xe9 au lait".encode("latin-1")) and d, "latin1.md is not UTF-8"),
    ],
    ids=["missing", "no documents", "empty file", "not utf-8"],
)
def test_unusable_corpus_stops_with_a_message_naming_it(tmp_path: Path, make, message):
    with pytest.raises(CorpusError, match=message):
        load_corpus(make(tmp_path))


def test_unreadable_file_is_named(tiny_corpus: Path, monkeypatch):
    def refuse(self):
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(Path, "read_bytes", refuse)
    with pytest.raises(CorpusError, match=r"cannot read .*garden\.md: permission denied"):
        load_corpus(tiny_corpus)


def test_questions_file_attaches_to_the_passage_it_quotes(tiny_corpus: Path):
    (tiny_corpus / "garden.questions").write_text("# comment\n> tiny sap\n", encoding="utf-8")
    with pytest.raises(CorpusError, match=r"garden\.questions, line 2: .* matches no passage"):
        load_corpus(tiny_corpus)
    (tiny_corpus / "garden.questions").write_text("> suck sap\nwhat are greenfly\nbugs on my plants\n", encoding="utf-8")
    aphids = next(p for p in load_corpus(tiny_corpus) if p.text.startswith("Aphids"))
    assert aphids.questions == ("what are greenfly", "bugs on my plants")

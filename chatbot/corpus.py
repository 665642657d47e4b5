"""Documents in the corpus folder -> passages: one paragraph, or one bullet with its heading path and lead-in."""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from pathlib import Path

DOCUMENT_SUFFIXES = (".md", ".txt")
QUESTIONS_SUFFIX = ".questions"

_HEADING = re.compile(r"^(#{1,6})\s+(.+?)\s*#*\s*$")
_BULLET = re.compile(r"^\s*(?:[-*+•]|\d+[.)])\s+(.*)$")
_SENTENCE_END = re.compile(r"(?<=[.!?])\s+")


class CorpusError(Exception):
    """The corpus cannot be used; the message names the file and what to do."""


@dataclass(frozen=True)
class Passage:
    """One answer-sized piece of a document."""

    id: str
    section: str
    text: str
    source: str
    headings: tuple[str, ...] = ()
    lead_in: str = ""
    bullet: bool = False
    questions: tuple[str, ...] = field(default=())

    @property
    def search_text(self) -> str:
        """What is indexed as the passage: its headings below the title, its list's lead-in and its text."""
        return "\n".join((*self.headings[1:], self.lead_in, self.text))

    @property
    def sentences(self) -> tuple[str, ...]:
        """The passage's sentences when it has more than one (none for a one-sentence passage)."""
        parts = _SENTENCE_END.split(self.text)
        return tuple(parts) if len(parts) > 1 else ()


def corpus_folder(path: Path) -> Path:
    """The folder that holds a corpus and its side files (synonyms, questions' vectors...): ``path`` itself, or
    the folder of a single-file corpus."""
    path = Path(path)
    return path if path.is_dir() else path.parent


def load_corpus(path: Path) -> list[Passage]:
    """Every .md/.txt document under ``path`` (a folder or one file) as passages, in reading order."""
    path = Path(path)
    if not path.exists():
        raise CorpusError(f"corpus not found: {path} (set CHATBOT_CORPUS to a folder of .md or .txt files)")
    try:
        files = [path] if path.is_file() else sorted(p for p in path.iterdir() if p.suffix.lower() in DOCUMENT_SUFFIXES and p.is_file())
    except OSError as exc:
        raise CorpusError(f"cannot read the corpus folder {path}: {exc.strerror or exc}") from None
    if not files:
        raise CorpusError(f"no .md or .txt documents in {path}")
    passages: list[Passage] = []
    for file in files:
        found = parse_document(read_text(file), source=file.name)
        if not found:
            raise CorpusError(f"{file} has no text to answer from; remove it or add its text")
        questions = path.parent if path.is_file() else path
        passages.extend(attach_questions(found, questions / f"{file.stem}{QUESTIONS_SUFFIX}"))
    return passages


def read_text(file: Path) -> str:
    """A file's text as UTF-8, or a CorpusError that names the file."""
    try:
        data = file.read_bytes()
    except PermissionError:
        raise CorpusError(f"cannot read {file}: permission denied") from None
    except OSError as exc:
        raise CorpusError(f"cannot read {file}: {exc.strerror or exc}") from None
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise CorpusError(f"{file} is not UTF-8 text (bad byte at offset {exc.start}); save it as UTF-8") from None


def parse_document(text: str, source: str) -> list[Passage]:
    """Split one Markdown (or plain text) document into passages."""
    blocks = _blocks(text)
    title = ""
    if blocks and blocks[0][0] == "heading" and blocks[0][1] == 1 or source.lower().endswith(".txt") and blocks and _looks_like_title(blocks[0]):
        title = blocks.pop(0)[2]
    title = title or Path(source).stem.replace("-", " ").replace("_", " ")

    doc_slug = _slug(Path(source).stem)
    path: list[tuple[int, str]] = []  # open headings below the title: (level, text)
    lead_ins: dict[int, str] = {}  # heading level -> the ':' sentence that introduces what follows
    counts: dict[str, int] = {}
    passages: list[Passage] = []

    def add(text: str, lead_in: str = "", bullet: bool = False) -> None:
        headings = tuple(h for _, h in path)
        section = " > ".join(headings) or title
        slug = _slug(headings[-1] if headings else "introduction")
        counts[slug] = counts.get(slug, 0) + 1
        pid = f"{doc_slug}/{slug}-{counts[slug]}"
        passages.append(Passage(pid, section, text, source, (title, *headings), lead_in, bullet))

    for kind, level, content in blocks:
        if kind == "heading":
            path[:] = [(lv, h) for lv, h in path if lv < level] + [(level, content)]
            for lv in [lv for lv in lead_ins if lv >= level]:
                del lead_ins[lv]
        elif kind == "paragraph":
            add(content)
            depth = path[-1][0] if path else 1
            if content.endswith(":"):
                lead_ins[depth] = _SENTENCE_END.split(content)[-1]
            else:
                lead_ins.pop(depth, None)
        else:  # bullet
            lead_in = lead_ins.get(path[-1][0] if path else 1, "")
            if not lead_in and path:
                # "There are two main approaches:" followed by a sub-heading per approach.
                lead_in = next((lead_ins[lv] for lv in sorted(lead_ins, reverse=True) if lv < path[-1][0]), "")
            add(content, lead_in, bullet=True)
    return passages


def attach_questions(passages: list[Passage], file: Path) -> list[Passage]:
    """Attach the questions listed in ``file`` to the passages they answer (the file is optional).

    Format: a line ``> fragment`` picks the passage whose text contains that fragment; each following
    line is a question that passage answers; ``#`` starts a comment.
    """
    if not file.exists():
        return passages
    extra: dict[int, list[str]] = {}
    current: int | None = None
    for number, line in enumerate(read_text(file).splitlines(), start=1):
        line = line.strip()
        if not line or line.startswith("#"):
            continue
        if line.startswith(">"):
            fragment = line[1:].strip().lower()
            matches = [i for i, p in enumerate(passages) if fragment and fragment in p.text.lower()]
            if len(matches) != 1:
                problem = "matches no passage" if not matches else f"matches {len(matches)} passages"
                raise CorpusError(f"{file}, line {number}: {line!r} {problem}; quote words of exactly one passage")
            current = matches[0]
        elif current is None:
            raise CorpusError(f"{file}, line {number}: a question before any '> passage fragment' line")
        else:
            extra.setdefault(current, []).append(line)
    return [replace(p, questions=tuple(extra.get(i, ()))) for i, p in enumerate(passages)]


def _blocks(text: str) -> list[tuple[str, int, str]]:
    """(kind, heading level, text) for each heading, paragraph and bullet, in order."""
    blocks: list[tuple[str, int, str]] = []
    paragraph: list[str] = []

    def flush() -> None:
        if paragraph:
            blocks.append(("paragraph", 0, " ".join(paragraph)))
            paragraph.clear()

    for raw in text.replace("\r\n", "\n").replace("\r", "\n").split("\n"):
        line = raw.strip()
        heading = _HEADING.match(line)
        bullet = _BULLET.match(raw)
        if not line:
            flush()
        elif heading:
            flush()
            blocks.append(("heading", len(heading.group(1)), heading.group(2)))
        elif bullet and bullet.group(1).strip():
            flush()
            blocks.append(("bullet", 0, bullet.group(1).strip()))
        elif blocks and blocks[-1][0] == "bullet" and not paragraph and raw[:1].isspace():
            kind, level, previous = blocks.pop()  # a bullet's wrapped continuation line
            blocks.append((kind, level, f"{previous} {line}"))
        else:
            paragraph.append(line)
    flush()
    return blocks


def _looks_like_title(block: tuple[str, int, str]) -> bool:
    kind, _, text = block
    return kind == "paragraph" and len(text) <= 120 and not text.endswith((".", ":", "?", "!"))


def _slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-") or "section"

"""Subjects: what an article names with an abbreviation under a sub-heading or bullet label, and their passages."""

from __future__ import annotations

from pathlib import Path

import pytest

from chatbot.corpus import load_corpus
from chatbot.subjects import Subjects
from chatbot.text import Analyzer

DOC = """# Home Heating

## Kinds

- Heat pumps (HP): Move heat from outside air into the house.
- Gas boilers (GB): Burn gas to warm water.

### Air Source Heat Pump (ASHP)

- Works down to minus twenty degrees
- Needs a large outdoor unit

### Ground Source Heat Pump (GSHP)

- Needs a borehole or trench in the garden

### Running Costs

- Depend on the price of electricity
"""


@pytest.fixture
def subjects(tmp_path: Path) -> tuple[Subjects, list[str]]:
    (tmp_path / "heating.md").write_text(DOC, encoding="utf-8")
    passages = load_corpus(tmp_path)
    analyzer = Analyzer()
    return Subjects(passages, analyzer.tokens, lambda term: True), [p.text for p in passages]


def names(found: Subjects, numbers) -> set[str]:
    return {found.subjects[n].name for n in numbers}


def test_sub_headings_and_bullet_labels_that_define_an_abbreviation_are_subjects(subjects):
    found, _ = subjects
    assert {s.name for s in found.subjects} == {"Heat pumps (HP)", "Gas boilers (GB)", "Air Source Heat Pump (ASHP)", "Ground Source Heat Pump (GSHP)"}


def test_a_sub_sections_passages_are_its_subjects(subjects):
    found, texts = subjects
    ashp = next(n for n, s in enumerate(found.subjects) if s.name.endswith("(ASHP)"))
    assert [texts[n] for n in found.about(frozenset({ashp}))] == ["Works down to minus twenty degrees", "Needs a large outdoor unit"]


def test_a_follow_up_leans_on_a_subject_the_earlier_turn_named_and_nothing_else(subjects):
    found, _ = subjects
    analyzer = Analyzer()
    assert names(found, found.leaned_on("how big is it", analyzer.tokens("how big is it"), [{"ashp"}])) == {"Air Source Heat Pump (ASHP)"}
    # The earlier turn asked about something besides the subject (its price): no subject is leaned on.
    assert not found.leaned_on("and in winter", [], [{"ashp"}, {"price"}])
    # The follow-up names a subject of its own.
    assert not found.leaned_on("what about gshp", ["gshp"], [{"ashp"}])


def test_the_other_one_is_the_sibling_subject(subjects):
    found, _ = subjects
    assert names(found, found.leaned_on("and the other kind?", [], [{"ashp"}])) == {"Ground Source Heat Pump (GSHP)"}
    assert names(found, found.leaned_on("what about the other one", [], [{"hp"}])) == {"Gas boilers (GB)"}


def test_a_bullet_that_names_a_subject_by_its_label_is_that_subjects(subjects):
    found, texts = subjects
    assert names(found, [found.labelled(texts.index("Gas boilers (GB): Burn gas to warm water."))]) == {"Gas boilers (GB)"}
    assert found.labelled(texts.index("Works down to minus twenty degrees")) is None


def test_the_subjects_below_a_section_are_its_sub_sections_in_reading_order(subjects):
    found, _ = subjects
    assert [found.subjects[n].name for n in found.below(("Home Heating", "Kinds"))] == ["Air Source Heat Pump (ASHP)", "Ground Source Heat Pump (GSHP)"]

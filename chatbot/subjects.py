"""The things an article names with an abbreviation in a sub-heading or bullet label ("Autologous Hematopoietic
Stem Cell Transplant (AHSCT)", "Mesenchymal stem cells (MSCs): ..."), and which passages are about which.

A follow-up leans on the subject of the question before it: "who is it usually for" after "tell me about the
autologous transplant" is asked of the transplant's own passages, and "what about the other kind" of its
sibling's (the sub-section or bullet beside it).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass

from .corpus import Passage
from .text import stem, words

# A bullet that starts by naming its subject: "Mesenchymal stem cells (MSCs): Found in ..."
_LABEL = re.compile(r"^([^:.]{3,60}):\s")
# A subject's name defines its abbreviation: "Mesenchymal Stem Cell (MSC) Infusion".
_ABBREVIATION = re.compile(r"\([A-Z][A-Za-z]*[A-Z]s?\)")
# Words that point at a subject without naming it: "the other one", "the transplant option".
POINTERS = frozenset(("one", "kind", "type", "approach", "option", "method", "treatment", "procedure", "therapy"))
# A follow-up that turns to the subject beside the one asked about before; not one that compares with it ("is
# it safer than the other one" still asks of the one before).
_NOT_COMPARED = "".join(rf"(?<!\b{w} )(?<!\b{w} the )" for w in ("than", "vs", "versus"))
OTHER = re.compile(rf"{_NOT_COMPARED}(\b(the )?other ({'|'.join(sorted(POINTERS))})s?\b|\bthe other\b)")


@dataclass(frozen=True)
class Subject:
    """One sub-heading or bullet label: the words that name it and its passages."""

    name: str
    terms: frozenset[str]
    passages: frozenset[int]
    family: tuple[str, ...]  # subjects in one family (sub-sections of a section, labels of a list) are siblings


class Subjects:
    """The subjects of a corpus, and which passages are about which."""

    def __init__(self, passages: list[Passage], tokens: Callable[[str], list[str]], informative: Callable[[str], bool]) -> None:
        found: dict[tuple[str, ...], tuple[str, set[int]]] = {}
        for number, p in enumerate(passages):
            if len(p.headings) >= 3:  # below a section heading: the title, the section, the sub-section
                found.setdefault(("section", *p.headings[:-1], p.headings[-1]), (p.headings[-1], set()))[1].add(number)
            label = _LABEL.match(p.text) if p.bullet else None
            if label:
                found.setdefault(("label", p.section, p.lead_in, label.group(1)), (label.group(1), set()))[1].add(number)
        self.subjects = []
        for key, (name, numbers) in found.items():
            # Its name's words as written too: "mesenchymal" alone names MSCs, as "transplant" names AHSCT.
            terms = frozenset(t for t in (*tokens(name), *map(stem, words(name))) if informative(t))
            if terms and _ABBREVIATION.search(name):
                self.subjects.append(Subject(name, terms, frozenset(numbers), key[:-1]))
        home: dict[int, set[int]] = {}
        self._naming: dict[str, set[int]] = {}  # a word -> the subjects it names
        for n, subject in enumerate(self.subjects):
            for number in subject.passages:
                home.setdefault(number, set()).add(n)
            for term in subject.terms:
                self._naming.setdefault(term, set()).add(n)
        self._home = {number: frozenset(subjects) for number, subjects in home.items()}
        # The sub-section subjects (the AHSCT steps, not the MSC bullet label), and every word that names a subject.
        self.sections = frozenset(n for n, s in enumerate(self.subjects) if s.family[0] == "section")
        self.terms = frozenset().union(*(s.terms for s in self.subjects))
        # The subjects each passage's own text names, looked for in the documents that have subjects: the
        # passages a subject may concern.
        sources = {passages[number].source for number in home}
        self._mentions = {
            number: self.named(tokens(p.text)) for number, p in enumerate(passages) if p.source in sources
        }

    def shortest_name(self, n: int) -> str:
        """The shortest name that means subject ``n`` before any other: "AHSCT", "MSC Infusion" ("MSC" alone
        names the cells as well), else its full name."""
        name = self.subjects[n].name
        short = _ABBREVIATION.search(name).group().strip("()")
        for candidate in (short, f"{short} {name.split()[-1]}"):
            if self.fullest({s for w in words(candidate) for s in (w, stem(w))}) == {n}:
                return candidate
        return name

    def fullest(self, said: set[str]) -> frozenset[int]:
        """Of the subjects these stems name, those they name most fully: "mesenchymal stem cell infusion" names
        the infusion, not the cells."""
        subjects = self.named(said)
        most = max((len(self.subjects[n].terms & said) for n in subjects), default=0)
        return frozenset(n for n in subjects if len(self.subjects[n].terms & said) == most)

    def labelled(self, number: int) -> int | None:
        """The subject a bullet names by its label ("Mesenchymal stem cells (MSCs): ..."), if any."""
        return next((n for n, s in enumerate(self.subjects) if s.family[0] == "label" and s.passages == {number}), None)

    def below(self, headings: tuple[str, ...]) -> list[int]:
        """The subjects of the sub-sections right below these headings, in reading order."""
        family = ("section", *headings)
        return sorted((n for n, s in enumerate(self.subjects) if s.family == family), key=lambda n: min(self.subjects[n].passages))

    def subjects_of(self, number: int) -> frozenset[int]:
        """The subjects passage ``number`` belongs to."""
        return self._home.get(number, frozenset())

    def names_of(self, number: int) -> frozenset[str]:
        """The words that name the subjects passage ``number`` belongs to."""
        return frozenset().union(*(self.subjects[n].terms for n in self.subjects_of(number)))

    def named(self, stems: Iterable[str]) -> frozenset[int]:
        """The subjects a text names, given its stems."""
        return frozenset().union(*(self._naming.get(s, ()) for s in stems))

    def leaned_on(self, message: str, message_stems: Iterable[str], earlier: list[set[str]]) -> frozenset[int]:
        """The subjects a follow-up asks about, given the stems of each informative word of the earlier turn.

        A follow-up that names a subject of its own leans on none. "The other one" asks about the siblings of
        the earlier turn's subjects. Otherwise a follow-up asks about the earlier turn's subject only when
        that turn asked about nothing else ("what is AHSCT", not "what does AHSCT cost").
        """
        if self.named(message_stems):
            return frozenset()
        named = [self.named(stems) for stems in earlier]
        subjects = frozenset().union(*named)
        if OTHER.search(message):
            # Of the subjects a name may mean, those the earlier turn named most fully: "how does mesenchymal stem
            # cell infusion work" names the infusion, not the cells.
            subjects = self.fullest(set().union(*earlier))
            families = {self.subjects[n].family for n in subjects}
            return frozenset(n for n, s in enumerate(self.subjects) if s.family in families and n not in subjects)
        return subjects if all(named) else frozenset()

    def siblings(self, subjects: frozenset[int]) -> list[int]:
        """The passages of the subjects beside these (in their families) that belong to none of these."""
        families = {self.subjects[n].family for n in subjects}
        beside = {n for n, s in enumerate(self.subjects) if s.family in families} - subjects
        return sorted(number for number, home in self._home.items() if home & beside and not home & subjects)

    def about(self, subjects: frozenset[int]) -> list[int]:
        """Passages about these subjects: theirs, and those that mention them and belong to no subject
        ("Infection or complications from chemotherapy (in AHSCT)")."""
        about = []
        for number, mentions in self._mentions.items():
            home = self._home.get(number, frozenset())
            if home & subjects or (not home and mentions & subjects):
                about.append(number)
        return about

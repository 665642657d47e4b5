"""Write chatbot/data/english_words.tsv: common English words with their Zipf frequency.

The chatbot uses it offline to tell everyday words from rare ones (typo correction and declining).
Run once by hand when the list should change: ``pip install wordfreq && python scripts/make_word_frequencies.py``.
The figures come from wordfreq (Robyn Speer et al.), whose data is licensed CC BY-SA 4.0.
"""

from __future__ import annotations

import re
from pathlib import Path

from wordfreq import top_n_list, zipf_frequency

SIZE = 30_000
OUT = Path(__file__).resolve().parent.parent / "chatbot" / "data" / "english_words.tsv"


def main() -> None:
    words = [w for w in top_n_list("en", 2 * SIZE) if re.fullmatch(r"[a-z]+", w)][:SIZE]
    lines = ["# word<TAB>Zipf frequency in English; from wordfreq, data CC BY-SA 4.0"]
    lines += [f"{w}\t{zipf_frequency(w, 'en'):.2f}" for w in words]
    OUT.write_text("\n".join(lines) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()

"""Write the sentence vectors of the example messages in chatbot/data (emergency_examples.npz and
smalltalk_examples.npz), so the server reads them at start-up instead of computing them.

Run after changing the examples: ``python scripts/embed_examples.py``.
"""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from chatbot import alarms, smalltalk
from chatbot.semantic import default_encoder, save_vectors


def main() -> None:
    emergencies, others = alarms.load_examples()
    small_talk = [text for _, text in smalltalk.load_examples()]
    for path, texts in ((alarms.VECTORS_FILE, emergencies + others), (smalltalk.VECTORS_FILE, small_talk)):
        count = save_vectors(path, default_encoder(), texts)
        print(f"saved {count} sentence vectors to {path}")


if __name__ == "__main__":
    main()

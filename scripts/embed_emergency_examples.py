"""Write chatbot/data/emergency_examples.npz: the sentence vectors of the example messages in
chatbot/data/emergency_examples.jsonl, so the server reads them at start-up instead of computing them.

Run after changing the examples: ``python scripts/embed_emergency_examples.py``.
"""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from chatbot.alarms import VECTORS_FILE, load_examples
from chatbot.semantic import default_encoder, save_vectors


def main() -> None:
    emergencies, others = load_examples()
    count = save_vectors(VECTORS_FILE, default_encoder(), emergencies + others)
    print(f"saved {count} sentence vectors to {VECTORS_FILE}")


if __name__ == "__main__":
    main()

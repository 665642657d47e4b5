"""python -m chatbot -> the command line."""

from .cli import main

raise SystemExit(main())

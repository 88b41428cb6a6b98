"""`python -m tokenizer`: the command line (see `tokenizer/cli.py`)."""

from .cli import main

raise SystemExit(main())

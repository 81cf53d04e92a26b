"""`python -m app` starts Retro exactly like the `retro` command."""

from app.cli import main

raise SystemExit(main())

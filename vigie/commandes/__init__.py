"""One module per command of `python -m vigie` (discovered by `vigie/cli.py`)."""

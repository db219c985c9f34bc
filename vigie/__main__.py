"""`python -m vigie ...` : la ligne de commande (voir `vigie/cli.py`)."""

import sys

from vigie.cli import principal

sys.exit(principal())

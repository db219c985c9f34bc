"""`python -m vigie ...`: the command line (see `vigie/cli.py`)."""

import sys

from vigie.cli import principal

sys.exit(principal())

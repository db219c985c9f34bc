"""`python -m vigie ...` : la ligne de commande (voir `vigie/cli.py`)."""

import sys

from vigie.cli import principal

if __name__ == "__main__":  # un processus « spawn » réimporte ce module sans vouloir la commande
    sys.exit(principal())

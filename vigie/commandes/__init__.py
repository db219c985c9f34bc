"""Un module par commande de `python -m vigie` (découverts par `vigie/cli.py`)."""

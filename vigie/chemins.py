"""Où sont les choses sur le disque : dossiers du dépôt, base construite, base de l'utilisateur.

Chaque chemin part de l'emplacement de ce fichier, jamais du dossier courant : l'application et la
ligne de commande se comportent de même où qu'on les lance. Des variables d'environnement
permettent aux tests et aux lots de viser une autre base.
"""

from __future__ import annotations

import os
from pathlib import Path

RACINE = Path(__file__).resolve().parent.parent
DOSSIER_SQL = RACINE / "sql"
DOSSIER_SCHEMA = DOSSIER_SQL / "schema"
DOSSIER_VUES = DOSSIER_SQL / "views"
DOSSIER_CHARGEMENT = DOSSIER_SQL / "load"
DOSSIER_REQUETES = DOSSIER_SQL / "queries"
DOSSIER_DONNEES = RACINE / "data"
DOSSIER_DEMO = DOSSIER_DONNEES / "demo"
DOSSIER_REFERENCE = DOSSIER_DONNEES / "reference"


def dossier_reference() -> Path:
    """Les paramètres de référence (services, groupes d'âges, ratios de demande) : le dossier livré
    `data/reference`, ou celui de `VIGIE_REFERENCE` (un test y ajoute un service fictif, un
    chargé d'études y essaie un service avant de le proposer)."""
    return Path(os.environ.get("VIGIE_REFERENCE", DOSSIER_REFERENCE))


def chemin_base() -> Path:
    """La base construite à partir des sources (remplacée à chaque `python -m vigie build`)."""
    return Path(os.environ.get("VIGIE_BASE", DOSSIER_DONNEES / "vigie.duckdb"))


def chemin_base_utilisateur() -> Path:
    """La base propre à l'utilisateur (scénarios, territoires, réglages) : une reconstruction n'y touche pas."""
    defaut = DOSSIER_DONNEES / "utilisateur" / "vigie_utilisateur.duckdb"
    return Path(os.environ.get("VIGIE_BASE_UTILISATEUR", defaut))


def chemin_previsions() -> Path:
    """Les prévisions d'usage, écrites par `python -m vigie forecast` à côté de la base."""
    defaut = chemin_base().with_name("previsions.duckdb")
    return Path(os.environ.get("VIGIE_PREVISIONS", defaut))

"""La mémoire des lectures : chaque fichier lu une fois, relu ensuite en quelques millisecondes.

Lire un fichier officiel (ouvrir le classeur, reconnaître le format, valider chaque ligne) coûte
jusqu'à quelques secondes ; un import qui ajoute un fichier, une reconstruction qui rejoue les
fichiers gardés, un import de dossier qui écarte un fichier refusé relisent des fichiers déjà lus.
Le `Lot` lu est donc gardé, sérialisé (pickle), dans `cache_lectures/` à côté de la base de
l'utilisateur, sous une clé faite de l'empreinte SHA-256 du contenu, du nom donné par
l'utilisateur et d'une empreinte du code des lecteurs (`formats/`, `lecture.py`, `lot.py`) : un
fichier changé, renommé, ou une nouvelle version de Vigie relisent le fichier. Ce dossier est à
l'utilisateur seul (comme ses imports) ; le supprimer ne fait que relire les fichiers.
"""

from __future__ import annotations

import hashlib
import os
import pickle
from functools import cache
from pathlib import Path

from vigie import chemins
from vigie.alimentation.importation.lot import Lot

PAQUET = Path(__file__).resolve().parent


def dossier() -> Path:
    """`cache_lectures/` à côté de la base de l'utilisateur (jamais dans le dépôt)."""
    return chemins.chemin_base_utilisateur().parent / "cache_lectures"


@cache
def version_lecteurs() -> str:
    """Empreinte du code qui lit les fichiers : une lecture gardée par une autre version est
    ignorée."""
    h = hashlib.sha256()
    fichiers = sorted((PAQUET / "formats").glob("*.py")) + [
        PAQUET / "lecture.py",
        PAQUET / "lot.py",
    ]
    for chemin in fichiers:
        h.update(chemin.name.encode())
        h.update(chemin.read_bytes())
    return h.hexdigest()[:16]


def _chemin(sha256: str, nom: str) -> Path:
    cle = hashlib.sha256(f"{sha256}|{nom}|{version_lecteurs()}".encode()).hexdigest()[:32]
    return dossier() / f"{cle}.pickle"


def retrouver(sha256: str, nom: str, chemin: Path) -> Lot | None:
    """Le lot gardé pour ce contenu et ce nom, pointant vers `chemin`, ou None."""
    fichier = _chemin(sha256, nom)
    if not fichier.is_file():
        return None
    try:
        with open(fichier, "rb") as f:
            lot = pickle.load(f)  # noqa: S301 - fichier écrit par Vigie dans le dossier de l'utilisateur
    except (OSError, pickle.UnpicklingError, EOFError, AttributeError, ImportError):
        return None  # mémoire abîmée ou d'une autre version : on relit le fichier
    if not isinstance(lot, Lot) or lot.sha256 != sha256:
        return None
    lot.chemin = chemin
    return lot


def garder(lot: Lot) -> None:
    """Garde un lot lu (écriture atomique ; une erreur d'écriture n'empêche pas l'import)."""
    cible = _chemin(lot.sha256, lot.nom)
    provisoire = cible.with_name(f"{cible.name}.tmp-{os.getpid()}")
    try:
        cible.parent.mkdir(parents=True, exist_ok=True)
        with open(provisoire, "wb") as f:
            pickle.dump(lot, f, protocol=pickle.HIGHEST_PROTOCOL)
        os.replace(provisoire, cible)
    except OSError:
        provisoire.unlink(missing_ok=True)  # disque plein : pas de moitié de lot laissée
        return

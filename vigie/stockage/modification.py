"""Modifier la base construite d'un bloc : sur une copie, contrôlée, puis mise à la place de
l'originale par un renommage atomique. Tout ou rien : une erreur, ou un contrôle de `sql/checks/`
en échec, laisse la base telle qu'elle était.

Ce module possède cette écriture atomique pour toutes les ailes qui changent la base après sa
construction : les importations (`vigie.alimentation.importation.depot`) et les territoires de
l'utilisateur (`vigie.reglages.territoires`), qui n'ont ainsi pas à s'importer l'un l'autre.
"""

from __future__ import annotations

import os
import shutil
from collections.abc import Callable
from pathlib import Path
from typing import TypeVar

from vigie import chemins
from vigie.stockage import base, controles

R = TypeVar("R")


class ControlesEnEchec(RuntimeError):
    """Des contrôles d'intégrité de `sql/checks/` échouent après la modification ; la base est
    inchangée.

    Attributes:
        problemes: une phrase en français par contrôle en échec (`controles.executer`).
    """

    def __init__(self, cible: Path, problemes: list[str]) -> None:
        self.cible = cible
        self.problemes = problemes
        super().__init__(
            f"{cible.name} : contrôles d'intégrité en échec après la modification : "
            + " ; ".join(problemes)
            + ". La base est inchangée."
        )


def modifier_base(
    fonction: Callable[[base.Connexion], R],
    chemin: Path | None = None,
    avant_remplacement: Callable[[], None] | None = None,
    progression: Callable[[str, float], None] | None = None,
) -> R:
    """Applique `fonction` à une copie de la base construite, la contrôle, puis la met à la place de
    l'originale ; rend ce que `fonction` a rendu.

    Les instructions sont validées une à une dans la copie (DuckDB refuse de supprimer une ligne
    dont les lignes qui la référencent ont été supprimées plus tôt dans la même transaction) : le
    tout-ou-rien vient de la copie, qui ne remplace la base qu'une fois complète et contrôlée et
    qui est effacée sinon.

    Args:
        fonction: reçoit une connexion en écriture à la copie.
        chemin: la base à modifier (défaut : `chemins.chemin_base()`).
        avant_remplacement: appelé après les contrôles, juste avant le renommage (par exemple pour
            ranger les fichiers importés) ; une erreur levée ici laisse aussi la base inchangée.
        progression: reçoit (message, fraction) pour une barre de progression.

    Raises:
        base.BaseIntrouvable: la base n'existe pas encore.
        ControlesEnEchec: un contrôle de `sql/checks/` échoue sur la copie.
    """
    cible = Path(chemin or chemins.chemin_base())
    if not cible.exists():
        raise base.BaseIntrouvable(
            f"La base {cible} n'existe pas encore. Lancez « python -m vigie build » d'abord."
        )
    provisoire = cible.with_name(f"{cible.name}.tmp-import-{os.getpid()}")
    if progression:
        progression("Copie de la base", 0.05)
    shutil.copyfile(cible, provisoire)
    try:
        con = base.ouvrir(provisoire)
        try:
            resultat = fonction(con)
            problemes = controles.executer(con)
            if problemes:
                raise ControlesEnEchec(cible, problemes)
            con.execute("checkpoint")
        finally:
            con.close()
        if avant_remplacement:
            avant_remplacement()
        os.replace(provisoire, cible)
        return resultat
    finally:
        provisoire.unlink(missing_ok=True)
        provisoire.with_name(provisoire.name + ".wal").unlink(missing_ok=True)

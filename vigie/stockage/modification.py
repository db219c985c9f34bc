"""Modifier la base construite d'un bloc : sur une copie, contrôlée, puis mise à la place de
l'originale par un renommage atomique, sous le verrou d'écriture du dossier. Tout ou rien : une
erreur, ou un contrôle de `sql/checks/` en échec, laisse la base telle qu'elle était.

Ce module possède cette écriture atomique pour toutes les ailes qui changent la base après sa
construction : les importations (`vigie.alimentation.importation.depot`) et les territoires de
l'utilisateur (`vigie.reglages.territoires`), qui n'ont ainsi pas à s'importer l'un l'autre
(issue 13 : la version de l'importation était la seule à jour, les territoires l'importaient
dans une fonction, d'où un cycle).
"""

from __future__ import annotations

import shutil
from collections.abc import Callable
from pathlib import Path
from typing import TypeVar

from vigie import chemins
from vigie.stockage import base, controles, disque, integrite, verrou

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
    quoi: str = "modification de la base",
    attente: Callable[[verrou.Occupant], None] | None = None,
) -> R:
    """Applique `fonction` à une copie de la base construite, la contrôle, puis la met à la place de
    l'originale ; rend ce que `fonction` a rendu.

    Le tout se fait sous le verrou d'écriture du dossier (une construction ou un import en cours :
    on attend son tour, au lieu d'effacer son travail ou de perdre le nôtre, issue 16). Les
    instructions sont validées une à une dans la copie (DuckDB refuse de supprimer une ligne dont
    les lignes qui la référencent ont été supprimées plus tôt dans la même transaction) : le
    tout-ou-rien vient de la copie, qui ne remplace la base qu'une fois complète, contrôlée et
    munie de son relevé d'empreintes, et qui est effacée sinon. L'écriture terminée s'inscrit au
    journal du dossier.

    Args:
        fonction: reçoit une connexion en écriture à la copie.
        chemin: la base à modifier (défaut : `chemins.chemin_base()`).
        avant_remplacement: appelé après les contrôles, juste avant le renommage (par exemple pour
            ranger les fichiers importés) ; une erreur levée ici laisse aussi la base inchangée.
        progression: reçoit (message, fraction) pour une barre de progression.
        quoi: ce qui écrit, en mots (pour ceux qui attendent le verrou, et pour le journal).
        attente: appelée tant qu'un autre écrivain tient le verrou (`verrou.ecriture`).

    Raises:
        base.BaseIntrouvable: la base n'existe pas encore.
        ControlesEnEchec: un contrôle de `sql/checks/` échoue sur la copie.
        verrou.EcritureOccupee: le dossier est resté en cours d'écriture trop longtemps.
        disque.DisquePlein: le disque est plein ; la copie est effacée, la base intacte.
    """
    cible = Path(chemin or chemins.chemin_base())
    with disque.ecriture(quoi, cible.parent), verrou.ecriture(cible, quoi, attente=attente):
        if not cible.exists():
            raise base.BaseIntrouvable(
                f"La base {cible} n'existe pas encore. Lancez « python -m vigie build » d'abord."
            )
        # Ce qu'un import, une construction ou un lot tué avant son renommage a laissé (la copie
        # d'un import tué pesait 169 Mo et s'accumulait à chaque fois : issue 16).
        integrite.nettoyer_provisoires(cible)
        provisoire = integrite.provisoire(cible, "import")
        try:
            if progression:
                progression("Copie de la base", 0.05)
            shutil.copyfile(cible, provisoire)
            con = base.ouvrir(provisoire)
            try:
                resultat = fonction(con)
                problemes = controles.executer(con)
                if problemes:
                    raise ControlesEnEchec(cible, problemes)
                base.executer(con, "construction/terminer")
            finally:
                con.close()
            integrite.ecrire_releve(provisoire)
            if avant_remplacement:
                avant_remplacement()
            integrite.remplacer(provisoire, cible)
        finally:
            integrite.liberer(provisoire)
        verrou.inscrire_au_journal(cible, f"{quoi} terminé")
        return resultat

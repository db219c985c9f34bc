"""Les messages d'erreur de DuckDB rendus lisibles pour les analystes : une phrase en français, la
ligne et la colonne.

DuckDB signale `Parser Error: syntax error at or near "="` suivi de `LINE 4: where x = = 2` et d'un
« ^ » sous le coupable. Les contrôles des vues (`vigie.stockage.vues`) et l'explorateur
SQL (`vigie.stockage.bac_a_sable`) en font tous deux « ligne 4, colonne 11 : erreur de syntaxe près
de « = » », pour que l'analyste sache où regarder et de quel genre d'erreur il s'agit.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

_LIGNE = re.compile(r"^LINE (\d+): ?(.*)$")
_PROCHE = re.compile(r'syntax error at or near "(.*)"')
_FIN = re.compile(r"syntax error at end of input")
_COLONNE = re.compile(r'Referenced column "(.*?)" not found')
_TABLE = re.compile(r"Table with name (.*?) does not exist")
_FONCTION = re.compile(r"(?:Scalar|Table|Aggregate) Function with name (.*?) does not exist")
_CANDIDATS = re.compile(r"Candidate bindings: (.*)$")
_SUGGESTION = re.compile(r'Did you mean "(.*?)"')

# Classe d'erreur DuckDB -> ce qu'elle signifie pour l'analyste.
NATURES = {
    "Parser Error": "erreur de syntaxe",
    "Binder Error": "nom ou expression incorrecte",
    "Catalog Error": "objet inconnu",
    "Conversion Error": "conversion de type impossible",
    "Invalid Input Error": "entrée invalide",
    "Out of Range Error": "valeur hors limites",
    "Permission Error": "accès refusé",
    "Out of Memory Error": "mémoire insuffisante",
    "INTERRUPT Error": "requête interrompue",
}


@dataclass(frozen=True)
class ErreurLocalisee:
    """Une erreur DuckDB en français, avec sa ligne et sa colonne dans le texte de l'analyste
    (comptées à partir de 1)."""

    message: str
    ligne: int | None = None
    colonne: int | None = None

    def __str__(self) -> str:
        return f"{self.position()} : {self.message}" if self.ligne else self.message

    def position(self) -> str:
        if not self.ligne:
            return ""
        return f"ligne {self.ligne}" + (f", colonne {self.colonne}" if self.colonne else "")


def traduire(message: str) -> str:
    """La première ligne d'une erreur DuckDB, en français, avec un indice si DuckDB en donne un."""
    lignes = [ligne for ligne in str(message).splitlines() if ligne.strip()]
    premiere = lignes[0] if lignes else str(message)
    nature, _, detail = premiere.partition(": ")
    francais = NATURES.get(nature)
    if francais is None:
        return premiere
    if m := _PROCHE.search(detail):
        texte = f"erreur de syntaxe près de « {m.group(1)} »"
    elif _FIN.search(detail):
        texte = (
            "erreur de syntaxe : la requête s'arrête trop tôt (parenthèse ou clause manquante ?)"
        )
    elif m := _COLONNE.search(detail):
        texte = f"colonne inconnue « {m.group(1)} »"
    elif m := _FONCTION.search(detail):
        texte = f"fonction inconnue « {m.group(1)} »"
    elif m := _TABLE.search(detail):
        texte = f"table ou vue inconnue « {m.group(1)} »"
    else:
        texte = f"{francais} ({detail.strip()})"
    for ligne in lignes[1:]:
        if m := _CANDIDATS.search(ligne):
            texte += f" ; colonnes possibles : {m.group(1)}"
            break
    if m := _SUGGESTION.search(str(message)):
        texte += f" ; vouliez-vous dire « {m.group(1)} » ?"
    return texte


def localiser(
    message: str, texte: str, premiere_ligne: int = 1, premiere_colonne: int = 1
) -> ErreurLocalisee:
    """Situe une erreur DuckDB dans `texte`, l'instruction telle qu'elle a été exécutée.

    Args:
        message: le texte de l'exception DuckDB.
        texte: le SQL exécuté (DuckDB compte les lignes à partir de son début).
        premiere_ligne: ligne du fichier où commence `texte` (1 quand c'est le texte entier).
        premiere_colonne: colonne où commence `texte` sur cette ligne.
    """
    lignes = str(message).splitlines()
    ligne = colonne = None
    for i, courante in enumerate(lignes):
        m = _LIGNE.match(courante)
        if not m:
            continue
        relative = int(m.group(1))
        ligne = premiere_ligne + relative - 1
        affiche = m.group(2)
        prefixe = len(courante) - len(affiche)
        if i + 1 < len(lignes) and "^" in lignes[i + 1]:
            curseur = lignes[i + 1].index("^") - prefixe
            colonne = _colonne(texte, relative, affiche, curseur)
            if colonne is not None and relative == 1:
                colonne += premiere_colonne - 1
        break
    return ErreurLocalisee(traduire(message), ligne, colonne)


def _colonne(texte: str, ligne: int, affiche: str, curseur: int) -> int | None:
    """La colonne du « ^ » (à partir de 1) : DuckDB peut couper une longue ligne et la faire
    commencer par '...'."""
    lignes = texte.splitlines()
    if not 1 <= ligne <= len(lignes) or curseur < 0:
        return None
    vraie = lignes[ligne - 1]
    if affiche.startswith("..."):
        debut = vraie.find(affiche[3:].rstrip(". "))
        return debut + curseur - 3 + 1 if debut >= 0 else None
    return curseur + 1

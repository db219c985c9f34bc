"""Outils partagés par les lecteurs de formats : recherche de l'en-tête dans les CSV et les
feuilles, année du COG dans les lignes de titre, normalisation des codes communes."""

from __future__ import annotations

import csv
import re
from collections.abc import Callable, Iterator

import pandas as pd

from vigie import chemins
from vigie.alimentation.importation.erreurs import ErreurImport
from vigie.alimentation.importation.lecture import (
    Feuille,
    Fichier,
    exiger_colonnes,
    nombre,
    trouver_entete,
)
from vigie.format_fr import nombre as en_chiffres

RE_GEOGRAPHIE = [
    re.compile(r"[Gg][ée]ographie au 0?1/0?1/(\d{4})"),
    re.compile(r"limites territoriales en vigueur au 1er janvier (\d{4})"),
    re.compile(r"[Gg][ée]ographie (?:au 1er janvier |)(\d{4})"),
]


def feuille_avec(fichier: Fichier, colonnes: list[str]) -> tuple[Feuille, int] | None:
    """La première feuille (ou le CSV) dont la ligne d'en-tête a toutes les `colonnes`, avec
    l'indice de cette ligne."""
    return feuille_ou(fichier, lambda feuille: trouver_entete(feuille, colonnes))


def reconnu_a_ses_colonnes(colonnes: list[str]) -> Callable[[Fichier], bool]:
    """Le test de reconnaissance d'un format qui se reconnaît à son en-tête : vrai quand une
    feuille du fichier (ou le CSV) a toutes les ``colonnes``."""

    def reconnaitre(fichier: Fichier) -> bool:
        return feuille_avec(fichier, colonnes) is not None

    return reconnaitre


def feuille_et_colonnes(
    fichier: Fichier, colonnes: list[str], autres: list[str] = ()
) -> tuple[Feuille, int, dict[str, int]]:
    """La feuille (ou le CSV) d'un format reconnu à ses `colonnes`, sa ligne d'en-tête, et la
    position de chacune de ces colonnes et des `autres` qu'il doit avoir aussi.

    Raises:
        ErreurImport: une des `autres` manque (le message la nomme, `lecture.exiger_colonnes`).
    """
    feuille, i = feuille_avec(fichier, colonnes)
    return feuille, i, exiger_colonnes(fichier.nom, feuille, i, [*colonnes, *autres])


def nombre_cellule(
    fichier: Fichier, feuille: Feuille, k: int, j: int, colonne: str, **bornes
) -> float | None:
    """Le nombre de la cellule (ligne `k`, colonne `j`) d'une feuille, None si elle est vide (le
    secret statistique, une année sans valeur, une ligne plus courte que l'en-tête) ; illisible,
    une `ErreurImport` qui nomme le fichier, la feuille, la ligne et `colonne` (l'en-tête montré
    à l'utilisateur).

    `bornes` : `maximum` et `entier`, comme pour `lecture.nombre`."""
    ligne = feuille.lignes[k]
    return nombre(
        ligne[j] if j < len(ligne) else "",
        fichier.nom,
        feuille.numeros[k],
        colonne,
        feuille.nom,
        vide_permis=True,
        **bornes,
    )


def ligne_entete(
    feuille: Feuille, condition: Callable[[list[str]], bool], lignes_lues: int = 15
) -> int | None:
    """La première des `lignes_lues` premières lignes dont les textes (une liste, colonne par
    colonne) remplissent `condition` : la ligne d'en-tête d'une disposition, sous ses titres."""
    for i in range(min(lignes_lues, len(feuille.lignes))):
        if condition([feuille.texte(i, j) for j in range(len(feuille.lignes[i]))]):
            return i
    return None


def feuille_ou(
    fichier: Fichier, entete: Callable[[Feuille], int | None]
) -> tuple[Feuille, int] | None:
    """La première feuille (ou le CSV) où `entete` trouve la ligne d'en-tête, avec cette ligne :
    pour les dispositions qu'une liste de colonnes ne suffit pas à reconnaître."""
    for feuille in fichier.feuilles:
        i = entete(feuille)
        if i is not None:
            return feuille, i
    return None


def textes_titre(feuille: Feuille, jusqua: int) -> list[str]:
    """Les lignes de commentaire (CSV) et le texte des lignes de titre au-dessus de l'en-tête
    (classeur)."""
    textes = list(feuille.commentaires)
    for i in range(min(jusqua, len(feuille.lignes))):
        textes.extend(feuille.texte(i, j) for j in range(len(feuille.lignes[i])))
    return [t for t in textes if t]


def annee_geographie(textes: list[str]) -> int | None:
    """L'année du COG indiquée dans les lignes de titre (« Géographie au 01/01/2024 »), s'il y en a
    une."""
    for texte in textes:
        for motif in RE_GEOGRAPHIE:
            m = motif.search(texte)
            if m:
                return int(m.group(1))
    return None


def code_commune(valeur: str, fichier: str, ligne: int, colonne: str, feuille=None) -> str:
    """Un code commune INSEE de 5 caractères ('29151', '2A004') ; '1001' lu comme un nombre ->
    '01001'.

    Raises:
        ErreurImport: ce n'est pas un code commune.
    """
    code = str(valeur).strip()
    if code.endswith(".0"):
        code = code[:-2]
    if len(code) == 4 and code.isdigit():
        code = "0" + code
    if not re.fullmatch(r"(\d{5}|2[AB]\d{3})", code):
        raise ErreurImport(
            fichier,
            f"« {valeur} » n'est pas un code commune INSEE (5 caractères, ex. 29151 ou 2A004).",
            "Vérifiez la colonne : elle doit contenir le code officiel géographique, pas le code "
            "postal ni le nom.",
            ligne=ligne,
            colonne=colonne,
            feuille=feuille,
        )
    return code


def code_departement(valeur) -> str:
    """'1' ou 1.0 -> '01', '2A' -> '2A', '971' -> '971'."""
    code = str(valeur).strip()
    if code.endswith(".0"):
        code = code[:-2]
    return code.zfill(2) if code.isdigit() and len(code) < 2 else code


def lignes_communes(
    fichier: Fichier, feuille: Feuille, i: int, j: int, colonne: str
) -> Iterator[tuple[int, int, str]]:
    """(rang, numéro de ligne du fichier, code commune) de chaque ligne sous l'en-tête `i` dont la
    colonne `j` (nommée `colonne` dans les messages) porte un code ; les lignes vides sont sautées.

    Raises:
        ErreurImport: un code qui n'est pas un code commune (`code_commune`).
    """
    for k in range(i + 1, len(feuille.lignes)):
        brut = feuille.texte(k, j)
        if brut:
            numero = feuille.numeros[k]
            yield k, numero, code_commune(brut, fichier.nom, numero, colonne, feuille.nom)


# La France compte moins de 35 000 communes (36 700 avant les fusions de 2015–2019) : un fichier
# d'une ligne par commune ne peut pas en avoir beaucoup plus, quelle que soit sa géographie.
LIGNES_PAR_COMMUNE_MAX = 60_000


def borner_une_ligne_par_commune(feuille, i_entete: int, fichier: str) -> None:
    """Refuse, avant de le lire, un fichier « une ligne par commune » qui a bien plus de lignes
    que la France n'a de communes : sa lecture remplirait la mémoire pour rien."""
    lignes = len(feuille.lignes) - i_entete - 1
    if lignes > LIGNES_PAR_COMMUNE_MAX:
        raise ErreurImport(
            fichier,
            f"{en_chiffres(lignes)} lignes de données, alors que ce fichier donne une ligne par "
            f"commune et que la France en compte moins de {en_chiffres(LIGNES_PAR_COMMUNE_MAX)}.",
            "Reprenez le fichier original de l'éditeur (celui-ci a été concaténé ou altéré).",
            feuille=feuille.nom,
        )


def verifier_doublons(
    df: pd.DataFrame, cles: list[str], fichier: str, colonne: str, feuille: str | None = None
) -> None:
    """Refuse un fichier où la même clé figure deux fois (en nommant la seconde ligne)."""
    doublons = df[df.duplicated(cles, keep="first")]
    if not doublons.empty:
        premier = doublons.iloc[0]
        valeurs = ", ".join(str(premier[c]) for c in cles)
        raise ErreurImport(
            fichier,
            f"ligne en double ({valeurs} figure déjà plus haut).",
            "Supprimez le doublon ou reprenez le fichier original de l'éditeur.",
            ligne=int(premier["_ligne"]),
            colonne=colonne,
            feuille=feuille,
        )


def nature_depuis_nom(nom: str) -> str | None:
    """CC, CA, CU, ME d'après le nom d'un EPCI, quand un fichier n'a pas de colonne de nature."""
    n = nom.lower()
    if n.startswith("métropole") or n.startswith("metropole"):
        return "ME"
    for debut, nature in [
        ("communauté urbaine", "CU"),
        ("cu ", "CU"),
        ("communauté d'agglomération", "CA"),
        ("ca ", "CA"),
        ("communauté de communes", "CC"),
        ("cc ", "CC"),
    ]:
        if n.startswith(debut):
            return nature
    return None


def correspondance_equipements(source: str) -> dict[str, dict]:
    """Les lignes de `data/reference/correspondance_equipements.csv` d'une source ('education',
    'finess_categorie'), par code : service, libellé, unité de capacité, modes exclus."""
    chemin = chemins.DOSSIER_REFERENCE / "correspondance_equipements.csv"
    with open(chemin, encoding="utf-8", newline="") as f:
        lignes = csv.DictReader((ligne for ligne in f if not ligne.startswith("#")), delimiter=";")
        return {ligne["code"]: ligne for ligne in lignes if ligne["source"] == source}

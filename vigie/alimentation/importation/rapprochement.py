"""Rattacher à son code INSEE une commune qu'un fichier ne donne que par son nom.

Les fichiers d'effectifs de l'Éducation nationale (`fr-en-ecoles-effectifs-nb_classes`,
`fr-en-college-effectifs-niveau-sexe-lv`) nomment la commune en capitales sans accents
(« SAINT-AUBIN-DU-CORMIER », « TRESBOEUF ») et donnent l'établissement par son UAI, dont les trois
premiers caractères disent le département. Le nom est comparé, dans ce département, aux noms du
COG déjà importé : noms actuels d'abord, puis anciens noms et anciennes communes des événements du
COG (« FLEURIGNE », fusionnée en 2024 dans La Chapelle-Fleurigné), ramenés au code actuel.
Accents, ligatures (œ), traits d'union, apostrophes, « Saint »/« St », article final entre
parenthèses (« CHAPELLE-JANSON (LA) ») et mention CEDEX ne comptent pas. Un nom porté par deux
communes du département (homonymes) n'est pas deviné : il est compté parmi les non rattachés.

Les lignes non rattachées ne sont pas écrites ; leur nombre et leurs noms sont dits à l'utilisateur.
"""

from __future__ import annotations

import re
import unicodedata

import pandas as pd

from vigie.alimentation import geographie_cog as geographie
from vigie.alimentation.importation.erreurs import ErreurImport
from vigie.format_fr import nombre, pourcentage
from vigie.stockage import base

SQL = "load/importation/"
PREFIXE_REMARQUE = "Communes rattachées par leur nom au COG"
LIGATURES = str.maketrans({"œ": "oe", "Œ": "OE", "æ": "ae", "Æ": "AE", "’": "'"})


def normaliser(nom: str) -> str:
    """La forme comparée d'un nom de commune : `Saint-Père` et `ST PERE` donnent `ST PERE`."""
    texte = str(nom).translate(LIGATURES)
    texte = unicodedata.normalize("NFKD", texte).encode("ascii", "ignore").decode().upper()
    texte = re.sub(r"\s+CEDEX.*$", "", texte)
    texte = re.sub(r"[-'\s]+", " ", texte).strip()
    article = re.fullmatch(r"(.*) \((LE|LA|LES|L)\)", texte)
    if article:
        texte = f"{article.group(2)} {article.group(1)}"
    texte = re.sub(r"\bSAINTE\b", "STE", texte)
    return re.sub(r"\bSAINT\b", "ST", texte)


def departement_uai(uai: str) -> str:
    """Le département d'un établissement d'après son UAI : `0350103X` -> `35`, `620…` -> `2A`."""
    tete = str(uai)[:3]
    if tete == "620":
        return "2A"
    if tete == "720":
        return "2B"
    return tete[1:] if tete.startswith("0") else tete


def _index(con) -> tuple[dict, dict]:
    """(département, nom normalisé) -> codes actuels, pour les noms actuels et pour les anciens."""
    referentiel = {c for (c,) in base.executer(con, SQL + "codes_communes").fetchall()}
    passage = geographie.table_passage(con)
    actuels: dict[tuple[str, str], set[str]] = {}
    anciens: dict[tuple[str, str], set[str]] = {}
    for code, nom, dep, rang in base.executer(con, SQL + "noms_communes_rapprochement").fetchall():
        if rang == 0:
            actuels.setdefault((dep, normaliser(nom)), set()).add(code)
            continue
        actuel = geographie.code_actuel(code, referentiel, passage)
        if actuel is not None:
            anciens.setdefault((dep, normaliser(nom)), set()).add(actuel)
    return actuels, anciens


def rattacher(con: base.Connexion, lot, df: pd.DataFrame) -> tuple[pd.DataFrame, str]:
    """Donne `code_commune` aux lignes de `df` (colonnes `_nom_commune`, `_code_dep`).

    Rend les lignes rattachées et la phrase qui dit combien l'ont été et lesquelles non.

    Raises:
        ErreurImport: aucune commune dans la base (le COG n'a pas été importé) ou aucune ligne
            rattachée.
    """
    actuels, anciens = _index(con)
    if not actuels:
        raise ErreurImport(
            lot.nom,
            "la commune de chaque établissement n'est donnée que par son nom, et la base ne "
            "contient encore aucune commune à qui le comparer.",
            "Importez d'abord le COG de l'INSEE (v_commune_AAAA.csv et v_mvt_commune_AAAA.csv), "
            "puis ce fichier.",
        )
    codes: dict[tuple[str, str], str | None] = {}
    homonymes: set[tuple[str, str]] = set()
    for dep, nom in df[["_code_dep", "_nom_commune"]].drop_duplicates().itertuples(index=False):
        cle = (dep, normaliser(nom))
        trouves = actuels.get(cle) or anciens.get(cle) or set()
        codes[(dep, nom)] = next(iter(trouves)) if len(trouves) == 1 else None
        if len(trouves) > 1:
            homonymes.add((dep, nom))
    cles = list(zip(df["_code_dep"], df["_nom_commune"], strict=True))
    resultat = df.assign(code_commune=[codes[c] for c in cles])
    rattaches = resultat[resultat["code_commune"].notna()]
    manques = resultat[resultat["code_commune"].isna()]
    if rattaches.empty:
        premiere = manques.sort_values("_ligne").iloc[0]
        raise ErreurImport(
            lot.nom,
            f"aucune commune du fichier n'a été trouvée dans le COG importé (par exemple "
            f"« {premiere['_nom_commune']} », département {premiere['_code_dep']}).",
            "Importez le COG de l'INSEE qui couvre ce département (v_commune_AAAA.csv et "
            "v_mvt_commune_AAAA.csv), puis ce fichier.",
            ligne=int(premiere["_ligne"]),
            colonne=lot.colonne_commune,
        )
    # Compté en lignes du fichier (une ligne peut en donner plusieurs : une par niveau scolaire).
    total, n_rattaches = resultat["_ligne"].nunique(), rattaches["_ligne"].nunique()
    phrase = (
        f"{PREFIXE_REMARQUE} : {nombre(n_rattaches)} lignes sur {nombre(total)} "
        f"({pourcentage(n_rattaches / total)})"
    )
    if manques.empty:
        return rattaches, phrase + ", toutes rattachées."
    par_nom = manques.groupby(["_code_dep", "_nom_commune"])["_ligne"].agg(["nunique", "min"])
    noms = [
        f"{nom} ({dep}, {nombre(n)} ligne{'s' if n > 1 else ''} dès la ligne {premiere}"
        + (", homonymes dans le département" if (dep, nom) in homonymes else "")
        + ")"
        for (dep, nom), (n, premiere) in par_nom.sort_values("min").iterrows()
    ]
    suite = f" et {len(noms) - 10} autres" if len(noms) > 10 else ""
    return rattaches, (
        phrase
        + f" ; {nombre(manques['_ligne'].nunique())} non rattachées, laissées de côté : "
        + ", ".join(noms[:10])
        + suite
        + ". Vérifiez le nom de ces communes dans le fichier (un "
        "nom mal orthographié ou une commune d'un autre département)."
    )

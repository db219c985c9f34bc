"""DREES : bénéficiaires de l'allocation personnalisée d'autonomie (APA), classeurs de présentation.

Deux classeurs publiés par la DREES (enquête Aide sociale), lus tels quels :

- `dataDrees_APA_par_sexe_et_age.xlsx` (feuilles `sexeage2016` à `sexeage2018`) et la feuille
  `G01` de la fiche 15 de « L'aide et l'action sociales en France » (`aas19_15_…xlsx`) : part des
  bénéficiaires dans la population par sexe et tranche d'âge, fin décembre, en trois colonnes
  « APA en établissement », « APA à domicile », « TOTAL » (dans un ordre qui change d'une feuille à
  l'autre : elles sont lues par leur intitulé), le sexe écrit une fois en tête de son bloc
  (« Hommes », « Femmes », « Total ») ;
- la feuille `C01` de la même fiche : part des bénéficiaires vivant en établissement, par
  département (code, nom, part), en décembre de l'année du titre.

L'année vient du titre de la feuille (« … fin décembre 2018 », « … fin 2016 »). Champ : France
métropolitaine et DROM hors Mayotte (code `FRDROM`). Les feuilles de répartition (`age2016`…)
ne sont pas des taux et ne sont pas lues ; la série annuelle `T01` non plus (nationale, sans âge).

Une erreur de la publication est repérée plutôt que recopiée : dans `sexeage2017`, `sexeage2018`
et `G01`, la colonne « APA en établissement » du bloc « Total » reprend mot pour mot celle des
hommes ; ces lignes sont laissées de côté (les taux par sexe restent) et l'utilisateur en est averti.
"""

from __future__ import annotations

import re

import pandas as pd

from vigie.alimentation.importation.erreurs import ErreurImport
from vigie.alimentation.importation.formats.commun import (
    code_departement,
    nombre_cellule,
    verifier_doublons,
)
from vigie.alimentation.importation.lecture import Feuille, Fichier
from vigie.alimentation.importation.lot import Lot

CHAMP = "FRDROM"
LIEUX = {"apa en établissement": "etablissement", "apa à domicile": "domicile", "total": "ensemble"}
SEXES = {"hommes": 1, "femmes": 2, "total": 0, "ensemble": 0}
RE_ANNEE = re.compile(r"(?:décembre|fin)\s+(\d{4})", re.IGNORECASE)
RE_TRANCHE = re.compile(r"de (\d+) à (\d+) ans")
RE_PLUS = re.compile(r"(\d+) ans (?:ou|et) plus")


def _texte(feuille: Feuille, i: int, j: int) -> str:
    return " ".join(feuille.texte(i, j).replace("\u00a0", " ").replace("’", "'").split())


def _titre(feuille: Feuille) -> str:
    """Le titre : la première cellule remplie des premières lignes (le classeur a une colonne et
    une ligne vides en tête)."""
    for i in range(min(4, len(feuille.lignes))):
        for j in range(min(4, len(feuille.lignes[i]))):
            if _texte(feuille, i, j):
                return _texte(feuille, i, j)
    return ""


def _est_taux(feuille: Feuille) -> bool:
    t = _titre(feuille).lower()
    return "part des bénéficiaires de l'apa dans la population" in t


def _est_departements(feuille: Feuille) -> bool:
    t = _titre(feuille).lower()
    return "part des bénéficiaires de l'apa en établissement" in t


def reconnaitre_apa(fichier: Fichier) -> bool:
    return fichier.genre == "classeur" and any(
        _est_taux(f) or _est_departements(f) for f in fichier.feuilles
    )


def _annee(fichier: Fichier, feuille: Feuille) -> int:
    m = RE_ANNEE.search(_titre(feuille))
    if not m:
        raise feuille.erreur(
            fichier.nom,
            0,
            f"l'année n'est pas lisible dans le titre de la feuille (« {_titre(feuille)} »).",
            "Importez le classeur tel que publié par la DREES.",
        )
    return int(m.group(1))


def _tranche(texte: str) -> tuple[int, int] | None:
    t = texte.lower()
    m = RE_TRANCHE.search(t)
    if m:
        return int(m.group(1)), int(m.group(2))
    m = RE_PLUS.search(t)
    return (int(m.group(1)), 100) if m else None


def _taux(fichier: Fichier, feuille: Feuille, annee: int) -> tuple[list[dict], list[str]]:
    """Les taux par sexe, tranche et lieu d'une feuille « Part des bénéficiaires… par sexe »."""
    entete = next(
        (
            i
            for i in range(min(10, len(feuille.lignes)))
            if {"apa en établissement", "apa à domicile"}
            <= {_texte(feuille, i, j).lower() for j in range(len(feuille.lignes[i]))}
        ),
        None,
    )
    if entete is None:
        raise ErreurImport(
            fichier.nom,
            "colonnes « APA en établissement » et « APA à domicile » introuvables.",
            "Importez le classeur tel que publié par la DREES.",
            feuille=feuille.nom,
        )
    colonnes = {
        j: LIEUX[_texte(feuille, entete, j).lower()]
        for j in range(len(feuille.lignes[entete]))
        if _texte(feuille, entete, j).lower() in LIEUX
    }
    premiere = min(colonnes)
    lignes, sexe = [], None
    for k in range(entete + 1, len(feuille.lignes)):
        # Sexe et tranche d'âge sont à gauche des chiffres, où que la marge vide les place.
        etiquettes = [_texte(feuille, k, j).lower() for j in range(premiere)]
        sexe = next((SEXES[e] for e in etiquettes if e in SEXES), sexe)
        tranche = next((_tranche(e) for e in etiquettes if _tranche(e)), None)
        if tranche is None:
            continue  # notes, lignes vides
        if sexe is None:
            raise feuille.erreur(
                fichier.nom,
                k,
                "tranche d'âge sans sexe (« Hommes », « Femmes » ou « Total » attendu plus haut).",
                "Importez le classeur tel que publié par la DREES.",
            )
        for j, lieu in colonnes.items():
            ligne = _part_apa(
                fichier, feuille, k, j, _texte(feuille, entete, j),
                indicateur="part_population", lieu=lieu, code_perimetre=CHAMP, annee=annee,
                sexe=sexe, age_min=tranche[0], age_max=tranche[1],
            )  # fmt: skip
            if ligne:
                lignes.append(ligne)
    return _sans_colonne_recopiee(lignes, feuille.nom)


def _part_apa(
    fichier: Fichier, feuille: Feuille, k: int, j: int, colonne: str, **cles
) -> dict | None:
    """La ligne de `recours_prestation` (prestation APA) que donne la cellule (`k`, `j`) : une part
    et ses `cles` (indicateur, lieu, périmètre, année, sexe, tranche d'âge) ; None si la cellule
    est vide (secret statistique)."""
    valeur = nombre_cellule(fichier, feuille, k, j, colonne)
    if valeur is None:
        return None
    return {"prestation": "apa", **cles, "valeur": valeur, "_ligne": feuille.numeros[k]}


def _sans_colonne_recopiee(lignes: list[dict], nom_feuille: str) -> tuple[list[dict], list[str]]:
    """Retire le bloc « Total » d'un lieu quand il reprend exactement les valeurs des hommes."""
    df = pd.DataFrame(lignes)
    if df.empty:
        return lignes, []
    remarques, retirer = [], set()
    for lieu, groupe in df.groupby("lieu"):
        par_sexe = groupe.set_index(["sexe", "age_min"])["valeur"]
        if {0, 1, 2} <= set(groupe["sexe"]):
            total, hommes, femmes = (par_sexe.xs(s) for s in (0, 1, 2))
            if total.equals(hommes) and not hommes.equals(femmes):
                retirer.add(lieu)
    for lieu in sorted(retirer):
        libelle = "APA en établissement" if lieu == "etablissement" else f"APA ({lieu})"
        remarques.append(
            f"Feuille {nom_feuille} : la colonne « {libelle} » du bloc « Total » reprend "
            "exactement celle des hommes (erreur de la publication) ; ces lignes sont laissées "
            "de côté, les taux des hommes et des femmes sont gardés."
        )
    gardees = [ligne for ligne in lignes if not (ligne["sexe"] == 0 and ligne["lieu"] in retirer)]
    return gardees, remarques


def _departements(fichier: Fichier, feuille: Feuille, annee: int) -> list[dict]:
    """Part des bénéficiaires en établissement par département (code, nom, part)."""
    entete = next(
        (
            (i, j)
            for i in range(min(10, len(feuille.lignes)))
            for j in range(len(feuille.lignes[i]))
            if _texte(feuille, i, j).lower() == "part"
        ),
        None,
    )
    if entete is None or entete[1] < 2:
        raise ErreurImport(
            fichier.nom,
            "colonne « Part » introuvable.",
            "Importez le classeur tel que publié par la DREES.",
            feuille=feuille.nom,
        )
    i_entete, j_part = entete
    lignes = []
    for k in range(i_entete + 1, len(feuille.lignes)):
        code = feuille.texte(k, j_part - 2)
        if not re.fullmatch(r"\d{1,3}|2[AB]", code):
            continue
        ligne = _part_apa(
            fichier, feuille, k, j_part, "Part",
            indicateur="part_etablissement", lieu="etablissement",
            code_perimetre=code_departement(code), annee=annee, sexe=0, age_min=60, age_max=100,
        )  # fmt: skip
        if ligne:
            lignes.append(ligne)
    return lignes


def lire_apa(fichier: Fichier) -> Lot:
    lignes, remarques, annees = [], [], set()
    for feuille in fichier.feuilles:
        if _est_taux(feuille):
            annee = _annee(fichier, feuille)
            taux, notes = _taux(fichier, feuille, annee)
            lignes.extend(taux)
            remarques.extend(notes)
            annees.add(annee)
        elif _est_departements(feuille):
            annee = _annee(fichier, feuille)
            lignes.extend(_departements(fichier, feuille, annee))
            annees.add(annee)
    df = pd.DataFrame(lignes)
    if df.empty:
        raise ErreurImport(fichier.nom, "aucun taux lu.", "Vérifiez le classeur.")
    for colonne in ("valeur",):
        hors = df[(df[colonne] < 0) | (df[colonne] > 1)]
        if not hors.empty:
            raise ErreurImport(
                fichier.nom,
                f"part de {hors[colonne].iloc[0]} hors de 0 à 1.",
                "Les parts de bénéficiaires sont attendues en proportion (0,29 pour 29 %).",
                ligne=int(hors["_ligne"].iloc[0]),
            )
    # Deux feuilles d'une même année (G01 et sexeage2017) : la même valeur, gardée une fois.
    df = df.drop_duplicates(
        ["indicateur", "lieu", "code_perimetre", "annee", "sexe", "age_min", "valeur"]
    )
    verifier_doublons(
        df,
        ["indicateur", "lieu", "code_perimetre", "annee", "sexe", "age_min"],
        fichier.nom,
        "valeur",
    )
    departements = df.loc[df["indicateur"] == "part_etablissement", "code_perimetre"].nunique()
    remarques.insert(
        0,
        "Taux de recours à l'APA par sexe et tranche d'âge (France hors Mayotte) : "
        f"{int((df['indicateur'] == 'part_population').sum())} valeurs"
        + (
            f" ; part des bénéficiaires en établissement pour {departements} départements"
            if departements
            else ""
        )
        + ". Ce sont des moyennes nationales : appliquées au territoire, elles donnent un "
        "nombre de bénéficiaires « au taux de recours moyen de la France ».",
    )
    annees_txt = ", ".join(str(a) for a in sorted(annees))
    return Lot.du_fichier(
        fichier,
        "drees_apa",
        "DREES : bénéficiaires de l'APA par sexe et âge, par département",
        titre="Bénéficiaires de l'allocation personnalisée d'autonomie (enquête Aide sociale)",
        millesime=f"décembre {annees_txt}",
        url="https://drees.solidarites-sante.gouv.fr/",
        editeur="DREES",
        tables={"recours_prestation": df.reset_index(drop=True)},
        remarques=remarques,
    )

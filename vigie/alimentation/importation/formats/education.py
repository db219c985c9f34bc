"""Éducation nationale (DEPP) : effectifs d'élèves et classes par école, effectifs par collège.

Deux jeux de data.education.gouv.fr, lus tels qu'exportés (`;`, UTF-8 avec BOM, en-têtes longs en
français avec apostrophes, une ligne par établissement et rentrée) :

- `fr-en-ecoles-effectifs-nb_classes` : « Rentrée scolaire », « Commune » (nom en capitales),
  « Numéro de l'école » (UAI), « Dénomination principale », « Patronyme », « Secteur »,
  « Nombre total de classes », « Nombre total d'élèves », élèves en pré-élémentaire, en
  élémentaire, en ULIS, puis CP à CM2 (hors ULIS), « Code Postal » ;
- `fr-en-college-effectifs-niveau-sexe-lv` : « Numéro du collège », « Nombre d'élèves total (…) »,
  puis pour chaque niveau de la 6e à la 3e le total, la Segpa, l'ULIS, filles, garçons et langues.

La commune n'y est donnée que par son nom : elle est rattachée au code du COG à l'écriture
(`vigie.alimentation.importation.rapprochement`), dans le département que donne l'UAI.

Ce que Vigie en garde : `effectif_scolaire` (élèves par établissement, rentrée et niveau ; classes
des écoles) et, pour la dernière rentrée du fichier, un équipement par établissement et service :
une école primaire compte pour l'école maternelle (ses élèves de pré-élémentaire) et pour
l'élémentaire (élémentaire et ULIS) ; le fichier ne répartit pas ses classes, elles le sont au
prorata des élèves. Un collège n'a pas de capacité d'accueil publiée : sa capacité est l'effectif
de la dernière rentrée (unité élèves), à corriger localement. Un établissement absent de la
dernière rentrée est fermé l'année qui suit sa dernière rentrée présente.
"""

from __future__ import annotations

import pandas as pd

from vigie.alimentation.importation.erreurs import ErreurImport
from vigie.alimentation.importation.formats.commun import (
    correspondance_equipements,
    verifier_doublons,
)
from vigie.alimentation.importation.lecture import Feuille, Fichier, nombre
from vigie.alimentation.importation.lot import Lot
from vigie.alimentation.importation.rapprochement import departement_uai

RENTREE, COMMUNE = "Rentrée scolaire", "Commune"
UAI_ECOLE, UAI_COLLEGE = "Numéro de l'école", "Numéro du collège"
DENOMINATION, PATRONYME, SECTEUR = "Dénomination principale", "Patronyme", "Secteur"

# Colonnes des écoles : niveau Vigie -> en-tête publié.
NIVEAUX_ECOLE = {
    "ensemble": "Nombre total d'élèves",
    "pre_elementaire": "Nombre d'élèves en pré-élémentaire hors ULIS",
    "elementaire": "Nombre d'élèves en élémentaire hors ULIS",
    "ulis": "Nombre d'élèves en ULIS",
    "cp": "Nombre d'élèves en CP hors ULIS",
    "ce1": "Nombre d'élèves en CE1 hors ULIS",
    "ce2": "Nombre d'élèves en CE2 hors ULIS",
    "cm1": "Nombre d'élèves en CM1 hors ULIS",
    "cm2": "Nombre d'élèves en CM2 hors ULIS",
}
CLASSES = "Nombre total de classes"
# Collèges : le total a un long intitulé entre parenthèses, reconnu par son début.
TOTAL_COLLEGE = "Nombre d'élèves total ("
NIVEAUX_COLLEGE = {
    "6e": "Nombre total de 6èmes",
    "5e": "Nombre total de 5èmes",
    "4e": "Nombre total de 4èmes",
    "3e": "Nombre total de 3èmes",
    "segpa": "Nombre d'élèves total Segpa",
    "ulis": "Nombre d'élèves total ULIS",
}
URL = "https://data.education.gouv.fr/explore/dataset/{jeu}/"


def _cle(texte: str) -> str:
    """En-tête comparé : casse, apostrophe typographique et espaces insécables ignorés."""
    return " ".join(str(texte).replace("’", "'").replace("\u00a0", " ").split()).lower()


def _entete(fichier: Fichier, voulues: list[str]) -> tuple[Feuille, int, dict[str, int]] | None:
    """La feuille, la ligne d'en-tête et l'index (en-tête comparé -> colonne) qui contient
    toutes les colonnes `voulues`."""
    cles = {_cle(v) for v in voulues}
    for feuille in fichier.feuilles:
        for i in range(min(10, len(feuille.lignes))):
            index = {}
            for j in range(len(feuille.lignes[i])):
                index.setdefault(_cle(feuille.texte(i, j)), j)
            if cles <= index.keys():
                return feuille, i, index
    return None


def reconnaitre_ecoles(fichier: Fichier) -> bool:
    return _entete(fichier, [RENTREE, UAI_ECOLE, CLASSES, NIVEAUX_ECOLE["ensemble"]]) is not None


def reconnaitre_colleges(fichier: Fichier) -> bool:
    return _entete(fichier, [RENTREE, UAI_COLLEGE, NIVEAUX_COLLEGE["6e"]]) is not None


def _colonne(fichier: Fichier, feuille: Feuille, i: int, index: dict, nom: str) -> int:
    j = index.get(_cle(nom))
    if j is None:
        raise feuille.erreur(
            fichier.nom,
            i,
            f"colonne « {nom} » absente ou renommée.",
            "Importez le fichier tel qu'exporté de data.education.gouv.fr, sans renommer ni "
            "supprimer de colonne.",
            colonne=nom,
        )
    return j


def _colonne_debut(fichier: Fichier, feuille: Feuille, i: int, index: dict, debut: str) -> int:
    for cle, j in index.items():
        if cle.startswith(_cle(debut)):
            return j
    return _colonne(fichier, feuille, i, index, debut)


def _n(valeur) -> float:
    """Un effectif lu (vide : 0)."""
    return 0.0 if valeur is None or pd.isna(valeur) else float(valeur)


def _secteur(texte: str) -> str | None:
    t = _cle(texte)
    return "public" if t.startswith("public") else ("prive" if t.startswith("priv") else None)


def _libelle(texte: str) -> str:
    """`ECOLE PRIMAIRE PRIVEE` -> `École primaire privée` (la dénomination publiée, accentuée)."""
    mots = {
        "ecole": "école",
        "elementaire": "élémentaire",
        "privee": "privée",
        "prive": "privé",
        "college": "collège",
        "lycee": "lycée",
        "regional": "régional",
        "specialisee": "spécialisée",
        "specialise": "spécialisé",
    }
    libelle = " ".join(mots.get(m, m) for m in str(texte).lower().split())
    return libelle[:1].upper() + libelle[1:]


def _lignes(fichier: Fichier, feuille: Feuille, i: int, index: dict, uai_col: str, niveaux):
    """Les lignes lues : une par établissement et rentrée, avec les élèves par niveau."""
    j_rentree = _colonne(fichier, feuille, i, index, RENTREE)
    j_commune = _colonne(fichier, feuille, i, index, COMMUNE)
    j_uai = _colonne(fichier, feuille, i, index, uai_col)
    j_denomination = index.get(_cle(DENOMINATION))
    j_patronyme = index.get(_cle(PATRONYME))
    j_secteur = index.get(_cle(SECTEUR))
    lignes = []
    for k in range(i + 1, len(feuille.lignes)):
        numero = feuille.numeros[k]
        uai = feuille.texte(k, j_uai).upper()
        if not uai:
            continue
        rentree = feuille.texte(k, j_rentree)[:4]
        if not rentree.isdigit():
            raise feuille.erreur(
                fichier.nom,
                k,
                f"rentrée scolaire « {feuille.texte(k, j_rentree)} » illisible.",
                "L'année de la rentrée est attendue (ex. 2022).",
                colonne=RENTREE,
            )
        nom_commune = feuille.texte(k, j_commune)
        if not nom_commune:
            raise feuille.erreur(
                fichier.nom,
                k,
                "commune vide.",
                "Chaque établissement doit dire sa commune ; reprenez le fichier publié.",
                colonne=COMMUNE,
            )
        ligne = {
            "uai": uai,
            "annee": int(rentree),
            "_nom_commune": nom_commune,
            "_code_dep": departement_uai(uai),
            "secteur": _secteur(feuille.texte(k, j_secteur)) if j_secteur is not None else None,
            "_denomination": feuille.texte(k, j_denomination) if j_denomination is not None else "",
            "_patronyme": feuille.texte(k, j_patronyme) if j_patronyme is not None else "",
            "_ligne": numero,
        }
        for niveau, (j, nom) in niveaux.items():
            ligne[niveau] = nombre(
                feuille.lignes[k][j] if j < len(feuille.lignes[k]) else "",
                fichier.nom,
                numero,
                nom,
                vide_permis=True,
            )
        lignes.append(ligne)
    if not lignes:
        raise ErreurImport(fichier.nom, "aucun établissement lu.", "Vérifiez le fichier.")
    df = pd.DataFrame(lignes)
    verifier_doublons(df, ["uai", "annee"], fichier.nom, uai_col)
    return df


def _effectifs(df: pd.DataFrame, niveaux: list[str], type_etablissement: str) -> pd.DataFrame:
    """Le format long de `effectif_scolaire` (une ligne par établissement, rentrée et niveau)."""
    long = df.melt(
        id_vars=["uai", "annee", "secteur", "_nom_commune", "_code_dep", "_ligne"]
        + (["classes"] if "classes" in df.columns else []),
        value_vars=niveaux,
        var_name="niveau",
        value_name="eleves",
    ).dropna(subset=["eleves"])
    if "classes" in long.columns:
        long.loc[long["niveau"] != "ensemble", "classes"] = None
    long["type_etablissement"] = type_etablissement
    return long.reset_index(drop=True)


def _fermeture(df: pd.DataFrame) -> pd.DataFrame:
    """La dernière rentrée de chaque établissement, avec l'année de fermeture s'il manque à la
    dernière rentrée du fichier."""
    derniere = int(df["annee"].max())
    dernieres = df.sort_values("annee").drop_duplicates("uai", keep="last").copy()
    dernieres["annee_fermeture"] = [
        None if a == derniere else int(a) + 1 for a in dernieres["annee"]
    ]
    return dernieres


def _lot(fichier, cle, libelle, jeu, titre, df, effectifs, equipements, remarque) -> Lot:
    debut, fin = int(df["annee"].min()), int(df["annee"].max())
    return Lot.du_fichier(
        fichier,
        cle,
        libelle,
        titre=titre,
        millesime=f"rentrées {debut} à {fin}" if debut != fin else f"rentrée {fin}",
        url=URL.format(jeu=jeu),
        editeur="Ministère de l'Éducation nationale (DEPP)",
        tables={"effectif_scolaire": effectifs, "equipement": pd.DataFrame(equipements)},
        colonne_commune=COMMUNE,
        remarques=[remarque],
    )


def _exiger(fichier: Fichier, df: pd.DataFrame, niveaux: dict, cles: list[str], quoi: str) -> None:
    """Refuse un fichier où manque un des totaux `cles` (noms de `niveaux`, qui donne l'en-tête
    montré) : la ligne et la colonne du premier manquant, et ce qui est attendu (« le nombre total
    `quoi` »)."""
    for cle in cles:
        manquant = df[df[cle].isna()]
        if not manquant.empty:
            raise ErreurImport(
                fichier.nom,
                "valeur manquante.",
                f"Le nombre total {quoi} est attendu.",
                ligne=int(manquant["_ligne"].iloc[0]),
                colonne=niveaux[cle][1],
            )


def lire_ecoles(fichier: Fichier) -> Lot:
    feuille, i, index = _entete(fichier, [RENTREE, UAI_ECOLE, CLASSES])
    niveaux = {
        n: (_colonne(fichier, feuille, i, index, nom), nom) for n, nom in NIVEAUX_ECOLE.items()
    }
    niveaux["classes"] = (_colonne(fichier, feuille, i, index, CLASSES), CLASSES)
    df = _lignes(fichier, feuille, i, index, UAI_ECOLE, niveaux)
    _exiger(fichier, df, niveaux, ["ensemble", "classes"], "d'élèves et de classes de chaque école")
    effectifs = _effectifs(df, list(NIVEAUX_ECOLE), "ecole")
    types = correspondance_equipements("education")
    equipements = []
    for e in _fermeture(df).to_dict("records"):
        eleves = {
            "pre_elementaire": _n(e["pre_elementaire"]),
            "elementaire": _n(e["elementaire"]) + _n(e["ulis"]),
        }
        total = sum(eleves.values())
        for niveau, n in eleves.items():
            if n <= 0:
                continue
            t = types[niveau]
            libelle = _libelle(e["_denomination"]) or t["libelle"]
            nom = f"{libelle} {e['_patronyme']}".strip()
            partie = "maternelle" if niveau == "pre_elementaire" else "élémentaire"
            equipements.append(
                {
                    "id_equipement": f"UAI-{e['uai']}-{'M' if partie == 'maternelle' else 'E'}",
                    "_nom_commune": e["_nom_commune"],
                    "_code_dep": e["_code_dep"],
                    "service": t["service"],
                    "type_equipement": f"{libelle} (classes {partie}s)" if total > n else libelle,
                    "nom": nom,
                    # Classes d'une école primaire réparties au prorata des élèves (le fichier
                    # donne le total).
                    "capacite": float(e["classes"]) * n / total if total else None,
                    "unite_capacite": t["unite_capacite"],
                    "effectif": float(n),
                    "annee_ouverture": None,
                    "annee_fermeture": e["annee_fermeture"],
                    "_ligne": e["_ligne"],
                }
            )
    primaires = sum(
        1
        for e in _fermeture(df).to_dict("records")
        if _n(e["pre_elementaire"]) > 0 and _n(e["elementaire"]) + _n(e["ulis"]) > 0
    )
    derniere = int(df["annee"].max())
    return _lot(
        fichier,
        "ecoles_effectifs",
        "Éducation nationale : élèves et classes par école",
        "fr-en-ecoles-effectifs-nb_classes",
        "Effectifs d'élèves par niveau et nombre de classes par école",
        df,
        effectifs,
        equipements,
        f"{df['uai'].nunique()} écoles, rentrées {int(df['annee'].min())} à {derniere} ; "
        f"capacités en classes de la rentrée {derniere}. Les classes des {primaires} écoles "
        "primaires (maternelle et élémentaire) sont réparties au prorata des élèves : le "
        "fichier n'en donne que le total.",
    )


def lire_colleges(fichier: Fichier) -> Lot:
    feuille, i, index = _entete(fichier, [RENTREE, UAI_COLLEGE])
    niveaux = {
        n: (_colonne(fichier, feuille, i, index, nom), nom) for n, nom in NIVEAUX_COLLEGE.items()
    }
    niveaux["ensemble"] = (
        _colonne_debut(fichier, feuille, i, index, TOTAL_COLLEGE),
        "Nombre d'élèves total",
    )
    df = _lignes(fichier, feuille, i, index, UAI_COLLEGE, niveaux)
    _exiger(fichier, df, niveaux, ["ensemble"], "d'élèves de chaque collège")
    effectifs = _effectifs(df, ["ensemble", *NIVEAUX_COLLEGE], "college")
    t = correspondance_equipements("education")["college"]
    equipements = [
        {
            "id_equipement": f"UAI-{e['uai']}",
            "_nom_commune": e["_nom_commune"],
            "_code_dep": e["_code_dep"],
            "service": t["service"],
            "type_equipement": _libelle(e["_denomination"]) or t["libelle"],
            "nom": f"{_libelle(e['_denomination']) or t['libelle']} {e['_patronyme']}".strip(),
            "capacite": float(e["ensemble"]),
            "unite_capacite": t["unite_capacite"],
            "effectif": float(e["ensemble"]),
            "annee_ouverture": None,
            "annee_fermeture": e["annee_fermeture"],
            "_ligne": e["_ligne"],
        }
        for e in _fermeture(df).to_dict("records")
    ]
    derniere = int(df["annee"].max())
    return _lot(
        fichier,
        "colleges_effectifs",
        "Éducation nationale : élèves par collège",
        "fr-en-college-effectifs-niveau-sexe-lv",
        "Effectifs d'élèves par niveau, sexe et langue vivante, par collège",
        df,
        effectifs,
        equipements,
        f"{df['uai'].nunique()} collèges, rentrées {int(df['annee'].min())} à {derniere}. "
        "La capacité d'accueil des collèges n'est pas publiée : Vigie retient l'effectif de "
        f"la rentrée {derniere} comme capacité actuelle (en élèves), à corriger localement.",
    )

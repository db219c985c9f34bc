"""FINESS (ministère chargé de la santé, data.gouv.fr) : établissements médico-sociaux et leurs
capacités, lus dans les extractions « stock » telles que publiées.

Les deux fichiers sont des CSV `;` en Windows-1252 sans ligne d'en-tête de colonnes : la première
ligne est un manifeste `finess;etalab;<version>;<date d'extraction>`, puis chaque ligne commence par
le nom de sa section, et les champs sont positionnels (notices `etalab_cs1100507` et
`etalab_cs1100505` publiées avec les jeux ; ordre des champs relevé dans ces notices) :

- `etalab-cs1100507-stock-AAAAMMJJ-HHMM.csv`, « FINESS Extraction du Fichier des établissements » :
  lignes `structureet` (1 nofinesset, 2 nofinessej, 3 rs, 4 rslongue, 5 complrs, 6 compldistrib,
  7 numvoie, 8 typvoie, 9 voie, 10 compvoie, 11 lieuditbp, 12 commune — 3 chiffres —,
  13 departement, 14 libdepartement, 15 ligneacheminement, 16 telephone, 17 telecopie,
  18 categetab, 19 libcategetab, 20 categagretab, 21 libcategagretab, 22 siret, 23 codeape,
  24 codemft, 25 libmft, 26 codesph, 27 libsph, 28 dateouv, 29 dateautor, 30 datemaj,
  31 numuai) puis lignes `geolocalisation` (nofinesset, coordxet, coordyet, sourcecoordet,
  datemaj), non lues ici ;
- `etalab-cs1100505-stock-…csv`, « Extraction des équipements sociaux et médico-sociaux » :
  lignes `equipementsocial` (1 nofinesset, 2 de discipline, 3 libde, 4 ta mode de
  fonctionnement, 5 libta, 6 client clientèle, 7 libclient, 8 sourceinfo, 9 capinstot capacité
  installée, 10-14 capacités par sexe, habilitées et âges, 15 indsupinst installation supprimée
  O/N, …), les lignes `structureet` courtes de ce fichier n'étant pas lues.

Le code commune est le département suivi des trois chiffres de la commune (`35` + `360` = 35360 ;
`2A` + `004`) ; outre-mer, le département est écrit `9A` à `9F` (`9A` + `101` = 97101).

Seules les catégories d'établissements de `data/reference/correspondance_equipements.csv`
(EHPAD, SSIAD, SPASAD) deviennent des équipements ; les autres sont comptées dans le bilan.
Le fichier des établissements ne donne pas de capacité : elle vient du fichier des équipements
sociaux (capacités installées non supprimées, sans l'accueil de jour pour les lits d'EHPAD),
rapprochée par numéro FINESS après l'écriture (`vigie.alimentation.importation.capacites`).
"""

from __future__ import annotations

import re
from datetime import date

import pandas as pd

from vigie.alimentation.importation.erreurs import ErreurImport
from vigie.alimentation.importation.formats.commun import (
    correspondance_equipements,
    verifier_doublons,
)
from vigie.alimentation.importation.lecture import Fichier, nombre
from vigie.alimentation.importation.lot import Lot

URL_ETABLISSEMENTS = (
    "https://www.data.gouv.fr/fr/datasets/finess-extraction-du-fichier-des-etablissements/"
)
URL_EQUIPEMENTS = (
    "https://www.data.gouv.fr/fr/datasets/"
    "finess-extraction-des-equipements-sociaux-et-medico-sociaux/"
)
OUTRE_MER = {"9A": "97", "9B": "97", "9C": "97", "9D": "97", "9E": "97", "9F": "97"}
# Positions (0 = le nom de la section) des notices publiées.
ET = {"nofinesset": 1, "rs": 3, "rslongue": 4, "commune": 12, "departement": 13,
      "categetab": 18, "libcategetab": 19, "dateouv": 28}  # fmt: skip
EQ = {"nofinesset": 1, "de": 2, "libde": 3, "ta": 4, "libta": 5, "client": 6, "libclient": 7,
      "capinstot": 9, "indsupinst": 15}  # fmt: skip


def correspondance_finess() -> dict[str, dict]:
    """Catégorie FINESS (`categetab`) -> service, libellé, unité, modes exclus."""
    return correspondance_equipements("finess_categorie")


def _manifeste(fichier: Fichier) -> list[str] | None:
    if fichier.genre != "csv":
        return None
    feuille = fichier.feuilles[0]
    tete = [c.strip().lower() for c in feuille.lignes[0][:2]] if feuille.lignes else []
    return feuille.lignes[0] if tete == ["finess", "etalab"] else None


def _sections(fichier: Fichier) -> set[str]:
    return {ligne[0].strip().lower() for ligne in fichier.feuilles[0].lignes[1:200] if ligne}


def reconnaitre_etablissements(fichier: Fichier) -> bool:
    return (
        _manifeste(fichier) is not None
        and "equipementsocial" not in _sections(fichier)
        and any(
            ligne and ligne[0] == "structureet" and len(ligne) > ET["dateouv"]
            for ligne in fichier.feuilles[0].lignes[1:200]
        )
    )


def reconnaitre_equipements(fichier: Fichier) -> bool:
    return _manifeste(fichier) is not None and "equipementsocial" in _sections(fichier)


def code_commune_finess(departement: str, commune: str) -> str:
    """`35`, `360` -> `35360` ; `9A`, `101` -> `97101` ; `2A`, `4` -> `2A004`."""
    dep = departement.strip().upper()
    com = commune.strip().zfill(3)
    return OUTRE_MER.get(dep, dep.zfill(2)) + com


def _date_extraction(fichier: Fichier) -> str | None:
    manifeste = _manifeste(fichier)
    if manifeste and len(manifeste) > 3 and re.fullmatch(r"\d{4}-\d{2}-\d{2}", manifeste[3]):
        return manifeste[3]
    return None


EDITEUR = "Ministère chargé de la santé (FINESS)"


def _millesime(fichier: Fichier) -> str:
    """Le millésime d'une extraction FINESS : sa date, lue dans la ligne de manifeste."""
    extraction = _date_extraction(fichier)
    return f"extraction du {extraction}" if extraction else "non précisé"


def _champ(fichier: Fichier, ligne: list[str], numero: int, nom: str, position: int) -> str:
    if position >= len(ligne):
        raise ErreurImport(
            fichier.nom,
            f"ligne « {ligne[0]} » trop courte : le champ {nom} (position {position + 1}) "
            f"manque ({len(ligne)} champs lus).",
            "Importez l'extraction FINESS telle que publiée sur data.gouv.fr, sans l'ouvrir ni "
            "la réenregistrer dans un tableur.",
            ligne=numero,
            colonne=nom,
        )
    return ligne[position].strip()


def lire_etablissements(fichier: Fichier) -> Lot:
    feuille = fichier.feuilles[0]
    categories = correspondance_finess()
    lignes, ignorees = [], {}
    aujourd_hui = date.today().isoformat()
    for k in range(1, len(feuille.lignes)):
        ligne, numero = feuille.lignes[k], feuille.numeros[k]
        if not ligne or ligne[0] != "structureet":
            continue
        categorie = _champ(fichier, ligne, numero, "categetab", ET["categetab"])
        if categorie not in categories:
            libelle = _champ(fichier, ligne, numero, "libcategetab", ET["libcategetab"])
            ignorees[libelle or categorie] = ignorees.get(libelle or categorie, 0) + 1
            continue
        nofinesset = _champ(fichier, ligne, numero, "nofinesset", ET["nofinesset"])
        if not re.fullmatch(r"\d[\dAB]\d{7}", nofinesset):
            raise ErreurImport(
                fichier.nom,
                f"numéro FINESS « {nofinesset} » illisible (9 caractères attendus).",
                "Importez l'extraction FINESS telle que publiée.",
                ligne=numero,
                colonne="nofinesset",
            )
        departement = _champ(fichier, ligne, numero, "departement", ET["departement"])
        commune = _champ(fichier, ligne, numero, "commune", ET["commune"])
        if not re.fullmatch(r"\d{1,3}", commune) or not re.fullmatch(
            r"\d{1,2}|2[AB]|9[A-F]", departement
        ):
            raise ErreurImport(
                fichier.nom,
                f"commune « {departement} {commune} » illisible (département et code à "
                "3 chiffres attendus).",
                "Importez l'extraction FINESS telle que publiée.",
                ligne=numero,
                colonne="commune",
            )
        ouverture = _champ(fichier, ligne, numero, "dateouv", ET["dateouv"])
        t = categories[categorie]
        lignes.append(
            {
                "id_equipement": f"FINESS-{nofinesset}",
                "code_commune": code_commune_finess(departement, commune),
                "service": t["service"],
                "type_equipement": t["libelle"],
                "nom": _champ(fichier, ligne, numero, "rslongue", ET["rslongue"])
                or _champ(fichier, ligne, numero, "rs", ET["rs"]),
                "capacite": None,  # complétée par le fichier des équipements sociaux (cs1100505)
                "unite_capacite": None,
                "effectif": None,
                "annee_ouverture": int(ouverture[:4])
                if re.fullmatch(r"\d{4}-\d{2}-\d{2}", ouverture) and ouverture <= aujourd_hui
                else None,
                "annee_fermeture": None,
                "_ligne": numero,
            }
        )
    df = pd.DataFrame(lignes)
    if df.empty and not ignorees:
        raise ErreurImport(
            fichier.nom,
            "aucun établissement lu (pas de ligne « structureet »).",
            "Vérifiez le fichier.",
        )
    if not df.empty:
        verifier_doublons(df, ["id_equipement"], fichier.nom, "nofinesset")
    remarques = []
    if not df.empty:
        par_service = df.groupby("type_equipement").size()
        remarques.append(
            "Établissements retenus : "
            + ", ".join(f"{n} {libelle}" for libelle, n in par_service.items())
            + ". Leur capacité (lits, places) vient de l'extraction FINESS des équipements "
            "sociaux et médico-sociaux (etalab-cs1100505) : importez-la aussi."
        )
    if ignorees:
        remarques.append(
            f"{sum(ignorees.values())} établissements d'autres catégories laissés de côté "
            "(hôpitaux, pharmacies…) ; catégories suivies : data/reference/"
            "correspondance_equipements.csv."
        )
    return Lot.du_fichier(
        fichier,
        "finess_etablissements",
        "FINESS : établissements (EHPAD, SSIAD)",
        titre="FINESS, extraction du fichier des établissements",
        millesime=_millesime(fichier),
        url=URL_ETABLISSEMENTS,
        editeur=EDITEUR,
        tables={"equipement": df} if not df.empty else {},
        colonne_commune="commune",
        remarques=remarques,
    )


def lire_equipements(fichier: Fichier) -> Lot:
    feuille = fichier.feuilles[0]
    lignes, supprimees = [], 0
    for k in range(1, len(feuille.lignes)):
        ligne, numero = feuille.lignes[k], feuille.numeros[k]
        if not ligne or ligne[0] != "equipementsocial":
            continue
        if _champ(fichier, ligne, numero, "indsupinst", EQ["indsupinst"]).upper() == "O":
            supprimees += 1  # installation supprimée : sa capacité ne compte plus
            continue
        capacite = nombre(
            _champ(fichier, ligne, numero, "capinstot", EQ["capinstot"]),
            fichier.nom,
            numero,
            "capinstot",
            vide_permis=True,
        )
        lignes.append(
            {
                "nofinesset": _champ(fichier, ligne, numero, "nofinesset", EQ["nofinesset"]),
                "discipline": _champ(fichier, ligne, numero, "de", EQ["de"]),
                "libelle_discipline": _champ(fichier, ligne, numero, "libde", EQ["libde"]),
                "mode_accueil": _champ(fichier, ligne, numero, "ta", EQ["ta"]),
                "libelle_mode": _champ(fichier, ligne, numero, "libta", EQ["libta"]),
                "clientele": _champ(fichier, ligne, numero, "client", EQ["client"]),
                "libelle_clientele": _champ(fichier, ligne, numero, "libclient", EQ["libclient"]),
                "capacite_installee": capacite,
                "_ligne": numero,
            }
        )
    df = pd.DataFrame(lignes)
    if df.empty:
        raise ErreurImport(
            fichier.nom,
            "aucune capacité lue (pas de ligne « equipementsocial » en service).",
            "Vérifiez le fichier.",
        )
    verifier_doublons(
        df, ["nofinesset", "discipline", "mode_accueil", "clientele"], fichier.nom, "de"
    )
    remarques = [
        f"{len(df)} capacités installées de {df['nofinesset'].nunique()} établissements"
        + (f" ({supprimees} installation(s) supprimée(s) laissée(s) de côté)" if supprimees else "")
        + ". Elles complètent les EHPAD et SSIAD de l'extraction des établissements "
        "(etalab-cs1100507) de même numéro FINESS."
    ]
    return Lot.du_fichier(
        fichier,
        "finess_equipements",
        "FINESS : capacités des équipements sociaux et médico-sociaux",
        titre="FINESS, extraction des équipements sociaux et médico-sociaux",
        millesime=_millesime(fichier),
        url=URL_EQUIPEMENTS,
        editeur=EDITEUR,
        tables={"capacite_finess": df},
        remarques=remarques,
    )

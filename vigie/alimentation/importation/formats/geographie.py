"""Fichiers de géographie : composition communale des EPCI de l'INSEE (classeur et CSV), epcicom
de la DGCL, communes et événements sur les communes du COG de l'INSEE, contours des communes et des
départements en GeoJSON."""

from __future__ import annotations

import json
import re

import pandas as pd

from vigie.alimentation.importation.erreurs import ErreurImport
from vigie.alimentation.importation.formats import commun, contours
from vigie.alimentation.importation.formats.commun import (
    annee_geographie,
    code_commune,
    code_departement,
    feuille_avec,
    feuille_et_colonnes,
    lignes_communes,
    nature_depuis_nom,
    textes_titre,
    verifier_doublons,
)
from vigie.alimentation.importation.lecture import (
    Fichier,
    colonnes,
    exiger_colonnes,
    trouver_entete,
)
from vigie.alimentation.importation.lot import Lot

URL_EPCI = "https://www.insee.fr/fr/information/2510634"
URL_COG = "https://www.insee.fr/fr/information/2560452"
URL_DGCL = "https://www.collectivites-locales.gouv.fr/institutions/liste-et-composition-des-epci-fiscalite-propre"
SANS_EPCI = "ZZZZZZZZZ"

COLONNES_COMPOSITION = ["CODGEO", "LIBGEO", "EPCI", "LIBEPCI", "DEP", "REG"]
COLONNES_DGCL = ["siren", "raison_sociale", "nature_juridique", "insee", "nom_membre"]
COLONNES_COG = ["TYPECOM", "COM", "REG", "DEP", "LIBELLE"]
COLONNES_MVT = ["MOD", "DATE_EFF", "TYPECOM_AV", "COM_AV", "TYPECOM_AP", "COM_AP"]


# -------------------------------------------------------------- INSEE : composition des EPCI
def _exiger_siren(
    code: str,
    fichier: Fichier,
    feuille,
    numero: int,
    colonne: str,
    autre: str = "",
    editeur: str = "l'INSEE",
) -> None:
    """Refuse un code d'EPCI qui n'est pas un SIREN (9 chiffres) ; `autre` complète la forme
    attendue (« , ou ZZZZZZZZZ sans EPCI »)."""
    if not re.fullmatch(r"\d{9}", code):
        raise ErreurImport(
            fichier.nom,
            f"« {code} » n'est pas un SIREN d'EPCI (9 chiffres{autre}).",
            f"Reprenez le fichier original de {editeur}.",
            ligne=numero,
            colonne=colonne,
            feuille=feuille.nom,
        )


reconnaitre_epci = commun.reconnu_a_ses_colonnes(COLONNES_COMPOSITION)


def lire_epci(fichier: Fichier) -> Lot:
    """`EPCI_au_01-01-AAAA.xlsx` (feuille Composition_communale : 4 lignes de titre, une ligne de
    libellés, l'en-tête des codes) ou son extrait CSV (lignes `#` puis
    `CODGEO;LIBGEO;EPCI;LIBEPCI;DEP;REG`)."""
    feuille, i, col = feuille_et_colonnes(fichier, COLONNES_COMPOSITION)
    lignes = []
    for k, numero, code in lignes_communes(fichier, feuille, i, col["CODGEO"], "CODGEO"):
        epci = feuille.texte(k, col["EPCI"])
        if epci != SANS_EPCI:
            _exiger_siren(epci, fichier, feuille, numero, "EPCI", ", ou ZZZZZZZZZ sans EPCI")
        lignes.append(
            {
                "code_commune": code,
                "nom_commune": feuille.texte(k, col["LIBGEO"]),
                "code_epci": None if epci == SANS_EPCI else epci,
                "nom_epci": feuille.texte(k, col["LIBEPCI"]),
                "code_dep": code_departement(feuille.texte(k, col["DEP"])),
                "code_reg": code_departement(feuille.texte(k, col["REG"])),
                "_ligne": numero,
            }
        )
    df = pd.DataFrame(lignes)
    if df.empty:
        raise ErreurImport(fichier.nom, "aucune commune lue.", "Vérifiez le fichier.")
    verifier_doublons(df, ["code_commune"], fichier.nom, "CODGEO", feuille.nom)
    # Nature de chaque EPCI : la feuille EPCI du classeur la donne ; sinon, d'après le nom.
    natures = {}
    liste = fichier.feuille("EPCI")
    if liste is not None:
        j = trouver_entete(liste, ["EPCI", "NATURE_EPCI"])
        if j is not None:
            c = exiger_colonnes(fichier.nom, liste, j, ["EPCI", "NATURE_EPCI"])
            for k in range(j + 1, len(liste.lignes)):
                natures[liste.texte(k, c["EPCI"])] = liste.texte(k, c["NATURE_EPCI"]) or None
    epcis = (
        df.dropna(subset=["code_epci"])
        .drop_duplicates("code_epci")[["code_epci", "nom_epci", "_ligne"]]
        .assign(
            nature_epci=lambda d: [
                natures.get(c) or nature_depuis_nom(n)
                for c, n in zip(d["code_epci"], d["nom_epci"], strict=True)
            ]
        )
    )
    annee = annee_geographie(textes_titre(feuille, i))
    return Lot.du_fichier(
        fichier,
        "epci_composition",
        "Composition communale des EPCI (INSEE)",
        titre="Intercommunalité et Métropole — composition communale",
        millesime=f"Géographie au 01/01/{annee}" if annee else "non précisé",
        url=URL_EPCI,
        tables={
            "commune": df[
                ["code_commune", "nom_commune", "code_epci", "code_dep", "code_reg", "_ligne"]
            ],
            "epci": epcis,
        },
        annee_cog=annee,
        colonne_commune="CODGEO",
        feuille=feuille.nom,
    )


# -------------------------------------------------------------------- INSEE : liste des EPCI
def reconnaitre_epci_liste(fichier: Fichier) -> bool:
    return feuille_avec(
        fichier, ["EPCI", "LIBEPCI", "NATURE_EPCI", "NB_COM"]
    ) is not None and not reconnaitre_epci(fichier)


def lire_epci_liste(fichier: Fichier) -> Lot:
    """La feuille EPCI seule (extrait CSV) : nom et nature de chaque EPCI."""
    feuille, i, col = feuille_et_colonnes(fichier, ["EPCI", "LIBEPCI", "NATURE_EPCI"])
    lignes = []
    for k in range(i + 1, len(feuille.lignes)):
        code = feuille.texte(k, col["EPCI"])
        if not code or code == SANS_EPCI:
            continue
        _exiger_siren(code, fichier, feuille, feuille.numeros[k], "EPCI")
        lignes.append(
            {
                "code_epci": code,
                "nom_epci": feuille.texte(k, col["LIBEPCI"]),
                "nature_epci": feuille.texte(k, col["NATURE_EPCI"]) or None,
                "_ligne": feuille.numeros[k],
            }
        )
    df = pd.DataFrame(lignes)
    verifier_doublons(df, ["code_epci"], fichier.nom, "EPCI")
    annee = annee_geographie(textes_titre(feuille, i))
    return Lot.du_fichier(
        fichier,
        "epci_liste",
        "Liste des EPCI (INSEE)",
        titre="Intercommunalité et Métropole — liste des EPCI",
        millesime=f"Géographie au 01/01/{annee}" if annee else "non précisé",
        url=URL_EPCI,
        tables={"epci": df},
        annee_cog=annee,
    )


# ------------------------------------------------------------------------- DGCL : epcicom
reconnaitre_dgcl = commun.reconnu_a_ses_colonnes(COLONNES_DGCL)


def lire_dgcl(fichier: Fichier) -> Lot:
    """`epcicomAAAA.xlsx` de la DGCL : une ligne par commune membre de chaque EPCI à fiscalité
    propre."""
    feuille, i, col = feuille_et_colonnes(fichier, COLONNES_DGCL, ["dept", "dep_com"])
    lignes = []
    for k in range(i + 1, len(feuille.lignes)):
        brut = feuille.texte(k, col["insee"])
        if not brut:
            continue
        numero = feuille.numeros[k]
        siren = feuille.texte(k, col["siren"])
        _exiger_siren(siren, fichier, feuille, numero, "siren", editeur="la DGCL")
        lignes.append(
            {
                "code_commune": code_commune(brut, fichier.nom, numero, "insee", feuille.nom),
                "nom_commune": feuille.texte(k, col["nom_membre"]),
                "code_epci": siren,
                "nom_epci": feuille.texte(k, col["raison_sociale"]),
                "nature_epci": feuille.texte(k, col["nature_juridique"]) or None,
                "code_dep": code_departement(feuille.texte(k, col["dep_com"])),
                "code_reg": "",  # le fichier de la DGCL ne donne pas la région
                "_ligne": numero,
            }
        )
    df = pd.DataFrame(lignes)
    verifier_doublons(df, ["code_commune"], fichier.nom, "insee", feuille.nom)
    annee = None
    m = re.search(r"(\d{4})", feuille.nom or "")
    if m:
        annee = int(m.group(1))
    return Lot.du_fichier(
        fichier,
        "epci_dgcl",
        "Composition des EPCI à fiscalité propre (DGCL, epcicom)",
        titre="Liste et composition des EPCI à fiscalité propre (epcicom)",
        millesime=str(annee) if annee else "non précisé",
        url=URL_DGCL,
        editeur="DGCL",
        tables={
            "commune": df[
                ["code_commune", "nom_commune", "code_epci", "code_dep", "code_reg", "_ligne"]
            ],
            "epci": df.drop_duplicates("code_epci")[
                ["code_epci", "nom_epci", "nature_epci", "_ligne"]
            ],
        },
        annee_cog=annee,
        colonne_commune="insee",
        feuille=feuille.nom,
    )


# ------------------------------------------------------------------- INSEE : communes du COG
def reconnaitre_cog(fichier: Fichier) -> bool:
    return feuille_avec(fichier, COLONNES_COG) is not None and not reconnaitre_mouvements(fichier)


def _annee_nom(nom: str) -> int | None:
    m = re.search(r"(19|20)\d{2}", nom)
    return int(m.group(0)) if m else None


def lire_cog(fichier: Fichier) -> Lot:
    """`v_commune_AAAA.csv` : communes (TYPECOM COM) du COG ; les communes déléguées ou associées et
    les arrondissements municipaux ne sont pas des communes à part entière et sont laissés de
    côté."""
    feuille, i, col = feuille_et_colonnes(fichier, COLONNES_COG)
    lignes, rattachements = [], []
    j_parent = colonnes(feuille, i).get("COMPARENT")
    for k in range(i + 1, len(feuille.lignes)):
        typecom = feuille.texte(k, col["TYPECOM"])
        numero = feuille.numeros[k]
        if typecom != "COM":
            parent = feuille.texte(k, j_parent) if j_parent is not None else ""
            if typecom in ("ARM", "COMD", "COMA") and parent:
                rattachements.append(
                    {
                        "code": feuille.texte(k, col["COM"]),
                        "typecom": typecom,
                        "code_parent": parent,
                        "_ligne": numero,
                    }
                )
            continue
        lignes.append(
            {
                "code_commune": code_commune(
                    feuille.texte(k, col["COM"]), fichier.nom, numero, "COM"
                ),
                "nom_commune": feuille.texte(k, col["LIBELLE"]),
                "code_epci": None,
                "code_dep": code_departement(feuille.texte(k, col["DEP"])),
                "code_reg": code_departement(feuille.texte(k, col["REG"])),
                "_ligne": numero,
            }
        )
    df = pd.DataFrame(lignes)
    if df.empty:
        raise ErreurImport(
            fichier.nom, "aucune commune (TYPECOM = COM) lue.", "Vérifiez le fichier."
        )
    verifier_doublons(df, ["code_commune"], fichier.nom, "COM")
    annee = _annee_nom(fichier.nom)
    return Lot.du_fichier(
        fichier,
        "cog_communes",
        "Code officiel géographique : communes (INSEE)",
        titre="Code officiel géographique — liste des communes",
        millesime=f"COG {annee}" if annee else "COG (année non précisée)",
        url=URL_COG,
        tables={"commune": df, "commune_rattachement": pd.DataFrame(rattachements)},
        annee_cog=annee,
        colonne_commune="COM",
    )


# ------------------------------------------------------------------ INSEE : mouvements du COG
reconnaitre_mouvements = commun.reconnu_a_ses_colonnes(COLONNES_MVT)


def lire_mouvements(fichier: Fichier) -> Lot:
    """`v_mvt_commune_AAAA.csv` : tous les événements sur les communes depuis 1943 (fusions,
    scissions, changements de nom)."""
    feuille, i, col = feuille_et_colonnes(fichier, COLONNES_MVT, ["LIBELLE_AV", "LIBELLE_AP"])
    lignes = []
    for k in range(i + 1, len(feuille.lignes)):
        numero = feuille.numeros[k]
        mod = feuille.texte(k, col["MOD"])
        date = feuille.texte(k, col["DATE_EFF"])
        if not mod.isdigit():
            raise feuille.erreur(
                fichier.nom,
                k,
                f"« {mod} » n'est pas un code d'événement (nombre).",
                "Reprenez le fichier original de l'INSEE.",
                colonne="MOD",
            )
        if not re.fullmatch(r"\d{4}-\d{2}-\d{2}", date):
            raise feuille.erreur(
                fichier.nom,
                k,
                f"« {date} » n'est pas une date AAAA-MM-JJ.",
                "Reprenez le fichier original de l'INSEE.",
                colonne="DATE_EFF",
            )
        lignes.append(
            {
                "mod": int(mod),
                "date_eff": date,
                "typecom_av": feuille.texte(k, col["TYPECOM_AV"]),
                "com_av": feuille.texte(k, col["COM_AV"]),
                "libelle_av": feuille.texte(k, col["LIBELLE_AV"]),
                "typecom_ap": feuille.texte(k, col["TYPECOM_AP"]),
                "com_ap": feuille.texte(k, col["COM_AP"]),
                "libelle_ap": feuille.texte(k, col["LIBELLE_AP"]),
                "_ligne": numero,
            }
        )
    df = pd.DataFrame(lignes)
    if df.empty:
        raise ErreurImport(fichier.nom, "aucun événement lu.", "Vérifiez le fichier.")
    annee = int(df["date_eff"].max()[:4])
    return Lot.du_fichier(
        fichier,
        "cog_mouvements",
        "Code officiel géographique : événements sur les communes (INSEE)",
        titre="Code officiel géographique — événements sur les communes depuis 1943",
        millesime=f"COG {annee}",
        url=URL_COG,
        tables={"commune_mouvement": df},
        annee_cog=annee,
    )


# ------------------------------------------------------------------------------- GeoJSON
def reconnaitre_geojson(fichier: Fichier) -> bool:
    doc = fichier.document
    return (
        fichier.genre == "json"
        and isinstance(doc, dict)
        and doc.get("type")
        in (
            "FeatureCollection",
            "Feature",
        )
    )


def lire_geojson(fichier: Fichier) -> Lot:
    """Contours des communes (ou des départements) : une FeatureCollection ou une Feature seule,
    chacune avec une propriété `code` (ou `code_commune`, `INSEE_COM`, `code_insee`). Les codes
    de 5 caractères sont des communes, ceux de 2 ou 3 caractères des départements."""
    doc = fichier.document
    entites = doc.get("features") if doc.get("type") == "FeatureCollection" else [doc]
    if not isinstance(entites, list) or not entites:
        raise ErreurImport(fichier.nom, "aucune entité (features vide).", "Vérifiez le fichier.")
    communes, departements, reparees = [], [], []
    for numero, entite in enumerate(entites, start=1):
        if not isinstance(entite, dict):
            raise ErreurImport(
                fichier.nom,
                f"l'entité n° {numero} n'est pas un objet GeoJSON (« Feature »).",
                "Importez le GeoJSON tel que publié (IGN ADMIN EXPRESS, geo.api.gouv.fr).",
                colonne="features",
            )
        proprietes = entite.get("properties") or {}
        if not isinstance(proprietes, dict):
            raise ErreurImport(
                fichier.nom,
                f"les propriétés de l'entité n° {numero} ne sont pas un objet.",
                "Chaque entité doit porter ses propriétés sous la forme "
                '« "properties": {"code": "29151", ...} ».',
                colonne="properties",
            )
        code = next(
            (
                str(proprietes[c]).strip()
                for c in ("code_commune", "INSEE_COM", "code_insee", "insee", "code", "INSEE_DEP")
                if proprietes.get(c) not in (None, "")
            ),
            None,
        )
        geometrie = entite.get("geometry")
        if code is None:
            raise ErreurImport(
                fichier.nom,
                f"l'entité n° {numero} n'a pas de propriété « code » (code INSEE).",
                "Utilisez un GeoJSON dont chaque entité porte le code INSEE de la commune.",
                colonne="properties.code",
            )
        if not isinstance(geometrie, dict) or geometrie.get("type") not in (
            "Polygon",
            "MultiPolygon",
        ):
            raise ErreurImport(
                fichier.nom,
                f"l'entité n° {numero} (code {code}) n'a pas de géométrie polygonale.",
                "Vérifiez le fichier (les contours doivent être des Polygon ou MultiPolygon).",
                colonne="geometry",
            )
        geometrie, reparee = contours.controler(geometrie, fichier.nom, numero, code)
        if reparee:
            reparees.append(code)
        ligne = {
            "geojson": json.dumps(geometrie, separators=(",", ":")),
            "nom": proprietes.get("nom") or proprietes.get("NOM") or "",
            "_ligne": numero,
        }
        if len(code) == 5:
            communes.append(
                {"code_commune": code_commune(code, fichier.nom, numero, "code"), **ligne}
            )
        elif len(code) in (2, 3):
            departements.append({"code_dep": code_departement(code), **ligne})
        else:
            raise ErreurImport(
                fichier.nom,
                f"l'entité n° {numero} a le code « {code} », ni commune (5 caractères) ni "
                "département (2 ou 3).",
                "Importez les contours des communes ou du département.",
                colonne="properties.code",
            )
    tables = {}
    if communes:
        df = pd.DataFrame(communes)
        verifier_doublons(df, ["code_commune"], fichier.nom, "properties.code")
        tables["commune_geo"] = df
    if departements:
        tables["departement_geo"] = pd.DataFrame(departements).drop_duplicates("code_dep")
    return Lot.du_fichier(
        fichier,
        "geojson",
        "Contours des communes (GeoJSON)" if communes else "Contour du département (GeoJSON)",
        titre="Contours administratifs (GeoJSON)",
        millesime="non précisé dans le fichier",
        url="https://geoservices.ign.fr/adminexpress",
        editeur="IGN (ADMIN EXPRESS), codes INSEE",
        tables=tables,
        colonne_commune="properties.code",
        remarques=[
            "Le fichier ne dit pas son année de géographie : les codes de communes fusionnées "
            "depuis sont ramenés à la commune actuelle grâce aux événements du COG."
        ]
        + (
            [
                f"{len(reparees)} contour(s) qui se recoupaient réparés (shapely.make_valid) : "
                + ", ".join(reparees[:10])
                + (" …" if len(reparees) > 10 else "")
            ]
            if reparees
            else []
        ),
    )

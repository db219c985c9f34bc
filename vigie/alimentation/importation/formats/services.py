"""Services : la base permanente des équipements (BPE) de l'INSEE, et la fréquentation des services
que chaque territoire relève lui-même, dans le modèle documenté de Vigie au format long
(`data/modeles/`).

BPE (https://www.insee.fr/fr/metadonnees/source/serie/s1161) : le fichier « ensemble »
(`bpeAAAA_ensemble.csv`) compte les équipements par commune ou IRIS et par type (`;`, colonnes
DEPCOM et/ou DCIRIS, TYPEQU, NB_EQUIP, souvent AN, REG, DEP) ; le fichier détaillé avec
coordonnées (`bpeAAAA_ensemble_xy.csv`, et depuis 2023 le fichier détaillé avec noms et adresses)
a une ligne par équipement (DEPCOM, DCIRIS, TYPEQU, AN, LAMBERT_X, LAMBERT_Y, QUALITE_XY, et NOMRS,
son nom, quand il est publié) et pas de comptage. Vérifié dans l'issue 15 avec les pages BPE
2020/2023 de l'INSEE (insee.fr/en/metadonnees/source/operation/s2027 et s2155, « bases de données
en ligne ») et les en-têtes des fichiers publiés tels que les citent leurs réutilisateurs ; le
dictionnaire des variables de l'INSEE lui-même n'était pas accessible hors ligne. Seuls les types
d'équipement qui comptent pour un service de Vigie dans le registre des services (colonne
`types_equipement` de `data/reference/services.csv`, libellés dans `types_equipement.csv`) sont
gardés ; les autres sont comptés dans le bilan de l'import. La BPE ne donne aucune capacité
(places, lits) : les capacités viennent de la liste des équipements du territoire lui-même.
"""

from __future__ import annotations

import re
import sys
from datetime import date

import pandas as pd

from vigie.alimentation.importation.erreurs import ErreurImport
from vigie.alimentation.importation.formats import commun, equipements
from vigie.alimentation.importation.formats.commun import (
    code_commune,
    feuille_avec,
    nombre_cellule,
    verifier_doublons,
)
from vigie.alimentation.importation.lecture import Fichier, colonnes, exiger_colonnes, nombre
from vigie.alimentation.importation.lot import Lot
from vigie.stockage import catalogue_services

COLONNES_USAGES = ["id_serie", "service", "indicateur", "unite", "periode", "valeur"]
FREQUENCES = {"mensuelle", "annuelle"}


def correspondance_bpe() -> dict[str, tuple[str, str]]:
    """TYPEQU -> (service Vigie, libellé français du type d'équipement), d'après le registre des
    services."""
    return catalogue_services.types_equipement("bpe")


def _colonne_commune(fichier: Fichier):
    # DEPCOM dans le fichier des comptages et le fichier détaillé ; CODGEO dans certains extraits ;
    # DCIRIS seul (un code IRIS est le code commune suivi de quatre chiffres) dans un fichier de
    # comptages par IRIS.
    for nom in ("DEPCOM", "CODGEO", "DCIRIS"):
        trouve = feuille_avec(fichier, [nom, "TYPEQU"])
        if trouve:
            return (*trouve, nom)
    return None


def _equipements_bpe(codes, types, rangs, noms, numeros, services) -> pd.DataFrame:
    """La table `equipement` des équipements BPE gardés : un identifiant stable par commune, type
    et rang (BPE-29151-C107-001), le nom publié ou « Crèche n° 1 », sans capacité (la BPE n'en
    donne pas)."""
    if not codes:
        return pd.DataFrame()
    service = {t: services[t][0] for t in set(types)}
    libelle = {t: services[t][1] for t in set(types)}
    # Colonne par colonne, chaque liste Python vidée dès sa colonne faite : le pic reste celui
    # d'une colonne de textes, pas de toutes à la fois.
    colonnes_bpe = {
        "id_equipement": pd.Series(
            [f"BPE-{c}-{t}-{r:03d}" for c, t, r in zip(codes, types, rangs, strict=True)]
        ),
        "nom": pd.Series(
            [n or f"{libelle[t]} n° {r}" for n, t, r in zip(noms, types, rangs, strict=True)]
        ),
    }
    noms.clear()
    rangs.clear()
    colonnes_bpe["code_commune"] = pd.Series(codes)
    codes.clear()
    colonnes_bpe["service"] = pd.Series([service[t] for t in types])
    colonnes_bpe["type_equipement"] = pd.Series([libelle[t] for t in types])
    types.clear()
    colonnes_bpe["_ligne"] = pd.Series(numeros, dtype="int64")
    numeros.clear()
    df = pd.DataFrame(colonnes_bpe, copy=False)
    for vide in ("capacite", "unite_capacite", *equipements.FACULTATIVES):
        df[vide] = None
    return df[[*equipements.OBLIGATOIRES, *equipements.FACULTATIVES, "_ligne"]]


def reconnaitre_bpe(fichier: Fichier) -> bool:
    return _colonne_commune(fichier) is not None


def lire_bpe(fichier: Fichier) -> Lot:
    feuille, i, nom_commune = _colonne_commune(fichier)
    index = colonnes(feuille, i)
    col = exiger_colonnes(fichier.nom, feuille, i, [nom_commune, "TYPEQU"])
    compte = index.get("NB_EQUIP")
    j_an = index.get("AN")
    j_nom = index.get("NOMRS")
    services = correspondance_bpe()
    ignores: dict[str, int] = {}
    annees: set[int] = set()
    rang: dict[tuple[str, str], int] = {}
    # Les équipements gardés, colonne par colonne (une liste de références par colonne, un
    # code commune par commune) : un dictionnaire par équipement coûtait ~700 octets par ligne,
    # 1,7 Gio pour les 2,5 millions de lignes de la BPE géolocalisée de la France (issue 17).
    communes_lues: dict[str, str] = {}
    codes, types, rangs, noms, numeros = [], [], [], [], []
    for k in range(i + 1, len(feuille.lignes)):
        numero = feuille.numeros[k]
        typequ = feuille.texte(k, col["TYPEQU"])
        if not typequ:
            continue
        if not re.fullmatch(r"[A-G]\d{3}", typequ):
            raise feuille.erreur(
                fichier.nom,
                k,
                f"type d'équipement « {typequ} » inconnu (lettre et "
                "3 chiffres attendus, ex. C107).",
                "Reprenez le fichier de la BPE.",
                colonne="TYPEQU",
            )
        texte_commune = feuille.texte(k, col[nom_commune])
        if nom_commune == "DCIRIS":
            texte_commune = texte_commune[:5]
        code = communes_lues.get(texte_commune)
        if code is None:
            code = communes_lues[texte_commune] = code_commune(
                texte_commune, fichier.nom, numero, nom_commune
            )
        n = 1
        if compte is not None:
            n = nombre(feuille.lignes[k][compte], fichier.nom, numero, "NB_EQUIP")
            if n != int(n):
                raise feuille.erreur(
                    fichier.nom,
                    k,
                    f"nombre d'équipements non entier ({n}).",
                    "Corrigez la cellule.",
                    colonne="NB_EQUIP",
                )
        if j_an is not None and feuille.texte(k, j_an).isdigit():
            annees.add(int(feuille.texte(k, j_an)))
        if typequ not in services:
            ignores[typequ] = ignores.get(typequ, 0) + int(n)
            continue
        typequ = sys.intern(typequ)
        nom = (feuille.texte(k, j_nom) if j_nom is not None else "") or None
        for _ in range(int(n)):
            r = rang[(code, typequ)] = rang.get((code, typequ), 0) + 1
            codes.append(code)
            types.append(typequ)
            rangs.append(r)
            noms.append(nom)
            numeros.append(numero)
    df = _equipements_bpe(codes, types, rangs, noms, numeros, services)
    if df.empty and not ignores:
        raise ErreurImport(fichier.nom, "aucun équipement lu.", "Vérifiez le fichier.")
    annee = max(annees) if annees else None
    remarques = [
        "La BPE ne donne pas de capacité (places, lits) : complétez-les dans vos "
        "propres fichiers d'équipements."
    ]
    if ignores:
        remarques.append(
            f"{sum(ignores.values())} équipements de {len(ignores)} types hors des services "
            "suivis par Vigie ont été laissés de côté (liste : colonne types_equipement de "
            "data/reference/services.csv)."
        )
    return Lot.du_fichier(
        fichier,
        "bpe",
        "Base permanente des équipements (INSEE)",
        titre="Base permanente des équipements (BPE)",
        millesime=f"BPE {annee}" if annee else "non précisé",
        url="https://www.insee.fr/fr/metadonnees/source/serie/s1161",
        tables={"equipement": df} if not df.empty else {},
        annee_cog=annee,
        colonne_commune=nom_commune,
        remarques=remarques,
    )


# ----------------------------------------------------- modèle de fréquentation des services
reconnaitre_usages = commun.reconnu_a_ses_colonnes(COLONNES_USAGES)


def _periode(texte: str, fichier: str, ligne: int) -> tuple[str, str]:
    """'2024-03', '2024-03-01', '03/2024', '01/03/2024' -> ('2024-03-01', 'mensuelle') ;
    '2024' -> ('2024-01-01', 'annuelle')."""
    t = texte.strip()
    for motif, fabrique in [
        (r"(\d{4})-(\d{2})(?:-01)?", lambda m: (m.group(1), m.group(2))),
        (r"(?:01/)?(\d{2})/(\d{4})", lambda m: (m.group(2), m.group(1))),
    ]:
        m = re.fullmatch(motif, t)
        if m:
            annee, mois = fabrique(m)
            if 1 <= int(mois) <= 12:
                return f"{annee}-{mois}-01", "mensuelle"
    if re.fullmatch(r"\d{4}", t):
        return f"{t}-01-01", "annuelle"
    raise ErreurImport(
        fichier,
        f"période « {texte} » illisible.",
        "Écrivez le mois sous la forme AAAA-MM (ex. 2024-03) ou l'année seule (ex. 2024).",
        ligne=ligne,
        colonne="periode",
    )


def lire_usages(fichier: Fichier) -> Lot:
    """Le modèle long de Vigie : une ligne par série et période (voir data/modeles/README.md)."""
    feuille, i = feuille_avec(fichier, COLONNES_USAGES)
    index = colonnes(feuille, i)
    col = exiger_colonnes(fichier.nom, feuille, i, COLONNES_USAGES)
    series, observations = {}, []
    for k in range(i + 1, len(feuille.lignes)):
        numero = feuille.numeros[k]
        id_serie = feuille.texte(k, col["id_serie"])
        if not id_serie:
            continue
        periode, frequence = _periode(feuille.texte(k, col["periode"]), fichier.nom, numero)
        code = feuille.texte(k, index["code_commune"]) if "code_commune" in index else ""
        serie = {
            "id_serie": id_serie,
            "service": feuille.texte(k, col["service"]),
            "indicateur": feuille.texte(k, col["indicateur"]),
            "unite": feuille.texte(k, col["unite"]),
            "frequence": frequence,
            "code_commune": code_commune(code, fichier.nom, numero, "code_commune")
            if code
            else None,
            "id_equipement": (feuille.texte(k, index["id_equipement"]) or None)
            if "id_equipement" in index
            else None,
            "_ligne": numero,
        }
        for champ in ("service", "indicateur", "unite"):
            if not serie[champ]:
                raise feuille.erreur(
                    fichier.nom,
                    k,
                    f"« {champ} » vide.",
                    "Chaque ligne doit dire le service, l'indicateur et l'unité.",
                    colonne=champ,
                )
        connue = series.get(id_serie)
        if connue is None:
            series[id_serie] = serie
        else:
            for champ in ("service", "indicateur", "unite", "frequence", "code_commune"):
                if connue[champ] != serie[champ]:
                    raise feuille.erreur(
                        fichier.nom,
                        k,
                        f"la série « {id_serie} » change de {champ} (« {connue[champ]} » à la "
                        f"ligne {connue['_ligne']}, « {serie[champ]} » ici).",
                        "Une série garde le même service, indicateur, unité, commune et "
                        "fréquence : donnez un autre id_serie à l'autre série.",
                        colonne=champ,
                    )
        valeur = nombre_cellule(fichier, feuille, k, col["valeur"], "valeur")
        if valeur is None:
            continue  # cellule vide : un mois manquant, gardé comme un trou (la série reste)
        observations.append(
            {"id_serie": id_serie, "periode": periode, "valeur": valeur, "_ligne": numero}
        )
    obs = pd.DataFrame(observations)
    if obs.empty:
        raise ErreurImport(fichier.nom, "aucune observation.", "Remplissez le modèle.")
    verifier_doublons(obs, ["id_serie", "periode"], fichier.nom, "periode", feuille.nom)
    if obs["periode"].max() > date.today().isoformat():
        ligne = int(obs.loc[obs["periode"].idxmax(), "_ligne"])
        raise ErreurImport(
            fichier.nom,
            "période dans le futur.",
            "Seules les valeurs observées s'importent.",
            ligne=ligne,
            colonne="periode",
        )
    return Lot.du_fichier(
        fichier,
        "usages",
        "Fréquentation des services (modèle Vigie)",
        titre="Fréquentation et usage des services",
        millesime=f"{obs['periode'].min()[:7]} à {obs['periode'].max()[:7]}",
        url="",
        editeur="Collectivité (saisie locale)",
        licence="Données de la collectivité",
        tables={"usage_serie": pd.DataFrame(series.values()), "usage_observation": obs},
        colonne_commune="code_commune",
        feuille=feuille.nom,
    )

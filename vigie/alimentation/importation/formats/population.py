"""Fichiers de population : populations légales de l'INSEE, population du recensement par sexe et
âge (âge détaillé, groupes quinquennaux), la série historique base-cc-serie-historique, naissances
et décès par commune (état civil), et estimations par département, par sexe et groupe d'âges
quinquennal.

Les fichiers détaillés du recensement ne sont pas dans le dossier de données réelles du projet
(fichiers nationaux de plusieurs centaines de mégaoctets) ; ils sont lus d'après leur
spécification publiée :

- `BTT_TD_POP1B_AAAA.csv` (tableaux détaillés du recensement, « Population par sexe et âge
  détaillé ») : séparateur `;`, colonnes NIVGEO;CODGEO;LIBGEO;SEXE;AGED100;NB — NIVGEO `COM`
  (communes) ou `ARM` (arrondissements municipaux), SEXE 1/2, AGED100 `000`..`100` (100 = 100 ans
  ou plus), NB effectif pondéré (décimal). INSEE, ex. RP 2017
  https://www.insee.fr/fr/statistiques/4515539
- `pop-sexe-age-quinquennal` (séries historiques, « Population par sexe et âge quinquennal de 1968
  à AAAA ») : une feuille par recensement (`COM_2021`…), des lignes de titre puis un en-tête dont
  les colonnes d'âge s'appellent `ageq_recNNsSrpopAAAA` — NN = groupe 01 (0-4 ans) … 20 (95 ans ou
  plus), S = sexe (1, 2), AAAA = année du recensement ; le code commune est `DR` + `CR`
  (département, commune sur 3 caractères) ou `CODGEO`. INSEE
  https://www.insee.fr/fr/statistiques/1893204
- `base-cc-serie-historique-AAAA` (feuille xlsx `COM_AAAA` après des lignes de titre, ou CSV) :
  CODGEO ; P21_POP, P15_POP, P10_POP (population municipale de chaque recensement), D99_POP …
  D68_POP (dénombrements), NAIS1521, DECE1521 … (naissances et décès entre deux recensements).
  INSEE https://www.insee.fr/fr/statistiques/7632867
- état civil par commune (Melodi `DS_ETAT_CIVIL_NAIS_COMMUNES`, `DS_ETAT_CIVIL_DECES_COMMUNES`) :
  séparateur `;`, colonnes EC_MEASURE;FREQ;GEO;GEO_OBJECT;OBS_STATUS;TIME_PERIOD;OBS_VALUE,
  GEO_OBJECT `COM`, EC_MEASURE `LVB` (naissances vivantes) ou une mesure de décès.
  INSEE https://www.insee.fr/fr/statistiques/1893255
"""

from __future__ import annotations

import re

import numpy as np
import pandas as pd

from models.projection import eclater_groupes
from vigie.alimentation.importation.erreurs import ErreurImport
from vigie.alimentation.importation.formats import commun
from vigie.alimentation.importation.formats.commun import (
    annee_geographie,
    borner_une_ligne_par_commune,
    code_commune,
    code_departement,
    feuille_avec,
    feuille_et_colonnes,
    feuille_ou,
    ligne_entete,
    lignes_communes,
    nombre_cellule,
    textes_titre,
    verifier_doublons,
)
from vigie.alimentation.importation.lecture import (
    Fichier,
    colonnes,
    exiger_colonnes,
    nombre,
    trouver_entete,
)
from vigie.alimentation.importation.lot import Lot

URL_POP_LEGALES = "https://www.insee.fr/fr/information/2008354"
# Paris, la plus peuplée, compte 2,1 M d'habitants : au-delà, une colonne décalée ou des zéros en
# trop.
POPULATION_COMMUNE_MAX = 2_500_000
BORNES_LEGALES = {"maximum": POPULATION_COMMUNE_MAX, "entier": True}  # un nombre entier d'habitants
URL_ESTIMATIONS = "https://www.insee.fr/fr/statistiques/1893198"


def _annee_du_nom(nom: str) -> int | None:
    m = re.findall(r"(?<!\d)((?:19|20)\d{2})(?!\d)", nom)
    return int(m[0]) if m else None


def _exiger_annee(annee: int | None, fichier: Fichier, quoi: str) -> int:
    if annee is None:
        raise ErreurImport(
            fichier.nom,
            f"l'année {quoi} n'est écrite ni dans le fichier ni dans son nom.",
            "Gardez le nom donné par l'INSEE (il contient l'année), par exemple "
            "« donnees_communes_pop_legale_2021.csv ».",
        )
    return annee


# ------------------------------------------------------------------ populations légales
ENTETE_ENSEMBLE = ["Code département", "Code commune", "Population municipale"]
ENTETE_PMUN = ["CODCOM", "PMUN", "PCAP", "PTOT"]


def reconnaitre_populations_legales(fichier: Fichier) -> bool:
    return (
        feuille_avec(fichier, ENTETE_ENSEMBLE) is not None
        or feuille_avec(fichier, ENTETE_PMUN) is not None
    )


def lire_populations_legales(fichier: Fichier) -> Lot:
    """Le classeur `ensemble` (feuille Communes, 7 lignes de titre, code commune sur 3 caractères
    après le code du département), son extrait CSV (lignes `#`, milliers séparés par des espaces
    insécables), et les fichiers CSV `PMUN;PCAP;PTOT`."""
    trouve = None
    communes = fichier.feuille("Communes")
    if communes is not None:
        i = trouver_entete(communes, ENTETE_ENSEMBLE)
        if i is not None:
            trouve = (communes, i)
    trouve = trouve or feuille_avec(fichier, ENTETE_ENSEMBLE) or feuille_avec(fichier, ENTETE_PMUN)
    feuille, i = trouve
    index = colonnes(feuille, i)
    if "Population municipale" in index:
        noms = {
            "dep": "Code département",
            "com": "Code commune",
            "pmun": "Population municipale",
            "pcap": "Population comptée à part",
            "ptot": "Population totale",
            "reg": "Code région",
        }
    else:
        noms = {
            "dep": "DEP" if "DEP" in index else "CODDEP",
            "pmun": "PMUN",
            "pcap": "PCAP",
            "ptot": "PTOT",
        }
        # Les fichiers de 2021 et après portent le code entier dans COM ; 2020 a le *nom* de la
        # commune dans COM.
        noms["com"] = "CODCOM"
        noms["com5"] = "COM" if "Commune" in index else None
        noms["reg"] = "REG" if "Région" in index else "CODREG"
    col = exiger_colonnes(fichier.nom, feuille, i, [v for v in noms.values() if v])
    borner_une_ligne_par_commune(feuille, i, fichier.nom)
    lignes = []
    for k in range(i + 1, len(feuille.lignes)):
        numero = feuille.numeros[k]
        dep = code_departement(feuille.texte(k, col[noms["dep"]]))
        com = feuille.texte(k, col[noms["com"]])
        if not dep and not com:
            continue
        if noms.get("com5"):
            brut, colonne = feuille.texte(k, col[noms["com5"]]), noms["com5"]
        else:
            # La commune est donnée sur 3 caractères ; le code INSEE est fait des deux premiers
            # caractères du département + ces 3 ('29' + '151' ; outre-mer '971' + '101' -> '97101').
            brut, colonne = (dep[:2] + com.zfill(3)), noms["com"]
        code = code_commune(brut, fichier.nom, numero, colonne, feuille.nom)
        lignes.append(
            {
                "code_commune": code,
                "code_dep": dep,
                "code_reg": code_departement(feuille.texte(k, col[noms["reg"]])),
                "population_municipale": nombre(
                    feuille.lignes[k][col[noms["pmun"]]],
                    fichier.nom,
                    numero,
                    noms["pmun"],
                    feuille.nom,
                    maximum=POPULATION_COMMUNE_MAX,
                    entier=True,
                ),
                "population_comptee_a_part": nombre_cellule(
                    fichier, feuille, k, col[noms["pcap"]], noms["pcap"], **BORNES_LEGALES
                ),
                "population_totale": nombre_cellule(
                    fichier, feuille, k, col[noms["ptot"]], noms["ptot"], **BORNES_LEGALES
                ),
                "_ligne": numero,
            }
        )
    df = pd.DataFrame(lignes)
    if df.empty:
        raise ErreurImport(fichier.nom, "aucune commune lue.", "Vérifiez le fichier.")
    verifier_doublons(df, ["code_commune"], fichier.nom, noms["com"], feuille.nom)
    textes = textes_titre(feuille, i)
    annee = None
    for texte in textes:
        m = re.search(
            r"[Dd]ate de référence statistique : 1er janvier (\d{4})", texte
        ) or re.search(r"[Rr]ecensement de la population (\d{4})", texte)
        if m:
            annee = int(m.group(1))
            break
    annee = _exiger_annee(annee or _annee_du_nom(fichier.nom), fichier, "de recensement")
    # Les populations légales du recensement de l'année N sont publiées dans la géographie du
    # 1er janvier N+2.
    annee_cog = annee_geographie(textes) or annee + 2
    df["annee"] = annee
    tables = {
        "population_legale": df[
            [
                "code_commune",
                "annee",
                "population_municipale",
                "population_comptee_a_part",
                "population_totale",
                "_ligne",
            ]
        ]
    }
    departements = _noms_departements(fichier)
    if departements is not None:
        tables["departement"] = departements
    return Lot.du_fichier(
        fichier,
        "population_legale",
        "Populations légales des communes (INSEE)",
        titre="Populations légales des communes",
        millesime=f"RP {annee} (en vigueur au 1er janvier {annee + 3})",
        url=URL_POP_LEGALES,
        tables=tables,
        annee_cog=annee_cog,
        colonne_commune=noms.get("com5") or noms["com"],
        feuille=feuille.nom,
        remarques=[
            f"Population municipale {annee} par commune, sans détail par sexe et âge : les "
            "pyramides et projections demandent le recensement par sexe et âge."
        ],
    )


def _noms_departements(fichier: Fichier) -> pd.DataFrame | None:
    """Noms des départements, pris à la feuille `Départements` du classeur ensemble."""
    feuille = fichier.feuille("Départements")
    if feuille is None:
        return None
    i = trouver_entete(feuille, ["Code département", "Nom du département", "Code région"])
    if i is None:
        return None
    col = colonnes(feuille, i)
    lignes = []
    for k in range(i + 1, len(feuille.lignes)):
        code = code_departement(feuille.texte(k, col["Code département"]))
        nom = feuille.texte(k, col["Nom du département"])
        if code and nom:
            lignes.append(
                {
                    "code_dep": code,
                    "nom_dep": nom,
                    "code_reg": code_departement(feuille.texte(k, col["Code région"])),
                    "_ligne": feuille.numeros[k],
                }
            )
    return pd.DataFrame(lignes) if lignes else None


# ------------------------------------------------- recensement par sexe et âge détaillé
def reconnaitre_rp_detail(fichier: Fichier) -> bool:
    return feuille_avec(fichier, ["NIVGEO", "CODGEO", "SEXE", "AGED100", "NB"]) is not None


class _ValeursSexeAge:
    """Les valeurs d'un recensement par commune, sexe et âge détaillé, rangées à mesure de la
    lecture dans des tableaux numpy alloués une fois pour le nombre de lignes possible (19 octets
    par ligne : rang de la commune, sexe, âge, effectif, numéro de ligne) et un code par commune.

    Une liste d'un dictionnaire par ligne coûtait 633 octets par ligne (4,2 Gio pour les
    7 millions de lignes de la France), des tableaux `array` agrandis à mesure et convertis en
    int64 252 octets (issue 17 : « ~1 Go quelle que soit l'entrée ») ; voir
    `tests/robustesse/test_memoire_gros_fichiers.py`."""

    def __init__(self, fichier: Fichier, lignes_max: int) -> None:
        self.fichier = fichier
        self._codes: dict[str, int] = {}  # code lu -> rang dans `communes`
        self.communes: list[str] = []
        self.rangs = np.empty(lignes_max, np.int32)
        self.sexes = np.empty(lignes_max, np.int8)
        self.ages = np.empty(lignes_max, np.int16)
        self.populations = np.empty(lignes_max, np.float64)
        self.numeros = np.empty(lignes_max, np.int32)
        self.n = 0

    def rang(self, lu: str, numero: int, colonne: str) -> int:
        """Le rang de la commune `lu` (son code contrôlé une seule fois, à sa première ligne)."""
        rang = self._codes.get(lu)
        if rang is None:
            rang = self._codes[lu] = len(self.communes)
            self.communes.append(code_commune(lu, self.fichier.nom, numero, colonne))
        return rang

    def ajouter(self, rang: int, sexe: int, age: int, population: float, numero: int) -> None:
        n = self.n
        self.rangs[n], self.sexes[n], self.ages[n] = rang, sexe, age
        self.populations[n], self.numeros[n] = population, numero
        self.n = n + 1

    def ajouter_ligne(self, rang: int, sexes, ages, populations, numero: int) -> None:
        """Les 202 cellules sexe × âge d'une ligne de commune (disposition large) d'un coup."""
        n, m = self.n, self.n + len(populations)
        self.rangs[n:m], self.sexes[n:m], self.ages[n:m] = rang, sexes, ages
        self.populations[n:m], self.numeros[n:m] = populations, numero
        self.n = m

    def tableau(self, colonne: str, feuille: str | None) -> pd.DataFrame:
        """Les lignes lues, sans copie des tableaux ; une clé commune × sexe × âge vue deux fois
        est refusée en nommant sa seconde ligne (comme `verifier_doublons`, sans ses tables de
        hachage de 24 octets par ligne : une clé entière par ligne suffit ici)."""
        n = self.n
        rangs, sexes, ages = self.rangs[:n], self.sexes[:n], self.ages[:n]
        # (rang × 2 + sexe − 1) × 101 + âge, calculé en place (un seul tableau de plus)
        cles = rangs.astype(np.int64)
        cles *= 2
        cles += sexes
        cles -= 1
        cles *= 101
        cles += ages
        if n and np.bincount(cles).max() > 1:
            _, premieres = np.unique(cles, return_index=True)
            vues = np.zeros(n, bool)
            vues[premieres] = True
            k = int(np.flatnonzero(~vues)[0])
            raise ErreurImport(
                self.fichier.nom,
                f"ligne en double ({self.communes[rangs[k]]}, {sexes[k]}, {ages[k]} figure déjà "
                "plus haut).",
                "Supprimez le doublon ou reprenez le fichier original de l'éditeur.",
                ligne=int(self.numeros[k]),
                colonne=colonne,
                feuille=feuille,
            )
        del cles
        return pd.DataFrame(
            {
                "code_commune": np.array(self.communes, dtype=object)[rangs],
                "sexe": sexes,
                "age": ages,
                "population": self.populations[:n],
                "_ligne": self.numeros[:n],
            },
            copy=False,
        )


def lire_rp_detail(fichier: Fichier) -> Lot:
    """Le tableau détaillé « une ligne par commune, sexe et âge » (BTT_TD_POP1B : 7 millions de
    lignes pour la France), lu dans des tableaux typés (`_ValeursSexeAge`)."""
    feuille, i, col = feuille_et_colonnes(fichier, ["NIVGEO", "CODGEO", "SEXE", "AGED100", "NB"])
    valeurs = _ValeursSexeAge(fichier, max(len(feuille.lignes) - i - 1, 0))
    for k in range(i + 1, len(feuille.lignes)):
        if feuille.texte(k, col["NIVGEO"]) != "COM":
            continue  # arrondissements municipaux (ARM) : compris dans les chiffres de leur commune
        numero = feuille.numeros[k]
        sexe = feuille.texte(k, col["SEXE"])
        age = feuille.texte(k, col["AGED100"])
        if sexe not in ("1", "2"):
            raise feuille.erreur(
                fichier.nom,
                k,
                f"sexe « {sexe} » inconnu (1 ou 2 attendu).",
                "Reprenez le fichier original de l'INSEE.",
                colonne="SEXE",
            )
        if not age.isdigit() or int(age) > 100:
            raise feuille.erreur(
                fichier.nom,
                k,
                f"âge « {age} » hors de 000..100.",
                "Reprenez le fichier original de l'INSEE.",
                colonne="AGED100",
            )
        rang = valeurs.rang(feuille.texte(k, col["CODGEO"]), numero, "CODGEO")
        population = nombre(feuille.lignes[k][col["NB"]], fichier.nom, numero, "NB")
        valeurs.ajouter(rang, int(sexe), int(age), population, numero)
    if valeurs.n == 0:
        raise ErreurImport(
            fichier.nom, "aucune ligne de commune (NIVGEO = COM).", "Vérifiez le fichier."
        )
    return _lot_recensement_detaille(
        fichier,
        valeurs.tableau("AGED100", None),
        "rp_age_detaille",
        "Recensement : population par sexe et âge détaillé (INSEE)",
        "TD_POP1B",
    )


def _lot_recensement_detaille(
    fichier: Fichier,
    df: pd.DataFrame,
    format: str,
    libelle: str,
    tableau: str,
    feuille: str | None = None,
) -> Lot:
    """Le lot d'un recensement par sexe et âge détaillé (une ligne par commune, sexe et âge), quelle
    que soit sa disposition : une seule ligne par clé, l'année lue dans le nom du fichier, des
    codes communes de la géographie de deux ans plus tard (le COG de publication). Les doublons
    sont refusés par `_ValeursSexeAge.tableau`."""
    annee = _exiger_annee(_annee_du_nom(fichier.nom), fichier, "de recensement")
    df["annee"] = np.full(len(df), annee, dtype=np.int16)
    return Lot.du_fichier(
        fichier,
        format,
        libelle,
        titre=f"Recensement de la population — population par sexe et âge ({tableau})",
        millesime=f"RP {annee}",
        url="https://www.insee.fr/fr/information/2008354",
        tables={"population": df[["code_commune", "annee", "sexe", "age", "population", "_ligne"]]},
        annee_cog=annee + 2,
        colonne_commune="CODGEO",
        feuille=feuille,
    )


# ----------------------------------- recensement par sexe et âge détaillé, disposition large
# TD_POP1B_AAAA.csv (tableaux détaillés, disposition « en colonnes ») : CODGEO;LIBGEO; puis une
# colonne par sexe × âge, SEXE1_AGED100000 … SEXE1_AGED100100, SEXE2_AGED100000 … SEXE2_AGED100100
# (AGED100 sur 3 chiffres, 100 = 100 ans ou plus), effectifs pondérés décimaux ; une ligne par
# commune (et par arrondissement municipal, codes 751xx, 132xx, 693xx, qui sont dans leur commune).
RE_SEXE_AGE = re.compile(r"^SEXE([12])_AGED100(\d{3})$", re.IGNORECASE)
ARRONDISSEMENTS = re.compile(r"^(751(0[1-9]|1\d|20)|132(0[1-9]|1[0-6])|6938[1-9])$")


def _entete_large(feuille) -> int | None:
    return ligne_entete(
        feuille,
        lambda noms: "CODGEO" in noms and sum(bool(RE_SEXE_AGE.match(n)) for n in noms) >= 2,
    )


def reconnaitre_rp_detail_large(fichier: Fichier) -> bool:
    return feuille_ou(fichier, _entete_large) is not None


def lire_rp_detail_large(fichier: Fichier) -> Lot:
    """Disposition large : une colonne par sexe et âge ; les 202 colonnes sont exigées."""
    feuille, i = feuille_ou(fichier, _entete_large)
    index = colonnes(feuille, i)
    cellules = {
        (int(m.group(1)), int(m.group(2))): j
        for n, j in index.items()
        if (m := RE_SEXE_AGE.match(n))
    }
    manquantes = [
        f"SEXE{s}_AGED100{a:03d}" for s in (1, 2) for a in range(101) if (s, a) not in cellules
    ]
    if manquantes:
        raise feuille.erreur(
            fichier.nom,
            i,
            f"{len(manquantes)} colonne(s) sexe × âge manquante(s) (par exemple {manquantes[0]}).",
            "Importez le fichier complet de l'INSEE (202 colonnes SEXE1_AGED100000 … "
            "SEXE2_AGED100100), sans en retirer.",
        )
    ordre = sorted(cellules)  # (sexe, âge) : SEXE1 0..100 puis SEXE2 0..100
    sexes = np.array([sx for sx, _ in ordre], np.int8)
    ages = np.array([a for _, a in ordre], np.int16)
    valeurs = _ValeursSexeAge(fichier, max(len(feuille.lignes) - i - 1, 0) * len(ordre))
    for k, numero, code in lignes_communes(fichier, feuille, i, index["CODGEO"], "CODGEO"):
        if ARRONDISSEMENTS.match(code):
            continue  # arrondissements municipaux : déjà comptés dans leur commune
        populations = [
            # secret statistique : case vide = 0
            nombre_cellule(fichier, feuille, k, cellules[c], f"SEXE{c[0]}_AGED100{c[1]:03d}") or 0.0
            for c in ordre
        ]
        valeurs.ajouter_ligne(
            valeurs.rang(code, numero, "CODGEO"), sexes, ages, populations, numero
        )
    if valeurs.n == 0:
        raise ErreurImport(fichier.nom, "aucune ligne de commune.", "Vérifiez le fichier.")
    return _lot_recensement_detaille(
        fichier,
        valeurs.tableau("CODGEO", feuille.nom),
        "rp_age_detaille_large",
        "Recensement : population par sexe et âge détaillé, en colonnes (INSEE)",
        "TD_POP1B, disposition en colonnes",
        feuille.nom,
    )


# ----------------------------- séries historiques par grands groupes d'âges (IRIS, communes)
# base-ic-evol-struct-pop-AAAA (IRIS ; colonnes IRIS, COM, TYP_IRIS… puis P21_POP, P21_POP0014 …
# P21_POP75P, P21_POPH, P21_H0014 … P21_H75P, P21_POPF, P21_F0014 … P21_F75P) et
# base-cc-evol-struct-pop-AAAA (communes ; CODGEO au lieu de IRIS/COM). Les lignes IRIS sont
# additionnées par commune ; les six groupes larges par sexe (0-14, 15-29, 30-44, 45-59, 60-74,
# 75 et plus) sont éclatés en âges détaillés par `eclater_groupes`. INSEE
# https://www.insee.fr/fr/statistiques/7704076 (IRIS), https://www.insee.fr/fr/statistiques/7632446
RE_GROUPE_SEXE = re.compile(r"^P(\d{2})_([HF])(\d{2})(\d{2}|P)$")
BORNES_LARGES = ["0014", "1529", "3044", "4559", "6074", "75P"]


def _entete_struct(feuille) -> int | None:
    return ligne_entete(
        feuille,
        lambda noms: (
            ("CODGEO" in noms or {"IRIS", "COM"} <= set(noms))
            and any(RE_GROUPE_SEXE.match(n) for n in noms)
        ),
    )


def reconnaitre_evol_struct(fichier: Fichier) -> bool:
    return feuille_ou(fichier, _entete_struct) is not None


def lire_evol_struct(fichier: Fichier) -> Lot:
    feuille, i = feuille_ou(fichier, _entete_struct)
    index = colonnes(feuille, i)
    colonne = "COM" if "COM" in index and "IRIS" in index else "CODGEO"
    annees = sorted(
        {int(m.group(1)) for n in index if (m := RE_GROUPE_SEXE.match(n))}, reverse=True
    )
    aa = f"{annees[0]:02d}"
    cellules = {}
    for sexe, lettre in ((1, "H"), (2, "F")):
        for rang, groupe in enumerate(BORNES_LARGES):
            nom = f"P{aa}_{lettre}{groupe}"
            if nom not in index:
                raise feuille.erreur(
                    fichier.nom,
                    i,
                    f"colonne « {nom} » absente (population par sexe et grand groupe d'âges).",
                    "Importez le fichier base-ic-evol-struct-pop ou base-cc-evol-struct-pop tel "
                    "que publié par l'INSEE.",
                )
            cellules[(sexe, rang * 15)] = (index[nom], nom)
    lignes = []
    for k, numero, code in lignes_communes(fichier, feuille, i, index[colonne], colonne):
        for (sexe, debut), (j, nom) in cellules.items():
            valeur = nombre_cellule(fichier, feuille, k, j, nom)
            lignes.append((code, sexe, debut, valeur or 0.0, numero))
    df = pd.DataFrame(lignes, columns=["code_commune", "sexe", "age_debut", "population", "_ligne"])
    if df.empty:
        raise ErreurImport(fichier.nom, "aucune ligne lue.", "Vérifiez le fichier.")
    iris = colonne == "COM"
    groupes = df.groupby(["code_commune", "sexe", "age_debut"], as_index=False).agg(
        population=("population", "sum"), _ligne=("_ligne", "min")
    )
    if not iris:
        verifier_doublons(
            df, ["code_commune", "sexe", "age_debut"], fichier.nom, colonne, feuille.nom
        )
    annee = 2000 + annees[0] if annees[0] < 50 else 1900 + annees[0]
    groupes["annee"] = annee
    premieres = groupes.groupby("code_commune")["_ligne"].min().rename("_ligne")
    detail = eclater_groupes(
        groupes.drop(columns="_ligne"),
        colonne_age_debut="age_debut",
        colonne_valeur="population",
        cles=["code_commune", "annee", "sexe"],
    ).merge(premieres.reset_index(), on="code_commune")
    n_communes = groupes["code_commune"].nunique()
    return Lot.du_fichier(
        fichier,
        "rp_evol_struct",
        "Recensement : population par sexe et grand groupe d'âges (INSEE)",
        titre="Recensement — évolution et structure de la population "
        + ("(IRIS additionnés par commune, " if iris else "(")
        + "groupes de 15 ans éclatés en âges détaillés par Vigie)",
        millesime=f"RP {annee}",
        url="https://www.insee.fr/fr/statistiques/7704076",
        tables={
            "population": detail[["code_commune", "annee", "sexe", "age", "population", "_ligne"]]
        },
        annee_cog=annee + 2,
        colonne_commune=colonne,
        feuille=feuille.nom,
        remarques=[
            (
                f"{len(df) // 12} lignes IRIS additionnées en {n_communes} communes ; "
                if iris
                else ""
            )
            + "groupes de 15 ans par sexe répartis en âges détaillés (interpolation qui conserve "
            "le total de chaque groupe) : les effectifs à un âge précis sont approchés."
        ],
    )


# --------------------------------------------- recensement par sexe et groupes quinquennaux
RE_AGEQ = re.compile(r"^ageq_rec(\d{2})s([12])rpop(\d{4})$", re.IGNORECASE)


def _entete_ageq(feuille) -> int | None:
    return ligne_entete(feuille, lambda noms: any(RE_AGEQ.match(n) for n in noms), 30)


def reconnaitre_rp_quinquennal(fichier: Fichier) -> bool:
    return feuille_ou(fichier, _entete_ageq) is not None


def lire_rp_quinquennal(fichier: Fichier) -> Lot:
    """Groupes quinquennaux éclatés en âges détaillés par `models.projection.eclater_groupes`."""
    morceaux, annee_cog = [], None
    for feuille in fichier.feuilles:
        i = _entete_ageq(feuille)
        if i is None:
            continue
        index = colonnes(feuille, i)
        if "CODGEO" in index:

            def lire_code(k, f=feuille, c=index["CODGEO"]):
                return f.texte(k, c)

            colonne = "CODGEO"
        elif "DR" in index and "CR" in index:

            def lire_code(k, f=feuille, d=index["DR"], c=index["CR"]):
                return code_departement(f.texte(k, d))[:2] + f.texte(k, c).zfill(3)

            colonne = "CR"
        else:
            raise feuille.erreur(
                fichier.nom,
                i,
                "ni colonne CODGEO ni colonnes DR et CR (code de la commune).",
                "Importez la feuille communale (COM_AAAA) du fichier INSEE.",
            )
        groupes = {j: RE_AGEQ.match(nom).groups() for nom, j in index.items() if RE_AGEQ.match(nom)}
        annee_cog = annee_cog or annee_geographie(textes_titre(feuille, i))
        for k in range(i + 1, len(feuille.lignes)):
            brut = lire_code(k)
            if not brut.strip("0"):
                continue
            numero = feuille.numeros[k]
            code = code_commune(brut, fichier.nom, numero, colonne, feuille.nom)
            for j, (groupe, sexe, annee) in groupes.items():
                morceaux.append(
                    (
                        code,
                        int(annee),
                        int(sexe),
                        (int(groupe) - 1) * 5,
                        nombre(
                            feuille.lignes[k][j],
                            fichier.nom,
                            numero,
                            f"ageq_rec{groupe}s{sexe}rpop{annee}",
                            feuille.nom,
                        ),
                        numero,
                    )
                )
    df = pd.DataFrame(
        morceaux,
        columns=["code_commune", "annee", "sexe", "age_debut", "population", "_ligne"],
    )
    verifier_doublons(df, ["code_commune", "annee", "sexe", "age_debut"], fichier.nom, "CODGEO")
    premieres = df.groupby(["code_commune", "annee"])["_ligne"].min().rename("_ligne")
    detail = eclater_groupes(
        df.drop(columns="_ligne"),
        colonne_age_debut="age_debut",
        colonne_valeur="population",
        cles=["code_commune", "annee", "sexe"],
    ).merge(premieres.reset_index(), on=["code_commune", "annee"])
    annees = sorted(df["annee"].unique())
    return Lot.du_fichier(
        fichier,
        "rp_age_quinquennal",
        "Recensement : population par sexe et âge quinquennal (INSEE)",
        titre="Recensement — population par sexe et âge quinquennal (éclatée en âges "
        "détaillés par Vigie)",
        millesime="RP " + ", ".join(str(a) for a in annees),
        url="https://www.insee.fr/fr/statistiques/1893204",
        tables={
            "population": detail[["code_commune", "annee", "sexe", "age", "population", "_ligne"]]
        },
        annee_cog=annee_cog,
        colonne_commune=colonne,
        remarques=[
            "Groupes de 5 ans répartis en âges détaillés (interpolation qui conserve le total "
            "de chaque groupe) : les effectifs à un âge précis sont approchés."
        ],
    )


# ------------------------------------------------------------- base-cc-serie-historique
RE_POP = re.compile(r"^[PD](\d{2})_POP$")
RE_EVT = re.compile(r"^(NAIS|DECE)(\d{2})(\d{2})$")


def _siecle(aa: str) -> int:
    n = int(aa)
    return 1900 + n if n >= 50 else 2000 + n


def _entete_historique(feuille) -> int | None:
    return ligne_entete(
        feuille, lambda noms: "CODGEO" in noms and any(RE_POP.match(n) for n in noms), 30
    )


def reconnaitre_serie_historique(fichier: Fichier) -> bool:
    return feuille_ou(fichier, _entete_historique) is not None


def lire_serie_historique(fichier: Fichier) -> Lot:
    feuille, i = feuille_ou(fichier, _entete_historique)
    index = colonnes(feuille, i)
    borner_une_ligne_par_commune(feuille, i, fichier.nom)
    pops = {j: _siecle(RE_POP.match(n).group(1)) for n, j in index.items() if RE_POP.match(n)}
    evts = {j: RE_EVT.match(n).groups() for n, j in index.items() if RE_EVT.match(n)}
    population, evenements = [], {}
    for k, numero, code in lignes_communes(fichier, feuille, i, index["CODGEO"], "CODGEO"):
        for j, annee in pops.items():
            valeur = nombre_cellule(
                fichier, feuille, k, j, feuille.texte(i, j), maximum=POPULATION_COMMUNE_MAX
            )
            if valeur is not None:
                population.append((code, annee, valeur, numero))
        for j, (quoi, debut, fin) in evts.items():
            valeur = nombre_cellule(fichier, feuille, k, j, feuille.texte(i, j))
            cle = (code, _siecle(debut), _siecle(fin))
            ligne = evenements.setdefault(
                cle, {"naissances": None, "deces": None, "_ligne": numero}
            )
            ligne["naissances" if quoi == "NAIS" else "deces"] = valeur
    pop = pd.DataFrame(
        population, columns=["code_commune", "annee", "population_municipale", "_ligne"]
    )
    verifier_doublons(pop, ["code_commune", "annee"], fichier.nom, "CODGEO", feuille.nom)
    pop["population_comptee_a_part"] = None
    pop["population_totale"] = None
    tables = {"population_legale": pop}
    if evenements:
        tables["etat_civil_periode"] = pd.DataFrame(
            [
                {"code_commune": c, "annee_debut": d, "annee_fin": f, **v}
                for (c, d, f), v in evenements.items()
            ]
        )
    derniere = max(pops.values()) if pops else None
    return Lot.du_fichier(
        fichier,
        "serie_historique",
        "Séries historiques du recensement par commune (INSEE)",
        titre="Recensement — séries historiques (base-cc-serie-historique)",
        millesime=f"RP {derniere}" if derniere else "non précisé",
        url="https://www.insee.fr/fr/statistiques/7632867",
        tables=tables,
        annee_cog=annee_geographie(textes_titre(feuille, i))
        or (derniere + 2 if derniere else None),
        colonne_commune="CODGEO",
        feuille=feuille.nom,
        remarques=[
            "Population de chaque recensement depuis 1968, sans détail par sexe et âge ; "
            "naissances et décès par période intercensitaire."
        ],
    )


# --------------------------------------------------------------------------- état civil
COLONNES_MELODI = ["GEO", "GEO_OBJECT", "TIME_PERIOD", "OBS_VALUE", "EC_MEASURE"]


reconnaitre_etat_civil = commun.reconnu_a_ses_colonnes(COLONNES_MELODI)


def _mesure(code: str) -> str | None:
    c = code.upper()
    if c.startswith(("LVB", "NAIS", "BIRTH")):
        return "naissances"
    if c.startswith(("DTH", "DEC", "DEATH")):
        return "deces"
    return None


def lire_etat_civil(fichier: Fichier) -> Lot:
    feuille, i, col = feuille_et_colonnes(fichier, COLONNES_MELODI)
    lignes = {}
    for k in range(i + 1, len(feuille.lignes)):
        if feuille.texte(k, col["GEO_OBJECT"]) != "COM":
            continue
        numero = feuille.numeros[k]
        mesure = _mesure(feuille.texte(k, col["EC_MEASURE"]))
        if mesure is None:
            raise feuille.erreur(
                fichier.nom,
                k,
                f"mesure « {feuille.texte(k, col['EC_MEASURE'])} » inconnue (LVB pour les "
                "naissances vivantes, DTH pour les décès).",
                "Importez le fichier des naissances ou des décès par commune tel que publié.",
                colonne="EC_MEASURE",
            )
        periode = feuille.texte(k, col["TIME_PERIOD"])
        if not re.fullmatch(r"\d{4}", periode):
            raise feuille.erreur(
                fichier.nom,
                k,
                f"« {periode} » n'est pas une année.",
                "Reprenez le fichier original.",
                colonne="TIME_PERIOD",
            )
        code = code_commune(feuille.texte(k, col["GEO"]), fichier.nom, numero, "GEO")
        cle = (code, int(periode))
        ligne = lignes.setdefault(cle, {"naissances": None, "deces": None, "_ligne": numero})
        if ligne[mesure] is not None:
            raise feuille.erreur(
                fichier.nom,
                k,
                f"ligne en double ({code}, {periode}).",
                "Supprimez le doublon.",
                colonne="GEO",
            )
        ligne[mesure] = nombre(
            feuille.lignes[k][col["OBS_VALUE"]], fichier.nom, numero, "OBS_VALUE"
        )
    df = pd.DataFrame([{"code_commune": c, "annee": a, **v} for (c, a), v in lignes.items()])
    if df.empty:
        raise ErreurImport(
            fichier.nom, "aucune ligne de commune (GEO_OBJECT = COM).", "Vérifiez le fichier."
        )
    quoi = [m for m in ("naissances", "deces") if df[m].notna().any()]
    annees = f"{df['annee'].min()}-{df['annee'].max()}"
    return Lot.du_fichier(
        fichier,
        "etat_civil",
        "État civil : "
        + " et ".join("naissances" if q == "naissances" else "décès" for q in quoi)
        + " par commune (INSEE)",
        titre="État civil — "
        + " et ".join("naissances vivantes" if q == "naissances" else "décès" for q in quoi)
        + " domiciliés par commune",
        millesime=annees,
        url="https://www.insee.fr/fr/statistiques/1893255",
        tables={"etat_civil_commune": df},
        colonne_commune="GEO",
        remarques=[
            "Totaux annuels sans détail par sexe ni âge : la projection s'en sert pour "
            "le niveau local de fécondité et de mortalité des communes sans naissances "
            "ni décès détaillés."
        ],
    )


# ------------------------------------------------ estimations par département (sexe, âge)
def reconnaitre_estimations_departement(fichier: Fichier) -> bool:
    if fichier.genre != "classeur":
        return False
    for feuille in fichier.feuilles[:3]:
        textes = " ".join(textes_titre(feuille, 4))
        if "par département, sexe et âge quinquennal" in textes:
            return True
    return False


def _groupes_ages(libelles: list[str], fichier: Fichier, feuille, numero: int) -> list:
    """Bornes d'âge de chaque libellé ; le guillemet de répétition `"` reprend la largeur
    précédente."""
    groupes, precedent = [], None
    for j, libelle in libelles:
        texte = libelle.strip()
        if texte.lower().startswith("total") or not texte:
            groupes.append((j, None))
            continue
        m = re.match(r"(\d+) à (\d+) ans", texte)
        p = re.match(r"(\d+) ans et plus", texte)
        if m:
            bornes = (int(m.group(1)), int(m.group(2)))
        elif p:
            bornes = (int(p.group(1)), None)
        elif texte in ('"', "«", "»", "''", "id.") and precedent and precedent[1] is not None:
            largeur = precedent[1] - precedent[0] + 1
            bornes = (precedent[1] + 1, precedent[1] + largeur)
        else:
            raise ErreurImport(
                fichier.nom,
                f"libellé d'âge « {texte} » inattendu.",
                "Reprenez le fichier original de l'INSEE.",
                ligne=numero,
                feuille=feuille.nom,
            )
        groupes.append((j, bornes))
        precedent = bornes
    return groupes


def lire_estimations_departement(fichier: Fichier) -> Lot:
    """`estim-pop-dep-sexe-aq-AAAA.xlsx` : une feuille par année, blocs Ensemble | Hommes | Femmes
    côte à côte, guillemets de répétition parmi les libellés d'âge, totaux et notes de bas de page
    sous les départements."""
    # "Les estimations ... pour les années 2019, 2020 et 2021 sont provisoires." (feuille
    # "À savoir") : les années nommées avant "sont provisoires" sont les provisoires.
    provisoires: set[int] = set()
    for feuille in fichier.feuilles:
        if feuille.nom.strip().isdigit():
            continue
        for texte in textes_titre(feuille, len(feuille.lignes)):
            if "sont provisoires" in texte:
                avant = texte.split("sont provisoires")[0]
                provisoires.update(int(a) for a in re.findall(r"(?:19|20)\d{2}", avant))
    lignes, noms = [], {}
    for feuille in fichier.feuilles:
        if not feuille.nom.strip().isdigit():
            continue
        annee = int(feuille.nom.strip())
        blocs, ages = None, None
        # Les feuilles anciennes répètent l'en-tête au-dessus des départements d'outre-mer, dont le
        # dernier groupe est "90 ans et plus" : les groupes sont relus à chaque en-tête.
        for k in range(len(feuille.lignes)):
            cellules = [feuille.texte(k, j) for j in range(len(feuille.lignes[k]))]
            if "Ensemble" in cellules and "Hommes" in cellules and "Femmes" in cellules:
                debuts = sorted(
                    (j, {"Ensemble": 0, "Hommes": 1, "Femmes": 2}[t])
                    for j, t in enumerate(cellules)
                    if t in ("Ensemble", "Hommes", "Femmes")
                )
                ages = k + 1
                blocs = []
                for rang, (debut, sexe) in enumerate(debuts):
                    fin = (
                        debuts[rang + 1][0] if rang + 1 < len(debuts) else len(feuille.lignes[ages])
                    )
                    libelles = [(j, feuille.texte(ages, j)) for j in range(debut, fin)]
                    blocs.append(
                        (sexe, _groupes_ages(libelles, fichier, feuille, feuille.numeros[ages]))
                    )
                continue
            code = cellules[0] if cellules else ""
            if blocs is None or k == ages or not re.fullmatch(r"\d{1,3}|2[AB]", code):
                continue  # titres, libellés d'âge, totaux (France métropolitaine, DOM), notes
            code = code_departement(code)
            noms[code] = cellules[1].strip() if len(cellules) > 1 else ""
            for sexe, groupes in blocs:
                for j, b in groupes:
                    if b is None:
                        continue
                    valeur = nombre_cellule(fichier, feuille, k, j, feuille.texte(ages, j))
                    if valeur is not None:
                        lignes.append(
                            (
                                code,
                                annee,
                                sexe,
                                b[0],
                                b[1],
                                valeur,
                                annee in provisoires,
                                feuille.numeros[k],
                            )
                        )
        if blocs is None:
            raise ErreurImport(
                fichier.nom,
                "en-têtes Ensemble / Hommes / Femmes introuvables.",
                "Reprenez le fichier original de l'INSEE.",
                feuille=feuille.nom,
            )
    df = pd.DataFrame(
        lignes,
        columns=[
            "code_dep",
            "annee",
            "sexe",
            "age_min",
            "age_max",
            "population",
            "provisoire",
            "_ligne",
        ],
    )
    if df.empty:
        raise ErreurImport(fichier.nom, "aucune feuille annuelle lue.", "Vérifiez le fichier.")
    verifier_doublons(df, ["code_dep", "annee", "sexe", "age_min"], fichier.nom, "Départements")
    annees = f"{df['annee'].min()}-{df['annee'].max()}"
    return Lot.du_fichier(
        fichier,
        "estimation_departement",
        "Estimations de population par département, sexe et âge (INSEE)",
        titre="Estimations de population au 1er janvier par département, sexe et âge quinquennal",
        millesime=annees
        + (f" ({', '.join(map(str, sorted(provisoires)))} provisoires)" if provisoires else ""),
        url=URL_ESTIMATIONS,
        tables={"population_departement": df},
        remarques=["Niveau département seulement : pas de détail communal."],
    )

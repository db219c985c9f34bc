"""Tables nationales de référence : quotients de mortalité, espérance de vie et survivants de
l'INSEE (tableau 69, `*_dod_quotients_mortalite` ; certains sont des classeurs Strict Open XML
qu'openpyxl lit comme vides, d'où le passage de tous les classeurs par python-calamine), tables de
mortalité complètes (tableau 68, une feuille par année), le classeur des projections 2013-2070
(ancien format .xls : hypothèses de fécondité et de mortalité, population projetée), population
nationale par âge détaillé (CSV de la pyramide des âges), et séries mensuelles exportées de la BDM
(idBank).

Elles sont rangées dans `parametre_national` (et `serie_insee`), pour les paramètres de référence
du modèle de projection et pour les vues des analystes.
"""

from __future__ import annotations

import re
from dataclasses import replace
from datetime import date

import pandas as pd

from vigie.alimentation.importation.erreurs import ErreurImport
from vigie.alimentation.importation.formats.commun import (
    feuille_avec,
    feuille_et_colonnes,
    feuille_ou,
    ligne_entete,
    nombre_cellule,
    textes_titre,
    verifier_doublons,
)
from vigie.alimentation.importation.lecture import Fichier, nombre
from vigie.alimentation.importation.lot import Lot
from vigie.stockage import catalogue_services

URL_BILAN = "https://www.insee.fr/fr/statistiques/5390366"
INDICATEURS = [
    ("quotients de mortalit", "quotient_mortalite", "pour 100 000 survivants"),
    ("espérance de vie", "esperance_vie", "années"),
    ("survivants", "survivants", "pour 100 000 naissances"),
]


def _champ(textes: list[str]) -> str:
    for t in textes:
        if t.startswith("Champ"):
            return "France métropolitaine" if "métropolitaine" in t else "France"
    return "France"


def _sexe(texte: str) -> int | None:
    t = texte.lower()
    if "sexe féminin" in t or "femmes" in t:
        return 2
    if "sexe masculin" in t or "hommes" in t:
        return 1
    return None


def _age(texte: str) -> int | None:
    m = re.match(r"(\d+) ans?\b", texte.strip())
    return int(m.group(1)) if m else None


def _entete_annee_age(feuille) -> int | None:
    return ligne_entete(feuille, lambda noms: noms[:2] == ["Année", "0 an"])


# ------------------------------------------------------------ tables année x âge (T69, dod)
def reconnaitre_tableau_annee_age(fichier: Fichier) -> bool:
    return fichier.genre == "classeur" and feuille_ou(fichier, _entete_annee_age) is not None


def lire_tableau_annee_age(fichier: Fichier) -> Lot:
    lignes, indicateurs, champs = [], set(), set()
    for feuille in fichier.feuilles:
        i = _entete_annee_age(feuille)
        if i is None:
            continue
        titres = textes_titre(feuille, i)
        bas = [feuille.texte(k, 0) for k in range(i + 1, len(feuille.lignes))]
        champ = _champ(bas)
        texte_titre = " ".join(titres).lower()
        indicateur = next(
            ((cle, unite) for motif, cle, unite in INDICATEURS if motif in texte_titre), None
        )
        sexe = _sexe(" ".join(titres))
        if indicateur is None or sexe is None:
            raise ErreurImport(
                fichier.nom,
                "indicateur (quotients, espérance de vie, survivants) ou sexe introuvable dans "
                "le titre de la feuille.",
                "Importez le classeur INSEE tel que publié.",
                feuille=feuille.nom,
                ligne=1,
            )
        indicateurs.add(indicateur[0])
        champs.add(champ)
        ages = {j: _age(feuille.texte(i, j)) for j in range(1, len(feuille.lignes[i]))}
        for k in range(i + 1, len(feuille.lignes)):
            annee = feuille.texte(k, 0)
            if not re.fullmatch(r"(18|19|20)\d{2}", annee):
                continue
            for j, age in ages.items():
                if age is None:
                    continue
                valeur = nombre_cellule(fichier, feuille, k, j, feuille.texte(i, j))
                if valeur is not None:
                    lignes.append(
                        (
                            indicateur[0],
                            champ,
                            int(annee),
                            sexe,
                            age,
                            valeur,
                            indicateur[1],
                            feuille.numeros[k],
                        )
                    )
    df = pd.DataFrame(
        lignes, columns=["indicateur", "champ", "annee", "sexe", "age", "valeur", "unite", "_ligne"]
    )
    verifier_doublons(df, ["indicateur", "champ", "annee", "sexe", "age"], fichier.nom, "Année")
    return _lot_national(
        fichier,
        df,
        "mortalite_annuelle",
        "Mortalité : " + ", ".join(sorted(i.replace("_", " ") for i in indicateurs)) + " (INSEE)",
        "Tables de mortalité — " + ", ".join(sorted(indicateurs)) + " par sexe et âge",
        " / ".join(sorted(champs)),
    )


def _lot_national(fichier, df, cle, libelle, titre, champ, url=URL_BILAN) -> Lot:
    if df.empty:
        raise ErreurImport(fichier.nom, "aucune valeur lue.", "Vérifiez le fichier.")
    return Lot.du_fichier(
        fichier,
        cle,
        libelle,
        titre=f"{titre} ({champ})",
        millesime=f"{int(df['annee'].min())}-{int(df['annee'].max())}",
        url=url,
        tables={"parametre_national": df},
    )


# -------------------------------------------------------------- T68 : une feuille par année
def _entete_t68(feuille) -> int | None:
    """Ligne des titres de blocs (Sexe masculin | Sexe féminin | Ensemble)."""
    return ligne_entete(feuille, lambda noms: "Sexe masculin" in noms)


def reconnaitre_t68(fichier: Fichier) -> bool:
    return fichier.genre == "classeur" and any(
        _entete_t68(f) is not None and "TABLEAU 68" in feuille_titre(f) for f in fichier.feuilles
    )


def feuille_titre(feuille) -> str:
    return feuille.texte(0, 0) if feuille.lignes else ""


def lire_t68(fichier: Fichier) -> Lot:
    """Tableau 68 : tables de mortalité complètes triennales, blocs Sexe masculin | féminin |
    Ensemble, chacun S(x), Q(x, x+1), E(x) ; le nom de la feuille est la dernière des trois
    années."""
    lignes = []
    champ = "France"
    for feuille in fichier.feuilles:
        i = _entete_t68(feuille)
        if i is None or not feuille.nom.strip().isdigit():
            continue
        annee = int(feuille.nom.strip())
        champ = _champ([feuille.texte(k, 0) for k in range(i, len(feuille.lignes))])
        blocs = []
        for j in range(len(feuille.lignes[i])):
            t = feuille.texte(i, j).lower()
            if t.startswith("sexe masculin"):
                blocs.append((1, j))
            elif t.startswith("sexe féminin"):
                blocs.append((2, j))
            elif t.startswith("ensemble"):
                blocs.append((0, j))
        for k in range(i + 1, len(feuille.lignes)):
            age = feuille.texte(k, 0)
            if not age.isdigit():
                continue
            for sexe, j in blocs:
                for decalage, (cle, unite) in enumerate(
                    [
                        ("survivants", "pour 100 000 naissances"),
                        ("quotient_mortalite", "pour 100 000 survivants"),
                        ("esperance_vie", "années"),
                    ]
                ):
                    valeur = nombre_cellule(
                        fichier, feuille, k, j + decalage, ["S(x)", "Q(x, x+1)", "E(x)"][decalage]
                    )
                    if valeur is not None:
                        lignes.append(
                            (
                                f"{cle}_table_triennale",
                                champ,
                                annee,
                                sexe,
                                int(age),
                                valeur,
                                unite,
                                feuille.numeros[k],
                            )
                        )
    df = pd.DataFrame(
        lignes, columns=["indicateur", "champ", "annee", "sexe", "age", "valeur", "unite", "_ligne"]
    )
    return _lot_national(
        fichier,
        df,
        "mortalite_t68",
        "Tables de mortalité triennales (tableau 68, INSEE)",
        "Tables de mortalité triennales (tableau 68)",
        champ,
    )


# --------------------------------------------------------- projection 2013-2070 (ancien xls)
FEUILLES_PROJECTION = {
    "Hyp_fecondite": ("taux_fecondite_projete", 2, "pour 10 000 femmes"),
    "hyp_mortaliteF": ("quotient_mortalite_projete", 2, "pour 10 000"),
    "hyp_mortaliteH": ("quotient_mortalite_projete", 1, "pour 10 000"),
    "populationF": ("population_projetee", 2, "habitants"),
    "populationH": ("population_projetee", 1, "habitants"),
}


def reconnaitre_projection(fichier: Fichier) -> bool:
    return fichier.genre == "classeur" and fichier.feuille("Hyp_fecondite") is not None


def lire_projection(fichier: Fichier) -> Lot:
    lignes = []
    for nom, (cle, sexe, unite) in FEUILLES_PROJECTION.items():
        feuille = fichier.feuille(nom)
        if feuille is None:
            continue
        i = next(
            (
                k
                for k in range(min(12, len(feuille.lignes)))
                if feuille.texte(k, 0).startswith("Âge")
            ),
            None,
        )
        if i is None:
            raise ErreurImport(
                fichier.nom,
                "ligne d'en-tête « Âge … » introuvable.",
                "Importez le classeur INSEE tel que publié.",
                feuille=nom,
            )
        annees = {
            j: int(float(feuille.texte(i, j)))
            for j in range(1, len(feuille.lignes[i]))
            if re.fullmatch(r"(19|20)\d{2}", feuille.texte(i, j))
        }
        for k in range(i + 1, len(feuille.lignes)):
            age = feuille.texte(k, 0)
            m = re.match(r"(\d+)", age)
            if not m:
                continue
            for j, annee in annees.items():
                valeur = nombre_cellule(fichier, feuille, k, j, str(annee))
                if valeur is not None:
                    lignes.append(
                        (
                            cle,
                            "France",
                            annee,
                            sexe,
                            int(m.group(1)),
                            valeur,
                            unite,
                            feuille.numeros[k],
                        )
                    )
    df = pd.DataFrame(
        lignes, columns=["indicateur", "champ", "annee", "sexe", "age", "valeur", "unite", "_ligne"]
    )
    df = df.drop_duplicates(["indicateur", "champ", "annee", "sexe", "age"], keep="first")
    return _lot_national(
        fichier,
        df,
        "projection_nationale",
        "Projections nationales 2013-2070 : hypothèses (INSEE)",
        "Projections de population 2013-2070, hypothèses du scénario",
        "France",
        url="https://www.insee.fr/fr/statistiques/2496793",
    )


# ---------------------------------------------------------- population nationale par âge
def reconnaitre_pyramide(fichier: Fichier) -> bool:
    return (
        fichier.genre == "csv"
        and feuille_avec(fichier, ["ANNEE", "SEXE", "AGE", "POP"]) is not None
    )


def lire_pyramide(fichier: Fichier) -> Lot:
    feuille, i, col = feuille_et_colonnes(fichier, ["ANNEE", "SEXE", "AGE", "POP"])
    lignes = []
    for k in range(i + 1, len(feuille.lignes)):
        numero = feuille.numeros[k]
        sexe = {"M": 1, "1": 1, "H": 1, "F": 2, "2": 2}.get(feuille.texte(k, col["SEXE"]))
        if sexe is None:
            raise feuille.erreur(
                fichier.nom,
                k,
                f"sexe « {feuille.texte(k, col['SEXE'])} » inconnu.",
                "Valeurs attendues : M/F ou 1/2.",
                colonne="SEXE",
            )
        lignes.append(
            (
                "population",
                "France",
                int(feuille.texte(k, col["ANNEE"])),
                sexe,
                int(feuille.texte(k, col["AGE"])),
                nombre(feuille.lignes[k][col["POP"]], fichier.nom, numero, "POP"),
                "habitants",
                numero,
            )
        )
    df = pd.DataFrame(
        lignes, columns=["indicateur", "champ", "annee", "sexe", "age", "valeur", "unite", "_ligne"]
    )
    verifier_doublons(df, ["annee", "sexe", "age"], fichier.nom, "AGE")
    # Le fichier ne dit pas s'il couvre la France ou la France métropolitaine ; l'outil de l'INSEE
    # nomme les fichiers métropolitains avec un suffixe `_fm`.
    if re.search(r"_fm\b|_fm\.", fichier.nom):
        df["champ"] = "France métropolitaine"
    if df["annee"].max() > date.today().year:
        df["indicateur"] = "population_projetee"
    return _lot_national(
        fichier,
        df,
        "pyramide_nationale",
        "Population nationale par sexe et âge (INSEE)",
        "Population au 1er janvier par sexe et âge (pyramide des âges)",
        df["champ"].iloc[0] if len(df) else "France",
        url="https://www.insee.fr/fr/outil-interactif/5014911/pyramide.htm",
    )


# --------------------------------------------------------------- séries mensuelles de la BDM
def reconnaitre_bdm(fichier: Fichier) -> bool:
    if fichier.genre != "csv":
        return False
    lignes = fichier.feuilles[0].lignes
    return len(lignes) > 2 and lignes[0][:1] == ["Libellé"] and lignes[1][:1] == ["idBank"]


def lire_bdm(fichier: Fichier) -> Lot:
    """Export de la BDM de l'INSEE : champs `;` entre guillemets, lignes de métadonnées (Libellé,
    idBank, [Dernière mise à jour], Période), puis `"AAAA-MM";"valeur";"code"`, le plus récent
    d'abord."""
    feuille = fichier.feuilles[0]
    libelle, idbank = feuille.texte(0, 1), feuille.texte(1, 1)
    lignes = []
    for k in range(2, len(feuille.lignes)):
        periode = feuille.texte(k, 0)
        if not re.fullmatch(r"\d{4}-\d{2}", periode):
            if periode in ("Période", "Dernière mise à jour"):
                continue
            raise feuille.erreur(
                fichier.nom,
                k,
                f"période « {periode} » inattendue (AAAA-MM).",
                "Importez l'export de la BDM tel quel.",
                colonne="Période",
            )
        statut = feuille.texte(k, 2) or None
        brute = feuille.texte(k, 1)
        if statut == "O" or brute.upper() in ("", "O", "ND", "NA"):
            continue  # valeur absente (code BDM « O » ou cellule vide) : un trou, gardé comme tel
        valeur = nombre(
            feuille.lignes[k][1], fichier.nom, feuille.numeros[k], "valeur", vide_permis=True
        )
        if valeur is None:
            continue
        lignes.append((idbank, libelle, f"{periode}-01", valeur, statut, feuille.numeros[k]))
    df = pd.DataFrame(
        lignes, columns=["idbank", "libelle", "periode", "valeur", "statut", "_ligne"]
    )
    verifier_doublons(df, ["periode"], fichier.nom, "Période")
    if df.empty:
        raise ErreurImport(fichier.nom, "aucune valeur mensuelle.", "Vérifiez le fichier.")
    return Lot.du_fichier(
        fichier,
        "serie_bdm",
        f"Série BDM {idbank} (INSEE)",
        titre=f"{libelle} (idBank {idbank})",
        millesime=f"{df['periode'].min()[:7]} à {df['periode'].max()[:7]}",
        url=f"https://www.insee.fr/fr/statistiques/serie/{idbank}",
        tables={"serie_insee": df},
        remarques=[f"{(df['statut'] == 'P').sum()} valeurs provisoires (P)."]
        if (df["statut"] == "P").any()
        else [],
    )


def bdm_en_usage(
    lot: Lot,
    service: str,
    indicateur: str | None = None,
    unite: str | None = None,
    code_commune: str | None = None,
) -> Lot:
    """Le lot d'un export BDM lu comme une **série d'usage** (à la demande de l'utilisateur :
    ``python -m vigie import FICHIER --usage SERVICE`` ou le choix de la page Importer).

    La série devient ``bdm_<idBank>`` dans ``usage_serie`` et ses valeurs vont dans
    ``usage_observation`` (mois absents ou codés « O » : pas de ligne, donc un trou que la
    prévision garde comme tel) ; ``python -m vigie forecast`` la prévoit ensuite.

    Raises:
        ErreurImport: le lot n'est pas un export BDM, ou le service n'est pas au registre.
    """
    if lot.format != "serie_bdm":
        raise ErreurImport(
            lot.nom,
            f"seul un export de la BDM de l'INSEE peut être importé comme série d'usage "
            f"(fichier lu comme « {lot.libelle} »).",
            "Retirez l'option d'usage pour ce fichier, ou partez du modèle "
            "data/modeles/modele_usages.csv pour vos propres séries.",
        )
    if catalogue_services.service(service) is None:
        connus = ", ".join(s.code for s in catalogue_services.services())
        raise ErreurImport(
            lot.nom,
            f"service « {service} » inconnu.",
            f"Choisissez un service du registre : {connus}.",
        )
    bdm = lot.tables["serie_insee"]
    idbank, libelle = str(bdm["idbank"].iloc[0]), str(bdm["libelle"].iloc[0])
    id_serie = f"bdm_{idbank}"
    serie = pd.DataFrame(
        [
            {
                "id_serie": id_serie,
                "service": service,
                "indicateur": indicateur or libelle,
                "unite": unite or "nombre",
                "frequence": "mensuelle",
                "code_commune": code_commune or None,
                "id_equipement": None,
                "_ligne": int(bdm["_ligne"].min()),
            }
        ]
    )
    observations = pd.DataFrame(
        {
            "id_serie": id_serie,
            "periode": bdm["periode"].to_numpy(),
            "valeur": bdm["valeur"].to_numpy(float),
            "_ligne": bdm["_ligne"].to_numpy(),
        }
    ).sort_values("periode")
    periodes = pd.to_datetime(observations["periode"])
    attendus = (periodes.max().year - periodes.min().year) * 12 + (
        periodes.max().month - periodes.min().month + 1
    )
    trous = attendus - len(observations)
    return replace(
        lot,
        format="usages_bdm",
        libelle=f"Série d'usage ({service}) depuis la BDM {idbank} (INSEE)",
        tables={"usage_serie": serie, "usage_observation": observations.reset_index(drop=True)},
        colonne_commune="code_commune",
        remarques=[
            *lot.remarques,
            f"Série d'usage « {id_serie} » (service {service})"
            + (f", {trous} mois manquants gardés comme des trous." if trous else "."),
        ],
    )

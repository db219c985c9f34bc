"""Les mots montrés à l'utilisateur, en un seul endroit : noms des niveaux, des sexes, des
sources ; noms des services par le registre des services.

Pages et exports prennent ici leurs libellés pour qu'une même chose soit nommée de la même façon
partout (et puisse être reformulée une seule fois).
"""

from __future__ import annotations

from vigie import format_fr
from vigie.stockage import catalogue_services

NOM_APPLICATION = "Vigie"
SOUS_TITRE = "Aide à la décision pour les territoires : population, services, scénarios"

NIVEAUX = {
    "territoire": "Territoire (Pays, pôle)",
    "epci": "Intercommunalité (EPCI)",
    "commune": "Commune",
    "departement": "Département",
}
# Ordre du choix de niveau dans la barre latérale (un Pays d'abord : c'est lui qui installe Vigie).
NIVEAUX_CHOIX = ["territoire", "epci", "commune"]

# Les noms des services et de ce que compte leur demande viennent du registre des services
# (data/reference/services.csv, vigie.stockage.catalogue_services) : une ligne par service.

SEXES = {1: "Hommes", 2: "Femmes"}

PROJECTION_AVERTISSEMENT = (
    "Une projection n'est pas une prévision : elle dit ce qui arriverait si les hypothèses "
    "se réalisaient. Les fourchettes indiquent l'incertitude."
)


def libelle_service(code: str) -> str:
    """Libellé français d'un code de service, tiré du registre (le code lui-même s'il est inconnu,
    par exemple celui d'un analyste)."""
    return catalogue_services.libelle(code)


def besoin_service(code: str) -> str:
    """`places de crèche` : ce que compte la demande d'un service, dans les mots d'un conseil
    (registre)."""
    return catalogue_services.besoin(code)


def ligne_source(sources: list[dict]) -> str:
    """`Source : INSEE, RP 2021 (Licence Ouverte)` à partir de lignes de la table `source`."""
    if not sources:
        return "Source : non renseignée"
    morceaux = []
    for s in sources:
        morceau = f"{s['editeur']}, {s['titre']} ({s['millesime']})"
        if morceau not in morceaux:
            morceaux.append(morceau)
    return "Source : " + " ; ".join(morceaux)


# Ce qui manque à un périmètre sans aucun fichier d'équipements, fichier par fichier, et où se
# procurer chacun (issue 14 : le Pays réel n'a ni fichier BPE ni FINESS dans les données
# officielles téléchargées pour lui).
SANS_FICHIER_EQUIPEMENTS = (
    "Aucun fichier d'équipements ne couvre ce périmètre : les besoins sont calculés, mais sans "
    "capacité à leur opposer. Importez (« python -m vigie import FICHIER » ou la page Importer "
    "des données) la Base permanente des équipements de l'INSEE (fichier « ensemble » de la BPE, "
    "CSV, https://www.insee.fr/fr/metadonnees/source/serie/s1161), pour les EHPAD et les SSIAD le "
    "répertoire FINESS (etalab-cs1100507-stock-AAAAMMJJ-HHMM.csv et etalab-cs1100505-stock-….csv, "
    "https://www.data.gouv.fr/fr/datasets/finess-extraction-du-fichier-des-etablissements/), pour "
    "les écoles et collèges les effectifs de l'Éducation nationale (fr-en-ecoles-effectifs-"
    "nb_classes.csv et fr-en-college-effectifs-niveau-sexe-lv.csv, data.education.gouv.fr) de "
    "votre département, et vos capacités locales (crèches, transport, eau) dans le modèle "
    "data/modeles/modele_equipements.csv."
)
SANS_FICHIER_EQUIPEMENTS_COURT = (
    "Aucun fichier d'équipements ne couvre ce périmètre : les besoins sont calculés, sans "
    "capacité à leur opposer (les fichiers à importer sont nommés sous « Équipements du "
    "territoire » et sur la page Services)."
)

# Services dont le ratio par défaut est le taux d'équipement moyen national publié (DREES,
# ONAPE) : un manque y veut dire « sous la moyenne de la France », et les phrases le disent
# (issue 18).
TAUX_MOYEN_FRANCE = {"petite_enfance", "ehpad", "ssiad"}

# Les quelques mots qu'un élu peut croiser dans la présentation et les documents, dits simplement.
GLOSSAIRE = {
    format_fr.LIBELLE_FOURCHETTE: "les valeurs entre lesquelles le chiffre a 4 chances sur 5 de se trouver "
    "si les hypothèses du scénario se réalisent.",
    "scénario": "un jeu d'hypothèses (naissances, durée de vie, arrivées et départs, logements "
    "construits) ; le scénario central prolonge les tendances récentes.",
    "éventail des scénarios": "l'écart entre les scénarios : ce que changeraient d'autres "
    "hypothèses, à ne pas confondre avec la fourchette d'un même scénario.",
    "taux d'équipement moyen de la France": "le nombre de places (ou de lits) pour 100 ou 1 000 "
    "habitants de l'âge concerné, en moyenne en France ; en dessous, il manque de la capacité "
    "au regard de cette moyenne.",
    "projection": "ce qui arriverait si les hypothèses se réalisaient ; ce n'est pas une prévision.",
}


def equipements_hors_service(equipements: list[dict], annee: int) -> str:
    """La ligne sous le tableau des équipements de l'accueil : ceux qui ne sont pas en service
    cette année (`annee`), fermés ou pas encore ouverts, chacun avec sa commune et son année.
    Chaque ligne de `equipements` a `nom`, `nom_commune`, `annee_ouverture`, `annee_fermeture`."""
    fermes, a_venir = [], []
    for e in equipements:
        lieu = f"{e['nom']} ({e['nom_commune']}"
        fermeture, ouverture = e.get("annee_fermeture"), e.get("annee_ouverture")
        if fermeture is not None and fermeture == fermeture and int(fermeture) <= annee:
            fermes.append(f"{lieu}, {int(fermeture)})")
        elif ouverture is not None and ouverture == ouverture and int(ouverture) > annee:
            a_venir.append(f"{lieu}, ouverture en {int(ouverture)})")
    parties = []
    if fermes:
        parties.append("Fermés : " + " ; ".join(fermes))
    if a_venir:
        parties.append("Prévus : " + " ; ".join(a_venir))
    return format_fr.texte_markdown(". ".join(parties))

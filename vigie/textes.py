"""User-facing words in one place: names of levels, sexes, sources; service names through the
service registry.

Pages and exports take their labels from here so that the same thing is called the same way
everywhere (and can be reworded once).
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
# Order of the sidebar's level choice (a Pays first: that is who installs Vigie).
NIVEAUX_CHOIX = ["territoire", "epci", "commune"]

# The names of the services and of what their demand counts come from the service registry
# (data/reference/services.csv, vigie.stockage.catalogue_services): one line there per service.

SEXES = {1: "Hommes", 2: "Femmes"}

PROJECTION_AVERTISSEMENT = (
    "Une projection n'est pas une prévision : elle dit ce qui arriverait si les hypothèses "
    "se réalisaient. Les fourchettes indiquent l'incertitude."
)


def libelle_service(code: str) -> str:
    """French label of a service code, from the registry (the code itself when unknown, e.g. an
    analyst's own)."""
    return catalogue_services.libelle(code)


def besoin_service(code: str) -> str:
    """`places de crèche`: what a service's demand counts, in a council's words (registry)."""
    return catalogue_services.besoin(code)


def ligne_source(sources: list[dict]) -> str:
    """`Source : INSEE, RP 2021 (Licence Ouverte)` from rows of the `source` table."""
    if not sources:
        return "Source : non renseignée"
    morceaux = []
    for s in sources:
        morceau = f"{s['editeur']}, {s['titre']} ({s['millesime']})"
        if morceau not in morceaux:
            morceaux.append(morceau)
    return "Source : " + " ; ".join(morceaux)


# What a perimeter without any facility file lacks, file by file, and where to get each one
# (issue 14: the real Pays has no BPE nor FINESS file in the official data downloaded for it).
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

# Services whose default ratio is the published national average supply rate (DREES, ONAPE):
# a shortage there means "below the average of France", and the sentences say so (issue 18).
TAUX_MOYEN_FRANCE = {"petite_enfance", "ehpad", "ssiad"}

# The few words an elected official may meet in the presentation and the documents, said plainly.
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

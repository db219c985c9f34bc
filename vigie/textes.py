"""User-facing words in one place: names of levels, services, age groups, sources.

Pages and exports take their labels from here so that the same thing is called the same way
everywhere (and can be reworded once).
"""

from __future__ import annotations

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

SERVICES = {
    "petite_enfance": "Petite enfance (crèches)",
    "ecole_maternelle": "Écoles maternelles",
    "ecole_elementaire": "Écoles élémentaires",
    "college": "Collèges",
    "ehpad": "EHPAD",
    "ssiad": "Soins infirmiers à domicile (SSIAD)",
    "mediatheque": "Médiathèques",
    "piscine": "Piscines",
    "transport": "Transport (bus)",
    "eau": "Eau potable",
    "dechets": "Déchets ménagers",
    "restauration_scolaire": "Restauration scolaire",
}

# What is needed, as a council says it ("les besoins en places de crèche dépasseraient...").
BESOINS_SERVICES = {
    "petite_enfance": "places de crèche",
    "ecole_maternelle": "classes de maternelle",
    "ecole_elementaire": "classes d'élémentaire",
    "college": "places de collège",
    "ehpad": "lits d'EHPAD",
    "ssiad": "places de soins infirmiers à domicile",
    "eau": "eau potable",
    "transport": "déplacements",
}

SEXES = {1: "Hommes", 2: "Femmes"}

PROJECTION_AVERTISSEMENT = (
    "Une projection n'est pas une prévision : elle dit ce qui arriverait si les hypothèses "
    "se réalisaient. Les fourchettes indiquent l'incertitude."
)


def libelle_service(code: str) -> str:
    """French label of a service code (the code itself when unknown, e.g. an analyst's own)."""
    return SERVICES.get(code, code.replace("_", " ").capitalize())


def besoin_service(code: str) -> str:
    """`places de crèche`: what a service's demand counts, in a council's words."""
    return BESOINS_SERVICES.get(code, libelle_service(code).lower())


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


# Services whose default ratio is the published national average supply rate (DREES, ONAPE):
# a shortage there means "below the average of France", and the sentences say so (issue 18).
TAUX_MOYEN_FRANCE = {"petite_enfance", "ehpad", "ssiad"}

# The few words an elected official may meet in the presentation and the documents, said plainly.
GLOSSAIRE = {
    "fourchette à 80 %": "les valeurs entre lesquelles le chiffre a 4 chances sur 5 de se trouver "
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

"""Ce que la base contient pour le périmètre choisi, dit simplement quand une page ne peut pas
montrer quelque chose : les populations légales sans détail par sexe et âge sont montrées telles
quelles, jamais réparties selon des parts par âge inventées ; et l'inventaire du périmètre sur la
page d'import (années de recensement par sexe et âge, populations légales, contours, carte et
tableau des communes)."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from vigie import textes
from vigie.figures import carte as graphiques
from vigie.format_fr import nombre
from vigie.interface import composants, donnees

PAGE_IMPORT = "pages/import_donnees.py"


def sans_detail_sexe_age(selection) -> None:
    """Affiché à la place du contenu par âge quand le recensement par sexe et âge manque."""
    legales = donnees.requete("population_legale", niveau=selection.niveau, code=selection.code)
    if legales.empty:
        st.warning(
            f"Aucune donnée de population pour {selection.nom_md}. Importez les populations légales "
            "ou le recensement par sexe et âge de l'INSEE, ou choisissez un autre territoire."
        )
    else:
        derniere = legales.iloc[-1]
        source = donnees.ligne_source("population_legale", selection.niveau, selection.code)
        st.metric(
            f"Population municipale {int(derniere['annee'])} (population légale)",
            nombre(derniere["population_municipale"]),
            help=f"{int(derniere['communes_renseignees'])} communes sur "
            f"{int(derniere['nombre_communes'])}. {source}",
            border=True,
        )
        st.caption(source)
        st.info(
            "Les fichiers importés pour ce périmètre donnent la population totale de chaque "
            "commune, **sans détail par sexe et par âge**. Vigie ne l'invente pas : la pyramide "
            "des âges, les projections et les besoins par tranche d'âge restent vides tant que le "
            "recensement par sexe et âge n'est pas importé (fichier INSEE « BTT_TD_POP1B » ou "
            "« pop-sexe-age-quinquennal »)."
        )
    st.page_link(PAGE_IMPORT, label="Importer des données", icon=":material/upload_file:")


def contenu_du_perimetre(selection) -> None:
    """Ce que la base contient pour le périmètre : chiffres clés de couverture, avertissement sans
    détail par sexe et âge, carte et tableau des communes (onglet de la page d'import)."""
    couverture = donnees.requete(
        "couverture_perimetre", niveau=selection.niveau, code=selection.code
    ).iloc[0]
    c1, c2, c3, c4 = st.columns(4)
    composants.chiffre_cle(c1, "Communes", nombre(couverture["nombre_communes"]))
    composants.chiffre_cle(
        c2,
        "Recensement par sexe et âge",
        couverture["annees_sexe_age"] or "aucun",
        aide="Années de recensement avec la population par sexe et âge détaillé.",
    )
    composants.chiffre_cle(
        c3,
        "Populations légales",
        couverture["annees_population_legale"] or "aucune",
        aide="Années de recensement avec la population municipale de chaque commune.",
    )
    composants.chiffre_cle(
        c4,
        "Contours de communes",
        f"{nombre(couverture['communes_avec_contour'])} / {nombre(couverture['nombre_communes'])}",
    )
    if not couverture["annees_sexe_age"]:
        st.warning(
            f"Pour {selection.nom_md}, la base n'a pas la population par sexe et âge : la pyramide, "
            "les projections et les besoins par âge ne peuvent pas être calculés. Vigie "
            "n'invente pas ce détail ; importez le recensement par sexe et âge (BTT_TD_POP1B ou "
            "pop-sexe-age-quinquennal de l'INSEE)."
        )
    communes = donnees.requete(
        "population_legale_communes", niveau=selection.niveau, code=selection.code
    )
    if communes["geojson"].notna().any():
        source = textes.ligne_source(
            donnees.requete(
                "sources_perimetre", niveau=selection.niveau, code=selection.code
            ).to_dict("records")
        )
        composants.graphique(
            graphiques.figure_carte_communes(communes, selection.nom, source),
            cle="import_carte",
        )
    if communes["population_municipale"].notna().any():
        composants.tableau(
            pd.DataFrame(
                {
                    "Code": communes["code_commune"],
                    "Commune": communes["nom_commune"],
                    "EPCI": communes["nom_epci"],
                    "Année": communes["annee"].map(lambda a: "" if pd.isna(a) else str(int(a))),
                    "Population municipale": communes["population_municipale"].map(nombre),
                }
            ),
            cle="import_communes",
            nom_fichier="communes-du-territoire",
        )

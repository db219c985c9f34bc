"""What the database holds for the chosen perimeter, said plainly when a page cannot show
something: legal populations without sex x age detail are shown as they are, never split by
invented age shares."""

from __future__ import annotations

import streamlit as st

from vigie import textes
from vigie.format_fr import nombre
from vigie.interface import donnees

PAGE_IMPORT = "pages/import_donnees.py"


def sans_detail_sexe_age(selection) -> None:
    """Shown instead of age-based content when the census by sex and age is missing."""
    legales = donnees.requete("population_legale", niveau=selection.niveau, code=selection.code)
    if legales.empty:
        st.warning(
            f"Aucune donnée de population pour {selection.nom_md}. Importez les populations légales "
            "ou le recensement par sexe et âge de l'INSEE, ou choisissez un autre territoire."
        )
    else:
        derniere = legales.iloc[-1]
        source = textes.ligne_source(donnees.sources("population_legale"))
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

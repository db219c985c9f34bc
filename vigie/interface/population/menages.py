"""La section « Ménages et résidences principales nécessaires » de la page Population : le
graphique des ménages projetés et la phrase du scénario central (`vigie.analyses.menages`)."""

from __future__ import annotations

import streamlit as st

from vigie.analyses import menages as calcul_menages
from vigie.figures import population as gp
from vigie.format_fr import nombre
from vigie.interface import composants, donnees


def afficher(
    niveau: str, code: str, horizon: int, annee_recensement: int, source_projection: str
) -> None:
    """La section pour un périmètre, jusqu'à l'horizon."""
    st.subheader("Ménages et résidences principales nécessaires")
    ages = donnees.requete("projection_ages", niveau=niveau, code=code, horizon=horizon)
    ages_base = donnees.requete(
        "population_ages", niveau=niveau, code=code, annee=annee_recensement
    )
    m = calcul_menages.menages(ages, ages_base, annee_recensement, horizon)
    composants.graphique(
        gp.figure_menages(
            m.projection,
            annee_recensement,
            m.base,
            "Source : Vigie, ménages = population projetée par âge × taux de personne de "
            f"référence (niveau recalé sur {nombre(calcul_menages.TAILLE_MOYENNE_PUBLIEE, 2)} "
            "personnes par ménage, INSEE RP2021) ; " + source_projection,
        ),
        cle="population_menages",
    )
    st.markdown(
        f"Scénario central : {nombre(gp.arrondi(m.base))} ménages estimés en "
        f"{annee_recensement}, {nombre(gp.arrondi(m.fin['menages']))} en {horizon} "
        f"({nombre(m.fin['taille_moyenne'], 2)} personnes par ménage), soit "
        f"**{nombre(abs(m.par_an), 0)} résidences principales de "
        f"{'plus' if m.par_an >= 0 else 'moins'} par an** en moyenne."
    )
    st.caption(
        "Méthode des projections de ménages de l'INSEE, simplifiée : taux de personne de "
        "référence par âge figés (le vieillissement seul fait baisser la taille des ménages ; la "
        "poursuite de la tendance à vivre seul ajouterait des ménages). Le besoin ne compte ni le "
        "renouvellement du parc, ni les logements vacants ou secondaires."
    )

"""La comparaison de la page Scénarios : le scénario de travail à côté de 1 à 3 autres scénarios
du catalogue, en phrases (ce qui change, et dès quand), en chiffres clés, en graphiques (population,
groupes d'âges, besoins et capacités) et dans le tableau des différences à l'horizon.

Le premier scénario comparé est la référence des écarts ; le lien de la page garde le scénario
ouvert et la comparaison (`?scenario=…&comparer=…`).
"""

from __future__ import annotations

import streamlit as st

from vigie import format_fr, textes
from vigie.analyses import scenarios, services
from vigie.figures import scenarios as gs
from vigie.format_fr import ecart, fourchette, nombre
from vigie.interface import composants, donnees
from vigie.interface.scenarios import calcul
from vigie.interface.scenarios.atelier import Atelier, Brouillon
from vigie.stockage import catalogue_services


def choisir_comparaison(atelier: Atelier) -> tuple[list[str], bool]:
    """Les scénarios comparés (la page s'arrête sans eux) et le choix de simuler les fourchettes ;
    le lien de la page est mis à jour."""
    etat = st.session_state
    st.subheader("Ce que change ce scénario")
    autres = [c for c in atelier.catalogue if c != atelier.choix]
    if "scenarios_comparer" not in etat:
        etat["scenarios_comparer"] = [scenarios.CENTRAL]
    etat["scenarios_comparer"] = [c for c in etat["scenarios_comparer"] if c in autres][:3]
    g, d = st.columns([3, 2])
    compares = g.multiselect(
        "Comparer avec (1 à 3 scénarios)",
        autres,
        format_func=lambda c: atelier.catalogue[c].libelle,
        max_selections=3,
        key="scenarios_comparer",
        help="Le premier est la référence des écarts et des phrases de synthèse.",
    )
    simuler = d.toggle(
        "Simuler les fourchettes des scénarios modifiés (quelques secondes)",
        key="scenarios_simuler",
        help="Sans simulation, un scénario modifié reçoit la largeur relative des fourchettes du "
        "scénario central. Avec, ses propres fourchettes sont simulées (200 trajectoires), une fois "
        "par jeu d'hypothèses.",
    )

    # Le lien reproduit le territoire, le scénario et la comparaison.
    if atelier.entree is not None:
        st.query_params["scenario"] = atelier.choix
    elif "scenario" in st.query_params:
        del st.query_params["scenario"]
    if compares:
        st.query_params["comparer"] = ",".join(compares)
    elif "comparer" in st.query_params:
        del st.query_params["comparer"]

    if not compares:
        st.info("Choisissez au moins un scénario à comparer (le scénario central, par exemple).")
        st.stop()
    return compares, simuler


def calculer(
    atelier: Atelier, brouillon: Brouillon, compares: list[str], simuler: bool
) -> list[scenarios.ResultatScenario]:
    """Les résultats des scénarios comparés puis du brouillon, aux libellés distincts."""
    selection, horizon = atelier.selection, atelier.selection.horizon
    with st.spinner(
        "Simulation des fourchettes (quelques secondes par scénario)…"
        if simuler
        else "Calcul du scénario…"
    ):
        resultats = [
            calcul.resultat_entree(
                atelier.catalogue[c], selection.niveau, selection.code, horizon, simuler
            )
            for c in compares
        ] + [
            calcul.resultat(
                brouillon.hypotheses,
                brouillon.cle,
                brouillon.libelle,
                selection.niveau,
                selection.code,
                horizon,
                simuler,
            )
        ]
    libelles = scenarios.libelles_uniques([r.libelle for r in resultats])
    resultats = [
        r
        if r.libelle == libelle
        else scenarios.ResultatScenario(**{**r.__dict__, "libelle": libelle})
        for r, libelle in zip(resultats, libelles, strict=True)
    ]
    return resultats


def montrer(atelier: Atelier, resultats: list[scenarios.ResultatScenario]) -> None:
    """Les phrases, chiffres clés, graphiques et le tableau des différences."""
    horizon = atelier.selection.horizon
    reference = resultats[0]
    for autre in resultats[1:]:
        resume = scenarios.resumer(reference, autre, atelier.perimetre, horizon)
        st.markdown(f"##### {format_fr.texte_markdown(resume.phrase)}")  # noms : en texte
        if resume.details:
            st.markdown("\n".join(f"- {format_fr.texte_markdown(p)}" for p in resume.details))
    colonnes = st.columns(len(resultats))
    for colonne, r in zip(colonnes, resultats, strict=True):
        fin = r.total().set_index("annee").loc[horizon]
        base_ref = reference.total().set_index("annee").loc[horizon, "population"]
        deficits = r.bilan.synthese["premiere_annee"].notna().sum()
        composants.chiffre_cle(
            colonne,
            r.libelle,
            f"{nombre(gs._rond(fin['population']))} habitants",
            None
            if r is reference
            else f"{ecart(scenarios._arrondi(fin['population'] - base_ref))} en {horizon}",
            aide=(
                f"En {horizon} : {fourchette(fin['bas_80'], fin['population'], fin['haut_80'])} "
                f"({format_fr.LIBELLE_FOURCHETTE}, {scenarios.INTERVALLES_TEXTE[r.intervalles]}). "
                f"{deficits} service(s) en déficit d'ici {horizon}."
            ),
        )
    methodes = sorted({r.intervalles for r in resultats})
    st.caption(
        format_fr.libelle_fourchette(pluriel=True, majuscule=True)
        + " : "
        + " ; ".join(
            f"{', '.join(r.libelle for r in resultats if r.intervalles == m)} : "
            f"{scenarios.INTERVALLES_TEXTE[m]}"
            for m in methodes
        )
        + "."
    )
    _figures(atelier, resultats)


def _figures(atelier: Atelier, resultats: list[scenarios.ResultatScenario]) -> None:
    """Les graphiques et le tableau des différences à l'horizon, avec leurs sources."""
    selection, horizon = atelier.selection, atelier.selection.horizon
    reference = resultats[0]
    source_equipements = donnees.ligne_source("equipement", selection.niveau, selection.code)
    source_population = donnees.ligne_source("population", selection.niveau, selection.code)
    source_figure = (
        "Projection Vigie par composantes (méthode Omphale de l'INSEE) sous les hypothèses de chaque "
        f"scénario ; données : {source_population.removeprefix('Source : ')}"
    )
    histoire = donnees.requete("indicateurs_cles", niveau=selection.niveau, code=selection.code)
    composants.graphique(
        gs.figure_population(resultats, histoire, selection.nom, horizon, source_figure),
        cle="scenarios_population",
    )
    composants.graphique(
        gs.figure_groupes(resultats, horizon, source_figure), cle="scenarios_groupes"
    )

    st.subheader("Besoins et capacités des services")
    source_services = (
        "Besoin : population projetée × ratios publiés (data/reference/ratios_demande.csv : ONAPE, "
        "DEPP, DREES… ; source de chaque ratio sous « Services : taux d'accueil ») ou ceux du "
        f"scénario ; capacité : {source_equipements.removeprefix('Source : ')}, avec les ouvertures "
        "et fermetures des scénarios"
    )
    if all(services.sans_aucun_equipement(r.bilan) for r in resultats):
        # Aucune capacité dans la base ni ouverte par un scénario : le graphique de couverture
        # serait vide.
        st.info(textes.SANS_FICHIER_EQUIPEMENTS, icon=":material/info:")
    else:
        composants.graphique(
            gs.figure_couverture(resultats, horizon, source_services), cle="scenarios_couverture"
        )
    services_bilan = catalogue_services.trier(reference.bilan.synthese["service"])
    service = st.selectbox(
        "Service en détail",
        services_bilan,
        format_func=textes.libelle_service,
        key="scenarios_service",
    )
    composants.graphique(
        gs.figure_service(resultats, service, horizon, source_services), cle="scenarios_service_fig"
    )

    st.subheader(f"Tableau des différences en {horizon}")
    differences = scenarios.tableau_differences(resultats, horizon)
    st.dataframe(
        scenarios.tableau_differences_texte(differences, [r.libelle for r in resultats]),
        hide_index=True,
        width="stretch",
        height=min(38 * (len(differences) + 1), 900),
    )
    st.caption(f"Écarts : chaque scénario moins « {reference.libelle} ». {source_figure}.")

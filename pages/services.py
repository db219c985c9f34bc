"""Services — will the territory have enough crèche places, classes, collège places, EHPAD beds,
home-care places and water for its projected population, and from which year not?

Decision supported: know which service will lack capacity first, under which population scenario
and with what margin of uncertainty, before programming a new facility; adjust the ratio to the
local policy (a coverage target, a class size) and see the consequence at once.

Layout: a scenario switch, the summary for every service (alerts, coverage at the horizon), then
one service in detail: "Besoin et capacité" (chart, key figures, table by year, the ratio used
and its form). Another section for the same service (usage forecasts, "Fréquentation") goes after
`afficher_besoin_et_capacite` in the per-service part.
"""

import pandas as pd
import streamlit as st

from models.demande import ErreurRatio, calculer_demande, libelles_parametres
from vigie import textes
from vigie.analyses import services
from vigie.figures import services as graphiques_services
from vigie.format_fr import ecart, fourchette, nombre
from vigie.interface import barre_laterale, composants, demande, donnees
from vigie.interface import scenarios as scenarios_interface
from vigie.reglages import ratios_utilisateur
from vigie.stockage import base_utilisateur

selection = barre_laterale.selection_courante()
st.title("Services : besoins et capacités")
st.caption(f"{selection.libelle} · horizon {selection.horizon} · {textes.PROJECTION_AVERTISSEMENT}")

message = st.session_state.pop("services_message", None)
if message:
    st.success(message, icon=":material/check_circle:")

libelles_scenarios = demande.scenarios()
if not libelles_scenarios:
    st.warning(
        "Aucune projection de population dans la base : lancez « python -m vigie build » pour "
        "les calculer."
    )
    st.stop()
# The user's saved scenarios (page Scénarios) too; a link may name one: `?scenario=<n°>`.
catalogue_scenarios = scenarios_interface.catalogue()
enregistres = {c: e.libelle for c, e in catalogue_scenarios.items() if e.enregistre}
libelles_scenarios = {**libelles_scenarios, **enregistres}
if "services_scenario" not in st.session_state and st.query_params.get("scenario") in enregistres:
    st.session_state["services_scenario"] = st.query_params["scenario"]
scenario = st.selectbox(
    "Scénario de population",
    list(libelles_scenarios),
    format_func=libelles_scenarios.get,
    key="services_scenario",
    help="Les 7 scénarios standard (central, fécondité, espérance de vie et migrations hautes "
    "ou basses), puis vos scénarios enregistrés sur la page Scénarios.",
)
nom_scenario = services.nom_scenario(scenario, libelles_scenarios[scenario]).removeprefix("le ")
if scenario in enregistres:
    st.query_params["scenario"] = scenario
    bilan = scenarios_interface.resultat_entree(
        catalogue_scenarios[scenario], selection.niveau, selection.code, selection.horizon
    ).bilan
elif "scenario" in st.query_params:
    del st.query_params["scenario"]
if scenario not in enregistres:
    bilan = demande.bilan(selection.niveau, selection.code, scenario, selection.horizon)
if bilan.synthese.empty:
    st.warning("Aucune projection de population pour ce périmètre.")
    st.stop()
if scenario in enregistres:
    st.info(
        "Scénario enregistré, recalculé à l'ouverture avec ses hypothèses (logements, taux, "
        "ouvertures et fermetures d'équipements). Fourchettes approchées : largeur relative des "
        "fourchettes simulées du scénario central, appliquée à ce scénario.",
        icon=":material/info:",
    )
elif scenario != services.SCENARIO_CENTRAL:
    st.info(
        "Les fourchettes d'incertitude ne sont simulées que pour le scénario central : les "
        "autres scénarios montrent le chemin central de leurs hypothèses.",
        icon=":material/info:",
    )
if selection.niveau == "commune":
    st.caption(
        "Les équipements servent souvent plusieurs communes (école de regroupement, collège de "
        "secteur, EHPAD) : à l'échelle d'une commune, comparez avec prudence ; l'EPCI ou le Pays "
        "donne le bilan d'ensemble."
    )

source_ratios = textes.ligne_source(donnees.sources("ratio_demande"))
source_population = textes.ligne_source(donnees.sources("population"))
source_equipements = textes.ligne_source(donnees.sources("equipement"))
source_figure = (
    f"Besoin : projection Vigie ({nom_scenario}) × ratios publiés ; "
    f"{source_population.removeprefix('Source : ')} ; "
    f"capacité : {source_equipements.removeprefix('Source : ')}"
)

# --- Every service at a glance -------------------------------------------------------------------
st.subheader(f"D'ici {selection.horizon}, service par service")
PASTILLES = {
    services.DEFICIT: ":red-badge[Déficit]",
    services.RISQUE: ":orange-badge[À surveiller]",
    services.SUFFISANT: ":green-badge[Suffisant]",
    services.SANS_OBJET: ":gray-badge[Sans comparaison]",
}
for alerte in services.alertes(bilan, libelles_scenarios[scenario]):
    st.markdown(f"{PASTILLES[alerte.gravite]} {alerte.texte}")
composants.graphique(
    graphiques_services.figure_couverture(bilan.synthese, nom_scenario, source_figure),
    cle="services_couverture",
)


# --- One service in detail -------------------------------------------------------------------------
def _observe(service: str) -> dict | None:
    """Demand on the last census population, with the same ratio (the solid point)."""
    indicateurs = donnees.requete("indicateurs_cles", niveau=selection.niveau, code=selection.code)
    if indicateurs.empty:
        return None
    annee = int(indicateurs["annee"].max())
    pyramide = donnees.requete(
        "pyramide", niveau=selection.niveau, code=selection.code, annee=annee
    )
    ratios = bilan.ratios[(bilan.ratios["service"] == service) & bilan.ratios["retenue"]]
    observe = calculer_demande(pyramide.assign(scenario="recensement", annee=annee), ratios)
    return {"annee": annee, "demande": float(observe["demande"].iloc[0])} if len(observe) else None


def _tableau(ecart_service: pd.DataFrame, comparable: bool) -> pd.DataFrame:
    """Demand, capacity and gap by year, in French formats."""
    d = ecart_service.sort_values("annee")
    unite = d["unite"].iloc[0]
    decimales = 1 if d["demande"].max() < 100 else 0
    tableau = pd.DataFrame({"Année": d["annee"].astype(str)})
    tableau[f"Besoin ({unite})"] = [nombre(v, decimales) for v in d["demande"]]
    if d["bas_80"].notna().any():
        tableau["Fourchette à 80 %"] = [
            f"{nombre(b, decimales)} à {nombre(h, decimales)}"
            for b, h in zip(d["bas_80"], d["haut_80"], strict=True)
        ]
    if comparable:
        tableau[f"Capacité ({unite})"] = [nombre(v) for v in d["capacite"]]
        tableau["Écart (capacité − besoin)"] = [ecart(v, decimales) for v in d["ecart"]]
        tableau["Situation"] = [
            "déficit" if central else ("déficit possible (haut)" if haut else "suffisant")
            for central, haut in zip(d["deficit"], d["deficit_haut_80"], strict=True)
        ]
    return tableau


def afficher_besoin_et_capacite(service: str) -> None:
    """Chart, key figures, table by year, ratio used and its form, for one service."""
    ligne = bilan.synthese.set_index("service").loc[service]
    ecart_service = bilan.ecart[bilan.ecart["service"] == service]
    libelle = textes.libelle_service(service)
    unite = ligne["unite"]
    comparable = ligne["comparabilite"] == "comparable"

    st.markdown("#### Besoin et capacité")
    c1, c2, c3 = st.columns(3)
    decimales = 1 if ligne["demande"] < 100 else 0
    besoin = (
        f"80 % : {nombre(ligne['bas_80'], decimales)} à {nombre(ligne['haut_80'], decimales)}"
        if pd.notna(ligne["haut_80"])
        else None
    )
    composants.chiffre_cle(
        c1,
        f"Besoin en {selection.horizon}",
        graphiques_services.libelle_quantite(ligne["demande"], unite),
        besoin,
        aide=f"{nom_scenario.capitalize()}. "
        + (
            f"Fourchette : {fourchette(ligne['bas_80'], ligne['demande'], ligne['haut_80'], unite)}"
            " (80 %). "
            if besoin
            else ""
        )
        + source_ratios,
    )
    if comparable:
        composants.chiffre_cle(
            c2,
            f"Capacité en {selection.horizon}",
            f"{nombre(ligne['capacite'])} {unite}",
            f"écart {ecart(ligne['ecart'], 1 if abs(ligne['ecart']) < 100 else 0)}",
            aide="Équipements en service cette année-là (ouvertures et fermetures connues). "
            + source_equipements,
        )
        annee, haut = ligne["premiere_annee"], ligne["premiere_annee_haut_80"]
        composants.chiffre_cle(
            c3,
            "Premier déficit",
            str(int(annee)) if pd.notna(annee) else f"aucun d'ici {selection.horizon}",
            f"hypothèse haute : {int(haut) if pd.notna(haut) else 'aucun'}"
            if pd.notna(ligne["haut_80"])
            else None,
            aide="Première année où le besoin central (puis la borne haute de la fourchette à "
            "80 %) dépasse la capacité en service.",
        )
    else:
        raison = (
            "aucun équipement recensé dans le périmètre"
            if ligne["comparabilite"] == services.SANS_EQUIPEMENT
            else f"le besoin est compté en {unite}, les équipements en {ligne['unite_capacite']}"
        )
        c2.info(f"Pas de capacité comparable : {raison}.", icon=":material/info:")

    composants.graphique(
        graphiques_services.figure_demande_capacite(
            ecart_service, ligne.to_dict(), libelle, nom_scenario, source_figure, _observe(service)
        ),
        cle=f"services_graphique_{service}",
    )
    with st.expander("Besoin, capacité et écart année par année"):
        composants.tableau(
            _tableau(ecart_service, comparable),
            cle=f"services_tableau_{service}",
            nom_fichier=f"besoin-capacite-{service}-{selection.code}",
        )
        st.caption(source_figure)

    afficher_ratio(service)


def afficher_ratio(service: str) -> None:
    """The ratio used (with the published default and its source) and the form to change it."""
    ratios = bilan.ratios[bilan.ratios["service"] == service]
    retenues = ratios[ratios["retenue"]]
    st.markdown("#### Ratio utilisé")
    for r in retenues.itertuples():
        phrase = services.phrase_ratio(r.ratio, r.par, r.unite, r.age_min, r.age_max)
        if r.modifie:
            publie = services.phrase_ratio(
                r.ratio_defaut, r.par_defaut, r.unite, r.age_min, r.age_max
            )
            st.markdown(
                f"**{phrase}** :orange-badge[modifié pour ce territoire] — valeur publiée : "
                f"{publie}"
            )
        else:
            st.markdown(f"**{phrase}** (valeur publiée)")
        st.caption(f"{r.indicateur}. Source : {r.source_texte} ({r.annee_source}).")

    methodes = list(dict.fromkeys(ratios["methode"]))
    retenue = retenues["methode"].iloc[0]
    cle_base = f"services_{selection.niveau}_{selection.code}_{service}"
    with st.expander(f"Modifier ce ratio pour {selection.nom_md}"):
        st.caption(
            "La modification vaut pour ce périmètre seulement ; elle est gardée dans votre base "
            "personnelle et survit à une reconstruction des données. La valeur publiée reste "
            "affichée à côté."
        )
        methode = retenue
        if len(methodes) > 1:
            indicateurs = {
                m: " + ".join(ratios.loc[ratios["methode"] == m, "indicateur"]) for m in methodes
            }
            methode = st.radio(
                "Méthode",
                methodes,
                index=methodes.index(retenue),
                format_func=indicateurs.get,
                key=f"{cle_base}_methode",
            )
        lignes = ratios[ratios["methode"] == methode]
        with st.form(key=f"{cle_base}_formulaire", border=False):
            saisies = {}
            for r in lignes.itertuples():
                nom_ratio, nom_par = libelles_parametres(r.unite, r.age_min, r.age_max)
                publie = services.phrase_ratio(
                    r.ratio_defaut, r.par_defaut, r.unite, r.age_min, r.age_max
                )
                aide = f"Valeur publiée : {publie}. Source : {r.source_texte} ({r.annee_source})."
                g, d = st.columns(2)
                saisies[int(r.age_min)] = (
                    g.text_input(
                        nom_ratio,
                        value=nombre(r.ratio, 2).rstrip("0").rstrip(","),
                        help=aide,
                        key=f"{cle_base}_{methode}_{r.age_min}_ratio",
                    ),
                    d.text_input(
                        nom_par,
                        value=nombre(r.par, 2).rstrip("0").rstrip(","),
                        help=aide,
                        key=f"{cle_base}_{methode}_{r.age_min}_par",
                    ),
                )
            g, d = st.columns(2)
            enregistrer = g.form_submit_button(
                "Enregistrer pour ce territoire", type="primary", key=f"{cle_base}_enregistrer"
            )
            retablir = d.form_submit_button(
                "Revenir aux valeurs publiées", key=f"{cle_base}_retablir"
            )
        if enregistrer or retablir:
            try:
                if enregistrer:
                    ratios_utilisateur.enregistrer(
                        selection.niveau,
                        selection.code,
                        service,
                        methode,
                        saisies,
                        donnees.requete("ratios_demande"),
                    )
                    texte = f"Ratio enregistré pour {selection.nom_md}."
                else:
                    ratios_utilisateur.retablir(selection.niveau, selection.code, service)
                    texte = f"Valeurs publiées rétablies pour {selection.nom_md}."
            except ErreurRatio as erreur:
                st.error(str(erreur), icon=":material/error:")
            except base_utilisateur.BaseUtilisateurOccupee as erreur:
                st.error(str(erreur), icon=":material/error:")
            else:
                # The inputs are re-created from the saved values at the next run.
                for cle in [c for c in st.session_state if str(c).startswith(cle_base)]:
                    del st.session_state[cle]
                st.session_state["services_message"] = texte
                st.rerun()


st.subheader("Un service en détail")
service = st.selectbox(
    "Service",
    list(bilan.synthese["service"]),
    format_func=textes.libelle_service,
    key="services_service",
)
afficher_besoin_et_capacite(service)

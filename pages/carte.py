"""Carte — which communes of the territory age fastest, grow or shrink, lack places: any indicator
of the catalogue (census, projection, services, analysts' views) mapped by commune, offline.

Decision supported: see where a need concentrates before deciding where to act; click a commune to
open its figures.
"""

import pandas as pd
import streamlit as st

from vigie import format_fr, textes
from vigie.analyses import cartographie
from vigie.analyses import indicateurs_carte as ic
from vigie.figures import carte as graphiques_carte
from vigie.format_fr import fourchette, nombre, pourcentage
from vigie.interface import barre_laterale, carte, composants, donnees

selection = barre_laterale.selection_courante()
st.title("Carte des communes")
st.caption(
    "Choisissez un indicateur : chaque commune prend la couleur de sa classe. Survolez une commune "
    "pour lire sa valeur, cliquez dessus pour ouvrir ses chiffres."
)

# --- Which communes: the chosen perimeter, or, for a commune, the EPCI or territory around it ---
parents = donnees.requete("perimetres_parents", niveau=selection.niveau, code=selection.code)
ordre_niveaux = ["epci", "territoire", "departement"]
etendues = (
    [(selection.niveau, selection.code, selection.nom)] if selection.niveau != "commune" else []
)
for niveau in ordre_niveaux:
    for ligne in parents[parents["niveau"] == niveau].itertuples():
        if (ligne.niveau, ligne.code_perimetre) != (selection.niveau, selection.code):
            etendues.append((ligne.niveau, ligne.code_perimetre, ligne.nom_perimetre))
if not etendues:
    st.warning("Aucun périmètre à cartographier pour cette sélection.")
    st.stop()

colonne_etendue, colonne_indicateur = st.columns([1, 2])
with colonne_etendue:
    etendue = st.selectbox(
        "Communes affichées",
        etendues,
        format_func=lambda e: f"{e[2]} ({textes.NIVEAUX[e[0]].lower()})",
        key="carte_etendue",
        help="Pour une commune, la carte montre son intercommunalité ou son territoire, la commune "
        "étant entourée.",
    )
niveau_carte, code_carte, nom_carte = etendue
surligner = selection.code if selection.niveau == "commune" else None

# --- Which indicator ---
analystes = carte.indicateurs_analystes()
catalogue = ic.CATALOGUE + analystes
services = donnees.requete("services_comparables")
if services.empty:
    catalogue = [i for i in catalogue if "service" not in i.choix]
par_cle = {i.cle: i for i in catalogue}
# A link can name the indicator (?indicateur=part_75_plus_projetee), as the sidebar's choice.
if "carte_indicateur" not in st.session_state and st.query_params.get("indicateur") in par_cle:
    st.session_state["carte_indicateur"] = st.query_params["indicateur"]
with colonne_indicateur:
    cle = st.selectbox(
        "Indicateur",
        list(par_cle),
        format_func=lambda c: f"{par_cle[c].famille} — {par_cle[c].titre}",
        key="carte_indicateur",
    )
indicateur = par_cle[cle]
if indicateur.description:
    st.caption(indicateur.description)

# --- Its choices: year, period, scenario, service ---
annees = donnees.requete("annees_recensement")["annee"].astype(int).tolist()
scenarios = donnees.requete("projection_scenarios")
requis = ic.choix_requis(indicateur)
choix: dict = {}
colonnes = st.columns(4)
rang = 0
if "annee" in requis:
    choix["annee"] = colonnes[rang].selectbox(
        "Année de recensement", annees[::-1], key="carte_annee"
    )
    rang += 1
if "periode" in requis:
    fin = annees[-1]
    debut = fin - 5 if fin - 5 in annees else annees[0]
    choix["periode"] = colonnes[rang].select_slider(
        "Entre les recensements de", options=annees, value=(debut, fin), key="carte_periode"
    )
    rang += 1
if "service" in requis:
    libelles_services = dict(zip(services["service"], services["indicateur"], strict=True))
    choix["service"] = colonnes[rang].selectbox(
        "Service",
        list(libelles_services),
        format_func=textes.libelle_service,
        key="carte_service",
        help="Services dont le ratio de demande et la capacité des équipements ont la même unité.",
    )
    rang += 1
if "annee_projection" in requis:
    if scenarios.empty:
        st.warning(
            "Aucune projection dans la base : lancez « python -m vigie build » pour les calculer."
        )
        st.stop()
    premiere = int(scenarios["premiere_annee"].min())
    derniere = int(scenarios["derniere_annee"].max())
    st.session_state.setdefault(
        "carte_annee_projection", min(max(selection.horizon, premiere), derniere)
    )
    choix["annee_projection"] = colonnes[rang].slider(
        "Année projetée", premiere, derniere, key="carte_annee_projection"
    )
    rang += 1
libelle_scenario = None
if "scenario" in requis:
    noms_scenarios = dict(zip(scenarios["scenario"], scenarios["libelle"], strict=True))
    choix["scenario"] = colonnes[rang].selectbox(
        "Scénario", list(noms_scenarios), format_func=noms_scenarios.get, key="carte_scenario"
    )
    libelle_scenario = noms_scenarios[choix["scenario"]]
    rang += 1
if "annee_donnee" in requis:
    choix["annee_donnee"] = colonnes[rang].selectbox(
        "Année", list(indicateur.annees)[::-1], key="carte_annee_donnee"
    )
    rang += 1
if "scenario_donnee" in requis:
    choix["scenario_donnee"] = colonnes[rang].selectbox(
        "Scénario",
        list(indicateur.scenarios),
        key="carte_scen_donnee",
    )
    rang += 1

colonne_methode, colonne_k, _ = st.columns([2, 1, 1])
methode = colonne_methode.radio(
    "Classes de la légende",
    list(cartographie.METHODES),
    format_func=cartographie.METHODES.get,
    horizontal=True,
    key="carte_methode",
    help="Seuils naturels : les classes regroupent les valeurs proches (méthode de Jenks). "
    "Quantiles : chaque classe a à peu près autant de communes.",
)
k = colonne_k.select_slider("Nombre de classes", options=[3, 4, 5, 6, 7], value=5, key="carte_k")

# --- The map ---
contours = carte.contours(niveau_carte, code_carte)
communes = donnees.requete("carte_contours", niveau=niveau_carte, code=code_carte)[
    ["code_commune", "nom_commune"]
]
valeurs = ic.valeurs(
    indicateur, carte.executer, niveau_carte, code_carte, choix, communes["code_commune"].tolist()
)
indicateur = ic.avec_unite(indicateur, valeurs)
valeurs = communes.merge(valeurs, on="code_commune", how="left")
valeurs["detail"] = [ic.detail(indicateur, ligne) for _, ligne in valeurs.iterrows()]
classes = cartographie.classer(valeurs["valeur"], methode, k)
sujet = ic.libelle(indicateur, choix, libelle_scenario)
if indicateur.source:
    source = indicateur.ligne_source
else:
    source = textes.ligne_source([s for t in indicateur.tables for s in donnees.sources(t)])
    if indicateur.projete:
        source += " ; projection Vigie (méthode des composantes, comme Omphale de l'INSEE)"
source += f" · Contours : {textes.ligne_source(donnees.sources('commune_geo'))[9:]}"
source += f" · Classes : {classes.libelle_methode}"

if valeurs["valeur"].notna().sum() == 0:
    st.warning(
        f"Aucune valeur de « {sujet} » pour les communes de {format_fr.texte_markdown(nom_carte)}. "
        "Choisissez une autre année ou un autre indicateur."
    )
if contours.sans_contour:
    st.info(
        f"{len(contours.sans_contour)} commune(s) sans contour dans la base (table commune_geo) "
        "ne sont pas dessinées : importez le fichier GeoJSON des communes."
    )

# The commune clicked on the map (the chart's selection, read before it is drawn again) or chosen
# in the list below it is outlined; by default the sidebar's commune.
noms = dict(zip(communes["code_commune"], communes["nom_commune"], strict=True))
etat_carte = st.session_state.get("carte_carte") or {}
points = (etat_carte.get("selection") or {}).get("points") or []
cliquees = [p.get("location") or (p.get("customdata") or [None])[0] for p in points]
cliquees = [c for c in cliquees if c in noms]
if cliquees:
    st.session_state["carte_commune"] = cliquees[-1]
elif st.session_state.get("carte_commune") not in noms:
    st.session_state["carte_commune"] = surligner if surligner in noms else None

figure = graphiques_carte.figure_carte(
    contours,
    valeurs,
    indicateur,
    classes,
    sujet,
    source,
    surligner=st.session_state["carte_commune"] or surligner,
)
st.plotly_chart(
    figure,
    width="stretch",
    config=composants.CONFIG_PLOTLY | {"scrollZoom": False},
    key="carte_carte",
    on_select="rerun",
    selection_mode="points",
)
if indicateur.projete:
    st.caption(textes.PROJECTION_AVERTISSEMENT)

# --- The chosen commune's figures ---
code_commune = st.selectbox(
    "Chiffres de la commune",
    list(noms),
    format_func=lambda c: f"{noms[c]} ({c})",
    index=None,
    placeholder="Cliquez sur la carte ou choisissez une commune",
    key="carte_commune",
)

if code_commune:
    ligne = valeurs[valeurs["code_commune"] == code_commune].iloc[0]
    st.subheader(f"{format_fr.texte_markdown(noms[code_commune])} ({code_commune})")
    st.markdown(
        f"**{sujet}** : {indicateur.texte(ligne['valeur'])}"
        + (f" — {ligne['detail']}" if ligne["detail"] else "")
        + (
            f" (classe {int(classes.indices([ligne['valeur']])[0]) + 1} sur {classes.nombre})"
            if pd.notna(ligne["valeur"])
            else ""
        )
    )
    observe = donnees.requete("indicateurs_cles", niveau="commune", code=code_commune)
    projete = donnees.requete(
        "comparaison_projete", niveau="commune", code=code_commune, scenario="central"
    )
    projete = projete[projete["niveau"] == "commune"]
    ensemble = projete[projete["groupe_age"] == "Ensemble"]
    source_population = textes.ligne_source(donnees.sources("population"))
    if not observe.empty:
        dernier = observe.iloc[-1]
        c1, c2, c3, c4 = st.columns(4)
        composants.chiffre_cle(
            c1,
            f"Habitants en {int(dernier['annee'])}",
            nombre(dernier["population"]),
            aide=source_population,
        )
        composants.chiffre_cle(
            c2,
            "Moins de 3 ans",
            pourcentage(dernier["part_0_2"]),
            f"{nombre(dernier['population_0_2'])} enfants",
            aide=source_population,
        )
        composants.chiffre_cle(
            c3,
            "75 ans ou plus",
            pourcentage(dernier["part_75_plus"]),
            f"{nombre(dernier['population_75_plus'])} personnes",
            aide=source_population,
        )
        horizon = ensemble[ensemble["annee"] == selection.horizon]
        if not horizon.empty:
            h = horizon.iloc[0]
            composants.chiffre_cle(
                c4,
                f"Habitants en {selection.horizon} (projection)",
                nombre(h["population"]),
                f"entre {nombre(h['bas_80'])} et {nombre(h['haut_80'])}"
                if pd.notna(h["bas_80"])
                else None,
                aide="Scénario central : "
                + fourchette(h["bas_80"], h["population"], h["haut_80"], "habitants")
                + " (fourchette à 80 %). "
                + textes.PROJECTION_AVERTISSEMENT,
            )
        composants.graphique(
            graphiques_carte.figure_trajectoire_commune(
                observe[["annee", "population"]],
                ensemble,
                noms[code_commune],
                f"{source_population} · Projection Vigie, scénario central",
            ),
            cle="carte_trajectoire",
        )

    def _comparer(code: str) -> None:
        # Runs before the next rerun draws the sidebar: the commune becomes the sidebar's choice.
        st.session_state["barre_niveau"] = "commune"
        st.session_state["barre_code"] = code
        st.session_state["_carte_vers_comparer"] = True

    st.button(
        f"Comparer {format_fr.texte_markdown(noms[code_commune])} à son intercommunalité, son territoire, son département",
        icon=":material/compare_arrows:",
        on_click=_comparer,
        args=(code_commune,),
        key="carte_comparer",
    )

if st.session_state.pop("_carte_vers_comparer", False):
    st.switch_page("pages/comparer.py")

with st.expander("Valeurs de toutes les communes"):
    tableau = valeurs.sort_values("valeur", ascending=False, na_position="last")
    tableau = pd.DataFrame(
        {
            "Commune": tableau["nom_commune"],
            "Code": tableau["code_commune"],
            sujet: [indicateur.texte(v) for v in tableau["valeur"]],
            "Détail": tableau["detail"],
        }
    )
    st.dataframe(tableau, hide_index=True, width="stretch")
    st.download_button(
        "Télécharger (CSV)",
        valeurs[["code_commune", "nom_commune", "valeur"]]
        .to_csv(index=False, sep=";")
        .encode("utf-8-sig"),
        file_name=f"carte_{indicateur.cle.replace(':', '_')}_{code_carte}.csv",
        mime="text/csv",
        key="carte_telecharger",
    )
    st.caption(
        f"Contours simplifiés : {nombre(contours.points_apres)} points au lieu de "
        f"{nombre(contours.points_avant)} (frontières communes conservées)."
    )

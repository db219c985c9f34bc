"""Carte — quelles communes du territoire vieillissent le plus vite, grandissent ou rétrécissent,
manquent de places : tout indicateur du catalogue (recensement, projection, services, vues des
analystes) cartographié par commune, hors ligne.

Décision éclairée : voir où un besoin se concentre avant de décider où agir ; cliquer sur une
commune pour ouvrir ses chiffres.
"""

import streamlit as st

from vigie import format_fr, textes
from vigie.analyses import cartographie
from vigie.analyses import indicateurs_carte as ic
from vigie.figures import carte as graphiques_carte
from vigie.interface import barre_laterale, carte, carte_choix, carte_commune, composants, donnees

selection = barre_laterale.selection_courante()
st.title("Carte des communes")
st.caption(
    "Choisissez un indicateur : chaque commune prend la couleur de sa classe. Survolez une commune "
    "pour lire sa valeur, cliquez dessus pour ouvrir ses chiffres."
)

# --- Quelles communes : le périmètre choisi ou, pour une commune, son EPCI ou son territoire ---
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

# --- Quel indicateur ---
analystes = carte.indicateurs_analystes()
catalogue = ic.CATALOGUE + analystes
services = donnees.requete("services_comparables")
if services.empty:
    catalogue = [i for i in catalogue if "service" not in i.choix]
par_cle = {i.cle: i for i in catalogue}
# Un lien peut nommer l'indicateur (?indicateur=part_75_plus_projetee), comme le choix de la barre
# latérale.
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

# --- Ses choix : année, période, scénario, service ---
choix_carte = carte_choix.choisir(indicateur, services, selection.horizon)
choix = choix_carte.valeurs
libelle_scenario = choix_carte.libelle_scenario
executer = (
    carte.executer_scenario(choix_carte.entree, choix_carte.derniere_annee)
    if choix_carte.entree is not None
    else carte.executer
)


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

# --- La carte ---
contours = carte.contours(niveau_carte, code_carte)
communes = donnees.requete("carte_contours", niveau=niveau_carte, code=code_carte)[
    ["code_commune", "nom_commune"]
]
valeurs = ic.valeurs(
    indicateur, executer, niveau_carte, code_carte, choix, communes["code_commune"].tolist()
)
indicateur = ic.avec_unite(indicateur, valeurs)
valeurs = communes.merge(valeurs, on="code_commune", how="left")
valeurs["detail"] = [ic.detail(indicateur, ligne) for _, ligne in valeurs.iterrows()]
classes = cartographie.classer(valeurs["valeur"], methode, k)
sujet = ic.libelle(indicateur, choix, libelle_scenario)
if indicateur.source:
    source = indicateur.ligne_source
else:
    source = textes.ligne_source(
        [s for t in indicateur.tables for s in donnees.sources(t, selection.niveau, selection.code)]
    )
    if indicateur.projete:
        source += " ; projection Vigie (méthode des composantes, comme Omphale de l'INSEE)"
source += (
    f" · Contours : {donnees.ligne_source('commune_geo', selection.niveau, selection.code)[9:]}"
)
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

# La commune cliquée sur la carte (la sélection du graphique, lue avant qu'il soit redessiné) ou
# choisie dans la liste en dessous est entourée ; par défaut, la commune de la barre latérale.
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

# --- Les chiffres de la commune choisie ---
carte_commune.panneau(selection, noms, valeurs, indicateur, classes, sujet)

if st.session_state.pop("_carte_vers_comparer", False):
    st.switch_page("pages/comparer.py")

with st.expander("Valeurs de toutes les communes"):
    carte_commune.tableau(valeurs, indicateur, sujet, code_carte, contours)

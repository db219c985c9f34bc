"""Population — how many inhabitants, of which ages, in 2030, 2040, 2050, under which hypotheses,
and how far to trust the figures.

Decision supported: size the services (crèches, schools, collèges, EHPAD, home care, housing) on
a projected population stated with its range, knowing the hypotheses behind it and how wrong past
projections of the same kind have been.
"""

import json

import pandas as pd
import streamlit as st

from models.projection.menages import TAILLE_MOYENNE_PUBLIEE, projeter_menages
from vigie import textes
from vigie.analyses import fiabilite as mesure_fiabilite
from vigie.figures import population as gp
from vigie.format_fr import fourchette, nombre, pourcentage
from vigie.interface import barre_laterale, composants, donnees

selection = barre_laterale.selection_courante()
niveau, code, horizon = selection.niveau, selection.code, selection.horizon

st.title(f"Population : {selection.nom_md} à l'horizon {horizon}")
st.caption(f"{textes.NIVEAUX[niveau]} · projection par sexe et âge, année par année")

histoire = donnees.requete("indicateurs_cles", niveau=niveau, code=code)
totale = donnees.requete("projection_totale", niveau=niveau, code=code, horizon=horizon)
if histoire.empty or totale.empty:
    st.warning(
        "Aucune projection pour ce périmètre. Reconstruisez la base (python -m vigie build) : "
        "les projections sont calculées à la construction, à partir du recensement et de l'état civil."
    )
    st.stop()

scenarios = donnees.requete("projection_scenarios")
libelles = dict(zip(scenarios["scenario"], scenarios["libelle"], strict=True))
methode = scenarios.loc[scenarios["scenario"] == "central", "methode_intervalles"].iloc[0]
annee_recensement = int(histoire["annee"].max())
source_population = textes.ligne_source(donnees.sources("population"))
source_projection = (
    f"Projection Vigie par composantes (méthode Omphale de l'INSEE), base {annee_recensement}, "
    f"fourchettes par simulation ; données : {source_population.removeprefix('Source : ')}"
)

st.info(
    "**Une projection n'est pas une prévision.** Comme l'écrit l'INSEE pour ses propres "
    "projections, elle ne constitue pas une prévision mais une simulation de l'avenir dans le "
    "cadre des hypothèses retenues : si la fécondité, la mortalité et les migrations évoluaient "
    "comme supposé, la population serait celle indiquée. Les **fourchettes** disent l'incertitude "
    "de ce calcul (4 chances sur 5 d'être dans la fourchette à 80 %) ; les **scénarios** disent "
    "ce que changerait une autre hypothèse.",
    icon=":material/info:",
)

# ------------------------------------------------------------------ the main finding
fin = totale[(totale["scenario"] == "central") & (totale["annee"] == horizon)].iloc[0]
dernier = histoire.iloc[-1]
st.markdown(f"### En {horizon}, {selection.nom_md} compterait {gp.phrase_fourchette(fin)}.")
st.markdown(
    f"Aujourd'hui ({annee_recensement}) : {nombre(dernier['population'])} habitants. "
    f"Dans 4 cas sur 5, le nombre d'habitants en {horizon} serait "
    f"{fourchette(fin['bas_80'], fin['population'], fin['haut_80'], 'habitants')} ; "
    f"dans 19 cas sur 20 entre {nombre(fin['bas_95'])} et {nombre(fin['haut_95'])}."
)
ligne_fiabilite = mesure_fiabilite.phrase_territoire(
    float(dernier["population"]),
    donnees.requete("fiabilite_projection"),
    donnees.requete("fiabilite_communes"),
)
if ligne_fiabilite:
    st.caption(ligne_fiabilite + " Détail : page Sources et méthodes.")

c1, c2, c3, c4 = st.columns(4)
composants.chiffre_cle(
    c1,
    f"Habitants en {horizon}",
    nombre(gp.arrondi(fin["population"])),
    f"{pourcentage(fin['population'] / dernier['population'] - 1, signe=True)} depuis "
    f"{annee_recensement}",
    aide=f"Scénario central. Fourchette à 80 % : {nombre(fin['bas_80'])} à "
    f"{nombre(fin['haut_80'])}. {source_projection}",
)
groupes_central = donnees.requete(
    "projection_groupes_age", niveau=niveau, code=code, scenario="central", horizon=horizon
)
observes = donnees.requete("groupes_age_observes", niveau=niveau, code=code)
evol_central = gp.evolution_groupes(observes, groupes_central).set_index("groupe_age")
for colonne, groupe, libelle in (
    (c2, "0-2 ans", "Moins de 3 ans"),
    (c3, "75 ans et plus", "75 ans ou plus"),
    (c4, "85 ans et plus", "85 ans ou plus"),
):
    if groupe in evol_central.index:
        g = evol_central.loc[groupe]
        composants.chiffre_cle(
            colonne,
            f"{libelle} en {horizon}",
            nombre(gp.arrondi(g["population"])),
            f"{pourcentage(g['evolution'], 0, signe=True)} depuis {annee_recensement}",
            aide=f"{fourchette(g['bas_80'], g['population'], g['haut_80'])} (fourchette à 80 %). "
            f"{nombre(g['base'])} en {annee_recensement}. {source_projection}",
        )

# ------------------------------------------------------------------ total and scenario fan
st.subheader("Nombre d'habitants : passé et projection")
choix = list(scenarios["scenario"])
gauche, droite = st.columns([1, 1])
with gauche:
    scenario = st.selectbox(
        "Scénario affiché",
        choix,
        format_func=lambda s: libelles.get(s, s),
        key="population_scenario",
        help="Le scénario central prolonge les tendances récentes ; chaque variante change une "
        "seule hypothèse. Les fourchettes ne sont calculées que pour le scénario central.",
    )
with droite:
    comparaison = st.selectbox(
        "Comparer avec",
        [s for s in choix if s != scenario],
        format_func=lambda s: libelles.get(s, s),
        key="population_comparaison",
    )
libelle_scenario = libelles.get(scenario, scenario)
proj_scenario = totale[totale["scenario"] == scenario]
fin_scenario = proj_scenario[proj_scenario["annee"] == horizon].iloc[0]
fin_comparaison = totale[(totale["scenario"] == comparaison) & (totale["annee"] == horizon)].iloc[0]
ecart = fin_scenario["population"] - fin_comparaison["population"]
st.markdown(
    f"**{libelle_scenario}** : {nombre(gp.arrondi(fin_scenario['population']))} habitants en "
    f"{horizon} ; **{libelles.get(comparaison, comparaison)}** : "
    f"{nombre(gp.arrondi(fin_comparaison['population']))}, soit un écart de "
    f"{nombre(gp.arrondi(abs(ecart)))} habitants "
    f"({pourcentage(ecart / fin_comparaison['population'], signe=True)})."
)
composants.graphique(
    gp.figure_projection_totale(
        histoire, proj_scenario, selection.nom, source_projection, libelle_scenario.lower()
    ),
    cle="population_totale",
)
if scenario != "central":
    st.caption(
        "Fourchettes non affichées : elles sont calculées pour le scénario central seulement."
    )
composants.graphique(
    gp.figure_eventail(histoire, totale, libelles, selection.nom, source_projection),
    cle="population_eventail",
)

# ------------------------------------------------------------------ key age groups
st.subheader("Les âges qui comptent pour les services")
groupes = (
    groupes_central
    if scenario == "central"
    else donnees.requete(
        "projection_groupes_age", niveau=niveau, code=code, scenario=scenario, horizon=horizon
    )
)
evol = gp.evolution_groupes(observes, groupes)
lignes = []
for ligne in evol.itertuples():
    if pd.notna(ligne.bas_80):
        texte = fourchette(
            gp.arrondi(ligne.bas_80), gp.arrondi(ligne.population), gp.arrondi(ligne.haut_80)
        )
    else:
        texte = f"environ {nombre(gp.arrondi(ligne.population))} (scénario sans fourchette)"
    lignes.append(
        f"- **{ligne.libelle}** en {ligne.annee} : {texte} "
        f"— {nombre(ligne.base)} en {ligne.annee_base} "
        f"({pourcentage(ligne.evolution, 0, signe=True)})"
    )
st.markdown("\n".join(lignes))
st.caption(f"Fourchettes à 80 % ({libelle_scenario}). {source_projection}")
composants.graphique(
    gp.figure_groupes_cles(observes, groupes, source_projection), cle="population_groupes"
)

# ------------------------------------------------------------------ projected pyramid
st.subheader("Pyramide des âges projetée")
annees_proj = sorted(int(a) for a in proj_scenario["annee"].unique())
annee_pyramide = st.select_slider(
    "Année de la pyramide",
    options=annees_proj,
    value=min(annees_proj[-1], max(annees_proj[0], 2040)) if annees_proj else None,
    key="population_annee",
)
pyramide = donnees.requete(
    "pyramide_projetee", niveau=niveau, code=code, scenario=scenario, annee=annee_pyramide
)
recensement = donnees.requete("pyramide", niveau=niveau, code=code, annee=annee_recensement)
gauche, droite = st.columns([3, 2])
with gauche:
    composants.graphique(
        gp.figure_pyramide_projetee(
            pyramide, annee_pyramide, recensement, annee_recensement, source_projection
        ),
        cle="population_pyramide",
    )
with droite:
    total_pyr = pyramide["population"].sum()
    st.metric(
        f"Habitants en {annee_pyramide} ({libelle_scenario.lower()})",
        nombre(gp.arrondi(total_pyr)),
        border=True,
    )
    st.markdown(
        "Les barres montrent la population projetée par âge ; le trait noir, celle du "
        f"recensement de {annee_recensement}. Là où les barres dépassent le trait, une génération "
        "est plus nombreuse qu'aujourd'hui au même âge."
    )

# ------------------------------------------------------------------ components
st.subheader("Naissances, décès et migrations projetés")
composantes = donnees.requete(
    "projection_composantes", niveau=niveau, code=code, scenario=scenario, horizon=horizon
)
composants.graphique(
    gp.figure_composantes(composantes, source_projection), cle="population_composantes"
)
st.caption(
    "Solde migratoire : arrivées moins départs, estimé entre les deux derniers recensements "
    "(méthode des résidus) et prolongé selon le scénario. Pour une commune, il comprend les "
    "déménagements entre communes du territoire."
)

# ------------------------------------------------------------------ households and dwellings
st.subheader("Ménages et résidences principales nécessaires")
ages = donnees.requete("projection_ages", niveau=niveau, code=code, horizon=horizon)
ages_base = donnees.requete("population_ages", niveau=niveau, code=code, annee=annee_recensement)
menages = projeter_menages(ages)
base_menages = projeter_menages(ages_base[["age", "population"]])
base = float(base_menages["menages"].iloc[0])
composants.graphique(
    gp.figure_menages(
        menages,
        annee_recensement,
        base,
        "Source : Vigie, ménages = population projetée par âge × taux de personne de référence "
        f"(niveau recalé sur {nombre(TAILLE_MOYENNE_PUBLIEE, 2)} personnes par ménage, INSEE RP2021) ; "
        + source_projection,
    ),
    cle="population_menages",
)
m_fin = menages[(menages["scenario"] == "central") & (menages["annee"] == horizon)].iloc[0]
par_an = (m_fin["menages"] - base) / max(horizon - annee_recensement, 1)
st.markdown(
    f"Scénario central : {nombre(gp.arrondi(base))} ménages estimés en {annee_recensement}, "
    f"{nombre(gp.arrondi(m_fin['menages']))} en {horizon} "
    f"({nombre(m_fin['taille_moyenne'], 2)} personnes par ménage), soit "
    f"**{nombre(abs(par_an), 0)} résidences principales de {'plus' if par_an >= 0 else 'moins'} "
    "par an** en moyenne."
)
st.caption(
    "Méthode des projections de ménages de l'INSEE, simplifiée : taux de personne de référence "
    "par âge figés (le vieillissement seul fait baisser la taille des ménages ; la poursuite de la "
    "tendance à vivre seul ajouterait des ménages). Le besoin ne compte ni le renouvellement du "
    "parc, ni les logements vacants ou secondaires."
)

# ------------------------------------------------------------------ reliability
st.subheader("Fiabilité : que valaient les projections passées ?")
fiabilite = donnees.requete("projection_fiabilite")
if fiabilite.empty:
    st.info("La rétro-projection n'a pas pu être faite (un seul recensement disponible).")
else:
    origine = int(fiabilite["annee_origine"].iloc[0])
    st.markdown(
        f"Le même modèle a été relancé depuis **{origine}**, avec les seules données connues à "
        f"cette date, puis comparé aux recensements suivants. Méthode des fourchettes : "
        f"**{methode}**"
    )
    composants.graphique(
        gp.figure_fiabilite_erreurs(fiabilite, source_projection), cle="population_erreurs"
    )
    composants.graphique(
        gp.figure_calibrage(fiabilite, source_projection), cle="population_calibrage"
    )
    with st.expander("Détail des erreurs par âge, niveau et taille de commune"):
        detail = fiabilite[fiabilite["groupe_age"] != "toutes"].copy()
        detail = detail[detail["niveau"] != "commune"].pipe(
            lambda d: pd.concat(
                [
                    d,
                    fiabilite[
                        (fiabilite["niveau"] == "commune") & (fiabilite["groupe_age"] != "toutes")
                    ],
                ]
            )
        )
        tableau = pd.DataFrame(
            {
                "Horizon": detail["horizon"].astype(str) + " ans",
                "Niveau": detail["niveau"].map(textes.NIVEAUX).fillna(detail["niveau"]),
                "Groupe d'âge": detail["groupe_age"],
                "Taille de commune": detail["classe_taille"].replace("(agrégat)", "–"),
                "Comparaisons": detail["effectif"],
                "Erreur moyenne": detail["erreur_abs_pct"].map(lambda v: f"{nombre(v, 1)} %"),
                "Biais médian": detail["biais_median_pct"].map(
                    lambda v: pourcentage(v / 100, signe=True)
                ),
                "Dans la fourchette à 80 %": detail["couverture_80"].map(
                    lambda v: pourcentage(v, 0)
                ),
                "Dans la fourchette à 95 %": detail["couverture_95"].map(
                    lambda v: pourcentage(v, 0)
                ),
            }
        )
        composants.tableau(tableau, cle="population_fiabilite", nom_fichier="fiabilite-projections")
    st.caption(
        "Lecture : une fourchette à 80 % bien calibrée contient la valeur observée 8 fois sur 10. "
        "Au-dessus, elle est prudente (trop large) ; en dessous, trop étroite. Biais médian positif : "
        "le modèle surestimait."
    )

# ------------------------------------------------------------------ hypotheses
with st.expander("Hypothèses des scénarios et méthode"):
    for ligne in scenarios.itertuples():
        p = json.loads(ligne.parametres)
        details = []
        if p.get("fecondite_ecart"):
            details.append(
                f"fécondité {p['fecondite_ecart']:+.1f} enfant par femme".replace(".", ",")
            )
        if p.get("esperance_vie") != "centrale":
            details.append(f"espérance de vie {p['esperance_vie']}")
        if p.get("migration_multiplicateur") != 1:
            details.append(f"soldes migratoires × {nombre(p['migration_multiplicateur'], 1)}")
        st.markdown(
            f"- **{ligne.libelle}** : "
            + (", ".join(details) if details else "tendances récentes prolongées")
        )
    st.markdown(
        "**Méthode** : modèle par composantes (celui d'Omphale, l'outil de projection de l'INSEE), "
        "par commune, sexe et âge détaillé, année par année. Mortalité : quotients nationaux par "
        "âge ajustés aux décès observés du territoire, en baisse comme dans l'hypothèse centrale de "
        "l'INSEE. Fécondité : profil national par âge, niveau des naissances observées. Migrations : "
        "soldes par âge entre les deux derniers recensements, mutualisés avec l'intercommunalité "
        "pour les petites communes. Les niveaux s'additionnent : la somme des communes fait "
        "l'intercommunalité et le territoire."
    )

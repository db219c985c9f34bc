"""Les figures de la page Population, fonctions pures de DataFrames (sans streamlit ; reprises par
les documents) : projection totale, éventail des scénarios, groupes d'âge clés, pyramide projetée,
composantes, ménages, fiabilité des projections passées.

Mêmes conventions que `vigie.figures.styles` : un titre-phrase qui énonce le constat, la source
sous le graphique (`habiller`), la palette d'Okabe et Ito ; l'observé en trait plein, le projeté en
tirets, la fourchette à 80 % plus foncée que celle à 95 %.
"""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go

from vigie.figures.accueil import age_median, figure_pyramide
from vigie.figures.styles import (
    NOIR,
    PALETTE,
    bandes_intervalle,
    couper,
    habiller,
    petits_multiples,
    trace_ligne,
)
from vigie.format_fr import (  # arrondi : la règle unique (issue 18)
    arrondi,
    libelle_fourchette,
    nombre,
    pourcentage,
    seuil,
)

# Les groupes d'âge clés des services (nom dans la base, libellé sur la page).
GROUPES_CLES = {
    "0-2 ans": "Petite enfance (0-2 ans)",
    "3-5 ans": "Maternelle (3-5 ans)",
    "6-10 ans": "Élémentaire (6-10 ans)",
    "11-14 ans": "Collège (11-14 ans)",
    "75 ans et plus": "75 ans et plus",
    "85 ans et plus": "85 ans et plus",
}
# Une couleur et des tirets par variante de scénario ; la centrale en noir, plus épaisse.
STYLE_SCENARIO = {
    "central": (NOIR, "dash"),
    "fecondite_haute": (PALETTE["vert"], "dot"),
    "fecondite_basse": (PALETTE["vert"], "dashdot"),
    "esperance_vie_haute": (PALETTE["pourpre"], "dot"),
    "esperance_vie_basse": (PALETTE["pourpre"], "dashdot"),
    "migrations_hautes": (PALETTE["orange"], "dot"),
    "migrations_basses": (PALETTE["orange"], "dashdot"),
}


def phrase_fourchette(ligne: pd.Series, unite: str = "habitants") -> str:
    """`environ 126 000 habitants, entre 119 000 et 133 000` (fourchette à 80 %), ou la valeur
    centrale seule quand la ligne n'a pas de bornes."""
    centre = f"environ {nombre(arrondi(ligne['population']))} {unite}".strip()
    if pd.isna(ligne.get("bas_80")):
        return centre
    return (
        f"{centre}, entre {nombre(arrondi(ligne['bas_80']))} et {nombre(arrondi(ligne['haut_80']))}"
        f" ({libelle_fourchette()})"
    )


def _recensements(histoire: pd.DataFrame) -> go.Scatter:
    """La courbe des recensements (trait plein, un point par recensement)."""
    return trace_ligne(
        histoire["annee"],
        histoire["population"],
        "Population recensée",
        "%{x} : %{y:,.0f} habitants (recensement)<extra></extra>",
        marqueurs=True,
    )


def figure_projection_totale(
    histoire: pd.DataFrame,
    projection: pd.DataFrame,
    nom: str,
    source: str,
    libelle_scenario: str = "scénario central",
) -> go.Figure:
    """Les recensements (annee, population) puis la projection d'un scénario (annee, population,
    bas_80, haut_80, bas_95, haut_95 ; bornes éventuellement vides), raccordées au dernier
    recensement."""
    h = histoire.sort_values("annee")
    p = projection.sort_values("annee")
    dernier = h.iloc[-1]
    fin = p.iloc[-1]
    # la courbe projetée part du dernier recensement pour que les deux se rejoignent
    depart = pd.DataFrame(
        {
            "annee": [dernier["annee"]],
            "population": [dernier["population"]],
            **{b: [dernier["population"]] for b in ("bas_80", "haut_80", "bas_95", "haut_95")},
        }
    )
    p = pd.concat([depart, p], ignore_index=True)
    titre = (
        f"En {int(fin['annee'])}, {nom} compterait {phrase_fourchette(fin)} "
        f"(contre {nombre(dernier['population'])} en {int(dernier['annee'])})"
    )
    fig = go.Figure()
    if p["bas_80"].notna().iloc[1:].all():
        bandes_intervalle(fig, p["annee"], p)
    fig.add_trace(_recensements(h))
    fig.add_trace(
        trace_ligne(
            p["annee"],
            p["population"],
            f"Projection ({libelle_scenario})",
            "%{x} : %{y:,.0f} habitants (projection)<extra></extra>",
            tirets="dash",
        )
    )
    fig.update_yaxes(title="habitants au 1er janvier")
    fig.update_xaxes(title="année")
    return habiller(fig, titre, source, largeur_titre=70)


def figure_eventail(
    histoire: pd.DataFrame,
    projections: pd.DataFrame,
    libelles: dict[str, str],
    nom: str,
    source: str,
) -> go.Figure:
    """L'éventail des scénarios : les recensements, puis une courbe par scénario (scenario, annee,
    population) ; la fourchette à 80 % du scénario central en fond."""
    h = histoire.sort_values("annee")
    horizon = int(projections["annee"].max())
    finales = projections[projections["annee"] == horizon].set_index("scenario")["population"]
    bas, haut = finales.idxmin(), finales.idxmax()
    titre = (
        f"Selon les hypothèses, {nom} compterait de {nombre(arrondi(finales[bas]))} "
        f"à {nombre(arrondi(finales[haut]))} habitants en {horizon}"
    )
    fig = go.Figure()
    central = projections[projections["scenario"] == "central"].sort_values("annee")
    if not central.empty and central["bas_80"].notna().all():
        bandes_intervalle(
            fig, central["annee"], central, niveaux=("80",), nom=f"{libelle_fourchette()} (central)"
        )
    fig.add_trace(_recensements(h))
    ordre = ["central"] + [s for s in STYLE_SCENARIO if s != "central"]
    ordre += [s for s in projections["scenario"].unique() if s not in ordre]
    for scenario in ordre:
        d = projections[projections["scenario"] == scenario].sort_values("annee")
        if d.empty:
            continue
        couleur, tirets = STYLE_SCENARIO.get(scenario, (PALETTE["gris"], "dash"))
        libelle = libelles.get(scenario, scenario)
        fig.add_trace(
            trace_ligne(
                [h["annee"].iloc[-1], *d["annee"]],
                [h["population"].iloc[-1], *d["population"]],
                libelle,
                f"{libelle}<br>%{{x}} : %{{y:,.0f}} habitants<extra></extra>",
                couleur=couleur,
                largeur=4 if scenario == "central" else 2,
                tirets=tirets,
            )
        )
    fig.update_yaxes(title="habitants au 1er janvier")
    fig.update_xaxes(title="année")
    fig = habiller(fig, titre, source, hauteur=520, largeur_titre=70)
    fig.update_layout(legend=dict(font=dict(size=13)))
    return fig


def evolution_groupes(observes: pd.DataFrame, projetes: pd.DataFrame) -> pd.DataFrame:
    """Pour chaque groupe clé : la valeur du dernier recensement, celle de l'horizon avec ses
    bornes, l'évolution relative."""
    derniere = int(observes["annee"].max())
    horizon = int(projetes["annee"].max())
    lignes = []
    for groupe in GROUPES_CLES:
        o = observes[(observes["groupe_age"] == groupe) & (observes["annee"] == derniere)]
        p = projetes[(projetes["groupe_age"] == groupe) & (projetes["annee"] == horizon)]
        if o.empty or p.empty:
            continue
        p = p.iloc[0]
        base = float(o["population"].iloc[0])
        lignes.append(
            {
                "groupe_age": groupe,
                "libelle": GROUPES_CLES[groupe],
                "annee_base": derniere,
                "base": base,
                "annee": horizon,
                "population": p["population"],
                "bas_80": p["bas_80"],
                "haut_80": p["haut_80"],
                "bas_95": p["bas_95"],
                "haut_95": p["haut_95"],
                "evolution": p["population"] / base - 1 if base > 0 else float("nan"),
            }
        )
    return pd.DataFrame(lignes)


def _court(groupe: str) -> str:
    return groupe if "plus" in groupe else groupe.replace(" ans", "") + " ans"


def _sens(evolution: float) -> str:
    if abs(evolution) < 0.005:
        return "resterait stable"
    verbe = "augmenterait" if evolution > 0 else "baisserait"
    return f"{verbe} de {pourcentage(abs(evolution), 0)}"


def figure_groupes_cles(observes: pd.DataFrame, projetes: pd.DataFrame, source: str) -> go.Figure:
    """Un petit graphique par groupe d'âge clé : les recensements (trait plein) puis la projection
    (tirets) avec ses fourchettes à 80 % et 95 %. `observes` : annee, groupe_age, population ;
    `projetes` : annee, groupe_age, population, bas_80 .. haut_95."""
    evol = evolution_groupes(observes, projetes).dropna(subset=["evolution"])
    horizon = int(projetes["annee"].max())
    if not evol.empty:
        hausse = evol.loc[evol["evolution"].idxmax()]
        baisse = evol.loc[evol["evolution"].idxmin()]
        titre = (
            f"D'ici {horizon}, le nombre des {_court(hausse['groupe_age'])} "
            f"{_sens(hausse['evolution'])}, celui des {_court(baisse['groupe_age'])} "
            f"{_sens(baisse['evolution'])}"
        )
    else:
        titre = f"Les âges qui comptent pour les services, jusqu'en {horizon}"
    groupes = list(GROUPES_CLES)
    fig = petits_multiples([GROUPES_CLES[g] for g in groupes])
    for i, groupe in enumerate(groupes):
        r, c = i // 3 + 1, i % 3 + 1
        o = observes[observes["groupe_age"] == groupe].sort_values("annee")
        p = projetes[projetes["groupe_age"] == groupe].sort_values("annee")
        if o.empty or p.empty:
            continue
        depart = o.iloc[[-1]][["annee", "population"]].assign(
            bas_80=o["population"].iloc[-1],
            haut_80=o["population"].iloc[-1],
            bas_95=o["population"].iloc[-1],
            haut_95=o["population"].iloc[-1],
        )
        p = pd.concat([depart, p], ignore_index=True)
        if p["bas_80"].notna().all():
            bandes_intervalle(fig, p["annee"], p, ligne=r, col=c, legende=i == 0)
        for donnees, nom, groupe, tirets in (
            (o, "recensé", "obs", None),
            (p, "projeté", "proj", "dash"),
        ):
            fig.add_trace(
                trace_ligne(
                    donnees["annee"],
                    donnees["population"],
                    nom,
                    f"%{{x}} : %{{y:,.0f}}<extra>{nom}</extra>",
                    largeur=2.5,
                    tirets=tirets,
                    legendgroup=groupe,
                    showlegend=i == 0,
                ),
                row=r,
                col=c,
            )
        fig.update_yaxes(rangemode="tozero", row=r, col=c)
    fig = habiller(fig, titre, source, hauteur=640, largeur_titre=80)
    # de la place entre le titre-phrase et les titres des petits graphiques
    fig.update_layout(margin=dict(t=fig.layout.margin.t + 35))
    fig.update_yaxes(tickformat=",.0f")
    fig.update_annotations(font_size=15, selector=dict(xref="x domain"))
    return fig


def figure_pyramide_projetee(
    pyramide: pd.DataFrame,
    annee: int,
    recensement: pd.DataFrame,
    annee_recensement: int,
    source: str,
) -> go.Figure:
    """La pyramide projetée (barres) de `annee` face au dernier recensement (contour)."""
    fig = figure_pyramide(pyramide, annee, source, recensement, annee_recensement)
    mediane = age_median(pyramide)
    mediane_rec = age_median(recensement)
    plus_75 = pyramide.loc[pyramide["age"] >= 75, "population"].sum()
    plus_75_rec = recensement.loc[recensement["age"] >= 75, "population"].sum()
    titre = (
        f"En {annee}, la moitié des habitants aurait plus de {mediane} ans "
        f"({mediane_rec} ans en {annee_recensement}) ; "
        f"{nombre(arrondi(plus_75))} personnes de 75 ans ou plus contre {nombre(plus_75_rec)}"
    )
    fig.update_layout(title_text=couper(titre, 60))
    return fig


def figure_composantes(composantes: pd.DataFrame, source: str) -> go.Figure:
    """Les naissances (en haut), les décès (en bas) et le solde migratoire de chaque année projetée
    (annee, naissances, deces, solde_migratoire, arrivees_logement, variation)."""
    d = composantes.sort_values("annee")
    naturel = (d["naissances"] - d["deces"]).sum()
    migratoire = (d["solde_migratoire"] + d["arrivees_logement"]).sum()
    debut, fin = int(d["annee"].min()), int(d["annee"].max())
    if naturel < 0 and migratoire > 0:
        titre = (
            f"De {debut} à {fin}, les décès dépasseraient les naissances de "
            f"{nombre(arrondi(-naturel))} ; les arrivées nettes en compenseraient "
            f"{pourcentage(min(migratoire / -naturel, 9.99), 0)}"
        )
    elif naturel < 0:
        titre = (
            f"De {debut} à {fin}, les décès dépasseraient les naissances de "
            f"{nombre(arrondi(-naturel))} et les départs l'emporteraient sur les arrivées"
        )
    else:
        titre = (
            f"De {debut} à {fin}, les naissances dépasseraient les décès de "
            f"{nombre(arrondi(naturel))} ; solde migratoire {nombre(arrondi(migratoire))}"
        )
    fig = go.Figure()
    fig.add_trace(
        go.Bar(
            x=d["annee"],
            y=d["naissances"],
            name="Naissances",
            marker_color=PALETTE["vert"],
            hovertemplate="%{x} : %{y:,.0f} naissances<extra></extra>",
        )
    )
    fig.add_trace(
        go.Bar(
            x=d["annee"],
            y=-d["deces"],
            name="Décès",
            marker_color=PALETTE["vermillon"],
            customdata=d["deces"],
            hovertemplate="%{x} : %{customdata:,.0f} décès<extra></extra>",
        )
    )
    fig.add_trace(
        go.Bar(
            x=d["annee"],
            y=d["solde_migratoire"] + d["arrivees_logement"],
            name="Solde migratoire (arrivées - départs)",
            marker_color=PALETTE["bleu_ciel"],
            hovertemplate="%{x} : %{y:+,.0f} personnes<extra></extra>",
        )
    )
    fig.add_trace(
        trace_ligne(
            d["annee"],
            d["variation"],
            "Variation de la population",
            "%{x} : %{y:+,.0f} habitants<extra></extra>",
            couleur=NOIR,
            largeur=2.5,
            tirets="dash",
        )
    )
    fig.update_layout(barmode="relative", bargap=0.15)
    fig.update_yaxes(title="personnes par an", zeroline=True, zerolinewidth=2)
    fig.update_xaxes(title="année (projection, scénario choisi)")
    return habiller(fig, titre, source, largeur_titre=70)


def figure_menages(menages: pd.DataFrame, annee_base: int, base: float, source: str) -> go.Figure:
    """Les ménages (= résidences principales nécessaires) par année et scénario (scenario, annee,
    menages, taille_moyenne), avec l'estimation `base` de l'année du recensement."""
    central = menages[menages["scenario"] == "central"].sort_values("annee")
    fin = central.iloc[-1]
    horizon = int(fin["annee"])
    finales = menages[menages["annee"] == horizon]["menages"]
    titre = (
        f"En {horizon}, il faudrait environ {nombre(arrondi(fin['menages']))} résidences "
        f"principales ({nombre(arrondi(abs(fin['menages'] - base)))} de "
        f"{'plus' if fin['menages'] >= base else 'moins'} qu'en {annee_base}), "
        f"de {nombre(arrondi(finales.min()))} à {nombre(arrondi(finales.max()))} selon les "
        "hypothèses"
    )
    large = menages.groupby("annee")["menages"].agg(["min", "max"]).reset_index()
    # L'écart entre les scénarios, ombré comme une fourchette, part de l'estimation de base.
    ecart = pd.DataFrame({"bas_80": [base, *large["min"]], "haut_80": [base, *large["max"]]})
    fig = go.Figure()
    bandes_intervalle(
        fig,
        [annee_base, *large["annee"]],
        ecart,
        niveaux=("80",),
        couleur=PALETTE["orange"],
        opacites={"80": 0.22},
        nom="écart entre scénarios",
    )
    fig.add_trace(
        trace_ligne(
            [annee_base, *central["annee"]],
            [base, *central["menages"]],
            "Ménages (scénario central)",
            "%{x} : %{y:,.0f} ménages (%{customdata:.2f} personnes par ménage)<extra></extra>",
            couleur=PALETTE["orange"],
            tirets="dash",
            customdata=[float("nan"), *central["taille_moyenne"]],
        )
    )
    fig.add_trace(
        go.Scatter(
            x=[annee_base],
            y=[base],
            mode="markers",
            marker=dict(color=PALETTE["orange"], size=11),
            name=f"Estimation {annee_base}",
            hovertemplate="%{x} : %{y:,.0f} ménages (estimés)<extra></extra>",
        )
    )
    fig.update_yaxes(title="ménages = résidences principales")
    fig.update_xaxes(title="année")
    return habiller(fig, titre, source, largeur_titre=70)


def figure_fiabilite_erreurs(fiabilite: pd.DataFrame, source: str) -> go.Figure:
    """L'erreur absolue moyenne de la projection rétrospective par taille de commune et pour les
    EPCI et le territoire, sur la population totale, à chaque horizon (lignes de
    mart_projection_fiabilite)."""
    d = fiabilite[fiabilite["groupe_age"] == "Ensemble"].copy()
    d["cible"] = d.apply(
        lambda r: (
            f"Communes de {r['classe_taille']} hab."
            if r["niveau"] == "commune"
            else {"epci": "Intercommunalités", "territoire": "Territoire"}.get(
                r["niveau"], r["niveau"]
            )
        ),
        axis=1,
    )
    ordre = [
        "Communes de moins de 500 hab.",
        "Communes de 500 à 1 999 hab.",
        "Communes de 2 000 à 9 999 hab.",
        "Communes de 10 000 et plus hab.",
        "Intercommunalités",
        "Territoire",
    ]
    origine = int(d["annee_origine"].iloc[0])
    h_max = int(d["horizon"].max())
    loin = d[d["horizon"] == h_max].set_index("cible")["erreur_abs_pct"]
    petites = loin.get("Communes de moins de 500 hab.", float("nan"))
    titre = (
        f"Projetée depuis {origine}, la population totale de {origine + h_max} était juste à "
        f"{nombre(loin.get('Territoire', float('nan')), 1)} % près pour le territoire, "
        f"{nombre(petites, 1)} % pour les communes de moins de 500 habitants"
    )
    fig = go.Figure()
    couleurs = [PALETTE["bleu_ciel"], PALETTE["bleu"]]
    for k, horizon in enumerate(sorted(d["horizon"].unique())):
        h = d[d["horizon"] == horizon].set_index("cible").reindex(ordre).dropna(subset=["niveau"])
        fig.add_trace(
            go.Bar(
                y=h.index,
                x=h["erreur_abs_pct"],
                orientation="h",
                name=f"à {horizon} ans ({origine + horizon})",
                marker_color=couleurs[k % 2],
                text=[f"{nombre(v, 1)} %" for v in h["erreur_abs_pct"]],
                textposition="outside",
                hovertemplate="%{y} : %{x:.1f} % d'erreur moyenne<extra></extra>",
            )
        )
    fig.update_layout(barmode="group")
    fig = habiller(fig, titre, source, largeur_titre=90)
    fig.update_xaxes(
        title="erreur absolue moyenne sur la population totale (%)",
        range=[0, float(d["erreur_abs_pct"].max()) * 1.25],
    )
    fig.update_yaxes(autorange="reversed", tickformat="")
    return fig


def figure_calibrage(fiabilite: pd.DataFrame, source: str) -> go.Figure:
    """La part des valeurs observées tombées dans les fourchettes à 80 % et 95 %, face aux niveaux
    visés, par niveau et horizon (lignes de mart_projection_fiabilite où groupe_age = 'toutes')."""
    d = fiabilite[fiabilite["groupe_age"] == "toutes"].copy()
    noms = {"commune": "Communes", "epci": "Intercommunalités", "territoire": "Territoire"}
    d["cible"] = (
        d["niveau"].map(noms).fillna(d["niveau"]) + " à " + d["horizon"].astype(str) + " ans"
    )
    epci = (
        d[(d["niveau"] == "epci")].sort_values("horizon").iloc[-1]
        if (d["niveau"] == "epci").any()
        else None
    )
    if epci is not None:
        titre = (
            f"Pour les intercommunalités à {int(epci['horizon'])} ans, la {libelle_fourchette()} contenait "
            f"la valeur observée {pourcentage(epci['couverture_80'], 0)} des fois, "
            f"celle à {seuil(95)} {pourcentage(epci['couverture_95'], 0)}"
        )
    else:
        titre = "Part des valeurs observées tombées dans les fourchettes"
    fig = go.Figure()
    for niveau, couleur, symbole in (
        ("80", PALETTE["bleu"], "circle"),
        ("95", PALETTE["vermillon"], "diamond"),
    ):
        fig.add_trace(
            go.Scatter(
                y=d["cible"],
                x=d[f"couverture_{niveau}"] * 100,
                mode="markers",
                marker=dict(color=couleur, size=16, symbol=symbole),
                name=f"fourchette à {niveau} % : part observée",
                customdata=d["effectif"],
                hovertemplate="%{y} : %{x:.0f} % (sur %{customdata} comparaisons)<extra></extra>",
            )
        )
        fig.add_vline(
            x=int(niveau),
            line=dict(color=couleur, dash="dot", width=2),
            annotation_text=f"visé : {niveau} %",
            annotation_position="top",
        )
    fig = habiller(fig, titre, source, largeur_titre=90)
    fig.update_xaxes(title="valeurs observées tombées dans la fourchette (%)", range=[40, 103])
    fig.update_yaxes(autorange="reversed", tickformat="")
    return fig

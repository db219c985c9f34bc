"""Les figures des pages Carte, Comparer et Import (carte des communes), fonctions pures (sans
streamlit) reprises par les documents.

La carte est un `go.Choroplethmap` sur le style « white-bg » de MapLibre : un fond blanc et aucune
source, donc rien n'est téléchargé (ni tuiles ni polices) ; les contours des communes viennent de la
base. (Le sous-graphique géographique `go.Choropleth` a été essayé d'abord : plotly.js va chercher
sa topologie du monde sur cdn.plot.ly même avec `geo.visible=False`, et ne dessine rien hors ligne.)
Les valeurs sont montrées par classes (une couleur chacune) avec une légende qui nomme la méthode.
La carte simple des communes (`figure_carte_communes`, page Import) est tracée sur des axes nus,
sans carte du tout.
"""

from __future__ import annotations

import json
import math
from typing import TYPE_CHECKING

import numpy as np
import pandas as pd
import plotly.colors
import plotly.graph_objects as go

from vigie.figures.styles import (
    NOIR,
    PALETTE,
    bande_80,
    bandes_intervalle,
    couper,
    graduer_en_pourcent,
    habiller,
    legende_au_dessus,
    marge_gauche,
    trace_ligne,
)
from vigie.format_fr import nombre, pourcentage

if TYPE_CHECKING:  # des annotations seulement : la figure n'a pas besoin de mapclassify
    from vigie.analyses.cartographie import Classes, Contours
    from vigie.analyses.indicateurs import Indicateur

COULEUR_SANS_DONNEE = "#d9d9d9"
COULEUR_CONTOUR = "#ffffff"
COULEUR_SURLIGNAGE = NOIR
# Gammes ColorBrewer, lisibles quel que soit le daltonisme (Brewer 2003).
SEQUENTIELLE = plotly.colors.sequential.YlGnBu
DIVERGENTE = plotly.colors.diverging.PuOr  # orange = perte, manque ; pourpre = gain, excédent


# La carte occupe toute la largeur de la page (environ 1 000 px sur un portable, plus sur un
# vidéoprojecteur) : le zoom est choisi pour cette largeur, le périmètre entier tient sur un écran
# plus petit aussi.
LARGEUR_CARTE_PX = 620
DOMAINE_CARTE = (0.0, 0.70)  # la part de la largeur pour la carte ; la légende à sa droite


def _mercator(lat: float) -> float:
    """L'ordonnée de Mercator (en radians) d'une latitude en degrés."""
    return math.log(math.tan(math.pi / 4 + math.radians(lat) / 2))


def cadrage(contours: Contours, largeur_px: int, hauteur_px: int) -> tuple[dict, float]:
    """Le centre et le zoom (Web Mercator, tuiles de 512 px) où les contours tiennent dans la
    taille donnée."""
    if contours.etendue is None:
        return {"lon": 2.5, "lat": 46.5}, 4.5  # la France
    ouest, sud, est, nord = contours.etendue
    largeur = max(est - ouest, 1e-4) / 360
    hauteur = max(_mercator(nord) - _mercator(sud), 1e-4) / (2 * math.pi)
    zoom = min(math.log2(largeur_px / 512 / largeur), math.log2(hauteur_px / 512 / hauteur))
    centre_y = (_mercator(nord) + _mercator(sud)) / 2
    centre = {
        "lon": (ouest + est) / 2,
        "lat": math.degrees(2 * math.atan(math.exp(centre_y)) - math.pi / 2),
    }
    return centre, round(zoom - 0.15, 2)  # une petite marge autour du périmètre


def hauteur_carte(contours: Contours) -> int:
    """La hauteur en px de la carte qui convient à la forme du périmètre, sur LARGEUR_CARTE_PX."""
    if contours.etendue is None:
        return 520
    ouest, sud, est, nord = contours.etendue
    rapport = ((_mercator(nord) - _mercator(sud)) / (2 * math.pi)) / max((est - ouest) / 360, 1e-6)
    return int(min(max(LARGEUR_CARTE_PX * rapport * 1.1, 380), 720))


def couleurs_classes(classes: Classes, divergente: bool = False) -> list[str]:
    """Une couleur par classe : du clair au foncé, ou, autour de zéro, orange dessous et pourpre
    dessus."""
    k = classes.nombre
    if not divergente:
        positions = np.linspace(0.12, 1.0, k) if k > 1 else [0.6]
        return plotly.colors.sample_colorscale(SEQUENTIELLE, list(positions))
    bornes = np.asarray(classes.bornes, dtype=float)
    milieux = (bornes[:-1] + bornes[1:]) / 2
    etendue = max(abs(bornes[0]), abs(bornes[-1])) or 1.0
    positions = np.clip(0.5 + 0.45 * milieux / etendue, 0.0, 1.0)
    return plotly.colors.sample_colorscale(DIVERGENTE, list(positions))


def libelles_classes(classes: Classes, indicateur: Indicateur, effectifs: list[int]) -> list[str]:
    """Les libellés de la légende : `de 12,0 % à 14,5 % (14 communes)`."""
    libelles = []
    for i in range(classes.nombre):
        bas, haut = classes.bornes[i], classes.bornes[i + 1]
        n = effectifs[i]
        communes = f"{n} commune{'s' if n > 1 else ''}"
        if bas == haut:
            libelles.append(f"{indicateur.texte(bas)} ({communes})")
        else:
            libelles.append(
                f"{indicateur.texte(bas, unite=False)} à {indicateur.texte(haut)} ({communes})"
            )
    return libelles


def titre_carte(valeurs: pd.DataFrame, indicateur: Indicateur, sujet: str) -> str:
    """La phrase qui dit ce que montre la carte : l'étendue des valeurs et où sont les extrêmes."""
    d = valeurs.dropna(subset=["valeur"])
    if d.empty:
        return f"{sujet} : aucune valeur pour ces communes"
    haut = d.loc[d["valeur"].idxmax()]
    bas = d.loc[d["valeur"].idxmin()]
    if indicateur.divergente:
        positifs = int((d["valeur"] > 0).sum())
        negatifs = int((d["valeur"] < 0).sum())
        mot = "manquent" if indicateur.format == "ecart" else "baisse"
        if indicateur.format == "ecart":
            return (
                f"{sujet} : {negatifs} commune{'s' if negatifs > 1 else ''} en manque, "
                f"{positifs} en excédent ; le plus fort manque à {bas['nom_commune']} "
                f"({indicateur.texte(bas['valeur'])})"
            )
        return (
            f"{sujet} : hausse dans {positifs} commune{'s' if positifs > 1 else ''}, {mot} "
            f"dans {negatifs} ; de {indicateur.texte(bas['valeur'])} à {bas['nom_commune']} "
            f"à {indicateur.texte(haut['valeur'])} à {haut['nom_commune']}"
        )
    return (
        f"{sujet} : de {indicateur.texte(bas['valeur'])} à {bas['nom_commune']} "
        f"à {indicateur.texte(haut['valeur'])} à {haut['nom_commune']}"
    )


def figure_carte(
    contours: Contours,
    valeurs: pd.DataFrame,
    indicateur: Indicateur,
    classes: Classes,
    sujet: str,
    source: str,
    surligner: str | None = None,
    hauteur: int | None = None,
) -> go.Figure:
    """La carte des communes par classes, avec noms et valeurs à la française au survol.

    Args:
        contours: les contours simplifiés des communes du périmètre.
        valeurs: une ligne par commune : code_commune, nom_commune, valeur et `detail` (une ligne
            de plus au survol, peut être vide).
        indicateur: ce qui est cartographié (met les valeurs en forme).
        classes: les bornes des classes (leur méthode est nommée dans le titre de la légende).
        sujet: l'indicateur avec son année et son scénario (« Part des 75 ans ou plus en 2040 »).
        source: la ligne de source écrite sous la carte.
        surligner: le code d'une commune entourée d'un trait épais (celle de la barre latérale).
        hauteur: la hauteur de la carte en px (par défaut : selon la forme du périmètre).
    """
    hauteur = hauteur or hauteur_carte(contours)
    ids = contours.codes
    d = pd.DataFrame({"code_commune": ids}).merge(valeurs, on="code_commune", how="left")
    if "nom_commune" not in d or d["nom_commune"].isna().any():
        noms = {f["id"]: f["properties"]["nom"] for f in contours.collection["features"]}
        d["nom_commune"] = d["code_commune"].map(noms)
    if "detail" not in d:
        d["detail"] = ""
    d["detail"] = d["detail"].fillna("")
    indices = classes.indices(d["valeur"]) if classes.nombre > 0 else np.full(len(d), -1)
    d["classe"] = indices
    couleurs = couleurs_classes(classes, indicateur.divergente) if classes.nombre > 0 else []
    effectifs = [int((indices == i).sum()) for i in range(classes.nombre)]
    libelles = libelles_classes(classes, indicateur, effectifs)
    d["texte"] = [
        f"<b>{nom}</b> ({code})<br>{indicateur.texte(v)}" + (f"<br>{det}" if det else "")
        for nom, code, v, det in zip(
            d["nom_commune"], d["code_commune"], d["valeur"], d["detail"], strict=True
        )
    ]

    fig = go.Figure()
    avec = d[d["classe"] >= 0]
    k = max(classes.nombre, 1)
    if not avec.empty:
        # Échelle en escalier : la classe i occupe [i/k, (i+1)/k] d'une seule couleur.
        echelle = []
        for i, couleur in enumerate(couleurs):
            echelle += [[i / k, couleur], [(i + 1) / k, couleur]]
        fig.add_trace(
            go.Choroplethmap(
                geojson=contours.collection,
                locations=avec["code_commune"],
                z=avec["classe"].astype(float),
                zmin=-0.5,
                zmax=k - 0.5,
                colorscale=echelle,
                marker=dict(line=dict(color=COULEUR_CONTOUR, width=0.6)),
                customdata=np.stack([avec["code_commune"], avec["texte"]], axis=-1),
                selected=dict(marker=dict(opacity=1.0)),
                unselected=dict(marker=dict(opacity=1.0)),
                hovertemplate="%{customdata[1]}<extra></extra>",
                name=sujet,
                colorbar=dict(
                    title=dict(
                        text=f"{classes.libelle_methode}<br>{classes.nombre} classes",
                        font=dict(size=13),
                    ),
                    tickmode="array",
                    tickvals=list(range(classes.nombre)),
                    ticktext=libelles,
                    ticks="",
                    tickfont=dict(size=13),
                    thickness=22,
                    len=min(0.9, 0.12 * k + 0.2),
                    y=0.98,
                    yanchor="top",
                    x=DOMAINE_CARTE[1] + 0.01,
                    xanchor="left",
                    outlinewidth=0,
                ),
            )
        )
    sans = d[d["classe"] < 0]
    if not sans.empty:
        fig.add_trace(
            go.Choroplethmap(
                geojson=contours.sous_collection(sans["code_commune"]),
                locations=sans["code_commune"],
                z=np.zeros(len(sans)),
                colorscale=[[0, COULEUR_SANS_DONNEE], [1, COULEUR_SANS_DONNEE]],
                showscale=False,
                marker=dict(line=dict(color=COULEUR_CONTOUR, width=0.6)),
                customdata=np.stack([sans["code_commune"], sans["texte"]], axis=-1),
                hovertemplate="%{customdata[1]}<extra></extra>",
                name="Pas de donnée",
            )
        )
        fig.add_annotation(
            text=f"En gris : pas de donnée ({len(sans)} commune{'s' if len(sans) > 1 else ''})",
            xref="paper",
            yref="paper",
            x=DOMAINE_CARTE[1] + 0.01,
            y=0.02,
            xanchor="left",
            yanchor="bottom",
            showarrow=False,
            font=dict(size=13),
        )
    if surligner and surligner in set(ids):
        fig.add_trace(
            go.Choroplethmap(
                geojson=contours.sous_collection([surligner]),
                locations=[surligner],
                z=[0],
                colorscale=[[0, "rgba(0,0,0,0)"], [1, "rgba(0,0,0,0)"]],
                showscale=False,
                marker=dict(line=dict(color=COULEUR_SURLIGNAGE, width=3.5)),
                hoverinfo="skip",
                name="Commune choisie",
            )
        )
    centre, zoom = cadrage(contours, largeur_px=LARGEUR_CARTE_PX, hauteur_px=hauteur)
    fig.update_layout(
        map=dict(
            style="white-bg", center=centre, zoom=zoom, domain=dict(x=list(DOMAINE_CARTE), y=[0, 1])
        ),
        clickmode="event+select",
    )
    fig = habiller(
        fig, titre_carte(d, indicateur, sujet), source, hauteur=hauteur + 130, largeur_titre=90
    )
    marge_gauche(fig, 10).update_layout(margin=dict(r=10))
    return fig


def figure_trajectoire_commune(
    observe: pd.DataFrame, projete: pd.DataFrame, nom: str, source: str
) -> go.Figure:
    """La population d'une commune : les recensements (trait plein) puis la projection centrale
    (tirets) avec ses fourchettes à 80 % et 95 % ombrées.

    Args:
        observe: colonnes annee, population (recensements).
        projete: colonnes annee, population, bas_80, haut_80, bas_95, haut_95 (peut être vide).
    """
    fig = go.Figure()
    o = observe.sort_values("annee")
    p = projete.sort_values("annee") if not projete.empty else projete
    survol = "%{x} : %{y:,.0f} habitants<extra></extra>"
    if not p.empty and p["bas_95"].notna().any():
        bandes_intervalle(fig, p["annee"], p)  # le même ombrage que toute autre projection
    fig.add_trace(trace_ligne(o["annee"], o["population"], "Recensé", survol, marqueurs=True))
    if not p.empty:
        fig.add_trace(
            trace_ligne(
                p["annee"], p["population"], "Projeté (scénario central)", survol, tirets="dash"
            )
        )
    titre = f"{nom} : population recensée et projetée"
    if not p.empty and not o.empty:
        fin = p.iloc[-1]
        titre = (
            f"{nom} : {nombre(o['population'].iloc[-1])} habitants en {int(o['annee'].iloc[-1])}, "
            f"{nombre(fin['population'])} projetés en {int(fin['annee'])}"
        )
    fig.update_yaxes(title="habitants", rangemode="tozero")
    fig.update_xaxes(title="année (population au 1er janvier)")
    return habiller(fig, titre, source, hauteur=420)


# --- Comparaisons --------------------------------------------------------------------------------

COULEURS_NIVEAUX = {
    "commune": PALETTE["vermillon"],
    "epci": PALETTE["bleu"],
    "territoire": PALETTE["vert"],
    "departement": PALETTE["orange"],
    "region": PALETTE["pourpre"],
    "france": PALETTE["gris"],
}


def figure_comparaison_parts(
    reperes: pd.DataFrame, colonne: str, titre_indicateur: str, annees: list[int], source: str
) -> go.Figure:
    """Barres horizontales groupées : une part (part_0_2 ou part_75_plus) pour chaque périmètre,
    à quelques années, le périmètre choisi en haut.

    Horizontales : dans une demi-page, les noms des périmètres (« Pays de Morlaix (territoire) »,
    « Finistère (département) ») se chevauchaient sous des barres verticales ; à gauche, chacun a
    sa ligne. Un périmètre sans aucun chiffre le dit sur sa ligne plutôt que de laisser un blanc.

    Args:
        reperes: une ligne par périmètre et année : libelle, niveau, annee, la colonne de la part
            et éventuellement `projete` (vrai pour les années projetées, hachurées).
    """
    fig = go.Figure()
    ordre = list(dict.fromkeys(reperes["libelle"]))
    libelles = [couper(libelle, 16) for libelle in ordre]
    teintes = [PALETTE["bleu_ciel"], PALETTE["bleu"], "#00466e", "#002a42"]
    for rang, annee in enumerate(annees):
        d = reperes[reperes["annee"] == annee].set_index("libelle").reindex(ordre)
        projete = bool(d.get("projete", pd.Series(dtype=bool)).fillna(False).any())
        chiffres = d.get(f"annee_{colonne}", pd.Series(index=d.index, dtype=float))
        fig.add_trace(
            go.Bar(
                y=libelles,
                x=d[colonne],
                orientation="h",
                name=f"{annee}{' (projeté)' if projete else ''}",
                marker=dict(
                    color=teintes[rang % len(teintes)],
                    pattern=dict(shape="/" if projete else "", fgcolor="white"),
                ),
                text=[_etiquette(v, a, annee) for v, a in zip(d[colonne], chiffres, strict=True)],
                textposition="outside",
                # Pas rétrécies à l'épaisseur de la barre (illisibles, 5 px, sinon).
                constraintext="none",
                textfont=dict(size=12),
                hovertemplate="%{y}<br>" + f"{annee} : " + "%{text}<extra></extra>",
                cliponaxis=False,
            )
        )
    fig = habiller(fig, _titre_parts(reperes, colonne, titre_indicateur, annees[-1]), source)
    marge_gauche(fig, 125)  # à la mesure des noms coupés à 16 caractères (12 px)
    sans_chiffre = reperes.groupby("libelle", sort=False)[colonne].count() == 0
    for libelle, texte in zip(ordre, libelles, strict=True):
        if sans_chiffre.get(libelle, False):
            fig.add_annotation(
                x=0, y=texte, xref="x", yref="y", text="pas de chiffre dans la base",
                showarrow=False, xanchor="left", xshift=6,
                font=dict(size=12, color=PALETTE["gris"]),
            )  # fmt: skip
    fig.update_layout(
        barmode="group",
        bargap=0.25,
        height=fig.layout.height - 240 + (50 + 22 * len(annees)) * len(ordre),
        margin=dict(r=55),  # la place des étiquettes au bout des barres les plus longues
    )
    # Plotly ne montre pas la légende d'une seule série : pas de place à lui faire alors.
    legende_au_dessus(fig, 50 if len(annees) > 1 else 0)
    fig.update_yaxes(autorange="reversed", tickfont=dict(size=12), automargin=False)
    fig.update_xaxes(title="% des habitants", rangemode="tozero")
    # Les petites parts (0-2 ans, 2-3 %) demandent une décimale, sinon l'axe répète « 3 % » ;
    # quatre graduations au plus tiennent sans se coucher dans une demi-page.
    plus_grande = reperes[colonne].max()
    graduer_en_pourcent(
        fig, "x", float(plus_grande) if pd.notna(plus_grande) else 1.0, graduations=4
    )
    return fig


def _etiquette(valeur: float, annee_chiffre: float, annee: int) -> str:
    """`11,0 %`, ou `11,0 % (2021)` quand la part est celle d'une année plus ancienne que la
    barre (la dernière estimée par l'INSEE pour un repère)."""
    if pd.isna(valeur):
        return ""
    ancienne = pd.notna(annee_chiffre) and int(annee_chiffre) != annee
    return pourcentage(valeur) + (f" ({int(annee_chiffre)})" if ancienne else "")


def _titre_parts(reperes: pd.DataFrame, colonne: str, titre_indicateur: str, annee: int) -> str:
    """Le titre-phrase : le périmètre où la part est la plus forte la dernière année, quand
    plusieurs en ont une ; sinon la part de celui qui en a une (les repères du département, de la
    région et de la France ne sont pas projetés : « la plus forte » face à rien ne dirait rien)."""
    d = reperes[reperes["annee"] == annee].dropna(subset=[colonne])
    if d.empty:
        return titre_indicateur
    haut = d.loc[d[colonne].idxmax()]
    if len(d) == 1:
        return (
            f"{titre_indicateur} en {annee} : {pourcentage(haut[colonne])} pour {haut['libelle']}"
        )
    return (
        f"{titre_indicateur} en {annee} : la plus forte pour {haut['libelle']} "
        f"({pourcentage(haut[colonne])})"
    )


def figure_comparaison_trajectoires(
    series: pd.DataFrame, titre_groupe: str, annee_base: int, source: str
) -> go.Figure:
    """La population de chaque périmètre en indice (base 100 au dernier recensement), observée
    puis projetée, avec la fourchette à 80 % de chaque périmètre là où elle a été simulée.

    Args:
        series: colonnes libelle, niveau, annee, population, bas_80, haut_80, projete (booléen).
    """
    fig = go.Figure()
    for libelle, d in series.groupby("libelle", sort=False):
        d = d.sort_values("annee")
        base = d.loc[d["annee"] == annee_base, "population"]
        if base.empty or not base.iloc[0]:
            continue
        base = float(base.iloc[0])
        couleur = COULEURS_NIVEAUX.get(d["niveau"].iloc[0], PALETTE["gris"])
        p = d[d["projete"]]
        bande_80(fig, p, couleur, libelle, opacite=0.15, facteur=100 / base)
        for projete, tirets in ((False, "solid"), (True, "dash")):
            s = d[d["projete"] == projete]
            if projete:  # la projection part du dernier recensement
                s = pd.concat([d[(~d["projete"]) & (d["annee"] == annee_base)], s])
            if s.empty:
                continue
            fig.add_trace(
                go.Scatter(
                    x=s["annee"],
                    y=s["population"] / base * 100,
                    mode="lines",
                    line=dict(color=couleur, width=3, dash=tirets),
                    name=libelle,
                    legendgroup=libelle,
                    showlegend=not projete,
                    customdata=s["population"],
                    hovertemplate=f"{libelle}<br>"
                    + "%{x} : indice %{y:.1f} (%{customdata:,.0f} "
                    + f"{titre_groupe})<extra></extra>",
                )
            )
    fig.add_hline(y=100, line=dict(color=PALETTE["gris"], width=1, dash="dot"))
    titre = (
        f"{titre_groupe[0].upper()}{titre_groupe[1:]} : évolution comparée, base 100 en "
        f"{annee_base} (trait plein : recensé ; tirets : projeté, scénario central)"
    )
    fig.update_yaxes(title=f"indice (100 = {annee_base})", tickformat=".0f")
    fig.update_xaxes(title="année")
    fig = habiller(fig, titre, source, hauteur=460)
    fig.update_yaxes(tickformat=".0f")
    return fig


# --- La carte simple des communes (page Import) ---


def anneaux_exterieurs(geometrie: dict) -> list[list]:
    """Les contours extérieurs des polygones d'une géométrie GeoJSON (Polygon, MultiPolygon, ou
    GeometryCollection comme celle d'une commune fusionnée : ses lignes sont laissées de côté).
    Les trous, rares pour une commune, ne sont pas tracés."""
    genre = geometrie.get("type")
    if genre == "Polygon":
        return [geometrie["coordinates"][0]]
    if genre == "MultiPolygon":
        return [polygone[0] for polygone in geometrie["coordinates"]]
    if genre == "GeometryCollection":
        return [a for g in geometrie.get("geometries", []) for a in anneaux_exterieurs(g)]
    return []


def _couleur(part: float) -> str:
    """Du bleu clair au bleu de la palette, pour une part dans [0, 1]."""
    depart, arrivee = (222, 235, 247), (0, 114, 178)
    r, g, b = (round(a + (z - a) * part) for a, z in zip(depart, arrivee, strict=True))
    return f"rgb({r},{g},{b})"


def figure_carte_communes(
    communes: pd.DataFrame, nom_perimetre: str, source: str, hauteur: int = 620
) -> go.Figure:
    """La carte des communes d'un périmètre colorées selon leur population.

    Tracée en contours remplis sur des axes nus (longitude, latitude corrigée par cos(latitude)) :
    ni serveur de tuiles ni fichier de carte d'internet, elle marche hors ligne et dans les
    documents.

    Args:
        communes: colonnes code_commune, nom_commune, population_municipale, annee, geojson (texte
            GeoJSON de la géométrie ; les lignes sans contour sont laissées de côté).
    """
    avec = communes.dropna(subset=["geojson"]).reset_index(drop=True)
    population = avec["population_municipale"]
    maxi = float(population.max()) if population.notna().any() else 0.0
    fig = go.Figure()
    latitudes = []
    for ligne in avec.itertuples():
        xs, ys = [], []
        for exterieur in anneaux_exterieurs(json.loads(ligne.geojson)):
            xs += [c[0] for c in exterieur] + [None]
            ys += [c[1] for c in exterieur] + [None]
        latitudes += [y for y in ys if y is not None]
        valeur = ligne.population_municipale
        texte = f"{ligne.nom_commune} ({ligne.code_commune})<br>" + (
            f"{nombre(valeur)} habitants" if pd.notna(valeur) else "population non importée"
        )
        fig.add_trace(
            go.Scatter(
                x=xs,
                y=ys,
                mode="lines",
                fill="toself",
                fillcolor=_couleur(valeur / maxi) if pd.notna(valeur) and maxi else "#eeeeee",
                line=dict(color="white", width=0.8),
                hoverinfo="text",
                hoveron="fills",
                text=texte,
                showlegend=False,
            )
        )
    if maxi:
        # Un point invisible porte l'échelle de couleurs.
        fig.add_trace(
            go.Scatter(
                x=[None],
                y=[None],
                mode="markers",
                showlegend=False,
                hoverinfo="skip",
                marker=dict(
                    color=[0, maxi],
                    cmin=0,
                    cmax=maxi,
                    colorscale=[[0, _couleur(0)], [1, _couleur(1)]],
                    showscale=True,
                    colorbar=dict(title="Habitants", tickformat=",.0f"),
                ),
            )
        )
    moyenne = sum(latitudes) / len(latitudes) if latitudes else 45.0
    fig.update_xaxes(visible=False)
    fig.update_yaxes(visible=False, scaleanchor="x", scaleratio=1 / math.cos(math.radians(moyenne)))
    if population.notna().any():
        plus = avec.loc[population.idxmax()]
        titre = (
            f"{nom_perimetre} : {nombre(population.sum())} habitants en {int(plus['annee'])} "
            f"dans {len(avec)} communes, dont {nombre(plus['population_municipale'])} à "
            f"{plus['nom_commune']}"
        )
    else:
        titre = f"{nom_perimetre} : {len(avec)} communes (population non importée)"
    habiller(fig, titre, source, hauteur=hauteur, largeur_titre=80)
    marge_gauche(fig, 10).update_layout(margin=dict(r=10), plot_bgcolor="white")
    return fig

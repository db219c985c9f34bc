"""Fiabilité mesurée de la projection, en tableaux et en phrases françaises (issue 19).

Entrées : les tables `fiabilite_projection` (rétro-projections départementales 1976-2021) et
`fiabilite_communes` (totaux communaux des populations légales 2019-2023), lues par les requêtes
nommées du même nom ; elles sont écrites par `bench/backtest_projection.py --ecrire` et chargées à
la construction. Aucun chiffre n'est écrit ici : tout vient de ces tables.

Sorties : la fiche « Fiabilité » de Sources et méthodes (tableau par groupe d'âges, tableau par
fenêtre, ce qui bat quoi, couverture des fourchettes) et la phrase affichée sous chaque
projection : « pour un territoire de cette taille, à 10 ans, l'écart moyen a été de X % ».
"""

from __future__ import annotations

import pandas as pd

from models.projection.fiabilite import cases_attendues_dans_la_bande
from vigie.format_fr import libelle_fourchette, nombre, pourcentage, seuil

METHODES = {
    "vigie": "Vigie",
    "croissance_constante": "Croissance constante",
    "constante": "Population constante",
}
ORDRE_GROUPES = [
    "Ensemble", "0-4 ans", "5-9 ans", "10-14 ans", "20-24 ans", "60-74 ans",
    "75 ans et plus", "85 ans et plus",
]  # fmt: skip
# Un territoire plus peuplé que ceci se compare aux départements (le plus petit en a ~75 000).
SEUIL_DEPARTEMENT = 75_000
CLASSES = [(2_000, "moins de 2 000"), (10_000, "2 000 à 10 000"), (float("inf"), "plus de 10 000")]


def _pct(v: float) -> str:
    return f"{nombre(v, 1)}\u00a0%"


def classe_taille(population: float) -> str:
    """Classe de taille des communes (« moins de 2 000 », « 2 000 à 10 000 », « plus de 10 000 »)."""
    for borne, libelle in CLASSES:
        if population < borne:
            return libelle
    return CLASSES[-1][1]


def erreurs_moyennes(departements: pd.DataFrame, horizon: int) -> pd.DataFrame:
    """Erreur absolue moyenne de chaque méthode, moyenne des fenêtres à cet horizon, par groupe.

    Returns:
        index = groupe (ordre des tableaux), colonnes = méthodes, plus ``fenetres`` (nombre) et
        ``vigie_meilleur`` (fenêtres où Vigie bat les deux références).
    """
    d = departements[departements["horizon"] == horizon]
    if d.empty:
        return pd.DataFrame()
    piv = d.pivot_table(index=["groupe", "fenetre"], columns="methode", values="erreur_abs_moyenne")
    meilleur = piv["vigie"] < piv[["croissance_constante", "constante"]].min(axis=1)
    t = piv.groupby("groupe").mean()
    t["fenetres"] = piv.groupby("groupe").size()
    t["vigie_meilleur"] = meilleur.groupby("groupe").sum().astype(int)
    return t.reindex([g for g in ORDRE_GROUPES if g in t.index])


def tableau_groupes(departements: pd.DataFrame, horizon: int) -> pd.DataFrame:
    """Tableau affichable : erreur moyenne par groupe d'âges et méthode, à l'horizon donné."""
    t = erreurs_moyennes(departements, horizon)
    if t.empty:
        return t
    sortie = pd.DataFrame({"Groupe d'âges": t.index})
    for m, libelle in METHODES.items():
        sortie[libelle] = [_pct(v) for v in t[m]]
    sortie["Vigie fait mieux que les deux"] = [
        f"{int(b)} fenêtre{'s' if b > 1 else ''} sur {int(n)}"
        for b, n in zip(t["vigie_meilleur"], t["fenetres"], strict=True)
    ]
    return sortie


def tableau_fenetres(departements: pd.DataFrame, groupe: str = "Ensemble") -> pd.DataFrame:
    """Tableau affichable : une ligne par fenêtre et horizon, erreur de chaque méthode."""
    d = departements[departements["groupe"] == groupe]
    if d.empty:
        return pd.DataFrame()
    piv = d.pivot_table(
        index=["horizon", "fenetre"], columns="methode", values="erreur_abs_moyenne"
    ).reset_index()
    sortie = pd.DataFrame(
        {
            "Fenêtre (données → année jugée)": piv["fenetre"],
            "Horizon": [f"{int(h)} ans" for h in piv["horizon"]],
        }
    )
    for m, libelle in METHODES.items():
        sortie[libelle] = [_pct(v) for v in piv[m]]
    return sortie


def ce_qui_bat_quoi(departements: pd.DataFrame, horizon: int = 10) -> list[str]:
    """Phrases : où Vigie fait mieux que les deux références naïves, et où non."""
    t = erreurs_moyennes(departements, horizon)
    if t.empty:
        return []
    phrases = []
    for groupe, ligne in t.iterrows():
        nom = "la population totale" if groupe == "Ensemble" else f"les {groupe}"
        b, n = int(ligne["vigie_meilleur"]), int(ligne["fenetres"])
        if b == n:
            debut = (
                f"Pour {nom}, Vigie a fait mieux que les deux références dans toutes les fenêtres"
            )
        elif b == 0:
            debut = f"Pour {nom}, Vigie n'a fait mieux que les deux références dans aucune fenêtre"
        else:
            debut = (
                f"Pour {nom}, Vigie a fait mieux que les deux références dans {b} fenêtres sur {n}"
            )
        phrases.append(
            f"{debut} (écart moyen {_pct(ligne['vigie'])}, contre {_pct(ligne['croissance_constante'])} "
            f"en prolongeant la croissance passée et {_pct(ligne['constante'])} en gardant la "
            "population de départ)."
        )
    return phrases


def couverture(departements: pd.DataFrame) -> dict | None:
    """Couvertures des fourchettes calées hors échantillon (Vigie) : min, max, moyenne, cas."""
    v = departements[(departements["methode"] == "vigie")].dropna(subset=["couverture_80"])
    if v.empty:
        return None
    return {
        "min_80": float(v["couverture_80"].min()),
        "max_80": float(v["couverture_80"].max()),
        "moyenne_80": float(v["couverture_80"].mean()),
        "min_95": float(v["couverture_95"].min()),
        "max_95": float(v["couverture_95"].max()),
        "moyenne_95": float(v["couverture_95"].mean()),
        "fenetres": int(v["fenetre"].nunique()),
    }


def phrase_territoire(
    population: float,
    departements: pd.DataFrame,
    communes: pd.DataFrame | None = None,
    horizon: int = 10,
) -> str | None:
    """La phrase sous une projection : de combien Vigie s'est trompé, par le passé, pour un
    territoire de cette taille.

    Un territoire de la taille d'un département (``SEUIL_DEPARTEMENT`` habitants ou plus) reprend
    l'écart moyen des départements à ``horizon`` ans. Un plus petit reprend aussi l'écart mesuré
    sur les communes de sa classe de taille à l'horizon le plus long disponible (3 ans : les
    populations légales ne remontent ici qu'à 2019), l'écart à 10 ans n'étant mesuré qu'au
    niveau départemental.

    Returns:
        la phrase, ou ``None`` si aucune mesure n'est chargée.
    """
    t = erreurs_moyennes(departements, horizon) if departements is not None else pd.DataFrame()
    dep = None if t.empty or "Ensemble" not in t.index else float(t.loc["Ensemble", "vigie"])
    if population >= SEUIL_DEPARTEMENT or communes is None or communes.empty:
        if dep is None:
            return None
        return (
            f"Pour un territoire de cette taille, à {horizon} ans, l'écart moyen a été de "
            f"{_pct(dep)} sur la population totale (rétro-projections des départements, "
            f"{int(t.loc['Ensemble', 'fenetres'])} fenêtres de 1976 à 2021)."
        )
    classe = classe_taille(population)
    c = communes[(communes["classe_taille"] == classe) & (communes["methode"] == "vigie")]
    if c.empty:
        return None
    h = int(c["horizon"].max())
    ecart = float(c[c["horizon"] == h]["erreur_abs_moyenne"].mean())
    phrase = (
        f"Pour un territoire de cette taille (communes de {classe} habitants), à {h} ans, "
        f"l'écart moyen a été de {_pct(ecart)} sur la population totale (populations légales "
        "2019-2023)"
    )
    if dep is not None:
        phrase += f" ; à {horizon} ans, pour un département, il a été de {_pct(dep)}"
    return phrase + "."


def introduction(departements: pd.DataFrame) -> str:
    """Ce qui a été fait, en une phrase : fenêtres, départements, références."""
    fen = list(departements["fenetre"].drop_duplicates())
    if not fen:
        return ""
    origines = sorted({f.split("→")[0].split(",")[1].strip() for f in fen})
    return (
        f"Le modèle de Vigie a été relancé sur {int(departements['n'].max())} départements depuis "
        f"{len(origines)} années de départ ({origines[0]} à {origines[-1]}), avec les seules "
        "populations connues à ces dates (estimations INSEE), puis comparé aux populations "
        f"publiées 5 et 10 ans plus tard ({len(fen)} comparaisons). Deux références naïves "
        "servent d'étalon : prolonger la croissance des cinq années précédentes, et garder la "
        "population de départ. Écart moyen : écart absolu moyen entre projeté et observé, en % "
        "de l'observé."
    )


def phrase_communes(communes: pd.DataFrame) -> str:
    """Les écarts sur les totaux communaux, par classe de taille, à l'horizon le plus long."""
    if communes is None or communes.empty:
        return ""
    h = int(communes["horizon"].max())
    c = communes[(communes["horizon"] == h) & (communes["methode"] == "vigie")]
    r = communes[(communes["horizon"] == h) & (communes["methode"] == "croissance_constante")]
    morceaux = []
    for _, libelle in CLASSES:
        v = c[c["classe_taille"] == libelle]["erreur_abs_moyenne"].mean()
        w = r[r["classe_taille"] == libelle]["erreur_abs_moyenne"].mean()
        morceaux.append(f"{_pct(v)} pour les communes de {libelle} habitants (contre {_pct(w)})")
    return (
        f"**Petites communes.** Sur les populations légales 2019-2023, à {h} ans, la croissance "
        "propre de chaque commune rapprochée de celle de son département (la règle de Vigie) "
        "s'est trompée en moyenne de " + ", ".join(morceaux) + " en prolongeant la croissance "
        "propre de la commune. Plus la commune est petite, plus l'écart est grand."
    )


#: Une erreur est dite commune quand le biais moyen en fait au moins cette part : presque tous les
#: départements se sont trompés dans le même sens.
PART_COMMUNE = 0.7


def cases_hors_cible(departements: pd.DataFrame) -> dict | None:
    """Cases (fenêtre × horizon × groupe d'âges) où la fourchette à 80 % est sortie de 75-85 %,
    et parmi les trop étroites celles où l'erreur était commune à presque tous les départements (|biais
    moyen| ≥ :data:`PART_COMMUNE` × écart absolu moyen : une tendance nationale imprévue)."""
    v = departements[departements["methode"] == "vigie"].dropna(subset=["couverture_80"])
    if v.empty:
        return None
    hors = v[~v["couverture_80"].between(0.75, 0.85)]
    etroites = hors[hors["couverture_80"] < 0.75]
    commune = etroites["biais_moyen"].abs() >= PART_COMMUNE * etroites["erreur_abs_moyenne"]
    return {
        "cases": len(v),
        "hors": len(hors),
        "trop_etroites": len(etroites),
        "communes": int(commune.sum()),
        # ce qu'un modèle parfait aurait laissé hors de la bande, par le seul tirage des départements
        "hors_modele_parfait": len(v) - cases_attendues_dans_la_bande(v["n"]),
    }


def phrase_couverture(departements: pd.DataFrame) -> str:
    """Les fourchettes, contrôlées hors échantillon, en deux phrases : leur couverture, et pourquoi
    elle sort de 75-85 % dans certaines fenêtres."""
    c = couverture(departements)
    if c is None:
        return ""
    phrase = (
        "Fourchettes : l'aléa simulé est complété par l'erreur de modèle mesurée sur les fenêtres "
        "passées (apprise sur les seules fenêtres antérieures à celle qu'on juge). Jugée ainsi, "
        f"la {libelle_fourchette()} a contenu la valeur observée {pourcentage(c['moyenne_80'], 0)} du "
        f"temps en moyenne (de {pourcentage(c['min_80'], 0)} à {pourcentage(c['max_80'], 0)} "
        f"selon la fenêtre et l'âge), celle à {seuil(95)} {pourcentage(c['moyenne_95'], 0)} "
        f"(de {pourcentage(c['min_95'], 0)} à {pourcentage(c['max_95'], 0)})."
    )
    h = cases_hors_cible(departements)
    if h and h["hors"]:
        phrase += (
            f" Elle est sortie de 75-85 % dans {h['hors']} cas sur {h['cases']} (fenêtre et "
            f"groupe d'âges), trop étroite dans {h['trop_etroites']} ; dans {h['communes']} de "
            "ces derniers, presque tous les départements s'étaient trompés dans le même sens : une "
            "tendance nationale que personne ne connaissait à l'origine (fécondité, migrations), "
            "qu'aucune largeur apprise sur le passé ne peut rattraper pour une fenêtre donnée. "
            "Même parfaitement calibrée, une fourchette à 80 % sortirait de 75-85 % dans "
            f"{nombre(h['hors_modele_parfait'])} cas sur {h['cases']} environ, par le seul hasard "
            "des départements de chaque fenêtre."
        )
    return phrase

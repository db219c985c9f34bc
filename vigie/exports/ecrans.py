"""Les écrans clés d'une présentation en séance, un message chacun : communs à la page
« Présentation » (vidéoprojecteur) et au diaporama PowerPoint, pour que les deux racontent la même
histoire avec les mêmes chiffres.

Chaque écran a un titre court, un message (une phrase), parfois un grand chiffre avec sa fourchette
en mots (`entre 111 000 et 135 000 habitants, 119 000 le plus probable`) et un des graphiques de
l'application. Pas de streamlit ici.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import pandas as pd
import plotly.graph_objects as go

from vigie import textes
from vigie.analyses import services
from vigie.exports.contenu import METHODE, Dossier, hypotheses
from vigie.figures import population as gp
from vigie.format_fr import fourchette, nombre, pourcentage


@dataclass(frozen=True)
class Ecran:
    """Un écran : titre, message, un grand chiffre avec sa fourchette en mots, un graphique, une note."""

    titre: str
    message: str
    chiffre: str | None = None
    fourchette: str | None = None
    figure: Callable[[], go.Figure] | None = None
    note: str | None = None


def ecrans(d: Dossier) -> list[Ecran]:
    """Les écrans d'un dossier, dans l'ordre où ils sont montrés."""
    liste = [
        Ecran(
            titre=d.nom,
            message=f"Population et services à l'horizon {d.horizon} — {d.scenario.libelle}",
            note=f"{d.libelle_niveau} · données "
            + ", ".join(sorted({str(m) for m in d.sources["millesime"].dropna()}))
            + f" · {textes.PROJECTION_AVERTISSEMENT}",
        ),
        Ecran(
            titre="Aujourd'hui",
            message=d.phrase_aujourdhui(),
            chiffre=f"{nombre(d.population_recensement)} habitants",
            figure=d.figure_evolution,
            note=d.source("population"),
        ),
    ]
    f = d.fin
    dans = d.habitants_fin(" (scénario sans fourchette)")
    liste.append(
        Ecran(
            titre=f"En {d.horizon}",
            message=f"Contre {nombre(d.population_recensement)} habitants en "
            f"{d.annee_recensement}, soit "
            f"{pourcentage(f['population'] / d.population_recensement - 1, 0, signe=True)} "
            f"dans le {d.nom_scenario}.",
            chiffre=f"≈ {nombre(gp.arrondi(f['population']))} habitants",
            fourchette=dans,
            figure=d.figure_projection,
            note="4 chances sur 5 d'être dans la fourchette à 80 %. " + d.source_projection,
        )
    )
    evol = d.evolution_groupes
    for groupe, quoi in (
        ("75 ans et plus", "Les 75 ans et plus"),
        ("0-2 ans", "Les moins de 3 ans"),
    ):
        g = evol[evol["groupe_age"] == groupe]
        if g.empty:
            continue
        g = g.iloc[0]
        portee = (
            fourchette(
                gp.arrondi(g["bas_80"]), gp.arrondi(g["population"]), gp.arrondi(g["haut_80"])
            )
            if pd.notna(g["bas_80"])
            else None
        )
        liste.append(
            Ecran(
                titre=quoi,
                message=f"{quoi} : {nombre(g['base'])} en {int(g['annee_base'])}, environ "
                f"{nombre(gp.arrondi(g['population']))} en {int(g['annee'])} "
                f"({pourcentage(g['evolution'], 0, signe=True)}).",
                chiffre=pourcentage(g["evolution"], 0, signe=True),
                fourchette=portee,
                figure=d.figure_groupes if groupe == "75 ans et plus" else d.figure_pyramide,
                note=d.source_projection,
            )
        )
    resume = services.resumer(d.bilan, d.scenario.libelle) if not d.bilan.synthese.empty else None
    if resume is not None:
        urgentes = resume.urgentes
        liste.append(
            Ecran(
                titre=f"Services d'ici {d.horizon}",
                message=(
                    f"{len([a for a in urgentes if a.gravite == services.DEFICIT])} service(s) en "
                    f"déficit, {len([a for a in urgentes if a.gravite == services.RISQUE])} à "
                    "surveiller. " + (resume.suffisants or "")
                ),
                figure=d.figure_couverture,
                note=d.source_services,
            )
        )
        synthese = d.bilan.synthese.set_index("service")
        for alerte in urgentes:
            ligne = synthese.loc[alerte.service]
            unite = ligne["unite"]
            portee = (
                fourchette(ligne["bas_80"], ligne["demande"], ligne["haut_80"], unite)
                if pd.notna(ligne["haut_80"])
                else None
            )
            liste.append(
                Ecran(
                    titre=textes.libelle_service(alerte.service),
                    message=alerte.texte,
                    chiffre=f"{nombre(ligne['demande'])} {unite}",
                    fourchette=f"nécessaires en {d.horizon} : "
                    + (portee if portee else "scénario sans fourchette")
                    + f" ; capacité {nombre(ligne['capacite'])} {unite}",
                    figure=(lambda s=alerte.service: d.figure_service(s)),
                    note=d.source_services,
                )
            )
    if not d.scenarios_compares.empty:
        c = d.scenarios_compares
        bas, haut = c.loc[c["population"].idxmin()], c.loc[c["population"].idxmax()]
        liste.append(
            Ecran(
                titre="Et si les hypothèses changeaient ?",
                message=f"Selon les hypothèses, de {nombre(gp.arrondi(bas['population']))} "
                f"({bas['libelle']}) à {nombre(gp.arrondi(haut['population']))} habitants "
                f"({haut['libelle']}) en {d.horizon}.",
                figure=d.figure_eventail,
                note=d.source_projection,
            )
        )
    liste.append(
        Ecran(
            titre="Méthode et sources",
            message=textes.PROJECTION_AVERTISSEMENT,
            note=f"{METHODE} Scénario : {d.scenario.libelle} ({hypotheses(d.scenario.parametres)}). "
            f"Données : {d.millesimes}. Produit le {d.date.strftime('%d/%m/%Y')} par Vigie, hors ligne.",
        )
    )
    return liste

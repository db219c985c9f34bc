"""Les écrans clés d'une présentation en séance, un message chacun : communs à la page
« Présentation » (vidéoprojecteur) et au diaporama PowerPoint, pour que les deux racontent la même
histoire avec les mêmes chiffres.

Chaque écran a un titre court, un message (une phrase qui commence par aujourd'hui et dit ce qui
referme l'écart), parfois un grand chiffre avec sa fourchette étiquetée (« entre 113 000 et
136 000 habitants (fourchette à 80 %), 119 000 le plus probable »), le graphique qui montre ce
message (à la taille du projecteur : `vigie.figures.presentation`), son texte de remplacement pour
qui ne voit pas l'image, et la source, une fois, en note. Pas de streamlit ici.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass

import pandas as pd
import plotly.graph_objects as go

from vigie import textes
from vigie.analyses import services
from vigie.exports.contenu import METHODE, Dossier, hypotheses
from vigie.figures import presentation as fp
from vigie.format_fr import (
    FOURCHETTE_OU_EVENTAIL,
    LIBELLE_FOURCHETTE,
    arrondi,
    fourchette,
    libelle_fourchette,
    nombre,
    pourcentage,
    projete,
)


@dataclass(frozen=True)
class Ecran:
    """Un écran : titre, message, un grand chiffre avec sa fourchette en mots, un graphique et la
    description de ce qu'il montre (texte de remplacement), une note (la source)."""

    titre: str
    message: str
    chiffre: str | None = None
    fourchette: str | None = None
    figure: Callable[[], go.Figure] | None = None
    note: str | None = None
    description: str | None = None  # ce que montre le graphique, pour l'alt (avec le message)

    @property
    def texte_alternatif(self) -> str:
        """Le texte de remplacement du graphique : ce qu'il montre, puis ce qu'il dit."""
        return " ".join(t for t in (self.description, self.message) if t)


def quantite(valeur: float, unite: str) -> str:
    """Un manque compté en unités entières (une classe, une place ne se divisent pas) :
    0,4 classe manquante → `1 classe` ; au-delà de 1 000, la règle unique d'arrondi."""
    entier = arrondi(math.ceil(valeur - 1e-9))
    if entier < 2 and unite.endswith("s") and " " not in unite:
        unite = unite[:-1]
    return f"{nombre(entier)} {unite}"


def _pluriel(n: int, singulier: str, pluriel: str) -> str:
    return f"{n} {singulier if n < 2 else pluriel}"


def phrase_solde_naturel(evenements: pd.DataFrame) -> str | None:
    """`Chaque année depuis 1999 (première année connue), les décès dépassent les naissances
    (616 de plus en 2021).` : la suite d'années se lit à partir de la dernière, sans en sauter."""
    e = evenements.dropna(subset=["naissances", "deces"]).sort_values("annee")
    if e.empty:
        return None
    dernier = e.iloc[-1]
    solde = dernier["naissances"] - dernier["deces"]
    if solde == 0:
        return f"En {int(dernier['annee'])}, autant de naissances que de décès."
    meme_signe = (e["naissances"] - e["deces"]) * solde > 0
    debut = int(dernier["annee"])
    for annee, garde in zip(e["annee"][::-1], meme_signe[::-1], strict=True):
        if not garde:
            break
        debut = int(annee)
    quoi = (
        "les décès dépassent les naissances" if solde < 0 else "les naissances dépassent les décès"
    )
    depuis = (
        f"depuis {debut} (première année connue)"
        if debut == int(e["annee"].iloc[0])
        else f"depuis {debut}"
    )
    if debut == int(dernier["annee"]):
        return f"En {debut}, {quoi} ({nombre(abs(solde))} de plus)."
    return (
        f"Chaque année {depuis}, {quoi} ({nombre(abs(solde))} de plus en {int(dernier['annee'])})."
    )


def _taux(d: Dossier, service: str) -> str:
    """`au taux d'équipement moyen de la France (17,8 places pour 100 enfants de moins de 3 ans)`
    quand le ratio retenu est la moyenne nationale publiée ; sinon le ratio dit tel quel."""
    r = d.bilan.ratios
    r = r[(r["service"] == service) & r["retenue"]]
    if r.empty:
        return ""
    r = r.iloc[0]
    ratio = services.phrase_ratio(r["ratio"], r["par"], r["unite"], r["age_min"], r["age_max"])
    if service in textes.TAUX_MOYEN_FRANCE and not r["modifie"]:
        return f"au taux d'équipement moyen de la France ({ratio})"
    if r["modifie"]:
        return f"au taux retenu pour ce territoire ({ratio})"
    return f"à raison de {ratio}"


def message_service(d: Dossier, service: str) -> tuple[str, str]:
    """(chiffre court, message) d'un service. Le message est la phrase d'alerte des pages et des
    documents (`services.alerte`, la même partout : issue 18), sans le nom du service que le titre
    de l'écran porte déjà ; suivent ce qui referme l'écart (une ouverture) et le taux retenu."""
    ligne = d.bilan.synthese.set_index("service").loc[service]
    unite, horizon = ligne["unite"], int(ligne["horizon"])
    g = d.bilan.ecart[d.bilan.ecart["service"] == service].sort_values("annee")
    manque = services.manque_debut(d.bilan, service)
    deja = manque is not None and manque > 0  # le manque existe dès aujourd'hui
    alerte = services.alerte(
        {**ligne.to_dict(), "service": service}, d.scenario.libelle, manque_debut=manque
    )
    texte = alerte.texte.removeprefix(f"{textes.libelle_service(service)} : ")
    texte = texte[:1].upper() + texte[1:]
    annee = services._annee(ligne["premiere_annee"])
    fin = services._annee(ligne.get("fin_deficit"))
    if deja and fin is not None:
        avant = g.loc[g["annee"] == fin - 1, "capacite"]
        apres = g.loc[g["annee"] == fin, "capacite"]
        ouvre = float(apres.iloc[0] - avant.iloc[0]) if len(avant) and len(apres) else 0.0
        if ouvre > 0:
            texte += f" L'ouverture de {quantite(ouvre, unite)} comble l'écart dès {fin}."
    elif deja:
        texte += " C'est ce qu'il faudrait ouvrir d'ici là."
    taux = _taux(d, service)
    if taux:
        texte += f" Besoin compté {taux}."
    if deja:
        chiffre = f"il manque déjà {quantite(manque, unite)}"
    elif annee is not None:
        chiffre = f"manque dès {annee}"
    else:
        chiffre = f"suffit jusqu'en {horizon}"
    return chiffre, texte


def _ecran_services(d: Dossier) -> list[Ecran]:
    """L'écran de synthèse des services puis un écran par service en manque ou à surveiller."""
    s = d.bilan.synthese
    if s.empty:
        return []
    resume = services.resumer(d.bilan, d.scenario.libelle)
    urgentes = resume.urgentes
    pire = fp.couverture_pire_annee(d.bilan.ecart, s)
    deja = [
        a.service
        for a in urgentes
        if a.gravite == services.DEFICIT
        and bool(s.set_index("service").at[a.service, "deficit_des_le_debut"])
    ]
    plus_tard = [a.service for a in urgentes if a.service not in deja]
    morceaux = []
    if deja:
        morceaux.append(
            f"Il manque déjà de la capacité pour {_pluriel(len(deja), 'service', 'services')} : "
            + ", ".join(textes.libelle_service(x) for x in deja)
            + "."
        )
    if plus_tard:
        morceaux.append(
            f"{_pluriel(len(plus_tard), 'autre service est', 'autres services sont')} à "
            f"surveiller d'ici {d.horizon} : "
            + ", ".join(textes.libelle_service(x) for x in plus_tard)
            + "."
        )
    if not morceaux:
        morceaux.append(f"La capacité de chaque service suffit jusqu'en {d.horizon}.")
    liste = []
    if not pire.empty:
        liste.append(
            Ecran(
                titre=f"Les services d'ici {d.horizon}",
                message=" ".join(morceaux),
                figure=lambda: fp.figure_couverture_pire_annee(pire),
                note=d.source_services,
                description="Barres horizontales : pour chaque service, la capacité en part du "
                "besoin l'année la plus tendue d'ici "
                f"{d.horizon} ; sous 100 %, il manque de la capacité.",
            )
        )
    synthese = s.set_index("service")
    for alerte in urgentes:
        ligne = synthese.loc[alerte.service]
        unite = ligne["unite"]
        chiffre, message = message_service(d, alerte.service)
        besoin = (
            fourchette(ligne["bas_80"], ligne["demande"], ligne["haut_80"], unite, etiquette=True)
            if pd.notna(ligne["haut_80"])
            else projete(ligne["demande"], unite)
        )
        liste.append(
            Ecran(
                titre=textes.libelle_service(alerte.service),
                message=message,
                chiffre=chiffre,
                fourchette=f"Besoin en {d.horizon} : {besoin} ; capacité "
                f"{nombre(ligne['capacite'])} {unite}",
                figure=(lambda x=alerte.service: fp.pour_projecteur(d.figure_service(x))),
                note=d.source_services,
                description=f"Courbes année par année : le besoin projeté en {unite} avec sa "
                "fourchette, et la capacité en service.",
            )
        )
    return liste


def ecrans(d: Dossier) -> list[Ecran]:
    """Les écrans d'un dossier, dans l'ordre où ils sont montrés."""
    solde = phrase_solde_naturel(d.evenements) if not d.evenements.empty else None
    liste = [
        Ecran(
            titre=d.nom,
            message=f"Population et services à l'horizon {d.horizon} — {d.scenario.libelle}",
            # Sources et millésimes au dernier écran (un Pays réel en a une vingtaine : issue 18).
            note=f"{d.libelle_niveau} · sources et millésimes des données : écran « Méthode et "
            "sources »" + f" · {textes.PROJECTION_AVERTISSEMENT}",
        ),
        Ecran(
            titre="Aujourd'hui",
            message=d.phrase_aujourdhui() + (f" {solde}" if solde else ""),
            chiffre=f"{nombre(d.population_recensement)} habitants",
            figure=lambda: fp.pour_projecteur(d.figure_evolution()),
            note=d.source("population"),
            description="Courbe des habitants recensés, recensement par recensement.",
        ),
    ]
    f = d.fin
    portee = (
        fourchette(f["bas_80"], f["population"], f["haut_80"], "habitants", etiquette=True)
        if pd.notna(f["bas_80"])
        else "scénario sans fourchette"
    )
    liste.append(
        Ecran(
            titre=f"En {d.horizon}",
            message=f"Contre {nombre(d.population_recensement)} habitants en "
            f"{d.annee_recensement}, soit "
            f"{pourcentage(arrondi(f['population']) / d.population_recensement - 1, 0, signe=True)}"
            f" dans le {d.nom_scenario}.",
            chiffre=projete(f["population"], "habitants"),
            fourchette=portee,
            figure=lambda: fp.pour_projecteur(d.figure_projection()),
            note=f"4 chances sur 5 d'être dans la {LIBELLE_FOURCHETTE}. " + d.source_projection,
            description="Courbe des habitants recensés puis projetés, avec les "
            f"{libelle_fourchette(80, 95)} en bandes ombrées.",
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
            fourchette(g["bas_80"], g["population"], g["haut_80"], etiquette=True)
            if pd.notna(g["bas_80"])
            else None
        )
        liste.append(
            Ecran(
                titre=quoi,
                message=f"{quoi} : {nombre(g['base'])} en {int(g['annee_base'])}, "
                f"{projete(g['population'])} en {int(g['annee'])} "
                f"({pourcentage(arrondi(g['population']) / g['base'] - 1, 0, signe=True)}).",
                chiffre=pourcentage(arrondi(g["population"]) / g["base"] - 1, 0, signe=True),
                fourchette=f"en {int(g['annee'])} : {portee}" if portee else None,
                figure=(
                    lambda x=groupe, q=quoi: fp.figure_groupe(
                        d.groupes_observes, d.scenario.groupes, x, q.removeprefix("Les ")
                    )
                ),
                note=d.source_projection,
                description=f"Courbe du nombre des {quoi.removeprefix('Les ')} : recensés, puis "
                "projetés avec leurs fourchettes.",
            )
        )
    liste.extend(_ecran_services(d))
    if not d.scenarios_compares.empty:
        c = d.scenarios_compares
        bas, haut = c.loc[c["population"].idxmin()], c.loc[c["population"].idxmax()]
        liste.append(
            Ecran(
                titre="Et si les hypothèses changeaient ?",
                message=f"En {d.horizon}, selon les hypothèses : "
                f"{nombre(arrondi(bas['population']))} habitants avec « {bas['libelle']} », "
                f"{nombre(arrondi(haut['population']))} avec « {haut['libelle']} »"
                + (
                    f", {nombre(arrondi(d.fin['population']))} avec « {d.scenario.libelle} »"
                    if d.scenario.code not in (bas["scenario"], haut["scenario"])
                    else ""
                )
                + f". {FOURCHETTE_OU_EVENTAIL}",
                figure=lambda: fp.eventail_pour_projecteur(
                    fp.pour_projecteur(d.figure_eventail()),
                    ("Scénario central", d.scenario.libelle),
                ),
                note=d.source_projection,
                description=f"Une courbe par scénario, des habitants recensés jusqu'à {d.horizon}.",
            )
        )
    liste.append(
        Ecran(
            titre="Méthode et sources",
            message=f"{textes.PROJECTION_AVERTISSEMENT} {FOURCHETTE_OU_EVENTAIL}",
            note=f"{METHODE} Scénario : {d.scenario.libelle} ({hypotheses(d.scenario.parametres)}). "
            f"Données : {d.millesimes}. Produit le {d.date.strftime('%d/%m/%Y')} par Vigie, hors ligne.",
        )
    )
    return liste

"""L'atelier de la page Scénarios : ce que la page sait à chaque passage (périmètre, modèle,
ratios, communes), le scénario de travail choisi (nouveau ou enregistré, et sa version), et le
passage des hypothèses aux réglages de la page et retour (`charger`, `brouillon`, `verifier`).

Les réglages vivent dans `st.session_state` sous des clés préfixées `scenarios_` : c'est ce que
la page montre et ce qu'un test règle par sa clé.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass

import pandas as pd
import streamlit as st

from models.demande import ratios_effectifs
from models.projection import ErreurScenario, ProgrammeLogement, Scenario
from models.scenarios import (
    FermetureEquipement,
    HypothesesScenario,
    OuvertureEquipement,
    RatioScenario,
)
from vigie.analyses import scenarios
from vigie.interface import donnees
from vigie.interface.scenarios import calcul
from vigie.interface.scenarios.catalogue import Entree, catalogue
from vigie.reglages import scenarios_utilisateur

NOUVEAU = "__nouveau__"


@dataclass
class Atelier:
    """Ce que la page Scénarios lit une fois par passage, et le scénario de travail.

    Attributes:
        selection: le choix de la barre latérale (niveau, code, horizon, noms).
        catalogue: tous les scénarios (`catalogue.catalogue`).
        perimetre: les données du périmètre (`scenarios.Perimetre`) ; modele: le modèle estimé.
        communes_territoire: code -> nom de toutes les communes du territoire.
        ratios_retenus: les ratios en vigueur dans le périmètre, un réglage chacun.
        parametres: les paramètres nationaux (valeur, unité, source).
        choix: NOUVEAU ou le n° du scénario enregistré ouvert ; entree: son entrée (None pour un
            nouveau) ; version: la version ouverte ; depart: les hypothèses chargées ;
            charge: ce qui a été chargé dans les réglages (choix, version ou scénario de départ).
    """

    selection: object
    catalogue: dict[str, Entree]
    perimetre: scenarios.Perimetre
    modele: object
    perimetres: pd.DataFrame
    communes_territoire: dict[str, str]
    ratios_retenus: pd.DataFrame
    parametres: dict
    choix: str = NOUVEAU
    entree: Entree | None = None
    version: int | None = None
    depart: HypothesesScenario | None = None
    charge: tuple = ()

    @property
    def annee_base(self) -> int:
        return int(self.modele.annee_base)

    def code_territoire(self) -> str:
        """Le territoire qui contient le périmètre (ses équipements valident une fermeture)."""
        territoires = self.perimetres[self.perimetres["niveau"] == "territoire"]["code_perimetre"]
        return str(territoires.iloc[0]) if len(territoires) else self.selection.code


def preparer(selection) -> Atelier:
    """Lit ce que la page montre pour le périmètre de la barre latérale."""
    perimetre = calcul.perimetre(selection.niveau, selection.code)
    perimetres = donnees.requete("perimetres")
    communes = perimetres[perimetres["niveau"] == "commune"]
    ratios = ratios_effectifs(perimetre.defauts, perimetre.modifications, perimetre.methodes)
    return Atelier(
        selection=selection,
        catalogue=catalogue(),
        perimetre=perimetre,
        modele=calcul.modele(selection.niveau, selection.code),
        perimetres=perimetres,
        communes_territoire=communes.set_index("code_perimetre")["nom_perimetre"].to_dict(),
        ratios_retenus=ratios[ratios["retenue"]],
        parametres=scenarios.sources_parametres(),
    )


def lire_le_lien(atelier: Atelier) -> None:
    """Un lien ouvre le scénario et la comparaison qu'il nomme (au premier passage seulement) ;
    puis les choix demandés au passage précédent (après un enregistrement) prennent effet."""
    etat = st.session_state
    if not etat.get("_scenarios_url_lu"):
        etat["_scenarios_url_lu"] = True
        url = st.query_params
        cle = url.get("scenario")
        if cle in atelier.catalogue and atelier.catalogue[cle].enregistre:
            etat["scenarios_choix"] = cle
            try:
                etat["scenarios_version_demandee"] = int(url.get("version", ""))
            except ValueError:
                pass
        elif cle in atelier.catalogue:
            etat["scenarios_choix"] = NOUVEAU
            etat["scenarios_base"] = cle
        if url.get("comparer"):
            voulus = [c for c in url["comparer"].split(",") if c in atelier.catalogue and c != cle]
            if voulus:
                etat["scenarios_comparer"] = voulus[:3]
    for cle_suivante, cle in (
        ("scenarios_choix_suivant", "scenarios_choix"),
        ("scenarios_comparer_suivant", "scenarios_comparer"),
    ):
        if cle_suivante in etat:
            etat[cle] = etat.pop(cle_suivante)


def choisir_scenario_de_travail(atelier: Atelier) -> None:
    """Les deux menus du haut : le scénario de travail, et son point de départ ou sa fiche."""
    etat = st.session_state
    catalogue_ = atelier.catalogue
    enregistres = [c for c, e in catalogue_.items() if e.enregistre]
    if etat.get("scenarios_choix") not in [NOUVEAU, *enregistres]:
        etat["scenarios_choix"] = NOUVEAU
    gauche, droite = st.columns(2)
    choix = gauche.selectbox(
        "Scénario de travail",
        [NOUVEAU, *enregistres],
        format_func=lambda c: "Nouveau scénario" if c == NOUVEAU else catalogue_[c].libelle_choix,
        key="scenarios_choix",
        help="Un nouveau scénario part d'un scénario existant ; un scénario enregistré s'ouvre "
        "dans sa dernière version (les précédentes restent lisibles plus bas).",
    )
    atelier.choix = choix
    if choix == NOUVEAU:
        if etat.get("scenarios_base") not in catalogue_:
            etat["scenarios_base"] = scenarios.CENTRAL
        base = droite.selectbox(
            "À partir de",
            list(catalogue_),
            format_func=lambda c: catalogue_[c].libelle,
            key="scenarios_base",
            help="Les hypothèses de départ : le scénario central (tendances récentes prolongées), "
            "une variante standard ou un de vos scénarios.",
        )
        atelier.depart = catalogue_[base].hypotheses
        atelier.charge = (NOUVEAU, base)
        atelier.entree = None
        return
    entree = catalogue_[choix]
    version = etat.get("scenarios_version_demandee") or entree.version
    atelier.depart = entree.hypotheses
    if version != entree.version:
        try:
            atelier.depart = scenarios_utilisateur.lire(int(choix), version).hypotheses
        except scenarios_utilisateur.ScenarioIntrouvable as erreur:
            st.error(str(erreur), icon=":material/error:")
            version = entree.version
    atelier.entree, atelier.version = entree, version
    atelier.charge = (choix, version)
    droite.markdown(
        f"**{entree.libelle}** — version {version} sur {entree.version}"
        + (f", par {entree.auteur}" if entree.auteur else "")
        + (f"  \n{entree.description}" if entree.description else "")
    )


def cle_ratio(service: str, age_min: int) -> str:
    """La clé du réglage d'un ratio."""
    return f"scenarios_ratio_{service}_{age_min}"


def en_pourcentage(r) -> bool:
    """Un ratio « une place pour une personne » se règle en part accueillie (%)."""
    return float(r.par) == 1 and r.unite in ("élèves", "places", "lits")


def charger(atelier: Atelier) -> None:
    """Met les hypothèses du scénario ouvert dans les réglages et les listes de la page, quand le
    scénario ou sa version change."""
    etat = st.session_state
    if etat.get("scenarios_charge") == atelier.charge:
        return
    hypotheses = atelier.depart
    d = hypotheses.demographie
    etat["scenarios_fecondite"] = float(d.fecondite_ecart)
    etat["scenarios_esperance"] = d.esperance_vie
    etat["scenarios_migrations"] = float(d.migration_multiplicateur)
    etat["scenarios_icf_cible"] = d.icf_cible
    etat["scenarios_programmes"] = [asdict(p) for p in d.programmes_logement]
    etat["scenarios_ouvertures"] = [asdict(o) for o in hypotheses.ouvertures]
    etat["scenarios_fermetures"] = [asdict(f) for f in hypotheses.fermetures]
    propres = {(r.service, r.methode, int(r.age_min)): r for r in hypotheses.ratios}
    for r in atelier.ratios_retenus.itertuples():
        choisi = propres.get((r.service, r.methode, int(r.age_min)))
        ratio, par = (choisi.ratio, choisi.par) if choisi else (r.ratio, r.par)
        if r.unite == "classes":
            etat[cle_ratio(r.service, r.age_min)] = float(par / ratio)
        elif en_pourcentage(r):
            etat[cle_ratio(r.service, r.age_min)] = float(ratio / par * 100)
        else:
            etat[cle_ratio(r.service, r.age_min)] = float(ratio)
    if atelier.entree is not None:
        etat["scenarios_nom"] = atelier.entree.libelle
        etat["scenarios_description"] = atelier.entree.description
        etat["scenarios_auteur"] = atelier.entree.auteur
    else:
        etat["scenarios_nom"] = ""
        etat["scenarios_description"] = ""
    etat["scenarios_initial"] = None
    etat["scenarios_charge"] = atelier.charge


def brouillon(atelier: Atelier) -> HypothesesScenario:
    """Les hypothèses telles que les réglages les disent maintenant."""
    etat = st.session_state
    ratios = []
    for r in atelier.ratios_retenus.itertuples():
        valeur = etat.get(cle_ratio(r.service, r.age_min))
        if valeur is None:
            continue
        if r.unite == "classes":
            ratio, par = 1.0, float(valeur)
            actuel = r.par / r.ratio
        elif en_pourcentage(r):
            ratio, par = float(valeur) / 100, 1.0
            actuel = r.ratio / r.par * 100
        else:
            ratio, par = float(valeur), float(r.par)
            actuel = r.ratio
        if abs(float(valeur) - float(actuel)) > 1e-9:
            ratios.append(RatioScenario(r.service, r.methode, int(r.age_min), ratio, par))
    return HypothesesScenario(
        demographie=Scenario(
            nom="scenario",
            libelle="",
            fecondite_ecart=round(float(etat["scenarios_fecondite"]), 3),
            icf_cible=etat.get("scenarios_icf_cible"),
            esperance_vie=etat["scenarios_esperance"],
            migration_multiplicateur=round(float(etat["scenarios_migrations"]), 3),
            programmes_logement=[ProgrammeLogement(**p) for p in etat["scenarios_programmes"]],
        ),
        ratios=ratios,
        ouvertures=[OuvertureEquipement(**o) for o in etat["scenarios_ouvertures"]],
        fermetures=[FermetureEquipement(**f) for f in etat["scenarios_fermetures"]],
    )


def verifier(atelier: Atelier, hypotheses: HypothesesScenario) -> str | None:
    """Le message en français de la première valeur impossible, ou None."""
    try:
        hypotheses.valider(
            atelier.annee_base,
            atelier.perimetre.defauts,
            donnees.requete("equipements", niveau="territoire", code=atelier.code_territoire()),
            set(atelier.communes_territoire),
        )
    except ErreurScenario as erreur:
        return scenarios.message_erreur(erreur)
    return None


def ajouter(atelier: Atelier, liste: str, element) -> None:
    """Ajoute un programme, une ouverture ou une fermeture à sa liste de la page (`liste`), si le
    scénario fait de cette liste seule reste possible ; sinon dit pourquoi, en français, et la
    liste ne change pas."""
    etat = st.session_state
    elements = [*(type(element)(**x) for x in etat[liste]), element]
    if liste == "scenarios_programmes":
        essai = HypothesesScenario(demographie=Scenario(programmes_logement=elements))
    else:
        essai = HypothesesScenario(**{liste.removeprefix("scenarios_"): elements})
    erreur = verifier(atelier, essai)
    if erreur:
        st.error(erreur, icon=":material/error:")
        return
    etat[liste] = [*etat[liste], asdict(element)]
    st.rerun()


def ligne_retirable(texte: str, liste: str, i: int, cle: str) -> None:
    """Le i-ème élément d'une liste de la page (un programme, une ouverture…), en une ligne, et son
    bouton « Retirer » (clé `scenarios_retirer_<cle>_<i>`)."""
    g, d = st.columns([5, 1])
    g.markdown(texte)
    d.button("Retirer", key=f"scenarios_retirer_{cle}_{i}", on_click=retirer, args=(liste, i))


def retirer(liste: str, i: int) -> None:
    """Retire le i-ème élément d'une liste de la page (un programme, une ouverture…)."""
    etat = st.session_state
    etat[liste] = [x for k, x in enumerate(etat[liste]) if k != i]


@dataclass(frozen=True)
class Brouillon:
    """Le scénario tel que la page le montre : ses hypothèses, s'il diffère de ce qui a été ouvert,
    son libellé et la clé de ses résultats en cache."""

    hypotheses: HypothesesScenario
    modifie: bool
    libelle: str
    cle: str


def lire_brouillon(atelier: Atelier) -> Brouillon | None:
    """Le brouillon des réglages ; None (l'erreur affichée) quand une valeur est impossible."""
    etat = st.session_state
    hypotheses = brouillon(atelier)
    if etat.get("scenarios_initial") is None:
        etat["scenarios_initial"] = hypotheses.to_json()
    modifie = hypotheses.to_json() != etat["scenarios_initial"]
    erreur = verifier(atelier, hypotheses)
    if erreur:
        st.error(erreur, icon=":material/error:")
        return None
    entree = atelier.entree
    if entree is None:
        nom = (etat.get("scenarios_nom") or "").strip() or "Nouveau scénario"
        libelle = f"{nom} (non enregistré)"
    else:
        libelle = entree.libelle + (" (modifié, non enregistré)" if modifie else "")
    cle = atelier.choix if entree is not None and not modifie else "brouillon"
    return Brouillon(hypotheses, modifie, libelle, cle)

"""Scénarios calculés pour un périmètre, comparés côte à côte et racontés en français simple.

Réunit la projection de population (`models.projection.projeter`, quelques millisecondes sur le
modèle estimé) et la demande de services (`vigie.analyses.services.calculer_bilan`) : les
hypothèses d'un scénario (`models.scenarios.HypothesesScenario`) donnent la population du
périmètre par groupe d'âge, la demande de chaque service et les écarts avec la capacité
(ouvertures et fermetures comprises). Pas de streamlit ici : la page Scénarios, les autres pages
et le bench le partagent.

Intervalles : ceux du scénario central sont simulés à la construction de la base. Pour un scénario
de l'utilisateur, soit la simulation est lancée à la demande (`projeter(..., intervalles=True)`,
plusieurs secondes), soit la largeur relative du scénario central (borne / valeur centrale, par
groupe d'âge et par année) est appliquée aux chiffres du scénario ; `ResultatScenario.intervalles`
dit lequel, en mots.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace

import numpy as np
import pandas as pd

from models.demande import COMPARABLE
from models.projection import ModeleProjection, Scenario, projeter
from models.projection.groupes import GROUPES_PROJECTION
from models.projection.projection import ResultatProjection
from models.scenarios import (
    PROFILS_ARRIVANTS,
    HypothesesScenario,
    appliquer_equipements,
    appliquer_ratios,
)
from models.scenarios.hypotheses import profil_nomme
from vigie import chemins, textes
from vigie.analyses import services
from vigie.format_fr import arrondi, nombre, pourcentage
from vigie.format_fr import ecart as ecart_signe
from vigie.stockage import catalogue_services

CENTRAL = "central"
BORNES = ["bas_80", "haut_80", "bas_95", "haut_95"]
GROUPES = (
    GROUPES_PROJECTION  # table groupe_age (data/reference/groupes_age.csv), « Ensemble » compris
)
# Les groupes d'âge que regarde un conseil, avec leurs mots.
GROUPES_CLES = {
    "0-2 ans": "Moins de 3 ans",
    "3-5 ans": "3 à 5 ans",
    "6-10 ans": "6 à 10 ans",
    "11-14 ans": "11 à 14 ans",
    "75 ans et plus": "75 ans ou plus",
    "85 ans et plus": "85 ans ou plus",
}
SIMULES = "simulées"
LARGEUR_CENTRALE = "largeur du central"
INTERVALLES_TEXTE = {
    SIMULES: "fourchettes simulées pour ce scénario (200 trajectoires des naissances, décès et "
    "migrations)",
    LARGEUR_CENTRALE: "fourchettes approchées : largeur relative des fourchettes simulées du "
    "scénario central, appliquée aux valeurs de ce scénario (non simulées pour lui)",
}
TIRAGES = 200
GRAINE = 20261125  # la graine du scénario central (vigie.alimentation.projections.GRAINE)


@dataclass(frozen=True)
class Perimetre:
    """Ce sur quoi sont calculés les scénarios d'un périmètre, lu une fois dans la base.

    Attributes:
        niveau, code, nom: le périmètre.
        communes: code -> nom de ses communes.
        defauts: les ratios publiés (`ratio_demande`) ; modifications, methodes : ceux propres au
            périmètre (page Services).
        equipements: ses équipements (requête `equipements`).
        intervalles_central: bornes simulées des groupes d'âge du scénario central (requête
            `demande_intervalles` pour « central »).
    """

    niveau: str
    code: str
    nom: str
    communes: dict[str, str]
    defauts: pd.DataFrame
    modifications: pd.DataFrame
    methodes: dict[str, str]
    equipements: pd.DataFrame
    intervalles_central: pd.DataFrame


@dataclass(frozen=True)
class ResultatScenario:
    """Un scénario calculé sur un périmètre jusqu'à l'horizon.

    Attributes:
        cle: « central », un code de scénario standard, ou l'identifiant d'un scénario enregistré
            en texte.
        libelle: son nom ; hypotheses: ce qu'il change.
        groupes: une ligne par année et groupe d'âge (Ensemble et les groupes des services) :
            annee, groupe_age, age_min, age_max, population, bas_80, haut_80, bas_95, haut_95.
        bilan: demande et capacité de chaque service (voir `vigie.analyses.services.Bilan`).
        arrivees_logement: habitants arrivant dans les logements neufs du périmètre, par année.
        intervalles: SIMULES ou LARGEUR_CENTRALE (voir `INTERVALLES_TEXTE`).
    """

    cle: str
    libelle: str
    hypotheses: HypothesesScenario
    groupes: pd.DataFrame
    bilan: services.Bilan
    arrivees_logement: pd.DataFrame
    intervalles: str

    def total(self) -> pd.DataFrame:
        """Population du périmètre par année, avec ses bornes."""
        return self.groupes[self.groupes["groupe_age"] == "Ensemble"].reset_index(drop=True)


def scenario_demographique(hypotheses: HypothesesScenario, horizon: int) -> Scenario:
    """La partie démographique, projetée à `horizon` (les noms ne changent pas les chiffres)."""
    return replace(hypotheses.demographie, horizon=int(horizon))


def projeter_scenario(
    modele: ModeleProjection, hypotheses: HypothesesScenario, horizon: int, intervalles=False
) -> ResultatProjection:
    """Projette tout le territoire sous un scénario (≈10 ms ; des secondes avec intervalles)."""
    return projeter(
        modele,
        scenario_demographique(hypotheses, horizon),
        intervalles=intervalles,
        n_tirages=TIRAGES,
        graine=GRAINE,
    )


def _ages(resultat: ResultatProjection, communes: dict[str, str]) -> np.ndarray:
    """Population (années × âges détaillés) des communes du périmètre, deux sexes réunis."""
    masque = np.isin(resultat.modele.codes.astype(str), list(communes))
    return resultat.cube[:, masque].sum(axis=(1, 2))


def _groupes(annees: np.ndarray, ages: np.ndarray) -> pd.DataFrame:
    morceaux = []
    for rang, (nom, (a0, a1)) in enumerate(GROUPES.items()):
        morceaux.append(
            pd.DataFrame(
                {
                    "annee": annees.astype(int),
                    "rang": rang,
                    "groupe_age": nom,
                    "age_min": a0,
                    "age_max": a1,
                    "population": ages[:, a0 : a1 + 1].sum(axis=1),
                }
            )
        )
    return pd.concat(morceaux, ignore_index=True)


def _bornes_simulees(groupes: pd.DataFrame, simulation: pd.DataFrame) -> pd.DataFrame:
    sim = simulation.set_index(["annee", "groupe_age"])[BORNES]
    return groupes.join(sim, on=["annee", "groupe_age"])


def _bornes_relatives(groupes: pd.DataFrame, central: pd.DataFrame) -> pd.DataFrame:
    """Bornes = valeur du scénario × (borne / valeur du central), par année et groupe d'âge."""
    c = central.set_index(["annee", "groupe_age"])
    relatives = pd.DataFrame({b: c[b] / c["population"].where(c["population"] > 0) for b in BORNES})
    res = groupes.join(relatives, on=["annee", "groupe_age"])
    for b in BORNES:
        res[b] = res[b] * res["population"]
    return res


def calculer(
    modele: ModeleProjection,
    hypotheses: HypothesesScenario,
    perimetre: Perimetre,
    horizon: int,
    cle: str = CENTRAL,
    libelle: str = "Scénario central",
    resultat: ResultatProjection | None = None,
) -> ResultatScenario:
    """Population, demande et capacité d'un périmètre sous un scénario, jusqu'à l'horizon.

    Args:
        modele: le modèle de projection estimé
            (`vigie.alimentation.projections.modele_depuis_base`).
        hypotheses: le scénario (validé ici au regard des données du périmètre).
        perimetre: les données du périmètre ; horizon: dernière année.
        cle, libelle: comment le scénario est nommé dans les résultats et les phrases.
        resultat: une projection déjà calculée de ces hypothèses (avec intervalles simulés quand
            `intervalles_agreges` est renseigné) ; projetée ici si None.

    Raises:
        ErreurScenario: une hypothèse impossible (le message nomme le paramètre).
    """
    hypotheses.valider(modele.annee_base, perimetre.defauts)
    resultat = resultat or projeter_scenario(modele, hypotheses, horizon)
    annees = resultat.annees
    # La projection part de l'année de base (le recensement, observé) : comme les tables de la
    # base, les résultats commencent l'année suivante. Sinon l'année de base compte comme
    # projetée : un premier manque « en 2021 » ici et « en 2022 » sur les pages d'un scénario
    # standard, et l'année de base deux fois dans les courbes et tableaux d'un scénario enregistré.
    garder = (annees > modele.annee_base) & (annees <= horizon)
    ages = _ages(resultat, perimetre.communes)[garder]
    annees = annees[garder]
    groupes = _groupes(annees, ages)
    simulation = resultat.intervalles_agreges
    if simulation is not None:
        simulation = simulation[
            (simulation["niveau"] == perimetre.niveau)
            & (simulation["code"].astype(str) == perimetre.code)
        ]
    if simulation is not None and not simulation.empty:
        groupes = _bornes_simulees(groupes, simulation)
        intervalles = SIMULES
    elif cle == CENTRAL or hypotheses.est_central:
        groupes = _bornes_simulees(groupes, perimetre.intervalles_central)
        intervalles = SIMULES
    else:
        groupes = _bornes_relatives(groupes, perimetre.intervalles_central)
        intervalles = LARGEUR_CENTRALE
    population = pd.DataFrame(
        {
            "scenario": cle,
            "annee": np.repeat(annees.astype(int), ages.shape[1]),
            "age": np.tile(np.arange(ages.shape[1]), len(annees)),
            "population": ages.ravel(),
        }
    )
    bornes_demande = groupes[groupes[BORNES[0]].notna()].assign(scenario=cle)
    modifications, methodes = appliquer_ratios(
        perimetre.modifications, perimetre.methodes, hypotheses
    )
    equipements = appliquer_equipements(perimetre.equipements, hypotheses, perimetre.communes)
    bilan = services.calculer_bilan(
        population=population,
        intervalles=bornes_demande,
        defauts=perimetre.defauts,
        equipements=equipements,
        horizon=horizon,
        scenario=cle,
        modifications=modifications,
        methodes=methodes,
    )
    masque = np.isin(resultat.modele.codes.astype(str), list(perimetre.communes))
    arrivees = pd.DataFrame(
        {
            "annee": resultat.annees[:-1].astype(int),
            "arrivees": resultat.arrivees_logement[:, masque].sum(axis=1),
        }
    )
    return ResultatScenario(
        cle=str(cle),
        libelle=libelle,
        hypotheses=hypotheses,
        groupes=groupes,
        bilan=bilan,
        arrivees_logement=arrivees[arrivees["annee"] < horizon],
        intervalles=intervalles,
    )


# --------------------------------------------------------------------------- mots
def decrire(
    hypotheses: HypothesesScenario,
    communes: dict[str, str],
    equipements: pd.DataFrame | None = None,
    defauts: pd.DataFrame | None = None,
) -> list[str]:
    """Ce que change le scénario, une courte phrase par changement (« 400 logements à Porz-Vihan
    de 2027 à 2030 (100 par an) ») ; vide pour le scénario central."""
    d = hypotheses.demographie
    phrases = []
    for p in d.programmes_logement:
        annees = p.annee_fin - p.annee_debut + 1
        total = p.logements_par_an * annees
        periode = f"en {p.annee_debut}" if annees == 1 else f"de {p.annee_debut} à {p.annee_fin}"
        phrase = f"{nombre(total)} logements à {communes.get(str(p.code_commune), p.code_commune)} "
        phrase += periode + (f" ({nombre(p.logements_par_an)} par an)" if annees > 1 else "")
        profil = profil_nomme(p.profil_age)
        if profil not in (None, "jeunes_menages"):
            phrase += f", {PROFILS_ARRIVANTS[profil][0].split(' (')[0].lower()}"
        phrases.append(phrase)
    if d.icf_cible is not None:
        phrases.append(f"fécondité visée de {nombre(d.icf_cible, 2)} enfant par femme")
    elif d.fecondite_ecart:
        signe = "+" if d.fecondite_ecart > 0 else "−"
        phrases.append(
            f"fécondité {signe}{nombre(abs(d.fecondite_ecart), 2).rstrip('0').rstrip(',')} "
            "enfant par femme"
        )
    if d.esperance_vie != "centrale":
        ecart = "+2" if d.esperance_vie == "haute" else "−2"
        phrases.append(f"espérance de vie {d.esperance_vie} ({ecart} ans en 2070)")
    if d.migration_multiplicateur != 1:
        phrases.append(
            f"soldes migratoires × {nombre(d.migration_multiplicateur, 2).rstrip('0').rstrip(',')}"
        )
    for r in hypotheses.ratios:
        unite, a0, a1 = _unite_ratio(defauts, r)
        phrases.append(
            f"{textes.libelle_service(r.service)} : "
            + services.phrase_ratio(r.ratio, r.par, unite, a0, a1)
        )
    for o in hypotheses.ouvertures:
        phrases.append(
            f"{o.nom or textes.libelle_service(o.service)} de {nombre(o.capacite)} {o.unite} "
            f"ouverte en {o.annee} à {communes.get(str(o.code_commune), o.code_commune)}"
        )
    for f in hypotheses.fermetures:
        nom = f.nom
        if not nom and equipements is not None:
            trouve = equipements[equipements["id_equipement"].astype(str) == str(f.id_equipement)]
            nom = str(trouve["nom"].iloc[0]) if len(trouve) else str(f.id_equipement)
        phrases.append(f"fermeture de {nom or f.id_equipement} en {f.annee}")
    return phrases


def _unite_ratio(defauts: pd.DataFrame | None, r) -> tuple[str, int, int]:
    if defauts is not None:
        ligne = defauts[
            (defauts["service"] == r.service)
            & (defauts["methode"] == r.methode)
            & (defauts["age_min"].astype(int) == int(r.age_min))
        ]
        if len(ligne):
            ligne = ligne.iloc[0]
            return str(ligne["unite"]), int(ligne["age_min"]), int(ligne["age_max"])
    return "unités", int(r.age_min), 100


def _valeur(res: ResultatScenario, groupe: str, annee: int) -> float:
    g = res.groupes
    ligne = g[(g["groupe_age"] == groupe) & (g["annee"] == annee)]
    return float(ligne["population"].iloc[0]) if len(ligne) else float("nan")


def premiere_annee_ecart(reference: ResultatScenario, autre: ResultatScenario) -> int | None:
    """Première année où les deux populations diffèrent d'au moins un habitant (None : jamais)."""
    a = reference.total().set_index("annee")["population"]
    b = autre.total().set_index("annee")["population"]
    diff = (b - a).dropna().abs()
    annees = diff[diff >= 1].index
    return int(annees[0]) if len(annees) else None


@dataclass(frozen=True)
class Resume:
    """Le résumé en français simple de ce qu'un scénario change par rapport à une référence."""

    phrase: str  # la phrase principale
    details: list[str]  # une phrase par service dont la 1re année de déficit ou le besoin change


def resumer(
    reference: ResultatScenario,
    autre: ResultatScenario,
    perimetre: Perimetre,
    horizon: int,
) -> Resume:
    """Ce qui change de `reference` à `autre`, et depuis quand, en une phrase et des détails.

    "Avec 400 logements à Porz-Vihan de 2027 à 2030 (100 par an), Porz-Vihan compterait 1 150
    habitants de plus en 2035 (16 420 au lieu de 15 270), dès 2028 ; les besoins en places de
    crèche dépasseraient la capacité dès 2029 au lieu de 2033."
    """
    changements = decrire(
        autre.hypotheses, perimetre.communes, perimetre.equipements, perimetre.defauts
    )
    if reference.cle != CENTRAL or not reference.hypotheses.est_central:
        avec = f"Par rapport à « {reference.libelle} », avec « {autre.libelle} »"
    elif changements:
        avec = "Avec " + _liste(changements)
    else:
        avec = f"Avec « {autre.libelle} » (mêmes hypothèses que le scénario central)"
    a = _valeur(reference, "Ensemble", horizon)
    b = _valeur(autre, "Ensemble", horizon)
    ecart = b - a
    if abs(ecart) < 1:
        phrase = f"{avec}, {perimetre.nom} compterait le même nombre d'habitants en {horizon}"
    else:
        depuis = premiere_annee_ecart(reference, autre)
        phrase = (
            f"{avec}, {perimetre.nom} compterait {nombre(_arrondi(abs(ecart)))} habitants de "
            f"{'plus' if ecart > 0 else 'moins'} en {horizon} ({nombre(_arrondi(b))} au lieu de "
            f"{nombre(_arrondi(a))}, {pourcentage(ecart / a, 1, signe=True)})"
        )
        if depuis is not None and depuis < horizon:
            phrase += f", écart sensible dès {depuis}"
    details = _details_services(reference, autre, horizon)
    if details:
        phrase += " ; " + details[0]
        details = details[1:]
    return Resume(phrase=phrase + ".", details=[d[0].upper() + d[1:] + "." for d in details])


def _arrondi(x: float) -> float:
    """La règle unique d'un chiffre projeté (`format_fr.arrondi`) : cette page avait la sienne (à la
    dizaine au-dessus de 1 000 : « 137 940 »), issue 18."""
    return arrondi(x)


def _liste(morceaux: list[str]) -> str:
    if len(morceaux) <= 1:
        return "".join(morceaux)
    return ", ".join(morceaux[:-1]) + " et " + morceaux[-1]


def _details_services(
    reference: ResultatScenario, autre: ResultatScenario, horizon: int
) -> list[str]:
    """Une proposition par service dont la 1re année de déficit change, puis ceux dont le besoin
    change."""
    s_ref = reference.bilan.synthese.set_index("service")
    s_autre = autre.bilan.synthese.set_index("service")
    annees, besoins = [], []
    for service in catalogue_services.trier(s for s in s_ref.index if s in s_autre.index):
        r, o = s_ref.loc[service], s_autre.loc[service]
        besoin = textes.besoin_service(service)
        if r["comparabilite"] == COMPARABLE and o["comparabilite"] == COMPARABLE:
            a_r, a_o = _an(r["premiere_annee"]), _an(o["premiere_annee"])
            if a_r != a_o:
                if a_r is not None and a_o is not None:
                    quand = f"dès {a_o} au lieu de {a_r}"
                elif a_o is not None:
                    quand = f"dès {a_o} (pas avant {horizon} sinon)"
                else:
                    quand = None
                if quand:
                    annees.append(f"les besoins en {besoin} dépasseraient la capacité {quand}")
                else:
                    annees.append(
                        f"les besoins en {besoin} ne dépasseraient plus la capacité d'ici "
                        f"{horizon} (dès {a_r} sinon)"
                    )
                continue
        diff = float(o["demande"]) - float(r["demande"])
        seuil = max(0.05 * abs(float(r["demande"])), 0.5 if r["unite"] == "classes" else 1.0)
        if abs(diff) >= seuil and catalogue_services.a_des_mots_de_besoin(service):
            unite = str(r["unite"])
            quantite = services._quantite(abs(diff), unite)
            besoins.append(
                f"{textes.libelle_service(service).lower()} : {quantite} de "
                f"{'plus' if diff > 0 else 'moins'} à prévoir en {horizon}"
            )
    return annees + besoins


def _an(valeur) -> int | None:
    return None if valeur is None or pd.isna(valeur) else int(valeur)


# --------------------------------------------------------------------------- tableau des écarts
def tableau_differences(resultats: list[ResultatScenario], horizon: int) -> pd.DataFrame:
    """Chiffres clés de 2 à 4 scénarios à l'horizon, côte à côte (des nombres, pas du texte).

    Returns:
        Une ligne par indicateur : theme, indicateur, unite, puis une colonne par scénario (son
        libellé) et une colonne « Écart : <libellé> » par scénario après le premier (sa valeur
        moins celle du premier scénario).
    """
    lignes = []
    for groupe, libelle in [("Ensemble", "Habitants"), *GROUPES_CLES.items()]:
        lignes.append(
            {
                "theme": "Population",
                "indicateur": f"{libelle} en {horizon}",
                "unite": "habitants",
                **{r.libelle: _valeur(r, groupe, horizon) for r in resultats},
            }
        )
    premier = resultats[0].bilan.synthese.set_index("service")
    for service in catalogue_services.trier(premier.index):
        nom = textes.libelle_service(service)
        synth = {r.libelle: r.bilan.synthese.set_index("service") for r in resultats}
        unite = str(premier.loc[service, "unite"])
        lignes.append(
            {
                "theme": nom,
                "indicateur": f"Besoin en {horizon}",
                "unite": unite,
                **{k: float(s.loc[service, "demande"]) for k, s in synth.items()},
            }
        )
        if all(s.loc[service, "comparabilite"] == COMPARABLE for s in synth.values()):
            lignes.append(
                {
                    "theme": nom,
                    "indicateur": f"Capacité en {horizon}",
                    "unite": unite,
                    **{k: float(s.loc[service, "capacite"]) for k, s in synth.items()},
                }
            )
            lignes.append(
                {
                    "theme": nom,
                    "indicateur": f"Écart capacité − besoin en {horizon}",
                    "unite": unite,
                    **{k: float(s.loc[service, "ecart"]) for k, s in synth.items()},
                }
            )
            lignes.append(
                {
                    "theme": nom,
                    "indicateur": "Premier déficit (année)",
                    "unite": "année",
                    **{
                        k: (
                            float(s.loc[service, "premiere_annee"])
                            if pd.notna(s.loc[service, "premiere_annee"])
                            else np.nan
                        )
                        for k, s in synth.items()
                    },
                }
            )
    df = pd.DataFrame(lignes)
    reference = resultats[0].libelle
    for r in resultats[1:]:
        df[f"Écart : {r.libelle}"] = df[r.libelle] - df[reference]
    return df


def libelles_uniques(libelles: list[str]) -> list[str]:
    """Libellés rendus distincts (deux scénarios peuvent être homonymes) : « Nom », « Nom (2) »."""
    vus: dict[str, int] = {}
    sortie = []
    for libelle in libelles:
        vus[libelle] = vus.get(libelle, 0) + 1
        sortie.append(libelle if vus[libelle] == 1 else f"{libelle} ({vus[libelle]})")
    return sortie


# --------------------------------------------------------------------------- défauts et erreurs
def sources_parametres() -> dict[str, tuple[float, str, str]]:
    """Les paramètres nationaux de la projection : nom -> (valeur, unité, source), tirés de
    `data/reference/parametres_nationaux.csv` (ce que la page montre à côté de chaque défaut)."""
    df = pd.read_csv(chemins.DOSSIER_REFERENCE / "parametres_nationaux.csv", comment="#")
    return {
        str(p): (float(v), str(u), str(s))
        for p, v, u, s in zip(df["parametre"], df["valeur"], df["unite"], df["source"], strict=True)
    }


def icf_local(modele: ModeleProjection, communes: dict[str, str]) -> float:
    """Le niveau de fécondité du périmètre (enfants par femme) que garde le scénario central : les
    taux locaux estimés sur les naissances observées, pondérés par les femmes de 15-49 ans de ses
    communes."""
    masque = np.isin(modele.codes.astype(str), list(communes))
    femmes = modele.population_base[masque, 1, 15:50].sum(axis=1)
    icf = modele.facteur_fecondite[masque] * modele.reference.icf
    return float((icf * femmes).sum() / max(femmes.sum(), 1e-9))


_LISTES = {
    "programmes_logement": "Programme de logements n° {n}",
    "ouvertures": "Ouverture n° {n}",
    "fermetures": "Fermeture n° {n}",
    "ratios": "Taux de service n° {n}",
}
_CHAMPS = {
    "fecondite_ecart": "Fécondité (écart en enfants par femme)",
    "icf_cible": "Fécondité visée (enfants par femme)",
    "esperance_vie": "Espérance de vie",
    "migration_multiplicateur": "Migrations (multiplicateur des soldes)",
    "horizon": "Horizon",
    "nom": "Nom du scénario",
    "description": "Description",
    "logements_par_an": "logements par an",
    "annee_debut": "première année de livraison",
    "annee_fin": "dernière année de livraison",
    "personnes_par_logement": "personnes par logement",
    "profil_age": "âge des nouveaux habitants",
    "code_commune": "commune",
    "capacite": "capacité",
    "unite": "unité",
    "annee": "année",
    "id_equipement": "équipement",
    "service": "service",
    "methode": "méthode",
    "ratio": "valeur",
    "par": "pour combien de personnes",
}
_CHEMIN = re.compile(r"^(\w+)(?:\[(\d+)\])?(?:\.(\w+))?\s*:\s*(.*)$", re.S)


def message_erreur(erreur: Exception) -> str:
    """Une `ErreurScenario` dans les mots de la page : `Programme de logements n° 1 — personnes par
    logement : doit être entre 0,5 et 6 personnes, reçu 9.` (le chemin du paramètre devient son
    libellé)."""
    texte = str(erreur)
    trouve = _CHEMIN.match(texte)
    if not trouve:
        return texte
    nom, indice, champ, reste = trouve.groups()
    if nom in _LISTES and indice is not None:
        libelle = _LISTES[nom].format(n=int(indice) + 1)
        if champ:
            libelle += f" — {_CHAMPS.get(champ, champ)}"
    else:
        libelle = _CHAMPS.get(nom, nom)
    return f"{libelle} : {reste}"


def tableau_differences_texte(df: pd.DataFrame, libelles: list[str]) -> pd.DataFrame:
    """`tableau_differences` en formats français, pour la lecture (années, écarts signés)."""
    sortie = pd.DataFrame({"Thème": df["theme"], "Indicateur": df["indicateur"]})

    def cellule(valeur: float, unite: str, signe: bool = False, observe: bool = False) -> str:
        if pd.isna(valeur):
            return "aucun" if unite == "année" and not signe else "–"
        if unite == "année":
            return (
                (f"{ecart_signe(valeur)} an(s)" if valeur else "même année")
                if signe
                else f"{valeur:.0f}"
            )
        # Chiffres projetés et leurs écarts : la règle d'arrondi unique (classes entières,
        # 3 chiffres) ; une capacité observée est écrite exacte.
        valeur = valeur if observe else arrondi(valeur)
        texte = ecart_signe(valeur) if signe else nombre(valeur)
        return f"{texte} {unite}" if unite != "habitants" else texte

    for libelle in libelles:
        sortie[libelle] = [
            cellule(v, u, observe=i.startswith("Capacité"))
            for v, u, i in zip(df[libelle], df["unite"], df["indicateur"], strict=True)
        ]
    for colonne in [c for c in df.columns if c.startswith("Écart : ")]:
        sortie[colonne] = [
            cellule(v, u, signe=True, observe=i.startswith("Capacité"))
            for v, u, i in zip(df[colonne], df["unite"], df["indicateur"], strict=True)
        ]
    return sortie

"""Équipements et séries d'usage mensuelles du territoire fictif.

Ce module possède la liste des équipements (capacités cohérentes avec la population simulée de
2021) et les séries d'usage mensuelles 2014-01..2025-12. Ratios utilisés :

* petite_enfance : crèches et multi-accueils, environ 16 places pour 100 enfants de 0-2 ans au
  total (les EAJE couvrent 17,8 % des moins de 3 ans en France ; ONAPE 2016), l'EPCI de
  l'intérieur étant moins équipé (environ 10 pour 100) ;
* ecole_maternelle / ecole_elementaire : effectif = 97 % des 3-5 ans / 6-10 ans de la commune et
  des communes rattachées (regroupement : les communes de moins de 600 habitants n'ont pas
  d'école et envoient leurs enfants à l'école la plus proche) ; classes = effectif / 22 arrondi
  (moyenne publique 21,5 en maternelle, 20,9 en élémentaire ; DEPP, rentrée 2024) ; les effectifs
  comptent ensemble public et privé (simplification) ;
* college : 6 collèges (deux dans la ville-centre), effectif = 97 % des 11-14 ans du secteur, capacité = effectif × 1,15
  arrondi à 50 élèves ;
* ehpad : environ 97 lits pour 1 000 personnes de 75 ans et plus (DREES, Panorama 2020 :
  97,3 en France métropolitaine au 31/12/2019) ; effectif = 95 % des lits ;
* ssiad : un service par EPCI, environ 20 places pour 1 000 personnes de 75 ans et plus (DREES) ;
* mediatheque : capacité en surface (m²) ; piscine : capacité en entrées par jour ;
  transport : lignes de bus, capacité en places-km par an ; eau : production en m³/an ;
  dechets : collecte en t/an ; restauration_scolaire : repas par jour.

Séries d'usage : niveau × saisonnalité × tendance (liée à la population simulée quand cela a un
sens) × choc de 2020-2021 (confinements) × bruit lognormal ; quelques mois manquants (pas de
ligne) ; une piscine qui ferme en 2019 (série arrêtée en juin 2019) et une médiathèque qui
ouvre en 2018 (série commencée en septembre 2018). Eau : 149 L par habitant et par jour pour
l'usage domestique en 2020 (eaufrance) porté à environ 60 m³ par habitant et par an distribués
avec les usages non domestiques et le tourisme ; déchets : environ 190 kg d'ordures ménagères
résiduelles par habitant et par an, en baisse de 1,5 % par an (ordre de grandeur ADEME pour
l'ouest).
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from vigie.demo.geographie import EPCI, Commune, voisins_les_plus_proches

MOIS = pd.date_range("2014-01-01", "2025-12-01", freq="MS")

SAISON = {
    "piscine_littoral": (0.7, 0.75, 0.85, 0.85, 0.95, 1.2, 1.9, 2.0, 0.9, 0.8, 0.7, 0.6),
    "piscine_couverte": (1.05, 1.05, 1.1, 0.95, 1.0, 1.0, 1.15, 1.1, 0.95, 1.0, 1.0, 0.75),
    "mediatheque": (1.05, 1.05, 1.1, 1.0, 1.0, 0.95, 1.0, 0.6, 1.0, 1.1, 1.1, 1.0),
    # Jours de restauration scolaire par mois (rentrée début septembre, vacances d'été).
    "restauration_scolaire": (15, 14, 18, 13, 14, 17, 4, 0, 17, 13, 15, 13),
    "transport": (1.0, 0.95, 1.05, 0.95, 0.95, 1.0, 0.55, 0.4, 1.05, 1.0, 1.05, 0.85),
    "eau_littoral": (0.9, 0.86, 0.92, 0.95, 1.0, 1.06, 1.28, 1.34, 1.02, 0.94, 0.88, 0.9),
    "eau_interieur": (0.95, 0.92, 0.96, 0.98, 1.02, 1.06, 1.1, 1.1, 1.02, 0.97, 0.94, 0.96),
    "dechets_littoral": (0.9, 0.84, 0.97, 0.98, 1.03, 1.03, 1.18, 1.2, 0.98, 0.97, 0.93, 1.0),
    "dechets_interieur": (0.95, 0.88, 1.0, 1.0, 1.04, 1.02, 1.05, 1.04, 1.0, 1.0, 0.97, 1.03),
}

# Multiplicateurs de crise sanitaire par type d'usage et par mois (AAAA-MM). Absent : 1.
# Premier confinement du 17 mars au 11 mai 2020, piscines fermées jusqu'en juin ; second
# confinement en novembre 2020 (médiathèques rouvertes fin novembre, piscines fermées au
# public jusqu'au 19 mai 2021) ; écoles fermées en avril 2021.
_REPRISE = {f"{a}-{m:02d}": v for a, v in ((2022, 0.92), (2023, 0.95)) for m in range(1, 13)}
CHOC = {
    "fermeture": {
        "2020-03": 0.45, "2020-04": 0.01, "2020-05": 0.05, "2020-06": 0.45, "2020-07": 0.7,
        "2020-08": 0.75, "2020-09": 0.75, "2020-10": 0.7, "2020-11": 0.03, "2020-12": 0.05,
        "2021-01": 0.05, "2021-02": 0.05, "2021-03": 0.05, "2021-04": 0.03, "2021-05": 0.3,
        "2021-06": 0.7, "2021-07": 0.8, "2021-08": 0.8, "2021-09": 0.8, "2021-10": 0.85,
        "2021-11": 0.85, "2021-12": 0.85, **_REPRISE,
    },
    "mediatheque": {
        "2020-03": 0.5, "2020-04": 0.02, "2020-05": 0.2, "2020-06": 0.65, "2020-07": 0.8,
        "2020-08": 0.8, "2020-09": 0.85, "2020-10": 0.85, "2020-11": 0.3, "2020-12": 0.75,
        "2021-01": 0.8, "2021-02": 0.8, "2021-03": 0.8, "2021-04": 0.75, **_REPRISE,
    },
    "cantine": {
        "2020-03": 0.5, "2020-04": 0.0, "2020-05": 0.15, "2020-06": 0.6, "2020-09": 0.97,
        "2020-10": 0.97, "2020-11": 0.95, "2020-12": 0.95, "2021-04": 0.35,
    },
    "transport": {
        "2020-03": 0.55, "2020-04": 0.2, "2020-05": 0.35, "2020-06": 0.65, "2020-07": 0.75,
        "2020-08": 0.75, "2020-09": 0.8, "2020-10": 0.8, "2020-11": 0.6, "2020-12": 0.7,
        **{f"2021-{m:02d}": 0.82 for m in range(1, 13)},
        **{f"2022-{m:02d}": 0.88 for m in range(1, 13)},
        **{f"{a}-{m:02d}": 0.92 for a in (2023, 2024, 2025) for m in range(1, 13)},
    },
    "eau": {"2020-04": 1.03, "2020-05": 1.03, "2020-07": 0.97, "2020-08": 0.97},
    "dechets": {"2020-03": 0.85, "2020-04": 0.75, "2020-05": 0.95, "2020-06": 1.08},
}  # fmt: skip


@dataclass
class Equipement:
    """Une ligne du fichier equipements.csv."""

    id_equipement: str
    code_commune: str
    service: str
    type_equipement: str
    nom: str
    capacite: float
    unite_capacite: str
    effectif: float | None = None
    annee_ouverture: int | None = None
    annee_fermeture: int | None = None
    serie: dict = field(default_factory=dict, repr=False)  # paramètres de la série d'usage


def _somme_ages(pop: np.ndarray, a0: int, a1: int) -> np.ndarray:
    """Population par commune pour les âges a0..a1 inclus ; pop de forme (communes, 2, 101)."""
    return pop[:, :, a0 : a1 + 1].sum(axis=(1, 2))


def construire_equipements(
    communes: list[Commune], pop2021: np.ndarray, rng: np.random.Generator
) -> list[Equipement]:
    """Liste des équipements, dimensionnés sur la population simulée au 1er janvier 2021.

    Args:
        communes: les communes (ordre des lignes de pop2021).
        pop2021: population (communes, 2, 101) au 1er janvier 2021.
        rng: générateur aléatoire.
    """
    eq: list[Equipement] = []
    noms = [c.nom_commune for c in communes]
    codes = [c.code_commune for c in communes]
    totaux = pop2021.sum(axis=(1, 2))
    epci = [c.code_epci for c in communes]

    def ajouter(i: int, service: str, type_eq: str, nom: str, cap, unite: str, **kw):
        eq.append(
            Equipement(
                f"DEMO-EQ-{len(eq) + 1:03d}", codes[i], service, type_eq, nom, cap, unite, **kw
            )
        )
        return eq[-1]

    # Petite enfance : crèches dans les communes de plus de 2 000 habitants, secteur = plus proche.
    hotes = [i for i in range(len(communes)) if totaux[i] >= 2000]
    secteur = voisins_les_plus_proches(communes, hotes)
    enfants = _somme_ages(pop2021, 0, 2)
    for h in hotes:
        n_enf = enfants[[i for i, s in enumerate(secteur) if s == h]].sum()
        taux = 0.10 if epci[h] == "000000003" else 0.18
        places = max(10, int(round(n_enf * taux * rng.uniform(0.85, 1.15))))
        type_eq = "Multi-accueil" if places < 40 else "Crèche collective"
        ajouter(h, "petite_enfance", type_eq, f"{type_eq} de {noms[h]}", places, "places",
                effectif=round(places * 1.3), annee_ouverture=int(rng.integers(1985, 2012)))  # fmt: skip

    # Écoles : une école maternelle et une élémentaire par commune de 600 habitants et plus.
    hotes = [i for i in range(len(communes)) if totaux[i] >= 600]
    secteur = voisins_les_plus_proches(communes, hotes)
    for service, (a0, a1), libelle in (
        ("ecole_maternelle", (3, 5), "École maternelle"),
        ("ecole_elementaire", (6, 10), "École élémentaire"),
    ):
        eleves = _somme_ages(pop2021, a0, a1)
        for h in hotes:
            eff = 0.97 * eleves[[i for i, s in enumerate(secteur) if s == h]].sum()
            nb_sites = max(1, int(round(eff / 220)))
            for k in range(nb_sites):
                e = int(round(eff / nb_sites))
                suffixe = f" n° {k + 1}" if nb_sites > 1 else ""
                ajouter(h, service, f"{libelle} publique", f"{libelle} de {noms[h]}{suffixe}",
                        max(1, int(round(e / 22))), "classes", effectif=e)  # fmt: skip

    # Restauration scolaire : une cantine par groupe scolaire (commune hôte), 85 % des élèves.
    for h in hotes:
        eff = sum(
            x.effectif for x in eq if x.code_commune == codes[h] and x.service.startswith("ecole_")
        )
        repas = int(round(0.85 * eff))
        ajouter(h, "restauration_scolaire", "Restaurant scolaire",
                f"Restaurant scolaire de {noms[h]}", int(math.ceil(repas * 1.1 / 10) * 10),
                "repas par jour", effectif=repas,
                serie={"repas_jour": repas, "hote": h, "secteur": [i for i, s in enumerate(secteur) if s == h]})  # fmt: skip

    # Collèges : les 5 plus grandes communes, la ville-centre en a deux (6 collèges).
    grandes = list(np.argsort(-totaux)[:5])
    secteur = voisins_les_plus_proches(communes, grandes)
    ados = _somme_ages(pop2021, 11, 14)
    for h in grandes:
        eff = 0.97 * ados[[i for i, s in enumerate(secteur) if s == h]].sum()
        n = 2 if h == 0 else 1
        for k in range(n):
            e = int(round(eff / n))
            nom = f"Collège de {noms[h]}" + (f" n° {k + 1}" if n > 1 else "")
            ajouter(h, "college", "Collège public", nom, int(math.ceil(e * 1.15 / 50) * 50),
                    "élèves", effectif=e)  # fmt: skip

    # EHPAD : environ 97 lits pour 1 000 personnes de 75 ans et plus.
    vieux = _somme_ages(pop2021, 75, 100)
    lits_total = 0.097 * vieux.sum()
    sites = list(np.argsort(-totaux)[:9])
    poids = np.sqrt(totaux[sites]) * rng.uniform(0.8, 1.2, len(sites))
    for h, lits in zip(sites, lits_total * poids / poids.sum(), strict=True):
        n = 2 if lits > 200 else 1  # un grand total communal : deux établissements
        for k in range(n):
            nb = int(round(lits / n))
            nom = f"EHPAD de {noms[h]}" + (f" n° {k + 1}" if n > 1 else "")
            ajouter(h, "ehpad", "EHPAD", nom, nb, "lits", effectif=int(round(nb * 0.95)),
                    annee_ouverture=int(rng.integers(1975, 2010)))  # fmt: skip

    # SSIAD : un service par EPCI, environ 20 places pour 1 000 personnes de 75 ans et plus.
    for code, _, _ in EPCI:
        membres = [i for i, c in enumerate(communes) if c.code_epci == code]
        siege = max(membres, key=lambda i: totaux[i])
        places = int(round(0.020 * vieux[membres].sum()))
        ajouter(siege, "ssiad", "Service de soins infirmiers à domicile",
                f"SSIAD du secteur de {noms[siege]}", places, "places",
                effectif=int(round(places * 0.92)))  # fmt: skip

    # Médiathèques (surface en m²) : la nouvelle de la commune littorale ouvre en 2018.
    ordre = list(np.argsort(-totaux))
    littorale = next(i for i in ordre[1:] if communes[i].littoral)
    autres = [i for i in ordre[1:] if i != littorale][:2]
    for h, surface, ouverture, base in (
        (0, 1800, 1996, 13000),
        (littorale, 650, 2018, 3200),
        (autres[0], 420, 2004, 2600),
        (autres[1], 300, 1999, 1700),
    ):
        ajouter(h, "mediatheque", "Médiathèque", f"Médiathèque de {noms[h]}", surface, "m²",
                annee_ouverture=ouverture,
                serie={"base": base, "debut": "2018-09" if ouverture == 2018 else None})  # fmt: skip

    # Piscines (entrées par jour) : l'ancienne piscine intérieure ferme en 2019.
    vieille = autres[0]
    for h, nom, cap, ouverture, fermeture, saison, base in (
        (0, "Piscine de {}", 900, 1974, None, "piscine_couverte", 10000),
        (littorale, "Centre aquatique de {}", 1200, 2006, None, "piscine_littoral", 5500),
        (vieille, "Piscine de {}", 350, 1972, 2019, "piscine_couverte", 2900),
    ):
        ajouter(h, "piscine", "Piscine", nom.format(noms[h]), cap, "entrées par jour",
                annee_ouverture=ouverture, annee_fermeture=fermeture,
                serie={"base": base, "saison": saison, "fin": "2019-06" if fermeture else None})  # fmt: skip

    # Transport : réseau de bus de l'agglomération, 4 lignes (capacité en places-km par an).
    for k, (dest, places_km, voyages) in enumerate(
        ((None, 2_400_000, 330_000), (ordre[1], 1_500_000, 85_000),
         (ordre[2], 1_300_000, 70_000), (ordre[3], 900_000, 40_000)), start=1
    ):  # fmt: skip
        nom = f"Ligne {k} : {noms[0]}" + (f" – {noms[dest]}" if dest is not None else " centre")
        ajouter(0, "transport", "Ligne de bus", nom, places_km, "places-km par an",
                effectif=voyages, annee_ouverture=2003,
                serie={"base": voyages / 12} if k <= 3 else {})  # fmt: skip

    # Eau et déchets : un service par EPCI.
    for code, nom_epci, _ in EPCI:
        membres = [i for i, c in enumerate(communes) if c.code_epci == code]
        siege = max(membres, key=lambda i: totaux[i])
        hab = totaux[membres].sum()
        part_littoral = np.mean([communes[i].littoral for i in membres])
        ajouter(siege, "eau", "Service d'eau potable", f"Eau potable – {nom_epci}",
                int(round(hab * 60 * 1.35, -3)), "m³/an",
                serie={"membres": membres, "littoral": part_littoral > 0.15})  # fmt: skip
        ajouter(siege, "dechets", "Collecte des déchets ménagers",
                f"Collecte des déchets – {nom_epci}", int(round(hab * 0.19 * 1.4, -1)), "t/an",
                serie={"membres": membres, "littoral": part_littoral > 0.15})  # fmt: skip
    return eq


def _mensualiser(annuel: dict[int, float]) -> np.ndarray:
    """Interpole linéairement une grandeur annuelle (au 1er janvier) sur les mois 2014..2025.

    Après la dernière année connue, prolonge la tendance des cinq dernières années.
    """
    annees = np.array(sorted(annuel))
    valeurs = np.array([annuel[a] for a in annees], dtype=float)
    pente = (valeurs[-1] - valeurs[-6]) / 5
    extra = np.arange(annees[-1] + 1, 2027)
    annees = np.concatenate([annees, extra])
    valeurs = np.concatenate([valeurs, valeurs[-1] + pente * (extra - extra[0] + 1)])
    t = MOIS.year + (MOIS.month - 1) / 12
    return np.interp(t, annees, valeurs)


def construire_series(
    equipements: list[Equipement],
    pop: dict[int, np.ndarray],
    rng: np.random.Generator,
) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Séries d'usage (métadonnées) et observations mensuelles.

    Args:
        equipements: la liste produite par construire_equipements.
        pop: population (communes, 2, 101) au 1er janvier, par année 2014..2022.
        rng: générateur aléatoire.

    Returns:
        (usage_series, usage_observations) aux colonnes des fichiers CSV.
    """
    series, obs = [], []
    cles = [f"{d.year}-{d.month:02d}" for d in MOIS]
    saison_mois = MOIS.month.to_numpy() - 1
    annees_t = MOIS.year + (MOIS.month - 1) / 12 - 2014

    def tendance_pop(membres, a0=0, a1=100):
        return _mensualiser(
            {a: p[membres][:, :, a0 : a1 + 1].sum() for a, p in pop.items()}
        )  # fmt: skip

    def ajouter(e: Equipement, indicateur, unite, valeurs, choc, decimales=0, debut=None,
                fin=None, commune_seule=False):  # fmt: skip
        id_serie = f"DEMO-US-{len(series) + 1:02d}"
        series.append(
            {
                "id_serie": id_serie,
                "service": e.service,
                "indicateur": indicateur,
                "unite": unite,
                "frequence": "mensuelle",
                "code_commune": e.code_commune,
                "id_equipement": None if commune_seule else e.id_equipement,
            }
        )
        mult = np.array([CHOC.get(choc, {}).get(k, 1.0) for k in cles])
        bruit = np.exp(rng.normal(0, 0.05, len(MOIS)))
        v = np.clip(valeurs * mult * bruit, 0, None)
        garde = np.ones(len(MOIS), bool)
        if debut:
            garde &= np.array([k >= debut for k in cles])
        if fin:
            garde &= np.array([k <= fin for k in cles])
        # Quelques mois manquants (jamais pendant le choc de 2020, pour qu'il reste lisible).
        candidats = [i for i, k in enumerate(cles) if garde[i] and not k.startswith("2020")]
        nb = int(rng.integers(0, 4))
        if nb:
            garde[rng.choice(candidats, size=nb, replace=False)] = False
        for i in np.flatnonzero(garde):
            obs.append({"id_serie": id_serie, "periode": MOIS[i].date().isoformat(),
                        "valeur": round(float(v[i]), decimales)})  # fmt: skip

    # Cantines suivies : les quatre plus grands restaurants scolaires.
    cantines = sorted(
        (e for e in equipements if e.service == "restauration_scolaire"),
        key=lambda e: -e.serie["repas_jour"],
    )[:4]
    suivies = {e.id_equipement for e in cantines}
    for e in equipements:
        s = e.serie
        if e.service == "mediatheque":
            valeurs = s["base"] * np.array(SAISON["mediatheque"])[saison_mois]
            valeurs = valeurs * (1 - 0.015) ** annees_t  # érosion lente des prêts
            if s["debut"]:  # montée en charge la première année
                valeurs = valeurs * np.clip((annees_t - 4.67) / 1.0 + 0.5, 0.5, 1.0)
            ajouter(e, "prêts", "prêts", valeurs, "mediatheque", debut=s["debut"])
        elif e.service == "piscine":
            valeurs = s["base"] * np.array(SAISON[s["saison"]])[saison_mois]
            ajouter(e, "entrées", "entrées", valeurs, "fermeture", fin=s["fin"])
        elif e.service == "restauration_scolaire" and e.id_equipement in suivies:
            jours = np.array(SAISON["restauration_scolaire"])[saison_mois]
            t = tendance_pop(s["secteur"], 3, 10)
            valeurs = s["repas_jour"] * jours * t / t[84]  # repas_jour calé sur 2021
            ajouter(e, "repas servis", "repas", valeurs, "cantine")
        elif e.service == "transport" and s:
            valeurs = s["base"] * np.array(SAISON["transport"])[saison_mois]
            valeurs = valeurs * (1.01) ** annees_t
            ajouter(e, "voyages", "voyages", valeurs, "transport")
        elif e.service in ("eau", "dechets"):
            t = tendance_pop(s["membres"])
            cle = f"{e.service}_{'littoral' if s['littoral'] else 'interieur'}"
            saison = np.array(SAISON[cle])[saison_mois]
            if e.service == "eau":
                valeurs = t * 60 / 12 * saison
                ajouter(e, "volume distribué", "m³", valeurs, "eau")
            else:
                valeurs = t * 0.19 / 12 * saison * (1 - 0.015) ** annees_t
                ajouter(e, "ordures ménagères résiduelles collectées", "t", valeurs,
                        "dechets", decimales=1)  # fmt: skip
    return pd.DataFrame(series), pd.DataFrame(obs)

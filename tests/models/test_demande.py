"""Demande de services (issue 5) : lignes données → demande attendue, fourchettes portées par le
ratio, écart à la capacité avec ouvertures et fermetures, unités non comparables signalées."""

from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from models.demande import (
    COMPARABLE,
    SANS_EQUIPEMENT,
    UNITE_DIFFERENTE,
    ErreurRatio,
    calculer_demande,
    capacite_par_annee,
    decomposer,
    ecart_capacite,
    premieres_annees,
    ratios_effectifs,
    valider_ratios,
    verifier_ratio,
)

RATIOS_LIVRES = Path(__file__).resolve().parents[2] / "data" / "reference" / "ratios_demande.csv"
SERVICES_LIVRES = RATIOS_LIVRES.with_name("services.csv")


def ratios_livres() -> pd.DataFrame:
    """Les ratios livrés, la méthode par défaut de chaque service lue dans le registre des services
    (sa colonne ratio_reference), comme la construction les charge."""
    ratios = pd.read_csv(RATIOS_LIVRES, sep=";")
    reference = pd.read_csv(SERVICES_LIVRES, sep=";").set_index("code")["ratio_reference"]
    return ratios.assign(defaut=ratios["methode"] == ratios["service"].map(reference))


def ligne_ratio(service, methode, age_min, age_max, ratio, par, unite, defaut=True):
    return {
        "service": service,
        "methode": methode,
        "indicateur": f"{service} {methode}",
        "age_min": age_min,
        "age_max": age_max,
        "ratio": ratio,
        "unite": unite,
        "par": par,
        "source_texte": "test",
        "annee_source": 2020,
        "defaut": defaut,
    }


@pytest.fixture
def ratios():
    return pd.DataFrame(
        [
            ligne_ratio("petite_enfance", "accueil_collectif", 0, 2, 17.8, 100, "places"),
            ligne_ratio("ecole_maternelle", "plafond", 3, 5, 1, 24, "classes"),
            ligne_ratio("ehpad", "global", 75, 100, 97.3, 1000, "lits"),
            ligne_ratio("ehpad", "par_age", 75, 84, 46, 1000, "lits", defaut=False),
            ligne_ratio("ehpad", "par_age", 85, 100, 230, 1000, "lits", defaut=False),
            ligne_ratio("transport", "deplacements", 6, 100, 3, 1, "déplacements par jour"),
        ]
    )


def population_simple(annees=(2025, 2026), scenario="central"):
    """10 habitants par âge simple et par sexe, plus 1 par année écoulée aux âges 0-2."""
    lignes = []
    for annee in annees:
        for sexe in (1, 2):
            for age in range(101):
                valeur = 10.0 + (annee - annees[0] if age <= 2 else 0)
                lignes.append((scenario, annee, sexe, age, valeur))
    return pd.DataFrame(lignes, columns=["scenario", "annee", "sexe", "age", "population"])


def intervalles_simples(population):
    """Bornes simulées des groupes de services : ±10 % (80 %) et ±20 % (95 %) du central."""
    groupes = {
        "Ensemble": (0, 100),
        "0-2 ans": (0, 2),
        "3-5 ans": (3, 5),
        "75 ans et plus": (75, 100),
        "85 ans et plus": (85, 100),
    }
    lignes = []
    for (scenario, annee), g in population.groupby(["scenario", "annee"]):
        for nom, (a, b) in groupes.items():
            p = g.loc[g["age"].between(a, b), "population"].sum()
            lignes.append((scenario, annee, nom, a, b, p, 0.9 * p, 1.1 * p, 0.8 * p, 1.2 * p))
    return pd.DataFrame(
        lignes,
        columns=[
            "scenario",
            "annee",
            "groupe_age",
            "age_min",
            "age_max",
            "population",
            "bas_80",
            "haut_80",
            "bas_95",
            "haut_95",
        ],
    )


def test_demande_lignes_donnees(ratios):
    pop = population_simple()
    demande = calculer_demande(pop, ratios_effectifs(ratios)).set_index(["service", "annee"])
    # 2026 : les âges 0-2 comptent 11 par sexe = 66 enfants ; 17,8 places pour 100.
    assert demande.loc[("petite_enfance", 2026), "demande"] == pytest.approx(66 * 0.178)
    assert demande.loc[("petite_enfance", 2025), "demande"] == pytest.approx(60 * 0.178)
    assert demande.loc[("ecole_maternelle", 2025), "demande"] == pytest.approx(60 / 24)
    # 26 âges 75..100 × 20 habitants × 97,3 / 1000 (la méthode EHPAD par défaut).
    assert demande.loc[("ehpad", 2025), "demande"] == pytest.approx(520 * 0.0973)
    assert demande.loc[("ehpad", 2025), "methode"] == "global"
    assert demande.loc[("ehpad", 2025), "population"] == pytest.approx(520)


def test_fourchette_exacte_pour_une_tranche_simulee(ratios):
    pop = population_simple()
    demande = calculer_demande(pop, ratios_effectifs(ratios), intervalles_simples(pop))
    creche = demande[demande["service"] == "petite_enfance"].set_index("annee")
    assert (creche["intervalle"] == "exacte").all()
    # La demande est linéaire en la population du groupe : les bornes passent par le ratio.
    assert creche.loc[2026, "bas_80"] == pytest.approx(0.9 * 66 * 0.178)
    assert creche.loc[2026, "haut_95"] == pytest.approx(1.2 * 66 * 0.178)
    assert (creche["bas_95"] <= creche["bas_80"]).all()
    assert (creche["bas_80"] <= creche["demande"]).all()
    assert (creche["demande"] <= creche["haut_80"]).all()


def test_methode_par_age_somme_prudente(ratios):
    pop = population_simple()
    effectifs = ratios_effectifs(ratios, methodes={"ehpad": "par_age"})
    demande = calculer_demande(pop, effectifs, intervalles_simples(pop))
    ehpad = demande[demande["service"] == "ehpad"].set_index("annee")
    p_75_84, p_85 = 10 * 20.0, 16 * 20.0
    assert ehpad.loc[2025, "methode"] == "par_age"
    assert ehpad.loc[2025, "demande"] == pytest.approx(0.046 * p_75_84 + 0.230 * p_85)
    # Écrit sur des groupes simulés : 0,046 × [75+] + (0,230 − 0,046) × [85+], bornes additionnées.
    attendu = 0.046 * 0.9 * (p_75_84 + p_85) + (0.230 - 0.046) * 0.9 * p_85
    assert ehpad.loc[2025, "bas_80"] == pytest.approx(attendu)
    assert ehpad.loc[2025, "intervalle"] == "somme"


def test_tranche_non_simulee_fourchette_approchee(ratios):
    pop = population_simple()
    demande = calculer_demande(pop, ratios_effectifs(ratios), intervalles_simples(pop))
    transport = demande[demande["service"] == "transport"].set_index("annee")
    assert (transport["intervalle"] == "approchée").all()
    # La largeur relative du plus petit groupe qui contient les âges 6..100 (Ensemble) : ±10 %.
    assert transport.loc[2025, "haut_80"] == pytest.approx(1.1 * transport.loc[2025, "demande"])


def test_decomposer_sans_groupe():
    assert decomposer(
        [(0, 2, 0.1)], pd.DataFrame(columns=["groupe_age", "age_min", "age_max"])
    ) == (
        [],
        "aucune",
    )


def test_autre_scenario_sans_fourchette(ratios):
    pop = pd.concat([population_simple(), population_simple(scenario="fecondite_haute")])
    intervalles = intervalles_simples(population_simple())  # central seul, comme dans le stockage
    demande = calculer_demande(pop, ratios_effectifs(ratios), intervalles)
    autre = demande[demande["scenario"] == "fecondite_haute"]
    assert autre["bas_80"].isna().all()
    assert (autre["intervalle"] == "aucune").all()
    assert demande[demande["scenario"] == "central"]["bas_80"].notna().all()


def test_modifications_par_dessus_les_defauts(ratios):
    modifications = pd.DataFrame(
        [
            {
                "service": "petite_enfance",
                "methode": "accueil_collectif",
                "age_min": 0,
                "ratio": 30,
                "par": 100,
            }
        ]
    )
    effectifs = ratios_effectifs(ratios, modifications).set_index(["service", "methode", "age_min"])
    creche = effectifs.loc[("petite_enfance", "accueil_collectif", 0)]
    assert creche["ratio"] == 30 and creche["ratio_defaut"] == 17.8
    assert bool(creche["modifie"]) is True
    assert creche["source_texte"] == "test"
    assert not bool(effectifs.loc[("ehpad", "global", 75), "modifie"])
    # Un choix de méthode inconnu retombe sur la méthode par défaut.
    effectifs = ratios_effectifs(ratios, methodes={"ehpad": "inexistante"})
    assert set(
        effectifs.loc[effectifs["retenue"] & (effectifs["service"] == "ehpad"), "methode"]
    ) == {"global"}


@pytest.mark.parametrize(
    ("unite", "age_min", "age_max", "ratio", "par", "parametre"),
    [
        ("places", 0, 2, "-1", "100", "Nombre de places"),
        ("places", 0, 2, "17,8", "0", "Pour combien d'enfants de moins de 3 ans"),
        ("places", 0, 2, "abc", "100", "Nombre de places"),
        ("places", 0, 2, "150", "100", "Nombre de places"),
        ("classes", 3, 5, "1", "50", "Pour combien d'enfants de 3 à 5 ans"),
        ("lits", 75, 100, "1200", "1000", "Nombre de lits"),
    ],
)
def test_valeur_impossible_refusee(unite, age_min, age_max, ratio, par, parametre):
    with pytest.raises(ErreurRatio) as erreur:
        verifier_ratio(unite, age_min, age_max, ratio, par)
    assert erreur.value.parametre == parametre
    assert f"« {parametre} »" in str(erreur.value)  # le message nomme le paramètre


def test_valeurs_francaises_acceptees():
    assert verifier_ratio("classes", 3, 5, "1", "21,5") == (1.0, 21.5)
    assert verifier_ratio("lits", 75, 100, "97,3", "1\u202f000") == (97.3, 1000.0)


def test_une_seule_methode_par_defaut(ratios):
    double = ratios.copy()
    double.loc[double["methode"] == "par_age", "defaut"] = True
    with pytest.raises(ErreurRatio, match="ehpad"):
        valider_ratios(double)


def test_ratios_livres_conformes_aux_references():
    """Les valeurs par défaut livrées : valides, sourcées, chiffres publiés de REFERENCE.md D6."""
    livres = valider_ratios(ratios_livres())
    assert livres["source_texte"].str.len().gt(20).all()
    assert livres["annee_source"].between(2010, 2026).all()
    valeurs = {
        (s, m, a): (r, p)
        for s, m, a, r, p in livres[["service", "methode", "age_min", "ratio", "par"]].itertuples(
            index=False
        )
    }
    assert valeurs[("petite_enfance", "accueil_collectif", 0)] == (17.8, 100)  # ONAPE 2015
    assert valeurs[("petite_enfance", "tous_modes", 0)] == (58.8, 100)  # PQE Famille 2020
    assert valeurs[("ecole_maternelle", "moyenne", 3)] == (1, 21.5)  # DEPP rentrée 2024
    assert valeurs[("ecole_elementaire", "moyenne", 6)] == (1, 20.9)
    assert valeurs[("ecole_maternelle", "plafond", 3)] == (1, 24)
    assert valeurs[("ehpad", "global", 75)] == (97.3, 1000)  # DREES 31/12/2019
    assert valeurs[("ehpad", "par_age", 85)] == (230, 1000)  # DREES 2011 : 23 % des 85+
    assert valeurs[("ssiad", "global", 75)] == (20, 1000)
    assert valeurs[("eau", "domestique", 0)] == (54, 1)  # 149 L/jour ≈ 54 m³/an
    assert valeurs[("college", "eleves", 11)] == (1, 1)
    # Taux des 75-84 ans déduit pour que 10 % de l'ensemble des 75+ vivent en établissement
    # (pyramide INSEE 2011 : 4 077 390 personnes de 75-84 ans, 1 679 621 de 85+).
    derive = (0.10 * (4_077_390 + 1_679_621) - 0.23 * 1_679_621) / 4_077_390
    assert valeurs[("ehpad", "par_age", 75)][0] / 1000 == pytest.approx(derive, abs=0.001)


# --- Capacité -------------------------------------------------------------------------------------


def equipements(*lignes):
    return pd.DataFrame(
        lignes,
        columns=["service", "capacite", "unite_capacite", "annee_ouverture", "annee_fermeture"],
    )


def test_capacite_ouvertures_et_fermetures():
    eq = equipements(
        ("petite_enfance", 40, "places", 1990, None),
        ("petite_enfance", 20, "places", 2027, None),  # ouvre en 2027
        ("petite_enfance", 10, "places", None, 2026),  # ferme en 2026 : compté jusqu'en 2025
    )
    cap = capacite_par_annee(eq, [2025, 2026, 2027]).set_index("annee")["capacite"]
    assert cap.to_dict() == {2025: 50, 2026: 40, 2027: 60}


def demande_fixe(service, unite, annees, valeurs, haut=None):
    valeurs = np.asarray(valeurs, dtype=float)
    haut = valeurs * 1.1 if haut is None else np.asarray(haut, dtype=float)
    return pd.DataFrame(
        {
            "service": service,
            "methode": "m",
            "unite": unite,
            "scenario": "central",
            "annee": list(annees),
            "population": 0.0,
            "demande": valeurs,
            "bas_80": valeurs * 0.9,
            "haut_80": haut,
            "bas_95": valeurs * 0.8,
            "haut_95": haut * 1.1,
            "intervalle": "exacte",
        }
    )


def test_premiere_annee_de_deficit_central_et_haute():
    annees = range(2025, 2033)
    # La demande croît de 50 à 57 ; capacité de 55 jusqu'à une fermeture en 2031 (45), une ouverture
    # en 2032 (+30).
    dem = demande_fixe(
        "petite_enfance",
        "places",
        annees,
        [50, 51, 52, 53, 54, 55.5, 56, 57],
        haut=[54, 56, 57, 58, 59, 60, 61, 62],
    )
    eq = equipements(
        ("petite_enfance", 45, "places", 1990, None),
        ("petite_enfance", 10, "places", 2000, 2031),
        ("petite_enfance", 30, "places", 2032, None),
    )
    ecart = ecart_capacite(dem, eq)
    assert (ecart["comparabilite"] == COMPARABLE).all()
    par_annee = ecart.set_index("annee")
    assert par_annee.loc[2030, "capacite"] == 55 and par_annee.loc[2031, "capacite"] == 45
    assert par_annee.loc[2032, "capacite"] == 75
    assert par_annee.loc[2026, "ecart"] == pytest.approx(4)
    synthese = premieres_annees(ecart).iloc[0]
    assert synthese["premiere_annee"] == 2030  # 55.5 > 55
    # Borne haute : 54 en 2025 (sous 55), 56 en 2026.
    assert synthese["premiere_annee_haut_80"] == 2026
    assert synthese["premiere_annee_haut_80"] <= synthese["premiere_annee"]
    assert synthese["fin_deficit"] == 2032  # l'ouverture de 2032 met fin au manque
    assert not synthese["deficit_des_le_debut"]
    # Jusqu'en 2029 seulement : aucun déficit sur la trajectoire centrale.
    avant = premieres_annees(ecart, horizon=2029).iloc[0]
    assert pd.isna(avant["premiere_annee"]) and avant["horizon"] == 2029


def test_unites_non_comparables_signalees():
    dem = pd.concat(
        [
            demande_fixe("transport", "déplacements par jour", [2025, 2026], [100, 110]),
            demande_fixe("ehpad", "lits", [2025, 2026], [10, 11]),
        ]
    )
    eq = equipements(("transport", 1e6, "places-km par an", 2000, None))
    ecart = ecart_capacite(dem, eq)
    transport = ecart[ecart["service"] == "transport"]
    assert (transport["comparabilite"] == UNITE_DIFFERENTE).all()
    assert transport["capacite"].isna().all() and not transport["deficit"].any()
    assert (transport["unite_capacite"] == "places-km par an").all()
    ehpad = ecart[ecart["service"] == "ehpad"]
    assert (ehpad["comparabilite"] == SANS_EQUIPEMENT).all()
    synthese = premieres_annees(ecart).set_index("service")
    assert pd.isna(synthese.loc["transport", "premiere_annee"])


def test_service_comparable_sans_equipement_ouvert_a_capacite_nulle():
    dem = demande_fixe("piscine", "entrées", [2025, 2026], [5, 5])
    eq = equipements(("piscine", 100, "entrées", 2000, 2020))  # fermé avant la projection
    ecart = ecart_capacite(dem, eq)
    assert (ecart["capacite"] == 0).all() and ecart["deficit"].all()
    assert premieres_annees(ecart).iloc[0]["deficit_des_le_debut"]

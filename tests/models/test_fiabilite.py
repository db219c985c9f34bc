"""Fiabilité de la projection (issue 19) : profil migratoire déconvolué, calage des fourchettes par
l'erreur de modèle, rétro-projections sur toutes les fenêtres (données réelles, sautées sans
../shared/data)."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from models.projection import Scenario, estimer_modele, projeter
from models.projection import calage_intervalles as ci
from models.projection import fiabilite as fb
from models.projection import fiabilite_communes as fc
from models.projection.incertitude import ParametresIncertitude
from models.projection.reference import N_AGES
from models.projection.taux import ParametresEstimation, profil_deconvolue


def test_fenetres_de_l_issue():
    fen = fb.fenetres_possibles()
    for f in [(1996, 2001), (2001, 2006), (2006, 2011), (2011, 2016)]:
        assert f in fen
    assert fen[0] == (1976, 1981) and fen[-1] == (2011, 2016)


def _equations(m: np.ndarray, expo: float = 1000.0, k: int = 5):
    """Soldes de cohortes (une zone, deux sexes) engendrés par un profil connu ``m`` (101,)."""
    eqs = []
    for a in range(N_AGES - k):
        coef = {1 + a + j: np.full((1, 2), expo) for j in range(k)}
        R = sum(m[a + j] * expo for j in range(k)) * np.ones((1, 2))
        eqs.append((R, coef))
    return eqs


def test_profil_deconvolue_retrouve_le_pic_etudiant():
    """Un départ net concentré à 18-20 ans n'est pas étalé sur dix ans (issue 19 : 20-24 ans)."""
    ages = np.arange(N_AGES)
    m = -0.08 * np.exp(-0.5 * ((ages - 19) / 1.5) ** 2) + 0.01 * np.exp(
        -0.5 * ((ages - 27) / 3) ** 2
    )
    r = profil_deconvolue(_equations(m), 1, lissage=0.05)[0, 0, 1:]
    assert int(np.argmin(r)) in (18, 19, 20)
    assert r[19] < 0.8 * m[19]  # au moins 80 % du creux retrouvé (un étalement sur 5 ans : 40 %)
    assert abs(r[10:40] - m[10:40]).max() < 0.02


def test_profil_noyau_toujours_disponible(donnees, reference):
    m1 = estimer_modele(donnees, reference)
    m0 = estimer_modele(donnees, reference, ParametresEstimation(profil_migration="noyau"))
    assert m1.migration.shape == m0.migration.shape
    # même solde total d'ensemble (le niveau de chaque commune est réintroduit)
    P = m1.population_base
    s1, s0 = (m1.migration * P).sum(), (m0.migration * P).sum()
    assert s1 == pytest.approx(s0, rel=0.25, abs=50)
    with pytest.raises(ValueError, match="profil_migration"):
        estimer_modele(donnees, reference, ParametresEstimation(profil_migration="autre"))


def test_sigma_couvre_la_cible():
    rng = np.random.default_rng(19)
    n = 4000
    central = np.full(n, 1000.0)
    obs = central * (1 + rng.normal(0, 0.05, n))
    detail = pd.DataFrame(
        {
            "groupe": "Ensemble",
            "horizon": 10,
            "vigie": central,
            "observe": obs,
            "bas_80": central * 0.99,
            "haut_80": central * 1.01,
            "bas_95": central * 0.98,
            "haut_95": central * 1.02,
        }
    )
    cal = fb.ajuster_calibrage(detail)
    s80 = cal.facteurs["sigma_80"].iloc[0]
    assert 0.044 < s80 < 0.055
    cale = fb.appliquer_calibrage(detail, cal)
    assert cale["observe"].between(cale["bas_80"], cale["haut_80"]).mean() == pytest.approx(
        0.80, abs=0.01
    )
    assert cale["observe"].between(cale["bas_95"], cale["haut_95"]).mean() == pytest.approx(
        0.95, abs=0.01
    )
    # les fourchettes brutes étaient bien trop étroites
    assert detail["observe"].between(detail["bas_80"], detail["haut_80"]).mean() < 0.3


def _fenetres_synthetiques(decalages: dict[int, float], n: int = 300) -> pd.DataFrame:
    """Fenêtres à 5 ans d'origines données : erreur locale N(0, 5 %) plus un décalage commun à
    tous les départements de la fenêtre (une tendance nationale imprévue)."""
    rng = np.random.default_rng(20)
    morceaux = []
    for origine, decalage in decalages.items():
        central = np.full(n, 1000.0)
        obs = central * (1 + decalage + rng.normal(0, 0.05, n))
        morceaux.append(
            pd.DataFrame(
                {
                    "fenetre": f"{origine - 5}, {origine} → {origine + 5}",
                    "origine": origine,
                    "annee": origine + 5,
                    "horizon": 5,
                    "groupe": "0-4 ans",
                    "vigie": central,
                    "observe": obs,
                    "erreur_vigie": (central - obs) / obs * 100,
                    "bas_80": central * 0.99,
                    "haut_80": central * 1.01,
                    "bas_95": central * 0.98,
                    "haut_95": central * 1.02,
                }
            )
        )
    return pd.concat(morceaux, ignore_index=True)


def test_periodes_exclues_et_erreur_commune():
    """Issue 19 : sans décalage commun, les sigma appris sur les autres périodes couvrent ~80 % ;
    la fenêtre au décalage commun de 12 % est sous-couverte, et sa part commune le dit."""
    d = _fenetres_synthetiques({1990: 0.0, 1995: 0.0, 2000: 0.0, 2005: 0.12, 2010: 0.0})
    bloc = fb.couverture_periodes_exclues(d).set_index("origine")
    # chaque fenêtre apprend sur les autres (aucune ne recouvre sa période de 5 ans)
    assert (bloc["fenetres_apprentissage"] == 4).all()
    assert bloc.loc[2005, "couverture_80"] < 0.3
    # les sigma appris avec la fenêtre décalée sont trop larges pour les fenêtres ordinaires
    assert (bloc.drop(index=2005)["couverture_80"] > 0.85).all()
    # le calage glissant n'apprend que du passé : la première fenêtre n'est pas jugée
    assert 1990 not in set(fb.couverture_hors_echantillon(d)["origine"])
    commune = fb.erreur_commune(d).set_index("fenetre")["part_commune"]
    assert commune.loc["2000, 2005 → 2010"] > 0.8
    assert commune.drop(index="2000, 2005 → 2010").max() < 0.1


def test_sigma_a_horizon_interpole_et_prolonge():
    f = pd.DataFrame(
        {
            "groupe": ["g", "g"],
            "horizon": [5, 10],
            "sigma_80": [0.02, 0.05],
            "sigma_95": [0.03, 0.06],
        }
    )
    s = ci.sigma_a_horizon(f, "g", [0, 5, 7.5, 10, 20], "80")
    np.testing.assert_allclose(s, [0.0, 0.02, 0.035, 0.05, 0.10])
    assert ci.sigma_a_horizon(f, "absent", [10], "80")[0] == 0.0
    assert ci.groupe_cale(0, 100) == "Ensemble"
    assert ci.groupe_cale(85, 100) == "85 ans et plus"
    assert ci.groupe_cale(0, 2) == "0-4 ans"


def test_calibrage_livre_elargit_les_fourchettes(modele):
    cal = ci.charger_calibrage()
    assert cal is not None and {"Ensemble", "85 ans et plus"} <= set(cal["groupe"])
    assert (cal[["sigma_80", "sigma_95"]] >= 0).all().all()
    sc = Scenario(horizon=2031)
    brut = projeter(modele, sc, intervalles=True, n_tirages=40, graine=1,
                    parametres_incertitude=ParametresIncertitude(calibrage=None))  # fmt: skip
    cale = projeter(modele, sc, intervalles=True, n_tirages=40, graine=1)
    cle = ["niveau", "code", "annee", "groupe_age"]
    a = brut.intervalles_agreges.set_index(cle)
    b = cale.intervalles_agreges.set_index(cle)
    largeur = lambda d: d["haut_80"] - d["bas_80"]  # noqa: E731
    assert (largeur(b) >= largeur(a) - 1e-6).all()
    g = ("territoire", a.index.get_level_values("code")[-1], 2031, "0-2 ans")
    assert largeur(b).loc[g] > largeur(a).loc[g]
    assert "erreur de modèle" in cale.methode_intervalles
    assert (cale.bornes["bas_80"] >= 0).all()


# --------------------------------------------------------------------------- données réelles
@pytest.fixture(scope="module")
def deux_fenetres():
    """Deux fenêtres, tous les départements, chemin central seul (une fois pour le module)."""
    from tests import conftest

    if not conftest.DONNEES_PARTAGEES.is_dir():
        pytest.skip("dossier ../shared/data absent (données ouvertes réelles)")
    return fb.backtest_departements(
        conftest.DONNEES_PARTAGEES, [(2006, 2011), (2011, 2016)], n_tirages=0
    )


def test_retro_projection_toutes_mesures(deux_fenetres):
    r = fb.resumer(deux_fenetres)
    assert set(r["groupe"]) == set(fb.GROUPES_FIABILITE)
    assert set(r["methode"]) == set(fb.METHODES)
    assert set(r["fenetre"]) == {"2006, 2011 → 2016", "2006, 2011 → 2021", "2011, 2016 → 2021"}
    assert (r["n"] == 100).all()
    cols = ["erreur_abs_moyenne", "erreur_abs_mediane", "biais_moyen", "erreur_ponderee"]
    assert r[cols].notna().all().all()
    piv = r.pivot_table(index=["fenetre", "groupe"], columns="methode", values="erreur_abs_moyenne")
    # 2006, 2011 → 2021 : Vigie devant les deux références naïves sur ces groupes (issue 19)
    for g in ("Ensemble", "0-4 ans", "5-9 ans", "75 ans et plus", "85 ans et plus"):
        ligne = piv.loc[("2006, 2011 → 2021", g)]
        assert ligne["vigie"] < min(ligne["croissance_constante"], ligne["constante"]), g


def test_vingt_ans_mieux_qu_avant_l_issue_19(donnees_partagees, deux_fenetres):
    """Avant : profil « noyau » et niveau de fécondité de référence constant ; 20-24 ans perdait
    contre une référence naïve (8,1 % contre 3,9 % en 2011, 2016 → 2021)."""
    avant = fb.backtest_departements(
        donnees_partagees, [(2011, 2016)], horizons=(5,), n_tirages=0,
        parametres=ParametresEstimation(profil_migration="noyau"), fecondite_nationale=None,
    )  # fmt: skip
    ra = fb.resumer(avant).set_index(["groupe", "methode"])["erreur_abs_moyenne"]
    r = fb.resumer(deux_fenetres[deux_fenetres["origine"] == 2016])
    rn = r.set_index(["groupe", "methode"])["erreur_abs_moyenne"]
    assert rn[("20-24 ans", "vigie")] < 0.6 * ra[("20-24 ans", "vigie")]
    assert rn[("20-24 ans", "vigie")] < rn[("20-24 ans", "constante")]
    assert rn[("0-4 ans", "vigie")] < ra[("0-4 ans", "vigie")]


def test_naissances_nationales(donnees_partagees):
    n = fb.lire_naissances_nationales(donnees_partagees)
    # PROVENANCE.md : sommes annuelles 2019 714 029, 2023 639 533
    assert n[2019] == 714_029 and n[2023] == 639_533
    assert n.index.min() == 1946


def test_populations_legales_morlaix(donnees_partagees):
    s = fc.lire_series(donnees_partagees)
    # PROVENANCE.md : Morlaix (29151) 2019 14 845 · 2020 14 709 · 2021 14 903 · 2022 15 220 · 2023 15 194
    assert list(s.loc["29151", [2019, 2020, 2021, 2022, 2023]]) == [
        14845,
        14709,
        14903,
        15220,
        15194,
    ]
    r = fc.backtest_communes(donnees_partagees, [(2019, 2020)])
    v = r[(r["methode"] == "vigie") & (r["classe_taille"] == "toutes")].set_index("horizon")
    assert v.loc[3, "erreur_abs_moyenne"] > v.loc[1, "erreur_abs_moyenne"]
    assert set(r["classe_taille"]) == {"toutes", *fc.LIBELLES_CLASSES}


def test_cases_attendues_dans_la_bande_d_un_modele_parfait():
    """La référence binomiale des couvertures : 4 départements, seule la couverture 3/4 tombe dans
    75-85 % (probabilité 4 × 0,8³ × 0,2) ; avec 96 départements, un modèle parfait sort de la
    bande environ une fois sur cinq ; avec beaucoup de cas, presque jamais."""
    assert fb.cases_attendues_dans_la_bande([4]) == pytest.approx(4 * 0.8**3 * 0.2)
    quatre_vingt_seize = fb.cases_attendues_dans_la_bande([96])
    assert 0.7 < quatre_vingt_seize < 0.85
    assert fb.cases_attendues_dans_la_bande([96, 96]) == pytest.approx(2 * quatre_vingt_seize)
    assert fb.cases_attendues_dans_la_bande([10_000]) > 0.999

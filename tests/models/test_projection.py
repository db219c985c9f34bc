"""Tests de la projection par composantes (issue 4)."""

from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from models.projection import (
    DonneesProjection,
    ErreurDonnees,
    ErreurScenario,
    ProgrammeLogement,
    Scenario,
    agreger,
    eclater_vecteur,
    estimer_modele,
    par_groupes_age,
    projeter,
    scenarios_standard,
)
from models.projection.moteur import pas_annuel
from models.projection.projection import COLONNES_POPULATION, chemin_central, trajectoires
from models.projection.reference import DOSSIER_REFERENCE, extraire_reference

DOSSIER_SHARED = Path(__file__).resolve().parents[2] / ".." / "shared" / "data"


@pytest.fixture(scope="module")
def resultat(modele):
    return projeter(modele, Scenario(horizon=2036), intervalles=True, n_tirages=60, graine=1)


def test_schema_sortie(resultat, modele):
    df = resultat.population
    assert list(df.columns) == COLONNES_POPULATION
    assert df["annee"].min() == modele.annee_base and df["annee"].max() == 2036
    assert set(df["sexe"]) == {1, 2} and df["age"].between(0, 100).all()
    assert not df.duplicated(["code_commune", "annee", "sexe", "age"]).any()
    assert len(df) == modele.n_communes * 2 * 101 * (2036 - modele.annee_base + 1)
    comp = resultat.composantes
    assert {"naissances", "deces", "solde_migratoire", "arrivees_logement"} <= set(comp.columns)
    diag = resultat.diagnostics
    assert {"alertes", "niveaux", "taux"} <= set(diag)


def test_pas_de_negatifs(resultat):
    df = resultat.population
    assert (df[["population", "bas_80", "bas_95"]] >= 0).all().all()


def test_niveaux_coherents(resultat, donnees):
    df = resultat.population
    epci = agreger(df, donnees.communes, "code_epci")
    terr = agreger(df, donnees.communes, "code_territoire")
    assert np.isclose(epci["population"].sum(), df["population"].sum())
    t = terr.groupby("annee")["population"].sum()
    e = epci.groupby("annee")["population"].sum()
    np.testing.assert_allclose(t.to_numpy(), e.to_numpy())
    ia = resultat.intervalles_agreges
    tot_c = (
        ia[(ia.niveau == "commune") & (ia.groupe_age == "Ensemble")]
        .groupby("annee")["population"]
        .sum()
    )
    tot_t = ia[(ia.niveau == "territoire") & (ia.groupe_age == "Ensemble")].set_index("annee")[
        "population"
    ]
    np.testing.assert_allclose(tot_c.to_numpy(), tot_t.to_numpy())


def test_pas_annuel_a_la_main():
    """Population fermée, un pas calculé à la main."""
    P = np.zeros((1, 2, 101))
    P[0, 1, 29] = 1000.0  # 1 000 femmes de 29 ans
    P[0, 0, 99] = 10.0
    P[0, 0, 100] = 5.0
    q = np.full((1, 2, 101), 0.01)
    f = np.zeros((1, 101))
    f[0, 29] = 0.1
    nouveau, B, D, M, neg = pas_annuel(P, q, f, 0.0, np.zeros((1, 2)), np.full((1, 2), 0.002), 0.5)
    assert B[0] == pytest.approx(100.0)
    assert nouveau[0, 1, 30] == pytest.approx(990.0)
    assert nouveau[0, 0, 100] == pytest.approx(15 * 0.99)
    assert nouveau[0, 0, 0] == pytest.approx(50 * 0.998)
    assert nouveau[0, 1, 0] == pytest.approx(50 * 0.998)
    assert D[0] == pytest.approx(10.15 + 0.2)
    assert M[0] == 0 and neg[0] == 0


def test_sans_migration_ni_deces(modele):
    """Migrations nulles, mortalité nulle : chaque cohorte est conservée, vieillie d'un an."""
    traj = trajectoires(modele, Scenario(horizon=modele.annee_base + 3, migration_multiplicateur=0))
    traj.q[:] = 0
    traj.q_naiss[:] = 0
    cube, comp, _ = chemin_central(modele, traj)
    P0 = modele.population_base
    np.testing.assert_allclose(cube[3][:, :, 3:100], P0[:, :, 0:97])
    np.testing.assert_allclose(cube[3][:, :, 100], P0[:, :, 97:].sum(axis=2))
    np.testing.assert_allclose(comp[1], 0)
    total = cube.sum(axis=(1, 2, 3))
    np.testing.assert_allclose(np.diff(total), comp[0].sum(axis=1))


def test_intervalles_elargis_et_contiennent_le_central(resultat):
    df = resultat.population
    assert (df["bas_95"] <= df["bas_80"] + 1e-9).all() and (
        df["bas_80"] <= df["population"] + 1e-9
    ).all()
    assert (df["population"] <= df["haut_80"] + 1e-9).all() and (
        df["haut_80"] <= df["haut_95"] + 1e-9
    ).all()
    ia = resultat.intervalles_agreges
    t = ia[(ia.niveau == "territoire") & (ia.groupe_age == "Ensemble")].set_index("annee")
    largeur = (t["haut_95"] - t["bas_95"]) / t["population"]
    assert largeur.iloc[0] == 0
    assert largeur.loc[2036] > largeur.loc[2026] > largeur.loc[2023] > 0
    c = ia[(ia.niveau == "commune") & (ia.groupe_age == "Ensemble")]
    lg = ((c["haut_80"] - c["bas_80"]) / c["population"]).groupby(c["annee"]).median()
    assert lg.is_monotonic_increasing


def test_variantes_ordonnees(modele):
    res = {s.nom: projeter(modele, s) for s in scenarios_standard(2040)}
    nais = {k: r.naissances.sum() for k, r in res.items()}
    assert nais["fecondite_haute"] > nais["central"] > nais["fecondite_basse"]
    deces = {k: r.deces.sum() for k, r in res.items()}
    assert deces["esperance_vie_haute"] < deces["central"] < deces["esperance_vie_basse"]
    tot = {k: r.cube[-1].sum() for k, r in res.items()}
    assert tot["esperance_vie_haute"] > tot["central"] > tot["esperance_vie_basse"]
    # même population de départ : le solde de la première année est multiplié exactement
    mig0 = {k: r.migrations[0].sum() for k, r in res.items()}
    assert mig0["migrations_hautes"] == pytest.approx(1.5 * mig0["central"])
    assert mig0["migrations_basses"] == pytest.approx(0.5 * mig0["central"])


def test_levier_logement(modele):
    code = modele.codes[5]
    base = projeter(modele, Scenario(horizon=2035))
    prog = ProgrammeLogement(
        code, logements_par_an=40, annee_debut=2024, annee_fin=2028, personnes_par_logement=2.2
    )
    avec = projeter(modele, Scenario(horizon=2035, programmes_logement=[prog]))
    i = list(modele.codes).index(code)
    ecart = avec.cube[:, i].sum(axis=(1, 2)) - base.cube[:, i].sum(axis=(1, 2))
    attendu = 40 * 2.2 * 5
    t2029 = 2029 - modele.annee_base
    assert ecart[t2029] == pytest.approx(attendu, rel=0.15)
    autres = np.delete(np.arange(modele.n_communes), i)
    np.testing.assert_allclose(avec.cube[:, autres], base.cube[:, autres])


def test_petite_commune_taux_sains(reference):
    from models.projection.synthetique import territoire_synthetique

    d = territoire_synthetique(16, graine=5, reference=reference)
    pop = d["population"]
    petite = "29003"
    # une commune de ~100 habitants avec une cohorte qui « disparaît » (effet de petit nombre)
    pop.loc[pop.code_commune == petite, "population"] *= (
        100 / pop.loc[(pop.code_commune == petite) & (pop.annee == 2021), "population"].sum()
    )
    pop.loc[(pop.code_commune == petite) & (pop.annee == 2021) & (pop.age == 30), "population"] = (
        0.0
    )
    modele = estimer_modele(DonneesProjection(**d), reference)
    i = list(modele.codes).index(petite)
    m = modele.migration[i]
    assert np.abs(m).max() < 0.15
    assert modele.niveaux.loc[i, "poids_migration_local"] < 0.5
    assert 0.7 < modele.icm[i] < 1.4 and 0.6 < modele.facteur_fecondite[i] < 1.6
    r = projeter(modele, Scenario(horizon=2050))
    tot = r.cube[:, i].sum(axis=(1, 2))
    assert 40 < tot[-1] < 250


def test_donnees_invalides_message_francais(donnees):
    mauvais = donnees.population.copy()
    mauvais.loc[0, "sexe"] = 3
    with pytest.raises(ErreurDonnees, match="sexe"):
        estimer_modele(DonneesProjection(mauvais, donnees.communes))
    with pytest.raises(ErreurDonnees, match="colonne\\(s\\) manquante\\(s\\) population"):
        estimer_modele(
            DonneesProjection(donnees.population.drop(columns="population"), donnees.communes)
        )
    with pytest.raises(ErreurDonnees, match="au moins deux années"):
        estimer_modele(
            DonneesProjection(
                donnees.population[donnees.population.annee == 2021], donnees.communes
            )
        )


def test_scenario_invalide_et_serialisation(modele):
    with pytest.raises(
        ErreurScenario,
        match=r"fecondite_ecart : doit être entre -1 et \+1 enfant par femme, reçu 3",
    ):
        projeter(modele, Scenario(fecondite_ecart=3))
    with pytest.raises(ErreurScenario, match="horizon"):
        Scenario(horizon=2080).valider()
    with pytest.raises(ErreurScenario, match="migration_multiplicateur"):
        Scenario(migration_multiplicateur=-1).valider()
    with pytest.raises(ErreurScenario, match=r"programmes_logement\[0\].code_commune"):
        projeter(modele, Scenario(programmes_logement=[ProgrammeLogement("99999", 10, 2023, 2025)]))
    s = Scenario(
        "x",
        programmes_logement=[ProgrammeLogement("29003", 10, 2025, 2027, profil_age={30: 1, 2: 1})],
    )
    assert Scenario.from_json(s.to_json()) == s
    assert [x.nom for x in scenarios_standard()][0] == "central" and len(scenarios_standard()) == 7


def test_sans_deces_quotients_nationaux(donnees, reference):
    m = estimer_modele(
        DonneesProjection(donnees.population, donnees.communes, donnees.naissances), reference
    )
    assert np.allclose(m.icm, 1.0)
    assert "deces_absents" in set(m.alertes["type"])


def test_deux_recensements_seulement(donnees, reference):
    pop = donnees.population[donnees.population.annee.isin([2016, 2021])]
    m = estimer_modele(DonneesProjection(pop, donnees.communes), reference)
    complet = estimer_modele(donnees, reference)
    # les soldes migratoires par résidus sur 5 ans retrouvent ceux de la série annuelle
    a = m.niveaux["taux_migratoire_retenu"].to_numpy()
    b = complet.niveaux["taux_migratoire_retenu"].to_numpy()
    assert np.corrcoef(a, b)[0, 1] > 0.9


def test_eclatement_ages_conserve_les_groupes():
    rng = np.random.default_rng(0)
    debut = np.arange(0, 100, 5)
    eff = rng.uniform(0, 500, len(debut))
    eff[3] = 0
    v = eclater_vecteur(debut, eff)
    assert v.min() >= 0 and len(v) == 101
    groupes = [v[a : a + 5].sum() for a in debut[:-1]] + [v[95:].sum()]
    np.testing.assert_allclose(groupes, eff, atol=1e-8)


def test_groupes_age(resultat):
    g = par_groupes_age(resultat.population)
    ens = g[g.groupe_age == "Ensemble"].groupby("annee")["population"].sum()
    np.testing.assert_allclose(ens.to_numpy(), resultat.cube.sum(axis=(1, 2, 3)))


@pytest.mark.slow
def test_backtest_couverture(reference):
    from models.projection.backtest import backtest
    from models.projection.synthetique import territoire_synthetique

    d = DonneesProjection(
        **territoire_synthetique(40, annees=(2006, 2021), graine=7, reference=reference)
    )
    b = backtest(d, 2011, [2016, 2021], n_tirages=80)
    c = b.couverture.set_index(["horizon", "niveau"])
    assert c.loc[(10, "commune"), "couverture_95"] > 0.8
    assert c.loc[(5, "commune"), "mape"] < c.loc[(10, "commune"), "mape"] + 1


@pytest.mark.skipif(
    not (DOSSIER_SHARED / "mortality_fertility_projections").is_dir(),
    reason="../shared/data absent",
)
def test_reference_conforme_au_fichier_insee():
    tables = extraire_reference(DOSSIER_SHARED)
    for nom, table in tables.items():
        csv = pd.read_csv(DOSSIER_REFERENCE / f"{nom}.csv", comment="#")
        pd.testing.assert_frame_equal(
            csv.reset_index(drop=True), table.reset_index(drop=True), check_dtype=False, atol=1e-9
        )
    q = tables["quotients_mortalite"]
    # repères lus dans fe_dod_quotients_mortalite.xlsx : 389 et 308 pour 100 000 à 0 an en 2019
    q = q.set_index(["annee", "sexe", "age"])["quotient"]
    assert q[(2019, 1, 0)] == pytest.approx(0.00389) and q[(2019, 2, 0)] == pytest.approx(0.00308)
    assert tables["fecondite"]["taux"].sum() == pytest.approx(1.95, abs=0.01)


def test_controle_tendance_statsmodels(modele, donnees):
    from models.projection.controles import controle_tendance

    res = projeter(modele, Scenario(horizon=2035))
    c = controle_tendance(res)
    assert set(c["niveau"]) == {"territoire", "epci"}
    # territoire synthétique à tendance régulière : les deux méthodes restent proches
    assert abs(c.loc[c.niveau == "territoire", "ecart_relatif"].iloc[0]) < 0.05


def test_models_sans_streamlit_ni_duckdb():
    """Règle d'architecture (GUIDE §2) : models/ n'importe ni streamlit ni duckdb."""
    racine = Path(__file__).resolve().parents[2] / "models"
    for f in racine.rglob("*.py"):
        texte = f.read_text(encoding="utf-8")
        assert "import streamlit" not in texte and "import duckdb" not in texte, f

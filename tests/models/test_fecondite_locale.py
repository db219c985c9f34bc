"""Fécondité et mortalité locales quand les naissances et décès détaillés manquent (issues 14 et 19).

- sans aucune naissance locale, le niveau de fécondité est estimé d'après les enfants de moins de
  5 ans au départ (rapport aux naissances attendues des femmes présentes, corrigé de la survie et
  des migrations des enfants) au lieu d'être inscrit comme migration des nouveau-nés ;
- l'état civil sans détail (totaux annuels de la commune, périodes intercensitaires NAIS/DECE des
  séries historiques) donne le niveau de fécondité et l'ICM comme les tables détaillées.
"""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from models.projection import DonneesProjection, Scenario, estimer_modele, projeter
from models.projection.entrees import ErreurDonnees
from models.projection.synthetique import territoire_synthetique
from models.projection.taux import ParametresEstimation


@pytest.fixture(scope="module")
def territoire(reference):
    # 20 ans simulés : les moins de 5 ans de 2021 sont nés de la fécondité propre à chaque commune
    return territoire_synthetique(
        40, annees=(2001, 2021), taille_epci=8, graine=3, reference=reference
    )


def _recensements(t, annees=(2016, 2021)):
    return t["population"][t["population"]["annee"].isin(annees)]


def _totaux(t):
    """Naissances et décès détaillés ramenés à des totaux annuels (état civil communal)."""
    n = t["naissances"].groupby(["code_commune", "annee"], as_index=False)["naissances"].sum()
    d = t["deces"].groupby(["code_commune", "annee"], as_index=False)["deces"].sum()
    ec = n.merge(d, on=["code_commune", "annee"], how="outer")
    return ec.assign(annee_debut=ec["annee"], annee_fin=ec["annee"] + 1).drop(columns="annee")


def test_sans_naissances_niveau_tire_des_enfants(territoire, reference):
    pop = _recensements(territoire)
    avec = estimer_modele(
        DonneesProjection(pop, territoire["communes"], territoire["naissances"]), reference
    )
    sans = estimer_modele(DonneesProjection(pop, territoire["communes"]), reference)
    vrai, estime = avec.facteur_fecondite, sans.facteur_fecondite
    assert np.corrcoef(vrai, estime)[0, 1] > 0.9
    # plus proche du niveau tiré des naissances que le niveau national (facteur 1)
    assert np.abs(estime - vrai).mean() < 0.5 * np.abs(1.0 - vrai).mean()
    assert set(sans.niveaux["source_fecondite"]) == {"enfants_0_4"}
    assert set(avec.niveaux["source_fecondite"]) == {"naissances"}
    assert "naissances_absentes" in set(sans.alertes["type"])
    assert "enfants" in sans.alertes.set_index("type").loc["naissances_absentes", "message"]


def test_methode_nationale_conservee_sur_demande(territoire, reference):
    m = estimer_modele(
        DonneesProjection(_recensements(territoire), territoire["communes"]),
        reference,
        ParametresEstimation(fecondite_sans_naissances="nationale"),
    )
    assert np.allclose(m.facteur_fecondite, 1.0)
    with pytest.raises(ValueError, match="fecondite_sans_naissances"):
        estimer_modele(
            DonneesProjection(_recensements(territoire), territoire["communes"]),
            reference,
            ParametresEstimation(fecondite_sans_naissances="autre"),
        )


def test_ecart_local_hors_des_migrations(territoire, reference):
    """Sans migrations (multiplicateur 0), les moins de 5 ans projetés restent proches de ceux
    que donnent les vraies naissances : l'écart local de fécondité n'est plus un solde migratoire
    des nouveau-nés, que le scénario de migration multiplierait."""
    pop = _recensements(territoire)
    com = territoire["communes"]
    scenario = Scenario("sans_migrations", horizon=2031, migration_multiplicateur=0.0)

    def moins_de_5(modele):
        cube = projeter(modele, scenario).cube  # (années, communes, sexes, âges)
        return cube[-1, :, :, :5].sum(axis=(1, 2))

    vrai = moins_de_5(
        estimer_modele(DonneesProjection(pop, com, territoire["naissances"]), reference)
    )
    enfants = moins_de_5(estimer_modele(DonneesProjection(pop, com), reference))
    nationale = moins_de_5(
        estimer_modele(
            DonneesProjection(pop, com),
            reference,
            ParametresEstimation(fecondite_sans_naissances="nationale"),
        )
    )
    assert np.abs(enfants - vrai).sum() < 0.5 * np.abs(nationale - vrai).sum()


def test_totaux_annuels_valent_les_tables_detaillees(territoire, reference):
    pop = _recensements(territoire)
    com = territoire["communes"]
    detail = estimer_modele(
        DonneesProjection(pop, com, territoire["naissances"], territoire["deces"]), reference
    )
    totaux = estimer_modele(DonneesProjection(pop, com, etat_civil=_totaux(territoire)), reference)
    np.testing.assert_allclose(totaux.facteur_fecondite, detail.facteur_fecondite, rtol=1e-9)
    np.testing.assert_allclose(totaux.icm, detail.icm, rtol=1e-9)
    assert "deces_absents" not in set(totaux.alertes["type"])
    assert "naissances_absentes" not in set(totaux.alertes["type"])


def test_periode_intercensitaire_en_moyenne_annuelle(territoire, reference):
    """NAIS1621 / DECE1621 (événements du 1er janvier 2016 au 1er janvier 2021) : la moyenne
    annuelle sur la fenêtre donne les mêmes niveaux que les années ; plus de naissances, un
    facteur plus haut ; plus de décès, un ICM plus haut."""
    pop = _recensements(territoire)
    com = territoire["communes"]
    annuel = _totaux(territoire)
    annuel = annuel[annuel["annee_debut"].between(2016, 2020)]
    periode = annuel.groupby("code_commune", as_index=False)[["naissances", "deces"]].sum()
    periode = periode.assign(annee_debut=2016, annee_fin=2021)
    m_annuel = estimer_modele(DonneesProjection(pop, com, etat_civil=annuel), reference)
    m_periode = estimer_modele(DonneesProjection(pop, com, etat_civil=periode), reference)
    np.testing.assert_allclose(m_periode.facteur_fecondite, m_annuel.facteur_fecondite, rtol=1e-9)
    np.testing.assert_allclose(m_periode.icm, m_annuel.icm, rtol=1e-9)
    plus = periode.assign(naissances=periode["naissances"] * 1.3, deces=periode["deces"] * 1.2)
    m_plus = estimer_modele(DonneesProjection(pop, com, etat_civil=plus), reference)
    assert (m_plus.facteur_fecondite > m_periode.facteur_fecondite).all()
    assert (m_plus.icm > m_periode.icm).all()
    # une année connue l'emporte sur la moyenne de la période qui la recouvre
    mixte = pd.concat([periode, annuel[annuel["annee_debut"] == 2020]], ignore_index=True)
    m_mixte = estimer_modele(DonneesProjection(pop, com, etat_civil=mixte), reference)
    assert not np.allclose(m_mixte.facteur_fecondite, m_periode.facteur_fecondite)


def test_etat_civil_invalide_et_restreint(territoire, reference):
    pop = _recensements(territoire)
    com = territoire["communes"]
    mauvais = pd.DataFrame(
        {"code_commune": ["29000"], "annee_debut": [2021], "annee_fin": [2015],
         "naissances": [10.0], "deces": [np.nan]}
    )  # fmt: skip
    with pytest.raises(ErreurDonnees, match="annee_fin doit suivre annee_debut"):
        estimer_modele(DonneesProjection(pop, com, etat_civil=mauvais), reference)
    with pytest.raises(ErreurDonnees, match="etat_civil : colonne\\(s\\) manquante\\(s\\) deces"):
        estimer_modele(
            DonneesProjection(pop, com, etat_civil=mauvais.drop(columns="deces")), reference
        )
    d = DonneesProjection(territoire["population"], com, etat_civil=_totaux(territoire))
    assert d.jusqu_a(2011).etat_civil["annee_fin"].max() == 2011
    assert set(d.restreindre(["29000"]).etat_civil["code_commune"]) == {"29000"}


def test_departements_geographie_connue_de_la_fecondite(donnees_partagees, reference):
    """Sur les estimations départementales 2011 et 2016 (sans naissances), le niveau tiré des
    enfants retrouve les écarts connus : fécondité forte en Seine-Saint-Denis (ICF ≈ 2,4) et en
    Guyane, faible à Paris (≈ 1,5) ; Mayotte (2011 non estimée) est bornée et signalée."""
    from models.projection import fiabilite as fb

    est = fb.lire_departements(donnees_partagees / fb.FICHIER_DEPARTEMENTS, [2011, 2016])
    m = estimer_modele(fb.donnees_departements(est, [2011, 2016]), reference)
    f = m.niveaux.set_index("code_commune")["facteur_fecondite"]
    mediane = f.median()
    assert f["93"] > 1.15 * mediane and f["973"] > 1.4 * mediane
    assert f["75"] < 0.8 * mediane
    assert 0.9 < mediane < 1.2
    assert f.max() <= 2.5
    bornees = m.alertes[m.alertes["type"] == "fecondite_bornee"]["code_commune"]
    assert list(bornees) == ["976"]


def test_resorption_de_l_ecart_tire_des_enfants(territoire, reference):
    pop = _recensements(territoire)
    com = territoire["communes"]
    prm = ParametresEstimation(convergence_fecondite_enfants=0.05, fecondite_depart=0.9)
    sans = estimer_modele(DonneesProjection(pop, com), reference, prm)
    f = sans.facteurs_fecondite(40)
    assert np.allclose(f[0], 0.9 * (sans.facteur_fecondite / 0.9) ** np.exp(-0.025))
    # l'écart au niveau national se résorbe, sans changer de signe
    ecart = np.abs(np.log(f / 0.9))
    assert (np.diff(ecart, axis=0) <= 1e-12).all() and (ecart[-1] < 0.2 * ecart[0] + 1e-9).all()
    # niveau tiré des naissances : tenu constant
    avec = estimer_modele(DonneesProjection(pop, com, territoire["naissances"]), reference, prm)
    assert np.allclose(avec.facteurs_fecondite(40), avec.facteur_fecondite[None, :])


def test_ajuster_convergence_retrouve_le_taux():
    from models.projection import fiabilite as fb

    rng = np.random.default_rng(0)
    lignes = []
    for origine in (1991, 1996, 2001, 2006, 2011):
        x = rng.normal(0, 0.1, 90)
        biais = rng.normal(0, 0.08)  # part nationale, commune aux départements
        for h in (5, 10):
            e = biais + (1 - np.exp(-0.05 * (h - 2.5))) * x + rng.normal(0, 0.01, 90)
            lignes.append(
                pd.DataFrame(
                    {"precedente": origine - 5, "origine": origine, "annee": origine + h,
                     "horizon": h, "fenetre": f"{origine} +{h}", "groupe": "0-4 ans",
                     "erreur_vigie": 100 * e, "ecart_fecondite": x}
                )
            )  # fmt: skip
    detail = pd.concat(lignes, ignore_index=True)
    assert fb.ajuster_convergence_fecondite(detail) == pytest.approx(0.05, abs=0.01)
    cv = fb.convergence_hors_periode(detail)
    assert set(cv) == {(o - 5, o) for o in (1991, 1996, 2001, 2006, 2011)}
    assert all(abs(v - 0.05) < 0.015 for v in cv.values())

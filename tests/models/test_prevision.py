"""Tests de la prévision des séries d'usage (issues 5 et 20) : contrat, qualité, garde-fous, lot.

Séries de 144 mois (ou moins) et candidats restreints quand le point du test le permet : le
fichier entier tourne en environ une minute sur un cœur chargé."""

from __future__ import annotations

import ast
import os
import subprocess
import sys
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from models import execution
from models.prevision import COLONNES, REGISTRE, prevoir, prevoir_lot, prevoir_serie
from models.prevision import garde_fous as guards
from models.prevision import mesures as metrics
from models.prevision.backtest import COLONNES_BACKTEST

from .conftest import serie_saisonniere

RACINE = Path(__file__).resolve().parents[2]


def _ordonnees(prev: pd.DataFrame) -> bool:
    p = prev
    eps = 1e-9
    return bool(
        (p.bas_95 <= p.bas_80 + eps).all()
        and (p.bas_80 <= p.moyenne + eps).all()
        and (p.moyenne <= p.haut_80 + eps).all()
        and (p.haut_80 <= p.haut_95 + eps).all()
    )


# --- le contrat -------------------------------------------------------------------------------


# Appel direct d'un candidat, hors de la chaîne qui capture les avertissements.
@pytest.mark.filterwarnings("ignore::statsmodels.tools.sm_exceptions.ConvergenceWarning")
@pytest.mark.parametrize("nom", [n for n in REGISTRE if n != "sarimax_population"])
def test_chaque_candidat_respecte_le_contrat(serie, nom):
    prev = prevoir(serie, 18, modele=nom, seasonal_period=12)
    assert list(prev.columns) == list(COLONNES)
    assert len(prev) == 18
    attendu = pd.date_range("2026-01-01", periods=18, freq="MS")
    assert (pd.DatetimeIndex(prev.periode) == attendu).all()
    assert _ordonnees(prev)
    largeur = prev.haut_95 - prev.bas_95
    assert largeur.iloc[-1] >= largeur.iloc[0] - 1e-6, nom


def test_resultat_schema_ordre_et_elargissement(serie):
    res = prevoir_serie(serie, 24)
    assert res.statut == "ok"
    assert set(res.durees_modeles) >= {"theta", "ets_additif", "sarimax"}
    assert list(res.prevision.columns) == list(COLONNES)
    assert len(res.prevision) == 24
    assert _ordonnees(res.prevision)
    largeur = res.prevision.haut_80 - res.prevision.bas_80
    assert largeur.iloc[-1] > largeur.iloc[0]
    assert list(res.backtest.columns) == list(COLONNES_BACKTEST)
    assert res.backtest.loc[res.backtest.retenu, "modele"].unique().tolist() == [res.modele]
    # Les références sont toujours calculées et rapportées.
    assert {"naive", "naive_saisonniere"} <= set(res.backtest.modele)
    # Issue 20 : sélection à l'horizon demandé (au plus 36 mois), 4 origines espacées d'un an.
    assert res.horizon_backtest == 24 and len(res.origines) == 4
    assert "combinaison" in set(res.backtest.modele)
    assert res.libelle_modele == REGISTRE[res.modele].libelle


def test_comptages_jamais_negatifs():
    # Un usage en forte baisse, proche de zéro : la tendance prolongée irait sous zéro.
    t = np.arange(60)
    v = np.clip(200 - 3.2 * t + 10 * np.sin(2 * np.pi * t / 12), 0, None)
    y = pd.Series(np.round(v), index=pd.date_range("2021-01-01", periods=60, freq="MS"))
    res = prevoir_serie(y, 36)
    assert (res.prevision[list(COLONNES[1:])] >= 0).all().all()


def test_modele_retenu_bat_la_naive_saisonniere(serie):
    res = prevoir_serie(serie, 12)
    b = res.backtest[res.backtest.horizon == 12].set_index("modele")
    assert res.modele != "naive_saisonniere"
    assert b.loc[res.modele, "mase"] < b.loc["naive_saisonniere", "mase"]


# --- séries réelles difficiles ----------------------------------------------------------------


def test_mois_manquants(serie):
    y = serie.drop(serie.index[[5, 30, 31, 77, 100, 101, 102, 103, 120]])
    res = prevoir_serie(y, 12)
    assert res.statut == "ok" and "mois_manquants" in res.drapeaux
    assert np.isfinite(res.prevision[list(COLONNES[1:])].to_numpy()).all()
    assert any(d.code == "valeurs_manquantes" for d in res.diagnostics)


def test_zeros_ecartent_les_modeles_multiplicatifs(serie):
    y = serie.copy()
    y.iloc[[10, 40, 70]] = 0.0
    res = prevoir_serie(y, 12)
    assert res.statut == "ok"
    assert "ets_multiplicatif" not in set(res.backtest.modele)


def test_serie_courte_sans_candidat_saisonnier(serie):
    res = prevoir_serie(serie.iloc[-20:], 12)
    assert "courte" in res.drapeaux
    assert "naive_saisonniere" not in set(res.backtest.modele)
    assert len(res.prevision) == 12


def test_serie_tres_courte_naive_seulement(serie):
    res = prevoir_serie(serie.iloc[-8:], 6)
    assert res.modele == "naive" and "tres_courte" in res.drapeaux
    assert (res.prevision.moyenne == serie.iloc[-1]).all()


def test_choc_2020_traite():
    y = serie_saisonniere(pente=0.0, bruit=8.0, graine=3)
    fenetre = (y.index >= "2020-03-01") & (y.index <= "2021-06-01")
    y[fenetre] = np.round(y[fenetre] * 0.3)
    res = prevoir_serie(y, 12)
    assert "choc_2020" in res.drapeaux
    # La prévision retrouve le niveau d'avant et d'après le choc (≈ 500), pas celui du choc.
    assert abs(res.prevision.moyenne.mean() - 500) < 60


def test_serie_interrompue_non_prevue(serie):
    lot = {"piscine": serie, "bibliotheque_fermee": serie.loc[:"2023-06-01"]}
    groupes = dict.fromkeys(lot, "mediatheque|1")
    res = prevoir_lot(lot, 12, n_jobs=1, candidats=["ets_additif"], groupes=groupes)
    assert res["piscine"].statut == "ok"
    ferme = res["bibliotheque_fermee"]
    assert ferme.statut == "serie_interrompue" and ferme.prevision.empty
    assert "interrompue" in ferme.diagnostics[0].message


def test_serie_sans_pair_prevue_jusqu_a_sa_fin(serie):
    """Issue 20 : une série importée seule (sans pair du même service et de la même source)
    finissant avant les autres séries du lot est prévue, pas déclarée interrompue."""
    lot = {"demo_piscine": serie, "import_naissances": serie.loc[:"2018-12-01"].iloc[-36:]}
    groupes = {"demo_piscine": "piscine|1", "import_naissances": "naissances|7"}
    res = prevoir_lot(lot, 12, n_jobs=1, candidats=["ets_additif"], groupes=groupes)
    assert res["import_naissances"].statut == "ok"
    assert pd.Timestamp(res["import_naissances"].prevision.periode.iloc[0]) == pd.Timestamp(
        "2019-01-01"
    )
    # Sans groupes, aucune série n'a de pair : rien n'est interrompu faute de données récentes.
    sans = prevoir_lot(lot, 6, n_jobs=1, candidats=["ets_additif"])
    assert all(r.statut == "ok" for r in sans.values())


def test_equipement_ferme_interrompu(serie):
    res = prevoir_lot({"s": serie}, 6, n_jobs=1, candidats=["ets_additif"], fermetures={"s": 2025})
    assert res["s"].statut == "serie_interrompue"
    assert "fermé en 2025" in res["s"].diagnostics[0].message


def test_zeros_finaux_fermeture(serie):
    y = serie.copy()
    y.iloc[-5:] = 0.0
    res = prevoir_serie(y, 12)
    assert res.statut == "serie_interrompue" and res.prevision.empty


def test_ouverture_tardive_utilise_ses_seules_donnees(serie):
    y = serie.copy()
    y.loc[:"2019-08-01"] = 0.0  # l'équipement ouvre en septembre 2019
    res = prevoir_serie(y, 12)
    assert "ouverture_tardive" in res.drapeaux
    assert res.origines[0] > pd.Timestamp("2019-09-01")
    # Série commençant tard, sans zéros : rien de spécial, prévision normale.
    res2 = prevoir_serie(serie.loc["2019-09-01":], 12)
    assert res2.statut == "ok" and len(res2.prevision) == 12


def test_rupture_de_niveau(serie):
    y = serie.copy()
    y.loc["2022-01-01":] = y.loc["2022-01-01":] * 2  # extension de l'équipement
    res = prevoir_serie(y, 12)
    assert "rupture_de_niveau" in res.drapeaux
    assert res.prevision.moyenne.mean() > 1.5 * serie.iloc[-24:].mean()


def test_serie_annuelle():
    y = pd.Series(
        [1000.0 + 25 * i for i in range(14)],
        index=pd.date_range("2012-01-01", periods=14, freq="YS"),
    )
    res = prevoir_serie(y, 5)
    assert res.statut == "ok" and len(res.prevision) == 5
    assert res.horizon_backtest == 3
    assert pd.Timestamp(res.prevision.periode.iloc[0]) == pd.Timestamp("2026-01-01")


def test_population_comme_variable_explicative(serie):
    index_futur = pd.date_range("2026-01-01", periods=12, freq="MS")
    pop = pd.Series(np.linspace(10_000, 11_500, 144 + 12), index=serie.index.append(index_futur))
    res = prevoir_serie(
        serie, 12, exog_past=pop.loc[:"2025-12-01"], exog_future=pop.loc["2026-01-01":]
    )
    assert "sarimax_population" in set(res.backtest.modele)
    assert res.statut == "ok"


# --- diagnostics, erreurs, garde-fous ---------------------------------------------------------


def test_avertissements_en_diagnostics_rien_d_imprime(serie, capsys, recwarn):
    res = prevoir_serie(serie, 12, maxiter=3)
    assert any(d.code == "non_convergence" for d in res.diagnostics)
    assert all(
        "statsmodels" not in d.message or "avertissement" in d.message for d in res.diagnostics
    )
    sortie = capsys.readouterr()
    assert sortie.out == "" and sortie.err == ""
    assert len(recwarn) == 0


@pytest.mark.parametrize(
    ("appel", "motif"),
    [
        (lambda s: prevoir_serie(s.iloc[:0], 12), "« y ».*vide"),
        (lambda s: prevoir_serie(pd.Series(dtype=float), 12), "« y »"),
        (lambda s: prevoir_serie(s.reset_index(drop=True), 12), "« y ».*DatetimeIndex"),
        (
            lambda s: prevoir_serie(
                pd.Series(1.0, index=pd.date_range("2024-01-01", periods=90, freq="D")), 12
            ),
            "« y ».*mensuel",
        ),
        (lambda s: prevoir_serie(s, -3), "« horizon ».*positif"),
        (lambda s: prevoir_serie(s, 0), "« horizon »"),
        (lambda s: prevoir_serie(s, 2.5), "« horizon »"),
        (lambda s: prevoir_serie(s, 12, exog_past=s), "« exog_future »"),
        (lambda s: prevoir_serie(-s, 12), "« y ».*négative"),
        (lambda s: prevoir_serie(s, 12, candidats=["prophete"]), "« candidats »"),
    ],
)
def test_mauvaises_entrees(serie, appel, motif):
    with pytest.raises(ValueError, match=motif):
        appel(serie)


def test_garde_fou_explosion_unitaire(serie):
    index = pd.date_range("2026-01-01", periods=3, freq="MS")
    ok = pd.DataFrame({"periode": index, **{c: [600.0] * 3 for c in COLONNES[1:]}})
    assert guards.explosion(ok, serie, 12) is None
    fou = ok.assign(moyenne=[600.0, 5_000.0, 50_000.0], haut_80=1e5, haut_95=1e6)
    assert "3 fois" in guards.explosion(fou, serie, 12)
    neg = ok.assign(bas_95=-10.0, bas_80=-5.0)
    assert (guards.borner_comptages(neg)[list(COLONNES[1:])] >= 0).all().all()


def test_garde_fou_explosion_repli_signale(serie, monkeypatch):
    """Un candidat parfait au backtest mais explosif au-delà des données : repli sur référence."""
    from dataclasses import replace

    from models.prevision import registre as registry
    from models.prevision.contrat import cadre_normal, index_futur

    def oracle(y, horizon, **_kw):
        futur = index_futur(y, horizon)
        connu = serie.reindex(futur)
        moyenne = connu.fillna(serie.max() * 100).to_numpy()
        return cadre_normal(futur, moyenne, np.full(horizon, 1.0))

    faux = replace(registry.REGISTRE["ets_additif"], nom="ets_additif", fonction=oracle)
    monkeypatch.setitem(registry.REGISTRE, "ets_additif", faux)
    res = prevoir_serie(serie, 12, candidats=["ets_additif"])
    assert res.repli_sur_reference and "repli_sur_reference" in res.drapeaux
    assert res.modele in ("naive", "naive_saisonniere")
    assert res.prevision.moyenne.max() <= serie.max()
    assert any(d.code == "repli_sur_reference" for d in res.diagnostics)


# --- mesures et lot ---------------------------------------------------------------------------


def test_mesures():
    appr = np.array([10.0, 20, 30, 40, 12, 22, 32, 42])
    assert metrics.echelle_mase(appr, 4) == pytest.approx(2.0)
    assert metrics.mase([14, 24], [14, 26], appr, 4) == pytest.approx(0.5)
    assert metrics.smape([0, 100], [0, 100]) == 0.0
    assert metrics.smape([100], [300]) == pytest.approx(100.0)
    assert metrics.couverture([1, 2, np.nan, 10], [0, 0, 0, 0], [5, 5, 5, 5]) == pytest.approx(
        2 / 3
    )


def test_lot_en_processus(serie):
    lot = {f"s{i}": serie_saisonniere(n=36, graine=i) for i in range(3)}
    lot["invalide"] = pd.Series([1.0, 2.0], index=pd.to_datetime(["2024-01-15", "2024-02-15"]))
    vus = []
    res = prevoir_lot(
        lot, 6, n_jobs=2, candidats=["ets_additif"], rappel=lambda c, i, n: vus.append(c)
    )
    assert list(res) == list(lot)
    assert all(res[f"s{i}"].statut == "ok" for i in range(3))
    assert (
        res["invalide"].statut == "erreur" and "mensuel" in res["invalide"].diagnostics[0].message
    )
    assert sorted(vus) == sorted(lot)


def test_models_n_importe_ni_streamlit_ni_duckdb():
    for fichier in (RACINE / "models").rglob("*.py"):
        arbre = ast.parse(fichier.read_text(encoding="utf-8"))
        for noeud in ast.walk(arbre):
            noms = []
            if isinstance(noeud, ast.Import):
                noms = [a.name for a in noeud.names]
            elif isinstance(noeud, ast.ImportFrom) and noeud.module:
                noms = [noeud.module]
            assert not any(n.split(".")[0] in ("streamlit", "duckdb") for n in noms), fichier


# --- issue 20 : fuite, combinaison, recalage, structure ----------------------------------------


def test_preparation_refaite_a_chaque_origine_sans_donnees_posterieures(serie, monkeypatch):
    """Chaque origine du backtest est préparée avec ses seules données (pas de fuite du choc 2020
    ni de la rupture vues sur toute la série)."""
    from models.prevision import backtest

    vues = []
    vraie = backtest.preparer_serie

    def espion(y, **kw):
        vues.append(y.dropna().index.max())
        return vraie(y, **kw)

    monkeypatch.setattr(backtest, "preparer_serie", espion)
    res = prevoir_serie(serie, 12, candidats=["ets_additif"])
    assert len(vues) == len(res.origines) == 4
    assert vues == res.origines  # chaque préparation s'arrête à son origine


def test_parametres_reutilises_d_une_origine_a_l_autre(serie, monkeypatch):
    """ETS est estimé une fois (plus ancienne origine), filtré aux suivantes, réestimé à chaud à
    la fin : 2 optimisations au lieu de 5."""
    from statsmodels.tsa.exponential_smoothing.ets import ETSModel

    appels = {"fit": 0, "smooth": 0}
    fit, smooth = ETSModel.fit, ETSModel.smooth

    def compter(nom, f):
        def g(self, *a, **k):
            appels[nom] += 1
            return f(self, *a, **k)

        return g

    monkeypatch.setattr(ETSModel, "fit", compter("fit", fit))
    monkeypatch.setattr(ETSModel, "smooth", compter("smooth", smooth))
    res = prevoir_serie(serie, 12, candidats=["ets_additif"])
    assert res.modele == "ets_additif"
    assert appels["fit"] == 2
    assert appels["smooth"] >= 3


def test_choix_avec_tolerance_prefere_le_plus_simple():
    from models.prevision.backtest import choisir

    assert choisir({"sarimax": 0.80, "theta": 0.81, "naive_saisonniere": 0.95}) == "theta"
    assert choisir({"sarimax": 0.80, "theta": 0.85}) == "sarimax"
    # La combinaison l'emporte à moins de 10 % du meilleur modèle seul.
    assert choisir({"combinaison": 0.75, "ets_additif": 0.70}) == "combinaison"
    assert choisir({"combinaison": 0.80, "ets_additif": 0.70}) == "ets_additif"
    # Une référence seulement si elle bat nettement les modèles.
    assert choisir({"naive_saisonniere": 0.78, "theta": 0.80}) == "theta"
    assert choisir({"naive_saisonniere": 0.50, "theta": 0.80}) == "naive_saisonniere"
    assert choisir({"naive": 1.0, "naive_saisonniere": 1.01}) == "naive"
    assert choisir({"theta": float("nan")}) is None


def test_recalage_des_intervalles():
    """Un intervalle deux fois trop étroit au backtest est élargi d'un facteur proche de 2."""
    from models.prevision.backtest import facteurs_recalage, recaler
    from models.prevision.contrat import cadre_normal

    rng = np.random.default_rng(0)
    index = pd.date_range("2020-01-01", periods=12, freq="MS")
    previsions, reels = [], []
    for _ in range(40):
        previsions.append(cadre_normal(index, np.zeros(12), np.full(12, 1.0)))
        reels.append(rng.normal(0, 2.0, 12))
    f = facteurs_recalage(previsions, reels, 12)
    assert 1.6 < f[80][0] < 2.5 and 1.6 < f[95][0] < 2.5
    large = recaler(previsions[0], f).cadre()
    assert (large.haut_80 - large.moyenne).iloc[0] == pytest.approx(
        f[80][0] * (previsions[0].haut_80 - previsions[0].moyenne).iloc[0]
    )
    assert _ordonnees(large)


def test_recalage_par_les_erreurs_en_echelles_mase():
    """Issue 20 (calibrage de chaque candidat) : avec les échelles MASE des origines, la largeur
    vient des erreurs du backtest, pas de la largeur du modèle à l'origine ; la forme du modèle
    (mois large, mois étroit) est gardée."""
    from models.prevision.backtest import facteurs_recalage, recaler
    from models.prevision.contrat import cadre_normal

    rng = np.random.default_rng(0)
    index = pd.date_range("2020-01-01", periods=12, freq="MS")
    forme = np.where(np.arange(12) % 2 == 0, 0.5, 1.5)  # moyenne 1 sur la tranche
    previsions = [cadre_normal(index, np.zeros(12), 5.0 * forme) for _ in range(60)]
    reels = [rng.normal(0, 2.0 * forme) for _ in range(60)]
    f = facteurs_recalage(previsions, reels, 12, [1.0] * 60)
    assert f["mode"] == "echelle"
    assert 2.2 < f[80][0] < 2.9 and 3.4 < f[95][0] < 4.6  # 1,28 × 2 et 1,96 × 2
    final = recaler(cadre_normal(index, np.full(12, 100.0), np.full(12, 9.0) * forme), f, 3.0)
    demi = np.asarray(final.haut_80 - final.moyenne)
    m = f["multiplicatif"][80][0]  # second recalage, multiplicatif, moyenné géométriquement
    z = 1.2815515655446004  # demi-largeur à 80 % d'une loi normale, en écarts-types
    assert demi[0] == pytest.approx(np.sqrt(f[80][0] * 3.0 * 0.5 * m * z * 9.0 * 0.5))
    assert demi[1] == pytest.approx(np.sqrt(f[80][0] * 3.0 * 1.5 * m * z * 9.0 * 1.5))
    assert demi[1] / demi[0] == pytest.approx(3.0)  # la forme du modèle est gardée
    assert _ordonnees(final.cadre())
    # Sans échelle valide : recalage multiplicatif comme avant.
    assert facteurs_recalage(previsions, reels, 12, [0.0] * 60)["mode"] == "facteur"


def test_naive_saisonniere_largeur_selon_le_mois():
    """Issue 20 : sur une série positive très saisonnière, l'intervalle d'un mois creux est plus
    étroit que celui d'un mois de pointe (plus la même largeur tous les mois)."""
    index = pd.date_range("2018-01-01", periods=60, freq="MS")
    rng = np.random.default_rng(1)
    v = 1000 * (1 + 0.8 * np.cos(2 * np.pi * (index.month - 7) / 12)) * rng.lognormal(0, 0.1, 60)
    prev = prevoir(pd.Series(v, index=index), 12, modele="naive_saisonniere")
    largeur = (prev.haut_95 - prev.bas_95).to_numpy()
    assert largeur[6] > 5 * largeur[0]  # juillet contre janvier


def test_contrat_n_importe_rien_du_paquet():
    """Issue 20 : plus de cycle contrat → registre → candidats caché par un import tardif."""
    arbre = ast.parse((RACINE / "models" / "prevision" / "contrat.py").read_text("utf-8"))
    for noeud in ast.walk(arbre):
        if isinstance(noeud, ast.ImportFrom):
            assert noeud.level == 0 and not (noeud.module or "").startswith("models"), noeud.module
        if isinstance(noeud, ast.FunctionDef):
            assert not any(isinstance(n, (ast.Import, ast.ImportFrom)) for n in ast.walk(noeud))


def _variables_blas(_: int) -> str | None:
    """Tâche exécutée dans un processus du groupe : son réglage de fils BLAS."""
    return os.environ.get("OPENBLAS_NUM_THREADS")


SCRIPT_BLAS = """
import os, sys
sys.path.insert(0, {racine!r})
import numpy  # le programme principal a numpy, comme « python -m vigie forecast »
from models import execution

def fils(_):
    import threadpoolctl
    return [i["num_threads"] for i in threadpoolctl.threadpool_info() if i["user_api"] == "blas"]

if __name__ == "__main__":
    with execution.executeur("processus", 2) as ex:
        print(ex.appliquer(fils, [0, 1]))
"""


def test_blas_charge_a_un_fil_dans_chaque_processus(tmp_path):
    """Issue 20 : « spawn » réimporte le programme principal (ici avec numpy) avant
    l'initialiseur ; la bibliothèque BLAS chargée dans chaque processus n'a pourtant qu'un fil."""
    pytest.importorskip("threadpoolctl")
    script = tmp_path / "blas.py"
    script.write_text(SCRIPT_BLAS.format(racine=str(RACINE)), encoding="utf-8")
    env = {k: v for k, v in os.environ.items() if not k.endswith("_NUM_THREADS")}
    sortie = subprocess.run(
        [sys.executable, str(script)], env=env, capture_output=True, text=True, check=True
    ).stdout
    assert ast.literal_eval(sortie.strip()) == [[1], [1]]


def test_fils_blas_fixes_dans_chaque_processus(monkeypatch):
    """Issue 20 : le réglage atteint les processus, démarrés au premier submit."""
    monkeypatch.delenv("OPENBLAS_NUM_THREADS", raising=False)
    with execution.executeur("processus", 2) as ex:
        assert ex.appliquer(_variables_blas, [0, 1, 2]) == ["1", "1", "1"]

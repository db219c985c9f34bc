"""Issue 20 : un export BDM de l'INSEE importé comme **série d'usage** à la demande de
l'utilisateur (``python -m vigie import FICHIER --usage SERVICE``), ses mois absents (code « O »,
cellule vide) gardés comme des trous jusqu'à la prévision, et la commande qui dit que
``python -m vigie forecast`` la prévoira. Série courte et deux candidats : le test reste bref."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from tests.conftest import lire
from vigie.alimentation import importation
from vigie.alimentation.importation import depot, formats
from vigie.alimentation.previsions import calculer_previsions
from vigie.cli import principal


def _export_bdm(chemin, mois: int = 72, trous: tuple[int, ...] = (10, 40)) -> None:
    """Un export BDM tel que publié : champs entre guillemets, « ; », lignes d'en-tête (Libellé,
    idBank, Dernière mise à jour, Période), puis les mois du plus récent au plus ancien."""
    index = pd.date_range(end="2025-12-01", periods=mois, freq="MS")
    rng = np.random.default_rng(3)
    valeurs = 60000 + 4000 * np.cos(2 * np.pi * index.month / 12) + rng.normal(0, 500, mois)
    lignes = [
        '"Libellé";"Démographie - Nombre de naissances vivantes - France métropolitaine";"Codes"',
        '"idBank";"000436391";""',
        '"Dernière mise à jour";"03/09/2026 12:00";""',
        '"Période";"";""',
    ]
    for k in range(mois - 1, -1, -1):
        periode = f"{index[k]:%Y-%m}"
        if k == trous[0]:
            lignes.append(f'"{periode}";"";"O"')  # valeur absente codée « O »
        elif k == trous[1]:
            lignes.append(f'"{periode}";"";""')  # cellule vide
        else:
            lignes.append(f'"{periode}";"{valeurs[k]:.0f}";"A"')
    chemin.write_text("\n".join(lignes) + "\n", encoding="utf-8")


def test_bdm_lu_comme_usage_avec_ses_trous(tmp_path):
    bdm = tmp_path / "valeurs_mensuelles.csv"
    _export_bdm(bdm)
    assert formats.lire(bdm).format == "serie_bdm"  # sans le choix : série nationale
    lot = formats.lire(bdm, usage={"service": "petite_enfance", "unite": "naissances"})
    assert lot.format == "usages_bdm"
    serie = lot.tables["usage_serie"].iloc[0]
    assert (serie["id_serie"], serie["service"], serie["unite"], serie["frequence"]) == (
        "bdm_000436391",
        "petite_enfance",
        "naissances",
        "mensuelle",
    )
    assert "Nombre de naissances" in serie["indicateur"]
    obs = lot.tables["usage_observation"]
    assert len(obs) == 70 and list(obs["periode"]) == sorted(obs["periode"])
    assert "2 mois manquants gardés comme des trous" in " ".join(lot.remarques)


def test_usage_refuse_hors_bdm_ou_service_inconnu(tmp_path):
    bdm = tmp_path / "bdm.csv"
    _export_bdm(bdm, mois=24)
    with pytest.raises(importation.ErreurImport, match="service « bibliotheque » inconnu"):
        formats.lire(bdm, usage={"service": "bibliotheque"})
    modele = tmp_path / "usages.csv"
    modele.write_text(
        "id_serie;service;indicateur;unite;periode;valeur\nS1;piscine;entrées;entrées;2024-01;10\n",
        encoding="utf-8",
    )
    with pytest.raises(importation.ErreurImport, match="seul un export de la BDM"):
        formats.lire(modele, usage={"service": "piscine"})


def test_import_usage_puis_prevision(base_copie, tmp_path, capsys):
    bdm = tmp_path / "naissances.csv"
    _export_bdm(bdm)
    code = principal(["import", str(bdm), "--usage", "petite_enfance", "--unite", "naissances"])
    sortie = capsys.readouterr()
    assert code == 0, sortie.err
    assert "python -m vigie forecast" in sortie.out
    assert depot.lire_manifeste()[-1]["usage"]["service"] == "petite_enfance"
    ((n, service),) = lire(
        base_copie,
        "select count(*), any_value(s.service) from usage_observation o "
        "join usage_serie s using (id_serie) where id_serie = 'bdm_000436391'",
    )
    assert (n, service) == (70, "petite_enfance")
    # Le même fichier sans le choix d'usage : refusé en disant de le retirer d'abord.
    assert principal(["import", str(bdm)]) == 1
    assert "--retirer" in capsys.readouterr().err

    # La série se prévoit : ses trous restent des trous, elle n'est pas « interrompue » bien
    # que la démonstration ait d'autres fins (sa fin est la sienne).
    sortie_prev = tmp_path / "previsions.duckdb"
    rapport = calculer_previsions(
        base_copie,
        sortie_prev,
        processus=1,
        candidats=["naive_saisonniere", "ets_additif"],
        series_retenues=["bdm_000436391"],
    )
    assert rapport is not None
    ((statut, modele),) = lire(
        sortie_prev,
        "select statut, modele from prevision_serie where id_serie = 'bdm_000436391'",
    )
    assert statut == "ok" and modele
    ((mois, premier),) = lire(
        sortie_prev,
        "select count(*), min(periode) from prevision_usage where id_serie = 'bdm_000436391'",
    )
    assert mois == 36 and str(premier)[:7] == "2026-01"

"""Une France (ou une région) synthétique pour mesurer Vigie à grande échelle : environ 35 000
communes dans 1 250 EPCI et 96 départements, écrites au format de fichiers du territoire de
démonstration pour que la construction ordinaire (`python -m vigie build --demo DOSSIER`) les
charge.

Pas de données réelles : les tailles suivent une loi log-normale, la population par sexe et âge,
les naissances et les décès viennent de `models.projection.synthetique` (le moteur qui se simule
lui-même avec un bruit de Poisson), et les séries de fréquentation sont un niveau × saisonnalité ×
tendance × bruit. Déterministe (graine fixe) : deux exécutions donnent les mêmes fichiers. Généré
au moment du bench dans un dossier temporaire, jamais versionné.

    python -m vigie.demo.national --communes 35000 --sortie /tmp/france
    python -m vigie build --demo /tmp/france --base /tmp/france.duckdb
"""

from __future__ import annotations

import argparse
import csv
import json
import time
from pathlib import Path

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq

from models.projection.synthetique import territoire_synthetique

GRAINE = 20261126
EDITEUR = "Vigie — France synthétique (mesures de vitesse)"
LICENCE = "Licence Ouverte / Etalab 2.0"
# 96 départements métropolitains (01..95 sans 20, plus 2A et 2B) en 13 régions de codes consécutifs
DEPARTEMENTS = (
    [f"{i:02d}" for i in range(1, 20)] + ["2A", "2B"] + [f"{i:02d}" for i in range(21, 96)]
)
REGIONS = 13
ANNEES_RECENSEMENT = (2006, 2011, 2016, 2021)  # 2011 -> 2021 : backtest à 10 ans de la base
MOIS = pd.date_range("2014-01-01", "2025-12-01", freq="MS")
SEUIL_SERIES_COMMUNE = 2_000  # dès 2 000 habitants : une cantine et une bibliothèque


def _ecrire_csv(df: pd.DataFrame, chemin: Path) -> None:
    df.to_csv(chemin, sep=";", index=False, encoding="utf-8", lineterminator="\n")


def _ecrire_parquet(df: pd.DataFrame, chemin: Path, valeur: str) -> None:
    table = pa.table(
        {
            "code_commune": pa.array(df["code_commune"].astype(str), pa.string()),
            "annee": pa.array(df["annee"].to_numpy(np.int16)),
            "sexe": pa.array(df["sexe"].to_numpy(np.int16)),
            "age": pa.array(df["age"].to_numpy(np.int16)),
            valeur: pa.array(df[valeur].to_numpy(float)),
        }
    )
    pq.write_table(table, chemin, compression="zstd")


def _geographie(n: int, taille_epci: int, n_departements: int) -> pd.DataFrame:
    """Communes réparties également sur les `n_departements` premiers départements, en EPCI de
    `taille_epci` communes à l'intérieur de chacun."""
    par_dep = np.zeros(len(DEPARTEMENTS), dtype=int)
    par_dep[:n_departements] = n // n_departements
    par_dep[: n % n_departements] += 1
    lignes, numero_epci = [], 0
    for d, (dep, nombre) in enumerate(zip(DEPARTEMENTS, par_dep, strict=True)):
        if nombre == 0:
            continue
        n_epci = max(1, round(nombre / taille_epci))
        for i in range(nombre):
            epci = numero_epci + i * n_epci // nombre
            lignes.append((f"{dep}{i + 1:03d}", dep, f"{d * REGIONS // len(DEPARTEMENTS) + 1:02d}",
                           f"2{epci:08d}", d, i, nombre))  # fmt: skip
        numero_epci += n_epci
    return pd.DataFrame(
        lignes,
        columns=["code_commune", "code_dep", "code_reg", "code_epci", "rang_dep", "rang", "n_dep"],
    )


def _contours(geo: pd.DataFrame) -> dict:
    """Un carré par commune sur une grille par département (lon/lat autour de la France
    métropolitaine)."""
    entites = []
    cote = 0.04
    for ligne in geo.itertuples():
        colonnes = int(np.ceil(np.sqrt(ligne.n_dep)))
        x0 = -4.5 + (ligne.rang_dep % 12) * 0.8 + (ligne.rang % colonnes) * cote
        y0 = 42.5 + (ligne.rang_dep // 12) * 0.85 + (ligne.rang // colonnes) * cote
        anneau = [[round(x, 4), round(y, 4)] for x, y in
                  [(x0, y0), (x0 + cote, y0), (x0 + cote, y0 + cote), (x0, y0 + cote), (x0, y0)]]  # fmt: skip
        entites.append(
            {
                "type": "Feature",
                "properties": {"code_commune": ligne.code_commune},
                "geometry": {"type": "Polygon", "coordinates": [anneau]},
            }
        )
    return {"type": "FeatureCollection", "features": entites}


def _usages(communes: pd.DataFrame, habitants: pd.Series, rng: np.random.Generator):
    """Équipements et séries mensuelles : cantine et bibliothèque dans les communes de 2 000
    habitants ou plus, eau et déchets par EPCI (dans sa plus grande commune)."""
    grandes = communes[
        habitants.reindex(communes["code_commune"]).to_numpy() >= SEUIL_SERIES_COMMUNE
    ]
    series, equipements = [], []
    services = [
        ("restauration_scolaire", "Restaurant scolaire", "repas servis", "repas", 0.9),
        ("mediatheque", "Médiathèque", "prêts", "prêts", 0.45),
    ]
    for service, type_eq, indicateur, unite, par_hab in services:
        for code in grandes["code_commune"]:
            ident = f"{service[:4].upper()}-{code}"
            equipements.append((ident, code, service, type_eq, f"{type_eq} de {code}", par_hab))
            series.append((f"US-{ident}", service, indicateur, unite, code, ident,
                           habitants[code] * par_hab))  # fmt: skip
    hab_epci = habitants.groupby(communes.set_index("code_commune")["code_epci"]).sum()
    plus_grande = (
        communes.assign(h=habitants.reindex(communes["code_commune"]).to_numpy())
        .sort_values("h", ascending=False)
        .drop_duplicates("code_epci")
        .set_index("code_epci")["code_commune"]
    )
    for service, type_eq, indicateur, unite, par_hab in [
        ("eau", "Réseau d'eau potable", "volume distribué", "m³", 4.5),
        ("dechets", "Collecte des déchets", "ordures ménagères résiduelles collectées", "t", 0.02),
    ]:
        for epci, h in hab_epci.items():
            code = plus_grande[epci]
            ident = f"{service[:4].upper()}-{epci}"
            equipements.append((ident, code, service, type_eq, f"{type_eq} {epci}", par_hab))
            series.append((f"US-{ident}", service, indicateur, unite, code, ident, h * par_hab))
    eq = pd.DataFrame(
        [(i, c, s, t, n, None, "", None, 1990, None) for i, c, s, t, n, _ in equipements],
        columns=["id_equipement", "code_commune", "service", "type_equipement", "nom", "capacite",
                 "unite_capacite", "effectif", "annee_ouverture", "annee_fermeture"],
    )  # fmt: skip
    meta = pd.DataFrame(
        series,
        columns=["id_serie", "service", "indicateur", "unite", "code_commune", "id_equipement",
                 "niveau"],
    )  # fmt: skip
    # niveau × saisonnalité (vacances scolaires des cantines, été pour l'eau) × tendance × bruit
    S, T = len(meta), len(MOIS)
    mois = MOIS.month.to_numpy()
    saison = np.ones((S, T))
    cantine = (meta["service"] == "restauration_scolaire").to_numpy()
    saison[cantine] = np.where(np.isin(mois, [7, 8]), 0.05, 1.0)[None]
    saison[~cantine] = 1 + rng.uniform(0.05, 0.25, (int((~cantine).sum()), 1)) * np.cos(
        2 * np.pi * (mois[None] - 7) / 12
    )
    tendance = np.exp(rng.normal(0, 0.002, (S, 1)) * np.arange(T)[None])
    bruit = rng.gamma(60, 1 / 60, (S, T))
    valeurs = np.round(meta["niveau"].to_numpy()[:, None] / 12 * saison * tendance * bruit, 1)
    obs = pd.DataFrame(
        {
            "id_serie": np.repeat(meta["id_serie"].to_numpy(), T),
            "periode": np.tile(MOIS.strftime("%Y-%m-%d"), S),
            "valeur": np.maximum(valeurs, 0.1).ravel(),
        }
    )
    return eq, meta.drop(columns="niveau").assign(frequence="mensuelle"), obs


def generer(
    sortie: Path,
    n_communes: int = 35_000,
    taille_epci: int = 28,
    graine: int = GRAINE,
    n_departements: int | None = None,
) -> dict[str, float]:
    """Écrit le territoire synthétique dans `sortie` (format de démonstration) ; renvoie comptes et
    durées.

    `n_departements` vaut par défaut environ 365 communes par département (les 96 pour la France,
    3 pour une région de 1 200 communes comme la Bretagne)."""
    n_departements = n_departements or min(len(DEPARTEMENTS), max(1, round(n_communes / 365)))
    if n_communes > 999 * n_departements:
        raise ValueError(f"{n_communes} communes : au plus 999 par département.")
    debut = time.perf_counter()
    sortie = Path(sortie)
    sortie.mkdir(parents=True, exist_ok=True)
    rng = np.random.default_rng(graine)
    geo = _geographie(n_communes, taille_epci, n_departements)
    demo = territoire_synthetique(
        n_communes, annees=(ANNEES_RECENSEMENT[0], ANNEES_RECENSEMENT[-1]),
        taille_epci=taille_epci, graine=graine,
        population_mediane=450.0,
    )  # fmt: skip
    # les codes propres au moteur reportés sur les codes nationaux, dans l'ordre
    passage = dict(zip(demo["communes"]["code_commune"], geo["code_commune"], strict=True))
    population = demo["population"]
    population = population[population["annee"].isin(ANNEES_RECENSEMENT)]
    population = population.assign(code_commune=population["code_commune"].map(passage))
    naissances = demo["naissances"].assign(
        code_commune=lambda d: d["code_commune"].map(passage),
        naissances=lambda d: d["naissances"].round().astype(int),
    )
    deces = demo["deces"][demo["deces"]["deces"] > 0]
    deces = deces.assign(code_commune=deces["code_commune"].map(passage))

    communes = geo.assign(
        nom_commune=[f"Commune {c}" for c in geo["code_commune"]],
        littoral=0,
        superficie_km2=np.round(rng.lognormal(np.log(15), 0.6, len(geo)), 2),
    )
    _ecrire_csv(
        communes[["code_commune", "nom_commune", "code_epci", "code_dep", "code_reg", "littoral",
                  "superficie_km2"]],
        sortie / "communes.csv",
    )  # fmt: skip
    epci = communes.drop_duplicates("code_epci")[["code_epci"]].assign(
        nom_epci=lambda d: "Intercommunalité " + d["code_epci"], nature_epci="CC"
    )
    _ecrire_csv(epci, sortie / "epci.csv")
    deps = communes.drop_duplicates("code_dep")[["code_dep", "code_reg"]]
    _ecrire_csv(
        deps.assign(nom_dep=lambda d: "Département " + d["code_dep"])[
            ["code_dep", "nom_dep", "code_reg"]
        ],
        sortie / "departements.csv",
    )
    regions = sorted(communes["code_reg"].unique())
    _ecrire_csv(
        pd.DataFrame(
            {
                "code_territoire": [f"REG{r}" for r in regions],
                "nom_territoire": [f"Région synthétique {r}" for r in regions],
                "type_territoire": "autre",
            }
        ),
        sortie / "territoires.csv",
    )
    _ecrire_csv(
        pd.DataFrame(
            {
                "code_territoire": "REG" + communes["code_reg"],
                "code_commune": communes["code_commune"],
            }
        ),
        sortie / "territoire_communes.csv",
    )
    (sortie / "communes.geojson").write_text(
        json.dumps(_contours(communes), separators=(",", ":")), encoding="utf-8"
    )
    _ecrire_parquet(population, sortie / "population.parquet", "population")
    _ecrire_csv(
        naissances[["code_commune", "annee", "sexe", "naissances"]], sortie / "naissances.csv"
    )
    _ecrire_parquet(deces, sortie / "deces.parquet", "deces")
    habitants = (
        population[population["annee"] == ANNEES_RECENSEMENT[-1]]
        .groupby("code_commune")["population"]
        .sum()
    )
    eq, series, obs = _usages(communes, habitants, rng)
    _ecrire_csv(eq, sortie / "equipements.csv")
    _ecrire_csv(
        series[["id_serie", "service", "indicateur", "unite", "frequence", "code_commune",
                "id_equipement"]],
        sortie / "usage_series.csv",
    )  # fmt: skip
    _ecrire_csv(obs, sortie / "usage_observations.csv")
    with open(sortie / "sources.csv", "w", encoding="utf-8", newline="") as f:
        ecrivain = csv.writer(f, delimiter=";", lineterminator="\n")
        ecrivain.writerow(["fichier", "editeur", "titre", "millesime", "licence", "url"])
        for fichier in sorted(p.name for p in sortie.iterdir() if p.name != "sources.csv"):
            ecrivain.writerow([fichier, EDITEUR, f"{fichier} (synthétique)", "Synthèse 2026",
                               LICENCE, ""])  # fmt: skip
    return {
        "communes": len(communes),
        "epci": len(epci),
        "departements": len(deps),
        "habitants": float(habitants.sum()),
        "lignes_population": len(population),
        "series": len(series),
        "duree_s": time.perf_counter() - debut,
    }


def main(argv: list[str] | None = None) -> None:
    parseur = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parseur.add_argument("--sortie", type=Path, required=True, help="dossier à écrire")
    parseur.add_argument("--communes", type=int, default=35_000)
    parseur.add_argument("--taille-epci", type=int, default=28)
    args = parseur.parse_args(argv)
    bilan = generer(args.sortie, args.communes, args.taille_epci)
    print(", ".join(f"{k} : {v:,.0f}".replace(",", " ") for k, v in bilan.items()))


if __name__ == "__main__":
    main()

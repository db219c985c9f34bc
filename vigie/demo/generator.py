"""Générateur du territoire fictif de démonstration (« Pays de démonstration »).

Ce module possède l'écriture de data/demo/ : il enchaîne la géographie (geographie.py), la
simulation démographique 1999-2022 (demographie.py), les équipements et les séries d'usage
(equipements.py), puis écrit les fichiers dans les formats attendus par l'import (UTF-8, « ; »,
point décimal, dates ISO). La graine est fixe : deux exécutions donnent des fichiers identiques
octet pour octet.

Usage :
    python -m vigie.demo.generator            # réécrit data/demo/
    python -m vigie.demo.generator --sortie D # écrit dans le dossier D

Fichiers écrits et conventions (détail dans data/demo/README.md) :

* population.parquet : 1er janvier des années 1999 et 2006..2021, toutes les lignes (zéros
  compris) ;
* naissances.csv : 1999..2021 ; deces.parquet et solde_migratoire.parquet : 1999..2021, lignes
  nulles omises (une ligne absente vaut 0) ; âge au 1er janvier (convention de cohorte), l'âge 0
  regroupant les enfants âgés de 0 an au 1er janvier et ceux nés dans l'année (voir
  demographie.py pour les équations de bilan exactes).

Tous les taux et leurs sources publiées sont listés dans demographie.py, equipements.py,
parametres.py et data/demo/README.md.
"""

from __future__ import annotations

import argparse
import io
import json
from pathlib import Path

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq
from scipy.stats import norm

from vigie.demo import demographie, equipements, geographie

GRAINE = 20260101
RACINE = Path(__file__).resolve().parents[2]
SORTIE_DEFAUT = RACINE / "data" / "demo"
ANNEES_PUBLIEES = [1999, *range(2006, 2022)]
ANNEES_COMPOSANTES = list(range(1999, 2022))

EDITEUR = "Vigie — territoire fictif de démonstration"
LICENCE = "Licence Ouverte / Etalab 2.0"
MILLESIME = "Démo 2026"

TITRES = {
    "communes.csv": "Communes du Pays de démonstration (fictives)",
    "epci.csv": "EPCI du Pays de démonstration (fictifs)",
    "departements.csv": "Département de démonstration (fictif)",
    "territoires.csv": "Territoires de démonstration",
    "territoire_communes.csv": "Composition communale des territoires de démonstration",
    "communes.geojson": "Contours des communes fictives (WGS84)",
    "population.parquet": "Population au 1er janvier par commune, sexe et âge (simulée)",
    "naissances.csv": "Naissances domiciliées par commune et sexe (simulées)",
    "deces.parquet": "Décès par commune, sexe et âge au 1er janvier (simulés)",
    "solde_migratoire.parquet": "Solde migratoire vrai de la simulation (non publié par l'INSEE)",
    "equipements.csv": "Équipements et capacités (fictifs)",
    "usage_series.csv": "Séries d'usage des services (métadonnées, fictives)",
    "usage_observations.csv": "Observations mensuelles d'usage des services (fictives)",
}


def _tailles_1999(communes: list[geographie.Commune], rng: np.random.Generator) -> np.ndarray:
    """Population de chaque commune en 1999 : ville-centre 16 300 habitants, les autres selon une
    loi lognormale (médiane 1 500) attribuée d'abord aux communes littorales et proches de la
    ville, pour environ 126 000 habitants en tout."""
    n = len(communes)
    z = norm.ppf((np.arange(n - 1) + 0.5) / (n - 1))
    tailles = np.exp(np.log(1500) + 0.8 * z)
    tailles = tailles / tailles.sum() * 110_000
    xy = np.array([[c.x, c.y] for c in communes])
    distance = np.hypot(xy[:, 0] - xy[0, 0], xy[:, 1] - xy[0, 1])
    score = 0.7 * np.array([c.littoral for c in communes]) - distance / 40 + rng.normal(0, 0.45, n)
    ordre = np.argsort(-score[1:], kind="stable") + 1
    totaux = np.zeros(n, dtype=np.int64)
    totaux[0] = 16_300
    totaux[ordre] = np.round(np.sort(tailles)[::-1]).astype(np.int64)
    return totaux


def _attractivite(communes: list[geographie.Commune], rng: np.random.Generator) -> np.ndarray:
    """Décalage du taux migratoire par commune : bruit de ±0,3 point, +0,3 point près de la ville."""
    xy = np.array([[c.x, c.y] for c in communes])
    distance = np.hypot(xy[:, 0] - xy[0, 0], xy[:, 1] - xy[0, 1])
    a = rng.normal(0, 0.003, len(communes)) + np.where(distance < 12, 0.003, 0.0)
    a[0] = 0.0
    return a


def _csv(df: pd.DataFrame, chemin: Path) -> None:
    """CSV UTF-8, séparateur « ; », point décimal, fin de ligne « \\n »."""
    tampon = io.StringIO()
    df.to_csv(tampon, sep=";", index=False, lineterminator="\n")
    chemin.write_text(tampon.getvalue(), encoding="utf-8")


def _parquet(table: dict[str, np.ndarray], types: dict[str, pa.DataType], chemin: Path) -> None:
    """Parquet sans métadonnées pandas (contenu déterministe), compression zstd."""
    t = pa.table({k: pa.array(v, type=types[k]) for k, v in table.items()})
    pq.write_table(t, chemin, compression="zstd", use_dictionary=True, write_statistics=True)


def _long(
    tableau: np.ndarray, annees: list[int], codes: list[str], nom: str, garder_zeros: bool
) -> dict[str, np.ndarray]:
    """(annees, communes, 2, 101) -> colonnes longues triées annee, commune, sexe, age."""
    na, nc, ns, nage = tableau.shape
    a, c, s, g = np.meshgrid(
        np.array(annees), np.arange(nc), np.array([1, 2]), np.arange(nage), indexing="ij"
    )
    v = tableau.ravel()
    masque = np.ones(v.shape, bool) if garder_zeros else v != 0
    ordre = np.lexsort((g.ravel(), s.ravel(), a.ravel(), c.ravel()))
    ordre = ordre[masque[ordre]]
    return {
        "code_commune": np.array(codes, dtype=object)[c.ravel()[ordre]],
        "annee": a.ravel()[ordre].astype(np.int16),
        "sexe": s.ravel()[ordre].astype(np.int16),
        "age": g.ravel()[ordre].astype(np.int16),
        nom: v[ordre].astype(np.float64),
    }


def generer(sortie: Path = SORTIE_DEFAUT) -> dict[str, float]:
    """Génère tout le territoire de démonstration dans `sortie`.

    Args:
        sortie: dossier de destination (créé au besoin ; fichiers existants remplacés).

    Returns:
        Quelques chiffres clés (population 1999 et 2021, part des 75 ans et plus...).
    """
    sortie = Path(sortie)
    sortie.mkdir(parents=True, exist_ok=True)
    rng = np.random.default_rng(GRAINE)

    communes, _, _ = geographie.construire_communes(rng)
    codes = [c.code_commune for c in communes]
    totaux = _tailles_1999(communes, rng)
    attractivite = _attractivite(communes, rng)
    res = demographie.simuler(totaux, [c.type_commune for c in communes], attractivite, rng)
    annees = res.annees
    pop_par_annee = {a: res.population[k] for k, a in enumerate(annees)}

    # Géographie.
    _csv(
        pd.DataFrame(
            {
                "code_commune": codes,
                "nom_commune": [c.nom_commune for c in communes],
                "code_epci": [c.code_epci for c in communes],
                "code_dep": geographie.CODE_DEP,
                "code_reg": geographie.CODE_REG,
                "littoral": [c.littoral for c in communes],
                "superficie_km2": [c.superficie_km2 for c in communes],
            }
        ),
        sortie / "communes.csv",
    )
    _csv(
        pd.DataFrame(geographie.EPCI, columns=["code_epci", "nom_epci", "nature_epci"]),
        sortie / "epci.csv",
    )
    _csv(
        pd.DataFrame(
            [[geographie.CODE_DEP, geographie.NOM_DEP, geographie.CODE_REG]],
            columns=["code_dep", "nom_dep", "code_reg"],
        ),
        sortie / "departements.csv",
    )
    _csv(
        pd.DataFrame(
            [[geographie.CODE_TERRITOIRE, geographie.NOM_TERRITOIRE, "pays"]],
            columns=["code_territoire", "nom_territoire", "type_territoire"],
        ),
        sortie / "territoires.csv",
    )
    _csv(
        pd.DataFrame({"code_territoire": geographie.CODE_TERRITOIRE, "code_commune": codes}),
        sortie / "territoire_communes.csv",
    )
    geo = geographie.geojson_communes(communes)
    (sortie / "communes.geojson").write_text(
        json.dumps(geo, ensure_ascii=False, separators=(",", ":")) + "\n", encoding="utf-8"
    )

    # Démographie.
    idx = [annees.index(a) for a in ANNEES_PUBLIEES]
    types_pop = {
        "code_commune": pa.string(),
        "annee": pa.int16(),
        "sexe": pa.int16(),
        "age": pa.int16(),
    }
    _parquet(
        _long(res.population[idx], ANNEES_PUBLIEES, codes, "population", True),
        {**types_pop, "population": pa.float64()},
        sortie / "population.parquet",
    )
    _parquet(
        _long(res.deces, ANNEES_COMPOSANTES, codes, "deces", False),
        {**types_pop, "deces": pa.float64()},
        sortie / "deces.parquet",
    )
    _parquet(
        _long(res.solde, ANNEES_COMPOSANTES, codes, "solde_migratoire", False),
        {**types_pop, "solde_migratoire": pa.float64()},
        sortie / "solde_migratoire.parquet",
    )
    lignes = [
        (codes[c], a, s + 1, int(res.naissances[k, c, s]))
        for k, a in enumerate(ANNEES_COMPOSANTES)
        for c in range(len(codes))
        for s in range(2)
    ]
    nais = pd.DataFrame(lignes, columns=["code_commune", "annee", "sexe", "naissances"])
    _csv(nais.sort_values(["code_commune", "annee", "sexe"]), sortie / "naissances.csv")

    # Équipements et usages.
    eq = equipements.construire_equipements(communes, pop_par_annee[2021], rng)
    colonnes = [
        "id_equipement", "code_commune", "service", "type_equipement", "nom", "capacite",
        "unite_capacite", "effectif", "annee_ouverture", "annee_fermeture",
    ]  # fmt: skip
    df_eq = pd.DataFrame([{k: getattr(e, k) for k in colonnes} for e in eq], columns=colonnes)
    for k in ("capacite", "effectif", "annee_ouverture", "annee_fermeture"):
        df_eq[k] = df_eq[k].astype("Int64")
    _csv(df_eq, sortie / "equipements.csv")
    series, obs = equipements.construire_series(
        eq, {a: pop_par_annee[a] for a in range(2014, 2023)}, rng
    )
    _csv(series, sortie / "usage_series.csv")
    _csv(obs, sortie / "usage_observations.csv")

    # Sources : une ligne par fichier de données.
    _csv(
        pd.DataFrame(
            [
                {
                    "fichier": f,
                    "editeur": EDITEUR,
                    "titre": t,
                    "millesime": MILLESIME,
                    "licence": LICENCE,
                    "url": "",
                }
                for f, t in TITRES.items()
            ]
        ),
        sortie / "sources.csv",
    )

    p99, p21 = pop_par_annee[1999], pop_par_annee[2021]
    return {
        "population_1999": int(p99.sum()),
        "population_2021": int(p21.sum()),
        "part_75_plus_1999": float(p99[:, :, 75:].sum() / p99.sum()),
        "part_75_plus_2021": float(p21[:, :, 75:].sum() / p21.sum()),
        "naissances_1999": int(res.naissances[0].sum()),
        "naissances_2021": int(res.naissances[-1].sum()),
        "deces_1999": int(res.deces[0].sum()),
        "deces_2021": int(res.deces[-1].sum()),
    }


def main(argv: list[str] | None = None) -> None:
    """Point d'entrée : `python -m vigie.demo.generator [--sortie DOSSIER]`."""
    parser = argparse.ArgumentParser(description="Génère le territoire fictif de démonstration.")
    parser.add_argument("--sortie", type=Path, default=SORTIE_DEFAUT, help="dossier de sortie")
    args = parser.parse_args(argv)
    chiffres = generer(args.sortie)
    print(f"Territoire de démonstration écrit dans {args.sortie}")
    for cle, valeur in chiffres.items():
        print(f"  {cle} : {valeur:.3f}" if isinstance(valeur, float) else f"  {cle} : {valeur}")


if __name__ == "__main__":
    main()

"""Les chiffres de la maison (issue 13) pour la note de clôture : modules au sommet de vigie/, textes
SQL écrits en Python (par fichier), `import duckdb` hors de vigie/stockage/, cycles d'imports,
remontées vers vigie.cli, lignes par page.

Les mesures sont celles qu'applique tests/test_architecture.py (mêmes fonctions, lues par `ast`,
sans rien importer du code mesuré), sur le dépôt courant ou sur un autre arbre :

    python bench/mesures_maison.py [--racine /chemin/vers/un/checkout]

Rien n'est chronométré : le script ne fait que compter, en moins d'une seconde.
"""

from __future__ import annotations

import argparse
import sys
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from tests import test_architecture as archi  # noqa: E402


def mesurer(racine: Path) -> list[str]:
    """Les lignes du rapport, dans l'ordre de la note de clôture."""
    racine = racine.resolve()
    sortie = []

    sommet = sorted(p.name for p in (racine / "vigie").glob("*.py"))
    ailes = sorted(p.name for p in (racine / "vigie").iterdir() if (p / "__init__.py").is_file())
    sortie.append(f"Modules au sommet de vigie/ : {len(sommet)} ({', '.join(sommet)})")
    sortie.append(f"Ailes (sous-paquets) de vigie/ : {len(ailes)} ({', '.join(ailes)})")

    produit = archi.fichiers_du_produit(racine)
    sql = Counter()
    for p in produit:
        for t in archi.textes_sql(p, racine):
            sql[t.fichier] += 1
    hors = {f: n for f, n in sql.items() if not f.startswith("vigie/stockage/")}
    sortie.append("")
    sortie.append(
        f"Textes SQL en Python : {sum(sql.values())} dans {len(sql)} fichiers "
        f"(hors vigie/stockage/ : {sum(hors.values())} dans {len(hors)} fichiers)"
    )
    largeur = max((len(f) for f in sql), default=10)
    for fichier, n in sorted(sql.items(), key=lambda x: (-x[1], x[0])):
        sortie.append(f"  {fichier:<{largeur}} {n:>3}")

    duckdb = [
        f"{archi.relatif(p, racine)}:{ligne}"
        for p in produit
        if not archi.relatif(p, racine).startswith("vigie/stockage/")
        for nom, ligne in archi.imports_externes(p)
        if nom == "duckdb"
    ]
    sortie.append("")
    sortie.append(f"`import duckdb` hors de vigie/stockage/ : {len(duckdb)}")
    sortie += [f"  {d}" for d in duckdb]

    graphe = archi.graphe_imports(racine)
    trouves = archi.cycles(graphe)
    sortie.append("")
    sortie.append(
        f"Cycles d'imports (vigie/ et models/, imports dans les fonctions comptés) : {len(trouves)}"
    )
    sortie += [f"  {archi.decrire_cycle(c)}" for c in trouves]
    dans_fonctions = sum(
        i.dans_fonction and not i.via for imports in graphe.values() for i in imports
    )
    sortie.append(f"Imports internes écrits dans une fonction : {dans_fonctions}")
    remontees = [
        f"{i.fichier}:{i.ligne}"
        for source, imports in graphe.items()
        if source not in {"vigie.__main__", "vigie.cli"}
        for i in imports
        if i.cible == "vigie.cli"
    ]
    sortie.append(f"Remontées vers vigie.cli : {len(remontees)} {' '.join(remontees)}".rstrip())

    pages = archi.pages(racine)
    appels_models = [
        f"{p.name}:{ligne}"
        for p in pages
        for nom, ligne in archi.imports_externes(p)
        if nom == "models"
    ]
    longueurs = sorted(((archi.lignes(p), p.name) for p in pages), reverse=True)
    sortie.append("")
    sortie.append(
        f"Lignes par page ({len(pages)} pages, {sum(n for n, _ in longueurs)} lignes, "
        f"{sum(n > archi.LIGNES_MAX_PAGE for n, _ in longueurs)} au-dessus de "
        f"{archi.LIGNES_MAX_PAGE}) :"
    )
    sortie += [f"  {nom:<24} {n:>4}" for n, nom in longueurs]
    sortie.append(
        f"Imports de models/ dans les pages : {len(appels_models)} {' '.join(appels_models)}"
    )
    return sortie


def main() -> int:
    parseur = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parseur.add_argument(
        "--racine", type=Path, default=archi.RACINE, help="checkout à mesurer (défaut : celui-ci)"
    )
    arguments = parseur.parse_args()
    print("\n".join(mesurer(arguments.racine)))
    return 0


if __name__ == "__main__":
    sys.exit(main())

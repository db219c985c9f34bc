"""Rétro-projections départementales sur toutes les fenêtres (issue 19) : imprime les tableaux et,
avec ``--ecrire``, enregistre les résultats de référence lus par l'application.

Pour chaque fenêtre (précédente, origine) de ``models.projection.fiabilite.fenetres_possibles`` et
chaque horizon publié (5 et 10 ans), Vigie contre croissance constante et population constante,
pour l'ensemble, 0-4, 5-9, 10-14, 20-24, 60-74, 75+ et 85+ : erreur absolue moyenne et médiane,
biais moyen, erreur pondérée ; couverture des fourchettes brute et calée hors échantillon.

Usage (un seul cœur, quelques minutes) :

    python bench/backtest_projection.py [--shared ../shared/data] [--tirages 100]
        [--fenetres 2006,2011 2011,2016] [--fecondite-sans-naissances enfants|nationale]
        [--comparer-fecondite] [--ecrire]

``--fecondite-sans-naissances`` choisit le niveau local de fécondité faute de naissances (les
départements n'en ont pas ici) : ``enfants`` (défaut : d'après les moins de 5 ans à l'origine) ou
``nationale`` (méthode d'avant : niveau national, l'écart local inscrit comme solde migratoire des
nouveau-nés). ``--comparer-fecondite`` imprime les deux côte à côte (sans tirages) puis s'arrête.

``--ecrire`` écrit ``data/reference/fiabilite_projection.csv`` (mesures par fenêtre, horizon,
groupe et méthode), ``data/reference/calibrage_intervalles.csv`` (erreur de modèle par groupe et
horizon, ajustée sur toutes les fenêtres, lue par ``models.projection.incertitude``) et, si les
populations légales sont là, ``data/reference/fiabilite_communes.csv`` (erreurs sur les totaux
communaux par classe de taille).
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

RACINE = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(RACINE))

import pandas as pd  # noqa: E402

from models.projection import fiabilite as fb  # noqa: E402
from models.projection import fiabilite_communes as fc  # noqa: E402
from models.projection.taux import ParametresEstimation  # noqa: E402

pd.set_option("display.width", 250)
pd.set_option("display.max_columns", 30)
pd.set_option("display.max_rows", 500)

DOSSIER_REFERENCE = RACINE / "data" / "reference"


def _entete(titre: str, provenance: list[str]) -> str:
    return "".join(f"# {ligne}\n" for ligne in [titre, *provenance])


def main() -> None:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--shared", type=Path, default=RACINE.parent / "shared" / "data")
    p.add_argument("--tirages", type=int, default=100)
    p.add_argument("--fenetres", nargs="*", default=None, help="précédente,origine ...")
    p.add_argument(
        "--fecondite-sans-naissances", choices=["enfants", "nationale"], default="enfants"
    )
    p.add_argument("--comparer-fecondite", action="store_true")
    p.add_argument(
        "--convergence", choices=["aucune", "hors_periode"], default="aucune",
        help="résorption de l'écart local de fécondité : aucune (écart constant) ou apprise "
        "hors période pour chaque fenêtre",
    )  # fmt: skip
    p.add_argument("--ecrire", action="store_true")
    a = p.parse_args()
    if not (a.shared / fb.FICHIER_DEPARTEMENTS).is_file():
        print(f"({a.shared / fb.FICHIER_DEPARTEMENTS} absent : rien à mesurer)")
        return
    fenetres = [tuple(int(x) for x in f.split(",")) for f in a.fenetres] if a.fenetres else None
    if a.comparer_fecondite:
        comparer_fecondite(a.shared, fenetres)
        return
    t = time.perf_counter()
    prm = ParametresEstimation(fecondite_sans_naissances=a.fecondite_sans_naissances)
    convergence = None
    if a.convergence == "hors_periode":
        # taux de résorption de l'écart local de fécondité, chaque fenêtre jugée avec le taux
        # appris sur les fenêtres qui ne recouvrent pas sa période
        d0 = fb.backtest_departements(a.shared, fenetres, n_tirages=0, parametres=prm)
        convergence = fb.convergence_hors_periode(d0)
        print(
            f"Résorption de l'écart de fécondité : {fb.ajuster_convergence_fecondite(d0):.4f} par an "
            "(toutes fenêtres) ; par fenêtre exclue : "
            + ", ".join(f"{o} {v:.4f}" for (_, o), v in sorted(convergence.items()))
        )
    detail = fb.backtest_departements(
        a.shared, fenetres, n_tirages=a.tirages, parametres=prm,
        convergence_par_fenetre=convergence,
    )  # fmt: skip
    duree = time.perf_counter() - t
    resume = fb.resumer(detail)
    print(
        f"Rétro-projections départementales : {detail['fenetre'].nunique()} fenêtres-horizons, "
        f"{detail['code_dep'].nunique()} départements, {a.tirages} tirages, {duree:.0f} s\n"
    )
    for mesure, titre in (
        (
            "erreur_abs_moyenne",
            "Erreur absolue moyenne (%) — Vigie / croissance constante / constante",
        ),
        ("erreur_abs_mediane", "Erreur absolue médiane (%)"),
        ("biais_moyen", "Erreur signée moyenne (%) — positive = surestimation"),
        ("erreur_ponderee", "Erreur pondérée par la population (%)"),
    ):
        print(titre)
        print(fb.tableau_comparatif(resume, mesure).to_string(index=False))
        print()
    v = resume[resume["methode"] == "vigie"]
    piv = resume.pivot_table(
        index=["fenetre", "horizon", "groupe"], columns="methode", values="erreur_abs_moyenne"
    )
    bat = (piv["vigie"] < piv[["croissance_constante", "constante"]].min(axis=1)).unstack("groupe")
    print("Vigie bat les deux références (erreur absolue moyenne) :")
    print(bat[[g for g in fb.GROUPES_FIABILITE if g in bat]].to_string())
    print()
    if "couverture_80" in v:
        print("Couverture brute des fourchettes simulées (80 % / 95 %)")
        print(_cellules(v).to_string())
        print()
        hors = fb.couverture_hors_echantillon(detail)
        if not hors.empty:
            print(
                "Couverture calée hors échantillon (erreur de modèle apprise sur les fenêtres antérieures)"
            )
            print(_cellules(hors).to_string())
            print(
                f"  80 % : {hors['couverture_80'].min():.2f} à {hors['couverture_80'].max():.2f}"
                f" (moyenne {hors['couverture_80'].mean():.3f}) ; 95 % : "
                f"{hors['couverture_95'].min():.2f} à {hors['couverture_95'].max():.2f}"
                f" (moyenne {hors['couverture_95'].mean():.3f})\n"
            )
        imprimer_periodes_exclues(detail)
        calibrage = fb.ajuster_calibrage(detail)
        print("Erreur de modèle (écart type relatif) ajustée sur toutes les fenêtres")
        print(calibrage.facteurs.round(2).to_string(index=False))
        print()

    communes = None
    if fc.fichiers_presents(a.shared):
        t = time.perf_counter()
        communes = fc.backtest_communes(a.shared)
        print(f"Communes (populations légales, totaux) : {time.perf_counter() - t:.0f} s")
        print(communes.round(2).to_string(index=False))
        print()

    if a.ecrire:
        ecrire(resume, detail, communes, a)


def comparer_fecondite(shared: Path, fenetres) -> None:
    """Erreur absolue moyenne par fenêtre, avant (niveau national, écart local en migrations des
    nouveau-nés) et après (niveau local d'après les moins de 5 ans), contre les deux références."""
    resumes = {}
    for methode in ("nationale", "enfants"):
        prm = ParametresEstimation(fecondite_sans_naissances=methode)
        detail = fb.backtest_departements(shared, fenetres, n_tirages=0, parametres=prm)
        resumes[methode] = fb.resumer(detail)
    groupes = ["Ensemble", "0-4 ans", "5-9 ans", "75 ans et plus", "20-24 ans"]
    cles = ["fenetre", "horizon", "groupe"]
    avant = resumes["nationale"].pivot_table(
        index=cles, columns="methode", values="erreur_abs_moyenne"
    )
    apres = resumes["enfants"].pivot_table(
        index=cles, columns="methode", values="erreur_abs_moyenne"
    )
    texte = (
        avant["vigie"].map("{:.2f}".format)
        + " → "
        + apres["vigie"].map("{:.2f}".format)
        + " / "
        + apres["croissance_constante"].map("{:.2f}".format)
        + " / "
        + apres["constante"].map("{:.2f}".format)
    ).unstack("groupe")[groupes]
    print(
        "Erreur absolue moyenne (%) — Vigie avant → après / croissance constante / constante\n"
        "(avant : fécondité nationale, écart local en migrations des nouveau-nés ; après : niveau "
        "local d'après les moins de 5 ans à l'origine)"
    )
    print(texte.to_string())
    moyenne = pd.DataFrame(
        {
            "avant": avant["vigie"].unstack("groupe").mean(),
            "après": apres["vigie"].unstack("groupe").mean(),
        }
    ).T[groupes]
    print("\nMoyenne des fenêtres")
    print(moyenne.round(2).to_string())


def _cellules(t: pd.DataFrame) -> pd.DataFrame:
    """« 80 % / 95 % » par fenêtre-horizon (lignes) et groupe (colonnes)."""
    c = t.assign(
        c=lambda d: (
            d["couverture_80"].map("{:.2f}".format)
            + " / "
            + d["couverture_95"].map("{:.2f}".format)
        )
    ).pivot_table(index=["fenetre", "horizon"], columns="groupe", values="c", aggfunc="first")
    return c[[g for g in fb.GROUPES_FIABILITE if g in c]]


def imprimer_periodes_exclues(detail: pd.DataFrame) -> None:
    """Couverture des fourchettes livrées, jugée par périodes exclues, et part commune de l'erreur
    dans les cases hors de 75-85 % (issue 19)."""
    bloc = fb.couverture_periodes_exclues(detail)
    if bloc.empty:
        return
    print(
        "Couverture calée, validation croisée par périodes exclues (sigma appris sur toutes les "
        "fenêtres qui ne recouvrent pas celle jugée)"
    )
    print(_cellules(bloc).to_string())
    dans = bloc["couverture_80"].between(0.75, 0.85)
    dans95 = bloc["couverture_95"].between(0.92, 0.98)
    print(
        f"  80 % dans 75-85 % : {dans.sum()} cases sur {len(bloc)} ; moyenne "
        f"{bloc['couverture_80'].mean():.3f} ; 95 % dans 92-98 % : {dans95.sum()} sur {len(bloc)}, "
        f"moyenne {bloc['couverture_95'].mean():.3f}"
    )
    effectifs = (
        detail.groupby(["fenetre", "horizon", "groupe"])["code_dep"].nunique()
        .reindex(pd.MultiIndex.from_frame(bloc[["fenetre", "horizon", "groupe"]]))
    )  # fmt: skip
    print(
        "  Un modèle parfaitement calibré, erreurs des départements indépendantes, aurait en "
        f"moyenne {fb.cases_attendues_dans_la_bande(effectifs):.0f} cases sur {len(bloc)} à "
        f"75-85 % et {fb.cases_attendues_dans_la_bande(effectifs, 0.95, 0.92, 0.98):.0f} à 92-98 % "
        "(tirage binomial des départements d'une case)"
    )
    commune = fb.erreur_commune(detail)
    t = bloc.merge(commune, on=["fenetre", "horizon", "groupe"])
    hors = t[~t["couverture_80"].between(0.75, 0.85)]
    print(
        "  Part commune de l'erreur (biais² / erreur quadratique) : "
        f"{t.loc[t['couverture_80'].between(0.75, 0.85), 'part_commune'].median():.2f} (médiane) "
        f"dans les cases à 75-85 %, {hors['part_commune'].median():.2f} dans les autres ; "
        f"sous-couverture (< 75 %) : {(hors['couverture_80'] < 0.75).sum()} cases, "
        f"part commune médiane {hors.loc[hors['couverture_80'] < 0.75, 'part_commune'].median():.2f}"
    )
    print()


def ecrire(resume, detail, communes, a) -> None:
    """Écrit les CSV de référence (en-tête de provenance en commentaires ``#``)."""
    fenetres = ", ".join(sorted(detail["fenetre"].unique()))
    commande = "python bench/backtest_projection.py --ecrire" + (
        f" --tirages {a.tirages}" if a.tirages != 100 else ""
    )
    provenance = [
        "Source : INSEE, Estimations de population par département, sexe et âge quinquennal "
        "1975-2021 (estim-pop-dep-sexe-aq-1975-2021.xlsx), Licence Ouverte / Etalab.",
        f"Produit par : {commande} (fenêtres : {fenetres}).",
        "Erreurs en % de la population observée ; biais positif = surestimation.",
    ]
    sortie = DOSSIER_REFERENCE / "fiabilite_projection.csv"
    colonnes = [
        "fenetre", "horizon", "groupe", "methode", "n", "erreur_abs_moyenne",
        "erreur_abs_mediane", "biais_moyen", "erreur_ponderee", "couverture_80", "couverture_95",
    ]  # fmt: skip
    hors = fb.couverture_hors_echantillon(detail)
    r = resume.copy()
    if not hors.empty:
        cale = hors.set_index(["fenetre", "horizon", "groupe"])[["couverture_80", "couverture_95"]]
        r = r.drop(columns=["couverture_80", "couverture_95"], errors="ignore").merge(
            cale.reset_index().assign(methode="vigie"),
            on=["fenetre", "horizon", "groupe", "methode"],
            how="left",
        )
    with sortie.open("w", encoding="utf-8") as f:
        f.write(
            _entete(
                "Fiabilité mesurée de la projection Vigie : rétro-projections départementales.",
                provenance
                + [
                    "Couvertures : fourchettes calées hors échantillon (erreur de modèle apprise sur les "
                    "fenêtres dont l'année cible précède l'origine), vides sans apprentissage."
                ],
            )
        )
        r[colonnes].round(4).to_csv(f, index=False, lineterminator="\n")
    print(f"écrit : {sortie}")
    cal = fb.ajuster_calibrage(detail).facteurs
    sortie = DOSSIER_REFERENCE / "calibrage_intervalles.csv"
    with sortie.open("w", encoding="utf-8") as f:
        f.write(
            _entete(
                "Erreur de modèle ajoutée aux fourchettes simulées, par groupe d'âges et horizon.",
                provenance
                + [
                    "sigma_80 (95) : plus petit écart type relatif qui, ajouté en variance à la "
                    "demi-largeur simulée, couvre 80 % (95 %) des départements, toutes fenêtres."
                ],
            )
        )
        cal.round(4).to_csv(f, index=False, lineterminator="\n")
    print(f"écrit : {sortie}")
    if communes is not None:
        sortie = DOSSIER_REFERENCE / "fiabilite_communes.csv"
        with sortie.open("w", encoding="utf-8") as f:
            f.write(
                _entete(
                    "Fiabilité sur les totaux communaux (populations légales), par classe de taille.",
                    [
                        "Source : INSEE, populations légales 2019 à 2023 (populations municipales), "
                        "Licence Ouverte / Etalab.",
                        f"Produit par : {commande}.",
                        "Erreurs en % de la population municipale observée.",
                    ],
                )
            )
            communes.round(4).to_csv(f, index=False, lineterminator="\n")
        print(f"écrit : {sortie}")


if __name__ == "__main__":
    main()

"""Le classeur Excel d'un territoire et d'un scénario : les données, les projections et les
prévisions avec leurs fourchettes, une feuille par thème, des en-têtes français avec les unités,
des nombres gardés en nombres.

Chaque feuille s'ouvre sur son titre, sa source et le scénario, puis le tableau (en-tête gras figé,
filtre automatique), comme les exports de la page Données (`vigie.exports.tableaux`, dont le
nettoyage des cellules est repris). Une feuille « Lisez-moi » dit d'abord ce que tient le classeur
et quand il a été produit.
"""

from __future__ import annotations

import io

import pandas as pd
from openpyxl import Workbook
from openpyxl.styles import Font, PatternFill
from openpyxl.utils import get_column_letter

from vigie import format_fr, textes
from vigie.exports.contenu import METHODE, Dossier, hypotheses
from vigie.exports.tableaux import LARGEUR_MAX, _cellule

GRAS = Font(bold=True)
FOND = PatternFill("solid", fgColor="EEF3F8")


def _feuille(classeur: Workbook, nom: str, titre: str, source: str, donnees: pd.DataFrame) -> None:
    feuille = classeur.create_sheet(nom[:31])
    feuille.append([titre])
    feuille["A1"].font = Font(bold=True, size=13)
    feuille.append([source])
    feuille["A2"].font = Font(italic=True, color="6B7785")
    feuille.append([])
    entete = 4
    feuille.append([str(c) for c in donnees.columns])
    for cellule in feuille[entete]:
        cellule.font = GRAS
        cellule.fill = FOND
    for ligne in donnees.itertuples(index=False, name=None):
        feuille.append([_cellule(v) for v in ligne])
    feuille.freeze_panes = feuille.cell(row=entete + 1, column=1)
    if len(donnees.columns) and len(donnees):
        derniere = get_column_letter(len(donnees.columns))
        feuille.auto_filter.ref = f"A{entete}:{derniere}{entete + len(donnees)}"
    for i, colonne in enumerate(donnees.columns, start=1):
        echantillon = donnees[colonne].head(200).astype(str).str.len().tolist()
        largeur = max([min(len(str(colonne)), 28), *echantillon]) if len(donnees) else 12
        feuille.column_dimensions[get_column_letter(i)].width = min(LARGEUR_MAX, largeur + 2)
        if pd.api.types.is_float_dtype(donnees[colonne]):
            for (cellule,) in feuille.iter_rows(
                min_row=entete + 1, min_col=i, max_col=i, max_row=entete + len(donnees)
            ):
                cellule.number_format = (
                    "#,##0.0" if donnees[colonne].abs().max() < 1000 else "#,##0"
                )


def _feuilles_communes(d: Dossier, par_commune: pd.DataFrame) -> list[tuple]:
    """Une feuille par commune : sa population projetée, ses moins de 3 ans et ses 75 ans et
    plus, année par année, avec les fourchettes à 80 % (valeurs brutes, non arrondies)."""
    if par_commune is None or par_commune.empty:
        return []
    noms = dict(zip(d.communes["code_commune"], d.communes["nom_commune"], strict=True))
    groupes = {
        "Ensemble": "Population",
        "0-2 ans": "Moins de 3 ans",
        "75 ans et plus": "75 ans ou plus",
    }
    p = par_commune[par_commune["groupe_age"].isin(groupes)]
    large = p.pivot_table(
        index=["code_commune", "annee"],
        columns="groupe_age",
        values=["population", "bas_80", "haut_80"],
        aggfunc="first",
    )
    feuilles, pris = [], set()
    for code, bloc in large.groupby(level="code_commune", sort=False):
        nom = str(noms.get(code, code))
        tableau = pd.DataFrame({"Année": bloc.index.get_level_values("annee").astype(int)})
        for groupe, libelle in groupes.items():
            for mesure, suffixe in (
                ("population", ""),
                ("bas_80", f" — bas de la {format_fr.LIBELLE_FOURCHETTE}"),
                ("haut_80", f" — haut de la {format_fr.LIBELLE_FOURCHETTE}"),
            ):
                if (mesure, groupe) in bloc.columns:
                    tableau[f"{libelle}{suffixe} (habitants)"] = bloc[(mesure, groupe)].to_numpy()
        # Un nom de feuille : 31 caractères au plus, sans []:*?/\ , et unique.
        onglet = "".join(c for c in nom if c not in "[]:*?/\\")[:24] + f" {code}"[-6:]
        while onglet in pris:
            onglet = onglet[:-1] + "_"
        pris.add(onglet)
        feuilles.append(
            (onglet, f"{nom} ({code}) : population projetée, {d.scenario.libelle}", tableau)
        )
    return feuilles


def classeur_xlsx(d: Dossier, par_commune: pd.DataFrame | None = None) -> bytes:
    """Le classeur du territoire et du scénario du dossier ; avec `par_commune`
    (`contenu.projection_communes`), une feuille par commune."""
    classeur = Workbook()
    lisez = classeur.active
    lisez.title = "Lisez-moi"
    scenario = f"{d.scenario.libelle} ({hypotheses(d.scenario.parametres)})"
    for cle, valeur in (
        ("Territoire", f"{d.nom} ({d.libelle_niveau}, code {d.code})"),
        ("Scénario", scenario),
        ("Horizon", d.horizon),
        ("Produit le", d.date.strftime("%d/%m/%Y")),
        ("Données (millésimes)", d.millesimes),
        ("Avertissement", textes.PROJECTION_AVERTISSEMENT),
        ("Méthode", METHODE),
        ("Fourchettes", d.methode_intervalles or "non calculées pour ce scénario"),
        (
            "Unités",
            "Population en habitants au 1er janvier ; besoins et capacités dans l'unité de chaque "
            f"service (places, classes, lits, élèves…) ; {format_fr.libelle_fourchette(80, 95)}.",
        ),
        ("Produit par", "Vigie, sur cet ordinateur (aucune donnée envoyée)"),
    ):
        lisez.append([cle, _cellule(valeur) if isinstance(valeur, str) else valeur])
        lisez.cell(row=lisez.max_row, column=1).font = GRAS
    lisez.column_dimensions["A"].width = 22
    lisez.column_dimensions["B"].width = 110

    src_pop = d.source("population")
    feuilles = [
        (
            "Population observée",
            f"{d.nom} : population aux recensements",
            src_pop,
            d.tableau_population(),
        ),
        (
            "Naissances et décès",
            f"{d.nom} : naissances et décès par an",
            d.source("naissance", "deces"),
            d.evenements.rename(
                columns={
                    "annee": "Année",
                    "naissances": "Naissances (personnes)",
                    "deces": "Décès (personnes)",
                    "solde_naturel": "Solde naturel (personnes)",
                }
            ),
        ),
        (
            "Projection",
            f"{d.nom} : population projetée, {d.scenario.libelle}",
            d.source_projection,
            d.tableau_projection(),
        ),
        (
            "Âges clés",
            f"{d.nom} : âges qui comptent pour les services en {d.horizon}",
            d.source_projection,
            d.tableau_groupes(),
        ),
        (
            "Scénarios",
            f"{d.nom} : scénarios comparés en {d.horizon}",
            d.source_projection,
            d.tableau_scenarios() if not d.scenarios_compares.empty else pd.DataFrame(),
        ),
        (
            "Services",
            f"{d.nom} : besoins et capacités en {d.horizon}, {d.scenario.libelle}",
            d.source_services,
            d.tableau_services(),
        ),
        (
            "Écarts par année",
            f"{d.nom} : besoin, capacité et écart année par année",
            d.source_services,
            d.tableau_ecarts(),
        ),
        (
            "Équipements",
            f"{d.nom} : équipements et capacités",
            d.source("equipement"),
            d.tableau_equipements(),
        ),
        (
            "Ratios",
            "Ratios de besoin utilisés",
            "Sources : voir la colonne Source",
            d.tableau_ratios(),
        ),
        (
            "Prévisions d'usage",
            f"{d.nom} : fréquentation prévue par mois ({format_fr.libelle_fourchette(80, 95)})",
            d.source("usage_observation"),
            d.previsions_usage,
        ),
        (
            "Sources",
            "Sources des données et millésimes",
            "Table source de la base Vigie",
            d.tableau_sources(),
        ),
    ]
    if d.previsions_usage is None or d.previsions_usage.empty:
        # La feuille est toujours là : elle dit pourquoi elle est vide et ce qui la remplit.
        feuilles[-2] = (
            "Prévisions d'usage",
            f"{d.nom} : fréquentation prévue par mois",
            "Aucune prévision de fréquentation n'est encore calculée pour ce territoire : elles "
            "s'ajoutent d'elles-mêmes après la construction (ou par « python -m vigie forecast »)",
            pd.DataFrame({"Prévision": ["aucune pour l'instant"]}),
        )
    for nom, titre, source, donnees in feuilles:
        if donnees is None or donnees.empty:
            continue
        _feuille(classeur, nom, titre, f"{source} · {scenario}", donnees)
    for onglet, titre, donnees in _feuilles_communes(d, par_commune):
        _feuille(classeur, onglet, titre, f"{d.source_projection} · {scenario}", donnees)
    flux = io.BytesIO()
    classeur.save(flux)
    return flux.getvalue()

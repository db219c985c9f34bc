"""Les tableaux exportés de la page Données : du CSV tel que le lisent les tableurs français, et du
XLSX avec le titre, la source et les filtres écrits au-dessus des données, pour qu'un fichier
transmis garde sa provenance.

CSV : séparateur `;`, virgule décimale, UTF-8 avec marque d'ordre des octets (Excel en français
l'ouvre bien). XLSX : openpyxl (déjà une dépendance pour lire les fichiers officiels) ; une
feuille « Données » avec le titre, la source et les filtres, puis le tableau avec un en-tête gras
figé et un filtre automatique ; une feuille « À propos » avec la description et, pour
l'explorateur SQL, la requête.
"""

from __future__ import annotations

import io
from collections.abc import Sequence

import pandas as pd
from openpyxl import Workbook
from openpyxl.styles import Font
from openpyxl.utils import get_column_letter

LARGEUR_MAX = 60
# Excel refuses these control characters in cells (openpyxl raises IllegalCharacterError).
_CONTROLES = dict.fromkeys([*range(0, 9), 11, 12, *range(14, 32)])


# Début de cellule qu'un tableur lit comme une formule (« =cmd|' /C calc'!A0 ») : gardé en texte.
DEBUTS_FORMULE = ("=", "+", "-", "@", "\t", "\r")


def neutraliser_formule(texte: str) -> str:
    """Un texte qu'aucun tableur n'exécutera : précédé d'une apostrophe s'il commence comme une
    formule (recommandation OWASP « CSV injection »)."""
    return "'" + texte if texte[:1] in DEBUTS_FORMULE and len(texte) > 1 else texte


def en_csv(donnees: pd.DataFrame) -> bytes:
    """Du CSV pour un tableur français : `;`, virgule décimale, UTF-8 avec BOM, et aucune cellule
    de texte qui commence comme une formule."""
    sur = donnees.copy()
    for colonne in sur.columns:
        if sur[colonne].dtype == object or pd.api.types.is_string_dtype(sur[colonne]):
            sur[colonne] = sur[colonne].map(
                lambda v: neutraliser_formule(v) if isinstance(v, str) else v
            )
    sur.columns = [neutraliser_formule(str(c)) for c in sur.columns]
    return sur.to_csv(index=False, sep=";", decimal=",").encode("utf-8-sig")


def _cellule(valeur):
    """Une valeur qu'openpyxl sait écrire : ni NA, ni fuseau horaire, ni caractère de contrôle,
    ni entier démesuré."""
    if valeur is None or (not isinstance(valeur, str | bytes) and pd.isna(valeur)):
        return None
    if isinstance(valeur, pd.Timestamp):
        return valeur.tz_localize(None).to_pydatetime() if valeur.tzinfo else valeur.to_pydatetime()
    if isinstance(valeur, str):
        texte = valeur.translate(_CONTROLES)
        return neutraliser_formule(texte)
    if isinstance(valeur, bytes):
        return valeur.hex()
    if hasattr(valeur, "item"):  # numpy scalars
        valeur = valeur.item()
    if isinstance(valeur, int) and abs(valeur) > 2**53:
        return str(valeur)
    if isinstance(valeur, list | dict | tuple):
        return str(valeur)
    return valeur


def en_xlsx(
    donnees: pd.DataFrame,
    titre: str,
    source: str,
    filtres: Sequence[str] = (),
    description: str = "",
    requete: str = "",
) -> bytes:
    """Un classeur XLSX avec sa provenance au-dessus des données."""
    classeur = Workbook()
    feuille = classeur.active
    feuille.title = "Données"
    gras = Font(bold=True)
    feuille.append([titre])
    feuille["A1"].font = Font(bold=True, size=14)
    feuille.append([source])
    for filtre in filtres:
        feuille.append([filtre])
    feuille.append([])
    entete = 2 + len(filtres) + 2  # title, source, filters, blank line, then the header row
    feuille.append([str(c) for c in donnees.columns])
    for cellule in feuille[entete]:
        cellule.font = gras
    for ligne in donnees.itertuples(index=False, name=None):
        feuille.append([_cellule(v) for v in ligne])
    feuille.freeze_panes = feuille.cell(row=entete + 1, column=1)
    if len(donnees.columns):
        derniere = get_column_letter(len(donnees.columns))
        feuille.auto_filter.ref = f"A{entete}:{derniere}{entete + len(donnees)}"
    for i, colonne in enumerate(donnees.columns, start=1):
        echantillon = donnees[colonne].head(200).astype(str).str.len()
        largeur = max([len(str(colonne)), *echantillon.tolist()]) if len(donnees) else len(colonne)
        feuille.column_dimensions[get_column_letter(i)].width = min(LARGEUR_MAX, largeur + 2)

    apropos = classeur.create_sheet("À propos")
    for cle, valeur in (
        ("Titre", titre),
        ("Description", description),
        ("Source", source),
        ("Filtres", " ; ".join(filtres) if filtres else "aucun"),
        ("Lignes", len(donnees)),
        ("Requête SQL", requete),
        ("Produit par", "Vigie, sur cet ordinateur (aucune donnée envoyée)"),
    ):
        if valeur != "":
            apropos.append([cle, _cellule(valeur) if isinstance(valeur, str) else valeur])
            apropos.cell(row=apropos.max_row, column=1).font = gras
    apropos.column_dimensions["A"].width = 16
    apropos.column_dimensions["B"].width = 100
    flux = io.BytesIO()
    classeur.save(flux)
    return flux.getvalue()

"""Reading official files as published: CSV (encoding, separator, `#` comment lines, title rows),
workbooks (xlsx, Strict Open XML xlsx, legacy xls) and JSON, into plain rows that remember their
line numbers, plus the number parsing French files need (no-break-space thousands, decimal comma).

Nothing here knows what a file means; `vigie.alimentation.importation.formats` recognises and interprets.
"""

from __future__ import annotations

import csv
import json
import re
import zipfile
from dataclasses import dataclass, field
from pathlib import Path

from vigie.alimentation.importation.erreurs import ErreurImport

TAILLE_MAX_OCTETS = 1 << 30  # 1 Gio: above, the import is refused (split or filter the file)
SEPARATEURS = [";", ",", "\t", "|"]
ESPACES_MILLIERS = str.maketrans("", "", " \u00a0\u202f\u2009")


@dataclass
class Feuille:
    """Rows of one CSV file or one sheet, each with its line number as the user sees it."""

    nom: str | None  # sheet name; None for a CSV file
    lignes: list[list]  # cell values: str for CSV; str/float/int/bool/date for workbooks
    numeros: list[int]  # 1-based line (CSV) or Excel row number of each row
    commentaires: list[str] = field(default_factory=list)  # CSV lines starting with '#'

    def texte(self, i: int, j: int) -> str:
        """Cell (i, j) as stripped text ('' when absent); 12.0 read from a workbook gives '12'."""
        ligne = self.lignes[i]
        if j >= len(ligne) or ligne[j] is None:
            return ""
        valeur = ligne[j]
        if isinstance(valeur, float) and valeur.is_integer():
            return str(int(valeur))
        return str(valeur).strip()


@dataclass
class Fichier:
    """A file opened for recognition and reading: its kind and its sheets (or JSON document)."""

    chemin: Path
    nom: str  # the name shown in messages (the user's file name)
    genre: str  # 'csv', 'classeur', 'json'
    feuilles: list[Feuille] = field(default_factory=list)
    document: object = None  # parsed JSON
    encodage: str | None = None
    separateur: str | None = None

    def feuille(self, nom: str) -> Feuille | None:
        for f in self.feuilles:
            if f.nom == nom:
                return f
        return None


def _erreur(nom: str, probleme: str, conseil: str, **lieu) -> ErreurImport:
    return ErreurImport(nom, probleme, conseil, **lieu)


def decoder(octets: bytes, nom: str) -> tuple[str, str]:
    """Decode a text file: UTF-8 (with or without BOM), else Windows-1252 if it looks like text.

    Raises:
        ErreurImport: the bytes are neither, with the line of the first undecodable byte.
    """
    if octets.startswith(b"\xef\xbb\xbf"):
        octets = octets[3:]
    try:
        return octets.decode("utf-8"), "utf-8"
    except UnicodeDecodeError as erreur:
        position = erreur.start
    # Windows-1252 is what Excel writes on French Windows: accept it only if no control bytes.
    texte = octets.decode("cp1252", errors="replace")
    if "\ufffd" not in texte and not re.search(r"[\x00-\x08\x0b\x0c\x0e-\x1f]", texte):
        return texte, "cp1252"
    ligne = octets[:position].count(b"\n") + 1
    raise _erreur(
        nom,
        "encodage illisible : ce n'est ni de l'UTF-8 ni du Windows-1252 (octet "
        f"0x{octets[position]:02x}).",
        "Réenregistrez le fichier en « CSV UTF-8 » depuis votre tableur, ou reprenez le "
        "fichier original de l'éditeur.",
        ligne=ligne,
    )


def _separateur(lignes: list[str], nom: str, premier_numero: int) -> str:
    """The separator that splits the header and the next lines into the same number of fields."""
    echantillon = lignes[:20]
    meilleur, score = None, 0
    for sep in SEPARATEURS:
        comptes = [len(next(csv.reader([ligne], delimiter=sep))) for ligne in echantillon]
        if comptes[0] > 1 and all(c == comptes[0] for c in comptes) and comptes[0] > score:
            meilleur, score = sep, comptes[0]
    if meilleur is None:
        # Header and data disagree for every separator: take the one the header uses most.
        comptes = {sep: echantillon[0].count(sep) for sep in SEPARATEURS}
        sep = max(comptes, key=comptes.get)
        if comptes[sep] == 0:
            raise _erreur(
                nom,
                "séparateur inconnu : la ligne d'en-tête ne contient ni « ; », ni « , », "
                "ni tabulation, ni « | ».",
                "Enregistrez le fichier au format CSV avec le séparateur « ; ».",
                ligne=premier_numero,
            )
        return sep
    return meilleur


def lire_csv(chemin: Path, nom: str) -> Fichier:
    """Read a CSV text file: encoding, `#` comment lines, separator, rows with line numbers."""
    texte, encodage = decoder(chemin.read_bytes(), nom)
    commentaires, lignes, numeros = [], [], []
    for numero, brute in enumerate(texte.splitlines(), start=1):
        if brute.startswith("#"):
            commentaires.append(brute.lstrip("#").strip())
        elif brute.strip().strip(";,\t|") != "":
            lignes.append(brute)
            numeros.append(numero)
    if not lignes:
        raise _erreur(
            nom,
            "le fichier est vide (aucune ligne de données).",
            "Vérifiez que le téléchargement est complet.",
        )
    sep = _separateur(lignes, nom, numeros[0])
    rangees = [next(csv.reader([ligne], delimiter=sep)) for ligne in lignes]
    rangees = [[cellule.strip() for cellule in rangee] for rangee in rangees]
    return Fichier(
        chemin=chemin,
        nom=nom,
        genre="csv",
        feuilles=[Feuille(None, rangees, numeros, commentaires)],
        encodage=encodage,
        separateur=sep,
    )


def lire_classeur(chemin: Path, nom: str) -> Fichier:
    """Read every sheet of a workbook with python-calamine (xlsx, Strict Open XML, xls, ods).

    openpyxl sees no sheet in Strict Open XML workbooks (INSEE publishes some); calamine reads
    them, and legacy BIFF .xls too.
    """
    from python_calamine import CalamineError, CalamineWorkbook

    try:
        classeur = CalamineWorkbook.from_path(str(chemin))
    except (CalamineError, ValueError, OSError, zipfile.BadZipFile) as erreur:
        raise _erreur(
            nom,
            f"classeur illisible ({erreur}).",
            "Ouvrez-le dans votre tableur et réenregistrez-le au format .xlsx, ou reprenez le "
            "fichier original de l'éditeur.",
        ) from erreur
    feuilles = []
    for nom_feuille in classeur.sheet_names:
        try:
            feuille = classeur.get_sheet_by_name(nom_feuille)
            lignes = feuille.to_python(skip_empty_area=False)
        except (CalamineError, ValueError) as erreur:
            raise _erreur(
                nom,
                f"la feuille ne peut pas être lue ({erreur}).",
                "Réenregistrez le classeur au format .xlsx.",
                feuille=nom_feuille,
            ) from erreur
        feuilles.append(Feuille(nom_feuille, lignes, list(range(1, len(lignes) + 1))))
    if not any(f.lignes for f in feuilles):
        raise _erreur(nom, "le classeur ne contient aucune donnée.", "Vérifiez le fichier.")
    return Fichier(chemin=chemin, nom=nom, genre="classeur", feuilles=feuilles)


def lire_json(chemin: Path, nom: str) -> Fichier:
    texte, encodage = decoder(chemin.read_bytes(), nom)
    try:
        document = json.loads(texte)
    except json.JSONDecodeError as erreur:
        raise _erreur(
            nom,
            f"JSON invalide ({erreur.msg}).",
            "Le fichier est peut-être tronqué : téléchargez-le à nouveau.",
            ligne=erreur.lineno,
        ) from erreur
    return Fichier(chemin=chemin, nom=nom, genre="json", document=document, encodage=encodage)


def ouvrir(chemin: Path, nom: str | None = None) -> Fichier:
    """Open any supported file by looking at its first bytes (never at its name).

    Raises:
        ErreurImport: missing, empty, too large, or not a text, workbook or JSON file.
    """
    chemin = Path(chemin)
    nom = nom or chemin.name
    if not chemin.is_file():
        raise _erreur(nom, "fichier introuvable.", "Vérifiez le chemin indiqué.")
    taille = chemin.stat().st_size
    if taille == 0:
        raise _erreur(nom, "le fichier est vide (0 octet).", "Téléchargez-le à nouveau.")
    if taille > TAILLE_MAX_OCTETS:
        raise _erreur(
            nom,
            f"fichier trop volumineux ({taille / 2**20:,.0f} Mio, limite "
            f"{TAILLE_MAX_OCTETS / 2**20:,.0f} Mio).".replace(",", "\u202f"),
            "Filtrez-le sur votre département ou votre région avant de l'importer.",
        )
    with open(chemin, "rb") as f:
        debut = f.read(8)
    if debut.startswith(b"PK\x03\x04") or debut.startswith(b"\xd0\xcf\x11\xe0"):
        if debut.startswith(b"PK") and not _est_classeur_zip(chemin):
            raise _erreur(
                nom,
                "c'est une archive ZIP, pas un classeur ni un CSV.",
                "Décompressez l'archive et importez les fichiers qu'elle contient.",
            )
        return lire_classeur(chemin, nom)
    if debut.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise _erreur(
            nom,
            "encodage UTF-16 non pris en charge.",
            "Réenregistrez le fichier en « CSV UTF-8 » depuis votre tableur.",
            ligne=1,
        )
    contenu = debut.lstrip(b"\xef\xbb\xbf").lstrip()
    if contenu[:1] in (b"{", b"["):
        return lire_json(chemin, nom)
    if b"\x00" in chemin.read_bytes()[:4096]:
        raise _erreur(
            nom,
            "ce n'est pas un fichier texte (CSV), ni un classeur, ni du GeoJSON.",
            "Importez le fichier CSV, XLSX ou GeoJSON publié par l'éditeur.",
        )
    return lire_csv(chemin, nom)


def _est_classeur_zip(chemin: Path) -> bool:
    try:
        with zipfile.ZipFile(chemin) as archive:
            noms = set(archive.namelist())
    except zipfile.BadZipFile:
        return False
    return "[Content_Types].xml" in noms


def nombre(
    valeur,
    fichier: str,
    ligne: int,
    colonne: str,
    feuille: str | None = None,
    vide_permis: bool = False,
) -> float | None:
    """A count read from a French file: `15 220` (no-break space), `1 234,5`, 12.0, `12`.

    Raises:
        ErreurImport: not a number, or negative, naming the line and column.
    """
    if isinstance(valeur, bool):
        valeur = str(valeur)
    if isinstance(valeur, (int, float)):
        resultat = float(valeur)
    else:
        texte = str(valeur if valeur is not None else "").strip().translate(ESPACES_MILLIERS)
        if texte == "" or texte in {"-", "nd", "s", "ns"}:
            if vide_permis:
                return None
            raise ErreurImport(
                fichier,
                "valeur manquante.",
                "Complétez la cellule ou retirez la ligne.",
                ligne=ligne,
                colonne=colonne,
                feuille=feuille,
            )
        try:
            resultat = float(texte.replace(",", "."))
        except ValueError:
            raise ErreurImport(
                fichier,
                f"« {valeur} » n'est pas un nombre.",
                "Corrigez la cellule (chiffres seulement, virgule décimale permise).",
                ligne=ligne,
                colonne=colonne,
                feuille=feuille,
            ) from None
    if resultat != resultat:  # NaN
        raise ErreurImport(
            fichier, "valeur non numérique.", "Corrigez la cellule.", ligne=ligne, colonne=colonne
        )
    if resultat < 0:
        raise ErreurImport(
            fichier,
            f"effectif négatif ({valeur}).",
            "Un effectif ne peut pas être négatif : corrigez la cellule.",
            ligne=ligne,
            colonne=colonne,
            feuille=feuille,
        )
    return resultat


def trouver_entete(feuille: Feuille, colonnes: list[str], max_lignes: int = 30) -> int | None:
    """Index of the first row (among the first `max_lignes`) holding all the given column names
    (compared case-insensitively), or None."""
    voulues = {c.lower() for c in colonnes}
    for i in range(min(max_lignes, len(feuille.lignes))):
        cellules = {feuille.texte(i, j).lower() for j in range(len(feuille.lignes[i]))}
        if voulues <= cellules:
            return i
    return None


def colonnes(feuille: Feuille, i_entete: int) -> dict[str, int]:
    """Column name -> index for the header row `i_entete` (first occurrence wins)."""
    index: dict[str, int] = {}
    for j in range(len(feuille.lignes[i_entete])):
        nom = feuille.texte(i_entete, j)
        if nom and nom not in index:
            index[nom] = j
    return index


def exiger_colonnes(
    fichier: str, feuille: Feuille, i_entete: int, attendues: list[str]
) -> dict[str, int]:
    """The header's columns, or an error naming the first missing one (case-insensitive)."""
    index = colonnes(feuille, i_entete)
    par_minuscule = {nom.lower(): j for nom, j in index.items()}
    resultat = {}
    for nom in attendues:
        if nom.lower() not in par_minuscule:
            presentes = ", ".join(list(index)[:12])
            raise ErreurImport(
                fichier,
                f"colonne « {nom} » absente ou renommée (colonnes lues : {presentes}).",
                "Importez le fichier tel que publié, sans renommer ni supprimer de colonne.",
                ligne=feuille.numeros[i_entete],
                colonne=nom,
                feuille=feuille.nom,
            )
        resultat[nom] = par_minuscule[nom.lower()]
    return resultat

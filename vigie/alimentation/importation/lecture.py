"""Lecture des fichiers officiels tels que publiés : CSV (encodage, séparateur, lignes de
commentaire `#`, lignes de titre), classeurs (xlsx, xlsx Strict Open XML, ancien xls) et JSON, en
simples lignes qui gardent leur numéro, plus la lecture des nombres qu'exigent les fichiers
français (milliers séparés par des espaces insécables, virgule décimale).

Rien ici ne sait ce que veut dire un fichier ; `vigie.alimentation.importation.formats` le
reconnaît et l'interprète.
"""

from __future__ import annotations

import bisect
import csv
import io
import json
import math
import re
import struct
import zipfile
import zlib
from array import array
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from xml.etree import ElementTree

from vigie.alimentation.importation.erreurs import ErreurImport
from vigie.format_fr import nombre as en_chiffres

TAILLE_MAX_OCTETS = 1 << 30  # 1 Gio : au-delà, l'import est refusé (découper ou filtrer)
# Un classeur est une archive : sa taille décompressée et sa surface comptent, pas sa taille sur
# disque (7 Ko suffisent à décrire une cellule XFD1048576, 6 Mo à faire 1,7 Go de XML).
DECOMPRESSE_MAX_OCTETS = 512 << 20  # le plus gros classeur INSEE lu ici en fait moins de 60 Mio
ODS_MIMETYPE = b"application/vnd.oasis.opendocument.spreadsheet"
# Lignes × colonnes d'une feuille : ~76 octets par cellule lue (mesuré sur 2 M cellules), soit
# 0,9 Gio ; le plus grand tableau INSEE en classeur (TD_POP1B en colonnes, France) en a 7,1 M,
# base-ic 5 M (issue 17 : « ~1 Go quelle que soit l'entrée » ; 20 M avant, 1,5 Gio).
CELLULES_MAX = 12_000_000
CHAMP_MAX_CARACTERES = 131_072  # limite du module csv : aucune cellule officielle n'en approche
EFFECTIF_MAX = 100_000_000  # au-delà de la population de la France : une erreur, pas un effectif
SEPARATEURS = [";", ",", "\t", "|"]
ESPACES_MILLIERS = str.maketrans("", "", " \u00a0\u202f\u2009")
CONTROLES = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f]")


@dataclass
class Feuille:
    """Les lignes d'un fichier CSV ou d'une feuille, chacune avec son numéro tel que l'utilisateur
    le voit."""

    nom: str | None  # nom de la feuille ; None pour un fichier CSV
    lignes: Sequence[list]  # cellules : str en CSV ; str/float/int/bool/date en classeur
    numeros: Sequence[int]  # ligne à partir de 1 (CSV) ou numéro de ligne Excel, par ligne
    commentaires: list[str] = field(default_factory=list)  # lignes du CSV qui commencent par '#'

    def erreur(
        self, fichier: str, i: int, probleme: str, conseil: str, colonne: str | None = None
    ) -> ErreurImport:
        """L'erreur d'import qui pointe la ligne de rang ``i`` (dans ``lignes``) de cette feuille,
        sous le numéro que l'utilisateur voit (``numeros[i]``) et avec le nom de la feuille. Seule
        traduction rang → numéro des messages de lecture.py et de formats/ : ``raise
        feuille.erreur(fichier.nom, k, probleme, conseil)``."""
        return ErreurImport(
            fichier, probleme, conseil, ligne=self.numeros[i], colonne=colonne, feuille=self.nom
        )

    def texte(self, i: int, j: int) -> str:
        """La cellule (i, j) en texte sans espaces autour ('' si absente) ; 12.0 lu dans un classeur
        donne '12'."""
        ligne = self.lignes[i]
        if j >= len(ligne) or ligne[j] is None:
            return ""
        valeur = ligne[j]
        if isinstance(valeur, float) and valeur.is_integer():
            return str(int(valeur))
        return str(valeur).strip()


@dataclass
class Fichier:
    """Un fichier ouvert pour être reconnu et lu : son genre et ses feuilles (ou son document
    JSON)."""

    chemin: Path
    nom: str  # le nom montré dans les messages (le nom de fichier de l'utilisateur)
    genre: str  # 'csv', 'classeur', 'json'
    feuilles: list[Feuille] = field(default_factory=list)
    document: object = None  # JSON analysé
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
    """Décode un fichier texte : UTF-8 (avec ou sans BOM), sinon Windows-1252 s'il ressemble à du
    texte.

    Raises:
        ErreurImport: les octets ne sont ni l'un ni l'autre, avec la ligne du premier octet
            illisible.
    """
    if octets.startswith(b"\xef\xbb\xbf"):
        octets = octets[3:]
    try:
        return octets.decode("utf-8"), "utf-8"
    except UnicodeDecodeError as erreur:
        position = erreur.start
    # Windows-1252 est ce qu'écrit Excel sous Windows en français : accepté seulement sans
    # octet de contrôle.
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


def _separateur(lignes: Sequence[str], nom: str, premier_numero: int) -> str:
    """Le séparateur qui découpe l'en-tête et les lignes suivantes en un même nombre de champs."""
    echantillon = lignes[:20]
    meilleur, score = None, 0
    for sep in SEPARATEURS:
        comptes = [len(next(csv.reader([ligne], delimiter=sep))) for ligne in echantillon]
        if comptes[0] > 1 and all(c == comptes[0] for c in comptes) and comptes[0] > score:
            meilleur, score = sep, comptes[0]
    if meilleur is None:
        # En-tête et données ne s'accordent sur aucun séparateur : on prend celui que l'en-tête
        # emploie le plus.
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


class TextesEnBlocs(Sequence):
    """Des lignes de texte gardées par blocs de `TAILLE_BLOC` lignes, chaque bloc compressé (zlib,
    niveau 1) avec le tableau des bornes de ses lignes ; le dernier bloc lu est gardé décompressé.

    Un CSV officiel se compresse de 5 à 10 fois : ses lignes tiennent en ~10 % de leur texte plus
    4 octets par ligne, au lieu de leur texte entier (une chaîne par bloc) ou de ~57 octets de
    plus par ligne (une chaîne Python par ligne dans une liste). Les lecteurs de formats lisent
    les lignes dans l'ordre : un bloc est décompressé une fois par passage (issue 17 : « ~1 Go
    quelle que soit l'entrée »). Une ligne lue est une nouvelle chaîne, découpée dans son bloc."""

    TAILLE_BLOC = 4096
    CARACTERES_BLOC = 1 << 20  # un bloc de lignes longues (202 colonnes) se ferme plus tôt

    def __init__(self) -> None:
        self._blocs: list[bytes] = []
        self._debuts: list[int] = []  # rang de la première ligne de chaque bloc
        self._caracteres = 0
        self._bornes: list[array] = []
        self._courant: list[str] = []
        self._nombre = 0
        self._lu: tuple[int, str] = (-1, "")  # (rang du bloc, son texte décompressé)

    def append(self, texte: str) -> None:
        self._courant.append(texte)
        self._nombre += 1
        self._caracteres += len(texte)
        if len(self._courant) == self.TAILLE_BLOC or self._caracteres >= self.CARACTERES_BLOC:
            self.fermer()

    def fermer(self) -> None:
        """Range les dernières lignes ajoutées dans un bloc."""
        if not self._courant:
            return
        self._debuts.append(self._nombre - len(self._courant))
        self._caracteres = 0
        bornes, position = array("i", [0]), 0
        for texte in self._courant:
            position += len(texte)
            bornes.append(position)
        # surrogatepass : un texte décodé garde tel quel ce qu'il a (jamais d'échec ici).
        self._blocs.append(
            zlib.compress("".join(self._courant).encode("utf-8", "surrogatepass"), 1)
        )
        self._bornes.append(bornes)
        self._courant = []

    def __len__(self) -> int:
        return self._nombre

    def _texte_du_bloc(self, bloc: int) -> str:
        if self._lu[0] != bloc:
            texte = zlib.decompress(self._blocs[bloc]).decode("utf-8", "surrogatepass")
            self._lu = (bloc, texte)
        return self._lu[1]

    def __getitem__(self, i):
        if isinstance(i, slice):
            return [self[k] for k in range(*i.indices(self._nombre))]
        if i < 0:
            i += self._nombre
        if not 0 <= i < self._nombre:
            raise IndexError(i)
        if i >= self._nombre - len(self._courant):
            return self._courant[i - (self._nombre - len(self._courant))]
        bloc = self._lu[0]
        if not (0 <= bloc < len(self._debuts) and self._debuts[bloc] <= i < self._fin(bloc)):
            bloc = bisect.bisect_right(self._debuts, i) - 1
        bornes, rang = self._bornes[bloc], i - self._debuts[bloc]
        return self._texte_du_bloc(bloc)[bornes[rang] : bornes[rang + 1]]

    def _fin(self, bloc: int) -> int:
        return self._debuts[bloc] + len(self._bornes[bloc]) - 1


class LignesCSV(Sequence):
    """Les lignes d'un CSV gardées en texte et découpées en cellules quand on les lit.

    Garder chaque ligne en une seule chaîne coûte quelques dizaines d'octets de plus que son
    texte ; la garder découpée en coûtait dix fois plus (4,9 Go pour un CSV de 200 Mo). Les
    lecteurs de formats lisent une ligne cellule par cellule : la dernière ligne découpée est
    gardée.
    """

    def __init__(self, brutes: Sequence[str], numeros: array, separateur: str, nom: str) -> None:
        self._brutes, self._numeros, self._sep, self.fichier = brutes, numeros, separateur, nom
        self._indice, self._cellules = -1, []

    def __len__(self) -> int:
        return len(self._brutes)

    def __getitem__(self, i):
        if isinstance(i, slice):
            return [self[k] for k in range(*i.indices(len(self)))]
        if i < 0:
            i += len(self)
        if i != self._indice:
            try:
                cellules = next(csv.reader([self._brutes[i]], delimiter=self._sep))
            except csv.Error:
                raise _erreur(
                    self.fichier,
                    "un guillemet n'est pas refermé ou une cellule est trop longue.",
                    "Le fichier n'est pas un tableau tel que publié : reprenez le fichier "
                    "original de l'éditeur.",
                    ligne=self._numeros[i],
                ) from None
            self._indice, self._cellules = i, [c.strip() for c in cellules]
        return self._cellules

    def largeur_maximale(self, i: int) -> int:
        """Un majorant du nombre de cellules de la ligne `i`, sans la découper."""
        return self._brutes[i].count(self._sep) + 1


def _lignes_decodees(chemin: Path, nom: str) -> tuple[TextesEnBlocs, array, list[str], str]:
    """Les lignes non vides du fichier (avec leurs numéros), ses commentaires `#` et son
    encodage : UTF-8 (avec ou sans BOM), sinon Windows-1252 s'il ressemble à du texte.

    Le fichier est lu ligne à ligne, sans jamais tenir tout son texte en mémoire.

    Raises:
        ErreurImport: ni l'un ni l'autre encodage, avec la ligne du premier octet illisible.
    """
    echec_utf8 = None
    for encodage in ("utf-8", "cp1252"):
        lignes, numeros, commentaires = TextesEnBlocs(), array("l"), []
        try:
            with open(chemin, "rb") as f:
                numero = 0
                for brute in f:
                    if numero == 0 and brute.startswith(b"\xef\xbb\xbf"):
                        brute = brute[3:]
                    for morceau in brute.rstrip(b"\r\n").split(b"\r"):
                        numero += 1
                        texte = _decoder_ligne(morceau, encodage)
                        if texte.startswith("#"):
                            commentaires.append(texte.lstrip("#").strip())
                        elif texte.strip().strip(";,\t|") != "":
                            lignes.append(texte)
                            numeros.append(numero)
        except UnicodeDecodeError as erreur:
            if echec_utf8 is None:
                echec_utf8 = (numero, erreur.object[erreur.start])
            continue
        lignes.fermer()
        return lignes, numeros, commentaires, encodage
    numero, octet = echec_utf8
    raise _erreur(
        nom,
        f"encodage illisible : ce n'est ni de l'UTF-8 ni du Windows-1252 (octet 0x{octet:02x}).",
        "Réenregistrez le fichier en « CSV UTF-8 » depuis votre tableur, ou reprenez le "
        "fichier original de l'éditeur.",
        ligne=numero,
    )


def _decoder_ligne(octets: bytes, encodage: str) -> str:
    texte = octets.decode(encodage)
    # Windows-1252 est ce qu'écrit Excel sous Windows en français : accepté seulement sans
    # octet de contrôle.
    if encodage == "cp1252" and CONTROLES.search(texte):
        position = CONTROLES.search(texte).start()
        raise UnicodeDecodeError(encodage, octets, position, position + 1, "octet de contrôle")
    return texte


def lire_csv(chemin: Path, nom: str) -> Fichier:
    """Lit un fichier texte CSV : encodage, lignes de commentaire `#`, séparateur, lignes avec leurs
    numéros."""
    lignes, numeros, commentaires, encodage = _lignes_decodees(chemin, nom)
    if not lignes:
        raise _erreur(
            nom,
            "le fichier est vide (aucune ligne de données).",
            "Vérifiez que le téléchargement est complet.",
        )
    for ligne, numero in zip(lignes, numeros, strict=True):
        if len(ligne) > CHAMP_MAX_CARACTERES:
            raise _erreur(
                nom,
                f"la ligne dépasse {en_chiffres(CHAMP_MAX_CARACTERES)} caractères : ce n'est "
                "pas un tableau tel que publié.",
                "Reprenez le fichier original de l'éditeur.",
                ligne=numero,
            )
    sep = _separateur(lignes, nom, numeros[0])
    return Fichier(
        chemin=chemin,
        nom=nom,
        genre="csv",
        feuilles=[Feuille(None, LignesCSV(lignes, numeros, sep, nom), numeros, commentaires)],
        encodage=encodage,
        separateur=sep,
    )


def lire_classeur(chemin: Path, nom: str) -> Fichier:
    """Lit toutes les feuilles d'un classeur avec python-calamine (xlsx, Strict Open XML, xls, ods).

    openpyxl ne voit aucune feuille dans les classeurs Strict Open XML (l'INSEE en publie) ;
    calamine les lit, ainsi que les anciens .xls BIFF.
    """
    from python_calamine import CalamineError, CalamineWorkbook

    _verifier_archive(chemin, nom)
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
            # Les lignes et colonnes vides avant le tableau ne sont pas lues (une feuille peut
            # commencer très loin) ; les numéros de ligne restent ceux du tableur.
            lignes = feuille.to_python(skip_empty_area=True)
            premiere = feuille.start[0] + 1 if feuille.start else 1
        except (CalamineError, ValueError) as erreur:
            raise _erreur(
                nom,
                f"la feuille ne peut pas être lue ({erreur}).",
                "Réenregistrez le classeur au format .xlsx.",
                feuille=nom_feuille,
            ) from erreur
        feuilles.append(Feuille(nom_feuille, lignes, list(range(premiere, premiere + len(lignes)))))
    if not any(f.lignes for f in feuilles):
        raise _erreur(nom, "le classeur ne contient aucune donnée.", "Vérifiez le fichier.")
    return Fichier(chemin=chemin, nom=nom, genre="classeur", feuilles=feuilles)


def _verifier_archive(chemin: Path, nom: str) -> None:
    """Refuse un classeur dont le contenu décompressé dépasse `DECOMPRESSE_MAX_OCTETS`, avant
    de le lire (une « bombe » zip remplit la mémoire bien avant la fin de la lecture)."""
    if not zipfile.is_zipfile(chemin):
        _verifier_surface_xls(chemin, nom)  # .xls (BIFF) : sa taille sur disque est bornée
        return
    try:
        with zipfile.ZipFile(chemin) as archive:
            decompresse = sum(info.file_size for info in archive.infolist())
            if decompresse <= DECOMPRESSE_MAX_OCTETS:
                _verifier_surface(archive, nom)
                if "content.xml" in archive.namelist():
                    _verifier_surface_ods(archive, nom)
    except (zipfile.BadZipFile, OSError, zlib.error, ElementTree.ParseError) as erreur:
        raise _erreur(
            nom,
            f"classeur illisible ({erreur}).",
            "Reprenez le fichier original de l'éditeur.",
        ) from erreur
    if decompresse > DECOMPRESSE_MAX_OCTETS:
        raise _erreur(
            nom,
            "classeur trop volumineux une fois décompressé "
            f"({en_chiffres(decompresse / 2**20)} Mio, limite "
            f"{en_chiffres(DECOMPRESSE_MAX_OCTETS / 2**20)} Mio).",
            "Un classeur officiel n'atteint pas cette taille : reprenez le fichier original de "
            "l'éditeur, ou filtrez-le sur votre territoire et enregistrez-le en CSV.",
        )


def _lettres_colonne(indice: int) -> str:
    """0 → A, 16383 → XFD : la colonne telle que le tableur l'écrit."""
    lettres = ""
    indice += 1
    while indice:
        indice, reste = divmod(indice - 1, 26)
        lettres = chr(ord("A") + reste) + lettres
    return lettres


def _indice_colonne(lettres: bytes) -> int:
    """b"A" → 0, b"XFD" → 16383."""
    indice = 0
    for octet in lettres:
        indice = indice * 26 + (octet - ord("A") + 1)
    return indice - 1


REF_CELLULE = re.compile(rb'<(?:\w+:)?c [^>]*?r="([A-Z]{1,3})([0-9]{1,7})"')


def _verifier_surface(archive: zipfile.ZipFile, nom: str) -> None:
    """Refuse un classeur dont une feuille occupe plus de `CELLULES_MAX` cellules, avant que
    python-calamine ne la charge : il réserve tout le rectangle occupé, et une seule cellule en
    XFD1048576 suffit à demander 512 Go (le processus s'arrête net, serveur compris).

    Les références des cellules sont lues dans le XML des feuilles, par blocs."""
    for info in archive.infolist():
        if not (info.filename.startswith("xl/worksheets/") and info.filename.endswith(".xml")):
            continue
        lmin = cmin = 1 << 30
        lmax = cmax = -1
        with archive.open(info) as flux:
            reste = b""
            while bloc := flux.read(1 << 20):
                bloc = reste + bloc
                for m in REF_CELLULE.finditer(bloc):
                    c, ligne = _indice_colonne(m.group(1)), int(m.group(2)) - 1
                    lmin, lmax = min(lmin, ligne), max(lmax, ligne)
                    cmin, cmax = min(cmin, c), max(cmax, c)
                reste = bloc[-200:]  # une référence coupée entre deux blocs
        _refuser_surface(nom, lmin, lmax, cmin, cmax)


def _refuser_surface(nom: str, lmin: int, lmax: int, cmin: int, cmax: int) -> None:
    """Refuse une feuille dont le rectangle occupé (indices de 0) dépasse `CELLULES_MAX`."""
    hauteur, largeur = lmax - lmin + 1, cmax - cmin + 1
    if lmax < 0 or hauteur * largeur <= CELLULES_MAX:
        return
    debut = f"{_lettres_colonne(cmin)}{lmin + 1}"
    fin = f"{_lettres_colonne(cmax)}{lmax + 1}"
    raise _erreur(
        nom,
        f"une feuille occupe {en_chiffres(hauteur)} lignes sur {en_chiffres(largeur)} "
        f"colonnes (de {debut} à {fin}), au-delà de {en_chiffres(CELLULES_MAX)} cellules.",
        f"Supprimez les lignes et colonnes remplies par erreur au-delà du tableau "
        f"(jusqu'à {fin}), réenregistrez, puis importez à nouveau.",
    )


# Enregistrements BIFF d'une cellule, qui commencent par (ligne, colonne) sur 16 bits chacun :
# NUMBER, LABELSST, RK, BLANK, LABEL, FORMULA, BOOLERR, RSTRING ; MULRK et MULBLANK finissent
# par leur dernière colonne.
_CELLULES_BIFF = frozenset({0x0203, 0x00FD, 0x027E, 0x0201, 0x0204, 0x0006, 0x0205, 0x00D6})
_CELLULES_MULTIPLES_BIFF = frozenset({0x00BD, 0x00BE})


def _verifier_surface_xls(chemin: Path, nom: str) -> None:
    """La même borne pour un classeur Excel 97-2003 (.xls, BIFF dans un fichier composé OLE2) :
    python-calamine réserve le rectangle des cellules (1 Go pour une cellule en A1 et une en
    IV65536, un fichier de 5 Kio) et s'arrête net au-delà. Excel s'arrête à 256 colonnes, mais le
    format écrit la colonne sur 16 bits : un fichier forgé annonce 65 536 × 65 536 cellules.

    Les enregistrements du flux « Workbook » sont parcourus sans rien lire d'autre que leur
    position (et la dimension annoncée par DIMENSIONS), feuille par feuille."""
    from xlrd import compdoc

    try:
        octets = chemin.read_bytes()
        if not octets.startswith(b"\xd0\xcf\x11\xe0"):
            return
        document = compdoc.CompDoc(octets, logfile=io.StringIO())
        for nom_flux in ("Workbook", "Book"):
            flux, debut, taille = document.locate_named_stream(nom_flux)
            if flux is not None:
                break
        else:
            return  # pas un classeur : python-calamine le dira
    except (compdoc.CompDocError, struct.error, IndexError, ValueError) as erreur:
        raise _erreur(
            nom,
            f"classeur illisible ({erreur}).",
            "Reprenez le fichier original de l'éditeur, ou réenregistrez-le au format .xlsx.",
        ) from erreur
    position, fin = debut, debut + taille
    lmin = cmin = 1 << 62
    lmax = cmax = -1
    while position + 4 <= fin:
        genre, longueur = struct.unpack_from("<HH", flux, position)
        donnees = flux[position + 4 : position + 4 + longueur]
        position += 4 + longueur
        if genre == 0x0809:  # BOF : une nouvelle feuille
            lmin = cmin = 1 << 62
            lmax = cmax = -1
        elif genre == 0x000A:  # EOF
            _refuser_surface(nom, lmin, lmax, cmin, cmax)
        elif genre in _CELLULES_BIFF and len(donnees) >= 4:
            ligne, colonne = struct.unpack_from("<HH", donnees)
            lmin, lmax = min(lmin, ligne), max(lmax, ligne)
            cmin, cmax = min(cmin, colonne), max(cmax, colonne)
        elif genre in _CELLULES_MULTIPLES_BIFF and len(donnees) >= 6:
            ligne, premiere = struct.unpack_from("<HH", donnees)
            (derniere,) = struct.unpack_from("<H", donnees, len(donnees) - 2)
            lmin, lmax = min(lmin, ligne), max(lmax, ligne)
            cmin, cmax = min(cmin, premiere), max(cmax, derniere)
        elif genre == 0x0200 and len(donnees) >= 14:  # DIMENSIONS (BIFF8) : le rectangle annoncé
            lignes_min, lignes_max, colonnes_min, colonnes_max = struct.unpack_from(
                "<IIHH", donnees
            )
            if lignes_max > lignes_min and colonnes_max > colonnes_min:
                _refuser_surface(nom, lignes_min, lignes_max - 1, colonnes_min, colonnes_max - 1)
    _refuser_surface(nom, lmin, lmax, cmin, cmax)


_TABLE_ODF = "{urn:oasis:names:tc:opendocument:xmlns:table:1.0}"
_OFFICE_ODF = "{urn:oasis:names:tc:opendocument:xmlns:office:1.0}"


def _verifier_surface_ods(archive: zipfile.ZipFile, nom: str) -> None:
    """La même borne pour un classeur OpenDocument (.ods, LibreOffice) : python-calamine y
    développe les lignes et cellules répétées (`table:number-rows-repeated`,
    `number-columns-repeated`) jusqu'à 100 millions de cellules, 2,1 Go de mémoire pour un
    fichier de 800 octets, et au-delà arrête le processus.

    Le XML est lu au fil de l'eau (chaque ligne oubliée une fois comptée) ; seules les cellules
    qui ont une valeur ou un contenu comptent : LibreOffice termine chaque feuille par un bloc vide
    répété sur le million de lignes restantes, que calamine ignore aussi."""
    ligne = colonne = 0
    lmin = cmin = 1 << 62
    lmax = cmax = -1
    pile: list = []
    with archive.open("content.xml") as flux:
        for evenement, element in ElementTree.iterparse(flux, events=("start", "end")):
            if evenement == "start":
                pile.append(element)
                if element.tag == f"{_TABLE_ODF}table":
                    ligne = 0
                    lmin = cmin = 1 << 62
                    lmax = cmax = -1
                elif element.tag == f"{_TABLE_ODF}table-row":
                    colonne = 0
                continue
            pile.pop()
            balise = element.tag
            if balise in (f"{_TABLE_ODF}table-cell", f"{_TABLE_ODF}covered-table-cell"):
                largeur = _repetition(element, "number-columns-repeated")
                if element.get(f"{_OFFICE_ODF}value-type") is not None or len(element):
                    cmin, cmax = min(cmin, colonne), max(cmax, colonne + largeur - 1)
                    hauteur = _repetition(pile[-1], "number-rows-repeated") if pile else 1
                    lmin, lmax = min(lmin, ligne), max(lmax, ligne + hauteur - 1)
                    _refuser_surface(nom, lmin, lmax, cmin, cmax)
                colonne += largeur
            elif balise == f"{_TABLE_ODF}table-row":
                ligne += _repetition(element, "number-rows-repeated")
                if pile:
                    pile[-1].remove(element)  # la ligne est comptée : la mémoire reste bornée
            elif balise == f"{_TABLE_ODF}table":
                _refuser_surface(nom, lmin, lmax, cmin, cmax)


def _repetition(element, attribut: str) -> int:
    """Le nombre de répétitions d'une ligne ou d'une cellule OpenDocument (1 par défaut)."""
    try:
        return max(int(element.get(f"{_TABLE_ODF}{attribut}", "1")), 1)
    except ValueError:
        return 1


def lire_json(chemin: Path, nom: str) -> Fichier:
    texte, encodage = decoder(chemin.read_bytes(), nom)
    try:
        document = json.loads(texte)
    except RecursionError:
        raise _erreur(
            nom,
            "JSON imbriqué trop profondément pour être un fichier de contours.",
            "Importez le GeoJSON tel que publié (IGN ADMIN EXPRESS, geo.api.gouv.fr).",
        ) from None
    except json.JSONDecodeError as erreur:
        raise _erreur(
            nom,
            f"JSON invalide (illisible à partir de la colonne {erreur.colno}).",
            "Le fichier est peut-être tronqué : téléchargez-le à nouveau.",
            ligne=erreur.lineno,
        ) from erreur
    return Fichier(chemin=chemin, nom=nom, genre="json", document=document, encodage=encodage)


def ouvrir(chemin: Path, nom: str | None = None) -> Fichier:
    """Ouvre tout fichier pris en charge en regardant ses premiers octets (jamais son nom).

    Raises:
        ErreurImport: absent, vide, trop gros, ou ni texte, ni classeur, ni JSON.
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
            f"fichier trop volumineux ({en_chiffres(taille / 2**20)} Mio, limite "
            f"{en_chiffres(TAILLE_MAX_OCTETS / 2**20)} Mio).",
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
    if "[Content_Types].xml" in noms:
        return True
    # Un classeur OpenDocument (LibreOffice) : son premier membre `mimetype` le dit.
    try:
        with zipfile.ZipFile(chemin) as archive:
            return archive.read("mimetype").strip() == ODS_MIMETYPE
    except (KeyError, zipfile.BadZipFile, OSError, zlib.error):
        return False


def nombre(
    valeur,
    fichier: str,
    ligne: int,
    colonne: str,
    feuille: str | None = None,
    vide_permis: bool = False,
    maximum: float | None = EFFECTIF_MAX,
    entier: bool = False,
) -> float | None:
    """Un effectif lu dans un fichier français : `15 220` (espace insécable), `1 234,5`, 12.0,
    `12`.

    `maximum` : au-delà, la valeur est invraisemblable (une population de commune ne dépasse
    pas 2,5 M) ; `entier` : la valeur doit être un nombre entier (une population légale).

    Raises:
        ErreurImport: pas un nombre fini, négatif, au-dessus de `maximum` ou pas entier, en
        nommant la ligne et la colonne.
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
            fichier,
            "valeur non numérique.",
            "Corrigez la cellule.",
            ligne=ligne,
            colonne=colonne,
            feuille=feuille,
        )
    if not math.isfinite(resultat):  # inf, 1e309
        raise ErreurImport(
            fichier,
            f"« {valeur} » n'est pas un nombre fini.",
            "Corrigez la cellule : un effectif s'écrit en chiffres (ex. 15 220).",
            ligne=ligne,
            colonne=colonne,
            feuille=feuille,
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
    if maximum is not None and resultat > maximum:
        raise ErreurImport(
            fichier,
            f"valeur invraisemblable ({valeur}) : au-delà de {en_chiffres(maximum)}.",
            "Vérifiez la cellule (colonne décalée, unité, zéros en trop) ou reprenez le fichier "
            "original de l'éditeur.",
            ligne=ligne,
            colonne=colonne,
            feuille=feuille,
        )
    if entier and not resultat.is_integer():
        raise ErreurImport(
            fichier,
            f"« {valeur} » n'est pas un nombre entier d'habitants.",
            "Une population légale est un nombre entier : vérifiez la colonne (décalage, "
            "séparateur décimal) ou reprenez le fichier original.",
            ligne=ligne,
            colonne=colonne,
            feuille=feuille,
        )
    return resultat


def trouver_entete(feuille: Feuille, colonnes: list[str], max_lignes: int = 30) -> int | None:
    """Indice de la première ligne (parmi les `max_lignes` premières) qui porte tous les noms de
    colonnes donnés (comparés sans tenir compte de la casse), ou None."""
    voulues = {c.lower() for c in colonnes}
    for i in range(min(max_lignes, len(feuille.lignes))):
        cellules = {feuille.texte(i, j).lower() for j in range(len(feuille.lignes[i]))}
        if voulues <= cellules:
            return i
    return None


def colonnes(feuille: Feuille, i_entete: int) -> dict[str, int]:
    """Nom de colonne -> indice, pour la ligne d'en-tête `i_entete` (la première occurrence
    l'emporte).

    Raises:
        ErreurImport: une ligne de CSV sous l'en-tête a plus de valeurs que l'en-tête n'a de
            colonnes.
    """
    _refuser_lignes_trop_longues(feuille, i_entete)
    index: dict[str, int] = {}
    for j in range(len(feuille.lignes[i_entete])):
        nom = feuille.texte(i_entete, j)
        if nom and nom not in index:
            index[nom] = j
    return index


def exiger_colonnes(
    fichier: str, feuille: Feuille, i_entete: int, attendues: list[str]
) -> dict[str, int]:
    """Les colonnes de l'en-tête, ou une erreur qui nomme la première manquante (sans tenir compte
    de la casse)."""
    index = colonnes(feuille, i_entete)
    par_minuscule = {nom.lower(): j for nom, j in index.items()}
    _refuser_colonnes_doublees(fichier, feuille, i_entete, attendues)
    resultat = {}
    for nom in attendues:
        if nom.lower() not in par_minuscule:
            presentes = ", ".join(list(index)[:12])
            raise feuille.erreur(
                fichier,
                i_entete,
                f"colonne « {nom} » absente ou renommée (colonnes lues : {presentes}).",
                "Importez le fichier tel que publié, sans renommer ni supprimer de colonne.",
                colonne=nom,
            )
        resultat[nom] = par_minuscule[nom.lower()]
    return resultat


def _refuser_colonnes_doublees(
    fichier: str, feuille: Feuille, i_entete: int, attendues: list[str]
) -> None:
    """Une colonne attendue écrite deux fois dans l'en-tête : laquelle croire ? On refuse."""
    vues: dict[str, int] = {}
    voulues = {nom.lower() for nom in attendues}
    for j in range(len(feuille.lignes[i_entete])):
        nom = feuille.texte(i_entete, j).lower()
        if nom in voulues and nom in vues:
            raise feuille.erreur(
                fichier,
                i_entete,
                f"la colonne « {feuille.texte(i_entete, j)} » figure deux fois dans l'en-tête "
                f"(colonnes n° {vues[nom] + 1} et {j + 1}).",
                "Supprimez la colonne en trop, ou reprenez le fichier original de l'éditeur.",
                colonne=feuille.texte(i_entete, j),
            )
        vues.setdefault(nom, j)


def _refuser_lignes_trop_longues(feuille: Feuille, i_entete: int) -> None:
    """Une ligne de CSV qui a plus de valeurs que l'en-tête n'a de colonnes : les valeurs sont
    décalées (souvent une virgule décimale dans un fichier séparé par des virgules)."""
    lignes = feuille.lignes
    if not isinstance(lignes, LignesCSV):  # classeur : les cellules sont à leur place
        return
    largeur = len(feuille.lignes[i_entete])
    for i in range(i_entete + 1, len(lignes)):
        if lignes.largeur_maximale(i) <= largeur:
            continue  # moins de séparateurs que de colonnes : inutile de découper la ligne
        ligne = lignes[i]
        if len(ligne) > largeur and any(c.strip() for c in ligne[largeur:]):
            raise feuille.erreur(
                lignes.fichier,
                i,
                f"la ligne compte {len(ligne)} valeurs pour {largeur} colonnes dans l'en-tête : "
                "les valeurs seraient décalées (une virgule décimale dans un fichier séparé par "
                "des virgules ?).",
                "Enregistrez le fichier avec le séparateur « ; » (CSV français), ou reprenez "
                "le fichier original de l'éditeur.",
            )

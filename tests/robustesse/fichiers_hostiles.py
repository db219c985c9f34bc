"""Fichiers hostiles ou abîmés, fabriqués à la volée, pour les tests d'import (issue 17).

Chaque cas est un `Cas(nom, fabriquer, attendu)` : `fabriquer(dossier)` écrit le fichier et rend
son chemin ; `attendu` vaut "refus" (une `ErreurImport` en français) ou "accepte" (témoin valide).
Les dispositions imitent les fichiers publiés (populations légales INSEE, base-cc, GeoJSON
ADMIN EXPRESS, composition des EPCI) : seul le défaut visé change.
"""

from __future__ import annotations

import io
import json
import struct
import zipfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

ENTETE_POP = "REG;Région;DEP;CODARR;CODCAN;CODCOM;COM;Commune;PMUN;PCAP;PTOT"
LIGNE_POP = "53;Bretagne;29;3;10;151;29151;Morlaix;{pmun};10;{ptot}"
NOM_POP = "donnees_communes_pop_legale_2021.csv"


@dataclass(frozen=True)
class Cas:
    nom: str
    fabriquer: Callable[[Path], Path]
    attendu: str  # "refus" ou "accepte"


def _texte(nom: str, contenu: str, encodage: str = "utf-8") -> Callable[[Path], Path]:
    def fabriquer(dossier: Path) -> Path:
        chemin = dossier / nom
        chemin.write_bytes(contenu.encode(encodage))
        return chemin

    return fabriquer


def _population(pmun: str, ptot: str | None = None, nom: str = NOM_POP) -> Callable:
    lignes = [ENTETE_POP, LIGNE_POP.format(pmun=pmun, ptot=ptot or pmun)]
    lignes.append("53;Bretagne;29;3;10;199;29199;Plouigneau;4939;10;4949")
    return _texte(nom, "\n".join(lignes) + "\n")


def _geojson(geometrie, proprietes=None, brut: str | None = None) -> Callable:
    entite = {
        "type": "Feature",
        "geometry": geometrie,
        "properties": proprietes if proprietes is not None else {"code": "29151", "nom": "Morlaix"},
    }
    contenu = brut or json.dumps({"type": "FeatureCollection", "features": [entite]})
    return _texte("communes.geojson", contenu)


CARRE = [[[-4.0, 48.5], [-3.95, 48.5], [-3.95, 48.55], [-4.0, 48.55], [-4.0, 48.5]]]


def _classeur_cellule_lointaine(dossier: Path) -> Path:
    """Un classeur minuscule (quelques Ko) dont l'unique cellule est XFD1048576."""
    chemin = dossier / "cellule_lointaine.xlsx"
    feuille = (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
        '<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
        '<sheetData><row r="1048576"><c r="XFD1048576" t="inlineStr"><is><t>x</t></is></c>'
        "</row></sheetData></worksheet>"
    )
    _ecrire_xlsx(chemin, feuille)
    return chemin


def classeur_bombe(dossier: Path, mio: int = 1100) -> Path:
    """Un classeur compressé de quelques Mo qui se décompresse en `mio` Mio de XML."""
    chemin = dossier / "bombe.xlsx"
    ligne = '<row r="{r}"><c r="A{r}"><v>1</v></c></row>'
    # Du XML très répétitif : quelques Mo compressés, plus de 1 Gio une fois décompressé.
    remplissage = " " * (1 << 20)
    with zipfile.ZipFile(chemin, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as archive:
        _parties_xlsx(archive)
        with archive.open("xl/worksheets/sheet1.xml", "w", force_zip64=True) as f:
            f.write(
                b'<?xml version="1.0" encoding="UTF-8"?><worksheet '
                b'xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>'
            )
            f.write(ligne.format(r=1).encode())
            for _ in range(mio):
                f.write(remplissage.encode())
            f.write(b"</sheetData></worksheet>")
    return chemin


def _parties_xlsx(archive: zipfile.ZipFile) -> None:
    archive.writestr(
        "[Content_Types].xml",
        '<?xml version="1.0" encoding="UTF-8"?><Types '
        'xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
        '<Default Extension="rels" '
        'ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
        '<Default Extension="xml" ContentType="application/xml"/>'
        '<Override PartName="/xl/workbook.xml" ContentType="application/'
        'vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>'
        '<Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/'
        'vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/></Types>',
    )
    archive.writestr(
        "_rels/.rels",
        '<?xml version="1.0" encoding="UTF-8"?><Relationships '
        'xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
        '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/'
        'relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>',
    )
    archive.writestr(
        "xl/workbook.xml",
        '<?xml version="1.0" encoding="UTF-8"?><workbook '
        'xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" '
        'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">'
        '<sheets><sheet name="Feuil1" sheetId="1" r:id="rId1"/></sheets></workbook>',
    )
    archive.writestr(
        "xl/_rels/workbook.xml.rels",
        '<?xml version="1.0" encoding="UTF-8"?><Relationships '
        'xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
        '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/'
        'relationships/worksheet" Target="worksheets/sheet1.xml"/></Relationships>',
    )


def _ecrire_xlsx(chemin: Path, feuille_xml: str) -> None:
    with zipfile.ZipFile(chemin, "w", zipfile.ZIP_DEFLATED) as archive:
        _parties_xlsx(archive)
        archive.writestr("xl/worksheets/sheet1.xml", feuille_xml)


# --- Classeurs OpenDocument (.ods) et Excel 97-2003 (.xls, BIFF8) minuscules -------------------

_ESPACES_ODS = (
    'xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" '
    'xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" '
    'xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0"'
)


def cellule_ods(valeur: str | float) -> str:
    """Une cellule OpenDocument qui porte une valeur (nombre ou texte)."""
    if isinstance(valeur, str):
        return f'<table:table-cell office:value-type="string"><text:p>{valeur}</text:p></table:table-cell>'
    return (
        f'<table:table-cell office:value-type="float" office:value="{valeur}">'
        f"<text:p>{valeur}</text:p></table:table-cell>"
    )


def ecrire_ods(chemin: Path, lignes_xml: str) -> Path:
    """Un classeur .ods d'une feuille faite de `lignes_xml` (des `<table:table-row>`)."""
    contenu = (
        f'<?xml version="1.0" encoding="UTF-8"?><office:document-content {_ESPACES_ODS} '
        'office:version="1.2"><office:body><office:spreadsheet><table:table table:name="Feuille1">'
        f"{lignes_xml}</table:table></office:spreadsheet></office:body></office:document-content>"
    )
    with zipfile.ZipFile(chemin, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr(
            zipfile.ZipInfo("mimetype"), "application/vnd.oasis.opendocument.spreadsheet"
        )
        archive.writestr("content.xml", contenu)
        archive.writestr(
            "META-INF/manifest.xml",
            '<?xml version="1.0" encoding="UTF-8"?><manifest:manifest xmlns:manifest='
            '"urn:oasis:names:tc:opendocument:xmlns:manifest:1.0" manifest:version="1.2">'
            '<manifest:file-entry manifest:full-path="/" manifest:media-type='
            '"application/vnd.oasis.opendocument.spreadsheet"/><manifest:file-entry '
            'manifest:full-path="content.xml" manifest:media-type="text/xml"/></manifest:manifest>',
        )
    return chemin


def _ods_lointain(dossier: Path) -> Path:
    """800 octets : une valeur en A1, une autre en XFD1048576, le reste en répétitions vides."""
    return ecrire_ods(
        dossier / "cellule_lointaine.ods",
        f"<table:table-row>{cellule_ods(1)}</table:table-row>"
        '<table:table-row table:number-rows-repeated="1048574"><table:table-cell/></table:table-row>'
        '<table:table-row><table:table-cell table:number-columns-repeated="16383"/>'
        f"{cellule_ods(1)}</table:table-row>",
    )


def _ods_repete(dossier: Path) -> Path:
    """Une valeur répétée sur 100 000 lignes × 1 000 colonnes : python-calamine en faisait 2,1 Go
    de mémoire (puis arrêtait le processus) pour un fichier de 800 octets."""
    return ecrire_ods(
        dossier / "valeur_repetee.ods",
        '<table:table-row table:number-rows-repeated="100000"><table:table-cell '
        'table:number-columns-repeated="1000" office:value-type="float" office:value="1"/>'
        "</table:table-row>",
    )


def ods_population(dossier: Path) -> Path:
    """Témoin : les populations légales en .ods, fini comme LibreOffice finit une feuille (un bloc
    vide répété sur le million de lignes restantes)."""
    lignes = [ENTETE_POP.split(";"), LIGNE_POP.format(pmun="15120", ptot="15130").split(";")]
    xml = "".join(
        "<table:table-row>"
        + "".join(
            cellule_ods(float(v) if v.isdigit() and i >= 8 else v) for i, v in enumerate(ligne)
        )
        + "</table:table-row>"
        for ligne in lignes
    )
    xml += (
        '<table:table-row table:number-rows-repeated="1048574">'
        '<table:table-cell table:number-columns-repeated="1024"/></table:table-row>'
    )
    return ecrire_ods(dossier / "donnees_communes_pop_legale_2021.ods", xml)


def _enregistrement(type_: int, donnees: bytes) -> bytes:
    return struct.pack("<HH", type_, len(donnees)) + donnees


def ecrire_xls(
    chemin: Path, cellules: list[tuple[int, int, float]], dimensions: tuple[int, int] | None = None
) -> Path:
    """Un classeur Excel 97-2003 (BIFF8 dans un fichier composé OLE2) d'une feuille de nombres.

    Args:
        cellules: (ligne, colonne, valeur), indices de 0 ; BIFF écrit la colonne sur 16 bits, si
            bien qu'un fichier forgé peut en annoncer 65 536 là où Excel s'arrête à 256.
        dimensions: (lignes, colonnes) annoncées par l'enregistrement DIMENSIONS ; défaut : celles
            des cellules.
    """
    bof = lambda genre: _enregistrement(  # noqa: E731
        0x0809, struct.pack("<HHHHII", 0x0600, genre, 0x0DBB, 0x07CC, 0, 6)
    )
    fin = _enregistrement(0x000A, b"")
    nom = b"Feuille1"
    feuille_fictive = _enregistrement(0x0085, struct.pack("<IBBBB", 0, 0, 0, len(nom), 0) + nom)
    globales = (
        bof(0x0005) + _enregistrement(0x0042, struct.pack("<H", 1200)) + feuille_fictive + fin
    )
    lignes = dimensions[0] if dimensions else max(li for li, _, _ in cellules) + 1
    colonnes = min(dimensions[1] if dimensions else max(c for _, c, _ in cellules) + 1, 0xFFFF)
    feuille = bof(0x0010) + _enregistrement(
        0x0200, struct.pack("<IIHHH", 0, lignes, 0, colonnes, 0)
    )
    for ligne, colonne, valeur in cellules:
        feuille += _enregistrement(0x0203, struct.pack("<HHHd", ligne, colonne, 15, valeur))
    feuille += fin
    globales = globales.replace(
        feuille_fictive,
        _enregistrement(0x0085, struct.pack("<IBBBB", len(globales), 0, 0, len(nom), 0) + nom),
    )
    flux = globales + feuille
    flux += b"\0" * (max(4096, -(-len(flux) // 512) * 512) - len(flux))  # hors du mini-flux
    secteurs = len(flux) // 512
    assert secteurs <= 126, "un seul secteur de table d'allocation"
    fin_chaine, libre = 0xFFFFFFFE, 0xFFFFFFFF
    fat = [0xFFFFFFFD, fin_chaine] + [3 + i for i in range(secteurs - 1)] + [fin_chaine]
    fat += [libre] * (128 - len(fat))
    entete = (
        bytes.fromhex("D0CF11E0A1B11AE1")
        + bytes(16)
        + struct.pack("<HHHHH", 0x3E, 3, 0xFFFE, 9, 6)
        + bytes(6)
        + struct.pack("<IIIIIIIII", 0, 1, 1, 0, 4096, fin_chaine, 0, fin_chaine, 0)
        + struct.pack("<I", 0)
        + struct.pack("<I", libre) * 108
    )

    def entree(nom_: str, genre: int, enfant: int, debut: int, taille: int) -> bytes:
        brut = (nom_ + "\0").encode("utf-16-le") if nom_ else b""
        return (
            brut.ljust(64, b"\0")
            + struct.pack("<HBB", len(brut), genre, 1)
            + struct.pack("<III", libre, libre, enfant)
            + bytes(16 + 4 + 16)
            + struct.pack("<IQ", debut, taille)
        )

    repertoire = (
        entree("Root Entry", 5, 1, fin_chaine, 0)
        + entree("Workbook", 2, libre, 2, len(flux))
        + entree("", 0, libre, 0, 0) * 2
    )
    chemin.write_bytes(entete + struct.pack("<128I", *fat) + repertoire + flux)
    return chemin


def _xls_colonne_forgee(dossier: Path) -> Path:
    """Quelques Ko : une cellule en A1 et une en colonne 65 535 de la ligne 65 536 (4,3 milliards
    de cellules annoncées ; Excel s'arrête à 256 colonnes, le format en permet 65 536)."""
    return ecrire_xls(dossier / "colonne_forgee.xls", [(0, 0, 1.0), (65535, 65535, 2.0)])


def _champ_geant(dossier: Path) -> Path:
    chemin = dossier / NOM_POP
    chemin.write_text(
        ENTETE_POP
        + "\n"
        + LIGNE_POP.format(pmun="15120", ptot="15130").replace("Morlaix", "M" * 200_000)
        + "\n",
        encoding="utf-8",
    )
    return chemin


def _json_profond(dossier: Path) -> Path:
    chemin = dossier / "profond.geojson"
    chemin.write_text(
        '{"type": "FeatureCollection", "features": ' + "[" * 100_000 + "]" * 100_000 + "}"
    )
    return chemin


def _zip_simple(dossier: Path) -> Path:
    chemin = dossier / "archive.xlsx"
    with zipfile.ZipFile(chemin, "w") as archive:
        archive.writestr("donnees.csv", ENTETE_POP)
    return chemin


def _binaire(dossier: Path) -> Path:
    chemin = dossier / "image.csv"
    chemin.write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 20)
    return chemin


def _utf16(dossier: Path) -> Path:
    chemin = dossier / NOM_POP
    chemin.write_bytes((ENTETE_POP + "\n").encode("utf-16"))
    return chemin


def _classeur_sans_donnees(dossier: Path) -> Path:
    chemin = dossier / "vide.xlsx"
    _ecrire_xlsx(
        chemin,
        '<?xml version="1.0" encoding="UTF-8"?><worksheet '
        'xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData/></worksheet>',
    )
    return chemin


def _markdown(dossier: Path) -> Path:
    """Une image Markdown dans un en-tête : le message de refus doit la garder en texte."""
    chemin = dossier / "![p](http:__127.0.0.1:9_x.png).csv"
    chemin.write_text("![p](http://127.0.0.1:9/x.png);<img src=x onerror=alert(1)>\n1;2\n")
    return chemin


def cas() -> list[Cas]:
    """Tous les cas, témoins valides compris."""
    base_cc = (
        "CODGEO;P21_POP;P15_POP;P10_POP;D99_POP;D90_POP;D82_POP;D75_POP;D68_POP;SUPERF;"
        "NAIS1521;NAIS1015;DECE1521;DECE1015\n"
    )
    return [
        # Témoins : le même fichier, valide.
        Cas("témoin populations légales", _population("15120", "15130"), "accepte"),
        Cas(
            "témoin base-cc",
            _texte(
                "base-cc-serie-historique-2021.CSV",
                base_cc
                + "29151;15220;15100;15400;15900;16700;17600;18300;19800;24,8;900;950;1000;980\n",
            ),
            "accepte",
        ),
        Cas("témoin GeoJSON", _geojson({"type": "Polygon", "coordinates": CARRE}), "accepte"),
        Cas(
            "témoin Windows-1252",
            _texte(
                NOM_POP,
                ENTETE_POP
                + "\n"
                + LIGNE_POP.format(pmun="15120", ptot="15130").replace("Morlaix", "Morlaix-Lé")
                + "\n",
                "cp1252",
            ),
            "accepte",
        ),
        Cas(
            "témoin virgule décimale",
            _texte(
                "base-cc-serie-historique-2021.CSV",
                base_cc
                + "29151;15220;15100;15400;15900;16700;17600;18300;19800;24,8;900;950;1000;980\n",
            ),
            "accepte",
        ),
        # Nombres impossibles.
        Cas("population inf", _population("inf"), "refus"),
        Cas("population 1e309", _population("1e309"), "refus"),
        Cas("population 9e20", _population("9e20"), "refus"),
        Cas("population négative", _population("-5"), "refus"),
        Cas("population NaN", _population("nan"), "refus"),
        Cas("population décimale 12,75", _population("12,75"), "refus"),
        Cas("population texte", _population("beaucoup"), "refus"),
        Cas("population au-dessus de 2,5 M", _population("3000000"), "refus"),
        Cas(
            "année 9999", _population("15120", nom="donnees_communes_pop_legale_9999.csv"), "refus"
        ),
        Cas(
            "base-cc année 9999",
            _texte(
                "base-cc-serie-historique-9999.CSV",
                "CODGEO;P99_POP\n29151;15220\n".replace("P99", "P9999"),
            ),
            "refus",
        ),
        # Colonnes.
        Cas(
            "colonne dupliquée",
            _texte(
                NOM_POP,
                ENTETE_POP + ";PMUN\n" + LIGNE_POP.format(pmun="15120", ptot="15130") + ";99\n",
            ),
            "refus",
        ),
        Cas(
            "colonne absente",
            _texte(
                NOM_POP,
                ENTETE_POP.replace(";PMUN", "")
                + "\n"
                + LIGNE_POP.format(pmun="15120", ptot="15130").replace(";15120", "")
                + "\n",
            ),
            "refus",
        ),
        Cas(
            "virgule séparatrice et virgules décimales",
            _texte(
                "base-cc-serie-historique-2021.CSV",
                base_cc.replace(";", ",")
                + "29151,15220,15100,15400,15900,16700,17600,18300,19800,24,8,900,950,1000,980\n",
            ),
            "refus",
        ),
        Cas(
            "lignes de longueurs différentes",
            _texte(
                NOM_POP,
                ENTETE_POP + "\n" + LIGNE_POP.format(pmun="15120", ptot="15130") + ";1;2;3\n",
            ),
            "refus",
        ),
        Cas(
            "code commune mal formé",
            _texte(
                NOM_POP,
                ENTETE_POP
                + "\n"
                + LIGNE_POP.format(pmun="15120", ptot="15130").replace("29151", "2915X")
                + "\n",
            ),
            "refus",
        ),
        Cas(
            "code commune doublé",
            _texte(
                NOM_POP,
                ENTETE_POP
                + "\n"
                + LIGNE_POP.format(pmun="15120", ptot="15130")
                + "\n"
                + LIGNE_POP.format(pmun="15000", ptot="15010")
                + "\n",
            ),
            "refus",
        ),
        # Fichiers abîmés.
        Cas("fichier vide", _texte(NOM_POP, ""), "refus"),
        Cas("en-tête seul", _texte(NOM_POP, ENTETE_POP + "\n"), "refus"),
        Cas("champ de 200 000 caractères", _champ_geant, "refus"),
        Cas("UTF-16", _utf16, "refus"),
        Cas("binaire déguisé en CSV", _binaire, "refus"),
        Cas("archive ZIP déguisée en classeur", _zip_simple, "refus"),
        Cas("classeur sans données", _classeur_sans_donnees, "refus"),
        Cas("classeur à la cellule XFD1048576", _classeur_cellule_lointaine, "refus"),
        Cas("témoin .ods (fin de feuille LibreOffice répétée)", ods_population, "accepte"),
        Cas("classeur .ods à la cellule XFD1048576", _ods_lointain, "refus"),
        Cas("classeur .ods aux 100 M cellules répétées", _ods_repete, "refus"),
        Cas("classeur .xls à la colonne 65 535 forgée", _xls_colonne_forgee, "refus"),
        Cas(
            "JSON tronqué",
            _texte("communes.geojson", '{"type": "FeatureCollection", "feat'),
            "refus",
        ),
        Cas("JSON imbriqué 100 000 fois", _json_profond, "refus"),
        Cas("séparateur inconnu", _texte(NOM_POP, "a b c\n1 2 3\n"), "refus"),
        Cas("format inconnu", _texte("autre.csv", "x;y\n1;2\n"), "refus"),
        Cas("Markdown et HTML dans l'en-tête et le nom", _markdown, "refus"),
        # GeoJSON.
        Cas(
            "GeoJSON coordonnées texte",
            _geojson(
                {
                    "type": "Polygon",
                    "coordinates": [[["a", "b"], ["c", "d"], ["e", "f"], ["a", "b"]]],
                }
            ),
            "refus",
        ),
        Cas(
            "GeoJSON coordonnées NaN",
            _geojson(
                None,
                brut='{"type": "FeatureCollection", '
                '"features": [{"type": "Feature", "properties": {"code": "29151"}, "geometry": '
                '{"type": "Polygon", "coordinates": [[[NaN, 48.5], [-3.9, 48.5], [-3.9, 48.6], '
                "[NaN, 48.5]]]}}]}",
            ),
            "refus",
        ),
        Cas(
            "GeoJSON polygone qui se recoupe",
            _geojson(
                {
                    "type": "Polygon",
                    "coordinates": [
                        [[-4.0, 48.5], [-3.9, 48.6], [-3.9, 48.5], [-4.0, 48.6], [-4.0, 48.5]]
                    ],
                }
            ),
            "accepte",
        ),
        Cas(
            "GeoJSON anneau ouvert de deux points",
            _geojson({"type": "Polygon", "coordinates": [[[-4.0, 48.5], [-3.9, 48.6]]]}),
            "refus",
        ),
        Cas(
            "GeoJSON hors de la Terre",
            _geojson(
                {
                    "type": "Polygon",
                    "coordinates": [[[400.0, 48.5], [401.0, 48.5], [401.0, 49.0], [400.0, 48.5]]],
                }
            ),
            "refus",
        ),
        Cas(
            "GeoJSON entité qui n'est pas un objet",
            _geojson(None, brut='{"type": "FeatureCollection", "features": ["x", 3]}'),
            "refus",
        ),
        Cas(
            "GeoJSON propriétés qui ne sont pas un objet",
            _geojson({"type": "Polygon", "coordinates": CARRE}, proprietes=["code", "29151"]),
            "refus",
        ),
        Cas("GeoJSON géométrie qui n'est pas un objet", _geojson("Polygon"), "refus"),
        Cas(
            "GeoJSON sans entité",
            _texte("communes.geojson", '{"type": "FeatureCollection", "features": []}'),
            "refus",
        ),
    ]


def flux_csv_enorme(chemin: Path, octets: int) -> None:
    """Un CSV de populations légales d'environ `octets` octets, sans année reconnaissable."""
    ligne = "53;Bretagne;29;3;10;151;{code};Commune quelconque;1512;10;1513\n"
    with open(chemin, "w", encoding="utf-8", newline="") as f:
        f.write(ENTETE_POP + "\n")
        tampon = io.StringIO()
        ecrits, i = 0, 0
        while ecrits < octets:
            tampon.write(ligne.format(code=f"{29000 + i % 999:05d}"))
            i += 1
            if i % 10_000 == 0:
                bloc = tampon.getvalue()
                f.write(bloc)
                ecrits += len(bloc)
                tampon = io.StringIO()
        f.write(tampon.getvalue())

"""Fichiers hostiles ou abîmés, fabriqués à la volée, pour les tests d'import (issue 17).

Chaque cas est un `Cas(nom, fabriquer, attendu)` : `fabriquer(dossier)` écrit le fichier et rend
son chemin ; `attendu` vaut "refus" (une `ErreurImport` en français) ou "accepte" (témoin valide).
Les dispositions imitent les fichiers publiés (populations légales INSEE, base-cc, GeoJSON
ADMIN EXPRESS, composition des EPCI) : seul le défaut visé change.
"""

from __future__ import annotations

import io
import json
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

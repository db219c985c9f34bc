"""Vitesse de la carte (issue 9) : un département de 279 communes (Finistère, contours réels IGN)
avec des valeurs synthétiques. Cible : la carte se dessine en moins d'une seconde, cache chaud.

Mesure, en médiane de plusieurs répétitions :
- à froid : lecture des GeoJSON, simplification en couverture, mise en paquet (fait une fois par
  périmètre, puis gardé en cache par l'application) ;
- à chaud : classes (Jenks), construction de la figure Plotly, sérialisation JSON (ce que
  Streamlit envoie au navigateur) ;
- dans Chromium sans tête (si présent) : temps entre `Plotly.newPlot` et la fin du dessin, et
  vérification qu'aucune requête ne sort de 127.0.0.1.

Usage :

    python bench/bench_carte.py [--sans-navigateur] [--repetitions N]

Sans le fichier ../shared/data/geo/communes-29-finistere.geojson, le banc le dit et s'arrête.
"""

from __future__ import annotations

import argparse
import functools
import http.server
import json
import statistics
import threading
from pathlib import Path

import banc
import numpy as np
import pandas as pd
import plotly

from vigie.analyses import cartographie
from vigie.analyses import indicateurs_carte as ic
from vigie.figures import carte as graphiques_carte

RACINE = banc.RACINE
FINISTERE = RACINE.parent / "shared" / "data" / "geo" / "communes-29-finistere.geojson"
DEMO = RACINE / "data" / "demo" / "communes.geojson"


def lire(chemin: Path) -> tuple[list[str], list[str], list[str]]:
    donnees = json.loads(chemin.read_text(encoding="utf-8"))
    codes, noms, textes = [], [], []
    for f in donnees["features"]:
        p = f["properties"]
        codes.append(str(p.get("code_commune") or p.get("code")))
        noms.append(str(p.get("nom_commune") or p.get("nom")))
        textes.append(json.dumps(f["geometry"]))
    return codes, noms, textes


def valeurs_synthetiques(codes, noms) -> pd.DataFrame:
    rng = np.random.default_rng(29)
    return pd.DataFrame(
        {
            "code_commune": codes,
            "nom_commune": noms,
            "valeur": rng.beta(4, 14, len(codes)),  # une part des 75 ans ou plus vers 22 %
            "detail": "",
        }
    )


def figure_chaude(contours, valeurs):
    indicateur = ic.PAR_CLE["part_75_plus_projetee"]
    classes = cartographie.classer(valeurs["valeur"], "jenks", 5)
    return graphiques_carte.figure_carte(
        contours,
        valeurs,
        indicateur,
        classes,
        "Part projetée des 75 ans ou plus en 2040 (scénario central)",
        "Source : valeurs synthétiques ; contours IGN ADMIN EXPRESS 2018",
        surligner=contours.codes[0],
    )


def rendu_navigateur(
    json_figure: str, repetitions: int, capture: str | None = None
) -> tuple[list[float], list[str]]:
    """Durées de Plotly.newPlot dans Chromium sans tête (la première, puis les répétitions) et
    requêtes externes."""
    from playwright.sync_api import sync_playwright

    dossier = Path(plotly.__file__).parent / "package_data"
    page_html = (
        "<html><head><meta charset='utf-8'><script src='/plotly.min.js'></script></head>"
        "<body><div id='carte' style='width:1300px;height:800px'></div></body></html>"
    )

    class Gestionnaire(http.server.SimpleHTTPRequestHandler):
        def do_GET(self):  # noqa: N802
            if self.path.startswith("/carte.html"):
                corps = page_html.encode()
            elif self.path.startswith("/figure.json"):
                corps = json_figure.encode()
            else:
                return super().do_GET()
            self.send_response(200)
            self.send_header("Content-Length", str(len(corps)))
            self.end_headers()
            self.wfile.write(corps)

        def log_message(self, *args):
            pass

    serveur = http.server.ThreadingHTTPServer(
        ("127.0.0.1", 0), functools.partial(Gestionnaire, directory=str(dossier))
    )
    threading.Thread(target=serveur.serve_forever, daemon=True).start()
    port = serveur.server_address[1]
    durees: list[float] = []
    try:
        with sync_playwright() as p:
            navigateur = banc.ouvrir_chromium(p)
            page = navigateur.new_page(viewport={"width": 1400, "height": 900})
            externes = banc.requetes_externes(page)
            page.goto(f"http://127.0.0.1:{port}/carte.html")
            page.wait_for_function("window.Plotly !== undefined")
            for _ in range(repetitions):
                duree = page.evaluate(
                    """async () => {
                        const fig = await (await fetch('/figure.json')).json();
                        const div = document.getElementById('carte');
                        Plotly.purge(div);
                        const t0 = performance.now();
                        await Plotly.newPlot(div, fig.data, fig.layout, {scrollZoom: false});
                        // La couche de carte (MapLibre) se dessine après coup : attendre son « idle ».
                        const carte = div._fullLayout.map._subplot.map;
                        if (!carte.loaded() || !carte.areTilesLoaded()) {
                            await new Promise(r => carte.once('idle', r));
                        }
                        return performance.now() - t0;
                    }"""
                )
                durees.append(duree / 1000)
            if capture:
                page.screenshot(path=capture)
            navigateur.close()
    finally:
        serveur.shutdown()
    return durees, externes


def main() -> int:
    parseur = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parseur.add_argument("--sans-navigateur", action="store_true")
    parseur.add_argument("--repetitions", type=int, default=5)
    parseur.add_argument("--capture", help="enregistre une image PNG de la carte du Finistère")
    args = parseur.parse_args()
    if not FINISTERE.is_file():
        print(f"Fichier absent : {FINISTERE} — banc ignoré (données ouvertes réelles absentes).")
        return 0

    lignes = []
    json_finistere = None
    for nom, chemin in (("Finistère (IGN 2018)", FINISTERE), ("Démonstration", DEMO)):
        codes, noms, textes = lire(chemin)
        froid, contours = banc.mediane(
            lambda codes=codes, noms=noms, textes=textes: cartographie.contours(
                codes, noms, textes
            ),
            args.repetitions,
        )
        valeurs = valeurs_synthetiques(codes, noms)
        chaud, figure = banc.mediane(
            lambda c=contours, v=valeurs: figure_chaude(c, v), args.repetitions
        )
        serial, texte = banc.mediane(lambda f=figure: f.to_json(), args.repetitions)
        if chemin == FINISTERE:
            json_finistere = texte
        lignes.append(
            {
                "carte": nom,
                "communes": len(codes),
                "points (avant → après)": f"{contours.points_avant} → {contours.points_apres}",
                "à froid : contours (s)": froid,
                "à chaud : figure (s)": chaud,
                "sérialisation (s)": serial,
                "total chaud (s)": chaud + serial,
                "JSON (ko)": len(texte) / 1000,
            }
        )
    tableau = pd.DataFrame(lignes)
    with pd.option_context("display.width", 200, "display.max_columns", 20):
        print(tableau.to_string(index=False, float_format=lambda v: f"{v:.3f}"))

    durees_navigateur: list[float] = []
    if not args.sans_navigateur and Path(banc.CHROMIUM).exists():
        try:
            durees, externes = rendu_navigateur(json_finistere, args.repetitions, args.capture)
        except Exception as erreur:  # noqa: BLE001 - un banc rend compte, il n'échoue pas
            print(f"Rendu navigateur non mesuré : {erreur}")
        else:
            durees_navigateur = durees
            print(
                f"\nChromium sans tête, Finistère : premier dessin {durees[0]:.3f} s, "
                f"suivants (médiane) {statistics.median(durees[1:] or durees):.3f} s ; "
                f"requêtes hors 127.0.0.1 : {len(externes)}"
                + (f" {sorted(set(externes))}" if externes else "")
            )
    cible = tableau.loc[0, "total chaud (s)"]
    if durees_navigateur:
        cible += statistics.median(durees_navigateur[1:] or durees_navigateur)
        quoi = "Python + dessin dans le navigateur"
    else:
        quoi = "Python seul"
    print(
        f"\nCible < 1 s à chaud ({quoi}) : {'atteinte' if cible < 1 else 'MANQUÉE'} ({cible:.3f} s)"
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

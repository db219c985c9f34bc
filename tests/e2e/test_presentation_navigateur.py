"""De bout en bout (issue 18) : la présentation au vidéoprojecteur dans Chromium, à 1280 × 720 et
1920 × 1080. Chaque écran tient sans défiler et s'ouvre en haut, on passe de l'un à l'autre par
les touches d'une télécommande (→, Page suivante, ←), le texte des graphiques fait au moins 18 px,
chaque graphique a son texte de remplacement ; une capture de chaque écran est prise (dans
`$VIGIE_CAPTURES` s'il est donné, sinon dans le dossier temporaire du test)."""

from __future__ import annotations

import os
import re
from pathlib import Path
from urllib.parse import urlparse

import pytest
from navigateur import ARGUMENTS_CHROMIUM, attendre_ecran, chromium_ou_passer, serveur_streamlit

playwright = pytest.importorskip("playwright.sync_api")

pytestmark = [pytest.mark.browser, pytest.mark.slow]

ADRESSE = "/presentation?niveau=territoire&code=PAYSDEMO&horizon=2050&scenario=central&ecran=1"
# L'état propre de l'écran, lu dans la page : défilement de la zone principale, tailles du texte
# des graphiques.
ETAT = """() => {
  const principal = document.querySelector('[data-testid="stMain"]');
  const tailles = [...document.querySelectorAll('.js-plotly-plot .xtick text, '
      + '.js-plotly-plot .ytick text, .js-plotly-plot .legendtext')]
    .map(t => parseFloat(getComputedStyle(t).fontSize));
  const graphique = document.querySelector('[data-testid="stPlotlyChart"]');
  return {
    hauteur: principal.scrollHeight, visible: principal.clientHeight, haut: principal.scrollTop,
    document: document.documentElement.scrollHeight, fenetre: window.innerHeight,
    tailles: tailles, graphique: !!graphique,
    alt: graphique ? graphique.getAttribute('aria-label') : null,
    texte: document.body.innerText,
  };
}"""


def _parcourir(page, url: str, dossier: Path, largeur: int, hauteur: int) -> int:
    page.set_viewport_size({"width": largeur, "height": hauteur})
    page.goto(url + ADRESSE)
    total = None
    numero = 1
    while True:
        # L'écran est lu quand son propre titre est là et ses graphiques dessinés (pas seulement
        # le bandeau « écran N sur M », qui peut arriver avant le contenu).
        attendre_ecran(page, numero)
        etat = page.evaluate(ETAT)
        m = re.search(r"écran (\d+) sur (\d+)", etat["texte"])
        assert m and int(m.group(1)) == numero, etat["texte"][:200]
        total = int(m.group(2))
        page.screenshot(path=str(dossier / f"presentation_{largeur}x{hauteur}_{numero:02d}.png"))
        ou = f"écran {numero} à {largeur}×{hauteur}"
        assert etat["hauteur"] <= etat["visible"] + 1, f"{ou} défile ({etat['hauteur']} px)"
        assert etat["document"] <= etat["fenetre"] + 1, f"{ou} : la page défile"
        assert etat["haut"] == 0, f"{ou} ne s'ouvre pas en haut"
        if etat["graphique"]:
            assert etat["tailles"] and min(etat["tailles"]) >= 18, f"{ou} : {etat['tailles']}"
            assert etat["alt"] and len(etat["alt"]) > 40, f"{ou} : texte de remplacement absent"
        if numero == total:
            break
        # Une télécommande envoie PageDown (ou la flèche droite) : les deux font avancer.
        page.keyboard.press("PageDown" if numero % 2 else "ArrowRight")
        numero += 1
    page.keyboard.press("ArrowLeft")  # et retour
    attendre_ecran(page, total - 1)
    return total


def test_presentation_au_videoprojecteur(base_demo, tmp_path):
    chemin = chromium_ou_passer()
    dossier = Path(os.environ.get("VIGIE_CAPTURES") or tmp_path)
    dossier.mkdir(parents=True, exist_ok=True)
    hotes, erreurs = set(), []
    with serveur_streamlit(base_demo, tmp_path) as url, playwright.sync_playwright() as p:
        navigateur = p.chromium.launch(executable_path=chemin, args=ARGUMENTS_CHROMIUM)
        page = navigateur.new_page()
        page.on("request", lambda r: hotes.add(urlparse(r.url).hostname))
        page.on("pageerror", lambda e: erreurs.append(str(e)))
        totaux = [_parcourir(page, url, dossier, *taille) for taille in ((1280, 720), (1920, 1080))]
        navigateur.close()
    assert totaux[0] == totaux[1] >= 8
    assert len(list(dossier.glob("presentation_1280x720_*.png"))) == totaux[0]
    assert hotes <= {"127.0.0.1", "localhost"}, f"requêtes hors de la machine : {hotes}"
    assert not erreurs, erreurs

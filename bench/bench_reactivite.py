"""Réactivité (issue 18, livrable 6) : chaque changement de page et chaque changement de la barre
latérale, à chaud, en moins d'une seconde au 95e centile dans Chromium.

Une seule session (l'élu devant son écran) sur l'application servie (`python -m vigie serve`) :
chaque page du menu est d'abord visitée une fois (à froid : caches vides, temps imprimés à part),
puis le banc fait `--tours` tours du menu (à chaud) et, sur Accueil, Population, Services et
Scénarios, change la commune puis l'horizon dans la barre latérale. Une mesure va du clic (pour
la commune : de la touche Entrée qui valide le choix, la liste déjà ouverte) à la fin du script
Streamlit de la session (`data-test-script-state` revenu à notRunning après être passé par
running, relevé par un MutationObserver posé avant le clic) ; un changement de page attend en plus
que le titre (h1) de la nouvelle page ait remplacé l'ancien.

Imprime un tableau par mesure (n, médiane, p95, max) et la charge de la machine (`uptime`), qui
est partagée : les temps sont à lire avec elle. Aucun test n'affirme de temps.

    python bench/bench_reactivite.py [--base chemin] [--tours 3]
"""

from __future__ import annotations

import argparse
import os
import statistics
import tempfile
import time
from pathlib import Path

import banc

PAGES = [
    "Accueil", "Population", "Services", "Scénarios", "Fréquentation", "Carte", "Comparer",
    "Exporter", "Données", "Sources et méthodes",
]  # fmt: skip
PAGES_BARRE = ["Accueil", "Population", "Services", "Scénarios"]

GUETTER = """() => {
  const app = document.querySelector("[data-testid='stApp']");
  window.__vigie_vu = false;
  if (window.__vigie_obs) window.__vigie_obs.disconnect();
  window.__vigie_obs = new MutationObserver(() => {
    if (app.getAttribute('data-test-script-state') === 'running') window.__vigie_vu = true;
  });
  window.__vigie_obs.observe(app, {attributes: true});
}"""
FINI = """(avant) => {
  const app = document.querySelector("[data-testid='stApp']");
  const titre = document.querySelector("[data-testid='stMain'] h1");
  return window.__vigie_vu && app.getAttribute('data-test-script-state') === 'notRunning'
    && (avant === null || (titre !== null && titre.innerText !== avant));
}"""
PRET = "[data-testid='stApp'][data-test-script-state='notRunning']"


def _centile(valeurs: list[float], q: float) -> float:
    if len(valeurs) < 2:
        return valeurs[0] if valeurs else float("nan")
    return statistics.quantiles(valeurs, n=100, method="inclusive")[int(q * 100) - 1]


def _mesurer(page, action, titre_change: bool, preparer=None) -> float:
    """Le temps de `action` à la fin de la réexécution ; `preparer` (ouvrir une liste) se fait
    avant le départ du chronomètre : l'attente de l'utilisateur commence quand il valide."""
    avant = page.locator("[data-testid='stMain'] h1").first.inner_text() if titre_change else None
    if preparer:
        preparer()
    page.evaluate(GUETTER)
    debut = time.perf_counter()
    action()
    try:
        page.wait_for_function(FINI, arg=avant, polling=20, timeout=120_000)
    except Exception:  # noqa: BLE001 — une mesure perdue est signalée, le banc continue
        print("  mesure perdue (pas de réexécution vue en 120 s)", flush=True)
        return float("nan")
    return time.perf_counter() - debut


def _aller(page, titre: str) -> float:
    lien = page.locator("[data-testid='stSidebarNavLink']", has_text=titre).first
    return _mesurer(page, lambda: lien.click(), titre_change=True)


def _changer_commune(page) -> float:
    boite = page.locator("[data-testid='stSidebar'] [data-testid='stSelectbox']").first

    def ouvrir():
        boite.click()
        page.keyboard.press("ArrowDown")

    return _mesurer(page, lambda: page.keyboard.press("Enter"), False, preparer=ouvrir)


def _changer_horizon(page, sens: str) -> float:
    # Le curseur (React Aria) porte un champ « range » caché : le focus, puis une flèche.
    poignee = page.locator("[data-testid='stSidebar'] [data-testid='stSlider'] input").first
    return _mesurer(page, lambda: (poignee.focus(), page.keyboard.press(sens)), titre_change=False)


def main() -> None:
    parseur = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parseur.add_argument("--base", type=Path, help="base servie (défaut : VIGIE_BASE ou data/)")
    parseur.add_argument("--tours", type=int, default=3)
    arguments = parseur.parse_args()
    from playwright.sync_api import sync_playwright

    dossier = Path(tempfile.mkdtemp(prefix="vigie_reactivite_"))
    env = {"VIGIE_BASE_UTILISATEUR": str(dossier / "utilisateur.duckdb")}
    if arguments.base:
        env["VIGIE_BASE"] = str(arguments.base)
    port = banc.port_libre()
    serveur = banc.demarrer_serveur(port, env)
    froid: dict[str, list[float]] = {}
    chaud: dict[str, list[float]] = {}
    try:
        with sync_playwright() as p:
            navigateur = banc.ouvrir_chromium(p)
            page = navigateur.new_page(viewport={"width": 1440, "height": 900})
            page.goto(f"http://127.0.0.1:{port}/?niveau=commune&code=00001&horizon=2040")
            page.wait_for_selector(PRET, timeout=300_000)
            page.locator("[data-testid='stMain'] h1").first.wait_for(timeout=300_000)
            for titre in PAGES[1:] + PAGES[:1]:
                froid.setdefault(titre, []).append(_aller(page, titre))
            changements = 0
            for rang in range(arguments.tours):
                for titre in PAGES[1:] + PAGES[:1]:
                    print(f"tour {rang + 1} : {titre}", flush=True)
                    chaud.setdefault(f"page {titre}", []).append(_aller(page, titre))
                    if titre in PAGES_BARRE:
                        chaud.setdefault(f"commune ({titre})", []).append(_changer_commune(page))
                        # En alternance : la valeur change toujours, jamais bloquée à un bout.
                        changements += 1
                        sens = "ArrowRight" if changements % 2 else "ArrowLeft"
                        chaud.setdefault(f"horizon ({titre})", []).append(
                            _changer_horizon(page, sens)
                        )
            erreurs = page.locator("[data-testid='stException']").count()
            navigateur.close()
    finally:
        banc.arreter_serveur(serveur)
    froid = {t: [x for x in v if x == x] for t, v in froid.items()}
    chaud = {t: [x for x in v if x == x] for t, v in chaud.items() if any(x == x for x in v)}
    lignes = [
        {"mesure": f"1re visite {t}", "n": len(v), "médiane (s)": statistics.median(v),
         "p95 (s)": _centile(v, 0.95), "max (s)": max(v)}
        for t, v in froid.items()
    ]  # fmt: skip
    banc.tableau(lignes, "À froid (première visite de chaque page)", 2)
    lignes = [
        {"mesure": t, "n": len(v), "médiane (s)": statistics.median(v),
         "p95 (s)": _centile(v, 0.95), "max (s)": max(v), "< 1 s": _centile(v, 0.95) < 1.0}
        for t, v in chaud.items()
    ]  # fmt: skip
    banc.tableau(lignes, "À chaud (cible : p95 < 1 s)", 2)
    tous = [x for v in chaud.values() for x in v]
    print(f"\nà chaud, toutes mesures : n={len(tous)}, p95={_centile(tous, 0.95):.2f} s")
    print(f"erreurs affichées : {erreurs} ; charge : {os.getloadavg()}")


if __name__ == "__main__":
    main()

"""Charge (issues 10 et 16) : des sessions simultanées parcourent toutes les pages de Vigie dans
Chromium headless, sur 127.0.0.1, par paliers (5 puis 20 sessions par défaut, deux minutes
chacun, sur le même serveur) ; imprime pour chaque palier les temps de page (p50, p95, max) par
page, les erreurs, et la mémoire du serveur (RSS, psutil), puis un tableau des paliers. Les cibles
de l'issue 16 : p95 des pages sous 3 s à 5 sessions ; à 20 sessions, aucune erreur et le serveur
sous 1 Go.

Pourquoi de vrais navigateurs plutôt que des clients websocket : ils mesurent ce que voit la
salle de réunion (le script Streamlit qui tourne, les messages envoyés, le rendu), et détectent
les erreurs affichées (`stException`). Un seul Chromium, un contexte par session (comme des
onglets séparés : chacun a sa session Streamlit). Sur cette machine à 2 cœurs, le navigateur et
le serveur se partagent les cœurs : les temps sont pessimistes (un serveur réel n'exécute pas les
20 navigateurs).

Une page est « prête » quand, après le clic dans le menu, son titre (h1) a remplacé celui de la
page précédente et que le script Streamlit de la session a fini (`data-test-script-state` =
notRunning). Les boucles sont bornées (durée) et s'arrêtent seules.

    python bench/bench_charge.py [--paliers 5,20] [--duree 120] [--port 8630] [--base chemin]
"""

from __future__ import annotations

import argparse
import asyncio
import os
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

import banc

RACINE = banc.RACINE


# Toutes les pages du menu sauf « Présentation » (plein écran pour un vidéoprojecteur : elle cache
# le menu, une session ne pourrait donc pas en sortir par un clic ; son contenu reprend les figures
# des autres pages).
PAGES = [
    "Accueil", "Population", "Services", "Scénarios", "Fréquentation", "Carte", "Comparer",
    "Exporter", "Données", "Importer des données", "Sources et méthodes",
]  # fmt: skip
TERRITOIRES = [
    ("territoire", "PAYSDEMO"), ("epci", "000000001"), ("epci", "000000002"),
    ("commune", "00001"), ("commune", "00008"), ("commune", "00020"),
]  # fmt: skip
PRET = "[data-testid='stApp'][data-test-script-state='notRunning']"
# Prête : le titre (h1) de la nouvelle page a remplacé le précédent et l'exécution du script de la
# session est finie. Streamlit garde à l'écran les éléments de la page précédente pendant que la
# nouvelle exécution démarre : le changement de titre distingue donc la nouvelle page de
# l'ancienne ; chaque page a son propre titre.
PAGE_PRETE = """(avant) => {
  const titre = document.querySelector("[data-testid='stMain'] h1");
  const app = document.querySelector("[data-testid='stApp']");
  return titre !== null && titre.innerText !== avant
    && app.getAttribute('data-test-script-state') === 'notRunning';
}"""


def quantile(valeurs: list[float], q: float) -> float:
    if not valeurs:
        return float("nan")
    if len(valeurs) == 1:
        return valeurs[0]
    return statistics.quantiles(valeurs, n=100, method="inclusive")[int(q * 100) - 1]


def demarrer_serveur(port: int, base: Path | None, dossier: Path) -> subprocess.Popen:
    env = {"VIGIE_BASE_UTILISATEUR": str(dossier / "utilisateur.duckdb")}
    if base:
        env["VIGIE_BASE"] = str(base)
    return banc.demarrer_serveur(port, env, limite_s=90)


def temps_cpu(pid: int) -> float:
    """Secondes de processeur (user + system) consommées jusqu'ici par le serveur et ses enfants."""
    import psutil

    processus = psutil.Process(pid)
    total = 0.0
    for p in [processus, *processus.children(recursive=True)]:
        try:
            t = p.cpu_times()
            total += t.user + t.system
        except psutil.Error:
            pass
    return total


def suivre_memoire(pid: int, arret: threading.Event, mesures: list[float]) -> None:
    import psutil

    processus = psutil.Process(pid)
    while not arret.is_set():
        try:
            rss = processus.memory_info().rss + sum(
                e.memory_info().rss for e in processus.children(recursive=True)
            )
        except psutil.Error:
            break
        mesures.append(rss / 1e6)
        arret.wait(1.0)


async def session(numero, navigateur, url, fin, temps, erreurs, territoires):
    niveau, code = territoires[numero % len(territoires)]
    contexte = await navigateur.new_context(viewport={"width": 1400, "height": 1600})
    page = await contexte.new_page()
    page.on("pageerror", lambda e: erreurs.append((numero, "js", str(e)[:120])))
    await asyncio.sleep(numero * 0.7)  # les gens ne cliquent pas tous au même instant
    try:
        t = time.perf_counter()
        await page.goto(f"{url}/?niveau={niveau}&code={code}&horizon=2040", timeout=180_000)
        await page.wait_for_selector(PRET, timeout=180_000)
        temps.setdefault("Accueil (ouverture)", []).append(time.perf_counter() - t)
        rang = numero % (len(PAGES) - 1) + 1  # jamais la page déjà affichée (pas de réexécution)
        while time.monotonic() < fin:
            titre = PAGES[rang % len(PAGES)]
            rang += 1
            lien = page.locator("[data-testid='stSidebarNavLink']", has_text=titre).first
            avant = await page.locator("[data-testid='stMain'] h1").first.inner_text()
            t = time.perf_counter()
            await lien.click(timeout=60_000)
            await page.wait_for_function(PAGE_PRETE, arg=avant, polling=50, timeout=180_000)
            duree_ms = (time.perf_counter() - t) * 1000
            temps.setdefault(titre, []).append(duree_ms / 1000)
            if await page.locator("[data-testid='stException']").count():
                texte = await page.locator("[data-testid='stException']").first.inner_text()
                erreurs.append((numero, titre, texte[:160]))
    except Exception as erreur:  # un délai dépassé est une erreur de la passe, portée au tableau
        erreurs.append((numero, "session", f"{type(erreur).__name__}: {str(erreur)[:160]}"))
    finally:
        await contexte.close()


async def charger(url: str, sessions: int, duree: float, territoires) -> tuple[dict, list]:
    from playwright.async_api import async_playwright

    temps: dict[str, list[float]] = {}
    erreurs: list[tuple] = []
    async with async_playwright() as p:
        navigateur = await banc.ouvrir_chromium(p)
        fin = time.monotonic() + duree
        await asyncio.gather(
            *(
                session(i, navigateur, url, fin, temps, erreurs, territoires)
                for i in range(sessions)
            )
        )
        await navigateur.close()
    return temps, erreurs


def imprimer_palier(sessions: int, duree: float, temps: dict, erreurs: list, memoire: list) -> dict:
    """Le tableau d'un palier ; rend sa ligne de synthèse."""
    n = sum(len(v) for v in temps.values())
    print(
        f"\n## {sessions} sessions simultanées, {duree:.0f} s, {n} pages, {len(erreurs)} erreur(s)\n"
    )
    print(f"| {'page':<24} | {'vues':>5} | {'p50 (s)':>8} | {'p95 (s)':>8} | {'max (s)':>8} |")
    print(f"|{'-' * 26}|{'-' * 7}|{'-' * 10}|{'-' * 10}|{'-' * 10}|")
    tous = []
    for titre in ["Accueil (ouverture)", *PAGES]:
        v = temps.get(titre, [])
        if titre != "Accueil (ouverture)":
            tous += v
        if v:
            print(
                f"| {titre:<24} | {len(v):>5} | {quantile(v, 0.5):>8.2f} | "
                f"{quantile(v, 0.95):>8.2f} | {max(v):>8.2f} |"
            )
    print(
        f"| {'pages (hors ouverture)':<24} | {len(tous):>5} | {quantile(tous, 0.5):>8.2f} | "
        f"{quantile(tous, 0.95):>8.2f} | {max(tous, default=float('nan')):>8.2f} |"
    )
    for numero, ou, texte in erreurs[:10]:
        print(f"ERREUR session {numero} {ou} : {texte}")
    return {
        "sessions": sessions,
        "pages": len(tous),
        "erreurs": len(erreurs),
        "p50": quantile(tous, 0.5),
        "p95": quantile(tous, 0.95),
        "memoire_pic": max(memoire, default=float("nan")),
        "memoire_fin": memoire[-1] if memoire else float("nan"),
    }


def main() -> None:
    parseur = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parseur.add_argument(
        "--paliers", default="5,20", help="nombres de sessions, un palier chacun (défaut 5,20)"
    )
    parseur.add_argument("--sessions", type=int, help="un seul palier de N sessions")
    parseur.add_argument("--duree", type=float, default=120.0, help="secondes par palier")
    parseur.add_argument("--port", type=int, default=8630)
    parseur.add_argument("--base", type=Path, help="base à servir (défaut : data/vigie.duckdb)")
    parseur.add_argument(
        "--territoires",
        help="niveau:code,... (défaut : Pays, EPCI et communes de la démo)",
    )
    args = parseur.parse_args()
    paliers = [args.sessions] if args.sessions else [int(x) for x in args.paliers.split(",")]
    territoires = (
        [tuple(t.split(":")) for t in args.territoires.split(",")]
        if args.territoires
        else TERRITOIRES
    )
    import psutil

    syntheses = []
    total_erreurs = 0
    with tempfile.TemporaryDirectory(prefix="vigie-charge-") as dossier:
        serveur = demarrer_serveur(args.port, args.base, Path(dossier))
        try:
            depart = psutil.Process(serveur.pid).memory_info().rss / 1e6
            for sessions in paliers:
                memoire: list[float] = []
                arret = threading.Event()
                suivi = threading.Thread(target=suivre_memoire, args=(serveur.pid, arret, memoire))
                suivi.start()
                cpu_serveur, cpu_machine = temps_cpu(serveur.pid), psutil.cpu_times()
                debut = time.perf_counter()
                try:
                    temps, erreurs = asyncio.run(
                        charger(f"http://127.0.0.1:{args.port}", sessions, args.duree, territoires)
                    )
                finally:
                    arret.set()
                    suivi.join()
                total = time.perf_counter() - debut
                cpu_serveur = temps_cpu(serveur.pid) - cpu_serveur
                fin_machine = psutil.cpu_times()
                cpu_machine = sum(
                    getattr(fin_machine, c) - getattr(cpu_machine, c)
                    for c in ("user", "system", "nice")
                )
                syntheses.append(imprimer_palier(sessions, total, temps, erreurs, memoire))
                total_erreurs += len(erreurs)
                print(
                    f"\nTemps processeur : serveur {cpu_serveur:.0f} s, toute la machine "
                    f"{cpu_machine:.0f} s (navigateurs et autres programmes compris) sur "
                    f"{total * (os.cpu_count() or 1):.0f} s disponibles ({os.cpu_count()} cœurs)."
                )
        finally:
            banc.arreter_serveur(serveur)

    print(
        f"\n## Paliers (base : {args.base or 'data/vigie.duckdb'} ; serveur au départ {depart:.0f} Mo)\n"
    )
    print(
        "| sessions | pages | erreurs | p50 (s) | p95 (s) | mémoire pic (Mo) | mémoire fin (Mo) |"
    )
    print("|---:|---:|---:|---:|---:|---:|---:|")
    for ligne in syntheses:
        print(
            f"| {ligne['sessions']} | {ligne['pages']} | {ligne['erreurs']} | {ligne['p50']:.2f} | {ligne['p95']:.2f} "
            f"| {ligne['memoire_pic']:.0f} | {ligne['memoire_fin']:.0f} |"
        )
    sys.exit(1 if total_erreurs else 0)


if __name__ == "__main__":
    main()

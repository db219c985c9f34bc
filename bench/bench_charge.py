"""Charge (issues 10 et 16) : des sessions simultanées parcourent toutes les pages de Vigie, sur
127.0.0.1, par paliers (5 puis 20 sessions par défaut, deux minutes chacun, sur le même serveur) ;
imprime pour chaque palier les temps de page (p50, p95, max) par page, les erreurs, la mémoire du
serveur (RSS, psutil) et le processeur pris, puis un tableau des paliers. Les cibles de l'issue
16 : p95 des pages sous 3 s à 5 sessions ; à 20 sessions, aucune erreur et le serveur sous 1 Go.

Deux sortes de clients, l'une après l'autre (`--clients`) :

- `websocket` : chaque session parle le protocole de Streamlit sans navigateur (le websocket
  `/_stcore/stream` et ses messages protobuf, comme le fait la page web) ; une page est prête au
  message de fin de son script. C'est le temps du serveur seul : ce qu'attend une salle dont les
  navigateurs sont sur d'autres machines que le serveur.
- `navigateur` : de vrais Chromium headless (un contexte par session, comme des onglets séparés),
  qui mesurent aussi le rendu et détectent les erreurs affichées (`stException`). Sur une machine
  à 2 cœurs, les navigateurs et le serveur se partagent les cœurs : ces temps-là sont pessimistes
  (cinq navigateurs qui dessinent des figures Plotly prennent plus de processeur que le serveur).

Une page est « prête » dans Chromium quand, après le clic dans le menu, son titre (h1) a remplacé
celui de la page précédente et que le script Streamlit de la session a fini
(`data-test-script-state` = notRunning). Les sessions enchaînent les pages sans temps de
lecture (pire cas). Les boucles sont bornées (durée) et s'arrêtent seules.

    python bench/bench_charge.py [--paliers 5,20] [--duree 120] [--clients websocket,navigateur]
        [--port 8630] [--base chemin]
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
# le menu, une session de navigateur ne pourrait donc pas en sortir par un clic ; son contenu
# reprend les figures des autres pages).
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


def pages_a_parcourir(numero: int, fin: float):
    """Les titres du menu que la session `numero` ouvre l'un après l'autre jusqu'à l'instant `fin`
    (horloge monotone) : chaque session part d'une page différente, jamais de l'Accueil déjà
    affiché (ce ne serait pas un changement de page)."""
    rang = numero % (len(PAGES) - 1) + 1
    while time.monotonic() < fin:
        yield PAGES[rang % len(PAGES)]
        rang += 1


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
        for titre in pages_a_parcourir(numero, fin):
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


async def session_websocket(numero, url, fin, temps, erreurs, territoires):
    """Une session sans navigateur : le protocole de Streamlit parlé directement (websocket
    `/_stcore/stream`, messages protobuf). Une page est prête au message `script_finished` de son
    exécution : c'est le temps du serveur seul (script, requêtes, figures sérialisées), sans le
    rendu ni le processeur qu'un navigateur prend sur la même machine."""
    import websockets
    from streamlit.proto.BackMsg_pb2 import BackMsg
    from streamlit.proto.ForwardMsg_pb2 import ForwardMsg

    niveau, code = territoires[numero % len(territoires)]
    requete = f"niveau={niveau}&code={code}&horizon=2040"
    pages: dict[str, str] = {}  # titre du menu -> empreinte du script de la page
    adresse = url.replace("http://", "ws://") + "/_stcore/stream"
    await asyncio.sleep(numero * 0.7)

    async def afficher(connexion, titre: str, empreinte: str) -> None:
        message = BackMsg()
        message.rerun_script.query_string = requete
        message.rerun_script.page_script_hash = empreinte
        debut = time.perf_counter()
        await connexion.send(message.SerializeToString())
        while True:
            recu = ForwardMsg()
            recu.ParseFromString(await asyncio.wait_for(connexion.recv(), timeout=180))
            genre = recu.WhichOneof("type")
            if genre == "navigation":
                pages.update({p.page_name: p.page_script_hash for p in recu.navigation.app_pages})
            elif genre == "delta" and recu.delta.WhichOneof("type") == "new_element":
                if recu.delta.new_element.WhichOneof("type") == "exception":
                    texte = recu.delta.new_element.exception.message
                    erreurs.append((numero, titre, texte[:160]))
            elif genre == "script_finished":
                # Une page qui se relance elle-même (st.rerun) n'est prête qu'à la fin de la relance.
                if recu.script_finished != ForwardMsg.FINISHED_EARLY_FOR_RERUN:
                    break
        temps.setdefault(titre, []).append(time.perf_counter() - debut)

    try:
        async with websockets.connect(
            adresse, subprotocols=["streamlit"], max_size=None, open_timeout=180
        ) as connexion:
            await afficher(connexion, "Accueil (ouverture)", "")
            for titre in pages_a_parcourir(numero, fin):
                await afficher(connexion, titre, pages[titre])
    except Exception as erreur:
        erreurs.append((numero, "session", f"{type(erreur).__name__}: {str(erreur)[:160]}"))


async def charger_websocket(url: str, sessions: int, duree: float, territoires):
    temps: dict[str, list[float]] = {}
    erreurs: list[tuple] = []
    fin = time.monotonic() + duree
    await asyncio.gather(
        *(session_websocket(i, url, fin, temps, erreurs, territoires) for i in range(sessions))
    )
    return temps, erreurs


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


def imprimer_palier(
    client: str, sessions: int, duree: float, temps: dict, erreurs: list, memoire: list
) -> dict:
    """Le tableau d'un palier ; rend sa ligne de synthèse."""
    n = sum(len(v) for v in temps.values())
    print(
        f"\n## {client} : {sessions} sessions simultanées, {duree:.0f} s, {n} pages, {len(erreurs)} erreur(s)\n"
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
        "client": client,
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
    parseur.add_argument(
        "--clients",
        default="websocket,navigateur",
        help="websocket (le serveur seul), navigateur (Chromium, ce que voit la salle) ou les deux",
    )
    parseur.add_argument("--duree", type=float, default=120.0, help="secondes par palier")
    parseur.add_argument("--port", type=int, default=8630)
    parseur.add_argument("--base", type=Path, help="base à servir (défaut : data/vigie.duckdb)")
    parseur.add_argument(
        "--territoires",
        help="niveau:code,... (défaut : Pays, EPCI et communes de la démo)",
    )
    args = parseur.parse_args()
    paliers = [args.sessions] if args.sessions else [int(x) for x in args.paliers.split(",")]
    clients = [c.strip() for c in args.clients.split(",")]
    if not set(clients) <= {"websocket", "navigateur"}:
        parseur.error("--clients : websocket, navigateur ou websocket,navigateur")
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
            for client, sessions in [(c, n) for c in clients for n in paliers]:
                memoire: list[float] = []
                arret = threading.Event()
                suivi = threading.Thread(target=suivre_memoire, args=(serveur.pid, arret, memoire))
                suivi.start()
                cpu_serveur, cpu_machine = temps_cpu(serveur.pid), psutil.cpu_times()
                debut = time.perf_counter()
                try:
                    charge = charger_websocket if client == "websocket" else charger
                    temps, erreurs = asyncio.run(
                        charge(f"http://127.0.0.1:{args.port}", sessions, args.duree, territoires)
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
                synthese = imprimer_palier(client, sessions, total, temps, erreurs, memoire)
                synthese["cpu_serveur"] = cpu_serveur
                total_erreurs += len(erreurs)
                synthese["cpu_machine"] = cpu_machine
                syntheses.append(synthese)
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
        "| client | sessions | pages | erreurs | p50 (s) | p95 (s) | processeur serveur / machine (s) "
        "| mémoire pic (Mo) | mémoire fin (Mo) |"
    )
    print("|---|---:|---:|---:|---:|---:|---:|---:|---:|")
    for ligne in syntheses:
        print(
            f"| {ligne['client']} | {ligne['sessions']} | {ligne['pages']} | {ligne['erreurs']} "
            f"| {ligne['p50']:.2f} | {ligne['p95']:.2f} "
            f"| {ligne['cpu_serveur']:.0f} / {ligne['cpu_machine']:.0f} "
            f"| {ligne['memoire_pic']:.0f} | {ligne['memoire_fin']:.0f} |"
        )
    # Les cibles de l'issue 16, jugées sur le serveur seul (clients websocket) quand il a été mesuré.
    for ligne in syntheses:
        if ligne["sessions"] == 5 and ligne["client"] == "websocket":
            etat = "atteinte" if ligne["p95"] < 3 else "MANQUÉE"
            print(f"\nCible 5 sessions, p95 < 3 s (serveur) : {ligne['p95']:.2f} s, {etat}")
        if ligne["sessions"] == 20:
            etat = "atteinte" if not ligne["erreurs"] and ligne["memoire_pic"] < 1000 else "MANQUÉE"
            print(
                f"Cible 20 sessions ({ligne['client']}), 0 erreur et serveur < 1 Go : "
                f"{ligne['erreurs']} erreur(s), {ligne['memoire_pic']:.0f} Mo, {etat}"
            )
    sys.exit(1 if total_erreurs else 0)


if __name__ == "__main__":
    main()

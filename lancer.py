"""Lanceur de Vigie : une commande pour installer et démarrer, une pour installer et tester, sur
tout système.

    python lancer.py          # installe dans .venv, construit la base de démo, ouvre l'application
    python lancer.py tests    # installe les outils de test dans .venv et lance la suite de tests

Bibliothèque standard seulement, pour tourner sur un Python 3.11+ tout neuf (Linux, macOS,
Windows). Il crée un environnement virtuel `.venv` à côté de ce fichier, installe une fois les
dépendances aux versions figées (de nouveau seulement quand un fichier de dépendances change), puis
passe la main à Streamlit ou à pytest.
"""

from __future__ import annotations

import hashlib
import os
import subprocess
import sys
import venv
from pathlib import Path

ICI = Path(__file__).resolve().parent
ENV = Path(os.environ.get("VIGIE_VENV", ICI / ".venv"))


def python_env() -> Path:
    sous = "Scripts" if os.name == "nt" else "bin"
    nom = "python.exe" if os.name == "nt" else "python"
    return ENV / sous / nom


def installer(fichier: str) -> None:
    """Crée l'environnement au besoin et installe `fichier` quand il a changé."""
    if sys.version_info < (3, 11):  # noqa: UP036 (tourne avant le venv, sur tout Python)
        sys.exit("Vigie demande Python 3.11 ou plus récent ; installez-le depuis python.org.")
    if not python_env().exists():
        print(f"Création de l'environnement {ENV} …", flush=True)
        try:
            venv.EnvBuilder(with_pip=True).create(ENV)
        except Exception as erreur:  # Debian et Ubuntu livrent venv à part
            sys.exit(
                f"Impossible de créer l'environnement virtuel ({erreur}). Sous Debian ou Ubuntu : "
                "sudo apt install python3-venv, puis relancez."
            )
    contenu = b"".join((ICI / f).read_bytes() for f in ("requirements.txt", fichier))
    empreinte = hashlib.sha256(contenu).hexdigest()
    temoin = ENV / f".installe-{Path(fichier).stem}"
    if temoin.exists() and temoin.read_text() == empreinte:
        return
    print(f"Installation des dépendances ({fichier}) …", flush=True)
    commande = [
        str(python_env()),
        "-m",
        "pip",
        "install",
        "--disable-pip-version-check",
        "-r",
        str(ICI / fichier),
    ]
    if subprocess.call(commande) != 0:
        sys.exit("L'installation des dépendances a échoué (voir les messages ci-dessus).")
    temoin.write_text(empreinte)


# `--no-loadscope-reorder` : xdist garde l'ordre des fichiers de tests/conftest.py (les fichiers
# longs d'abord, les lecteurs de la base du Pays réel en dernier) au lieu de les trier par nombre
# de tests (ce qui plaçait la construction du Pays réel et un parcours long en fin de lancement).
PARALLELE = ["-n", "2", "--dist", "loadfile", "--no-loadscope-reorder"]


def main(arguments: list[str]) -> int:
    os.chdir(ICI)
    if arguments[:1] == ["tests"]:
        installer("requirements-dev.txt")
        # Deux processus de test (pytest-xdist), un fichier chacun à la fois : ils occupent les
        # 2 cœurs (trois sont plus lents : la suite est limitée par le processeur, 734 s contre
        # 641 s mesurées sur un clone neuf). `python3 lancer.py tests -n 0` la lance en série.
        options = [] if any(a == "-n" or a.startswith("-n") for a in arguments[1:]) else PARALLELE
        return subprocess.call([str(python_env()), "-m", "pytest", *options, *arguments[1:]])
    installer("requirements.txt")
    return subprocess.call([str(python_env()), "-m", "vigie", "serve", *arguments])


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))

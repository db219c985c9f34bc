"""La mise en forme française des nombres de tout ce que lit l'utilisateur : `12 345`, `3,4 %`, `+1,2 %`.

L'INSEE et l'Observatoire des territoires séparent les milliers par une espace fine insécable et
les décimales par une virgule : un maire lit `12,345` comme douze virgule trois.
"""

from __future__ import annotations

import math
import re

ESPACE_MILLIERS = "\u202f"  # espace fine insécable, comme dans les publications de l'INSEE


def nombre(valeur: float | None, decimales: int = 0) -> str:
    """Un nombre à la française : `nombre(12345.6) == '12 346'` (espace fine insécable)."""
    if valeur is None or (isinstance(valeur, float) and math.isnan(valeur)):
        return "–"
    texte = f"{valeur:,.{decimales}f}"
    return texte.replace(",", ESPACE_MILLIERS).replace(".", ",")


def pourcentage(part: float | None, decimales: int = 1, signe: bool = False) -> str:
    """Une part (0,034) en `3,4 %` ; avec `signe=True`, en `+3,4 %`."""
    if part is None or (isinstance(part, float) and math.isnan(part)):
        return "–"
    texte = nombre(abs(part) * 100 if signe else part * 100, decimales) + "\u00a0%"
    if signe:
        texte = ("+" if part >= 0 else "−") + texte
    return texte


def ecart(valeur: float | None, decimales: int = 0) -> str:
    """Un écart signé : `+1 234`, `−56`."""
    if valeur is None or (isinstance(valeur, float) and math.isnan(valeur)):
        return "–"
    return ("+" if valeur >= 0 else "−") + nombre(abs(valeur), decimales)


def fourchette(bas: float, central: float, haut: float, unite: str = "") -> str:
    """Une fourchette en mots : `entre 210 et 275 places, 240 le plus probable`."""
    u = f" {unite}" if unite else ""
    return f"entre {nombre(bas)} et {nombre(haut)}{u}, {nombre(central)} le plus probable"


# Characters that give Streamlit's Markdown a meaning inside a line: emphasis (* _ ~), code (`),
# links and images and ":red[...]" colours ([ ] !), HTML-like tags (< >), LaTeX ($), tables (|).
# Parentheses, colons and hyphens stay as they are (without "[...]" they are plain text).
_MARKDOWN = re.compile(r"([\\`*_\[\]<>!$~|])")


def texte_markdown(texte: object) -> str:
    """Un texte venu des données rendu inerte dans du Markdown (st.title, st.markdown, libellés…) :
    un nom comme `![x](http://...)` ou `<img ...>` s'affiche tel quel, jamais rendu ni chargé."""
    return _MARKDOWN.sub(r"\\\1", str(texte))

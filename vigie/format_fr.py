"""French number formatting for everything users read: `12 345`, `3,4 %`, `+1,2 %`.

INSEE and the Observatoire des territoires write thousands with a (narrow) no-break space and
decimals with a comma; a mayor reads `12,345` as twelve point three.
"""

from __future__ import annotations

import math
import re

ESPACE_MILLIERS = "\u202f"  # narrow no-break space, as in INSEE publications


def nombre(valeur: float | None, decimales: int = 0) -> str:
    """Format a number the French way: `nombre(12345.6) == '12 346'` (narrow no-break space)."""
    if valeur is None or (isinstance(valeur, float) and math.isnan(valeur)):
        return "–"
    texte = f"{valeur:,.{decimales}f}"
    return texte.replace(",", ESPACE_MILLIERS).replace(".", ",")


def pourcentage(part: float | None, decimales: int = 1, signe: bool = False) -> str:
    """Format a share (0.034) as `3,4 %`; with `signe=True` as `+3,4 %`."""
    if part is None or (isinstance(part, float) and math.isnan(part)):
        return "–"
    texte = nombre(abs(part) * 100 if signe else part * 100, decimales) + "\u00a0%"
    if signe:
        texte = ("+" if part >= 0 else "−") + texte
    return texte


def ecart(valeur: float | None, decimales: int = 0) -> str:
    """Format a signed difference: `+1 234`, `−56`."""
    if valeur is None or (isinstance(valeur, float) and math.isnan(valeur)):
        return "–"
    return ("+" if valeur >= 0 else "−") + nombre(abs(valeur), decimales)


def fourchette(bas: float, central: float, haut: float, unite: str = "") -> str:
    """A range in words: `entre 210 et 275 places, 240 le plus probable`."""
    u = f" {unite}" if unite else ""
    return f"entre {nombre(bas)} et {nombre(haut)}{u}, {nombre(central)} le plus probable"


# Characters that give Streamlit's Markdown a meaning inside a line: emphasis (* _ ~), code (`),
# links and images and ":red[...]" colours ([ ] !), HTML-like tags (< >), LaTeX ($), tables (|).
# Parentheses, colons and hyphens stay as they are (without "[...]" they are plain text).
_MARKDOWN = re.compile(r"([\\`*_\[\]<>!$~|])")


def texte_markdown(texte: object) -> str:
    """A text from the data made inert inside Markdown (st.title, st.markdown, labels...): a name
    like `![x](http://...)` or `<img ...>` is shown as typed, never rendered or fetched."""
    return _MARKDOWN.sub(r"\\\1", str(texte))

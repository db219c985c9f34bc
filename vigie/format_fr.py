"""La mise en forme française des nombres de tout ce que lit l'utilisateur, et la règle d'arrondi
unique : pages, PDF, diaporama, classeur et fiches communes passent tous par ici.

- Séparateurs : les règles françaises de CLDR (bibliothèque babel, locale `fr_FR`) : milliers
  séparés par une espace fine insécable (U+202F, comme l'INSEE), virgule décimale, `3,4 %` avec une
  espace insécable avant le signe pour cent. Un maire lit `12,345` comme douze virgule trois.
- Arrondi des nombres : au plus proche, les moitiés s'éloignant de zéro (`2,5` → `3`, comme on
  l'apprend à l'école ; Python et babel arrondissent par défaut les moitiés au pair).
- La règle unique des chiffres projetés (`arrondi`) : trois chiffres significatifs au plus, jamais
  de décimale (126 437 → 126 000 ; 15 234 → 15 200 ; 1 234 → 1 230 ; 119,5 classes → 120). Un
  chiffre observé (recensement, capacité) s'écrit exact ; un chiffre projeté, partout où il
  s'affiche (carte, panneau d'une commune, pyramide, documents), passe par `arrondi`, ainsi que
  chaque borne de sa fourchette (`fourchette`).
"""

from __future__ import annotations

import math
import re
from decimal import ROUND_HALF_UP, Decimal
from functools import lru_cache

from babel.numbers import format_decimal

LOCALE = "fr_FR"
ESPACE_MILLIERS = "\u202f"  # espace fine insécable, comme dans les publications de l'INSEE
ESPACE_POURCENT = "\u00a0"  # espace insécable avant « % » (Imprimerie nationale)
MOINS = "\u2212"  # le vrai signe moins, plus lisible qu'un trait d'union au vidéoprojecteur
CHIFFRES_SIGNIFICATIFS = 3


def seuil(niveau: int) -> str:
    """Le niveau d'une fourchette, `80 %`, avec l'espace insécable : jamais coupé avant « % »
    (en-têtes de tableau : `Borne basse 80 %`)."""
    return f"{niveau}{ESPACE_POURCENT}%"


def libelle_fourchette(*niveaux: int, pluriel: bool | None = None, majuscule: bool = False) -> str:
    """Le nom d'une fourchette, écrit ici seulement : `fourchette à 80 %` ;
    `libelle_fourchette(80, 95)` : `fourchettes à 80 % et 95 %` ; `pluriel=True` :
    `fourchettes à 80 %` ; `majuscule=True` : `Fourchette à 80 %`."""
    niveaux = niveaux or (80,)
    plusieurs = len(niveaux) > 1 if pluriel is None else pluriel
    texte = f"fourchette{'s' if plusieurs else ''} à " + " et ".join(seuil(n) for n in niveaux)
    return texte[0].upper() + texte[1:] if majuscule else texte


LIBELLE_FOURCHETTE = libelle_fourchette()
# La phrase unique qui distingue les deux fourchettes (issue 18) : montrée partout où les deux
# figurent.
FOURCHETTE_OU_EVENTAIL = (
    f"La {LIBELLE_FOURCHETTE} dit l'incertitude d'un même scénario (4 chances sur 5 d'être dedans) ; "
    "l'éventail des scénarios dit ce que changeraient d'autres hypothèses (plus ou moins de "
    "naissances, de départs, d'arrivées)."
)


def _manque(valeur) -> bool:
    return valeur is None or (isinstance(valeur, float) and math.isnan(valeur))


def _arrondir(valeur: float, decimales: int) -> Decimal:
    """Arrondi au plus proche, moitiés loin de zéro, sur l'écriture décimale du nombre (0,125 est
    lu 0,125 et non 0,12499… comme le stocke la machine)."""
    return Decimal(repr(float(valeur))).quantize(Decimal(1).scaleb(-decimales), ROUND_HALF_UP)


def nombre(valeur: float | None, decimales: int = 0) -> str:
    """Un nombre à la française : `nombre(12345.6) == '12 346'` (espace fine insécable)."""
    if _manque(valeur):
        return "–"
    return _ecrire(_arrondir(valeur, decimales), decimales)


@lru_cache(maxsize=65_536)
def _ecrire(valeur: Decimal, decimales: int) -> str:
    """L'écriture babel d'un nombre déjà arrondi, gardée en mémoire : babel met ~0,5 ms par nombre
    et une page en écrit des centaines à chaque réexécution (issue 18, livrable 6)."""
    motif = "#,##0" + ("." + "0" * decimales if decimales > 0 else "")
    texte = format_decimal(valeur, format=motif, locale=LOCALE)
    # CLDR écrit le moins français en trait d'union ; le séparateur des milliers est déjà U+202F.
    return texte.replace("-", MOINS)


def arrondi(valeur: float) -> float:
    """La règle unique d'un chiffre projeté : trois chiffres significatifs au plus, entier.

    `arrondi(126437) == 126000`, `arrondi(15234) == 15200`, `arrondi(1234) == 1230`,
    `arrondi(87.4) == 87`, `arrondi(119.5) == 120`. NaN reste NaN.
    """
    if valeur is None or valeur != valeur:  # NaN
        return valeur
    if valeur == 0:
        return 0
    ordre = math.floor(math.log10(abs(valeur)))
    decimales = min(0, CHIFFRES_SIGNIFICATIFS - 1 - ordre)  # jamais en dessous de l'unité
    return int(_arrondir(valeur, decimales))


def projete(valeur: float | None, unite: str = "") -> str:
    """Un chiffre projeté écrit selon la règle unique : `environ 126 000 habitants`."""
    if _manque(valeur):
        return "–"
    return f"environ {nombre(arrondi(valeur))}" + (f" {unite}" if unite else "")


def pourcentage(part: float | None, decimales: int = 1, signe: bool = False) -> str:
    """Une part (0,034) en `3,4 %` ; avec `signe=True`, en `+3,4 %`."""
    if _manque(part):
        return "–"
    texte = nombre(abs(part) * 100 if signe else part * 100, decimales) + ESPACE_POURCENT + "%"
    if signe:
        # Le signe de ce qui est affiché : −0,04 % arrondi à 0 % s'écrit +0 %, jamais −0 %.
        negatif = part < 0 and _arrondir(abs(part) * 100, decimales) != 0
        texte = (MOINS if negatif else "+") + texte
    return texte


def ecart(valeur: float | None, decimales: int = 0, unite: str = "") -> str:
    """Un écart signé, avec son unité quand elle est donnée : `+1 234`, `−56 places`."""
    if _manque(valeur):
        return "–"
    negatif = valeur < 0 and _arrondir(abs(valeur), decimales) != 0
    texte = (MOINS if negatif else "+") + nombre(abs(valeur), decimales)
    return texte + (f" {unite}" if unite else "")


def fourchette(
    bas: float, central: float, haut: float, unite: str = "", etiquette: bool = False
) -> str:
    """Une fourchette de chiffres projetés en mots, chaque borne à la règle unique :
    `entre 9 280 et 15 000 places, 11 900 le plus probable` ; avec `etiquette=True`, la
    fourchette se nomme : `entre 9 280 et 15 000 places (fourchette à 80 %), 11 900 le plus
    probable` (les bornes passées sont toujours celles à 80 %)."""
    u = f" {unite}" if unite else ""
    nommee = f" ({LIBELLE_FOURCHETTE})" if etiquette else ""
    return (
        f"entre {nombre(arrondi(bas))} et {nombre(arrondi(haut))}{u}{nommee}, "
        f"{nombre(arrondi(central))} le plus probable"
    )


# Caractères qui prennent un sens dans une ligne du Markdown de Streamlit : emphase (* _ ~), code
# (`), liens, images et couleurs « :red[...] » ([ ] !), balises de type HTML (< >), LaTeX ($),
# tableaux (|). Parenthèses, deux-points et tirets restent tels quels (sans « [...] », c'est du
# texte simple).
_MARKDOWN = re.compile(r"([\\`*_\[\]<>!$~|])")


def texte_markdown(texte: object) -> str:
    """Un texte venu des données rendu inerte dans du Markdown (st.title, st.markdown, libellés…) :
    un nom comme `![x](http://...)` ou `<img ...>` s'affiche tel quel, jamais rendu ni chargé."""
    return _MARKDOWN.sub(r"\\\1", str(texte))

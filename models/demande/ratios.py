"""Ratios de demande : valeurs par défaut publiées, modifications d'un territoire, contrôles.

Un ratio dit combien d'unités de service (places, classes, lits, m³) il faut pour `par` personnes
d'une tranche d'âge : demande = population(age_min..age_max) × ratio / par. Un service peut avoir
plusieurs méthodes (EHPAD : un taux pour les 75 ans ou plus, ou des taux par âge 75-84 et 85+) ;
une méthode additionne les demandes de ses tranches.

Les valeurs par défaut viennent de `data/reference/ratios_demande.csv` (table `ratio_demande`),
chacune avec sa source et son année. Un territoire peut les modifier : les modifications sont
gardées à part (base de l'utilisateur) et appliquées par-dessus, sans effacer le défaut, qui reste
affiché à côté.
"""

from __future__ import annotations

import math
from collections.abc import Mapping

import pandas as pd

COLONNES_RATIOS = [
    "service",
    "methode",
    "indicateur",
    "age_min",
    "age_max",
    "ratio",
    "unite",
    "par",
    "source_texte",
    "annee_source",
    "defaut",
]
AGE_MAX = 100  # 100 = 100 ans ou plus, comme dans la table population


class ErreurRatio(ValueError):
    """Une valeur de ratio impossible ; `parametre` nomme le champ fautif (en français)."""

    def __init__(self, parametre: str, message: str) -> None:
        super().__init__(message)
        self.parametre = parametre


# Bornes de vraisemblance du taux (ratio / par, en unités par personne de la tranche), par unité
# de demande : au-delà, la valeur est une faute de saisie, pas une politique locale.
BORNES_TAUX: dict[str, tuple[float, float, str]] = {
    "places": (0.0, 1.0, "plus d'une place par personne de la tranche d'âge"),
    "places (tous modes)": (0.0, 1.0, "plus d'une place par personne de la tranche d'âge"),
    "lits": (0.0, 1.0, "plus d'un lit par personne de la tranche d'âge"),
    "élèves": (0.0, 1.0, "plus d'une place par enfant de la tranche d'âge"),
    "classes": (1 / 35, 1 / 5, "une classe compte entre 5 et 35 élèves"),
    "m³/an": (0.0, 500.0, "au plus 500 m³ par habitant et par an"),
    "déplacements par jour": (0.0, 20.0, "au plus 20 déplacements par personne et par jour"),
    "bénéficiaires": (0.0, 1.0, "plus d'un bénéficiaire par personne de la tranche d'âge"),
}


def public(age_min: int, age_max: int, singulier: bool = False) -> str:
    """Public de la tranche en mots : `enfants de 3 à 5 ans`, `personnes de 75 ans ou plus`."""
    s = "" if singulier else "s"
    if age_min <= 0 and age_max >= AGE_MAX:
        return f"habitant{s}"
    qui = f"enfant{s}" if age_max < 18 else f"personne{s}"
    if age_max >= AGE_MAX:
        return f"{qui} de {age_min} ans ou plus"
    if age_min <= 0:
        return f"{qui} de moins de {age_max + 1} ans"
    return f"{qui} de {age_min} à {age_max} ans"


def libelles_parametres(unite: str, age_min: int, age_max: int) -> tuple[str, str]:
    """Noms des deux paramètres modifiables d'une ligne de ratio, comme les montre le formulaire."""
    qui = public(age_min, age_max)
    de = "d'" if qui[0] in "aeiouhé" else "de "
    return f"Nombre de {unite}", f"Pour combien {de}{qui}"


def lire_nombre(texte: str | float | int, parametre: str) -> float:
    """Lit un nombre saisi à la française (`21,5`, `1 000`) ou à l'anglaise (`21.5`).

    Raises:
        ErreurRatio: ce n'est pas un nombre ; le message donne un exemple de saisie.
    """
    if isinstance(texte, int | float) and not isinstance(texte, bool):
        valeur = float(texte)
    else:
        propre = str(texte).strip().replace("\u202f", "").replace("\u00a0", "").replace(" ", "")
        propre = propre.replace(",", ".")
        try:
            valeur = float(propre)
        except ValueError:
            raise ErreurRatio(
                parametre,
                f"« {parametre} » : « {texte} » n'est pas un nombre. Saisissez par exemple 21,5.",
            ) from None
    if not math.isfinite(valeur):
        raise ErreurRatio(parametre, f"« {parametre} » : saisissez un nombre fini.")
    return valeur


def verifier_ratio(
    unite: str,
    age_min: int,
    age_max: int,
    ratio: str | float,
    par: str | float,
) -> tuple[float, float]:
    """Vérifie un ratio saisi par l'utilisateur ; le renvoie en nombres (ratio, par).

    Raises:
        ErreurRatio: le message nomme le paramètre et dit quoi saisir à la place.
    """
    nom_ratio, nom_par = libelles_parametres(unite, age_min, age_max)
    valeur_ratio = lire_nombre(ratio, nom_ratio)
    valeur_par = lire_nombre(par, nom_par)
    if valeur_ratio < 0:
        raise ErreurRatio(
            nom_ratio, f"« {nom_ratio} » ne peut pas être négatif. Saisissez 0 ou plus."
        )
    if valeur_par <= 0:
        raise ErreurRatio(
            nom_par,
            f"« {nom_par} » doit être strictement positif (par exemple 100 pour un taux "
            "pour 100 personnes).",
        )
    taux = valeur_ratio / valeur_par
    bas, haut, explication = BORNES_TAUX.get(unite, (0.0, math.inf, ""))
    if not bas <= taux <= haut:
        if unite == "classes":
            taille = valeur_par / valeur_ratio if valeur_ratio else math.inf
            raise ErreurRatio(
                nom_par,
                f"« {nom_par} » : {_nombre(taille)} élèves par classe n'est pas possible ("
                f"{explication}). Saisissez un effectif entre 5 et 35 pour une classe.",
            )
        raise ErreurRatio(
            nom_ratio,
            f"« {nom_ratio} » : {_nombre(valeur_ratio)} {unite} pour {_nombre(valeur_par)} "
            f"{public(age_min, age_max)} n'est pas vraisemblable ({explication}). Saisissez au "
            f"plus {_nombre(haut * valeur_par)} {unite} pour {_nombre(valeur_par)}.",
        )
    return valeur_ratio, valeur_par


def _nombre(x: float) -> str:
    texte = f"{x:,.2f}".rstrip("0").rstrip(".")
    return texte.replace(",", "\u202f").replace(".", ",")


def valider_ratios(ratios: pd.DataFrame) -> pd.DataFrame:
    """Vérifie la table des ratios par défaut (colonnes de `ratio_demande`) ; la renvoie typée.

    Raises:
        ErreurRatio: une colonne manquante, une valeur impossible ou un service qui n'a pas
            exactement une méthode par défaut ; le message nomme le service et la colonne.
    """
    manquantes = [c for c in COLONNES_RATIOS if c not in ratios.columns]
    if manquantes:
        raise ErreurRatio(
            manquantes[0], f"Ratios de demande : colonne(s) manquante(s) {', '.join(manquantes)}."
        )
    df = ratios[COLONNES_RATIOS].copy()
    df["age_min"] = df["age_min"].astype(int)
    df["age_max"] = df["age_max"].astype(int)
    df["ratio"] = df["ratio"].astype(float)
    df["par"] = df["par"].astype(float)
    df["defaut"] = df["defaut"].astype(bool)
    for ligne in df.itertuples():
        lieu = f"Ratios de demande, service « {ligne.service} », méthode « {ligne.methode} »"
        if not 0 <= ligne.age_min <= ligne.age_max <= AGE_MAX:
            raise ErreurRatio(
                "age_min",
                f"{lieu} : tranche d'âge {ligne.age_min}-{ligne.age_max} impossible "
                f"(âges de 0 à {AGE_MAX}, age_min ≤ age_max).",
            )
        try:
            verifier_ratio(ligne.unite, ligne.age_min, ligne.age_max, ligne.ratio, ligne.par)
        except ErreurRatio as erreur:
            raise ErreurRatio(erreur.parametre, f"{lieu} : {erreur}") from erreur
    nb_defaut = df[df["defaut"]].groupby("service")["methode"].nunique()
    for service in df["service"].unique():
        if nb_defaut.get(service, 0) != 1:
            raise ErreurRatio(
                "defaut",
                f"Ratios de demande, service « {service} » : une et une seule méthode doit être "
                "marquée par défaut (colonne defaut).",
            )
    return df


def ratios_effectifs(
    defauts: pd.DataFrame,
    modifications: pd.DataFrame | None = None,
    methodes: Mapping[str, str] | None = None,
) -> pd.DataFrame:
    """Les ratios qu'utilise un territoire : ses modifications appliquées par-dessus les défauts.

    Args:
        defauts: les ratios publiés (colonnes de `ratio_demande`).
        modifications: les valeurs propres au territoire, colonnes service, methode, age_min,
            ratio, par (les lignes qui ne correspondent plus à une ligne par défaut, après un
            changement du fichier de référence, sont ignorées).
        methodes: la méthode choisie par service, quand ce n'est pas celle par défaut.

    Returns:
        Une ligne par ligne par défaut, avec le `ratio` et le `par` effectifs, les `ratio_defaut`
        et `par_defaut` publiés, `modifie` (le territoire l'a changée) et `retenue` (la ligne
        appartient à la méthode utilisée pour son service).
    """
    df = valider_ratios(defauts).rename(columns={"ratio": "ratio_defaut", "par": "par_defaut"})
    df["ratio"] = df["ratio_defaut"]
    df["par"] = df["par_defaut"]
    df["modifie"] = False
    if modifications is not None and not modifications.empty:
        cles = ["service", "methode", "age_min"]
        modif = modifications[[*cles, "ratio", "par"]].copy()
        modif["age_min"] = modif["age_min"].astype(int)
        fusion = df.merge(modif, on=cles, how="left", suffixes=("", "_modifie"))
        trouve = fusion["ratio_modifie"].notna()
        df.loc[trouve.to_numpy(), "ratio"] = fusion.loc[trouve, "ratio_modifie"].to_numpy()
        df.loc[trouve.to_numpy(), "par"] = fusion.loc[trouve, "par_modifie"].to_numpy()
        df["modifie"] = trouve.to_numpy() & (
            (df["ratio"] != df["ratio_defaut"]) | (df["par"] != df["par_defaut"])
        )
    choisies = dict(methodes or {})
    existantes = set(zip(df["service"], df["methode"], strict=True))
    df["retenue"] = [
        (m == choisies[s]) if (s, choisies.get(s)) in existantes else d
        for s, m, d in zip(df["service"], df["methode"], df["defaut"], strict=True)
    ]
    df["taux"] = df["ratio"] / df["par"]
    return df.reset_index(drop=True)

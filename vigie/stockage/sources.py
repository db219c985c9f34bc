"""La table `source` : chaque fichier lu (livré, importé, ou les territoires définis dans Vigie) y a
une ligne, et chaque ligne de données renvoie à l'une d'elles par `id_source`.

Ce module possède la seule écriture de cette table (`sql/load/source.sql`) : la construction, les
importations et les territoires de l'utilisateur l'appellent, pour que les colonnes remplies, le
calcul de l'identifiant et l'origine soient les mêmes partout.
"""

from __future__ import annotations

from vigie.stockage import base

ORIGINES = ("livraison", "import", "estimation", "saisie")
"""`livraison` : fichier livré avec Vigie (démo, référence) ; `import` : fichier que l'utilisateur a
importé (une reconstruction le rejoue) ou territoires qu'il a définis ; `estimation` : effectifs
que Vigie estime lui-même (`vigie.alimentation.estimation`), recalculés à chaque import ; `saisie` :
capacités que l'utilisateur a saisies dans Vigie (`vigie.alimentation.capacites_saisies`), réécrites
à chaque construction et à chaque import."""

DESCRIPTION = ("editeur", "titre", "millesime", "licence", "url")
"""Les clés de la description d'une source (`Lot.source`, une ligne de `data/demo/sources.csv`)."""


def enregistrer(
    con: base.Connexion,
    *,
    fichier: str,
    editeur: str,
    titre: str,
    millesime: str,
    licence: str,
    sha256: str,
    annee_cog: int | None = None,
    url: str | None = None,
    origine: str = "livraison",
) -> int:
    """Ajoute un fichier à la table `source` et rend son identifiant (le plus grand plus un).

    Args:
        fichier: nom du fichier tel que l'éditeur le donne (pas son chemin sur ce poste).
        millesime: millésime tel que l'éditeur le nomme (« RP 2021 », « COG 2024 »).
        sha256: empreinte du fichier lu.
        annee_cog: année de la géographie des codes du fichier, quand elle est connue.
        url: adresse de publication ; une chaîne vide compte comme absente.
        origine: une des `ORIGINES`.

    Raises:
        ValueError: origine inconnue (une erreur du code appelant, pas de l'utilisateur).
    """
    if origine not in ORIGINES:
        raise ValueError(f"origine « {origine} » inconnue : {', '.join(ORIGINES)}")
    (id_source,) = base.executer(
        con,
        "load/source",
        fichier=fichier,
        editeur=editeur,
        titre=titre,
        millesime=millesime,
        annee_cog=annee_cog,
        licence=licence,
        url=url or None,
        sha256=sha256,
        origine=origine,
    ).fetchone()
    return id_source


def enregistrer_fichier(
    con: base.Connexion,
    fichier: str,
    description: dict,
    sha256: str,
    annee_cog: int | None = None,
    origine: str = "livraison",
) -> int:
    """`enregistrer` pour un fichier décrit par un dictionnaire aux clés `DESCRIPTION` (`url`
    facultative ; les autres clés du dictionnaire sont ignorées)."""
    valeurs = {cle: description.get(cle) for cle in DESCRIPTION}
    return enregistrer(
        con, fichier=fichier, sha256=sha256, annee_cog=annee_cog, origine=origine, **valeurs
    )

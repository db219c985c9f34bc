"""La seule erreur que lève un import : un message en français qui nomme le fichier, la ligne, la
colonne, et dit quoi faire. Chaque importeur la lève avant toute écriture : un fichier refusé
laisse donc la base exactement telle qu'elle était.
"""

from __future__ import annotations


class ErreurImport(ValueError):
    """Un fichier qui ne peut pas être importé tel quel.

    Attributes:
        fichier: nom du fichier tel que l'utilisateur l'a donné.
        ligne: ligne du fichier, comptée à partir de 1 (CSV : ligne physique, commentaires
            compris ; classeur : ligne de la feuille telle qu'Excel la numérote), ou None quand
            c'est le fichier entier qui est en cause.
        colonne: nom (ou lettre) de la colonne en cause, ou None.
        probleme: ce qui ne va pas, en français.
        conseil: ce qu'il faut faire, en français.
        feuille: nom de la feuille, pour un classeur.
    """

    def __init__(
        self,
        fichier: str,
        probleme: str,
        conseil: str,
        ligne: int | None = None,
        colonne: str | None = None,
        feuille: str | None = None,
    ) -> None:
        self.fichier = fichier
        self.probleme = probleme
        self.conseil = conseil
        self.ligne = ligne
        self.colonne = colonne
        self.feuille = feuille
        super().__init__(self.message)

    @property
    def lieu(self) -> str:
        """`feuille « Communes », ligne 12, colonne « PMUN »` (les parties connues)."""
        morceaux = []
        if self.feuille:
            morceaux.append(f"feuille « {self.feuille} »")
        if self.ligne is not None:
            morceaux.append(f"ligne {self.ligne}")
        if self.colonne:
            morceaux.append(f"colonne « {self.colonne} »")
        return ", ".join(morceaux)

    @property
    def message(self) -> str:
        lieu = f" ({self.lieu})" if self.lieu else ""
        return f"{self.fichier}{lieu} : {self.probleme} {self.conseil}".strip()

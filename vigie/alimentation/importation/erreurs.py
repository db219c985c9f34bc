"""The one error an import raises: a French message naming the file, the line, the column, and
what to do. Every importer raises it before anything is written, so a refused file leaves the
database exactly as it was.
"""

from __future__ import annotations


class ErreurImport(ValueError):
    """A file that cannot be imported as it is.

    Attributes:
        fichier: file name as given by the user.
        ligne: 1-based line of the file (CSV: physical line, comments included; workbook: row of
            the sheet as Excel numbers it), or None when the whole file is at fault.
        colonne: column name (or letter) at fault, or None.
        probleme: what is wrong, in French.
        conseil: what to do about it, in French.
        feuille: sheet name for a workbook.
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
        """`feuille « Communes », ligne 12, colonne « PMUN »` (the parts that are known)."""
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

"""SQL views of `sql/views/`: discovery, header, checking and application.

One view per file, file name = view name, opening with a header comment:

    -- titre: Population par périmètre et groupe d'âge
    -- description: ...
    -- grain: une ligne par niveau, code, année, groupe d'âge
    -- unite: habitants
    -- source: INSEE, recensement de la population (table population)

Views may read each other: they are applied in rounds until every one compiles, so file order does
not matter. Errors name the file and the line, as analysts need to fix them.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

import duckdb

from vigie import chemins

CLES_ENTETE = ("titre", "description", "grain", "unite", "source")
_LIGNE_ENTETE = re.compile(r"^--\s*(\w+)\s*:\s*(.*)$")
_LIGNE_ERREUR = re.compile(r"LINE (\d+):")
_NOM_VALIDE = re.compile(r"^[a-z][a-z0-9_]*$")


@dataclass
class Vue:
    """A view file and what its header says."""

    nom: str
    chemin: Path
    sql: str
    entete: dict[str, str] = field(default_factory=dict)

    @property
    def titre(self) -> str:
        return self.entete.get("titre", self.nom)

    @property
    def lignes_entete(self) -> int:
        """Number of leading comment or blank lines (the header) before the statement."""
        n = 0
        for ligne in self.sql.splitlines():
            if ligne.strip() and not ligne.strip().startswith("--"):
                break
            n += 1
        return n

    @property
    def instruction(self) -> str:
        """The statement without its header: DuckDB numbers error lines from here."""
        return "\n".join(self.sql.splitlines()[self.lignes_entete :])


@dataclass
class ErreurVue:
    """A problem in a view file, located for the analyst."""

    chemin: Path
    ligne: int | None
    message: str

    def __str__(self) -> str:
        ou = f"{self.chemin.name}, ligne {self.ligne}" if self.ligne else self.chemin.name
        return f"{ou} : {self.message}"


def lire_entete(sql: str) -> dict[str, str]:
    """The `-- cle: valeur` lines at the top of a view file (continuation lines are appended)."""
    entete: dict[str, str] = {}
    derniere = None
    for ligne in sql.splitlines():
        ligne = ligne.strip()
        if not ligne:
            continue
        if not ligne.startswith("--"):
            break
        m = _LIGNE_ENTETE.match(ligne)
        if m and m.group(1).lower() in CLES_ENTETE:
            derniere = m.group(1).lower()
            entete[derniere] = m.group(2).strip()
        elif derniere:
            entete[derniere] += " " + ligne.lstrip("-").strip()
    return entete


def lister_vues(dossier: Path | None = None) -> list[Vue]:
    """Every `*.sql` file of the views folder, sorted by name."""
    dossier = Path(dossier or chemins.DOSSIER_VUES)
    vues = []
    for chemin in sorted(dossier.glob("*.sql")):
        sql = chemin.read_text(encoding="utf-8")
        vues.append(Vue(nom=chemin.stem, chemin=chemin, sql=sql, entete=lire_entete(sql)))
    return vues


def _ligne(message: str, decalage: int = 0) -> int | None:
    m = _LIGNE_ERREUR.search(message)
    return int(m.group(1)) + decalage if m else None


def verifier_forme(vue: Vue) -> list[ErreurVue]:
    """Checks that need no database: name, header, exactly one CREATE VIEW of the file's name."""
    erreurs = []
    if not _NOM_VALIDE.match(vue.nom):
        erreurs.append(
            ErreurVue(vue.chemin, None, "le nom du fichier doit être en minuscules, chiffres et _")
        )
    manquantes = [c for c in CLES_ENTETE if not vue.entete.get(c)]
    if manquantes:
        erreurs.append(
            ErreurVue(
                vue.chemin,
                1,
                "en-tête incomplet, il manque : "
                + ", ".join(manquantes)
                + " (voir sql/views/_modele.sql.txt)",
            )
        )
    try:
        instructions = duckdb.connect().extract_statements(vue.instruction)
    except duckdb.Error as erreur:
        premiere = str(erreur).splitlines()[0]
        return erreurs + [ErreurVue(vue.chemin, _ligne(str(erreur), vue.lignes_entete), premiere)]
    if len(instructions) != 1:
        erreurs.append(
            ErreurVue(
                vue.chemin,
                None,
                f"le fichier doit contenir une seule instruction, il en contient {len(instructions)}",
            )
        )
        return erreurs
    texte = re.sub(r"--[^\n]*", "", vue.sql).lower()
    attendu = re.compile(
        r"^\s*create\s+(or\s+replace\s+)?view\s+(if\s+not\s+exists\s+)?\"?" + vue.nom + r"\"?\s"
    )
    if not attendu.search(texte):
        erreurs.append(
            ErreurVue(
                vue.chemin,
                None,
                f"l'instruction doit être « create or replace view {vue.nom} as ... » "
                "(le nom de la vue est celui du fichier)",
            )
        )
    return erreurs


def appliquer_vues(
    con: duckdb.DuckDBPyConnection, dossier: Path | None = None
) -> tuple[list[Vue], list[ErreurVue]]:
    """Create every well-formed view; return the views created and the errors found.

    Views are applied in rounds so that a view may read another whatever their file order.
    """
    vues = lister_vues(dossier)
    erreurs: list[ErreurVue] = []
    a_creer = []
    for vue in vues:
        probleme = verifier_forme(vue)
        if probleme:
            erreurs.extend(probleme)
        else:
            a_creer.append(vue)
    creees: list[Vue] = []
    dernieres: dict[str, duckdb.Error] = {}
    while a_creer:
        restantes = []
        for vue in a_creer:
            try:
                con.execute(vue.instruction)
                creees.append(vue)
            except duckdb.Error as erreur:
                dernieres[vue.nom] = erreur
                restantes.append(vue)
        if len(restantes) == len(a_creer):
            break
        a_creer = restantes
    for vue in a_creer:
        message = str(dernieres[vue.nom])
        erreurs.append(
            ErreurVue(vue.chemin, _ligne(message, vue.lignes_entete), message.splitlines()[0])
        )
    return creees, erreurs

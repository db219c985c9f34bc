"""SQL views of `sql/views/`: discovery, header, checking and application.

One view per file, file name = view name, opening with a header comment (template:
`sql/views/_modele.sql.txt`, guide: `docs/ajouter_une_vue.md`):

    -- titre: Population par périmètre et groupe d'âge
    -- description: ...
    -- grain: une ligne par niveau, code, année, groupe d'âge
    -- unite: habitants
    -- source: INSEE, recensement de la population (table population)

Views may read each other: they are applied in rounds until every one compiles, so file order does
not matter. Every error names the file, the line and, when DuckDB shows it, the column, because
analysts need to fix them: a header line, the second statement, the misspelt column.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path

import duckdb
import pandas as pd

from vigie import chemins
from vigie.stockage import base, erreurs_sql

CLES_ENTETE = ("titre", "description", "grain", "unite", "source")
MODELE = "sql/views/_modele.sql.txt"
# `-- cle: valeur`; a key line has at most one space after `--`, a continuation line has more.
_LIGNE_CLE = re.compile(r"^-- ?([^\W\d][\w ]{0,30}?)\s*:\s*(.*)$")
_NOM_VALIDE = re.compile(r"^[a-z][a-z0-9_]*$")
_TABLE_ABSENTE = re.compile(r"Table with name (\w+) does not exist")


def _cle(texte: str) -> str:
    """`Unité` -> `unite`: header keys are matched without case or accents."""
    sans_accent = unicodedata.normalize("NFKD", texte).encode("ascii", "ignore").decode()
    return sans_accent.strip().lower()


@dataclass
class Vue:
    """A view file and what its header says."""

    nom: str
    chemin: Path
    sql: str
    entete: dict[str, str] = field(default_factory=dict)
    erreur_lecture: str | None = None
    # Filled by `verifier_forme`: the CREATE VIEW statement and where it starts in the file.
    instruction: str = ""
    ligne_debut: int = 1
    colonne_debut: int = 1

    @property
    def titre(self) -> str:
        return self.entete.get("titre", self.nom)


@dataclass
class ErreurVue:
    """A problem in a view file, located for the analyst."""

    chemin: Path
    ligne: int | None
    message: str
    colonne: int | None = None

    def __str__(self) -> str:
        ou = self.chemin.name
        if self.ligne:
            ou += f", ligne {self.ligne}"
            if self.colonne:
                ou += f", colonne {self.colonne}"
        return f"{ou} : {self.message}"


def lire_entete(sql: str) -> dict[str, str]:
    """The `-- cle: valeur` lines at the top of a view file (continuation lines are appended)."""
    return _analyser_entete(sql)[0]


def _analyser_entete(sql: str) -> tuple[dict[str, str], list[tuple[int, str]]]:
    """Header values, and the (line, key) of every unknown key, for the error message."""
    entete: dict[str, str] = {}
    inconnues: list[tuple[int, str]] = []
    derniere = None
    for numero, ligne in enumerate(sql.splitlines(), start=1):
        ligne = ligne.strip()
        if not ligne:
            continue
        if not ligne.startswith("--") or not ligne.strip("-").strip():
            break  # the header ends at the SQL or at an empty comment line (`--`)
        m = _LIGNE_CLE.match(ligne)
        if m and _cle(m.group(1)) in CLES_ENTETE:
            derniere = _cle(m.group(1))
            entete[derniere] = m.group(2).strip()
        elif m:
            inconnues.append((numero, m.group(1)))
            derniere = None
        elif derniere:
            entete[derniere] = (entete[derniere] + " " + ligne.lstrip("-").strip()).strip()
    return entete, inconnues


def lire_vue(chemin: Path) -> Vue:
    """One view file; an unreadable file becomes a Vue with `erreur_lecture` set."""
    try:
        sql = base.lire_sql(chemin)
    except UnicodeDecodeError as erreur:
        return Vue(
            nom=chemin.stem,
            chemin=chemin,
            sql="",
            erreur_lecture=(
                f"le fichier n'est pas encodé en UTF-8 (octet {erreur.start}) : "
                "réenregistrez-le en UTF-8 dans votre éditeur"
            ),
        )
    except OSError as erreur:
        return Vue(chemin.stem, chemin, "", erreur_lecture=f"fichier illisible ({erreur})")
    return Vue(nom=chemin.stem, chemin=chemin, sql=sql, entete=lire_entete(sql))


def lister_vues(dossier: Path | None = None) -> list[Vue]:
    """Every `*.sql` file of the views folder, sorted by name (`_modele.sql.txt` is not one)."""
    dossier = Path(dossier or chemins.DOSSIER_VUES)
    return [lire_vue(chemin) for chemin in base.fichiers_sql(dossier)]


def _position(sql: str, decalage: int) -> tuple[int, int]:
    """1-based (line, column) of a character offset in the file."""
    avant = sql[:decalage]
    return avant.count("\n") + 1, decalage - (avant.rfind("\n") + 1) + 1


def _debut_instruction(sql: str, instruction: str, depuis: int = 0) -> int:
    """Offset of a statement (as extract_statements returns it) in the file text."""
    extrait = instruction.strip()[:40]
    trouve = sql.find(extrait, depuis)
    return trouve if trouve >= 0 else depuis


def verifier_forme(vue: Vue) -> list[ErreurVue]:
    """Checks that need no database: readable, name, header, one CREATE VIEW of the file's name.

    On success `vue.instruction`, `vue.ligne_debut` and `vue.colonne_debut` are filled, so that
    compilation errors can be reported at their line in the file.
    """
    if vue.erreur_lecture:
        return [ErreurVue(vue.chemin, None, vue.erreur_lecture)]
    erreurs = []
    if not _NOM_VALIDE.match(vue.nom):
        erreurs.append(
            ErreurVue(
                vue.chemin,
                None,
                "le nom du fichier doit commencer par une lettre minuscule et ne contenir que "
                "des minuscules, des chiffres et _ (par exemple mart_part_75_ans_plus.sql)",
            )
        )
    entete, inconnues = _analyser_entete(vue.sql)
    for numero, cle in inconnues:
        erreurs.append(
            ErreurVue(
                vue.chemin,
                numero,
                f"clé d'en-tête inconnue « {cle} » (clés attendues : {', '.join(CLES_ENTETE)} ; "
                "une ligne de suite commence par « --   » avec au moins deux espaces)",
            )
        )
    manquantes = [c for c in CLES_ENTETE if not entete.get(c)]
    if manquantes:
        erreurs.append(
            ErreurVue(
                vue.chemin,
                1,
                "en-tête incomplet, il manque : "
                + ", ".join(manquantes)
                + f" (copiez l'en-tête de {MODELE})",
            )
        )
    try:
        # A throwaway connection that only parses: it never reads or writes data.
        with duckdb.connect() as analyseur:
            instructions = analyseur.extract_statements(vue.sql)
    except duckdb.Error as erreur:
        position = erreurs_sql.localiser(str(erreur), vue.sql)
        return erreurs + [ErreurVue(vue.chemin, position.ligne, position.message, position.colonne)]
    if not instructions:
        return erreurs + [
            ErreurVue(
                vue.chemin,
                None,
                f"le fichier ne contient aucune instruction : ajoutez « create or replace view "
                f"{vue.nom} as select ... » sous l'en-tête",
            )
        ]
    debut = _debut_instruction(vue.sql, instructions[0].query)
    if len(instructions) != 1:
        seconde = _debut_instruction(vue.sql, instructions[1].query, debut + 1)
        ligne, colonne = _position(vue.sql, seconde)
        erreurs.append(
            ErreurVue(
                vue.chemin,
                ligne,
                f"le fichier doit contenir une seule instruction, il en contient "
                f"{len(instructions)} ; la deuxième commence ici (un « ; » de trop ?)",
                colonne,
            )
        )
        return erreurs
    instruction = instructions[0]
    vue.ligne_debut, vue.colonne_debut = _position(vue.sql, debut)
    texte = re.sub(r"--[^\n]*|/\*.*?\*/", " ", instruction.query, flags=re.S).lower()
    attendu = re.compile(
        r"^\s*create\s+(or\s+replace\s+)?view\s+(if\s+not\s+exists\s+)?\"?"
        + re.escape(vue.nom.lower())
        + r"\"?\s"
    )
    if instruction.type != duckdb.StatementType.CREATE or not attendu.search(texte):
        erreurs.append(
            ErreurVue(
                vue.chemin,
                vue.ligne_debut,
                f"l'instruction doit être « create or replace view {vue.nom} as ... » "
                "(le nom de la vue est celui du fichier, sans schéma ni base devant)",
            )
        )
        return erreurs
    vue.instruction = instruction.query
    return erreurs


def appliquer_vues(
    con: duckdb.DuckDBPyConnection, dossier: Path | None = None
) -> tuple[list[Vue], list[ErreurVue]]:
    """Create every well-formed view; return the views created and the errors found.

    Views are applied in rounds so that a view may read another whatever their file order. Only
    the CREATE VIEW statement is executed (never the rest of the file), and DuckDB's line numbers,
    counted from that statement, are moved back to lines of the file.
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
    en_erreur = {vue.nom for vue in vues} - {vue.nom for vue in a_creer}
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
    en_erreur |= {vue.nom for vue in a_creer}
    for vue in a_creer:
        message = str(dernieres[vue.nom])
        position = erreurs_sql.localiser(
            message, vue.instruction, vue.ligne_debut, vue.colonne_debut
        )
        texte = position.message
        absente = _TABLE_ABSENTE.search(message)
        if absente and absente.group(1) in en_erreur:
            texte = (
                f"elle lit la vue {absente.group(1)}, elle-même en erreur : corrigez d'abord "
                f"{absente.group(1)}.sql"
            )
        erreurs.append(ErreurVue(vue.chemin, position.ligne, texte, position.colonne))
    return creees, erreurs


def colonnes(con: duckdb.DuckDBPyConnection, nom: str) -> list[str]:
    """Les colonnes de la vue (ou table) `nom`, dans leur ordre.

    `nom` vient de la liste des vues appliquées (`Catalogue.vues_actives`), jamais d'une saisie :
    il est passé à DuckDB comme un nom d'objet, sans texte SQL assemblé.
    """
    return list(con.view(nom).columns)


def lire(con: duckdb.DuckDBPyConnection, nom: str, colonnes_voulues: list[str]) -> pd.DataFrame:
    """Les colonnes `colonnes_voulues` de la vue `nom`, dans cet ordre (noms pris comme
    identifiants, jamais mis en forme dans un texte SQL)."""
    relation = con.view(nom)
    return relation.select(*(duckdb.ColumnExpression(c) for c in colonnes_voulues)).df()


def retirer_vues(con: duckdb.DuckDBPyConnection) -> None:
    """Supprime toutes les vues vivantes du catalogue en mémoire, avant d'appliquer à nouveau les
    fichiers (une vue dont le fichier a été retiré disparaît ainsi du catalogue)."""
    for (nom,) in base.executer(con, "queries/catalogue_vues_vivantes", base="memory").fetchall():
        # Identifiant pris dans le catalogue de DuckDB lui-même (liste fermée), entre guillemets.
        con.execute(f'drop view if exists memory.main."{nom}"')

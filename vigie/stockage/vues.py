"""Les vues SQL de `sql/views/` : découverte, en-tête, contrôle et application.

Une vue par fichier, nom du fichier = nom de la vue, ouverte par un commentaire d'en-tête (modèle :
`sql/views/_modele.sql.txt`, guide : `docs/ajouter_une_vue.md`) :

    -- titre: Population par périmètre et groupe d'âge
    -- description: ...
    -- grain: une ligne par niveau, code, année, groupe d'âge
    -- unite: habitants
    -- source: INSEE, recensement de la population (table population)

Les vues peuvent se lire entre elles : elles sont appliquées par tours jusqu'à ce que toutes
compilent, l'ordre des fichiers est donc indifférent. Chaque erreur nomme le fichier, la ligne et,
quand DuckDB la donne, la colonne, car les chargés d'études doivent pouvoir la corriger : une ligne
d'en-tête, la deuxième instruction, la colonne mal orthographiée.
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
# `-- cle: valeur` ; une ligne de clé a au plus une espace après `--`, une ligne de suite davantage.
_LIGNE_CLE = re.compile(r"^-- ?([^\W\d][\w ]{0,30}?)\s*:\s*(.*)$")
_NOM_VALIDE = re.compile(r"^[a-z][a-z0-9_]*$")
_TABLE_ABSENTE = re.compile(r"Table with name (\w+) does not exist")


def _cle(texte: str) -> str:
    """`Unité` -> `unite` : les clés d'en-tête se comparent sans casse ni accents."""
    sans_accent = unicodedata.normalize("NFKD", texte).encode("ascii", "ignore").decode()
    return sans_accent.strip().lower()


@dataclass
class Vue:
    """Un fichier de vue et ce que dit son en-tête."""

    nom: str
    chemin: Path
    sql: str
    entete: dict[str, str] = field(default_factory=dict)
    erreur_lecture: str | None = None
    # Remplis par `verifier_forme` : l'instruction CREATE VIEW et où elle commence dans le fichier.
    instruction: str = ""
    ligne_debut: int = 1
    colonne_debut: int = 1

    @property
    def titre(self) -> str:
        return self.entete.get("titre", self.nom)


@dataclass
class ErreurVue:
    """Un problème dans un fichier de vue, situé pour le chargé d'études."""

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
    """Les lignes `-- cle: valeur` du haut d'un fichier de vue (les lignes de suite sont ajoutées)."""
    return _analyser_entete(sql)[0]


def _analyser_entete(sql: str) -> tuple[dict[str, str], list[tuple[int, str]]]:
    """Les valeurs de l'en-tête, et (ligne, clé) de chaque clé inconnue, pour le message d'erreur."""
    entete: dict[str, str] = {}
    inconnues: list[tuple[int, str]] = []
    derniere = None
    for numero, ligne in enumerate(sql.splitlines(), start=1):
        ligne = ligne.strip()
        if not ligne:
            continue
        if not ligne.startswith("--") or not ligne.strip("-").strip():
            break  # l'en-tête s'arrête au SQL ou à une ligne de commentaire vide (`--`)
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
    """Un fichier de vue ; un fichier illisible devient une Vue dont `erreur_lecture` est rempli."""
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
    """Chaque fichier `*.sql` du dossier des vues, trié par nom (`_modele.sql.txt` n'en est pas un)."""
    dossier = Path(dossier or chemins.DOSSIER_VUES)
    return [lire_vue(chemin) for chemin in base.fichiers_sql(dossier)]


def _position(sql: str, decalage: int) -> tuple[int, int]:
    """(ligne, colonne), comptées à partir de 1, d'une position de caractère dans le fichier."""
    avant = sql[:decalage]
    return avant.count("\n") + 1, decalage - (avant.rfind("\n") + 1) + 1


def _debut_instruction(sql: str, instruction: str, depuis: int = 0) -> int:
    """Position d'une instruction (telle que la rend extract_statements) dans le texte du fichier."""
    extrait = instruction.strip()[:40]
    trouve = sql.find(extrait, depuis)
    return trouve if trouve >= 0 else depuis


def verifier_forme(vue: Vue) -> list[ErreurVue]:
    """Les contrôles sans base : lisible, nom, en-tête, un seul CREATE VIEW du nom du fichier.

    En cas de succès, `vue.instruction`, `vue.ligne_debut` et `vue.colonne_debut` sont remplis, pour
    que les erreurs de compilation soient signalées à leur ligne dans le fichier.
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
        # Une connexion jetable qui ne fait qu'analyser le texte : elle ne lit ni n'écrit de données.
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
    """Crée les macros de `sql/macros/`, puis chaque vue bien formée ; rend les vues créées et les
    erreurs trouvées.

    Les vues sont appliquées par tours, pour qu'une vue puisse en lire une autre quel que soit
    l'ordre des fichiers. Seule l'instruction CREATE VIEW est exécutée (jamais le reste du fichier),
    et les numéros de ligne de DuckDB, comptés depuis cette instruction, sont ramenés aux lignes du
    fichier.
    """
    # Les macros (`sql/macros/`) entrent dans les mêmes tours que les vues : DuckDB lie une macro
    # à sa création, sauf ce qu'elle lit par query_table (somme_au_perimetre), donc une macro qui
    # lit une vue (sources_du_perimetre) attend que la vue existe, et une vue qui appelle une
    # macro attend la macro.
    macros = {nom: base.texte_sql(nom) for nom in base.noms_sql("macros")}
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
    while a_creer or macros:
        macros_restantes = {}
        for nom, macro in macros.items():
            try:
                con.execute(macro)
            except duckdb.Error as erreur:
                macros_restantes[nom] = macro
                dernieres[nom] = erreur
        restantes = []
        for vue in a_creer:
            try:
                con.execute(vue.instruction)
                creees.append(vue)
            except duckdb.Error as erreur:
                dernieres[vue.nom] = erreur
                restantes.append(vue)
        if len(restantes) == len(a_creer) and len(macros_restantes) == len(macros):
            break
        a_creer, macros = restantes, macros_restantes
    # Une macro qui ne se crée pas (base vide, table absente) : dite comme une vue en erreur ; les
    # requêtes qui l'appellent échoueront en la nommant.
    for nom in macros:
        erreurs.append(ErreurVue(chemins.DOSSIER_SQL / f"{nom}.sql", None, str(dernieres[nom])))
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

"""Le bac à sable de l'explorateur SQL : la requête libre d'un chargé d'études, exécutée de sorte
qu'elle ne puisse ni rien changer, ni rien divulguer, ni accaparer la machine.

Superset (SQL Lab) et Metabase exécutent le SQL libre sur la connexion de l'application. Ici, trois
barrières se superposent (DuckDB, « Securing DuckDB ») :

1. **le texte** est contrôlé avant tout (ce module) : pas de caractère invisible ou bidirectionnel,
   une seule instruction (l'analyseur de DuckDB, `extract_statements`), de type SELECT (ce qui
   couvre WITH, FROM en tête, VALUES, DESCRIBE, SHOW, SUMMARIZE), pas d'INSERT/UPDATE/DELETE dans
   un WITH, aucune fonction hors d'une liste permise (lecteurs de fichiers, `query()`, balayages de
   pointeurs Arrow/pandas, journalisation, `checkpoint`), et rien qui montre un chemin ou un
   réglage (`duckdb_databases`, `duckdb_settings`, `current_setting`, `getenv`...) ;
2. **le moteur** ne peut rien écrire : la requête tourne dans une connexion neuve où la base
   construite et le fichier des vues sont attachés en lecture seule, l'accès extérieur coupé et la
   configuration verrouillée (voir `travailleur_sql`) ;
3. **le processus** : la requête tourne dans un processus à part, tué au-delà de `delai_s`
   secondes ou de `memoire_processus` octets (même les fonctions qui ignorent l'interruption), et
   son résultat est borné en lignes (`limite_lignes`) et en octets (`octets_max`).

Chaque refus est une `RequeteRefusee` avec un message en français, et sa ligne et sa colonne quand
DuckDB les donne.
"""

from __future__ import annotations

import shutil
import tempfile
import threading
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path

import duckdb
import pandas as pd
import pyarrow as pa

from vigie import chemins
from vigie.format_fr import nombre
from vigie.stockage import base, erreurs_sql, travailleur_sql, vues

LIMITE_LIGNES = 10_000
DELAI_S = 10.0
MEMOIRE = "1GB"  # borne du moteur DuckDB
MEMOIRE_PROCESSUS = 1_500_000_000  # borne du processus entier (moteur + Python), en octets
OCTETS_MAX = 20_000_000  # un résultat affiché pèse au plus 20 Mo (Streamlit refuse au-delà de 200)
DEBORD_MAX = "1GB"  # débordement sur disque permis au moteur
DEMARRAGE_S = 30.0  # temps laissé au premier démarrage du processus
FILS = 2
TAILLE_MAX_TEXTE = 100_000  # caractères de SQL

# Les réglages fixés à l'ouverture de la connexion (extensions, remplacements Python) sont ceux du
# processus qui exécute la requête : `travailleur_sql.CONFIGURATION`.

# Fonctions de table qu'un analyste peut appeler : générateurs et listes du catalogue en lecture
# seule. Toute autre fonction de table de DuckDB (lecteurs de fichiers, glob, query(),
# arrow_scan/pandas_scan qui prennent des pointeurs mémoire, enable_logging, checkpoint, ressources
# extérieures...) est refusée.
FONCTIONS_TABLE_AUTORISEES = {
    "range",
    "generate_series",
    "unnest",
    "query_table",
    "summary",
    "repeat",
    "repeat_row",
    "json_each",
    "json_tree",
    "histogram",
    "histogram_values",
    "pragma_table_info",
    "pragma_show",
    "pragma_version",
    "pragma_platform",
    "pragma_database_size",
    "pragma_storage_info",
    "pragma_collations",
    "icu_calendar_names",
    "pg_timezone_names",
    "test_all_types",
}
FONCTIONS_CATALOGUE_INTERDITES = {
    "duckdb_secrets",
    "duckdb_extensions",
    "duckdb_databases",  # montre le chemin absolu des bases
    "duckdb_settings",  # montre allowed_paths, secret_directory, temp_directory...
    "duckdb_temporary_files",
    "pragma_database_list",
}
# Fonctions scalaires qui lisent un réglage ou l'environnement du processus.
FONCTIONS_SCALAIRES_INTERDITES = {"current_setting", "getenv", "getvariable"}
# Mots-clés qui écrivent, trouvés dans un SELECT (DuckDB accepte
# `with x as (insert ... returning *)`).
MOTS_ECRITURE = {"insert", "update", "delete", "merge", "truncate"}
# Caractères de format qui cachent ou réordonnent le texte à l'écran (chasse nulle, forçages
# bidirectionnels).
CATEGORIE_INVISIBLE = "Cf"

POURQUOI_REFUSE = {
    "INSERT": "elle ajoute des lignes",
    "UPDATE": "elle modifie des lignes",
    "DELETE": "elle supprime des lignes",
    "CREATE": "elle crée un objet (pour ajouter une vue, déposez un fichier dans sql/views/)",
    "DROP": "elle supprime un objet",
    "ALTER": "elle modifie un objet",
    "ATTACH": "elle ouvre une autre base",
    "DETACH": "elle ferme une base",
    "COPY": "elle lit ou écrit un fichier",
    "EXPORT": "elle écrit des fichiers",
    "LOAD": "elle installe ou charge une extension",
    "SET": "elle change un réglage",
    "VARIABLE_SET": "elle change un réglage",
    "PRAGMA": "elle change ou lit un réglage interne",
    "CALL": "elle appelle une procédure",
    "EXPLAIN": "EXPLAIN n'est pas proposé dans l'explorateur",
    "TRANSACTION": "les transactions sont inutiles en lecture",
    "MULTI": "elle enchaîne plusieurs opérations (un PIVOT sans liste de valeurs, par exemple : "
    "écrivez « pivot ... on colonne in ('a', 'b') using ... »)",
}


class RequeteRefusee(ValueError):
    """Une requête que l'explorateur refuse d'exécuter (ou a arrêtée), avec un message en français
    et sa position."""

    def __init__(self, message: str, ligne: int | None = None, colonne: int | None = None):
        self.message = message
        self.ligne = ligne
        self.colonne = colonne
        position = erreurs_sql.ErreurLocalisee(message, ligne, colonne).position()
        super().__init__(f"{position[:1].upper()}{position[1:]} : {message}" if ligne else message)


class RequeteInterrompue(RequeteRefusee):
    """La requête a dépassé le délai permis et a été interrompue."""


@dataclass
class Resultat:
    """Ce qu'une requête a rendu : au plus `limite` lignes, `tronque` quand il y en avait plus."""

    donnees: pd.DataFrame
    tronque: bool
    limite: int
    duree_s: float
    requete: str = ""
    raison: str | None = None  # "lignes" ou "octets" quand le résultat est tronqué
    octets_max: int = 0

    @property
    def message(self) -> str:
        lignes = len(self.donnees)
        texte = (
            f"{nombre(lignes)} ligne{'s' if lignes > 1 else ''} en {self.duree_s:.2f} s".replace(
                ".", ","
            )
        )
        if self.raison == "octets":
            texte += (
                f" : résultat tronqué à {nombre(self.octets_max / 1e6)} Mo "
                f"({nombre(lignes)} premières lignes) ; sélectionnez moins de colonnes ou des "
                "textes plus courts"
            )
        elif self.tronque:
            texte += (
                f" : résultat tronqué aux {nombre(self.limite)} premières lignes "
                "(ajoutez un filtre, un regroupement ou une limite)"
            )
        return texte


def _position(texte: str, decalage: int) -> tuple[int, int]:
    avant = texte[:decalage]
    return avant.count("\n") + 1, decalage - (avant.rfind("\n") + 1) + 1


def _jetons(texte: str) -> list[tuple[str, duckdb.token_type, int]]:
    """(texte, type, décalage) de chaque jeton, commentaires laissés de côté."""
    bruts = duckdb.tokenize(texte)
    jetons = []
    for i, (debut, genre) in enumerate(bruts):
        fin = bruts[i + 1][0] if i + 1 < len(bruts) else len(texte)
        if genre == duckdb.token_type.comment:
            continue
        jetons.append((texte[debut:fin].strip(), genre, debut))
    return jetons


def _nom(jeton: str) -> str:
    """`"Read_CSV"` -> `read_csv` : un identifiant entre guillemets appelle la même fonction."""
    return jeton.strip().strip('"').lower()


@dataclass
class BacASable:
    """Un accès verrouillé à la base construite, pour les requêtes libres des chargés d'études."""

    chemin: Path = field(default_factory=chemins.chemin_base)
    dossier_vues: Path = field(default_factory=lambda: chemins.DOSSIER_VUES)
    limite_lignes: int = LIMITE_LIGNES
    delai_s: float = DELAI_S
    memoire: str = MEMOIRE
    fils: int = FILS
    octets_max: int = OCTETS_MAX
    memoire_processus: int = MEMOIRE_PROCESSUS
    _fonctions_table: set[str] = field(init=False, default_factory=set)
    _processus: travailleur_sql.Processus | None = field(init=False, default=None, repr=False)
    _dossier_travail: Path = field(init=False, repr=False)
    _verrou: threading.Lock = field(init=False, default_factory=threading.Lock)
    _erreurs_vues: list = field(init=False, default_factory=list)

    def __post_init__(self) -> None:
        self.chemin = Path(self.chemin)
        base.connecter(
            self.chemin
        ).close()  # BaseIntrouvable, en français, si elle est inutilisable
        with duckdb.connect(
            ":memory:"
        ) as con:  # les fonctions de table du moteur, pour le contrôle
            self._fonctions_table = {
                nom for (nom,) in base.executer(con, "queries/catalogue_fonctions_table").fetchall()
            }
        # Le débordement sur disque et le fichier des vues vont dans un dossier provisoire du
        # système, hors du dépôt, supprimé à la fermeture.
        self._dossier_travail = Path(tempfile.mkdtemp(prefix="vigie-explorateur-"))
        (self._dossier_travail / "debord").mkdir()
        self._demarrer()

    def _demarrer(self) -> travailleur_sql.Processus:
        if self._processus is None or not self._processus.vivant():
            self._processus = travailleur_sql.Processus(
                {
                    "chemin_base": str(self.chemin),
                    "dossier_vues": str(self.dossier_vues),
                    "dossier_travail": str(self._dossier_travail),
                    "memoire": self.memoire,
                    "fils": self.fils,
                    "debord_max": DEBORD_MAX,
                },
                self._dossier_travail / "journal.txt",
            )
            # Le démarrage (imports, fichier des vues) a son propre délai, avant toute requête :
            # la première requête d'un processus neuf n'a pas plus de temps que les suivantes.
            try:
                self._processus.demander(
                    ("pret", {}), delai_s=DEMARRAGE_S, memoire_max=self.memoire_processus
                )
            except travailleur_sql.Depassement:
                self._processus = None
                raise RequeteRefusee(
                    "le processus de l'explorateur n'a pas pu démarrer "
                    f"en {nombre(DEMARRAGE_S, 0)} s ; relancez la requête, et si cela se répète, "
                    f"lisez le journal {self._dossier_travail / 'journal.txt'}"
                ) from None
        return self._processus

    def _demander(self, genre: str, **parametres):
        """Une demande au processus travailleur, sous les bornes de temps et de mémoire."""
        with self._verrou:
            processus = self._demarrer()
            try:
                reponse = processus.demander(
                    (genre, parametres), delai_s=self.delai_s, memoire_max=self.memoire_processus
                )
            except travailleur_sql.Depassement as depassement:
                self._processus = None
                if depassement.cause == "memoire":
                    raise RequeteRefusee(
                        "la requête demandait trop de mémoire (plus de "
                        f"{nombre(self.memoire_processus / 1e9, 1)} Go) et a été arrêtée : "
                        "filtrez ou regroupez davantage"
                    ) from None
                if depassement.cause == "arret":
                    raise RequeteRefusee(
                        "le processus de l'explorateur s'est arrêté pendant la requête ; "
                        "relancez-la (un nouveau processus démarre)"
                    ) from None
                raise RequeteInterrompue(
                    f"La requête a dépassé {nombre(self.delai_s, 1)} s et a été interrompue. "
                    "Filtrez davantage, regroupez, ou vérifiez qu'une requête récursive s'arrête."
                ) from None
        statut, valeur = reponse
        if statut == "refus":
            message, ligne, colonne, interrompue = valeur
            raise (RequeteInterrompue if interrompue else RequeteRefusee)(message, ligne, colonne)
        return valeur

    # -- vues ----------------------------------------------------------------------------------

    @property
    def erreurs_vues(self) -> list[vues.ErreurVue]:
        """Les fichiers de vues qui n'ont pas pu être appliqués (fichier, ligne, colonne)."""
        return self._erreurs_vues

    def objets(self) -> list[str]:
        """Noms qu'un chargé d'études peut interroger : les tables et les vues, triés."""
        valeur = self._demander("objets")
        self._erreurs_vues = valeur["erreurs_vues"]
        return valeur["objets"]

    # -- contrôle --------------------------------------------------------------------------------

    def verifier(self, requete: str) -> str:
        """Contrôle une requête sans l'exécuter ; rend la seule instruction à exécuter.

        Raises:
            RequeteRefusee: avec un message en français qui dit pourquoi, et où quand il le peut.
        """
        if not isinstance(requete, str) or not requete.strip():
            raise RequeteRefusee("La requête est vide : écrivez une requête SELECT.")
        if len(requete) > TAILLE_MAX_TEXTE:
            raise RequeteRefusee(
                f"La requête est trop longue ({len(requete)} caractères, "
                f"{TAILLE_MAX_TEXTE} au plus)."
            )
        for i, caractere in enumerate(requete):
            if unicodedata.category(caractere) == CATEGORIE_INVISIBLE and caractere != "\ufeff":
                ligne, colonne = _position(requete, i)
                raise RequeteRefusee(
                    f"caractère invisible U+{ord(caractere):04X} "
                    f"({unicodedata.name(caractere, 'sans nom')}) : retirez-le, il peut cacher "
                    "ou réordonner du texte",
                    ligne,
                    colonne,
                )
        texte = requete.lstrip("\ufeff")
        try:
            with duckdb.connect() as analyseur:  # analyse seulement
                instructions = analyseur.extract_statements(texte)
        except duckdb.Error as erreur:
            position = erreurs_sql.localiser(str(erreur), texte)
            raise RequeteRefusee(position.message, position.ligne, position.colonne) from None
        if not instructions:
            raise RequeteRefusee("La requête ne contient que des commentaires.")
        if len(instructions) > 1:
            debut = texte.find(instructions[0].query.strip()[:40])
            seconde = texte.find(instructions[1].query.strip()[:40], max(debut, 0) + 1)
            ligne, colonne = _position(texte, max(seconde, 0))
            raise RequeteRefusee(
                f"une seule instruction à la fois : la requête en contient {len(instructions)} "
                "et la deuxième commence ici (retirez le « ; » qui les sépare)",
                ligne,
                colonne,
            )
        instruction = instructions[0]
        genre = instruction.type.name
        if instruction.type != duckdb.StatementType.SELECT:
            pourquoi = POURQUOI_REFUSE.get(genre, "elle ne se contente pas de lire")
            raise RequeteRefusee(
                f"L'explorateur n'exécute que des requêtes de lecture (SELECT ou WITH) ; "
                f"cette instruction ({genre}) est refusée : {pourquoi}."
            )
        requete_seule = instruction.query
        self._verifier_jetons(texte, requete_seule)
        return requete_seule

    def _verifier_jetons(self, texte: str, requete: str) -> None:
        """Refuse les écritures cachées dans un WITH, la lecture de fichiers par leur nom, et les
        fonctions de table non permises."""
        decalage = max(texte.find(requete.strip()[:40]), 0)
        jetons = _jetons(requete)
        for i, (jeton, genre, debut) in enumerate(jetons):
            ligne, colonne = _position(texte, decalage + debut)
            mot = _nom(jeton)
            if genre == duckdb.token_type.keyword and mot in MOTS_ECRITURE:
                raise RequeteRefusee(
                    f"« {jeton.upper()} » écrit dans la base : l'explorateur ne fait que lire",
                    ligne,
                    colonne,
                )
            suivant = jetons[i + 1][0] if i + 1 < len(jetons) else ""
            if suivant == "(" and genre in (
                duckdb.token_type.identifier,
                duckdb.token_type.keyword,
            ):
                interdite = (
                    mot in self._fonctions_table
                    and mot not in FONCTIONS_TABLE_AUTORISEES
                    and not (
                        mot.startswith("duckdb_") and mot not in FONCTIONS_CATALOGUE_INTERDITES
                    )
                ) or mot in FONCTIONS_CATALOGUE_INTERDITES | FONCTIONS_SCALAIRES_INTERDITES
                if interdite:
                    raise RequeteRefusee(
                        f"la fonction {mot}() n'est pas permise dans l'explorateur (elle lit des "
                        "fichiers, exécute du texte ou touche au moteur) : interrogez les tables "
                        "et les vues de Vigie",
                        ligne,
                        colonne,
                    )
            precedent = _nom(jetons[i - 1][0]) if i else ""
            if genre == duckdb.token_type.string_const and precedent in ("from", "join", ","):
                if precedent != "," or _dans_from(jetons, i):
                    raise RequeteRefusee(
                        f"lire un fichier ({jeton}) n'est pas permis dans l'explorateur : "
                        "seules les tables et les vues de Vigie se lisent ici",
                        ligne,
                        colonne,
                    )

    # -- exécution -------------------------------------------------------------------------------

    def executer(self, requete: str) -> Resultat:
        """Contrôle puis exécute une requête de lecture, bornée en lignes, octets, temps et mémoire.

        Raises:
            RequeteRefusee: refusée avant l'exécution, ou en échec (message, ligne, colonne).
            RequeteInterrompue: arrêtée après `delai_s` secondes.
        """
        requete_seule = self.verifier(requete)
        try:
            return self._executer_sans_controle(requete_seule)
        except RequeteRefusee as refus:
            if refus.ligne is None or refus.ligne == 1:
                decalage = max(requete.find(requete_seule.strip()[:40]), 0)
                ligne, colonne = _position(requete, decalage)
                if ligne > 1 and refus.ligne == 1:  # la requête commence plus bas dans le texte
                    refus = type(refus)(refus.message, refus.ligne + ligne - 1, refus.colonne)
            raise refus from None

    def _executer_sans_controle(self, requete: str) -> Resultat:
        """Exécute sans contrôle du texte : ce que le moteur seul permet (tests de défense)."""
        valeur = self._demander(
            "requete", sql=requete, limite_lignes=self.limite_lignes, octets_max=self.octets_max
        )
        table = pa.ipc.open_stream(valeur["ipc"]).read_all()
        return Resultat(
            donnees=_vers_pandas(table),
            tronque=valeur["tronque"] is not None,
            limite=self.limite_lignes,
            duree_s=valeur["duree_s"],
            requete=requete,
            raison=valeur["tronque"],
            octets_max=self.octets_max,
        )

    def fermer(self) -> None:
        """Arrête le processus travailleur et supprime le dossier provisoire."""
        with self._verrou:
            if self._processus is not None:
                self._processus.arreter()
                self._processus = None
        shutil.rmtree(self._dossier_travail, ignore_errors=True)


def _dans_from(jetons: list, i: int) -> bool:
    """Si le jeton en `i` suit une virgule d'une liste FROM (`from a, 'f.csv'`)."""
    for jeton, genre, _ in reversed(jetons[:i]):
        mot = _nom(jeton)
        if genre == duckdb.token_type.keyword and mot in ("from", "join"):
            return True
        if genre == duckdb.token_type.keyword and mot in ("select", "where", "group", "order"):
            return False
    return False


_ENTIERS = {
    pa.int8(): pd.Int8Dtype(),
    pa.int16(): pd.Int16Dtype(),
    pa.int32(): pd.Int32Dtype(),
    pa.int64(): pd.Int64Dtype(),
    pa.uint8(): pd.UInt8Dtype(),
    pa.uint16(): pd.UInt16Dtype(),
    pa.uint32(): pd.UInt32Dtype(),
    pa.uint64(): pd.UInt64Dtype(),
}


def _vers_pandas(table: pa.Table) -> pd.DataFrame:
    """D'Arrow à pandas, entiers gardés entiers même avec des nuls (pas besoin de pytz pour les
    fuseaux horaires)."""
    return table.to_pandas(types_mapper=_ENTIERS.get)

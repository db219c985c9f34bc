"""Règles de la maison (GUIDE.md, issue 13) vérifiées en lisant le code avec `ast`, sans l'importer.

Ce fichier possède les règles d'architecture et les fonctions qui les mesurent (le graphe des
imports, les textes SQL écrits en Python, la longueur des pages) ; `bench/mesures_maison.py`
réutilise ces fonctions pour imprimer les chiffres de la note de clôture.

Règles :
- models/ n'importe ni streamlit, ni duckdb, ni vigie ;
- aucun cycle d'imports entre les modules de vigie/ et de models/, en comptant les imports écrits
  dans une fonction (un import dans une fonction ne cache donc plus un cycle) ;
- aucun import interne (vigie/, models/) écrit dans une fonction, hors de la liste expliquée
  `IMPORTS_DANS_FONCTION_PERMIS` (un import lourd retardé pour le démarrage) ;
- aucune aile ni commande ne remonte vers `vigie.cli` (seul `vigie/__main__.py` l'importe) ;
- `vigie/alimentation/` n'importe pas `vigie/reglages/` (qui l'appelle) ;
- `vigie/stockage/` et `vigie/alimentation/` n'importent ni les analyses, ni les figures, ni les
  exports, ni l'interface, ni les commandes (qui les appellent) ; le stockage pas davantage les
  réglages ni l'alimentation ;
- `import duckdb` seulement dans vigie/stockage/ (et bench/, hors du périmètre lu ici) ;
- pas de texte SQL en Python hors de vigie/stockage/, sauf la liste `SQL_PERMIS` (5 au plus,
  chacune justifiée : des identifiants pris dans une liste fermée) ;
- les pages n'ont ni SQL ni duckdb, n'appellent pas models/ directement et restent sous 250 lignes ;
- chaque module a une docstring qui dit ce qu'il possède.
"""

from __future__ import annotations

import ast
import re
from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path

import pytest

RACINE = Path(__file__).resolve().parents[1]
PAQUETS = ("vigie", "models")
LIGNES_MAX_PAGE = 250

# Un texte SQL : une lecture, une écriture ou une définition d'objet. Les docstrings ne comptent
# pas (elles décrivent, elles n'exécutent rien), ni le SQL cité entre « » ou `` dans un message
# pour l'utilisateur (« ajoutez « create or replace view ... » »). Les commandes courtes sans
# lecture de table (`set ...`, `checkpoint`) ne sont pas comptées.
SQL_DANS_TEXTE = re.compile(
    r"\b(select\s.+?\sfrom\s+[\w\"({]|insert\s+(or\s+\w+\s+)?into|delete\s+from|update\s+\w+\s+set"
    r"|create\s+(or\s+replace\s+)?(temp\w*\s+)?(table|view|schema|index|sequence|macro)"
    r"|drop\s+(table|view|schema|index)|alter\s+table|attach\s+(database\s+)?['\"{?$]"
    r"|copy\s+.+?\s+(to|from)\s+['\"{?$])",
    re.I | re.S,
)

_CITATION = re.compile(r"«[^»]*»|`[^`]*`")

# Les seuls textes SQL admis en Python hors de vigie/stockage/ : (fichier, fonction englobante) ->
# pourquoi. Chacun ne met en forme que des identifiants pris dans une liste fermée du code ; les
# valeurs restent liées (`$x` ou `?`). Cinq au plus (issue 13).
SQL_PERMIS: dict[tuple[str, str], str] = {}


# ------------------------------------------------------------------------------------------------
# Lecture du code


def fichiers_python(racine: Path = RACINE) -> list[Path]:
    """Les modules de vigie/ et models/ (le code dont on trace les imports)."""
    return sorted(p for paquet in PAQUETS for p in (racine / paquet).rglob("*.py"))


def pages(racine: Path = RACINE) -> list[Path]:
    return sorted((racine / "pages").glob("*.py"))


def fichiers_du_produit(racine: Path = RACINE) -> list[Path]:
    """Tout le code livré : vigie/, models/, pages/, dashboard.py et lancer.py."""
    autres = [racine / nom for nom in ("dashboard.py", "lancer.py") if (racine / nom).is_file()]
    return fichiers_python(racine) + pages(racine) + autres


def relatif(chemin: Path, racine: Path = RACINE) -> str:
    return chemin.relative_to(racine).as_posix()


def nom_module(chemin: Path, racine: Path = RACINE) -> str:
    """`vigie/stockage/base.py` -> `vigie.stockage.base` ; un `__init__.py` porte le nom du paquet."""
    parties = list(chemin.relative_to(racine).with_suffix("").parts)
    if parties[-1] == "__init__":
        parties.pop()
    return ".".join(parties)


def _arbre(chemin: Path) -> ast.Module:
    return ast.parse(chemin.read_text(encoding="utf-8"), filename=str(chemin))


@dataclass(frozen=True)
class Import:
    """Un import lu dans un fichier : le module visé, sa ligne, et s'il est écrit dans une fonction."""

    fichier: str
    source: str
    cible: str
    ligne: int
    dans_fonction: bool
    via: str = ""  # le sous-module nommé, quand `cible` est son paquet (dont le __init__ s'exécute)


def _est_type_checking(noeud: ast.If) -> bool:
    test = noeud.test
    return (isinstance(test, ast.Name) and test.id == "TYPE_CHECKING") or (
        isinstance(test, ast.Attribute) and test.attr == "TYPE_CHECKING"
    )


def _noeuds_import(arbre: ast.Module):
    """(nœud, dans_fonction) pour chaque import exécuté (les blocs `if TYPE_CHECKING:` exclus)."""

    def visiter(noeud, dans_fonction):
        for enfant in ast.iter_child_nodes(noeud):
            if isinstance(enfant, ast.If) and _est_type_checking(enfant):
                for autre in enfant.orelse:
                    yield from visiter_un(autre, dans_fonction)
                continue
            yield from visiter_un(enfant, dans_fonction)

    def visiter_un(noeud, dans_fonction):
        if isinstance(noeud, ast.Import | ast.ImportFrom):
            yield noeud, dans_fonction
        fonction = isinstance(noeud, ast.FunctionDef | ast.AsyncFunctionDef | ast.Lambda)
        yield from visiter(noeud, dans_fonction or fonction)

    yield from visiter(arbre, False)


def imports_de(chemin: Path, connus: set[str], racine: Path = RACINE) -> list[Import]:
    """Les imports de `chemin` vers d'autres modules de `connus` (les modules de vigie/ et models/).

    `from a.b import c` vise `a.b.c` quand c'est un module, sinon `a.b`. Importer `a.b.c` depuis
    l'extérieur du paquet `a.b` exécute aussi `a/b/__init__.py` (et `a/__init__.py`) : ces paquets
    parents sont des cibles eux aussi (`via` dit quel sous-module était nommé). Depuis l'intérieur
    du paquet, ils ne comptent pas : le paquet est déjà en cours d'import.
    """
    source = nom_module(chemin, racine)
    paquet = source if chemin.name == "__init__.py" else source.rpartition(".")[0]
    trouves = []
    for noeud, dans_fonction in _noeuds_import(_arbre(chemin)):
        cibles = []
        if isinstance(noeud, ast.Import):
            cibles = [alias.name for alias in noeud.names]
        else:
            base = noeud.module or ""
            if noeud.level:
                parties = paquet.split(".")
                ancre = ".".join(parties[: len(parties) - noeud.level + 1])
                base = f"{ancre}.{base}" if base else ancre
            for alias in noeud.names:
                sous = f"{base}.{alias.name}"
                cibles.append(sous if sous in connus else base)
        for cible in cibles:
            # `import a.b.c` où seul `a.b` est un module connu : viser le plus long préfixe connu.
            while cible and cible not in connus:
                cible = cible.rpartition(".")[0]
            if not cible or cible == source:
                continue
            fichier = relatif(chemin, racine)
            trouves.append(Import(fichier, source, cible, noeud.lineno, dans_fonction))
            parent = cible.rpartition(".")[0]
            while parent:
                dedans = source == parent or source.startswith(parent + ".")
                if parent in connus and not dedans:
                    trouves.append(
                        Import(fichier, source, parent, noeud.lineno, dans_fonction, via=cible)
                    )
                parent = parent.rpartition(".")[0]
    return trouves


def graphe_imports(racine: Path = RACINE) -> dict[str, list[Import]]:
    """Module -> ses imports vers les autres modules de vigie/ et models/."""
    fichiers = fichiers_python(racine)
    connus = {nom_module(p, racine) for p in fichiers}
    return {nom_module(p, racine): imports_de(p, connus, racine) for p in fichiers}


def cycles(graphe: dict[str, list[Import]]) -> list[list[Import]]:
    """Un cycle représentatif (la suite des imports qui le ferment) par composante fortement
    connexe de plus d'un module (algorithme de Tarjan, itératif)."""
    voisins = {m: sorted({i.cible for i in imports}) for m, imports in graphe.items()}
    index, bas, pile, sur_pile, composantes = {}, {}, [], set(), []
    compteur = 0
    for depart in sorted(voisins):
        if depart in index:
            continue
        travail = [(depart, iter(voisins[depart]))]
        index[depart] = bas[depart] = compteur
        compteur += 1
        pile.append(depart)
        sur_pile.add(depart)
        while travail:
            noeud, suite = travail[-1]
            for voisin in suite:
                if voisin not in voisins:
                    continue
                if voisin not in index:
                    index[voisin] = bas[voisin] = compteur
                    compteur += 1
                    pile.append(voisin)
                    sur_pile.add(voisin)
                    travail.append((voisin, iter(voisins[voisin])))
                    break
                if voisin in sur_pile:
                    bas[noeud] = min(bas[noeud], index[voisin])
            else:
                travail.pop()
                if travail:
                    bas[travail[-1][0]] = min(bas[travail[-1][0]], bas[noeud])
                if bas[noeud] == index[noeud]:
                    composante = []
                    while True:
                        m = pile.pop()
                        sur_pile.discard(m)
                        composante.append(m)
                        if m == noeud:
                            break
                    if len(composante) > 1:
                        composantes.append(set(composante))
    return [_un_cycle(graphe, c) for c in sorted(composantes, key=min)]


def _un_cycle(graphe: dict[str, list[Import]], composante: set[str]) -> list[Import]:
    """Le plus court cycle passant par le plus petit module de la composante (parcours en largeur)."""
    depart = min(composante)
    precedent: dict[str, Import] = {}
    file = [depart]
    while file:
        suivante = []
        for m in file:
            for imp in sorted(graphe[m], key=lambda i: (i.cible, i.ligne)):
                if imp.cible not in composante:
                    continue
                if imp.cible == depart:
                    chemin = [imp]
                    while chemin[0].source != depart:
                        chemin.insert(0, precedent[chemin[0].source])
                    return chemin
                if imp.cible not in precedent:
                    precedent[imp.cible] = imp
                    suivante.append(imp.cible)
        file = suivante
    raise AssertionError(f"composante sans cycle : {sorted(composante)}")


def decrire_cycle(cycle: list[Import]) -> str:
    etapes = [
        f"{i.source} → {i.cible} ({i.fichier}, ligne {i.ligne}"
        + (", dans une fonction" if i.dans_fonction else "")
        + (f", en important {i.via} : le __init__ du paquet s'exécute" if i.via else "")
        + ")"
        for i in cycle
    ]
    return "cycle : " + " ; ".join(etapes)


def _est_docstring(parent: ast.AST, noeud: ast.AST) -> bool:
    """`noeud` est-il la docstring (première expression chaîne) de `parent` ?"""
    if not isinstance(parent, ast.Module | ast.ClassDef | ast.FunctionDef | ast.AsyncFunctionDef):
        return False
    return (
        bool(parent.body)
        and parent.body[0] is noeud
        and isinstance(noeud, ast.Expr)
        and isinstance(noeud.value, ast.Constant)
        and isinstance(noeud.value.value, str)
    )


def _texte_de(noeud: ast.AST) -> str | None:
    """Le texte d'une constante chaîne, ou d'une f-chaîne avec `{}` à la place des valeurs."""
    if isinstance(noeud, ast.Constant) and isinstance(noeud.value, str):
        return noeud.value
    if isinstance(noeud, ast.JoinedStr):
        return "".join(v.value if isinstance(v, ast.Constant) else "{}" for v in noeud.values)
    return None


@dataclass(frozen=True)
class TexteSql:
    """Un texte SQL écrit dans un fichier Python : où, dans quelle fonction, et son début."""

    fichier: str
    ligne: int
    fonction: str
    debut: str


def textes_sql(chemin: Path, racine: Path = RACINE) -> list[TexteSql]:
    """Les chaînes (et f-chaînes) de `chemin` qui contiennent du SQL, docstrings exclues."""
    arbre = _arbre(chemin)
    trouves = []

    def visiter(noeud, fonction):
        for enfant in ast.iter_child_nodes(noeud):
            if _est_docstring(noeud, enfant):
                continue
            texte = _texte_de(enfant)
            if texte is not None:
                if SQL_DANS_TEXTE.search(_CITATION.sub(" ", texte)):
                    debut = " ".join(texte.split())[:60]
                    trouves.append(
                        TexteSql(relatif(chemin, racine), enfant.lineno, fonction, debut)
                    )
                continue  # les morceaux d'une f-chaîne ne sont pas relus un à un
            nom = fonction
            if isinstance(enfant, ast.FunctionDef | ast.AsyncFunctionDef | ast.ClassDef):
                nom = f"{fonction}.{enfant.name}" if fonction else enfant.name
            visiter(enfant, nom)

    visiter(arbre, "")
    return trouves


def imports_externes(chemin: Path) -> list[tuple[str, int]]:
    """(premier nom du module, ligne) de chaque import de `chemin`, TYPE_CHECKING exclu."""
    vus = []
    for noeud, _ in _noeuds_import(_arbre(chemin)):
        if isinstance(noeud, ast.Import):
            vus += [(a.name.split(".")[0], noeud.lineno) for a in noeud.names]
        elif noeud.module and not noeud.level:
            vus.append((noeud.module.split(".")[0], noeud.lineno))
    return vus


def dans_stockage(chemin: Path) -> bool:
    return relatif(chemin).startswith("vigie/stockage/")


# ------------------------------------------------------------------------------------------------
# Les règles


MODELES = sorted((RACINE / "models").rglob("*.py"))


@pytest.mark.parametrize("chemin", MODELES, ids=[relatif(p) for p in MODELES])
def test_models_sans_streamlit_ni_duckdb(chemin):
    interdits = [
        f"ligne {ligne} : import {nom}"
        for nom, ligne in imports_externes(chemin)
        if nom in {"streamlit", "duckdb", "vigie"}
    ]
    assert not interdits, f"{relatif(chemin)} (models/ est du calcul pur) : " + ", ".join(interdits)


def test_aucun_cycle_d_imports():
    trouves = cycles(graphe_imports())
    assert not trouves, (
        f"{len(trouves)} cycle(s) d'imports entre modules de vigie/ et models/ (les imports dans "
        "une fonction comptent : ils ne doivent pas cacher un cycle). Coupez une flèche de chaque "
        "cycle (déplacer le code partagé vers l'aile du dessous) :\n"
        + "\n".join(decrire_cycle(c) for c in trouves)
    )


# Les seuls imports internes (vigie/, models/) admis dans une fonction : (fichier, module visé) ->
# pourquoi. Un import dans une fonction ne doit pas cacher un cycle (le test ci-dessus les compte) ;
# il n'est admis que pour une raison dite ici (un import lourd retardé pour le démarrage, mesuré).
IMPORTS_DANS_FONCTION_PERMIS: dict[tuple[str, str], str] = {}


def test_pas_d_import_interne_dans_une_fonction():
    graphe = graphe_imports()
    trouves = sorted(
        {
            (i.fichier, i.cible, i.ligne)
            for imports in graphe.values()
            for i in imports
            if i.dans_fonction and not i.via
        }
    )
    hors_liste = [t for t in trouves if t[:2] not in IMPORTS_DANS_FONCTION_PERMIS]
    assert not hors_liste, (
        "Import interne écrit dans une fonction : mettez-le en tête du module. S'il cachait un "
        "cycle, déplacez le code partagé vers l'aile du dessous ; s'il retarde un import lourd "
        "pour le démarrage, ajoutez-le à IMPORTS_DANS_FONCTION_PERMIS avec la mesure qui le "
        "justifie :\n" + "\n".join(f"{f} ligne {n} importe {c}" for f, c, n in hors_liste)
    )


def test_imports_dans_fonction_permis_encore_utiles():
    """Une entrée de `IMPORTS_DANS_FONCTION_PERMIS` dont l'import a quitté le code la quitte."""
    assert all(len(pourquoi) > 20 for pourquoi in IMPORTS_DANS_FONCTION_PERMIS.values())
    presents = {
        (i.fichier, i.cible)
        for imports in graphe_imports().values()
        for i in imports
        if i.dans_fonction and not i.via
    }
    assert sorted(set(IMPORTS_DANS_FONCTION_PERMIS) - presents) == []


def test_l_alimentation_n_importe_pas_les_reglages():
    """Les réglages appellent l'alimentation (un territoire enregistré est écrit dans la base
    construite) ; l'inverse fermait le cycle importation ↔ territoires (issue 13). L'alimentation
    lit les définitions de l'utilisateur par `vigie.stockage.base_utilisateur`."""
    remontees = [
        f"{i.fichier} ligne {i.ligne} importe {i.cible}"
        for source, imports in sorted(graphe_imports().items())
        if source.startswith("vigie.alimentation")
        for i in imports
        if i.cible.startswith("vigie.reglages")
    ]
    assert not remontees, "\n".join(remontees)


# Les ailes du bas et celles qu'elles ne lisent pas : elles servent les ailes d'affichage, qui les
# appellent. Le registre des services, lu par la construction, l'import de la BPE et les prévisions,
# est donc dans le stockage (vigie/stockage/catalogue_services.py), pas dans les analyses.
AILES_DU_DESSUS = ("analyses", "figures", "exports", "interface", "commandes")
AILES_DU_BAS = {
    "vigie.stockage": (*AILES_DU_DESSUS, "reglages", "alimentation"),
    "vigie.alimentation": AILES_DU_DESSUS,
}


def test_les_ailes_du_bas_ne_lisent_pas_celles_du_dessus():
    remontees = [
        f"{i.fichier} ligne {i.ligne} importe {i.cible}"
        for source, imports in sorted(graphe_imports().items())
        for aile, interdites in AILES_DU_BAS.items()
        if source == aile or source.startswith(aile + ".")
        for i in imports
        if any(i.cible == f"vigie.{a}" or i.cible.startswith(f"vigie.{a}.") for a in interdites)
    ]
    assert not remontees, (
        "Une aile du bas importe une aile qui l'appelle : descendez le code partagé dans "
        "l'aile du bas.\n" + "\n".join(remontees)
    )


def test_rien_ne_remonte_vers_la_ligne_de_commande():
    graphe = graphe_imports()
    remontees = [
        f"{i.fichier} ligne {i.ligne} importe vigie.cli"
        for source, imports in sorted(graphe.items())
        if source not in {"vigie.__main__", "vigie.cli"}
        for i in imports
        if i.cible == "vigie.cli"
    ]
    assert not remontees, (
        "Seul vigie/__main__.py importe vigie.cli ; une commande appelle son aile :\n"
        + "\n".join(remontees)
    )


def test_duckdb_seulement_dans_le_stockage():
    hors = [
        f"{relatif(p)} ligne {ligne}"
        for p in fichiers_du_produit()
        if not dans_stockage(p)
        for nom, ligne in imports_externes(p)
        if nom == "duckdb"
    ]
    assert not hors, (
        "`import duckdb` hors de vigie/stockage/ : passer par `from vigie.stockage import base` "
        "(base.ouvrir, base.Connexion, base.ErreurBase) :\n" + "\n".join(hors)
    )


DOSSIERS_SQL = {"DOSSIER_SQL", "DOSSIER_SCHEMA", "DOSSIER_CHARGEMENT", "DOSSIER_REQUETES"}


def lectures_de_fichiers_sql(chemin: Path) -> list[int]:
    """Lignes où `chemin` désigne un dossier de sql/ (`chemins.DOSSIER_SQL`...) ou un nom en `.sql`
    : lire un fichier SQL soi-même au lieu de passer par `vigie.stockage.base`."""
    trouves = []
    for noeud in ast.walk(_arbre(chemin)):
        if isinstance(noeud, ast.Attribute) and noeud.attr in DOSSIERS_SQL:
            trouves.append(noeud.lineno)
        elif isinstance(noeud, ast.Name) and noeud.id in DOSSIERS_SQL:
            trouves.append(noeud.lineno)
        elif (texte := _texte_de(noeud)) is not None and re.search(r"\w\.sql$", texte):
            trouves.append(noeud.lineno)
    return sorted(set(trouves))


def test_les_fichiers_sql_ne_sont_lus_que_par_le_stockage():
    hors = [
        f"{relatif(p)} ligne {ligne}"
        for p in fichiers_du_produit()
        if not dans_stockage(p) and relatif(p) != "vigie/chemins.py"
        for ligne in lectures_de_fichiers_sql(p)
    ]
    assert not hors, (
        'Un fichier de sql/ lu hors de vigie/stockage/ : passer par base.texte_sql("dossier/nom"), '
        'base.noms_sql("schema"), base.executer ou base.requete :\n' + "\n".join(hors)
    )


def test_liste_des_sql_permis_courte_et_justifiee():
    assert len(SQL_PERMIS) <= 5
    assert all(len(pourquoi) > 20 for pourquoi in SQL_PERMIS.values())


def test_pas_de_sql_en_python_hors_du_stockage():
    restes = defaultdict(list)
    for p in fichiers_du_produit():
        if dans_stockage(p):
            continue
        for t in textes_sql(p):
            restes[(t.fichier, t.fonction)].append(t)
    hors_liste = [
        t for cle, textes in sorted(restes.items()) if cle not in SQL_PERMIS for t in textes
    ]
    # une entrée permise vaut un texte : un second texte dans la même fonction est un oubli
    en_trop = [t for cle, textes in sorted(restes.items()) if cle in SQL_PERMIS for t in textes[1:]]
    fautes = hors_liste + en_trop
    par_fichier = defaultdict(int)
    for t in fautes:
        par_fichier[t.fichier] += 1
    assert not fautes, (
        f"{len(fautes)} texte(s) SQL en Python hors de vigie/stockage/, dans {len(par_fichier)} "
        "fichier(s) : mettez-les dans sql/ (sql/queries/, sql/load/, sql/utilisateur/...) et "
        "lancez-les par base.texte_sql / base.executer / base.requete.\n"
        + "\n".join(f"  {f} : {n}" for f, n in sorted(par_fichier.items()))
        + "\n"
        + "\n".join(
            f"{t.fichier}:{t.ligne} ({t.fonction or 'module'}) « {t.debut} »" for t in fautes
        )
    )


def test_sql_permis_encore_utiles():
    """Une entrée de `SQL_PERMIS` dont le texte a quitté le code doit quitter la liste."""
    presents = {
        (t.fichier, t.fonction)
        for p in fichiers_du_produit()
        if not dans_stockage(p)
        for t in textes_sql(p)
    }
    assert sorted(set(SQL_PERMIS) - presents) == []


@pytest.mark.parametrize("chemin", pages(), ids=lambda p: p.name)
def test_pages_sans_sql_ni_models(chemin):
    arbre = _arbre(chemin)
    assert ast.get_docstring(arbre), f"{chemin.name} : docstring de module manquante"
    sql = [f"ligne {t.ligne} « {t.debut} »" for t in textes_sql(chemin)]
    assert not sql, f"SQL dans pages/{chemin.name} : " + ", ".join(sql)
    interdits = [
        f"ligne {ligne} : import {nom}"
        for nom, ligne in imports_externes(chemin)
        if nom in {"duckdb", "models"}
    ]
    assert not interdits, (
        f"pages/{chemin.name} appelle vigie/, jamais models/ ni duckdb : " + ", ".join(interdits)
    )


def test_dashboard_n_appelle_pas_models():
    chemin = RACINE / "dashboard.py"
    interdits = [ligne for nom, ligne in imports_externes(chemin) if nom in {"duckdb", "models"}]
    assert not interdits, f"dashboard.py importe models/ ou duckdb, lignes {interdits}"


def lignes(chemin: Path) -> int:
    return len(chemin.read_text(encoding="utf-8").splitlines())


def test_pages_courtes():
    """Issue 13 : une page est un fil de composants de vigie/interface (pages/scenarios.py en avait
    817 lignes) ; au-delà de la limite, la logique va dans une aile."""
    longues = {p.name: lignes(p) for p in pages() if lignes(p) > LIGNES_MAX_PAGE}
    assert not longues, f"pages de plus de {LIGNES_MAX_PAGE} lignes : {longues}"


def test_chaque_module_a_une_docstring():
    sans = [
        relatif(p)
        for p in fichiers_python()
        if p.stat().st_size and not ast.get_docstring(_arbre(p))
    ]
    assert sans == []


# ------------------------------------------------------------------------------------------------
# Les outils de mesure sont eux-mêmes vérifiés sur de petits exemples


def _paquet(tmp_path: Path, fichiers: dict[str, str]) -> dict[str, list[Import]]:
    for nom, texte in fichiers.items():
        chemin = tmp_path / nom
        chemin.parent.mkdir(parents=True, exist_ok=True)
        chemin.write_text(texte, encoding="utf-8")
    chemins = sorted(tmp_path.rglob("*.py"))
    connus = {nom_module(p, tmp_path) for p in chemins}
    return {nom_module(p, tmp_path): imports_de(p, connus, tmp_path) for p in chemins}


# Deux cycles qu'un import cache : écrit dans une fonction, ou passé par le __init__ d'un paquet
# importé de l'extérieur. (fichiers, étapes attendues (source, cible, dans_fonction, via), mention
# attendue dans le message.)
CYCLES_CACHES = {
    "import_dans_une_fonction": (
        {
            "p/__init__.py": "",
            "p/a.py": "from p import b\n",
            "p/b.py": "def f():\n    from . import a\n    return a\n",
            "p/c.py": "import p.a\n",
        },
        [("p.a", "p.b", False, ""), ("p.b", "p.a", True, "")],
        "dans une fonction",
    ),
    "init_d_un_paquet": (
        {
            "p/__init__.py": "from p.a import x\n",
            "p/a.py": "from q import b\nx = 1\n",
            "p/g.py": "y = 2\n",
            "q/__init__.py": "",
            "q/b.py": "from p.g import y\n",
        },
        [("p", "p.a", False, ""), ("p.a", "q.b", False, ""), ("q.b", "p", False, "p.g")],
        "en important p.g",
    ),
}


@pytest.mark.parametrize("cas", CYCLES_CACHES)
def test_un_cycle_cache_par_un_import_est_vu(tmp_path, cas):
    fichiers, etapes, mention = CYCLES_CACHES[cas]
    (cycle,) = cycles(_paquet(tmp_path, fichiers))
    assert [(i.source, i.cible, i.dans_fonction, i.via) for i in cycle] == etapes
    assert mention in decrire_cycle(cycle)


def test_sans_cycle_rien_n_est_signale(tmp_path):
    graphe = _paquet(
        tmp_path,
        {
            "p/__init__.py": "from p.a import x\n",
            "p/a.py": "from typing import TYPE_CHECKING\nif TYPE_CHECKING:\n    from p import b\nx = 1\n",
            "p/b.py": "from .a import x\n",
        },
    )
    assert cycles(graphe) == []


def test_les_textes_sql_sont_reperes(tmp_path):
    chemin = tmp_path / "m.py"
    chemin.write_text(
        '"""Docstring : select x from t ne compte pas."""\n'
        "def f(con, table):\n"
        '    con.execute(f"delete from {table} where id = ?", [1])\n'
        '    return "Sélectionnez une commune dans la liste"\n'
        '    raise ValueError("ajoutez « create or replace view v as select 1 from t »")\n'
        "class C:\n"
        "    def g(self):\n"
        "        return ('select a,\\n'\n                ' b from t')\n",
        encoding="utf-8",
    )
    trouves = textes_sql(chemin, tmp_path)
    assert [(t.ligne, t.fonction) for t in trouves] == [(3, "f"), (8, "C.g")]

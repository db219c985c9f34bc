"""Sécurité (issue 10) : le serveur n'écoute que sur 127.0.0.1, n'envoie aucune télémétrie, ne fait
aucune requête hors de la machine pendant toute une session (chaque page, dans Chromium), borne les
envois de fichiers en taille et en type, et ne rend rien des données en HTML ou en Markdown."""

from __future__ import annotations

import ast
import shutil
import tomllib
from urllib.parse import urlparse

import duckdb
import pytest

from tests.conftest import RACINE
from tests.e2e.navigateur import (
    attendre_calme,
    serveur_streamlit,
    serveur_vigie,
)

CONFIG = tomllib.loads((RACINE / ".streamlit" / "config.toml").read_text(encoding="utf-8"))
PAGES = ["", "population", "services", "frequentation", "carte", "comparer", "donnees", "sources",
         "import_donnees", "presentation", "scenarios", "exports"]  # fmt: skip
# Un nom de commune qui exécuterait un script s'il était rendu en HTML, et irait chercher hors de
# la machine s'il était rendu en Markdown.
NOM_PIEGE = "<img src=x onerror=alert(1)> ![pixel](http://198.51.100.7/p.png) **gras**"


def test_configuration_locale_sans_telemetrie():
    assert CONFIG["server"]["address"] == "127.0.0.1"
    assert CONFIG["browser"]["gatherUsageStats"] is False
    assert 0 < CONFIG["server"]["maxUploadSize"] <= 200  # Mo
    assert CONFIG["server"]["enableXsrfProtection"] is True


@pytest.mark.slow
def test_serve_ecoute_seulement_sur_127_0_0_1(base_demo, tmp_path):
    psutil = pytest.importorskip("psutil")
    env = {"VIGIE_BASE": str(base_demo), "VIGIE_BASE_UTILISATEUR": str(tmp_path / "u.duckdb")}
    # Sans --server.address : c'est le défaut de `python -m vigie serve` (le fichier de config) qui
    # est testé.
    with serveur_vigie(env, adresse=False) as (url, serveur):
        ecoutes = [
            c.laddr
            for c in psutil.Process(serveur.pid).net_connections(kind="inet")
            if c.status == psutil.CONN_LISTEN
        ]
        assert ecoutes and {a.ip for a in ecoutes} == {"127.0.0.1"}, ecoutes
        assert {a.port for a in ecoutes} == {urlparse(url).port}


def _appels(nom_module: str) -> list[ast.Call]:
    appels = []
    for chemin in [RACINE / "dashboard.py", *(RACINE / "pages").glob("*.py"),
                   *(RACINE / "vigie").rglob("*.py")]:  # fmt: skip
        for noeud in ast.walk(ast.parse(chemin.read_text(encoding="utf-8"))):
            if isinstance(noeud, ast.Call):
                f = noeud.func
                nom = f.attr if isinstance(f, ast.Attribute) else getattr(f, "id", "")
                if nom == nom_module:
                    appels.append((chemin.relative_to(RACINE), noeud))
    return appels


def test_televersements_bornes_en_type():
    appels = _appels("file_uploader")
    assert appels, "aucun téléversement trouvé : mettre à jour ce test"
    for chemin, appel in appels:
        types = {k.arg: k.value for k in appel.keywords}.get("type")
        assert isinstance(types, ast.List) and types.elts, f"{chemin} : file_uploader sans type="


def _constantes_du_module(chemin) -> set[str]:
    """Les noms que le module affecte une seule fois, au niveau du module, à un texte constant
    (une feuille de style `STYLE = "<style>..."`)."""
    arbre = ast.parse((RACINE / chemin).read_text(encoding="utf-8"))
    affectations: dict[str, int] = {}
    for noeud in ast.walk(arbre):
        if isinstance(noeud, ast.Assign):
            for cible in noeud.targets:
                if isinstance(cible, ast.Name):
                    affectations[cible.id] = affectations.get(cible.id, 0) + 1
    constantes = {
        cible.id
        for noeud in arbre.body
        if isinstance(noeud, ast.Assign) and isinstance(noeud.value, ast.Constant)
        for cible in noeud.targets
        if isinstance(cible, ast.Name)
    }
    return {nom for nom in constantes if affectations[nom] == 1}


def _html_sur(argument: ast.expr, constantes: set[str] = frozenset()) -> bool:
    """Du HTML brut est sûr quand c'est une constante (CSS statique, mise en page), une constante de
    module affectée une fois à un littéral, ou une f-string dont chaque valeur interpolée passe par
    html.escape (du texte qui peut venir des données)."""
    if isinstance(argument, ast.Constant):
        return True
    if isinstance(argument, ast.Name):
        return argument.id in constantes
    if isinstance(argument, ast.JoinedStr):
        return all(
            isinstance(v, ast.FormattedValue)
            and isinstance(v.value, ast.Call)
            and isinstance(v.value.func, ast.Attribute)
            and v.value.func.attr == "escape"
            for v in argument.values
            if not isinstance(v, ast.Constant)
        )
    return False


# HTML construit autrement que d'une constante ou de texte échappé, chacun avec sa raison.
HTML_PERMIS = {
    # Le numéro d'écran est un entier (indice + 1) : rien qui vienne des données.
    (
        "vigie/interface/presentation.py",
        "_SCRIPT.replace('__ECRAN__', json.dumps(str(indice + 1)))",
    ),
}


def test_aucun_html_brut():
    """Rien des données n'est rendu en HTML brut : chaque appel à st.html et chaque markdown en
    unsafe_allow_html ne prend qu'une constante ou du texte échappé."""
    for chemin, appel in _appels("html"):
        if isinstance(appel.func, ast.Attribute) and getattr(appel.func.value, "id", "") == "st":
            if (str(chemin), ast.unparse(appel.args[0])) in HTML_PERMIS:
                continue
            assert appel.args and _html_sur(appel.args[0], _constantes_du_module(chemin)), (
                f"{chemin}:{appel.lineno} st.html"
            )
    for chemin, appel in _appels("markdown") + _appels("write") + _appels("caption"):
        if any(k.arg == "unsafe_allow_html" for k in appel.keywords):
            assert appel.args and _html_sur(appel.args[0]), (
                f"{chemin}:{appel.lineno} unsafe_allow_html avec un texte non échappé"
            )


def _hote_reseau(url: str) -> str | None:
    """L'hôte auquel va une requête ; None pour ce qui ne quitte jamais la page (data:, blob:)."""
    morceaux = urlparse(url)
    if morceaux.scheme in ("data", "blob", "about"):
        return None
    return morceaux.hostname or f"? {url[:60]}"


@pytest.fixture(scope="module")
def base_piegee(base_demo, tmp_path_factory):
    """La base de démonstration avec la commune 00001 renommée en piège à script et à Markdown."""
    chemin = tmp_path_factory.mktemp("piege") / "vigie.duckdb"
    shutil.copyfile(base_demo, chemin)
    con = duckdb.connect(str(chemin))
    con.execute("update commune set nom_commune = ? where code_commune = '00001'", [NOM_PIEGE])
    con.execute("checkpoint")
    con.close()
    return chemin


@pytest.mark.slow
@pytest.mark.browser
def test_session_complete_locale_et_nom_affiche_comme_texte(base_piegee, chromium, tmp_path):
    hotes, dialogues, erreurs = set(), [], []
    with serveur_streamlit(base_piegee, tmp_path) as url:
        page = chromium.new_page(viewport={"width": 1400, "height": 2000})
        page.on("request", lambda r: hotes.add(_hote_reseau(r.url)))
        page.on("websocket", lambda w: hotes.add(_hote_reseau(w.url)))
        page.on("dialog", lambda d: (dialogues.append(d.message), d.dismiss()))
        page.on("pageerror", lambda e: erreurs.append(str(e)))
        for chemin_page in PAGES:
            page.goto(f"{url}/{chemin_page}?niveau=commune&code=00001&horizon=2040")
            attendre_calme(page)  # script de la page fini : tout ce qu'elle montre est là
            texte = page.inner_text("[data-testid='stMain']")
            assert "Traceback" not in texte, chemin_page
            assert page.locator("img[src='x']").count() == 0, chemin_page
            assert page.locator("img[src*='198.51.100.7']").count() == 0, chemin_page
            if chemin_page in ("", "population", "comparer"):
                assert "<img src=x onerror=alert(1)>" in texte, chemin_page
    assert not dialogues, dialogues
    assert hotes - {None} <= {"127.0.0.1", "localhost"}, f"requêtes hors de la machine : {hotes}"
    assert not erreurs, erreurs

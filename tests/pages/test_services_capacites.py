"""Capacités modifiables dans l'application (issue 15, point 2) : le tableau de la page Services
corrige une capacité, ajoute un équipement, refuse en français ce qui ne va pas ; les saisies sont
gardées dans la base de l'utilisateur, survivent à une reconstruction et se retrouvent dans le
PDF et le classeur, avec la source « Saisie locale » datée ; la valeur importée reste la base."""

from __future__ import annotations

import io
import re

import openpyxl
import pytest
from pypdf import PdfReader

from tests.conftest import lancer_app, lire
from vigie.format_fr import arrondi, nombre
from vigie.reglages import capacites
from vigie.stockage import lecture

PAGE = "pages/services.py"
CLE = "services_capacites_commune_00001_petite_enfance"


def _capacite(chemin, identifiant: str) -> tuple:
    return lire(
        chemin,
        "select equipement.capacite, equipement.annee_fermeture, source.editeur, "
        "source.millesime from equipement join source using (id_source) "
        "where id_equipement = ?",
        identifiant,
    )[0]


def _creche(chemin) -> tuple[str, float]:
    """La première crèche de la commune 00001 dans la base (identifiant, capacité importée)."""
    return lire(
        chemin,
        "select id_equipement, capacite from equipement where code_commune = '00001' "
        "and service = 'petite_enfance' order by nom limit 1",
    )[0]


def test_saisies_refusees_en_francais_et_rien_d_ecrit(base_copie):
    identifiant, _ = _creche(base_copie)
    avant = base_copie.stat().st_mtime_ns
    with pytest.raises(capacites.ErreurCapacite) as erreur:
        capacites.enregistrer(
            [
                capacites.Saisie(
                    None, "Crèche des Lutins", "petite_enfance", "99999", -30, "places"
                ),
                capacites.Saisie(
                    identifiant,
                    "Crèche",
                    "petite_enfance",
                    "00001",
                    40,
                    "places",
                    2030,
                    2020,
                    ligne=1,
                ),
            ]
        )
    messages = erreur.value.erreurs
    assert messages == [
        "Équipement (« Crèche des Lutins »), colonne « Commune » : commune « 99999 » inconnue "
        "dans la géographie de la base. Choisissez une commune du périmètre, ou importez le COG "
        "qui la contient.",
        "Équipement (« Crèche des Lutins »), colonne « Capacité » : capacité négative (−30). "
        "Saisissez un nombre de places, de lits ou de classes positif ou nul.",
        "Ligne 1 (« Crèche »), colonne « Fermeture » : fermeture en 2020, avant ou l'année de "
        "l'ouverture (2030). L'année de fermeture est la première année sans l'équipement : elle "
        "suit l'ouverture.",
    ]
    assert capacites.lire().empty
    assert base_copie.stat().st_mtime_ns == avant


def test_reconstruction_garde_les_saisies_et_la_valeur_importee(base_copie, tmp_path):
    from vigie.alimentation import construction

    identifiant, importee = _creche(base_copie)
    capacites.enregistrer(
        [
            capacites.Saisie(
                identifiant, "Crèche corrigée", "petite_enfance", "00001", 12, "places"
            ),
            capacites.Saisie(
                None, "Crèche des Lutins", "petite_enfance", "00001", 30, "places", 2027
            ),
        ]
    )
    capacite, fermeture, editeur, millesime = _capacite(base_copie, identifiant)
    assert (capacite, editeur) == (12, "Saisie locale")
    assert re.fullmatch(r"saisie du \d\d/\d\d/\d{4}", millesime)
    assert lire(base_copie, "select capacite from equipement_importe")[0][0] == importee

    reconstruite = tmp_path / "reconstruite.duckdb"
    construction.construire(chemin=reconstruite, projeter=False)
    assert _capacite(reconstruite, identifiant)[:3] == (12, None, "Saisie locale")
    ajoutees = lire(
        reconstruite,
        "select nom, capacite, unite_capacite, annee_ouverture from equipement "
        "join source using (id_source) where source.origine = 'saisie' and nom like '%Lutins'",
    )
    assert ajoutees == [("Crèche des Lutins", 30.0, "places", 2027)]
    # Annuler ramène la valeur importée ; la crèche ajoutée disparaît.
    ajoute = capacites.lire().query("ajoute")["id_equipement"].tolist()
    capacites.annuler([identifiant, *ajoute])
    assert _capacite(base_copie, identifiant)[0] == importee
    assert lire(base_copie, "select count(*) from source where origine = 'saisie'") == [(0,)]
    assert lire(base_copie, "select count(*) from equipement_importe") == [(0,)]


def test_tableau_de_la_page(base_copie_projetee):
    app = lancer_app(PAGE, niveau="commune", code="00001")
    app.selectbox(key="services_service").set_value("petite_enfance").run()
    editeur = app.data_editor(key=CLE)
    assert list(editeur.value.columns)[:7] == [
        "nom",
        "service",
        "commune",
        "capacite",
        "unite_capacite",
        "annee_ouverture",
        "annee_fermeture",
    ]
    lignes = len(editeur.value)
    identifiant, importee = _creche(base_copie_projetee)

    # Une capacité négative : refusée en français, rien d'écrit.
    ajout = {"nom": "Crèche des Lutins", "commune": "Porz-Vihan (00001)", "capacite": -30}
    app.session_state[CLE] = {"edited_rows": {}, "added_rows": [ajout], "deleted_rows": []}
    app.button(key=f"{CLE}_enregistrer").click().run()
    assert not app.exception
    assert [e.value for e in app.error] == [
        f"Ligne {lignes + 1} (« Crèche des Lutins »), colonne « Capacité » : capacité négative "
        "(−30). Saisissez un nombre de places, de lits ou de classes positif ou nul."
    ]
    assert capacites.lire().empty

    # Une crèche de 30 places (service et unité tirés du service affiché), une capacité corrigée.
    app.session_state[CLE] = {
        "edited_rows": {0: {"capacite": 25}},
        "added_rows": [ajout | {"capacite": 30, "annee_ouverture": 2027}],
        "deleted_rows": [],
    }
    app.button(key=f"{CLE}_enregistrer").click().run()
    assert not app.exception and not app.error
    assert "Capacités enregistrées (2 équipements)" in app.success[0].value
    table = app.data_editor(key=CLE).value
    assert len(table) == lignes + 1
    lutins = table[table["nom"] == "Crèche des Lutins"].iloc[0]
    assert (lutins["capacite"], lutins["unite_capacite"]) == (30, "places")
    assert lutins["origine"].startswith("Saisie locale du ")
    corrigee = table[table["capacite"] == 25].iloc[0]
    assert f"importé : {nombre(importee)} places" in corrigee["origine"]
    assert _capacite(base_copie_projetee, identifiant)[0] == 25

    # Un équipement importé est fermé, pas supprimé.
    position = int(table.index[table["capacite"] == 25][0])
    app.session_state[CLE] = {"edited_rows": {}, "added_rows": [], "deleted_rows": [position]}
    app.button(key=f"{CLE}_enregistrer").click().run()
    assert "ne se supprime pas" in app.error[0].value
    assert "Fermeture" in app.error[0].value

    # Retour aux valeurs importées.
    app.multiselect(key=f"{CLE}_annuler_choix").set_value([identifiant]).run()
    app.button(key=f"{CLE}_annuler").click().run()
    assert not app.exception
    assert "valeurs importées rétablies" in app.success[0].value
    assert _capacite(base_copie_projetee, identifiant)[0] == importee


def _ehpad_pays(chemin, annee: int) -> tuple[float, float]:
    """Besoin d'EHPAD du Pays (75 ans et plus × ratio publié) et lits en service en `annee`."""
    ratio, par, age_min, age_max = lire(
        chemin,
        "select ratio, par, age_min, age_max from ratio_demande where service = 'ehpad' and defaut",
    )[0]
    (population,) = lire(
        chemin,
        "select sum(population) from projection_population where scenario = 'central' "
        "and annee = ? and age between ? and ?",
        annee,
        age_min,
        age_max,
    )[0]
    (lits,) = lire(
        chemin,
        "select sum(capacite) from equipement where service = 'ehpad' "
        "and coalesce(annee_ouverture, 0) <= ? and (annee_fermeture is null or annee_fermeture > ?)",
        annee,
        annee,
    )[0]
    return population * ratio / par, lits


def _normal(texte: str) -> str:
    return " ".join(texte.replace("\u202f", " ").replace("\u00a0", " ").split())


def test_pdf_et_classeur_montrent_la_capacite_saisie(base_copie_projetee):
    from vigie.exports import classeur, contenu, pdf

    _, avant = _ehpad_pays(base_copie_projetee, 2030)
    capacites.enregistrer(
        [capacites.Saisie(None, "EHPAD des Tilleuls", "ehpad", "00001", 480, "lits", 2025)]
    )
    besoin, lits = _ehpad_pays(base_copie_projetee, 2030)
    assert lits == avant + 480
    catalogue = lecture.Catalogue(chemin=base_copie_projetee)
    con = catalogue.curseur()
    try:
        dossier = contenu.rassembler(con, "territoire", "PAYSDEMO", 2050, "central")
        texte = _normal(
            " ".join(
                p.extract_text() for p in PdfReader(io.BytesIO(pdf.dossier_pdf(dossier))).pages
            )
        )
        livre = openpyxl.load_workbook(io.BytesIO(classeur.classeur_xlsx(dossier)))
    finally:
        con.close()
        catalogue.con.close()
    ligne = re.escape(_normal(f"EHPAD lits 2030 {nombre(arrondi(besoin))}")) + r" .{0,30}? "
    assert re.search(ligne + re.escape(_normal(nombre(lits))), texte)
    feuille = livre["Équipements"]
    lignes = list(feuille.iter_rows(values_only=True))
    entete = next(i for i, r in enumerate(lignes) if r and "Équipement" in r)
    colonnes = list(lignes[entete])
    tilleuls = [
        r for r in lignes[entete + 1 :] if r[colonnes.index("Équipement")] == "EHPAD des Tilleuls"
    ]
    assert len(tilleuls) == 1
    assert tilleuls[0][colonnes.index("Capacité")] == 480
    assert tilleuls[0][colonnes.index("Source de la capacité")].startswith(
        "Saisie locale (saisie du "
    )


def test_un_import_garde_la_saisie_sur_la_valeur_importee(base_copie, tmp_path):
    """Un modèle de capacités importé après la saisie (ou réimporté avec une autre valeur) : la
    valeur importée change dessous, la saisie de l'utilisateur reste celle qu'on voit."""
    from vigie.alimentation import importation

    def modele(places: int):
        chemin = tmp_path / f"capacites_{places}.csv"
        chemin.write_text(
            "id_equipement;code_commune;service;type_equipement;nom;capacite;unite_capacite\n"
            f"CRECHE-ESSAI;00001;petite_enfance;Multi-accueil;Multi-accueil de la gare;{places};"
            "places\n",
            encoding="utf-8",
        )
        return chemin

    importation.importer([modele(20)])
    capacites.enregistrer(
        [
            capacites.Saisie(
                "CRECHE-ESSAI", "Multi-accueil de la gare", "petite_enfance", "00001", 35, "places"
            )
        ]
    )
    assert _capacite(base_copie, "CRECHE-ESSAI")[0] == 35
    importation.importer([modele(26)])
    assert _capacite(base_copie, "CRECHE-ESSAI")[:3] == (35, None, "Saisie locale")
    assert lire(
        base_copie, "select capacite from equipement_importe where id_equipement = 'CRECHE-ESSAI'"
    ) == [(26.0,)]
    capacites.annuler(["CRECHE-ESSAI"])
    assert _capacite(base_copie, "CRECHE-ESSAI")[0] == 26

"""Les services d'après les fichiers officiels, sur des fixtures aux dispositions publiées
(issue 15) : effectifs de l'Éducation nationale (communes rapprochées du COG par leur nom, celles
qui ne le sont pas signalées), établissements FINESS et leurs capacités installées (deux fichiers,
dans n'importe quel ordre), taux de recours à l'APA de la DREES."""

from __future__ import annotations

import pytest

from tests.conftest import lire
from vigie.alimentation import importation
from vigie.alimentation.importation import formats, rapprochement
from vigie.alimentation.importation.formats import finess

COG_35 = ["v_mvt_commune_2026_extrait_35.csv", "v_commune_2026_extrait_35.csv"]
ECOLES = "fr-en-ecoles-effectifs-nb_classes.csv"
COLLEGES = "fr-en-college-effectifs-niveau-sexe-lv.csv"
FINESS_ET = "etalab-cs1100507-stock-20260512-0336.csv"
FINESS_EQ = "etalab-cs1100505-stock-20260512-0339.csv"
APA = "dataDrees_APA_par_sexe_et_age.xlsx"


def _remarques(rapport, nom):
    return " ".join(r for f in rapport.fichiers if f.nom == nom for r in f.remarques)


@pytest.mark.parametrize(
    ("nom", "cle"),
    [
        (ECOLES, "ecoles_effectifs"),
        (COLLEGES, "colleges_effectifs"),
        (FINESS_ET, "finess_etablissements"),
        (FINESS_EQ, "finess_equipements"),
        (APA, "drees_apa"),
    ],
)
def test_reconnus_par_leur_contenu(fixture, tmp_path, nom, cle):
    copie = tmp_path / "fichier_renomme.dat"
    copie.write_bytes(fixture(nom).read_bytes())
    assert formats.lire(copie, garder=False).format == cle


@pytest.mark.parametrize(
    ("nom", "attendu"),
    [
        ("SAINT-PERE", "ST PERE"),
        ("Saint-Père", "ST PERE"),
        ("TRESBOEUF", "TRESBOEUF"),
        ("Tresbœuf", "TRESBOEUF"),
        ("CHAPELLE-JANSON (LA)", "LA CHAPELLE JANSON"),
        ("La Chapelle-Janson", "LA CHAPELLE JANSON"),
        ("SAINT-AUBIN-D'AUBIGNE", "ST AUBIN D AUBIGNE"),
        ("Sainte-Marie CEDEX 2", "STE MARIE"),
    ],
)
def test_noms_compares(nom, attendu):
    assert rapprochement.normaliser(nom) == attendu


def test_departement_de_l_uai():
    assert rapprochement.departement_uai("0350103X") == "35"
    assert rapprochement.departement_uai("6200001A") == "2A"
    assert rapprochement.departement_uai("9710001A") == "971"


def test_code_commune_finess():
    assert finess.code_commune_finess("35", "360") == "35360"
    assert finess.code_commune_finess("9A", "101") == "97101"
    assert finess.code_commune_finess("2A", "4") == "2A004"


def test_lecture_ecoles_comptes(fixture):
    lot = formats.lire(fixture(ECOLES), garder=False)
    effectifs = lot.tables["effectif_scolaire"]
    ensemble = effectifs[effectifs["niveau"] == "ensemble"]
    # Les comptes relus égalent ceux du fichier : 8 écoles, 10 lignes, total des élèves de chaque
    # rentrée.
    assert ensemble["uai"].nunique() == 8 and len(ensemble) == 10
    assert ensemble.groupby("annee")["eleves"].sum().to_dict() == {2021: 370.0, 2022: 747.0}
    equipements = lot.tables["equipement"].set_index("id_equipement")
    # Une école primaire compte pour les deux services, ses 6 classes partagées au prorata des
    # élèves.
    primaire = equipements.loc[["UAI-0350003C-M", "UAI-0350003C-E"]]
    assert primaire["service"].tolist() == ["ecole_maternelle", "ecole_elementaire"]
    assert primaire["effectif"].tolist() == [40.0, 80.0]
    assert primaire["capacite"].tolist() == pytest.approx([2.0, 4.0])
    # Les élèves d'ULIS sont des élèves d'élémentaire ; une école absente de la dernière rentrée
    # est fermée ensuite.
    assert equipements.at["UAI-0350002B-E", "effectif"] == 192.0
    assert equipements.at["UAI-0350008H-E", "annee_fermeture"] == 2022
    assert "UAI-0350002B-M" not in equipements.index


def test_lecture_colleges(fixture):
    lot = formats.lire(fixture(COLLEGES), garder=False)
    eq = lot.tables["equipement"].set_index("id_equipement")
    assert eq.at["UAI-0350010K", "capacite"] == 599 + 48
    assert eq.at["UAI-0350010K", "unite_capacite"] == "élèves"
    effectifs = lot.tables["effectif_scolaire"]
    sixiemes = effectifs[(effectifs["uai"] == "0350010K") & (effectifs["niveau"] == "6e")]
    assert sixiemes.set_index("annee")["eleves"].to_dict() == {2020: 161.0, 2021: 162.0}


def test_ecoles_et_colleges_rattaches_aux_communes(base_copie, fixture):
    rapport = importation.importer([fixture(n) for n in COG_35 + [ECOLES, COLLEGES]])
    remarque = _remarques(rapport, ECOLES)
    # 9 lignes sur 10 rapprochées : FLEURIGNE (fusionnée en 2024) et SAINT-PERE (renommée en 2018)
    # par les événements du COG, TRESBOEUF malgré sa ligature ; la commune inventée est signalée,
    # pas devinée.
    assert "9 lignes sur 10" in remarque
    assert "VILLENOUVELLE-SUR-VILAINE (35, 1 ligne dès la ligne 8)" in remarque
    assert "toutes rattachées" in _remarques(rapport, COLLEGES)
    communes = dict(
        lire(
            base_copie,
            "select uai, code_commune from effectif_scolaire where niveau = 'ensemble' "
            "and annee = 2022",
        )
    )
    assert communes == {
        "0350001A": "35360",
        "0350002B": "35360",
        "0350003C": "35068",
        "0350004D": "35062",
        "0350005E": "35306",
        "0350006F": "35343",
    }
    sources = lire(
        base_copie,
        "select distinct s.editeur, s.millesime from equipement e join source s using "
        "(id_source) where e.id_equipement like 'UAI-%'",
    )
    assert sorted(sources) == [
        ("Ministère de l'Éducation nationale (DEPP)", "rentrées 2020 à 2021"),
        ("Ministère de l'Éducation nationale (DEPP)", "rentrées 2021 à 2022"),
    ]


def test_noms_sans_cog_refuses(base_copie, fixture):
    with pytest.raises((importation.ErreursImport, importation.ErreurImport)) as refus:
        importation.importer([fixture(ECOLES)])
    message = str(refus.value)
    assert ECOLES in message and "COG" in message


@pytest.mark.parametrize("ordre", [(FINESS_ET, FINESS_EQ), (FINESS_EQ, FINESS_ET)])
def test_finess_capacites_dans_tout_ordre(base_copie, fixture, ordre):
    importation.importer([fixture(n) for n in COG_35])
    importation.importer([fixture(ordre[0])])
    importation.importer([fixture(ordre[1])])
    lignes = lire(
        base_copie,
        "select id_equipement, code_commune, service, capacite, unite_capacite, "
        "annee_ouverture from equipement where id_equipement like 'FINESS-%' order by 1",
    )
    # 80 + 4 lits temporaires ; les places d'accueil de jour (ta 21) et l'installation supprimée ne
    # sont pas des lits.
    assert lignes == [
        ("FINESS-350000011", "35360", "ehpad", 84.0, "lits", 1989),
        ("FINESS-350000029", "35068", "ehpad", 62.0, "lits", 2004),
        ("FINESS-350000037", "35360", "ssiad", 45.0, "places", 1998),
    ]


def test_finess_sans_capacites_pas_comparable(base_copie, fixture):
    rapport = importation.importer([fixture(n) for n in COG_35 + [FINESS_ET]])
    assert "etalab-cs1100505" in _remarques(rapport, FINESS_ET)
    assert lire(
        base_copie,
        "select count(*) from equipement where id_equipement like 'FINESS-%' "
        "and capacite is null and unite_capacite is null",
    ) == [(3,)]


def test_finess_ligne_tronquee(tmp_path, fixture):
    texte = fixture(FINESS_ET).read_bytes().decode("cp1252").splitlines()
    texte[2] = ";".join(texte[2].split(";")[:15])
    fichier = tmp_path / "etalab-cs1100507-stock.csv"
    fichier.write_bytes("\n".join(texte).encode("cp1252"))
    with pytest.raises(importation.ErreurImport) as refus:
        formats.lire(fichier, garder=False)
    assert refus.value.ligne == 3 and "categetab" in refus.value.probleme


def test_apa_taux_par_sexe_et_age(base_copie, fixture):
    rapport = importation.importer([fixture(APA)])
    assert "reprend exactement celle des hommes" in _remarques(rapport, APA)
    lignes = lire(
        base_copie,
        "select sexe, lieu, valeur from recours_prestation where indicateur = 'part_population' "
        "and annee = 2018 and age_min = 85 order by sexe, lieu",
    )
    # La colonne « en établissement » du bloc Total répète celle des hommes : laissée de côté, le
    # reste gardé.
    assert lignes == [
        (0, "domicile", 0.1572),
        (0, "ensemble", pytest.approx(0.2265)),
        (1, "domicile", 0.1309),
        (1, "ensemble", pytest.approx(0.2002)),
        (1, "etablissement", 0.0693),
        (2, "domicile", 0.1714),
        (2, "ensemble", pytest.approx(0.2899)),
        (2, "etablissement", 0.1185),
    ]
    assert lire(
        base_copie,
        "select code_perimetre, annee, valeur from recours_prestation "
        "where indicateur = 'part_etablissement' order by 1",
    ) == [("29", 2017, 0.518), ("35", 2017, 0.518), ("974", 2017, 0.08)]
    assert lire(
        base_copie,
        "select count(*) from recours_prestation where age_max = 100 and age_min = 90",
    ) == [(8,)]


def test_modele_equipements_creches(base_copie, fixture):
    rapport = importation.importer([fixture(n) for n in COG_35 + ["modele_equipements.csv"]])
    assert "petite_enfance 2 (64)" in _remarques(rapport, "modele_equipements.csv")
    assert lire(
        base_copie,
        "select id_equipement, service, capacite, unite_capacite, annee_ouverture "
        "from equipement where id_equipement like 'CRECHE-%' order by 1",
    ) == [
        ("CRECHE-CHATEAUBOURG-1", "petite_enfance", 24.0, "places", 2027),
        ("CRECHE-VITRE-1", "petite_enfance", 40.0, "places", 2008),
    ]


def test_modele_equipements_fermeture_incoherente(tmp_path, fixture):
    texte = fixture("modele_equipements.csv").read_text(encoding="utf-8").splitlines()
    texte[1] = texte[1][: -len(";")] + ";2005"  # fermée avant d'ouvrir (2008)
    fichier = tmp_path / "mes_creches.csv"
    fichier.write_text("\n".join(texte) + "\n", encoding="utf-8")
    with pytest.raises(importation.ErreurImport) as refus:
        formats.lire(fichier, garder=False)
    assert refus.value.ligne == 2 and refus.value.colonne == "annee_fermeture"


def test_beneficiaires_apa_projetes(base_copie_projetee, fixture):
    """La vue applique à la population projetée le taux national de chaque tranche sexe × âge."""
    importation.importer([fixture(APA)])
    vue = lire(
        base_copie_projetee,
        "select annee, lieu, annee_taux, beneficiaires from mart_beneficiaires_apa_projetes "
        "where niveau = 'territoire' and code_perimetre = 'PAYSDEMO' and scenario = 'central' "
        "order by annee, lieu limit 2",
    )
    annee = vue[0][0]
    population = dict(
        ((sexe, age), p)
        for sexe, age, p in lire(
            base_copie_projetee,
            "select sexe, age, population from mart_projection_perimetre where niveau = "
            "'territoire' and code_perimetre = 'PAYSDEMO' and scenario = 'central' and annee = ?",
            annee,
        )
    )
    bandes = {(60, 64): 0, (75, 79): 1, (85, 89): 2, (90, 100): 3}
    # Taux de la fixture (fabriquer_services.drees), établissement puis domicile.
    taux = {
        1: [(0.0024, 0.0026), (0.0149, 0.0307), (0.0693, 0.1309), (0.1914, 0.2294)],
        2: [(0.0018, 0.0033), (0.0197, 0.0495), (0.1185, 0.1714), (0.3108, 0.2307)],
    }
    attendu = {"etablissement": 0.0, "domicile": 0.0}
    for (sexe, age), p in population.items():
        for (debut, fin), k in bandes.items():
            if debut <= age <= fin:
                attendu["etablissement"] += p * taux[sexe][k][0]
                attendu["domicile"] += p * taux[sexe][k][1]
    assert [(lieu, a) for _, lieu, a, _ in vue] == [("domicile", 2018), ("etablissement", 2018)]
    assert vue[0][3] == pytest.approx(attendu["domicile"])
    assert vue[1][3] == pytest.approx(attendu["etablissement"])

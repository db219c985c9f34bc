"""Les services d'après les fichiers réels de ../shared/data (issue 15 ; sautés sans eux) : les
fichiers d'effectifs de l'Éducation nationale d'Ille-et-Vilaine lus tels quels, chaque ligne
rapprochée de sa commune par son nom au moyen du COG 2026, les comptes relus égaux à ceux du
fichier (les totaux donnés dans services_education/PROVENANCE.md), les écoles et collèges de Vitré
Communauté ; et les deux classeurs APA de la DREES."""

from __future__ import annotations

from tests.conftest import journal_pays_reel, lire, remarques_import
from vigie.format_fr import nombre, pourcentage

VITRE = "200039022"  # CA Vitré Communauté (INSEE, EPCI au 01/01/2024), 46 communes


def test_effectifs_scolaires_et_apa_reels(pays_reel):
    """Sur la base du Pays réel (`pays_reel` : tout ../shared/data importé par la commande du
    README, dont le COG 2026, la composition des EPCI 2024, les effectifs de l'Éducation
    nationale et les deux classeurs de la DREES, puis la construction qui les rejoue)."""
    base = pays_reel
    ecoles = "ille-et-vilaine_fr-en-ecoles-effectifs-nb_classes.csv"
    colleges = "ille-et-vilaine_fr-en-college-effectifs-niveau-sexe-lv.csv"
    apa = "dataDrees_APA_par_sexe_et_age.xlsx"
    remarques = remarques_import(journal_pays_reel(pays_reel))
    # Chaque ligne des deux fichiers rapprochée, par les noms actuels, les anciens noms et les
    # événements.
    for nom, lignes in ((ecoles, 2704), (colleges, 374)):
        attendu = f"{nombre(lignes)} lignes sur {nombre(lignes)} ({pourcentage(1)}), toutes"
        assert attendu in remarques[nom]
    totaux = dict(
        lire(
            base,
            "select annee, sum(eleves) from effectif_scolaire where type_etablissement = 'ecole' "
            "and niveau = 'ensemble' group by annee",
        )
    )
    assert totaux == {2019: 111629, 2020: 110324, 2021: 108848, 2022: 107729}
    # Anciennes communes nommées par le fichier : Fleurigné (fusionnée en 2024), Saint-Père
    # (renommée en 2018).
    anciennes = dict(
        lire(
            base,
            "select code_commune, count(distinct uai) from effectif_scolaire "
            "where code_commune in ('35062', '35306') group by all",
        )
    )
    assert set(anciennes) == {"35062", "35306"}
    vitre = lire(
        base,
        "select service, count(*), sum(capacite), sum(effectif) from equipement "
        "join commune using (code_commune) where code_epci = ? and annee_fermeture is null "
        "group by service order by service",
        VITRE,
    )
    services = {s: (n, capacite, eleves) for s, n, capacite, eleves in vitre}
    assert set(services) == {"college", "ecole_elementaire", "ecole_maternelle"}
    n, capacite, eleves = services["college"]
    assert n >= 5 and capacite == eleves > 3000  # capacité = élèves (non publiée)
    for service in ("ecole_maternelle", "ecole_elementaire"):
        n, classes, eleves = services[service]
        assert n > 20 and 15 < eleves / classes < 30  # élèves par classe
    mart = lire(
        base,
        "select eleves_pre_elementaire + eleves_elementaire, eleves_college "
        "from mart_effectifs_scolaires where niveau = 'epci' and code_perimetre = ? "
        "and annee = 2021",
        VITRE,
    )
    assert mart and mart[0][1] > 3000
    # DREES : la part du département et les taux de recours de la publication.
    assert lire(
        base,
        "select valeur from recours_prestation where indicateur = 'part_etablissement' "
        "and code_perimetre = '29'",
    ) == [(0.518,)]
    femmes_85_89 = lire(
        base,
        "select annee, round(valeur, 3) from recours_prestation where sexe = 2 and age_min = 85 "
        "and lieu = 'ensemble' and indicateur = 'part_population' order by annee",
    )
    assert femmes_85_89 == [(2016, 0.302), (2017, 0.289), (2018, 0.29)]
    assert "reprend exactement celle des hommes" in remarques[apa]

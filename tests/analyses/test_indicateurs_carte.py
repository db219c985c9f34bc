"""Le catalogue des indicateurs de la carte : des valeurs égales à celles de la base, les vues des
analystes en indicateurs (la même classe, issue 13), le tableau de comparaison, et une carte qui ne
demande rien au réseau."""

from __future__ import annotations

import json

import duckdb
import pandas as pd
import pytest

from vigie.analyses import cartographie, comparaison, indicateurs
from vigie.analyses import indicateurs_carte as ic
from vigie.figures import carte as graphiques_carte
from vigie.reglages import ratios_utilisateur
from vigie.stockage import base, lecture, vues

ENTETE = (
    "-- titre: {titre}\n-- description: vue d'essai\n-- grain: une ligne par commune et année\n"
    "-- unite: {unite}\n-- source: test\n"
)
VUE_ANALYSTE = """-- titre: Médecins généralistes pour 10 000 habitants
-- description: Vue d'essai de l'analyste : densité fictive par commune.
-- grain: une ligne par commune et année
-- unite: médecins pour 10 000 habitants
-- source: ARS Bretagne, répertoire RPPS (fictif, 2024)
create or replace view mart_test_densite_medecins as
with

final as (
    select
        code_commune,
        annee,
        round(sum(population) / 1000.0, 1) as valeur
    from population
    where annee in (2016, 2021)
    group by all
)

select * from final
"""


@pytest.fixture
def curseur(env_base):
    catalogue = lecture.Catalogue(chemin=env_base)
    c = catalogue.curseur()
    yield c
    c.close()


def executer_avec(curseur):
    """Les requêtes de la carte sur ``curseur`` ; l'écart de capacité reçoit, comme dans
    l'application, les taux publiés d'un périmètre qui n'a rien modifié."""

    def executer(nom, **p):
        if nom == "carte_ecart_capacite":
            p |= ratios_utilisateur.parametres_ecart_capacite(
                ratios_utilisateur.Reglages(pd.DataFrame(), {}),
                base.requete(curseur, "ratios_demande"),
                p["service"],
            )
        return base.requete(curseur, nom, **p)

    return executer


def test_part_des_75_ans_egale_la_base(curseur, env_base):
    indicateur = ic.PAR_CLE["part_75_plus"]
    valeurs = ic.valeurs(
        indicateur, executer_avec(curseur), "epci", "000000001", {"annee": 2021}
    ).set_index("code_commune")["valeur"]
    with duckdb.connect(str(env_base), read_only=True) as con:
        attendu = (
            con.execute(
                """
            select population.code_commune,
                   sum(population) filter (where age >= 75) / sum(population)
            from population
            inner join commune using (code_commune)
            where annee = 2021 and code_epci = '000000001'
            group by all
            """
            )
            .df()
            .set_index("code_commune")
            .iloc[:, 0]
        )
    assert len(valeurs) == 27
    pd.testing.assert_series_equal(
        valeurs.sort_index(), attendu.sort_index(), check_names=False, rtol=1e-12
    )


def test_ecart_de_capacite_en_lits(curseur):
    indicateur = ic.PAR_CLE["ecart_capacite"]
    choix = {"service": "ehpad", "annee_projection": 2030, "scenario": "central"}
    v = ic.valeurs(indicateur, executer_avec(curseur), "territoire", "PAYSDEMO", choix)
    assert (v["valeur"] == v["capacite"] - v["demande"]).all()
    assert ic.avec_unite(indicateur, v).unite == "lits"
    assert "lits" in ic.detail(ic.avec_unite(indicateur, v), v.iloc[0])
    assert ic.libelle(indicateur, choix, "Scénario central") == (
        "Écart entre la capacité des équipements et la demande — ehpad en 2030 (scénario central)"
    )


def _appliquer(env_base, dossier, fichiers: dict[str, str]):
    for nom, texte in fichiers.items():
        (dossier / f"{nom}.sql").write_text(texte, encoding="utf-8")
    con = lecture.ouvrir_catalogue(env_base)
    creees, erreurs = vues.appliquer_vues(con, dossier)
    assert not erreurs
    return con, {i.cle: i for i in indicateurs.lister(con, creees)}


def test_vue_d_analyste_devient_un_indicateur(env_base, tmp_path):
    con, trouves = _appliquer(
        env_base,
        tmp_path,
        {
            "mart_test_densite_medecins": VUE_ANALYSTE,
            "mart_autre_forme": ENTETE.format(titre="Autre forme", unite="sans")
            + "create or replace view mart_autre_forme as select 1 as x",
        },
    )
    assert list(trouves) == ["vue:mart_test_densite_medecins"]
    indicateur = trouves["vue:mart_test_densite_medecins"]
    assert isinstance(indicateur, ic.Indicateur)  # une seule classe pour la carte et les vues
    assert indicateur.titre == "Médecins généralistes pour 10 000 habitants"
    assert indicateur.unite == "médecins pour 10 000 habitants"
    assert indicateur.ligne_source == "Source : ARS Bretagne, répertoire RPPS (fictif, 2024)"
    assert ic.choix_requis(indicateur) == ("annee_donnee",) and indicateur.annees == (2016, 2021)
    valeurs = ic.valeurs(
        indicateur,
        executer_avec(con),
        "epci",
        "000000002",
        {"annee_donnee": 2021},
        ["00002", "00003"],
    ).set_index("code_commune")["valeur"]
    attendu = dict(
        con.execute(
            "select code_commune, round(sum(population) / 1000.0, 1) from population "
            "where annee = 2021 and code_commune in ('00002', '00003') group by all"
        ).fetchall()
    )
    assert valeurs.astype(float).to_dict() == pytest.approx(attendu)
    assert indicateur.texte(3.3) == "3,3 médecins pour 10 000 habitants"
    assert ic.libelle(indicateur, {"annee_donnee": 2021}) == (
        "Médecins généralistes pour 10 000 habitants en 2021"
    )
    con.close()


def test_vue_d_analyste_par_scenario_et_forme_refusee(env_base, tmp_path):
    lignes = "('00001', 2040, 0.2, 'central'), ('00001', 2040, 0.25, 'haut'), ('00002', 2040, 0.3, 'central')"
    con, trouves = _appliquer(
        env_base,
        tmp_path,
        {
            "mart_test_seniors": ENTETE.format(titre="Part des seniors isolés", unite="part")
            + "create or replace view mart_test_seniors as select code_commune, "
            + "annee::smallint as annee, valeur::double as valeur, scenario from (values "
            + lignes
            + ") as t(code_commune, annee, valeur, scenario)",
            # une valeur en texte n'a pas la forme d'un indicateur : la vue n'est pas proposée
            "mart_test_texte": ENTETE.format(titre="Texte", unite="u")
            + "create or replace view mart_test_texte as select code_commune, annee, "
            + "'beaucoup' as valeur from population",
        },
    )
    assert "vue:mart_test_texte" not in trouves
    indicateur = trouves["vue:mart_test_seniors"]
    assert indicateur.format == "part" and indicateur.texte(0.25) == "25,0\u00a0%"
    assert ic.choix_requis(indicateur) == ("annee_donnee", "scenario_donnee")
    assert indicateur.scenarios == ("central", "haut") and indicateur.par_scenario
    choix = {"annee_donnee": 2040, "scenario_donnee": "haut"}
    v = ic.valeurs(indicateur, executer_avec(con), "territoire", "PAYSDEMO", choix)
    assert v.to_dict("records") == [{"code_commune": "00001", "valeur": 0.25}]
    assert ic.libelle(indicateur, choix) == "Part des seniors isolés en 2040 (scénario haut)"
    con.close()


def test_la_figure_ne_demande_rien_au_reseau(curseur):
    lignes = base.requete(curseur, "carte_contours", niveau="territoire", code="PAYSDEMO")
    contours = cartographie.contours(
        lignes["code_commune"].tolist(), lignes["nom_commune"].tolist(), lignes["geojson"].tolist()
    )
    indicateur = ic.PAR_CLE["population"]
    valeurs = ic.valeurs(
        indicateur, executer_avec(curseur), "territoire", "PAYSDEMO", {"annee": 2021}
    )
    valeurs = lignes[["code_commune", "nom_commune"]].merge(valeurs)
    valeurs.loc[len(valeurs) - 1, "valeur"] = float(
        "nan"
    )  # one commune without data: drawn grey, said so
    classes = cartographie.classer(valeurs["valeur"], "jenks", 5)
    fig = graphiques_carte.figure_carte(
        contours, valeurs, indicateur, classes, "Population en 2021", "Source : test", "00001"
    )
    texte = fig.to_json()
    assert "http" not in texte  # no tile, style, glyph or sprite address
    assert fig.layout.map.style == "white-bg"
    assert {t.type for t in fig.data} == {"choroplethmap"}
    assert any("pas de donnée" in a.text for a in fig.layout.annotations)
    hover = json.loads(texte)["data"][0]["customdata"]
    assert any("15\u202f270 habitants" in h[1] for h in hover)  # French thousands separator


def test_tableau_de_comparaison(curseur):
    observe = base.requete(curseur, "comparaison_observe", niveau="commune", code="00001")
    projete = base.requete(
        curseur, "comparaison_projete", niveau="commune", code="00001", scenario="central"
    )
    t = comparaison.tableau(observe, projete)
    assert list(t["niveau"]) == ["commune", "epci", "territoire", "departement"]
    commune = t.iloc[0]
    assert commune["libelle"] == "Porz-Vihan (commune)" and commune["population"] == 15270
    assert commune["bas_80_2040"] < commune["population_2040"] < commune["haut_80_2040"]
    # Le département de démonstration compte exactement les 59 communes du Pays : mêmes chiffres,
    # aucune fourchette simulée.
    dep = t.set_index("niveau").loc["departement"]
    assert dep["population"] == t.set_index("niveau").loc["territoire", "population"]
    assert pd.isna(dep["bas_80_2040"]) and dep["origine"] == "somme des 59 communes de la base"
    assert comparaison.manquants(observe, "commune") == ["region", "france"]
    series = comparaison.series_trajectoires(observe, projete, "75 ans et plus")
    assert set(series["projete"]) == {True, False}


def test_reference_importee_prioritaire(env_base, tmp_path):
    """Avec les estimations de l'INSEE chargées (département par tranches de 5 ans, France), la
    comparaison les emploie : les 75 ans et plus sont sommés des tranches, les 0-2 ans restent
    vides (pas déductibles des 0-4 ans)."""
    import shutil

    copie = tmp_path / "vigie.duckdb"
    shutil.copy(env_base, copie)
    with duckdb.connect(str(copie)) as con:
        con.execute(
            "insert into source (id_source, fichier, editeur, titre, millesime, licence, sha256) "
            "values (999, 'estim.xlsx', 'INSEE', 'Estimations de population', '2021', 'LO', 'x')"
        )
        for niveau, code, nom, facteur in (
            ("departement", "00", "Département de démonstration", 10),
            ("france", "FR", "France", 1000),
        ):
            for age_min in range(0, 100, 5):
                age_max = 100 if age_min == 95 else age_min + 4
                for sexe in (1, 2):
                    con.execute(
                        "insert into population_reference values (?, ?, ?, 2021, ?, ?, ?, ?, 999)",
                        [niveau, code, nom, sexe, age_min, age_max, 100.0 * facteur],
                    )
    catalogue = lecture.Catalogue(chemin=copie)
    c = catalogue.curseur()
    observe = base.requete(c, "comparaison_observe", niveau="epci", code="000000003")
    t = comparaison.tableau(observe, observe.iloc[0:0].assign(groupe_age=[]))
    lignes = t.set_index("niveau")
    assert list(t["niveau"]) == ["epci", "territoire", "departement", "france"]
    assert lignes.loc["departement", "population"] == 40 * 100 * 10
    assert lignes.loc["departement", "part_75_plus"] == pytest.approx(10 / 40)
    assert pd.isna(lignes.loc["france", "part_0_2"])
    assert lignes.loc["france", "origine"] == "INSEE, Estimations de population (2021)"
    assert comparaison.manquants(observe, "epci") == ["region"]
    c.close()

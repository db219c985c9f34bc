"""Issue 6 : un scénario calculé sur un périmètre — le central égale la projection enregistrée, des
logements font monter la population et la demande scolaire et de petite enfance, ouvertures et
fermetures font bouger la capacité, le résumé dit ce qui change et à partir de quand, les
intervalles disent comment ils ont été obtenus."""

from __future__ import annotations

import pandas as pd
import pytest

from models.projection import ErreurScenario, ProgrammeLogement, Scenario
from models.scenarios import FermetureEquipement, HypothesesScenario, OuvertureEquipement
from vigie.alimentation import projections
from vigie.analyses import scenarios
from vigie.reglages import ratios_utilisateur
from vigie.stockage import base, lecture


@pytest.fixture(scope="module")
def contexte(base_demo):
    catalogue = lecture.Catalogue(chemin=base_demo)
    curseur = catalogue.curseur()
    modele = projections.modele_depuis_base(curseur)

    def perimetre(niveau, code):
        communes = base.requete(curseur, "communes_du_perimetre", niveau=niveau, code=code)
        return scenarios.Perimetre(
            niveau=niveau,
            code=code,
            nom="Porz-Vihan" if code == "00001" else code,
            communes=dict(zip(communes["code_commune"], communes["nom_commune"], strict=True)),
            defauts=base.requete(curseur, "ratios_demande"),
            modifications=ratios_utilisateur.lire(
                niveau, code, base_demo.with_name("x.duckdb")
            ).modifications,
            methodes={},
            equipements=base.requete(curseur, "equipements", niveau=niveau, code=code),
            intervalles_central=base.requete(
                curseur, "demande_intervalles", niveau=niveau, code=code, scenario="central"
            ),
        )

    return modele, perimetre, curseur


LOGEMENTS = HypothesesScenario(
    Scenario(programmes_logement=[ProgrammeLogement("00001", 100, 2027, 2030)])
)


def test_central_egal_a_la_projection_stockee(contexte):
    modele, perimetre, curseur = contexte
    r = scenarios.calculer(modele, HypothesesScenario(), perimetre("epci", "000000001"), 2040)
    stockee = base.requete(
        curseur, "projection_totale", niveau="epci", code="000000001", horizon=2040
    )
    stockee = stockee[stockee["scenario"] == "central"].set_index("annee")
    calcule = r.total().set_index("annee")
    for colonne in ("population", "bas_80", "haut_95"):
        assert calcule.loc[2040, colonne] == pytest.approx(stockee.loc[2040, colonne], rel=1e-9)
    assert r.intervalles == scenarios.SIMULES
    # Les mêmes années que la base : dès l'année qui suit le recensement (issue 18 : l'année de
    # base, observée, comptait sinon comme projetée, une fois de trop dans les courbes et un
    # premier manque de crèche en 2021 ici contre 2022 sur les pages).
    assert list(calcule.index) == list(stockee.index)
    assert int(r.bilan.ecart["annee"].min()) == modele.annee_base + 1


def test_logements_changent_population_demande_et_ecarts(contexte):
    modele, perimetre, _ = contexte
    p = perimetre("commune", "00001")
    central = scenarios.calculer(modele, HypothesesScenario(), p, 2035)
    avec = scenarios.calculer(modele, LOGEMENTS, p, 2035, cle="1", libelle="400 logements")
    ecart = (
        avec.total().set_index("annee")["population"]
        - central.total().set_index("annee")["population"]
    )
    assert ecart.loc[2027] == pytest.approx(0, abs=1e-6)  # rien avant la première livraison
    assert ecart.loc[2035] > 700  # 400 logements × ~2,16 personnes, plus leurs naissances
    assert scenarios.premiere_annee_ecart(central, avec) == 2028
    s_c, s_a = (r.bilan.synthese.set_index("service") for r in (central, avec))
    for service in ("petite_enfance", "ecole_maternelle", "ecole_elementaire", "college"):
        assert s_a.loc[service, "demande"] > s_c.loc[service, "demande"], service
        assert s_a.loc[service, "ecart"] < s_c.loc[service, "ecart"], service
    assert avec.intervalles == scenarios.LARGEUR_CENTRALE
    # Largeur relative du scénario central appliquée : même rapport borne/central.
    t_c, t_a = central.total().set_index("annee"), avec.total().set_index("annee")
    assert t_a.loc[2035, "haut_80"] / t_a.loc[2035, "population"] == pytest.approx(
        t_c.loc[2035, "haut_80"] / t_c.loc[2035, "population"]
    )
    resume = scenarios.resumer(central, avec, p, 2035)
    assert resume.phrase.startswith("Avec 400 logements à Porz-Vihan de 2027 à 2030")
    assert "habitants de plus en 2035" in resume.phrase and "dès 2028" in resume.phrase
    assert "classes de maternelle" in resume.phrase + " ".join(resume.details)


def test_ouverture_et_fermeture_deplacent_la_capacite(contexte):
    modele, perimetre, _ = contexte
    p = perimetre("commune", "00001")
    creche = p.equipements[p.equipements["service"] == "petite_enfance"].iloc[0]
    h = HypothesesScenario(
        ouvertures=[OuvertureEquipement("petite_enfance", "00001", 30, "places", 2027, "Crèche")],
        fermetures=[FermetureEquipement(str(creche["id_equipement"]), 2030)],
    )
    r = scenarios.calculer(modele, h, p, 2035, cle="2", libelle="crèches")
    cap = r.bilan.ecart[r.bilan.ecart["service"] == "petite_enfance"].set_index("annee")["capacite"]
    assert cap.loc[2026] == creche["capacite"]
    assert cap.loc[2027] == creche["capacite"] + 30
    assert cap.loc[2030] == 30
    resume = scenarios.resumer(
        scenarios.calculer(modele, HypothesesScenario(), p, 2035), r, p, 2035
    )
    assert "places de crèche dépasseraient la capacité dès 2030" in resume.phrase


def test_fourchettes_simulees_a_la_demande(contexte):
    modele, perimetre, _ = contexte
    p = perimetre("commune", "00001")
    projection = scenarios.projeter_scenario(modele, LOGEMENTS, 2030, intervalles=True)
    r = scenarios.calculer(modele, LOGEMENTS, p, 2030, cle="1", libelle="x", resultat=projection)
    assert r.intervalles == scenarios.SIMULES
    t = r.total().set_index("annee")
    assert t.loc[2030, "bas_80"] < t.loc[2030, "population"] < t.loc[2030, "haut_80"]


def test_hypothese_impossible_message_francais(contexte):
    modele, perimetre, _ = contexte
    h = HypothesesScenario(Scenario(migration_multiplicateur=4))
    with pytest.raises(ErreurScenario) as erreur:
        scenarios.calculer(modele, h, perimetre("commune", "00001"), 2035)
    assert scenarios.message_erreur(erreur.value) == (
        "Migrations (multiplicateur des soldes) : doit être entre 0 et 3, reçu 4."
    )
    assert scenarios.message_erreur(
        ErreurScenario("programmes_logement[1].personnes_par_logement : doit être entre 0,5 et 6")
    ).startswith("Programme de logements n° 2 — personnes par logement : ")


def test_tableau_des_differences(contexte):
    modele, perimetre, _ = contexte
    p = perimetre("commune", "00001")
    central = scenarios.calculer(modele, HypothesesScenario(), p, 2035)
    avec = scenarios.calculer(modele, LOGEMENTS, p, 2035, cle="1", libelle="400 logements")
    df = scenarios.tableau_differences([central, avec], 2035)
    habitants = df[df["indicateur"] == "Habitants en 2035"].iloc[0]
    assert habitants["Écart : 400 logements"] == pytest.approx(
        habitants["400 logements"] - habitants["Scénario central"]
    )
    texte = scenarios.tableau_differences_texte(df, ["Scénario central", "400 logements"])
    assert texte["Écart : 400 logements"].iloc[0].startswith("+")


def test_tableau_des_differences_une_seule_regle_d_arrondi(contexte):
    """Issue 18 : les chiffres projetés du tableau (« 137 940 ») et les titres des figures passent
    par la règle unique de format_fr ; une capacité observée reste exacte."""
    from vigie.figures import scenarios as gs
    from vigie.format_fr import arrondi, nombre

    modele, perimetre, _ = contexte
    p = perimetre("territoire", "PAYSDEMO")
    central = scenarios.calculer(modele, HypothesesScenario(), p, 2035)
    avec = scenarios.calculer(modele, LOGEMENTS, p, 2035, cle="1", libelle="400 logements")
    df = scenarios.tableau_differences([central, avec], 2035)
    texte = scenarios.tableau_differences_texte(df, ["Scénario central", "400 logements"])
    for rang, ligne in df.iterrows():
        valeur = ligne["Scénario central"]
        if ligne["unite"] == "année" or pd.isna(valeur):
            continue
        attendu = nombre(valeur if ligne["indicateur"].startswith("Capacité") else arrondi(valeur))
        assert texte["Scénario central"].iloc[rang].startswith(attendu), (ligne, attendu)
    assert gs._rond(137_940) == arrondi(137_940) == 138_000

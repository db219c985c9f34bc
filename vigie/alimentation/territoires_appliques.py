"""Les territoires de l'utilisateur écrits dans la base construite : ses définitions (gardées
dans sa base à lui, `territoire_utilisateur`) deviennent des lignes de `territoire` et
`territoire_commune`, avec leur ligne de `source`.

`appliquer(con)` est appelé à chaque construction (après les imports rejoués), après chaque
import, et par `vigie.reglages.territoires` à l'enregistrement ou à la suppression d'un
territoire (`reappliquer`, sur une copie de la base : `vigie.stockage.modification`) : le
territoire suit la composition des EPCI et la géographie du moment.

Ce module est de l'alimentation (il écrit la base construite) ; les définitions appartiennent à
`vigie.reglages.territoires`, qui l'appelle. Il les lit par la porte de la base de l'utilisateur
(`vigie.stockage.base_utilisateur`), sans importer les réglages : l'alimentation n'importe pas
l'aile qui l'appelle (le cycle importation ↔ territoires de l'issue 13).
"""

from __future__ import annotations

import hashlib
import json
from datetime import datetime
from pathlib import Path

from vigie import chemins
from vigie.alimentation import geographie_cog as geographie
from vigie.stockage import base as bd
from vigie.stockage import base_utilisateur, sources

# La source des territoires : la base de réglages de l'utilisateur, datée, avec l'empreinte des
# définitions écrites.
SOURCE = {
    "editeur": "Utilisateur de Vigie",
    "titre": "Territoires définis dans Vigie",
    "licence": "Données de la collectivité",
}


def definitions(chemin: Path | None = None) -> list[dict]:
    """Les définitions de l'utilisateur, par nom : code, nom, type, epcis, communes (listes de
    codes), lues dans sa base (`chemin`, défaut : `chemins.chemin_base_utilisateur()`).
    `vigie.reglages.territoires.lister` en fait ses `Territoire`."""
    lignes = base_utilisateur.lire("territoires_lister", chemin)
    return [
        {
            "code": str(ligne.code_territoire),
            "nom": str(ligne.nom_territoire),
            "type": str(ligne.type_territoire),
            "epcis": json.loads(ligne.epcis),
            "communes": json.loads(ligne.communes),
        }
        for ligne in lignes.itertuples(index=False)
    ]


def _lignes(con: bd.Connexion, requete: str, **parametres) -> list[tuple]:
    return bd.executer(con, f"queries/{requete}", **parametres).fetchall()


def reappliquer(con: bd.Connexion) -> list[str]:
    """Efface les territoires de l'utilisateur de la base construite et les réécrit (après un
    enregistrement ou une suppression) : `appliquer`, qui le fait toujours."""
    return appliquer(con)


def _effacer(con: bd.Connexion) -> None:
    for etape in ("1_communes", "2_territoires", "3_source"):
        bd.executer(con, f"construction/territoires_utilisateur_effacer_{etape}")


def appliquer(con: bd.Connexion) -> list[str]:
    """Écrit les territoires de l'utilisateur dans `territoire` / `territoire_commune` ; rend des
    remarques en français (EPCI absent de la composition, commune fusionnée depuis).

    Ceux déjà écrits par un import précédent sont d'abord effacés : un import incrémental garde
    la couche importée, et chaque import disait « le code VITRE-COMMUNAUTE est déjà pris, non
    appliqué » pour le même territoire (issue 14). Seul un code pris par un autre territoire (de
    la démonstration) est encore signalé."""
    _effacer(con)
    territoires = definitions()
    if not territoires:
        return []
    empreinte = hashlib.sha256(json.dumps(territoires, sort_keys=True).encode()).hexdigest()
    id_source = sources.enregistrer_fichier(
        con,
        chemins.chemin_base_utilisateur().name,
        SOURCE | {"millesime": datetime.now().strftime("%d/%m/%Y")},
        empreinte,
        origine="import",
    )
    referentiel = {c for (c,) in bd.executer(con, "construction/codes_communes").fetchall()}
    passage = geographie.table_passage(con)
    remarques = []
    for t in territoires:
        nom, code = t["nom"], t["code"]
        if _lignes(con, "territoire_code_pris", code=code):
            remarques.append(f"Territoire {nom} : le code {code} est déjà pris, non appliqué.")
            continue
        membres = set()
        for epci in t["epcis"]:
            lignes = _lignes(con, "territoire_communes_epci", code=epci)
            if not lignes:
                remarques.append(
                    f"Territoire {nom} : l'EPCI {epci} n'a aucune commune dans la "
                    "composition importée (EPCI dissous ou fusionné ?)."
                )
            membres.update(c for (c,) in lignes)
        for commune in t["communes"]:
            actuel = geographie.code_actuel(commune, referentiel, passage)
            if actuel is None:
                remarques.append(f"Territoire {nom} : la commune {commune} n'existe plus.")
            else:
                membres.add(actuel)
        if not membres:
            remarques.append(f"Territoire {nom} : aucune commune, non appliqué.")
            continue
        bd.executer(
            con,
            "construction/territoire_inserer",
            code=code,
            nom_territoire=nom,
            type=t["type"],
            id_source=id_source,
        )
        con.executemany(
            bd.texte_sql("construction/territoire_commune_inserer"),
            [{"code": code, "code_commune": c} for c in sorted(membres)],
        )
    return remarques

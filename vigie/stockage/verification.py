"""`python -m vigie check` : contrôles d'intégrité de la base construite et de chaque fichier de
vue compilé contre elle (sans rien y écrire)."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from vigie import chemins
from vigie.stockage import controles, integrite, lecture, vues


@dataclass
class Resultat:
    messages_ok: list[str] = field(default_factory=list)
    erreurs: list[str] = field(default_factory=list)


def verifier(chemin: Path | None = None, dossier_vues: Path | None = None) -> Resultat:
    """Vérifie la base et les vues ; chaque erreur nomme son fichier (et sa ligne si connue)."""
    resultat = Resultat()
    chemin = Path(chemin or chemins.chemin_base())
    # Chaque bloc des fichiers lu une fois : un fichier abîmé est nommé avant toute autre chose.
    for fichier in (chemin, chemins.chemin_previsions()):
        probleme = integrite.diagnostiquer(fichier, complet=True)
        if probleme:
            resultat.erreurs.append(probleme)
        elif fichier.exists():
            resultat.messages_ok.append(f"{fichier.name} : fichier entier et lisible")
    if resultat.erreurs:
        return resultat
    con = lecture.ouvrir_catalogue(chemin)
    try:
        problemes = controles.executer(con)
        resultat.erreurs.extend(problemes)
        if not problemes:
            resultat.messages_ok.append("contrôles d'intégrité de la base")
        creees, erreurs = vues.appliquer_vues(con, dossier_vues)
        for vue in creees:
            colonnes = con.execute(f'describe "{vue.nom}"').fetchall()
            resultat.messages_ok.append(
                f"{vue.chemin.name} : {vue.titre} ({len(colonnes)} colonne"
                f"{'s' if len(colonnes) > 1 else ''})"
            )
        resultat.erreurs.extend(str(e) for e in erreurs)
    finally:
        con.close()
    return resultat

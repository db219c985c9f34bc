"""Capacités des établissements FINESS : l'extraction des établissements (etalab-cs1100507) dit
où sont les EHPAD et les SSIAD, celle des équipements sociaux (etalab-cs1100505) leurs capacités
installées. Les deux fichiers s'importent dans n'importe quel ordre : après chaque import, les
équipements FINESS reçoivent la capacité de même numéro FINESS, dans l'unité et sans les modes
d'accueil exclus que donne `data/reference/correspondance_equipements.csv`."""

from __future__ import annotations

from vigie.alimentation.importation.formats.finess import correspondance_finess
from vigie.stockage import base


def completer(con: base.Connexion) -> None:
    """Reporte les capacités FINESS sur les équipements FINESS (par service)."""
    services = {}
    for ligne in correspondance_finess().values():
        services[ligne["service"]] = (ligne["unite_capacite"], ligne["modes_exclus"].split())
    for service, (unite, exclus) in sorted(services.items()):
        base.executer(
            con,
            "load/importation/capacites_finess",
            unite=unite,
            modes_exclus=exclus,
            service=service,
        )

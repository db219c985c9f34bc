-- Donne aux établissements FINESS d'un service (EHPAD, SSIAD) leur capacité installée : la somme
-- des capacités installées du fichier des équipements sociaux (capacite_finess, installations non
-- supprimées) de même numéro FINESS, hors modes de $modes_exclus (accueil de jour pour les lits
-- d'EHPAD). Exécuté après chaque import ; un établissement sans ligne de capacité n'en a aucune.
update equipement
set
    capacite = capacites.capacite,
    unite_capacite = $unite
from (
    select
        'FINESS-' || nofinesset as id_equipement,
        sum(capacite_installee) as capacite
    from capacite_finess
    where not list_contains($modes_exclus, mode_accueil)
    group by nofinesset
) as capacites
where
    equipement.id_equipement = capacites.id_equipement
    and equipement.service = $service

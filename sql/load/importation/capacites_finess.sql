-- Gives the FINESS establishments of one service (EHPAD, SSIAD) their installed capacity: the sum
-- of the installed capacities of the équipements sociaux file (capacite_finess, installations not
-- deleted) with the same FINESS number, leaving out the modes of $modes_exclus (accueil de jour
-- for EHPAD beds). Run after every import; an establishment without a capacity line keeps none.
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

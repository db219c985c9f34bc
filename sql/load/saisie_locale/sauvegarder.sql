-- Keeps the imported values of facility $id_equipement before the user's ones replace them.
insert or ignore into equipement_importe
select
    id_equipement,
    code_commune,
    service,
    type_equipement,
    nom,
    capacite,
    unite_capacite,
    annee_ouverture,
    annee_fermeture,
    id_source
from equipement
where id_equipement = $id_equipement

-- Puts back the imported values of the facilities the user corrected (before the corrections are
-- applied again, or after one is cancelled). Grain: one row per corrected facility.
update equipement
set
    code_commune = importe.code_commune,
    service = importe.service,
    type_equipement = importe.type_equipement,
    nom = importe.nom,
    capacite = importe.capacite,
    unite_capacite = importe.unite_capacite,
    annee_ouverture = importe.annee_ouverture,
    annee_fermeture = importe.annee_fermeture,
    id_source = importe.id_source
from equipement_importe as importe
where equipement.id_equipement = importe.id_equipement

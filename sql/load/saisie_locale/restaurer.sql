-- Remet les valeurs importées des équipements que l'utilisateur a corrigés (avant que les
-- corrections soient réappliquées, ou après l'annulation de l'une d'elles).
-- Grain : une ligne par équipement corrigé.
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

-- The facilities the user corrected or added, oldest entry first.
select
    id_equipement,
    ajoute,
    code_commune,
    service,
    type_equipement,
    nom,
    capacite,
    unite_capacite,
    annee_ouverture,
    annee_fermeture,
    saisi_le
from capacite_saisie
order by saisi_le, id_equipement

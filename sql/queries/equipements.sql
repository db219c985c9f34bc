-- Facilities of a perimeter.
select
    id_equipement,
    service,
    type_equipement,
    nom,
    code_commune,
    nom_commune,
    capacite,
    unite_capacite,
    effectif,
    annee_ouverture,
    annee_fermeture,
    en_service,
    source_capacite
from mart_equipements
where niveau = $niveau and code_perimetre = $code
order by service, nom_commune, nom

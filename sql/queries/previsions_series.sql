-- Chaque série d'usage avec ses observations, pour le lot de prévisions.
select
    serie.id_serie,
    serie.service,
    serie.frequence,
    serie.code_commune,
    serie.id_source,                -- les pairs d'une série : même service, même source
    equipement.annee_fermeture,     -- équipement fermé : série interrompue
    commune.code_epci,
    observation.periode,
    observation.valeur
from usage_serie as serie
inner join usage_observation as observation on observation.id_serie = serie.id_serie
left join commune on commune.code_commune = serie.code_commune
left join equipement on equipement.id_equipement = serie.id_equipement
order by serie.id_serie, observation.periode

-- Values of one indicator view with a scenario column (code_commune, annee, valeur, scenario)
-- for the communes of a perimeter, one scenario or all of them ($scenario null).
-- $vue comes from the allow-list of detected indicators (vigie.analyses.indicateurs), never from a user.
select
    indicateur.scenario,
    indicateur.code_commune,
    commune.nom_commune,
    indicateur.annee,
    indicateur.valeur
from query_table($vue) as indicateur
inner join int_commune__perimetres as perimetres
    on perimetres.code_commune = indicateur.code_commune
inner join commune on commune.code_commune = indicateur.code_commune
where perimetres.niveau = $niveau
    and perimetres.code_perimetre = $code
    and ($scenario is null or indicateur.scenario = $scenario)
order by indicateur.scenario, indicateur.annee, commune.nom_commune

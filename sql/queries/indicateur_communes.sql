-- Values of one indicator view (code_commune, annee, valeur) for the communes of a perimeter.
-- $vue is a view name taken from the allow-list of detected indicators (vigie.analyses.indicateurs),
-- never typed by a user; query_table reads it as a bound parameter, not as formatted SQL.
select
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
order by indicateur.annee, commune.nom_commune

select
    annee,
    round(avg(valeur), 1) as part_75_plus_moyenne
from mart_part_75_ans_plus
group by annee
order by annee

-- Census years held in the population table.
select distinct annee from population order by annee

-- Les années de recensement présentes dans la table population.
select distinct annee from population order by annee

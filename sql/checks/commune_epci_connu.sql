-- controle: l'EPCI de chaque commune existe dans la table epci
select code_commune, code_epci
from commune
where code_epci is not null
  and code_epci not in (select code_epci from epci)

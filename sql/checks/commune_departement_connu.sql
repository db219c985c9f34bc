-- controle: le département de chaque commune existe dans la table departement
select code_commune, code_dep
from commune
where code_dep not in (select code_dep from departement)

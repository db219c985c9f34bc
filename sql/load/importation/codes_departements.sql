-- Départements already known (a file may name only these).
select code_dep
from departement

-- The current referential of communes (codes any imported figure must resolve to).
select code_commune
from commune

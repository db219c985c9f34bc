-- Les codes des communes connues de la base (le référentiel auquel se rattachent les imports).
select code_commune
from commune

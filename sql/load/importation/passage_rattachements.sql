-- Arrondissements municipaux, communes déléguées et associées, avec la commune dont ils relèvent.
-- Grain : une ligne par code infracommunal. Source : INSEE v_commune (COMPARENT).
select
    code,
    code_parent
from commune_rattachement
where code <> code_parent

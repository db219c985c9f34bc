-- Municipal districts, delegated and associated communes with the commune they belong to.
-- Grain: one row per infra-communal code. Source: INSEE v_commune (COMPARENT).
select
    code,
    code_parent
from commune_rattachement
where code <> code_parent

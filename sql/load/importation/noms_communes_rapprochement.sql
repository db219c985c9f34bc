-- Names a file may give for a commune, to find its code (files that name communes without
-- their INSEE code: Éducation nationale enrolments). rang 0: the current COG name; rang 1: a
-- former name or a former commune from the COG events (mapped to its current code by the caller).
-- Grain: one row per code and name.
select distinct
    code_commune as code,
    nom_commune as nom,
    code_dep,
    0 as rang
from commune

union

select distinct
    com_av as code,
    libelle_av as nom,
    case when com_av like '97%' then substr(com_av, 1, 3) else substr(com_av, 1, 2) end as code_dep,
    1 as rang
from commune_mouvement
where typecom_av = 'COM' and libelle_av is not null

union

select distinct
    com_ap as code,
    libelle_ap as nom,
    case when com_ap like '97%' then substr(com_ap, 1, 3) else substr(com_ap, 1, 2) end as code_dep,
    1 as rang
from commune_mouvement
where typecom_ap in ('COM', 'COMD', 'COMA') and libelle_ap is not null

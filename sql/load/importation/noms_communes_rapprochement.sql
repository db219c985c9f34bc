-- Noms qu'un fichier peut donner à une commune, pour retrouver son code (fichiers qui nomment les
-- communes sans leur code INSEE : effectifs de l'Éducation nationale). rang 0 : le nom actuel du
-- COG ; rang 1 : un ancien nom ou une ancienne commune tirés des événements du COG (ramenés à leur
-- code actuel par l'appelant).
-- Grain : une ligne par code et nom.
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

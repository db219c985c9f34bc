-- Chaque équipement de la base construite avec son service et sa commune (les saisies de capacité
-- sont vérifiées par rapport à eux). Grain : une ligne par équipement.
select
    id_equipement,
    service,
    code_commune,
    nom
from equipement
order by id_equipement

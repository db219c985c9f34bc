-- Les périmètres qui tiennent toutes les communes du périmètre choisi (son EPCI, son
-- département, son territoire), lui-même compris.
-- Grain : une ligne par niveau et code de périmètre.
select
    niveau_englobant as niveau,
    code_englobant as code_perimetre,
    nom_englobant as nom_perimetre
from int_perimetre__englobants
where niveau = $niveau
    and code_perimetre = $code

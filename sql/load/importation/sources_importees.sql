-- Sources écrites par les imports de l'utilisateur, dans l'ordre d'écriture : ce que contient
-- aujourd'hui la couche importée (un import les compare à ses fichiers pour n'écrire que les
-- nouveaux).
-- Grain : une ligne par fichier importé. Source : table source.
select
    id_source,
    fichier,
    sha256
from source
where origine = 'import'
    -- territoires de l'utilisateur : origine 'import', pas un fichier (vigie/reglages/territoires.py)
    and titre <> 'Territoires définis dans Vigie'
order by id_source

-- Sources written by user imports, in writing order: what the imported layer holds now
-- (an import compares them with its files to write only the new ones).
-- Grain: one row per imported file. Source: table source.
select
    id_source,
    fichier,
    sha256
from source
where origine = 'import'
    -- the user's territories share origine 'import' but are not a file (vigie/reglages/territoires.py)
    and titre <> 'Territoires définis dans Vigie'
order by id_source

-- Un COG plus récent remplace un plus ancien : les communes importées qu'il ne liste plus sont
-- supprimées. `_cog` est la liste enregistrée des codes de commune du COG.
delete from commune
where id_source in (select id_source from source where origine = 'import')
    and code_commune not in (select code_commune from _cog)

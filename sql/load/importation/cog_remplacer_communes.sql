-- A newer COG replaces an older one: imported communes it no longer lists are dropped.
-- `_cog` is the registered list of the COG's commune codes.
delete from commune
where id_source in (select id_source from source where origine = 'import')
    and code_commune not in (select code_commune from _cog)

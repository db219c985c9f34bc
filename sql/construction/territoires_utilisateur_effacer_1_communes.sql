-- Efface les communes des territoires de l'utilisateur écrits dans la base (avant de les réécrire
-- d'après leurs définitions). Trois fichiers, trois instructions validées l'une après l'autre :
-- DuckDB refuse d'effacer une ligne dont les lignes qui la référencent ont été effacées plus tôt
-- dans la même transaction.
delete from territoire_commune
where code_territoire in (
    select code_territoire
    from territoire
    where id_source in (select id_source from source where titre = 'Territoires définis dans Vigie')
)

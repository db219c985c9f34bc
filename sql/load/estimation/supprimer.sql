-- Retire les estimations précédentes (avant de les recalculer ou quand le recensement arrive).
delete from population
where id_source in (select id_source from source where origine = 'estimation')

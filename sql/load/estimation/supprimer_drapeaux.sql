-- Retire les lignes de population_estimee (recalculées à chaque import et construction).
delete from population_estimee

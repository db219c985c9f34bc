-- Quand les prévisions ont été calculées.
select debut, fin, horizon from prevision_calcul order by id_calcul desc limit 1

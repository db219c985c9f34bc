-- When the forecasts were computed.
select debut, fin, horizon from prevision_calcul order by id_calcul desc limit 1

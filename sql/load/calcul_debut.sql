-- Écriture : ouverture d'un calcul (statut « en cours ») ; fermé par load/calcul_fin.
-- Grain : une ligne par calcul.
insert into calcul
values ($id, $type_calcul, $parametres, current_timestamp, null, 'en cours');

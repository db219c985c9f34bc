-- Liste des séries inchangées dont les résultats sont repris du calcul précédent.
-- Paramètre : $ids (liste d'identifiants de séries).
create temporary table reprises as
select unnest($ids) as id_serie

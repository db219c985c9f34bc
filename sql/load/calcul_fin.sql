-- Écriture : fermeture d'un calcul ouvert par load/calcul_debut.
update calcul
set
    fin = current_timestamp,
    statut = 'ok'
where id_calcul = $id;

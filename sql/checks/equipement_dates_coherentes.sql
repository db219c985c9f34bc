-- controle: un équipement ne ferme pas avant d'avoir ouvert
select id_equipement, annee_ouverture, annee_fermeture
from equipement
where annee_fermeture < annee_ouverture

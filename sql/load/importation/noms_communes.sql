-- Code et nom de chaque commune (pour vérifier que des contours sont bien ceux de communes).
select
    code_commune,
    nom_commune
from commune

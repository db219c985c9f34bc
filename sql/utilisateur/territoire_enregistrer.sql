-- Enregistre (ou remplace) la définition d'un territoire de l'utilisateur.
insert or replace into territoire_utilisateur (
    code_territoire,
    nom_territoire,
    type_territoire,
    epcis,
    communes
)
values ($code, $nom, $type, $epcis, $communes)

-- Ajoute un équipement que l'utilisateur a créé dans Vigie (une crèche de 30 places dans une
-- commune...). « by name » : chaque valeur nommée par sa colonne, l'ordre de la table n'importe pas.
insert into equipement by name
select
    $id_equipement as id_equipement,
    $code_commune as code_commune,
    $service as service,
    $type_equipement as type_equipement,
    $nom as nom,
    $capacite as capacite,
    $unite_capacite as unite_capacite,
    $annee_ouverture as annee_ouverture,
    $annee_fermeture as annee_fermeture,
    $id_source as id_source

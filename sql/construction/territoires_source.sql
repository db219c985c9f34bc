-- La source des territoires de l'utilisateur : sa base de réglages, datée, avec l'empreinte des
-- définitions écrites.
insert into source (id_source, fichier, editeur, titre, millesime, licence, sha256, origine)
values (
    $id_source,
    $fichier,
    'Utilisateur de Vigie',
    'Territoires définis dans Vigie',
    $millesime,
    'Données de la collectivité',
    $sha256,
    'import'
)

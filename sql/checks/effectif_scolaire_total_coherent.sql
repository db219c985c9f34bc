-- controle: les élèves par niveau d'un établissement font son total publié (écoles : pré-élémentaire, élémentaire, ULIS ; collèges : 6e à 3e)
with niveaux as (
    select
        uai,
        annee,
        sum(eleves) filter (where niveau = 'ensemble') as total,
        sum(eleves) filter (
            where (type_etablissement = 'ecole' and niveau in ('pre_elementaire', 'elementaire', 'ulis'))
            or (type_etablissement = 'college' and niveau in ('6e', '5e', '4e', '3e'))
        ) as somme_niveaux
    from effectif_scolaire
    group by all
)
select uai, annee, total, somme_niveaux
from niveaux
where abs(somme_niveaux - total) > 0.5

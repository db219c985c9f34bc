-- Les valeurs d'une vue indicateur (code_commune, annee, valeur [, scenario]) pour les communes
-- d'un périmètre : un scénario, ou tous quand $scenario est nul (et toujours toutes les lignes
-- d'une vue sans scénario).
-- Grain : une ligne par scénario, commune et année. Unité : celle de l'en-tête de la vue.
-- $vue vient de la liste blanche des indicateurs détectés (vigie.analyses.indicateurs), jamais d'un
-- utilisateur ; query_table la lit comme un paramètre lié, pas comme du SQL mis en forme.
with indicateur as (
    -- « union by name » avec une relation vide donne une colonne scenario (nulle) aux vues qui
    -- n'en ont pas : une seule requête pour les deux formes.
    select * from query_table($vue)
    union all by name
    select null::varchar as scenario where false
),

final as (
    select
        indicateur.scenario,
        indicateur.code_commune,
        commune.nom_commune,
        indicateur.annee,
        indicateur.valeur
    from indicateur
    inner join int_commune__perimetres as perimetres
        on perimetres.code_commune = indicateur.code_commune
    inner join commune on commune.code_commune = indicateur.code_commune
    where perimetres.niveau = $niveau
        and perimetres.code_perimetre = $code
        and ($scenario is null or indicateur.scenario = $scenario)
)

select * from final
order by scenario, annee, nom_commune

-- titre: Fiabilité des projections : erreurs et couverture des fourchettes en rétro-projection
-- description: Le modèle est relancé depuis un recensement passé avec les seules données connues
--   alors, puis comparé aux recensements suivants : erreur absolue moyenne en %, biais médian et
--   part des valeurs observées tombées dans les fourchettes à 80 % et 95 % (une fourchette bien
--   calibrée contient la valeur observée 8 fois sur 10, ou 19 fois sur 20).
-- grain: une ligne par année d'origine, horizon, niveau, groupe d'âge, classe de taille de commune
-- unite: pourcentages (erreurs), parts de 0 à 1 (couvertures)
-- source: Vigie, rétro-projection sur le recensement et l'état civil (table projection_backtest)
create or replace view mart_projection_fiabilite as
with

final as (
    select
        annee_origine,
        horizon,
        annee_origine + horizon as annee_cible,
        niveau,
        groupe_age,
        classe_taille,
        effectif,
        erreur_abs_pct,
        biais_median_pct,
        couverture_80,
        couverture_95
    from projection_backtest
)

select * from final

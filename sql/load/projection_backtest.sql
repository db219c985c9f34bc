-- Écriture : erreurs et couvertures de la rétro-projection du territoire construit.
-- Les lignes viennent du DataFrame `_retro` (models.projection.backtest, erreurs et couverture).
-- Grain : une ligne par origine, horizon, niveau, groupe d'âges, classe de taille.
insert into projection_backtest
select
    $id,
    annee_origine,
    horizon,
    niveau,
    groupe_age,
    classe_taille,
    n::integer,
    mape,
    biais_median,
    couverture_80,
    couverture_95
from _retro;

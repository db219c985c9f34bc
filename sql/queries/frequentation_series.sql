-- Les séries d'usage d'un périmètre, avec leur équipement et le modèle retenu par le backtest.
select
    serie.id_serie,
    serie.service,
    serie.indicateur,
    serie.unite,
    serie.frequence,
    serie.code_commune,
    commune.nom_commune,
    equipement.nom as nom_equipement,
    equipement.annee_ouverture,
    equipement.annee_fermeture,
    prevision.statut,
    prevision.modele,
    prevision.libelle_modele,
    prevision.mase_retenu,
    prevision.mase_reference,
    prevision.horizon_backtest,
    prevision.drapeaux,
    prevision.pilote
from usage_serie as serie
inner join int_commune__perimetres as perimetres
    on perimetres.code_commune = serie.code_commune
left join commune on commune.code_commune = serie.code_commune
left join equipement on equipement.id_equipement = serie.id_equipement
left join prevision_serie as prevision on prevision.id_serie = serie.id_serie
where perimetres.niveau = $niveau and perimetres.code_perimetre = $code
order by serie.service, commune.nom_commune, equipement.nom

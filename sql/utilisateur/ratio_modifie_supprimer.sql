-- Oublie les ratios modifiés d'un service dans un périmètre (retour aux valeurs publiées par
-- défaut).
delete from ratio_modifie
where niveau = $niveau and code_perimetre = $code and service = $service

-- Oublie la méthode choisie pour un service dans un périmètre (retour à la méthode par défaut).
delete from methode_choisie
where niveau = $niveau and code_perimetre = $code and service = $service

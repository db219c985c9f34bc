-- Détache le fichier des prévisions précédent.
detach ancien

-- Écrit tout sur le disque avant la fermeture et le renommage du fichier provisoire.
checkpoint

"""Council documents made on this computer, without network: the PDF "dossier de séance"
(`pdf.dossier_pdf`), the one-page commune brief (`pdf.fiche_commune_pdf`) and its batch for all
communes of a territory (`lot.fiches_zip`), the PowerPoint deck (`diaporama.diaporama_pptx`), the
Excel workbook (`classeur.classeur_xlsx`), and the presentation screens (`ecrans.ecrans`).

Everything starts from a `contenu.Dossier` (figures, sentences and charts of one territory and
scenario, the same as the app's); charts become images through matplotlib (`images.en_png`). No
streamlit in this package: the Exporter and Présentation pages and `python -m vigie export` call it.
"""

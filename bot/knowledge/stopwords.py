"""Words that carry no entry name: question words and customs small talk in en, es, fr, pt.

They are ignored when measuring how much of a question a match explains, so "what is the HS code
of lindane?" scores like "lindane". Entity words (convention names, chemical names) never belong
here. Words are stored folded (no accents, lower case).
"""

from __future__ import annotations

_EN = """
a an the is are was be of for to in on at by and or with about from as what which who how why
when where whats do does did can could should would will may i me my we our you your this that
these those it its there any some please tell give show explain info information details
code codes hs number no classification classify classified tariff heading subheading item
contain contains containing content import imported importing export exported exporting
shipment shipments goods product products substance substances chemical chemicals pop pops
allowed banned legal status listed need know meaning mean means called under question
"""
_ES = """
que es son el la los las lo un una unos unas de del al para por en y o u con sin sobre cual
cuales como cuando donde quien me mi mis se su sus esta este esto estos estas eso hay tiene
tienen contiene contienen codigo codigos sa numero nro clasificacion clasifica clasificar
arancel arancelario arancelaria partida subpartida fraccion posicion importar importacion
exportar exportacion envio carga mercancia mercaderia producto productos sustancia sustancias
quimico quimicos informacion info dime decime favor puedo permitido prohibido significa
necesito saber busco llama
"""
_FR = """
que qu quoi est sont le la les l un une des de du d pour par en et ou avec sans sur quel quelle
quels quelles comment ce c cet cette il elle sh numero classement contient contiennent
importer importation exporter exportation marchandise produit produits substance svp
"""
_PT = """
o a os as um uma uns umas de do da dos das para por em no na nos nas e ou com sem sobre qual
quais como quando onde que codigo codigos ncm numero classificacao contem importar importacao
exportar exportacao mercadoria produto produtos substancia informacao significa
"""
STOPWORDS = frozenset(" ".join((_EN, _ES, _FR, _PT)).split())

"""One module per kind of claim, each holding that kind's description (claims/description.py).

Imported one by one, so that a report loads the models of the kinds it reads and no others.
"""

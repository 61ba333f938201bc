"""One claim engine for every kind of claim (see claims/engine.py for the day-by-day rule).

- engine.py: what claims say on a day, which one is preferred, where two sources disagree;
- coverage.py: where an imported release speaks at all;
- provenance.py: the source, agreeing and disputing sources of a report row;
- description.py: what the engine needs to know about a kind of claim;
- kinds/: one description per kind (memberships, terms, states, trade figures, country codes).

Modules are imported by what uses them; this package imports none of them.
"""

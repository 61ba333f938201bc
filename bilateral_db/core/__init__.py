"""The core every layer stands on: vocabularies, partial dates and quoting of user text.

Plain Python that imports nothing heavy (no SQLAlchemy, no pydantic), so the CLI can parse and
check arguments, and print help, before any database layer is loaded.
"""

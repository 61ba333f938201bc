"""bilateral_db: a dated, cited relational database of international relations."""

__version__ = "0.1.0"

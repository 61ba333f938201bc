"""Test helpers shared across the test tree (importable: pytest puts tests/ on the path)."""

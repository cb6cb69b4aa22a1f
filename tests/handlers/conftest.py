"""Handler tests use the `harness` fixture from tests/conftest.py."""

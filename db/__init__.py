"""Data layer: models, engine and session factory, repositories and Alembic migrations."""

"""The migrations and the models describe the same schema."""
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext

from cxgov.extensions import db


def test_models_match_migrations(app):
    with db.engine.connect() as connection:
        context = MigrationContext.configure(connection, opts={"compare_type": True})
        differences = compare_metadata(context, db.metadata)
    assert differences == [], f"models and migrations differ; run `flask db migrate`: {differences}"

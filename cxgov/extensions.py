"""Unbound extension instances, bound to the app in create_app()."""
import sqlite3

from flask_babel import Babel
from flask_login import LoginManager
from flask_migrate import Migrate
from flask_sqlalchemy import SQLAlchemy
from flask_sqlalchemy.session import Session
from flask_wtf.csrf import CSRFProtect
from sqlalchemy import MetaData, event
from sqlalchemy.engine import Engine
from sqlalchemy.orm import DeclarativeBase

# Stable constraint names, so that migrations are the same on every database.
NAMING_CONVENTION = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


class Base(DeclarativeBase):
    """Declarative base carrying the naming convention."""

    metadata = MetaData(naming_convention=NAMING_CONVENTION)


class BoundedSession(Session):
    """A session in which a key no column can hold names no row, instead of failing in the driver."""

    def get(self, entity, ident, **kwargs):
        """As Session.get; None for an integer key outside the database's INTEGER (cxgov.bounds)."""
        from cxgov.bounds import holds

        parts = ident.values() if isinstance(ident, dict) else ident if isinstance(ident, tuple) else (ident,)
        if any(isinstance(part, int) and not holds(part) for part in parts):
            return None
        return super().get(entity, ident, **kwargs)


db = SQLAlchemy(model_class=Base, session_options={"class_": BoundedSession})
migrate = Migrate()
login_manager = LoginManager()
csrf = CSRFProtect()
babel = Babel()


SQLITE_BUSY_TIMEOUT_MS = 15_000  # a writer waits this long for another one's transaction before giving up


@event.listens_for(Engine, "connect")
def _sqlite_pragmas(dbapi_connection, connection_record) -> None:
    """SQLite ignores foreign keys unless asked (PostgreSQL always checks them); it runs in WAL mode, where
    readers never wait for a writer, and a writer waits for another one instead of failing at once."""
    if isinstance(dbapi_connection, sqlite3.Connection):
        cursor = dbapi_connection.cursor()
        cursor.execute("PRAGMA foreign_keys=ON")
        cursor.execute("PRAGMA journal_mode=WAL")  # kept in the file; a database in memory stays in memory
        cursor.execute(f"PRAGMA busy_timeout={SQLITE_BUSY_TIMEOUT_MS}")
        cursor.close()

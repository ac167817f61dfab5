"""Every Flask extension, created once and bound in create_app (init_app pattern)."""

from __future__ import annotations

from flask_login import LoginManager
from flask_migrate import Migrate
from flask_sqlalchemy import SQLAlchemy
from flask_wtf import CSRFProtect
from sqlalchemy import MetaData
from sqlalchemy.orm import DeclarativeBase

from careers.limits import RateLimits
from careers.search.engine import SearchEngine


class Base(DeclarativeBase):
    # Named constraints so Alembic migrations work the same on SQLite (batch mode) and PostgreSQL.
    metadata = MetaData(
        naming_convention={
            "ix": "ix_%(column_0_label)s",
            "uq": "uq_%(table_name)s_%(column_0_name)s",
            "ck": "ck_%(table_name)s_%(constraint_name)s",
            "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
            "pk": "pk_%(table_name)s",
        }
    )


db = SQLAlchemy(model_class=Base)
migrate = Migrate()
login_manager = LoginManager()
csrf = CSRFProtect()
search = SearchEngine()
limiter = RateLimits()  # one Flask-Limiter per app, applied to the views marked with careers.limits.rate_limit

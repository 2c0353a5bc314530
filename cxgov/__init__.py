"""cxgov: govern customer experience across departments."""
from pathlib import Path

from flask import Flask

from cxgov.config import Config, load_or_create_secret
from cxgov.urls import CxgovFlask


def create_app(config: Config | None = None) -> Flask:
    """Build the application; reads like a table of contents."""
    app = CxgovFlask(__name__, template_folder="../templates", static_folder="static",
                     instance_relative_config=True)  # absolute URLs from CXGOV_BASE_URL
    configure(app, config or Config())
    register_input_bounds(app)
    register_extensions(app)
    register_blueprints(app)
    register_api(app)
    register_rate_limits(app)
    register_errorhandlers(app)
    register_template_helpers(app)
    register_security_headers(app)
    register_commands(app)
    return app


def configure(app: Flask, config: Config) -> None:
    """Load settings; fill in the SQLite default and the instance secret."""
    app.config.from_object(config)
    Path(app.instance_path).mkdir(parents=True, exist_ok=True)
    if not app.config.get("SQLALCHEMY_DATABASE_URI"):
        app.config["SQLALCHEMY_DATABASE_URI"] = f"sqlite:///{Path(app.instance_path) / 'cxgov.sqlite'}"
    if not app.config.get("SECRET_KEY"):
        app.config["SECRET_KEY"] = load_or_create_secret(app.instance_path)
    app.config["BABEL_TRANSLATION_DIRECTORIES"] = str(Path(app.root_path) / "translations")


def register_input_bounds(app: Flask) -> None:
    """Integers in URLs, queries and forms bounded to what the database holds (before any route is added)."""
    from cxgov import bounds

    bounds.install(app)


def register_extensions(app: Flask) -> None:
    """Bind the extension instances and the audit hook."""
    from sqlalchemy.orm import Session

    from cxgov.audit import tracking
    from cxgov.auth.session import register_login
    from cxgov.extensions import babel, csrf, db, migrate
    from cxgov.i18n import select_locale

    db.init_app(app)
    migrate.init_app(app, db, directory=str(Path(app.root_path).parent / "migrations"))
    csrf.init_app(app)
    babel.init_app(app, locale_selector=select_locale)
    register_login(app)
    tracking.install(Session)
    from cxgov import tasks

    tasks.configure(app)
    import cxgov.models  # noqa: F401 - every model registered before the first query


def register_blueprints(app: Flask) -> None:
    """Mount each feature's blueprint."""
    import cxgov.assessments.calibration_views  # noqa: F401
    import cxgov.assessments.framework_views  # noqa: F401 - registers routes on the assessments blueprint
    import cxgov.assessments.result_views  # noqa: F401
    from cxgov.assessments.views import bp as assessments_bp
    from cxgov.audit.views import bp as audit_bp
    from cxgov.auth.views import bp as auth_bp
    from cxgov.main.views import bp as main_bp
    from cxgov.org.views import bp as org_bp

    for blueprint in (main_bp, auth_bp, org_bp, assessments_bp, audit_bp):
        app.register_blueprint(blueprint)
    # Each feature below adds its imports and register_blueprint calls under its own marker.
    # --- teams ---
    from cxgov.teams import hooks as teams_hooks
    from cxgov.teams.views import bp as teams_bp

    app.register_blueprint(teams_bp)
    teams_hooks.install()
    # --- targets ---
    from cxgov.targets.views import bp as targets_bp

    app.register_blueprint(targets_bp)
    # --- workshops ---
    from cxgov.workshops.views import bp as workshops_bp

    app.register_blueprint(workshops_bp)
    # --- actions ---
    from cxgov.actions.views import bp as actions_bp

    app.register_blueprint(actions_bp)
    # --- reviews ---
    from cxgov.reviews.views import bp as reviews_bp

    app.register_blueprint(reviews_bp)
    # --- alignment ---
    from cxgov.alignment.views import bp as alignment_bp

    app.register_blueprint(alignment_bp)
    # --- reports ---
    from cxgov.reports.views import bp as reports_bp

    app.register_blueprint(reports_bp)
    # --- rhythm ---
    from cxgov.rhythm.views import bp as rhythm_bp

    app.register_blueprint(rhythm_bp)


def register_api(app: Flask) -> None:
    """The REST API under /api/v1 (token auth, JSON errors) and the token pages."""
    from cxgov.api import auth
    from cxgov.api.token_views import bp as tokens_bp
    from cxgov.api.views import create_api

    auth.register(app)
    create_api(app)
    app.register_blueprint(tokens_bp)


def register_rate_limits(app: Flask) -> None:
    """Sign-in and API budgets (Flask-Limiter; Redis when configured), checked after the API's token."""
    from cxgov import ratelimit

    ratelimit.install(app)


def register_errorhandlers(app: Flask) -> None:
    """Translated pages for 400, 403, 404, 405, 409 and 500."""
    from cxgov.errors import register

    register(app)


def register_template_helpers(app: Flask) -> None:
    """Filters and globals used by every template."""
    from cxgov.templating import register

    register(app)


def register_security_headers(app: Flask) -> None:
    """Content-Security-Policy and friends."""
    from cxgov.security import register

    register(app)


def register_commands(app: Flask) -> None:
    """`flask --app wsgi cxgov …` commands."""
    from cxgov.cli import cxgov_cli

    app.cli.add_command(cxgov_cli)

"""How every API resource's blueprint is made (so that later features get the same behaviour)."""
from flask_smorest import Blueprint

from cxgov.api import errors

API_URL_PREFIX = "/api/v1"


def api_blueprint(name: str, import_name: str, path: str = "", description: str = "") -> Blueprint:
    """A flask-smorest blueprint under /api/v1 whose own failures answer the JSON error body.

    Register it with the Api (`create_api`), which also exempts it from CSRF checks.
    """
    blueprint = Blueprint(name, import_name, url_prefix=API_URL_PREFIX + path, description=description)
    errors.attach(blueprint)
    return blueprint

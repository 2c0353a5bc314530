"""The REST API under /api/v1 (flask-smorest): the Api object and the first resources.

A resource view has the shape of a page: token_required(predicate) first, then
load (404 as JSON), check a record's predicate with `permissions.check`, act. Later features make
their blueprints with `api_blueprint` and add them to BLUEPRINTS.
"""
from flask import Flask
from flask_login import current_user
from flask_smorest import Api

from cxgov.api import errors
from cxgov.api.auth import token_required
from cxgov.api.blueprint import api_blueprint, document_bounds
from cxgov.api.errors import ErrorBodySchema
from cxgov.api.pagination import paginate
from cxgov.api.schemas import DepartmentListArgsSchema, DepartmentPageSchema, DepartmentSchema, MeSchema
from cxgov.extensions import csrf, db
from cxgov.org.models import Department
from cxgov.permissions import can_use_api, can_view_directory

API_SETTINGS = {
    "API_TITLE": "cxgov API",
    "API_VERSION": "v1",
    "OPENAPI_VERSION": "3.0.3",
    "OPENAPI_URL_PREFIX": "/api/v1",
    "OPENAPI_JSON_PATH": "openapi.json",
    "API_SPEC_OPTIONS": {
        "info": {"description": (
            "Customer experience governance. Authenticate every request with a personal token "
            "(Account → API tokens, or `flask cxgov create-token`): `Authorization: Bearer <token>`. "
            "Cookies are ignored. Lists take `page` and `page_size` and answer "
            "`{items, page, page_size, total, pages}`. Every error answers "
            "`{\"error\": {\"code\", \"message\", \"details\"}}`."
        )},
        "security": [{"bearerAuth": []}],
    },
}

BEARER_SCHEME = {"type": "http", "scheme": "bearer",
                 "description": "A personal API token, `cxg_…`, created under Account → API tokens."}


class CxgovApi(Api):
    """flask-smorest's Api with cxgov's error body, CSRF exemption and error handlers."""

    ERROR_SCHEMA = ErrorBodySchema
    DEFAULT_ERROR_RESPONSE_NAME = None  # each operation lists the errors it answers (ApiBlueprint)

    def _register_error_handlers(self):
        """Our JSON errors under /api/ only (flask-smorest's would answer JSON on every page)."""
        errors.register(self._app)

    def _register_pagination_header(self):
        """Lists answer an envelope (cxgov.api.pagination), never flask-smorest's X-Pagination header."""

    def register_blueprint(self, blp, **options):
        """Token requests carry no cookie, so no CSRF token either."""
        csrf.exempt(blp)
        super().register_blueprint(blp, **options)


departments_blp = api_blueprint("api_departments", __name__, "/departments", "The organisation's departments.")
account_blp = api_blueprint("api_account", __name__, description="The token's own user.")


@departments_blp.route("")
@token_required(can_view_directory)
@departments_blp.arguments(DepartmentListArgsSchema, location="query", as_kwargs=True)
@departments_blp.response(200, DepartmentPageSchema)
def list_departments(include_archived: bool, **page_args):
    """List departments by code; archived ones only with include_archived=true."""
    query = db.select(Department).order_by(Department.code)
    if not include_archived:
        query = query.where(Department.archived_at.is_(None))
    return paginate(query, page_args)


@departments_blp.route("/<int:department_id>")
@token_required(can_view_directory)
@departments_blp.response(200, DepartmentSchema)
def get_department(department_id: int):
    """One department, archived or not (records of the past refer to archived ones)."""
    return db.get_or_404(Department, department_id)


@account_blp.route("/me")
@token_required(can_use_api)
@account_blp.response(200, MeSchema)
def me():
    """The user the token belongs to, with roles and department."""
    user = current_user
    return {"id": user.id, "email": user.email, "name": user.name, "job_title": user.job_title,
            "locale": user.locale, "roles": sorted(user.roles), "department": user.department}


BLUEPRINTS = (departments_blp, account_blp)


def create_api(app: Flask) -> CxgovApi:
    """Bind an Api to the app, declare the bearer scheme and mount the resources."""
    for key, value in API_SETTINGS.items():
        app.config.setdefault(key, value)
    api = CxgovApi(app)
    api.spec.components.security_scheme("bearerAuth", BEARER_SCHEME)
    api.ma_plugin.converter.add_attribute_function(document_bounds)
    from cxgov.assessments.api import blp as assessments_blp  # features add their blueprints here

    for blueprint in (*BLUEPRINTS, assessments_blp):
        api.register_blueprint(blueprint)
    # Each feature below imports its API blueprint and calls api.register_blueprint under its own marker.
    # --- teams ---
    from cxgov.teams.api import blp as teams_blp

    api.register_blueprint(teams_blp)
    # --- targets ---
    from cxgov.targets.api import blp as targets_api_blp

    api.register_blueprint(targets_api_blp)
    # --- workshops ---
    from cxgov.workshops.api import blp as workshops_api_blp

    api.register_blueprint(workshops_api_blp)
    # --- actions ---
    from cxgov.actions.api import blp as actions_api_blp

    api.register_blueprint(actions_api_blp)
    # --- alignment ---
    return api

"""Action items in the REST API."""
from cxgov.api.blueprint import api_blueprint

blp = api_blueprint("api_actions", __name__, "/actions", "Action items from every source.")

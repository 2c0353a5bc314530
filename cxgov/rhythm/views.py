"""The rhythm's pages: the inbox, e-mail preferences, chat channels, calendar feeds and the run log."""
from flask import Blueprint

bp = Blueprint("rhythm", __name__)

# Each part registers its routes on `bp` in its own module.
import cxgov.rhythm.calendar_views  # noqa: E402,F401
import cxgov.rhythm.chat_views  # noqa: E402,F401
import cxgov.rhythm.inbox_views  # noqa: E402,F401
import cxgov.rhythm.mail_views  # noqa: E402,F401
import cxgov.rhythm.run_views  # noqa: E402,F401

"""Translated labels for the organisation's fixed choices."""
from flask_babel import lazy_gettext as _l

DEPARTMENT_KIND_LABELS = {
    "customer_facing": _l("Customer-facing"),
    "support": _l("Support"),
    "functional": _l("Functional"),
}

MONTH_LABELS = {
    1: _l("January"), 2: _l("February"), 3: _l("March"), 4: _l("April"), 5: _l("May"), 6: _l("June"),
    7: _l("July"), 8: _l("August"), 9: _l("September"), 10: _l("October"), 11: _l("November"),
    12: _l("December"),
}

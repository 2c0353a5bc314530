"""Labels the annual report needs from every feature, in one place for the page and the PDF."""
from __future__ import annotations

from flask_babel import lazy_gettext as _l

from cxgov.actions.labels import SOURCE_LABELS, STATUS_LABELS
from cxgov.reviews.labels import HANDOVER_LABELS
from cxgov.targets.labels import STATUS_LABELS as TARGET_STATUSES

SECTIONS = {
    "summary": _l("Executive summary"),
    "maturity": _l("CX maturity year over year"),
    "scorecards": _l("Department scorecards"),
    "rotation": _l("Rotation of the project director"),
    "reviews": _l("Quarterly review decisions"),
    "alignment": _l("Annual alignment review"),
    "actions": _l("Corrective action plan"),
    "appendix": _l("Appendix: tables"),
}


def context() -> dict:
    """The label dictionaries templates use."""
    return {"sections": SECTIONS, "action_statuses": STATUS_LABELS, "action_sources": SOURCE_LABELS,
            "target_statuses": TARGET_STATUSES, "handover_labels": HANDOVER_LABELS}

"""Where an action came from: (source, source_id) → a link to that record, without a query per row."""
from __future__ import annotations

from typing import NamedTuple

from flask import url_for

from cxgov.actions.labels import SOURCE_LABELS

# source → (endpoint, its id argument); manual actions have no page to link to.
ENDPOINTS = {
    "review": ("reviews.decision", "decision_id"),
    "workshop_idea": ("workshops.idea", "idea_id"),
    "assessment": ("assessments.results_page", "cycle_id"),
    "alignment": ("alignment.area", "area_id"),
}


class SourceLink(NamedTuple):
    """The page an action came from, and what kind of record it is."""

    url: str
    label: str


def source_url(source: str, source_id: int | None, external: bool = False) -> str | None:
    """The address of the record an action came from, or None for an action added by hand."""
    endpoint = ENDPOINTS.get(source)
    if endpoint is None or source_id is None:
        return None
    return url_for(endpoint[0], _external=external, **{endpoint[1]: source_id})


def source_link(source: str, source_id: int | None) -> SourceLink | None:
    """The link and label of an action's source, or None when there is nothing to link to."""
    url = source_url(source, source_id)
    return SourceLink(url, str(SOURCE_LABELS.get(source, source))) if url else None


def source_title(source: str, source_id: int | None) -> str | None:
    """The title of the source record, for one action's page (one query; None when unknown)."""
    from cxgov.extensions import db

    if source_id is None:
        return None
    if source == "workshop_idea":
        from cxgov.workshops.models import Idea

        idea = db.session.get(Idea, source_id)
        return idea.title if idea else None
    if source == "assessment":
        from cxgov.assessments.models import Cycle

        cycle = db.session.get(Cycle, source_id)
        return cycle.name if cycle else None
    return None

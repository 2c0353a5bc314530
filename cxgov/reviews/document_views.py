"""The review's pack and minutes as PDF, in Chinese or English."""
from __future__ import annotations

from flask import Response, request, url_for
from flask_babel import force_locale
from flask_login import current_user

from cxgov.org import queries as org_queries
from cxgov.org.operations import get_organisation
from cxgov.permissions import can_view_review_draft, can_view_reviews, check, require
from cxgov.reports import documents, pdf
from cxgov.reviews import queries
from cxgov.reviews.views import bp, pack_context


def _document(review_id: int, with_minutes: bool) -> Response:
    """The review as PDF in the asked language (?lang=zh|en, else the reader's), made by the task worker."""
    review = queries.load_review(review_id)
    check(can_view_review_draft(current_user, review))
    lang = pdf.lang_arg(request.args.get("lang"), org_queries.locale_code())
    with force_locale(lang):
        context = pack_context(review, lang)
    html = pdf.render_html("reports/review.html", lang, **context, with_minutes=with_minutes,
                           organisation=get_organisation())
    kind = "minutes" if with_minutes else "pack"
    name = f"cx-review-{review.year}-q{review.quarter}-{kind}-{lang}.pdf"
    return documents.deliver(html, lang, name, back_url=url_for("reviews.show", review_id=review.id))


@bp.route("/<int:review_id>/pack.pdf")
@require(can_view_reviews)
def pack_pdf(review_id: int):
    """The meeting pack as PDF."""
    return _document(review_id, with_minutes=False)


@bp.route("/<int:review_id>/minutes.pdf")
@require(can_view_reviews)
def minutes_pdf(review_id: int):
    """The minutes (decisions, actions, notes) followed by the pack, as PDF."""
    return _document(review_id, with_minutes=True)

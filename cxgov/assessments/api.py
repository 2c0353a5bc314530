"""Read-only API for frameworks, cycles and published results (/api/v1)."""
import marshmallow as ma
import sqlalchemy as sa
from flask_login import current_user
from sqlalchemy.orm import selectinload

from cxgov.api.auth import token_required
from cxgov.api.blueprint import api_blueprint
from cxgov.api.pagination import PageArgsSchema, page_schema, paginate
from cxgov.api.schemas import UtcDateTime
from cxgov.assessments import results, scoring
from cxgov.assessments.models import Cycle, Dimension, Framework
from cxgov.extensions import db
from cxgov.permissions import (
    VIEWER,
    can_manage_assessments,
    can_view_assessments,
    can_view_cycle,
    can_view_frameworks,
    can_view_results,
    check,
)

blp = api_blueprint("api_assessments", __name__, description="Maturity frameworks, assessment cycles and results.")


class TextSchema(ma.Schema):
    """A text in both languages."""

    en = ma.fields.String(required=True)
    zh = ma.fields.String(required=True)


class FrameworkSummarySchema(ma.Schema):
    """A framework version without its practices."""

    id = ma.fields.Integer(required=True)
    key = ma.fields.String(required=True)
    version = ma.fields.Integer(required=True)
    name_en = ma.fields.String(required=True)
    name_zh = ma.fields.String(required=True)
    created_at = UtcDateTime()


class PracticeSchema(ma.Schema):
    """A practice with its five described levels."""

    id = ma.fields.Integer(required=True)
    code = ma.fields.String(required=True)
    statement_en = ma.fields.String(required=True)
    statement_zh = ma.fields.String(required=True)
    weight = ma.fields.Float(required=True)
    levels = ma.fields.List(ma.fields.Nested(TextSchema), required=True)


class DimensionSchema(ma.Schema):
    """A dimension and its practices."""

    id = ma.fields.Integer(required=True)
    code = ma.fields.String(required=True)
    name_en = ma.fields.String(required=True)
    name_zh = ma.fields.String(required=True)
    weight = ma.fields.Float(required=True)
    practices = ma.fields.List(ma.fields.Nested(PracticeSchema), required=True)


class FrameworkSchema(FrameworkSummarySchema):
    """A whole framework version."""

    level_names = ma.fields.List(ma.fields.Nested(TextSchema), required=True)
    dimensions = ma.fields.List(ma.fields.Nested(DimensionSchema), required=True)


class CycleSchema(ma.Schema):
    """An assessment cycle."""

    id = ma.fields.Integer(required=True)
    name = ma.fields.String(required=True)
    state = ma.fields.String(required=True, metadata={"description": "draft, open, calibration or published."})
    framework_id = ma.fields.Integer(required=True)
    opens_on = ma.fields.Date(required=True)
    due_on = ma.fields.Date(required=True)
    published_at = UtcDateTime(allow_none=True)
    department_ids = ma.fields.Method("_department_ids")
    targets = ma.fields.Method("_targets", metadata={"description": "Target level per dimension code."})

    def _department_ids(self, cycle):
        return sorted(cd.department_id for cd in cycle.departments)

    def _targets(self, cycle):
        codes = {d.id: d.code for d in cycle.framework.dimensions}
        return {codes[t.dimension_id]: t.target for t in cycle.targets if t.dimension_id in codes}


class ResultsSchema(ma.Schema):
    """A cycle's results: company, departments, walls, gaps, change since the previous cycle (like for like)."""

    cycle_id = ma.fields.Integer(required=True)
    previous_cycle_id = ma.fields.Integer(allow_none=True, metadata={
        "description": "The cycle compared with: the latest comparable published cycle whose period ran before "
                       "(a full cycle is compared with the previous full one)."})
    coverage = ma.fields.Dict(required=True, metadata={
        "description": "covered departments of those expected; full: whether the cycle speaks for the company."})
    comparison = ma.fields.Dict(allow_none=True, metadata={
        "description": "What the change compares: the departments both cycles covered, those left out and the "
                       "dimension codes not shared by both framework versions."})
    overall = ma.fields.Float(allow_none=True)
    overall_change = ma.fields.Float(allow_none=True)
    level = ma.fields.Integer(allow_none=True)
    dimensions = ma.fields.List(ma.fields.Dict(), required=True)
    departments = ma.fields.List(ma.fields.Dict(), required=True)
    weakest_practices = ma.fields.List(ma.fields.Dict(), required=True)


FrameworkPageSchema = page_schema(FrameworkSummarySchema, "FrameworkPage")
CyclePageSchema = page_schema(CycleSchema, "CyclePage")


@blp.route("/frameworks")
@token_required(can_view_frameworks)
@blp.arguments(PageArgsSchema, location="query", as_kwargs=True)
@blp.response(200, FrameworkPageSchema)
def list_frameworks(**page_args):
    """Framework versions, newest first per key."""
    return paginate(sa.select(Framework).order_by(Framework.key, Framework.version.desc()), page_args)


@blp.route("/frameworks/<int:framework_id>")
@token_required(can_view_frameworks)
@blp.response(200, FrameworkSchema)
def get_framework(framework_id: int):
    """A framework version with dimensions, practices and level descriptions."""
    return db.first_or_404(sa.select(Framework).where(Framework.id == framework_id).options(
        selectinload(Framework.dimensions).selectinload(Dimension.practices)))


def _visible_cycles() -> sa.Select:
    """Cycles the token's user may see: all for managers, published ones for viewers, else all but drafts."""
    query = sa.select(Cycle).options(selectinload(Cycle.departments), selectinload(Cycle.targets),
                                     selectinload(Cycle.framework).selectinload(Framework.dimensions))
    if can_manage_assessments(current_user):
        return query
    if current_user.has_role(VIEWER):
        return query.where(Cycle.state == "published")
    return query.where(Cycle.state != "draft")


@blp.route("/cycles")
@token_required(can_view_assessments)
@blp.arguments(PageArgsSchema, location="query", as_kwargs=True)
@blp.response(200, CyclePageSchema)
def list_cycles(**page_args):
    """Assessment cycles, newest first."""
    return paginate(_visible_cycles().order_by(Cycle.opens_on.desc(), Cycle.id.desc()), page_args)


@blp.route("/cycles/<int:cycle_id>")
@token_required(can_view_assessments)
@blp.response(200, CycleSchema)
def get_cycle(cycle_id: int):
    """One cycle with its departments and targets."""
    cycle = db.get_or_404(Cycle, cycle_id)
    check(can_view_cycle(current_user, cycle))
    return cycle


def _round(value):
    """Three decimals in the API."""
    return None if value is None else round(value, 3)


PLACES = 3  # the API rounds scores to three decimals; a change is the difference of those


def _dimension_rows(view: results.CycleView) -> list[dict]:
    """Company results per dimension."""
    rows = []
    for dim in view.dimensions:
        change = view.change(dim.code, places=PLACES)
        walls = view.result.walls[dim.code]
        rows.append({"code": dim.code, "name_en": dim.name_en, "name_zh": dim.name_zh,
                     "score": _round(view.result.organisation.get(dim.code)),
                     "level": scoring.level_of(view.result.organisation.get(dim.code)),
                     "target": view.targets.get(dim.code), "gap": _round(view.result.target_gaps.get(dim.code)),
                     "walls_sd": _round(walls.sd), "walls_low": _round(walls.low), "walls_high": _round(walls.high),
                     "change": change.delta if change else None,
                     "crossed_level": change.crossed_level if change else None})
    return rows


def _department_rows(view: results.CycleView) -> list[dict]:
    """Each department's results."""
    rows = []
    for dept in view.departments:
        res = view.result.departments.get(dept.id)
        change = view.overall_change(dept.id, places=PLACES)
        rows.append({
            "department_id": dept.id, "code": dept.code, "respondents": res.respondents if res else 0,
            "overall": _round(res.overall) if res else None,
            "level": scoring.level_of(res.overall) if res else None,
            "scores": {d: _round(v) for d, v in res.scores.items()} if res else {},
            "raw": {d: {"mean": _round(s.mean), "sd": _round(s.sd), "n": s.n} for d, s in res.raw.items()}
            if res else {},
            "calibrated": {d: _round(v) for d, v in res.calibrated.items()} if res else {},
            "perception_gap": {d: _round(v) for d, v in res.perception_gap.items()} if res else {},
            "covered": dept.id in view.record.covered, "change": change.delta if change else None,
        })
    return rows


def _coverage(view: results.CycleView) -> dict:
    """How much of the company the cycle covered."""
    cov = view.coverage
    return {"covered": cov.covered, "of": cov.of, "full": cov.full, "missing_department_ids": sorted(cov.missing)}


def _comparison(view: results.CycleView) -> dict | None:
    """What the change compares and what it leaves out."""
    c = view.comparison
    if c is None:
        return None
    return {"department_ids": list(c.departments), "left_out_department_ids": sorted(c.only_before | c.only_after),
            "dimensions": list(c.dimensions), "left_out_dimensions": list(c.dimensions_left_out)}


@blp.route("/cycles/<int:cycle_id>/results")
@token_required(can_view_assessments)
@blp.response(200, ResultsSchema)
def get_results(cycle_id: int):
    """Published results (managers may also read them during calibration)."""
    cycle = db.get_or_404(Cycle, cycle_id)
    check(can_view_results(current_user, cycle))
    view = results.load(cycle)
    weakest = scoring.weakest_practices(view.result.practice_means, 5)
    overall = view.overall_change(places=PLACES)
    return {
        "cycle_id": cycle.id, "previous_cycle_id": view.previous.cycle.id if view.previous else None,
        "coverage": _coverage(view), "comparison": _comparison(view),
        "overall": _round(view.result.overall), "level": scoring.level_of(view.result.overall),
        "overall_change": overall.delta if overall else None,
        "dimensions": _dimension_rows(view), "departments": _department_rows(view),
        "weakest_practices": [{"practice_id": pid, "code": view.practices[pid].code, "mean": _round(s.mean), "n": s.n}
                              for pid, s in weakest],
    }

"""The import door for targets: a CSV or XLSX file, every row through the target gate, all rows or none.

The door only translates: it reads each row (headers and values in either language, date cells as
months), finds the department and owner, and hands the row to `operations.add_target`, or, when
the row has an id (an edited export), to `operations.edit_target` with the exported version. Every
rule is the gate's. The door itself reports what only a file can get wrong: a cell it cannot read,
the same target twice in the file or already stored, an id that matches no target.
"""
from __future__ import annotations

from datetime import date

import sqlalchemy as sa
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l

from cxgov import imports, rules
from cxgov.auth.models import User
from cxgov.errors import StaleEdit
from cxgov.exports import Column
from cxgov.extensions import db
from cxgov.imports import CellProblem, FileProblem, ImportResult
from cxgov.org.models import Department
from cxgov.targets import operations
from cxgov.targets.forms import DIRECTION_LABELS, KIND_LABELS
from cxgov.targets.labels import APPROVAL_LABELS, STATUS_LABELS
from cxgov.targets.models import Target

# The columns the import reads, in the order of the template and the export: machine name → label.
COLUMNS = {
    "id": _l("ID"), "department_code": _l("Department"), "month": _l("Month"), "title": _l("Title"),
    "description": _l("Description"), "kind": _l("Kind"), "unit": _l("Unit"), "direction": _l("Direction"),
    "baseline": _l("Baseline"), "target_value": _l("Target value"), "owner_email": _l("Owner's e-mail"),
    "points": _l("Incentive points"), "dimension_code": _l("Maturity dimension"), "evidence": _l("Evidence"),
    "version": _l("Version"),
}
# Columns only the export has; the import knows their names and ignores them.
EXPORT_ONLY = {"status": _l("Status"), "actual": _l("Actual"), "last_update": _l("Last update"),
               "approval": _l("Approval"), "points_earned": _l("Points earned")}
REQUIRED = ("department_code", "month", "title")
KIND_NAMES = {"numeric": _l("Numeric"), "milestone": _l("Milestone")}
TEXT_FIELDS = ("title", "description", "unit", "evidence")
FIELD_COLUMNS = {"owner_id": "owner_email"}  # a gate field → the column it came from
FIELD_COLUMNS_BACK = {column: field for field, column in FIELD_COLUMNS.items()}


def import_targets(raw: bytes, filename: str, user: User, today: date) -> ImportResult:
    """Every row through the gate; on any problem nothing stays written (the session is rolled back)."""
    try:
        table = imports.read_table(raw, filename, COLUMNS | EXPORT_ONLY, REQUIRED)
    except FileProblem as problem:
        return ImportResult(errors=[(problem.row, problem.message)])
    lookup = _Lookup(table)
    plans, errors = [], []
    for number, row in table.rows:
        plan, problems = lookup.plan(row)
        errors += [(number, p) for p in problems]
        if not problems:
            plans.append((number, plan))
    errors += _duplicates(plans)
    result = _run(plans, user, today, skip={n for n, _m in errors})
    result.errors = sorted(errors + result.errors, key=lambda e: e[0])
    if result.errors:
        db.session.rollback()  # all or nothing: rows the gate took are undone too
    return result


class _Lookup:
    """What the rows refer to, loaded once: departments, users, the targets of the file's ids, the spellings."""

    def __init__(self, table: imports.Table):
        self.columns = table.columns
        self.departments = {}
        for dept in db.session.scalars(sa.select(Department)):
            for key in (dept.code, dept.name_en, dept.name_zh):
                self.departments.setdefault(imports.norm(key), dept)
        self.users = {u.email.lower(): u for u in db.session.scalars(sa.select(User))}
        self.kinds = imports.spellings(KIND_NAMES, KIND_LABELS)
        self.directions = imports.spellings(DIRECTION_LABELS)
        wanted = {_id for _id in (_quiet_id(r.get("id")) for _n, r in table.rows) if _id is not None}
        self.targets = {t.id: t for t in db.session.scalars(sa.select(Target).where(Target.id.in_(wanted)))}

    def plan(self, row: dict) -> tuple[dict, list[str]]:
        """One row as the gate's arguments, and every cell the door cannot read."""
        problems: list[str] = []

        def read(convert, *args):
            """The converted cell, or None with its problem noted."""
            try:
                return convert(*args)
            except CellProblem as problem:
                problems.append(str(problem))
                return None

        plan = {"target": read(self._target, row.get("id")), "department": read(self._department, row),
                "month": read(imports.month, row.get("month"), COLUMNS["month"]) or "",  # none: the gate asks
                "version": read(imports.whole, row.get("version"), COLUMNS["version"]), "data": {}}
        for field, convert in self._fields():
            if field in self.columns or field in ("kind", "direction", "points"):
                value = read(convert, row.get(field), field)
                if value is not None or field not in ("kind", "direction", "points"):  # empty: the default
                    plan["data"][FIELD_COLUMNS_BACK.get(field, field)] = value
        target = plan["target"]
        if target is not None and plan["department"] is not None and (
                target.department_id != plan["department"].id or target.month != plan["month"]):
            problems.append(_("Target %(id)s belongs to %(department)s, %(month)s: a target cannot move to "
                              "another department or month.", id=target.id, department=target.department.code,
                              month=target.month))
        return plan, problems

    def _fields(self):
        """Each target column with the function that reads its cell."""
        text = {f: (lambda v, _f: imports.text(v)) for f in TEXT_FIELDS}
        return [*text.items(), ("kind", lambda v, _f: self._spelled(v, self.kinds)),
                ("direction", lambda v, _f: self._spelled(v, self.directions)),
                ("baseline", lambda v, f: imports.number(v, COLUMNS[f])),
                ("target_value", lambda v, f: imports.number(v, COLUMNS[f])), ("points", self._points),
                ("dimension_code", lambda v, _f: imports.text(v) or None), ("owner_email", self._owner)]

    def _target(self, value) -> Target | None:
        """The target of the row's id, None without an id."""
        target_id = imports.whole(value, COLUMNS["id"])
        if target_id is not None and target_id not in self.targets:
            raise CellProblem(_("No target has the id %(id)s.", id=target_id))
        return self.targets.get(target_id)

    def _department(self, row: dict) -> Department:
        """The department named by its code or its name in either language."""
        shown = imports.text(row.get("department_code"))
        dept = self.departments.get(imports.norm(shown)) if shown else None
        if dept is None:
            raise CellProblem(_("Department “%(v)s” does not exist.", v=shown))
        return dept

    @staticmethod
    def _spelled(value, known: dict[str, str]) -> str | None:
        """The code of a choice in any language; a value no language spells is handed on for the gate to word."""
        shown = imports.text(value)
        return known.get(imports.norm(shown), shown) if shown else None

    @staticmethod
    def _points(value, field: str) -> int | float | None:
        """Points as a whole number when they are one (the gate refuses the rest)."""
        points = imports.number(value, COLUMNS[field])
        return int(points) if points is not None and points.is_integer() else points

    def _owner(self, value, _field: str = "") -> int | None:
        """The id of the user with the e-mail, None when empty."""
        email = imports.text(value).lower()
        if not email:
            return None
        if email not in self.users:
            raise CellProblem(_("No user has the e-mail “%(v)s”.", v=email))
        return self.users[email].id


def _quiet_id(value) -> int | None:
    """The id in a cell, or None when it is empty or not a whole number (plan() says so)."""
    try:
        return imports.whole(value, "")
    except CellProblem:
        return None


def _key(department_id: int, month: str, title: str) -> tuple:
    """What makes two targets the same: department, month and title (case and spaces aside)."""
    return department_id, month, imports.norm(title)


def _duplicates(plans: list[tuple[int, dict]]) -> list[tuple[int, str]]:
    """Rows that repeat an earlier row (same target or same id) or a stored target other than their own."""
    errors, seen, seen_ids = [], {}, {}
    months = {plan["month"] for _n, plan in plans}
    stored = {_key(t.department_id, t.month, t.title): t
              for t in db.session.scalars(sa.select(Target).where(Target.month.in_(months)))}
    for number, plan in plans:
        target = plan["target"]
        title = plan["data"].get("title", target.title if target else "")
        key = _key(plan["department"].id, plan["month"], title)
        if target is not None and target.id in seen_ids:
            errors.append((number, _("Target %(id)s is already in row %(row)s.", id=target.id,
                                     row=seen_ids[target.id])))
        elif key in seen:
            errors.append((number, _("Row %(row)s has the same department, month and title.", row=seen[key])))
        elif key in stored and stored[key] is not target:
            other = stored[key]
            errors.append((number, _("%(department)s already has “%(title)s” in %(month)s (target %(id)s); to change "
                                     "it, give its id.", department=other.department.code, title=other.title,
                                     month=other.month, id=other.id)))
        seen.setdefault(key, number)
        if target is not None:
            seen_ids.setdefault(target.id, number)
    return errors


def _run(plans: list[tuple[int, dict]], user: User, today: date, skip: set[int]) -> ImportResult:
    """Each row the door could read through the gate, in file order; unchanged rows are left alone."""
    result = ImportResult()
    for number, plan in plans:
        if number in skip:
            continue
        target = plan["target"]
        if target is not None and not _changes(target, plan["data"]):
            result.unchanged += 1
            continue
        try:
            _write(plan, user, today)
        except rules.Refusal as refusal:
            result.errors += [(number, message) for message in refusal_messages(refusal)]
        except StaleEdit:
            result.errors.append((number, _(
                "Target %(id)s was changed by someone else after the file was exported (version %(old)s, now "
                "%(new)s): export the list again and make your change there.", id=target.id, old=plan["version"],
                new=target.version)))
        else:
            result.updated += target is not None
            result.created += target is None
    return result


def _write(plan: dict, user: User, today: date) -> Target:
    """One row through the gate: an update of its id with the exported version, or a new target."""
    if plan["target"] is not None:
        return operations.edit_target(plan["target"], plan["data"], user, today, plan["version"])
    return operations.add_target(plan["department"], plan["month"], plan["data"], user, today)


def _changes(target: Target, data: dict) -> bool:
    """True when a row would change the stored target."""
    return any((getattr(target, field) or None) != (value or None) if field in TEXT_FIELDS
               else getattr(target, field) != value for field, value in data.items())


def refusal_messages(refusal: rules.Refusal) -> list[str]:
    """The gate's refusal in the reader's language, each field's problem after its column's label."""
    if not isinstance(refusal, rules.Invalid):
        return [rules.word(refusal)]
    messages = []
    for field, texts in rules.field_messages(refusal).items():
        label = COLUMNS.get(FIELD_COLUMNS.get(field, field))
        messages += [_("“%(column)s”: %(message)s", column=label, message=t) if label else t for t in texts]
    return messages


def export_columns() -> list[Column]:
    """The export's columns: the import's first, so that an edited export comes back as updates, then the facts."""
    return [Column(name, label) for name, label in (COLUMNS | EXPORT_ONLY).items()]


def export_row(target: Target, status: str, earned: int) -> list:
    """One target as export cells: choices and states in the reader's language, numbers as numbers; `earned` is
    what the one roll-up (rollup.achievement) credits it with, so the column adds up to the company page."""
    last = operations.latest(target)
    actual = ""
    if last is not None:
        actual = last.value if target.kind == "numeric" else (_("Done") if last.done else _("Not done yet"))
    return [target.id, target.department.code, target.month, target.title, target.description,
            str(KIND_NAMES.get(target.kind, target.kind)), target.unit,
            str(DIRECTION_LABELS.get(target.direction, target.direction)), target.baseline, target.target_value,
            target.owner.email if target.owner else "", target.points, target.dimension_code or "",
            target.evidence, target.version, str(STATUS_LABELS.get(status, status)), actual,
            last.on_date if last else None, str(APPROVAL_LABELS.get(target.approval, target.approval)),
            earned]


def example_row(month: str) -> list:
    """The template's one example row (a new target: no id, no version)."""
    return ["", "CS", month, _("Share of tickets answered within 2 hours"), "", str(KIND_NAMES["numeric"]), "%",
            str(DIRECTION_LABELS["higher"]), 82, 90, "", 10, "LISTEN", "", ""]

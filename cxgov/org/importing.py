"""All-or-nothing CSV imports of departments and users.

Every row is checked first; one bad row rejects the whole file with every
problem listed by row number, and nothing is written.
"""
from __future__ import annotations

import csv
import io
import re
from dataclasses import dataclass, field

from email_validator import EmailNotValidError, validate_email
from flask_babel import gettext as _

from cxgov.auth.forms import MIN_PASSWORD
from cxgov.auth.models import User
from cxgov.extensions import db
from cxgov.org import operations
from cxgov.org.forms import CODE_PATTERN
from cxgov.org.models import DEPARTMENT_KINDS, LOCALES, Department
from cxgov.permissions import ROLES

DEPARTMENT_COLUMNS = ("code", "name_en", "name_zh", "kind", "lead_email", "parent_code")
USER_COLUMNS = ("email", "name", "department_code", "roles", "job_title", "locale", "password")


@dataclass
class ImportResult:
    """What an import found: problems by row, or how many rows were written."""

    errors: list[tuple[int, str]] = field(default_factory=list)
    created: int = 0
    updated: int = 0

    @property
    def ok(self) -> bool:
        """True when the file had no problem."""
        return not self.errors


def read_csv(raw: bytes, required: tuple[str, ...]) -> tuple[list[dict], list[tuple[int, str]]]:
    """Decode (UTF-8, or GB18030 as Excel saves Chinese CSV) and parse; rows are numbered as in a spreadsheet."""
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        try:
            text = raw.decode("gb18030")
        except UnicodeDecodeError:
            return [], [(0, _("The file is not text in UTF-8 or GB18030."))]
    reader = csv.DictReader(io.StringIO(text))
    headers = [h.strip().lower() for h in (reader.fieldnames or [])]
    missing = [c for c in required if c not in headers]
    if missing:
        return [], [(1, _("Missing columns: %(cols)s.", cols=", ".join(missing)))]
    reader.fieldnames = headers
    rows = [{k: (v or "").strip() for k, v in row.items() if k} for row in reader]
    if not rows:
        return [], [(0, _("The file has no data rows."))]
    return rows, []


def _existing_departments() -> dict[str, Department]:
    """Departments by upper-case code."""
    return {d.code.upper(): d for d in db.session.scalars(db.select(Department))}


def _existing_users() -> dict[str, User]:
    """Users by lower-case e-mail."""
    return {u.email.lower(): u for u in db.session.scalars(db.select(User))}


def check_department_rows(rows: list[dict]) -> list[tuple[int, str]]:
    """Every problem in a department file, by row number."""
    errors: list[tuple[int, str]] = []
    known = _existing_departments()
    users = _existing_users()
    in_file = {r["code"].upper() for r in rows if r.get("code")}
    seen: set[str] = set()
    for number, row in enumerate(rows, start=2):
        code = row.get("code", "")
        if not CODE_PATTERN.match(code):
            errors.append((number, _("Code “%(v)s” is not valid: use 1–20 letters, digits, '-' or '_'.", v=code)))
        elif code.upper() in seen:
            errors.append((number, _("Code “%(v)s” appears twice in the file.", v=code)))
        seen.add(code.upper())
        for column in ("name_en", "name_zh"):
            if not row.get(column):
                errors.append((number, _("Column %(c)s is empty.", c=column)))
            elif len(row[column]) > 120:
                errors.append((number, _("Column %(c)s is longer than %(n)s characters.", c=column, n=120)))
        if row.get("kind") not in DEPARTMENT_KINDS:
            errors.append((number, _("Kind “%(v)s” is not one of %(choices)s.", v=row.get("kind", ""),
                                     choices=", ".join(DEPARTMENT_KINDS))))
        lead = row.get("lead_email", "").lower()
        if lead and lead not in users:
            errors.append((number, _("No user has the e-mail “%(v)s”.", v=lead)))
        parent = row.get("parent_code", "").upper()
        if parent and parent not in known and parent not in in_file:
            errors.append((number, _("Parent department “%(v)s” does not exist.", v=row.get("parent_code"))))
        elif parent and parent == code.upper():
            errors.append((number, _("A department cannot be its own parent.")))
    return errors


def apply_department_rows(rows: list[dict]) -> ImportResult:
    """Create or update departments by code (rows already checked)."""
    result = ImportResult()
    known = _existing_departments()
    users = _existing_users()
    for row in rows:
        data = {"code": row["code"].upper(), "name_en": row["name_en"], "name_zh": row["name_zh"], "kind": row["kind"],
                "lead_id": users[row["lead_email"].lower()].id if row.get("lead_email") else None}
        existing = known.get(row["code"].upper())
        if existing:
            operations.update_department(existing, data, None)
            result.updated += 1
        else:
            known[row["code"].upper()] = operations.create_department(data)
            result.created += 1
    for row in rows:  # parents last: a parent may be defined further down the file
        parent = row.get("parent_code", "").upper()
        known[row["code"].upper()].parent_id = known[parent].id if parent else None
    db.session.flush()
    return result


def import_departments(raw: bytes) -> ImportResult:
    """Check the whole file, then write all of it or nothing."""
    rows, errors = read_csv(raw, ("code", "name_en", "name_zh", "kind"))
    errors = errors or check_department_rows(rows)
    return ImportResult(errors=errors) if errors else apply_department_rows(rows)


def split_roles(value: str) -> list[str]:
    """Roles separated by ';', '|' or spaces."""
    return [r for r in re.split(r"[;|\s]+", value.strip().lower()) if r]


def _check_email(value: str) -> str | None:
    """The normalised e-mail, or None when it is not valid."""
    try:
        return validate_email(value, check_deliverability=False).normalized.lower()
    except EmailNotValidError:
        return None


def check_user_rows(rows: list[dict]) -> list[tuple[int, str]]:
    """Every problem in a user file, by row number."""
    errors: list[tuple[int, str]] = []
    departments = _existing_departments()
    seen: set[str] = set()
    for number, row in enumerate(rows, start=2):
        email = _check_email(row.get("email", ""))
        if email is None:
            errors.append((number, _("“%(v)s” is not a valid e-mail address.", v=row.get("email", ""))))
        elif email in seen:
            errors.append((number, _("E-mail “%(v)s” appears twice in the file.", v=email)))
        seen.add(email or "")
        if not row.get("name"):
            errors.append((number, _("Column %(c)s is empty.", c="name")))
        elif len(row["name"]) > 120:
            errors.append((number, _("Column %(c)s is longer than %(n)s characters.", c="name", n=120)))
        code = row.get("department_code", "").upper()
        if code and code not in departments:
            errors.append((number, _("Department “%(v)s” does not exist.", v=row.get("department_code"))))
        roles = split_roles(row.get("roles", ""))
        unknown = [r for r in roles if r not in ROLES]
        if not roles:
            errors.append((number, _("Give at least one role.")))
        elif unknown:
            errors.append((number, _("Unknown roles: %(v)s. Use: %(choices)s.", v=", ".join(unknown),
                                     choices=", ".join(ROLES))))
        if row.get("locale") and row["locale"] not in LOCALES:
            errors.append((number, _("Language “%(v)s” is not en or zh.", v=row["locale"])))
        if row.get("password") and len(row["password"]) < MIN_PASSWORD:
            errors.append((number, _("The password is shorter than %(n)s characters.", n=MIN_PASSWORD)))
    return errors


def apply_user_rows(rows: list[dict]) -> ImportResult:
    """Create or update users by e-mail (rows already checked)."""
    result = ImportResult()
    departments = _existing_departments()
    users = _existing_users()
    for row in rows:
        email = _check_email(row["email"])
        code = row.get("department_code", "").upper()
        data = {"email": email, "name": row["name"], "job_title": row.get("job_title") or None,
                "department_id": departments[code].id if code else None, "locale": row.get("locale") or None}
        roles = split_roles(row["roles"])
        if email in users:
            operations.update_user(users[email], data, roles, None)
            if row.get("password"):
                users[email].set_password(row["password"])
            result.updated += 1
        else:
            operations.create_user(data, roles, row.get("password") or operations.generate_password())
            result.created += 1
    db.session.flush()
    return result


def import_users(raw: bytes) -> ImportResult:
    """Check the whole file, then write all of it or nothing."""
    rows, errors = read_csv(raw, ("email", "name", "roles"))
    errors = errors or check_user_rows(rows)
    return ImportResult(errors=errors) if errors else apply_user_rows(rows)

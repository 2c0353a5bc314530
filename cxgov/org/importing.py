"""All-or-nothing CSV imports of departments and users.

Every row is checked first; one bad row rejects the whole file with every problem listed by the
row number the spreadsheet shows, and nothing is written. Headers and choices may be given in
either language; problems name the column by its label in the reader's language.
"""
from __future__ import annotations

import re

from email_validator import EmailNotValidError, validate_email
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l

from cxgov import imports
from cxgov.auth import passwords
from cxgov.auth.models import User
from cxgov.extensions import db
from cxgov.i18n import LOCALE_NAMES
from cxgov.imports import CellProblem, FileProblem, ImportResult
from cxgov.org import operations
from cxgov.org.forms import CODE_PATTERN
from cxgov.org.labels import DEPARTMENT_KIND_LABELS
from cxgov.org.models import Department
from cxgov.permissions import ROLE_LABELS

__all__ = ["ImportResult", "import_departments", "import_users"]

DEPARTMENT_COLUMNS = {"code": _l("Code"), "name_en": _l("Name (English)"), "name_zh": _l("Name (Chinese)"),
                      "kind": _l("Kind"), "lead_email": _l("Lead's e-mail"), "parent_code": _l("Parent department")}
USER_COLUMNS = {"email": _l("E-mail"), "name": _l("Name"), "department_code": _l("Department"), "roles": _l("Roles"),
                "job_title": _l("Job title"), "locale": _l("Language"), "password": _l("Password")}
NAME_LENGTH = 120


def _existing_departments() -> dict[str, Department]:
    """Departments by their code and by their names in either language (compared loosely)."""
    found: dict[str, Department] = {}
    for dept in db.session.scalars(db.select(Department)):
        for key in (dept.code, dept.name_en, dept.name_zh):
            found.setdefault(imports.norm(key), dept)
    return found


def _existing_users() -> dict[str, User]:
    """Users by lower-case e-mail."""
    return {u.email.lower(): u for u in db.session.scalars(db.select(User))}


def _read(raw: bytes, filename: str, columns: dict, required: tuple[str, ...]) -> tuple[list, list]:
    """The numbered rows as text, or the file's problem."""
    try:
        table = imports.read_table(raw, filename, columns, required)
    except FileProblem as problem:
        return [], [(problem.row, problem.message)]
    return [(n, {k: imports.text(v) for k, v in row.items()}) for n, row in table.rows], []


def _name_problems(row: dict, columns: tuple[str, ...], labels: dict) -> list[str]:
    """Names that are empty or too long, by their column's label."""
    problems = []
    for column in columns:
        if not row.get(column):
            problems.append(_("“%(column)s” is empty.", column=labels[column]))
        elif len(row[column]) > NAME_LENGTH:
            problems.append(_("“%(column)s” is longer than %(n)s characters.", column=labels[column], n=NAME_LENGTH))
    return problems


def _choice(row: dict, column: str, labels: dict, options: dict, known: dict) -> tuple[str | None, list[str]]:
    """The code of a choice cell and its problem, if any."""
    try:
        return imports.choice(row.get(column), labels[column], options, known), []
    except CellProblem as problem:
        return None, [str(problem)]


def check_department_rows(rows: list[tuple[int, dict]]) -> list[tuple[int, str]]:
    """Every problem in a department file, by row number."""
    errors: list[tuple[int, str]] = []
    known, users = _existing_departments(), _existing_users()
    kinds = imports.spellings(DEPARTMENT_KIND_LABELS)
    in_file = {imports.norm(r["code"]) for _n, r in rows if r.get("code")}
    seen: dict[str, int] = {}
    for number, row in rows:
        problems = []
        code = row.get("code", "")
        if not CODE_PATTERN.match(code):
            problems.append(_("Code “%(v)s” is not valid: use 1–20 letters, digits, '-' or '_'.", v=code))
        elif code.upper() in seen:
            problems.append(_("Code “%(v)s” is already in row %(row)s.", v=code, row=seen[code.upper()]))
        seen.setdefault(code.upper(), number)
        problems += _name_problems(row, ("name_en", "name_zh"), DEPARTMENT_COLUMNS)
        kind, bad = _choice(row, "kind", DEPARTMENT_COLUMNS, DEPARTMENT_KIND_LABELS, kinds)
        problems += bad or ([] if kind else [_("“%(column)s” is empty.", column=DEPARTMENT_COLUMNS["kind"])])
        row["kind"] = kind
        lead = row.get("lead_email", "").lower()
        if lead and lead not in users:
            problems.append(_("No user has the e-mail “%(v)s”.", v=lead))
        parent = imports.norm(row.get("parent_code", ""))
        if parent and parent not in known and parent not in in_file:
            problems.append(_("Parent department “%(v)s” does not exist.", v=row.get("parent_code")))
        elif parent and parent == imports.norm(code):
            problems.append(_("A department cannot be its own parent."))
        errors += [(number, p) for p in problems]
    return errors


def apply_department_rows(rows: list[tuple[int, dict]]) -> ImportResult:
    """Create or update departments by code (rows already checked)."""
    result = ImportResult()
    by_code = {d.code.upper(): d for d in db.session.scalars(db.select(Department))}
    users = _existing_users()
    for _number, row in rows:
        data = {"code": row["code"].upper(), "name_en": row["name_en"], "name_zh": row["name_zh"], "kind": row["kind"],
                "lead_id": users[row["lead_email"].lower()].id if row.get("lead_email") else None}
        existing = by_code.get(row["code"].upper())
        if existing:
            operations.update_department(existing, data, None)
            result.updated += 1
        else:
            by_code[row["code"].upper()] = operations.create_department(data)
            result.created += 1
    known = {imports.norm(k): d for k, d in by_code.items()} | _existing_departments()
    for _number, row in rows:  # parents last: a parent may be defined further down the file
        parent = imports.norm(row.get("parent_code", ""))
        by_code[row["code"].upper()].parent_id = known[parent].id if parent else None
    db.session.flush()
    return result


def import_departments(raw: bytes, filename: str = "departments.csv") -> ImportResult:
    """Check the whole file, then write all of it or nothing."""
    rows, errors = _read(raw, filename, DEPARTMENT_COLUMNS, ("code", "name_en", "name_zh", "kind"))
    errors = errors or check_department_rows(rows)
    return ImportResult(errors=errors) if errors else apply_department_rows(rows)


def split_roles(value: str, known: dict[str, str]) -> tuple[list[str], list[str]]:
    """Roles separated by ';', ',', '、' or '|' (or spaces between codes): (their codes, the unknown ones)."""
    codes, unknown = [], []
    for part in (p.strip() for p in re.split(r"[;；,，、|]+", value) if p.strip()):
        if imports.norm(part) in known:
            codes.append(known[imports.norm(part)])
            continue
        for word in part.split():
            if imports.norm(word) in known:
                codes.append(known[imports.norm(word)])
            else:
                unknown.append(word)
    return list(dict.fromkeys(codes)), unknown


def _check_email(value: str) -> str | None:
    """The normalised e-mail, or None when it is not valid."""
    try:
        return validate_email(value, check_deliverability=False).normalized.lower()
    except EmailNotValidError:
        return None


def _user_problems(row: dict, departments: dict, roles: dict, locales: dict) -> list[str]:
    """Every problem of one user row, except a repeated e-mail."""
    problems = _name_problems(row, ("name",), USER_COLUMNS)
    department = row.get("department_code", "")
    if department and imports.norm(department) not in departments:
        problems.append(_("Department “%(v)s” does not exist.", v=department))
    codes, unknown = split_roles(row.get("roles", ""), roles)
    if unknown:
        problems.append(_("Unknown roles: %(v)s. Use: %(choices)s.", v=imports.listed(unknown),
                          choices=imports.listed(str(label) for label in ROLE_LABELS.values())))
    elif not codes:
        problems.append(_("Give at least one role."))
    row["roles"] = codes
    locale, bad = _choice(row, "locale", USER_COLUMNS, LOCALE_NAMES, locales)
    problems += bad
    row["locale"] = locale
    refused = passwords.problem_text(row["password"], row.get("email", "").strip().lower(), row.get("name", "")) \
        if row.get("password") else None
    problems += [refused] if refused else []
    return problems


def check_user_rows(rows: list[tuple[int, dict]]) -> list[tuple[int, str]]:
    """Every problem in a user file, by row number."""
    errors: list[tuple[int, str]] = []
    departments = _existing_departments()
    roles, locales = imports.spellings(ROLE_LABELS), imports.spellings(LOCALE_NAMES)
    seen: dict[str, int] = {}
    for number, row in rows:
        email = _check_email(row.get("email", ""))
        if email is None:
            errors.append((number, _("“%(v)s” is not a valid e-mail address.", v=row.get("email", ""))))
        elif email in seen:
            errors.append((number, _("E-mail “%(v)s” is already in row %(row)s.", v=email, row=seen[email])))
        seen.setdefault(email or "", number)
        errors += [(number, p) for p in _user_problems(row, departments, roles, locales)]
    return errors


def apply_user_rows(rows: list[tuple[int, dict]]) -> ImportResult:
    """Create or update users by e-mail (rows already checked)."""
    result = ImportResult()
    departments = _existing_departments()
    users = _existing_users()
    for _number, row in rows:
        email = _check_email(row["email"])
        department = departments.get(imports.norm(row.get("department_code", "")))
        data = {"email": email, "name": row["name"], "job_title": row.get("job_title") or None,
                "department_id": department.id if department else None, "locale": row.get("locale") or None}
        if email in users:
            operations.update_user(users[email], data, row["roles"], None)
            if row.get("password"):
                users[email].set_password(row["password"])
            result.updated += 1
        else:
            operations.create_user(data, row["roles"], row.get("password") or None)
            result.created += 1
    db.session.flush()
    return result


def import_users(raw: bytes, filename: str = "users.csv") -> ImportResult:
    """Check the whole file, then write all of it or nothing."""
    rows, errors = _read(raw, filename, USER_COLUMNS, ("email", "name", "roles"))
    errors = errors or check_user_rows(rows)
    return ImportResult(errors=errors) if errors else apply_user_rows(rows)

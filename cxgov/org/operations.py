"""Every write on the organisation, departments and users; the caller commits."""
import secrets

from cxgov.auth.models import User, UserRole
from cxgov.errors import StaleEdit
from cxgov.extensions import db
from cxgov.models_base import utcnow
from cxgov.org.models import Department, Organisation

ORG_FIELDS = ("name", "vision", "mission", "values", "brand_promise", "fiscal_year_start_month", "default_locale")
DEPARTMENT_FIELDS = ("code", "name_en", "name_zh", "kind", "lead_id", "parent_id")
USER_FIELDS = ("email", "name", "job_title", "department_id", "locale")


def check_version(record, expected: int | None) -> None:
    """Refuse a save that started from an older version of the record."""
    if expected is not None and expected != record.version:
        raise StaleEdit(record)


def _assign(record, data: dict, fields: tuple[str, ...]) -> None:
    """Copy the named fields from data onto the record."""
    for field in fields:
        if field in data:
            setattr(record, field, data[field])


def get_organisation() -> Organisation | None:
    """The one organisation profile, if set up."""
    return db.session.scalar(db.select(Organisation).order_by(Organisation.id).limit(1))


def save_organisation(data: dict, expected_version: int | None = None) -> Organisation:
    """Create or update the organisation profile."""
    org = get_organisation()
    if org is None:
        org = Organisation()
        db.session.add(org)
    else:
        check_version(org, expected_version)
    _assign(org, data, ORG_FIELDS)
    db.session.flush()
    return org


def create_department(data: dict) -> Department:
    """Add a department."""
    department = Department()
    _assign(department, data, DEPARTMENT_FIELDS)
    db.session.add(department)
    db.session.flush()
    return department


def update_department(department: Department, data: dict, expected_version: int | None) -> Department:
    """Change a department's record."""
    check_version(department, expected_version)
    _assign(department, data, DEPARTMENT_FIELDS)
    db.session.flush()
    return department


def archive_department(department: Department) -> None:
    """Archive: hidden from new work, all history kept."""
    department.archived_at = utcnow()
    db.session.flush()


def restore_department(department: Department) -> None:
    """Bring an archived department back."""
    department.archived_at = None
    db.session.flush()


def department_has_history(department: Department) -> bool:
    """True when anything refers to the department; such a department is archived, never deleted."""
    members = db.session.scalar(db.select(db.func.count(User.id)).where(User.department_id == department.id))
    children = db.session.scalar(
        db.select(db.func.count(Department.id)).where(Department.parent_id == department.id)
    )
    return bool(members or children)


def delete_department(department: Department) -> None:
    """Delete a department that nothing refers to (the caller checks department_has_history)."""
    db.session.delete(department)
    db.session.flush()


NO_PASSWORD = "!"  # nosec B105  # not a hash: check_password_hash refuses every password against it


def generate_password() -> str:
    """A random password to hand over once."""
    return secrets.token_urlsafe(12)


def create_user(data: dict, roles: list[str], password: str | None) -> User:
    """Add a user with roles and a password; None: no password yet (none signs in until an administrator resets
    it), which also spares an import hashing one throw-away password per user."""
    user = User(email=data["email"].strip().lower())
    _assign(user, {k: v for k, v in data.items() if k != "email"}, USER_FIELDS)
    if password is None:
        user.password_hash = NO_PASSWORD
    else:
        user.set_password(password)
    db.session.add(user)
    db.session.flush()
    set_roles(user, roles)
    return user


def update_user(user: User, data: dict, roles: list[str], expected_version: int | None) -> User:
    """Change a user's account and roles."""
    check_version(user, expected_version)
    data = dict(data, email=data["email"].strip().lower()) if "email" in data else data
    _assign(user, data, USER_FIELDS)
    set_roles(user, roles)
    db.session.flush()
    return user


def set_roles(user: User, roles: list[str]) -> None:
    """Make the user's roles exactly the given ones (each change is audited)."""
    wanted = set(roles)
    for row in list(user.role_rows):
        if row.role not in wanted:
            user.role_rows.remove(row)
    for role in sorted(wanted - user.roles):
        user.role_rows.append(UserRole(role=role))
    db.session.flush()


def set_active(user: User, active: bool) -> None:
    """Deactivate (ending open sessions, revoking API tokens and calendar feeds) or reactivate a user.

    Reactivating revives nothing: the person signs in again and makes new tokens and feed addresses.
    """
    user.active = active
    if not active:
        from cxgov.auth.models import new_session_token
        from cxgov.auth.operations import withdraw_access

        user.session_token = new_session_token()
        withdraw_access(user)
    db.session.flush()


def reset_password(user: User) -> str:
    """Give the user a new random password, ending their sessions; returns it to show once."""
    password = generate_password()
    user.set_password(password)
    db.session.flush()
    return password

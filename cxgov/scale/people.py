"""The large demo's organisation: departments founded over the years, their leads and members, the demo accounts."""
from __future__ import annotations

from flask import current_app
from werkzeug.security import generate_password_hash

from cxgov import demo, months
from cxgov.auth.models import User, UserRole
from cxgov.org.models import Department
from cxgov.scale import words
from cxgov.scale.bulk import table
from cxgov.scale.world import Dept, World, at, first_day

# e-mail prefix, name, title, department code, roles: the normal demo's accounts, in the same departments.
ACCOUNTS = [(prefix, name, title, code, roles) for prefix, name, title, code, roles in demo.SPECIAL_ACCOUNTS]


def load(world: World) -> None:
    """Departments, then everyone, then each department's lead."""
    depts, rows = _departments(world)
    world.writer.insert(table(Department), rows)
    users, roles = _people(world, depts)
    world.writer.insert(table(User), users)
    world.writer.insert(table(UserRole), roles)
    from cxgov.extensions import db

    for dept in depts:
        db.session.execute(table(Department).update().where(table(Department).c.id == dept.id)
                           .values(lead_id=dept.lead_id))
    world.depts = depts


def _department_specs(world: World) -> list[tuple[str, str, str, str, str]]:
    """(code, English, Chinese, kind, library): the normal demo's nine, then regional ones."""
    specs = list(words.CORE)
    regional = [(f"{f[0]}-{r[0]}", f"{r[1]} {f[1]}", f"{r[2]}{f[2]}", f[3], f[4])
                for r in words.REGIONS for f in words.FUNCTIONS]
    world.rng.shuffle(regional)
    wanted = world.department_count()
    while len(specs) < wanted:  # beyond the lists: a second office of a region
        spec = regional[(len(specs) - len(words.CORE)) % len(regional)]
        lap = (len(specs) - len(words.CORE)) // len(regional)
        specs.append(spec if lap == 0 else (f"{spec[0]}{lap + 1}", f"{spec[1]} {lap + 1}", f"{spec[2]}{lap + 1}",
                                            spec[3], spec[4]))
    return specs[:wanted]


def _departments(world: World) -> tuple[list[Dept], list[dict]]:
    """Most departments exist from before the history starts; some are founded later, a few archived."""
    rng, history = world.rng, world.history
    specs = _department_specs(world)
    ids = world.writer.ids(table(Department), len(specs))
    depts, rows = [], []
    for index, ((code, name_en, name_zh, kind, library), dept_id) in enumerate(zip(specs, ids, strict=True)):
        core = index < len(words.CORE)
        founded = months.shift(world.first_month, -1) if core or rng.random() < 0.8 else \
            rng.choice(history[1:-6])
        archived = None
        if not core and founded < history[-30] and rng.random() < 0.04:
            archived = rng.choice([m for m in history[:-3] if m > months.shift(founded, 12)])
        depts.append(Dept(dept_id, code, library, founded, archived))
        created = at(first_day(founded), 9)
        rows.append({"id": dept_id, "code": code, "name_en": name_en, "name_zh": name_zh, "kind": kind,
                     "lead_id": None, "parent_id": None, "created_at": created, "updated_at": created, "version": 1,
                     "archived_at": at(months.bounds(archived)[1], 18) if archived else None})
    return depts, rows


def _name(world: World) -> str:
    """A Chinese name with its pinyin."""
    (family, family_py), (given, given_py) = world.rng.choice(words.SURNAMES), world.rng.choice(words.GIVEN)
    return f"{family}{given} {family_py} {given_py}"


def _people(world: World, depts: list[Dept]) -> tuple[list[dict], list[dict]]:
    """The demo accounts, a lead per department and its members (5 to 45 people; about 25 on average)."""
    method = current_app.config.get("CXGOV_PASSWORD_HASH", "scrypt")
    password = generate_password_hash(demo.DEMO_PASSWORD, method=method)  # one hash: everyone shares the password
    by_code = {d.code: d for d in depts}
    users, roles = [], []

    def add(email: str, name: str, title: str, dept: Dept | None, role_names: list[str], active: bool = True) -> int:
        user_id = world.writer.next_id(table(User))
        created = at(first_day(dept.founded if dept else world.first_month), 10)
        users.append({"id": user_id, "email": email, "name": name, "password_hash": password,
                      "department_id": dept.id if dept else None, "job_title": title, "locale": None,
                      "active": active, "created_at": created, "updated_at": created, "version": 1})
        roles.extend({"user_id": user_id, "role": role} for role in role_names)
        world.names[user_id] = name
        return user_id

    for prefix, name, title, code, role_names in ACCOUNTS:
        world.accounts[prefix] = add(demo.email(prefix), name, title, by_code.get(code), role_names)
    world.hr_ids.append(world.accounts["hr"])
    for index, dept in enumerate(depts):
        _staff(world, dept, index, add)
    return users, roles


def _staff(world: World, dept: Dept, index: int, add) -> None:
    """A department's lead and members; the normal demo's departments keep the demo's e-mail addresses."""
    rng = world.rng
    core = index < len(words.CORE)
    function = next((f for f in words.FUNCTIONS if dept.code.startswith(f[0] + "-")), None)
    label_en, label_zh = (function[1], function[2]) if function else (dept.code, "")
    if dept.code == "EXO":
        dept.lead_id = world.accounts["ceo"]
    else:
        title = rng.choice(words.LEAD_TITLES).format(f=label_en, z=label_zh)
        email = demo.email(f"lead.{dept.code.lower()}") if core else _email(world, dept, 0)
        dept.lead_id = add(email, _name(world), title, dept, ["dept_lead"])
    size = max(3, int(rng.triangular(5, 45, 22)))
    for number in range(1, size + 1):
        email = demo.email(f"{dept.code.lower()}.{number}") if core else _email(world, dept, number)
        roles = ["hr", "member"] if dept.library == "HR" and number <= 2 else ["member"]
        active = dept.archived is None and rng.random() > 0.02  # a few have left
        user_id = add(email, _name(world), rng.choice(words.MEMBER_TITLES), dept, roles, active)
        if active:
            dept.member_ids.append(user_id)
            if "hr" in roles:
                world.hr_ids.append(user_id)
    if dept.code == "EXO":
        dept.member_ids.append(world.accounts["cxo"])


def _email(world: World, dept: Dept, number: int) -> str:
    """A regional person's address: department code and number, unique by construction."""
    return demo.email(f"{dept.code.lower()}.{number}" if number else f"lead.{dept.code.lower()}")

"""The permission predicates, tested directly on users holding each role."""
from dataclasses import dataclass, field

import pytest

from cxgov import permissions as p


@dataclass
class FakeUser:
    """Just what the predicates read from a user."""

    roles: set = field(default_factory=set)
    is_authenticated: bool = True
    is_active: bool = True

    def has_role(self, *names):
        return bool(self.roles.intersection(names))


ANONYMOUS = FakeUser(is_authenticated=False)


@pytest.mark.parametrize("predicate,allowed", [
    (p.can_manage_users, {p.ADMIN}),
    (p.can_manage_departments, {p.ADMIN}),
    (p.can_edit_organisation, {p.ADMIN, p.EXECUTIVE}),
    (p.can_view_audit, {p.ADMIN, p.EXECUTIVE}),
    (p.can_view_app, set(p.ROLES)),
    (p.can_view_directory, set(p.ROLES)),
])
def test_each_role_gets_exactly_the_allowed_predicates(predicate, allowed):
    for role in p.ROLES:
        assert predicate(FakeUser({role})) is (role in allowed), (predicate.__name__, role)
    assert predicate(ANONYMOUS) is False


def test_a_deactivated_user_is_allowed_nothing():
    user = FakeUser({p.ADMIN, p.EXECUTIVE}, is_active=False)
    assert not any(pred(user) for pred in (p.can_manage_users, p.can_view_audit, p.can_view_app))


def test_roles_combine():
    user = FakeUser({p.HR, p.EXECUTIVE})
    assert p.can_view_audit(user) and not p.can_manage_users(user)


def test_every_role_has_a_label_and_help_text():
    assert set(p.ROLE_LABELS) == set(p.ROLES) == set(p.ROLE_HELP)

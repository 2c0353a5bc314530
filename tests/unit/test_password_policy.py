"""The password policy's rules, without an app."""
import pytest

from cxgov.auth.passwords import MIN_PASSWORD, common_passwords, problem


def test_the_shipped_list_holds_ten_thousand_common_passwords():
    listed = common_passwords()
    assert len(listed) >= 9_900 and "1234567890" in listed and "qwertyuiop" in listed
    assert not any(word.startswith("# ") for word in listed)  # the licence header is not a password


@pytest.mark.parametrize("password,code", [
    ("short", "password_too_short"),
    ("x" * (MIN_PASSWORD - 1), "password_too_short"),
    ("a" * 201, "password_too_long"),
    ("1234567890", "password_common"),
    ("QWERTYUIOP", "password_common"),
    ("basketball", "password_common"),
    ("lena.lead@example.com", "password_like_account"),
    ("LenaLead2026", "password_like_account"),
    ("Lena Lead!!", "password_like_account"),
    ("correct-horse-battery", None),
    ("lena-likes-tea-at-four", None),  # her first name in a long passphrase is fine
])
def test_each_rule(password, code):
    assert problem(password, "lena.lead@example.com", "Lena Lead") == code

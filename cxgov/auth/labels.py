"""How the account rules read (registered once with cxgov.rules)."""
from flask_babel import lazy_gettext as _l

from cxgov.rules import wordings

wordings({
    "password_too_short": _l("The password must have at least %(n)s characters."),
    "password_too_long": _l("The password may have at most %(most)s characters."),
    "password_common": _l("This password is one of the most common passwords, which are tried first: choose "
                          "another."),
    "password_like_account": _l("The password must not be your e-mail address or your name: choose something "
                                "others cannot guess."),
    "password_same_as_current": _l("The new password is the same as the current one: choose another."),
    "password_current_wrong": _l("The current password is not correct."),
})

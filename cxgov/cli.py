"""`flask --app wsgi cxgov …`: administration commands."""
from contextlib import contextmanager

import click
from flask.cli import AppGroup

from cxgov import clock
from cxgov.audit.tracking import acting_as
from cxgov.extensions import db

cxgov_cli = AppGroup("cxgov", help="cxgov administration.")


@cxgov_cli.command("create-admin")
@click.option("--email", required=True, help="E-mail of the administrator.")
@click.option("--name", default="Administrator", show_default=True)
@click.password_option(help="Password (asked for when not given).")
def create_admin(email: str, name: str, password: str) -> None:
    """Create an administrator, or give an existing user the admin role."""
    from cxgov.auth.operations import find_user_by_email
    from cxgov.org import operations

    with acting_as(None, "cli"), _password_refusal():
        user = find_user_by_email(email)
        if user is None:
            operations.create_user({"email": email, "name": name}, ["admin"], password)
            message = f"Created administrator {email}."
        else:
            operations.set_roles(user, sorted(user.roles | {"admin"}))
            user.set_password(password)
            message = f"{email} is now an administrator; password set."
    db.session.commit()
    click.echo(message)


@contextmanager
def _password_refusal():
    """A password the policy refuses (cxgov/auth/passwords.py) stops the command with its reason; nothing is kept."""
    from cxgov.rules import Invalid, word

    try:
        yield
    except Invalid as error:
        db.session.rollback()
        raise click.BadParameter(word(error), param_hint="--password") from None


class ScaleType(click.ParamType):
    """`large` or a positive number (the large demo's size; 1 is about the normal demo's)."""

    name = "scale"

    def convert(self, value, param, ctx):
        """The scale as a number, or a clear usage error."""
        from cxgov.scale import BadScale, parse_scale

        try:
            return parse_scale(value)
        except BadScale as problem:
            self.fail(str(problem), param, ctx)


@cxgov_cli.command("demo")
@click.option("--if-empty", is_flag=True, help="Only load when the database has no users yet.")
@click.option("--scale", type=ScaleType(), default=None,
              help="Generate a company of this size instead, in bulk: 'large' (200 departments, ~5,000 people, "
                   "five years of history) or a positive number (1 is about the normal demo's size, at most 50). "
                   "The audit trail is not written for the generated history; published reports are placeholders.")
def demo(if_empty: bool, scale: float | None) -> None:
    """Load the demo company (departments, people for every role)."""
    from cxgov import demo as demo_data

    if not demo_data.is_empty():
        if if_empty:
            click.echo("Database already has data; demo not loaded.")
            return
        raise click.ClickException("the database already has users; use a fresh database for the demo")
    if scale is not None:
        _load_scaled(scale)
        return
    demo_data.load()
    db.session.commit()
    click.echo(f"Demo loaded. Sign in as ceo@{demo_data.DEMO_DOMAIN} (password {demo_data.DEMO_PASSWORD}).")


def _load_scaled(scale: float) -> None:
    """Generate a company of the given size in one transaction: all of it, or nothing on any failure."""
    import time

    from cxgov import demo as demo_data
    from cxgov import scale as scaled

    started = time.perf_counter()
    try:
        counts, notes = scaled.load(scale)
        db.session.commit()
    except Exception:
        db.session.rollback()
        raise
    rows = ", ".join(f"{name} {count:,}" for name, count in sorted(counts.items()) if count)
    click.echo(f"Demo at scale {scale:g} loaded in {time.perf_counter() - started:.1f} s: {rows}.")
    for note in notes:
        click.echo(f"Note: {note}.")
    click.echo(f"Sign in as ceo@{demo_data.DEMO_DOMAIN} (password {demo_data.DEMO_PASSWORD}).")


@cxgov_cli.command("set-password")
@click.option("--email", required=True)
@click.password_option()
def set_password(email: str, password: str) -> None:
    """Set a user's password (ends their open sessions)."""
    from cxgov.auth.operations import change_password, find_user_by_email

    user = find_user_by_email(email)
    if user is None:
        raise click.ClickException(f"no user with e-mail {email}")
    with acting_as(None, "cli"), _password_refusal():
        change_password(user, password)
    db.session.commit()
    click.echo(f"Password set for {email}.")


@cxgov_cli.command("create-token")
@click.option("--email", required=True, help="E-mail of the user the token acts for.")
@click.option("--name", required=True, help="What the token is for, e.g. 'BI dashboard'.")
def create_token(email: str, name: str) -> None:
    """Create a personal API token and print it (shown only this once)."""
    from cxgov.api import operations
    from cxgov.auth.operations import find_user_by_email

    user = find_user_by_email(email)
    if user is None or not user.active:
        raise click.ClickException(f"no active user with e-mail {email}")
    if not name.strip() or len(name.strip()) > 80:
        raise click.BadParameter("give 1 to 80 characters", param_hint="--name")
    with acting_as(None, "cli"):
        _token, plain = operations.create_token(user, name)
    db.session.commit()
    click.echo(f"API token for {user.email} (shown only this once; only its hash is stored):")
    click.echo(plain)


@cxgov_cli.command("users")
def list_users() -> None:
    """List users with their roles and status."""
    from cxgov.auth.models import User

    for user in db.session.scalars(db.select(User).order_by(User.email)):
        status = "active" if user.active else "inactive"
        click.echo(f"{user.email:45} {status:8} {','.join(sorted(user.roles))}")


@cxgov_cli.command("close-months")
def close_months() -> None:
    """Close every month of targets whose close day has come (the scheduler does this daily; logged as a run)."""
    from cxgov.rhythm import commands

    commands.close_months()


@cxgov_cli.command("store-results")
def store_results() -> None:
    """Store the results of published cycles that have none stored or outdated ones (after an upgrade)."""
    from cxgov.assessments import results

    stored = sum(results.store([cycle]) for cycle in results.outdated())  # one cycle's answers in memory at a time
    db.session.commit()
    click.echo(f"Stored the results of {stored} published cycle(s); the others were up to date.")


@cxgov_cli.group("report")
def report() -> None:
    """Generate reports."""


@report.command("annual")
@click.option("--year", type=click.IntRange(2000, 2100), required=True, help="Fiscal year of the report.")
@click.option("--lang", type=click.Choice(["zh", "en"]), default="zh", show_default=True, help="Language.")
@click.option("--out", type=click.Path(dir_okay=False, writable=True), required=True, help="PDF file to write.")
def annual_report(year: int, lang: str, out: str) -> None:
    """Write the annual CX report of a year as a PDF file (a preview: nothing is published)."""
    from pathlib import Path

    from cxgov.reports.views import render_annual_pdf
    from cxgov.targets import operations as targets

    with acting_as(None, "cli"):
        targets.close_due_months(clock.today())  # months count in the report once closed
    db.session.commit()
    body, pages = render_annual_pdf(year, lang)
    Path(out).write_bytes(body)
    click.echo(f"Wrote {out}: {pages} pages, {len(body)} bytes.")


from cxgov.backup import commands as _backup_commands  # noqa: E402,F401 - registers export, import, backup-sqlite
from cxgov.rhythm import commands as _rhythm_commands  # noqa: E402,F401 - registers the rhythm's commands

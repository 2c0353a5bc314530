"""`flask --app wsgi cxgov …` commands of the rhythm, for operators who run it from cron.

Each runs the same job as the scheduler, through `runs.run`, so every run is in the admin's run log.
"""
from __future__ import annotations

import click

from cxgov import clock
from cxgov.cli import cxgov_cli
from cxgov.rhythm import runs

DAY = click.DateTime(formats=["%Y-%m-%d"])


def _run(name: str, day) -> None:
    """Run the job, print its counts, and fail the command (exit 1) with the readable error when it fails."""
    entry = runs.run(name, day.date() if day else clock.today(), trigger="cli")
    if entry.state != runs.OK:
        raise click.ClickException(f"{name} for {entry.day.isoformat()} failed: {entry.error}")
    counts = ", ".join(f"{key} {value}" for key, value in sorted(entry.counts.items())) or "nothing to do"
    click.echo(f"{name} for {entry.day.isoformat()}: {counts}.")


@cxgov_cli.command("send-reminders")
@click.option("--date", "day", type=DAY, help="The day to send for (YYYY-MM-DD; today by default).")
def send_reminders(day) -> None:
    """Send today's e-mail digests (each person once a day at most)."""
    _run("reminders", day)


@cxgov_cli.command("post-chat-digests")
@click.option("--date", "day", type=DAY, help="The day to post for (YYYY-MM-DD; today by default).")
def post_chat_digests(day) -> None:
    """Post the weekly digests to the workplace-chat channels whose day it is (once a week per channel)."""
    _run("chat_digests", day)


def close_months() -> None:
    """Close every month of targets whose close day has come (`flask cxgov close-months`)."""
    _run("close_months", None)


@cxgov_cli.command("run-rhythm")
def run_rhythm() -> None:
    """Run every job whose time has come today and that has not run well yet (what the scheduler does)."""
    from cxgov.rhythm import schedule

    ran = schedule.run_due()
    failed = [e for e in runs.recent(len(ran)) if e.state != runs.OK] if ran else []
    click.echo(f"Ran: {', '.join(ran)}." if ran else "Nothing was due.")
    if failed:
        raise click.ClickException("; ".join(f"{e.job} failed: {e.error}" for e in failed))

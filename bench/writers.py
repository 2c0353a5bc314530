"""Concurrent writers against a running server: each client writes through one door and logs every answer.

Doors: the target edit page and the API's PATCH (both with the version read, a share of them deliberately
stale), progress through the API and the target page, and draft answers on the questionnaire (two clients
share each respondent, like one person in two tabs). Every request's outcome goes to one log of `Write`s:
"ack" (saved, with the value and the version it produced), "stale" (a 409 or the form's conflict page),
"refused" (any other 4xx), "error" (a 5xx) or "unanswered" (no answer: the server died or timed out).
"""
from __future__ import annotations

import itertools
import random
import threading
import time
from dataclasses import dataclass
from html.parser import HTMLParser

import requests

from bench.writes_data import Plan

STALE_SHARE = 0.25  # of target writes sent with a version one below the one just read
TIMEOUT = 60
_values = itertools.count(1)  # every value written is unique, so the database tells which write it holds


@dataclass
class Write:
    """One request's outcome."""

    kind: str  # target, progress, answer
    door: str  # form, api
    key: tuple  # (target,) or (respondent, practice…)
    value: object  # the unique value, note or evidence sent
    stale: bool = False  # sent with a version known to be old
    result: str = "unanswered"
    status: int = 0
    version: int | None = None  # the version an acknowledged target write produced
    started: float = 0.0
    ended: float = 0.0
    detail: str = ""


class FormFields(HTMLParser):
    """The fields of the page's form that holds a field named `version` (what a browser would send back)."""

    def __init__(self) -> None:
        super().__init__()
        self.forms: list[dict[str, str]] = []
        self._select: str | None = None
        self._textarea: str | None = None

    def handle_starttag(self, tag, attrs):
        """Collect inputs, the selected option of each select, textareas."""
        attrs = dict(attrs)
        if tag == "form":
            self.forms.append({})
        elif not self.forms:
            return
        elif tag == "input" and attrs.get("name") and attrs.get("type") not in ("submit", "button"):
            if attrs.get("type") not in ("checkbox", "radio") or "checked" in attrs:
                self.forms[-1][attrs["name"]] = attrs.get("value") or ""
        elif tag == "select":
            self._select = attrs.get("name")
        elif tag == "option" and self._select and (self._select not in self.forms[-1] or "selected" in attrs):
            self.forms[-1][self._select] = attrs.get("value") or ""
        elif tag == "textarea":
            self._textarea = attrs.get("name")
            self.forms[-1][self._textarea] = ""

    def handle_endtag(self, tag):
        """Leave a select or textarea."""
        self._select = None if tag == "select" else self._select
        self._textarea = None if tag == "textarea" else self._textarea

    def handle_data(self, data):
        """A textarea's text."""
        if self._textarea and self.forms:
            self.forms[-1][self._textarea] += data


def form_fields(html: str) -> dict[str, str]:
    """The versioned form's fields, or {} when the page has none."""
    parser = FormFields()
    parser.feed(html)
    return next((form for form in parser.forms if "version" in form), {})


def csrf_token(html: str) -> str:
    """The page's first CSRF token ('' when it has none)."""
    parser = FormFields()
    parser.feed(html)
    return next((form["csrf_token"] for form in parser.forms if form.get("csrf_token")), "")


class Client:
    """One signed-in browser (session cookie, CSRF token) and the API token, writing through one door."""

    def __init__(self, base: str, plan: Plan, cookie_key: str, index: int, log: list[Write]) -> None:
        self.base, self.plan, self.log, self.rng = base, plan, log, random.Random(index)
        self.web = requests.Session()
        self.web.headers["Accept-Language"] = "en"
        # the server's domain, so that the cookie it sends back (with the CSRF secret) replaces this one
        self.web.cookies.set("session", plan.cookies[cookie_key].removeprefix("session="), domain="127.0.0.1",
                             path="/")
        self.api = requests.Session()
        self.api.headers.update({"Authorization": f"Bearer {plan.token}", "Accept-Language": "en"})
        self.csrf = ""

    def _send(self, write: Write, request) -> requests.Response | None:
        """Run one request, timing it and logging it; None when no answer came."""
        write.started = time.monotonic()
        try:
            response = request()
        except requests.RequestException as error:
            if "Connection refused" in str(error):  # never sent: no server (killed, not yet restarted)
                raise
            write.detail = type(error).__name__
            response = None
        write.ended = time.monotonic()
        if response is not None:
            write.status = response.status_code
            if response.status_code >= 500:
                write.result, write.detail = "error", f"{response.request.method} {response.url}: " \
                                                      f"{response.text[:200]}"
        self.log.append(write)
        return response if write.result != "error" else None

    def _token(self) -> str:
        """A CSRF token of this session (read once from a page)."""
        if not self.csrf:
            page = self.web.get(f"{self.base}/targets/{self.plan.targets[0]}", timeout=TIMEOUT)
            self.csrf = csrf_token(page.text)
        return self.csrf

    def target_form(self) -> None:
        """Open a target's edit page, change its target value and save, with the version read (or an old one)."""
        target = self.rng.choice(self.plan.targets)
        url = f"{self.base}/targets/{target}/edit"
        fields = form_fields(self.web.get(url, timeout=TIMEOUT).text)
        if not fields.get("version"):
            return
        version = int(fields["version"])
        write = Write("target", "form", (target,), float(1000 + next(_values)), self.rng.random() < STALE_SHARE)
        sent = version - 1 if write.stale else version
        fields.update(version=str(sent), target_value=str(write.value))
        response = self._send(write, lambda: self.web.post(url, data=fields, allow_redirects=False,
                                                           timeout=TIMEOUT))
        if response is None:
            return
        where = response.headers.get("Location", "")
        if response.is_redirect and where.endswith(f"/targets/{target}"):
            write.result, write.version = "ack", sent + 1
        elif response.status_code == 409 or (response.is_redirect and where.endswith("/edit")):
            write.result = "stale"
        else:
            write.result, write.detail = "refused", f"{response.status_code} {where}"

    def target_api(self) -> None:
        """Read a target over the API and PATCH its target value with that version (or an old one)."""
        target = self.rng.choice(self.plan.targets)
        url = f"{self.base}/api/v1/targets/{target}"
        read = self.api.get(url, timeout=TIMEOUT)
        if read.status_code != 200:
            return
        write = Write("target", "api", (target,), float(1000 + next(_values)), self.rng.random() < STALE_SHARE)
        version = read.json()["version"]
        sent = version - 1 if write.stale else version
        response = self._send(write, lambda: self.api.patch(url, json={"target_value": write.value, "version": sent},
                                                            timeout=TIMEOUT))
        if response is None:
            return
        if response.status_code == 200:
            write.result, write.version = "ack", response.json()["version"]
        else:
            write.result = "stale" if response.status_code == 409 else "refused"
            write.detail = response.text[:200]

    def progress(self) -> None:
        """Post progress on a target, by turns through the API and through the target page's form."""
        target = self.rng.choice(self.plan.targets)
        number = next(_values)
        on_date, note = self.plan.today.isoformat(), f"load progress {number}"
        if number % 2:
            write = Write("progress", "api", (target,), note)
            response = self._send(write, lambda: self.api.post(
                f"{self.base}/api/v1/targets/{target}/updates", json={"on_date": on_date, "value": number,
                                                                      "note": note}, timeout=TIMEOUT))
            saved = response is not None and response.status_code == 201
        else:
            write = Write("progress", "form", (target,), note)
            data = {"csrf_token": self._token(), "on_date": on_date, "value": str(number), "note": note}
            response = self._send(write, lambda: self.web.post(f"{self.base}/targets/{target}/updates", data=data,
                                                               timeout=TIMEOUT))
            saved = response is not None and "Update recorded." in response.text
        if response is not None:
            write.result = "ack" if saved else "refused"

    def answer(self, respondent: int) -> None:
        """Save a draft of two practices' answers, each with a unique piece of evidence."""
        number, practices = next(_values), self.rng.sample(self.plan.practices, 2)
        evidence = f"load evidence {number}"
        data = {"csrf_token": self._token(), "save": "1"}
        for practice in practices:
            data[f"level-{practice}"], data[f"evidence-{practice}"] = str(self.rng.randint(1, 5)), evidence
        write = Write("answer", "form", (respondent, *practices), evidence)
        url = f"{self.base}/assessments/{self.plan.cycle}/answer/{respondent}"
        response = self._send(write, lambda: self.web.post(url, data=data, timeout=TIMEOUT))
        if response is not None:
            write.result = "ack" if "Draft saved." in response.text else "stale" if response.status_code == 409 \
                else "refused"


def _loop(client: Client, action, deadline: float, stop: threading.Event) -> None:
    """Repeat one client's action until the deadline; pause briefly when the server does not answer."""
    while time.monotonic() < deadline and not stop.is_set():
        before = len(client.log)
        try:
            action()
        except (requests.RequestException, ValueError, KeyError):
            time.sleep(0.2)  # the read before a write found no server (a crash): try again shortly
            continue
        if client.log[before:] and client.log[-1].result == "unanswered":
            time.sleep(0.2)


def run_writers(base: str, plan: Plan, clients: int, seconds: float, log: list[Write],
                stop: threading.Event | None = None) -> None:
    """`clients` threads for `seconds`: targets by page and API, progress, answers (two clients a respondent)."""
    stop, deadline, threads = stop or threading.Event(), time.monotonic() + seconds, []
    for index in range(clients):
        respondent, cookie = plan.respondents[(index // 8) % len(plan.respondents)]  # two clients each
        door = index % 4
        client = Client(base, plan, cookie if door == 3 else "manager", index, log)
        action = [client.target_form, client.target_api, client.progress,
                  lambda c=client, r=respondent: c.answer(r)][door]
        threads.append(threading.Thread(target=_loop, args=(client, action, deadline, stop), daemon=True))
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=seconds + TIMEOUT + 10)

"""The large demo: a company of any size with years of history, generated in bulk (`cxgov demo --scale N`).

Scale 1 is about the normal demo's order of size (8 departments); `large` is 25: 200 departments, some 5,000
people, five years of monthly targets, ten assessment cycles, 300 workshops, 20 quarterly reviews and five annual
alignment reviews. Rows go in with SQLAlchemy Core inserts in chunks, in the caller's one transaction; the audit
trail is not written for the generated history (only the organisation profile and the framework, which go
through their gates). Every rule the gates enforce holds by construction (see each module's docstring).
"""
from __future__ import annotations

import gc
import math
import random
from datetime import date

from cxgov import clock
from cxgov.audit.tracking import acting_as
from cxgov.demo import ORGANISATION
from cxgov.org import operations as org_operations
from cxgov.scale.world import LARGE, MAX_SCALE, World

SEED = 2026_12


class BadScale(ValueError):
    """A --scale that is not a positive number within the cap."""


def parse_scale(text: str) -> float:
    """`large`, or a positive number up to MAX_SCALE."""
    if str(text).strip().lower() == "large":
        return LARGE
    try:
        value = float(text)
    except (TypeError, ValueError):
        raise BadScale(f"{text!r} is not a number; give a positive number such as 0.5 or 3, or 'large'") from None
    if not math.isfinite(value) or value <= 0:
        raise BadScale(f"{text!r} is not a positive number; give e.g. 0.5, 3 or 'large' ({LARGE:g})")
    if value > MAX_SCALE:
        raise BadScale(f"{text} is beyond the largest scale, {MAX_SCALE:g} (large is {LARGE:g})")
    return value


def load(scale: float, today: date | None = None, seed: int = SEED) -> tuple[dict[str, int], list[str]]:
    """Generate the whole company in the current transaction (the caller commits).

    Returns the rows written per table, and what the run left out (to tell the user).
    """
    world = World(scale=scale, today=today or clock.today(), rng=random.Random(seed))  # nosec B311  # seeded data
    collecting = gc.isenabled()
    gc.disable()  # millions of short-lived dicts: the collector would spend about half the run scanning them
    try:
        _generate(world)
    finally:
        if collecting:
            gc.enable()
    world.writer.move_sequences()
    return dict(world.writer.counts), world.notes


def _generate(world: World) -> None:
    """Every part, in the order their rows point at each other."""
    from cxgov.scale import alignment, assessments, people, reviews, rotation, targets, workshops

    with acting_as(None, "large demo loader"):
        org_operations.save_organisation(ORGANISATION)
        people.load(world)
        rotation.load(world)
        assessments.load(world)
        targets.load(world)
        workshops.load(world)
        alignment.load(world)
        reviews.load(world)  # last: the packs read everything else

"""Hold the clients' log against the database: no 5xx, every acknowledged write stored, stale writes refused."""
from __future__ import annotations

from collections import Counter

from bench.writers import Write


def _targets(log: list[Write], db: dict) -> tuple[int, list[str]]:
    """Acknowledged target writes found in the target's audit trail; the failures.

    A lost update shows as an acknowledged value missing from the trail, two acknowledgements producing the same
    version (one overwrote the other unseen), a stale write saved, or a final value that is not the last
    acknowledged one (unless a write left unanswered by a crash came after it).
    """
    found, failures = 0, []
    for target, (value, version) in db["targets"].items():
        writes = [w for w in log if w.kind == "target" and w.key == (target,)]
        acks = [w for w in writes if w.result == "ack"]
        trail = set(db["trail"].get(target, []))
        found += sum(w.value in trail for w in acks)
        failures += [f"target {target}: acknowledged value {w.value} ({w.door}) is not in its history"
                     for w in acks if w.value not in trail]
        failures += [f"target {target}: the stale write of {w.value} ({w.door}) was saved"
                     for w in writes if w.stale and (w.result == "ack" or w.value in trail)]
        versions = Counter(w.version for w in acks)
        failures += [f"target {target}: {n} acknowledged writes produced version {v}"
                     for v, n in versions.items() if n > 1]
        if not acks:
            continue
        last = max(acks, key=lambda w: w.version)
        unanswered = {w.value for w in writes if w.result == "unanswered"}
        if version < last.version or (version == last.version and value != last.value) or (
                version > last.version and value not in unanswered):
            failures.append(f"target {target}: holds {value} (version {version}), the last acknowledged write "
                            f"was {last.value} (version {last.version})")
    return found, failures


def _rows(log: list[Write], db: dict) -> tuple[int, list[str]]:
    """Acknowledged progress updates and answers found; the failures.

    Every acknowledged answer's evidence is in the answers' audit trail. An answer may be overwritten by the
    other tab of its respondent: what is stored must be the evidence of a write that ended after the last
    acknowledged one began (or one left unanswered by a crash).
    """
    found, failures = 0, []
    for write in (w for w in log if w.kind == "progress" and w.result == "ack"):
        found += write.value in db["notes"]
        if write.value not in db["notes"]:
            failures.append(f"progress {write.value!r} ({write.door}) on target {write.key[0]} is not stored")
    answers = [w for w in log if w.kind == "answer"]
    for write in (w for w in answers if w.result == "ack"):
        found += write.value in db["evidence_trail"]
        if write.value not in db["evidence_trail"]:
            failures.append(f"answer {write.value!r} of respondent {write.key[0]} is not in the answers' history")
    for respondent, practice in {(w.key[0], p) for w in answers for p in w.key[1:]}:
        mine = [w for w in answers if w.key[0] == respondent and practice in w.key[1:]]
        acks = [w for w in mine if w.result == "ack"]
        if not acks:
            continue
        latest = max(w.started for w in acks)
        allowed = {w.value for w in acks if w.ended >= latest} | {w.value for w in mine if w.result == "unanswered"}
        evidence = db["answers"].get((respondent, practice))
        if evidence not in allowed:
            failures.append(f"respondent {respondent}, practice {practice}: holds {evidence!r}, not one of the "
                            f"last acknowledged answers")
    return found, failures


def check(log: list[Write], db: dict) -> tuple[dict, list[str]]:
    """The figures of a run and what failed (empty when everything held)."""
    results = Counter(w.result for w in log)
    stale = [w for w in log if w.stale]
    target_found, target_failures = _targets(log, db)
    row_found, row_failures = _rows(log, db)
    acked = Counter(w.kind for w in log if w.result == "ack")
    failures = [f"{w.status} on {w.detail}" for w in log if w.result == "error"][:10]
    failures += [f"{w.kind} ({w.door}) refused: {w.status} {w.detail}" for w in log if w.result == "refused"][:10]
    failures += target_failures + row_failures
    figures = {"writes_sent": len(log), "acknowledged": results["ack"],
               "ack_targets": acked["target"], "ack_progress": acked["progress"], "ack_answers": acked["answer"],
               "targets_found": target_found, "rows_found": row_found,
               "stale_sent": len(stale), "stale_refused": sum(w.result == "stale" for w in stale),
               "conflicts": sum(w.result == "stale" and not w.stale for w in log),
               "errors_5xx": results["error"], "refused_other": results["refused"],
               "unanswered": results["unanswered"]}
    return figures, failures

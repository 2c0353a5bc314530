"""The benchmark's results as JSON and as a Markdown table, with the issue's goals as ratios."""
from __future__ import annotations

import json
import os
import platform
import sqlite3
from pathlib import Path

PAGE_RATIO, PDF_RATIO, TAIL_RATIO, PDF_IN_REQUEST_MS = 1.5, 1.25, 3.0, 1000


def machine(postgres_version: str | None) -> dict:
    """Cores, memory, CPU, Python and the database backends of this run."""
    meminfo = Path("/proc/meminfo").read_text() if Path("/proc/meminfo").exists() else ""
    kib = next((int(line.split()[1]) for line in meminfo.splitlines() if line.startswith("MemTotal:")), 0)
    cpuinfo = Path("/proc/cpuinfo").read_text() if Path("/proc/cpuinfo").exists() else ""
    model = next((line.split(":", 1)[1].strip() for line in cpuinfo.splitlines() if line.startswith("model name")),
                 platform.processor())
    import weasyprint

    return {"cores": os.cpu_count(), "ram_gib": round(kib / 1024 / 1024, 1), "cpu": model,
            "os": platform.platform(), "python": platform.python_version(), "sqlite": sqlite3.sqlite_version,
            "postgresql": postgres_version, "weasyprint": weasyprint.__version__,
            "load_average": [round(x, 2) for x in os.getloadavg()]}


def page_rows(labels: dict[str, str], small: dict, large: dict) -> list[dict]:
    """One row per page: both sizes, the time ratio and whether the SQL count stayed the same."""
    rows = []
    for key, label in labels.items():
        s, lg = small[key], large[key]
        rows.append({"key": key, "label": label, "small": s, "large": lg,
                     "ratio": round(lg["median_ms"] / s["median_ms"], 2) if s["median_ms"] else None,
                     "same_queries": s["queries"] == lg["queries"],
                     "writes": s["writes"] + lg["writes"]})
    return rows


def goals(rows: list[dict], pdfs: list[dict], loads: list[dict]) -> list[dict]:
    """Each goal of the issue: what was measured and whether it is met."""
    slow = [f"{r['key']} {r['ratio']}×" for r in rows if r["ratio"] is None or r["ratio"] > PAGE_RATIO]
    counts = [f"{r['key']} {r['small']['queries']}→{r['large']['queries']}" for r in rows if not r["same_queries"]]
    writing = [f"{r['key']} ({r['writes']})" for r in rows if r["writes"]]
    slow_pdf = [f"{p['key']} {step} {p[step] * 1000:.0f} ms" for p in pdfs for step in ("request_s", "served_s")
                if p[step] * 1000 > PDF_IN_REQUEST_MS]
    slow_pdf += [f"{p['key']} answered {p['status']}" for p in pdfs if p["status"] != [200, 202]]
    every = f"{len(rows)}/{len(rows)} pages"
    found = [_goal(f"page time large/small ≤ {PAGE_RATIO}×", slow, every),
             _goal("same SQL statements per page at both sizes", counts, every),
             _goal("no GET request writes to the database", writing, "no write statement seen")]
    for pdf in pdfs:
        if pdf["key"] == "annual_pdf":
            over = [] if pdf["ratio"] <= PDF_RATIO else [f"{pdf['ratio']}×"]
            found.append(_goal(f"annual PDF (request + worker) ≤ {PDF_RATIO}× WeasyPrint alone", over,
                               f"{pdf['ratio']}×"))
    found.append(_goal(f"no PDF request takes longer than {PDF_IN_REQUEST_MS} ms (the worker renders)", slow_pdf,
                       "none" if pdfs else "not measured"))
    for load in loads:
        if load.get("failed"):
            found.append(_goal(f"{load['backend']}: p95 ≤ {TAIL_RATIO}× p50 under load", [load["failed"]], ""))
            continue
        tail = [] if load["ratio"] is not None and load["ratio"] <= TAIL_RATIO and not load["errors"] else \
            [f"p95/p50 {load['ratio']}×, {load['errors']} errors"]
        found.append(_goal(f"{load['backend']}: p95 ≤ {TAIL_RATIO}× p50 with 0 errors under {load['clients']} "
                           "clients", tail, f"p95/p50 {load['ratio']}×, 0 errors"))
    return found


def _goal(goal: str, failures: list[str], success: str) -> dict:
    """A goal, met when nothing failed it."""
    return {"goal": goal, "met": not failures, "measured": "; ".join(failures) if failures else success}


def _ms(value: float) -> str:
    """Milliseconds as the table shows them."""
    return f"{value:,.0f} ms" if value >= 10 else f"{value:.1f} ms"


def markdown(result: dict) -> str:
    """The run as Markdown: pages, the PDFs, the load, the goals, the data and the machine."""
    lines = [f"# cxgov benchmark, {result['started_at']}" + (" (quick)" if result["quick"] else ""), "",
             "| page | small | large | large/small | SQL statements small → large |", "|---|---:|---:|---:|---:|"]
    for row in result["pages"]:
        lines.append(f"| {row['label']} | {_ms(row['small']['median_ms'])} | {_ms(row['large']['median_ms'])} | "
                     f"{row['ratio']}× | {row['small']['queries']} → {row['large']['queries']} |")
    if result.get("pdfs"):
        lines += ["", "| PDF (large data, cold) | request that queues it | worker's render | WeasyPrint alone | "
                      "(request + worker) / WeasyPrint | request once made |", "|---|---:|---:|---:|---:|---:|"]
        lines += [f"| {p['label']} | {_ms(p['request_s'] * 1000)} | {_ms(p['worker_s'] * 1000)} | "
                  f"{_ms(p['weasyprint_s'] * 1000)} | **{p['ratio']}×** | {_ms(p['served_s'] * 1000)} |"
                  for p in result["pdfs"]]
    if result["load"]:
        lines += ["", "| backend (large data) | clients | requests | errors | p50 | p95 | p95/p50 | requests/s |",
                  "|---|---:|---:|---:|---:|---:|---:|---:|"]
        lines += [_load_row(load) for load in result["load"]]
    lines += ["", "| goal | met | measured |", "|---|---|---|"]
    lines += [f"| {g['goal']} | {'yes' if g['met'] else '**no**'} | {g['measured']} |" for g in result["goals"]]
    lines += ["", "Data: " + "; ".join(f"{size}: " + ", ".join(f"{n:,} {t}" for t, n in counts.items())
                                      for size, counts in result["data"].items())]
    m = result["machine"]
    lines += [f"Machine: {m['cores']} cores ({m['cpu']}), {m['ram_gib']} GiB RAM, Python {m['python']}, "
              f"SQLite {m['sqlite']}, PostgreSQL {m['postgresql'] or 'not measured'}, WeasyPrint {m['weasyprint']}, "
              f"load average at start {m['load_average']}.", ""]
    return "\n".join(lines)


def _load_row(load: dict) -> str:
    """A backend's line of the load table."""
    if load.get("failed"):
        return f"| {load['backend']} | not measured: {load['failed']} | | | | | | |"
    return (f"| {load['backend']} | {load['clients']} | {load['requests']} | {load['errors']} | "
            f"{_ms(load['p50_ms'] or 0)} | {_ms(load['p95_ms'] or 0)} | {load['ratio']}× | {load['per_second']} |")


def write(result: dict, folder: Path) -> tuple[Path, Path]:
    """bench/results/<date>[-quick].md and .json."""
    folder.mkdir(parents=True, exist_ok=True)
    stem = result["started_at"][:10] + ("-quick" if result["quick"] else "")
    md, js = folder / f"{stem}.md", folder / f"{stem}.json"
    md.write_text(markdown(result), encoding="utf-8")
    js.write_text(json.dumps(result, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    return md, js

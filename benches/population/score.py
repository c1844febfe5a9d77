#!/usr/bin/env python3
"""Scores linkvet's ranking against known labels, independently of linkvet's own code.

    linkvet list --status all --format json > list.jsonl
    score.py list.jsonl labels.csv [--populations populations.csv] [--format table|json]

`list.jsonl` is the output of `linkvet list --format json` (one object per line with
`external_id`, `risk` 0-100 and `level` low|medium|high, and `checks`); `labels.csv` has the
columns `external_id,label` with 1 = hostile, 0 = genuine. Prints:

* AUC of `risk` (the probability that a random hostile request outranks a random genuine one,
  ties counting half), with a 95 % interval (Hanley & McNeil);
* recall of hostile requests at High and at Medium-or-above, and the false-alarm rate of genuine
  requests at the same levels, with counts and 95 % Wilson intervals;
* per check: AUC of its score, and how often it says `suspicious` on hostile and on genuine;
* with --populations: the same rates for each population and hostile grade.

Python standard library only. Exit 0 on success, 2 on bad input.
"""

from __future__ import annotations

import argparse
import csv
import json
import math
import signal
import sys
from collections import defaultdict
from typing import NoReturn

LEVELS = ("low", "medium", "high")


def fail(msg: str) -> NoReturn:
    print(f"score.py: {msg}", file=sys.stderr)
    sys.exit(2)


def read_list(path: str) -> dict:
    """external_id -> (risk, level, {check: (verdict, score)}) from linkvet's JSON lines."""
    out = {}
    f = sys.stdin if path == "-" else open(path, encoding="utf-8")
    with f:
        for n, line in enumerate(f, 1):
            if not line.strip():
                continue
            try:
                obj = json.loads(line)
            except json.JSONDecodeError as e:
                fail(f"{path}, line {n}: not JSON ({e.msg})")
            ext = obj.get("external_id")
            risk, level = obj.get("risk"), obj.get("level")
            if ext is None:
                fail(f"{path}, line {n}: field `external_id` is missing (every report needs an id to be scored)")
            if not isinstance(risk, (int, float)) or isinstance(risk, bool):
                fail(f"{path}, line {n}, field `risk`: expected a number, found {risk!r}")
            if level not in LEVELS:
                fail(f"{path}, line {n}, field `level`: expected one of {', '.join(LEVELS)}, found {level!r}")
            checks = {}
            for c in obj.get("checks") or []:
                checks[c.get("check")] = (c.get("verdict"), c.get("score") or 0)
            if ext in out:
                fail(f"{path}, line {n}: external_id {ext!r} appears twice")
            out[ext] = (float(risk), level, checks)
    return out


def read_labels(path: str) -> dict:
    out = {}
    with open(path, encoding="utf-8", newline="") as f:
        rdr = csv.reader(f)
        header = next(rdr, None)
        if header is None or [h.strip().lstrip("\ufeff") for h in header[:2]] != ["external_id", "label"]:
            fail(f"{path}, line 1: the header must start with `external_id,label`, found {header!r}")
        for n, row in enumerate(rdr, 2):
            if not row:
                continue
            if len(row) < 2 or row[1].strip() not in ("0", "1"):
                fail(f"{path}, line {n}, field `label`: expected 0 or 1, found {row[1:2]!r}")
            out[row[0].strip()] = int(row[1])
    if not out:
        fail(f"{path}: no labels")
    return out


def read_populations(path: str) -> dict:
    out = {}
    with open(path, encoding="utf-8", newline="") as f:
        for row in csv.DictReader(f):
            group = row["population"] + (f" ({row['grade']})" if row.get("grade") else "")
            out[row["external_id"]] = group
    return out


def auc(pos: list, neg: list) -> float:
    """Mann-Whitney U / (n_pos * n_neg), with mid-ranks for ties."""
    if not pos or not neg:
        return float("nan")
    allv = sorted([(v, 1) for v in pos] + [(v, 0) for v in neg])
    rank_sum_pos = 0.0
    i = 0
    while i < len(allv):
        j = i
        while j < len(allv) and allv[j][0] == allv[i][0]:
            j += 1
        mid = (i + 1 + j) / 2  # ranks i+1 .. j
        rank_sum_pos += mid * sum(1 for k in range(i, j) if allv[k][1] == 1)
        i = j
    n1, n0 = len(pos), len(neg)
    return (rank_sum_pos - n1 * (n1 + 1) / 2) / (n1 * n0)


def auc_interval(a: float, n1: int, n0: int) -> tuple:
    """95 % interval from Hanley & McNeil's standard error."""
    if math.isnan(a) or n1 == 0 or n0 == 0:
        return (float("nan"), float("nan"))
    q1, q2 = a / (2 - a), 2 * a * a / (1 + a)
    var = (a * (1 - a) + (n1 - 1) * (q1 - a * a) + (n0 - 1) * (q2 - a * a)) / (n1 * n0)
    se = math.sqrt(max(var, 0.0))
    return (max(0.0, a - 1.96 * se), min(1.0, a + 1.96 * se))


def wilson(k: int, n: int) -> tuple:
    if n == 0:
        return (float("nan"), float("nan"))
    z = 1.96
    p = k / n
    den = 1 + z * z / n
    centre = (p + z * z / (2 * n)) / den
    half = z * math.sqrt(p * (1 - p) / n + z * z / (4 * n * n)) / den
    return (max(0.0, centre - half), min(1.0, centre + half))


def rate(k: int, n: int) -> dict:
    lo, hi = wilson(k, n)
    return {"count": k, "of": n, "rate": (k / n) if n else float("nan"), "ci95": [lo, hi]}


def score(listing: dict, labels: dict, populations: dict | None) -> dict:
    joined = [(ext, labels[ext], listing[ext]) for ext in labels if ext in listing]
    missing = sorted(ext for ext in labels if ext not in listing)
    unlabelled = sorted(ext for ext in listing if ext not in labels)
    if not joined:
        fail("no report in the listing has a label: are the listing and the labels from the same split?")
    pos = [r[0] for _, y, r in joined if y == 1]
    neg = [r[0] for _, y, r in joined if y == 0]
    hostile = [r for _, y, r in joined if y == 1]
    genuine = [r for _, y, r in joined if y == 0]
    a = auc(pos, neg)
    res = {
        "reports": len(joined), "hostile": len(hostile), "genuine": len(genuine),
        "missing_from_listing": len(missing), "unlabelled_in_listing": len(unlabelled),
        "auc": a, "auc_ci95": list(auc_interval(a, len(pos), len(neg))),
        "high": {"recall": rate(sum(r[1] == "high" for r in hostile), len(hostile)),
                 "false_alarm_rate": rate(sum(r[1] == "high" for r in genuine), len(genuine))},
        "medium_or_above": {"recall": rate(sum(r[1] != "low" for r in hostile), len(hostile)),
                            "false_alarm_rate": rate(sum(r[1] != "low" for r in genuine), len(genuine))},
        "high_precision": rate(sum(r[1] == "high" for r in hostile),
                               sum(r[1] == "high" for r in hostile) + sum(r[1] == "high" for r in genuine)),
    }
    checks = sorted({c for _, _, r in joined for c in r[2]})
    per_check = {}
    for c in checks:
        hp = [r[2].get(c, (None, 0))[1] for r in hostile]
        gp = [r[2].get(c, (None, 0))[1] for r in genuine]
        per_check[c] = {
            "auc": auc(hp, gp),
            "suspicious_hostile": rate(sum(r[2].get(c, (None,))[0] == "suspicious" for r in hostile), len(hostile)),
            "suspicious_genuine": rate(sum(r[2].get(c, (None,))[0] == "suspicious" for r in genuine), len(genuine)),
        }
    res["per_check"] = per_check
    if missing:
        res["missing_examples"] = missing[:5]
    if populations:
        groups = defaultdict(list)
        for ext, y, r in joined:
            groups[(y, populations.get(ext, "(unknown)"))].append(r)
        res["by_population"] = {
            f"{'hostile' if y else 'genuine'}: {g}": {"n": len(rs), "high": sum(r[1] == "high" for r in rs) / len(rs),
                                                      "medium_or_above": sum(r[1] != "low" for r in rs) / len(rs),
                                                      "mean_risk": sum(r[0] for r in rs) / len(rs)}
            for (y, g), rs in sorted(groups.items())
        }
    return res


def pct(x: float) -> str:
    return "  n/a" if x != x else f"{100 * x:5.1f}%"


def print_table(res: dict, out=sys.stdout):
    w = out.write
    w(f"reports {res['reports']}: hostile {res['hostile']}, genuine {res['genuine']}"
      f" (missing from listing {res['missing_from_listing']}, unlabelled in listing {res['unlabelled_in_listing']})\n")
    lo, hi = res["auc_ci95"]
    w(f"AUC                               {res['auc']:.4f}   (95% {lo:.4f}-{hi:.4f})\n")
    for key, name in (("high", "High"), ("medium_or_above", "Medium or above")):
        r, f = res[key]["recall"], res[key]["false_alarm_rate"]
        w(f"hostile at {name:<17}      {pct(r['rate'])}  {r['count']:>5} of {r['of']:<5}"
          f" (95% {pct(r['ci95'][0]).strip()}-{pct(r['ci95'][1]).strip()})\n")
        w(f"genuine at {name:<17}      {pct(f['rate'])}  {f['count']:>5} of {f['of']:<5}"
          f" (95% {pct(f['ci95'][0]).strip()}-{pct(f['ci95'][1]).strip()})\n")
    hp = res["high_precision"]
    w(f"hostile share of High             {pct(hp['rate'])}  {hp['count']:>5} of {hp['of']}\n")
    w("\nper check                 AUC   suspicious: hostile   genuine\n")
    for c, v in res["per_check"].items():
        w(f"  {c:<20} {v['auc']:.3f}            {pct(v['suspicious_hostile']['rate'])}    {pct(v['suspicious_genuine']['rate'])}\n")
    if "by_population" in res:
        w("\nby population                                   n    High  Med+  mean risk\n")
        for g, v in res["by_population"].items():
            w(f"  {g:<44} {v['n']:>5} {pct(v['high'])} {pct(v['medium_or_above'])}  {v['mean_risk']:5.1f}\n")


def main(argv=None) -> int:
    signal.signal(signal.SIGPIPE, signal.SIG_DFL)  # quiet when piped into head
    ap = argparse.ArgumentParser(description="Score linkvet's ranking against labels (independent of linkvet).")
    ap.add_argument("listing", help="output of `linkvet list --status all --format json` (- for stdin)")
    ap.add_argument("labels", help="CSV with external_id,label (1 = hostile, 0 = genuine)")
    ap.add_argument("--populations", help="populations.csv from the generator, for a breakdown")
    ap.add_argument("--format", choices=["table", "json"], default="table")
    args = ap.parse_args(argv)
    try:
        listing = read_list(args.listing)
        labels = read_labels(args.labels)
        pops = read_populations(args.populations) if args.populations else None
    except OSError as e:
        fail(str(e))
    res = score(listing, labels, pops)
    if args.format == "json":
        print(json.dumps(res, indent=1, allow_nan=True))
    else:
        print_table(res)
    return 0


if __name__ == "__main__":
    sys.exit(main())

#!/usr/bin/env python3
"""Checks a generated corpus and measures how far apart its two worlds are.

    check_corpus.py [DIR]        (default target/population)

Invariants (exit 1 if any fails): every report is valid `linkvet.report/1` as the spec
describes it, its photo exists, no date shown on a profile lies after the approach, thread
messages follow the invitation, every report has a label, the hostile share is 10-15 %.

Measurements (printed, quoted in EVALUATION.md): the mix of populations; what the held-out
world shares with the tune world (sender name tokens, front organisations, domains, hostile
word 4-grams and whole lure sentences, reference photos by a plain pHash); and how many pairs
of genuine portraits look alike by that pHash.

Needs Pillow (the generator's virtualenv has it).
"""

from __future__ import annotations

import collections
import csv
import itertools
import json
import math
import re
import sys
from pathlib import Path

from PIL import Image

PLATFORMS = {"linkedin", "facebook", "x", "instagram", "github", "email", "other"}
RFC3339 = re.compile(r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$")
PARTIAL = re.compile(r"^\d{4}(-\d{2}(-\d{2})?)?$")
WEBMAIL = {"gmail.com", "outlook.com", "hotmail.co.uk", "yahoo.com", "icloud.com", "proton.me", "gmx.de", "163.com",
           "qq.com", "mail.ru", "yandex.ru", "hotmail.com"}


def load(split_dir: Path):
    reports = [json.loads(line) for line in open(split_dir / "reports.jsonl", encoding="utf-8") if line.strip()]
    pops = {r["external_id"]: r for r in csv.DictReader(open(split_dir / "populations.csv", encoding="utf-8"))}
    labels = {r["external_id"]: int(r["label"]) for r in csv.DictReader(open(split_dir / "labels.csv", encoding="utf-8"))}
    return reports, pops, labels


def invariants(name: str, split_dir: Path, reports, labels) -> list:
    errors = []

    def err(r, msg):
        if len(errors) < 30:
            errors.append(f"{name} {r.get('id')}: {msg}")

    ids = set()
    for r in reports:
        if r.get("schema") != "linkvet.report/1":
            err(r, "schema")
        if r["id"] in ids:
            err(r, "duplicate id")
        ids.add(r["id"])
        if not RFC3339.match(r.get("received_at", "")):
            err(r, "received_at")
        if "reported_at" in r and r["reported_at"] < r["received_at"]:
            err(r, "reported before received")
        if r.get("platform") not in PLATFORMS:
            err(r, "platform")
        if not r.get("recipient", {}).get("name") or not r.get("sender", {}).get("name"):
            err(r, "recipient.name / sender.name")
        s = r["sender"]
        month = r["received_at"][:7]
        for key in ("joined", "photo_updated"):
            if key in s:
                if not PARTIAL.match(s[key]):
                    err(r, f"sender.{key} {s[key]!r}")
                elif s[key][:7] > month:
                    err(r, f"sender.{key} {s[key]} after the approach")
        for key in ("connections", "followers", "mutual_connections", "recent_posts"):
            if key in s and (not isinstance(s[key], int) or s[key] < 0):
                err(r, f"sender.{key}")
        for e in s.get("experience", []):
            if not e.get("org") or not e.get("title"):
                err(r, "experience org/title")
            for k in ("start", "end"):
                v = e.get(k)
                if v is not None and not PARTIAL.match(v):
                    err(r, f"experience.{k} {v!r}")
                elif v is not None and v[:7] > month:
                    err(r, f"experience {e['org']} {k} {v} after the approach {month}")
        for e in s.get("education", []):
            if not e.get("school"):
                err(r, "education school")
        photo = s.get("photo")
        if photo and not (split_dir / photo).is_file():
            err(r, f"photo {photo} missing")
        for m in r.get("thread", []):
            if m["at"] < r["received_at"] or m["from"] not in ("sender", "recipient"):
                err(r, "thread message before the invitation or from neither side")
        if r["id"] not in labels:
            err(r, "no label")
    share = sum(labels.values()) / len(labels)
    if not 0.10 <= share <= 0.15:
        errors.append(f"{name}: hostile share {share:.3f} outside 10-15 %")
    if len(reports) < 5000:
        errors.append(f"{name}: {len(reports)} reports, fewer than 5,000")
    return errors


def words(text: str) -> list:
    return re.findall(r"[a-z0-9']+", text.lower())


def grams(text: str, n: int = 4) -> set:
    w = words(text)
    return {" ".join(w[i:i + n]) for i in range(len(w) - n + 1)}


def sentences(text: str) -> set:
    return {s.strip().lower() for s in re.split(r"(?<=[.?!])\s+|\n+", text) if len(s.strip()) > 25}


def texts_of(r) -> str:
    return " ".join([r.get("message", "")] + [m["text"] for m in r.get("thread", []) if m["from"] == "sender"])


def domains_of(r) -> set:
    s = r["sender"]
    out = set()
    for u in s.get("websites", []):
        out.add(re.sub(r"^https?://(www\.)?", "", u).split("/")[0])
    for e in s.get("emails", []) + re.findall(r"[\w.+-]+@([\w.-]+\w)", texts_of(r)):
        out.add(e.split("@")[-1].strip().lower())
    return out


# A plain 64-bit pHash (DCT of a 32x32 grey image, 8x8 low frequencies, above the median),
# independent of linkvet's implementation.
_N = 32
_COS = [[math.cos((2 * x + 1) * u * math.pi / (2 * _N)) for x in range(_N)] for u in range(8)]


def phash(path: Path) -> int:
    im = Image.open(path).convert("L").resize((_N, _N), Image.LANCZOS)
    px = list(im.tobytes())
    rows = [[sum(_COS[u][x] * px[y * _N + x] for x in range(_N)) for u in range(8)] for y in range(_N)]
    coeff = [sum(_COS[v][y] * rows[y][u] for y in range(_N)) for v in range(8) for u in range(8)][1:]
    med = sorted(coeff)[len(coeff) // 2]
    return sum(1 << i for i, c in enumerate(coeff) if c > med)


def hamming(a: int, b: int) -> int:
    return bin(a ^ b).count("1")


def main() -> int:
    root = Path(sys.argv[1]) if len(sys.argv) > 1 else Path(__file__).resolve().parents[2] / "target" / "population"
    data = {}
    errors = []
    for name in ("tune", "heldout"):
        d = root / name
        reports, pops, labels = load(d)
        data[name] = (d, reports, pops, labels)
        errors += invariants(name, d, reports, labels)
        n = len(reports)
        h = sum(labels.values())
        print(f"{name}: {n} reports, {h} hostile ({h / n:.1%}), "
              f"{sum(1 for r in reports if r['sender'].get('photo'))} with a photo")

    # Mix of populations, both splits.
    print("\npopulation                       tune  heldout")
    mix = collections.Counter()
    for name in data:
        for p in data[name][2].values():
            key = p["population"] if p["label"] == "0" else f"hostile ({p['grade']})"
            mix[(key, name)] += 1
    for key in sorted({k for k, _ in mix}):
        print(f"  {key:<28} {mix[(key, 'tune')]:>6} {mix[(key, 'heldout')]:>7}")

    # What genuine senders look like, in shares of genuine reports.
    print("\nshare of genuine reports           tune  heldout")
    for label, test in [
        ("LinkedIn default text", lambda r: r.get("message", "") in DEFAULTS),
        ("no note", lambda r: not r.get("message")),
        ("no photo", lambda r: not r["sender"].get("photo")),
        ("name wholly in a non-Latin script", lambda r: not re.search(r"[A-Za-z]", r["sender"]["name"])),
        ("account joined < 1 year before", lambda r: young(r)),
        ("not on LinkedIn", lambda r: r["platform"] != "linkedin"),
    ]:
        row = []
        for name in data:
            _, reports, _, labels = data[name]
            g = [r for r in reports if labels[r["id"]] == 0]
            row.append(sum(1 for r in g if test(r)) / len(g))
        print(f"  {label:<32} {row[0]:6.1%} {row[1]:7.1%}")

    # What the held-out world shares with the tune world.
    t, h = data["tune"], data["heldout"]

    def hostile(split):
        return [r for r in split[1] if split[3][r["id"]] == 1]

    def genuine(split):
        return [r for r in split[1] if split[3][r["id"]] == 0]

    def name_tokens(rs):
        return {w for r in rs for w in re.findall(r"\w+", r["sender"]["name"].lower()) if len(w) > 1}

    print("\nheld-out world against tune world")
    ht, tt = name_tokens(h[1]), name_tokens(t[1])
    print(f"  sender name tokens also in tune:        {len(ht & tt)} of {len(ht)}")
    # Organisations and domains that genuine members also show are commonplace (real employers).
    g_orgs = {e["org"] for r in genuine(t) + genuine(h) for e in r["sender"].get("experience", [])}
    t_orgs = {e["org"] for r in hostile(t) for e in r["sender"].get("experience", [])} - g_orgs
    h_orgs = {e["org"] for r in hostile(h) for e in r["sender"].get("experience", [])} - g_orgs
    print(f"  hostile organisations no genuine member shows, also in tune: {len(h_orgs & t_orgs)} of {len(h_orgs)} "
          f"{sorted(h_orgs & t_orgs)[:6]}")
    g_dom = set().union(*(domains_of(r) for r in genuine(t) + genuine(h)))
    t_dom = set().union(*(domains_of(r) for r in hostile(t))) - WEBMAIL - g_dom
    h_dom = set().union(*(domains_of(r) for r in hostile(h))) - WEBMAIL - g_dom
    print(f"  hostile domains no genuine member shows, also in tune:       {len(h_dom & t_dom)} of {len(h_dom)} "
          f"{sorted(h_dom & t_dom)[:6]}")
    for label, a, b in (("hostile", hostile(h), hostile(t)), ("genuine", genuine(h), genuine(t))):
        ga = set().union(*(grams(texts_of(r)) for r in a))
        gb = set().union(*(grams(texts_of(r)) for r in b))
        sa = set().union(*(sentences(texts_of(r)) for r in a))
        sb = set().union(*(sentences(texts_of(r)) for r in b))
        print(f"  {label} word 4-grams also in tune {label}: {len(ga & gb) / max(1, len(ga)):.1%} of {len(ga)}; "
              f"whole sentences: {len(sa & sb) / max(1, len(sa)):.1%} of {len(sa)}")
    hosts = [r for r in hostile(h) if r.get("message")]
    tune_sent = set().union(*(sentences(texts_of(r)) for r in hostile(t)))
    # Commonplace: anything genuine members of either world also write (LinkedIn's default
    # text, plain notes); a hostile sentence seen in tune and never written by a genuine member
    # is what a memorising model could exploit.
    common = set().union(*(sentences(texts_of(r)) for r in genuine(h) + genuine(t))) | DEFAULT_SENTENCES
    verbatim = [r for r in hosts if (sentences(texts_of(r)) & tune_sent) - common]
    print(f"  held-out hostile messages sharing a sentence with tune hostile messages that no genuine member writes: "
          f"{len(verbatim)} of {len(hosts)}")

    ref = {name: [phash(p) for p in sorted((data[name][0] / "reference").rglob("*.jpg"))] for name in data}
    nearest = [min(hamming(a, b) for b in ref["tune"]) for a in ref["heldout"]]
    print(f"  held-out reference photos: nearest tune reference photo at pHash distance "
          f"min {min(nearest)}, median {sorted(nearest)[len(nearest) // 2]}")

    # Look-alikes among genuine portraits (a sample).
    sample = sorted({r["sender"]["photo"] for r in genuine(t) if r["sender"].get("photo")})[:400]
    hashes = [phash(t[0] / p) for p in sample]
    ds = sorted(hamming(a, b) for a, b in itertools.combinations(hashes, 2))
    print(f"\ngenuine profile photos (tune, {len(sample)} sampled): pHash distance between different pictures "
          f"mean {sum(ds) / len(ds):.1f}, 1st percentile {ds[len(ds) // 100]}, "
          f"pairs within 10: {sum(d <= 10 for d in ds)} of {len(ds)} ({sum(d <= 10 for d in ds) / len(ds):.3%})")

    if errors:
        print("\nINVARIANTS FAILED:")
        for e in errors:
            print("  " + e)
        return 1
    print("\nall invariants hold")
    return 0


DEFAULTS = {
    "I'd like to add you to my professional network on LinkedIn.", "I'd like to join your LinkedIn network.",
    "Je souhaiterais vous ajouter à mon réseau professionnel sur LinkedIn.",
    "Ich möchte Sie gerne zu meinem beruflichen Netzwerk auf LinkedIn hinzufügen.",
    "Me gustaría añadirte a mi red profesional en LinkedIn.", "Vorrei aggiungerti alla mia rete professionale su LinkedIn.",
    "Gostaria de adicioná-lo à minha rede profissional no LinkedIn.",
    "Ik wil je graag toevoegen aan mijn professionele netwerk op LinkedIn.",
    "Chciałbym dodać Cię do mojej sieci zawodowej na LinkedIn.",
    "Jag vill gärna lägga till dig i mitt professionella nätverk på LinkedIn.",
    "Sizi LinkedIn'deki profesyonel ağıma eklemek istiyorum.",
    "Я хотел бы добавить вас в свою профессиональную сеть в LinkedIn.", "我想邀请您加入我在领英上的职业人脉。",
    "LinkedInのネットワークに招待します。", "أود إضافتك إلى شبكتي المهنية على LinkedIn.",
}
DEFAULT_SENTENCES = {s.lower() for s in DEFAULTS}


def young(r) -> bool:
    j = r["sender"].get("joined")
    if not j or r["platform"] != "linkedin":
        return False
    y, m = int(j[:4]), int(j[5:7]) if len(j) >= 7 else 6
    ry, rm = int(r["received_at"][:4]), int(r["received_at"][5:7])
    return (ry - y) * 12 + (rm - m) < 12


if __name__ == "__main__":
    sys.exit(main())

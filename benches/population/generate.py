#!/usr/bin/env python3
"""Generates linkvet's population-realistic evaluation corpus: two independent "worlds" of
approach reports (tune and held-out), each with its photos, reference photos, watchlist and
labels, built from published descriptions of hostile approaches and from how genuine members
use LinkedIn, not from linkvet's checks.

    generate.py [--seed N] [--out DIR] [--per-split N] [--hostile-share F] [--jobs N]

Output (DIR defaults to target/population):

    DIR/labels.csv, labels-tune.csv, labels-heldout.csv    external_id,label (1 = hostile)
    DIR/manifest.json                                      seed, counts, file digests
    DIR/SPLIT/reports.jsonl                                linkvet.report/1, photos/ beside it
    DIR/SPLIT/reference/stock/, reference/hostile/         for `linkvet reference add`
    DIR/SPLIT/watchlist.csv                                kind,value,note
    DIR/SPLIT/labels.csv                                   this split's labels
    DIR/SPLIT/populations.csv                              who each report is (for breakdowns)

Same seed, same Python and Pillow: same bytes. See EVALUATION.md.
"""

from __future__ import annotations

import argparse
import csv
import datetime as dt
import hashlib
import json
import math
import os
import random
import sys
import time
import unicodedata
import urllib.parse
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

sys.dont_write_bytecode = True  # no __pycache__ beside the sources in the repository
sys.path.insert(0, str(Path(__file__).resolve().parent))

import photos  # noqa: E402
import pools  # noqa: E402
import texts  # noqa: E402
from pools import split  # noqa: E402

DEFAULT_SEED = 20261201
GENERATOR_VERSION = 1
SPLIT_PREFIX = {"tune": "TU", "heldout": "HO"}
PERIOD_START = dt.datetime(2025, 5, 1, tzinfo=dt.timezone.utc)
PERIOD_END = dt.datetime(2026, 10, 31, tzinfo=dt.timezone.utc)

# Genuine populations and their share of genuine reports. Reporters over-report: most of what
# reaches a security team is ordinary networking.
GENUINE_MIX = {
    "default_text": 0.295,      # kept LinkedIn's pre-filled invitation (any language)
    "no_note": 0.235,           # wrote nothing
    "recruiter": 0.09,          # agency recruiters, one template per agency
    "conference_note": 0.07,    # "Hi <name>, I enjoyed your talk on <topic>."
    "personal_note": 0.07,      # composed notes from people who met or worked together
    "new_graduate": 0.06,       # thin new accounts, short careers
    "career_changer": 0.03,     # overlapping roles, a change of sector
    "expert_network": 0.025,    # legitimate paid-consultation offers
    "event_invitation": 0.02,   # speaking invitations, travel covered
    "email_continue": 0.015,    # asks to continue by e-mail
    "colleague": 0.02,          # new joiner connecting with the whole team
    "connector": 0.012,         # a journalist or organiser who connects with many officials
    "sales": 0.015,             # vendors pitching to the public sector
    "academic": 0.02,           # researchers asking for interviews
    "other_platform": 0.023,    # X, Facebook, Instagram, GitHub follows and messages
}
# Mean reports one draw of a population adds (colleague: 2-7 teammates; connector: 8-25 officials).
REPORTS_PER_DRAW = {"colleague": 4.5, "connector": 16.5}
# Hostile grades: how many published indicators an approach shows.
#   blatant: several strong signs; clear: one or two strong signs with weak ones;
#   subtle: one strong sign only; faint: weak signs only (no analyst could be sure).
HOSTILE_GRADES = {"blatant": 0.25, "clear": 0.35, "subtle": 0.30, "faint": 0.10}
CAMPAIGN_SHARE = 0.55  # share of hostile reports that come from a multi-persona operation

STRONG_SIGNS = ["ref_photo", "shared_photo", "watch_infra", "mixed_script", "lure_strong", "campaign_text"]
WEAK_SIGNS = ["new_account", "thin_network", "implausible_network", "broken_career", "vague_headline",
              "lure_mild", "no_photo", "photo_fresh", "url_mismatch"]


# ---------------------------------------------------------------------------------------------
# Small helpers


def ascii_fold(s: str) -> str:
    return "".join(c for c in unicodedata.normalize("NFKD", s) if not unicodedata.combining(c)).encode(
        "ascii", "ignore").decode()


def slugify(s: str) -> str:
    out = "".join(c.lower() if c.isalnum() else "-" for c in ascii_fold(s))
    while "--" in out:
        out = out.replace("--", "-")
    return out.strip("-")


def iso(t: dt.datetime) -> str:
    return t.strftime("%Y-%m-%dT%H:%M:%SZ")


def partial(t: dt.date | dt.datetime, rng: random.Random, weights=(10, 80, 10)) -> str:
    """A partial date as platforms show them: year, year-month or a full date."""
    form = rng.choices(["y", "ym", "ymd"], weights)[0]
    if form == "y":
        return f"{t.year:04d}"
    if form == "ym":
        return f"{t.year:04d}-{t.month:02d}"
    return f"{t.year:04d}-{t.month:02d}-{t.day:02d}"


def ym(year: int, month: int) -> str:
    return f"{year:04d}-{month:02d}"


def months_before(t: dt.datetime, months: float) -> dt.datetime:
    return t - dt.timedelta(days=months * 30.44)


def clamp_date(t: dt.datetime, lo: dt.datetime) -> dt.datetime:
    return max(t, lo)


LINKEDIN_LAUNCH = dt.datetime(2003, 5, 5, tzinfo=dt.timezone.utc)


# ---------------------------------------------------------------------------------------------
# The world: one split's people, organisations, officials and infrastructure.


class World:
    def __init__(self, name: str, seed: int, n_reports: int, hostile_share: float):
        self.name = name
        self.rng = random.Random(f"{seed}:{name}")
        self.n_reports = n_reports
        self.n_hostile = round(n_reports * hostile_share)
        self.n_genuine = n_reports - self.n_hostile
        self.latin = {origin: tuple(split(lst, name) for lst in lists) for origin, lists in pools.LATIN_NAMES.items()}
        self.native = {script: split(lst, name) for script, lst in pools.NATIVE_SCRIPT_NAMES.items()}
        self.topics = pools.TOPICS_BY_WORLD[name]
        self.agencies = pools.RECRUITMENT_AGENCIES[name]
        self.agency_templates = texts.AGENCY_TEMPLATES[name]
        self.expert_networks = pools.EXPERT_NETWORKS[name]
        self.expert_templates = texts.EXPERT_NETWORK_TEMPLATES[name]
        self.event_orgs = pools.EVENT_ORGANISERS[name]
        self.event_templates = texts.EVENT_TEMPLATES[name]
        self.small_firms = pools.SMALL_FIRMS[name]
        self.outlets = pools.NEWS_OUTLETS[name]
        self.fronts = pools.FRONTS[name]
        self.stale_fronts = pools.STALE_FRONTS[name]
        self.lures = texts.LURES[name]
        self.signatures = list(texts.CAMPAIGN_SIGNATURES[name])
        self.rng.shuffle(self.signatures)
        self._phones = self._phone_pool()
        self._hex_used: set = set()
        self.photo_jobs: dict = {}          # relative path -> render job
        self.reports: list = []             # (report dict, meta dict)
        self.watchlist: list = []           # (kind, value, note)
        self.reference: dict = {"stock": [], "hostile": []}  # (file name, spec)
        self.officials = self._officials(420)

    # -- identities ------------------------------------------------------------------------

    def person_name(self, rng: random.Random, origin: str | None = None, gender: str | None = None):
        """(display name, first, last, origin, gender)."""
        origin = origin or rng.choices(list(pools.LATIN_ORIGIN_WEIGHTS), list(pools.LATIN_ORIGIN_WEIGHTS.values()))[0]
        gender = gender or rng.choice("fm")
        firsts_f, firsts_m, lasts = self.latin[origin]
        first = rng.choice(firsts_f if gender == "f" else firsts_m)
        last = rng.choice(lasts)
        if origin == "chinese" and rng.random() < 0.15:
            # Many Chinese members add an English first name.
            first = rng.choice(self.latin["british"][0] if gender == "f" else self.latin["british"][1])
        return f"{first} {last}", first, last, origin, gender

    def native_name(self, rng: random.Random):
        script = rng.choices(list(pools.NATIVE_SCRIPT_WEIGHTS), list(pools.NATIVE_SCRIPT_WEIGHTS.values()))[0]
        full = rng.choice(self.native[script])
        parts = full.split(" ")
        first = parts[-1] if script in ("Japanese",) else parts[0]
        return full, first, parts[-1], script

    def hexid(self, rng: random.Random, n: int = 6) -> str:
        while True:
            h = f"{rng.getrandbits(4 * n):0{n}x}"
            if h not in self._hex_used:
                self._hex_used.add(h)
                return h

    def profile_url(self, rng: random.Random, first: str, last: str, native: str | None = None,
                    mismatch_name: tuple | None = None) -> str:
        if mismatch_name:
            first, last = mismatch_name
        if native and rng.random() < 0.5:
            slug = urllib.parse.quote(native.replace(" ", "-")) + "-" + self.hexid(rng, 6)
        else:
            base = slugify(f"{first} {last}") or "member"
            form = rng.choices(["hex", "vanity", "num", "initial"], [65, 15, 12, 8])[0]
            if form == "hex":
                slug = f"{base}-{self.hexid(rng, rng.choice([6, 8]))}"
            elif form == "vanity":
                slug = base.replace("-", "") + (str(rng.randint(1, 99)) if rng.random() < 0.4 else "")
                if slug in self._hex_used:
                    slug += "-" + self.hexid(rng, 4)
                self._hex_used.add(slug)
            elif form == "num":
                slug = f"{base}-{rng.randint(10000000, 99999999)}"
            else:
                slug = f"{slugify(first)[:1]}{slugify(last)}-{self.hexid(rng, 5)}"
        return f"https://www.linkedin.com/in/{slug}"

    def phone(self) -> str:
        return self._phones.pop()

    def _phone_pool(self) -> list:
        k = pools.WORLDS.index(self.name)
        out = []
        for prefix, fmt, n in pools.PHONE_RANGES:
            half = range(k * n // 2, (k + 1) * n // 2)
            out += [prefix + fmt.format(i) for i in half]
        self.rng.shuffle(out)
        return out

    def webmail(self, rng: random.Random, first: str, last: str, hostile: bool = False) -> str:
        domain = rng.choices(pools.WEBMAIL, pools.WEBMAIL_WEIGHTS)[0]
        f, l = slugify(first).replace("-", ""), slugify(last).replace("-", "")
        f, l = f or "m", l or "x"
        form = rng.choice(["f.l", "fl", "f.l.n", "fln", "l.f", "f_l"])
        n = str(rng.randint(1, 99) if not hostile else rng.choice([rng.randint(1, 99), rng.randint(1960, 2003)]))
        local = {"f.l": f"{f}.{l}", "fl": f"{f}{l}", "f.l.n": f"{f}.{l}{n}", "fln": f"{f}{l}{n}", "l.f": f"{l}.{f}",
                 "f_l": f"{f}_{l}"}[form]
        if hostile and rng.random() < 0.4:
            local += rng.choice([".consult", ".research", ".hr", "office", ".work"])
        return f"{local}@{domain}"

    # -- officials (the approached) ----------------------------------------------------------

    def _officials(self, n: int) -> list:
        rng = random.Random(self.rng.getrandbits(64))
        out = []
        usernames = set()
        for _ in range(n):
            display, first, last, _, _ = self.person_name(rng)
            org = rng.choice(pools.GOV_ORGS)
            sensitive = rng.random() < 0.4
            topic = rng.choice(pools.SENSITIVE_TOPICS if sensitive else pools.ORDINARY_TOPICS)
            role = rng.choice(pools.OFFICIAL_ROLES)
            role_text = f"{role}, {topic}" if rng.random() < 0.7 else role
            user = f"{slugify(first)[:1]}.{slugify(last).replace('-', '')}"
            while user in usernames:
                user += str(rng.randint(1, 9))
            usernames.add(user)
            out.append({"name": display, "first": first, "last": last, "org": org, "role": role_text,
                        "topic": topic, "sensitive": sensitive, "user": user})
        return out

    def pick_official(self, rng: random.Random, hostile: bool = False) -> dict:
        if hostile:
            # Hostile services choose their targets: sensitive portfolios three times as often.
            weights = [3 if o["sensitive"] else 1 for o in self.officials]
            return rng.choices(self.officials, weights)[0]
        return rng.choice(self.officials)

    # -- photos ----------------------------------------------------------------------------

    def add_photo(self, rng: random.Random, job: dict) -> str:
        path = f"photos/{self.hexid(rng, 12)}.jpg"
        self.photo_jobs[path] = job
        return path

    # -- output ----------------------------------------------------------------------------

    def add_report(self, report: dict, meta: dict):
        self.reports.append((report, meta))


# ---------------------------------------------------------------------------------------------
# Careers


def genuine_education(rng: random.Random, grad_year: int, sector: str, postgrad: float = 0.35) -> list:
    edu = []
    school = rng.choice(pools.UNIVERSITIES)
    edu.append({"school": school, "degree": rng.choice(pools.DEGREES["ba"]),
                "start": str(grad_year - rng.choice([3, 3, 3, 4])), "end": str(grad_year)})
    if rng.random() < postgrad or sector in ("academia", "think_tank"):
        y = grad_year + rng.choice([0, 1, 1, 2, 4])
        edu.append({"school": rng.choice(pools.UNIVERSITIES), "degree": rng.choice(pools.DEGREES["ma"]),
                    "start": str(y), "end": str(y + 1)})
        if sector == "academia" and rng.random() < 0.8:
            edu.append({"school": rng.choice(pools.UNIVERSITIES), "degree": rng.choice(pools.DEGREES["phd"]),
                        "start": str(y + 1), "end": str(y + 1 + rng.choice([3, 4, 4, 5]))})
    edu.reverse()  # most recent first, as profiles show them
    # Members leave out dates, or degrees, fairly often.
    for e in edu:
        if rng.random() < 0.12:
            e.pop("degree")
        if rng.random() < 0.1:
            e.pop("start")
    return edu


def genuine_career(rng: random.Random, sector: str, start_year: int, now: dt.datetime, world: World,
                   topic: str) -> list:
    """A plausible career from `start_year` to now, most recent role first."""
    spec = pools.SECTORS[sector]
    ladder = spec["ladder"]
    roles = []
    y, m = start_year, rng.randint(1, 12)
    level = 0
    org = rng.choice(spec["orgs"])
    end_limit = (now.year, now.month)
    while True:
        dur = max(1, int(rng.lognormvariate(math.log(26), 0.55)))  # months
        ey, em = y + (m - 1 + dur) // 12, (m - 1 + dur) % 12 + 1
        current = (ey, em) >= end_limit
        title = ladder[min(level, len(ladder) - 1)].format(topic=topic.title() if topic else "Policy")
        role = {"org": org, "title": title, "start": ym(y, m) if rng.random() < 0.88 else str(y),
                "end": None if current else (ym(ey, em) if rng.random() < 0.88 else str(ey))}
        if rng.random() < 0.3:
            role["location"] = rng.choice(pools.CITIES_UK)
        roles.append(role)
        if current:
            break
        # Next role: promotion, a move, or a sideways step; a gap now and then.
        if rng.random() < 0.55:
            level += 1
        if rng.random() < 0.45:
            # Mostly the sector's known employers; now and then a large employer of another
            # sector, or one of the world's small firms.
            r = rng.random()
            org = (rng.choice(world.small_firms)[0] if r < 0.08 else
                   rng.choice(pools.BIG_EMPLOYERS)[0] if r < 0.2 else rng.choice(spec["orgs"]))
        gap = rng.choice([0, 0, 0, 0, 1, 2, 5])
        y, m = ey + (em - 1 + gap) // 12, (em - 1 + gap) % 12 + 1
        if (y, m) >= end_limit:
            roles[-1]["end"] = None
            break
    roles.reverse()
    return roles


def take_current(exp: list, current: tuple, start: dt.datetime) -> list:
    """The career with `current` (org, title) as today's role from `start`: earlier roles end
    when it begins, and none starts after it (most recent first, as profiles show them)."""
    org, title = current
    begin = ym(start.year, start.month)
    kept = []
    for role in exp:
        if role["start"][:7] >= begin:
            continue
        role = dict(role)
        if role["end"] is None or role["end"][:7] > begin:
            role["end"] = begin
        kept.append(role)
    return [{"org": org, "title": title, "start": begin, "end": None}] + kept


def side_roles(rng: random.Random, now: dt.datetime) -> list:
    """Concurrent part-time roles that genuine senior people hold beside their job."""
    options = [("Trustee", ["a local charity", "Citizens Advice", "a housing association", "a youth charity"]),
               ("School Governor", ["a local primary school", "an academy trust"]),
               ("Visiting Lecturer", pools.UNIVERSITIES[:12]),
               ("Non-Executive Director", ["a NHS trust", "a social enterprise", "a professional body"]),
               ("Reservist", ["Army Reserve", "Royal Naval Reserve", "RAF Reserves"]),
               ("Mentor", ["Civil Service mentoring scheme", "a women in STEM network"])]
    title, orgs = rng.choice(options)
    start = now.year - rng.randint(1, 8)
    return [{"org": rng.choice(orgs), "title": title, "start": ym(start, rng.randint(1, 12)), "end": None}]


# ---------------------------------------------------------------------------------------------
# Account figures


def established_account(rng: random.Random, now: dt.datetime, relation: str) -> dict:
    years = rng.uniform(3, 17)
    joined = clamp_date(months_before(now, years * 12), LINKEDIN_LAUNCH)
    conn = int(min(500, math.exp(rng.gauss(5.4, 0.85))))
    conn = max(conn, 12)
    followers = int(conn * rng.uniform(1.0, 1.35)) + (rng.randint(0, 3000) if conn >= 300 and rng.random() < 0.15 else 0)
    mutual = {"stranger": rng.choice([0, 0, 0, 1, 1, 2, 3, 4]), "sector": rng.randint(1, 25),
              "colleague": rng.randint(8, 90), "public": rng.randint(5, 140)}[relation]
    posts = 0 if rng.random() < 0.6 else min(40, int(rng.expovariate(1 / 5)) + 1)
    photo_upd = joined + (now - joined) * rng.uniform(0.1, 1.0)
    acct = {"connections": conn, "followers": followers, "mutual_connections": mutual, "recent_posts": posts,
            "joined": partial(joined, rng), "photo_updated": partial(photo_upd, rng)}
    ver = []
    if rng.random() < 0.28:
        ver.append("identity")
    if rng.random() < 0.1:
        ver.append("workplace")
    acct["verifications"] = ver
    return acct


def new_account(rng: random.Random, now: dt.datetime, months: tuple, conn_range: tuple, mutual_max: int) -> dict:
    joined = months_before(now, rng.uniform(*months))
    conn = rng.randint(*conn_range)
    acct = {"connections": conn, "followers": int(conn * rng.uniform(0.9, 1.2)), "mutual_connections": rng.randint(0, mutual_max),
            "recent_posts": rng.choice([0, 0, 0, 1, 2]), "joined": partial(joined, rng),
            "photo_updated": partial(joined + (now - joined) * rng.uniform(0, 0.8), rng),
            "verifications": ["identity"] if rng.random() < 0.12 else []}
    return acct


# ---------------------------------------------------------------------------------------------
# About texts


def composed_about(rng: random.Random, first: str, sender: dict, sector: str, topic: str) -> str:
    """A genuine member's own about text: a few sentences drawn from many parts and filled with
    this person's own facts; one in five is written in the third person."""
    exp = sender.get("experience") or []
    edu = sender.get("education") or []
    cur = exp[0] if exp else {"org": "my current organisation", "title": "Adviser"}
    prev = exp[1] if len(exp) > 1 else None
    slots = {k: rng.choice(v) for k, v in texts.ABOUT_SLOTS.items()}
    slots.update({
        "firstname": first, "title": cur["title"], "title_lc": cur["title"][:1].lower() + cur["title"][1:],
        "org": cur["org"], "topic": topic.lower() if topic else "policy", "years": rng.randint(4, 25),
        "sector_word": texts.SECTOR_WORDS[sector], "prev_org": prev["org"] if prev else rng.choice(pools.GOV_ORGS),
        "prev_role_clause": f" as {prev['title'].lower()}" if prev and rng.random() < 0.6 else "",
        "move_year": rng.randint(2008, 2022), "degree_subject": (edu[0].get("degree", "BA History").split(" ", 1)[-1] if edu else "history"),
        "school": edu[-1]["school"] if edu else rng.choice(pools.UNIVERSITIES),
        "project2": rng.choice(texts.ABOUT_SLOTS["project"]), "interest2": rng.choice(texts.ABOUT_SLOTS["interest"]),
        "language2": rng.choice(texts.ABOUT_SLOTS["language"]),
    })
    opener = rng.choice(texts.ABOUT_OPENERS_3P if rng.random() < 0.2 else texts.ABOUT_OPENERS_1P)
    middles = rng.sample(texts.ABOUT_MIDDLES, rng.choice([1, 2, 2, 3, 3, 4]))
    parts = [opener] + middles + [rng.choice(texts.ABOUT_CLOSERS)]
    sentences = [texts.expand(p, rng, slots) for p in parts if p]
    sep = "\n\n" if rng.random() < 0.25 else " "
    text = sep.join(s for s in sentences if s)
    if rng.random() < 0.1:
        text = text.replace(". ", ".\n- ", 2)
    return text


def generic_about(rng: random.Random, sender: dict, sector: str, topic: str) -> str:
    cur = (sender.get("experience") or [{"title": "Professional"}])[0]
    skills = (sender.get("skills") or []) + pools.GENERIC_SKILLS
    slots = {"title_lc": cur["title"].lower(), "industry": texts.INDUSTRY[sector], "skill1": skills[0],
             "skill2": skills[1], "skill3": skills[2], "topic": (topic or "innovation").lower()}
    return texts.pick(rng, texts.GENERIC_ABOUTS, slots)


# ---------------------------------------------------------------------------------------------
# Genuine members


def genuine_sender(world: World, rng: random.Random, now: dt.datetime, *, sector: str | None = None,
                   relation: str = "stranger", grad: bool = False, changer: bool = False,
                   photo: str | None = "auto", native_ok: bool = True, headline: str | None = None,
                   current: tuple | None = None) -> tuple[dict, dict]:
    """(sender object, private facts) for one genuine member."""
    sector = sector or rng.choices(list(pools.SECTOR_WEIGHTS), list(pools.SECTOR_WEIGHTS.values()))[0]
    native = None
    if native_ok and rng.random() < 0.085:
        display, first, last, script = world.native_name(rng)
        native = display
        origin, gender = script, rng.choice("fm")
    else:
        display, first, last, origin, gender = world.person_name(rng)
        r = rng.random()
        if r < 0.04:
            display = display + rng.choice(pools.NAME_DECORATIONS)
        elif r < 0.06:
            display = rng.choice(pools.NAME_PREFIXES) + display
        elif r < 0.075 and origin == "chinese":
            # "Wei Wang (王伟)": Latin and Han as separate words, as many members write it.
            display = f"{display} ({rng.choice(world.native['Han'])})"
    topic = rng.choice(pools.SENSITIVE_TOPICS + pools.ORDINARY_TOPICS + world.topics)
    if grad:
        grad_year = now.year - rng.choice([0, 0, 1])
        start_year = grad_year
    else:
        start_year = now.year - rng.randint(2, 30)
        grad_year = start_year - rng.choice([0, 0, 1])
    edu = genuine_education(rng, grad_year, sector, postgrad=0.25 if grad else 0.35)
    if grad:
        exp = []
        if rng.random() < 0.6:
            iy = grad_year - 1
            exp.append({"org": rng.choice(pools.SECTORS[sector]["orgs"] + [f for f, _ in world.small_firms]),
                        "title": rng.choice(["Summer Intern", "Intern", "Research Intern", "Placement Student"]),
                        "start": ym(iy, 6), "end": ym(iy, rng.choice([8, 9]))})
        if rng.random() < 0.55:
            sm = rng.randint(6, 10)
            if (grad_year, sm) <= (now.year, now.month):
                exp.insert(0, {"org": rng.choice(pools.SECTORS[sector]["orgs"]),
                               "title": rng.choice(["Graduate Analyst", "Graduate Engineer", "Fast Streamer",
                                                    "Junior Researcher", "Graduate Trainee", "Policy Officer"]),
                               "start": ym(grad_year, sm), "end": None})
    elif changer:
        first_sector = rng.choice([s for s in pools.SECTORS if s != sector])
        switch = now.year - rng.randint(1, 6)
        exp = genuine_career(rng, sector, switch, now, world, topic)
        old = genuine_career(rng, first_sector, start_year, dt.datetime(switch, 6, 1, tzinfo=dt.timezone.utc), world, topic)
        # The old job ran on past the new one's start (notice periods, a part-time handover).
        if old:
            ov = rng.randint(1, 8)
            sy = int(exp[-1]["start"][:4])
            sm = int(exp[-1]["start"][5:7]) if len(exp[-1]["start"]) > 4 else 6
            ey, em = sy + (sm - 1 + ov) // 12, (sm - 1 + ov) % 12 + 1
            # Still in the old job at the approach, when the new one began only weeks ago.
            old[0]["end"] = ym(ey, em) if (ey, em) < (now.year, now.month) else None
        exp = exp + old
        if rng.random() < 0.5:
            # Studied part-time while still in the old job.
            course_end = ym(switch + 1, 6) if (switch + 1, 6) < (now.year, now.month) else None
            exp.insert(0, {"org": rng.choice(pools.UNIVERSITIES[:15]), "title": rng.choice(["Part-time MSc student", "Evening course"]),
                           "start": ym(switch - 1, 9), "end": course_end})
    else:
        exp = genuine_career(rng, sector, start_year, now, world, topic)
        if len(exp) >= 3 and rng.random() < 0.22:
            exp = side_roles(rng, now) + exp
    if current:
        exp = take_current(exp, current, months_before(now, rng.uniform(2, 60)))
    # Profiles are incomplete as often as not.
    if rng.random() < 0.12:
        exp = exp[:1]
    if rng.random() < 0.15:
        edu = []
    skills = rng.sample(pools.SECTORS[sector]["skills"], min(len(pools.SECTORS[sector]["skills"]), rng.randint(2, 6)))
    if rng.random() < 0.3:
        skills += rng.sample(pools.GENERIC_SKILLS, 2)
    if rng.random() < 0.2:
        skills = []
    cur = next((e for e in exp if e["end"] is None and "student" not in e["title"].lower()
                and "course" not in e["title"].lower()), exp[0] if exp else None)
    if headline is None:
        if grad and not cur:
            headline = rng.choice([f"{edu[0].get('degree', 'Graduate')} graduate" if edu else "Graduate",
                                   f"Aspiring {topic.lower()} professional", "Recent graduate | Open to work",
                                   f"Student at {edu[0]['school']}" if edu else "Student"])
        elif cur:
            headline = rng.choices([f"{cur['title']} at {cur['org']}", f"{cur['title']} | {topic}",
                                    f"{cur['title']}, {cur['org']}", " | ".join(skills[:3]) or cur["title"],
                                    rng.choice(texts.VAGUE_HEADLINES)], [55, 15, 12, 10, 8])[0]
        else:
            headline = rng.choice(texts.VAGUE_HEADLINES)
    if grad:
        acct = new_account(rng, now, (0.5, 14), (15, 190), 8)
    else:
        acct = established_account(rng, now, relation)
    city = rng.choice(pools.CITIES_UK) if rng.random() < 0.82 else None
    sender = {"name": display}
    # A profile address is missing when the reporter only saw the name (or took a screenshot).
    mismatch = None
    if rng.random() < 0.08 and not native:
        # Vanity addresses, nicknames and former names: the address says something else.
        other = world.person_name(rng, origin=origin if origin in world.latin else None, gender=gender)
        mismatch = (first, other[2]) if rng.random() < 0.6 else (rng.choice(["jay", "kit", "bee", "max", "sam"]), last)
    if rng.random() < 0.93:
        sender["profile_url"] = world.profile_url(rng, first, last, native=native, mismatch_name=mismatch)
    if headline:
        sender["headline"] = headline
    sender["location"] = pools.uk_location(city) if city else rng.choice(pools.CITIES_ABROAD)
    sender.update({k: v for k, v in acct.items() if not (k == "verifications" and not v)})
    if rng.random() < 0.05:
        # Reporters sometimes only note what the invitation card shows.
        for k in ("followers", "recent_posts", "photo_updated", "joined"):
            sender.pop(k, None)
    sender["experience"] = exp
    sender["education"] = edu
    if skills:
        sender["skills"] = skills
    if rng.random() < 0.14:
        employer_sites = dict(pools.BIG_EMPLOYERS)
        handle = slugify(first + last).replace("-", "") or "me"
        site = rng.choice([f"https://www.{employer_sites[cur['org']]}" if cur and cur["org"] in employer_sites else "https://www.gov.uk",
                           f"https://{handle}.substack.com", f"https://github.com/{handle}", f"https://medium.com/@{handle}",
                           f"https://{handle}.example"])
        sender["websites"] = [site]
    if rng.random() < 0.04:
        sender["phones"] = [world.phone()]
    if rng.random() < 0.05 and cur:
        dom = dict(pools.BIG_EMPLOYERS).get(cur["org"], "gov.uk" if cur["org"] in pools.GOV_ORGS else None)
        if dom:
            sender["emails"] = [f"{slugify(first).replace('-', '')}.{slugify(last).replace('-', '')}@{dom}"]
    r = rng.random()
    if r < 0.38:
        pass  # no about text
    elif r < 0.48:
        sender["about"] = generic_about(rng, sender, sector, topic)
    else:
        sender["about"] = composed_about(rng, first, sender, sector, topic)
    facts = {"first": first, "last": last, "sector": sector, "topic": topic, "native": native, "origin": origin,
             "gender": gender, "org": cur["org"] if cur else None}
    if photo == "auto":
        sender["photo"] = genuine_photo(world, rng)
    elif photo:
        sender["photo"] = photo
    return sender, facts


def genuine_photo(world: World, rng: random.Random, style: str | None = None) -> str | None:
    r = rng.random()
    if r < 0.15:
        return None
    if r < 0.22:
        spec = photos.sample_other(rng)
    elif r < 0.225 and world.reference["stock"]:
        # A member who took a stock landscape or logo as a profile picture.
        others = [s for _, s in world.reference["stock"] if s["kind"] != "portrait"]
        if others:
            return world.add_photo(rng, {"spec": rng.choice(others), "steps": photos.sample_disguise(rng, "none"),
                                         "pre_quality": 88})
        spec = photos.sample_other(rng)
    else:
        spec = photos.sample_portrait(rng, style or "any")
    return world.add_photo(rng, {"spec": spec})


def received_time(rng: random.Random, lo: dt.datetime = PERIOD_START, hi: dt.datetime = PERIOD_END) -> dt.datetime:
    t = lo + (hi - lo) * rng.random()
    # Working hours, mostly.
    hour = int(min(23, max(0, rng.gauss(12.5, 3.5))))
    return t.replace(hour=hour, minute=rng.randint(0, 59), second=rng.randint(0, 59), microsecond=0)


def reported_time(rng: random.Random, received: dt.datetime) -> dt.datetime:
    return received + dt.timedelta(minutes=int(rng.lognormvariate(math.log(240), 1.6)) + 1)


def report_shell(world: World, rng: random.Random, official: dict, received: dt.datetime, platform: str,
                 sender: dict) -> dict:
    r = {"schema": "linkvet.report/1", "received_at": iso(received)}
    if rng.random() < 0.9:
        r["reported_at"] = iso(reported_time(rng, received))
    r["platform"] = platform
    r["reporter"] = official["user"] if rng.random() < 0.88 else rng.choice(["security-desk", "team-inbox", "line-manager"])
    rec = {"name": official["name"]}
    if rng.random() < 0.85:
        rec["org"] = official["org"]
    if rng.random() < 0.75:
        rec["role"] = official["role"]
    r["recipient"] = rec
    r["sender"] = sender
    if rng.random() < 0.2:
        r["form_version"] = rng.choice(["2", "3"])  # an unknown key, kept verbatim by linkvet
    return r


def reporter_note(rng: random.Random, concerns: list) -> str:
    if concerns and rng.random() < 0.45:
        return rng.choice(texts.REPORTER_CONCERNS[rng.choice(concerns)])
    return rng.choice(texts.REPORTER_NOTES)


def finish(report: dict, message: str | None, thread: list, note: str, rng: random.Random):
    if message is not None:
        if message == "" and rng.random() < 0.5:
            pass  # key absent: the form had no message
        else:
            report["message"] = message
    if thread:
        report["thread"] = sorted(thread, key=lambda m: m["at"])
    if note:
        report["notes"] = note


def default_text(rng: random.Random, facts: dict | None = None) -> str:
    """LinkedIn's pre-filled note in the sender's interface language."""
    langs = pools.DEFAULT_LANGUAGE_WEIGHTS
    if facts and facts.get("native") and rng.random() < 0.6:
        script_lang = {"Han": "zh", "Cyrillic": "ru", "Arabic": "ar", "Japanese": "ja"}.get(facts["origin"])
        if script_lang:
            return next(t for l, t in pools.DEFAULT_INVITATIONS if l == script_lang)
    lang = rng.choices(list(langs), list(langs.values()))[0]
    options = [t for l, t in pools.DEFAULT_INVITATIONS if l == lang]
    if lang == "en":
        return options[0] if rng.random() < 0.93 else options[1]
    return rng.choice(options)


def make_genuine(world: World, population: str, rng: random.Random):
    """Adds one or more genuine reports of one population."""
    now = received_time(rng)
    off = world.pick_official(rng)
    slots = {"first": off["first"], "last": off["last"], "rorg": off["org"], "topic": rng.choice(world.topics),
             "event": rng.choice(texts.GENERIC_EVENTS + [e for _, _, e in world.event_orgs]),
             "year": rng.randint(2012, 2024), "uni": rng.choice(pools.UNIVERSITIES), "role": rng.choice(pools.OFFICIAL_ROLES).lower()}
    platform = "linkedin"
    concerns: list = []
    thread: list = []
    message: str | None = ""
    meta = {"population": population, "label": 0, "grade": "", "campaign": "", "signs": ""}

    if population in ("default_text", "no_note"):
        relation = rng.choices(["stranger", "sector", "colleague"], [50, 35, 15])[0]
        sender, facts = genuine_sender(world, rng, now, relation=relation)
        message = default_text(rng, facts) if population == "default_text" else ""
    elif population == "recruiter":
        i = rng.randrange(len(world.agencies))
        agency, domain = world.agencies[i]
        # Each agency's staff photographed on the same studio backdrop: look-alike headshots.
        backdrop = random.Random(f"{world.name}:agency:{i}")
        spec = photos.sample_portrait(rng, "studio")
        spec.update({"bg": "vgrad", "bg1": photos._colour(backdrop, light=True), "bg2": photos._colour(backdrop),
                     "cx": 100 + rng.uniform(-2, 2), "cy": 88 + rng.uniform(-2, 2), "light": backdrop.uniform(-1, 1),
                     "light_angle": backdrop.uniform(0, 360), "exposure": backdrop.uniform(0.9, 1.1), "warmth": 0.0,
                     "head_w": rng.uniform(64, 74), "turn": rng.uniform(-4, 4), "tilt": rng.uniform(-2, 2)})
        sender, facts = genuine_sender(world, rng, now, sector="consulting", relation="sector",
                                       photo=world.add_photo(rng, {"spec": spec}) if rng.random() < 0.9 else None,
                                       current=(agency, rng.choice(["Recruitment Consultant", "Senior Consultant",
                                                                    "Principal Consultant", "Talent Partner",
                                                                    "Associate Director", "Resourcer"])))
        sender["headline"] = rng.choice([f"{sender['experience'][0]['title']} at {agency}",
                                         f"{sender['experience'][0]['title']} | {agency} | Public Sector & Defence"])
        if rng.random() < 0.8:
            sender["skills"] = rng.sample(RECRUITING_SKILLS, rng.randint(2, 4)) + sender.get("skills", [])[:2]
        if rng.random() < 0.5:
            sender["websites"] = [f"https://www.{domain}"]
        if rng.random() < 0.3:
            sender["emails"] = [f"{slugify(facts['first'])}.{slugify(facts['last'])}@{domain}".replace("-", "")]
        s = {"first": off["first"], "sfirst": facts["first"], "client": rng.choice(texts.AGENCY_CLIENTS),
             "job": rng.choice(texts.AGENCY_JOBS), "salary": f"£{rng.randrange(60, 140, 5)}k", "city": rng.choice(pools.CITIES_UK[:8]),
             "rorg": off["org"], "rate": rng.randrange(450, 900, 25)}
        message = texts.expand(world.agency_templates[i], rng, s)
        concerns = ["payment"] if "£" in message else []
    elif population == "conference_note":
        sender, facts = genuine_sender(world, rng, now, relation=rng.choice(["stranger", "sector"]))
        message = texts.pick(rng, texts.CONFERENCE_NOTES, slots)
    elif population == "personal_note":
        sender, facts = genuine_sender(world, rng, now, relation=rng.choice(["sector", "colleague", "stranger"]))
        slots.update({"sorg": facts["org"] or "my team", "mutual": world.person_name(rng)[1]})
        bank = texts.PERSONAL_NOTES if rng.random() < 0.85 else texts.PLAIN_NOTES
        message = texts.pick(rng, bank, slots)
        if facts["origin"] not in ("british", "american") and rng.random() < 0.12:
            message = texts.non_native(message, rng)
    elif population == "new_graduate":
        sender, facts = genuine_sender(world, rng, now, grad=True, relation="stranger",
                                       photo="auto" if rng.random() < 0.8 else None)
        if rng.random() < 0.3:
            sender["open_to_work"] = True  # an unknown sender key, kept verbatim
        slots.update({"sorg": (facts["org"] or rng.choice(pools.GOV_ORGS))})
        r = rng.random()
        message = default_text(rng, facts) if r < 0.45 else ("" if r < 0.65 else texts.pick(rng, texts.GRADUATE_NOTES, slots))
    elif population == "career_changer":
        sender, facts = genuine_sender(world, rng, now, changer=True, relation=rng.choice(["stranger", "sector"]))
        slots.update({"sorg": facts["org"] or "my new team", "mutual": world.person_name(rng)[1]})
        r = rng.random()
        message = default_text(rng, facts) if r < 0.4 else ("" if r < 0.6 else texts.pick(rng, texts.PERSONAL_NOTES, slots))
    elif population == "expert_network":
        i = rng.randrange(len(world.expert_networks))
        net, domain = world.expert_networks[i]
        sender, facts = genuine_sender(world, rng, now, sector="consulting", relation="stranger",
                                       current=(net, rng.choice(["Associate", "Senior Associate", "Project Manager",
                                                                 "Expert Recruitment Associate"])))
        sender["headline"] = f"{sender['experience'][0]['title']} at {net}"
        sender["websites"] = [f"https://{domain}"]
        s = {"first": off["first"], "sfirst": facts["first"], "client": rng.choice(texts.EXPERT_CLIENTS),
             "topic": off["topic"].lower(), "rate": rng.randrange(150, 500, 25)}
        message = texts.expand(world.expert_templates[i], rng, s)
        concerns = ["payment"]
        if rng.random() < 0.25:
            platform = "email"
            sender = email_sender(sender, f"{slugify(facts['first']).replace('-', '')}@{domain}", rng)
    elif population == "event_invitation":
        i = rng.randrange(len(world.event_orgs))
        org, domain, event = world.event_orgs[i]
        sender, facts = genuine_sender(world, rng, now, relation="sector",
                                       current=(org, rng.choice(["Programme Manager", "Events Director", "Head of Content",
                                                                 "Conference Producer"])))
        sender["skills"] = rng.sample(EVENT_SKILLS, rng.randint(2, 4))
        date = (now + dt.timedelta(days=rng.randint(30, 150))).strftime("%-d %B")
        s = {"first": off["first"], "event": event, "city": rng.choice(pools.CITIES_UK[:10] + pools.CITIES_ABROAD[:6]),
             "date": date, "topic": rng.choice(world.topics), "domain": domain, "org": org}
        message = texts.expand(rng.choice(world.event_templates), rng, s)
        concerns = ["trip"] if "travel" in message else []
        if rng.random() < 0.3:
            platform = "email"
            sender = email_sender(sender, f"speakers@{domain}" if rng.random() < 0.5 else f"{slugify(facts['first']).replace('-', '')}@{domain}", rng)
    elif population == "email_continue":
        sector = rng.choice(["academia", "think_tank", "consulting", "civil_service"])
        sender, facts = genuine_sender(world, rng, now, sector=sector, relation=rng.choice(["stranger", "sector"]))
        org_dom = {"academia": "ac.uk", "think_tank": "org", "consulting": "com", "civil_service": "gov.uk"}[sector]
        if rng.random() < 0.7:
            email = f"{slugify(facts['first']).replace('-', '')}.{slugify(facts['last']).replace('-', '')}@{slugify(facts['org'] or 'mail').split('-')[0]}.{org_dom}"
        else:
            email = world.webmail(rng, facts["first"], facts["last"])
        slots["email"] = email
        message = texts.pick(rng, texts.EMAIL_CONTINUE_NOTES, slots)
        concerns = ["channel"]
    elif population == "colleague":
        # One new joiner connects with several people in the same organisation within days.
        sender, facts = genuine_sender(world, rng, now, relation="colleague",
                                       current=(off["org"], rng.choice(pools.OFFICIAL_ROLES)))
        team = [o for o in world.officials if o["org"] == off["org"]]
        k = min(len(team), rng.randint(2, 7))
        targets = rng.sample(team, k)
        for j, t in enumerate(targets):
            s2 = dict(slots, first=t["first"], rorg=t["org"], role=sender["experience"][0]["title"].lower())
            msg = texts.pick(rng, texts.COLLEAGUE_NOTES, s2) if rng.random() < 0.5 else default_text(rng, facts)
            rep = report_shell(world, rng, t, now + dt.timedelta(hours=rng.randint(0, 96)), "linkedin", sender)
            finish(rep, msg, [], reporter_note(rng, []), rng)
            world.add_report(rep, dict(meta))
        return
    elif population == "connector":
        # The profile as it stood at the first approach; the others follow over some months.
        now = received_time(rng, PERIOD_START, PERIOD_END - dt.timedelta(days=240))
        kind = rng.choice(["journalist", "organiser"])
        if kind == "journalist":
            outlet, odom = rng.choice(world.outlets + [("Financial Times", "ft.com"), ("BBC", "bbc.co.uk"), ("Reuters", "reuters.com")])
            sender, facts = genuine_sender(world, rng, now, sector="media", relation="public",
                                           current=(outlet, rng.choice(["Reporter", "Political Correspondent", "Defence Editor"])))
            email = f"{slugify(facts['first']).replace('-', '')}.{slugify(facts['last']).replace('-', '')}@{odom}"
            bank = texts.JOURNALIST_NOTES
        else:
            org, domain, event = rng.choice(world.event_orgs)
            outlet, email = org, f"programme@{domain}"
            sender, facts = genuine_sender(world, rng, now, relation="public", current=(org, "Programme Director"))
            bank = texts.ORGANISER_NOTES
        sender["connections"] = 500
        sender["followers"] = rng.randint(2000, 25000)
        targets = rng.sample(world.officials, rng.randint(8, 25))
        for t in targets:
            when = now + dt.timedelta(days=rng.uniform(0, 240), hours=rng.uniform(0, 8))
            s2 = dict(slots, first=t["first"], outlet=outlet, email=email, topic=rng.choice(world.topics),
                      event=rng.choice([e for _, _, e in world.event_orgs]))
            msg = texts.pick(rng, bank, s2) if rng.random() < 0.75 else default_text(rng, facts)
            rep = report_shell(world, rng, t, when, "linkedin", sender)
            finish(rep, msg, [], reporter_note(rng, ["channel"] if "@" in msg else []), rng)
            world.add_report(rep, dict(meta))
        return
    elif population == "sales":
        firm, domain = rng.choice(world.small_firms)
        sender, facts = genuine_sender(world, rng, now, sector="tech", relation="stranger",
                                       current=(firm, rng.choice(["Account Executive", "Business Development Manager",
                                                                  "Public Sector Sales Lead"])))
        sender["websites"] = [f"https://{domain}"]
        slots.update({"product": rng.choice(texts.SALES_PRODUCTS), "sorg": firm})
        message = texts.pick(rng, texts.SALES_NOTES, slots)
    elif population == "academic":
        sender, facts = genuine_sender(world, rng, now, sector=rng.choice(["academia", "think_tank"]), relation="stranger")
        slots.update({"sorg": facts["org"] or "my university"})
        tmpl = rng.choice([
            "Dear {first}, I'm a researcher at {sorg} studying {topic}. Would you be willing to take part in a 45-minute interview? Participation is anonymous and the project has ethics approval.",
            "Hi {first}, I'm running a research project on {topic} at {sorg} and hoping to interview practitioners. Happy to share the information sheet.",
            "Dear {first}, our team at {sorg} is surveying officials about {topic}. There's a £20 voucher for taking part. Could I send the details?",
        ])
        message = texts.expand(tmpl, rng, slots)
        concerns = ["payment"] if "£" in message else []
        if rng.random() < 0.4:
            platform = "email"
            sender = email_sender(sender, f"{slugify(facts['first']).replace('-', '')}.{slugify(facts['last']).replace('-', '')}@{slugify(facts['org'] or 'uni').split('-')[0]}.ac.uk", rng)
    elif population == "other_platform":
        platform = rng.choices(["x", "facebook", "instagram", "github", "other"], [30, 25, 15, 20, 10])[0]
        sender, facts = social_sender(world, rng, now, platform)
        message = rng.choice(["", "", f"Hi {off['first']}, following up from {slots['event']}.",
                              f"Hi {off['first']}! Great to see your work on {slots['topic']}."])
    else:
        raise ValueError(population)

    if rng.random() < 0.08 and message:
        thread = [{"at": iso(now + dt.timedelta(hours=rng.randint(2, 200))), "from": "sender",
                   "text": texts.pick(rng, texts.GENUINE_FOLLOWUPS, {"first": off["first"], "topic": rng.choice(world.topics),
                                                                      "domain": rng.choice(world.small_firms)[1]})}]
        if rng.random() < 0.4:
            thread.insert(0, {"at": iso(now + dt.timedelta(hours=1)), "from": "recipient", "text": rng.choice(texts.RECIPIENT_REPLIES)})
    rep = report_shell(world, rng, off, now, platform, sender)
    finish(rep, message, thread, reporter_note(rng, concerns), rng)
    world.add_report(rep, meta)


def email_sender(sender: dict, address: str, rng: random.Random) -> dict:
    """What an e-mail approach shows: a display name and an address, perhaps a signature's site."""
    out = {"name": sender["name"], "emails": [address]}
    for key in ("websites", "phones"):
        if sender.get(key):
            out[key] = sender[key]
    if sender.get("headline") and rng.random() < 0.5:
        out["headline"] = sender["headline"]
    return out


def social_sender(world: World, rng: random.Random, now: dt.datetime, platform: str) -> tuple[dict, dict]:
    display, first, last, origin, gender = world.person_name(rng)
    handle = slugify(first + last).replace("-", "") + (str(rng.randint(1, 999)) if rng.random() < 0.5 else "")
    url = {"x": f"https://x.com/{handle}", "facebook": f"https://www.facebook.com/{handle}",
           "instagram": f"https://www.instagram.com/{handle}", "github": f"https://github.com/{handle}",
           "other": f"https://mastodon.social/@{handle}"}[platform]
    joined = months_before(now, rng.uniform(6, 180))
    sender = {"name": display, "profile_url": url, "followers": int(math.exp(rng.gauss(5, 1.3))),
              "joined": partial(joined, rng, (30, 60, 10))}
    if platform == "facebook":
        sender["connections"] = rng.randint(80, 900) if rng.random() < 0.8 else 500
        sender["mutual_connections"] = rng.randint(0, 12)
    if rng.random() < 0.6:
        sender["about"] = texts.expand(rng.choice([
            "[Dad|Mum] of two. [Cyclist|Runner]. {topic} [nerd|enthusiast].",
            "Views my own. {topic}, [tech|policy], [football|cricket].",
            "Working on {topic}. [Ex-civil servant|Former consultant].",
            "[Engineer|Researcher|Writer] in {city}.",
        ]), rng, {"topic": rng.choice(world.topics), "city": rng.choice(pools.CITIES_UK)})
    p = genuine_photo(world, rng)
    if p:
        sender["photo"] = p
    return sender, {"first": first, "last": last, "native": None, "origin": origin}


# ---------------------------------------------------------------------------------------------
# Hostile personas and operations


class Operation:
    """One campaign: a front organisation, its infrastructure, a few personas and their targets."""

    def __init__(self, world: World, idx: int, rng: random.Random):
        self.idx = idx
        self.kind, self.front, self.domain = world.fronts[idx]
        self.label = f"{world.name}-op{idx + 1:02d}"
        self.phones = [world.phone() for _ in range(rng.choice([1, 1, 2]))]
        self.signature = [world.signatures[2 * idx], world.signatures[2 * idx + 1]]
        self.listed = rng.random() < 0.5     # the team already holds some of its infrastructure
        self.base_photos = []                 # photos shared between personas
        self.personas: list = []
        self.emails: list = []


def choose_signs(rng: random.Random, grade: str, in_op: bool, allow_photo: bool = True) -> list:
    strong = [s for s in STRONG_SIGNS if in_op or s != "campaign_text"]
    if not allow_photo:
        strong = [s for s in strong if s not in ("ref_photo", "shared_photo")]
    weights = {"ref_photo": 3, "shared_photo": 3 if in_op else 1, "watch_infra": 3, "mixed_script": 1.5,
               "lure_strong": 4, "campaign_text": 2}
    w = [weights[s] for s in strong]

    def draw_strong(k):
        out = []
        while len(out) < k:
            s = rng.choices(strong, w)[0]
            if s not in out:
                out.append(s)
        return out

    if grade == "blatant":
        signs = draw_strong(rng.choice([2, 3, 3]))
        if "lure_strong" not in signs:
            signs.append("lure_strong")
        signs += rng.sample(WEAK_SIGNS, rng.choice([2, 3]))
    elif grade == "clear":
        signs = draw_strong(rng.choice([1, 1, 2])) + rng.sample(WEAK_SIGNS, rng.choice([1, 2]))
    elif grade == "subtle":
        signs = draw_strong(1) + (rng.sample(["new_account", "vague_headline", "photo_fresh", "url_mismatch"], 1)
                                  if rng.random() < 0.4 else [])
    else:
        signs = rng.sample(["new_account", "thin_network", "vague_headline", "lure_mild", "photo_fresh", "no_photo",
                            "url_mismatch", "broken_career"], rng.choice([1, 2]))
    # Contradictions: a network can't be both thin and implausibly large; no photo excludes photo signs.
    if "thin_network" in signs and "implausible_network" in signs:
        signs.remove("implausible_network")
    if "no_photo" in signs and ({"ref_photo", "shared_photo"} & set(signs) or "photo_fresh" in signs):
        signs.remove("no_photo")
    if "lure_mild" in signs and "lure_strong" in signs:
        signs.remove("lure_mild")
    return signs


def homoglyph_name(rng: random.Random, name: str) -> str:
    mode = rng.choices(["confusable", "hidden", "both"], [65, 28, 7])[0]
    chars = list(name)
    if mode in ("confusable", "both"):
        idx = [i for i, c in enumerate(chars) if c in pools.HOMOGLYPHS]
        for i in rng.sample(idx, min(len(idx), rng.choice([1, 1, 1, 2]))):
            chars[i] = rng.choice(pools.HOMOGLYPHS[chars[i]])
    if mode in ("hidden", "both"):
        pos = rng.randint(1, len(chars) - 1)
        chars.insert(pos, rng.choice(pools.HIDDEN_CHARS))
    return "".join(chars)


def hostile_career(rng: random.Random, now: dt.datetime, front: str, kind: str, broken: bool, world: World) -> tuple[list, list]:
    """(experience, education) of a persona; `broken` picks one of the published anomalies."""
    title_by_kind = {"recruiter": ["Senior Talent Partner", "Executive Headhunter", "Talent Director"],
                     "think_tank": ["Research Fellow", "Project Manager", "Programme Officer", "Senior Researcher"],
                     "consultancy": ["Senior Consultant", "Managing Partner", "Director, Advisory"],
                     "conference": ["Event Director", "Head of Delegate Relations"],
                     "academic": ["Editor", "Associate Editor"], "media": ["Correspondent", "Contributing Writer"],
                     "tech_recruiter": ["Talent Acquisition Lead", "Senior Technical Recruiter"]}
    title = rng.choice(title_by_kind[kind])
    grad = now.year - rng.randint(3, 14)
    edu = [{"school": rng.choice(pools.UNIVERSITIES), "degree": rng.choice(pools.DEGREES["ba"] + pools.DEGREES["ma"]),
            "start": str(grad - rng.choice([1, 3, 4])), "end": str(grad)}]
    front_start = months_before(now, rng.uniform(1, 40))
    start_front = front_start.year
    exp = [{"org": front, "title": title, "start": ym(front_start.year, front_start.month), "end": None}]
    if not broken:
        # Borrowed from a real-looking career: a couple of earlier roles at real employers.
        y = grad + rng.randint(0, 1)
        prev = []
        while y < start_front - 1 and len(prev) < 3:
            d = rng.randint(1, 4)
            org = rng.choice(pools.BIG_EMPLOYERS)[0]
            end = (y + d, rng.randint(1, 12))
            if end >= (front_start.year, front_start.month):
                end = (front_start.year, front_start.month)
            prev.append({"org": org, "title": rng.choice(["Analyst", "Consultant", "Associate", "Researcher", "Manager"]),
                         "start": ym(y, rng.randint(1, 12)), "end": ym(*end)})
            y += d
        prev.reverse()
        return exp + prev, edu if rng.random() < 0.8 else []
    anomaly = rng.choice(["too_senior", "overlap", "end_before_start", "study_overlap", "rapid"])
    if anomaly == "too_senior":
        exp[0]["title"] = rng.choice(["Managing Director", "Partner", "Director of Research", "Chief Strategy Officer"])
        grad = min(grad, now.year - 1)
        exp[0]["start"] = ym(grad, rng.randint(7, 12))
        edu[0]["end"] = str(grad)
        edu[0]["start"] = str(grad - 3)
    elif anomaly == "overlap":
        a, b = rng.sample([e[0] for e in pools.BIG_EMPLOYERS], 2)
        s = start_front - rng.randint(3, 6)
        exp += [{"org": a, "title": "Senior Manager", "start": ym(s, 3), "end": ym(s + 4, 6), "location": rng.choice(pools.CITIES_ABROAD)},
                {"org": b, "title": "Director", "start": ym(s + 1, 1), "end": ym(s + 4, 1), "location": rng.choice(pools.CITIES_UK)}]
    elif anomaly == "end_before_start":
        s = start_front - rng.randint(2, 6)
        exp.append({"org": rng.choice(pools.BIG_EMPLOYERS)[0], "title": rng.choice(["Consultant", "Analyst"]),
                    "start": ym(s, rng.randint(6, 12)), "end": ym(s - rng.randint(1, 2), rng.randint(1, 5))})
    elif anomaly == "study_overlap":
        s = start_front - rng.randint(2, 4)
        exp[0]["title"] = rng.choice(["Managing Partner", "Director", "Head of Research"])
        exp[0]["start"] = ym(s, 1)
        edu.insert(0, {"school": rng.choice(pools.UNIVERSITIES), "degree": rng.choice(pools.DEGREES["phd"]),
                       "start": str(s), "end": str(s + 4)})
    else:  # rapid
        s = grad + 1
        s = min(s, now.year - 3)
        exp = [{"org": front, "title": rng.choice(["Director", "Partner", "Head of Strategy"]), "start": ym(s + 2, 3), "end": None},
               {"org": rng.choice(pools.BIG_EMPLOYERS)[0], "title": "Senior Manager", "start": ym(s + 1, 2), "end": ym(s + 2, 2)},
               {"org": rng.choice(pools.BIG_EMPLOYERS)[0], "title": "Analyst", "start": ym(s, 9), "end": ym(s + 1, 1)}]
    return exp, edu


# Skills a persona lists: the same pools genuine members of that trade draw from, so a skill
# word says nothing by itself.
RECRUITING_SKILLS = ["Recruiting", "Talent Acquisition", "Executive Search", "Headhunting", "Sourcing", "Interviewing"]
EVENT_SKILLS = ["Event Management", "Public Speaking", "Stakeholder Management", "Event Planning", "Sponsorship"]
KIND_SKILLS = {
    "recruiter": RECRUITING_SKILLS + pools.SECTORS["consulting"]["skills"][:3],
    "tech_recruiter": RECRUITING_SKILLS + pools.SECTORS["defence_industry"]["skills"][:4],
    "think_tank": pools.SECTORS["think_tank"]["skills"],
    "consultancy": pools.SECTORS["consulting"]["skills"],
    "conference": EVENT_SKILLS,
    "academic": pools.SECTORS["academia"]["skills"],
    "media": pools.SECTORS["media"]["skills"],
}


def hostile_persona(world: World, rng: random.Random, op: Operation | None, kind: str, front: str, domain: str,
                    signs: list, now: dt.datetime, genuine_pool: list) -> dict:
    """A fake profile: everything a report would show of it, plus what it will say."""
    # Names are drawn exactly as genuine members' are: where a name comes from says nothing.
    display, first, last, origin, gender = world.person_name(rng)
    native = None
    if "mixed_script" not in signs and rng.random() < 0.04:
        native, first, last, _ = world.native_name(rng)
        display = native
    elif rng.random() < 0.05:
        display += rng.choice(pools.NAME_DECORATIONS[:8])
    shown = homoglyph_name(rng, display) if "mixed_script" in signs else display
    sender = {"name": shown}
    mismatch = None
    if "url_mismatch" in signs:
        other = world.person_name(rng)
        mismatch = (other[1], other[2])
    sender["profile_url"] = world.profile_url(rng, first, last, native=native, mismatch_name=mismatch)
    if "vague_headline" in signs:
        sender["headline"] = rng.choice(texts.VAGUE_HEADLINES)
    else:
        sender["headline"] = texts.expand(rng.choice(texts.HOSTILE_HEADLINES[world.name][kind]), rng, {"front": front})
    sender["location"] = (pools.uk_location(rng.choice(["London", "London", "Manchester", "Cambridge", "Oxford"]))
                          if rng.random() < 0.45 else rng.choice(pools.CITIES_ABROAD[:16]))
    # Account figures.
    if "new_account" in signs or "thin_network" in signs or "implausible_network" in signs:
        joined = months_before(now, rng.uniform(0.3, 9) if "new_account" in signs else rng.uniform(6, 30))
        if "implausible_network" in signs:
            conn = rng.choice([500, 500, rng.randint(350, 499)])
            followers = int(conn * rng.uniform(1.0, 1.1))
            mutual = rng.randint(6, 40)
        elif "thin_network" in signs:
            conn = rng.randint(3, 60)
            followers = conn + rng.randint(0, 10)
            mutual = rng.randint(0, 3)
        else:
            conn = rng.randint(40, 260)
            followers = int(conn * rng.uniform(0.8, 1.2))
            mutual = rng.randint(0, 8)
    else:
        # An older account, bought or repurposed, with ordinary figures.
        joined = months_before(now, rng.uniform(30, 150))
        conn = int(min(500, math.exp(rng.gauss(5.2, 0.6))))
        followers = int(conn * rng.uniform(1.0, 1.3))
        mutual = rng.choice([0, 1, 2, 3, 5, 8])
    joined = clamp_date(joined, LINKEDIN_LAUNCH)
    if "photo_fresh" in signs:
        photo_upd = joined if rng.random() < 0.6 else months_before(now, rng.uniform(0, 2))
    else:
        photo_upd = joined + (now - joined) * rng.uniform(0.2, 1.0)
    if not ({"new_account", "thin_network", "implausible_network"} & set(signs)) and rng.random() < 0.1:
        sender["verifications"] = ["identity"]   # a real member's account, taken over or bought
    sender.update({"connections": conn, "followers": followers, "mutual_connections": mutual,
                   "recent_posts": 0 if rng.random() < 0.85 else rng.randint(1, 3),
                   "joined": partial(joined, rng), "photo_updated": partial(photo_upd, rng)})
    exp, edu = hostile_career(rng, now, front, kind, "broken_career" in signs, world)
    sender["experience"] = exp
    if edu:
        sender["education"] = edu
    pool = KIND_SKILLS[kind]
    sender["skills"] = rng.sample(pool, min(len(pool), rng.randint(2, 5)))
    r = rng.random()
    if r < 0.3:
        pass
    elif r < 0.45 and genuine_pool:
        # Lifted from a real member's profile, a published sign of fake personas.
        sender["about"] = rng.choice(genuine_pool)
    else:
        sender["about"] = texts.expand(rng.choice(texts.HOSTILE_ABOUTS[world.name][kind]), rng, {"front": front})
    if rng.random() < 0.6:
        sender["websites"] = [f"https://www.{domain}" if rng.random() < 0.5 else f"https://{domain}/"]
    # Photo.
    if "no_photo" in signs:
        photo = None
    elif "ref_photo" in signs and world.reference["stock"]:
        label = rng.choices(["stock", "hostile"], [70, 30])[0]
        spec = rng.choice([s for _, s in world.reference[label] if s["kind"] == "portrait"])
        photo = world.add_photo(rng, {"spec": spec, "pre_quality": spec.get("quality", 85),
                                      "steps": photos.sample_disguise(rng, rng.choice(["mild", "mild", "heavy"]))})
    elif "shared_photo" in signs:
        if op is not None:
            if not op.base_photos or (len(op.base_photos) < 2 and rng.random() < 0.3):
                op.base_photos.append(photos.sample_portrait(random.Random(rng.getrandbits(64)), rng.choice(["stock", "studio", "gan"])))
            spec = rng.choice(op.base_photos)
        elif rng.random() < 0.4 and world._genuine_portraits:
            spec = rng.choice(world._genuine_portraits)   # a real member's picture, taken
        else:
            spec = rng.choice(world._lone_shared)         # one picture behind several lone personas
        photo = world.add_photo(rng, {"spec": spec, "pre_quality": spec.get("quality", 85),
                                      "steps": photos.sample_disguise(rng, rng.choice(["mild", "heavy"]))})
    else:
        # A picture found nowhere else: stolen from outside the team's view, or generated.
        photo = world.add_photo(rng, {"spec": photos.sample_portrait(rng, rng.choice(["stock", "studio", "gan", "casual", "office"]))})
    if photo:
        sender["photo"] = photo
    return {"sender": sender, "first": first, "last": last, "display": display, "kind": kind, "front": front, "domain": domain,
            "signs": signs, "op": op, "webmail": world.webmail(rng, first, last, hostile=True)}


def lure_message(world: World, rng: random.Random, persona: dict, official: dict, strength: str,
                 phone: str | None, extra: list) -> tuple[str, list]:
    """(message, reporter concerns). strength: strong | mild | none."""
    L = world.lures
    topic = official["topic"]
    field = texts.expand(rng.choice(texts.LURE_FIELDS), rng, {"topic": topic.lower() if rng.random() < 0.7 else topic})
    slots = {"first": official["first"], "last": official["last"], "rorg": official["org"], "field": field,
             "city_abroad": rng.choice(pools.CITIES_ABROAD).split(",")[0], "fee": rng.choice([300, 400, 500, 750, 1000, 1500, 2000, 3000]),
             "phone": phone or world.phone(), "webmail": persona["webmail"], "sfirst": persona["first"]}
    offer_kind = {"recruiter": ["job"], "tech_recruiter": ["job"], "think_tank": ["trip", "fellowship", "research"],
                  "consultancy": ["consultancy", "white_paper"], "conference": ["trip"], "academic": ["white_paper", "research"],
                  "media": ["research"]}[persona["kind"]]
    concerns = []
    parts = [texts.pick(rng, L["greet"], slots)]
    if strength == "none":
        return "", []
    parts.append(texts.pick(rng, L["hook"], slots))
    parts.append(texts.pick(rng, L[rng.choice(offer_kind)], slots))
    if "signature" in extra:
        parts.append(rng.choice(persona["op"].signature))
    if strength == "strong":
        moves = ["payment"] + rng.sample(["urgency", "channel", "request"], rng.choice([1, 2]))
        rng.shuffle(moves)
        for mv in moves:
            parts.append(texts.pick(rng, L[mv], slots))
            concerns.append({"payment": "payment", "channel": "channel", "urgency": "payment", "request": "request"}[mv])
    parts.append(texts.pick(rng, L["close"], slots))
    msg = " ".join(parts) if rng.random() < 0.6 else "\n\n".join([parts[0], " ".join(parts[1:-1]), parts[-1]])
    if rng.random() < 0.3:
        msg = texts.non_native(msg, rng)
    return msg, concerns


def make_hostile_approach(world: World, rng: random.Random, persona: dict, official: dict, grade: str,
                          now: dt.datetime, campaign: str):
    signs = persona["signs"]
    op = persona["op"]
    sender = persona["sender"]
    platform = persona.get("platform", "linkedin")
    phone = None
    infra_note = None
    if "watch_infra" in signs:
        phone = persona.get("listed_phone")
    elif op is not None and rng.random() < 0.6:
        phone = rng.choice(op.phones)
    extra = []
    if "campaign_text" in signs and op is not None:
        extra.append("signature")
    if "lure_strong" in signs:
        strength = "strong"
    elif "lure_mild" in signs or "campaign_text" in signs:
        strength = "mild"
    else:
        strength = "none"
    if strength == "none":
        r = rng.random()
        message = default_text(rng) if r < 0.45 else ("" if r < 0.7 else texts.pick(rng, texts.PLAIN_NOTES, {"first": official["first"], "topic": official["topic"].lower()}))
        concerns = []
    else:
        message, concerns = lure_message(world, rng, persona, official, strength, phone, extra)
    thread = []
    if grade in ("blatant", "clear") and rng.random() < (0.6 if grade == "blatant" else 0.35):
        t = now + dt.timedelta(hours=rng.randint(3, 120))
        L = world.lures
        slots = {"first": official["first"], "last": official["last"], "rorg": official["org"],
                 "phone": phone or rng.choice(op.phones if op else [world.phone()]),
                 "webmail": persona["webmail"], "field": official["topic"].lower(), "sfirst": persona["first"],
                 "fee": rng.choice([300, 500, 1000, 2000]), "city_abroad": rng.choice(pools.CITIES_ABROAD).split(",")[0]}
        thread.append({"at": iso(t), "from": "sender", "text": texts.pick(rng, L["followup"], slots)})
        if strength == "strong" or rng.random() < 0.5:
            if rng.random() < 0.5:
                thread.append({"at": iso(t + dt.timedelta(hours=rng.randint(1, 48))), "from": "recipient",
                               "text": rng.choice(texts.RECIPIENT_REPLIES)})
            for mv in rng.sample(["channel", "request", "payment"], rng.choice([1, 2])):
                thread.append({"at": iso(t + dt.timedelta(hours=rng.randint(49, 200))), "from": "sender",
                               "text": texts.pick(rng, L[mv], slots)})
                concerns.append("channel" if mv == "channel" else ("request" if mv == "request" else "payment"))
    elif grade in ("subtle", "faint") and rng.random() < 0.12:
        thread.append({"at": iso(now + dt.timedelta(hours=rng.randint(3, 120))), "from": "sender",
                       "text": rng.choice(["Thanks for connecting!", f"Thank you for accepting, {official['first']}.",
                                           "Great to be connected."])})
    # Watch-listed infrastructure must appear somewhere the report shows it.
    s = dict(sender)
    if "watch_infra" in signs:
        item = persona["listed"]
        kind, value = item
        shown_somewhere = value in message or any(value in m["text"] for m in thread)
        if not shown_somewhere:
            if kind == "phone":
                s["phones"] = [value]
            elif kind == "email":
                s["emails"] = [value]
            elif kind == "domain":
                s["websites"] = [f"https://{value}"]
        infra_note = kind
    elif phone and phone not in message and rng.random() < 0.3:
        s["phones"] = [phone]
    if platform == "email":
        address = persona.get("email_address") or persona["webmail"]
        listed_email = persona["listed"][1] if "watch_infra" in signs and persona["listed"][0] == "email" else None
        s = email_sender(s, listed_email or address, rng)
    elif platform != "linkedin":
        s.pop("experience", None)
        s.pop("education", None)
        s.pop("verifications", None)
        handle = slugify(persona["first"] + persona["last"]).replace("-", "") + str(rng.randint(1, 999))
        s["profile_url"] = {"x": f"https://x.com/{handle}", "facebook": f"https://www.facebook.com/{handle}"}[platform]
    rep = report_shell(world, rng, official, now, platform, s)
    finish(rep, message, thread, reporter_note(rng, concerns), rng)
    world.add_report(rep, {"population": f"hostile_{persona['kind']}", "label": 1, "grade": grade, "campaign": campaign,
                           "signs": " ".join(signs) + (f" [{infra_note}]" if infra_note else "")})


def build_hostile(world: World, genuine_abouts: list):
    rng = random.Random(world.rng.getrandbits(64))
    n = world.n_hostile
    n_campaign = round(n * CAMPAIGN_SHARE)
    grades = list(HOSTILE_GRADES)
    gw = list(HOSTILE_GRADES.values())

    # Stale operations: the team's earlier cases. Their infrastructure is on the watchlist; a few
    # lone personas still reuse a phone, an address or a domain from them.
    stale_infra = []
    for name, domain in world.stale_fronts:
        case = f"case {rng.randint(2019, 2024)}-{rng.randint(10, 99)}"
        ph = world.phone()
        persona_name = world.person_name(rng)[0]
        mail = world.webmail(rng, *persona_name.split(" ", 1), hostile=True)
        stale_infra += [("phone", ph), ("email", mail), ("domain", domain)]
        world.watchlist += [("org", name, f"front organisation, {case}"), ("domain", domain, case),
                            ("phone", ph, f"WhatsApp number used by persona, {case}"), ("email", mail, case),
                            ("name", persona_name, f"persona, {case}; photo on file")]
    for phrase in texts.STALE_SIGNATURES[world.name]:
        world.watchlist.append(("text", phrase, f"wording seen in case {rng.randint(2019, 2024)}-{rng.randint(10, 99)}"))

    ops = [Operation(world, i, rng) for i in range(len(world.fronts))]
    # Campaign reports, spread over the operations (some big, some small).
    sizes = [rng.uniform(0.5, 2.0) for _ in ops]
    total = sum(sizes)
    counts = [max(4, round(n_campaign * s / total)) for s in sizes]
    while sum(counts) > n_campaign:
        counts[counts.index(max(counts))] -= 1
    while sum(counts) < n_campaign:
        counts[rng.randrange(len(counts))] += 1
    for op, count in zip(ops, counts):
        start = received_time(rng, PERIOD_START, PERIOD_END - dt.timedelta(days=120))
        window = dt.timedelta(days=rng.randint(30, 120))
        if op.listed:
            case = f"case {rng.randint(2024, 2026)}-{rng.randint(10, 99)}"
            world.watchlist += [("domain", op.domain, case), ("org", op.front, case)]
            if rng.random() < 0.6:
                world.watchlist.append(("phone", op.phones[0], f"{case}, WhatsApp"))
            if rng.random() < 0.3:
                world.watchlist.append(("text", op.signature[0], case))
        left = count
        while left > 0:
            k = min(left, rng.choice([1, 2, 3, 4, 5, 6, 8]))
            left -= k
            persona_grade = rng.choices(grades, gw)[0]
            signs = choose_signs(rng, persona_grade, True)
            if "watch_infra" in signs and not op.listed:
                # Not on the list yet: the link is the shared phone or domain itself.
                signs.remove("watch_infra")
                signs.append("campaign_text" if "campaign_text" not in signs else "shared_photo")
            now0 = start + window * rng.random()
            persona = hostile_persona(world, rng, op, op.kind, op.front, op.domain, signs, now0, genuine_abouts)
            if "watch_infra" in signs:
                kind_value = rng.choice([("domain", op.domain), ("phone", op.phones[0])])
                if kind_value[0] == "phone" and ("phone", op.phones[0], ) not in [(k, v) for k, v, _ in world.watchlist]:
                    world.watchlist.append(("phone", op.phones[0], "reported by another department"))
                persona["listed"] = kind_value
                persona["listed_phone"] = op.phones[0] if kind_value[0] == "phone" else None
                if rng.random() < 0.4:
                    # Listed as an analyst reads it: the plain name, whatever hides in the display.
                    world.watchlist.append(("name", persona["display"], f"persona of {op.front}"))
            if op.kind in ("conference", "academic", "media") and rng.random() < 0.25:
                persona["platform"] = "email"
                persona["email_address"] = f"{slugify(persona['first']).replace('-', '')}@{op.domain}" if rng.random() < 0.5 else persona["webmail"]
                persona["sender"].pop("photo", None)
            op.personas.append(persona)
            targets = [world.pick_official(rng, hostile=True) for _ in range(k)]
            for t in targets:
                when = now0 + dt.timedelta(days=rng.uniform(0, 20), hours=rng.uniform(0, 8))
                make_hostile_approach(world, rng, persona, t, persona_grade, min(when, PERIOD_END), op.label)

    # Lone personas: one approach each (a few approach two officials).
    left = n - n_campaign
    kinds = ["recruiter", "think_tank", "consultancy", "conference", "academic", "media", "tech_recruiter"]
    lone_fronts = {}
    while left > 0:
        grade = rng.choices(grades, gw)[0]
        kind = rng.choices(kinds, [25, 20, 20, 10, 8, 7, 10])[0]
        email_only = rng.random() < 0.12
        signs = choose_signs(rng, grade, False, allow_photo=not email_only)
        # A lone persona's own front: a one-off invented firm (not in any list) or a real employer claimed.
        if rng.random() < 0.55:
            front, domain = lone_front(world, rng, kind, lone_fronts)
        else:
            # Claims to work for a real, well-known organisation (as "Katie Jones" claimed CSIS).
            front, domain = rng.choice(CLAIMED_EMPLOYERS[kind])
        now = received_time(rng)
        persona = hostile_persona(world, rng, None, kind, front, domain, signs, now, genuine_abouts)
        if "watch_infra" in signs:
            kind_value = rng.choice(stale_infra)
            persona["listed"] = kind_value
            persona["listed_phone"] = kind_value[1] if kind_value[0] == "phone" else None
            if kind_value[0] == "email":
                persona["webmail"] = kind_value[1]
        if email_only:
            persona["platform"] = "email"
            persona["email_address"] = persona["webmail"] if rng.random() < 0.6 else f"{slugify(persona['first']).replace('-', '')}@{domain}"
        elif rng.random() < 0.06:
            persona["platform"] = rng.choice(["x", "facebook"])
        k = 1 if rng.random() < 0.9 else 2
        k = min(k, left)
        left -= k
        for _ in range(k):
            make_hostile_approach(world, rng, persona, world.pick_official(rng, hostile=True), grade,
                                  now + dt.timedelta(days=rng.uniform(0, 10)), "")


CLAIMED_EMPLOYERS = {
    "recruiter": [("Deloitte", "deloitte.com"), ("PwC", "pwc.com"), ("KPMG", "kpmg.com"), ("Capgemini", "capgemini.com")],
    "tech_recruiter": [("BAE Systems", "baesystems.com"), ("Airbus", "airbus.com"), ("Thales", "thalesgroup.com"),
                       ("Rolls-Royce", "rolls-royce.com"), ("Leonardo", "leonardo.com")],
    "consultancy": [("McKinsey & Company", "mckinsey.com"), ("Boston Consulting Group", "bcg.com"), ("Accenture", "accenture.com"),
                    ("EY", "ey.com")],
    "think_tank": [("Chatham House", "chathamhouse.org"), ("RUSI", "rusi.org"), ("IISS", "iiss.org"),
                   ("Centre for European Reform", "cer.eu")],
    "conference": [("Chatham House", "chathamhouse.org"), ("RUSI", "rusi.org")],
    "academic": [("King's College London", "kcl.ac.uk"), ("London School of Economics", "lse.ac.uk"),
                 ("University of Oxford", "ox.ac.uk")],
    "media": [("The Economist", "economist.com"), ("Financial Times", "ft.com"), ("Reuters", "reuters.com")],
}


def lone_front(world: World, rng: random.Random, kind: str, used: dict) -> tuple[str, str]:
    """A one-off front name made from parts (different parts per world)."""
    parts = {
        "tune": (["Silvergate", "Eastbridge", "Highcrest", "Lionsgate", "Jadeway", "Amberley", "Summit Vale", "Clearwater"],
                 ["Talent", "Advisory", "Research Institute", "Policy Forum", "Consulting", "Partners", "Global", "Insight"]),
        "heldout": (["Goldleaf", "Westmarch", "Bluepeak", "Harbourview", "Crimson Lake", "Stonehaven", "Ironbridge", "Lotus Gate"],
                    ["Resourcing", "Strategy Group", "Dialogue Centre", "Think Lab", "Associates", "Capital Insight", "Network", "Council"]),
    }[world.name]
    while True:
        name = f"{rng.choice(parts[0])} {rng.choice(parts[1])}"
        if name not in used:
            break
        if len(used) > 60:
            break
    domain = slugify(name) + ".example"
    used[name] = domain
    return name, domain


# ---------------------------------------------------------------------------------------------
# Reference photos and the watchlist's own noise


def build_reference(world: World):
    rng = random.Random(world.rng.getrandbits(64))
    for i in range(70):
        spec = photos.sample_portrait(rng, "stock") if i < 60 else photos.sample_other(rng, rng.choice(["landscape", "logo"]))
        world.reference["stock"].append((f"stock-{world.name[:1]}{i + 1:03d}.jpg", spec))
    for i in range(35):
        spec = photos.sample_portrait(rng, rng.choice(["stock", "studio", "gan", "office"]))
        world.reference["hostile"].append((f"persona-{world.name[:1]}{i + 1:03d}.jpg", spec))


def noisy_watchlist(world: World, rng: random.Random):
    """Rows as a real team's list holds them: duplicates in other spellings, phones in other
    formats, a URL where a domain belongs, and a few entries broad enough to hit innocent people."""
    rows = list(world.watchlist)
    noisy = []
    for kind, value, note in rows:
        r = rng.random()
        if kind == "phone" and r < 0.5:
            digits = value.replace(" ", "")
            alt = rng.choice([digits, digits.replace("+44", "0"), value.replace("+44 ", "+44 (0)"), digits.replace("+", "00")])
            noisy.append((kind, alt, note + " (as written in the original report)"))
        elif kind == "domain" and r < 0.4:
            noisy.append(("url", rng.choice([f"https://www.{value}/", f"http://{value}/contact?ref=li", f"www.{value}"]), note))
        elif kind == "email" and r < 0.3:
            noisy.append((kind, value.upper() if rng.random() < 0.5 else f" {value} ", note))
        elif kind == "org" and r < 0.3:
            noisy.append((kind, value.upper(), note + " (dup)"))
    # Broad entries that hit innocent people: a common name once used by a persona, a generic phrase.
    common = world.person_name(random.Random(f"{world.name}:common"), origin="british")[0]
    noisy.append(("name", common, "persona name 2021 - common name, check photo"))
    noisy.append(("text", rng.choice(["exciting opportunity", "consultancy opportunity", "quick call"]),
                  "phrase from an old phishing wave"))
    noisy.append(("org", world.agencies[0][0] if rng.random() < 0.5 else world.small_firms[0][0],
                  "reported 2022, no conclusion (kept to be safe)"))
    out = rows + noisy
    rng.shuffle(out)
    return out


# ---------------------------------------------------------------------------------------------
# Putting one world together


def build_world(name: str, seed: int, per_split: int, hostile_share: float) -> World:
    world = World(name, seed, per_split, hostile_share)
    world._genuine_portraits = []
    build_reference(world)
    side = random.Random(world.rng.getrandbits(64))
    world._lone_shared = [photos.sample_portrait(side, side.choice(["stock", "studio", "casual"])) for _ in range(12)]
    rng = random.Random(world.rng.getrandbits(64))
    # Genuine reports: draw populations until the genuine quota is filled (some populations add
    # several reports at once: a joiner or a journalist connecting with many officials).
    # The mix is in shares of reports; a joiner or a connector adds several reports per draw.
    pops = list(GENUINE_MIX)
    weights = [share / REPORTS_PER_DRAW.get(p, 1) for p, share in GENUINE_MIX.items()]
    while len(world.reports) < world.n_genuine:
        pop = rng.choices(pops, weights)[0]
        if pop == "connector" and len(world.reports) > world.n_genuine - 30:
            continue
        if pop == "colleague" and len(world.reports) > world.n_genuine - 8:
            continue
        make_genuine(world, pop, random.Random(rng.getrandbits(64)))
    world.reports = world.reports[: world.n_genuine]
    # Portraits and about texts hostile personas may lift from genuine members.
    for path, job in list(world.photo_jobs.items()):
        if job["spec"]["kind"] == "portrait" and not job.get("steps") and len(world._genuine_portraits) < 60 and rng.random() < 0.05:
            world._genuine_portraits.append(job["spec"])
    abouts = [r["sender"]["about"] for r, _ in world.reports if len(r["sender"].get("about", "")) > 120][:200]
    build_hostile(world, abouts)
    world.watchlist = noisy_watchlist(world, rng)
    return world


def write_world(world: World, out: Path, executor) -> dict:
    d = out / world.name
    (d / "photos").mkdir(parents=True, exist_ok=True)
    for label in ("stock", "hostile"):
        (d / "reference" / label).mkdir(parents=True, exist_ok=True)
    # Time order, ids in that order: an id says nothing about the label.
    order = sorted(range(len(world.reports)), key=lambda i: (world.reports[i][0]["received_at"], i))
    prefix = SPLIT_PREFIX[world.name]
    rows = []
    with open(d / "reports.jsonl", "w", encoding="utf-8", newline="\n") as f:
        for n, i in enumerate(order, 1):
            rep, meta = world.reports[i]
            ext = f"{prefix}-{n:05d}"
            out_rep = {"schema": rep["schema"], "id": ext}
            out_rep.update({k: v for k, v in rep.items() if k != "schema"})
            f.write(json.dumps(out_rep, ensure_ascii=False, separators=(",", ":")) + "\n")
            rows.append((ext, meta))
    with open(d / "labels.csv", "w", encoding="utf-8", newline="") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(["external_id", "label"])
        for ext, meta in rows:
            w.writerow([ext, meta["label"]])
    with open(d / "populations.csv", "w", encoding="utf-8", newline="") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(["external_id", "label", "population", "grade", "campaign", "signs"])
        for ext, meta in rows:
            w.writerow([ext, meta["label"], meta["population"], meta["grade"], meta["campaign"], meta["signs"]])
    with open(d / "watchlist.csv", "w", encoding="utf-8", newline="") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(["kind", "value", "note"])
        for row in world.watchlist:
            w.writerow(row)
    jobs = [(str(d / p), job) for p, job in world.photo_jobs.items()]
    for label in ("stock", "hostile"):
        jobs += [(str(d / "reference" / label / fname), {"spec": spec}) for fname, spec in world.reference[label]]
    for _ in executor.map(_render_to, jobs, chunksize=64):
        pass
    return {"reports": len(rows), "hostile": sum(m["label"] for _, m in rows), "photos": len(world.photo_jobs),
            "reference_stock": len(world.reference["stock"]), "reference_hostile": len(world.reference["hostile"]),
            "watchlist_rows": len(world.watchlist), "reports_sha256": sha256_file(d / "reports.jsonl")}, rows


def _render_to(item):
    path, job = item
    data = photos.render(job)
    with open(path, "wb") as f:
        f.write(data)


def sha256_file(p: Path) -> str:
    h = hashlib.sha256()
    with open(p, "rb") as f:
        for chunk in iter(lambda: f.read(1 << 20), b""):
            h.update(chunk)
    return h.hexdigest()


def generator_digest() -> str:
    """SHA-256 over the generator's own sources: a corpus made by other code is stale."""
    h = hashlib.sha256()
    here = Path(__file__).resolve().parent
    for name in ("generate.py", "photos.py", "pools.py", "texts.py"):
        h.update(name.encode() + b"\0" + (here / name).read_bytes())
    return h.hexdigest()


def check_worlds_disjoint():
    """The held-out world shares none of the tune world's world-specific pools."""
    def values(world):
        v = set()
        for lists in pools.LATIN_NAMES.values():
            for lst in lists:
                v |= {("latin", x) for x in split(lst, world)}
        for lst in pools.NATIVE_SCRIPT_NAMES.values():
            v |= {("native", x) for x in split(lst, world)}
        for table in (pools.RECRUITMENT_AGENCIES, pools.EXPERT_NETWORKS, pools.SMALL_FIRMS, pools.NEWS_OUTLETS, pools.STALE_FRONTS):
            v |= {("org", x[0]) for x in table[world]} | {("domain", x[1]) for x in table[world]}
        v |= {("org", x[1]) for x in pools.FRONTS[world]} | {("domain", x[2]) for x in pools.FRONTS[world]}
        v |= {("org", x[0]) for x in pools.EVENT_ORGANISERS[world]}
        v |= {("topic", x) for x in pools.TOPICS_BY_WORLD[world]}
        v |= {("signature", x) for x in texts.CAMPAIGN_SIGNATURES[world]}
        for move, bank in texts.LURES[world].items():
            v |= {("lure", x) for x in bank}
        v |= {("agency_template", x) for x in texts.AGENCY_TEMPLATES[world]}
        v |= {("expert_template", x) for x in texts.EXPERT_NETWORK_TEMPLATES[world]}
        v |= {("event_template", x) for x in texts.EVENT_TEMPLATES[world]}
        for kind, bank in texts.HOSTILE_ABOUTS[world].items():
            v |= {("hostile_about", x) for x in bank}
        return v
    shared = values("tune") & values("heldout")
    if shared:
        raise SystemExit(f"world-specific pools overlap between tune and held-out: {sorted(shared)[:10]}")


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0], formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--seed", type=int, default=DEFAULT_SEED, help=f"default {DEFAULT_SEED}")
    ap.add_argument("--out", type=Path, default=Path(__file__).resolve().parents[2] / "target" / "population")
    ap.add_argument("--per-split", type=int, default=5500, help="reports in each split (default 5500)")
    ap.add_argument("--hostile-share", type=float, default=0.125, help="share of hostile reports (default 0.125)")
    ap.add_argument("--jobs", type=int, default=os.cpu_count() or 1, help="processes drawing photos")
    ap.add_argument("--splits", default="tune,heldout", help="which worlds to write (default both)")
    args = ap.parse_args(argv)
    if not 0 < args.hostile_share < 1 or args.per_split < 100:
        ap.error("--per-split must be at least 100 and --hostile-share between 0 and 1")
    check_worlds_disjoint()
    started = time.monotonic()
    out = args.out
    out.mkdir(parents=True, exist_ok=True)
    manifest = {"generator_version": GENERATOR_VERSION, "generator_sha256": generator_digest(),
                "seed": args.seed, "per_split": args.per_split,
                "hostile_share": args.hostile_share, "python": sys.version.split()[0],
                "pillow": __import__("PIL").__version__,
                "splits": {}}
    all_rows = []
    wanted = [s.strip() for s in args.splits.split(",") if s.strip()]
    with ProcessPoolExecutor(max_workers=max(1, args.jobs)) as ex:
        for name in pools.WORLDS:
            if name not in wanted:
                continue
            t0 = time.monotonic()
            world = build_world(name, args.seed, args.per_split, args.hostile_share)
            stats, rows = write_world(world, out, ex)
            stats["seconds"] = round(time.monotonic() - t0, 1)
            manifest["splits"][name] = stats
            all_rows += [(name, ext, meta) for ext, meta in rows]
            print(f"{name}: {stats['reports']} reports, {stats['hostile']} hostile "
                  f"({stats['hostile'] / stats['reports']:.1%}), {stats['photos']} photos, "
                  f"{stats['watchlist_rows']} watchlist rows, {stats['seconds']} s", file=sys.stderr)
    for name in wanted:
        with open(out / f"labels-{name}.csv", "w", encoding="utf-8", newline="") as f:
            w = csv.writer(f, lineterminator="\n")
            w.writerow(["external_id", "label"])
            for split_name, ext, meta in all_rows:
                if split_name == name:
                    w.writerow([ext, meta["label"]])
    with open(out / "labels.csv", "w", encoding="utf-8", newline="") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(["external_id", "label"])
        for _, ext, meta in all_rows:
            w.writerow([ext, meta["label"]])
    manifest["seconds"] = round(time.monotonic() - started, 1)
    with open(out / "manifest.json", "w", encoding="utf-8") as f:
        json.dump(manifest, f, indent=2)
        f.write("\n")
    print(f"written to {out} in {manifest['seconds']} s", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())

#!/usr/bin/env bash
# Evaluates today's linkvet on one split of the population corpus, from nothing:
#
#   benches/population/run.sh tune|heldout [--regenerate] [--breakdown]
#
# 1. makes a virtualenv under the cargo target directory with the pinned Pillow, and generates
#    the corpus (benches/population/generate.py, fixed seed) unless it is already there;
# 2. builds linkvet (release) and copies the binary aside;
# 3. creates a fresh database in a temporary folder, adds the split's reference photos (stock
#    and hostile) and watchlist, imports its reports, and runs every check;
# 4. scores `linkvet list --status all --format json` with score.py (independent of linkvet),
#    and, when this linkvet has `eval`, prints its own figures beside them as a cross-check.
#
# The two splits are never loaded into one database: the photo and campaign checks look across
# every request held. The listing and the figures are kept in OUT/runs/SPLIT-COMMIT/.
# Environment: POPULATION_OUT (default TARGET/population), POPULATION_SEED, CARGO_TARGET_DIR.
set -euo pipefail
cd "$(dirname "$0")/../.."

split="${1:-}"
case "$split" in
    tune|heldout) ;;
    *) echo "usage: benches/population/run.sh tune|heldout [--regenerate] [--breakdown]" >&2; exit 2 ;;
esac
shift
regenerate=no
breakdown=no
for arg in "$@"; do
    case "$arg" in
        --regenerate) regenerate=yes ;;
        --breakdown) breakdown=yes ;;
        *) echo "run.sh: unknown option $arg" >&2; exit 2 ;;
    esac
done

target="${CARGO_TARGET_DIR:-target}"
out="${POPULATION_OUT:-$target/population}"
venv="$target/population-venv"
here=benches/population
seed_args=()
if [ -n "${POPULATION_SEED:-}" ]; then
    seed_args=(--seed "$POPULATION_SEED")
fi

if [ ! -x "$venv/bin/python" ]; then
    python3 -m venv "$venv"
fi
# The pinned Pillow draws the same JPEG bytes for the same seed (pip does nothing when it is there).
"$venv/bin/pip" install --quiet --disable-pip-version-check -r "$here/requirements.txt"

# Regenerate when asked, when the corpus is missing, or when it was made by other generator
# code or another seed than the one asked for.
stale="$("$venv/bin/python" - "$out/manifest.json" "${POPULATION_SEED:-}" <<'PY'
import json, sys
sys.dont_write_bytecode = True
sys.path.insert(0, "benches/population")
import generate
try:
    m = json.load(open(sys.argv[1]))
except (OSError, ValueError):
    print("missing"); sys.exit()
if m.get("generator_sha256") != generate.generator_digest():
    print("made by other generator code")
elif m.get("seed") != int(sys.argv[2] or generate.DEFAULT_SEED):
    print("made with another seed")
PY
)"
if [ "$regenerate" = yes ] || [ -n "$stale" ] || [ ! -s "$out/$split/reports.jsonl" ]; then
    echo "generating the corpus into $out${stale:+ (the one there is ${stale})} ..." >&2
    "$venv/bin/python" "$here/generate.py" --out "$out" "${seed_args[@]}"
fi

cargo build --release --quiet --bin linkvet
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
# A private copy: a target folder shared with other builds may be rewritten under us.
cp "$target/release/linkvet" "$work/linkvet"
bin="$work/linkvet"
export LINKVET_DB="$work/case/linkvet.db" LINKVET_OFFICER="population-eval"

data="$(cd "$out/$split" && pwd)"   # absolute: photo paths resolve against the file's folder
commit="$(git rev-parse --short HEAD 2>/dev/null || echo unknown)"
if ! git diff --quiet HEAD -- src 2>/dev/null; then commit="$commit-dirty"; fi
runs="$out/runs/$split-$commit"
mkdir -p "$runs"

step() {
    local name="$1"; shift
    local t0 ms
    t0=$(date +%s%N)
    "$@" > "$work/step.out" 2>&1 || { cat "$work/step.out" >&2; echo "run.sh: $name failed" >&2; exit 1; }
    ms=$(( ($(date +%s%N) - t0) / 1000000 ))
    printf '%-22s %4d.%d s   %s\n' "$name" $((ms / 1000)) $(((ms % 1000) / 100)) "$(tail -n 1 "$work/step.out")" >&2
}

echo "split $split, linkvet $commit, corpus seed $(python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["seed"])' "$out/manifest.json")" >&2
step "reference (stock)"   "$bin" reference add "$data/reference/stock" --label stock --source "population corpus: stock library"
step "reference (hostile)" "$bin" reference add "$data/reference/hostile" --label hostile --source "population corpus: earlier cases"
step "watchlist"           "$bin" watchlist import "$data/watchlist.csv"
step "import"              "$bin" import --no-check "$data/reports.jsonl"
step "check"               "$bin" check
"$bin" list --status all --format json > "$runs/list.jsonl"

echo >&2
python3 "$here/score.py" "$runs/list.jsonl" "$data/labels.csv" --populations "$data/populations.csv" --format json > "$runs/score.json"
if [ "$breakdown" = yes ]; then
    python3 "$here/score.py" "$runs/list.jsonl" "$data/labels.csv" --populations "$data/populations.csv"
else
    python3 "$here/score.py" "$runs/list.jsonl" "$data/labels.csv"
fi

# The other engineer's `linkvet eval` must agree with score.py on the same database.
if "$bin" eval --help > /dev/null 2>&1; then
    "$bin" eval --labels "$data/labels.csv" --format json > "$runs/eval.json"
    python3 - "$runs/score.json" "$runs/eval.json" <<'PY'
import json, sys
mine = json.load(open(sys.argv[1]))
theirs = json.load(open(sys.argv[2]))
def get(d, *path):
    for p in path:
        d = d.get(p) if isinstance(d, dict) else None
    return d.get("rate") if isinstance(d, dict) else d
rows = [("AUC", mine["auc"], theirs.get("auc"))]
for level in ("high", "medium_or_above"):
    for what in ("recall", "false_alarm_rate"):
        rows.append((f"{level} {what}", get(mine, level, what), get(theirs, level, what)))
print("\ncross-check with `linkvet eval`     score.py    linkvet eval")
bad = False
for name, a, b in rows:
    same = isinstance(b, (int, float)) and abs(a - b) < 5e-4
    bad |= not same
    print(f"  {name:<30} {a:10.4f}    {b if b is not None else 'n/a'!s:>10}  {'' if same else '<- differs'}")
sys.exit(1 if bad else 0)
PY
fi
echo "listing and figures kept in $runs" >&2

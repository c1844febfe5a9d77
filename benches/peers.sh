#!/usr/bin/env bash
# Perceptual-hash throughput side by side, on the same files, one core each:
# linkvet's photo pipeline (decode + probe) against Python's imagehash (pHash) and pdqhash.
#
#   benches/peers.sh [PHOTOS_DIR]      (default ../shared/photos, its originals/ and variants/)
#
# Makes a virtual environment under the cargo target directory and installs imagehash,
# pdqhash and pillow there from PyPI. If pdqhash cannot be installed, says so and goes on.
set -euo pipefail
cd "$(dirname "$0")/.."
photos="${1:-../shared/photos}"
target="${CARGO_TARGET_DIR:-target}"
venv="$target/peers-venv"
if [ ! -x "$venv/bin/python" ]; then
    python3 -m venv "$venv"
fi
"$venv/bin/pip" install --quiet --disable-pip-version-check imagehash pillow numpy
pdq=yes
if ! "$venv/bin/pip" install --quiet --disable-pip-version-check pdqhash; then
    pdq=no
    echo "pdqhash could not be installed; comparing with imagehash only" >&2
fi

export OMP_NUM_THREADS=1 OPENBLAS_NUM_THREADS=1 MKL_NUM_THREADS=1
"$venv/bin/python" - "$photos" "$pdq" > "$target/peers-python.txt" <<'PY'
import sys, time, pathlib
from PIL import Image
import imagehash
root, pdq = pathlib.Path(sys.argv[1]), sys.argv[2] == "yes"
files = sorted(p for sub in ("originals", "variants") for p in (root / sub).iterdir() if p.is_file())

def best_of(fn, rounds=3):
    best = float("inf")
    for _ in range(rounds):
        t = time.perf_counter()
        for f in files:
            fn(f)
        best = min(best, time.perf_counter() - t)
    return len(files) / best

print(f"files {len(files)}")
print(f"imagehash_phash {best_of(lambda f: imagehash.phash(Image.open(f))):.1f}")
if pdq:
    import numpy as np, pdqhash
    print(f"pdqhash {best_of(lambda f: pdqhash.compute(np.asarray(Image.open(f).convert('RGB')))):.1f}")
PY

linkvet_out=$(LINKVET_PHOTOS="$photos" cargo bench --quiet --bench photo_throughput 2>/dev/null)
echo "$linkvet_out"
linkvet_line=$(grep '^files_per_second=' <<<"$linkvet_out")
linkvet_fps=${linkvet_line#files_per_second=}

echo
echo "files/s on one core, same $(awk '/^files/{print $2}' "$target/peers-python.txt") files (best of 3):"
printf '  %-34s %8.1f\n' "linkvet decode + probe (10-14 views)" "$linkvet_fps"
while read -r name fps; do
    [ "$name" = files ] && continue
    printf '  %-34s %8.1f   linkvet/peer = %.2f\n' "$name" "$fps" "$(echo "$linkvet_fps / $fps" | bc -l)"
done < "$target/peers-python.txt"

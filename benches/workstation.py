#!/usr/bin/env python3
"""Workstation figures in a real pseudo-terminal: start to first complete frame, key press to
frame, bytes written per key, and peak memory.

    benches/workstation.py target/release/linkvet DB [--cols 120 --rows 40] [--stats N]

A frame is complete when the terminal output goes quiet (no byte for QUIET seconds) after the
text we wait for has appeared; the time reported is to the last byte of that burst, so the quiet
period itself is not counted. Run it on a database made by `linkvet demo generate` + `import`.
"""
import argparse, fcntl, os, pty, re, select, signal, struct, sys, termios, time

QUIET = 0.25
# Once a second the workstation writes "hide cursor" to find out whether the terminal hung up;
# it is not a frame.
PROBE = b"\x1b[?25l"


def read_burst(fd, wait_for=None, timeout=20.0, quiet=QUIET):
    """Reads until `wait_for` (bytes regex) has been seen and the output then stays quiet.
    Returns (bytes, seconds from call to the last byte)."""
    start = time.perf_counter()
    data = b""
    last = start
    seen = wait_for is None
    while True:
        now = time.perf_counter()
        if now - start > timeout:
            raise SystemExit(f"timed out waiting for {wait_for!r}; got {len(data)} bytes")
        if seen and data and now - last > quiet:
            return data, last - start
        r, _, _ = select.select([fd], [], [], 0.02)
        if r:
            try:
                chunk = os.read(fd, 65536)
            except OSError:
                return data, last - start
            if chunk == PROBE:
                continue
            data += chunk
            last = time.perf_counter()
            if not seen and re.search(wait_for, data):
                seen = True


def peak_kib(pid):
    with open(f"/proc/{pid}/status") as f:
        for line in f:
            if line.startswith("VmHWM:"):
                return int(line.split()[1])
    return 0


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("binary")
    ap.add_argument("db")
    ap.add_argument("--cols", type=int, default=120)
    ap.add_argument("--rows", type=int, default=40)
    ap.add_argument("--keys", type=int, default=100)
    ap.add_argument("--stats", type=int, default=0, metavar="N",
                    help="only the statistics view: open it N times on each period")
    a = ap.parse_args()

    pid, fd = pty.fork()
    if pid == 0:
        os.environ["TERM"] = "xterm-256color"
        os.environ.pop("NO_COLOR", None)
        os.execv(a.binary, [a.binary, "--db", a.db, "--officer", "bench"])
    fcntl.ioctl(fd, termios.TIOCSWINSZ, struct.pack("HHHH", a.rows, a.cols, 0, 0))
    os.kill(pid, signal.SIGWINCH)

    _, first = read_burst(fd, rb"pending")
    print(f"start to first complete frame: {first * 1000:.1f} ms")

    def keys(key, label, wait=None):
        sizes, times = [], []
        for _ in range(a.keys):
            os.write(fd, key)
            data, t = read_burst(fd, wait)
            sizes.append(len(data))
            times.append(t)
        mean = sum(sizes) / len(sizes)
        sizes.sort(); times.sort()
        med = lambda xs: xs[len(xs) // 2]
        print(f"{label}: median {med(times) * 1000:.1f} ms to the last byte; bytes per key: "
              f"median {med(sizes)}, mean {mean:.0f}, max {sizes[-1]} ({a.keys} presses)")

    if a.stats:
        stats_view(fd, a.stats)
        print(f"peak memory (VmHWM): {peak_kib(pid) / 1024:.1f} MiB")
        os.write(fd, b"q")
        os.waitpid(pid, 0)
        return

    keys(b"j", "navigation (j)")
    keys(b"k", "navigation (k)")
    # Filter: open the prompt, type a letter, see the queue change; then Esc restores it.
    # The prompt echoes the letter at once and the filtered queue follows when the query
    # answers, which may be longer than QUIET later: wait for a whole second of quiet.
    for letter in (b"q", b"x"):
        os.write(fd, b"/"); read_burst(fd)
        os.write(fd, letter); _, tf = read_burst(fd, quiet=1.0)
        print(f"filter keystroke ({letter.decode()!r}) to the filtered queue: {tf * 1000:.1f} ms")
        os.write(fd, b"\x1b"); read_burst(fd, quiet=1.0)
    # A decision: flag with an empty note (two keys: f, Enter), timed from Enter to the frame.
    os.write(fd, b"f"); read_burst(fd)
    os.write(fd, b"\r"); _, td = read_burst(fd, rb"flagged #")
    print(f"decision (flag, Enter) to frame showing it done: {td * 1000:.1f} ms")
    print(f"peak memory (VmHWM): {peak_kib(pid) / 1024:.1f} MiB")
    os.write(fd, b"q")
    try:
        os.waitpid(pid, 0)
    except ChildProcessError:
        pass


def stats_view(fd, runs):
    """`S` to the statistics frame, on each period (`p` cycles: 4 weeks, quarter, year, all).
    The view first draws "computing…" and then the figures, which may come later than QUIET:
    each key is timed to the last byte before a whole second of quiet."""
    med = lambda xs: sorted(xs)[len(xs) // 2]
    for period in ("last 4 weeks", "quarter", "year", "all"):
        times = []
        for _ in range(runs):
            os.write(fd, b"S"); _, t = read_burst(fd, quiet=1.0)
            times.append(t)
            os.write(fd, b"\x1b"); read_burst(fd, quiet=0.5)
        times.sort()
        print(f"statistics view, {period}: S to the figures: median {med(times) * 1000:.1f} ms, "
              f"min {times[0] * 1000:.1f}, max {times[-1] * 1000:.1f} ({runs} opens)")
        os.write(fd, b"S"); read_burst(fd, quiet=1.0)
        os.write(fd, b"p"); _, tp = read_burst(fd, quiet=1.0)
        os.write(fd, b"\x1b"); read_burst(fd, quiet=0.5)
        if period != "all":
            print(f"  p to the next period's figures: {tp * 1000:.1f} ms")


if __name__ == "__main__":
    main()

"""The benchmark: how searchkeeper feels with ten years (520 weeks) of history.

Run from a checkout, with the project installed::

    python bench/run.py            # 5 rounds, median of each figure
    python bench/run.py --rounds 9 --only status,tick

Every figure is a ratio against a floor measured in the same run, on the same
machine, so that a loaded or slow machine moves both sides alike. Each round runs
every subject and every floor once, in a shuffled order (floor and subject
interleaved), in fresh subprocesses; the table shows the median of the rounds.
Nothing here is a test: it prints figures and PASS or MISS against the targets.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from history import TODAY, Folders, write_history  # noqa: E402

PYTHON = sys.executable
WEEKS = 520


@dataclass(frozen=True)
class Figure:
    key: str
    title: str
    subject: str
    floor: str
    target: float | None
    unit: str = "s"


FIGURES = [
    Figure("ready", "dashboard ready, 520 weeks ÷ bare Textual app", "dash_ready", "bare_ready", 1.25),
    Figure(
        "status",
        "`status` with nothing changed, 520 weeks ÷ `import yaml, platformdirs`",
        "status_warm",
        "import_floor",
        1.0,
    ),
    Figure(
        "status",
        "`status` after a tick, 520 weeks ÷ `import yaml, platformdirs`",
        "status_after_tick",
        "import_floor",
        1.5,
    ),
    Figure("ui-tick", "dashboard tick, 520 weeks ÷ 1 week", "dash_tick_520", "dash_tick_1", 1.2),
    Figure("memory", "dashboard peak RSS, 520 weeks ÷ bare Textual app", "dash_rss", "bare_rss", 1.3, "MiB"),
    Figure("check", "`check`, 520 weeks ÷ plain CSafeLoader loop", "check", "parse_floor", 1.5),
    Figure(
        "report",
        "`report --weeks 520 --format csv` ÷ `status` after an outside edit",
        "report",
        "status",
        3.0,
    ),
    Figure(
        "tick", "`tick ID` from a shell, 520 weeks ÷ `import yaml, platformdirs`", "tick", "import_floor", 1.6
    ),
]
DIAGNOSTICS = [
    Figure("ready", "dashboard ready, 520 weeks ÷ 1 week", "dash_ready", "dash1_ready", None),
    Figure("memory", "dashboard peak RSS, 520 weeks ÷ 1 week", "dash_rss", "dash1_rss", None, "MiB"),
    Figure(
        "status",
        "`status` after an outside edit, 520 weeks ÷ `import yaml, platformdirs`",
        "status",
        "import_floor",
        None,
    ),
    Figure("status", "`status` after an outside edit, 520 weeks ÷ 1 week", "status", "status_1", None),
]
"""What the history itself costs, apart from the weight of the app: shown, with no target."""


def searchkeeper_command() -> list[str]:
    """The installed console script beside this interpreter, as a user runs it."""
    script = Path(PYTHON).with_name("searchkeeper")
    return [str(script)] if script.exists() else [PYTHON, "-m", "searchkeeper"]


class Bench:
    def __init__(self, root: Path) -> None:
        self.root = root
        self.home = root / "home"
        self.home.mkdir()
        self.cache = root / "cache"
        os.environ["SEARCHKEEPER_CACHE_DIR"] = str(self.cache)  # the histories' index, and the runs'
        self.big: Folders = write_history(root / "w520", WEEKS)
        self.small: Folders = write_history(root / "w1", 1)
        self.program = searchkeeper_command()
        self.flip = False

    def env(self, folders: Folders) -> dict[str, str]:
        env = dict(os.environ)
        env.update(
            HOME=str(self.home),
            SEARCHKEEPER_TODAY=TODAY.isoformat(),
            SEARCHKEEPER_DATA_DIR=str(folders.data_dir),
            SEARCHKEEPER_CONFIG_DIR=str(folders.config_dir),
            SEARCHKEEPER_CACHE_DIR=str(self.cache),
        )
        for name in ("SEARCHKEEPER_DEBUG", "PYTHONDONTWRITEBYTECODE", "PYTHONPROFILEIMPORTTIME"):
            env.pop(name, None)
        return env

    def wall(self, argv: list[str], folders: Folders | None = None) -> float:
        """Seconds from spawning ``argv`` to its exit (it must succeed)."""
        env = self.env(folders or self.big)
        start = time.perf_counter()
        done = subprocess.run(argv, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
        elapsed = time.perf_counter() - start
        if done.returncode != 0:
            raise SystemExit(f"{' '.join(argv)} failed: {done.stderr.decode(errors='replace')}")
        return elapsed

    # the command line ----------------------------------------------------------

    def import_floor(self) -> dict[str, float]:
        return {"import_floor": self.wall([PYTHON, "-c", "import yaml, platformdirs"])}

    def status(self) -> dict[str, float]:
        """``status`` after a week file was changed by hand: the line is worked out again."""
        self.edit_by_hand(self.big)
        return {"status": self.wall([*self.program, "status"])}

    def status_1(self) -> dict[str, float]:
        self.edit_by_hand(self.small)
        return {"status_1": self.wall([*self.program, "status"], self.small)}

    def status_warm(self) -> dict[str, float]:
        """``status`` again with nothing changed, as a shell prompt runs it: the kept line is printed."""
        self.wall([*self.program, "status"])
        return {"status_warm": self.wall([*self.program, "status"])}

    def status_after_tick(self) -> dict[str, float]:
        """``status`` right after a ``tick`` from a shell: the line the tick kept."""
        self.tick()
        return {"status_after_tick": self.wall([*self.program, "status"])}

    @staticmethod
    def edit_by_hand(folders: Folders) -> None:
        """Touch the oldest week file, as an editor saving it unchanged would: its stamp changes."""
        first = min((folders.data_dir / "journal").glob("*/*.yaml"))
        os.utime(first)

    def tick(self) -> dict[str, float]:
        self.flip = not self.flip
        undo = ["--undo"] if self.flip else []
        argv = [*self.program, "tick", "reconnect", "--note", "Coffee with a former client", *undo]
        return {"tick": self.wall(argv)}

    def report(self) -> dict[str, float]:
        return {"report": self.wall([*self.program, "report", "--weeks", str(WEEKS), "--format", "csv"])}

    def check(self) -> dict[str, float]:
        return {"check": self.wall([*self.program, "check"])}

    def parse_floor(self) -> dict[str, float]:
        return {"parse_floor": self.wall([PYTHON, str(HERE / "parse_floor.py"), str(self.big.data_dir)])}

    # the dashboard -----------------------------------------------------------------

    def probe(self, mode: str, folders: Folders) -> dict:
        """Run ``probe_dashboard.py`` headless; its readings plus ``start``, taken just before spawning."""
        out = self.root / "probe.json"
        out.unlink(missing_ok=True)
        env = self.env(folders)
        start = time.monotonic()
        done = subprocess.run(
            [PYTHON, str(HERE / "probe_dashboard.py"), mode, str(out)],
            env=env,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
            timeout=120,
        )
        if done.returncode != 0 or not out.exists():
            raise SystemExit(f"the {mode} probe failed: {done.stderr.decode(errors='replace')}")
        found = json.loads(out.read_text(encoding="utf-8"))
        found["start"] = start
        return found

    def bare(self) -> dict[str, float]:
        found = self.probe("bare", self.big)
        return {"bare_ready": found["ready"] - found["start"], "bare_rss": found["rss_kib"] / 1024}

    def dashboard(self) -> dict[str, float]:
        found = self.probe("dashboard", self.big)
        return {"dash_ready": found["ready"] - found["start"], "dash_rss": found["rss_kib"] / 1024}

    def dashboard_1(self) -> dict[str, float]:
        found = self.probe("dashboard", self.small)
        return {"dash1_ready": found["ready"] - found["start"], "dash1_rss": found["rss_kib"] / 1024}

    def dash_tick_520(self) -> dict[str, float]:
        return {"dash_tick_520": statistics.median(self.probe("tick", self.big)["ticks"])}

    def dash_tick_1(self) -> dict[str, float]:
        return {"dash_tick_1": statistics.median(self.probe("tick", self.small)["ticks"])}


RUNS: dict[str, tuple[str, ...]] = {
    "import_floor": ("import_floor",),
    "status": ("status",),
    "status_1": ("status_1",),
    "status_warm": ("status_warm",),
    "status_after_tick": ("status_after_tick",),
    "tick": ("tick",),
    "report": ("report",),
    "check": ("check",),
    "parse_floor": ("parse_floor",),
    "bare": ("bare_ready", "bare_rss"),
    "dashboard": ("dash_ready", "dash_rss"),
    "dashboard_1": ("dash1_ready", "dash1_rss"),
    "dash_tick_520": ("dash_tick_520",),
    "dash_tick_1": ("dash_tick_1",),
}
"""Each run of the benchmark and the samples it yields."""


def measure(bench: Bench, figures: list[Figure], rounds: int) -> dict[str, list[float]]:
    wanted = {name for figure in figures for name in (figure.subject, figure.floor)}
    wanted |= {
        name for d in DIAGNOSTICS if d.key in {f.key for f in figures} for name in (d.subject, d.floor)
    }
    runs = [run for run, yields in RUNS.items() if wanted & set(yields)]
    samples: dict[str, list[float]] = {name: [] for name in wanted}
    shuffle = random.Random(5)
    for run in runs:  # a warm-up round: page cache, bytecode, the index
        getattr(bench, run)()
    for _ in range(rounds):
        shuffle.shuffle(runs)
        for run in runs:
            for name, value in getattr(bench, run)().items():
                if name in samples:
                    samples[name].append(value)
    return samples


def table(figures: list[Figure], samples: dict[str, list[float]]) -> str:
    rows = [
        "| # | figure | subject | floor | ratio | target | |",
        "|---|---|---:|---:|---:|---:|---|",
    ]
    keys = {figure.key for figure in figures}
    numbered = [(str(number), figure) for number, figure in enumerate(FIGURES, 1) if figure in figures]
    numbered += [("", figure) for figure in DIAGNOSTICS if figure.key in keys]
    for number, figure in numbered:
        subject = statistics.median(samples[figure.subject])
        floor = statistics.median(samples[figure.floor])
        ratio = subject / floor
        if figure.target is None:
            verdict, target = "(diagnostic)", "—"
        else:
            verdict, target = ("PASS" if ratio <= figure.target else "MISS"), f"≤ {figure.target:g}"
        shown: Callable[[float], str] = (
            (lambda v: f"{v * 1000:.0f} ms") if figure.unit == "s" else (lambda v: f"{v:.1f} MiB")
        )
        rows.append(
            f"| {number} | {figure.title} | {shown(subject)} | {shown(floor)} | {ratio:.2f} "
            f"| {target} | {verdict} |"
        )
    return "\n".join(rows)


def machine() -> str:
    model = "unknown CPU"
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                model = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    version = sys.version.split()[0]
    return f"{model}, {os.cpu_count()} cores, Python {version}"


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--rounds", type=int, default=5, help="rounds to take the median of (default 5)")
    parser.add_argument(
        "--only", help="comma-separated figure keys: " + ",".join(dict.fromkeys(f.key for f in FIGURES))
    )
    args = parser.parse_args()
    keys = set(args.only.split(",")) if args.only else {figure.key for figure in FIGURES}
    figures = [figure for figure in FIGURES if figure.key in keys]
    started = time.perf_counter()
    root = Path(tempfile.mkdtemp(prefix="searchkeeper-bench-"))
    try:
        bench = Bench(root)
        samples = measure(bench, figures, args.rounds)
    finally:
        shutil.rmtree(root, ignore_errors=True)
    print(f"searchkeeper benchmark: {WEEKS} weeks, median of {args.rounds} rounds")
    print(f"machine: {machine()}")
    print()
    print(table(figures, samples))
    print()
    print(f"took {time.perf_counter() - started:.0f} s")


if __name__ == "__main__":
    main()

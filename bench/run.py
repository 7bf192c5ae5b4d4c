"""The benchmark: how searchkeeper feels with ten years (520 weeks) of history.

Run from a checkout, with the project installed::

    python bench/run.py            # 5 rounds
    python bench/run.py --rounds 9 --only paint,tick

Everything runs as a user runs it: the installed ``searchkeeper`` command, the
platform's default folders under a temporary ``$HOME``, the real date. The dashboard
runs in a pseudo-terminal (``terminal.py``: the real escape output, at 80×24 and
120×40) and is timed from launch to its complete first screen; its floor is a bare
Textual app run the same way.

Every figure is a ratio against a floor measured in the same run. Each round takes,
for every figure, one subject run and one floor run back to back (which goes first
alternates) and divides them: the table shows the median of those paired ratios with
their least and greatest, so that the noise of a shared machine is in plain sight.
Nothing here is a test: it prints figures and PASS or MISS against the targets.
"""

from __future__ import annotations

import argparse
import os
import random
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from datetime import date
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from history import Folders, write_history  # noqa: E402
from terminal import Session  # noqa: E402

from searchkeeper.core.weeks import Week  # noqa: E402

PYTHON = sys.executable
WEEKS = 520
SIZES = {"80x24": (80, 24), "120x40": (120, 40)}
DASHBOARD_SHOWN = ("Help", "audit")
"""Text of the dashboard's complete first screen: its footer's last key, and the header's audit day."""
BARE_SHOWN = ("Hello", "palette")
TICKS = 5
"""Key presses timed in one dashboard run (tick, untick, tick, …); the run's median is its sample."""


@dataclass(frozen=True)
class Figure:
    key: str
    title: str
    subject: tuple[str, str]
    """(run, reading): the method of ``Bench`` to call and which of its readings to take."""
    floor: tuple[str, str]
    target: float | None
    unit: str = "s"


def _paint(size: str) -> Figure:
    return Figure(
        "paint",
        f"dashboard first paint at {size}, 520 weeks ÷ bare Textual app",
        (f"dashboard_{size}", "paint"),
        (f"bare_{size}", "paint"),
        1.25,
    )


FIGURES = [
    _paint("80x24"),
    _paint("120x40"),
    Figure(
        "memory",
        "dashboard peak memory at 120x40, 520 weeks ÷ bare Textual app",
        ("dashboard_120x40", "rss"),
        ("bare_120x40", "rss"),
        1.3,
        "MiB",
    ),
    Figure(
        "tick",
        "dashboard tick at 120x40 (key to saved and drawn), 520 weeks ÷ 1 week",
        ("ticks_520", "tick"),
        ("ticks_1", "tick"),
        1.2,
    ),
    Figure(
        "cold",
        "dashboard first paint at 120x40 with no cache, 520 weeks ÷ bare Textual app",
        ("cold_120x40", "paint"),
        ("bare_120x40", "paint"),
        2.0,
    ),
    Figure(
        "status",
        "`status` with nothing changed, 520 weeks ÷ `import yaml, platformdirs`",
        ("status_warm", "wall"),
        ("import_floor", "wall"),
        1.0,
    ),
    Figure(
        "status",
        "`status` after a tick, 520 weeks ÷ `import yaml, platformdirs`",
        ("status_after_tick", "wall"),
        ("import_floor", "wall"),
        1.5,
    ),
    Figure(
        "check",
        "`check`, 520 weeks ÷ plain CSafeLoader loop",
        ("check", "wall"),
        ("parse_floor", "wall"),
        1.5,
    ),
    Figure(
        "report",
        "`report --weeks 520 --format csv` ÷ `status` after an outside edit",
        ("report", "wall"),
        ("status", "wall"),
        3.0,
    ),
    Figure(
        "shell-tick",
        "`tick ID` from a shell, 520 weeks ÷ `import yaml, platformdirs`",
        ("tick", "wall"),
        ("import_floor", "wall"),
        1.6,
    ),
]
DIAGNOSTICS = [
    Figure(
        "paint",
        "dashboard first paint at 120x40, 520 weeks ÷ 1 week",
        ("dashboard_120x40", "paint"),
        ("dashboard1_120x40", "paint"),
        None,
    ),
    Figure(
        "paint",
        "bytes written for the first screen at 120x40, dashboard ÷ bare app",
        ("dashboard_120x40", "bytes"),
        ("bare_120x40", "bytes"),
        None,
        "KB",
    ),
    Figure(
        "status",
        "`status` after an outside edit, 520 weeks ÷ 1 week",
        ("status", "wall"),
        ("status_1", "wall"),
        None,
    ),
]
"""What the history itself costs, apart from the weight of the app: shown, with no target."""


def searchkeeper_command() -> list[str]:
    """The installed console script beside this interpreter, as a user runs it."""
    script = Path(PYTHON).with_name("searchkeeper")
    return [str(script)] if script.exists() else [PYTHON, "-m", "searchkeeper"]


class Home:
    """A ``$HOME`` holding a history in the platform's default folders (no folder set by environment)."""

    def __init__(self, root: Path, weeks: int) -> None:
        self.path = root / f"home{weeks}"
        made: Folders = write_history(root / f"made{weeks}", weeks, today=date.today())
        self.env = {
            name: value
            for name, value in os.environ.items()
            if not name.startswith(("SEARCHKEEPER_", "XDG_", "PYTHON"))
        }
        self.env.update(HOME=str(self.path), TERM="xterm-256color", COLORTERM="truecolor", LANG="C.UTF-8")
        data, config = self._folder("user_data_dir"), self._folder("user_config_dir")
        data.parent.mkdir(parents=True, exist_ok=True)
        config.parent.mkdir(parents=True, exist_ok=True)
        shutil.move(made.data_dir, data)
        shutil.move(made.config_dir, config)
        self.cache = self._folder("user_cache_dir")
        self.this_week = data / "journal" / _week_path(Week.of(date.today()))

    def _folder(self, kind: str) -> Path:
        """Where platformdirs puts ``kind`` for this home, asked in a process that has it as ``$HOME``."""
        code = f"import platformdirs; print(platformdirs.{kind}('searchkeeper', appauthor=False))"
        found = subprocess.run([PYTHON, "-c", code], env=self.env, capture_output=True, text=True, check=True)
        return Path(found.stdout.strip())


def _week_path(week: Week) -> str:
    return f"{week.year}/{week.key}.yaml"


class Bench:
    def __init__(self, root: Path) -> None:
        self.big = Home(root, WEEKS)
        self.small = Home(root, 1)
        self.program = searchkeeper_command()
        self.flip = False

    def wall(self, argv: list[str], home: Home | None = None) -> dict[str, float]:
        """Seconds from spawning ``argv`` to its exit (it must succeed)."""
        env = (home or self.big).env
        start = time.perf_counter()
        done = subprocess.run(argv, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
        elapsed = time.perf_counter() - start
        if done.returncode != 0:
            raise SystemExit(f"{' '.join(argv)} failed: {done.stderr.decode(errors='replace')}")
        return {"wall": elapsed}

    # the command line ----------------------------------------------------------

    def import_floor(self) -> dict[str, float]:
        return self.wall([PYTHON, "-c", "import yaml, platformdirs"])

    def status(self) -> dict[str, float]:
        """``status`` after a week file was changed by hand: the line is worked out again."""
        self.edit_by_hand(self.big)
        return self.wall([*self.program, "status"])

    def status_1(self) -> dict[str, float]:
        self.edit_by_hand(self.small)
        return self.wall([*self.program, "status"], self.small)

    def status_warm(self) -> dict[str, float]:
        """``status`` again with nothing changed, as a shell prompt runs it: the kept line is printed."""
        self.wall([*self.program, "status"])
        return self.wall([*self.program, "status"])

    def status_after_tick(self) -> dict[str, float]:
        """``status`` right after a ``tick`` from a shell: the line the tick kept."""
        self.tick()
        return self.wall([*self.program, "status"])

    @staticmethod
    def edit_by_hand(home: Home) -> None:
        """Touch the oldest week file, as an editor saving it unchanged would: its stamp changes."""
        first = min(home.this_week.parent.parent.glob("*/*.yaml"))
        os.utime(first)

    def tick(self) -> dict[str, float]:
        self.flip = not self.flip
        undo = ["--undo"] if self.flip else []
        return self.wall([*self.program, "tick", "reconnect", "--note", "Coffee with a former client", *undo])

    def report(self) -> dict[str, float]:
        return self.wall([*self.program, "report", "--weeks", str(WEEKS), "--format", "csv"])

    def check(self) -> dict[str, float]:
        return self.wall([*self.program, "check"])

    def parse_floor(self) -> dict[str, float]:
        data = self.big.this_week.parent.parent.parent
        return self.wall([PYTHON, str(HERE / "parse_floor.py"), str(data)])

    # the dashboard, in a pseudo-terminal ----------------------------------------------

    def screen(
        self, argv: list[str], home: Home, size: str, shown: tuple[str, ...], quit_keys: bytes
    ) -> dict:
        session = Session(argv, home.env, *SIZES[size])
        painted = session.painted(shown)
        found = {"paint": painted - session.started, "bytes": len(session.output) / 1000}
        found["rss"] = session.close(quit_keys)
        return found

    def bare(self, size: str) -> dict[str, float]:
        return self.screen([PYTHON, str(HERE / "bare_app.py")], self.big, size, BARE_SHOWN, b"\x11")

    def dashboard(self, size: str, home: Home | None = None) -> dict[str, float]:
        return self.screen(self.program, home or self.big, size, DASHBOARD_SHOWN, b"q")

    def cold(self, size: str) -> dict[str, float]:
        """The first start after an install or upgrade: every derived file rebuilt."""
        shutil.rmtree(self.big.cache, ignore_errors=True)
        return self.dashboard(size)

    def ticks(self, home: Home) -> dict[str, float]:
        """Space on the focused practice, again and again: each from the key to the week file
        saved and the screen quiet again."""
        session = Session(self.program, home.env, *SIZES["120x40"])
        session.painted(DASHBOARD_SHOWN)
        times = []
        for _ in range(TICKS):
            before = _signature(home.this_week)
            times.append(session.settle_after(b" ", lambda was=before: _signature(home.this_week) != was))
        session.close(b"q")
        return {"tick": statistics.median(times)}

    def run(self, name: str) -> dict[str, float]:
        kind, _, size = name.partition("_")
        if kind in ("dashboard", "bare", "cold"):
            return getattr(self, kind)(size)
        if kind == "dashboard1":
            return self.dashboard(size, self.small)
        if kind == "ticks":
            return self.ticks(self.big if size == "520" else self.small)
        return getattr(self, name)()


def _signature(path: Path) -> tuple[int, int, int] | None:
    try:
        status = os.stat(path)
    except OSError:
        return None
    return (status.st_size, status.st_mtime_ns, status.st_ino)


@dataclass
class Pairs:
    subjects: list[float]
    floors: list[float]

    @property
    def ratios(self) -> list[float]:
        return [subject / floor for subject, floor in zip(self.subjects, self.floors, strict=True)]


def measure(bench: Bench, figures: list[Figure], rounds: int) -> dict[Figure, Pairs]:
    """For each round and figure, a subject run and a floor run back to back (figures that share
    both runs share the pair); the order of figures is shuffled, who goes first alternates."""
    pairs = {figure: Pairs([], []) for figure in figures}
    groups: dict[tuple[str, str], list[Figure]] = {}
    for figure in figures:
        groups.setdefault((figure.subject[0], figure.floor[0]), []).append(figure)
    for run in dict.fromkeys(
        name for group in groups for name in group
    ):  # warm-up: page cache, bytecode, index
        bench.run(run)
    shuffle = random.Random(5)
    order = list(groups)
    for number in range(rounds):
        shuffle.shuffle(order)
        for subject_run, floor_run in order:
            if number % 2:
                floor, subject = bench.run(floor_run), bench.run(subject_run)
            else:
                subject, floor = bench.run(subject_run), bench.run(floor_run)
            for figure in groups[(subject_run, floor_run)]:
                pairs[figure].subjects.append(subject[figure.subject[1]])
                pairs[figure].floors.append(floor[figure.floor[1]])
    return pairs


def table(figures: list[Figure], pairs: dict[Figure, Pairs]) -> str:
    rows = [
        "| # | figure | subject | floor | ratio (min–max) | target | |",
        "|---|---|---:|---:|---:|---:|---|",
    ]
    for number, figure in enumerate(figures, 1):
        found = pairs[figure]
        ratios = found.ratios
        ratio = statistics.median(ratios)
        if figure.target is None:
            verdict, target, number_shown = "(diagnostic)", "—", ""
        else:
            verdict, target = ("PASS" if ratio <= figure.target else "MISS"), f"≤ {figure.target:g}"
            number_shown = str(number)
        rows.append(
            f"| {number_shown} | {figure.title} | {_shown(figure, statistics.median(found.subjects))} "
            f"| {_shown(figure, statistics.median(found.floors))} "
            f"| {ratio:.2f} ({min(ratios):.2f}–{max(ratios):.2f}) | {target} | {verdict} |"
        )
    return "\n".join(rows)


def _shown(figure: Figure, value: float) -> str:
    if figure.unit == "s":
        return f"{value * 1000:.0f} ms"
    return f"{value:.1f} {figure.unit}"


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
    parser.add_argument("--rounds", type=int, default=5, help="paired rounds (default 5)")
    parser.add_argument(
        "--only", help="comma-separated figure keys: " + ",".join(dict.fromkeys(f.key for f in FIGURES))
    )
    args = parser.parse_args()
    keys = set(args.only.split(",")) if args.only else {figure.key for figure in FIGURES}
    figures = [figure for figure in FIGURES + DIAGNOSTICS if figure.key in keys]
    started = time.perf_counter()
    root = Path(tempfile.mkdtemp(prefix="searchkeeper-bench-"))
    try:
        bench = Bench(root)
        pairs = measure(bench, figures, args.rounds)
    finally:
        shutil.rmtree(root, ignore_errors=True)
    print(f"searchkeeper benchmark: {WEEKS} weeks, {args.rounds} paired rounds")
    print(f"machine: {machine()}")
    print()
    print(table(figures, pairs))
    print()
    print(f"took {time.perf_counter() - started:.0f} s")


if __name__ == "__main__":
    main()

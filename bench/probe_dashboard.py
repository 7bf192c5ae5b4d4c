"""A headless run of the dashboard (or of a bare Textual app) that reports its own timings.

    python bench/probe_dashboard.py bare|dashboard|tick OUT.json

Started by ``bench/run.py``, which notes ``time.monotonic()`` just before spawning
it; this process writes, to OUT.json, the monotonic time at which its first screen
was ready (for the dashboard: drawn with the journal read and shown, not just the
empty layout), its peak resident memory, and for ``tick`` the seconds from each
key press to the week file saved and the screen updated. ``time.monotonic`` is
one system-wide clock on Linux, so the two processes' readings compare.

"Ready" is the same for both apps: the time the last frame was drawn before the
app fell idle (Textual renders every frame headless too, without writing it out).
The pilot's idle wait itself (at least 20 ms per pause, longer while anything
runs) is not counted; it is kept as ``settled``, with every frame's time in
``paints``. The first frame alone would be too early: the footer's keys come in
a later frame, in the bare app as in the dashboard.

``bare`` is the floor: a Textual app with a Header, a Footer and one Static. The
dashboard runs on ``$SEARCHKEEPER_DATA_DIR`` / ``$SEARCHKEEPER_CONFIG_DIR``.
"""

import json
import os
import resource
import sys
import time

TICKS = 6
"""Key presses timed in one ``tick`` run (tick, untick, tick, …)."""


def bare_app():
    from textual.app import App
    from textual.widgets import Footer, Header, Static

    class Bare(App):
        def compose(self):
            yield Header()
            yield Static("Hello")
            yield Footer()

    return Bare()


def dashboard_app():
    from searchkeeper.storage.workspace import Workspace
    from searchkeeper.tui.app import SearchkeeperApp

    return SearchkeeperApp(Workspace.open())


def main() -> None:
    mode, out = sys.argv[1], sys.argv[2]
    app = bare_app() if mode == "bare" else dashboard_app()
    found: dict[str, object] = {}
    painted = _record_paints(app)

    async def pilot_run(pilot) -> None:
        await pilot.pause()
        board = getattr(app, "board", None)
        while board is not None and not board.loaded:
            await pilot.pause(0.002)
        await pilot.pause()
        found["settled"] = time.monotonic()
        found["ready"] = painted[-1] if painted else found["settled"]
        found["paints"] = list(painted)
        if mode == "tick":
            found["ticks"] = await _ticks(pilot, app)
        app.exit()

    app.run(headless=True, size=(100, 32), auto_pilot=pilot_run)
    found["rss_kib"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    with open(out, "w", encoding="utf-8") as stream:
        json.dump(found, stream)


def _record_paints(app) -> list[float]:
    """Note when each frame is drawn: the compositor hands every update of the screen to
    ``App._display`` (headless, it is rendered but not written to a terminal)."""
    painted: list[float] = []
    display = app._display

    def noted(screen, renderable) -> None:
        display(screen, renderable)
        if renderable is not None and not app._batch_count:
            painted.append(time.monotonic())

    app._display = noted
    return painted


async def _ticks(pilot, app) -> list[float]:
    """Press space on the focused practice; time each press to file saved and screen updated."""
    board = app.board
    path = board.space.journal.path_for(board.this_week)
    times = []
    for _ in range(TICKS):
        before = _signature(path)
        start = time.perf_counter()
        await pilot.press("space")
        while _signature(path) == before:  # saved on disk
            await pilot.pause(0.001)
        await pilot.pause()  # and the screen refreshed
        times.append(time.perf_counter() - start)
    return times


def _signature(path) -> tuple[int, int, int] | None:
    try:
        status = os.stat(path)
    except OSError:
        return None
    return (status.st_size, status.st_mtime_ns, status.st_ino)


if __name__ == "__main__":
    main()

"""Write docs/screenshot.svg: the week screen on a year of sample history, at 120x40.

Run from the repository: ``python docs/make_screenshot.py``. It uses the same fixed
history and fixed today as the snapshot tests, so the picture only changes when the
dashboard does.
"""

from __future__ import annotations

import asyncio
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))

from snapshot_apps.fixed_history import fixed_app  # noqa: E402


async def main() -> None:
    with tempfile.TemporaryDirectory() as folder:
        app = fixed_app(Path(folder))
        async with app.run_test(size=(120, 40)) as pilot:
            await app.workers.wait_for_complete()
            await pilot.pause()
            app.save_screenshot(filename="screenshot.svg", path=str(ROOT / "docs"))


if __name__ == "__main__":
    asyncio.run(main())

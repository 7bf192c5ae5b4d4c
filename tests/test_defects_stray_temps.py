"""Temporary files a killed save left are removed wherever searchkeeper writes, by one age rule.

A week folder's were always removed once a minute old; now ``partners.yaml``'s folder, the
config folder and the cache folder (the index) are tidied the same way, by the save that
writes there next. A younger one may belong to a save still running in another process.
"""

from __future__ import annotations

import os
import time
from pathlib import Path

from searchkeeper.storage import index
from searchkeeper.storage.index import folder_of
from searchkeeper.storage.paths import STRAY_AGE, TEMP_PREFIX


def leave(folder: Path, name: str, age: float) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / f"{TEMP_PREFIX}{name}.yaml"
    path.write_text("format: 1\npartn", encoding="utf-8")  # half a save, as a kill leaves it
    os.utime(path, (time.time() - age, time.time() - age))
    return path


def test_a_touch_and_a_tick_remove_old_temporaries_beside_partners_and_in_the_cache(cli, data_dir):
    assert cli("partners", "add", "Ana", "Ruiz", "--kind", "former-boss", "--rhythm", "distant").code == 0
    cache = Path(folder_of(data_dir))
    old = [leave(data_dir, "killed", 3600), leave(cache, "killed", 3600)]
    young = [leave(data_dir, "saving", STRAY_AGE / 2), leave(cache, "saving", STRAY_AGE / 2)]

    assert cli("touch", "ana", "--note", "Sent the article").code == 0  # writes partners.yaml
    assert not old[0].exists()
    assert cli("tick", "reconnect").code == 0  # writes the index
    assert not old[1].exists()
    assert all(path.exists() for path in young)
    assert cli("partners").code == 0 and cli("check").code == 0


def test_a_setting_saved_removes_old_temporaries_in_the_config_folder(cli, config_dir):
    old, young = leave(config_dir, "killed", 3600), leave(config_dir, "saving", 1)
    from searchkeeper.storage.config import save_setting

    save_setting(config_dir, "theme", "nord")
    assert not old.exists() and young.exists()


def test_the_index_writes_its_temporary_file_under_the_name_every_save_uses(cli, data_dir, monkeypatch):
    """So that one killed while writing the index is found by the same rule."""
    seen: list[str] = []
    real = os.replace

    def replace(source, target, *args, **kwargs):
        if os.path.basename(target) == index.INDEX_NAME:
            seen.append(os.path.basename(source))
        return real(source, target, *args, **kwargs)

    monkeypatch.setattr(os, "replace", replace)
    assert cli("tick", "reconnect").code == 0
    assert seen and all(name.startswith(TEMP_PREFIX) and name.endswith(".yaml") for name in seen)

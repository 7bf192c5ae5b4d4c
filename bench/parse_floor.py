"""The floor for ``searchkeeper check``: parse every week file in a plain loop, nothing else.

Run as ``python bench/parse_floor.py DATA_DIR``; PyYAML's C safe loader, no validation.
"""

import os
import sys

import yaml

folder = os.path.join(sys.argv[1], "journal")
count = 0
for year in sorted(os.listdir(folder)):
    for name in sorted(os.listdir(os.path.join(folder, year))):
        if name.endswith(".yaml"):
            with open(os.path.join(folder, year, name), "rb") as stream:
                yaml.load(stream, Loader=yaml.CSafeLoader)
            count += 1
print(f"{count} files parsed")

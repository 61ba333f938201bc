"""A database to measure answers on: the quickstart data with COW Trade v4.0 imported.

Shared by the benches of the answer layer (bench_json.py, bench_api.py). Built in a temporary
directory by the CLI, as a user builds it: `quickstart`, then `import cow-trade FILE`.
"""

from __future__ import annotations

import subprocess
import sys
import time
from pathlib import Path

CLI = str(Path(sys.executable).with_name("bilateral-db"))


def build(directory: Path, cow_trade: Path) -> str:
    """A SQLite file in `directory` with the quickstart data and `cow_trade` imported."""
    url = f"sqlite:///{directory / 'bench.sqlite'}"
    start = time.perf_counter()
    for command in (["quickstart"], ["import", "cow-trade", str(cow_trade)]):
        subprocess.run([CLI, *command, "--db", url], stdout=subprocess.DEVNULL, check=True)
    print(f"built {url} (quickstart, import cow-trade) in {time.perf_counter() - start:.0f} s")
    return url

"""SHA-256 of input files, which may be started early and read later.

An import compares its file's hash with the release it holds: the same file changes nothing.
For an unchanged file the hash and the program's start-up are all the work there is, so the CLI
starts hashing (`hash_soon`) before it loads the importers' modules; hashlib releases the GIL
while it digests, so the two overlap. `file_sha256` then waits for that result, or hashes the
file itself when nothing was started for it (or the file changed since: size or mtime).
"""

from __future__ import annotations

import contextlib
import hashlib
import threading
from collections.abc import Iterable
from pathlib import Path

HASH_CHUNK = 1 << 20

_Key = tuple[str, int, int]  # resolved path, size, mtime (ns)
_started: dict[_Key, tuple[threading.Thread, list[str]]] = {}
_lock = threading.Lock()


def _key(path: Path) -> _Key | None:
    try:
        status = path.stat()
        return str(path.resolve()), status.st_size, status.st_mtime_ns
    except OSError:
        return None


def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        while chunk := handle.read(HASH_CHUNK):
            digest.update(chunk)
    return digest.hexdigest()


def hash_soon(paths: Iterable[Path]) -> None:
    """Start hashing `paths` in the background (a file that cannot be read is left for
    `file_sha256` to fail on, where the caller expects it)."""
    for path in paths:
        key = _key(Path(path))
        if key is None:
            continue
        result: list[str] = []

        def run(path: Path = Path(path), result: list[str] = result) -> None:
            with contextlib.suppress(OSError):
                result.append(_sha256(path))

        thread = threading.Thread(target=run, name="sha256", daemon=True)
        with _lock:
            if key in _started:
                continue
            _started[key] = (thread, result)
        thread.start()


def file_sha256(path: Path) -> str:
    """SHA-256 of the file's bytes as published (compressed ones for .gz)."""
    key = _key(path)
    with _lock:
        started = _started.pop(key, None) if key is not None else None
    if started is not None:
        thread, result = started
        thread.join()
        if result and _key(path) == key:  # not changed while it was hashed
            return result[0]
    return _sha256(path)

"""A file's hash started early (as the import command does) is the file's hash, and a file
changed after it was started is hashed again."""

from __future__ import annotations

import hashlib
import os
from pathlib import Path

from bilateral_db.core.digests import file_sha256, hash_soon


def test_a_hash_started_early_is_the_files(tmp_path: Path) -> None:
    path = tmp_path / "figures.csv"
    path.write_bytes(b"reporter,partner\n" * 300_000)
    hash_soon([path, tmp_path / "missing.csv"])
    assert file_sha256(path) == hashlib.sha256(path.read_bytes()).hexdigest()
    assert file_sha256(path) == hashlib.sha256(path.read_bytes()).hexdigest()  # no result kept


def test_a_file_changed_after_hashing_started_is_hashed_again(tmp_path: Path) -> None:
    path = tmp_path / "figures.csv"
    path.write_bytes(b"a,b\n1,2\n")
    hash_soon([path])
    path.write_bytes(b"a,b\n1,3\n")
    os.utime(path, ns=(1, 1))  # whatever the clock's resolution, the mtime differs
    assert file_sha256(path) == hashlib.sha256(b"a,b\n1,3\n").hexdigest()

"""The text streams a path holds: a CSV file, a gzipped one (`.csv.gz`, Comtrade's `.gz`), or
a zip archive of CSV files, each read as UTF-8 in one pass.

Bytes that are not UTF-8 are kept apart while reading (surrogate escapes) so the problem can
name the line and column they are in. What cannot be decompressed (a truncated gzip, a zip
member whose checksum fails) surfaces as a `DAMAGED` error while reading, named by the table
reader with the line it got to.
"""

from __future__ import annotations

import gzip
import io
import zipfile
import zlib
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import IO

GZIP_MAGIC = b"\x1f\x8b"
ZIP_MAGIC = b"PK\x03\x04"
TABLE_SUFFIXES = (".csv", ".tsv", ".txt", ".csv.gz", ".tsv.gz", ".txt.gz", ".gz")
# What a damaged or unreadable compressed stream raises while it is read.
DAMAGED = (EOFError, zlib.error, gzip.BadGzipFile, zipfile.BadZipFile, OSError)


@dataclass(frozen=True)
class Member:
    """One table of a path: its name in messages (`file.zip:member.csv` inside an archive)."""

    name: str
    opener: Callable[[], io.BufferedReader]
    size: int  # compressed bytes on disk, for progress (0 inside an archive: not known)
    path: Path


def members(path: Path) -> Iterator[Member]:
    """The tables of `path`, in the order the archive lists them. Archive members that are not
    tables (by their suffix) are left out; `skipped(path)` names them."""
    if _magic(path, 4) == ZIP_MAGIC:
        yield from _zip_members(path)
        return
    yield Member(str(path), lambda: path.open("rb"), path.stat().st_size, path)


def skipped(path: Path) -> list[str]:
    """Members of a zip archive that are not tables (a readme, a PDF), by name."""
    if _magic(path, 4) != ZIP_MAGIC:
        return []
    with zipfile.ZipFile(path) as archive:
        return [
            info.filename
            for info in archive.infolist()
            if not info.is_dir() and not _is_table(info.filename)
        ]


def _zip_members(path: Path) -> Iterator[Member]:
    with zipfile.ZipFile(path) as archive:
        infos = [info for info in archive.infolist() if not info.is_dir()]
    for info in infos:
        if _is_table(info.filename):
            yield Member(f"{path}:{info.filename}", _zip_opener(path, info.filename), 0, path)


def _zip_opener(path: Path, name: str) -> Callable[[], io.BufferedReader]:
    def opener() -> io.BufferedReader:
        archive = zipfile.ZipFile(path)
        return io.BufferedReader(_Closing(archive.open(name), archive))

    return opener


def _is_table(name: str) -> bool:
    return name.lower().endswith(TABLE_SUFFIXES)


def _magic(path: Path, size: int) -> bytes:
    with path.open("rb") as handle:
        return handle.read(size)


@contextmanager
def text_of(member: Member) -> Iterator[tuple[IO[str], Callable[[], int]]]:
    """The member as text (gunzipped if it is gzip), and how many bytes of it are read."""
    buffered = member.opener()
    try:
        gzipped = buffered.peek(2)[:2] == GZIP_MAGIC
        binary: IO[bytes] = gzip.GzipFile(fileobj=buffered) if gzipped else buffered  # type: ignore[assignment]
        text = io.TextIOWrapper(binary, encoding="utf-8-sig", errors="surrogateescape", newline="")
        yield text, (buffered.tell if member.size else _unknown)
    finally:
        buffered.close()


def _unknown() -> int:
    return 0


class _Closing(io.RawIOBase):
    """A zip member that closes its archive with it."""

    def __init__(self, member: IO[bytes], archive: zipfile.ZipFile) -> None:
        self.member = member
        self.archive = archive

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: bytearray | memoryview) -> int:  # type: ignore[override]
        data = self.member.read(len(buffer))
        buffer[: len(data)] = data
        return len(data)

    def close(self) -> None:
        if not self.closed:
            self.member.close()
            self.archive.close()
        super().close()

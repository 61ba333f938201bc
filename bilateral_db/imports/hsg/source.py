"""One of the Office's record sets as published: a directory, or its repository as .zip/.tar.gz.

The Office publishes each record (POCOM, travels, visits) as a repository; GitHub's archive of
it wraps the files in one top directory (`pocom-master/`). A record set is found by a marker,
a directory every copy has (`missions-countries` for POCOM): the path itself, or its one top
directory, must hold it. Files are named by their path inside the record set
(`missions-countries/thailand.xml`), whatever the wrapping.

The version is the commit the files come from where the copy says: GitHub writes it as the
comment of a .zip and in the pax header of a .tar.gz; a git checkout has it in `.git`. The
digest is the archive's SHA-256, or for a directory one SHA-256 over every file's path and
bytes, so that the same files give the same digest however they were copied.
"""

from __future__ import annotations

import hashlib
import os
import re
import tarfile
import zipfile
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from fnmatch import fnmatchcase
from io import BytesIO
from pathlib import Path, PurePosixPath
from typing import IO

from bilateral_db.writing.errors import FileError as ImportFileError
from bilateral_db.writing.errors import Problem as ImportProblem

HASH_CHUNK = 1 << 20
COMMIT = re.compile(r"^[0-9a-f]{40}$")
TAR_SUFFIXES = (".tar.gz", ".tgz", ".tar")


@dataclass
class RecordSet:
    """The files of one record set, read from wherever they are; `files` are sorted paths."""

    path: Path
    files: list[str]
    commit: str | None
    _zip: zipfile.ZipFile | None = None
    _zip_root: str = ""
    _tar_members: dict[str, bytes] = field(default_factory=dict)
    _root: Path | None = None

    @classmethod
    def open(cls, path: Path, marker: str) -> RecordSet:
        """The record set at `path` (a directory, .zip, .tar.gz, .tgz or .tar) holding `marker`."""
        if path.is_dir():
            return cls._directory(path, marker)
        if not path.exists():
            raise _problem(path, "does not exist")
        name = path.name.lower()
        try:
            if name.endswith(".zip"):
                return cls._zipfile(path, marker)
            if name.endswith(TAR_SUFFIXES):
                return cls._tarfile(path, marker)
        except (zipfile.BadZipFile, tarfile.TarError, EOFError, OSError) as error:
            raise _problem(path, f"cannot be read as an archive: {error}") from None
        raise _problem(path, "is neither a directory nor a .zip, .tar.gz, .tgz or .tar archive")

    @classmethod
    def _directory(cls, path: Path, marker: str) -> RecordSet:
        candidates = [path, *sorted(p for p in path.iterdir() if p.is_dir())]
        root = next((c for c in candidates if (c / marker).exists()), None)
        if root is None or (root is not path and len(candidates) != 2):
            raise _problem(
                path,
                f"holds no {marker}/ at its top or in its one top directory (another record set?)",
            )
        files: list[str] = []
        for folder, folders, names in os.walk(root):
            folders[:] = [f for f in folders if not f.startswith(".")]  # .git and the like
            prefix = Path(folder).relative_to(root).as_posix()
            prefix = "" if prefix == "." else f"{prefix}/"
            files += [prefix + name for name in names if not name.startswith(".")]
        files.sort()
        return cls(path, files, _git_commit(root), _root=root)

    @classmethod
    def _zipfile(cls, path: Path, marker: str) -> RecordSet:
        archive = zipfile.ZipFile(path)
        names = [n for n in archive.namelist() if not n.endswith("/")]
        prefix = _root_prefix(path, names, marker)
        files = sorted(n.removeprefix(prefix) for n in names if n.startswith(prefix))
        comment = archive.comment.decode("ascii", "replace").strip()
        return cls(
            path, files, comment if COMMIT.match(comment) else None, archive, _zip_root=prefix
        )

    @classmethod
    def _tarfile(cls, path: Path, marker: str) -> RecordSet:
        # A compressed tar can only be read front to back: take every file in one pass.
        names: list[str] = []
        members: dict[str, bytes] = {}  # the XML files only: the records are XML
        with tarfile.open(path, "r:*") as archive:
            commit = str(archive.pax_headers.get("comment", "")).strip()
            for member in archive:
                if not member.isfile():
                    continue
                name = member.name.removeprefix("./")
                names.append(name)
                handle = archive.extractfile(member) if name.endswith(".xml") else None
                if handle is not None:
                    members[name] = handle.read()
        prefix = _root_prefix(path, names, marker)
        files = sorted(n.removeprefix(prefix) for n in names if n.startswith(prefix))
        return cls(
            path,
            files,
            commit if COMMIT.match(commit) else None,
            _tar_members={n.removeprefix(prefix): b for n, b in members.items()},
        )

    def matching(self, pattern: str) -> list[str]:
        """The files whose path matches a glob pattern (`people/*/*.xml`), sorted."""
        depth = pattern.count("/")
        return [f for f in self.files if f.count("/") == depth and fnmatchcase(f, pattern)]

    def has(self, name: str) -> bool:
        return name in self.files

    @contextmanager
    def opened(self, name: str) -> Iterator[IO[bytes]]:
        """A file's bytes, streamed where the copy allows it."""
        if self._root is not None:
            with (self._root / name).open("rb") as handle:
                yield handle
        elif self._zip is not None:
            with self._zip.open(self._zip_root + name) as handle:
                yield handle
        else:
            yield BytesIO(self._tar_members[name])

    def display(self, name: str) -> str:
        """How messages name a file: its path on disk, or the archive and its path inside."""
        if self._root is not None:
            return str(self._root / name)
        return f"{self.path}/{name}"

    def digest(self) -> str:
        """SHA-256 of the archive as published, or of a directory's files (paths and bytes)."""
        sha = hashlib.sha256()
        if self._root is None:
            with self.path.open("rb") as handle:
                while chunk := handle.read(HASH_CHUNK):
                    sha.update(chunk)
            return sha.hexdigest()
        for name in self.files:
            sha.update(name.encode("utf-8") + b"\0")
            with self.opened(name) as handle:
                while chunk := handle.read(HASH_CHUNK):
                    sha.update(chunk)
            sha.update(b"\0")
        return sha.hexdigest()

    def close(self) -> None:
        if self._zip is not None:
            self._zip.close()

    def __enter__(self) -> RecordSet:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def _root_prefix(path: Path, names: list[str], marker: str) -> str:
    """'' if the archive holds the marker at its top, else its one top directory plus '/'."""
    tops = {PurePosixPath(n).parts[0] for n in names if "/" in n}
    if any(n.startswith(f"{marker}/") for n in names):
        return ""
    if len(tops) == 1:
        top = f"{tops.pop()}/"
        if any(n.startswith(f"{top}{marker}/") for n in names):
            return top
    raise _no_marker(path, marker)


def _git_commit(root: Path) -> str | None:
    """The commit a git checkout is at (HEAD, a loose ref or a packed one), if it is one."""
    git = root / ".git"
    try:
        head = (git / "HEAD").read_text(encoding="ascii").strip()
    except OSError:
        return None
    if COMMIT.match(head):
        return head
    ref = head.removeprefix("ref: ").strip()
    try:
        value = (git / ref).read_text(encoding="ascii").strip()
        return value if COMMIT.match(value) else None
    except OSError:
        pass
    try:
        packed = (git / "packed-refs").read_text(encoding="ascii")
    except OSError:
        return None
    for line in packed.splitlines():
        commit, _, name = line.partition(" ")
        if name == ref and COMMIT.match(commit):
            return commit
    return None


def _no_marker(path: Path, marker: str) -> ImportFileError:
    return _problem(
        path, f"holds no {marker}/ at its top or in its one top directory: another record set?"
    )


def _problem(path: Path, message: str) -> ImportFileError:
    return ImportFileError([ImportProblem(str(path), 0, None, message)])

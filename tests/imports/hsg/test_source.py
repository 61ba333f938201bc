"""A record set is read the same from a directory, a GitHub .zip or a .tar.gz of it."""

from __future__ import annotations

import io
import shutil
import tarfile
import zipfile
from collections.abc import Callable
from pathlib import Path

import pytest

from bilateral_db.imports import ImportFileError
from bilateral_db.imports.hsg import pocom, travels, visits
from bilateral_db.imports.hsg.source import RecordSet

COMMIT = "44d2226" + "0" * 33  # the shape GitHub writes (40 hex digits), not a real commit


def _zip(slice_dir: Path, target: Path, top: str, comment: str = COMMIT) -> Path:
    with zipfile.ZipFile(target, "w") as archive:
        archive.comment = comment.encode("ascii")
        archive.writestr(f"{top}/", "")
        for path in sorted(slice_dir.rglob("*")):
            if path.is_file():
                archive.write(path, f"{top}/{path.relative_to(slice_dir).as_posix()}")
    return target


def _tar_gz(slice_dir: Path, target: Path, top: str, comment: str = COMMIT) -> Path:
    with tarfile.open(
        target, "w:gz", format=tarfile.PAX_FORMAT, pax_headers={"comment": comment}
    ) as archive:
        archive.add(slice_dir, arcname=top)
    return target


def _chief_ids(source: RecordSet) -> list[str]:
    return [chief.id for mission in pocom.read_missions(source) for chief in mission.chiefs]


def test_a_directory_names_its_files_by_their_path_inside(slices: Path) -> None:
    with pocom.open_pocom(slices / "pocom") as source:
        assert "missions-countries/thailand.xml" in source.files
        assert source.matching("missions-orgs/*.xml") == [
            "missions-orgs/representative-to-asean.xml",
            "missions-orgs/representative-to-eu.xml",
        ]
        assert source.commit is None
        assert source.display("missions-countries/thailand.xml") == str(
            slices / "pocom" / "missions-countries" / "thailand.xml"
        )


@pytest.mark.parametrize("pack", [_zip, _tar_gz], ids=["zip", "tar.gz"])
def test_an_archive_reads_like_the_directory_and_names_its_commit(
    slices: Path, tmp_path: Path, pack: Callable[..., Path]
) -> None:
    suffix = ".zip" if pack is _zip else ".tar.gz"
    archive = pack(slices / "pocom", tmp_path / f"pocom-master{suffix}", "pocom-master")
    with pocom.open_pocom(slices / "pocom") as directory, pocom.open_pocom(archive) as packed:
        assert packed.files == directory.files
        assert packed.commit == COMMIT
        assert _chief_ids(packed) == _chief_ids(directory)
        people = [person.id for person in pocom.read_people(packed)]
        assert people == [person.id for person in pocom.read_people(directory)]
        assert packed.display("missions-countries/thailand.xml") == (
            f"{archive}/missions-countries/thailand.xml"
        )


def test_an_archive_without_a_commit_has_none(slices: Path, tmp_path: Path) -> None:
    archive = _zip(slices / "visits", tmp_path / "visits.zip", "visits-main", comment="")
    with visits.open_visits(archive) as source:
        assert source.commit is None
        assert len(list(visits.read_visits(source))) == 65


def test_a_git_checkout_names_the_commit_it_is_at(slice_copy: Callable[[str], Path]) -> None:
    checkout = slice_copy("travels")
    (checkout / ".git" / "refs" / "heads").mkdir(parents=True)
    (checkout / ".git" / "HEAD").write_text("ref: refs/heads/master\n")
    (checkout / ".git" / "refs" / "heads" / "master").write_text(COMMIT + "\n")
    with travels.open_travels(checkout) as source:
        assert source.commit == COMMIT
        assert not any(name.startswith(".git") for name in source.files)


def test_a_directory_digest_is_of_its_files_not_of_the_copy(
    slices: Path, slice_copy: Callable[[str], Path]
) -> None:
    copy = slice_copy("visits")
    with visits.open_visits(slices / "visits") as original, visits.open_visits(copy) as copied:
        assert original.digest() == copied.digest()
    data = copy / "data" / "2010.xml"
    data.write_bytes(data.read_bytes().replace(b"Papandreou", b"Papandreu"))
    with visits.open_visits(slices / "visits") as original, visits.open_visits(copy) as changed:
        assert original.digest() != changed.digest()


def test_a_wrapped_directory_is_found_through_its_one_top_directory(
    slices: Path, tmp_path: Path
) -> None:
    shutil.copytree(slices / "travels", tmp_path / "travels-master" / "travels-master")
    with travels.open_travels(tmp_path / "travels-master") as source:
        assert "presidents/presidents.xml" in source.files


def test_the_wrong_record_set_is_refused(slices: Path, tmp_path: Path) -> None:
    with pytest.raises(ImportFileError) as refused:
        pocom.open_pocom(slices / "travels")
    assert str(slices / "travels") in str(refused.value)
    assert "holds no missions-countries/" in str(refused.value)
    archive = _zip(slices / "visits", tmp_path / "visits.zip", "visits-main")
    with pytest.raises(ImportFileError, match="holds no missions-countries/"):
        pocom.open_pocom(archive)


def test_what_is_not_a_record_set_says_so(tmp_path: Path) -> None:
    text = tmp_path / "pocom.txt"
    text.write_text("not an archive")
    with pytest.raises(ImportFileError, match="is neither a directory nor"):
        pocom.open_pocom(text)
    broken = tmp_path / "pocom.zip"
    broken.write_bytes(b"PK\x03\x04 broken")
    with pytest.raises(ImportFileError, match="cannot be read as an archive"):
        pocom.open_pocom(broken)
    with pytest.raises(ImportFileError, match="does not exist"):
        pocom.open_pocom(tmp_path / "missing.tar.gz")
    truncated = tmp_path / "pocom.tar.gz"
    truncated.write_bytes(io.BytesIO(b"\x1f\x8b\x08\x00 truncated").getvalue())
    with pytest.raises(ImportFileError, match="cannot be read as an archive"):
        pocom.open_pocom(truncated)


def test_a_damaged_archive_member_is_a_problem_of_that_file(slices: Path, tmp_path: Path) -> None:
    archive = _zip(slices / "visits", tmp_path / "visits.zip", "visits-main")
    data = archive.read_bytes()
    marker = b"Prime Minister George Papandreou"  # stored, not compressed: change a byte of it
    assert data.count(marker) == 1
    archive.write_bytes(data.replace(marker, b"Prime Minister George Papandreu "))
    with visits.open_visits(archive) as source, pytest.raises(ImportFileError) as failed:
        list(visits.read_visits(source))
    [problem] = failed.value.problems
    assert problem.file == f"{archive}/data/2010.xml"
    assert problem.message.startswith("cannot be read: Bad CRC-32 for file")

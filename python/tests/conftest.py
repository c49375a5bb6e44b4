"""Shared fixtures of the Python suite: the CLI binary, the shared data, a
local Spark session and a corpus of 1,000 real articles.

Environment (as for ``cargo test``):

- ``NEWSIE_BIN``: the ``newsie`` binary the results are compared with
  (default ``target/release/newsie`` of the repository; build it with
  ``cargo build --release``);
- ``NEWSIE_SHARED``: the shared data folder (default ``../shared`` next to
  the repository); tests that need it skip with a notice where it is absent,
  and fail instead under ``NEWSIE_REQUIRE_SHARED=1`` (``.ci/run``).
"""

from __future__ import annotations

import gzip
import json
import os
import subprocess
import sys
import tarfile
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]
EXAMPLES = REPO / "python" / "examples"
sys.path.insert(0, str(EXAMPLES))


def _shared() -> Path:
    value = os.environ.get("NEWSIE_SHARED", "../shared")
    path = Path(value)
    return path if path.is_absolute() else (REPO / path).resolve()


@pytest.fixture(scope="session")
def cli_bin() -> Path:
    path = Path(os.environ.get("NEWSIE_BIN", REPO / "target" / "release" / "newsie"))
    if not path.is_file():
        pytest.fail(f"no newsie binary at {path}: run `cargo build --release` or set NEWSIE_BIN")
    return path


@pytest.fixture(scope="session")
def cli(cli_bin):
    """Runs ``newsie ARGS...`` from the repository root; returns the
    completed process. Its exit status is checked: 0, or 1 (some input
    failed and was reported) where ``failures`` are expected."""

    def run(*args, env=None, check=True, failures=False):
        merged = dict(os.environ, **(env or {}))
        done = subprocess.run(
            [str(cli_bin), *map(str, args)], cwd=REPO, env=merged, capture_output=True, text=True
        )
        if check and done.returncode not in ((0, 1) if failures else (0,)):
            raise AssertionError(f"newsie {' '.join(map(str, args))} exited {done.returncode}: {done.stderr}")
        return done

    return run


@pytest.fixture(scope="session")
def shared() -> Path:
    path = _shared()
    if not (path / "corpora").is_dir():
        if os.environ.get("NEWSIE_REQUIRE_SHARED") == "1":
            pytest.fail(f"NEWSIE_REQUIRE_SHARED=1 but the shared data is not at {path}")
        pytest.skip(f"shared data not at {path} (set NEWSIE_SHARED): skipped")
    return path


def cli_records(folder: Path) -> dict[str, list[str]]:
    """The JSONL lines of a ``newsie extract -o`` folder, by record type."""
    by_type: dict[str, list[str]] = {}
    for name in ("articles", "mentions", "events", "errors"):
        for line in (folder / f"{name}.jsonl").read_text(encoding="utf-8").splitlines():
            by_type.setdefault(json.loads(line)["record"], []).append(line)
    return by_type


def _reuters_txt(shared: Path, dest: Path, count: int) -> None:
    """The first ``count`` Reuters-21578 stories of the txt archive, as files."""
    archive = shared / "corpora" / "reuters21578"
    tars = sorted(archive.glob("*txt*.tar*"))
    assert tars, f"no Reuters txt archive in {archive}"
    written = 0
    with tarfile.open(tars[0]) as tar:
        for member in tar:
            if not (member.isfile() and member.name.endswith(".txt")):
                continue
            target = dest / "reuters" / Path(member.name).name
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(tar.extractfile(member).read())
            written += 1
            if written == count:
                return
    raise AssertionError(f"only {written} Reuters stories in {tars[0]}")


def _jsonl_head(source: Path, target: Path, count: int) -> None:
    """The first ``count`` lines of a ``.jsonl.gz``, gzip-compressed again."""
    lines = []
    with gzip.open(source, "rt", encoding="utf-8") as f:
        for line in f:
            lines.append(line)
            if len(lines) == count:
                break
    assert len(lines) == count, f"only {len(lines)} lines in {source}"
    target.parent.mkdir(parents=True, exist_ok=True)
    with gzip.open(target, "wt", encoding="utf-8") as f:
        f.writelines(lines)


@pytest.fixture(scope="session")
def real_corpus(shared, tmp_path_factory) -> Path:
    """1,000 real articles from ../shared/corpora in the CLI's input kinds:
    600 Reuters-21578 ``.txt`` stories (their own files), 250 BBC News
    articles and 150 AINews items (``.jsonl.gz``)."""
    dest = tmp_path_factory.mktemp("real-corpus")
    _reuters_txt(shared, dest, 600)
    _jsonl_head(shared / "corpora" / "bbc-news-2004-2005" / "bbc-news.jsonl.gz", dest / "bbc.jsonl.gz", 250)
    recent = shared / "corpora" / "recent-news" / "ainews-smol-2023-12_2025-12-shared.jsonl.gz"
    _jsonl_head(recent, dest / "recent" / "ainews.jsonl.gz", 150)
    return dest


@pytest.fixture(scope="session")
def spark():
    """A local[2] Spark session bound to 127.0.0.1."""
    pyspark = pytest.importorskip("pyspark")
    del pyspark
    import spark_extract

    args = spark_extract.parse_args(["--master", "local[2]", "in", "out"])
    session = spark_extract.session(args)
    yield session
    session.stop()

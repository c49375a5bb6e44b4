"""The Spark job on local[2] gives the CLI's rows; the CLI's shards add up."""

from __future__ import annotations

import json
import math
from pathlib import Path

import pytest

import newsie
import spark_extract
from conftest import REPO, cli_records


def spark_lines(out: Path) -> dict[str, list[str]]:
    """The job's JSONL lines by record type."""
    by_type = {}
    for folder in sorted((out / "jsonl").glob("record_type=*")):
        lines = [line for f in sorted(folder.glob("part-*")) for line in f.read_text(encoding="utf-8").splitlines()]
        by_type[folder.name.split("=", 1)[1]] = lines
    return by_type


def sorted_lines(by_type: dict[str, list[str]]) -> dict[str, list[str]]:
    return {t: sorted(v) for t, v in by_type.items() if v}


def same_value(a, b) -> bool:
    """A Parquet value equals the JSON value it came from (doubles for JSON
    numbers, a map for an event's arguments)."""
    if isinstance(a, dict) and isinstance(b, dict):
        return a.keys() == b.keys() and all(same_value(a[k], b[k]) for k in a)
    if isinstance(a, float) or isinstance(b, float):
        return a is not None and b is not None and math.isclose(a, b, rel_tol=1e-15)
    return a == b


def test_schema_types_and_input_names():
    from pyspark.sql import types as T

    event = spark_extract.record_schema("event")
    assert event.fieldNames()[:4] == ["record", "article", "id", "type"]
    args = event["arguments"].dataType
    assert isinstance(args, T.MapType) and args.valueType["value"].dataType == T.DoubleType()
    mention = spark_extract.record_schema("mention")
    assert mention["start"].dataType == T.LongType() and mention["percent"].dataType == T.DoubleType()
    assert mention["in_gazetteer"].dataType == T.BooleanType()
    for record_type in spark_extract.RECORD_TYPES:
        fields = spark_extract.record_schema(record_type).fieldNames()
        assert fields == list(newsie.schema(record_type)["properties"])
    import re

    # Java's \z (the very end) is Python's \Z.
    pattern = re.compile(spark_extract.input_pattern().replace("(?i)", "").replace("\\z", "\\Z"), re.IGNORECASE)
    for name in ["a.txt", "B.JSONL", "c.ndjson.gz", "d.json", "e.htm", "f.HTML.gz", "CC.warc.gz", "g.md", "h.parquet", "i.gz", "txt", "j.txt.bak", "k.txt\n"]:
        assert bool(pattern.search(name)) == newsie.is_input_name(name), name


def test_relative_paths_are_the_clis():
    # Spark writes locations without percent-encoding: nothing is decoded.
    paths, ids = spark_extract.relative_paths(
        "/data/news", "news", ["file:/data/news/a b#1.txt", "file:///data/news/x/y%41.jsonl", "hdfs://nn:8020/data/news/z.txt"]
    )
    assert paths == ["news/a b#1.txt", "news/x/y%41.jsonl", "news/z.txt"]
    assert ids == ["a b#1.txt", "x/y%41.jsonl", "z.txt"]
    assert spark_extract.glob_escaped("g/news [2024]/{a}*?") == r"g/news \[2024\]/\{a\}\*\?"
    assert spark_extract.relative_paths("/d/one.txt", "one.txt", ["file:/d/one.txt"]) == (["one.txt"], ["one.txt"])


def run_job(spark, *argv):
    return spark_extract.run(spark, spark_extract.parse_args(list(map(str, argv))))


def test_spark_job_on_1000_real_articles_equals_the_cli(spark, cli, real_corpus, tmp_path):
    cli("extract", "-q", "-o", tmp_path / "cli", real_corpus)
    expected = cli_records(tmp_path / "cli")
    assert len(expected["article"]) == 1000
    result = run_job(spark, real_corpus, tmp_path / "spark")
    got = spark_lines(tmp_path / "spark")
    # The JSONL lines are the CLI's, byte for byte (in another order).
    assert sorted_lines(got) == sorted_lines(expected)
    assert result["counts"] == {t: len(expected.get(t, [])) for t in spark_extract.RECORD_TYPES}
    assert result["counts"]["mention"] > 10_000 and result["counts"]["event"] > 100
    # The Parquet tables hold the same records as typed columns.
    for record_type in ("article", "mention", "event"):
        table = spark.read.parquet(str(tmp_path / "spark" / "parquet" / f"record_type={record_type}"))
        rows = sorted((r.asDict(recursive=True) for r in table.collect()), key=lambda r: (r["article"] if "article" in r and record_type != "article" else r["id"], r["id"]))
        want = sorted((json.loads(line) for line in expected[record_type]), key=lambda r: (r["article"] if record_type != "article" else r["id"], r["id"]))
        assert len(rows) == len(want)
        mismatched = [(a, b) for a, b in zip(rows, want) if not same_value(a, b)]
        assert not mismatched, mismatched[:1]
    # Read whole, the partition column tells the types apart.
    everything = spark.read.option("mergeSchema", "true").parquet(str(tmp_path / "spark" / "parquet"))
    counted = {r["record_type"]: r["count"] for r in everything.groupBy("record_type").count().collect()}
    assert counted == {t: n for t, n in result["counts"].items() if n}


def test_spark_job_on_a_parquet_table_equals_extract_batch(spark, tmp_path):
    pa = pytest.importorskip("pyarrow")
    import pyarrow.parquet as pq

    rows = [json.loads(line) for line in (REPO / "fixtures" / "articles" / "wire-feed.jsonl").read_text().splitlines() if line.strip()]
    rows.append({"id": "no-text", "text": None, "date": None, "title": None})
    table = pa.table(
        {
            "doc_id": [r.get("id") or f"row-{i}" for i, r in enumerate(rows)],
            "body": [r["text"] for r in rows],
            "published": [r.get("date") for r in rows],
            "title": [r.get("title") for r in rows],
        }
    )
    pq.write_table(table, tmp_path / "articles.parquet")
    result = run_job(
        spark, "--parquet", "--id-column", "doc_id", "--text-column", "body", tmp_path / "articles.parquet", tmp_path / "out"
    )
    batch = newsie.extract_batch(
        table["doc_id"].to_pylist(), table["body"].to_pylist(), table["published"].to_pylist(),
        titles=table["title"].to_pylist(), as_json=True,
    )
    expected = {t: batch[k] for t, k in spark_extract.RECORD_TYPES.items()}
    assert sorted_lines(spark_lines(tmp_path / "out")) == sorted_lines(expected)
    assert result["counts"]["error"] == 1 and result["counts"]["article"] == len(rows)


def test_rows_of_a_parquet_table_without_ids_are_named_by_file_and_row(spark, tmp_path):
    """As the CLI names a JSONL line without an id FILE#LINE, the job names a
    row without one FILE#ROW (1-based, per file, across row groups), so no
    two such rows of a table share an id however Spark batches them."""
    pa = pytest.importorskip("pyarrow")
    import pyarrow.parquet as pq

    table = tmp_path / "news table"
    table.mkdir()
    text = "Nvidia cut prices by 10% on Monday."
    pq.write_table(
        pa.table({"id": pa.array(["a", None, "", "d"], pa.string()), "text": [text, text, text, None]}),
        table / "part 1.parquet",
        row_group_size=2,
    )
    pq.write_table(pa.table({"id": pa.array([None], pa.string()), "text": [text]}), table / "part 2.parquet")
    result = run_job(spark, "--parquet", "--batch-rows", "1", table, tmp_path / "out")
    # Whole-number float ids (pandas' integers with gaps) are integers, as
    # in extract_batch; NaN is no id.
    floats = tmp_path / "floats.parquet"
    pq.write_table(pa.table({"id": pa.array([1.0, float("nan"), 2.5]), "text": [text] * 3}), floats)
    run_job(spark, "--parquet", floats, tmp_path / "out-floats")
    ids = sorted(json.loads(line)["id"] for line in spark_lines(tmp_path / "out-floats")["article"])
    assert ids == ["1", "2.5", "floats.parquet#2"]
    articles = sorted((json.loads(line)["id"], json.loads(line)["status"]) for line in spark_lines(tmp_path / "out")["article"])
    assert articles == [
        ("a", "processed"),
        ("d", "failed"),
        ("part 1.parquet#2", "processed"),
        ("part 1.parquet#3", "processed"),
        ("part 2.parquet#1", "processed"),
    ]
    assert result["counts"]["mention"] == 4 * len(newsie.extract(text)["mentions"])


def test_union_of_four_shards_equals_the_unsharded_run(cli, real_corpus, tmp_path):
    cli("extract", "-q", "-o", tmp_path / "all", real_corpus)
    whole = sorted_lines(cli_records(tmp_path / "all"))
    union: dict[str, list[str]] = {}
    sizes = []
    for i in range(4):
        cli("extract", "-q", "--shard", f"{i}/4", "-o", tmp_path / f"s{i}", real_corpus)
        part = cli_records(tmp_path / f"s{i}")
        sizes.append(len(part.get("article", [])))
        for t, lines in part.items():
            union.setdefault(t, []).extend(lines)
    assert sorted_lines(union) == whole
    assert sum(sizes) == 1000 and min(sizes) > 150, sizes


@pytest.mark.parametrize(
    "env, spec",
    [
        # sbatch --array=1-4: SLURM_ARRAY_TASK_ID 1..4
        (lambda i: {"SLURM_ARRAY_TASK_ID": str(i + 1), "SLURM_ARRAY_TASK_MIN": "1", "SLURM_ARRAY_TASK_COUNT": "4"}, "auto"),
        # A Kubernetes Indexed Job with completions: 4
        (lambda i: {"JOB_COMPLETION_INDEX": str(i)}, "auto/4"),
    ],
    ids=["slurm-array", "k8s-indexed-job"],
)
def test_scheduler_variables_pick_the_shard(cli, env, spec, tmp_path):
    feed = "fixtures/articles/wire-feed.jsonl"
    clean = {"SLURM_ARRAY_TASK_ID": "", "JOB_COMPLETION_INDEX": ""}
    for i in range(4):
        explicit = cli("extract", "-q", "--shard", f"{i}/4", feed, env=clean).stdout
        from_env = cli("extract", "-q", "--shard", spec, feed, env=dict(clean, **env(i))).stdout
        assert from_env == explicit
    missing = cli("extract", "-q", "--shard", "auto", feed, env=clean, check=False)
    assert missing.returncode == 2 and "SLURM_ARRAY_TASK_ID" in missing.stderr


def test_spark_connect_gives_the_same_lines(cli, tmp_path):
    """The job as a user runs it, through Spark Connect (a server started
    locally by --remote local[2]): only DataFrame calls, no RDD API."""
    import subprocess
    import sys

    # All of fixtures/: its gold files repeat article ids (129 times), which
    # the job fails as the CLI does.
    inputs = REPO / "fixtures"
    cli("extract", "-q", "-o", tmp_path / "cli", inputs, failures=True)
    done = subprocess.run(
        [sys.executable, str(REPO / "python" / "examples" / "spark_extract.py"), "--remote", "local[2]", inputs, tmp_path / "out"],
        capture_output=True, text=True,
    )
    # 1, as the CLI's: the repeated ids are failed articles.
    assert done.returncode == 1, done.stderr[-3000:]
    assert "articles fail as repeated ids (" in done.stderr
    expected = cli_records(tmp_path / "cli")
    assert sum("repeated article id" in line for line in expected["error"]) > 100
    assert sorted_lines(spark_lines(tmp_path / "out")) == sorted_lines(expected)


def test_repeated_ids_fail_as_in_the_cli_whatever_the_batches(spark, cli, tmp_path, monkeypatch):
    """The first article of an id in the CLI's order is kept, the others
    fail, whichever batch or partition each lands in. The CLI walks a
    folder name by name, so a/x.jsonl comes before a-b.jsonl (although
    "a-b" < "a/x" as strings)."""
    folder = tmp_path / "feed"
    (folder / "a").mkdir(parents=True)

    def feed(*rows):
        return "".join(json.dumps({"id": i, "text": t}) + "\n" for i, t in rows)

    (folder / "a-b.jsonl").write_text(feed(("x", "Baidu shares rose 4% on Friday."), ("y", "Tencent fell 2%.")), encoding="utf-8")
    (folder / "a" / "x.jsonl").write_text(
        feed(("x", "Nvidia cut prices by 10% on Monday."), ("z", "Alibaba rose 5%."), ("z", "Alibaba fell 3%.")), encoding="utf-8"
    )
    (folder / "b.txt").write_text("---\nid: y\n---\nJD.com shares rose 1%.\n", encoding="utf-8")
    # The CLI's id of a file is its relative path with \ made /: a\c.txt is
    # a repeat of a/c.txt.
    (folder / "a" / "c.txt").write_text("Baidu shares fell 1%.\n", encoding="utf-8")
    (folder / "a\\c.txt").write_text("Baidu shares fell 2%.\n", encoding="utf-8")
    # The input as typed, trailing slashes and all, is in every path.
    given = f"{folder}//"
    cli("extract", "-q", "-o", tmp_path / "cli", given, failures=True)
    expected = cli_records(tmp_path / "cli")
    reasons = sorted(json.loads(line)["reason"] for line in expected["error"])
    assert reasons == [f'repeated article id "{i}"' for i in ("a/c.txt", "x", "y", "z")]
    assert json.loads(expected["article"][0])["path"].startswith(given)
    for argv in (["--batch-rows", "1"], ["--partitions", "3"], ["--mode", "error"]):
        if argv[0] == "--mode":
            # Marks joined by a shuffle rather than broadcast.
            monkeypatch.setattr(spark_extract, "BROADCAST_MARKS", 0)
        out = tmp_path / f"out{argv[0]}"
        result = run_job(spark, *argv, given, out)
        assert result["refused"] == 4
        assert sorted_lines(spark_lines(out)) == sorted_lines(expected)
    # Without the first pass the repeats are kept (and printed).
    kept = run_job(spark, "--keep-repeated-ids", folder, tmp_path / "kept")
    assert kept["refused"] == 0 and kept["counts"]["error"] == 0 and kept["counts"]["article"] == 8


def test_repeated_ids_of_a_parquet_table_fail_after_the_first_row(spark, tmp_path):
    pa = pytest.importorskip("pyarrow")
    import pyarrow.parquet as pq

    table = tmp_path / "table"
    table.mkdir()
    text = "Nvidia cut prices by 10% on Monday."
    pq.write_table(pa.table({"id": ["p", "q", "p"], "text": [text] * 3}), table / "1.parquet")
    pq.write_table(pa.table({"id": ["q", "r"], "text": [text, None]}), table / "2.parquet")
    pq.write_table(pa.table({"id": ["r"], "text": [text]}), table / "3.parquet")
    result = run_job(spark, "--parquet", "--batch-rows", "1", table, tmp_path / "out")
    assert result["refused"] == 2
    articles = sorted((a["id"], a["status"], a["error"]) for a in map(json.loads, spark_lines(tmp_path / "out")["article"]))
    repeated = [("p", "failed", 'repeated article id "p"'), ("q", "failed", 'repeated article id "q"')]
    # r's first row has no text: it fails as such and is no article, so the
    # r of 3.parquet is kept.
    assert articles == sorted(
        [("p", "processed", None), *repeated, ("q", "processed", None), ("r", "failed", "no text"), ("r", "processed", None)]
    )


def test_spark_job_reads_awkward_names_and_empty_files_as_the_cli(spark, cli, tmp_path):
    folder = tmp_path / "news [2024]"
    (folder / "sub dir").mkdir(parents=True)
    briefs = (REPO / "fixtures" / "inputs" / "briefs.json").read_bytes()
    (folder / "a#b.json").write_bytes(briefs)
    (folder / "x%41.txt").write_text("Tencent shares fell 2% on Monday.\n", encoding="utf-8")
    (folder / "sub dir" / "Zürich news.txt").write_text("Nestle cut prices by 5% in Zurich.\n", encoding="utf-8")
    (folder / "empty.txt").write_bytes(b"")
    (folder / "README.md").write_text("not an input\n", encoding="utf-8")
    # Not .txt: the name ends with a line break (which Java's $ would skip).
    (folder / "x.txt\n").write_text("Tencent shares fell 9%.\n", encoding="utf-8")
    cli("extract", "-q", "-o", tmp_path / "cli", folder, failures=True)
    expected = cli_records(tmp_path / "cli")
    assert len(expected["article"]) == 6  # 3 briefs, x%41, Zürich, empty
    run_job(spark, folder, tmp_path / "out")
    assert sorted_lines(spark_lines(tmp_path / "out")) == sorted_lines(expected)
    # One file named itself is read whatever its name.
    notes = tmp_path / "my notes"
    notes.write_text("Baidu shares rose 4% on Friday.\n", encoding="utf-8")
    cli("extract", "-q", "-o", tmp_path / "cli-notes", notes)
    run_job(spark, notes, tmp_path / "out-notes")
    assert sorted_lines(spark_lines(tmp_path / "out-notes")) == sorted_lines(cli_records(tmp_path / "cli-notes"))


def test_files_spark_does_not_list_are_counted_or_refused(spark, tmp_path, capsys):
    """What the CLI reads and Hadoop does not list is printed, never lost
    in silence; names with a ':', which Hadoop fails on, stop the job first."""
    import os

    folder = tmp_path / "in"
    (folder / "_drafts").mkdir(parents=True)
    (folder / "ok.txt").write_text("Baidu shares rose 4%.\n", encoding="utf-8")
    (folder / ".hidden.txt").write_text("x\n", encoding="utf-8")
    (folder / "_drafts" / "a.txt").write_text("x\n", encoding="utf-8")
    (folder / "notes.md").write_text("not an input\n", encoding="utf-8")
    (folder / "dead.txt").symlink_to(tmp_path / "nowhere.txt")
    with open(os.path.join(os.fsencode(folder), b"caf\xe9.txt"), "wb") as f:
        f.write(b"Latin-1 name\n")
    result = run_job(spark, folder, tmp_path / "out")
    assert result["counts"]["article"] == 1
    err = capsys.readouterr().err
    assert "4 input files that the CLI reads are left out" in err and result["missed"] == 4
    assert "names beginning with '.' or '_': 2 (" in err and "broken symbolic links: 1 (" in err
    assert "names that are not UTF-8: 1 (" in err and "caf\ufffd.txt" in err
    (folder / "10:30 brief.txt").write_text("x\n", encoding="utf-8")
    with pytest.raises(SystemExit, match="cannot read file names with a ':' \\(1, such as .*10:30 brief.txt"):
        run_job(spark, folder, tmp_path / "out2")
    assert not (tmp_path / "out2").exists()


def test_spark_job_refuses_bad_settings_before_running(spark, tmp_path):
    pa = pytest.importorskip("pyarrow")
    import pyarrow.parquet as pq

    pq.write_table(pa.table({"id": ["a"], "text": ["x"], "published": [20250129]}), tmp_path / "t.parquet")
    with pytest.raises(SystemExit, match="published is bigint"):
        run_job(spark, "--parquet", tmp_path / "t.parquet", tmp_path / "out")
    bad = tmp_path / "bad.tsv"
    bad.write_text("only one column\n", encoding="utf-8")
    with pytest.raises(ValueError, match="bad.tsv:1"):
        run_job(spark, "--gazetteers", bad, REPO / "fixtures" / "articles", tmp_path / "out2")
    assert not (tmp_path / "out").exists() and not (tmp_path / "out2").exists()
    (tmp_path / "out3").mkdir()
    with pytest.raises(SystemExit, match="out3 exists; give --mode overwrite to replace it"):
        run_job(spark, REPO / "fixtures" / "articles", tmp_path / "out3")

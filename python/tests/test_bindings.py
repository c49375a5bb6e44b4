"""The Python package gives the CLI's records, record for record."""

from __future__ import annotations

import datetime
import json
import threading
from pathlib import Path

import pytest

import newsie
from conftest import REPO, cli_records

FIXTURES = sorted(
    p
    for folder in ("articles", "inputs", "stories")
    for p in (REPO / "fixtures" / folder).iterdir()
    if p.is_file()
)


def as_lines(result: dict) -> dict[str, list[str]]:
    """A batch result (dicts) as compact JSON lines by record type, for
    comparing with the CLI's lines."""
    keys = {"articles": "article", "mentions": "mention", "events": "event", "warnings": "warning", "errors": "error"}
    return {keys[k]: [json.dumps(r, ensure_ascii=False, separators=(",", ":")) for r in v] for k, v in result.items() if v}


def canonical(by_type: dict[str, list[str]]) -> dict[str, list[dict]]:
    return {t: [json.loads(line) for line in lines] for t, lines in by_type.items() if lines}


@pytest.mark.parametrize("path", FIXTURES, ids=lambda p: p.name)
def test_extract_files_equals_the_cli_on_each_fixture(path, cli, tmp_path):
    rel = path.relative_to(REPO)
    cli("extract", "-q", "-o", tmp_path / "cli", rel, failures=True)
    expected = cli_records(tmp_path / "cli")
    as_json = newsie.extract_files([str(rel)], [path.read_bytes()], as_json=True)
    got = {t: as_json[k] for k, t in [("articles", "article"), ("mentions", "mention"), ("events", "event"), ("warnings", "warning"), ("errors", "error")] if as_json[k]}
    # Byte for byte the CLI's lines, in the CLI's order.
    assert got == expected
    # And the dicts are those lines parsed.
    dicts = newsie.extract_files([str(rel)], [path.read_bytes()])
    assert canonical(as_lines(dicts)) == canonical(expected)
    assert sum(len(v) for v in expected.values()) > 1


def test_article_ids_and_refused_give_the_clis_repeated_ids(cli, tmp_path):
    """The gold mentions file repeats ids (lines of mention records, whose
    `article` and `id` fields read as an article): failing every occurrence
    but the first, as article_ids lists them, gives the CLI's lines byte
    for byte."""
    gold = REPO / "fixtures" / "gold" / "fixtures"
    files = sorted(gold.glob("*.jsonl"))
    rels = [str(f.relative_to(REPO)) for f in files]
    contents = [f.read_bytes() for f in files]
    ids = newsie.article_ids(rels, contents, [f.name for f in files])
    # One id a line with a text (the other lines fail, and are no article).
    texts = [[json.loads(line) for line in f.read_text().splitlines()] for f in files]
    assert [len(i) for i in ids] == [sum(isinstance(r.get("text"), str) for r in rows) for rows in texts]
    refused = newsie.repeated_positions(ids)
    assert sum(map(len, refused)) > 50
    assert newsie.repeated_positions([["a", "b"], ["b", "c", "a", "c"]]) == [[], [0, 2, 3]]
    cli("extract", "-q", "-o", tmp_path / "cli", *rels, failures=True)
    got = newsie.extract_files(rels, contents, [f.name for f in files], refused=refused, as_json=True)
    tables = [("articles", "article"), ("mentions", "mention"), ("events", "event"), ("errors", "error")]
    assert got["warnings"] == [] and {t: got[k] for k, t in tables if got[k]} == cli_records(tmp_path / "cli")
    # Refused rows of a batch fail the same way, whatever their text.
    pa = pytest.importorskip("pyarrow")
    batch = newsie.extract_batch(["a", "a"], ["Nvidia cut prices by 10%.", "x"], refused=pa.array([None, True]))
    assert [(a["status"], a["error"]) for a in batch["articles"]] == [("processed", None), ("failed", 'repeated article id "a"')]
    with pytest.raises(TypeError, match=r"refused\[1\]: expected a bool"):
        newsie.extract_batch(["a", "b"], ["x", "y"], refused=[False, "yes"])
    with pytest.raises(ValueError, match=f"refused has 1 rows, paths has {len(rels)}"):
        newsie.extract_files(rels, contents, refused=[[0]])
    # Positions must be those of the file's articles.
    feed = [b'{"id": "a", "text": "x"}\n{"id": "a", "text": "y"}\n']
    assert newsie.article_ids(["f.jsonl"], feed) == [["a", "a"]]
    for bad, error, message in [
        (2, ValueError, r"refused\[0\]: position 2, but the file has 2 articles"),
        (-1, ValueError, r"refused\[0\]\[0\]: -1 is not a position"),
        (2**70, ValueError, r"refused\[0\]\[0\]: 1180591620717411303424 is not a position"),
        (True, TypeError, r"refused\[0\]\[0\]: expected an int position, not bool"),
        ("1", TypeError, r"refused\[0\]\[0\]: expected an int position, not str"),
    ]:
        with pytest.raises(error, match=message):
            newsie.extract_files(["f.jsonl"], feed, refused=[[bad]])


def wire_feed() -> list[dict]:
    path = REPO / "fixtures" / "articles" / "wire-feed.jsonl"
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


def test_extract_and_batch_equal_the_cli_on_a_jsonl_feed(cli, tmp_path):
    rel = Path("fixtures/articles/wire-feed.jsonl")
    cli("extract", "-q", "-o", tmp_path / "cli", rel)
    expected = canonical(cli_records(tmp_path / "cli"))
    rows = wire_feed()
    assert len(expected["article"]) == len(rows) >= 3
    # Given as fields, an article has no input file: path "" and no line.
    for record in expected["article"]:
        assert record["path"] == str(rel) and record["line"] >= 1
        record["path"], record["line"] = "", None
    for record in expected.get("warning", []) + expected.get("error", []):
        record["input"], record["line"] = "", None

    # The ids the CLI gave (the third line has none: FILE#LINE).
    ids = [a["id"] for a in expected["article"]]
    assert ids[2] == "wire-feed.jsonl#3"
    published = [r.get("published") or r.get("date") for r in rows]
    batch = newsie.extract_batch(ids, [r["text"] for r in rows], published, titles=[r.get("title") for r in rows])
    assert canonical(as_lines(batch)) == expected
    # "yesterday" is no publication date: a warning, as from the CLI.
    assert [w["article"] for w in batch["warnings"]] == ["fx-feed-2"]

    one_by_one = {"article": [], "mention": [], "event": [], "warning": []}
    for r, id, date in zip(rows, ids, published):
        x = newsie.extract(r["text"], date, id, title=r.get("title"))
        assert x["errors"] == []
        one_by_one["article"].append(x["article"])
        one_by_one["mention"] += x["mentions"]
        one_by_one["event"] += x["events"]
        one_by_one["warning"] += x["warnings"]
    assert {t: v for t, v in one_by_one.items() if v} == expected


def test_extract_gives_typed_values_and_normalized_dates():
    x = newsie.extract(
        "Alibaba released Qwen 2.5-Max on Wednesday. Its Hong Kong shares (9988.HK) fell 3.5%.",
        published=datetime.date(2025, 1, 29),
        id="a1",
    )
    assert x["article"]["id"] == "a1"
    assert (x["article"]["dct"], x["article"]["dct_source"]) == ("2025-01-29", "json")
    by_text = {m["text"]: m for m in x["mentions"]}
    assert by_text["Qwen 2.5-Max"]["entity_id"] == "qwen-2.5-max"
    assert by_text["Wednesday"]["value"] == "2025-01-29"
    assert by_text["9988.HK"]["entity_id"] == "alibaba"
    assert by_text["3.5%"]["percent"] == 3.5
    release = next(e for e in x["events"] if e["type"] == "release")
    assert release["arguments"]["product"]["entity_id"] == "qwen-2.5-max"
    assert release["arguments"]["date"]["normalized"] == "2025-01-29"
    share = next(e for e in x["events"] if e["subtype"] == "share_price")
    assert share["arguments"]["change_percent"]["value"] == -3.5


@pytest.mark.parametrize(
    "published, dct, warned",
    [
        (None, None, False),
        ("2025-01-29T23:30:00+08:00", "2025-01-29", False),
        (datetime.datetime(2024, 5, 1, 9, 0), "2024-05-01", False),
        ("26-FEB-1987 15:01:01.79", "1987-02-26", False),
        ("not a date", None, True),
    ],
)
def test_publication_dates_of_every_kind(published, dct, warned):
    x = newsie.extract("Tencent shares fell 2% on Monday.", published, "d")
    assert x["article"]["dct"] == dct
    assert bool(x["warnings"]) == warned


def test_publication_date_of_a_wrong_type_raises():
    with pytest.raises(TypeError, match="publication date"):
        newsie.extract("text", 20250129)


def test_a_row_without_id_or_text_fails_alone():
    batch = newsie.extract_batch(["a", None, "c"], ["Nvidia cut prices by 10%.", "x", None])
    statuses = [(a["id"], a["status"]) for a in batch["articles"]]
    assert statuses == [("a", "processed"), ("#2", "failed"), ("c", "failed")]
    assert [e["reason"] for e in batch["errors"]] == ["row 2: no id", "no text"]


def test_columns_of_different_lengths_raise():
    with pytest.raises(ValueError, match="texts has 1 rows, ids has 2"):
        newsie.extract_batch(["a", "b"], ["x"])
    with pytest.raises(ValueError, match="published has 1 rows"):
        newsie.extract_batch(["a", "b"], ["x", "y"], ["2025-01-01"])


def test_gazetteers_override_and_bad_paths(tmp_path):
    listed = tmp_path / "list.tsv"
    listed.write_text("Zorblax Dynamics\tcompany\tZorblax Dynamics\n", encoding="utf-8")
    text = "Zorblax Dynamics shares rose 4%."
    bundled = newsie.extract(text)
    custom = newsie.extract(text, gazetteers=str(listed))
    assert "Zorblax Dynamics" not in [m["text"] for m in bundled["mentions"] if m["type"] == "company"]
    company = next(m for m in custom["mentions"] if m["type"] == "company")
    assert (company["text"], company["entity_id"]) == ("Zorblax Dynamics", "zorblax-dynamics")
    with pytest.raises(OSError, match="missing.tsv"):
        newsie.extract(text, gazetteers=str(tmp_path / "missing.tsv"))
    bad = tmp_path / "bad.tsv"
    bad.write_text("only one column\n", encoding="utf-8")
    with pytest.raises(ValueError, match=r"bad.tsv:1"):
        newsie.load(str(bad))


def test_foreign_articles_are_skipped_unless_all_languages():
    text = "Le groupe chinois Alibaba a présenté mercredi son nouveau modèle, et les actions de la société ont progressé de 3 % à Hong Kong dans la journée."
    skipped = newsie.extract(text)
    assert skipped["article"]["status"] == "skipped" and skipped["mentions"] == []
    assert "not English" in skipped["warnings"][0]["reason"]
    assert newsie.extract(text, all_languages=True)["article"]["status"] == "processed"


def test_batch_results_load_into_dataframes():
    pa = pytest.importorskip("pyarrow")
    rows = wire_feed()
    batch = newsie.extract_batch([f"r{i}" for i in range(len(rows))], [r["text"] for r in rows])
    table = pa.Table.from_pylist(batch["mentions"])
    assert table.num_rows == len(batch["mentions"]) > 10
    assert table.column_names[:4] == ["record", "article", "id", "type"]


def test_batch_releases_the_gil():
    """Another Python thread runs while a batch is extracted: with the GIL
    held it could not advance at all."""
    texts = [(REPO / "fixtures" / "articles" / "rules-tour.txt").read_text(encoding="utf-8")] * 400
    ids = [f"r{i}" for i in range(len(texts))]
    newsie.load()
    ticks = 0
    stop = threading.Event()

    def spin():
        nonlocal ticks
        while not stop.is_set():
            ticks += 1

    spinner = threading.Thread(target=spin)
    spinner.start()
    try:
        before = ticks
        newsie.extract_batch(ids, texts, threads=1, as_json=True)
        during = ticks - before
    finally:
        stop.set()
        spinner.join()
    assert during > 10_000


def test_is_input_name_and_schema():
    assert newsie.is_input_name("a/b/CC-NEWS.warc.gz") and newsie.is_input_name("x.JSONL")
    assert not newsie.is_input_name("README.md") and not newsie.is_input_name("data.parquet")
    mention = newsie.schema("mention")
    assert list(mention["properties"])[:4] == ["record", "article", "id", "type"]
    with pytest.raises(ValueError, match="no record type"):
        newsie.schema("nope")
    assert newsie.SCHEMA_VERSION == "1" and newsie.__version__


def test_columns_from_pandas_numpy_and_pyarrow_with_missing_values():
    pd = pytest.importorskip("pandas")
    pytest.importorskip("numpy")
    pa = pytest.importorskip("pyarrow")
    texts = ["Tencent shares fell 2% on Monday.", float("nan"), "Nvidia cut prices by 10%.", None]
    frame = pd.DataFrame(
        {
            "id": [1, 2, 3, 4],
            "text": texts,
            "published": pd.to_datetime(["2025-01-29", None, "2025-02-03", "2025-02-04"]),
        }
    )
    want = [("1", "processed", "2025-01-29"), ("2", "failed", None), ("3", "processed", "2025-02-03"), ("4", "failed", None)]
    columns = [
        (frame["id"], frame["text"], frame["published"]),
        (frame["id"].to_numpy(), frame["text"].astype("string"), frame["published"].to_numpy()),
        (pa.array([1, 2, 3, 4]), pa.array([t if isinstance(t, str) else None for t in texts]), pa.array(frame["published"])),
    ]
    for ids, text, dates in columns:
        batch = newsie.extract_batch(ids, text, dates)
        got = [(a["id"], a["status"], a["dct"]) for a in batch["articles"]]
        assert got == want
        assert [e["reason"] for e in batch["errors"]] == ["no text", "no text"]
    # An integer column with a gap is float64 in pandas: 3.0 is the id 3.
    gappy = newsie.extract_batch(pd.Series([1, None, 3]), ["a", "b", "c"])
    assert [(a["id"], a["status"]) for a in gappy["articles"]] == [("1", "processed"), ("#2", "failed"), ("3", "processed")]
    with pytest.raises(TypeError, match=r"texts\[1\]: expected a str or None, not bytes"):
        newsie.extract_batch(["a", "b"], ["x", b"y"])
    with pytest.raises(TypeError, match="must be a sequence"):
        newsie.extract_batch("abc", "xyz")


def test_threads_are_checked_and_give_the_same_records():
    rows = wire_feed()
    ids = [f"r{i}" for i in range(len(rows))] * 20
    ids = [f"{id}-{n}" for n, id in enumerate(ids)]
    texts = [r["text"] for r in rows] * 20
    one = newsie.extract_batch(ids, texts, threads=1, as_json=True)
    assert newsie.extract_batch(ids, texts, threads=2, as_json=True) == one
    assert newsie.extract_batch(ids, texts, as_json=True) == one
    for bad in (0, -1, 1025):
        with pytest.raises(ValueError, match="1 to 1024"):
            newsie.extract_batch(ids, texts, threads=bad)


def test_extract_files_names_the_columns_that_disagree():
    with pytest.raises(ValueError, match="contents has 1 rows, paths has 2"):
        newsie.extract_files(["a.txt", "b.txt"], [b"x"])
    with pytest.raises(ValueError, match="ids has 2 rows, paths has 1"):
        newsie.extract_files(["a.txt"], [b"x"], ["a", "b"])
    with pytest.raises(TypeError, match=r"contents\[0\]: expected bytes, not str"):
        newsie.extract_files(["a.txt"], ["x"])


def test_schema_nested_arguments_in_line_order():
    args = newsie.schema("event")["$defs"]["ArgumentRecord"]["properties"]
    assert list(args) == ["text", "normalized", "mention", "entity_id", "value", "currency"]

#!/usr/bin/env python3
"""Run newsie over a Spark cluster: articles in, mentions and events out.

    spark_extract.py [options] INPUT OUTPUT

INPUT is either

- a folder (or one file) of articles as ``newsie extract`` reads them:
  ``.txt`` (with optional front matter), ``.jsonl``/``.ndjson``, ``.json``,
  ``.html``/``.htm``, ``.warc`` and each of them ``.gz``; every file is read
  by newsie's own readers (``newsie.extract_files``), so ids, DCTs, warnings
  and errors are those of the CLI; or
- with ``--parquet``, a Parquet table with one article a row: columns
  ``id`` and ``text``, optionally ``published`` (a string, date or
  timestamp) and ``title`` (other names with ``--id-column`` and so on).
  A row without an id (null or empty) gets ``FILE#ROW``, its file and
  1-based row there, as the CLI names a JSONL line without one.

OUTPUT gets the records partitioned by record type (``article``,
``mention``, ``event``, ``warning``, ``error``), twice:

- ``OUTPUT/jsonl/record_type=TYPE/part-*.txt``: the JSONL lines, byte for
  byte those of ``newsie extract`` (``-o`` folder files ``articles.jsonl``,
  ``mentions.jsonl``, ``events.jsonl`` and ``errors.jsonl``, which holds both
  warnings and errors), in no particular order;
- ``OUTPUT/parquet/record_type=TYPE/part-*.parquet``: the same records as
  typed columns, the schema derived from ``newsie.schema(TYPE)`` (integers
  ``bigint``, numbers ``double``, an event's ``arguments`` a
  ``map<string, struct<...>>``), so
  ``spark.read.option("mergeSchema", "true").parquet(OUTPUT + "/parquet")``
  with ``mergeSchema`` reads them all, ``record_type`` as the partition
  column.

Only DataFrame calls are used (``binaryFile`` and Parquet readers,
``mapInArrow``, ``from_json``), no RDD API, so the job runs on classic Spark,
on Spark Connect (``--remote sc://HOST:15002``) and on serverless clusters.
Every executor needs the ``newsie`` wheel installed (see the README).
Moving from a laptop to a cluster is a change of ``--master`` (or of
``spark-submit --master``).

Repeated article ids are failed as the CLI fails them: a first pass reads
every file (``newsie.article_ids``, no extraction) and finds, for each id,
its first article in the CLI's order (files in the order the CLI walks a
folder, name by name, then articles in file order; a table's files, then
rows); the others become failed articles with the error
``repeated article id "ID"``.
``--keep-repeated-ids`` skips that pass (the job is then faster and prints
the repeated ids). What the CLI reads and this job does not (Hadoop lists
and opens the files): names that begin with ``.`` or ``_``, broken symbolic
links, names that are not UTF-8, and names with a ``:``. For a local folder
the job counts and prints the files it will miss, and stops on a ``:``.
"""

from __future__ import annotations

import argparse
import os
import re
import sys
import time
from typing import Iterator
from urllib.parse import unquote

#: The record types, their ``newsie`` batch keys, in output order.
RECORD_TYPES = {
    "article": "articles",
    "mention": "mentions",
    "event": "events",
    "warning": "warnings",
    "error": "errors",
}

#: What mapInArrow yields: the record type and the record's JSONL line.
RECORDS_SCHEMA = "record_type string, json string"


def spark_type(node: dict, defs: dict):
    """The Spark SQL type of one JSON Schema node (newsie's record schemas).

    ``integer`` is ``LongType``, ``number`` ``DoubleType`` (newsie writes
    plain decimals: amounts such as 589000000000, percents such as -97),
    ``["T", "null"]`` and ``anyOf [T, null]`` are a nullable ``T``, an
    object with ``additionalProperties`` a map from string, an object with
    ``properties`` a struct with those fields in order.
    """
    from pyspark.sql import types as T

    if "$ref" in node:
        return spark_type(defs[node["$ref"].rsplit("/", 1)[-1]], defs)
    if "anyOf" in node:
        kinds = [n for n in node["anyOf"] if n.get("type") != "null"]
        if len(kinds) != 1:
            raise ValueError(f"unsupported schema node {node}")
        return spark_type(kinds[0], defs)
    if "const" in node:
        return T.StringType()
    kind = node.get("type")
    if isinstance(kind, list):
        kinds = [k for k in kind if k != "null"]
        if len(kinds) != 1:
            raise ValueError(f"unsupported schema node {node}")
        kind = kinds[0]
    if kind == "string":
        return T.StringType()
    if kind == "integer":
        return T.LongType()
    if kind == "number":
        return T.DoubleType()
    if kind == "boolean":
        return T.BooleanType()
    if kind == "array":
        return T.ArrayType(spark_type(node["items"], defs))
    if kind == "object" and "properties" in node:
        return T.StructType(
            [
                T.StructField(name, spark_type(sub, defs), True)
                for name, sub in node["properties"].items()
            ]
        )
    if kind == "object" and isinstance(node.get("additionalProperties"), dict):
        return T.MapType(T.StringType(), spark_type(node["additionalProperties"], defs))
    raise ValueError(f"unsupported schema node {node}")


def record_schema(record_type: str):
    """The Spark ``StructType`` of one record type, columns in the order of
    the JSONL line's keys (from ``newsie.schema``)."""
    import newsie

    schema = newsie.schema(record_type)
    return spark_type(schema, schema.get("$defs", {}))


def input_pattern() -> str:
    """A Java regex of the file names newsie reads in a folder (mirrors
    ``newsie.is_input_name``, which the tests check it against)."""
    return r"(?i)\.(txt|jsonl|ndjson|json|html|htm|warc)(\.gz)?\z"


#: A location's URI scheme (``file:``, ``hdfs:``, ``s3a:``); two characters
#: at least, so that a Windows drive letter (``C:``) is no scheme.
SCHEME = re.compile(r"^[A-Za-z][A-Za-z0-9+.-]+:")


def path_part(location: str) -> str:
    """The path of a Hadoop location as Spark writes it, its scheme and
    authority dropped (``file:/d/a#b.txt`` → ``/d/a#b.txt``,
    ``hdfs://nn:8020/d`` → ``/d``). Spark does not percent-encode these, so
    nothing is decoded: ``#``, ``%41``, spaces and non-ASCII names stay as
    they are."""
    scheme = SCHEME.match(location)
    if not scheme:
        return location
    rest = location[scheme.end() :]
    if rest.startswith("//"):
        slash = rest.find("/", 2)
        rest = rest[slash:] if slash >= 0 else "/"
    return rest


def relative_paths(root: str, given: str, locations: list[str]) -> tuple[list[str], list[str]]:
    """The CLI's path and id base of each file Spark listed under ``root``.

    ``root`` is the input's path part (``/data/news``), ``given`` the input as
    written on the command line, ``locations`` Spark's file locations
    (``file:/data/news/a b.txt``). The CLI writes a file found in a folder
    as ``given`` joined with ``relative`` (a ``/`` added unless ``given``
    ends with one) with id base ``relative``, its ``\\`` made ``/``, and a
    file named itself as ``given`` with id base its file name.
    """
    paths, ids = [], []
    root = root.rstrip("/")
    for location in locations:
        path = path_part(location)
        if path == root:
            paths.append(given)
            ids.append(os.path.basename(path))
            continue
        rel = "/".join(walk_order(root, path))
        paths.append(given + rel if given.endswith("/") else given + "/" + rel)
        ids.append(rel.replace("\\", "/"))
    return paths, ids


def _records_batch(result: dict):
    """A newsie batch result (``as_json=True``) as one Arrow record batch."""
    import pyarrow as pa

    kinds, lines = [], []
    for record_type, key in RECORD_TYPES.items():
        found = result[key]
        kinds.extend([record_type] * len(found))
        lines.extend(found)
    return pa.RecordBatch.from_arrays(
        [pa.array(kinds, pa.string()), pa.array(lines, pa.string())],
        names=["record_type", "json"],
    )


def extract_files_udf(root: str, given: str, options: dict):
    """The ``mapInArrow`` function over a ``binaryFile`` table."""

    def run(batches: Iterator) -> Iterator:
        import newsie

        for batch in batches:
            uris = batch.column("path").to_pylist()
            paths, ids = relative_paths(root, given, uris)
            contents = batch.column("content").to_pylist()
            refused = batch.column("refused").to_pylist() if "refused" in batch.schema.names else None
            result = newsie.extract_files(paths, contents, ids, threads=1, as_json=True, refused=refused, **options)
            yield _records_batch(result)

    return run


#: What the first pass yields: one row an article, where it is (a file
#: location or a Parquet row's ``_file``), its position there (the article's
#: index among the file's articles, or the row), its id, and the order of
#: its file (the relative path's components, as the CLI walks a folder).
OCCURRENCES_SCHEMA = "path string, position bigint, id string, order array<string>"


def walk_order(root: str, path: str) -> list[str]:
    """The key by which the CLI's walk orders a file found under ``root``
    (a path part, decoded): its path's components below ``root``, since
    the walk sorts each folder's entries by name (so ``a/x`` comes before
    ``a-b`` and ``a\\c``)."""
    root = root.rstrip("/")
    rel = path[len(root) + 1 :] if path.startswith(root + "/") else os.path.basename(path)
    return rel.split("/")


def _occurrences_batch(root: str, rows: list[tuple]):
    """One batch of ``OCCURRENCES_SCHEMA`` rows from ``(path, position, id,
    location)`` tuples, ``location`` the path decoded."""
    import pyarrow as pa

    paths, positions, ids, locations = (list(c) for c in zip(*rows)) if rows else ([], [], [], [])
    return pa.RecordBatch.from_arrays(
        [
            pa.array(paths, pa.string()),
            pa.array(positions, pa.int64()),
            pa.array(ids, pa.string()),
            pa.array([walk_order(root, path_part(loc)) for loc in locations], pa.list_(pa.string())),
        ],
        names=["path", "position", "id", "order"],
    )


def file_ids_udf(root: str, given: str):
    """The first pass over a ``binaryFile`` table: each file's articles'
    ids (``newsie.article_ids``, which only reads the files)."""

    def run(batches: Iterator) -> Iterator:
        import newsie

        for batch in batches:
            uris = batch.column("path").to_pylist()
            paths, names = relative_paths(root, given, uris)
            found = newsie.article_ids(paths, batch.column("content").to_pylist(), names, threads=1)
            # (The binaryFile path column is not percent-encoded.)
            yield _occurrences_batch(root, [(uri, k, i, uri) for uri, ids in zip(uris, found) for k, i in enumerate(ids)])

    return run


def fallback_ids(ids: list, files: list[str], rows: list[int], root: str, given: str) -> list:
    """Each row's id, or for a row without one (null or empty) ``FILE#ROW``:
    its Parquet file as ``relative_paths`` names it and its 1-based row in
    that file, as the CLI names a JSONL line without an id ``FILE#LINE``.
    ``files`` are ``_metadata.file_path`` values, percent-encoded URIs."""
    names = relative_paths(root, given, [unquote(f) for f in files])[1]
    return [f"{name}#{row + 1}" if i is None or i == "" else i for i, name, row in zip(ids, names, rows)]


def row_ids_udf(root: str, given: str):
    """The first pass over a table: the id of each row that has a text (a
    row without one fails, as a JSONL line without text, and is no
    article)."""

    def run(batches: Iterator) -> Iterator:
        for batch in batches:
            files, rows = batch.column("_file").to_pylist(), batch.column("_row").to_pylist()
            ids = fallback_ids(batch.column("id").to_pylist(), files, rows, root, given)
            texts = batch.column("_has_text").to_pylist()
            yield _occurrences_batch(root, [(f, r, i, unquote(f)) for f, r, i, t in zip(files, rows, ids, texts) if t])

    return run


#: Up to this many articles failed as repeated ids, their marks are
#: broadcast to every task; beyond it they are joined by a shuffle.
BROADCAST_MARKS = 100_000


def marked(articles, spark, marks: list, schema: str, keys: list[str]):
    """``articles`` with the columns of ``marks`` (rows of ``schema``,
    joined on ``keys``; null where unmarked)."""
    from pyspark.sql import functions as F

    table = spark.createDataFrame(marks, schema)
    return articles.join(F.broadcast(table) if len(marks) <= BROADCAST_MARKS else table, keys, "left")


def repeated(occurrences) -> list:
    """The articles a CLI run would fail as repeated ids: every occurrence of
    an id but the first in input order (file order, then position), as
    ``(path, position, id)`` rows."""
    from pyspark.sql import Window
    from pyspark.sql import functions as F

    first = Window.partitionBy("id").orderBy("order", "position")
    return (
        occurrences.withColumn("n", F.row_number().over(first))
        .where(F.col("n") > 1)
        .select("path", "position", "id")
        .collect()
    )


def extract_rows_udf(root: str, given: str, options: dict):
    """The ``mapInArrow`` function over a table of one article a row (with
    the columns ``_file`` and ``_row`` from Spark's ``_metadata``)."""

    def run(batches: Iterator) -> Iterator:
        import newsie

        for batch in batches:
            names = batch.schema.names

            def column(name):
                return batch.column(name).to_pylist() if name in names else None

            ids = fallback_ids(column("id"), column("_file"), column("_row"), root, given)
            result = newsie.extract_batch(
                ids,
                column("text"),
                column("published"),
                titles=column("title"),
                threads=1,
                as_json=True,
                refused=column("_refused"),
                **options,
            )
            yield _records_batch(result)

    return run


def glob_escaped(path: str) -> str:
    """A path Spark reads literally: Hadoop treats ``[]{}*?`` as a glob
    (``news [2024]`` would be a character class) unless escaped."""
    return re.sub(r"([\\\[\]{}*?])", r"\\\1", path)


def as_text(table, column: str):
    """A table's column as text, as ``newsie.extract_batch`` takes a cell: a
    whole float (what pandas makes of an integer column with gaps) as an
    integer, ``3.0`` as ``3``, and NaN as missing."""
    from pyspark.sql import functions as F
    from pyspark.sql import types as T

    c = F.col(column)
    if isinstance(table.schema[column].dataType, (T.FloatType, T.DoubleType)):
        whole = (c == F.floor(c)) & (F.abs(c) < 9.0e15)
        return F.when(F.isnan(c), None).when(whole, c.cast("bigint").cast("string")).otherwise(c.cast("string"))
    return c.cast("string")


def unlisted(folder: str) -> dict[str, list[str]]:
    """The files under a local ``folder`` that the CLI reads and Hadoop
    does not list, by reason (each list sorted): names that begin with ``.``
    or ``_`` (or are in such a folder), broken symbolic links, names that
    are not UTF-8, and names with a ``:``, which Hadoop cannot even list."""
    import newsie

    found = {"names beginning with '.' or '_'": [], "broken symbolic links": [], "names that are not UTF-8": [], "colon": []}
    for top, dirs, names in os.walk(folder):
        below = os.path.relpath(top, folder)
        parts = [] if below == "." else below.split(os.sep)
        for name in names:
            path = os.path.join(top, name)
            # The name as the CLI reads it: bytes that are not UTF-8 as U+FFFD.
            if not newsie.is_input_name(name.encode("utf-8", "surrogateescape").decode("utf-8", "replace")):
                continue
            if any(0xDC80 <= ord(ch) <= 0xDCFF for ch in path):  # os.fsdecode's escapes
                found["names that are not UTF-8"].append(path.encode("utf-8", "surrogateescape").decode("utf-8", "replace"))
            elif ":" in name or any(":" in p for p in parts):
                found["colon"].append(path)
            elif any(p[:1] in (".", "_") for p in [*parts, name]):
                found["names beginning with '.' or '_'"].append(path)
            elif not os.path.exists(path):
                found["broken symbolic links"].append(path)
    return {reason: sorted(paths) for reason, paths in found.items() if paths}


def check_local_folder(folder: str) -> int:
    """Before any Spark job: stops for names Hadoop cannot list, and prints
    the files the CLI would read that Spark will not; returns how many."""
    missed = unlisted(folder)
    colon = missed.pop("colon", [])
    if colon:
        raise SystemExit(
            f"spark_extract.py: Hadoop cannot read file names with a ':' ({len(colon)}, "
            f"such as {colon[0]!r}); rename them or give another folder"
        )
    if missed:
        print(
            f"spark_extract: {sum(map(len, missed.values()))} input files that the CLI reads are left out, "
            "since Hadoop does not list them (rename or fix them to include them): "
            + "; ".join(
                f"{reason}: {len(paths)} (" + examples(map(repr, paths), 3) + ")"
                for reason, paths in missed.items()
            ),
            file=sys.stderr,
        )
    return sum(map(len, missed.values()))


def check_table(table, wanted: dict) -> None:
    """Stops with a clear message for a table whose columns cannot work."""
    from pyspark.sql import types as T

    missing = [c for key, c in wanted.items() if key in ("id", "text") and c not in table.columns]
    if missing:
        raise SystemExit(f"spark_extract.py: no column {', '.join(missing)} (columns: {', '.join(table.columns)})")
    if wanted["published"] in table.columns:
        kind = table.schema[wanted["published"]].dataType
        if not isinstance(kind, (T.StringType, T.DateType, T.TimestampType, T.TimestampNTZType)):
            raise SystemExit(
                f"spark_extract.py: column {wanted['published']} is {kind.simpleString()}: "
                "a publication date must be a string, date or timestamp"
            )


def local_path(location: str):
    """The local path of a location (no scheme, or ``file:``), else None."""
    if SCHEME.match(location):
        return path_part(location) if location.startswith("file:") else None
    return location


def examples(values, shown: int = 5) -> str:
    """The first ``shown`` values, and ``…`` when there are more."""
    values = list(values)
    return ", ".join(values[:shown]) + (", …" if len(values) > shown else "")


def read_articles(spark, args):
    """The input as a DataFrame, the ``mapInArrow`` function for it, the
    articles failed as repeated ids (``repeated``'s rows; with
    ``--keep-repeated-ids``, none) and the number of input files left out
    (a local folder's files that Hadoop does not list)."""
    import newsie
    from pyspark.sql import functions as F

    options = {"all_languages": args.all_languages}
    if args.gazetteers:
        options["gazetteers"] = args.gazetteers
        # On the driver first: a bad list fails here, once, naming its line.
        newsie.load(args.gazetteers)
    root = path_part(args.input) if SCHEME.match(args.input) else os.path.abspath(args.input)
    root = root.rstrip("/") or "/"
    if args.parquet:
        table = spark.read.parquet(glob_escaped(args.input))
        wanted = {
            "id": args.id_column,
            "text": args.text_column,
            "published": args.published_column,
            "title": args.title_column,
        }
        check_table(table, wanted)
        cols = [
            as_text(table, c).alias(key) if key != "published" else F.col(c).alias(key)
            for key, c in wanted.items()
            if c in table.columns
        ]
        # Where each row is, for the ids of rows without one.
        cols += [F.col("_metadata.file_path").alias("_file"), F.col("_metadata.row_index").alias("_row")]
        rows = table.select(*cols)
        refused = []
        if not args.keep_repeated_ids:
            firsts = rows.select("id", "_file", "_row", F.col("text").isNotNull().alias("_has_text"))
            refused = repeated(firsts.mapInArrow(row_ids_udf(root, args.input), OCCURRENCES_SCHEMA))
        if refused:
            marks = [(r["path"], r["position"], True) for r in refused]
            rows = marked(rows, spark, marks, "_file string, _row bigint, _refused boolean", ["_file", "_row"])
        return rows, extract_rows_udf(root, args.input, options), refused, 0
    if args.published:
        options["published"] = args.published
    local = local_path(args.input)
    missed = check_local_folder(local) if local is not None and os.path.isdir(local) else 0
    files = spark.read.format("binaryFile").option("recursiveFileLookup", "true").load(glob_escaped(args.input))
    # The listing's locations, unlike the path column, are percent-encoded.
    listed = list(map(unquote, files.inputFiles()))
    # A file named itself is read whatever its name (as the CLI does); in a
    # folder only input names are read.
    if not (len(listed) == 1 and path_part(listed[0]) == root):
        files = files.where(F.col("path").rlike(input_pattern()))
        listed = [location for location in listed if newsie.is_input_name(location.rsplit("/", 1)[-1])]
    files = files.select("path", "content")
    # Spark's scan leaves out empty files; the CLI reads them (an article with
    # no text), so they are added back from the listing.
    if len(listed) > files.count():
        seen = {path_part(row["path"]) for row in files.select("path").collect()}
        empty = [(p, bytearray()) for p in listed if path_part(p) not in seen]
        files = files.unionByName(spark.createDataFrame(empty, "path string, content binary"))
    refused = [] if args.keep_repeated_ids else repeated(files.mapInArrow(file_ids_udf(root, args.input), OCCURRENCES_SCHEMA))
    if refused:
        by_file = {}
        for r in refused:
            by_file.setdefault(r["path"], []).append(r["position"])
        files = marked(files, spark, list(by_file.items()), "path string, refused array<bigint>", ["path"])
    return files, extract_files_udf(root, args.input, options), refused, missed


def run(spark, args) -> dict:
    """Runs the job; returns the record counts by type (``counts``), the
    number of articles failed as repeated ids (``refused``), of input files
    left out (``missed``) and the wall time (``seconds``)."""
    from pyspark.sql import functions as F

    if __name__ != "__main__":
        # Imported (by a test, a notebook, another job): ship this module's
        # functions by value, since executors cannot import it by name.
        from pyspark import cloudpickle

        cloudpickle.register_pickle_by_value(sys.modules[__name__])
    started = time.time()
    out = local_path(args.output)
    if args.mode == "error" and out is not None and os.path.exists(out):
        raise SystemExit(f"spark_extract.py: {args.output} exists; give --mode overwrite to replace it")
    articles, udf, refused, missed = read_articles(spark, args)
    if refused:
        ids = sorted({r["id"] for r in refused})
        print(
            f"spark_extract: {len(refused)} articles fail as repeated ids ({len(ids)} distinct), as in the CLI "
            f"(each id's first article in the CLI's order is kept; see the error records): {examples(ids)}",
            file=sys.stderr,
        )
    if args.partitions:
        articles = articles.repartition(args.partitions)
    records = articles.mapInArrow(udf, RECORDS_SCHEMA)
    jsonl = f"{args.output}/jsonl"
    records.write.mode(args.mode).partitionBy("record_type").text(jsonl)
    written = spark.read.text(jsonl)
    counts = dict.fromkeys(RECORD_TYPES, 0)
    if "record_type" in written.columns:
        for row in written.groupBy("record_type").count().collect():
            counts[row["record_type"]] = row["count"]
    for record_type, count in counts.items():
        schema = record_schema(record_type)
        if count:
            typed = spark.read.schema(schema).json(f"{jsonl}/record_type={record_type}")
        else:
            # No record of this type: an empty table that still has the schema.
            typed = spark.createDataFrame([], schema)
        typed.write.mode(args.mode).parquet(f"{args.output}/parquet/record_type={record_type}")
    kept = (
        spark.read.schema(record_schema("article"))
        .json(f"{jsonl}/record_type=article")
        .groupBy("id")
        .count()
        .where(F.col("count") > 1)
        .orderBy("id")
        .collect()
        if counts["article"] and args.keep_repeated_ids
        else []
    )
    if kept:
        repeats = examples(f"{r['id']} ×{r['count']}" for r in kept)
        print(
            f"spark_extract: {len(kept)} article ids are repeated and kept (--keep-repeated-ids; their records "
            f"share the article id): {repeats}",
            file=sys.stderr,
        )
    return {"counts": counts, "refused": len(refused), "missed": missed, "seconds": time.time() - started}


def session(args):
    """A Spark session for ``--master`` or ``--remote`` (or whatever
    ``spark-submit`` set up), bound to the loopback interface for
    ``local[...]`` masters."""
    from pyspark.sql import SparkSession

    builder = SparkSession.builder.appName("newsie-extract")
    if (args.remote or args.master or "").startswith("local"):
        os.environ.setdefault("SPARK_LOCAL_IP", "127.0.0.1")
        # The executors run this interpreter (the one that has newsie).
        os.environ.setdefault("PYSPARK_PYTHON", sys.executable)
    if args.remote:
        # A Spark Connect session: only runtime SQL options can be set.
        session = builder.remote(args.remote).getOrCreate()
    else:
        if args.master:
            builder = builder.master(args.master)
        if (args.master or "").startswith("local"):
            for key in ("spark.driver.host", "spark.driver.bindAddress"):
                builder = builder.config(key, "127.0.0.1")
            builder = builder.config("spark.ui.enabled", "false")
        session = builder.getOrCreate()
    # Rows of one Arrow batch handed to newsie at a time (files or articles).
    tune(session, "spark.sql.execution.arrow.maxRecordsPerBatch", str(args.batch_rows))
    # Spark counts every file as at least 4 MB when it packs files into
    # tasks, which makes one task of each ~32 articles: 21,578 Reuters
    # stories took 149 s in 675 tasks on local[2], and 26 s with 64 KB.
    # A value set by the user (spark-submit --conf) is kept.
    open_cost = "spark.sql.files.openCostInBytes"
    if session.conf.get(open_cost, None) in (None, "4194304", "4MB", "4m"):
        tune(session, open_cost, str(64 * 1024))
    return session


def tune(session, key: str, value: str) -> None:
    """Sets a performance option where the platform allows it (serverless
    platforms refuse most options; the job is correct without them)."""
    try:
        session.conf.set(key, value)
    except Exception as e:  # pyspark's error classes differ by version and mode
        print(f"spark_extract: {key} left as it is: {e}".splitlines()[0], file=sys.stderr)


def parse_args(argv=None):
    p = argparse.ArgumentParser(
        prog="spark_extract.py",
        description="Extract newsie's mentions and events from articles with Spark; "
        "writes OUTPUT/jsonl and OUTPUT/parquet partitioned by record_type.",
    )
    p.add_argument("input", help="folder or file of articles (.txt/.jsonl/.json/.html/.warc[.gz]), or a Parquet table with --parquet")
    p.add_argument("output", help="output folder (any Spark path: file:, hdfs:, s3a:, abfss:, ...)")
    p.add_argument("--master", help="Spark master URL (local[2], spark://host:7077, yarn, k8s://...); default: spark-submit's")
    p.add_argument("--remote", help="Spark Connect URL (sc://host:15002, or local[N] to start one here) instead of --master")
    p.add_argument("--parquet", action="store_true", help="INPUT is a Parquet table of one article a row")
    p.add_argument("--id-column", default="id", help="article id column (default id); a row without one is FILE#ROW")
    p.add_argument("--text-column", default="text", help="article text column (default text)")
    p.add_argument("--published-column", default="published", help="publication date column (string, date or timestamp), optional")
    p.add_argument("--title-column", default="title", help="headline column, optional")
    p.add_argument("--published", help="fallback DCT for articles without one (as newsie extract --published)")
    p.add_argument("--gazetteers", help="gazetteer folder or flat list, on every executor at this path")
    p.add_argument("--all-languages", action="store_true", help="also process articles detected as not English")
    p.add_argument(
        "--keep-repeated-ids",
        action="store_true",
        help="skip the first pass that fails repeated article ids as the CLI does: faster, but then the records "
        "of two articles with one id cannot be told apart (repeats are printed)",
    )
    p.add_argument("--partitions", type=int, help="repartition the input into this many tasks")
    p.add_argument("--batch-rows", type=int, default=256, help="rows (files or articles) per Arrow batch (default 256)")
    p.add_argument("--mode", default="error", choices=["error", "overwrite"], help="when OUTPUT exists: fail (default) or replace it")
    return p.parse_args(argv)


def main(argv=None) -> int:
    """The command line: exit status 0 when every article was processed, 1
    when some failed or input files were left out, 2 for bad arguments (a
    message, checked before any extraction)."""
    args = parse_args(argv)
    if args.parquet and args.published:
        print("spark_extract.py: --published is the fallback DCT of files; a table's dates are its --published-column", file=sys.stderr)
        return 2
    spark = session(args)
    try:
        result = run(spark, args)
    except SystemExit as e:
        if not isinstance(e.code, str):
            raise
        print(e.code, file=sys.stderr)
        return 2
    finally:
        spark.stop()
    counts = ", ".join(f"{k} {v}" for k, v in result["counts"].items())
    print(f"spark_extract: {counts}; {result['seconds']:.1f} s; output in {args.output}", file=sys.stderr)
    # As `newsie extract`: 1 when some articles failed (each has an error
    # record), and here also when input files were left out.
    return 1 if result["counts"]["error"] or result["missed"] else 0


if __name__ == "__main__":
    sys.exit(main())

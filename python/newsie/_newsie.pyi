"""Type stubs of newsie's native module (re-exported by ``newsie``).

Every record is a dict with the fields of the line ``newsie extract`` writes
as JSONL for it, its ``"record"`` tag included (see ``schema``). Offsets are
character offsets (Unicode scalar values) into the article text; numbers are
JSON numbers (``change_percent`` is ``-97`` for a 97% fall).
"""

import datetime
from os import PathLike
from typing import Any, Optional, Sequence, TypedDict, Union

__version__: str
#: The version of the record schema (bumped on any incompatible change).
SCHEMA_VERSION: str

Record = dict[str, Any]
#: A publication date: an ISO 8601 date or datetime, Reuters' ``26-FEB-1987``
#: form or a written date (``March 14, 2025``) as a string, a
#: ``datetime.date``/``datetime.datetime``/``pandas.Timestamp``, or ``None``.
Published = Union[str, datetime.date, None]
GazetteerPath = Union[str, PathLike[str], None]
#: A column: a list or tuple, a ``pandas.Series``, a numpy or pyarrow array.
Column = Union[Sequence[Any], Any]

class Extraction(TypedDict):
    """One article's records."""

    article: Record
    mentions: list[Record]
    events: list[Record]
    warnings: list[Record]
    errors: list[Record]

class Batch(TypedDict):
    """A batch's records by table, each list in input order."""

    articles: list[Any]
    mentions: list[Any]
    events: list[Any]
    warnings: list[Any]
    errors: list[Any]

def extract(
    text: str,
    published: Published = None,
    id: Optional[str] = None,
    *,
    title: Optional[str] = None,
    gazetteers: GazetteerPath = None,
    all_languages: bool = False,
) -> Extraction:
    """Extracts mentions and events from one article.

    Args:
        text: the article text; offsets count in it.
        published: its publication date, the DCT that relative dates
            ("Wednesday", "May last year") are resolved against. Without one,
            a date in the dateline is used, as by the CLI.
        id: the article id written in every record (default ``"article"``).
        title: its headline, written in the article record.
        gazetteers: a gazetteer folder or flat list instead of the bundled
            lists (as ``newsie extract --gazetteers``).
        all_languages: also process an article detected as not English
            (otherwise it is ``status: "skipped"`` with a warning).

    Returns:
        ``{"article": {...}, "mentions": [...], "events": [...],
        "warnings": [...], "errors": [...]}``. The article record has
        ``dct_source: "json"`` when ``published`` is given, ``path: ""`` and
        ``line: None``. A date that does not parse is a warning record.

    Raises:
        TypeError: ``published`` is not a string, date or ``None``.
        OSError: the gazetteers cannot be read (the message names the file).
        ValueError: the gazetteers are malformed (``FILE:LINE: reason``).
    """

def extract_batch(
    ids: Column,
    texts: Column,
    published: Optional[Column] = None,
    *,
    titles: Optional[Column] = None,
    gazetteers: GazetteerPath = None,
    all_languages: bool = False,
    threads: Optional[int] = None,
    as_json: bool = False,
    refused: Optional[Column] = None,
) -> Batch:
    """Extracts a batch of articles given as columns, with the GIL released.

    Args:
        ids, texts: one article a row: lists, pandas Series, numpy or
            pyarrow arrays. ``None``, NaN, ``pandas.NA`` and ``NaT`` are
            missing: a row whose id is missing or empty, or whose text is
            missing, is a failed article record with an error record
            (``"no text"``; a row without an id gets the id ``#3``, its
            1-based row in this call, and ``"row 3: no id"``). Integer ids
            are written as strings.
        published: publication dates, one a row (see ``extract``).
        titles: headlines, one a row.
        gazetteers, all_languages: as for ``extract``.
        threads: ``None`` runs on rayon's pool (``RAYON_NUM_THREADS``, else a
            thread per core); ``N`` (1 to 1024) on a pool of N threads, ``1``
            on the calling thread (for Spark tasks).
        as_json: give each record as its JSONL line (``str``, byte for byte
            the CLI's) instead of a dict.
        refused: one bool a row (missing is ``False``): the rows to fail as
            repeated ids, as ``newsie extract`` fails an article whose id an
            earlier article had (a failed article record and an error record
            ``repeated article id "ID"``, no extraction). Ids repeated within
            the call are otherwise kept: the caller decides which is first.

    Returns:
        ``{"articles": [...], "mentions": [...], "events": [...],
        "warnings": [...], "errors": [...]}``, every key present, each list
        in input order and ready for ``pandas.DataFrame`` or
        ``pyarrow.Table.from_pylist``.

    Raises:
        ValueError: the columns have different lengths, ``threads`` is not
            1 to 1024, or the gazetteers are malformed.
        TypeError: a cell or a date of another type, or a single ``str``
            given as a column.
        OSError: the gazetteers cannot be read.
    """

def extract_files(
    paths: Sequence[str],
    contents: Sequence[bytes],
    ids: Optional[Sequence[str]] = None,
    *,
    published: Published = None,
    gazetteers: GazetteerPath = None,
    all_languages: bool = False,
    threads: Optional[int] = None,
    as_json: bool = False,
    refused: Optional[Sequence[Optional[Sequence[int]]]] = None,
) -> Batch:
    """Extracts the articles of whole input files, read as the CLI reads them.

    Args:
        paths: each file's path as written in records; its extension picks
            the reader (``.txt`` with front matter, ``.jsonl``/``.ndjson``,
            ``.json``, ``.html``/``.htm``, ``.warc``, each also ``.gz``; any
            other name is plain text). Nothing is opened.
        contents: each file's bytes (compressed, for ``.gz``).
        ids: the base of each file's article ids (the CLI gives a file
            found in a folder its path relative to that folder); default
            each path's file name.
        published: the fallback DCT for articles that carry none, as
            ``newsie extract --published``.
        gazetteers, all_languages, threads, as_json: as for
            ``extract_batch``.
        refused: the articles to fail as repeated ids (as ``extract_batch``'s
            ``refused``): for each file ``None`` or the 0-based positions
            of those articles among the file's articles, in the order
            ``article_ids`` lists them.

    Returns:
        As ``extract_batch``. A file that does not parse is a failed article
        with an error record naming the file and line, as from the CLI.
        Repeated ids are kept unless ``refused`` (the CLI refuses them
        within one run).

    Raises:
        TypeError: a content that is not ``bytes``, or a ``refused``
            position that is not an int.
        ValueError: the lists have different lengths, ``published`` does not
            parse, a ``refused`` position is not one of the file's articles,
            or the gazetteers are malformed.
        OSError: the gazetteers cannot be read.
    """

def article_ids(
    paths: Sequence[str],
    contents: Sequence[bytes],
    ids: Optional[Sequence[str]] = None,
    *,
    threads: Optional[int] = None,
) -> list[list[str]]:
    """The ids of each file's articles, in file order, as ``extract_files``
    gives them for the same arguments: one list a file (empty for a file
    that gives no article). Only reads the files (no extraction), with the
    GIL released: a first pass that finds repeated ids before extracting.

    Raises:
        TypeError, ValueError: as ``extract_files``.
    """

def is_input_name(name: str) -> bool:
    """Whether a file of this name is read when found in a folder (by its
    extension, case-insensitive: ``.txt``, ``.jsonl``, ``.ndjson``,
    ``.json``, ``.html``, ``.htm``, ``.warc``, and each with ``.gz``)."""

def schema(record: str) -> dict[str, Any]:
    """The JSON Schema (draft 2020-12) of one record type: ``article``,
    ``mention``, ``event``, ``warning``, ``error`` or ``provenance``. A
    record type's ``properties`` come in the order of its JSONL line's keys,
    which ``required`` also lists.

    Raises:
        ValueError: another name.
    """

def load(gazetteers: GazetteerPath = None) -> None:
    """Builds the pipeline for these gazetteers now (it is otherwise built on
    first use, about 0.2 s, and kept for the process).

    Raises:
        OSError, ValueError: as for ``extract``.
    """

"""newsie: rule-based information extraction from news articles.

The records are those ``newsie extract`` writes as JSONL, field for field,
each a dict with its ``"record"`` tag (``article``, ``mention``, ``event``,
``warning``, ``error``); the fields are described in the README and by
``newsie.schema(record_type)`` (JSON Schema, draft 2020-12).

- ``extract(text, published=None, id=None)``: one article, for notebooks.
- ``extract_batch(ids, texts, published=None)``: columns of a DataFrame;
  returns the records grouped by table, ready for ``pandas.DataFrame`` or
  ``pyarrow.Table.from_pylist``.
- ``extract_files(paths, contents)``: whole input files (``.txt`` with front
  matter, ``.jsonl``, ``.json``, ``.html``, ``.warc`` and their ``.gz``),
  read exactly as the CLI reads them; ``article_ids(paths, contents)`` only
  reads them, and ``repeated_positions`` turns those ids into the
  ``refused=`` that fails repeated ids as the CLI does.

The bundled gazetteers are compiled in; a pipeline is built once per process
and gazetteer path (``gazetteers=`` a folder or a flat list, as
``newsie extract --gazetteers``) and kept.
"""

from newsie._newsie import (
    SCHEMA_VERSION,
    __version__,
    article_ids,
    extract,
    extract_batch,
    extract_files,
    is_input_name,
    load,
    schema,
)



def repeated_positions(ids: list[list[str]]) -> list[list[int]]:
    """The ``refused=`` of ``extract_files`` that fails repeated ids as
    ``newsie extract`` does: for each file, the 0-based positions (among
    its articles, not line numbers) of the articles whose id an earlier
    article had.

    ``ids`` is ``article_ids``' result for the files in the order the CLI
    reads them: a folder is walked name by name, so sort paths by their
    components (``sorted(paths, key=lambda p: p.split("/"))``), not as
    strings (``a/x.jsonl`` comes before ``a-b.jsonl``). For
    ``extract_batch``, a DataFrame's ``df["id"].duplicated()`` is the
    ``refused=`` column (when every row has a text: a row without one is
    no article).

    >>> repeated_positions([["a", "b"], ["b", "c", "a", "c"]])
    [[], [0, 2, 3]]
    """
    seen: set[str] = set()
    refused = []
    for file_ids in ids:
        positions = []
        for k, article_id in enumerate(file_ids):
            if article_id in seen:
                positions.append(k)
            seen.add(article_id)
        refused.append(positions)
    return refused


__all__ = [
    "SCHEMA_VERSION",
    "__version__",
    "article_ids",
    "extract",
    "extract_batch",
    "extract_files",
    "is_input_name",
    "load",
    "repeated_positions",
    "schema",
]

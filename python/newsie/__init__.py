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
  reads them, to find repeated ids first (``refused=``).

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

__all__ = [
    "SCHEMA_VERSION",
    "__version__",
    "article_ids",
    "extract",
    "extract_batch",
    "extract_files",
    "is_input_name",
    "load",
    "schema",
]

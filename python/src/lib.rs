//! Python bindings of newsie: the native module `newsie._newsie`, which the
//! package `newsie` (python/newsie/__init__.py) re-exports.
//!
//! Every function returns the records `newsie extract` writes as JSONL, field
//! for field: each record is the dict `json.loads` makes of the CLI's line
//! for it (`"record"` tag included; offsets in characters; numbers as JSON
//! numbers, so `change_percent` is `-97` for a 97% fall, not `-0.97`). They
//! are built by the same library calls as the CLI's (`newsie::run`), so the
//! two cannot drift apart.
//!
//! Pipelines are built once per process and gazetteer path and kept (about
//! 0.2 s each); the work itself runs with the GIL released, on rayon's pool
//! unless `threads=1`.

use std::collections::{HashMap, HashSet};
use std::path::PathBuf;
use std::sync::{Arc, Mutex, OnceLock};

use newsie::article::{Article, DctSource};
use newsie::gazetteer::GazetteerSource;
use newsie::input::{self, InputFile, Item};
use newsie::run::{self, Records};
use newsie::{Error, Pipeline};
use pyo3::exceptions::{PyOSError, PyTypeError, PyValueError};
use pyo3::prelude::*;
use pyo3::types::{PyBool, PyBytes, PyDict, PyFloat, PyList, PyString};
use rayon::prelude::*;

/// The record types, as the keys of a batch's result: (key, record tag).
const TABLES: [(&str, &str); 5] = [
    ("articles", "article"),
    ("mentions", "mention"),
    ("events", "event"),
    ("warnings", "warning"),
    ("errors", "error"),
];

/// The pipeline for `gazetteers` (`None`: the bundled lists), built on first
/// use in this process and kept.
fn pipeline(py: Python<'_>, gazetteers: Option<PathBuf>) -> PyResult<Arc<Pipeline>> {
    type Cache = Mutex<HashMap<Option<PathBuf>, Arc<Pipeline>>>;
    static CACHE: OnceLock<Cache> = OnceLock::new();
    let cache = CACHE.get_or_init(Cache::default);
    if let Some(p) = cache.lock().expect("cache lock").get(&gazetteers) {
        return Ok(Arc::clone(p));
    }
    let source = gazetteers
        .as_deref()
        .map_or(GazetteerSource::Bundled, GazetteerSource::from_path);
    let built = py.detach(|| Pipeline::new(&source)).map_err(to_py)?;
    let mut cache = cache.lock().expect("cache lock");
    Ok(Arc::clone(
        cache.entry(gazetteers).or_insert_with(|| Arc::new(built)),
    ))
}

/// A library error as a Python exception: `OSError` for a file that cannot
/// be read, `ValueError` for one that is malformed (the message names the
/// file and line).
fn to_py(e: Error) -> PyErr {
    match e {
        Error::Io { .. } => PyOSError::new_err(e.to_string()),
        _ => PyValueError::new_err(e.to_string()),
    }
}

/// The name of a value's type, for error messages.
fn type_name(v: &Bound<'_, PyAny>) -> String {
    v.get_type()
        .name()
        .map(|n| n.to_string())
        .unwrap_or_default()
}

/// Whether a cell is a missing value: `None`, a float NaN, pandas' `NA` or
/// `NaT`.
fn missing(v: &Bound<'_, PyAny>) -> PyResult<bool> {
    if v.is_none() {
        return Ok(true);
    }
    if let Ok(f) = v.cast::<PyFloat>() {
        return Ok(f.value().is_nan());
    }
    let kind = v.get_type().name()?;
    Ok(kind == "NAType" || kind == "NaTType")
}

/// A text cell (an id, a text, a title): a `str`, a pyarrow scalar of one,
/// or missing (`None`). Ids may also be integers (as a JSON record's `id`).
fn text_cell(v: &Bound<'_, PyAny>, column: &str, row: usize) -> PyResult<Option<String>> {
    if missing(v)? {
        return Ok(None);
    }
    if let Ok(s) = v.cast::<PyString>() {
        return Ok(Some(s.to_cow()?.into_owned()));
    }
    if v.hasattr("as_py")? {
        return text_cell(&v.call_method0("as_py")?, column, row);
    }
    if column == "ids" && !v.is_instance_of::<PyBool>() {
        if let Ok(n) = v.extract::<i128>() {
            return Ok(Some(n.to_string()));
        }
        // A pandas integer column with gaps is float64: 3.0 is the id 3.
        if let Ok(f) = v.cast::<PyFloat>().map(|f| f.value())
            && f.fract() == 0.0
            && f.abs() < 9.0e15
        {
            return Ok(Some(format!("{}", f as i64)));
        }
    }
    Err(PyTypeError::new_err(format!(
        "{column}[{row}]: expected a str or None, not {}",
        type_name(v)
    )))
}

/// A publication date given from Python: missing (`None`, NaN, `NaT`), a
/// string, anything with `isoformat()` (`datetime.date`,
/// `datetime.datetime`, `pandas.Timestamp`), a `numpy.datetime64` or a
/// pyarrow scalar of one of these.
fn date_text(value: Option<&Bound<'_, PyAny>>) -> PyResult<Option<String>> {
    let Some(v) = value else {
        return Ok(None);
    };
    if missing(v)? {
        return Ok(None);
    }
    if let Ok(s) = v.cast::<PyString>() {
        return Ok(Some(s.to_cow()?.into_owned()));
    }
    if v.hasattr("as_py")? {
        return date_text(Some(&v.call_method0("as_py")?));
    }
    let iso: String = if v.hasattr("isoformat")? {
        v.call_method0("isoformat")?.extract()?
    } else if v.get_type().name()? == "datetime64" {
        v.str()?.to_cow()?.into_owned()
    } else {
        return Err(PyTypeError::new_err(format!(
            "a publication date must be a str, a datetime.date or None, not {}",
            type_name(v)
        )));
    };
    Ok((iso != "NaT").then_some(iso))
}

/// The values of a column: a list, tuple, pandas Series, numpy or pyarrow
/// array (not a single `str`).
fn cells<'py>(column: &Bound<'py, PyAny>, name: &str) -> PyResult<Vec<Bound<'py, PyAny>>> {
    if column.is_instance_of::<PyString>() || column.is_instance_of::<PyBytes>() {
        return Err(PyTypeError::new_err(format!(
            "{name} must be a sequence (a list, Series, array), not a single {}",
            type_name(column)
        )));
    }
    let column = if column.hasattr("to_pylist")? {
        column.call_method0("to_pylist")?
    } else {
        column.clone()
    };
    column.try_iter()?.collect()
}

/// A text column's cells.
fn text_column(column: &Bound<'_, PyAny>, name: &str) -> PyResult<Vec<Option<String>>> {
    cells(column, name)?
        .iter()
        .enumerate()
        .map(|(row, v)| text_cell(v, name, row))
        .collect()
}

/// An article given as fields (as a JSON record gives them): a missing id or
/// text fails the article instead of raising, so every row is accounted for.
/// The reason is "no text" for a row with an id (its error record names the
/// article), else "row N: no id" or "row N: no text" (`row` 0-based, N from
/// 1), the id `#N`.
fn field_item(
    id: Option<String>,
    text: Option<String>,
    published: Option<String>,
    title: Option<String>,
    row: usize,
) -> Item {
    let (id, text) = match (id.filter(|i| !i.is_empty()), text) {
        (Some(id), Some(text)) => (id, text),
        (Some(id), None) => {
            return Item::Failed {
                path: String::new(),
                line: None,
                id,
                reason: "no text".into(),
            };
        }
        (None, text) => {
            let reason = if text.is_none() { "no text" } else { "no id" };
            return Item::Failed {
                path: String::new(),
                line: None,
                id: format!("#{}", row + 1),
                reason: format!("row {}: {reason}", row + 1),
            };
        }
    };
    let mut warnings = Vec::new();
    let mut article = Article {
        id,
        title,
        text,
        ..Article::default()
    };
    if let Some(d) = input::dct_field(published.as_deref(), &mut warnings) {
        article = article.with_dct(d, DctSource::Json);
    }
    Item::Article { article, warnings }
}

/// Where a call's work runs (`threads=`).
enum Workers {
    /// `threads=1`: the calling thread.
    Caller,
    /// `threads=None`: rayon's global pool (`RAYON_NUM_THREADS`, else one
    /// thread a core).
    Global,
    /// `threads=N`: a pool of N threads, built once per N and kept.
    Pool(Arc<rayon::ThreadPool>),
}

impl Workers {
    /// As the CLI's `-j`, 1 to 1024 threads.
    fn new(threads: Option<i64>) -> PyResult<Workers> {
        let n = match threads {
            None => return Ok(Workers::Global),
            Some(1) => return Ok(Workers::Caller),
            Some(n @ 2..=1024) => n as usize,
            Some(n) => {
                return Err(PyValueError::new_err(format!(
                    "threads={n}: give 1 to 1024, or None for one a core"
                )));
            }
        };
        type Pools = Mutex<HashMap<usize, Arc<rayon::ThreadPool>>>;
        static POOLS: OnceLock<Pools> = OnceLock::new();
        let mut pools = POOLS.get_or_init(Pools::default).lock().expect("pool lock");
        if let Some(pool) = pools.get(&n) {
            return Ok(Workers::Pool(Arc::clone(pool)));
        }
        let pool = rayon::ThreadPoolBuilder::new()
            .num_threads(n)
            .build()
            .map_err(|e| PyOSError::new_err(format!("threads={n}: {e}")))?;
        let pool = Arc::new(pool);
        pools.insert(n, Arc::clone(&pool));
        Ok(Workers::Pool(pool))
    }

    /// `f` over `items`, results in input order.
    fn map<T: Send, R: Send>(&self, items: Vec<T>, f: impl Fn(T) -> R + Sync + Send) -> Vec<R> {
        match self {
            Workers::Caller => items.into_iter().map(f).collect(),
            Workers::Global => items.into_par_iter().map(f).collect(),
            Workers::Pool(pool) => pool.install(|| items.into_par_iter().map(f).collect()),
        }
    }
}

/// An input item, or an article refused as a repeated id (`refused=`).
enum Work {
    /// An item to run through the pipeline.
    Item(Item),
    /// An article whose id an earlier article had: failed, not processed.
    Repeated(Article),
}

impl Work {
    /// The item, or the repeated id it stands for when `refused`.
    fn new(item: Item, refused: bool) -> Work {
        match item {
            Item::Article { article, .. } if refused => Work::Repeated(article),
            item => Work::Item(item),
        }
    }
}

/// Runs items through the pipeline, results in input order.
fn process(
    pipeline: &Pipeline,
    work: Vec<Work>,
    published: Option<jiff::civil::Date>,
    all_languages: bool,
    workers: &Workers,
) -> Vec<Records> {
    workers.map(work, |w| match w {
        Work::Item(item) => run::item_records(pipeline, item, published, all_languages),
        Work::Repeated(article) => run::repeated_id(&article),
    })
}

/// A `refused=` column of `extract_batch`: one bool a row (missing is
/// false), or all false.
fn refused_column(column: Option<&Bound<'_, PyAny>>, rows: usize) -> PyResult<Vec<bool>> {
    let Some(column) = column.filter(|c| !c.is_none()) else {
        return Ok(vec![false; rows]);
    };
    let refused = cells(column, "refused")?
        .iter()
        .enumerate()
        .map(|(row, v)| {
            let v = if v.hasattr("as_py")? {
                v.call_method0("as_py")?
            } else {
                v.clone()
            };
            if missing(&v)? {
                return Ok(false);
            }
            v.extract::<bool>().map_err(|_| {
                PyTypeError::new_err(format!(
                    "refused[{row}]: expected a bool or None, not {}",
                    type_name(&v)
                ))
            })
        })
        .collect::<PyResult<Vec<bool>>>()?;
    same_length("refused", refused.len(), "ids", rows)?;
    Ok(refused)
}

/// Records grouped by table, each as its JSONL line, in input order.
fn lines_by_table(records: &[Records]) -> HashMap<&'static str, Vec<String>> {
    let mut tables: HashMap<&'static str, Vec<String>> = HashMap::new();
    for r in records {
        for (tag, line) in r.json_lines() {
            tables.entry(tag).or_default().push(line);
        }
    }
    tables
}

/// JSON lines as a list of dicts, parsed by `json.loads` a few thousand at
/// a time (each chunk's text freed as soon as it is parsed).
fn parse_lines<'py>(py: Python<'py>, lines: Vec<String>) -> PyResult<Bound<'py, PyList>> {
    const CHUNK: usize = 4096;
    let loads = py.import("json")?.getattr("loads")?;
    let list = PyList::empty(py);
    let mut lines = lines.into_iter().peekable();
    while lines.peek().is_some() {
        let chunk: Vec<String> = lines.by_ref().take(CHUNK).collect();
        let array = format!("[{}]", chunk.join(","));
        drop(chunk);
        list.call_method1("extend", (loads.call1((array,))?,))?;
    }
    Ok(list)
}

/// The result of a batch: a dict with the keys `articles`, `mentions`,
/// `events`, `warnings`, `errors`, each a list of records (dicts, or JSONL
/// lines when `as_json`).
fn batch_result<'py>(
    py: Python<'py>,
    records: &[Records],
    as_json: bool,
) -> PyResult<Bound<'py, PyDict>> {
    let mut tables = lines_by_table(records);
    let result = PyDict::new(py);
    for (key, tag) in TABLES {
        let lines = tables.remove(tag).unwrap_or_default();
        if as_json {
            result.set_item(key, PyList::new(py, lines)?)?;
        } else {
            result.set_item(key, parse_lines(py, lines)?)?;
        }
    }
    Ok(result)
}

/// Checks that column `name` has as many rows as the first column.
fn same_length(name: &str, len: usize, first: &str, rows: usize) -> PyResult<()> {
    if len == rows {
        Ok(())
    } else {
        Err(PyValueError::new_err(format!(
            "{name} has {len} rows, {first} has {rows}"
        )))
    }
}

/// Dates of an optional column, one per row.
fn date_column(column: Option<&Bound<'_, PyAny>>, rows: usize) -> PyResult<Vec<Option<String>>> {
    let Some(column) = column.filter(|c| !c.is_none()) else {
        return Ok(vec![None; rows]);
    };
    let dates = cells(column, "published")?
        .iter()
        .map(|v| date_text(Some(v)))
        .collect::<PyResult<Vec<_>>>()?;
    same_length("published", dates.len(), "ids", rows)?;
    Ok(dates)
}

/// Extracts mentions and events from one article.
///
/// `published` (a str, datetime.date/datetime, pandas.Timestamp or None) is
/// the DCT that relative dates are resolved against; without one, a date in
/// the dateline is used, as by the CLI. `id` is written in every record
/// (default "article"). `gazetteers` is a folder or flat list instead of the
/// bundled lists; `all_languages` also processes articles detected as not
/// English.
///
/// Returns {"article": {...}, "mentions": [...], "events": [...],
/// "warnings": [...], "errors": [...]}: each record the dict of the line
/// `newsie extract` writes for it (path "" and line None, as no file was
/// read). A date that does not parse is a warning record.
///
/// Raises TypeError for a date of another type, OSError for gazetteers
/// that cannot be read, ValueError for malformed ones (FILE:LINE: reason).
#[pyfunction]
#[pyo3(signature = (text, published=None, id=None, *, title=None, gazetteers=None, all_languages=false))]
fn extract<'py>(
    py: Python<'py>,
    text: String,
    published: Option<&Bound<'py, PyAny>>,
    id: Option<String>,
    title: Option<String>,
    gazetteers: Option<PathBuf>,
    all_languages: bool,
) -> PyResult<Bound<'py, PyDict>> {
    let pipeline = pipeline(py, gazetteers)?;
    let item = field_item(
        Some(id.unwrap_or_else(|| "article".to_string())),
        Some(text),
        date_text(published)?,
        title,
        0,
    );
    let records = py.detach(|| {
        process(
            &pipeline,
            vec![Work::Item(item)],
            None,
            all_languages,
            &Workers::Caller,
        )
    });
    let batch = batch_result(py, &records, false)?;
    let result = PyDict::new(py);
    let articles = batch.get_item("articles")?.expect("every table is set");
    result.set_item("article", articles.get_item(0)?)?;
    for (key, _) in &TABLES[1..] {
        result.set_item(*key, batch.get_item(*key)?.expect("every table is set"))?;
    }
    Ok(result)
}

/// Extracts a batch of articles given as columns, with the GIL released.
///
/// `ids`, `texts`, `published` and `titles` hold one article a row (lists,
/// pandas Series, ...). A row without an id or a text is a failed article
/// with an error record: "no text" for a row with an id; a row without one
/// gets the id `#N` and "row N: no id" ("row N: no text" if it has neither;
/// N is its 1-based row in this call). `threads=None` runs on rayon's pool
/// (RAYON_NUM_THREADS, else a thread a core), `threads=N` (1 to 1024) on
/// a pool of N threads, `threads=1` on the calling thread (for Spark tasks).
/// `as_json=True` gives each record as its JSONL line, byte for byte the
/// CLI's, instead of a dict. `refused` (one bool a row) marks the rows to
/// fail as repeated ids, as `newsie extract` fails an article whose id an
/// earlier one had ("repeated article id ..."); ids repeated within the call
/// are otherwise kept. Other options as for `extract`.
///
/// Returns {"articles": [...], "mentions": [...], "events": [...],
/// "warnings": [...], "errors": [...]}, every key present, each list in input
/// order, ready for pandas.DataFrame or pyarrow.Table.from_pylist.
///
/// Raises ValueError for columns of different lengths or `threads` outside 1
/// to 1024, TypeError for a cell of another type or a single str given as a
/// column, and as `extract`.
#[pyfunction]
#[pyo3(signature = (ids, texts, published=None, *, titles=None, gazetteers=None, all_languages=false, threads=None, as_json=false, refused=None))]
#[allow(clippy::too_many_arguments)]
fn extract_batch<'py>(
    py: Python<'py>,
    ids: &Bound<'py, PyAny>,
    texts: &Bound<'py, PyAny>,
    published: Option<&Bound<'py, PyAny>>,
    titles: Option<&Bound<'py, PyAny>>,
    gazetteers: Option<PathBuf>,
    all_languages: bool,
    threads: Option<i64>,
    as_json: bool,
    refused: Option<&Bound<'py, PyAny>>,
) -> PyResult<Bound<'py, PyDict>> {
    let workers = Workers::new(threads)?;
    let ids = text_column(ids, "ids")?;
    let rows = ids.len();
    let texts = text_column(texts, "texts")?;
    same_length("texts", texts.len(), "ids", rows)?;
    let dates = date_column(published, rows)?;
    let titles = match titles.filter(|t| !t.is_none()) {
        Some(t) => text_column(t, "titles")?,
        None => vec![None; rows],
    };
    same_length("titles", titles.len(), "ids", rows)?;
    let refused = refused_column(refused, rows)?;
    let pipeline = pipeline(py, gazetteers)?;
    let work: Vec<Work> = ids
        .into_iter()
        .zip(texts)
        .zip(dates)
        .zip(titles)
        .zip(refused)
        .enumerate()
        .map(|(row, ((((id, text), date), title), refused))| {
            Work::new(field_item(id, text, date, title, row), refused)
        })
        .collect();
    let records = py.detach(|| process(&pipeline, work, None, all_languages, &workers));
    batch_result(py, &records, as_json)
}

/// Input files given from Python as paths, contents (bytes) and optional
/// id bases, ready to read.
fn input_files(
    paths: Vec<String>,
    contents: &[Bound<'_, PyAny>],
    ids: Option<Vec<String>>,
) -> PyResult<Vec<(InputFile, Vec<u8>)>> {
    let rows = paths.len();
    same_length("contents", contents.len(), "paths", rows)?;
    let ids = match ids {
        Some(ids) => {
            same_length("ids", ids.len(), "paths", rows)?;
            ids.into_iter().map(Some).collect()
        }
        None => vec![None; rows],
    };
    paths
        .into_iter()
        .zip(ids)
        .zip(contents)
        .enumerate()
        .map(|(row, ((path, id), c))| {
            let bytes = c.cast::<PyBytes>().map_err(|_| {
                PyTypeError::new_err(format!(
                    "contents[{row}]: expected bytes, not {}",
                    type_name(c)
                ))
            })?;
            let path = PathBuf::from(path);
            let id_base = id.unwrap_or_else(|| {
                path.file_name()
                    .map(|n| n.to_string_lossy().into_owned())
                    .unwrap_or_default()
            });
            Ok((InputFile::named(path, id_base), bytes.as_bytes().to_vec()))
        })
        .collect()
}

/// Each file's items, in file order, read on `workers`.
fn read_files(files: Vec<(InputFile, Vec<u8>)>, workers: &Workers) -> Vec<Vec<Item>> {
    workers.map(files, |(file, bytes)| {
        input::read_bytes(&file, bytes).collect()
    })
}

/// Extracts the articles of whole input files given as bytes, read as
/// `newsie extract` reads them.
///
/// Each path (written in records; nothing is opened) picks the reader by its
/// extension: .txt with front matter, .jsonl/.ndjson, .json, .html/.htm,
/// .warc, each also .gz; any other name is plain text. `contents` are the
/// files' bytes (compressed, for .gz). `ids` are the bases of the articles'
/// ids (the CLI gives a file found in a folder its path relative to that
/// folder; default each path's file name). `published` is the fallback DCT,
/// as `--published`. `refused` marks articles to fail as repeated ids, as
/// `newsie extract` fails an article whose id an earlier one had: for each
/// file None or the 0-based positions of such articles among the file's
/// articles (the order of `article_ids`); ids repeated within the call are
/// otherwise kept. Other options as for `extract_batch`, and the same
/// result.
///
/// Raises TypeError for contents that are not bytes or a `refused` position
/// that is not an int, ValueError for lists of different lengths, a
/// `published` that does not parse or a `refused` position that is not one
/// of the file's articles, and as `extract`.
#[pyfunction]
#[pyo3(signature = (paths, contents, ids=None, *, published=None, gazetteers=None, all_languages=false, threads=None, as_json=false, refused=None))]
#[allow(clippy::too_many_arguments)]
fn extract_files<'py>(
    py: Python<'py>,
    paths: Vec<String>,
    contents: Vec<Bound<'py, PyAny>>,
    ids: Option<Vec<String>>,
    published: Option<&Bound<'py, PyAny>>,
    gazetteers: Option<PathBuf>,
    all_languages: bool,
    threads: Option<i64>,
    as_json: bool,
    refused: Option<Vec<Option<Vec<Bound<'py, PyAny>>>>>,
) -> PyResult<Bound<'py, PyDict>> {
    let workers = Workers::new(threads)?;
    let rows = paths.len();
    let refused = refused_positions(refused, rows)?;
    let files = input_files(paths, &contents, ids)?;
    let published = match date_text(published)? {
        Some(d) => Some(
            newsie::article::parse_dct(&d)
                .map_err(|e| PyValueError::new_err(format!("published: {e}")))?
                .0,
        ),
        None => None,
    };
    let pipeline = pipeline(py, gazetteers)?;
    let records = py.detach(|| {
        let mut work = Vec::new();
        let read = read_files(files, &workers);
        for (file, (items, refused)) in read.into_iter().zip(refused).enumerate() {
            let mut article = 0;
            for item in items {
                let is_article = matches!(item, Item::Article { .. });
                work.push(Work::new(item, is_article && refused.contains(&article)));
                article += usize::from(is_article);
            }
            if let Some(p) = refused.iter().find(|&&p| p >= article) {
                return Err(format!(
                    "refused[{file}]: position {p}, but the file has {article} articles"
                ));
            }
        }
        Ok(process(&pipeline, work, published, all_languages, &workers))
    });
    batch_result(py, &records.map_err(PyValueError::new_err)?, as_json)
}

/// `extract_files`' `refused=`: for each file None or a list of 0-based
/// article positions (ints, not bools).
fn refused_positions(
    refused: Option<Vec<Option<Vec<Bound<'_, PyAny>>>>>,
    rows: usize,
) -> PyResult<Vec<HashSet<usize>>> {
    let Some(refused) = refused else {
        return Ok(vec![HashSet::new(); rows]);
    };
    same_length("refused", refused.len(), "paths", rows)?;
    refused
        .into_iter()
        .enumerate()
        .map(|(file, positions)| {
            positions
                .unwrap_or_default()
                .iter()
                .enumerate()
                .map(|(k, v)| {
                    let at = format!("refused[{file}][{k}]");
                    if let (false, Ok(p)) = (v.is_instance_of::<PyBool>(), v.extract::<usize>()) {
                        Ok(p)
                    } else if !v.is_instance_of::<PyBool>() && v.hasattr("__index__")? {
                        Err(PyValueError::new_err(format!(
                            "{at}: {v} is not a position in a file"
                        )))
                    } else {
                        Err(PyTypeError::new_err(format!(
                            "{at}: expected an int position, not {}",
                            type_name(v)
                        )))
                    }
                })
                .collect()
        })
        .collect()
}

/// The ids of each file's articles, in file order, as `extract_files` would
/// give them (its `ids` are the same id bases): a list of lists of str, one
/// a file, a file that gives no article an empty list. Only reads the files
/// (no extraction), with the GIL released, to find repeated ids before
/// extracting (see `extract_files`' `refused`).
///
/// Raises TypeError and ValueError as `extract_files`.
#[pyfunction]
#[pyo3(signature = (paths, contents, ids=None, *, threads=None))]
fn article_ids(
    py: Python<'_>,
    paths: Vec<String>,
    contents: Vec<Bound<'_, PyAny>>,
    ids: Option<Vec<String>>,
    threads: Option<i64>,
) -> PyResult<Vec<Vec<String>>> {
    let workers = Workers::new(threads)?;
    let files = input_files(paths, &contents, ids)?;
    Ok(py.detach(|| {
        read_files(files, &workers)
            .into_iter()
            .map(|items| {
                items
                    .into_iter()
                    .filter_map(|item| match item {
                        Item::Article { article, .. } => Some(article.id),
                        _ => None,
                    })
                    .collect()
            })
            .collect()
    }))
}

/// Whether a file of this name is read when found in a folder (by its
/// extension, case-insensitive: .txt, .jsonl, .ndjson, .json, .html, .htm,
/// .warc, each also .gz).
#[pyfunction]
fn is_input_name(name: &str) -> bool {
    input::is_input_name(name)
}

/// The JSON Schema (draft 2020-12) of one record type: article, mention,
/// event, warning, error or provenance. A record type's `properties` come in
/// the order of its JSONL line's keys, which `required` also lists.
///
/// Raises ValueError for another name.
#[pyfunction]
fn schema<'py>(py: Python<'py>, record: &str) -> PyResult<Bound<'py, PyAny>> {
    let value = newsie::output::schema::schema(record).ok_or_else(|| {
        PyValueError::new_err(format!(
            "no record type {record:?}: one of {}",
            newsie::output::schema::RECORD_TYPES.join(", ")
        ))
    })?;
    to_python(py, &value)
}

/// A JSON value as Python objects; an object's `properties` in the order its
/// `required` lists (the JSONL line's key order).
fn to_python<'py>(py: Python<'py>, v: &serde_json::Value) -> PyResult<Bound<'py, PyAny>> {
    use serde_json::Value;
    Ok(match v {
        Value::Null => py.None().into_bound(py),
        Value::Bool(b) => PyBool::new(py, *b).to_owned().into_any(),
        Value::Number(n) => py.import("json")?.call_method1("loads", (n.to_string(),))?,
        Value::String(s) => PyString::new(py, s).into_any(),
        Value::Array(items) => PyList::new(
            py,
            items
                .iter()
                .map(|x| to_python(py, x))
                .collect::<PyResult<Vec<_>>>()?,
        )?
        .into_any(),
        Value::Object(map) => {
            let dict = PyDict::new(py);
            for (key, x) in map {
                let ordered = match (key.as_str(), x, map.get("required")) {
                    ("properties", Value::Object(props), Some(Value::Array(order))) => {
                        let inner = PyDict::new(py);
                        let named = order.iter().filter_map(Value::as_str);
                        for name in named.filter(|n| props.contains_key(*n)) {
                            inner.set_item(name, to_python(py, &props[name])?)?;
                        }
                        Some(inner.into_any())
                    }
                    _ => None,
                };
                match ordered {
                    Some(inner) => dict.set_item(key, inner)?,
                    None => dict.set_item(key, to_python(py, x)?)?,
                }
            }
            dict.into_any()
        }
    })
}

/// Builds the pipeline for these gazetteers now (it is otherwise built on
/// first use, in about 0.2 s, and kept for the process).
///
/// Raises OSError or ValueError as `extract` does.
#[pyfunction]
#[pyo3(signature = (gazetteers=None))]
fn load(py: Python<'_>, gazetteers: Option<PathBuf>) -> PyResult<()> {
    pipeline(py, gazetteers).map(|_| ())
}

/// The native module.
#[pymodule]
fn _newsie(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add("__version__", env!("CARGO_PKG_VERSION"))?;
    m.add("SCHEMA_VERSION", newsie::output::record::SCHEMA_VERSION)?;
    m.add_function(wrap_pyfunction!(extract, m)?)?;
    m.add_function(wrap_pyfunction!(extract_batch, m)?)?;
    m.add_function(wrap_pyfunction!(extract_files, m)?)?;
    m.add_function(wrap_pyfunction!(article_ids, m)?)?;
    m.add_function(wrap_pyfunction!(is_input_name, m)?)?;
    m.add_function(wrap_pyfunction!(schema, m)?)?;
    m.add_function(wrap_pyfunction!(load, m)?)?;
    Ok(())
}

//! Writers: JSONL (nested, one record a line) and CSV (flat rows).
//!
//! Two destinations:
//! - **standard output**: JSONL interleaves, per article in input order, the
//!   `article` record, its `warning`/`error` records, its `mention` records
//!   and its `event` records, each tagged with `"record"`. CSV writes the
//!   mentions table only; notices then go to standard error.
//! - **a folder** (`-o DIR`): `mentions.{jsonl,csv}`, `events.{jsonl,csv}`,
//!   `articles.{jsonl,csv}` and `errors.jsonl` (errors and warnings). Each
//!   file is written under a temporary name (`.name.partial`) and renamed when
//!   the run completes, so an interrupted run never leaves a file that looks
//!   complete. With [`Writer::with_provenance`], `provenance.json` too.
//!
//! CSV text cells that begin with `=`, `+`, `-`, `@`, tab or carriage
//! return get a leading `'` so that a spreadsheet shows them instead of
//! running them ([`csv_safe`]; numeric columns are never changed), unless
//! [`Writer::with_csv_raw`]. JSONL is written as it is.

pub mod csv_safe;
pub mod record;
pub mod schema;

use std::collections::{BTreeMap, HashMap};
use std::fs::File;
use std::io::{BufWriter, Write};
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

pub use record::{ArticleRecord, EventRecord, Level, MentionRecord, NoticeRecord};

use crate::error::{Error, Result};
use crate::output::csv_safe::Column;
use crate::provenance::Provenance;
use crate::run::{InputDone, Summary};

/// Output format.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Format {
    /// JSON Lines.
    #[default]
    Jsonl,
    /// Comma-separated values with a header row.
    Csv,
}

impl Format {
    /// File extension: `jsonl` or `csv`.
    pub fn extension(self) -> &'static str {
        match self {
            Format::Jsonl => "jsonl",
            Format::Csv => "csv",
        }
    }
}

/// A JSONL record with its `"record"` tag in front.
#[derive(Serialize)]
struct Tagged<'a, T: Serialize> {
    record: &'static str,
    #[serde(flatten)]
    inner: &'a T,
}

/// One record as the line `newsie extract` writes it in JSONL (without the
/// newline): `{"record":"TAG",…fields in declaration order}`.
pub fn json_line<T: Serialize>(tag: &'static str, value: &T) -> String {
    serde_json::to_string(&Tagged {
        record: tag,
        inner: value,
    })
    .expect("records serialize to JSON")
}

/// A writer that counts the bytes it passes on.
struct Counted<W: Write> {
    inner: W,
    /// Bytes in the file: those there before (a resumed run) and those written.
    count: u64,
}

impl<W: Write> Write for Counted<W> {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        let n = self.inner.write(buf)?;
        self.count += n as u64;
        Ok(n)
    }

    fn flush(&mut self) -> std::io::Result<()> {
        self.inner.flush()
    }
}

/// The buffer a CSV table's rows are serialized into (shared with the
/// table, which moves the bytes on after each record).
#[derive(Clone, Default)]
struct RowBuffer(std::rc::Rc<std::cell::RefCell<Vec<u8>>>);

impl Write for RowBuffer {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        self.0.borrow_mut().extend_from_slice(buf);
        Ok(buf.len())
    }

    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

/// One output stream (a file, or standard output), named for error messages.
struct Table {
    /// Where the rows go: the final file name, or `-`.
    path: PathBuf,
    out: Counted<Box<dyn Write>>,
    /// CSV tables: rows are serialized here, then moved to `out`, so that
    /// `out.count` is exact after every record (for the resume ledger).
    csv: Option<(csv::Writer<RowBuffer>, RowBuffer)>,
    /// A CSV header not written yet (it is written before the first row, or
    /// at the end when there are no rows, so every CSV file has one).
    header: Option<Vec<String>>,
    /// What each CSV column holds (empty for JSONL).
    kinds: Vec<Column>,
    /// Leave CSV text cells as they are (`--csv-raw`).
    raw: bool,
}

impl Table {
    /// A table; `header` names the CSV columns and `kinds` says what each
    /// holds (both ignored for JSONL). `existing` bytes are already in the
    /// file (a resumed run): a CSV header is then not written again.
    fn new(
        format: Format,
        path: PathBuf,
        w: Box<dyn Write>,
        (header, kinds): (Vec<String>, Vec<Column>),
        existing: u64,
    ) -> Table {
        let out = Counted {
            inner: w,
            count: existing,
        };
        let (csv, header) = match format {
            Format::Jsonl => (None, None),
            Format::Csv => {
                let buffer = RowBuffer::default();
                let csv = csv::WriterBuilder::new()
                    .has_headers(false)
                    .from_writer(buffer.clone());
                (Some((csv, buffer)), (existing == 0).then_some(header))
            }
        };
        Table {
            path,
            out,
            csv,
            header,
            kinds,
            raw: false,
        }
    }

    fn io(&self, e: std::io::Error) -> Error {
        Error::io(&self.path, e)
    }

    fn csv_error(&self, e: csv::Error) -> Error {
        match e.into_kind() {
            csv::ErrorKind::Io(io) => self.io(io),
            other => self.io(std::io::Error::other(format!("{other:?}"))),
        }
    }

    /// Writes a CSV row with `write` (the header first, if not yet written)
    /// and moves the bytes to the output.
    fn csv_row(
        &mut self,
        write: impl FnOnce(&mut csv::Writer<RowBuffer>) -> csv::Result<()>,
    ) -> Result<()> {
        let header = self.header.take();
        let Some((csv, buffer)) = &mut self.csv else {
            unreachable!("CSV rows are written to CSV tables only")
        };
        let result = header
            .map_or(Ok(()), |h| csv.write_record(h))
            .and_then(|()| write(csv))
            .and_then(|()| csv.flush().map_err(csv::Error::from));
        let bytes = std::mem::take(&mut *buffer.0.borrow_mut());
        result.map_err(|e| self.csv_error(e))?;
        self.out.write_all(&bytes).map_err(|e| self.io(e))
    }

    /// Writes a record as a tagged JSON line (JSONL tables only).
    fn write<T: Serialize>(&mut self, tag: &'static str, value: &T) -> Result<()> {
        debug_assert!(
            self.csv.is_none(),
            "records are written to JSONL tables only"
        );
        let tagged = Tagged {
            record: tag,
            inner: value,
        };
        serde_json::to_writer(&mut self.out, &tagged)
            .map_err(std::io::Error::from)
            .and_then(|()| self.out.write_all(b"\n"))
            .map_err(|e| self.io(e))
    }

    /// Writes a CSV row (CSV tables only), its text cells neutralized
    /// unless the table is raw.
    fn write_fields(&mut self, mut fields: Vec<String>) -> Result<()> {
        if !self.raw {
            csv_safe::neutralize_row(&self.kinds, &mut fields);
        }
        self.csv_row(|w| w.write_record(fields))
    }

    /// Writes a pending CSV header and flushes to the file.
    fn flush(&mut self) -> Result<()> {
        if self.header.is_some() {
            self.csv_row(|_| Ok(()))?;
        }
        self.out.flush().map_err(|e| self.io(e))
    }
}

/// Where a run's records go, article by article in input order: a
/// [`Writer`] (files or standard output), or an in-memory collector such as
/// `newsie eval`'s.
pub trait RecordSink {
    /// One article's records: the article row, its text (empty for a
    /// failed article), its notices, its mentions and its events.
    ///
    /// # Errors
    /// [`Error::Io`] naming the output when writing fails.
    fn write_article(
        &mut self,
        article: &ArticleRecord,
        text: &str,
        notices: &[NoticeRecord],
        mentions: &[MentionRecord],
        events: &[EventRecord],
    ) -> Result<()>;

    /// An error or warning not tied to one article's records (a file's own
    /// warning).
    ///
    /// # Errors
    /// [`Error::Io`] naming the output when writing fails.
    fn write_notice(&mut self, notice: &NoticeRecord) -> Result<()>;

    /// Every record of this input has been written (in a folder, the
    /// resume ledger records it at the next checkpoint).
    ///
    /// # Errors
    /// [`Error::Io`] naming the output when writing fails.
    fn input_done(&mut self, _done: &crate::run::InputDone) -> Result<()> {
        Ok(())
    }

    /// A batch has been written: make it durable (flush), so that an
    /// interrupted run can resume after it.
    ///
    /// # Errors
    /// [`Error::Io`] naming the output when writing fails.
    fn checkpoint(&mut self) -> Result<()> {
        Ok(())
    }
}

impl RecordSink for Writer {
    fn write_article(
        &mut self,
        article: &ArticleRecord,
        _text: &str,
        notices: &[NoticeRecord],
        mentions: &[MentionRecord],
        events: &[EventRecord],
    ) -> Result<()> {
        Writer::write_article(self, article, notices, mentions, events)
    }

    fn write_notice(&mut self, notice: &NoticeRecord) -> Result<()> {
        Writer::write_notice(self, notice)
    }

    fn input_done(&mut self, done: &InputDone) -> Result<()> {
        let Some(files) = &mut self.files else {
            return Ok(());
        };
        let offsets = files
            .tables_mut(&mut self.mentions)
            .into_iter()
            .map(|t| (file_name(&t.path), t.out.count))
            .collect();
        files.completed.push(LedgerLine {
            path: done.path.clone(),
            sha256: done.sha256.clone(),
            articles: done.articles,
            offsets,
        });
        Ok(())
    }

    fn checkpoint(&mut self) -> Result<()> {
        let Some(files) = &mut self.files else {
            return Ok(());
        };
        if files.completed.is_empty() {
            return Ok(());
        }
        // What made these records, for a later --resume to compare with.
        if let Some(provenance) = self
            .provenance
            .as_ref()
            .filter(|_| !files.provenance_written)
        {
            let partial = files.dir.join(".provenance.json.partial");
            serde_json::to_string_pretty(provenance)
                .map_err(std::io::Error::from)
                .and_then(|j| std::fs::write(&partial, j + "\n"))
                .map_err(|e| Error::io(&partial, e))?;
            files.provenance_written = true;
        }
        for t in files.tables_mut(&mut self.mentions) {
            t.flush()?;
        }
        let ledger = &mut files.ledger;
        for line in files.completed.drain(..) {
            serde_json::to_writer(&mut ledger.out, &line)
                .map_err(std::io::Error::from)
                .and_then(|()| ledger.out.write_all(b"\n"))
                .map_err(|e| Error::io(&ledger.path, e))?;
        }
        ledger.out.flush().map_err(|e| Error::io(&ledger.path, e))
    }
}

/// One line of a folder's resume ledger, `inputs.jsonl`: an input whose
/// records are all in the folder's files, and the size of each file right
/// after them.
#[derive(Debug, Serialize, Deserialize)]
struct LedgerLine {
    /// Input path as given.
    path: String,
    /// Hex SHA-256 of the input's bytes; `None` for standard input and for
    /// a path that could not be read (it failed).
    sha256: Option<String>,
    /// Articles it gave.
    articles: u64,
    /// Output file name → its length in bytes after this input's records.
    offsets: BTreeMap<String, u64>,
}

/// A file being written under a temporary name.
struct Pending {
    partial: PathBuf,
    done: PathBuf,
}

/// Where records go; build it with [`Writer::stdout`], [`Writer::dir`] or
/// [`Writer::resume`].
pub struct Writer {
    format: Format,
    /// Standard output: the single JSONL stream, or the CSV mentions table.
    /// A folder: the mentions table.
    mentions: Table,
    /// A folder's other tables (`None` on standard output).
    files: Option<FolderTables>,
    /// Write negated and hypothetical events to the events CSV too.
    all_events: bool,
    /// Written to a folder's `provenance.json` when the run completes.
    provenance: Option<Provenance>,
}

/// The tables a folder adds to the mentions table.
struct FolderTables {
    dir: PathBuf,
    events: Table,
    articles: Table,
    notices: Table,
    /// The resume ledger (`inputs.jsonl`).
    ledger: Table,
    /// Inputs done since the last checkpoint.
    completed: Vec<LedgerLine>,
    /// `.provenance.json.partial` has been written.
    provenance_written: bool,
    pending: Vec<Pending>,
}

impl FolderTables {
    /// The data tables, mentions first, in a fixed order.
    fn tables_mut<'a>(&'a mut self, mentions: &'a mut Table) -> [&'a mut Table; 4] {
        [
            mentions,
            &mut self.events,
            &mut self.articles,
            &mut self.notices,
        ]
    }
}

/// The mentions table's CSV header and column kinds.
fn mention_columns() -> (Vec<String>, Vec<Column>) {
    (record::mention_csv_header(), record::mention_csv_kinds())
}

fn file_name(path: &Path) -> String {
    path.file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default()
}

/// The name of a folder's resume ledger.
pub const LEDGER: &str = "inputs.jsonl";

/// What [`Writer::resume`] found of an earlier run.
#[derive(Debug, Default)]
pub struct Resumed {
    /// Inputs completed: path → hex SHA-256 of their bytes.
    pub done: HashMap<String, Option<String>>,
    /// The earlier run had been interrupted (its files were still partial).
    pub interrupted: bool,
}

impl Writer {
    /// Records to standard output (see the module docs).
    pub fn stdout(format: Format) -> Writer {
        let out: Box<dyn Write> = Box::new(BufWriter::with_capacity(1 << 16, std::io::stdout()));
        Writer {
            format,
            mentions: Table::new(format, "-".into(), out, mention_columns(), 0),
            files: None,
            all_events: false,
            provenance: None,
        }
    }

    /// Records to files in `dir`, created if missing.
    ///
    /// # Errors
    /// [`Error::Io`] when the folder or a file cannot be created.
    pub fn dir(dir: &Path, format: Format) -> Result<Writer> {
        Writer::open(dir, format, &HashMap::new())
    }

    /// Continues the run that wrote `dir` (`--resume`): its files are kept
    /// up to the last input its ledger (`inputs.jsonl`) records as complete
    /// (a record cut off by an interruption is dropped), and new records are
    /// appended after them. A folder without output files starts a new run.
    ///
    /// # Errors
    /// [`Error::Usage`] when the folder has output files but no ledger, when
    /// they were written in the other format, or when a file is shorter than
    /// its ledger says; [`Error::Io`] when a file cannot be read or written.
    pub fn resume(dir: &Path, format: Format) -> Result<(Writer, Resumed)> {
        let usage = |m: String| Error::Usage(format!("--resume {}: {m}", dir.display()));
        let names = Writer::file_names(format);
        let partial = |n: &str| dir.join(format!(".{n}.partial"));
        let ledger_partial = partial(LEDGER);
        let ledger_done = dir.join(LEDGER);
        let interrupted = ledger_partial.exists();
        let ledger_path = if interrupted {
            ledger_partial.clone()
        } else {
            ledger_done.clone()
        };
        let text = match std::fs::read_to_string(&ledger_path) {
            Ok(t) => t,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
                let any_output = names
                    .iter()
                    .any(|n| dir.join(n).exists() || partial(n).exists());
                if any_output {
                    return Err(usage(format!(
                        "it has output files but no {LEDGER} (written by another version, or in the other format); run without --resume to replace them"
                    )));
                }
                return Ok((Writer::dir(dir, format)?, Resumed::default()));
            }
            Err(e) => return Err(Error::io(&ledger_path, e)),
        };
        let mut resumed = Resumed {
            interrupted,
            ..Resumed::default()
        };
        let mut last: Option<BTreeMap<String, u64>> = None;
        let mut kept = 0;
        for line in text.split_inclusive('\n') {
            // An interruption may cut the last line: it is not a checkpoint.
            let Ok(entry) = serde_json::from_str::<LedgerLine>(line) else {
                break;
            };
            if !line.ends_with('\n') {
                break;
            }
            kept += line.len();
            resumed.done.insert(entry.path, entry.sha256);
            last = Some(entry.offsets);
        }
        let mut offsets = HashMap::new();
        for name in &names {
            let at = match &last {
                Some(o) => *o.get(*name).ok_or_else(|| {
                    usage(format!(
                        "its ledger has no {name}: the run wrote the other format (use the same -f)"
                    ))
                })?,
                None => 0,
            };
            let (p, d) = (partial(name), dir.join(name));
            if !p.exists() {
                if d.exists() {
                    std::fs::rename(&d, &p).map_err(|e| Error::io(&d, e))?;
                } else if at > 0 {
                    return Err(usage(format!("{name} is missing")));
                }
            }
            let len = std::fs::metadata(&p).map_or(0, |m| m.len());
            if len < at {
                return Err(usage(format!(
                    "{name} has {len} bytes, fewer than the {at} its ledger records"
                )));
            }
            offsets.insert(name.to_string(), at);
        }
        if !interrupted {
            std::fs::rename(&ledger_done, &ledger_partial)
                .map_err(|e| Error::io(&ledger_done, e))?;
        }
        offsets.insert(LEDGER.to_string(), kept as u64);
        Ok((Writer::open(dir, format, &offsets)?, resumed))
    }

    /// The names of a folder's files in `format`: the data tables, then the
    /// ledger.
    fn file_names(format: Format) -> Vec<&'static str> {
        match format {
            Format::Jsonl => vec![
                "mentions.jsonl",
                "events.jsonl",
                "articles.jsonl",
                "errors.jsonl",
            ],
            Format::Csv => vec!["mentions.csv", "events.csv", "articles.csv", "errors.jsonl"],
        }
    }

    /// Opens a folder's files under their temporary names: new when a file
    /// has no entry in `keep`, else cut to that many bytes and appended to.
    fn open(dir: &Path, format: Format, keep: &HashMap<String, u64>) -> Result<Writer> {
        std::fs::create_dir_all(dir).map_err(|e| Error::io(dir, e))?;
        let mut pending = Vec::new();
        let mut open =
            |name: &str, format: Format, columns: (Vec<String>, Vec<Column>)| -> Result<Table> {
                let done = dir.join(name);
                let partial = dir.join(format!(".{name}.partial"));
                let existing = keep.get(name).copied().unwrap_or(0);
                let file = if keep.contains_key(name) {
                    std::fs::OpenOptions::new()
                        .create(true)
                        .truncate(false)
                        .write(true)
                        .open(&partial)
                        .and_then(|f| {
                            f.set_len(existing)?;
                            let mut f = f;
                            std::io::Seek::seek(&mut f, std::io::SeekFrom::End(0))?;
                            Ok(f)
                        })
                } else {
                    File::create(&partial)
                };
                let f = file.map_err(|e| Error::io(&partial, e))?;
                pending.push(Pending {
                    partial,
                    done: done.clone(),
                });
                Ok(Table::new(
                    format,
                    done,
                    Box::new(BufWriter::with_capacity(1 << 16, f)),
                    columns,
                    existing,
                ))
            };
        let [m, e, a, n] = Writer::file_names(format)[..] else {
            unreachable!("four tables")
        };
        let none = || (Vec::new(), Vec::new());
        let mentions = open(m, format, mention_columns())?;
        let events = open(
            e,
            format,
            (record::event_csv_header(), record::event_csv_kinds()),
        )?;
        let articles = open(
            a,
            format,
            (record::article_csv_header(), record::article_csv_kinds()),
        )?;
        let notices = open(n, Format::Jsonl, none())?;
        let ledger = open(LEDGER, Format::Jsonl, none())?;
        let files = FolderTables {
            dir: dir.to_path_buf(),
            events,
            articles,
            notices,
            ledger,
            completed: Vec::new(),
            provenance_written: false,
            pending,
        };
        Ok(Writer {
            format,
            mentions,
            files: Some(files),
            all_events: false,
            provenance: None,
        })
    }

    /// With `all`, the events CSV also gets negated and hypothetical events
    /// (`--all-events`); JSONL always has them, flagged.
    pub fn with_all_events(mut self, all: bool) -> Writer {
        self.all_events = all;
        self
    }

    /// With `raw`, CSV cells are written as they are (`--csv-raw`); by
    /// default text cells that a spreadsheet would read as a formula get a
    /// leading `'` ([`csv_safe`]). JSONL is never changed.
    pub fn with_csv_raw(mut self, raw: bool) -> Writer {
        self.mentions.raw = raw;
        if let Some(files) = &mut self.files {
            files.events.raw = raw;
            files.articles.raw = raw;
        }
        self
    }

    /// Records `provenance` in a folder's `provenance.json` (ignored on
    /// standard output).
    pub fn with_provenance(mut self, provenance: Provenance) -> Writer {
        self.provenance = Some(provenance);
        self
    }

    /// Writes one article's records: the article row, its notices, its
    /// mentions and its events.
    ///
    /// # Errors
    /// [`Error::Io`] naming the output file when writing fails (a closed pipe
    /// included; the caller decides whether that is an error).
    pub fn write_article(
        &mut self,
        article: &ArticleRecord,
        notices: &[NoticeRecord],
        mentions: &[MentionRecord],
        events: &[EventRecord],
    ) -> Result<()> {
        let single_stream = self.files.is_none() && self.format == Format::Jsonl;
        if single_stream {
            self.mentions.write("article", article)?;
        }
        for n in notices {
            self.write_notice(n)?;
        }
        for m in mentions {
            match self.format {
                Format::Jsonl => self.mentions.write("mention", m)?,
                Format::Csv => self.mentions.write_fields(record::mention_csv_row(m))?,
            }
        }
        if single_stream {
            for e in events {
                self.mentions.write("event", e)?;
            }
            return Ok(());
        }
        let Some(files) = &mut self.files else {
            return Ok(());
        };
        for e in events {
            match self.format {
                Format::Jsonl => files.events.write("event", e)?,
                Format::Csv if self.all_events || e.is_asserted() => {
                    files.events.write_fields(record::event_csv_row(e))?
                }
                Format::Csv => {}
            }
        }
        match self.format {
            Format::Jsonl => files.articles.write("article", article),
            Format::Csv => files
                .articles
                .write_fields(record::article_csv_row(article)),
        }
    }

    /// Writes an error or warning. On standard output it joins the JSONL
    /// stream (or, with CSV, goes to standard error as `newsie: LEVEL:
    /// FILE:LINE: REASON`); in a folder it goes to `errors.jsonl`.
    ///
    /// # Errors
    /// [`Error::Io`] naming the output file when writing fails.
    pub fn write_notice(&mut self, n: &NoticeRecord) -> Result<()> {
        match (&mut self.files, self.format) {
            (Some(files), _) => files.notices.write(n.level.as_str(), n),
            (None, Format::Jsonl) => self.mentions.write(n.level.as_str(), n),
            (None, Format::Csv) => {
                let line = n.line.map(|l| format!(":{l}")).unwrap_or_default();
                eprintln!(
                    "newsie: {}: {}{line}: {}",
                    n.level.as_str(),
                    n.input,
                    n.reason
                );
                Ok(())
            }
        }
    }

    /// Flushes every table and gives the files their final names; in a
    /// folder, also writes `provenance.json` and, when given, `summary.json`
    /// (each under a temporary name first).
    ///
    /// # Errors
    /// [`Error::Io`] naming the file when flushing or renaming fails.
    pub fn finish(mut self, summary: Option<&Summary>) -> Result<()> {
        self.mentions.flush()?;
        let Some(mut files) = self.files.take() else {
            return Ok(());
        };
        // Inputs completed since the last checkpoint go to the ledger too.
        self.files = Some(files);
        self.checkpoint()?;
        files = self.files.take().expect("a folder");
        for t in [
            &mut files.events,
            &mut files.articles,
            &mut files.notices,
            &mut files.ledger,
        ] {
            t.flush()?;
        }
        drop(self.mentions);
        let FolderTables { dir, pending, .. } = files;
        let write_json = |name: &str, json: serde_json::Result<String>| -> Result<()> {
            let (partial, done) = (dir.join(format!(".{name}.partial")), dir.join(name));
            json.map_err(std::io::Error::from)
                .and_then(|j| std::fs::write(&partial, j + "\n"))
                .map_err(|e| Error::io(&partial, e))?;
            std::fs::rename(&partial, &done).map_err(|e| Error::io(&done, e))
        };
        if let Some(provenance) = &self.provenance {
            write_json("provenance.json", serde_json::to_string_pretty(provenance))?;
        }
        if let Some(summary) = summary {
            write_json("summary.json", serde_json::to_string_pretty(summary))?;
        }
        for p in &pending {
            std::fs::rename(&p.partial, &p.done).map_err(|e| Error::io(&p.done, e))?;
        }
        Ok(())
    }
}

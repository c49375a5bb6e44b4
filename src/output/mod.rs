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

use std::fs::File;
use std::io::{BufWriter, Write};
use std::path::{Path, PathBuf};

use serde::Serialize;

pub use record::{ArticleRecord, EventRecord, Level, MentionRecord, NoticeRecord};

use crate::error::{Error, Result};
use crate::output::csv_safe::Column;
use crate::provenance::Provenance;

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

/// How a table writes rows.
enum Sink {
    Jsonl(Box<dyn Write>),
    Csv(Box<csv::Writer<Box<dyn Write>>>),
}

/// One output stream (a file, or standard output), named for error messages.
struct Table {
    /// Where the rows go: the final file name, or `-`.
    path: PathBuf,
    sink: Sink,
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
    /// holds (both ignored for JSONL).
    fn new(
        format: Format,
        path: PathBuf,
        w: Box<dyn Write>,
        header: Vec<String>,
        kinds: Vec<Column>,
    ) -> Table {
        let (sink, header) = match format {
            Format::Jsonl => (Sink::Jsonl(w), None),
            Format::Csv => {
                let csv = csv::WriterBuilder::new().has_headers(false).from_writer(w);
                (Sink::Csv(Box::new(csv)), Some(header))
            }
        };
        Table {
            path,
            sink,
            header,
            kinds,
            raw: false,
        }
    }

    fn write_header(&mut self) -> Result<()> {
        if let (Some(header), Sink::Csv(w)) = (self.header.take(), &mut self.sink) {
            let result = w.write_record(header);
            return result.map_err(|e| self.csv(e));
        }
        Ok(())
    }

    fn io(&self, e: std::io::Error) -> Error {
        Error::io(&self.path, e)
    }

    fn csv(&self, e: csv::Error) -> Error {
        match e.into_kind() {
            csv::ErrorKind::Io(io) => self.io(io),
            other => self.io(std::io::Error::other(format!("{other:?}"))),
        }
    }

    /// Writes a record as a tagged JSON line (JSONL tables only).
    fn write<T: Serialize>(&mut self, tag: &'static str, value: &T) -> Result<()> {
        let result = match &mut self.sink {
            Sink::Jsonl(w) => serde_json::to_writer(
                &mut *w,
                &Tagged {
                    record: tag,
                    inner: value,
                },
            )
            .map_err(std::io::Error::from)
            .and_then(|()| w.write_all(b"\n")),
            Sink::Csv(_) => unreachable!("records are written to JSONL tables only"),
        };
        result.map_err(|e| self.io(e))
    }

    /// Writes a CSV row (CSV tables only), its text cells neutralized
    /// unless the table is raw.
    fn write_fields(&mut self, mut fields: Vec<String>) -> Result<()> {
        self.write_header()?;
        if !self.raw {
            csv_safe::neutralize_row(&self.kinds, &mut fields);
        }
        match &mut self.sink {
            Sink::Csv(w) => w.write_record(fields).map_err(|e| self.csv(e)),
            Sink::Jsonl(_) => unreachable!("plain fields are written to CSV tables only"),
        }
    }

    fn flush(&mut self) -> Result<()> {
        self.write_header()?;
        let result = match &mut self.sink {
            Sink::Jsonl(w) => w.flush(),
            Sink::Csv(w) => w.flush(),
        };
        result.map_err(|e| self.io(e))
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
}

/// A file being written under a temporary name.
struct Pending {
    partial: PathBuf,
    done: PathBuf,
}

/// Where records go; build it with [`Writer::stdout`] or [`Writer::dir`].
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
    events: Table,
    articles: Table,
    notices: Table,
    pending: Vec<Pending>,
}

impl Writer {
    /// Records to standard output (see the module docs).
    pub fn stdout(format: Format) -> Writer {
        let out: Box<dyn Write> = Box::new(BufWriter::with_capacity(1 << 16, std::io::stdout()));
        Writer {
            format,
            mentions: Table::new(
                format,
                "-".into(),
                out,
                record::mention_csv_header(),
                record::mention_csv_kinds(),
            ),
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
        std::fs::create_dir_all(dir).map_err(|e| Error::io(dir, e))?;
        let mut pending = Vec::new();
        let mut open = |name: String,
                        format: Format,
                        header: Vec<String>,
                        kinds: Vec<Column>|
         -> Result<Table> {
            let done = dir.join(&name);
            let partial = dir.join(format!(".{name}.partial"));
            let f = File::create(&partial).map_err(|e| Error::io(&partial, e))?;
            pending.push(Pending {
                partial,
                done: done.clone(),
            });
            Ok(Table::new(
                format,
                done,
                Box::new(BufWriter::with_capacity(1 << 16, f)),
                header,
                kinds,
            ))
        };
        let ext = format.extension();
        let mentions = open(
            format!("mentions.{ext}"),
            format,
            record::mention_csv_header(),
            record::mention_csv_kinds(),
        )?;
        let events = open(
            format!("events.{ext}"),
            format,
            record::event_csv_header(),
            record::event_csv_kinds(),
        )?;
        let articles = open(
            format!("articles.{ext}"),
            format,
            record::article_csv_header(),
            record::article_csv_kinds(),
        )?;
        let notices = open(
            "errors.jsonl".to_string(),
            Format::Jsonl,
            Vec::new(),
            Vec::new(),
        )?;
        let files = FolderTables {
            events,
            articles,
            notices,
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

    /// Flushes every table and gives the files their final names.
    ///
    /// # Errors
    /// [`Error::Io`] naming the file when flushing or renaming fails.
    pub fn finish(mut self) -> Result<()> {
        self.mentions.flush()?;
        let Some(mut files) = self.files.take() else {
            return Ok(());
        };
        for t in [&mut files.events, &mut files.articles, &mut files.notices] {
            t.flush()?;
        }
        drop(self.mentions);
        let FolderTables {
            events,
            articles,
            notices,
            pending,
        } = files;
        drop((events, articles, notices));
        if let (Some(provenance), Some(p)) = (&self.provenance, pending.first()) {
            let dir = p.done.parent().unwrap_or(Path::new("."));
            let (partial, done) = (
                dir.join(".provenance.json.partial"),
                dir.join("provenance.json"),
            );
            let json = serde_json::to_string_pretty(provenance).map_err(std::io::Error::from);
            json.and_then(|j| std::fs::write(&partial, j + "\n"))
                .map_err(|e| Error::io(&partial, e))?;
            std::fs::rename(&partial, &done).map_err(|e| Error::io(&done, e))?;
        }
        for p in &pending {
            std::fs::rename(&p.partial, &p.done).map_err(|e| Error::io(&p.done, e))?;
        }
        Ok(())
    }
}

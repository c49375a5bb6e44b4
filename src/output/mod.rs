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
//!   complete.

pub mod record;

use std::fs::File;
use std::io::{BufWriter, Write};
use std::path::{Path, PathBuf};

use serde::Serialize;

pub use record::{ArticleRecord, EventRecord, Level, MentionRecord, NoticeRecord};

use crate::error::{Error, Result};

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

/// One output table: a JSONL or CSV stream.
enum Table {
    Jsonl(Box<dyn Write>),
    Csv(Box<csv::Writer<Box<dyn Write>>>),
}

/// A file being written under a temporary name.
struct Pending {
    partial: PathBuf,
    done: PathBuf,
}

/// Where records go; build it with [`Writer::stdout`] or [`Writer::dir`].
pub struct Writer {
    format: Format,
    mentions: Table,
    events: Option<Table>,
    articles: Option<Table>,
    notices: Option<Box<dyn Write>>,
    /// Standard output mode: everything on one JSONL stream.
    single_stream: bool,
    pending: Vec<Pending>,
    /// Where notices go when no table takes them (CSV on standard output).
    stderr_notices: bool,
    wrote_event_header: bool,
}

fn table(format: Format, w: Box<dyn Write>) -> Table {
    match format {
        Format::Jsonl => Table::Jsonl(w),
        Format::Csv => Table::Csv(Box::new(
            csv::WriterBuilder::new().has_headers(true).from_writer(w),
        )),
    }
}

fn csv_err(path: &Path, e: csv::Error) -> Error {
    match e.into_kind() {
        csv::ErrorKind::Io(io) => Error::io(path, io),
        other => Error::io(path, std::io::Error::other(format!("{other:?}"))),
    }
}

impl Writer {
    /// Records to standard output (see the module docs).
    pub fn stdout(format: Format) -> Writer {
        let out: Box<dyn Write> = Box::new(BufWriter::with_capacity(1 << 16, std::io::stdout()));
        Writer {
            format,
            mentions: table(format, out),
            events: None,
            articles: None,
            notices: None,
            single_stream: format == Format::Jsonl,
            pending: Vec::new(),
            stderr_notices: format == Format::Csv,
            wrote_event_header: false,
        }
    }

    /// Records to files in `dir`, created if missing.
    ///
    /// # Errors
    /// [`Error::Io`] when the folder or a file cannot be created.
    pub fn dir(dir: &Path, format: Format) -> Result<Writer> {
        std::fs::create_dir_all(dir).map_err(|e| Error::io(dir, e))?;
        let mut pending = Vec::new();
        let mut open = |name: String| -> Result<Box<dyn Write>> {
            let done = dir.join(&name);
            let partial = dir.join(format!(".{name}.partial"));
            let f = File::create(&partial).map_err(|e| Error::io(&partial, e))?;
            pending.push(Pending { partial, done });
            Ok(Box::new(BufWriter::with_capacity(1 << 16, f)))
        };
        let ext = format.extension();
        let mentions = table(format, open(format!("mentions.{ext}"))?);
        let events = table(format, open(format!("events.{ext}"))?);
        let articles = table(format, open(format!("articles.{ext}"))?);
        let notices = open("errors.jsonl".to_string())?;
        Ok(Writer {
            format,
            mentions,
            events: Some(events),
            articles: Some(articles),
            notices: Some(notices),
            single_stream: false,
            pending,
            stderr_notices: false,
            wrote_event_header: false,
        })
    }

    /// Writes one article's records: the article row, its notices, its
    /// mentions and its events.
    ///
    /// # Errors
    /// [`Error::Io`] when writing fails (a closed pipe included; the caller
    /// decides whether that is an error).
    pub fn write_article(
        &mut self,
        article: &ArticleRecord,
        notices: &[NoticeRecord],
        mentions: &[MentionRecord],
        events: &[EventRecord],
    ) -> Result<()> {
        if self.single_stream {
            let Table::Jsonl(w) = &mut self.mentions else {
                unreachable!("single stream is JSONL")
            };
            write_json(w, "article", article)?;
            for n in notices {
                write_json(w, n.level.as_str(), n)?;
            }
            for m in mentions {
                write_json(w, "mention", m)?;
            }
            for e in events {
                write_json(w, "event", e)?;
            }
            return Ok(());
        }
        for n in notices {
            self.write_notice(n)?;
        }
        for m in mentions {
            write_row(&mut self.mentions, "mention", m, "mentions")?;
        }
        if let Some(t) = &mut self.events {
            for e in events {
                match t {
                    Table::Jsonl(w) => write_json(w, "event", e)?,
                    Table::Csv(w) => {
                        if !self.wrote_event_header {
                            w.write_record(record::event_csv_header())
                                .map_err(|e| csv_err(Path::new("events.csv"), e))?;
                            self.wrote_event_header = true;
                        }
                        w.write_record(record::event_csv_row(e))
                            .map_err(|e| csv_err(Path::new("events.csv"), e))?;
                    }
                }
            }
        }
        if let Some(t) = &mut self.articles {
            write_row(t, "article", article, "articles")?;
        }
        Ok(())
    }

    /// Writes an error or warning that belongs to no article row (an input
    /// that could not be read at all is written with [`Writer::write_article`]
    /// and a failed article row instead).
    ///
    /// # Errors
    /// [`Error::Io`] when writing fails.
    pub fn write_notice(&mut self, n: &NoticeRecord) -> Result<()> {
        if self.single_stream {
            let Table::Jsonl(w) = &mut self.mentions else {
                unreachable!("single stream is JSONL")
            };
            return write_json(w, n.level.as_str(), n);
        }
        if let Some(w) = &mut self.notices {
            return write_json(w, n.level.as_str(), n);
        }
        if self.stderr_notices {
            let line = n.line.map(|l| format!(":{l}")).unwrap_or_default();
            eprintln!(
                "newsie: {}: {}{line}: {}",
                n.level.as_str(),
                n.input,
                n.reason
            );
        }
        Ok(())
    }

    /// Flushes every table and gives the files their final names.
    ///
    /// # Errors
    /// [`Error::Io`] when flushing or renaming fails.
    pub fn finish(mut self) -> Result<()> {
        // Write the events header even when there were no events.
        if let (Some(Table::Csv(w)), false) = (&mut self.events, self.wrote_event_header) {
            w.write_record(record::event_csv_header())
                .map_err(|e| csv_err(Path::new("events.csv"), e))?;
        }
        let _ = self.format;
        for t in [
            Some(&mut self.mentions),
            self.events.as_mut(),
            self.articles.as_mut(),
        ]
        .into_iter()
        .flatten()
        {
            match t {
                Table::Jsonl(w) => w.flush().map_err(|e| Error::io("-", e))?,
                Table::Csv(w) => w.flush().map_err(|e| Error::io("-", e))?,
            }
        }
        if let Some(w) = &mut self.notices {
            w.flush().map_err(|e| Error::io("errors.jsonl", e))?;
        }
        drop(self.mentions);
        drop(self.events);
        drop(self.articles);
        drop(self.notices);
        for p in &self.pending {
            std::fs::rename(&p.partial, &p.done).map_err(|e| Error::io(&p.done, e))?;
        }
        Ok(())
    }
}

fn write_json<T: Serialize>(w: &mut Box<dyn Write>, tag: &'static str, value: &T) -> Result<()> {
    serde_json::to_writer(
        &mut *w,
        &Tagged {
            record: tag,
            inner: value,
        },
    )
    .map_err(|e| Error::io("-", e.into()))?;
    w.write_all(b"\n").map_err(|e| Error::io("-", e))
}

fn write_row<T: Serialize>(t: &mut Table, tag: &'static str, value: &T, name: &str) -> Result<()> {
    match t {
        Table::Jsonl(w) => write_json(w, tag, value),
        Table::Csv(w) => w.serialize(value).map_err(|e| csv_err(Path::new(name), e)),
    }
}

//! The batch driver: paths in, records out, every input accounted for.
//!
//! Files are read in order on the calling thread; their articles are
//! gathered into batches that rayon processes in parallel; each batch's
//! results are written in input order before the next batch is read, so
//! output never depends on the thread count and memory is bounded by the
//! batch, not the corpus.

use std::collections::{BTreeMap, HashMap, HashSet};
use std::path::PathBuf;
use std::time::Instant;

use jiff::civil::Date;
use rayon::prelude::*;
use serde::Serialize;

use crate::article::{Article, DctSource, dateline_dct};
use crate::error::Result;
use crate::input::{self, Item};
use crate::output::{ArticleRecord, Level, NoticeRecord, RecordSink};
use crate::pipeline::Pipeline;

/// Options of a run.
#[derive(Debug, Clone)]
pub struct RunConfig {
    /// DCT for articles that carry none (`--published`).
    pub published: Option<Date>,
    /// Articles per parallel batch.
    pub batch_size: usize,
    /// Only these articles are processed (`newsie eval` runs only the
    /// articles its gold annotates); the others are counted in
    /// [`Summary::unselected`] and produce no records.
    pub select: Option<Selection>,
    /// Which files to read from folders, and how to read standard input.
    pub input: input::InputOptions,
}

/// The articles a run processes, found by id or by where they were read
/// (input path as given and JSONL line: a file read directly names its
/// articles differently from the same file read in a folder), each with the
/// DCT to use when the article carries none in its metadata (before its
/// dateline and `--published`: the DCT a gold set was annotated with).
#[derive(Debug, Clone, Default)]
pub struct Selection {
    /// Article id → DCT.
    pub ids: HashMap<String, Option<Date>>,
    /// (input path, 1-based JSONL line) → DCT.
    pub places: HashMap<(String, Option<u64>), Option<Date>>,
}

impl Selection {
    /// `None` when `article` is not selected, else the DCT given for it.
    pub fn find(&self, article: &Article) -> Option<Option<Date>> {
        self.ids
            .get(&article.id)
            .or_else(|| self.places.get(&(article.path.clone(), article.line)))
            .copied()
    }
}

impl Default for RunConfig {
    fn default() -> Self {
        RunConfig {
            published: None,
            batch_size: 2048,
            select: None,
            input: input::InputOptions::default(),
        }
    }
}

/// Counts of a finished run.
#[derive(Debug, Clone, Default, Serialize)]
pub struct Summary {
    /// Input files read.
    pub files: u64,
    /// Files in folders skipped for their extension.
    pub skipped_files: u64,
    /// Articles seen (processed + failed articles).
    pub articles: u64,
    /// Articles processed.
    pub processed: u64,
    /// Articles or inputs that failed (each has an `error` record).
    pub failed: u64,
    /// Articles left out by [`RunConfig::select`].
    pub unselected: u64,
    /// Warning records written.
    pub warnings: u64,
    /// Bytes of article text processed (UTF-8, after decompression).
    pub bytes: u64,
    /// Mentions by type.
    pub mentions: BTreeMap<String, u64>,
    /// Events by type.
    pub events: BTreeMap<String, u64>,
    /// Wall time, seconds.
    pub seconds: f64,
}

struct Pending {
    article: Article,
    warnings: Vec<String>,
}

/// Reads every input under `paths`, runs the pipeline and writes the records.
///
/// # Errors
/// Only when writing fails ([`crate::Error::Io`], a closed pipe included):
/// bad inputs are reported as `error` records and counted in
/// [`Summary::failed`], never returned.
pub fn run(
    pipeline: &Pipeline,
    paths: &[PathBuf],
    config: &RunConfig,
    writer: &mut impl RecordSink,
) -> Result<Summary> {
    let started = Instant::now();
    let mut summary = Summary::default();
    let found = input::discover(paths, &config.input);
    summary.skipped_files = found.skipped.len() as u64;
    let mut seen: HashSet<String> = HashSet::new();
    let mut batch: Vec<Result<Pending, ArticleRecord>> = Vec::new();
    for entry in &found.files {
        let items: input::Items = match entry {
            Ok(file) => {
                summary.files += 1;
                input::read(file)
            }
            // A path that cannot be read stands for an article that failed.
            Err((path, reason)) => {
                let path = path.to_string_lossy().into_owned();
                Box::new(std::iter::once(Item::Failed {
                    id: path.clone(),
                    path,
                    line: None,
                    reason: reason.clone(),
                }))
            }
        };
        for item in items {
            let entry = match item {
                Item::Article {
                    mut article,
                    warnings,
                } => {
                    let given_dct = match config.select.as_ref().map(|s| s.find(&article)) {
                        Some(None) => {
                            summary.unselected += 1;
                            continue;
                        }
                        Some(Some(d)) => d,
                        None => None,
                    };
                    if !seen.insert(article.id.clone()) {
                        Err(failed_record(
                            &article.path,
                            article.line,
                            &article.id,
                            format!("repeated article id {:?}", article.id),
                        ))
                    } else {
                        if article.dct.is_none() {
                            if let Some(d) = given_dct {
                                article = article.with_dct(d, DctSource::Option);
                            } else if let Some(d) = dateline_dct(&article.text, config.published) {
                                article = article.with_dct(d, DctSource::Dateline);
                            } else if let Some(d) = config.published {
                                article = article.with_dct(d, DctSource::Option);
                            }
                        }
                        Ok(Pending { article, warnings })
                    }
                }
                Item::Failed {
                    path,
                    line,
                    id,
                    reason,
                } => Err(failed_record(&path, line, &id, reason)),
                Item::Warning { path, reason } => {
                    // A file's own warning goes out before its articles.
                    flush(pipeline, &mut batch, writer, &mut summary)?;
                    summary.warnings += 1;
                    let notice = NoticeRecord {
                        level: Level::Warning,
                        input: path,
                        line: None,
                        article: None,
                        reason,
                    };
                    writer.write_notice(&notice)?;
                    continue;
                }
            };
            batch.push(entry);
            if batch.len() >= config.batch_size {
                flush(pipeline, &mut batch, writer, &mut summary)?;
            }
        }
    }
    flush(pipeline, &mut batch, writer, &mut summary)?;
    summary.seconds = started.elapsed().as_secs_f64();
    Ok(summary)
}

fn failed_record(path: &str, line: Option<u64>, id: &str, reason: String) -> ArticleRecord {
    ArticleRecord {
        id: id.to_string(),
        path: path.to_string(),
        line,
        title: None,
        dct: None,
        dct_source: None,
        status: "failed",
        chars: 0,
        sentences: 0,
        mentions: 0,
        events: 0,
        error: Some(reason),
    }
}

fn flush(
    pipeline: &Pipeline,
    batch: &mut Vec<Result<Pending, ArticleRecord>>,
    writer: &mut impl RecordSink,
    summary: &mut Summary,
) -> Result<()> {
    let results: Vec<_> = batch
        .par_iter()
        .map(|entry| entry.as_ref().ok().map(|p| pipeline.process(&p.article)))
        .collect();
    for (entry, extraction) in batch.drain(..).zip(results) {
        summary.articles += 1;
        match entry {
            Ok(p) => {
                let x = extraction.expect("every pending article is processed");
                let a = &p.article;
                summary.processed += 1;
                summary.bytes += a.text.len() as u64;
                for m in &x.mentions {
                    *summary.mentions.entry(m.kind.to_string()).or_default() += 1;
                }
                for e in &x.events {
                    *summary
                        .events
                        .entry(match e.subtype {
                            Some(st) => format!("{}/{st}", e.kind),
                            None => e.kind.to_string(),
                        })
                        .or_default() += 1;
                }
                let notices: Vec<NoticeRecord> = p
                    .warnings
                    .iter()
                    .map(|w| NoticeRecord {
                        level: Level::Warning,
                        input: a.path.clone(),
                        line: a.line,
                        article: Some(a.id.clone()),
                        reason: w.clone(),
                    })
                    .collect();
                summary.warnings += notices.len() as u64;
                let record = ArticleRecord {
                    id: a.id.clone(),
                    path: a.path.clone(),
                    line: a.line,
                    title: a.title.clone(),
                    dct: a.dct.map(|d| d.to_string()),
                    dct_source: a.dct_source.map(DctSource::as_str),
                    status: "processed",
                    chars: a.text.chars().count(),
                    sentences: x.sentences,
                    mentions: x.mentions.len(),
                    events: x.events.len(),
                    error: None,
                };
                writer.write_article(&record, &a.text, &notices, &x.mentions, &x.events)?;
            }
            Err(record) => {
                summary.failed += 1;
                let notice = NoticeRecord {
                    level: Level::Error,
                    input: record.path.clone(),
                    line: record.line,
                    article: Some(record.id.clone()),
                    reason: record.error.clone().unwrap_or_default(),
                };
                writer.write_article(&record, "", &[notice], &[], &[])?;
            }
        }
    }
    Ok(())
}

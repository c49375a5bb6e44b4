//! The batch driver: paths in, records out, every input accounted for.
//!
//! Three stages run at once, joined by bounded channels:
//! 1. a **reader** thread walks the inputs in order, reads each file into
//!    articles, failures and warnings, gives articles without a DCT their
//!    fallback, refuses repeated ids, leaves out what another shard or an
//!    earlier run (`--resume`) owns, and gathers the rest into batches of at
//!    most [`RunConfig::batch_size`] articles or [`RunConfig::batch_bytes`]
//!    bytes of text;
//! 2. a **processing** thread runs each batch through the pipeline on rayon's
//!    pool, one article per task;
//! 3. the **calling** thread writes each processed batch's records in input
//!    order, then checkpoints the sink ([`RecordSink::checkpoint`]).
//!
//! At most [`QUEUE`] batches wait between two stages, so memory is bounded by
//! a window of about `2 × QUEUE + 3` batches in flight, never by the corpus,
//! and output never depends on the thread count. A panic inside the pipeline
//! (a bug) fails its article with an error record instead of ending the run.

use std::collections::{BTreeMap, HashMap, HashSet};
use std::io::Read;
use std::path::PathBuf;
use std::sync::mpsc::{Receiver, SyncSender, sync_channel};
use std::time::Instant;

use jiff::civil::Date;
use rayon::prelude::*;
use serde::Serialize;
use sha2::{Digest, Sha256};

use crate::article::{Article, DctSource, dateline_dct};
use crate::error::Result;
use crate::input::{self, InputFile, Item};
use crate::output::{ArticleRecord, Level, NoticeRecord, RecordSink};
use crate::pipeline::{Extraction, Pipeline};

/// Batches waiting between two stages.
pub const QUEUE: usize = 2;

/// Options of a run.
#[derive(Debug, Clone)]
pub struct RunConfig {
    /// DCT for articles that carry none (`--published`).
    pub published: Option<Date>,
    /// Most articles in one batch.
    pub batch_size: usize,
    /// Most bytes of article text (UTF-8) in one batch; a single larger
    /// article makes a batch of its own.
    pub batch_bytes: usize,
    /// Only these articles are processed (`newsie eval` runs only the
    /// articles its gold annotates); the others are counted in
    /// [`Summary::unselected`] and produce no records.
    pub select: Option<Selection>,
    /// Only the articles of this shard are processed (`--shard I/N`); the
    /// others are counted in [`Summary::other_shards`].
    pub shard: Option<Shard>,
    /// Inputs completed by an earlier run into the same folder (`--resume`):
    /// input path → SHA-256 of its bytes, `None` for a path that could not
    /// be read. Such an input with the same bytes, or still unreadable, is
    /// skipped ([`Summary::resumed_inputs`]); with other bytes it is read
    /// again, with a warning. Standard input is never skipped.
    pub done: Option<HashMap<String, Option<String>>>,
    /// Compute each input file's SHA-256 and pass it to
    /// [`RecordSink::input_done`] (for the resume ledger of a folder).
    pub hash_inputs: bool,
    /// Which files to read from folders, and how to read standard input.
    pub input: input::InputOptions,
    /// Process articles in every language (`--all-languages`); by default
    /// an article reliably detected as not English ([`crate::language`]) is
    /// skipped: an `article` record with status `skipped` and a warning.
    pub all_languages: bool,
}

impl Default for RunConfig {
    fn default() -> Self {
        RunConfig {
            published: None,
            batch_size: 2048,
            batch_bytes: 4 << 20,
            select: None,
            shard: None,
            done: None,
            hash_inputs: false,
            input: input::InputOptions::default(),
            all_languages: false,
        }
    }
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

/// One of `count` shards of a corpus (`--shard I/N`, `index` 0-based).
///
/// An article belongs to shard `h mod count`, where `h` is the first 8 bytes,
/// big-endian, of the SHA-256 (FIPS 180-4) of its id's UTF-8 bytes: stable
/// across machines, platforms and newsie versions, evenly spread whatever
/// the ids look like, and easy to compute elsewhere (Python:
/// `int.from_bytes(hashlib.sha256(id.encode()).digest()[:8], "big") % N`).
/// So `N` processes given the same inputs split them without overlap or
/// gap. Failures are assigned by the id they are reported under, and a
/// file's own warnings by its path, so each appears in exactly one shard.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Shard {
    /// This shard, `0..count`.
    pub index: u64,
    /// How many shards.
    pub count: u64,
}

impl std::fmt::Display for Shard {
    /// `I/N`, as `--shard` takes it.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}/{}", self.index, self.count)
    }
}

impl Shard {
    /// Parses `I/N` with `0 <= I < N`.
    ///
    /// # Errors
    /// A message saying what is wrong, for the command line.
    pub fn parse(s: &str) -> std::result::Result<Shard, String> {
        let (i, n) = s
            .split_once('/')
            .ok_or_else(|| format!("{s:?} is not I/N (such as 0/4)"))?;
        let parse = |v: &str| {
            v.trim()
                .parse::<u64>()
                .map_err(|_| format!("{s:?} is not I/N (such as 0/4)"))
        };
        let (index, count) = (parse(i)?, parse(n)?);
        if count == 0 || index >= count {
            return Err(format!("shard {index}/{count}: I must be 0 to N-1"));
        }
        Ok(Shard { index, count })
    }

    /// True when the article or failure reported as `id` is this shard's.
    pub fn owns(&self, id: &str) -> bool {
        let digest = Sha256::digest(id.as_bytes());
        let mut head = [0u8; 8];
        head.copy_from_slice(&digest[..8]);
        u64::from_be_bytes(head) % self.count == self.index
    }
}

/// Counts of a run, as printed at the end and written to `summary.json`.
#[derive(Debug, Clone, Default, Serialize)]
pub struct Summary {
    /// Input files read.
    pub files: u64,
    /// Files in folders skipped for their extension.
    pub skipped_files: u64,
    /// Articles seen (processed + skipped + failed articles).
    pub articles: u64,
    /// Articles processed.
    pub processed: u64,
    /// Articles skipped as not in English ([`RunConfig::all_languages`]).
    pub skipped_language: u64,
    /// Articles or inputs that failed (each has an `error` record).
    pub failed: u64,
    /// Articles left out by [`RunConfig::select`].
    pub unselected: u64,
    /// Articles and failures left to other shards ([`RunConfig::shard`]).
    pub other_shards: u64,
    /// Input files skipped as completed by an earlier run ([`RunConfig::done`]).
    pub resumed_inputs: u64,
    /// Warning records written.
    pub warnings: u64,
    /// Bytes of article text processed (UTF-8, after decompression).
    pub bytes: u64,
    /// Bytes of the input files completed, as stored (compressed size for
    /// `.gz`); what progress is measured in.
    pub input_bytes: u64,
    /// Mentions by type.
    pub mentions: BTreeMap<String, u64>,
    /// Events by type (`price_change/share_price`).
    pub events: BTreeMap<String, u64>,
    /// Wall time, seconds.
    pub seconds: f64,
}

/// An input whose every record has been handed to the sink.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct InputDone {
    /// Input path as given (as in records).
    pub path: String,
    /// Hex SHA-256 of its bytes as stored, when [`RunConfig::hash_inputs`]
    /// (`None` for standard input and an unreadable path).
    pub sha256: Option<String>,
    /// Articles it gave (processed, failed or left to another shard).
    pub articles: u64,
}

/// What processing an entry gave.
enum Outcome {
    /// Not an article.
    Nothing,
    /// The extraction.
    Extracted(Extraction),
    /// Not in English: the language detected.
    NotEnglish(crate::language::Detection),
    /// Why the pipeline failed on it.
    Failed(String),
}

/// An article read and waiting for the pipeline.
struct Pending {
    article: Article,
    warnings: Vec<String>,
}

/// What the reader hands on, in input order.
enum Entry {
    /// An article to process.
    Article(Pending),
    /// An article or input that failed.
    Failed(ArticleRecord),
    /// A file's own warning.
    Notice(NoticeRecord),
    /// Everything of this input came before.
    Done(InputDone, u64),
}

/// Entries gathered for one parallel step.
#[derive(Default)]
struct Batch {
    entries: Vec<Entry>,
    /// Bytes of article text.
    bytes: usize,
    /// Articles and failures.
    articles: usize,
}

/// What the reader counted that produces no record.
#[derive(Default)]
struct ReaderCounts {
    files: u64,
    skipped_files: u64,
    unselected: u64,
    other_shards: u64,
    resumed_inputs: u64,
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
    sink: &mut impl RecordSink,
) -> Result<Summary> {
    run_with(pipeline, paths, config, sink, &mut |_, _| {})
}

/// [`run`], calling `progress(summary so far, total bytes of the input
/// files)` on the calling thread after each batch is written (for a
/// progress bar: [`Summary::input_bytes`] of the total).
///
/// # Errors
/// As [`run`].
pub fn run_with(
    pipeline: &Pipeline,
    paths: &[PathBuf],
    config: &RunConfig,
    sink: &mut impl RecordSink,
    progress: &mut dyn FnMut(&Summary, u64),
) -> Result<Summary> {
    let started = Instant::now();
    let found = input::discover(paths, &config.input);
    let total_bytes: u64 = found
        .files
        .iter()
        .filter_map(|f| f.as_ref().ok())
        .filter_map(|f| std::fs::metadata(&f.path).ok())
        .filter(std::fs::Metadata::is_file)
        .map(|m| m.len())
        .sum();
    let mut summary = Summary::default();
    let counts = std::thread::scope(|scope| -> Result<ReaderCounts> {
        let (to_process, batches) = sync_channel::<Batch>(QUEUE);
        let (to_write, processed) = sync_channel::<(Batch, Vec<Outcome>)>(QUEUE);
        let reader = scope.spawn(move || read_all(found, config, to_process));
        let all_languages = config.all_languages;
        scope.spawn(move || process_all(pipeline, all_languages, batches, to_write));
        for (batch, results) in processed {
            write_batch(batch, results, sink, &mut summary)?;
            sink.checkpoint()?;
            summary.seconds = started.elapsed().as_secs_f64();
            progress(&summary, total_bytes);
        }
        Ok(reader.join().expect("the reader does not panic"))
    });
    let counts = counts?;
    summary.files = counts.files;
    summary.skipped_files = counts.skipped_files;
    summary.unselected = counts.unselected;
    summary.other_shards = counts.other_shards;
    summary.resumed_inputs = counts.resumed_inputs;
    summary.seconds = started.elapsed().as_secs_f64();
    Ok(summary)
}

/// The reader stage. Stops early when the next stage has gone (a write
/// failed).
fn read_all(found: input::Discovered, config: &RunConfig, out: SyncSender<Batch>) -> ReaderCounts {
    let mut counts = ReaderCounts {
        skipped_files: found.skipped.len() as u64,
        ..ReaderCounts::default()
    };
    let mut seen: HashSet<String> = HashSet::new();
    let mut batch = Batch::default();
    let owned = |id: &str| config.shard.is_none_or(|s| s.owns(id));
    for entry in found.files {
        let mut articles = 0;
        let (path, file_bytes, sha256) = match &entry {
            Ok(file) => {
                counts.files += 1;
                let (bytes, sha256) = fingerprint(file, config);
                let stdin = file.path.as_os_str() == "-";
                if let Some(done) = &config.done
                    && !stdin
                    && done.get(&file.display()) == Some(&sha256)
                {
                    counts.resumed_inputs += 1;
                    continue;
                }
                (file.display(), bytes, sha256)
            }
            Err((path, _)) => {
                let path = path.to_string_lossy().into_owned();
                // Still unreadable: its failure is already recorded.
                if config
                    .done
                    .as_ref()
                    .is_some_and(|d| d.get(&path) == Some(&None))
                {
                    counts.resumed_inputs += 1;
                    continue;
                }
                (path, 0, None)
            }
        };
        let items: input::Items = match &entry {
            Ok(file) => {
                let changed = config.done.as_ref().filter(|_| path != "-").and_then(|done| {
                    done.contains_key(&path).then(|| Item::Warning {
                        path: path.clone(),
                        reason: "input changed since the run being resumed: read again (its earlier records stay)".into(),
                    })
                });
                Box::new(changed.into_iter().chain(input::read(file)))
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
                    articles += 1;
                    let given_dct = match config.select.as_ref().map(|s| s.find(&article)) {
                        Some(None) => {
                            counts.unselected += 1;
                            continue;
                        }
                        Some(Some(d)) => d,
                        None => None,
                    };
                    if !owned(&article.id) {
                        counts.other_shards += 1;
                        continue;
                    }
                    if !seen.insert(article.id.clone()) {
                        Entry::Failed(failed_record(
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
                        Entry::Article(Pending { article, warnings })
                    }
                }
                Item::Failed {
                    path,
                    line,
                    id,
                    reason,
                } => {
                    articles += 1;
                    if !owned(&id) {
                        counts.other_shards += 1;
                        continue;
                    }
                    Entry::Failed(failed_record(&path, line, &id, reason))
                }
                Item::Warning { path, reason } => {
                    if !owned(&path) {
                        continue;
                    }
                    Entry::Notice(NoticeRecord {
                        level: Level::Warning,
                        input: path,
                        line: None,
                        article: None,
                        reason,
                    })
                }
            };
            if let Entry::Article(p) = &entry {
                batch.bytes += p.article.text.len();
            }
            batch.articles += usize::from(!matches!(entry, Entry::Notice(_)));
            batch.entries.push(entry);
            let full = batch.articles >= config.batch_size || batch.bytes >= config.batch_bytes;
            // A failed send: the writer stopped (its error ends the run).
            if full && out.send(std::mem::take(&mut batch)).is_err() {
                return counts;
            }
        }
        let done = InputDone {
            path,
            sha256,
            articles,
        };
        batch.entries.push(Entry::Done(done, file_bytes));
    }
    if !batch.entries.is_empty() {
        let _ = out.send(batch);
    }
    counts
}

/// The size of an input file and, when asked for, the hex SHA-256 of its
/// bytes (`None` for standard input and for a file that cannot be read: it
/// is never counted as done).
fn fingerprint(file: &InputFile, config: &RunConfig) -> (u64, Option<String>) {
    if file.path.as_os_str() == "-" {
        return (0, None);
    }
    let size = std::fs::metadata(&file.path).map_or(0, |m| m.len());
    if !config.hash_inputs && config.done.is_none() {
        return (size, None);
    }
    let hash = std::fs::File::open(&file.path).ok().and_then(|mut f| {
        let mut hasher = Sha256::new();
        let mut buf = vec![0; 1 << 16];
        loop {
            match f.read(&mut buf) {
                Ok(0) => break,
                Ok(n) => hasher.update(&buf[..n]),
                Err(_) => return None,
            }
        }
        Some(
            hasher
                .finalize()
                .iter()
                .map(|b| format!("{b:02x}"))
                .collect(),
        )
    });
    (size, hash)
}

/// The processing stage: each batch in parallel, in order.
fn process_all(
    pipeline: &Pipeline,
    all_languages: bool,
    batches: Receiver<Batch>,
    out: SyncSender<(Batch, Vec<Outcome>)>,
) {
    for batch in batches {
        let results = batch
            .entries
            .par_iter()
            .map(|entry| match entry {
                Entry::Article(p) => {
                    let detected = (!all_languages)
                        .then(|| crate::language::foreign(&p.article.text))
                        .flatten();
                    match detected {
                        Some(d) => Outcome::NotEnglish(d),
                        None => match process_one(pipeline, &p.article) {
                            Ok(x) => Outcome::Extracted(x),
                            Err(reason) => Outcome::Failed(reason),
                        },
                    }
                }
                _ => Outcome::Nothing,
            })
            .collect();
        if out.send((batch, results)).is_err() {
            return;
        }
    }
}

/// One article through the pipeline; a panic (a bug) becomes an error the
/// article fails with.
fn process_one(pipeline: &Pipeline, article: &Article) -> std::result::Result<Extraction, String> {
    std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| pipeline.process(article))).map_err(
        |panic| {
            let message = panic
                .downcast_ref::<&str>()
                .map(|s| s.to_string())
                .or_else(|| panic.downcast_ref::<String>().cloned())
                .unwrap_or_default();
            format!("internal error, please report it: the pipeline panicked: {message}")
        },
    )
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

/// The writing stage for one batch.
fn write_batch(
    batch: Batch,
    results: Vec<Outcome>,
    sink: &mut impl RecordSink,
    summary: &mut Summary,
) -> Result<()> {
    for (entry, result) in batch.entries.into_iter().zip(results) {
        match (entry, result) {
            (Entry::Article(p), Outcome::Extracted(x)) => {
                let a = &p.article;
                summary.articles += 1;
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
                let notices: Vec<NoticeRecord> =
                    p.warnings.iter().map(|w| warning(a, w.clone())).collect();
                summary.warnings += notices.len() as u64;
                let record = ArticleRecord {
                    sentences: x.sentences,
                    mentions: x.mentions.len(),
                    events: x.events.len(),
                    ..article_record(a, "processed")
                };
                sink.write_article(&record, &a.text, &notices, &x.mentions, &x.events)?;
            }
            (Entry::Article(p), Outcome::NotEnglish(d)) => {
                let a = &p.article;
                summary.articles += 1;
                summary.skipped_language += 1;
                summary.warnings += 1;
                let notice = warning(
                    a,
                    format!(
                        "not English (detected {}, confidence {:.2}): skipped; --all-languages processes it",
                        d.code.unwrap_or("?"),
                        d.confidence
                    ),
                );
                let record = article_record(a, "skipped");
                sink.write_article(&record, &a.text, &[notice], &[], &[])?;
            }
            (Entry::Article(p), Outcome::Failed(reason)) => {
                let a = &p.article;
                let record = failed_record(&a.path, a.line, &a.id, reason);
                write_failed(&record, sink, summary)?;
            }
            (Entry::Failed(record), _) => write_failed(&record, sink, summary)?,
            (Entry::Notice(notice), _) => {
                summary.warnings += 1;
                sink.write_notice(&notice)?;
            }
            (Entry::Done(done, bytes), _) => {
                summary.input_bytes += bytes;
                sink.input_done(&done)?;
            }
            (Entry::Article(_), Outcome::Nothing) => unreachable!("every article is processed"),
        }
    }
    Ok(())
}

/// The record of an article read with `status`, its counts zero.
fn article_record(a: &Article, status: &'static str) -> ArticleRecord {
    ArticleRecord {
        id: a.id.clone(),
        path: a.path.clone(),
        line: a.line,
        title: a.title.clone(),
        dct: a.dct.map(|d| d.to_string()),
        dct_source: a.dct_source.map(DctSource::as_str),
        status,
        chars: a.text.chars().count(),
        sentences: 0,
        mentions: 0,
        events: 0,
        error: None,
    }
}

/// A warning about article `a`.
fn warning(a: &Article, reason: String) -> NoticeRecord {
    NoticeRecord {
        level: Level::Warning,
        input: a.path.clone(),
        line: a.line,
        article: Some(a.id.clone()),
        reason,
    }
}

fn write_failed(
    record: &ArticleRecord,
    sink: &mut impl RecordSink,
    summary: &mut Summary,
) -> Result<()> {
    summary.articles += 1;
    summary.failed += 1;
    let notice = NoticeRecord {
        level: Level::Error,
        input: record.path.clone(),
        line: record.line,
        article: Some(record.id.clone()),
        reason: record.error.clone().unwrap_or_default(),
    };
    sink.write_article(record, "", &[notice], &[], &[])
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shards_split_ids_without_overlap_or_gap() {
        let shards: Vec<Shard> = (0..4).map(|i| Shard { index: i, count: 4 }).collect();
        let mut sizes = [0; 4];
        for n in 0..4000 {
            let id = format!("reuters-{n}");
            let owners: Vec<usize> = (0..4).filter(|&i| shards[i].owns(&id)).collect();
            assert_eq!(owners.len(), 1, "{id}");
            sizes[owners[0]] += 1;
        }
        // Evenly spread: each shard within 10% of a quarter.
        assert!(
            sizes.iter().all(|&s| (900..=1100).contains(&s)),
            "{sizes:?}"
        );
        // Stable: SHA-256("abc") starts ba7816bf8f01cfea (FIPS 180-2, appendix B.1).
        let h: u64 = 0xba78_16bf_8f01_cfea;
        assert!(
            Shard {
                index: h % 7,
                count: 7
            }
            .owns("abc")
        );
        assert!(
            !Shard {
                index: (h + 1) % 7,
                count: 7
            }
            .owns("abc")
        );
        assert_eq!(Shard::parse("1/4"), Ok(Shard { index: 1, count: 4 }));
        for bad in ["4/4", "1", "a/b", "0/0", "-1/3"] {
            assert!(Shard::parse(bad).is_err(), "{bad}");
        }
    }
}

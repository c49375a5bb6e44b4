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

    /// Parses `--shard`: `I/N`, or `auto` / `auto/N` to take the shard from
    /// a batch scheduler's environment, read through `env` (the CLI passes
    /// `std::env::var`):
    ///
    /// - a Slurm job array (`sbatch --array=A-B[:S]`): I is
    ///   (`SLURM_ARRAY_TASK_ID` − `SLURM_ARRAY_TASK_MIN`) / `SLURM_ARRAY_TASK_STEP`
    ///   (min 0 and step 1 when unset) and N is `SLURM_ARRAY_TASK_COUNT`, so
    ///   `--array=1-8` is 8 shards whatever its first index;
    /// - a Kubernetes Indexed Job: I is `JOB_COMPLETION_INDEX`, which comes
    ///   without a count, so N must be given (`auto/N`, the Job's
    ///   `completions`).
    ///
    /// Sources: Slurm `sbatch` manual, "OUTPUT ENVIRONMENT VARIABLES"
    /// (<https://slurm.schedmd.com/sbatch.html>); Kubernetes "Jobs",
    /// Indexed completion mode
    /// (<https://kubernetes.io/docs/concepts/workloads/controllers/job/>).
    ///
    /// # Errors
    /// A message for the command line: no scheduler variable set, or both
    /// Slurm's and Kubernetes', a value that is not a whole number, a step of
    /// 0, an N that disagrees with Slurm's count, or an index outside `0..N`.
    pub fn resolve(
        s: &str,
        env: impl Fn(&str) -> Option<String>,
    ) -> std::result::Result<Shard, String> {
        let Some(rest) = s.strip_prefix("auto") else {
            return Shard::parse(s);
        };
        let given = match rest {
            "" => None,
            r => Some(
                r.strip_prefix('/')
                    .and_then(|n| n.trim().parse::<u64>().ok())
                    .ok_or_else(|| format!("{s:?} is not auto or auto/N (such as auto/4)"))?,
            ),
        };
        let var = |name: &str| -> std::result::Result<Option<u64>, String> {
            env(name)
                .filter(|v| !v.trim().is_empty())
                .map(|v| {
                    v.trim().parse::<u64>().map_err(|_| {
                        format!("--shard {s}: {name}={v:?} is not a whole number (0 or more)")
                    })
                })
                .transpose()
        };
        let slurm = var("SLURM_ARRAY_TASK_ID")?;
        let kubernetes = var("JOB_COMPLETION_INDEX")?;
        if slurm.is_some() && kubernetes.is_some() {
            return Err(format!(
                "--shard {s}: both SLURM_ARRAY_TASK_ID and JOB_COMPLETION_INDEX are set; give --shard I/N"
            ));
        }
        let (index, count) = if let Some(id) = slurm {
            let min = var("SLURM_ARRAY_TASK_MIN")?.unwrap_or(0);
            let step = var("SLURM_ARRAY_TASK_STEP")?.unwrap_or(1);
            if step == 0 {
                return Err(format!("--shard {s}: SLURM_ARRAY_TASK_STEP is 0"));
            }
            let offset = id.checked_sub(min).filter(|o| o % step == 0).ok_or_else(|| {
                format!(
                    "--shard {s}: SLURM_ARRAY_TASK_ID={id} is not on the array's range (min {min}, step {step}); give --shard I/N"
                )
            })?;
            let count = match (var("SLURM_ARRAY_TASK_COUNT")?, given) {
                (Some(c), Some(n)) if c != n => {
                    return Err(format!(
                        "--shard {s}: the Slurm array has SLURM_ARRAY_TASK_COUNT={c} tasks, not {n}"
                    ));
                }
                (Some(c), _) | (None, Some(c)) => c,
                (None, None) => {
                    return Err(format!(
                        "--shard {s}: SLURM_ARRAY_TASK_COUNT is not set; give the count as --shard auto/N"
                    ));
                }
            };
            (offset / step, count)
        } else if let Some(index) = kubernetes {
            let count = given.ok_or_else(|| {
                format!(
                    "--shard {s}: JOB_COMPLETION_INDEX={index} comes without a count; give the Job's completions as --shard auto/N"
                )
            })?;
            (index, count)
        } else {
            return Err(format!(
                "--shard {s}: neither SLURM_ARRAY_TASK_ID (a Slurm job array) nor JOB_COMPLETION_INDEX (a Kubernetes Indexed Job) is set"
            ));
        };
        if count == 0 || index >= count {
            return Err(format!(
                "--shard {s}: shard {index}/{count} from the environment: I must be 0 to N-1"
            ));
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

/// What processing an article gave ([`process`]).
#[derive(Debug)]
pub enum Outcome {
    /// The extraction.
    Extracted(Extraction),
    /// Not in English: the language detected.
    NotEnglish(crate::language::Detection),
    /// Why the pipeline failed on it.
    Failed(String),
}

/// Every record newsie writes for one input item, in the order of the
/// single JSONL stream: the article (none for a file's own warning), its
/// errors and warnings, its mentions, its events.
#[derive(Debug, Clone, Default)]
pub struct Records {
    /// The `article` record: processed, skipped (not English) or failed.
    pub article: Option<ArticleRecord>,
    /// Its `error` and `warning` records.
    pub notices: Vec<NoticeRecord>,
    /// Its mentions, ids `m1`, `m2`, …
    pub mentions: Vec<crate::output::MentionRecord>,
    /// Its events, ids `e1`, `e2`, …
    pub events: Vec<crate::output::EventRecord>,
}

impl Records {
    /// Each record as its JSONL line (see [`crate::output::json_line`]) with
    /// its record type (`article`, `error`, `warning`, `mention`, `event`),
    /// in the order of the single JSONL stream.
    pub fn json_lines(&self) -> Vec<(&'static str, String)> {
        use crate::output::json_line;
        let mut lines =
            Vec::with_capacity(1 + self.notices.len() + self.mentions.len() + self.events.len());
        lines.extend(
            self.article
                .iter()
                .map(|a| ("article", json_line("article", a))),
        );
        lines.extend(
            self.notices
                .iter()
                .map(|n| (n.level.as_str(), json_line(n.level.as_str(), n))),
        );
        lines.extend(
            self.mentions
                .iter()
                .map(|m| ("mention", json_line("mention", m))),
        );
        lines.extend(self.events.iter().map(|e| ("event", json_line("event", e))));
        lines
    }
}

/// An article's DCT when it has none of its own, as the batch run gives it:
/// `given` (an `--articles` selection's date), else a date in its dateline
/// (years read near `published`), else `published` (`--published`).
pub fn with_fallback_dct(
    article: Article,
    given: Option<Date>,
    published: Option<Date>,
) -> Article {
    if article.dct.is_some() {
        return article;
    }
    if let Some(d) = given {
        article.with_dct(d, DctSource::Option)
    } else if let Some(d) = dateline_dct(&article.text, published) {
        article.with_dct(d, DctSource::Dateline)
    } else if let Some(d) = published {
        article.with_dct(d, DctSource::Option)
    } else {
        article
    }
}

/// Runs one article through the pipeline, on this thread: skipped when it
/// is reliably not English (unless `all_languages`, see
/// [`crate::language::foreign`]); a panic in the rules (a bug) becomes
/// [`Outcome::Failed`].
pub fn process(pipeline: &Pipeline, article: &Article, all_languages: bool) -> Outcome {
    let detected = (!all_languages)
        .then(|| crate::language::foreign(&article.text))
        .flatten();
    match detected {
        Some(d) => Outcome::NotEnglish(d),
        None => match process_one(pipeline, article) {
            Ok(x) => Outcome::Extracted(x),
            Err(reason) => Outcome::Failed(reason),
        },
    }
}

/// The records of an article whose id an earlier article of the run already
/// had: a run keeps the first article of an id (in input order) and fails
/// the others, each a failed `article` record and an `error` record with
/// the reason `repeated article id "ID"` at the article's own path and line
/// (its reading warnings are dropped, and it is not processed).
pub fn repeated_id(article: &Article) -> Records {
    failed_records(repeated_record(article))
}

/// The failed article record of a repeated id ([`repeated_id`]).
fn repeated_record(article: &Article) -> ArticleRecord {
    let reason = format!("repeated article id {:?}", article.id);
    failed_record(&article.path, article.line, &article.id, reason)
}

/// The records of one input item read by [`input::read`] or
/// [`input::read_bytes`], processed on this thread exactly as the batch run
/// processes it: DCT fallback ([`with_fallback_dct`] with `published`),
/// [`process`], records. What needs the whole run is left out: repeated
/// ids ([`repeated_id`] makes the item a run makes of a repeat), shards and
/// resume.
pub fn item_records(
    pipeline: &Pipeline,
    item: Item,
    published: Option<Date>,
    all_languages: bool,
) -> Records {
    match item {
        Item::Article { article, warnings } => {
            let article = with_fallback_dct(article, None, published);
            let outcome = process(pipeline, &article, all_languages);
            article_records(&article, &warnings, outcome)
        }
        Item::Failed {
            path,
            line,
            id,
            reason,
        } => failed_records(failed_record(&path, line, &id, reason)),
        Item::Warning { path, reason } => Records {
            notices: vec![file_warning(path, reason)],
            ..Records::default()
        },
    }
}

/// The records of an article read with `warnings`, given what processing
/// it gave.
pub fn article_records(a: &Article, warnings: &[String], outcome: Outcome) -> Records {
    match outcome {
        Outcome::Extracted(x) => Records {
            article: Some(ArticleRecord {
                sentences: x.sentences,
                mentions: x.mentions.len(),
                events: x.events.len(),
                ..article_record(a, "processed")
            }),
            notices: warnings.iter().map(|w| warning(a, w.clone())).collect(),
            mentions: x.mentions,
            events: x.events,
        },
        Outcome::NotEnglish(d) => Records {
            article: Some(article_record(a, "skipped")),
            notices: vec![warning(
                a,
                format!(
                    "not English (detected {}, confidence {:.2}): skipped; --all-languages processes it",
                    d.code.unwrap_or("?"),
                    d.confidence
                ),
            )],
            ..Records::default()
        },
        Outcome::Failed(reason) => failed_records(failed_record(&a.path, a.line, &a.id, reason)),
    }
}

/// A failed article's records: its `article` record and one `error`.
fn failed_records(record: ArticleRecord) -> Records {
    let notice = NoticeRecord {
        level: Level::Error,
        input: record.path.clone(),
        line: record.line,
        article: Some(record.id.clone()),
        reason: record.error.clone().unwrap_or_default(),
    };
    Records {
        article: Some(record),
        notices: vec![notice],
        ..Records::default()
    }
}

/// A file's own warning.
fn file_warning(path: String, reason: String) -> NoticeRecord {
    NoticeRecord {
        level: Level::Warning,
        input: path,
        line: None,
        article: None,
        reason,
    }
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
        let (to_write, processed) = sync_channel::<(Batch, Vec<Option<Outcome>>)>(QUEUE);
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
                Item::Article { article, warnings } => {
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
                        Entry::Failed(repeated_record(&article))
                    } else {
                        let article = with_fallback_dct(article, given_dct, config.published);
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
                    Entry::Notice(file_warning(path, reason))
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
    out: SyncSender<(Batch, Vec<Option<Outcome>>)>,
) {
    for batch in batches {
        let results = batch
            .entries
            .par_iter()
            .map(|entry| match entry {
                Entry::Article(p) => Some(process(pipeline, &p.article, all_languages)),
                _ => None,
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
    results: Vec<Option<Outcome>>,
    sink: &mut impl RecordSink,
    summary: &mut Summary,
) -> Result<()> {
    for (entry, result) in batch.entries.into_iter().zip(results) {
        let (records, text) = match (entry, result) {
            (Entry::Article(p), Some(outcome)) => {
                let records = article_records(&p.article, &p.warnings, outcome);
                (records, p.article.text)
            }
            (Entry::Failed(record), _) => (failed_records(record), String::new()),
            (Entry::Notice(notice), _) => {
                summary.warnings += 1;
                sink.write_notice(&notice)?;
                continue;
            }
            (Entry::Done(done, bytes), _) => {
                summary.input_bytes += bytes;
                sink.input_done(&done)?;
                continue;
            }
            (Entry::Article(_), None) => unreachable!("every article is processed"),
        };
        let article = records.article.as_ref().expect("an article's records");
        summary.count(article, &records, text.len());
        let text = if article.status == "failed" {
            ""
        } else {
            &text
        };
        sink.write_article(
            article,
            text,
            &records.notices,
            &records.mentions,
            &records.events,
        )?;
    }
    Ok(())
}

impl Summary {
    /// Counts one article's records (`bytes` of text).
    fn count(&mut self, article: &ArticleRecord, records: &Records, bytes: usize) {
        self.articles += 1;
        self.warnings += records
            .notices
            .iter()
            .filter(|n| n.level == Level::Warning)
            .count() as u64;
        match article.status {
            "processed" => {
                self.processed += 1;
                self.bytes += bytes as u64;
                for m in &records.mentions {
                    *self.mentions.entry(m.kind.to_string()).or_default() += 1;
                }
                for e in &records.events {
                    *self
                        .events
                        .entry(match e.subtype {
                            Some(st) => format!("{}/{st}", e.kind),
                            None => e.kind.to_string(),
                        })
                        .or_default() += 1;
                }
            }
            "skipped" => self.skipped_language += 1,
            _ => self.failed += 1,
        }
    }
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shards_come_from_slurm_and_kubernetes_variables() {
        let env = |pairs: &'static [(&'static str, &'static str)]| {
            move |k: &str| {
                pairs
                    .iter()
                    .find(|(name, _)| *name == k)
                    .map(|(_, v)| v.to_string())
            }
        };
        let shard = |index, count| Ok(Shard { index, count });
        // sbatch --array=0-3
        let slurm = env(&[
            ("SLURM_ARRAY_TASK_ID", "2"),
            ("SLURM_ARRAY_TASK_COUNT", "4"),
        ]);
        assert_eq!(Shard::resolve("auto", slurm), shard(2, 4));
        assert_eq!(Shard::resolve("auto/4", slurm), shard(2, 4));
        assert!(
            Shard::resolve("auto/5", slurm)
                .unwrap_err()
                .contains("COUNT=4")
        );
        // An explicit I/N wins over the environment.
        assert_eq!(Shard::resolve("1/3", slurm), shard(1, 3));
        // sbatch --array=1-8: task 8 is the last of 8 shards.
        let from_one = env(&[
            ("SLURM_ARRAY_TASK_ID", "8"),
            ("SLURM_ARRAY_TASK_MIN", "1"),
            ("SLURM_ARRAY_TASK_COUNT", "8"),
        ]);
        assert_eq!(Shard::resolve("auto", from_one), shard(7, 8));
        // sbatch --array=10-40:10 is 4 tasks: 10, 20, 30, 40.
        let stepped = env(&[
            ("SLURM_ARRAY_TASK_ID", "30"),
            ("SLURM_ARRAY_TASK_MIN", "10"),
            ("SLURM_ARRAY_TASK_STEP", "10"),
            ("SLURM_ARRAY_TASK_COUNT", "4"),
        ]);
        assert_eq!(Shard::resolve("auto", stepped), shard(2, 4));
        // A Kubernetes Indexed Job gives the index only.
        let k8s = env(&[("JOB_COMPLETION_INDEX", "3")]);
        assert_eq!(Shard::resolve("auto/4", k8s), shard(3, 4));
        assert!(Shard::resolve("auto", k8s).unwrap_err().contains("auto/N"));
        assert!(
            Shard::resolve("auto/3", k8s)
                .unwrap_err()
                .contains("0 to N-1")
        );
        // Nothing set, or garbage.
        assert!(
            Shard::resolve("auto", env(&[]))
                .unwrap_err()
                .contains("neither")
        );
        let bad = env(&[("JOB_COMPLETION_INDEX", "x")]);
        assert!(
            Shard::resolve("auto/2", bad)
                .unwrap_err()
                .contains("not a whole number")
        );
        let both = env(&[
            ("SLURM_ARRAY_TASK_ID", "0"),
            ("SLURM_ARRAY_TASK_COUNT", "2"),
            ("JOB_COMPLETION_INDEX", "1"),
        ]);
        assert!(Shard::resolve("auto/2", both).unwrap_err().contains("both"));
        let no_step = env(&[
            ("SLURM_ARRAY_TASK_ID", "3"),
            ("SLURM_ARRAY_TASK_STEP", "0"),
            ("SLURM_ARRAY_TASK_COUNT", "4"),
        ]);
        assert!(
            Shard::resolve("auto", no_step)
                .unwrap_err()
                .contains("STEP is 0")
        );
        assert!(Shard::resolve("auto/x", env(&[])).is_err());
        assert!(Shard::resolve("autox", env(&[])).is_err());
    }

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

//! The command line: flags → configuration → pipeline → writers → exit code.

use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Parser, Subcommand, ValueEnum};
use newsie::eval::report::Gate;
use newsie::gazetteer::GazetteerSource;
use newsie::output::{Format, Writer};
use newsie::pipeline::TypeSet;
use newsie::provenance::Provenance;
use newsie::run::{RunConfig, Shard, Summary, run, run_with};
use newsie::{Error, Pipeline};

/// Exit status: every input processed.
const OK: u8 = 0;
/// Exit status: some inputs failed (each reported as an error record).
const SOME_FAILED: u8 = 1;
/// Exit status: usage or setup error.
const USAGE: u8 = 2;

#[derive(Parser, Debug)]
#[command(
    name = "newsie",
    version,
    about = "Rule-based information extraction from news articles: companies, tickers, AI models, dates, money, percentages, release and price-change events, as JSONL or CSV rows."
)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand, Debug)]
enum Command {
    /// Extract mentions and events from articles.
    ///
    /// Exit status: 0 when every input was processed, 1 when some failed
    /// (each reported, the run goes on), 2 on a usage or setup error.
    #[command(
        after_help = "Inputs: .txt (optional front matter between --- lines: id, title, published, source, url), \
.jsonl/.ndjson (one object a line: text or body; id, title, published|date|dct), .json (one such object or an array of them), \
.html/.htm (the page's text, title and published date), .warc (HTML responses and text records; CC-News), and the .gz of each. \
JSONL and WARC files are read as streams, one line or record at a time. \
Folders are walked recursively in sorted order, hidden files included; other files in them are skipped and counted \
(--ext replaces the extensions, --glob keeps only matching paths). A file named directly is read by its extension, or as plain text.\n\n\
Dates are TIMEX3 values computed against the DCT: metadata (published, date, dct), else a date line or wire \
dateline at the top of the text, else --published; without one, relative dates have a null value.\n\n\
Record fields are documented in the README (schema version 1).\n\n\
Examples:\n  newsie extract fixtures/articles/moonshot-kimi-release.txt\n  newsie extract -f csv -o out/ corpus/\n  cat story.txt | newsie extract --published 2025-01-29 -\n  newsie extract --ext md --glob '**/2025-*' notes/\n  zcat feed.jsonl.gz | newsie extract --stdin-format jsonl -"
    )]
    Extract(ExtractArgs),
    /// Score a run against gold annotations: precision, recall and F1 per mention type, event
    /// type and event argument, and a listing of every miss and false positive.
    ///
    /// The gold is a folder (or JSONL file) in the format `newsie extract -o DIR` writes; the
    /// predictions are another such folder (--pred), or an extraction run now over ARTICLES, or
    /// over the files the gold articles came from (their `path`, resolved against --root). Only
    /// the gold's articles are scored. --bless writes the extraction as the gold instead.
    ///
    /// Exit status: 0 when every gate holds (--min-f1, --baseline), 1 when one fails or an input
    /// could not be read, 2 on a usage or setup error.
    #[command(
        after_help = "Measures: exact (identical spans; events: identical triggers), overlap (spans overlap; events: same type, trigger in the evidence sentence), value (paired and the normalized values agree; arguments: right value of a paired event), timex_type (dates).

Examples:
  newsie eval --bless --gold my-gold/ articles/          # promote a reviewed run to gold
  newsie eval --gold my-gold/ articles/                  # score the current rules
  newsie eval --gold my-gold/ --min-f1 company=0.9 --min-f1 date:value=0.8
  newsie eval --gold my-gold/ --format json > baseline.json; newsie eval --gold my-gold/ --baseline baseline.json"
    )]
    Eval(EvalArgs),
    /// Show articles with their mentions and events as a self-contained HTML page (inline
    /// CSS, no script, no network): mentions highlighted by type, hover for entity id and
    /// normalized value, events listed with their evidence sentence.
    #[command(
        after_help = "Example:\n  newsie show --html -o kimi.html fixtures/articles/moonshot-kimi-release.txt"
    )]
    Show(ShowArgs),
    /// Print the JSON Schema (draft 2020-12) of a record type, or of every type as one object
    /// keyed by type: article, mention, event, error, warning (JSONL records, with their
    /// "record" tag) and provenance (a folder's provenance.json).
    Schema {
        /// The record type; without it, all.
        #[arg(value_name = "RECORD", value_parser = clap::builder::PossibleValuesParser::new(newsie::output::schema::RECORD_TYPES))]
        record: Option<String>,
    },
    /// Work with gazetteer folders.
    #[command(subcommand)]
    Gazetteer(GazetteerCommand),
    /// Work with extracted events.
    #[command(subcommand)]
    Events(EventsCommand),
}

#[derive(Subcommand, Debug)]
enum EventsCommand {
    /// Group the events of output folders (written by `extract -o DIR`, JSONL) that report the
    /// same release or price change in different articles into one row each.
    ///
    /// Same type and subtype, company, product or item and direction, and compatible dates (equal,
    /// one inside the other such as 2025-01 and 2025-01-20, or one absent). Each row has the most
    /// specific date, the first-seen date (earliest article DCT), the number of articles and their
    /// ids. Reads DIR/events.jsonl and DIR/articles.jsonl (for each article's DCT); writes one
    /// row per group to standard output. Negated and hypothetical events are left out unless
    /// --all-events. Exit status: 0 done, 2 a folder cannot be read.
    Merge {
        /// Output folders of `newsie extract -o DIR` (JSONL format).
        #[arg(required = true, value_name = "DIR")]
        dirs: Vec<PathBuf>,
        /// Output format.
        #[arg(short, long, value_enum, default_value = "jsonl")]
        format: FormatArg,
        /// Also merge negated and hypothetical events.
        #[arg(long)]
        all_events: bool,
        /// With -f csv, write text cells as they are: by default a cell that begins with =, +, -,
        /// @, tab or carriage return gets a leading ' so that a spreadsheet does not run it as a
        /// formula (numeric columns are never changed).
        #[arg(long)]
        csv_raw: bool,
    },
}

#[derive(Subcommand, Debug)]
enum GazetteerCommand {
    /// Validate a gazetteer folder (companies.tsv, models.tsv, common-words.txt, and the event
    /// lexicon triggers.tsv and event-cues.tsv) and report every problem as FILE:LINE:
    /// error|warning: message. A flat list file is loaded and its first error reported.
    ///
    /// Errors stop the lists from loading (malformed rows, bad or duplicate ids, a name or ticker
    /// claimed by two entities, unknown developer or parent). Warnings flag names that will
    /// mis-match (a common English word without case=exact; a name shadowed by another entity's
    /// name plus a legal suffix). Event lexicon errors: bad columns, unknown frame, pos, direction or
    /// cue class, a missing class. Exit status: 0 clean, 1 problems found, 2 a file cannot be read.
    Check {
        /// The folder to check; without it, the lists compiled into this binary.
        #[arg(value_name = "DIR")]
        dir: Option<PathBuf>,
    },
}

#[derive(clap::Args, Debug)]
struct ExtractArgs {
    /// Files or folders to read; `-` reads one plain-text article from standard input (JSON
    /// Lines with --stdin-format jsonl).
    #[arg(required = true, value_name = "PATH")]
    paths: Vec<PathBuf>,
    /// Read only files with these extensions from folders, instead of .txt, .jsonl, .ndjson,
    /// .json, .html, .htm, .warc (each also .gz): without the dot, comma-separated or repeated;
    /// an extension that is none of these is read as plain text (`--ext md`).
    #[arg(long = "ext", value_name = "EXT", value_delimiter = ',')]
    ext: Vec<String>,
    /// Read only the files of folders whose path relative to the folder matches this glob: `*`
    /// stays within a folder, `**/` crosses them (`--glob '**/2025-*.jsonl'`). Repeatable: a
    /// file matching any is read; the others are skipped and counted.
    #[arg(long = "glob", value_name = "PATTERN", value_parser = parse_glob)]
    glob: Vec<String>,
    /// How standard input (`-`) is read: one plain-text article, or JSON Lines (one article
    /// object a line, read as it comes).
    #[arg(long, value_enum, value_name = "FORMAT", default_value_t = StdinFormat::Text)]
    stdin_format: StdinFormat,
    /// Output format. On standard output, jsonl interleaves article, mention, event, warning and
    /// error records; csv writes the mentions table only (use -o for all tables).
    #[arg(short, long, value_enum, default_value_t = FormatArg::Jsonl)]
    format: FormatArg,
    /// Write mentions, events, articles (in the chosen format), errors.jsonl, provenance.json,
    /// summary.json and the resume ledger inputs.jsonl to this folder (created if missing; files
    /// of those names are replaced, each written under a temporary name and renamed at the end)
    /// instead of standard output.
    #[arg(short, long, value_name = "DIR")]
    output: Option<PathBuf>,
    /// Publication date (DCT), as YYYY-MM-DD, for articles with none in their metadata or a date
    /// line at the top of the text; it also gives the year of wire datelines ("CLEVELAND, Feb 26 -").
    #[arg(long, value_name = "YYYY-MM-DD", value_parser = parse_date)]
    published: Option<jiff::civil::Date>,
    /// Gazetteers to use instead of the bundled ones: a folder with companies.tsv and models.tsv
    /// (its own triggers.tsv and event-cues.tsv, the event lexicon, are used where present), or a
    /// flat list file of name<TAB>type<TAB>canonical lines (types company, ticker, model, or any
    /// other word such as person, reported under its own name; see the README).
    #[arg(long, value_name = "DIR|FILE")]
    gazetteers: Option<PathBuf>,
    /// Worker threads, 1 to 1024 (default: one per core).
    #[arg(short = 'j', long, value_name = "N", value_parser = clap::value_parser!(u16).range(1..=1024))]
    threads: Option<u16>,
    /// No progress bar and no summary on standard error (the progress bar shows only when
    /// standard error is a terminal).
    #[arg(short, long)]
    quiet: bool,
    /// Also write negated ("Meta did not cut prices") and hypothetical ("Amazon could launch a
    /// phone") events to events.csv; JSONL always has them, flagged by `negated` and `status`.
    #[arg(long)]
    all_events: bool,
    /// Also process articles detected as not English (whatlang, over the first 2,000 bytes;
    /// only a reliable detection counts). By default they are skipped: an article record with
    /// status "skipped" and a warning naming the language.
    #[arg(long)]
    all_languages: bool,
    /// Continue an interrupted (or finished) run into the -o folder: inputs its ledger
    /// (inputs.jsonl) records as complete, with the same bytes (SHA-256), are skipped; the
    /// records of the rest are appended. Needs the same -f, gazetteers and types as that run.
    #[arg(long, requires = "output")]
    resume: bool,
    /// Process only shard I of N (0-based): the articles whose id hashes to I mod N (the first
    /// 8 bytes of its SHA-256). N processes with --shard 0/N … N-1/N over the same inputs split
    /// them exactly. `auto` takes I and N from a Slurm job array: I from SLURM_ARRAY_TASK_ID
    /// (less SLURM_ARRAY_TASK_MIN, over SLURM_ARRAY_TASK_STEP), N from SLURM_ARRAY_TASK_COUNT.
    /// `auto/N` takes I from a Kubernetes Indexed Job's JOB_COMPLETION_INDEX (N: the Job's
    /// completions), or from Slurm with N checked against its count.
    #[arg(long, value_name = "I/N|auto[/N]", value_parser = |s: &str| Shard::resolve(s, |k| std::env::var(k).ok()))]
    shard: Option<Shard>,
    /// Keep only these record types, comma-separated: company, date, model, money, percent,
    /// ticker, release, price_change, or one price-change subtype (price_change/share_price).
    /// Event rules are skipped when no event type is listed.
    #[arg(long, value_name = "TYPES", value_parser = parse_types)]
    types: Option<TypeSet>,
    /// With -f csv, write text cells as they are: by default a text cell that begins with =, +,
    /// -, @, tab or carriage return gets a leading ' so that a spreadsheet shows it instead of
    /// running it as a formula (OWASP "CSV Injection"); numeric columns are never changed.
    #[arg(long)]
    csv_raw: bool,
}

#[derive(clap::Args, Debug)]
struct EvalArgs {
    /// Gold annotations: a folder written by `newsie extract -o DIR` (JSONL), edited by hand, or
    /// one such JSONL file. With --bless, the folder to write.
    #[arg(long, value_name = "PATH")]
    gold: PathBuf,
    /// Predictions to score: a folder or JSONL file written by `newsie extract`.
    #[arg(long, value_name = "PATH", conflicts_with = "articles")]
    pred: Option<PathBuf>,
    /// Articles to extract and score (files or folders, as `newsie extract` reads them).
    #[arg(value_name = "ARTICLES")]
    articles: Vec<PathBuf>,
    /// Without --pred or ARTICLES, read the gold articles' own input files, their `path`
    /// resolved against this folder.
    #[arg(long, value_name = "DIR", default_value = ".")]
    root: PathBuf,
    /// Write the extraction (of ARTICLES, or the --pred records) to --gold as the new gold,
    /// instead of scoring. Refuses to replace a non-empty folder without --force.
    #[arg(long)]
    bless: bool,
    /// With --bless, replace the gold files of an existing folder.
    #[arg(long, requires = "bless")]
    force: bool,
    /// Report format.
    #[arg(short, long, value_enum, default_value_t = ReportFormat::Table)]
    format: ReportFormat,
    /// Fail (exit 1) when a row's F1 is below a minimum: NAME[:MEASURE]=F1, such as
    /// company=0.9, date:value=0.8, release=0.5, release.product=0.6. The bare form gates exact
    /// for mentions, overlap for events, value for arguments. Repeatable.
    #[arg(long = "min-f1", value_name = "NAME[:MEASURE]=F1")]
    min_f1: Vec<Gate>,
    /// Fail (exit 1) when any F1 of a report written earlier with --format json is higher
    /// than now; also says when the provenance (version, gazetteer checksum) differs.
    #[arg(long, value_name = "FILE")]
    baseline: Option<PathBuf>,
    /// Score only these record types (see `extract --types`).
    #[arg(long, value_name = "TYPES", value_parser = parse_types)]
    types: Option<TypeSet>,
    /// Score only gold articles whose `split` is this (dev, test).
    #[arg(long, value_name = "NAME")]
    split: Option<String>,
    /// Also write a self-contained HTML review page: each article's text with the predicted
    /// mentions marked correct, partial (span or value differs) or spurious and the missed gold
    /// ones outlined, the events likewise, and the scores on top. Needs the article texts: not
    /// with --pred alone.
    #[arg(long, value_name = "FILE")]
    html: Option<PathBuf>,
    /// Diff entries listed in the table format (all in JSON).
    #[arg(long, value_name = "N", default_value_t = 50)]
    max_diff: usize,
    /// As for extract (not with --pred: the run is already made).
    #[arg(long, value_name = "DIR|FILE", conflicts_with = "pred")]
    gazetteers: Option<PathBuf>,
    /// As for extract, for articles with no DCT of their own and none in the gold (the gold's
    /// DCT comes first).
    #[arg(long, value_name = "YYYY-MM-DD", value_parser = parse_date, conflicts_with = "pred")]
    published: Option<jiff::civil::Date>,
    /// Worker threads, 1 to 1024 (default: one per core).
    #[arg(short = 'j', long, value_name = "N", value_parser = clap::value_parser!(u16).range(1..=1024))]
    threads: Option<u16>,
}

#[derive(clap::Args, Debug)]
struct ShowArgs {
    /// Files or folders to read, as `newsie extract` reads them.
    #[arg(required = true, value_name = "PATH")]
    paths: Vec<PathBuf>,
    /// Render as HTML (the one view so far).
    #[arg(long, required = true)]
    html: bool,
    /// Write the page here instead of standard output.
    #[arg(short, long, value_name = "FILE")]
    output: Option<PathBuf>,
    /// As for extract.
    #[arg(long, value_name = "YYYY-MM-DD", value_parser = parse_date)]
    published: Option<jiff::civil::Date>,
    /// As for extract.
    #[arg(long, value_name = "DIR|FILE")]
    gazetteers: Option<PathBuf>,
    /// As for extract.
    #[arg(long, value_name = "TYPES", value_parser = parse_types)]
    types: Option<TypeSet>,
}

#[derive(ValueEnum, Clone, Copy, Debug, PartialEq, Eq)]
enum ReportFormat {
    Table,
    Json,
    Csv,
}

#[derive(ValueEnum, Clone, Copy, Debug)]
enum StdinFormat {
    Text,
    Jsonl,
}

fn parse_glob(s: &str) -> Result<String, String> {
    newsie::input::check_glob(s).map(|()| s.to_string())
}

#[derive(ValueEnum, Clone, Copy, Debug)]
enum FormatArg {
    Jsonl,
    Csv,
}

fn parse_types(s: &str) -> Result<TypeSet, String> {
    TypeSet::parse(s).map_err(|e| e.to_string())
}

fn parse_date(s: &str) -> Result<jiff::civil::Date, String> {
    let digit_or_dash = |(i, b): (usize, u8)| {
        if i == 4 || i == 7 {
            b == b'-'
        } else {
            b.is_ascii_digit()
        }
    };
    if s.len() != 10 || !s.bytes().enumerate().all(digit_or_dash) {
        return Err("expected YYYY-MM-DD".to_string());
    }
    s.parse::<jiff::civil::Date>()
        .map_err(|e| format!("expected YYYY-MM-DD: {e}"))
}

/// Runs the command line and returns the process exit code.
pub fn main() -> ExitCode {
    let cli = Cli::parse();
    match cli.command {
        Command::Extract(args) => ExitCode::from(extract(args)),
        Command::Eval(args) => ExitCode::from(eval(args)),
        Command::Show(args) => ExitCode::from(show(args)),
        Command::Schema { record } => {
            use newsie::output::schema;
            let value = match record.as_deref() {
                Some(r) => schema::schema(r).expect("clap checked the name"),
                None => schema::all(),
            };
            let text = serde_json::to_string_pretty(&value).expect("a schema serializes");
            ExitCode::from(print_out(&(text + "\n")))
        }
        Command::Gazetteer(GazetteerCommand::Check { dir }) => {
            ExitCode::from(check(dir.as_deref()))
        }
        Command::Events(EventsCommand::Merge {
            dirs,
            format,
            all_events,
            csv_raw,
        }) => ExitCode::from(merge(&dirs, format, all_events, csv_raw)),
    }
}

fn check(dir: Option<&std::path::Path>) -> u8 {
    use newsie::gazetteer::check::{check_bundled, check_dir};
    if let Some(list) = dir.filter(|d| d.is_file()) {
        // A flat list has no policy columns to check: it loads or it does not.
        return match newsie::gazetteer::Gazetteer::load(&GazetteerSource::List(list.into())) {
            Ok(g) => {
                eprintln!(
                    "{}: flat list, {} entities, {} names; 0 errors",
                    list.display(),
                    g.entities().len(),
                    g.name_count()
                );
                OK
            }
            Err(e) => {
                println!("{e}");
                SOME_FAILED
            }
        };
    }
    let (name, report) = match dir {
        Some(d) => (d.display().to_string(), check_dir(d)),
        None => ("bundled gazetteers".to_string(), Ok(check_bundled())),
    };
    let lexicon = match dir {
        Some(d) => newsie::event::lexicon::check_dir(d),
        None => Ok(newsie::event::lexicon::check_bundled()),
    };
    let report = report.and_then(|mut r| {
        let (findings, _) = lexicon?;
        r.findings.extend(findings);
        Ok(r)
    });
    match report {
        Err(e) => {
            eprintln!("newsie: {e}");
            USAGE
        }
        Ok(report) => {
            for f in &report.findings {
                println!("{f}");
            }
            let errors = report
                .findings
                .iter()
                .filter(|f| f.severity == newsie::gazetteer::check::Severity::Error)
                .count();
            eprintln!(
                "{name}: {} companies, {} models; {}, {}",
                report.companies,
                report.models,
                plural(errors, "error"),
                plural(report.findings.len() - errors, "warning")
            );
            if report.findings.is_empty() {
                OK
            } else {
                SOME_FAILED
            }
        }
    }
}

fn merge(dirs: &[PathBuf], format: FormatArg, all: bool, raw: bool) -> u8 {
    use newsie::event::merge::{merge, read_dirs};
    let events = match read_dirs(dirs) {
        Ok(e) => e,
        Err(e) => {
            eprintln!("newsie: {e}");
            return USAGE;
        }
    };
    let merged = merge(events, all);
    let stdout = std::io::stdout();
    let written = match format {
        FormatArg::Jsonl => {
            use std::io::Write;
            let mut out = std::io::BufWriter::new(stdout.lock());
            merged
                .iter()
                .try_for_each(|m| {
                    serde_json::to_writer(&mut out, m)?;
                    out.write_all(b"\n").map_err(serde_json::Error::io)
                })
                .map_err(|e| e.to_string())
                .and_then(|()| out.flush().map_err(|e| e.to_string()))
        }
        FormatArg::Csv => {
            use newsie::output::{csv_safe, record};
            let kinds = record::merged_csv_kinds();
            let mut w = csv::Writer::from_writer(stdout.lock());
            w.write_record(record::merged_csv_header())
                .and_then(|()| {
                    merged.iter().try_for_each(|m| {
                        let mut row = record::merged_csv_row(m);
                        if !raw {
                            csv_safe::neutralize_row(&kinds, &mut row);
                        }
                        w.write_record(row)
                    })
                })
                .map_err(|e| e.to_string())
                .and_then(|()| w.flush().map_err(|e| e.to_string()))
        }
    };
    match written {
        Ok(()) => OK,
        Err(e) if e.contains("Broken pipe") => OK,
        Err(e) => {
            eprintln!("newsie: {e}");
            USAGE
        }
    }
}

/// Prints a setup or usage error and returns the usage exit status.
fn setup(e: &dyn std::fmt::Display) -> u8 {
    eprintln!("newsie: {e}");
    USAGE
}

/// Sizes the global thread pool (before anything else uses it).
fn init_threads(threads: Option<u16>) -> Result<(), String> {
    match threads {
        Some(n) => rayon::ThreadPoolBuilder::new()
            .num_threads(usize::from(n))
            .build_global()
            .map_err(|e| e.to_string()),
        None => Ok(()),
    }
}

/// Loads the pipeline with its provenance.
fn load_pipeline(
    gazetteers: Option<&std::path::Path>,
    types: Option<&TypeSet>,
) -> Result<(Pipeline, Provenance), String> {
    let source = gazetteers.map_or(GazetteerSource::Bundled, GazetteerSource::from_path);
    let types = types.cloned().unwrap_or_default();
    Pipeline::new(&source)
        .and_then(|p| {
            let provenance = Provenance::of(&source, types.list())?;
            Ok((p.with_types(types), provenance))
        })
        .map_err(|e| format!("gazetteers: {e}"))
}

/// Writes `text` to standard output: 0, or 0 on a closed pipe (`| head`),
/// or the usage status with a message when writing fails otherwise.
fn print_out(text: &str) -> u8 {
    use std::io::Write;
    let mut out = std::io::stdout().lock();
    match out.write_all(text.as_bytes()).and_then(|()| out.flush()) {
        Ok(()) => OK,
        Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => OK,
        Err(e) => setup(&format!("standard output: {e}")),
    }
}

/// `n word`, with an `s` unless `n` is 1.
fn plural(n: usize, word: &str) -> String {
    format!("{n} {word}{}", if n == 1 { "" } else { "s" })
}

fn eval(args: EvalArgs) -> u8 {
    use newsie::eval::annotation::Annotations;
    use newsie::eval::{Options, evaluate, extract, extract_texts, gold_paths};
    if let Err(e) = init_threads(args.threads) {
        return setup(&e);
    }
    if args.bless {
        return bless(&args);
    }
    // The gold is read while the pipeline loads.
    let reading = std::thread::spawn({
        let path = args.gold.clone();
        move || Annotations::read(&path)
    });
    let loaded = args
        .pred
        .is_none()
        .then(|| load_pipeline(args.gazetteers.as_deref(), args.types.as_ref()));
    let gold = match reading.join().expect("the gold reader does not panic") {
        Ok(g) => g,
        Err(e) => return setup(&format!("gold: {e}")),
    };
    if let Some(split) = &args.split
        && !gold.docs.values().any(|d| d.split.as_ref() == Some(split))
    {
        let mut splits: Vec<&str> = gold
            .docs
            .values()
            .filter_map(|d| d.split.as_deref())
            .collect();
        splits.sort_unstable();
        splits.dedup();
        return setup(&format!(
            "--split {split:?}: no gold article has it (splits: {})",
            if splits.is_empty() {
                "none".to_string()
            } else {
                splits.join(", ")
            }
        ));
    }
    let baseline = match args
        .baseline
        .as_deref()
        .map(newsie::eval::report::Report::read)
    {
        Some(Err(e)) => return setup(&format!("baseline: {e}")),
        Some(Ok(b)) => Some(b),
        None => None,
    };
    let mut failed_inputs = Vec::new();
    let (pred, pred_name) = if let Some(p) = &args.pred {
        match Annotations::read(p) {
            Ok(a) => (a, p.display().to_string()),
            Err(e) => return setup(&format!("predictions: {e}")),
        }
    } else {
        let (pipeline, provenance) = match loaded.expect("loaded without --pred") {
            Ok(p) => p,
            Err(e) => return setup(&e),
        };
        let with_text = gold.docs.values().any(|d| d.text.is_some());
        let mut pred = if with_text && args.articles.is_empty() {
            extract_texts(&pipeline, &gold)
        } else {
            let paths = if args.articles.is_empty() {
                gold_paths(&gold, &args.root)
            } else {
                args.articles.clone()
            };
            if paths.is_empty() {
                return setup(
                    &"no articles: give ARTICLES or --pred (the gold records no article paths)",
                );
            }
            match extract(&pipeline, &gold, &paths, &args.root, args.published) {
                Ok((pred, _)) => pred,
                Err(e) => return setup(&e),
            }
        };
        // Inputs that could not be read are failed articles; those not
        // filed under a gold id are named by path and not scored.
        pred.docs.retain(|id, d| match &d.failed {
            Some(reason) => {
                let path = d.path.as_deref().unwrap_or(id);
                failed_inputs.push(format!("{path}: {reason}"));
                gold.docs.contains_key(id)
            }
            None => true,
        });
        pred.provenance = Some(provenance);
        (pred, "extraction".to_string())
    };
    let options = Options {
        types: args.types.clone().unwrap_or_default(),
        split: args.split.clone(),
        review: args.html.is_some(),
    };
    let evaluation = evaluate(
        &gold,
        &pred,
        &options,
        &args.gold.display().to_string(),
        &pred_name,
    );
    let mut report = evaluation.report;
    if !failed_inputs.is_empty() {
        let hint = if args.articles.is_empty() {
            format!(
                " (the gold's paths are read relative to --root {}; run from where it was blessed, or give --root or ARTICLES)",
                args.root.display()
            )
        } else {
            String::new()
        };
        report.notes.push(format!(
            "{} could not be read{hint}: {}",
            plural(failed_inputs.len(), "input"),
            failed_inputs.join("; ")
        ));
    }
    let mut failures = match report.check(&args.min_f1, baseline.as_ref()) {
        Ok(f) => f,
        Err(e) => return setup(&e),
    };
    if !failed_inputs.is_empty() {
        failures.push(format!(
            "{} could not be read",
            plural(failed_inputs.len(), "input")
        ));
    }
    if let Some(path) = &args.html {
        if evaluation.review.is_empty() && !report.rows.is_empty() {
            eprintln!(
                "newsie: eval: no article texts for the review page (--pred records carry none): give ARTICLES instead"
            );
        }
        let summary = report.html_summary(&failures);
        let title = format!("newsie eval: {}", report.gold);
        let page = newsie::html::render(&title, Some(&summary), &evaluation.review);
        if let Err(e) = std::fs::write(path, page) {
            return setup(&format!("{}: {e}", path.display()));
        }
        eprintln!(
            "newsie: eval: review page {} ({})",
            path.display(),
            plural(evaluation.review.len(), "article")
        );
    }
    let printed = match args.format {
        ReportFormat::Table => Ok(report.to_table(Some(args.max_diff))),
        ReportFormat::Csv => report.to_csv().map_err(|e| e.to_string()),
        ReportFormat::Json => serde_json::to_string_pretty(&report)
            .map(|j| j + "\n")
            .map_err(|e| e.to_string()),
    };
    let status = match printed {
        Ok(text) => print_out(&text),
        Err(e) => return setup(&e),
    };
    if status != OK {
        return status;
    }
    if args.format != ReportFormat::Table {
        for n in &report.notes {
            eprintln!("newsie: eval: note: {n}");
        }
    }
    for f in &failures {
        eprintln!("newsie: eval: FAIL {f}");
    }
    let gates = args.min_f1.len() + usize::from(baseline.is_some());
    if failures.is_empty() {
        if gates > 0 {
            eprintln!(
                "newsie: eval: every gate holds ({}{})",
                plural(args.min_f1.len(), "minimum"),
                if baseline.is_some() {
                    ", the baseline"
                } else {
                    ""
                }
            );
        }
        OK
    } else {
        SOME_FAILED
    }
}

fn show(args: ShowArgs) -> u8 {
    use newsie::html::{HtmlArticle, HtmlEvent, HtmlMention};
    let (pipeline, _) = match load_pipeline(args.gazetteers.as_deref(), args.types.as_ref()) {
        Ok(p) => p,
        Err(e) => return setup(&e),
    };
    // The articles asked to be shown are shown, whatever their language.
    let config = RunConfig {
        published: args.published,
        all_languages: true,
        ..RunConfig::default()
    };
    let mut collector = newsie::eval::annotation::Collector::default();
    let summary = match run(&pipeline, &args.paths, &config, &mut collector) {
        Ok(s) => s,
        Err(e) => return setup(&e),
    };
    let extracted = collector.annotations;
    for (id, d) in extracted.docs.iter().filter(|(_, d)| d.failed.is_some()) {
        eprintln!(
            "newsie: error: {id}: {}",
            d.failed.as_deref().unwrap_or_default()
        );
    }
    let articles: Vec<HtmlArticle> = extracted
        .docs
        .values()
        .filter(|d| d.failed.is_none())
        .map(|d| HtmlArticle {
            id: d.id.clone(),
            title: d.title.clone(),
            dct: d.dct.clone(),
            text: d.text.clone().unwrap_or_default(),
            mentions: d.mentions.iter().map(HtmlMention::from).collect(),
            events: d.events.iter().map(HtmlEvent::from).collect(),
        })
        .collect();
    if articles.is_empty() {
        return setup(&"no article could be read: no page written");
    }
    let title = match articles.as_slice() {
        [one] => one.title.clone().unwrap_or_else(|| one.id.clone()),
        many => format!("{} articles", many.len()),
    };
    let page = newsie::html::render(&title, None, &articles);
    let status = match &args.output {
        Some(path) => match std::fs::write(path, page) {
            Ok(()) => OK,
            Err(e) => setup(&format!("{}: {e}", path.display())),
        },
        None => print_out(&page),
    };
    if status != OK {
        return status;
    }
    if summary.failed > 0 { SOME_FAILED } else { OK }
}

/// The gold files a folder holds: its `*.jsonl` and `provenance.json`.
fn gold_files(dir: &std::path::Path) -> Vec<PathBuf> {
    std::fs::read_dir(dir)
        .map(|d| {
            d.filter_map(|e| e.ok().map(|e| e.path()))
                .filter(|p| {
                    p.extension().is_some_and(|e| e == "jsonl")
                        || p.file_name().is_some_and(|n| n == "provenance.json")
                })
                .collect()
        })
        .unwrap_or_default()
}

/// `eval --bless`: writes the extraction (or the --pred records) as gold.
fn bless(args: &EvalArgs) -> u8 {
    let dir = &args.gold;
    let occupied = std::fs::read_dir(dir).is_ok_and(|mut d| d.next().is_some());
    if occupied && !args.force {
        return setup(&format!(
            "{} is not empty; --force replaces its gold files",
            dir.display()
        ));
    }
    let names = ["articles.jsonl", "mentions.jsonl", "events.jsonl"];
    if let Some(p) = &args.pred {
        if !names.iter().any(|n| p.join(n).is_file()) {
            return setup(&format!(
                "--bless --pred {}: not a folder written by `newsie extract -o DIR` in JSONL",
                p.display()
            ));
        }
        let same = |a: &std::path::Path, b: &std::path::Path| {
            a.canonicalize()
                .ok()
                .is_some_and(|a| b.canonicalize().ok() == Some(a))
        };
        if same(p, dir) {
            return setup(&"--bless --pred and --gold are the same folder");
        }
    } else if args.articles.is_empty() {
        return setup(&"--bless needs ARTICLES to extract (or --pred DIR to copy)");
    }
    // --force: no gold file of an earlier blessing may stay behind.
    for stale in gold_files(dir) {
        if let Err(e) = std::fs::remove_file(&stale) {
            return setup(&format!("{}: {e}", stale.display()));
        }
    }
    if let Some(p) = &args.pred {
        let copied = std::fs::create_dir_all(dir).and_then(|()| {
            for name in names.iter().chain(&["provenance.json"]) {
                let from = p.join(name);
                if from.is_file() {
                    std::fs::copy(&from, dir.join(name))?;
                }
            }
            Ok(())
        });
        return match copied {
            Ok(()) => OK,
            Err(e) => setup(&format!("{}: {e}", dir.display())),
        };
    }
    let (pipeline, provenance) =
        match load_pipeline(args.gazetteers.as_deref(), args.types.as_ref()) {
            Ok(p) => p,
            Err(e) => return setup(&e),
        };
    let writer = match Writer::dir(dir, Format::Jsonl) {
        Ok(w) => w,
        Err(e) => return setup(&e),
    };
    let mut writer = writer.with_provenance(provenance);
    let config = RunConfig {
        published: args.published,
        all_languages: true,
        ..RunConfig::default()
    };
    match run(&pipeline, &args.articles, &config, &mut writer)
        .and_then(|s| writer.finish(None).map(|()| s))
    {
        Ok(s) => {
            // Errors, warnings and the resume ledger are not annotations.
            for name in ["errors.jsonl", newsie::output::LEDGER] {
                let _ = std::fs::remove_file(dir.join(name));
            }
            eprintln!(
                "newsie: blessed {} into {} (review and edit them: they are now the gold)",
                plural(s.processed as usize, "article"),
                dir.display()
            );
            if s.failed > 0 { SOME_FAILED } else { OK }
        }
        Err(e) => setup(&e),
    }
}

fn extract(args: ExtractArgs) -> u8 {
    if args.paths.iter().filter(|p| p.as_os_str() == "-").count() > 1 {
        return setup(&"standard input (`-`) can be read only once");
    }
    if let Err(e) = init_threads(args.threads) {
        return setup(&e);
    }
    let (pipeline, provenance) =
        match load_pipeline(args.gazetteers.as_deref(), args.types.as_ref()) {
            Ok(p) => p,
            Err(e) => return setup(&e),
        };
    let format = match args.format {
        FormatArg::Jsonl => Format::Jsonl,
        FormatArg::Csv => Format::Csv,
    };
    let provenance = provenance.with_shard(args.shard.map(|s| s.to_string()));
    let mut done = None;
    let writer = match (&args.output, args.resume) {
        (Some(dir), true) => {
            if let Some(e) = resume_conflict(dir, &provenance) {
                return setup(&e);
            }
            match Writer::resume(dir, format) {
                Ok((w, resumed)) => {
                    if !args.quiet && !resumed.done.is_empty() {
                        eprintln!(
                            "newsie: resuming {}: {} already complete{}",
                            dir.display(),
                            plural(resumed.done.len(), "input"),
                            if resumed.interrupted {
                                " (the run was interrupted)"
                            } else {
                                ""
                            }
                        );
                    }
                    done = Some(resumed.done);
                    w
                }
                Err(e) => return setup(&e),
            }
        }
        (Some(dir), false) => match Writer::dir(dir, format) {
            Ok(w) => w,
            Err(e) => return setup(&e),
        },
        (None, _) => Writer::stdout(format),
    };
    let mut writer = writer
        .with_all_events(args.all_events)
        .with_csv_raw(args.csv_raw)
        .with_provenance(provenance);
    let config = RunConfig {
        published: args.published,
        shard: args.shard,
        done,
        hash_inputs: args.output.is_some(),
        all_languages: args.all_languages,
        input: newsie::input::InputOptions {
            extensions: args.ext.clone(),
            globs: args.glob.clone(),
            stdin_format: match args.stdin_format {
                StdinFormat::Text => newsie::input::InputFormat::Text,
                StdinFormat::Jsonl => newsie::input::InputFormat::Jsonl,
            },
        },
        ..RunConfig::default()
    };
    let bar =
        (!args.quiet && std::io::IsTerminal::is_terminal(&std::io::stderr())).then(progress_bar);
    let summary = match run_with(
        &pipeline,
        &args.paths,
        &config,
        &mut writer,
        &mut |s: &Summary, total: u64| {
            if let Some(bar) = &bar {
                bar.set_length(total.max(s.input_bytes));
                bar.set_position(s.input_bytes);
                bar.set_message(format!("{} articles, {} failed", s.articles, s.failed));
            }
        },
    )
    .and_then(|s| writer.finish(Some(&s)).map(|()| s))
    {
        Ok(s) => s,
        Err(Error::Io { source, .. }) if source.kind() == std::io::ErrorKind::BrokenPipe => {
            return OK;
        }
        Err(e) => {
            eprintln!("newsie: {e}");
            return USAGE;
        }
    };
    if let Some(bar) = bar {
        bar.finish_and_clear();
    }
    if !args.quiet {
        eprintln!("{}", describe(&summary));
    }
    if summary.failed > 0 { SOME_FAILED } else { OK }
}

/// Why a run cannot be resumed into `dir`: its `provenance.json` says other
/// gazetteers, rules, types or another newsie made it.
fn resume_conflict(dir: &std::path::Path, now: &Provenance) -> Option<String> {
    // An interrupted run left its provenance under the temporary name.
    let text = std::fs::read_to_string(dir.join(".provenance.json.partial"))
        .or_else(|_| std::fs::read_to_string(dir.join("provenance.json")))
        .ok()?;
    let Ok(before) = serde_json::from_str::<Provenance>(&text) else {
        return Some(format!(
            "--resume {}: provenance.json is not readable",
            dir.display()
        ));
    };
    let differences = before.differences(now);
    (!differences.is_empty()).then(|| {
        format!(
            "--resume {}: that run was made differently ({}); run without --resume to replace it",
            dir.display(),
            differences.join("; ")
        )
    })
}

/// The progress bar on standard error: bytes of input files done.
fn progress_bar() -> indicatif::ProgressBar {
    let bar = indicatif::ProgressBar::new(0);
    bar.set_style(
        indicatif::ProgressStyle::with_template(
            "{spinner} [{elapsed_precise}] {wide_bar} {binary_bytes}/{binary_total_bytes} {binary_bytes_per_sec}, ETA {eta} · {msg}",
        )
        .expect("a valid template"),
    );
    bar.enable_steady_tick(std::time::Duration::from_millis(200));
    bar
}

/// The one-paragraph summary printed on standard error.
fn describe(s: &Summary) -> String {
    let counts = |m: &std::collections::BTreeMap<String, u64>| {
        if m.is_empty() {
            "none".to_string()
        } else {
            m.iter()
                .map(|(k, v)| format!("{k} {v}"))
                .collect::<Vec<_>>()
                .join(", ")
        }
    };
    let mb = s.bytes as f64 / 1e6;
    let mut left_out = Vec::new();
    if s.skipped_language > 0 {
        left_out.push(format!(
            "{} skipped as not English",
            plural(s.skipped_language as usize, "article")
        ));
    }
    if s.resumed_inputs > 0 {
        left_out.push(format!(
            "{} complete in the run resumed",
            plural(s.resumed_inputs as usize, "input")
        ));
    }
    if s.other_shards > 0 {
        left_out.push(format!(
            "{} left to other shards",
            plural(s.other_shards as usize, "article")
        ));
    }
    let left_out = if left_out.is_empty() {
        String::new()
    } else {
        format!("; {}", left_out.join(", "))
    };
    format!(
        "newsie: {} articles from {} files: {} processed, {} failed; {} warnings; {} files skipped{left_out}\n\
         newsie: mentions: {}; events: {}\n\
         newsie: {:.2} s, {:.1} MB of text, {:.1} MB/s",
        s.articles,
        s.files,
        s.processed,
        s.failed,
        s.warnings,
        s.skipped_files,
        counts(&s.mentions),
        counts(&s.events),
        s.seconds,
        mb,
        if s.seconds > 0.0 { mb / s.seconds } else { 0.0 }
    )
}

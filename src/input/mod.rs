//! Inputs: paths on the command line become an ordered list of files, and
//! each file becomes a stream of articles (or failures).
//!
//! - A file is read whatever its extension (the user named it); a folder is
//!   walked recursively in sorted path order, hidden files included, taking
//!   only the input extensions (case-insensitive; [`InputOptions::extensions`]
//!   replaces them) and, with [`InputOptions::globs`], only the paths that
//!   match; the rest is counted as skipped. `-` is standard input, read as
//!   plain text unless [`InputOptions::stdin_format`] says otherwise.
//! - Extensions: `.txt` (plain text with optional front matter), `.jsonl` and
//!   `.ndjson` (one article object a line), `.json` (one article object or
//!   an array of them), `.html` and `.htm` (one web page), `.warc` (web
//!   archive records, ISO 28500), and the `.gz` of each (multi-member gzip
//!   too, as Common Crawl writes WARC files: one gzip member a record).
//! - Ids: an article's own `id`; else its path relative to the folder given
//!   (the file name when the path is a file, `-` for standard input), plus
//!   `#N`: the 1-based line for JSONL, the 1-based element for a JSON array,
//!   the 1-based record for a WARC record without a `WARC-Record-ID`.
//! - Memory: JSONL and WARC files are read incrementally through a
//!   [`BufRead`] (and [`flate2::bufread::MultiGzDecoder`] for `.gz`), one line
//!   or record at a time, so a file of any size is read in memory bounded by
//!   its longest line or record; `.txt`, `.json` and `.html` files are one
//!   article (or one array) and are read whole.
//! - Offsets: every record's offsets count in the article text. For HTML
//!   (and WARC) inputs that is the text extracted from the page
//!   ([`HtmlText`]), not the HTML source; [`HtmlText::source_offset`] maps
//!   back.

mod html;
mod json;
mod jsonl;
mod text;
mod warc;

pub use html::HtmlText;

use std::io::{BufRead, BufReader, Read};
use std::path::{Path, PathBuf};

use crate::article::Article;

/// How a file's content is laid out.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum InputFormat {
    /// One article: plain text, optional front matter.
    #[default]
    Text,
    /// One JSON article object a line (JSON Lines).
    Jsonl,
    /// One JSON article object, or a JSON array of them.
    Json,
    /// One HTML page; its text is extracted ([`HtmlText`]).
    Html,
    /// WARC/1.0 or WARC/1.1 records (ISO 28500): HTML responses and
    /// plain-text resources become articles.
    Warc,
}

/// Which files to read: the options of [`discover`] and of standard input.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct InputOptions {
    /// Extensions (without the dot, case-insensitive, such as `md` or
    /// `jsonl`) that replace the default set inside folders. A file matches
    /// when its name ends in `.EXT` or `.EXT.gz`; it is then read by its
    /// known extension, or else as plain text (`--ext md` reads `.md` files
    /// as text). Empty: the default set (see the module docs). Files named
    /// directly are read whatever their extension.
    pub extensions: Vec<String>,
    /// Glob patterns (`globset` syntax: `*`, `?`, `[…]`, `{a,b}`, `**`)
    /// matched against a file's path relative to the folder given, with `/`
    /// as separator; `*` does not cross a `/` (`**/*.txt` matches at any
    /// depth). When non-empty, only files matching one of them are read from
    /// folders; the others are counted as skipped. An invalid pattern is an
    /// error entry of [`Discovered::files`] (check with [`check_glob`] first).
    pub globs: Vec<String>,
    /// The layout of standard input (`-`): [`InputFormat::Text`] by default.
    pub stdin_format: InputFormat,
}

/// Checks a `--glob` pattern as [`discover`] compiles it.
///
/// # Errors
/// The `globset` message for an invalid pattern (an unclosed `[` or `{`…).
pub fn check_glob(pattern: &str) -> Result<(), String> {
    compile_glob(pattern).map(|_| ()).map_err(|e| e.to_string())
}

fn compile_glob(pattern: &str) -> Result<globset::Glob, globset::Error> {
    globset::GlobBuilder::new(pattern)
        .literal_separator(true)
        .build()
}

/// One file to read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct InputFile {
    /// Where to read it; `-` is standard input.
    pub path: PathBuf,
    /// The base of its articles' ids: the path relative to the folder given,
    /// or the file name.
    pub id_base: String,
    /// Content layout.
    pub format: InputFormat,
    /// Gzip-compressed.
    pub gzip: bool,
}

impl InputFile {
    /// A file named by the user, read whatever its name: by its extension
    /// when it is an input one ([`is_input_name`]), else as plain text
    /// (gzip-compressed when the name ends in `.gz`). `id_base` is the base
    /// of its articles' ids (the CLI gives a named file's own file name, a
    /// file found in a folder its path relative to that folder).
    pub fn named(path: PathBuf, id_base: String) -> InputFile {
        let name = path
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default();
        let (format, gzip) = format_of(&name).unwrap_or((
            InputFormat::Text,
            name.to_ascii_lowercase().ends_with(".gz"),
        ));
        InputFile {
            path,
            id_base,
            format,
            gzip,
        }
    }

    /// The path as written in records (`-` for standard input).
    pub fn display(&self) -> String {
        self.path.to_string_lossy().into_owned()
    }

    fn is_stdin(&self) -> bool {
        self.path.as_os_str() == "-"
    }

    /// An [`Item::Failed`] standing for the whole file.
    fn failed(&self, reason: String) -> Item {
        Item::Failed {
            path: self.display(),
            line: None,
            id: self.id_base.clone(),
            reason,
        }
    }

    /// A read error's reason, marked as gzip's when the file is compressed.
    fn io_reason(&self, e: &std::io::Error) -> String {
        if self.gzip {
            format!("gzip: {e}")
        } else {
            e.to_string()
        }
    }
}

/// What walking the command-line paths found.
#[derive(Debug, Default)]
pub struct Discovered {
    /// Files to read, and paths that could not be read or walked (with the
    /// reason), in command-line and then sorted path order.
    pub files: Vec<Result<InputFile, (PathBuf, String)>>,
    /// Files in folders that are not inputs (other extensions, not matching
    /// the globs, not regular files).
    pub skipped: Vec<PathBuf>,
}

/// Splits a lower-case name into its stem and whether it ends in `.gz`.
fn strip_gz(lower: &str) -> (&str, bool) {
    match lower.strip_suffix(".gz") {
        Some(s) => (s, true),
        None => (lower, false),
    }
}

/// Whether a file of this name is read when found in a folder (with the
/// default extensions, case-insensitive): `.txt`, `.jsonl`, `.ndjson`,
/// `.json`, `.html`, `.htm`, `.warc`, and each of them with `.gz`.
pub fn is_input_name(name: &str) -> bool {
    format_of(name).is_some()
}

/// The format a file name implies, if it is an input extension.
fn format_of(name: &str) -> Option<(InputFormat, bool)> {
    let lower = name.to_ascii_lowercase();
    let (stem, gzip) = strip_gz(&lower);
    let ext = stem.rsplit_once('.')?.1;
    let format = match ext {
        "txt" => InputFormat::Text,
        "jsonl" | "ndjson" => InputFormat::Jsonl,
        "json" => InputFormat::Json,
        "html" | "htm" => InputFormat::Html,
        "warc" => InputFormat::Warc,
        _ => return None,
    };
    Some((format, gzip))
}

/// The format of a file found in a folder, or `None` when it is skipped.
fn folder_format(name: &str, options: &InputOptions) -> Option<(InputFormat, bool)> {
    if options.extensions.is_empty() {
        return format_of(name);
    }
    let lower = name.to_ascii_lowercase();
    let (stem, gzip) = strip_gz(&lower);
    let wanted = options.extensions.iter().any(|ext| {
        let ext = ext.trim().trim_start_matches('.').to_ascii_lowercase();
        !ext.is_empty()
            && [lower.as_str(), stem]
                .iter()
                .any(|n| n.len() > ext.len() && n.ends_with(&format!(".{ext}")))
    });
    wanted.then(|| format_of(name).unwrap_or((InputFormat::Text, gzip)))
}

/// Expands command-line paths into the files to read (see the module docs
/// and [`InputOptions`]). Never fails: a missing path, an unreadable folder
/// entry or a symbolic-link loop (links are followed) is an `Err` entry of
/// [`Discovered::files`] naming the path, and the walk goes on.
pub fn discover(paths: &[PathBuf], options: &InputOptions) -> Discovered {
    let mut found = Discovered::default();
    let mut globs = globset::GlobSetBuilder::new();
    for pattern in &options.globs {
        match compile_glob(pattern) {
            Ok(g) => {
                globs.add(g);
            }
            Err(e) => found
                .files
                .push(Err((PathBuf::from(pattern), format!("--glob: {e}")))),
        }
    }
    let globs = match globs.build() {
        Ok(g) => g,
        Err(e) => {
            found
                .files
                .push(Err((PathBuf::from("--glob"), e.to_string())));
            globset::GlobSet::empty()
        }
    };
    for path in paths {
        if path.as_os_str() == "-" {
            found.files.push(Ok(InputFile {
                path: path.clone(),
                id_base: "-".into(),
                format: options.stdin_format,
                gzip: false,
            }));
            continue;
        }
        let meta = match std::fs::metadata(path) {
            Ok(m) => m,
            Err(e) => {
                found.files.push(Err((path.clone(), e.to_string())));
                continue;
            }
        };
        // Anything that is not a folder is read as a file: regular files, and
        // also /dev/stdin, FIFOs and process substitutions named directly.
        if !meta.is_dir() {
            let name = path
                .file_name()
                .map(|n| n.to_string_lossy().into_owned())
                .unwrap_or_default();
            found.files.push(Ok(InputFile::named(path.clone(), name)));
            continue;
        }
        let walker = walkdir::WalkDir::new(path)
            .follow_links(true)
            .sort_by_file_name();
        for entry in walker {
            let entry = match entry {
                Ok(e) => e,
                // A loop of symbolic links, or an entry that cannot be read:
                // one error naming it, and walkdir goes on past it.
                Err(e) => {
                    let p = e.path().map_or_else(|| path.clone(), Path::to_path_buf);
                    found.files.push(Err((p, e.to_string())));
                    continue;
                }
            };
            if entry.file_type().is_dir() {
                continue;
            }
            // Inside folders only regular files are inputs (not FIFOs, sockets…).
            if !entry.file_type().is_file() {
                found.skipped.push(entry.path().to_path_buf());
                continue;
            }
            let rel = entry.path().strip_prefix(path).unwrap_or(entry.path());
            let id_base = rel.to_string_lossy().replace('\\', "/");
            if !options.globs.is_empty() && !globs.is_match(&id_base) {
                found.skipped.push(entry.path().to_path_buf());
                continue;
            }
            let name = entry.file_name().to_string_lossy();
            match folder_format(&name, options) {
                Some((format, gzip)) => {
                    found.files.push(Ok(InputFile {
                        path: entry.path().to_path_buf(),
                        id_base,
                        format,
                        gzip,
                    }));
                }
                None => found.skipped.push(entry.path().to_path_buf()),
            }
        }
    }
    found
}

/// One thing read from an input: an article, or a failure that stands for one.
#[derive(Debug, Clone, PartialEq)]
pub enum Item {
    /// An article and the warnings raised while reading it.
    Article {
        /// The article.
        article: Article,
        /// Things ignored or repaired while reading (lossy UTF-8, an
        /// unparseable date, …).
        warnings: Vec<String>,
    },
    /// A warning about a whole file (not about one article).
    Warning {
        /// Input file.
        path: String,
        /// What happened.
        reason: String,
    },
    /// An input (a whole file, one JSONL line, one JSON array element, one
    /// WARC record) that gave no article.
    Failed {
        /// Input file.
        path: String,
        /// 1-based line, for JSONL and JSON array elements.
        line: Option<u64>,
        /// The id the article would have had.
        id: String,
        /// Why it failed.
        reason: String,
    },
}

/// The items of one input file, in file order, produced as they are read.
pub type Items = Box<dyn Iterator<Item = Item> + Send>;

/// Reads one input file as a stream of items, in order (see the module docs
/// for what is read whole and what incrementally). Never panics on bad input:
///
/// - a file that cannot be opened, or a `.gz` with nothing decodable,
///   becomes one [`Item::Failed`] without a line;
/// - a `.gz` (or any file) that breaks off after some content keeps that
///   content and adds an [`Item::Warning`]: for `.txt`, `.json` and `.html`
///   the warning comes first, then what was read; for JSONL the cut last
///   line fails on its own (malformed JSON) and the warning follows it; for
///   WARC the cut record is an [`Item::Failed`] and reading stops;
/// - an empty file is an article with an empty text (`.txt`, `.json`,
///   `.html`), or no item at all (JSONL, WARC: no lines, no records).
pub fn read(file: &InputFile) -> Items {
    let opened = if file.is_stdin() {
        decoded(file, Box::new(std::io::stdin()))
    } else {
        std::fs::File::open(&file.path).and_then(|f| decoded(file, Box::new(f)))
    };
    match opened {
        Ok(reader) => parse(file, reader),
        Err(e) => Box::new(std::iter::once(file.failed(file.io_reason(&e)))),
    }
}

/// [`read`] over a file's bytes already in memory (a `.gz` file's
/// compressed bytes): what a Spark job gets from a `binaryFile` table.
/// `file.path` is only the name written in records; nothing is opened.
pub fn read_bytes(file: &InputFile, bytes: Vec<u8>) -> Items {
    match decoded(file, Box::new(std::io::Cursor::new(bytes))) {
        Ok(reader) => parse(file, reader),
        Err(e) => Box::new(std::iter::once(file.failed(file.io_reason(&e)))),
    }
}

/// The items of a file's (decompressed) content, by its format.
fn parse(file: &InputFile, reader: Source) -> Items {
    match file.format {
        InputFormat::Text => whole(file, reader, |f, b| vec![text::read(f, b)]),
        InputFormat::Json => whole(file, reader, json::read),
        InputFormat::Html => whole(file, reader, |f, b| vec![html::read(f, b)]),
        InputFormat::Jsonl => Box::new(jsonl::Lines::new(file.clone(), reader)),
        InputFormat::Warc => Box::new(warc::Records::new(file.clone(), reader)),
    }
}

/// A boxed buffered reader of a file's (decompressed) content.
type Source = Box<dyn BufRead + Send>;

/// A file's raw bytes buffered, through a gzip decoder for `.gz`.
fn decoded(file: &InputFile, inner: Box<dyn Read + Send>) -> std::io::Result<Source> {
    const BUFFER: usize = 64 * 1024;
    let mut raw = BufReader::with_capacity(BUFFER, inner);
    // An empty file is empty content, compressed or not.
    if !file.gzip || raw.fill_buf()?.is_empty() {
        return Ok(Box::new(raw));
    }
    Ok(Box::new(BufReader::with_capacity(
        BUFFER,
        flate2::bufread::MultiGzDecoder::new(raw),
    )))
}

/// Reads a one-article (or one-array) file whole and parses it with `parse`.
fn whole(
    file: &InputFile,
    mut reader: Source,
    parse: fn(&InputFile, Vec<u8>) -> Vec<Item>,
) -> Items {
    let mut bytes = Vec::new();
    let mut items = Vec::new();
    if let Err(e) = reader.read_to_end(&mut bytes) {
        if bytes.is_empty() {
            return Box::new(std::iter::once(file.failed(file.io_reason(&e))));
        }
        items.push(file.broke_off(&e, bytes.len() as u64));
    }
    items.extend(parse(file, bytes));
    Box::new(items.into_iter())
}

impl InputFile {
    /// The [`Item::Warning`] of a file that broke off after `read` bytes.
    fn broke_off(&self, e: &std::io::Error, read: u64) -> Item {
        Item::Warning {
            path: self.display(),
            reason: format!(
                "{} after {read} bytes of content; read what came before",
                self.io_reason(e)
            ),
        }
    }
}

/// Decodes bytes as UTF-8 in place, replacing invalid sequences (and saying
/// so), and drops a leading byte-order mark.
fn decode(mut bytes: Vec<u8>, warnings: &mut Vec<String>) -> String {
    if bytes.starts_with(b"\xEF\xBB\xBF") {
        bytes.drain(..3);
    }
    match String::from_utf8(bytes) {
        Ok(s) => s,
        Err(e) => {
            let at = e.utf8_error().valid_up_to();
            warnings.push(format!(
                "invalid UTF-8 at byte {at}: decoded with replacement characters"
            ));
            String::from_utf8_lossy(e.as_bytes()).into_owned()
        }
    }
}

/// Parses a publication date field (the JSONL `published` field's rule:
/// [`crate::article::parse_dct`]'s forms), turning a bad value into a
/// warning pushed on `warnings`; `None` for no value, a blank one or a bad
/// one.
pub fn dct_field(value: Option<&str>, warnings: &mut Vec<String>) -> Option<jiff::civil::Date> {
    let v = value?.trim();
    if v.is_empty() {
        return None;
    }
    match crate::article::parse_dct(v) {
        Ok((d, note)) => {
            warnings.extend(note);
            Some(d)
        }
        Err(e) => {
            warnings.push(format!("{e}; DCT left empty"));
            None
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn gzip(bytes: &[u8]) -> Vec<u8> {
        let mut enc = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::default());
        std::io::Write::write_all(&mut enc, bytes).unwrap();
        enc.finish().unwrap()
    }

    fn ids(d: &Discovered) -> Vec<String> {
        d.files
            .iter()
            .map(|f| match f {
                Ok(f) => f.id_base.clone(),
                Err((p, _)) => format!("ERR {}", p.display()),
            })
            .collect()
    }

    #[test]
    fn extensions_are_case_insensitive() {
        assert_eq!(format_of("a.TXT"), Some((InputFormat::Text, false)));
        assert_eq!(format_of("a.JsonL.Gz"), Some((InputFormat::Jsonl, true)));
        assert_eq!(format_of("a.ndjson"), Some((InputFormat::Jsonl, false)));
        assert_eq!(format_of("a.json"), Some((InputFormat::Json, false)));
        assert_eq!(format_of("a.HTM"), Some((InputFormat::Html, false)));
        assert_eq!(
            format_of("CC-NEWS-1.warc.gz"),
            Some((InputFormat::Warc, true))
        );
        assert_eq!(format_of("a.gz"), None);
        assert_eq!(format_of("README.md"), None);
        assert_eq!(format_of("warc"), None);
    }

    #[test]
    fn folders_walk_sorted_with_hidden_files_and_skips() {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path();
        std::fs::create_dir_all(p.join("b/.hidden")).unwrap();
        for f in [
            "b/2.txt",
            "a.jsonl",
            "b/.hidden/h.txt",
            "b/1.TXT",
            "notes.md",
            "c.html",
        ] {
            std::fs::write(p.join(f), "x").unwrap();
        }
        let d = discover(&[p.to_path_buf()], &InputOptions::default());
        assert_eq!(
            ids(&d),
            ["a.jsonl", "b/.hidden/h.txt", "b/1.TXT", "b/2.txt", "c.html"]
        );
        assert_eq!(d.skipped, [p.join("notes.md")]);
        let missing = discover(&[p.join("nope")], &InputOptions::default());
        assert!(matches!(&missing.files[..], [Err((p, _))] if p.ends_with("nope")));
    }

    #[test]
    fn ext_and_glob_filter_folders() {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path();
        std::fs::create_dir_all(p.join("sub")).unwrap();
        for f in ["a.md", "b.MD.gz", "c.txt", "sub/d.md", "sub/e.jsonl"] {
            std::fs::write(p.join(f), "x").unwrap();
        }
        let md = InputOptions {
            extensions: vec!["md".into(), ".jsonl".into()],
            ..InputOptions::default()
        };
        let d = discover(&[p.to_path_buf()], &md);
        assert_eq!(ids(&d), ["a.md", "b.MD.gz", "sub/d.md", "sub/e.jsonl"]);
        let formats: Vec<(InputFormat, bool)> = d
            .files
            .iter()
            .map(|f| f.as_ref().map(|f| (f.format, f.gzip)).unwrap())
            .collect();
        assert_eq!(
            formats,
            [
                (InputFormat::Text, false),
                (InputFormat::Text, true),
                (InputFormat::Text, false),
                (InputFormat::Jsonl, false)
            ]
        );
        assert_eq!(d.skipped, [p.join("c.txt")]);
        // `*` stays within one folder; `**/` crosses them.
        let glob = |g: &[&str]| InputOptions {
            extensions: vec!["md".into()],
            globs: g.iter().map(|s| s.to_string()).collect(),
            ..InputOptions::default()
        };
        let d = discover(&[p.to_path_buf()], &glob(&["*.md"]));
        assert_eq!(ids(&d), ["a.md"]);
        assert_eq!(d.skipped.len(), 4);
        let d = discover(&[p.to_path_buf()], &glob(&["**/*.md", "*.gz"]));
        assert_eq!(ids(&d), ["a.md", "b.MD.gz", "sub/d.md"]);
        // A file named directly is read whatever the filters say.
        let d = discover(&[p.join("c.txt")], &glob(&["*.md"]));
        assert_eq!(ids(&d), ["c.txt"]);
        let bad = discover(&[p.join("c.txt")], &glob(&["[z"]));
        assert_eq!(ids(&bad), ["ERR [z", "c.txt"]);
        assert!(check_glob("[z").is_err());
        assert!(check_glob("**/*.{md,txt}").is_ok());
    }

    #[test]
    fn stdin_takes_its_format_from_the_options() {
        let options = InputOptions {
            stdin_format: InputFormat::Jsonl,
            ..InputOptions::default()
        };
        let d = discover(&["-".into()], &options);
        let f = d.files[0].as_ref().unwrap();
        assert_eq!((f.id_base.as_str(), f.format), ("-", InputFormat::Jsonl));
    }

    #[cfg(unix)]
    #[test]
    fn a_symlink_loop_is_one_error_and_the_walk_goes_on() {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path();
        std::fs::create_dir_all(p.join("a/deeper")).unwrap();
        std::fs::write(p.join("a/1.txt"), "x").unwrap();
        std::fs::write(p.join("a/deeper/2.txt"), "x").unwrap();
        std::fs::write(p.join("z.txt"), "x").unwrap();
        std::os::unix::fs::symlink(p.join("a"), p.join("a/deeper/back")).unwrap();
        let d = discover(&[p.to_path_buf()], &InputOptions::default());
        assert_eq!(
            ids(&d),
            [
                "a/1.txt".to_string(),
                "a/deeper/2.txt".to_string(),
                format!("ERR {}", p.join("a/deeper/back").display()),
                "z.txt".to_string()
            ]
        );
        let Err((_, reason)) = &d.files[2] else {
            unreachable!()
        };
        assert!(reason.contains("loop"), "{reason}");
    }

    fn read_path(path: PathBuf) -> Vec<Item> {
        read(
            discover(&[path], &InputOptions::default()).files[0]
                .as_ref()
                .unwrap(),
        )
        .collect()
    }

    #[test]
    fn truncated_gzip_keeps_what_came_before() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("a.txt.gz");
        let gz = gzip("hello world ".repeat(100).as_bytes());
        std::fs::write(&path, &gz[..gz.len() / 2]).unwrap();
        let items = read_path(path);
        assert!(
            matches!(&items[..], [Item::Failed { reason, line: None, .. }] if reason.contains("gzip")),
            "{items:?}"
        );
    }

    #[test]
    fn truncated_jsonl_gzip_streams_lines_then_fails_the_cut_one() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("feed.jsonl.gz");
        // Varied lines, so that the compressed stream is long enough to cut.
        let text: String = (1..=400)
            .map(|i| {
                format!(
                    "{{\"text\": \"Line {i} of the feed, number {}.\"}}\n",
                    i * 7919 % 10007
                )
            })
            .collect();
        let gz = gzip(text.as_bytes());
        std::fs::write(&path, &gz[..gz.len() * 3 / 4]).unwrap();
        let items = read_path(path);
        let (last, rest) = items.split_last().unwrap();
        assert!(
            matches!(last, Item::Warning { reason, .. } if reason.starts_with("gzip: ") && reason.contains("read what came before")),
            "{last:?}"
        );
        let (cut, articles) = rest.split_last().unwrap();
        assert!(articles.len() > 100, "{}", articles.len());
        for (i, item) in articles.iter().enumerate() {
            let Item::Article { article, .. } = item else {
                panic!("{item:?}")
            };
            assert_eq!(article.line, Some(i as u64 + 1));
            assert_eq!(article.id, format!("feed.jsonl.gz#{}", i + 1));
        }
        let n = articles.len() as u64 + 1;
        assert!(
            matches!(cut, Item::Failed { line: Some(l), reason, .. } if *l == n && reason.starts_with("malformed JSON")),
            "{cut:?}"
        );
    }

    /// A reader that repeats `data` forever.
    struct Endless {
        data: Vec<u8>,
        at: usize,
    }

    impl Read for Endless {
        fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
            let n = buf.len().min(self.data.len() - self.at);
            buf[..n].copy_from_slice(&self.data[self.at..self.at + n]);
            self.at = (self.at + n) % self.data.len();
            Ok(n)
        }
    }

    /// JSONL and WARC items come as they are read: an endless stream gives
    /// its first items (reading it whole would never end).
    #[test]
    fn streams_are_read_as_they_come() {
        let endless = |data: &[u8]| -> Source {
            Box::new(BufReader::new(Endless {
                data: data.to_vec(),
                at: 0,
            }))
        };
        let file = |format| InputFile {
            path: "-".into(),
            id_base: "-".into(),
            format,
            gzip: false,
        };
        let lines = jsonl::Lines::new(
            file(InputFormat::Jsonl),
            endless(b"{\"text\": \"Quill AI rose.\"}\n\n"),
        );
        let ids: Vec<String> = lines
            .take(3)
            .map(|it| match it {
                Item::Article { article, .. } => article.id,
                other => panic!("{other:?}"),
            })
            .collect();
        assert_eq!(ids, ["-#1", "-#3", "-#5"]);
        let record = b"WARC/1.0\r\nWARC-Type: resource\r\nContent-Type: text/plain\r\nContent-Length: 5\r\n\r\nHello\r\n\r\n";
        let records = warc::Records::new(file(InputFormat::Warc), endless(record));
        let texts: Vec<String> = records
            .take(2)
            .map(|it| match it {
                Item::Article { article, .. } => format!("{} {}", article.id, article.text),
                other => panic!("{other:?}"),
            })
            .collect();
        assert_eq!(texts, ["-#1 Hello", "-#2 Hello"]);
    }

    #[test]
    fn unreadable_and_empty_files() {
        let dir = tempfile::tempdir().unwrap();
        let missing = InputFile {
            path: dir.path().join("gone.jsonl"),
            id_base: "gone.jsonl".into(),
            format: InputFormat::Jsonl,
            gzip: false,
        };
        let items: Vec<Item> = read(&missing).collect();
        assert!(
            matches!(&items[..], [Item::Failed { id, line: None, .. }] if id == "gone.jsonl"),
            "{items:?}"
        );
        for name in ["e.txt", "e.txt.gz", "e.html", "e.json"] {
            std::fs::write(dir.path().join(name), "").unwrap();
            let items = read_path(dir.path().join(name));
            assert!(
                matches!(&items[..], [Item::Article { article, .. }] if article.text.is_empty() && article.id == name),
                "{name}: {items:?}"
            );
        }
        for name in ["e.jsonl", "e.warc.gz"] {
            std::fs::write(dir.path().join(name), "").unwrap();
            assert_eq!(read_path(dir.path().join(name)), [], "{name}");
        }
    }
}

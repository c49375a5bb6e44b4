//! Inputs: paths on the command line become an ordered list of files, and
//! each file becomes articles (or failures).
//!
//! - A file is read whatever its extension (the user named it); a folder is
//!   walked recursively in sorted path order, hidden files included, taking
//!   only the input extensions (case-insensitive) and counting the rest as
//!   skipped; `-` is standard input, read as plain text.
//! - Extensions: `.txt` (plain text with optional front matter), `.jsonl` and
//!   `.ndjson` (one article object a line), and the `.gz` of each.
//! - Ids: an article's own `id`; else its path relative to the folder given
//!   (the file name when the path is a file, `-` for standard input), plus
//!   `#N` (1-based line) for JSONL.

mod jsonl;
mod text;

use std::io::Read;
use std::path::{Path, PathBuf};

use crate::article::Article;

/// How a file's content is laid out.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum InputFormat {
    /// One article: plain text, optional front matter.
    Text,
    /// One JSON article object a line.
    Jsonl,
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
    /// The path as written in records (`-` for standard input).
    pub fn display(&self) -> String {
        self.path.to_string_lossy().into_owned()
    }

    fn is_stdin(&self) -> bool {
        self.path.as_os_str() == "-"
    }
}

/// What walking the command-line paths found.
#[derive(Debug, Default)]
pub struct Discovered {
    /// Files to read, and paths that could not be read or walked (with the
    /// reason), in command-line and then sorted path order.
    pub files: Vec<Result<InputFile, (PathBuf, String)>>,
    /// Files in folders that are not inputs (other extensions).
    pub skipped: Vec<PathBuf>,
}

/// The format a file name implies, if it is an input extension.
fn format_of(name: &str) -> Option<(InputFormat, bool)> {
    let lower = name.to_ascii_lowercase();
    let (stem, gzip) = match lower.strip_suffix(".gz") {
        Some(s) => (s.to_string(), true),
        None => (lower, false),
    };
    let format = if stem.ends_with(".txt") {
        InputFormat::Text
    } else if stem.ends_with(".jsonl") || stem.ends_with(".ndjson") {
        InputFormat::Jsonl
    } else {
        return None;
    };
    Some((format, gzip))
}

/// Expands command-line paths into the files to read (see the module docs).
pub fn discover(paths: &[PathBuf]) -> Discovered {
    let mut found = Discovered::default();
    for path in paths {
        if path.as_os_str() == "-" {
            found.files.push(Ok(InputFile {
                path: path.clone(),
                id_base: "-".into(),
                format: InputFormat::Text,
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
            // A file named on the command line is read whatever its name:
            // by its extension when it has an input one, else as text.
            let (format, gzip) = format_of(&name).unwrap_or((
                InputFormat::Text,
                name.to_ascii_lowercase().ends_with(".gz"),
            ));
            found.files.push(Ok(InputFile {
                path: path.clone(),
                id_base: name,
                format,
                gzip,
            }));
            continue;
        }
        let walker = walkdir::WalkDir::new(path)
            .follow_links(true)
            .sort_by_file_name();
        for entry in walker {
            let entry = match entry {
                Ok(e) => e,
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
            let name = entry.file_name().to_string_lossy();
            match format_of(&name) {
                Some((format, gzip)) => {
                    let rel = entry.path().strip_prefix(path).unwrap_or(entry.path());
                    let id_base = rel.to_string_lossy().replace('\\', "/");
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
    /// An input (a whole file, or one JSONL line) that gave no article.
    Failed {
        /// Input file.
        path: String,
        /// 1-based line, for JSONL.
        line: Option<u64>,
        /// The id the article would have had.
        id: String,
        /// Why it failed.
        reason: String,
    },
}

/// Reads one input file into items, in order. Never panics on bad input: a
/// file that cannot be read becomes one [`Item::Failed`]; a `.gz` that breaks
/// off after some content keeps that content (the last JSONL line, cut in
/// the middle, then fails on its own) and adds an [`Item::Warning`].
pub fn read(file: &InputFile) -> Vec<Item> {
    let (bytes, warning) = match read_bytes(file) {
        Ok(b) => b,
        Err(e) => {
            return vec![Item::Failed {
                path: file.display(),
                line: None,
                id: file.id_base.clone(),
                reason: e.to_string(),
            }];
        }
    };
    let mut items: Vec<Item> = warning
        .into_iter()
        .map(|reason| Item::Warning {
            path: file.display(),
            reason,
        })
        .collect();
    match file.format {
        InputFormat::Text => items.push(text::read(file, bytes)),
        InputFormat::Jsonl => items.extend(jsonl::read(file, &bytes)),
    }
    items
}

/// The file's bytes, decompressed, and a warning when a `.gz` broke off.
fn read_bytes(file: &InputFile) -> std::io::Result<(Vec<u8>, Option<String>)> {
    let mut raw = Vec::new();
    if file.is_stdin() {
        std::io::stdin().lock().read_to_end(&mut raw)?;
    } else {
        raw = std::fs::read(&file.path)?;
    }
    // An empty file is an empty article, compressed or not.
    if !file.gzip || raw.is_empty() {
        return Ok((raw, None));
    }
    let mut out = Vec::new();
    match flate2::read::MultiGzDecoder::new(raw.as_slice()).read_to_end(&mut out) {
        Ok(_) => Ok((out, None)),
        Err(e) if !out.is_empty() => {
            let warning = format!(
                "gzip: {e} after {} bytes of content; read what came before",
                out.len()
            );
            Ok((out, Some(warning)))
        }
        Err(e) => Err(std::io::Error::new(e.kind(), format!("gzip: {e}"))),
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

/// Parses a publication date field, turning a bad value into a warning.
fn dct_field(value: Option<&str>, warnings: &mut Vec<String>) -> Option<jiff::civil::Date> {
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

    #[test]
    fn extensions_are_case_insensitive() {
        assert_eq!(format_of("a.TXT"), Some((InputFormat::Text, false)));
        assert_eq!(format_of("a.JsonL.Gz"), Some((InputFormat::Jsonl, true)));
        assert_eq!(format_of("a.ndjson"), Some((InputFormat::Jsonl, false)));
        assert_eq!(format_of("a.json"), None);
        assert_eq!(format_of("a.gz"), None);
        assert_eq!(format_of("README.md"), None);
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
        ] {
            std::fs::write(p.join(f), "x").unwrap();
        }
        let d = discover(&[p.to_path_buf()]);
        let ids: Vec<&str> = d
            .files
            .iter()
            .map(|f| f.as_ref().unwrap().id_base.as_str())
            .collect();
        assert_eq!(ids, ["a.jsonl", "b/.hidden/h.txt", "b/1.TXT", "b/2.txt"]);
        assert_eq!(d.skipped, [p.join("notes.md")]);
        let missing = discover(&[p.join("nope")]);
        assert!(matches!(&missing.files[..], [Err((p, _))] if p.ends_with("nope")));
    }

    #[test]
    fn truncated_gzip_keeps_what_came_before() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("a.txt.gz");
        let mut enc = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::default());
        std::io::Write::write_all(&mut enc, "hello world ".repeat(100).as_bytes()).unwrap();
        let gz = enc.finish().unwrap();
        std::fs::write(&path, &gz[..gz.len() / 2]).unwrap();
        let items = read(discover(&[path]).files[0].as_ref().unwrap());
        assert!(
            matches!(&items[..], [Item::Failed { reason, .. }] if reason.contains("gzip")),
            "{items:?}"
        );
    }
}

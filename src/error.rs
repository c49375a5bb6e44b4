//! The library's error type.

use std::path::PathBuf;

/// What went wrong, with the file (and line) it concerns.
///
/// Errors of one input (an unreadable file, a malformed JSON line) never stop
/// a run: the driver turns them into `error` records and goes on. Setup errors
/// (a gazetteer that does not load, an output folder that cannot be created)
/// stop it before any article is read.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// Reading or writing a file failed.
    #[error("{}: {source}", path.display())]
    Io {
        /// The file concerned (`-` for standard input or output).
        path: PathBuf,
        /// The underlying error.
        source: std::io::Error,
    },
    /// A gazetteer file is malformed; `line` is 1-based.
    #[error("{}:{line}: {reason}", path.display())]
    Gazetteer {
        /// The gazetteer file.
        path: PathBuf,
        /// 1-based line number (0 when the problem is the whole file).
        line: u64,
        /// What is wrong with it.
        reason: String,
    },
    /// An input is malformed; `line` is 1-based where the input is line-based.
    #[error("{}{}: {reason}", path.display(), line.map(|l| format!(":{l}")).unwrap_or_default())]
    Input {
        /// The input file.
        path: PathBuf,
        /// 1-based line of a JSONL input, or `None`.
        line: Option<u64>,
        /// What is wrong with it.
        reason: String,
    },
    /// An option value is invalid (a usage error: exit status 2).
    #[error("{0}")]
    Usage(String),
}

impl Error {
    /// Wraps an I/O error with the path it concerns.
    pub fn io(path: impl Into<PathBuf>, source: std::io::Error) -> Error {
        Error::Io {
            path: path.into(),
            source,
        }
    }
}

/// `Result` with this crate's [`Error`].
pub type Result<T, E = Error> = std::result::Result<T, E>;

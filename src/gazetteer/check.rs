//! `newsie gazetteer check`: every problem of a gazetteer folder at once.
//!
//! Loading stops at the first bad row; the check reads on and reports, each
//! with its file and line:
//!
//! - **errors** (the lists do not load): malformed rows, ids that are not
//!   slugs, duplicate ids, a name (canonical or alias, after folding) claimed
//!   by two entities, a ticker on two companies, a developer or parent that is
//!   not the id of a company or organization, unknown `case`/`context` values, bad release dates;
//! - **warnings** (the lists load but will mis-match):
//!   - a one-word name that is a common English word (listed in
//!     `common-words.txt`, built from the news corpora by
//!     `scripts/gazetteers/build_companies.py`) on an entity without
//!     `case=exact`: it would match every capitalised use of the word;
//!   - a name **shadowed** by a longer name of another entity that only adds
//!     a legal suffix (`Foo` and `Foo Inc` on two entities): leftmost-longest
//!     gives the text `Foo Inc` to the second and `Foo` alone to the first,
//!     which is almost always one company split in two rows. Not reported
//!     when one entity is the other's parent, their countries differ
//!     (General Electric in the US, General Electric Company plc in the UK),
//!     or both have listings of their own (two listed companies are two
//!     companies: Toro Co and Toro Corp).

use std::collections::HashMap;
use std::fmt;
use std::path::{Path, PathBuf};

use super::{Builder, EntityKind};
use crate::error::{Error, Result};

/// The bundled list of common English words (lowercase, one a line).
pub const BUNDLED_COMMON_WORDS: &str = include_str!("../../gazetteers/common-words.txt");

/// Legal-form words: added after a name, they do not make another company.
const SUFFIX_WORDS: &[&str] = &[
    "inc",
    "inc.",
    "corp",
    "corp.",
    "corporation",
    "co",
    "co.",
    "company",
    "ltd",
    "ltd.",
    "limited",
    "plc",
    "llc",
    "lp",
    "l.p.",
    "ag",
    "sa",
    "s.a.",
    "nv",
    "n.v.",
    "se",
];

/// How bad a finding is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Severity {
    /// The lists do not load.
    Error,
    /// The lists load, but a name will mis-match.
    Warning,
}

/// One problem, at a file and line.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Finding {
    /// Error or warning.
    pub severity: Severity,
    /// The file.
    pub path: PathBuf,
    /// 1-based line (0: the file as a whole).
    pub line: u64,
    /// What is wrong.
    pub message: String,
}

impl fmt::Display for Finding {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let level = match self.severity {
            Severity::Error => "error",
            Severity::Warning => "warning",
        };
        write!(
            f,
            "{}:{}: {level}: {}",
            self.path.display(),
            self.line,
            self.message
        )
    }
}

/// What a check found, and how many entities it read.
#[derive(Debug, Clone, Default)]
pub struct Report {
    /// Findings, errors first, then by file and line.
    pub findings: Vec<Finding>,
    /// Companies read.
    pub companies: usize,
    /// Models read.
    pub models: usize,
}

/// Checks the gazetteer folder `dir` (`companies.tsv`, `models.tsv` and,
/// when present, `common-words.txt`; else the bundled word list).
///
/// # Errors
/// [`Error::Io`] when a list cannot be read.
pub fn check_dir(dir: &Path) -> Result<Report> {
    let read = |name: &str| {
        let path = dir.join(name);
        std::fs::read_to_string(&path)
            .map(|s| (path.to_string_lossy().into_owned(), s))
            .map_err(|e| Error::io(path, e))
    };
    let companies = read("companies.tsv")?;
    let models = read("models.tsv")?;
    let words = match std::fs::read_to_string(dir.join("common-words.txt")) {
        Ok(w) => w,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => BUNDLED_COMMON_WORDS.to_string(),
        Err(e) => return Err(Error::io(dir.join("common-words.txt"), e)),
    };
    Ok(check_strs(
        (&companies.0, &companies.1),
        (&models.0, &models.1),
        &words,
    ))
}

/// Checks the lists compiled into the binary (the repository's
/// `gazetteers/` when it was built).
pub fn check_bundled() -> Report {
    check_strs(
        ("gazetteers/companies.tsv", super::BUNDLED_COMPANIES),
        ("gazetteers/models.tsv", super::BUNDLED_MODELS),
        BUNDLED_COMMON_WORDS,
    )
}

/// Checks list contents given as (name for messages, text); `common_words`
/// holds one lowercase word a line (`#` comments allowed).
pub fn check_strs(companies: (&str, &str), models: (&str, &str), common_words: &str) -> Report {
    let mut findings = Vec::new();
    let b = match Builder::read(companies, models) {
        Ok(b) => b,
        Err(e) => {
            findings.push(finding(Severity::Error, &e));
            return Report {
                findings,
                ..Report::default()
            };
        }
    };
    findings.extend(b.errors.iter().map(|e| finding(Severity::Error, e)));
    let common: std::collections::HashSet<&str> = common_words
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty() && !l.starts_with('#'))
        .collect();
    let warn = |entity: usize, message: String| {
        let (path, line) = &b.origins[entity];
        Finding {
            severity: Severity::Warning,
            path: path.clone(),
            line: *line,
            message,
        }
    };
    // Explicit names by entity, for both warnings.
    let mut by_name: HashMap<&str, usize> = HashMap::new();
    for name in &b.name_order {
        let (entity, explicit) = b.names[name];
        if explicit {
            by_name.insert(name.as_str(), entity);
        }
    }
    for name in &b.name_order {
        let (entity, explicit) = b.names[name];
        let e = &b.entities[entity];
        if !explicit {
            continue;
        }
        let one_word = super::is_single_word(name);
        // Names of three characters or fewer match only as written anyway.
        let short = name.chars().count() < 4;
        if one_word
            && !short
            && !e.policy.exact_case
            && common.contains(name.to_lowercase().as_str())
        {
            findings.push(warn(
                entity,
                format!(
                    "{}: {name:?} is a common English word; set case=exact (and context=required if needed)",
                    e.id
                ),
            ));
        }
        if e.kind != EntityKind::Company {
            continue;
        }
        // Is a longer name of another entity this name plus suffix words?
        let mut words = name.split(' ');
        let mut prefix = String::new();
        while let Some(w) = words.next() {
            if !prefix.is_empty() {
                prefix.push(' ');
            }
            prefix.push_str(w);
            let rest: Vec<&str> = words.clone().collect();
            let Some(&shorter) = by_name.get(prefix.as_str()) else {
                continue;
            };
            let only_suffixes = !rest.is_empty()
                && rest
                    .iter()
                    .all(|r| SUFFIX_WORDS.contains(&r.to_lowercase().as_str()));
            let other = &b.entities[shorter];
            let related = other.parent.as_deref() == Some(e.id.as_str())
                || e.parent.as_deref() == Some(other.id.as_str());
            let elsewhere =
                e.country.is_some() && other.country.is_some() && e.country != other.country;
            let both_listed = !e.listings.is_empty() && !other.listings.is_empty();
            if shorter != entity
                && only_suffixes
                && other.kind == EntityKind::Company
                && !related
                && !elsewhere
                && !both_listed
            {
                findings.push(warn(
                    shorter,
                    format!(
                        "{}: {prefix:?} is shadowed by {name:?} of {} (only a suffix apart: one company in two rows?)",
                        b.entities[shorter].id, e.id
                    ),
                ));
            }
        }
    }
    findings.sort_by(|a, b| {
        (a.severity, &a.path, a.line, &a.message).cmp(&(b.severity, &b.path, b.line, &b.message))
    });
    findings.dedup();
    Report {
        findings,
        companies: b
            .entities
            .iter()
            .filter(|e| e.kind == EntityKind::Company)
            .count(),
        models: b
            .entities
            .iter()
            .filter(|e| e.kind == EntityKind::Model)
            .count(),
    }
}

fn finding(severity: Severity, e: &Error) -> Finding {
    match e {
        Error::Gazetteer { path, line, reason } => Finding {
            severity,
            path: path.clone(),
            line: *line,
            message: reason.clone(),
        },
        other => Finding {
            severity,
            path: PathBuf::new(),
            line: 0,
            message: other.to_string(),
        },
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reports_every_problem_with_file_and_line() {
        let companies = "id\tcanonical\taliases\tcase\tparent\n\
            target\tTarget\t\t\t\n\
            gap\tGap\t\texact\t\n\
            foo\tFoo\t\t\t\n\
            foo-inc\tFoo Inc\t\t\t\n\
            Bad\tX\t\t\t\n\
            dup\tDup\tTarget\t\t\n\
            gap\tDup2\t\t\t\n\
            kid\tKid\t\t\tnobody\n\
            odd\tOdd\t\tloose\t\n\
            selfish\tSelfish\t\t\tselfish\n";
        let models = "id\tcanonical\tdeveloper\nm\tM1\tfoo\n";
        let words = "# test\ntarget\ngap\n";
        let r = check_strs(("c.tsv", companies), ("m.tsv", models), words);
        let got: Vec<String> = r.findings.iter().map(|f| f.to_string()).collect();
        let want = [
            "c.tsv:6: error: id \"Bad\" is not a lowercase slug (a-z, 0-9, `-`, `.`, `_`)",
            "c.tsv:7: error: name \"Target\" already belongs to target",
            "c.tsv:8: error: id \"gap\" already defined at c.tsv:3",
            "c.tsv:9: error: kid: parent \"nobody\" is not the id of a company or organization",
            "c.tsv:10: error: odd: case \"loose\" is not empty or `exact`",
            "c.tsv:11: error: selfish: parent chain returns to itself",
            "c.tsv:2: warning: target: \"Target\" is a common English word; set case=exact (and context=required if needed)",
            "c.tsv:4: warning: foo: \"Foo\" is shadowed by \"Foo Inc\" of foo-inc (only a suffix apart: one company in two rows?)",
        ];
        assert_eq!(got, want);
        assert_eq!((r.companies, r.models), (6, 1));
    }

    #[test]
    fn bundled_lists_are_clean() {
        let r = check_bundled();
        assert_eq!(r.findings, [], "{:#?}", r.findings);
        let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("gazetteers");
        let r = check_dir(&dir).unwrap();
        assert_eq!(r.findings, [], "{:#?}", r.findings);
        assert!(
            r.companies >= 5000 && r.models >= 300,
            "{} {}",
            r.companies,
            r.models
        );
    }
}

//! Gazetteers: human-editable lists of companies and AI models, loaded,
//! validated and compiled into one Aho-Corasick automaton.
//!
//! The files are tab-separated with a header row; `#` lines are comments
//! (each file names its source and licence in them). See
//! `gazetteers/README.md` for the format. Two files make a gazetteer folder:
//!
//! - `companies.tsv`: `id`, `canonical`, `aliases` (`|`-separated), `tickers`
//!   (`;`-separated `SYMBOL@MIC`, e.g. `9988.HK@XHKG;BABA@XNYS`, with the
//!   exchange as its ISO 10383 market identifier code), `country` (ISO 3166
//!   alpha-2);
//! - `models.tsv`: `id`, `canonical`, `aliases`, `developer` (a company `id`),
//!   `family`.
//!
//! Columns are found by header name, so files may carry more columns than
//! these. The bundled folder is compiled into the binary.

mod matcher;

pub use matcher::GazetteerMatch;

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use aho_corasick::AhoCorasick;

use crate::error::{Error, Result};

/// What kind of entity a gazetteer row describes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum EntityKind {
    /// A company or other organisation (`companies.tsv`).
    Company,
    /// An AI model (`models.tsv`).
    Model,
}

/// One exchange listing of a company.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Listing {
    /// Ticker symbol in the form news and data vendors write it: `0700.HK`,
    /// `600519.SS`, `BABA` (US symbols carry no suffix).
    pub symbol: String,
    /// ISO 10383 market identifier code of the exchange: `XHKG`, `XNYS`.
    pub mic: String,
}

/// A canonical entity: one gazetteer row.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Entity {
    /// Stable lowercase slug: `alibaba`, `qwen-2.5-max`.
    pub id: String,
    /// Canonical name: `Alibaba Group`, `Qwen 2.5-Max`.
    pub canonical: String,
    /// Company or model.
    pub kind: EntityKind,
    /// Listings (companies only).
    pub listings: Vec<Listing>,
    /// ISO 3166 alpha-2 country code (companies), where known.
    pub country: Option<String>,
    /// Developer company id (models only).
    pub developer: Option<String>,
    /// Model family (models only): `Qwen`, `GPT`.
    pub family: Option<String>,
}

/// Where the gazetteer files come from: the bundled copy or a folder.
#[derive(Debug, Clone)]
pub enum GazetteerSource {
    /// The lists compiled into the binary from the repository's `gazetteers/`.
    Bundled,
    /// A folder holding `companies.tsv` and `models.tsv`.
    Dir(PathBuf),
}

/// A loaded, validated gazetteer with its compiled automaton.
///
/// Build it once and share it (it is `Send + Sync`); matching allocates only
/// the result vector (and a folded copy of texts that contain line breaks or
/// tabs).
#[derive(Debug)]
pub struct Gazetteer {
    entities: Vec<Entity>,
    /// Pattern index -> (entity index, pattern text).
    names: Vec<(usize, String)>,
    automaton: AhoCorasick,
    by_symbol: HashMap<String, usize>,
    by_id: HashMap<String, usize>,
}

const BUNDLED_COMPANIES: &str = include_str!("../../gazetteers/companies.tsv");
const BUNDLED_MODELS: &str = include_str!("../../gazetteers/models.tsv");

impl Gazetteer {
    /// Loads a gazetteer from `source`.
    ///
    /// # Errors
    /// [`Error::Io`] when a file cannot be read; [`Error::Gazetteer`] (file and
    /// line) when a row is malformed: missing id or canonical name, an id that
    /// is not a lowercase slug, a repeated id, a name given to two entities, a
    /// ticker not of the form `SYMBOL@MIC`, or a model whose developer is not a
    /// company id.
    pub fn load(source: &GazetteerSource) -> Result<Gazetteer> {
        match source {
            GazetteerSource::Bundled => Gazetteer::from_strs(
                ("gazetteers/companies.tsv", BUNDLED_COMPANIES),
                ("gazetteers/models.tsv", BUNDLED_MODELS),
            ),
            GazetteerSource::Dir(dir) => {
                let read = |name: &str| {
                    let path = dir.join(name);
                    std::fs::read_to_string(&path)
                        .map(|s| (path.clone(), s))
                        .map_err(|e| Error::io(path, e))
                };
                let (cp, companies) = read("companies.tsv")?;
                let (mp, models) = read("models.tsv")?;
                Gazetteer::from_strs(
                    (cp.to_string_lossy().as_ref(), &companies),
                    (mp.to_string_lossy().as_ref(), &models),
                )
            }
        }
    }

    /// Builds a gazetteer from the contents of a companies file and a models
    /// file, each given with the name used in error messages.
    ///
    /// # Errors
    /// As [`Gazetteer::load`].
    pub fn from_strs(companies: (&str, &str), models: (&str, &str)) -> Result<Gazetteer> {
        let mut b = Builder::default();
        b.read_file(Path::new(companies.0), companies.1, EntityKind::Company)?;
        b.read_file(Path::new(models.0), models.1, EntityKind::Model)?;
        b.finish()
    }

    /// All entities, in file order (companies first).
    pub fn entities(&self) -> &[Entity] {
        &self.entities
    }

    /// The entity at `index` (as found in a [`GazetteerMatch`]).
    pub fn entity(&self, index: usize) -> &Entity {
        &self.entities[index]
    }

    /// The entity with this id.
    pub fn by_id(&self, id: &str) -> Option<&Entity> {
        self.by_id.get(id).map(|&i| &self.entities[i])
    }

    /// Index of the company listed under `symbol` (`0700.HK`, `BABA`).
    pub fn listed_company(&self, symbol: &str) -> Option<usize> {
        self.by_symbol.get(symbol).copied()
    }

    /// Number of names (canonical names, aliases and their spelling variants)
    /// in the automaton.
    pub fn name_count(&self) -> usize {
        self.names.len()
    }
}

/// Accumulates rows from both files, then validates cross-references.
#[derive(Default)]
struct Builder {
    entities: Vec<Entity>,
    /// Where each entity was defined, for error messages.
    origins: Vec<(PathBuf, u64)>,
    /// Name -> (entity index, explicit?). Explicit names win over generated
    /// spelling variants.
    names: HashMap<String, (usize, bool)>,
    name_order: Vec<String>,
    by_id: HashMap<String, usize>,
    by_symbol: HashMap<String, usize>,
}

impl Builder {
    fn read_file(&mut self, path: &Path, content: &str, kind: EntityKind) -> Result<()> {
        let err = |line: u64, reason: String| Error::Gazetteer {
            path: path.to_path_buf(),
            line,
            reason,
        };
        let content = content.strip_prefix('\u{FEFF}').unwrap_or(content);
        let mut lines = content
            .lines()
            .enumerate()
            .map(|(i, l)| (i as u64 + 1, l.trim_end_matches('\r')));
        let header = lines
            .by_ref()
            .find(|(_, l)| !l.trim().is_empty() && !l.starts_with('#'))
            .ok_or_else(|| err(0, "no header row".into()))?;
        let columns: Vec<&str> = header.1.split('\t').map(str::trim).collect();
        let col = |name: &str| columns.iter().position(|c| *c == name);
        let (Some(id_col), Some(canon_col)) = (col("id"), col("canonical")) else {
            return Err(err(
                header.0,
                format!("header must name the columns `id` and `canonical`, found {columns:?}"),
            ));
        };
        let (alias_col, ticker_col, country_col, dev_col, family_col) = (
            col("aliases"),
            col("tickers"),
            col("country"),
            col("developer"),
            col("family"),
        );
        for (line, row) in lines {
            if row.trim().is_empty() || row.starts_with('#') {
                continue;
            }
            let fields: Vec<&str> = row.split('\t').map(str::trim).collect();
            if fields.len() > columns.len() {
                return Err(err(
                    line,
                    format!(
                        "{} fields but the header has {} columns",
                        fields.len(),
                        columns.len()
                    ),
                ));
            }
            let get = |c: Option<usize>| {
                c.and_then(|c| fields.get(c))
                    .copied()
                    .filter(|f| !f.is_empty())
            };
            let id = get(Some(id_col)).ok_or_else(|| err(line, "empty `id`".into()))?;
            if !is_slug(id) {
                return Err(err(
                    line,
                    format!("id {id:?} is not a lowercase slug (a-z, 0-9, `-`, `.`, `_`)"),
                ));
            }
            let canonical = get(Some(canon_col))
                .ok_or_else(|| err(line, format!("{id}: empty `canonical`")))?;
            if let Some(&prev) = self.by_id.get(id) {
                let (p, l) = &self.origins[prev];
                return Err(err(
                    line,
                    format!("id {id:?} already defined at {}:{l}", p.display()),
                ));
            }
            let mut listings = Vec::new();
            for t in get(ticker_col)
                .unwrap_or("")
                .split(';')
                .map(str::trim)
                .filter(|t| !t.is_empty())
            {
                let (symbol, mic) = t
                    .split_once('@')
                    .ok_or_else(|| err(line, format!("ticker {t:?} is not SYMBOL@MIC")))?;
                if symbol.is_empty()
                    || mic.len() != 4
                    || !mic
                        .bytes()
                        .all(|c| c.is_ascii_uppercase() || c.is_ascii_digit())
                {
                    return Err(err(
                        line,
                        format!(
                            "ticker {t:?}: symbol must be non-empty and MIC four capitals (ISO 10383)"
                        ),
                    ));
                }
                listings.push(Listing {
                    symbol: symbol.to_string(),
                    mic: mic.to_string(),
                });
            }
            let index = self.entities.len();
            for l in &listings {
                if let Some(&other) = self.by_symbol.get(&l.symbol) {
                    return Err(err(
                        line,
                        format!(
                            "ticker {} already belongs to {}",
                            l.symbol, self.entities[other].id
                        ),
                    ));
                }
                self.by_symbol.insert(l.symbol.clone(), index);
            }
            let entity = Entity {
                id: id.to_string(),
                canonical: canonical.to_string(),
                kind,
                listings,
                country: get(country_col).map(str::to_string),
                developer: get(dev_col).map(str::to_string),
                family: get(family_col).map(str::to_string),
            };
            let mut explicit = vec![canonical.to_string()];
            explicit.extend(
                get(alias_col)
                    .unwrap_or("")
                    .split('|')
                    .map(str::trim)
                    .filter(|a| !a.is_empty())
                    .map(str::to_string),
            );
            for name in &explicit {
                for spelled in apostrophe_variants(name) {
                    self.add_name(spelled, index, true)
                        .map_err(|r| err(line, r))?;
                }
            }
            if kind == EntityKind::Model {
                for name in &explicit {
                    for v in spelling_variants(name) {
                        // A generated variant never overrides or collides loudly.
                        let _ = self.add_name(v, index, false);
                    }
                }
            }
            self.by_id.insert(id.to_string(), index);
            self.origins.push((path.to_path_buf(), line));
            self.entities.push(entity);
        }
        Ok(())
    }

    /// Registers a name; two entities may not share an explicit name.
    fn add_name(&mut self, name: String, entity: usize, explicit: bool) -> Result<(), String> {
        match self.names.get(&name) {
            Some(&(other, _)) if other == entity => Ok(()),
            Some(&(other, other_explicit)) => {
                if explicit && other_explicit {
                    Err(format!(
                        "name {name:?} already belongs to {}",
                        self.entities.get(other).map_or("?", |e| &e.id)
                    ))
                } else if explicit {
                    self.names.insert(name, (entity, true));
                    Ok(())
                } else {
                    Err(format!("variant {name:?} is taken"))
                }
            }
            None => {
                self.name_order.push(name.clone());
                self.names.insert(name, (entity, explicit));
                Ok(())
            }
        }
    }

    fn finish(self) -> Result<Gazetteer> {
        for (e, (path, line)) in self.entities.iter().zip(&self.origins) {
            if let Some(dev) = &e.developer {
                let ok = self
                    .by_id
                    .get(dev)
                    .is_some_and(|&i| self.entities[i].kind == EntityKind::Company);
                if !ok {
                    return Err(Error::Gazetteer {
                        path: path.clone(),
                        line: *line,
                        reason: format!("{}: developer {dev:?} is not a company id", e.id),
                    });
                }
            }
        }
        let names: Vec<(usize, String)> = self
            .name_order
            .into_iter()
            .map(|n| (self.names[&n].0, n))
            .collect();
        let automaton = matcher::build(names.iter().map(|(_, n)| n.as_str())).map_err(|e| {
            Error::Gazetteer {
                path: "gazetteers".into(),
                line: 0,
                reason: e.to_string(),
            }
        })?;
        Ok(Gazetteer {
            entities: self.entities,
            names,
            automaton,
            by_symbol: self.by_symbol,
            by_id: self.by_id,
        })
    }
}

fn is_slug(id: &str) -> bool {
    id.bytes()
        .next()
        .is_some_and(|c| c.is_ascii_lowercase() || c.is_ascii_digit())
        && id.bytes().all(|c| {
            c.is_ascii_lowercase() || c.is_ascii_digit() || matches!(c, b'-' | b'.' | b'_')
        })
}

/// The name with `'` as written and as `’` (news uses both).
fn apostrophe_variants(name: &str) -> Vec<String> {
    let mut v = vec![name.to_string()];
    if name.contains('\'') {
        v.push(name.replace('\'', "’"));
    }
    v
}

/// Spelling variants of a model name: each space or hyphen between two
/// alphanumeric characters may be written as a space, a hyphen, or (between a
/// letter and a following digit) nothing: `Qwen 2.5-Max` also gives `Qwen2.5-Max`,
/// `Qwen-2.5-Max`, `Qwen 2.5 Max`, … Names with more than four separators get
/// no variants.
fn spelling_variants(name: &str) -> Vec<String> {
    let chars: Vec<char> = name.chars().collect();
    let seps: Vec<usize> = (1..chars.len().saturating_sub(1))
        .filter(|&i| {
            matches!(chars[i], ' ' | '-')
                && chars[i - 1].is_alphanumeric()
                && chars[i + 1].is_alphanumeric()
        })
        .collect();
    if seps.is_empty() || seps.len() > 4 {
        return Vec::new();
    }
    let mut out = vec![String::new()];
    let mut last = 0;
    for &s in &seps {
        let chunk: String = chars[last..s].iter().collect();
        let letter_digit = chars[s - 1].is_alphabetic() && chars[s + 1].is_ascii_digit();
        let mut next = Vec::new();
        for prefix in &out {
            for sep in [" ", "-", ""] {
                if sep.is_empty() && !letter_digit {
                    continue;
                }
                next.push(format!("{prefix}{chunk}{sep}"));
            }
        }
        out = next;
        last = s + 1;
    }
    let tail: String = chars[last..].iter().collect();
    out.into_iter()
        .map(|p| p + &tail)
        .filter(|v| v != name)
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    const COMPANIES: &str = "# test list\nid\tcanonical\taliases\ttickers\tcountry\n\
        alibaba\tAlibaba Group\tAlibaba|Alibaba Group Holding\t9988.HK@XHKG;BABA@XNYS\tCN\n\
        meta\tMeta Platforms\tMeta\tMETA@XNAS\tUS\n";
    const MODELS: &str = "id\tcanonical\taliases\tdeveloper\tfamily\n\
        qwen-2.5\tQwen 2.5\t\talibaba\tQwen\n";

    fn load(companies: &str, models: &str) -> Result<Gazetteer> {
        Gazetteer::from_strs(("c.tsv", companies), ("m.tsv", models))
    }

    #[test]
    fn loads_entities_listings_and_variants() {
        let g = load(COMPANIES, MODELS).unwrap();
        assert_eq!(g.entities().len(), 3);
        let e = g.entity(g.listed_company("9988.HK").unwrap());
        assert_eq!(e.id, "alibaba");
        assert_eq!(
            e.listings[0],
            Listing {
                symbol: "9988.HK".into(),
                mic: "XHKG".into()
            }
        );
        assert_eq!(
            g.by_id("qwen-2.5").unwrap().developer.as_deref(),
            Some("alibaba")
        );
        // canonical + 2 aliases, Meta Platforms + Meta, Qwen 2.5 + Qwen-2.5 + Qwen2.5
        assert_eq!(g.name_count(), 8);
    }

    #[test]
    fn bundled_lists_load() {
        let g = Gazetteer::load(&GazetteerSource::Bundled).unwrap();
        assert!(g.by_id("alibaba").is_some());
        assert!(
            g.listed_company("0700.HK")
                .is_some_and(|i| g.entity(i).id == "tencent")
        );
    }

    #[test]
    fn malformed_rows_name_file_and_line() {
        let cases: &[(&str, &str, &str)] = &[
            ("id\tcanonical\nBad Id\tX\n", "c.tsv:2", "lowercase slug"),
            ("id\tcanonical\na\tA\na\tA2\n", "c.tsv:3", "already defined"),
            (
                "id\tcanonical\taliases\na\tA\tX\nb\tB\tX\n",
                "c.tsv:3",
                "already belongs to a",
            ),
            (
                "id\tcanonical\ttickers\na\tA\tBABA\n",
                "c.tsv:2",
                "SYMBOL@MIC",
            ),
            ("name\n", "c.tsv:1", "header must name"),
            ("id\tcanonical\na\t\n", "c.tsv:2", "empty `canonical`"),
        ];
        for (companies, at, reason) in cases {
            let e = load(companies, "id\tcanonical\n").unwrap_err().to_string();
            assert!(
                e.starts_with(at) && e.contains(reason),
                "{companies:?} gave {e}"
            );
        }
        let e = load(COMPANIES, "id\tcanonical\tdeveloper\nm\tM\tnobody\n")
            .unwrap_err()
            .to_string();
        assert!(
            e.starts_with("m.tsv:2") && e.contains("not a company id"),
            "{e}"
        );
    }

    #[test]
    fn spelling_variant_rules() {
        let mut v = spelling_variants("Qwen 2.5-Max");
        v.sort();
        assert!(v.contains(&"Qwen2.5-Max".to_string()));
        assert!(v.contains(&"Qwen-2.5 Max".to_string()));
        assert!(
            !v.contains(&"Qwen 2.5Max".to_string()),
            "digit-letter is never joined: {v:?}"
        );
        assert_eq!(spelling_variants("GPT-4o"), ["GPT 4o", "GPT4o"]);
        assert!(spelling_variants("o1").is_empty());
    }
}

//! Gazetteers: human-editable lists of companies and AI models, loaded,
//! validated and compiled into one anchored trie of names (`trie`).
//!
//! The files are tab-separated with a header row; `#` lines are comments
//! (each file names its source and licence in them). See
//! `gazetteers/README.md` for the format. Two files make a gazetteer folder:
//!
//! - `companies.tsv`: `id`, `canonical`, `type` (`company`), `aliases`
//!   (`|`-separated), `tickers` (`;`-separated `SYMBOL@MIC`, e.g.
//!   `9988.HK@XHKG;BABA@XNYS`, with the exchange as its ISO 10383 market
//!   identifier code), `country` (ISO 3166 alpha-2), `parent` (a company
//!   `id`), `case`, `context`, `source`;
//! - `models.tsv`: `id`, `canonical`, `type` (`model`), `aliases`,
//!   `developer` (a company `id`), `family`, `version`, `released`
//!   (`YYYY`, `YYYY-MM` or `YYYY-MM-DD`), `case`, `context`, `source`.
//!
//! `case` is empty or `exact` and `context` empty or `required`: the
//! [`NamePolicy`] of the entity's one-word names. Columns are found by header
//! name, so files may carry more columns than these. The bundled folder is
//! compiled into the binary.

pub mod check;
mod context;
pub(crate) mod fold;
mod list;
mod matcher;
mod trie;

pub use context::ContextCheck;
pub use matcher::GazetteerMatch;

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use crate::error::{Error, Result};

/// What kind of entity a gazetteer row describes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum EntityKind {
    /// A company or other organisation (`companies.tsv`).
    Company,
    /// An AI model (`models.tsv`).
    Model,
    /// A non-company organisation that develops models (a university, a
    /// state research institute): `type=organization` in `companies.tsv`.
    /// Listed so that models can name it as their developer; never matched
    /// in text (it is not a company mention).
    Organization,
    /// An entity of a type newsie has no recognizer for, from a flat list
    /// (`person`, `media`): matched, and reported under its type's name.
    Listed(&'static str),
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
    /// Parent company id (subsidiaries and units: `alibaba-cloud` → `alibaba`).
    pub parent: Option<String>,
    /// Model version as written (`2.5`, `V3`), where known.
    pub version: Option<String>,
    /// Model release date (`YYYY`, `YYYY-MM` or `YYYY-MM-DD`), where known.
    pub released: Option<String>,
    /// How the entity's one-word names are matched.
    pub policy: NamePolicy,
}

/// The matching policy of an entity's single-word names (no space, no
/// hyphen: `Apple`, `o1`, `R1`, `Gemini`); its longer names (`Apple Computer`,
/// `DeepSeek-R1`) are unambiguous and always match under the default rules.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct NamePolicy {
    /// `case=exact`: only as written, never in capitals or another case
    /// (names that are also common words: `Apple`, `Target`, `Gap`).
    pub exact_case: bool,
    /// `context=required`: a match counts only with context in its sentence
    /// (companies: a company cue such as `shares` or a ticker; models: the
    /// developer or an AI cue such as `model`). See [`ContextCheck`].
    pub needs_context: bool,
}

/// Where the gazetteer files come from: the bundled copy or a folder.
#[derive(Debug, Clone)]
pub enum GazetteerSource {
    /// The lists compiled into the binary from the repository's `gazetteers/`.
    Bundled,
    /// A folder holding `companies.tsv` and `models.tsv`.
    Dir(PathBuf),
    /// One flat list, `name<TAB>type<TAB>canonical` a line (see
    /// [`Gazetteer::from_list`]); the event lexicon is the bundled one.
    List(PathBuf),
}

impl GazetteerSource {
    /// `path` as a source: a folder, else a flat list file.
    pub fn from_path(path: &Path) -> GazetteerSource {
        if path.is_dir() {
            GazetteerSource::Dir(path.to_path_buf())
        } else {
            GazetteerSource::List(path.to_path_buf())
        }
    }
}

/// A loaded, validated gazetteer with its compiled name trie.
///
/// Build it once and share it (it is `Send + Sync`); matching allocates the
/// result vector and, for texts that need folding (line breaks, non-ASCII
/// spaces and quotes, full-width letters), a folded copy with its offset map.
#[derive(Debug)]
pub struct Gazetteer {
    entities: Vec<Entity>,
    /// Pattern index -> name.
    names: Vec<Name>,
    automaton: trie::NameTrie,
    by_symbol: HashMap<String, usize>,
    by_id: HashMap<String, usize>,
    /// Model names by [`model_key`] (lowercase, separators removed).
    model_keys: HashMap<String, usize>,
    /// Model families written as a name prefix (`Qwen`, `GPT`), with the
    /// family's usual developer id.
    families: Vec<(String, Option<String>)>,
    /// Ticker forms of flat-list names.
    tickers: Vec<TickerForm>,
}

/// One pattern of the automaton.
#[derive(Debug, Clone)]
pub(crate) struct Name {
    /// The entity it names.
    pub(crate) entity: usize,
    /// The folded name (see `fold`).
    pub(crate) text: String,
    /// A one-word name of an entity with `case=exact`.
    pub(crate) exact_case: bool,
    /// A one-word name of an entity with `context=required`.
    pub(crate) needs_context: bool,
    /// A ticker form of the entity (a flat list's `ticker` row): index into
    /// [`Gazetteer::ticker_form`].
    pub(crate) ticker: Option<usize>,
}

/// A ticker name of a flat list, read as a symbol and an exchange.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TickerForm {
    /// Symbol as the ticker recognizer normalizes it (`NASDAQ:NVDA` → `NVDA`),
    /// or the part after an unknown `EXCHANGE:` prefix, or the name.
    pub symbol: String,
    /// ISO 10383 MIC of the exchange, where the form tells it.
    pub mic: Option<&'static str>,
}

pub(crate) const BUNDLED_COMPANIES: &str = include_str!("../../gazetteers/companies.tsv");
pub(crate) const BUNDLED_MODELS: &str = include_str!("../../gazetteers/models.tsv");

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
            GazetteerSource::List(path) => {
                let text = std::fs::read_to_string(path).map_err(|e| Error::io(path, e))?;
                Gazetteer::from_list(path, &text)
            }
        }
    }

    /// Builds a gazetteer from a flat list: one name a line,
    /// `name<TAB>type<TAB>canonical`, as `../shared/bench/gazetteer.tsv` and
    /// many NER tool lists are written. Blank lines and `#` lines are
    /// skipped, and so is a header row `name<TAB>type<TAB>canonical`.
    ///
    /// - Rows with the same type and canonical name are one entity, with
    ///   id the canonical name as a slug (`Nvidia Corp` → `nvidia-corp`; a
    ///   second canonical with the same slug gets `-2`); only the names
    ///   listed are matched (the canonical too only when listed).
    /// - `company` and `model` rows are companies and AI models (models get
    ///   their spelling variants, as in `models.tsv`); a `ticker` row is a
    ///   ticker form of the company with that canonical name (`NASDAQ:NVDA`,
    ///   `NVDA.O`, `9988.HK`), found as a `ticker` mention linked to it;
    ///   any other type (`person`, `media`) is matched and reported under
    ///   its own name. No entity has a case or context policy: names match
    ///   under the default rules of [`Gazetteer::find`].
    ///
    /// # Errors
    /// [`Error::Gazetteer`] naming `path` and the line: a row without three
    /// fields, an empty name, a type that is not a lowercase word
    /// (`[a-z][a-z0-9_-]*`) or is `date`, `money` or `percent` (found by the
    /// pattern recognizers), or a name listed for two entities.
    pub fn from_list(path: &Path, text: &str) -> Result<Gazetteer> {
        list::read(path, text)?.finish()
    }

    /// Builds a gazetteer from the contents of a companies file and a models
    /// file, each given with the name used in error messages.
    ///
    /// # Errors
    /// As [`Gazetteer::load`].
    pub fn from_strs(companies: (&str, &str), models: (&str, &str)) -> Result<Gazetteer> {
        Builder::read(companies, models)?.finish()
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
    /// Class shares match in either spelling: `BRK.B` and `BRK-B`.
    pub fn listed_company(&self, symbol: &str) -> Option<usize> {
        self.by_symbol.get(symbol).copied().or_else(|| {
            let other = if symbol.contains('-') {
                symbol.replace('-', ".")
            } else {
                symbol.replace('.', "-")
            };
            (other != symbol)
                .then(|| self.by_symbol.get(&other).copied())
                .flatten()
        })
    }

    /// The ticker form `index` of a flat-list name
    /// ([`GazetteerMatch::ticker`]).
    pub fn ticker_form(&self, index: usize) -> &TickerForm {
        &self.tickers[index]
    }

    /// Number of names (canonical names, aliases and their spelling variants)
    /// in the automaton.
    pub fn name_count(&self) -> usize {
        self.names.len()
    }

    /// The model whose name, lowercased and without spaces and hyphens, is
    /// `key` (see [`model_key`]): `qwen2.5max` → Qwen 2.5-Max.
    pub fn model_by_key(&self, key: &str) -> Option<usize> {
        self.model_keys.get(key).copied()
    }

    /// Model families that writers use as a name prefix (`Qwen`, `GPT`,
    /// `DeepSeek`, `Llama`): every family that starts the canonical name of
    /// one of its models, with the developer most of its models have.
    pub fn families(&self) -> &[(String, Option<String>)] {
        &self.families
    }

    /// True when `a` and `b` are the same company or one is the other's
    /// parent (`google` and `alphabet`).
    pub fn related(&self, a: &str, b: &str) -> bool {
        let parent = |id: &str| self.by_id(id).and_then(|e| e.parent.as_deref());
        a == b || parent(a) == Some(b) || parent(b) == Some(a)
    }
}

/// The lookup key of a model name: lowercase, with spaces, hyphens and underscores
/// removed, so `Qwen2.5-Max`, `qwen 2.5 max`
/// and `QWEN-2.5-MAX` share `qwen2.5max`.
pub fn model_key(name: &str) -> String {
    name.chars()
        .filter(|c| !matches!(c, ' ' | '-' | '_' | '\u{A0}' | '\u{2011}'))
        .flat_map(char::to_lowercase)
        .collect()
}

/// The optional columns, in the order [`Columns::optional`] holds them.
const OPTIONAL_COLUMNS: [&str; 11] = [
    "type",
    "aliases",
    "tickers",
    "country",
    "developer",
    "family",
    "parent",
    "version",
    "released",
    "case",
    "context",
];

/// Where each column is in a file.
struct Columns {
    count: usize,
    id: usize,
    canonical: usize,
    optional: [Option<usize>; 11],
}

/// Accumulates rows from both files, then validates cross-references.
/// A bad row is recorded in `errors` and reading goes on, so that
/// `newsie gazetteer check` reports every problem at once.
#[derive(Default)]
struct Builder {
    errors: Vec<Error>,
    entities: Vec<Entity>,
    /// Where each entity was defined, for error messages.
    origins: Vec<(PathBuf, u64)>,
    /// Folded name -> (entity index, explicit?). Explicit names win over
    /// generated spelling variants.
    names: HashMap<String, (usize, bool)>,
    name_order: Vec<String>,
    model_keys: HashMap<String, usize>,
    by_id: HashMap<String, usize>,
    by_symbol: HashMap<String, usize>,
    /// Folded ticker name -> its form (flat lists).
    ticker_names: HashMap<String, usize>,
    tickers: Vec<TickerForm>,
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
        let (Some(id), Some(canonical)) = (col("id"), col("canonical")) else {
            return Err(err(
                header.0,
                format!("header must name the columns `id` and `canonical`, found {columns:?}"),
            ));
        };
        let cols = Columns {
            count: columns.len(),
            id,
            canonical,
            optional: OPTIONAL_COLUMNS.map(col),
        };
        for (line, row) in lines {
            if row.trim().is_empty() || row.starts_with('#') {
                continue;
            }
            if let Err(e) = self.read_row(path, line, row, &cols, kind) {
                self.errors.push(e);
            }
        }
        Ok(())
    }

    /// Reads one entity row.
    fn read_row(
        &mut self,
        path: &Path,
        line: u64,
        row: &str,
        cols: &Columns,
        kind: EntityKind,
    ) -> Result<()> {
        let err = |line: u64, reason: String| Error::Gazetteer {
            path: path.to_path_buf(),
            line,
            reason,
        };
        let [
            type_col,
            alias_col,
            ticker_col,
            country_col,
            dev_col,
            family_col,
            parent_col,
            version_col,
            released_col,
            case_col,
            context_col,
        ] = cols.optional;
        let fields: Vec<&str> = row.split('\t').map(str::trim).collect();
        if fields.len() > cols.count {
            return Err(err(
                line,
                format!(
                    "{} fields but the header has {} columns",
                    fields.len(),
                    cols.count
                ),
            ));
        }
        let get = |c: Option<usize>| {
            c.and_then(|c| fields.get(c))
                .copied()
                .filter(|f| !f.is_empty())
        };
        let id = get(Some(cols.id)).ok_or_else(|| err(line, "empty `id`".into()))?;
        if !is_slug(id) {
            return Err(err(
                line,
                format!("id {id:?} is not a lowercase slug (a-z, 0-9, `-`, `.`, `_`)"),
            ));
        }
        let canonical = get(Some(cols.canonical))
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
        // Everything is checked before anything is registered, so a bad row
        // leaves no trace and reading can go on.
        self.check_listings(id, &listings)
            .map_err(|r| err(line, r))?;
        let kind = match (kind, get(type_col)) {
            (k, None) => k,
            (EntityKind::Company, Some("company")) => EntityKind::Company,
            (EntityKind::Company, Some("organization")) => EntityKind::Organization,
            (EntityKind::Model, Some("model")) => EntityKind::Model,
            (k, Some(t)) => {
                let allowed = match k {
                    EntityKind::Model => "`model`",
                    _ => "`company` or `organization`",
                };
                return Err(err(
                    line,
                    format!("{id}: type {t:?}; this list takes {allowed}"),
                ));
            }
        };
        let policy = NamePolicy {
            exact_case: flag(get(case_col), "exact")
                .map_err(|r| err(line, format!("{id}: case {r}")))?,
            needs_context: flag(get(context_col), "required")
                .map_err(|r| err(line, format!("{id}: context {r}")))?,
        };
        let released = get(released_col);
        if let Some(r) = released.filter(|r| !is_release_date(r)) {
            return Err(err(
                line,
                format!("{id}: released {r:?} is not YYYY, YYYY-MM or YYYY-MM-DD"),
            ));
        }
        let entity = Entity {
            id: id.to_string(),
            canonical: canonical.to_string(),
            kind,
            listings,
            country: get(country_col).map(str::to_string),
            developer: get(dev_col).map(str::to_string),
            family: get(family_col).map(str::to_string),
            parent: get(parent_col).map(str::to_string),
            version: get(version_col).map(str::to_string),
            released: released.map(str::to_string),
            policy,
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
        // Organizations are listed to be named as developers or parents,
        // not matched in text.
        if kind == EntityKind::Organization {
            explicit.clear();
        }
        let explicit: Vec<String> = explicit.iter().map(|n| fold::fold_name(n)).collect();
        for name in &explicit {
            self.check_name(name, index).map_err(|r| err(line, r))?;
        }
        self.register(entity, (path.to_path_buf(), line));
        self.add_explicit(&explicit, index);
        Ok(())
    }

    /// Why `listings` cannot go to a new entity `id`: a symbol listed twice
    /// or already another entity's.
    fn check_listings(&self, id: &str, listings: &[Listing]) -> std::result::Result<(), String> {
        for (k, l) in listings.iter().enumerate() {
            let earlier = listings[..k].iter().any(|p| p.symbol == l.symbol);
            if let Some(other) = self
                .by_symbol
                .get(&l.symbol)
                .map(|&o| self.entities[o].id.as_str())
                .or(earlier.then_some(id))
            {
                return Err(format!("ticker {} already belongs to {other}", l.symbol));
            }
        }
        Ok(())
    }

    /// Why the folded `name` cannot be an explicit name of entity `index`:
    /// it is another entity's explicit name.
    fn check_name(&self, name: &str, index: usize) -> std::result::Result<(), String> {
        match self.names.get(name) {
            Some(&(other, true)) if other != index => Err(format!(
                "name {name:?} already belongs to {}",
                self.entities[other].id
            )),
            _ => Ok(()),
        }
    }

    /// Adds a checked entity (its listings included) defined at `origin`;
    /// returns its index.
    fn register(&mut self, entity: Entity, origin: (PathBuf, u64)) -> usize {
        let index = self.entities.len();
        for l in &entity.listings {
            self.by_symbol.insert(l.symbol.clone(), index);
        }
        self.by_id.insert(entity.id.clone(), index);
        self.origins.push(origin);
        self.entities.push(entity);
        index
    }

    /// Adds checked explicit (folded) names of entity `index`, then a
    /// model's lookup keys and spelling variants.
    fn add_explicit(&mut self, names: &[String], index: usize) {
        for name in names {
            self.add_name(name.clone(), index, true);
        }
        if self.entities[index].kind == EntityKind::Model {
            for name in names {
                self.model_keys.entry(model_key(name)).or_insert(index);
                for v in spelling_variants(name) {
                    self.add_name(v, index, false);
                }
            }
        }
    }

    /// Registers a name (the caller has checked explicit clashes): an
    /// explicit name takes over a generated variant, a generated variant
    /// never takes over anything.
    fn add_name(&mut self, name: String, entity: usize, explicit: bool) {
        match self.names.get(&name) {
            Some(&(_, true)) => {}
            Some(&(_, false)) if !explicit => {}
            Some(_) => {
                self.names.insert(name, (entity, true));
            }
            None => {
                self.name_order.push(name.clone());
                self.names.insert(name, (entity, explicit));
            }
        }
    }

    /// Reads both files and checks cross-references, recording every bad row
    /// in `errors`.
    ///
    /// # Errors
    /// Only a file without a usable header row stops reading.
    fn read(companies: (&str, &str), models: (&str, &str)) -> Result<Builder> {
        let mut b = Builder::default();
        b.read_file(Path::new(companies.0), companies.1, EntityKind::Company)?;
        b.read_file(Path::new(models.0), models.1, EntityKind::Model)?;
        let is_org = |id: &str| {
            b.by_id.get(id).is_some_and(|&i| {
                matches!(
                    b.entities[i].kind,
                    EntityKind::Company | EntityKind::Organization
                )
            })
        };
        let mut errors = Vec::new();
        for (e, (path, line)) in b.entities.iter().zip(&b.origins) {
            for (field, value) in [("developer", &e.developer), ("parent", &e.parent)] {
                if let Some(v) = value.as_deref().filter(|v| !is_org(v)) {
                    errors.push(Error::Gazetteer {
                        path: path.clone(),
                        line: *line,
                        reason: format!(
                            "{}: {field} {v:?} is not the id of a company or organization",
                            e.id
                        ),
                    });
                }
            }
        }
        // A parent chain must end: no company is its own (grand)parent.
        for (i, (path, line)) in b.origins.iter().enumerate() {
            let mut at = i;
            for _ in 0..=b.entities.len() {
                let Some(&p) = b.entities[at]
                    .parent
                    .as_deref()
                    .and_then(|p| b.by_id.get(p))
                else {
                    break;
                };
                if p == i {
                    errors.push(Error::Gazetteer {
                        path: path.clone(),
                        line: *line,
                        reason: format!("{}: parent chain returns to itself", b.entities[i].id),
                    });
                    break;
                }
                at = p;
            }
        }
        b.errors.extend(errors);
        Ok(b)
    }

    /// Compiles the automaton.
    ///
    /// # Errors
    /// The first recorded row error, if any.
    fn finish(mut self) -> Result<Gazetteer> {
        if !self.errors.is_empty() {
            return Err(self.errors.swap_remove(0));
        }
        let names: Vec<Name> = self
            .name_order
            .into_iter()
            .map(|text| {
                let (entity, _) = self.names[&text];
                let policy = self.entities[entity].policy;
                let one_word = is_single_word(&text);
                Name {
                    entity,
                    exact_case: policy.exact_case && one_word,
                    needs_context: policy.needs_context && one_word,
                    ticker: self.ticker_names.get(&text).copied(),
                    text,
                }
            })
            .collect();
        let automaton = matcher::build(names.iter().map(|n| n.text.as_str()));
        let families = families(&self.entities);
        Ok(Gazetteer {
            entities: self.entities,
            names,
            automaton,
            by_symbol: self.by_symbol,
            by_id: self.by_id,
            model_keys: self.model_keys,
            families,
            tickers: self.tickers,
        })
    }
}

/// The families that start the canonical name of one of their models, each
/// with its most common developer (ties: the first in file order), sorted
/// longest first so that `DeepSeek` is tried before `Deep…`.
fn families(entities: &[Entity]) -> Vec<(String, Option<String>)> {
    let mut developers: HashMap<&str, Vec<&str>> = HashMap::new();
    let mut order: Vec<&str> = Vec::new();
    for e in entities.iter().filter(|e| e.kind == EntityKind::Model) {
        let Some(f) = e.family.as_deref() else {
            continue;
        };
        let prefix = e.canonical.starts_with(f)
            && !e.canonical[f.len()..]
                .chars()
                .next()
                .is_some_and(char::is_alphabetic);
        if !prefix {
            continue;
        }
        let list = developers.entry(f).or_insert_with(|| {
            order.push(f);
            Vec::new()
        });
        if let Some(d) = e.developer.as_deref() {
            list.push(d);
        }
    }
    let mut out: Vec<(String, Option<String>)> = order
        .into_iter()
        .map(|f| {
            let devs = &developers[f];
            let best = devs
                .iter()
                .max_by_key(|d| {
                    let count = devs.iter().filter(|x| x == d).count();
                    let first = devs.iter().position(|x| x == *d).unwrap_or(0);
                    (count, std::cmp::Reverse(first))
                })
                .map(|d| d.to_string());
            (f.to_string(), best)
        })
        .collect();
    out.sort_by(|a, b| b.0.len().cmp(&a.0.len()).then_with(|| a.0.cmp(&b.0)));
    out
}

/// A name with no space and no hyphen (`Apple`, `o1`, `Gemini`): the names a
/// [`NamePolicy`] binds. `DeepSeek-R1` and `Apple Computer` are longer names.
pub(crate) fn is_single_word(name: &str) -> bool {
    !name.contains([' ', '-'])
}

/// Reads a policy column: empty, or the one word it allows.
fn flag(value: Option<&str>, word: &str) -> std::result::Result<bool, String> {
    match value {
        None => Ok(false),
        Some(v) if v == word => Ok(true),
        Some(v) => Err(format!("{v:?} is not empty or `{word}`")),
    }
}

/// `YYYY`, `YYYY-MM` or `YYYY-MM-DD`, a real calendar date (`2024-02-30`
/// is not).
fn is_release_date(s: &str) -> bool {
    let parts: Vec<&str> = s.split('-').collect();
    let digits = |p: &str, n: usize| p.len() == n && p.bytes().all(|b| b.is_ascii_digit());
    let month_ok = |m: &str| (1..=12).contains(&m.parse::<u8>().unwrap_or(0));
    match parts.as_slice() {
        [y] => digits(y, 4),
        [y, m] => digits(y, 4) && digits(m, 2) && month_ok(m),
        [y, m, d] => {
            digits(y, 4) && digits(m, 2) && digits(d, 2) && s.parse::<jiff::civil::Date>().is_ok()
        }
        _ => false,
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
            e.starts_with("m.tsv:2") && e.contains("not the id of a company or organization"),
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

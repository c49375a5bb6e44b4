//! Annotations: gold or predicted mentions and events per article, in the
//! format `newsie extract` writes.
//!
//! A gold set is what `newsie extract -o DIR` writes (JSONL): a folder with
//! `articles.jsonl`, `mentions.jsonl` and `events.jsonl` (every `*.jsonl`
//! file in it is read, `errors.jsonl` and the resume ledger `inputs.jsonl`
//! excepted, and `provenance.json` when
//! present), or one JSONL file of tagged records as `newsie extract` prints
//! them. Records are dispatched on their `"record"` field; fields a scorer
//! does not use may be left out, so a reviewed run can be edited by hand
//! (delete a false positive's line, add a missed mention). The fields read:
//!
//! - `article`: `id` (required); `path`, `title`, `dct`, and for gold three
//!   optional fields newsie never writes: `scope_end` (a character offset:
//!   only text before it is annotated), `types` (the record types annotated,
//!   such as `["company", "ticker", "model"]`; absent = every type) and
//!   `split` (`dev`, `test`, …). Mentions and events of an article with no
//!   article record create it.
//! - `mention`: `article`, `type`, `start`, `end` (required; **character**
//!   offsets, end exclusive), `text`, `normalized`, `entity_id`,
//!   `timex_type`.
//! - `event`: `article`, `type`, `trigger_start`, `trigger_end`,
//!   `evidence_start`, `evidence_end` (required, characters); `subtype`,
//!   `trigger`, `evidence`, `negated`, `inferred`, and `arguments`: role →
//!   `{text, normalized, value, currency}`, where `normalized` may be a
//!   string or a number and absent roles may be left out.
//!
//! `error` and `warning` records are skipped.

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

use rayon::prelude::*;
use serde::{Deserialize, Deserializer};

use crate::error::{Error, Result};
use crate::output::{ArticleRecord, EventRecord, MentionRecord, NoticeRecord, RecordSink};
use crate::provenance::Provenance;

/// One mention, gold or predicted.
#[derive(Debug, Clone, PartialEq, Deserialize)]
pub struct Mention {
    /// Article id.
    #[serde(default)]
    pub article: String,
    /// `company`, `ticker`, `model`, `date`, `money`, `percent`, or any type
    /// a gold set uses.
    #[serde(rename = "type")]
    pub kind: String,
    /// Start, in characters.
    pub start: usize,
    /// End (exclusive), in characters.
    pub end: usize,
    /// Surface text.
    #[serde(default)]
    pub text: String,
    /// Normalized value (canonical name, TIMEX3 value, `0.14 USD`, `97`).
    #[serde(default, deserialize_with = "string_or_number")]
    pub normalized: Option<String>,
    /// Entity id, where listed.
    #[serde(default)]
    pub entity_id: Option<String>,
    /// Dates: TIMEX3 type.
    #[serde(default)]
    pub timex_type: Option<String>,
}

/// One event argument.
#[derive(Debug, Clone, PartialEq, Default, Deserialize)]
pub struct Argument {
    /// Surface text.
    #[serde(default)]
    pub text: Option<String>,
    /// Normalized value: a name, TIMEX3 value, `up`, `-97`, `0.14 USD`.
    #[serde(default, deserialize_with = "string_or_number")]
    pub normalized: Option<String>,
    /// Money and number roles: the number.
    #[serde(default)]
    pub value: Option<f64>,
    /// Money roles: ISO 4217 code.
    #[serde(default)]
    pub currency: Option<String>,
}

impl Argument {
    /// True when the argument gives a value (a role left null is absent).
    pub fn is_given(&self) -> bool {
        self.normalized.as_deref().is_some_and(|n| !n.is_empty()) || self.value.is_some()
    }
}

/// One event, gold or predicted.
#[derive(Debug, Clone, PartialEq, Deserialize)]
pub struct Event {
    /// Article id.
    #[serde(default)]
    pub article: String,
    /// `release` or `price_change`.
    #[serde(rename = "type")]
    pub kind: String,
    /// Price-change subtype.
    #[serde(default)]
    pub subtype: Option<String>,
    /// Trigger surface.
    #[serde(default)]
    pub trigger: String,
    /// Trigger start, in characters.
    pub trigger_start: usize,
    /// Trigger end (exclusive), in characters.
    pub trigger_end: usize,
    /// Evidence sentence.
    #[serde(default)]
    pub evidence: String,
    /// Evidence start, in characters.
    pub evidence_start: usize,
    /// Evidence end (exclusive), in characters.
    pub evidence_end: usize,
    /// Negated event.
    #[serde(default)]
    pub negated: bool,
    /// Implied by a reference to an earlier event.
    #[serde(default)]
    pub inferred: bool,
    /// Rule id (predictions).
    #[serde(default)]
    pub rule: Option<String>,
    /// Arguments by role (a role given as `null` is absent).
    #[serde(default, deserialize_with = "roles_without_nulls")]
    pub arguments: BTreeMap<String, Argument>,
}

impl Event {
    /// `release` or `price_change/<subtype>`.
    pub fn key(&self) -> String {
        match &self.subtype {
            Some(s) => format!("{}/{s}", self.kind),
            None => self.kind.clone(),
        }
    }

    /// False for negated and hypothetical events, which are scored apart.
    pub fn is_asserted(&self) -> bool {
        crate::event::is_asserted(
            self.negated,
            self.arguments
                .get("status")
                .and_then(|a| a.normalized.as_deref()),
        )
    }
}

/// One article's annotations.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Doc {
    /// Article id.
    pub id: String,
    /// Input the article came from.
    pub path: Option<String>,
    /// 1-based line of a JSONL input.
    pub line: Option<u64>,
    /// Headline.
    pub title: Option<String>,
    /// Document creation time.
    pub dct: Option<String>,
    /// The text, when known (predictions run here; TimeML gold).
    pub text: Option<String>,
    /// Only text before this character offset is annotated.
    pub scope_end: Option<usize>,
    /// Character ranges where predictions that match nothing are not
    /// counted (MEANTIME's creation-time date line).
    pub exclude: Vec<(usize, usize)>,
    /// The record types annotated (`None`: every type).
    pub types: Option<BTreeSet<String>>,
    /// `dev`, `test`, …
    pub split: Option<String>,
    /// Why the article failed, for a predicted article that failed.
    pub failed: Option<String>,
    /// Mentions in text order.
    pub mentions: Vec<Mention>,
    /// Events in text order.
    pub events: Vec<Event>,
}

impl Doc {
    /// Whether records of this type (`date`, `release`,
    /// `price_change/share_price`) are annotated in this article.
    pub fn annotates(&self, key: &str) -> bool {
        let kind = key.split('/').next().unwrap_or(key);
        self.types
            .as_ref()
            .is_none_or(|t| t.contains(key) || t.contains(kind))
    }
}

/// A set of annotated articles, by id.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Annotations {
    /// Articles by id.
    pub docs: BTreeMap<String, Doc>,
    /// The provenance of the run that wrote them, when recorded.
    pub provenance: Option<Provenance>,
}

fn roles_without_nulls<'de, D: Deserializer<'de>>(
    d: D,
) -> Result<BTreeMap<String, Argument>, D::Error> {
    let roles = Option::<BTreeMap<String, Option<Argument>>>::deserialize(d)?;
    Ok(roles
        .unwrap_or_default()
        .into_iter()
        .filter_map(|(role, a)| Some((role, a?)))
        .collect())
}

fn string_or_number<'de, D: Deserializer<'de>>(d: D) -> Result<Option<String>, D::Error> {
    Ok(match Option::<serde_json::Value>::deserialize(d)? {
        None | Some(serde_json::Value::Null) => None,
        Some(serde_json::Value::String(s)) => Some(s),
        Some(other) => Some(other.to_string()),
    })
}

#[derive(Deserialize)]
struct ArticleLine {
    id: String,
    #[serde(default)]
    path: Option<String>,
    #[serde(default)]
    line: Option<u64>,
    #[serde(default)]
    title: Option<String>,
    #[serde(default)]
    dct: Option<String>,
    #[serde(default)]
    scope_end: Option<usize>,
    #[serde(default)]
    types: Option<BTreeSet<String>>,
    #[serde(default)]
    split: Option<String>,
    #[serde(default)]
    status: Option<String>,
    #[serde(default)]
    error: Option<String>,
}

#[derive(Deserialize)]
struct Tag {
    record: String,
}

/// Where each article record and mention was first read, so that a repeat
/// (in any file of a folder) is named with both places.
#[derive(Default)]
struct Seen {
    articles: std::collections::HashMap<String, String>,
    mentions: std::collections::HashMap<(String, String, usize, usize), String>,
}

/// One parsed line of a JSONL file.
enum Line {
    Article(ArticleLine),
    Mention(Mention),
    Event(Box<Event>),
    /// An `error` or `warning` record: not an annotation.
    Notice,
}

/// Parses one record line; the error is the reason, without file and line.
fn parse_line(line: &str) -> std::result::Result<Line, String> {
    // Lines newsie writes start with their tag; others are parsed for it.
    let tag = match line
        .strip_prefix("{\"record\":\"")
        .and_then(|rest| rest.split_once('"'))
    {
        Some((tag, _)) => tag.to_string(),
        None => {
            serde_json::from_str::<Tag>(line)
                .map_err(|e| format!("not a newsie record ({e}); expected a \"record\" field"))?
                .record
        }
    };
    let json = |e: serde_json::Error| e.to_string();
    Ok(match tag.as_str() {
        "article" => Line::Article(serde_json::from_str(line).map_err(json)?),
        "mention" => {
            let m: Mention = serde_json::from_str(line).map_err(json)?;
            if m.article.is_empty() || m.start > m.end {
                return Err("a mention needs its article and start <= end".into());
            }
            Line::Mention(m)
        }
        "event" => {
            let e: Event = serde_json::from_str(line).map_err(json)?;
            if e.article.is_empty()
                || e.trigger_start > e.trigger_end
                || e.evidence_start > e.evidence_end
            {
                return Err("an event needs its article and start <= end".into());
            }
            Line::Event(Box::new(e))
        }
        "error" | "warning" => Line::Notice,
        other => return Err(format!("unknown record type {other:?}")),
    })
}

impl Annotations {
    /// Reads a folder written by `newsie extract -o DIR` (JSONL), or one
    /// JSONL file of tagged records (see the module docs); or TimeML gold:
    /// a `.tml` (TempEval-3) or `.xml` (MEANTIME) file, or a folder with
    /// such files and no `.jsonl` ([`super::timeml::read_path`]).
    ///
    /// # Errors
    /// [`Error::Io`] when a file cannot be read; [`Error::Input`] with the
    /// file and line for a line that is not a JSON record of a known
    /// `record` type, misses a required field, repeats an article record,
    /// or has offsets with `start > end`.
    pub fn read(path: &Path) -> Result<Annotations> {
        let mut out = Annotations::default();
        if is_timeml(path) {
            out.docs = super::timeml::read_path(path)?
                .into_iter()
                .map(|d| (d.id.clone(), Doc::from(d)))
                .collect();
            return Ok(out);
        }
        if path.is_dir() {
            let mut files: Vec<_> = std::fs::read_dir(path)
                .map_err(|e| Error::io(path, e))?
                .filter_map(|e| e.ok().map(|e| e.path()))
                .filter(|p| {
                    p.extension().is_some_and(|e| e == "jsonl")
                        && p.file_name()
                            .is_some_and(|n| n != "errors.jsonl" && n != crate::output::LEDGER)
                })
                .collect();
            files.sort();
            if files.is_empty() {
                return Err(Error::Input {
                    path: path.into(),
                    line: None,
                    reason: "no .jsonl files: expected a folder written by `newsie extract -o DIR` (JSONL)".into(),
                });
            }
            let mut seen = Seen::default();
            for f in &files {
                out.read_file(f, &mut seen)?;
            }
            let prov = path.join("provenance.json");
            if prov.is_file() {
                let text = std::fs::read_to_string(&prov).map_err(|e| Error::io(&prov, e))?;
                out.provenance = Some(serde_json::from_str(&text).map_err(|e| Error::Input {
                    path: prov.clone(),
                    line: Some(e.line() as u64),
                    reason: e.to_string(),
                })?);
            }
        } else {
            out.read_file(path, &mut Seen::default())?;
        }
        // A gold blessed with `--types` annotates only those types.
        if let Some(types) = out.provenance.as_ref().and_then(|p| p.types.clone()) {
            for d in out.docs.values_mut().filter(|d| d.types.is_none()) {
                d.types = Some(types.iter().cloned().collect());
            }
        }
        Ok(out)
    }

    /// Reads one JSONL file: lines are parsed in parallel, then applied in
    /// file order.
    fn read_file(&mut self, path: &Path, seen: &mut Seen) -> Result<()> {
        let bytes = std::fs::read(path).map_err(|e| Error::io(path, e))?;
        let text = String::from_utf8(bytes).map_err(|e| {
            let valid = &e.as_bytes()[..e.utf8_error().valid_up_to()];
            Error::Input {
                path: path.into(),
                line: Some(valid.iter().filter(|&&b| b == b'\n').count() as u64 + 1),
                reason: "not UTF-8".into(),
            }
        })?;
        let text = text.strip_prefix('\u{feff}').unwrap_or(&text);
        let lines: Vec<(usize, &str)> = text
            .lines()
            .enumerate()
            .filter(|(_, l)| !l.trim().is_empty())
            .collect();
        let parsed: Vec<(usize, std::result::Result<Line, String>)> = lines
            .par_iter()
            .map(|&(i, line)| (i, parse_line(line)))
            .collect();
        for (i, line) in parsed {
            let bad = |reason: String| Error::Input {
                path: path.into(),
                line: Some(i as u64 + 1),
                reason,
            };
            match line.map_err(bad)? {
                Line::Article(a) => {
                    let here = format!("{}:{}", path.display(), i + 1);
                    if let Some(first) = seen.articles.insert(a.id.clone(), here) {
                        return Err(bad(format!(
                            "article {:?} recorded twice (first at {first})",
                            a.id
                        )));
                    }
                    let doc = self.doc(&a.id);
                    doc.path = a.path;
                    doc.line = a.line;
                    doc.title = a.title;
                    doc.dct = a.dct;
                    doc.scope_end = a.scope_end;
                    doc.types = a.types;
                    doc.split = a.split;
                    if a.status.as_deref() == Some("failed") {
                        doc.failed = Some(a.error.unwrap_or_default());
                    }
                }
                Line::Mention(m) => {
                    let key = (m.article.clone(), m.kind.clone(), m.start, m.end);
                    let here = format!("{}:{}", path.display(), i + 1);
                    if let Some(first) = seen.mentions.insert(key, here) {
                        return Err(bad(format!(
                            "the same mention (article, type and span) as at {first}"
                        )));
                    }
                    self.doc(&m.article.clone()).mentions.push(m)
                }
                Line::Event(e) => self.doc(&e.article.clone()).events.push(*e),
                Line::Notice => {}
            }
        }
        Ok(())
    }

    fn doc(&mut self, id: &str) -> &mut Doc {
        self.docs.entry(id.to_string()).or_insert_with(|| Doc {
            id: id.to_string(),
            ..Doc::default()
        })
    }
}

/// A `.tml`/`.xml` file, or a folder with no `.jsonl` file of its own and
/// a `.tml`/`.xml` file somewhere below.
fn is_timeml(path: &Path) -> bool {
    let ext = |p: &Path, exts: &[&str]| {
        p.extension()
            .and_then(|e| e.to_str())
            .is_some_and(|e| exts.contains(&e))
    };
    if !path.is_dir() {
        return ext(path, &["tml", "xml"]);
    }
    let own_jsonl = std::fs::read_dir(path)
        .map(|d| d.filter_map(|e| e.ok()).any(|e| ext(&e.path(), &["jsonl"])))
        .unwrap_or(false);
    !own_jsonl
        && walkdir::WalkDir::new(path)
            .follow_links(true)
            .into_iter()
            .filter_map(|e| e.ok())
            .any(|e| ext(e.path(), &["tml", "xml"]))
}

/// A TimeML document as gold: its TIMEX3s are `date` mentions (value as
/// `normalized`, TIMEX3 type as `timex_type`), the only type annotated; the
/// creation-time expression is excluded (it is the DCT, not a mention).
impl From<super::timeml::TimemlDoc> for Doc {
    fn from(d: super::timeml::TimemlDoc) -> Doc {
        Doc {
            path: Some(d.path),
            dct: d.dct,
            scope_end: d.scope_end,
            exclude: d.creation.into_iter().collect(),
            types: Some(BTreeSet::from(["date".to_string()])),
            mentions: d
                .timexes
                .into_iter()
                .map(|t| Mention {
                    article: d.id.clone(),
                    kind: "date".into(),
                    start: t.start,
                    end: t.end,
                    text: t.text,
                    normalized: t.value,
                    entity_id: None,
                    timex_type: Some(t.timex_type),
                })
                .collect(),
            text: Some(d.text),
            id: d.id,
            ..Doc::default()
        }
    }
}

impl From<&MentionRecord> for Mention {
    fn from(m: &MentionRecord) -> Mention {
        Mention {
            article: m.article.clone(),
            kind: m.kind.to_string(),
            start: m.start,
            end: m.end,
            text: m.text.clone(),
            normalized: m.normalized.clone(),
            entity_id: m.entity_id.clone(),
            timex_type: m.timex_type.map(String::from),
        }
    }
}

impl From<&EventRecord> for Event {
    fn from(e: &EventRecord) -> Event {
        Event {
            article: e.article.clone(),
            kind: e.kind.to_string(),
            subtype: e.subtype.map(String::from),
            trigger: e.trigger.clone(),
            trigger_start: e.trigger_start,
            trigger_end: e.trigger_end,
            evidence: e.evidence.clone(),
            evidence_start: e.evidence_start,
            evidence_end: e.evidence_end,
            negated: e.negated,
            inferred: e.inferred,
            rule: Some(e.rule.to_string()),
            arguments: e
                .arguments
                .iter()
                .map(|(role, a)| {
                    let arg = Argument {
                        text: a.text.clone(),
                        normalized: a.normalized.clone(),
                        value: a.value.as_ref().and_then(|n| n.0.parse().ok()),
                        currency: a.currency.clone(),
                    };
                    (role.to_string(), arg)
                })
                .filter(|(_, a)| a.is_given())
                .collect(),
        }
    }
}

/// A [`RecordSink`] that keeps a run's records as [`Annotations`], with
/// each article's text (for diff listings and HTML pages).
#[derive(Debug, Default)]
pub struct Collector {
    /// What was collected.
    pub annotations: Annotations,
    /// Input-level errors (a file that could not be read).
    pub notices: Vec<NoticeRecord>,
}

impl RecordSink for Collector {
    fn write_article(
        &mut self,
        article: &ArticleRecord,
        text: &str,
        _notices: &[NoticeRecord],
        mentions: &[MentionRecord],
        events: &[EventRecord],
    ) -> Result<()> {
        let doc = self.annotations.doc(&article.id);
        doc.path = Some(article.path.clone());
        doc.line = article.line;
        doc.title = article.title.clone();
        doc.dct = article.dct.clone();
        doc.text = Some(text.to_string());
        doc.failed = article.error.clone();
        doc.mentions = mentions.iter().map(Mention::from).collect();
        doc.events = events.iter().map(Event::from).collect();
        Ok(())
    }

    fn write_notice(&mut self, notice: &NoticeRecord) -> Result<()> {
        self.notices.push(notice.clone());
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_tagged_records_with_optional_fields_and_names_bad_lines() {
        let dir = tempfile::tempdir().unwrap();
        let f = dir.path().join("gold.jsonl");
        std::fs::write(
            &f,
            concat!(
                r#"{"record":"article","id":"a1","types":["company"],"scope_end":40}"#,
                "\n\n",
                r#"{"record":"mention","article":"a1","type":"company","start":0,"end":7,"text":"Alibaba"}"#,
                "\n",
                r#"{"record":"event","article":"a2","type":"price_change","subtype":"product_price","trigger_start":5,"trigger_end":8,"evidence_start":0,"evidence_end":30,"arguments":{"change_percent":{"normalized":-97},"date":{"normalized":null},"company":null}}"#,
                "\n",
                r#"{"record":"warning","input":"x","reason":"y"}"#,
                "\n"
            ),
        )
        .unwrap();
        let a = Annotations::read(&f).unwrap();
        assert_eq!(a.docs.len(), 2);
        let a1 = &a.docs["a1"];
        assert_eq!(
            (a1.scope_end, a1.annotates("company"), a1.annotates("date")),
            (Some(40), true, false)
        );
        assert_eq!(a1.mentions[0].normalized, None);
        let e = &a.docs["a2"].events[0];
        assert_eq!(e.key(), "price_change/product_price");
        assert_eq!(
            e.arguments["change_percent"].normalized.as_deref(),
            Some("-97")
        );
        assert!(!e.arguments["date"].is_given());
        assert!(!e.arguments.contains_key("company"));

        std::fs::write(&f, "{\"record\":\"article\",\"id\":\"a\"}\n{\"record\":\"mention\",\"article\":\"a\",\"type\":\"company\",\"start\":3}\n").unwrap();
        let err = Annotations::read(&f).unwrap_err().to_string();
        assert!(
            err.contains("gold.jsonl:2:") && err.contains("missing field `end`"),
            "{err}"
        );
        std::fs::write(&f, "{\"id\":\"a\"}\n").unwrap();
        let err = Annotations::read(&f).unwrap_err().to_string();
        assert!(
            err.contains("gold.jsonl:1:") && err.contains("\"record\""),
            "{err}"
        );
        let empty = tempfile::tempdir().unwrap();
        let err = Annotations::read(empty.path()).unwrap_err().to_string();
        assert!(err.contains("no .jsonl files"), "{err}");
    }
}

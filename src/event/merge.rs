//! Same event, many articles: `newsie events merge` groups the events of
//! different articles that report the same release or price change into one
//! row with the first-seen date, the number of articles and their ids.
//!
//! Events are grouped when they have the same type and subtype, negation, the same
//! company (entity id, else the name folded to lowercase), the same product
//! or item (folded: lowercase words without articles, `its`, `their` and
//! `price(s)`, so "its Model Y" and "Model Y prices" are one item), the same
//! direction, and compatible dates: equal, one
//! inside the other as TIMEX3 values (`2025-01` holds `2025-01-20`), or one
//! of them absent. Inside a group the most specific date is kept. Events are
//! read in the order of their articles' DCT (then article id, then event
//! id), so a group's first article is the one published first. Negated and
//! hypothetical events are left out unless asked for.

use std::collections::BTreeMap;
use std::path::Path;

use serde::Serialize;

use crate::error::{Error, Result};

/// One event as merge reads it from an `events.jsonl` record.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct MergeInput {
    /// Article id.
    pub article: String,
    /// Event id in the article (`e3`).
    pub id: String,
    /// The article's DCT (`YYYY-MM-DD`), where known.
    pub dct: Option<String>,
    /// `release` or `price_change`.
    pub kind: String,
    /// Subtype, or empty.
    pub subtype: String,
    /// Company: normalized name and entity id.
    pub company: Option<String>,
    /// Company entity id.
    pub company_id: Option<String>,
    /// Product of a release, normalized.
    pub product: Option<String>,
    /// Item of a price change, normalized.
    pub item: Option<String>,
    /// `announced`, `planned`, `reported` or `hypothetical`.
    pub status: Option<String>,
    /// A stated price or a new price, `amount CODE`.
    pub price: Option<String>,
    /// The price's unit ("per 1 million tokens").
    pub price_unit: Option<String>,
    /// `up` or `down`.
    pub direction: Option<String>,
    /// Signed change in percent, as written in the record.
    pub change_percent: Option<String>,
    /// TIMEX3 value of the event date.
    pub date: Option<String>,
    /// Negated.
    pub negated: bool,
    /// The evidence sentence.
    pub evidence: String,
}

impl MergeInput {
    /// Reads an event record (a JSON object of `events.jsonl`), with the DCT
    /// of its article.
    pub fn from_record(v: &serde_json::Value, dct: Option<String>) -> MergeInput {
        let s = |x: &serde_json::Value| x.as_str().map(str::to_string);
        let arg =
            |role: &str, field: &str| s(&v["arguments"][role][field]).filter(|x| !x.is_empty());
        MergeInput {
            article: s(&v["article"]).unwrap_or_default(),
            id: s(&v["id"]).unwrap_or_default(),
            dct,
            kind: s(&v["type"]).unwrap_or_default(),
            subtype: s(&v["subtype"]).unwrap_or_default(),
            company: arg("company", "normalized"),
            company_id: arg("company", "entity_id"),
            product: arg("product", "normalized"),
            item: arg("item", "normalized"),
            status: arg("status", "normalized"),
            price: arg("price", "normalized").or_else(|| arg("new_price", "normalized")),
            price_unit: arg("price_unit", "normalized"),
            direction: arg("direction", "normalized"),
            change_percent: arg("change_percent", "normalized"),
            date: arg("date", "normalized"),
            negated: v["negated"].as_bool().unwrap_or(false),
            evidence: s(&v["evidence"]).unwrap_or_default(),
        }
    }
}

/// One real-world event: a group of article events.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct MergedEvent {
    /// `release` or `price_change`.
    #[serde(rename = "type")]
    pub kind: String,
    /// Subtype of a price change; null for a release.
    pub subtype: Option<String>,
    /// Company name.
    pub company: Option<String>,
    /// Company entity id.
    pub company_id: Option<String>,
    /// Product of a release.
    pub product: Option<String>,
    /// Item of a price change (what is priced, or the sector that moved).
    pub item: Option<String>,
    /// `up` or `down` for price changes.
    pub direction: Option<String>,
    /// The first change in percent the group's events give.
    pub change_percent: Option<String>,
    /// The first price (stated or new) the group's events give, `amount CODE`.
    pub price: Option<String>,
    /// That price's unit.
    pub price_unit: Option<String>,
    /// Status of the first event: `announced`, `planned`, `reported`,
    /// `hypothetical`.
    pub status: Option<String>,
    /// True for a group of negated events (only with `--all-events`).
    pub negated: bool,
    /// The most specific event date (TIMEX3) of the group.
    pub date: Option<String>,
    /// The earliest DCT of the group's articles.
    pub first_seen: Option<String>,
    /// Number of distinct articles.
    pub articles: usize,
    /// Number of events merged.
    pub events: usize,
    /// Article ids, `;`-separated, in reading order.
    pub article_ids: String,
    /// `article#event` ids, `;`-separated.
    pub event_ids: String,
    /// The evidence of the first event.
    pub evidence: String,
}

fn fold(s: &Option<String>) -> String {
    s.as_deref()
        .unwrap_or("")
        .to_lowercase()
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| {
            !w.is_empty()
                && !matches!(
                    *w,
                    "the" | "a" | "an" | "its" | "their" | "price" | "prices" | "pricing"
                )
        })
        .collect::<Vec<_>>()
        .join(" ")
}

/// True when two TIMEX3 values can name the same date: equal, one a prefix
/// of the other at a field boundary, or either absent.
fn compatible(a: &Option<String>, b: &Option<String>) -> bool {
    match (a, b) {
        (Some(a), Some(b)) => {
            let (short, long) = if a.len() <= b.len() { (a, b) } else { (b, a) };
            long.starts_with(short.as_str())
                && (long.len() == short.len() || long[short.len()..].starts_with(['-', 'T']))
        }
        _ => true,
    }
}

/// Groups `events` (see the module docs); `all` keeps negated and
/// hypothetical ones.
pub fn merge(mut events: Vec<MergeInput>, all: bool) -> Vec<MergedEvent> {
    events.retain(|e| all || !(e.negated || e.status.as_deref() == Some("hypothetical")));
    events.sort_by(|a, b| {
        (a.dct.is_none(), &a.dct, &a.article, id_number(&a.id)).cmp(&(
            b.dct.is_none(),
            &b.dct,
            &b.article,
            id_number(&b.id),
        ))
    });
    type Key = (String, String, String, String, String, bool);
    let mut groups: BTreeMap<Key, Vec<MergedEvent>> = BTreeMap::new();
    let mut order: Vec<(Key, usize)> = Vec::new();
    for e in events {
        let company = e.company_id.clone().unwrap_or_else(|| fold(&e.company));
        let key = (
            e.kind.clone(),
            e.subtype.clone(),
            company,
            fold(&e.product.clone().or_else(|| e.item.clone())),
            e.direction.clone().unwrap_or_default(),
            e.negated || e.status.as_deref() == Some("hypothetical"),
        );
        let bucket = groups.entry(key.clone()).or_default();
        // Undated events join only a group first seen within
        // UNDATED_WINDOW_DAYS: "Apple released a new iPhone" in 2024 and 2025
        // are two events.
        let at = bucket.iter().position(|g| {
            compatible(&g.date, &e.date)
                && ((g.date.is_some() && e.date.is_some()) || within_window(&g.first_seen, &e.dct))
        });
        let g = match at {
            Some(i) => &mut bucket[i],
            None => {
                bucket.push(MergedEvent {
                    kind: e.kind.clone(),
                    subtype: (!e.subtype.is_empty()).then(|| e.subtype.clone()),
                    company: e.company.clone(),
                    company_id: e.company_id.clone(),
                    product: e.product.clone(),
                    item: e.item.clone(),
                    direction: e.direction.clone(),
                    change_percent: None,
                    price: None,
                    price_unit: None,
                    status: e.status.clone(),
                    negated: e.negated,
                    date: None,
                    first_seen: e.dct.clone(),
                    articles: 0,
                    events: 0,
                    article_ids: String::new(),
                    event_ids: String::new(),
                    evidence: e.evidence.clone(),
                });
                order.push((key, bucket.len() - 1));
                bucket.last_mut().expect("just pushed")
            }
        };
        if e.date.as_ref().map_or(0, String::len) > g.date.as_ref().map_or(0, String::len) {
            g.date = e.date.clone();
        }
        if g.change_percent.is_none() {
            g.change_percent = e.change_percent.clone();
        }
        if g.price.is_none() {
            g.price = e.price.clone();
            g.price_unit = e.price_unit.clone();
        }
        let listed = g.article_ids.split(';').any(|a| a == e.article);
        if !listed {
            g.articles += 1;
            push_id(&mut g.article_ids, &e.article);
        }
        g.events += 1;
        push_id(&mut g.event_ids, &format!("{}#{}", e.article, e.id));
    }
    order
        .into_iter()
        .map(|(k, i)| groups[&k][i].clone())
        .collect()
}

/// How far apart the DCTs of two undated events may be for them to be one
/// event.
pub const UNDATED_WINDOW_DAYS: i32 = 31;

/// True when two DCTs (`YYYY-MM-DD`) are at most [`UNDATED_WINDOW_DAYS`]
/// apart, or either is unknown.
fn within_window(a: &Option<String>, b: &Option<String>) -> bool {
    let parse = |d: &Option<String>| {
        d.as_deref()
            .and_then(|d| d.get(..10)?.parse::<jiff::civil::Date>().ok())
    };
    match (parse(a), parse(b)) {
        (Some(a), Some(b)) => a
            .until(b)
            .is_ok_and(|s| s.get_days().abs() <= UNDATED_WINDOW_DAYS),
        _ => true,
    }
}

fn push_id(list: &mut String, id: &str) {
    if !list.is_empty() {
        list.push(';');
    }
    list.push_str(id);
}

/// `e12` → 12, so that `e2` sorts before `e10`.
fn id_number(id: &str) -> u64 {
    id.trim_start_matches('e').parse().unwrap_or(u64::MAX)
}

fn bad_record(path: &Path, n: usize, reason: &str) -> Error {
    Error::Input {
        path: path.to_path_buf(),
        line: Some(n as u64 + 1),
        reason: reason.to_string(),
    }
}

/// Reads the events of output folders written by `newsie extract -o DIR`
/// (JSONL): `DIR/events.jsonl`, with each article's DCT from
/// `DIR/articles.jsonl`. An event read twice (the same folder named twice)
/// counts once.
///
/// # Errors
/// [`Error::Io`] when a file cannot be read; [`Error::Input`] (file and
/// line) for a line that is not a JSON object.
pub fn read_dirs(dirs: &[impl AsRef<Path>]) -> Result<Vec<MergeInput>> {
    let mut out = Vec::new();
    let mut seen = std::collections::HashSet::new();
    for dir in dirs {
        let dir = dir.as_ref();
        let read = |name: &str| -> Result<Vec<(usize, serde_json::Value)>> {
            let path = dir.join(name);
            let text = std::fs::read_to_string(&path).map_err(|e| {
                if e.kind() == std::io::ErrorKind::NotFound && dir.join("events.csv").exists() {
                    Error::Input {
                        path: path.clone(),
                        line: None,
                        reason: "not found: events merge reads the JSONL output; run `newsie extract -o DIR` without `-f csv`".to_string(),
                    }
                } else {
                    Error::io(&path, e)
                }
            })?;
            text.lines()
                .enumerate()
                .filter(|(_, l)| !l.trim().is_empty())
                .map(|(n, l)| {
                    serde_json::from_str::<serde_json::Value>(l)
                        .ok()
                        .filter(serde_json::Value::is_object)
                        .map(|v| (n, v))
                        .ok_or_else(|| Error::Input {
                            path: path.clone(),
                            line: Some(n as u64 + 1),
                            reason: "not a JSON object (was the folder written with -f jsonl?)"
                                .to_string(),
                        })
                })
                .collect()
        };
        let dcts: BTreeMap<String, String> = read("articles.jsonl")?
            .iter()
            .map(|(_, a)| a)
            .filter_map(|a| {
                Some((
                    a["id"].as_str()?.to_string(),
                    a["dct"].as_str()?.to_string(),
                ))
            })
            .collect();
        let path = dir.join("events.jsonl");
        for (n, e) in read("events.jsonl")? {
            let kind = e["type"].as_str().unwrap_or("");
            let (Some(article), Some(id)) = (e["article"].as_str(), e["id"].as_str()) else {
                return Err(bad_record(
                    &path,
                    n,
                    "an event record needs `article` and `id`",
                ));
            };
            if !matches!(kind, "release" | "price_change") || !e["arguments"].is_object() {
                return Err(bad_record(
                    &path,
                    n,
                    "not an event record (`type` release or price_change, with `arguments`)",
                ));
            }
            // The same event read twice (a folder named twice) counts once.
            if !seen.insert((article.to_string(), id.to_string())) {
                continue;
            }
            let dct = dcts.get(article).cloned();
            out.push(MergeInput::from_record(&e, dct));
        }
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ev(
        article: &str,
        dct: &str,
        company: &str,
        product: &str,
        date: Option<&str>,
    ) -> MergeInput {
        MergeInput {
            article: article.into(),
            id: "e1".into(),
            dct: Some(dct.into()),
            kind: "release".into(),
            company: Some(company.into()),
            product: Some(product.into()),
            date: date.map(String::from),
            ..MergeInput::default()
        }
    }

    #[test]
    fn groups_the_same_release_across_articles() {
        let merged = merge(
            vec![
                ev(
                    "b",
                    "2025-01-30",
                    "Alibaba Group",
                    "Qwen 2.5-Max",
                    Some("2025-01-29"),
                ),
                ev(
                    "a",
                    "2025-01-29",
                    "Alibaba Group",
                    "Qwen 2.5-Max",
                    Some("2025-01"),
                ),
                ev("c", "2025-02-03", "Alibaba Group", "the Qwen 2.5-Max", None),
                ev(
                    "d",
                    "2025-02-03",
                    "Alibaba Group",
                    "Qwen 2.5-Max",
                    Some("2024-09"),
                ),
                ev(
                    "e",
                    "2025-02-03",
                    "DeepSeek",
                    "DeepSeek-R1",
                    Some("2025-01-20"),
                ),
            ],
            false,
        );
        let rows: Vec<(String, Option<String>, Option<String>, usize)> = merged
            .iter()
            .map(|m| {
                (
                    m.article_ids.clone(),
                    m.date.clone(),
                    m.first_seen.clone(),
                    m.articles,
                )
            })
            .collect();
        assert_eq!(
            rows,
            [
                (
                    "a;b;c".into(),
                    Some("2025-01-29".into()),
                    Some("2025-01-29".into()),
                    3
                ),
                (
                    "d".into(),
                    Some("2024-09".into()),
                    Some("2025-02-03".into()),
                    1
                ),
                (
                    "e".into(),
                    Some("2025-01-20".into()),
                    Some("2025-02-03".into()),
                    1
                ),
            ]
        );
    }

    #[test]
    fn undated_events_merge_only_within_a_month_and_hypotheticals_stay_apart() {
        let mut far = ev("a", "2024-03-01", "Apple", "a new iPhone", None);
        let near = ev("b", "2024-03-09", "Apple", "a new iPhone", None);
        let later = ev("c", "2025-01-10", "Apple", "a new iPhone", None);
        let mut maybe = ev("d", "2024-03-02", "Apple", "a new iPhone", None);
        maybe.status = Some("hypothetical".into());
        far.status = Some("announced".into());
        let merged = merge(vec![far.clone(), near, later, maybe.clone()], true);
        let ids: Vec<&str> = merged.iter().map(|m| m.article_ids.as_str()).collect();
        assert_eq!(ids, ["a;b", "d", "c"]);
        // Without --all-events the hypothetical one is left out.
        assert_eq!(merge(vec![far, maybe], false).len(), 1);
    }

    #[test]
    fn dates_nest_at_field_boundaries() {
        let s = |x: &str| Some(x.to_string());
        assert!(compatible(&s("2025-01"), &s("2025-01-20")));
        assert!(compatible(&s("2025"), &s("2025-01-20T10:00")));
        assert!(!compatible(&s("2025-1"), &s("2025-10")));
        assert!(!compatible(&s("2025-01-20"), &s("2025-01-21")));
        assert!(compatible(&None, &s("2025")));
    }
}

//! Scoring newsie's output against gold annotations (`newsie eval`).
//!
//! - [`annotation`]: the gold format, which is what `newsie extract -o DIR`
//!   writes, and its reader; a collector that keeps a run's records.
//! - [`mention`]: mentions per type, exact and overlap matching and value
//!   agreement (TempEval-3's scheme, for every type).
//! - [`event`]: events per type and arguments per role.
//! - [`report`]: score rows, diff listing, gates and baselines.
//! - [`timeml`]: TempEval-3 `.tml` and MEANTIME CAT XML readers, whose
//!   TIMEX3s ([`timex::Timex3`]) become gold date mentions.
//! - [`timex`]: the TIMEX3 span type.
//!
//! [`evaluate`] puts them together.

pub mod annotation;
pub mod event;
pub mod mention;
pub mod report;
pub mod timeml;
pub mod timex;

use std::collections::{BTreeMap, HashMap};

use annotation::{Annotations, Doc, Event, Mention};
use event::{EventScores, Outcome};
use mention::{Alignment, MentionScores};
use report::{DiffEntry, Measure, Report, Row};

use std::path::{Path, PathBuf};

use annotation::Collector;
use rayon::prelude::*;

use crate::article::{Article, DctSource};
use crate::error::Result;
use crate::html::{HtmlArticle, HtmlEvent, HtmlMention, Mark};
use crate::pipeline::{Pipeline, TypeSet};
use crate::run::{RunConfig, Selection, Summary};
use crate::span::Span;

/// What to score.
#[derive(Debug, Clone, Default)]
pub struct Options {
    /// Only these record types (`--types`), on both sides.
    pub types: TypeSet,
    /// Only gold articles of this split (`--split test`).
    pub split: Option<String>,
    /// Also build a review page per article with a known text
    /// ([`Evaluation::review`]).
    pub review: bool,
}

/// A report, and with [`Options::review`] one page per article: the
/// predicted mentions and events marked correct or spurious, and the missed
/// gold ones, for [`crate::html::render`].
#[derive(Debug, Clone, Default)]
pub struct Evaluation {
    /// Scores, diff listing and provenance.
    pub report: Report,
    /// The review pages, in gold article order.
    pub review: Vec<HtmlArticle>,
}

/// Scores `pred` against `gold`, article by article over the gold articles
/// (predicted articles the gold does not have are counted, not scored).
/// In each article, only the annotated types ([`Doc::types`]) and
/// predictions that start before [`Doc::scope_end`] are scored. `gold_name`
/// and `pred_name` label the report.
pub fn evaluate(
    gold: &Annotations,
    pred: &Annotations,
    options: &Options,
    gold_name: &str,
    pred_name: &str,
) -> Evaluation {
    let mut review = Vec::new();
    let mut report = Report {
        gold: gold_name.to_string(),
        pred: pred_name.to_string(),
        ..Report::default()
    };
    report.provenance.gold = gold.provenance.clone();
    report.provenance.pred = pred.provenance.clone();
    let mut mentions = MentionScores::default();
    let mut events = EventScores::default();
    let empty = Doc::default();
    let mut missing = Vec::new();
    let mut misplaced = Vec::new();
    for g in gold.docs.values() {
        if options
            .split
            .as_ref()
            .is_some_and(|s| g.split.as_ref() != Some(s))
        {
            continue;
        }
        report.articles.gold += 1;
        let p = match pred.docs.get(&g.id) {
            Some(p) => {
                report.articles.scored += 1;
                if p.failed.is_some() {
                    report.articles.failed += 1;
                }
                p
            }
            None => {
                report.articles.missing += 1;
                missing.push(g.id.as_str());
                &empty
            }
        };
        let text = p.text.as_deref().or(g.text.as_deref());
        let in_scope = |start: usize| g.scope_end.is_none_or(|e| start < e);
        let keep = |key: &str, kind: &str, subtype: Option<&str>| {
            g.annotates(key) && options.types.allows(kind, subtype)
        };
        // What is scored of either side: the annotated types, in scope.
        let keep_mention = |m: &Mention| keep(&m.kind, &m.kind, None) && in_scope(m.start);
        let keep_event =
            |e: &Event| keep(&e.key(), &e.kind, e.subtype.as_deref()) && in_scope(e.evidence_start);
        let (gm, pm) = (
            scored(&g.mentions, keep_mention),
            scored(&p.mentions, keep_mention),
        );
        let (ge, pe) = (scored(&g.events, keep_event), scored(&p.events, keep_event));
        // A hand-edited gold mention whose offsets do not cover its surface.
        if let Some(t) = text.filter(|_| !gm.is_empty()) {
            let chars: Vec<char> = t.chars().collect();
            let surface = |m: &Mention| -> Option<String> {
                Some(chars.get(m.start..m.end)?.iter().collect())
            };
            for m in gm.iter().filter(|m| !m.text.is_empty()) {
                if surface(m).as_deref() != Some(m.text.as_str()) {
                    misplaced.push(format!("{} {} @{} {:?}", g.id, m.kind, m.start, m.text));
                }
            }
        }
        let sentences = Sentences::new(text);
        let mut page = options.review.then(|| HtmlArticle {
            id: g.id.clone(),
            title: p.title.clone().or_else(|| g.title.clone()),
            dct: p.dct.clone().or_else(|| g.dct.clone()),
            text: text.unwrap_or_default().to_string(),
            ..HtmlArticle::default()
        });
        let show = |m: &Mention| match &m.normalized {
            Some(v) => format!("{:?} = {v}", m.text),
            None => format!("{:?}", m.text),
        };
        for a in mentions.add_article(&gm, &pm, &g.exclude) {
            let (kind, m, gold_m, pred_m) = match a {
                Alignment::Pair { gold, pred } => {
                    let (x, y) = (gm[gold], pm[pred]);
                    // Values are compared where the gold gives them.
                    let kind = if (x.start, x.end) != (y.start, y.end) {
                        Some("span")
                    } else if x.normalized.is_some() && x.normalized != y.normalized {
                        Some("value")
                    } else if x.timex_type.is_some() && x.timex_type != y.timex_type {
                        Some("timex_type")
                    } else {
                        None
                    };
                    (kind, y, Some(x), Some(y))
                }
                Alignment::Missed(i) => (Some("missed"), gm[i], Some(gm[i]), None),
                Alignment::Spurious(i) => (Some("spurious"), pm[i], None, Some(pm[i])),
            };
            if let Some(page) = &mut page {
                let mark = match (gold_m, pred_m, kind) {
                    (Some(_), Some(_), None) => Mark::Correct,
                    (Some(_), Some(_), Some(_)) => Mark::Partial,
                    (Some(_), None, _) => Mark::Missed,
                    _ => Mark::Spurious,
                };
                let note = match (kind, gold_m) {
                    (Some("timex_type"), Some(x)) => Some(format!(
                        "gold TIMEX3 type {}",
                        x.timex_type.as_deref().unwrap_or("-")
                    )),
                    (Some(_), Some(x)) => Some(format!("gold {}", show(x))),
                    _ => None,
                };
                page.mentions.push(HtmlMention {
                    mark,
                    note,
                    ..HtmlMention::from(m)
                });
            }
            let Some(kind) = kind else { continue };
            report.diff.push(DiffEntry {
                article: g.id.clone(),
                level: "mention".into(),
                kind: kind.into(),
                name: m.kind.clone(),
                start: gold_m.unwrap_or(m).start,
                gold: gold_m.map(show),
                pred: pred_m.map(show),
                sentence: sentences.around(m.start),
            });
        }
        let show = |e: &Event| {
            let args: Vec<String> = e
                .arguments
                .iter()
                .filter(|(_, a)| a.is_given())
                .map(|(r, a)| format!("{r}={}", a.normalized.as_deref().unwrap_or_default()))
                .collect();
            format!("{:?} [{}]", e.trigger, args.join(", "))
        };
        for o in events.add_article(&ge, &pe) {
            let (kind, e, mark, gold_e, pred_e) = match o {
                Outcome::Pair {
                    pred, ref wrong, ..
                } if wrong.is_empty() => (None, pe[pred], Mark::Correct, None, None),
                Outcome::Pair { gold, pred, wrong } => {
                    let wrong: Vec<String> = wrong
                        .iter()
                        .map(|(r, gv, pv)| format!("{r}: {gv:?} vs {pv:?}"))
                        .collect();
                    let pred_side = format!("{} — wrong {}", show(pe[pred]), wrong.join("; "));
                    let gold_side = Some(show(ge[gold]));
                    (
                        Some("argument"),
                        pe[pred],
                        Mark::Partial,
                        gold_side,
                        Some(pred_side),
                    )
                }
                Outcome::Missed(i) => {
                    (Some("missed"), ge[i], Mark::Missed, Some(show(ge[i])), None)
                }
                Outcome::Spurious(i) => (
                    Some("spurious"),
                    pe[i],
                    Mark::Spurious,
                    None,
                    Some(show(pe[i])),
                ),
            };
            let sentence = if e.evidence.is_empty() {
                sentences.around(e.trigger_start)
            } else {
                Some(e.evidence.split_whitespace().collect::<Vec<_>>().join(" "))
            };
            if let Some(page) = &mut page {
                let mut h = HtmlEvent::from(e);
                if h.evidence.is_empty() {
                    h.evidence = sentence.clone().unwrap_or_default();
                }
                h.mark = mark;
                if kind == Some("argument") {
                    h.note = pred_e
                        .as_ref()
                        .and_then(|p| p.split_once(" — "))
                        .map(|(_, w)| w.to_string());
                }
                page.events.push(h);
            }
            let Some(kind) = kind else { continue };
            report.diff.push(DiffEntry {
                article: g.id.clone(),
                level: "event".into(),
                kind: kind.into(),
                name: e.key(),
                start: e.evidence_start,
                gold: gold_e,
                pred: pred_e,
                sentence,
            });
        }
        if let Some(mut page) = page {
            // In text order, as on a page without gold.
            page.mentions
                .sort_by_key(|m| (m.start, std::cmp::Reverse(m.end)));
            page.events.sort_by_key(|e| e.trigger_start);
            if !page.text.is_empty() {
                review.push(page);
            }
        }
    }
    report.articles.unannotated = pred
        .docs
        .keys()
        .filter(|id| !gold.docs.contains_key(*id))
        .count();
    if !missing.is_empty() {
        let shown: Vec<&str> = missing.iter().take(5).copied().collect();
        report.notes.push(format!(
            "{} no predictions (their items all count as missed): {}{}",
            if missing.len() == 1 {
                "1 gold article has".to_string()
            } else {
                format!("{} gold articles have", missing.len())
            },
            shown.join(", "),
            if missing.len() > 5 { ", …" } else { "" }
        ));
    }
    // A type a gold article says it annotates that nothing can have (a typo
    // such as "compnay") would silently score nothing.
    let known: std::collections::BTreeSet<&str> = crate::pipeline::TypeSet::names()
        .into_iter()
        .chain(
            gold.docs
                .values()
                .flat_map(|d| d.mentions.iter().map(|m| m.kind.as_str())),
        )
        .collect();
    let unknown: std::collections::BTreeSet<&str> = gold
        .docs
        .values()
        .filter_map(|d| d.types.as_ref())
        .flatten()
        .map(String::as_str)
        .filter(|t| !known.contains(t))
        .collect();
    if !unknown.is_empty() {
        report.notes.push(format!(
            "gold articles list types no record has: {} (known: {})",
            unknown.into_iter().collect::<Vec<_>>().join(", "),
            crate::pipeline::TypeSet::names().join(", ")
        ));
    }
    if !misplaced.is_empty() {
        let shown: Vec<&str> = misplaced.iter().take(5).map(String::as_str).collect();
        report.notes.push(format!(
            "{} gold mention(s) do not match the article text at their offsets (character offsets, end exclusive): {}{}",
            misplaced.len(),
            shown.join("; "),
            if misplaced.len() > 5 { "; …" } else { "" }
        ));
    }
    report.rows = rows(&mentions, &events);
    Evaluation { report, review }
}

/// Runs `pipeline` over the gold's articles among the inputs under `paths`
/// (as `newsie extract` reads them) and keeps every record, with each
/// article's text. Articles are selected by gold id, or by where the gold
/// says they were read (`root` joined to its `path`, and `line`): a file
/// read directly names its articles differently from the same file read in
/// a folder, and such predictions are filed under the gold's id. An article
/// with no DCT of its own gets the gold's. `published` is as for
/// `newsie extract`.
///
/// # Errors
/// None in practice: bad inputs become failed articles, and nothing is
/// written.
pub fn extract(
    pipeline: &Pipeline,
    gold: &Annotations,
    paths: &[PathBuf],
    root: &Path,
    published: Option<jiff::civil::Date>,
) -> Result<(Annotations, Summary)> {
    let dct = |d: &Doc| d.dct.as_deref().and_then(|s| s.get(..10)?.parse().ok());
    let place = |d: &Doc| {
        d.path
            .as_deref()
            .map(|p| (root.join(p).to_string_lossy().into_owned(), d.line))
    };
    let mut selection = Selection::default();
    let mut by_place = HashMap::new();
    for d in gold.docs.values() {
        selection.ids.insert(d.id.clone(), dct(d));
        if let Some(p) = place(d) {
            selection.places.insert(p.clone(), dct(d));
            by_place.insert(p, d.id.clone());
        }
    }
    let config = RunConfig {
        published,
        select: Some(selection),
        // A gold article is scored whatever its language.
        all_languages: true,
        ..RunConfig::default()
    };
    let mut collector = Collector::default();
    let summary = crate::run::run(pipeline, paths, &config, &mut collector)?;
    let mut pred = collector.annotations;
    let strays: Vec<String> = pred
        .docs
        .keys()
        .filter(|id| !gold.docs.contains_key(*id))
        .cloned()
        .collect();
    for id in strays {
        let doc = &pred.docs[&id];
        let key = doc.path.clone().map(|p| (p, doc.line));
        if let Some(gold_id) = key.and_then(|k| by_place.get(&k))
            && !pred.docs.contains_key(gold_id)
        {
            let mut doc = pred.docs.remove(&id).expect("listed above");
            doc.id = gold_id.clone();
            pred.docs.insert(gold_id.clone(), doc);
        }
    }
    Ok((pred, summary))
}

/// Runs `pipeline` over gold articles that carry their own text (TimeML),
/// in parallel, with each article's DCT.
pub fn extract_texts(pipeline: &Pipeline, gold: &Annotations) -> Annotations {
    let docs = gold
        .docs
        .par_iter()
        .filter_map(|(id, g)| {
            let text = g.text.as_deref()?;
            let mut article = Article::new(id, text);
            if let Some(d) = g.dct.as_deref().and_then(|d| d.get(..10)?.parse().ok()) {
                article = article.with_dct(d, DctSource::Json);
            }
            let x = pipeline.process(&article);
            Some(Doc {
                id: id.clone(),
                dct: g.dct.clone(),
                text: Some(text.to_string()),
                mentions: x.mentions.iter().map(Mention::from).collect(),
                events: x.events.iter().map(Event::from).collect(),
                ..Doc::default()
            })
        })
        .map(|d| (d.id.clone(), d))
        .collect();
    Annotations {
        docs,
        provenance: None,
    }
}

/// The input files the gold articles were read from (their `path`), each
/// once, sorted, relative paths resolved against `root`.
pub fn gold_paths(gold: &Annotations, root: &Path) -> Vec<PathBuf> {
    let paths: std::collections::BTreeSet<PathBuf> = gold
        .docs
        .values()
        .filter_map(|d| d.path.as_deref())
        .filter(|p| *p != "-")
        .map(|p| root.join(p))
        .collect();
    paths.into_iter().collect()
}

/// The items of one side that `keep` lets through.
fn scored<T>(items: &[T], keep: impl Fn(&T) -> bool) -> Vec<&T> {
    items.iter().filter(|x| keep(x)).collect()
}

/// The score rows: mention types, event types (with `price_change` over its
/// subtypes), then arguments by type and role, and `arguments` over all.
fn rows(mentions: &MentionScores, events: &EventScores) -> Vec<Row> {
    let mut rows = Vec::new();
    for (kind, c) in &mentions.types {
        let mut measures = BTreeMap::new();
        measures.insert("exact".to_string(), Measure::new(c.exact, c.gold, c.pred));
        measures.insert(
            "overlap".to_string(),
            Measure::new(c.overlap, c.gold, c.pred),
        );
        if c.gold_values > 0 {
            measures.insert("value".to_string(), Measure::new(c.value, c.gold, c.pred));
        }
        if c.gold_timex_types > 0 {
            let m = Measure::new(c.timex_type, c.gold, c.pred);
            measures.insert("timex_type".to_string(), m);
        }
        rows.push(Row {
            level: "mention".into(),
            name: kind.clone(),
            gold: c.gold,
            pred: c.pred,
            measures,
            accuracy: None,
        });
    }
    let mut types: BTreeMap<String, event::EventCounts> = events.types.clone();
    let subtypes: Vec<event::EventCounts> = events
        .types
        .iter()
        .filter(|(k, _)| k.starts_with("price_change/") && !k.contains(' '))
        .map(|(_, c)| *c)
        .collect();
    if !subtypes.is_empty() {
        let all = subtypes
            .iter()
            .fold(event::EventCounts::default(), |a, c| event::EventCounts {
                gold: a.gold + c.gold,
                pred: a.pred + c.pred,
                overlap: a.overlap + c.overlap,
                exact: a.exact + c.exact,
            });
        types.insert("price_change".into(), all);
    }
    for (key, c) in &types {
        let mut measures = BTreeMap::new();
        measures.insert("exact".to_string(), Measure::new(c.exact, c.gold, c.pred));
        measures.insert(
            "overlap".to_string(),
            Measure::new(c.overlap, c.gold, c.pred),
        );
        rows.push(Row {
            level: "event".into(),
            name: key.clone(),
            gold: c.gold,
            pred: c.pred,
            measures,
            accuracy: None,
        });
    }
    let mut all = event::ArgumentCounts::default();
    let argument_row = |name: String, c: &event::ArgumentCounts| {
        let mut measures = BTreeMap::new();
        measures.insert("value".to_string(), Measure::new(c.correct, c.gold, c.pred));
        Row {
            level: "argument".into(),
            name,
            gold: c.gold,
            pred: c.pred,
            measures,
            accuracy: (c.paired_gold > 0).then(|| c.correct as f64 / c.paired_gold as f64),
        }
    };
    // A role no gold event of its type gives is taken as not annotated
    // (a gold set without `status` for price changes): not scored.
    for ((key, role), c) in events.roles.iter().filter(|(_, c)| c.gold > 0) {
        rows.push(argument_row(format!("{key}.{role}"), c));
        all.gold += c.gold;
        all.pred += c.pred;
        all.paired_gold += c.paired_gold;
        all.correct += c.correct;
    }
    if all.gold > 0 {
        rows.push(argument_row("arguments".into(), &all));
    }
    rows
}

/// The sentences of an article's text, for diff listings, split on first
/// use (most articles of a regression run have no diff).
struct Sentences<'a> {
    text: Option<&'a str>,
    /// Sentence spans in characters, with their byte spans.
    spans: std::cell::OnceCell<Vec<((usize, usize), Span)>>,
}

impl<'a> Sentences<'a> {
    fn new(text: Option<&'a str>) -> Sentences<'a> {
        Sentences {
            text,
            spans: std::cell::OnceCell::new(),
        }
    }

    /// The sentence holding character offset `at`, on one line.
    fn around(&self, at: usize) -> Option<String> {
        let text = self.text?;
        let spans = self.spans.get_or_init(|| {
            let tokens = crate::tokenize::tokenize(text);
            let chars = crate::span::CharMap::new(text);
            crate::tokenize::split_sentences(text, &tokens)
                .iter()
                .map(|s| (chars.char_span(s.span), s.span))
                .collect()
        });
        let (_, span) = spans.iter().find(|((s, e), _)| *s <= at && at < *e)?;
        Some(
            span.slice(text)
                .split_whitespace()
                .collect::<Vec<_>>()
                .join(" "),
        )
    }
}

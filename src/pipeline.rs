//! The pipeline: built once, shared by threads, one article at a time.
//!
//! Stages, in this fixed order: tokenize → sentences → gazetteer matching →
//! pattern recognizers (tickers, model families, discovered companies,
//! money, percent, dates) → context rules for ambiguous names (one sense per
//! discourse) → markup filter (no mentions inside URLs, HTML tags or
//! shortcodes) → overlap resolution → temporal normalization (against the
//! article's DCT) → event rules → records.

use std::collections::{BTreeSet, HashMap};

use crate::article::Article;
use crate::doc::Doc;
use crate::error::Result;
use crate::event::{Event, EventRules};
use crate::gazetteer::{ContextCheck, Gazetteer, GazetteerSource};
use crate::markup::{Markup, overlaps_any};
use crate::mention::{Mention, MentionType, MentionValue};
use crate::output::record::{self, EventRecord, MentionRecord};
use crate::recognize::Recognizers;
use crate::span::Span;
use crate::temporal::{
    AnchorDate, AnchorRef, Context, DateExpr, Tense, TimexType, normalize, tense_of,
};
use crate::tokenize::{split_sentences, tokenize};

/// What the pipeline extracts from one article.
#[derive(Debug, Clone, PartialEq)]
pub struct Extraction {
    /// Mentions in text order (start, end, type), ids `m1`, `m2`, …
    pub mentions: Vec<MentionRecord>,
    /// Events in text order, ids `e1`, `e2`, …
    pub events: Vec<EventRecord>,
    /// Number of sentences in the article.
    pub sentences: usize,
}

/// The extraction pipeline. `Send + Sync`: build it once and share it.
///
/// ```
/// use newsie::{Article, Pipeline};
/// use newsie::article::DctSource;
/// use newsie::gazetteer::GazetteerSource;
/// let pipeline = Pipeline::new(&GazetteerSource::Bundled).unwrap();
/// let article = Article::new("a1", "Alibaba (9988.HK) unveiled Qwen 2.5-Max on Wednesday.")
///     .with_dct(jiff::civil::date(2025, 1, 29), DctSource::Option);
/// let x = pipeline.process(&article);
/// let found: Vec<(&str, Option<&str>)> = x.mentions.iter().map(|m| (m.kind, m.normalized.as_deref())).collect();
/// assert_eq!(found, [
///     ("company", Some("Alibaba Group")),
///     ("ticker", Some("9988.HK")),
///     ("model", Some("Qwen 2.5-Max")),
///     ("date", Some("2025-01-29")),
/// ]);
/// assert_eq!(x.events[0].arguments["product"].normalized.as_deref(), Some("Qwen 2.5-Max"));
/// ```
#[derive(Debug)]
pub struct Pipeline {
    gazetteer: Gazetteer,
    recognizers: Recognizers,
    markup: Markup,
    rules: EventRules,
    types: TypeSet,
}

/// The record types an extraction is restricted to (`--types
/// company,model,release`): mention types, event types, and price-change
/// subtypes written `price_change/share_price`. Every stage still runs (an
/// event needs its company mentions), but only records of these types are
/// kept, and the event rules are skipped when no event type is asked for.
/// Mention and event ids stay those of the full extraction, so `m7` names
/// the same mention with or without a restriction.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct TypeSet(Option<BTreeSet<String>>);

/// Price-change subtypes, as `--types` names them.
const PRICE_SUBTYPES: [&str; 3] = [
    "price_change/product_price",
    "price_change/price_quote",
    "price_change/share_price",
];

impl TypeSet {
    /// Every record type.
    pub fn all() -> TypeSet {
        TypeSet(None)
    }

    /// Every name `--types` accepts, in a fixed order.
    pub fn names() -> Vec<&'static str> {
        let mut names: Vec<&str> = MentionType::ALL.iter().map(|t| t.as_str()).collect();
        names.extend(["release", "price_change"]);
        names.extend(PRICE_SUBTYPES);
        names
    }

    /// Parses a comma-separated list (`company,model`; spaces allowed).
    ///
    /// # Errors
    /// [`crate::Error::Usage`] naming an unknown type and listing the known
    /// ones, or for an empty list.
    pub fn parse(list: &str) -> Result<TypeSet> {
        let known = TypeSet::names();
        let mut set = BTreeSet::new();
        for name in list.split(',').map(str::trim).filter(|n| !n.is_empty()) {
            if !known.contains(&name) {
                return Err(crate::Error::Usage(format!(
                    "unknown record type {name:?} (known: {})",
                    known.join(", ")
                )));
            }
            set.insert(name.to_string());
        }
        if set.is_empty() {
            return Err(crate::Error::Usage("empty list of record types".into()));
        }
        Ok(TypeSet(Some(set)))
    }

    /// The names asked for, or `None` for every type.
    pub fn list(&self) -> Option<Vec<String>> {
        self.0.as_ref().map(|s| s.iter().cloned().collect())
    }

    /// Whether records of this mention type, event type (`release`) or
    /// event type and subtype (`price_change`, `share_price`) are kept.
    pub fn allows(&self, kind: &str, subtype: Option<&str>) -> bool {
        let Some(set) = &self.0 else { return true };
        set.contains(kind) || subtype.is_some_and(|s| set.contains(&format!("{kind}/{s}")))
    }

    /// Whether any event type is kept.
    pub fn any_event(&self) -> bool {
        self.0.as_ref().is_none_or(|set| {
            set.iter()
                .any(|n| n == "release" || n.starts_with("price_change"))
        })
    }
}

impl Pipeline {
    /// Loads the gazetteer and the event lexicon (a folder's own
    /// `triggers.tsv` and `event-cues.tsv`, else the bundled ones) and
    /// compiles every recognizer and rule.
    ///
    /// # Errors
    /// As [`Gazetteer::load`] and [`crate::event::lexicon::Lexicon::load`].
    pub fn new(gazetteers: &GazetteerSource) -> Result<Pipeline> {
        let mut pipeline = Pipeline::with_gazetteer(Gazetteer::load(gazetteers)?);
        pipeline.rules = EventRules::load(gazetteers)?;
        Ok(pipeline)
    }

    /// A pipeline over an already loaded gazetteer, with the bundled event
    /// lexicon.
    pub fn with_gazetteer(gazetteer: Gazetteer) -> Pipeline {
        Pipeline {
            recognizers: Recognizers::new(&gazetteer),
            gazetteer,
            markup: Markup::default(),
            rules: EventRules::default(),
            types: TypeSet::all(),
        }
    }

    /// The same pipeline keeping only records of `types`.
    pub fn with_types(mut self, types: TypeSet) -> Pipeline {
        self.types = types;
        self
    }

    /// The record types kept.
    pub fn types(&self) -> &TypeSet {
        &self.types
    }

    /// The gazetteer in use.
    pub fn gazetteer(&self) -> &Gazetteer {
        &self.gazetteer
    }

    /// The pattern recognizers in use.
    pub fn recognizers(&self) -> &Recognizers {
        &self.recognizers
    }

    /// Runs every stage over one article.
    pub fn process(&self, article: &Article) -> Extraction {
        let mut doc = self.analyze(article);
        normalize_dates(&mut doc, article);
        let events = self.events(&doc);
        self.records(article, &doc, &events)
    }

    /// The gazetteer's matches in `text` as mention candidates (companies,
    /// models, a flat list's tickers and own types), in text order, with
    /// whether each needs context in its sentence to count
    /// (`context=required`): the first recognizer stage of
    /// [`Pipeline::analyze`], which the pattern recognizers read.
    pub fn gazetteer_candidates(&self, text: &str) -> (Vec<Mention>, Vec<bool>) {
        use crate::gazetteer::EntityKind;
        let found = self.gazetteer.find(text);
        let conditional = found.iter().map(|m| m.needs_context).collect();
        let candidates = found
            .into_iter()
            .map(|m| {
                let (kind, value) = match (m.ticker, self.gazetteer.entity(m.entity).kind) {
                    (Some(t), _) => {
                        let form = self.gazetteer.ticker_form(t);
                        let value = MentionValue::Ticker {
                            symbol: form.symbol.clone(),
                            mic: form.mic,
                            company: Some(m.entity),
                        };
                        (MentionType::Ticker, value)
                    }
                    (None, EntityKind::Model) => {
                        (MentionType::Model, MentionValue::Entity(m.entity))
                    }
                    // Organizations have no names in the automaton.
                    (None, EntityKind::Company | EntityKind::Organization) => {
                        (MentionType::Company, MentionValue::Entity(m.entity))
                    }
                    (None, EntityKind::Listed(t)) => {
                        (MentionType::Listed(t), MentionValue::Entity(m.entity))
                    }
                };
                Mention {
                    span: m.span,
                    kind,
                    source: "gazetteer",
                    value,
                }
            })
            .collect();
        (candidates, conditional)
    }

    /// The stages up to overlap resolution (tokens, sentences, resolved
    /// mentions), dates not yet normalized: the first part of
    /// [`Pipeline::process`], exposed for per-stage benchmarks.
    pub fn analyze<'t>(&self, article: &'t Article) -> Doc<'t> {
        let text = article.text.as_str();
        let tokens = tokenize(text);
        let sentences = split_sentences(text, &tokens);
        let (mut candidates, conditional) = self.gazetteer_candidates(text);
        self.recognizers
            .find(text, &self.gazetteer, &mut candidates);
        if conditional.contains(&true) {
            let check = ContextCheck::new(
                &self.gazetteer,
                text,
                &tokens,
                &sentences,
                &candidates,
                &conditional,
            );
            let mut keep: Vec<bool> = (0..candidates.len())
                .map(|i| !conditional.get(i).copied().unwrap_or(false) || check.holds(i))
                .collect();
            // One sense per discourse (Gale, Church and Yarowsky 1992): once
            // an entity is established in the article (a longer name, or one
            // occurrence with context), its other occurrences count too.
            let established: Vec<usize> = (0..candidates.len())
                .filter(|&i| keep[i])
                .filter_map(|i| match candidates[i].value {
                    MentionValue::Entity(e) => Some(e),
                    _ => None,
                })
                .collect();
            for (i, k) in keep.iter_mut().enumerate() {
                if let MentionValue::Entity(e) = candidates[i].value {
                    *k = *k || established.contains(&e);
                }
            }
            let mut keep = keep.into_iter();
            candidates.retain(|_| keep.next().unwrap_or(true));
        }
        let markup = self.markup.find(text);
        if !markup.is_empty() {
            candidates.retain(|m| !overlaps_any(&markup, m.span));
        }
        let mentions = crate::resolve::resolve(candidates);
        Doc {
            text,
            tokens,
            sentences,
            mentions,
        }
    }

    /// The temporal stage of [`Pipeline::process`]: gives every date
    /// mention of `doc` (from [`Pipeline::analyze`]) its TIMEX3 value
    /// against the article's DCT.
    pub fn normalize_dates(&self, doc: &mut Doc, article: &Article) {
        normalize_dates(doc, article);
    }

    /// The event stage of [`Pipeline::process`] over a normalized `doc`
    /// (none when no event type is kept).
    pub fn events(&self, doc: &Doc) -> Vec<Event> {
        if self.types.any_event() {
            self.rules.extract(doc, &self.gazetteer)
        } else {
            Vec::new()
        }
    }

    /// The last stage of [`Pipeline::process`]: mention and event records,
    /// restricted to the kept types.
    pub fn records(&self, article: &Article, doc: &Doc, events: &[Event]) -> Extraction {
        let (mut mentions, mut events) = record::records(&article.id, doc, events, &self.gazetteer);
        mentions.retain(|m| self.types.allows(m.kind, None));
        events.retain(|e| self.types.allows(e.kind, e.subtype));
        Extraction {
            mentions,
            events,
            sentences: doc.sentences.len(),
        }
    }
}

/// How many words of its clause before a date expression decide its tense
/// ("will be payable Jan. 3 to stock of record Nov. 16" is future; "they
/// would appeal the decision, announced Wednesday" is past).
const TENSE_WINDOW: usize = 10;

/// The temporal stage: every temporal mention gets its TIMEX3 value, in text
/// order, so that "the quarter", "three days later" and a bare "4 p.m." see
/// what came before; expressions anchored to an event come last, once every
/// date they may count from is known.
fn normalize_dates(doc: &mut Doc, article: &Article) {
    let mut last_quarter: Option<(i16, i8)> = None;
    // The last calendar date named (any size), and the last day with its
    // sentence.
    let mut last_point: Option<AnchorDate> = None;
    let mut last_day: Option<(AnchorDate, usize)> = None;
    let mut event_dates: Option<HashMap<String, AnchorDate>> = None;
    for event_pass in [false, true] {
        for i in 0..doc.mentions.len() {
            let MentionValue::Date {
                expr, timex_type, ..
            } = &doc.mentions[i].value
            else {
                continue;
            };
            let event = match expr {
                DateExpr::Anchored {
                    anchor: AnchorRef::Event { start, end },
                    ..
                } => Some(Span::new(*start, *end)),
                _ => None,
            };
            if event.is_some() != event_pass {
                continue;
            }
            let (expr, timex_type) = (expr.clone(), *timex_type);
            let start = doc.mentions[i].span.start;
            let sentence = doc.sentence_of(start);
            let anchor = match (&expr, event) {
                (_, Some(name)) => {
                    let dates = event_dates.get_or_insert_with(|| event_dates_of(doc));
                    entity_key_at(doc, name).and_then(|k| dates.get(&k).copied())
                }
                (DateExpr::Anchored { .. }, None) => last_point,
                _ => None,
            };
            let ctx = Context {
                dct: article.dct,
                tense: tense_around(doc, start, doc.mentions[i].span.end),
                last_quarter,
                anchor,
                recent_day: last_day.filter(|&(_, s)| s + 1 >= sentence).map(|(a, _)| a),
            };
            let timex = normalize(&expr, timex_type, &ctx);
            if let Some(v) = &timex.value {
                // Only quarters named as such set the context ("a year
                // earlier" after "the third quarter" must not move it).
                let named_quarter = matches!(
                    expr,
                    DateExpr::InYear {
                        point: crate::temporal::Point::Quarter(_),
                        ..
                    } | DateExpr::Shift {
                        unit: crate::temporal::Unit::Quarter,
                        ..
                    }
                );
                if named_quarter
                    && let Some((y, q)) = v.split_once("-Q")
                    && let (Ok(y), Ok(q)) = (y.parse(), q.parse())
                {
                    last_quarter = Some((y, q));
                }
                if timex_type == TimexType::Date
                    && let Some(a) = AnchorDate::from_value(v, i)
                {
                    last_point = Some(a);
                }
                // A day, or the day of a time ("Tuesday afternoon").
                if matches!(timex_type, TimexType::Date | TimexType::Time)
                    && let Some(a) = v.get(..10).and_then(|d| AnchorDate::from_value(d, i))
                    && a.precision == crate::temporal::Unit::Day
                    && (v.len() == 10 || v.as_bytes().get(10) == Some(&b'T'))
                {
                    last_day = Some((a, sentence));
                }
            }
            doc.mentions[i].value = MentionValue::Date {
                expr,
                timex_type,
                timex: Some(timex),
            };
        }
    }
}

/// The tense of the words before a temporal mention: its clause, else (for
/// lists: "rose in January, February and March") its sentence, else the
/// words after it in its sentence ("In May, Apple will report").
fn tense_around(doc: &Doc, start: usize, end: usize) -> Tense {
    [
        doc.clause_words_before(start, TENSE_WINDOW),
        doc.words_before(start, TENSE_WINDOW),
        doc.words_after(end, TENSE_AFTER_WINDOW),
    ]
    .iter()
    .map(|w| tense_of(w))
    .find(|t| *t != Tense::Unmarked)
    .unwrap_or_default()
}

/// How many words after a mention may decide its tense when none before do.
const TENSE_AFTER_WINDOW: usize = 5;

/// How far after a name its date may be written ("the R1 model on January
/// 20"), in bytes.
const EVENT_DATE_WINDOW: usize = 40;

/// The entity (model or company) a mention denotes, as a map key.
fn entity_key(m: &Mention) -> Option<String> {
    match &m.value {
        MentionValue::Entity(e) => Some(format!("#{e}")),
        MentionValue::UnlistedModel { name, .. } => Some(name.clone()),
        _ => None,
    }
}

/// The entity named at `name` (a mention overlapping it).
fn entity_key_at(doc: &Doc, name: Span) -> Option<String> {
    doc.mentions
        .iter()
        .find(|m| m.span.start < name.end && name.start < m.span.end)
        .and_then(entity_key)
}

/// For each entity, the date the article gives for it: a day-precise date
/// written within a few words after one of its mentions, in the same
/// sentence, with no other mention between ("DeepSeek's recent releases —
/// the V3-powered assistant on January 10 and the R1 model on January 20").
/// The first such date counts.
fn event_dates_of(doc: &Doc) -> HashMap<String, AnchorDate> {
    let mut dates = HashMap::new();
    for (j, pair) in doc.mentions.windows(2).enumerate() {
        let (m, next) = (&pair[0], &pair[1]);
        let Some(key) = entity_key(m) else { continue };
        let sentence = doc.sentences[doc.sentence_of(m.span.start)].span;
        if next.span.start > m.span.end + EVENT_DATE_WINDOW || next.span.start >= sentence.end {
            continue;
        }
        if let MentionValue::Date {
            timex_type: TimexType::Date,
            timex: Some(t),
            ..
        } = &next.value
            && let Some(a) = t
                .value
                .as_deref()
                .and_then(|v| AnchorDate::from_value(v, j + 1))
            && a.precision == crate::temporal::Unit::Day
        {
            dates.entry(key).or_insert(a);
        }
    }
    dates
}

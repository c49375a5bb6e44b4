//! The same-sentence release rule: a company releases a product or model.
//!
//! Trigger lexicon (verbs, any inflection): *unveil*, *launch*, *release*,
//! *debut*, *open-source*, *roll out* (strong), and *announce*, *introduce*,
//! *ship* (weak: they fire only when the product is a known model, since
//! "announced results" and "shipped goods" are not releases).
//!
//! Active voice (`release.svo`): the **company** is the nearest company
//! mention before the trigger in the sentence (no `;` between); the
//! **product** is the object phrase after the trigger, up to punctuation, a
//! preposition or conjunction that starts a new phrase, or a date. When the
//! phrase holds a model mention the product is that model; otherwise the
//! phrase must be headed by a product noun (`model`, `chatbot`, `chip`,
//! `update`, …) and is reported as written. A phrase like "a new version of
//! its Qwen 2.5 model" names the product only by its predecessor: the rule
//! then looks in the rest of that sentence and the next two for a model of the
//! same line whose name extends the predecessor's (`Qwen 2.5-Max`), and
//! reports it (`release.svo.successor`).
//!
//! Passive voice (`release.passive`): "Qwen 2.5-Max was released by Alibaba":
//! the product is the nearest model before the trigger, the company follows
//! `by`.
//!
//! When no company is written but the product is a known model, the company
//! is the model's developer from the gazetteer (argument without span or
//! mention, lower confidence). Nominal triggers ("the release of", "its
//! launch") and negated ones ("did not launch") do not fire this rule.
//!
//! Arguments: `company`, `product`, `date` (the sentence's first date after
//! the trigger, else before it, as its TIMEX3 value) and `status`
//! (`planned` after a future cue such as *will*, *plans to*, *is set to*
//! right before the trigger, else `announced`).

use super::{Argument, Event};
use crate::doc::Doc;
use crate::gazetteer::Gazetteer;
use crate::mention::{MentionType, MentionValue};
use crate::span::Span;
use crate::temporal::{Tense, TimexType, tense_of};
use crate::tokenize::{Token, TokenKind};

/// Verb forms that trigger a release on their own.
const STRONG: &[&str] = &[
    "unveil",
    "unveils",
    "unveiled",
    "unveiling",
    "launch",
    "launches",
    "launched",
    "launching",
    "release",
    "releases",
    "released",
    "releasing",
    "debut",
    "debuts",
    "debuted",
    "debuting",
    "open-source",
    "open-sources",
    "open-sourced",
    "open-sourcing",
];
/// First words of *roll out*.
const ROLL: &[&str] = &["roll", "rolls", "rolled", "rolling"];
/// Verb forms that need a known model as the product.
const WEAK: &[&str] = &[
    "announce",
    "announces",
    "announced",
    "announcing",
    "introduce",
    "introduces",
    "introduced",
    "introducing",
    "ship",
    "ships",
    "shipped",
    "shipping",
];
/// A trigger right after one of these is a noun: "the release of", "its launch".
const NOMINAL_BEFORE: &[&str] = &[
    "the", "a", "an", "its", "their", "his", "her", "our", "this", "that", "these", "’s", "'s",
    "whose", "of", "recent", "first",
];
/// Base verb forms ("launch", "open-source") fire only after one of these
/// (or right after a company: "Baidu and Tencent launch …"); elsewhere they are
/// nouns or adjectives ("open-source AI models").
const BASE_FORM_CUES: &[&str] = &[
    "to", "will", "would", "could", "can", "may", "might", "shall", "should", "must", "’ll", "'ll",
    "and", "also", "soon", "jointly", "quickly", "now",
];
/// A trigger right after one of these is passive: "was released".
const PASSIVE_BEFORE: &[&str] = &[
    "was", "were", "is", "are", "been", "be", "being", "get", "got",
];
/// Negation within three words before the trigger blocks it.
const NEGATION: &[&str] = &["not", "never", "no", "nor"];
/// Words that may stand between the subject company and the trigger:
/// auxiliaries, modals, intention verbs, adverbs, a reporting frame ("said it
/// will"), legal suffixes. Anything else there (another name: "Yahoo is
/// planning to release") means the company is not the subject.
const SUBJECT_GAP: &[&str] = &[
    "has",
    "have",
    "had",
    "is",
    "are",
    "was",
    "were",
    "will",
    "would",
    "could",
    "can",
    "may",
    "might",
    "shall",
    "should",
    "must",
    "’ll",
    "'ll",
    "be",
    "been",
    "being",
    "to",
    "plans",
    "plan",
    "planned",
    "planning",
    "expects",
    "expected",
    "intends",
    "intend",
    "aims",
    "aim",
    "set",
    "scheduled",
    "going",
    "prepares",
    "preparing",
    "hopes",
    "also",
    "just",
    "quietly",
    "officially",
    "finally",
    "recently",
    "reportedly",
    "today",
    "yesterday",
    "now",
    "again",
    "first",
    "soon",
    "formally",
    "jointly",
    "already",
    "said",
    "says",
    "it",
    "on",
    "late",
    "early",
    "earlier",
    "later",
    "inc",
    "corp",
    "co",
    "ltd",
    "plc",
    "llc",
    "ag",
    "sa",
    "nv",
];
/// Nouns that make "Company’s … unit" the company: "Alibaba’s cloud unit
/// launched".
const ORG_PARTS: &[&str] = &[
    "unit",
    "subsidiary",
    "division",
    "arm",
    "team",
    "lab",
    "labs",
    "affiliate",
    "business",
    "parent",
    "startup",
    "start-up",
    "venture",
    "spinoff",
    "spin-off",
];
/// Words that end the object phrase.
const PHRASE_STOP: &[&str] = &[
    "on",
    "in",
    "at",
    "for",
    "with",
    "that",
    "which",
    "who",
    "after",
    "before",
    "amid",
    "following",
    "during",
    "since",
    "by",
    "as",
    "while",
    "and",
    "but",
    "claiming",
    "saying",
    "said",
    "says",
    "according",
    "from",
    "than",
    "when",
    "where",
    "because",
    "despite",
    "via",
    "under",
    "into",
    "across",
    "through",
    "to",
    "last",
    "this",
    "earlier",
    "today",
    "yesterday",
    "tomorrow",
    "globally",
    "worldwide",
    "alongside",
    "called",
    "dubbed",
    "named",
    "is",
    "are",
    "was",
    "were",
    "has",
    "have",
    "had",
    "will",
    "would",
    "could",
    "can",
    "such",
    "so",
    "even",
    "also",
    "not",
    "about",
    "over",
    "against",
    "among",
    "around",
    "including",
    "like",
    "per",
    "if",
    "unless",
    "whether",
    "then",
];
/// Nouns after which `to` or `of` continue the phrase: "an update to its model".
const RELATION_NOUNS: &[&str] = &[
    "version",
    "versions",
    "update",
    "updates",
    "upgrade",
    "upgrades",
    "iteration",
    "successor",
    "variant",
    "sequel",
    "edition",
    "rival",
    "alternative",
    "family",
    "series",
    "suite",
    "line",
];
/// Nouns that make a phrase a product when no model is named.
const PRODUCT_NOUNS: &[&str] = &[
    "model",
    "models",
    "llm",
    "llms",
    "chatbot",
    "chatbots",
    "assistant",
    "assistants",
    "agent",
    "agents",
    "app",
    "apps",
    "application",
    "applications",
    "product",
    "products",
    "service",
    "services",
    "platform",
    "platforms",
    "tool",
    "tools",
    "chip",
    "chips",
    "processor",
    "processors",
    "gpu",
    "gpus",
    "accelerator",
    "accelerators",
    "phone",
    "phones",
    "smartphone",
    "smartphones",
    "device",
    "devices",
    "software",
    "feature",
    "features",
    "version",
    "update",
    "upgrade",
    "system",
    "systems",
    "engine",
    "car",
    "cars",
    "vehicle",
    "vehicles",
    "headset",
    "laptop",
    "laptops",
    "tablet",
    "console",
    "api",
    "apis",
    "robot",
    "robots",
    "robotaxi",
    "drug",
    "vaccine",
    "browser",
    "os",
];

/// The same-sentence release rule (see the module docs).
#[derive(Debug, Default)]
pub struct ReleaseRule;

fn lower(doc: &Doc, t: &Token) -> String {
    t.text(doc.text).to_lowercase()
}

fn is_in(list: &[&str], word: &str) -> bool {
    list.contains(&word)
}

/// How a trigger fires.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Strength {
    Strong,
    Weak,
}

impl ReleaseRule {
    /// Finds release events in `doc`.
    pub fn extract(&self, doc: &Doc, gazetteer: &Gazetteer) -> Vec<Event> {
        let mut events = Vec::new();
        for s in 0..doc.sentences.len() {
            let toks = doc.sentence_tokens(s);
            // Most sentences have no trigger: look before lowercasing anything.
            let may_trigger = toks.iter().any(|t| {
                let w = t.text(doc.text);
                [STRONG, ROLL, WEAK]
                    .iter()
                    .any(|list| list.iter().any(|c| c.eq_ignore_ascii_case(w)))
            });
            if !may_trigger {
                continue;
            }
            let words: Vec<String> = toks.iter().map(|t| lower(doc, t)).collect();
            for i in 0..toks.len() {
                if toks[i].kind != TokenKind::Word {
                    continue;
                }
                let w = words[i].as_str();
                let (strength, last) = if is_in(STRONG, w) {
                    (Strength::Strong, i)
                } else if is_in(ROLL, w) && words.get(i + 1).is_some_and(|n| n == "out") {
                    (Strength::Strong, i + 1)
                } else if is_in(WEAK, w) {
                    (Strength::Weak, i)
                } else {
                    continue;
                };
                let before = |k: usize| i.checked_sub(k).map(|j| words[j].as_str());
                if before(1).is_some_and(|p| is_in(NOMINAL_BEFORE, p)) {
                    continue;
                }
                if (1..=3)
                    .filter_map(before)
                    .any(|p| is_in(NEGATION, p) || p.ends_with("n't") || p.ends_with("n’t"))
                {
                    continue;
                }
                if is_base_form(w) {
                    let after_company = i > 0
                        && doc
                            .mentions_in(toks[i - 1].span)
                            .any(|m| doc.mentions[m].kind == MentionType::Company);
                    if !after_company && !before(1).is_some_and(|p| is_in(BASE_FORM_CUES, p)) {
                        continue;
                    }
                }
                let trigger = Span::new(toks[i].span.start, toks[last].span.end);
                let window: Vec<&str> = (1..=4).rev().filter_map(before).collect();
                let planned = tense_of(&window) == Tense::Future;
                let passive = before(1).is_some_and(|p| is_in(PASSIVE_BEFORE, p));
                let cx = SentenceView {
                    doc,
                    gazetteer,
                    s,
                    toks,
                    words: &words,
                };
                let found = if passive {
                    self.passive(&cx, i, last)
                } else {
                    self.active(&cx, i, last, strength)
                };
                let Some(mut found) = found else { continue };
                if found.company.is_none() {
                    found.company = developer_of(doc, gazetteer, found.product.mention);
                    found.confidence -= 0.15;
                }
                let Some(company) = found.company else {
                    continue;
                };
                let status = Argument {
                    span: None,
                    normalized: Some(if planned { "planned" } else { "announced" }.to_string()),
                    mention: None,
                };
                let mut arguments = vec![("company", company), ("product", found.product)];
                if let Some(date) = sentence_date(doc, s, trigger) {
                    arguments.push(("date", date));
                }
                arguments.push(("status", status));
                events.push(Event {
                    kind: "release",
                    subtype: None,
                    trigger,
                    sentence: s,
                    rule: found.rule,
                    confidence: (found.confidence * 100.0).round() / 100.0,
                    arguments,
                });
            }
        }
        events
    }

    fn active(
        &self,
        cx: &SentenceView,
        trigger_tok: usize,
        last: usize,
        strength: Strength,
    ) -> Option<Found> {
        let SentenceView {
            doc,
            gazetteer,
            s,
            toks,
            words,
        } = *cx;
        let sentence = doc.sentences[s].span;
        let trigger_start = toks[trigger_tok].span.start;
        // Subject: the nearest company before the trigger that can be its
        // subject (one inside an appositive cannot: "ByteDance, the owner of
        // TikTok, rolled out").
        let company = mentions_before(doc, sentence.start, trigger_start, MentionType::Company)
            .find(|&m| is_subject_gap(doc, toks, words, doc.mentions[m].span.end, trigger_start))
            .map(|m| mention_argument(doc, gazetteer, m));
        let phrase = object_phrase(doc, toks, words, last + 1)?;
        let model = doc
            .mentions_in(phrase)
            .find(|&m| doc.mentions[m].kind == MentionType::Model);
        if let Some(m) = model {
            // "a new version of its Qwen 2.5 model": look for the successor.
            let relation = words
                .iter()
                .zip(toks)
                .take_while(|(_, t)| t.span.end <= doc.mentions[m].span.start)
                .any(|(w, _)| is_in(RELATION_NOUNS, w));
            if relation {
                let product = match successor(doc, gazetteer, s, phrase, m) {
                    Some(succ) => Argument {
                        span: Some(phrase),
                        normalized: entity_name(doc, gazetteer, succ),
                        mention: Some(succ),
                    },
                    None => Argument {
                        span: Some(phrase),
                        normalized: Some(phrase_text(doc, phrase)),
                        mention: None,
                    },
                };
                let confidence = if product.mention.is_some() { 0.75 } else { 0.6 };
                return Some(Found {
                    company,
                    product,
                    rule: "release.svo.successor",
                    confidence,
                });
            }
            return Some(Found {
                company,
                product: mention_argument(doc, gazetteer, m),
                rule: "release.svo",
                confidence: 0.9,
            });
        }
        if strength == Strength::Weak {
            return None;
        }
        // The phrase's head (its last word) must be a product noun.
        let head = words
            .iter()
            .zip(toks)
            .rfind(|(_, t)| phrase.contains(t.span));
        if !head.is_some_and(|(w, _)| is_in(PRODUCT_NOUNS, w)) {
            return None;
        }
        let product = Argument {
            span: Some(phrase),
            normalized: Some(phrase_text(doc, phrase)),
            mention: None,
        };
        Some(Found {
            company,
            product,
            rule: "release.svo",
            confidence: 0.65,
        })
    }

    fn passive(&self, cx: &SentenceView, trigger_tok: usize, last: usize) -> Option<Found> {
        let SentenceView {
            doc,
            gazetteer,
            s,
            toks,
            words,
        } = *cx;
        let sentence = doc.sentences[s].span;
        let product = nearest_before(
            doc,
            sentence.start,
            toks[trigger_tok].span.start,
            MentionType::Model,
        )?;
        // "... was released by Alibaba": the company right after `by`.
        let company = (last + 1..toks.len())
            .take(3)
            .find(|&j| words[j] == "by")
            .and_then(|j| toks.get(j + 1))
            .and_then(|t| doc.mention_at(t.span.start, MentionType::Company));
        Some(Found {
            company: company.map(|m| mention_argument(doc, gazetteer, m)),
            product: mention_argument(doc, gazetteer, product),
            rule: "release.passive",
            confidence: 0.85,
        })
    }
}

/// The sentence a trigger is in, with what the rule reads of it.
#[derive(Clone, Copy)]
struct SentenceView<'a> {
    doc: &'a Doc<'a>,
    gazetteer: &'a Gazetteer,
    /// Sentence index.
    s: usize,
    /// The sentence's tokens.
    toks: &'a [Token],
    /// The tokens lowercased.
    words: &'a [String],
}

/// What one trigger yields before the shared arguments are added.
struct Found {
    company: Option<Argument>,
    product: Argument,
    rule: &'static str,
    confidence: f64,
}

/// A subject further than this many tokens from its trigger is not taken.
const MAX_GAP_TOKENS: usize = 30;
/// How many mentions back from a trigger the rule looks for its subject.
const MAX_MENTIONS_BACK: usize = 12;

/// The mentions of `kind` that end at or before byte `before` and start at
/// or after `from` (the sentence start), nearest first, looking at most
/// [`MAX_MENTIONS_BACK`] mentions back.
fn mentions_before<'d>(
    doc: &'d Doc<'_>,
    from: usize,
    before: usize,
    kind: MentionType,
) -> impl Iterator<Item = usize> + 'd {
    let end = doc.mentions.partition_point(|m| m.span.start < before);
    (0..end)
        .rev()
        .take(MAX_MENTIONS_BACK)
        .take_while(move |&m| doc.mentions[m].span.start >= from)
        .filter(move |&m| doc.mentions[m].kind == kind && doc.mentions[m].span.end <= before)
}

/// The nearest mention of `kind` before `before` in the sentence.
fn nearest_before(doc: &Doc, from: usize, before: usize, kind: MentionType) -> Option<usize> {
    mentions_before(doc, from, before, kind).next()
}

/// True when the tokens between a company (ending at byte `from`) and the
/// trigger (starting at `to`) let the company be the trigger's subject: only
/// words of [`SUBJECT_GAP`], dates, a parenthesis or bracket (`(9988.HK)`,
/// `<MSFT>`), an appositive between commas ("ByteDance, the owner of TikTok,
/// rolled out"), or a possessive with an organisation part ("Alibaba’s cloud
/// unit launched").
fn is_subject_gap(doc: &Doc, toks: &[Token], words: &[String], from: usize, to: usize) -> bool {
    let first = toks.partition_point(|t| t.span.start < from);
    let end = toks.partition_point(|t| t.span.start < to);
    if end.saturating_sub(first) > MAX_GAP_TOKENS {
        return false;
    }
    let gap: Vec<usize> = (first..end).collect();
    let mut depth = 0usize;
    let mut commas = 0usize;
    let mut possessive = false;
    let mut org_part = false;
    for (k, &i) in gap.iter().enumerate() {
        let w = words[i].as_str();
        match w {
            "(" | "[" | "<" => depth += 1,
            ")" | "]" | ">" => depth = depth.saturating_sub(1),
            _ if depth > 0 => {}
            "," => commas += 1,
            _ if !commas.is_multiple_of(2) => {} // inside an appositive
            "’s" | "'s" if k == 0 => possessive = true,
            _ if doc
                .mention_at(toks[i].span.start, MentionType::Date)
                .is_some() => {}
            _ if doc
                .mentions_in(toks[i].span)
                .any(|m| doc.mentions[m].kind == MentionType::Date) => {}
            _ if possessive && !org_part && w.chars().all(|c| c.is_lowercase() || c == '-') => {
                org_part = is_in(ORG_PARTS, w);
            }
            _ if is_in(SUBJECT_GAP, w) => {}
            _ => return false,
        }
    }
    depth == 0 && commas.is_multiple_of(2) && (!possessive || org_part)
}

/// True for the uninflected verb forms, which double as nouns and adjectives.
fn is_base_form(w: &str) -> bool {
    matches!(
        w,
        "unveil"
            | "launch"
            | "release"
            | "debut"
            | "open-source"
            | "roll"
            | "announce"
            | "introduce"
            | "ship"
    )
}

/// The object phrase starting at token `from`, or `None` when it is empty.
fn object_phrase(doc: &Doc, toks: &[Token], words: &[String], from: usize) -> Option<Span> {
    let mut end = from;
    while end < toks.len() && end - from < 14 {
        let t = &toks[end];
        let w = words[end].as_str();
        if t.kind == TokenKind::Punct && !matches!(w, "&" | "’" | "'") {
            break;
        }
        let continues_relation =
            matches!(w, "to" | "of") && end > from && is_in(RELATION_NOUNS, &words[end - 1]);
        if is_in(PHRASE_STOP, w) && !continues_relation {
            break;
        }
        if doc.mention_at(t.span.start, MentionType::Date).is_some() {
            break;
        }
        end += 1;
    }
    (end > from).then(|| Span::new(toks[from].span.start, toks[end - 1].span.end))
}

/// A model in the rest of sentence `s` or the next two sentences whose name
/// extends the name of `predecessor` (same developer): `Qwen 2.5` →
/// `Qwen 2.5-Max`.
fn successor(
    doc: &Doc,
    gazetteer: &Gazetteer,
    s: usize,
    phrase: Span,
    predecessor: usize,
) -> Option<usize> {
    let MentionValue::Entity(pred) = doc.mentions[predecessor].value else {
        return None;
    };
    let pred = gazetteer.entity(pred);
    let last = (s + 2).min(doc.sentences.len() - 1);
    let window = Span::new(phrase.end, doc.sentences[last].span.end);
    doc.mentions_in(window).find(|&m| {
        let MentionValue::Entity(e) = doc.mentions[m].value else {
            return false;
        };
        let e = gazetteer.entity(e);
        doc.mentions[m].kind == MentionType::Model
            && e.id != pred.id
            && e.developer == pred.developer
            && e.canonical.len() > pred.canonical.len()
            && e.canonical.starts_with(&pred.canonical)
    })
}

fn entity_name(doc: &Doc, gazetteer: &Gazetteer, m: usize) -> Option<String> {
    match &doc.mentions[m].value {
        MentionValue::Entity(e) => Some(gazetteer.entity(*e).canonical.clone()),
        MentionValue::UnlistedModel { name, .. } | MentionValue::DiscoveredCompany { name } => {
            Some(name.clone())
        }
        _ => None,
    }
}

fn mention_argument(doc: &Doc, gazetteer: &Gazetteer, m: usize) -> Argument {
    Argument {
        span: Some(doc.mentions[m].span),
        normalized: entity_name(doc, gazetteer, m),
        mention: Some(m),
    }
}

/// The developer company of the model mention `product`, as an argument with
/// no span.
fn developer_of(doc: &Doc, gazetteer: &Gazetteer, product: Option<usize>) -> Option<Argument> {
    let developer = match &doc.mentions[product?].value {
        MentionValue::Entity(e) => gazetteer.entity(*e).developer.as_deref(),
        MentionValue::UnlistedModel { developer, .. } => developer.as_deref(),
        _ => None,
    };
    let dev = gazetteer.by_id(developer?)?;
    Some(Argument {
        span: None,
        normalized: Some(dev.canonical.clone()),
        mention: None,
    })
}

/// True for DATE and TIME expressions (not durations or sets).
fn is_point_in_time(v: &MentionValue) -> bool {
    matches!(
        v,
        MentionValue::Date {
            timex_type: TimexType::Date | TimexType::Time,
            ..
        }
    )
}

/// The sentence's first date after the trigger, else its last before it.
fn sentence_date(doc: &Doc, s: usize, trigger: Span) -> Option<Argument> {
    let sentence = doc.sentences[s].span;
    let dates: Vec<usize> = doc
        .mentions_in(sentence)
        .filter(|&m| is_point_in_time(&doc.mentions[m].value))
        .collect();
    let m = dates
        .iter()
        .copied()
        .find(|&m| doc.mentions[m].span.start >= trigger.end)
        .or(dates.last().copied())?;
    let value = match &doc.mentions[m].value {
        MentionValue::Date { timex: Some(t), .. } => t.value.clone(),
        _ => None,
    };
    Some(Argument {
        span: Some(doc.mentions[m].span),
        normalized: value,
        mention: Some(m),
    })
}

/// The phrase as written, with runs of whitespace (line wraps) as one space.
fn phrase_text(doc: &Doc, span: Span) -> String {
    span.slice(doc.text)
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

#[cfg(test)]
mod tests {
    use crate::article::{Article, DctSource};
    use crate::gazetteer::GazetteerSource;
    use crate::pipeline::Pipeline;

    /// (company, product, date, status, rule) of one release event.
    type Row = (String, String, String, String, String);

    /// The rows of the release events found in `text`.
    fn releases(text: &str) -> Vec<Row> {
        let pipeline = Pipeline::new(&GazetteerSource::Bundled).unwrap();
        let article =
            Article::new("t", text).with_dct(jiff::civil::date(2025, 1, 29), DctSource::Option);
        let arg = |e: &crate::output::EventRecord, role: &str| {
            e.arguments
                .get(role)
                .and_then(|a| a.normalized.clone())
                .unwrap_or_default()
        };
        pipeline
            .process(&article)
            .events
            .iter()
            .map(|e| {
                (
                    arg(e, "company"),
                    arg(e, "product"),
                    arg(e, "date"),
                    arg(e, "status"),
                    e.rule.to_string(),
                )
            })
            .collect()
    }

    #[test]
    fn release_rule_cases() {
        let one = |c: &str, p: &str, d: &str, s: &str, r: &str| {
            vec![(c.into(), p.into(), d.into(), s.into(), r.into())]
        };
        let none = Vec::new;
        let cases: Vec<(&str, &str, Vec<Row>)> = vec![
            (
                "active, ticker in parentheses, weekday date",
                "Alibaba (9988.HK) unveiled Qwen 2.5-Max on Wednesday.",
                one(
                    "Alibaba Group",
                    "Qwen 2.5-Max",
                    "2025-01-29",
                    "announced",
                    "release.svo",
                ),
            ),
            (
                "appositive between subject and trigger; product phrase",
                "ByteDance, the owner of TikTok, rolled out an update to its flagship AI model.",
                one(
                    "ByteDance",
                    "an update to its flagship AI model",
                    "",
                    "announced",
                    "release.svo",
                ),
            ),
            (
                "future cue gives planned",
                "Tencent is expected to launch an upgraded Hunyuan model.",
                one("Tencent Holdings", "Hunyuan", "", "planned", "release.svo"),
            ),
            (
                "possessive with an organisation part",
                "Alibaba’s cloud unit launched Qwen 2.5-Max.",
                one(
                    "Alibaba Group",
                    "Qwen 2.5-Max",
                    "",
                    "announced",
                    "release.svo",
                ),
            ),
            (
                "passive with by",
                "Qwen 2.5-Max was released by Alibaba on Wednesday.",
                one(
                    "Alibaba Group",
                    "Qwen 2.5-Max",
                    "2025-01-29",
                    "announced",
                    "release.passive",
                ),
            ),
            (
                "passive without a company: the developer",
                "Qwen 2.5-Max was unveiled on Wednesday.",
                one(
                    "Alibaba Group",
                    "Qwen 2.5-Max",
                    "2025-01-29",
                    "announced",
                    "release.passive",
                ),
            ),
            (
                "weak trigger with a model",
                "Moonshot AI announced Kimi K2.",
                one("Moonshot AI", "Kimi K2", "", "announced", "release.svo"),
            ),
            (
                "weak trigger without a model",
                "Moonshot AI announced record revenue.",
                none(),
            ),
            (
                "another name is the subject",
                "Baidu said Zorblax is planning to release a chatbot.",
                none(),
            ),
            (
                "company after the trigger only",
                "Zorblax is planning to release similar software, Google said.",
                none(),
            ),
            (
                "nominal trigger",
                "The release of Qwen 2.5-Max surprised Baidu.",
                none(),
            ),
            ("negated", "Alibaba did not launch Qwen 2.5-Max.", none()),
            (
                "adjective open-source",
                "The most advanced open-source AI models from Meta.",
                none(),
            ),
            (
                "not a product head",
                "Microsoft released its quarterly results.",
                none(),
            ),
            (
                "phrase ends at a preposition",
                "IBM released limited data about the Cell chip.",
                none(),
            ),
        ];
        for (name, text, want) in cases {
            assert_eq!(releases(text), want, "{name}: {text:?}");
        }
    }
}

//! What the event rules read of a sentence: its tokens lowercased, the
//! mentions on them, the subject of a trigger (a company, or "it", "its",
//! "the startup" pointing back to the last company named), the object phrase
//! after it, status and negation, and the date of the event.
//!
//! All word lists come from the cue classes of [`Lexicon`].

use super::lexicon::{Cue, Lexicon};
use super::{Argument, Status};
use crate::doc::Doc;
use crate::gazetteer::Gazetteer;
use crate::mention::{MentionType, MentionValue};
use crate::span::Span;
use crate::temporal::{Tense, TimexType, tense_of};
use crate::tokenize::{Token, TokenKind};

/// A subject further than this many tokens from its trigger is not taken.
const MAX_GAP_TOKENS: usize = 30;
/// How many mentions back from a trigger the rules look for a subject.
const MAX_MENTIONS_BACK: usize = 12;
/// How many sentences back "it", "its" and "the startup" may point.
const ANAPHOR_SENTENCES: usize = 3;
/// Words an object phrase may have at most.
const MAX_PHRASE_TOKENS: usize = 14;

/// One sentence as the rules read it.
pub struct View<'a> {
    /// The document.
    pub doc: &'a Doc<'a>,
    /// The gazetteer the mentions point into.
    pub gazetteer: &'a Gazetteer,
    /// The cue classes.
    pub lex: &'a Lexicon,
    /// Sentence index.
    pub s: usize,
    /// The sentence's tokens, without markdown emphasis (`*`, `_`, `` ` ``:
    /// "**OpenAI** released **o3-mini**" reads as "OpenAI released o3-mini").
    pub toks: Vec<Token>,
    /// The tokens lowercased, curly apostrophes as `'`.
    pub words: Vec<String>,
    /// Per token: a capitalised word inside a mixed-case sentence (a name,
    /// which is never a trigger).
    pub named: Vec<bool>,
}

impl<'a> View<'a> {
    /// The view of sentence `s`, or `None` when no token of it can start a
    /// trigger (most sentences: nothing is lowercased for them).
    pub fn new(
        doc: &'a Doc<'a>,
        gazetteer: &'a Gazetteer,
        lex: &'a Lexicon,
        s: usize,
    ) -> Option<View<'a>> {
        let toks: Vec<Token> = doc
            .sentence_tokens(s)
            .iter()
            .filter(|t| {
                !(t.kind == TokenKind::Punct && matches!(t.text(doc.text), "*" | "_" | "`"))
            })
            .copied()
            .collect();
        // Most sentences have no trigger: test each word in one reused
        // buffer before lowercasing the sentence.
        let mut buf = String::new();
        let any = toks.iter().any(|t| {
            buf.clear();
            buf.extend(t.text(doc.text).chars().flat_map(char::to_lowercase));
            lex.may_occur(buf.trim_end_matches(['\'', '’']))
        });
        if !any {
            return None;
        }
        let words: Vec<String> = toks
            .iter()
            .map(|t| t.text(doc.text).to_lowercase().replace('’', "'"))
            .collect();
        // A capitalised word inside a mixed-case sentence is a name, never a
        // trigger ("Lloyds Shipping Intelligence", "Launch Pad"), unless it
        // opens the sentence or follows a dateline dash.
        // (a headline, all caps or title case, has no names to tell apart)
        let word_count = toks.iter().filter(|t| t.kind == TokenKind::Word).count();
        let capitalised = toks
            .iter()
            .filter(|t| {
                t.kind == TokenKind::Word && t.text(doc.text).starts_with(char::is_uppercase)
            })
            .count();
        let headline = capitalised * 10 >= word_count * 6;
        let named: Vec<bool> = (0..toks.len())
            .map(|i| {
                let t = toks[i].text(doc.text);
                !headline
                    && i > 0
                    && !matches!(
                        toks[i - 1].text(doc.text),
                        "-" | "—" | "–" | "\"" | "“" | ":"
                    )
                    && t.starts_with(char::is_uppercase)
                    && t.chars().any(char::is_lowercase)
            })
            .collect();
        Some(View {
            doc,
            gazetteer,
            lex,
            s,
            toks,
            words,
            named,
        })
    }

    /// The word at token `i`, or "" past either end.
    pub fn w(&self, i: usize) -> &str {
        self.words.get(i).map_or("", String::as_str)
    }

    /// The word `k` tokens before token `i`, or "".
    pub fn before(&self, i: usize, k: usize) -> &str {
        i.checked_sub(k).map_or("", |j| self.words[j].as_str())
    }

    /// The byte span of tokens `from..to` (`to` exclusive, `to > from`).
    pub fn span(&self, from: usize, to: usize) -> Span {
        Span::new(self.toks[from].span.start, self.toks[to - 1].span.end)
    }

    /// The index of the first token starting at or after byte `byte`.
    pub fn tok_at(&self, byte: usize) -> usize {
        self.toks.partition_point(|t| t.span.start < byte)
    }

    /// The mention of `kind` that covers token `i`.
    pub fn mention_on(&self, i: usize, kind: MentionType) -> Option<usize> {
        let t = self.toks.get(i)?.span;
        let doc = self.doc;
        let end = doc.mentions.partition_point(|m| m.span.start < t.end);
        (0..end)
            .rev()
            .take(4)
            .find(|&m| doc.mentions[m].kind == kind && doc.mentions[m].span.end > t.start)
    }

    /// True when token `i` is (part of) a mention of `kind`.
    pub fn is_kind(&self, i: usize, kind: MentionType) -> bool {
        self.mention_on(i, kind).is_some()
    }

    /// The mentions of `kind` inside `span`.
    pub fn mentions_in(&self, span: Span, kind: MentionType) -> impl Iterator<Item = usize> + '_ {
        self.doc
            .mentions_in(span)
            .filter(move |&m| self.doc.mentions[m].kind == kind)
    }

    /// True when the verb at token `i` is passive: a [`Cue::PassiveAux`]
    /// before it (over [`Cue::Adverb`] words), and not a progressive `-ing`
    /// form ("is cutting").
    pub fn is_passive(&self, i: usize) -> bool {
        // "was also announced": adverbs may stand between.
        let aux = (1..=3)
            .map(|k| self.before(i, k))
            .find(|w| !self.lex.is(Cue::Adverb, w));
        aux.is_some_and(|w| self.lex.is(Cue::PassiveAux, w)) && !self.w(i).ends_with("ing")
    }

    /// The nearest company mention of the sentence ending before byte
    /// `byte`, as an argument.
    pub fn company_before(&self, byte: usize) -> Option<Argument> {
        let sentence = self.doc.sentences[self.s].span;
        mentions_before(self.doc, sentence.start, byte, MentionType::Company)
            .next()
            .map(|m| mention_argument(self.doc, self.gazetteer, m))
    }

    /// The company subject of the trigger at token `trigger`: the nearest
    /// company before it whose gap to the trigger lets it be the subject
    /// ([`View::is_subject_gap`]), else an anaphor ("it", "the startup",
    /// "its cloud unit") resolved to the last company named.
    pub fn subject_company(&self, trigger: usize) -> Option<Argument> {
        let sentence = self.doc.sentences[self.s].span;
        let start = self.toks[trigger].span.start;
        mentions_before(self.doc, sentence.start, start, MentionType::Company)
            .find(|&m| self.is_subject_gap(self.doc.mentions[m].span.end, start))
            .map(|m| mention_argument(self.doc, self.gazetteer, m))
            .or_else(|| self.anaphor_subject(trigger))
    }

    /// True when the tokens between a company (ending at byte `from`) and
    /// the trigger (starting at `to`) let the company be the trigger's
    /// subject: only [`Cue::SubjectGap`] words, dates, a parenthesis or
    /// bracket (`(9988.HK)`, `<MSFT>`), an appositive between commas
    /// ("ByteDance, the owner of TikTok, rolled out"), or a possessive with
    /// an organisation part ("Alibaba’s cloud unit launched").
    pub fn is_subject_gap(&self, from: usize, to: usize) -> bool {
        let first = self.tok_at(from);
        let end = self.tok_at(to);
        if end.saturating_sub(first) > MAX_GAP_TOKENS {
            return false;
        }
        let mut depth = 0usize;
        let mut commas = 0usize;
        let mut possessive = false;
        let mut org_part = false;
        let mut titled = false;
        for i in first..end {
            let w = self.w(i);
            match w {
                "(" | "[" | "<" => depth += 1,
                ")" | "]" | ">" => depth = depth.saturating_sub(1),
                _ if depth > 0 => {}
                "," => commas += 1,
                _ if !commas.is_multiple_of(2) => {} // inside an appositive
                "'s" if i == first => possessive = true,
                // "Apple CEO Steve Jobs introduced": a person acting for the
                // company, by title.
                _ if (i == first || (possessive && i == first + 1))
                    && self.lex.is(Cue::PersonTitle, w) =>
                {
                    titled = true;
                }
                _ if titled
                    && self.toks[i]
                        .text(self.doc.text)
                        .starts_with(char::is_uppercase) => {}
                // "Apple Inc. to lower": the full stop of a legal abbreviation.
                "." if i == first => {}
                _ if self.is_kind(i, MentionType::Date) => {}
                _ if possessive && !org_part && w.chars().all(|c| c.is_lowercase() || c == '-') => {
                    org_part = self.lex.is(Cue::OrgPart, w);
                }
                _ if self.lex.is(Cue::SubjectGap, w)
                    || self.lex.is(Cue::Negation, w)
                    || self.lex.is(Cue::Denial, w)
                    || self.lex.is(Cue::Hypothetical, w)
                    || w.ends_with("n't") => {}
                _ => return false,
            }
        }
        depth == 0 && commas.is_multiple_of(2) && (!possessive || org_part || titled)
    }

    /// "It launched", "the startup launched", "its cloud unit launched":
    /// walking back over gap words from the trigger, an anaphor resolved to
    /// the last company named before it.
    fn anaphor_subject(&self, trigger: usize) -> Option<Argument> {
        let mut j = trigger;
        while j > 0 {
            let w = self.w(j - 1);
            if w == "it" || w == "they" {
                // "Marathon, a subsidiary of USX, said it lowered": after a
                // reporting verb, "it" is the sentence's subject.
                if j >= 2
                    && matches!(
                        self.w(j - 2),
                        "said" | "says" | "announced" | "added" | "stated"
                    )
                {
                    let sentence = self.doc.sentences[self.s].span;
                    let before = self.toks[j - 1].span.start;
                    if let Some(m) = self
                        .doc
                        .mentions_in(Span::new(sentence.start, before))
                        .find(|&m| self.doc.mentions[m].kind == MentionType::Company)
                    {
                        let mut a = mention_argument(self.doc, self.gazetteer, m);
                        a.span = Some(self.span(j - 1, j));
                        return Some(a);
                    }
                }
                return self.resolve(j - 1, j, false);
            }
            if self.lex.is(Cue::CompanyAnaphor, w) || self.lex.is(Cue::OrgPart, w) {
                let det = (j.saturating_sub(4)..j - 1)
                    .rev()
                    .find(|&k| matches!(self.w(k), "the" | "its" | "their"));
                // Only adjectives between the determiner and the noun.
                let k = det?;
                if (k + 1..j - 1).any(|m| self.toks[m].kind != TokenKind::Word || self.w(m) == "'s")
                {
                    return None;
                }
                return self.resolve(k, j, false);
            }
            if self.lex.is(Cue::SubjectGap, w) || self.is_kind(j - 1, MentionType::Date) {
                j -= 1;
                continue;
            }
            return None;
        }
        None
    }

    /// The company (or, with `models`, the company or model) an anaphor at
    /// tokens `from..to` points to: the nearest one named before it, in this
    /// sentence or the [`ANAPHOR_SENTENCES`] before. The argument's span is
    /// the anaphor, its value and mention the referent's.
    pub fn resolve(&self, from: usize, to: usize, models: bool) -> Option<Argument> {
        let m = self.referent(self.toks[from].span.start, models)?;
        let mut a = mention_argument(self.doc, self.gazetteer, m);
        a.span = Some(self.span(from, to));
        Some(a)
    }

    /// The nearest company (or model, with `models`) mention ending before
    /// byte `byte`, within [`ANAPHOR_SENTENCES`] sentences back.
    pub fn referent(&self, byte: usize, models: bool) -> Option<usize> {
        let doc = self.doc;
        let floor = doc.sentences[self.s.saturating_sub(ANAPHOR_SENTENCES)]
            .span
            .start;
        let end = doc.mentions.partition_point(|m| m.span.start < byte);
        (0..end)
            .rev()
            .take_while(|&m| doc.mentions[m].span.start >= floor)
            .find(|&m| {
                let k = doc.mentions[m].kind;
                doc.mentions[m].span.end <= byte
                    && (k == MentionType::Company || (models && k == MentionType::Model))
            })
    }

    /// Status and negation of the trigger at token `trigger`, from the
    /// words of its clause before it: a negation or denial within four words
    /// (negated); a hedge (reported); a hypothetical cue (hypothetical); a
    /// future cue of [`tense_of`] or a [`Cue::Planned`] cue (planned).
    pub fn status(&self, trigger: usize) -> (Status, bool) {
        let from = (0..trigger)
            .rev()
            .take(10)
            .take_while(|&j| !matches!(self.w(j), ";" | ":" | "—" | "(" | ")"))
            .last()
            .unwrap_or(trigger);
        let clause = &self.words[from..trigger];
        let near = &self.words[trigger.saturating_sub(4).max(from)..trigger];
        // "Tesla, not Ford, cut prices": a negation with a comma before the
        // trigger negates another name.
        let negated = near.iter().enumerate().any(|(k, w)| {
            (self.lex.is(Cue::Negation, w) || w.ends_with("n't"))
                && !near[k..].iter().any(|x| x == ",")
        }) || self.lex.any_in(Cue::Denial, clause);
        let status = if self.lex.any_in(Cue::Hedge, clause) {
            Status::Reported
        } else if self.lex.any_in(Cue::Hypothetical, near) {
            Status::Hypothetical
        } else {
            let window: Vec<&str> = near.iter().map(String::as_str).collect();
            if tense_of(&window) == Tense::Future || self.lex.any_in(Cue::Planned, near) {
                Status::Planned
            } else {
                Status::Announced
            }
        };
        (status, negated)
    }

    /// The object phrase starting at token `from`, as a token range
    /// `from..end`, or `None` when it is empty. It ends at punctuation, a
    /// [`Cue::PhraseStop`] word (except `to`/`of` after a relation noun: "an
    /// update to its model", and `of` after a collective noun: "a variety of
    /// new products"), a date, or after [`MAX_PHRASE_TOKENS`].
    pub fn object_phrase(&self, from: usize) -> Option<(usize, usize)> {
        // "released “GPT-5” on Monday": quotation marks around the name.
        let quote = |w: &str| matches!(w, "\"" | "“" | "”" | "'" | "‘");
        let from = if quote(self.w(from)) { from + 1 } else { from };
        let mut end = from;
        while end < self.toks.len() && end - from < MAX_PHRASE_TOKENS {
            let w = self.w(end);
            if self.toks[end].kind == TokenKind::Punct
                && !matches!(w, "&")
                && !(quote(w) && end > from)
            {
                break;
            }
            let relation = matches!(w, "to" | "of")
                && end > from
                && (self.lex.is(Cue::RelationNoun, self.w(end - 1))
                    || (w == "of" && self.lex.is(Cue::Collective, self.w(end - 1))));
            if self.lex.is(Cue::PhraseStop, w) && !relation {
                break;
            }
            if self.is_kind(end, MentionType::Date) {
                break;
            }
            end += 1;
        }
        while end > from && quote(self.w(end - 1)) {
            end -= 1;
        }
        (end > from).then_some((from, end))
    }

    /// The first DATE or TIME mention starting within `n` tokens from token
    /// `from` (skipping prepositions), as an argument.
    pub fn date_near(&self, from: usize, n: usize) -> Option<Argument> {
        (from..(from + n).min(self.toks.len()))
            .find_map(|i| self.mention_on(i, MentionType::Date))
            .filter(|&m| is_point_in_time(&self.doc.mentions[m].value))
            .map(|m| date_argument(self.doc, m))
    }

    /// The sentence's first DATE/TIME mention after byte `after`, else its
    /// last before it.
    pub fn sentence_date(&self, after: usize) -> Option<Argument> {
        let sentence = self.doc.sentences[self.s].span;
        let dates: Vec<usize> = self
            .doc
            .mentions_in(sentence)
            .filter(|&m| is_point_in_time(&self.doc.mentions[m].value))
            .filter(|&m| !self.in_other_relative_clause(self.doc.mentions[m].span.start, after))
            .collect();
        let m = dates
            .iter()
            .copied()
            .find(|&m| self.doc.mentions[m].span.start >= after)
            .or(dates.last().copied())?;
        Some(date_argument(self.doc, m))
    }

    /// True when byte `byte` lies in a relative clause or apposition after a
    /// comma (", which was founded in 1976,", ", a year after it raised them
    /// in 2023") that is not the clause of the trigger ending at
    /// `trigger_end`: its dates are not the event's.
    fn in_other_relative_clause(&self, byte: usize, trigger_end: usize) -> bool {
        let boundary = |b: usize| {
            let t = self.tok_at(b);
            (0..t)
                .rev()
                .find(|&j| matches!(self.w(j), "," | ";" | "(" | ")"))
        };
        let Some(comma) = boundary(byte) else {
            return false;
        };
        // (a date in the trigger's own clause is the event's: ", which were
        // released in 2011")
        self.w(comma) == ","
            && matches!(
                self.w(comma + 1),
                "which" | "who" | "whose" | "where" | "a" | "an"
            )
            && boundary(trigger_end) != Some(comma)
    }

    /// The date of a price event with trigger `trigger`: the sentence's
    /// first DATE/TIME after it, else the last before it in its own clause
    /// (not across a comma, dash or bracket: "the R1 model on January 20 —
    /// causing tech stocks to plummet" does not date the plummet).
    pub fn clause_date(&self, trigger: Span) -> Option<Argument> {
        let sentence = self.doc.sentences[self.s].span;
        let after = Span::new(trigger.end, sentence.end);
        let first_after = self
            .doc
            .mentions_in(after)
            .find(|&m| is_point_in_time(&self.doc.mentions[m].value));
        let m = first_after.or_else(|| {
            let t = self.tok_at(trigger.start);
            let from = (0..t)
                .rev()
                .find(|&j| matches!(self.w(j), "," | ";" | ":" | "—" | "–" | "(" | ")"))
                .map_or(sentence.start, |j| self.toks[j].span.end);
            self.doc
                .mentions_in(Span::new(from, trigger.start))
                .filter(|&m| is_point_in_time(&self.doc.mentions[m].value))
                .last()
        })?;
        Some(date_argument(self.doc, m))
    }

    /// The phrase of tokens `from..to` as an argument: as written, with runs
    /// of whitespace as one space.
    pub fn phrase_argument(&self, from: usize, to: usize) -> Argument {
        let span = self.span(from, to);
        Argument {
            span: Some(span),
            normalized: Some(phrase_text(self.doc, span)),
            ..Argument::default()
        }
    }
}

/// The mentions of `kind` that end at or before byte `before` and start at
/// or after `from`, nearest first, looking at most [`MAX_MENTIONS_BACK`]
/// mentions back.
pub fn mentions_before<'d>(
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

/// The canonical name of a company or model mention (the name as found for
/// unlisted ones).
pub fn entity_name(doc: &Doc, gazetteer: &Gazetteer, m: usize) -> Option<String> {
    match &doc.mentions[m].value {
        MentionValue::Entity(e) => Some(gazetteer.entity(*e).canonical.clone()),
        MentionValue::UnlistedModel { name, .. } | MentionValue::DiscoveredCompany { name } => {
            Some(name.clone())
        }
        MentionValue::Ticker {
            company: Some(c), ..
        } => Some(gazetteer.entity(*c).canonical.clone()),
        MentionValue::Ticker { symbol, .. } => Some(symbol.clone()),
        _ => None,
    }
}

/// Mention `m` as an argument: its span, canonical name, and entity.
pub fn mention_argument(doc: &Doc, gazetteer: &Gazetteer, m: usize) -> Argument {
    let entity = match doc.mentions[m].value {
        MentionValue::Entity(e) => Some(e),
        MentionValue::Ticker { company, .. } => company,
        _ => None,
    };
    Argument {
        span: Some(doc.mentions[m].span),
        normalized: entity_name(doc, gazetteer, m),
        mention: Some(m),
        entity,
    }
}

/// The developer company of the model mention `model`, as an argument with
/// no span.
pub fn developer_of(doc: &Doc, gazetteer: &Gazetteer, model: usize) -> Option<Argument> {
    let developer = match &doc.mentions[model].value {
        MentionValue::Entity(e) => gazetteer.entity(*e).developer.as_deref(),
        MentionValue::UnlistedModel { developer, .. } => developer.as_deref(),
        _ => None,
    };
    let id = developer?;
    let index = gazetteer.entities().iter().position(|e| e.id == id)?;
    Some(Argument {
        normalized: Some(gazetteer.entity(index).canonical.clone()),
        entity: Some(index),
        ..Argument::default()
    })
}

/// True for DATE and TIME expressions with a calendar value (not durations,
/// sets, or `PRESENT_REF`-style references: "current" dates nothing).
fn is_point_in_time(v: &MentionValue) -> bool {
    match v {
        MentionValue::Date {
            timex_type: TimexType::Date | TimexType::Time,
            timex,
            ..
        } => !timex
            .as_ref()
            .and_then(|t| t.value.as_deref())
            .is_some_and(|v| v.ends_with("_REF")),
        _ => false,
    }
}

/// A date mention as an argument: its span and TIMEX3 value.
fn date_argument(doc: &Doc, m: usize) -> Argument {
    let value = match &doc.mentions[m].value {
        MentionValue::Date { timex: Some(t), .. } => t.value.clone(),
        _ => None,
    };
    Argument {
        span: Some(doc.mentions[m].span),
        normalized: value,
        mention: Some(m),
        entity: None,
    }
}

/// The text of `span` with runs of whitespace (line wraps) as one space.
pub fn phrase_text(doc: &Doc, span: Span) -> String {
    span.slice(doc.text)
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

//! Price-change events (`price_change`), in three subtypes:
//!
//! - `product_price` (`price.product`): a company changes a price it charges.
//!   A verb of the `product_price` frame ("cut", "slashed", "raised",
//!   "halved") whose object is a price noun ("prices", "the price of its API",
//!   "subscription fees", "its posted prices for crude oil"), or a price noun
//!   compound ("price cuts of up to 30%"); passive too ("prices were cut").
//!   Arguments: the subject company ([`View::subject_company`]), the `item`
//!   (what is priced: the phrase after `of`/`for`/`on`, else the price
//!   phrase), `direction`, `change_percent` (signed: -97 for a cut of 97%, or
//!   the trigger's own change: halve -50), `change_points` for percentage
//!   points, `qualifier` (the cue class before the figure: `up_to`, `approx`,
//!   `over`, `under`), `new_price` (after `to`), `old_price` (after `from`),
//!   `change_amount` (money after `by`, unsigned: the direction gives the
//!   sign), `price_unit` ("a barrel").
//! - `price_quote` (`price.quote`): a stated price: a `price_quote` verb
//!   ("charging", "costs", "priced at", "sold for") then money ("charging
//!   just 1 yuan ($0.14) per 1 million tokens"). Arguments: `price`, `price_2`
//!   (a second currency in brackets right after), `price_unit` ("per 1
//!   million tokens", "a month"), `item` (the model or product before the
//!   trigger, or what "its" points to), `company`.
//! - `share_price` (`price.share`): a move verb whose subject is shares or
//!   stock ("shares of Baidu fell 3.2% to HK$85.40", "tech stocks
//!   plummeted", "its stock rose 5 pct"), or a company followed by a figure
//!   ("Nvidia lost $589 billion in market value", Reuters' "Texaco rose 1-1/2
//!   to 35-3/4"). Arguments: `company` or, for a sector, `item` ("tech
//!   stocks"), `direction`, `change_percent` (signed), `change_amount`
//!   (signed money), `price` (the price it moved to or stands at), `ticker`
//!   and `exchange` (ISO 10383 MIC) where one is written with the company.
//!   Share prices written in fractions (`35-3/4`) are US dollars: US
//!   exchanges quoted in fractions of a dollar until 2001 (NYSE decimalization).
//! - `price.follow_suit`: "Baidu and Tencent quickly followed suit" copies
//!   the direction of the last product price change in the three sentences
//!   before to each company named before the cue (`inferred: true`).
//!
//! Status, negation and the date work as for releases ([`View::status`], the
//! sentence's date).

use super::clause::{View, developer_of, mention_argument};
use super::lexicon::{Cue, Direction, Frame, Pos, Trigger};
use super::{Argument, Event, Status};
use crate::mention::{MentionType, MentionValue};
use crate::span::Span;
use crate::tokenize::TokenKind;

/// How many tokens after a price verb its price noun may be.
const MAX_ITEM_GAP: usize = 6;
/// How many tokens after a trigger the rules look for its figures.
const MAX_FIGURE_TOKENS: usize = 24;
/// How many sentences back a "followed suit" looks for the change it copies.
const FOLLOW_SENTENCES: usize = 3;

/// Finds the price-change events of one sentence; `events` holds those
/// of the sentences before (for "followed suit").
pub fn sentence(v: &View, events: &mut Vec<Event>) {
    let lex = v.lex;
    {
        let mut taken: Vec<Span> = Vec::new();
        for i in 0..v.toks.len() {
            if v.named[i]
                || v.toks[i].kind != TokenKind::Word
                || taken.iter().any(|t| t.contains(v.toks[i].span))
            {
                continue;
            }
            let triggers: Vec<(&Trigger, usize)> = lex.triggers_at(&v.words, i).collect();
            for (t, n) in triggers {
                let e = match (t.frame, t.pos) {
                    (Frame::ProductPrice, Pos::Noun) => product_noun(v, i, i + n, t),
                    (Frame::ProductPrice, Pos::Intrans) => product_intrans(v, i, i + n, t),
                    (Frame::SharePrice, Pos::Noun) => share_noun(v, i, i + n, t),
                    (Frame::ProductPrice, _) => product_verb(v, i, i + n, t),
                    (Frame::PriceQuote, _) => quote(v, i, i + n),
                    (Frame::SharePrice, _) => share(v, i, i + n, t),
                    (Frame::Release, _) => None,
                };
                if let Some(e) = e {
                    taken.push(e.trigger);
                    let more = if e.subtype == Some("price_quote") {
                        more_prices(v, &e)
                    } else {
                        Vec::new()
                    };
                    events.push(e);
                    events.extend(more);
                    break;
                }
            }
        }
        unit_prices(v, events);
        follow_suit(v, events);
    }
}

/// A new price-change event of `subtype` at the trigger tokens `i..last`.
fn event(
    v: &View,
    i: usize,
    last: usize,
    subtype: &'static str,
    rule: &'static str,
    confidence: f64,
) -> Event {
    let (status, negated) = v.status(i);
    Event {
        kind: "price_change",
        subtype: Some(subtype),
        trigger: v.span(i, last),
        sentence: v.s,
        rule,
        confidence,
        status,
        negated,
        inferred: false,
        arguments: Vec::new(),
    }
}

/// The figures of a price change in the tokens after `from` (to the end of
/// the clause): percent or points, qualifier, prices after `to`, `from`,
/// `at`, money after `by` or right after the trigger, a unit.
#[derive(Default)]
struct Figures {
    percent: Option<(Argument, bool)>,
    qualifier: Option<&'static str>,
    to: Option<Argument>,
    from: Option<Argument>,
    by: Option<Argument>,
    unit: Option<Argument>,
    /// Token after the last figure read.
    end: usize,
}

fn figures(v: &View, from: usize) -> Figures {
    let mut f = Figures {
        end: from,
        ..Figures::default()
    };
    let stop = (from + MAX_FIGURE_TOKENS).min(v.toks.len());
    let mut j = from;
    let mut fractions = false;
    while j < stop {
        let w = v.w(j);
        if matches!(w, ";" | "." | "—") && v.toks[j].kind == TokenKind::Punct {
            break;
        }
        // The preposition before this token, skipping a qualifier.
        let qual = qualifier(v, j);
        let prep_at = j - qual.map_or(0, |(_, n)| n);
        let prep = v.before(prep_at, 1);
        if let Some(m) = v.mention_on(j, MentionType::Percent) {
            if f.percent.is_none() {
                let points = matches!(
                    v.doc.mentions[m].value,
                    MentionValue::Percent { points: true, .. }
                );
                f.percent = Some((money_or_number(v, m), points));
                f.qualifier = qual.map(|(q, _)| q);
                f.end = v.tok_at(v.doc.mentions[m].span.end);
            }
            j = v.tok_at(v.doc.mentions[m].span.end).max(j + 1);
            continue;
        }
        let money = v
            .mention_on(j, MentionType::Money)
            .map(|m| {
                (
                    money_or_number(v, m),
                    v.tok_at(v.doc.mentions[m].span.end).max(j + 1),
                )
            })
            .or_else(|| fraction(v, j, &mut fractions).map(|a| (a, j + 1)));
        if let Some((arg, next)) = money {
            let slot = match prep {
                "to" | "at" => &mut f.to,
                "from" => &mut f.from,
                _ => &mut f.by,
            };
            if slot.is_none() {
                *slot = Some(arg);
                f.end = next;
                if f.unit.is_none() {
                    f.unit = unit(v, next);
                }
            }
            j = next;
            continue;
        }
        // Another trigger starts another event: "…climbed 5% after it
        // agreed to increase the price of its steel by 10%".
        let infinitive = v.before(j, 1) == "to"
            && v.lex
                .triggers_at(&v.words, j)
                .any(|(t, _)| t.pos == Pos::Verb && t.frame != Frame::SharePrice);
        if j > from && infinitive {
            break;
        }
        // A new clause with a subject of its own ends the figures.
        // A clause of its own ends the figures: "even though demand rose
        // 10%", ", citing a 10% drop", ", and it raised fees" ("in after-hours
        // trading" and "as much as" are no new clause).
        let after_hours = w == "after" && v.before(j, 1) == "in";
        if let Some(n) = qualifier_len(v, j) {
            // "as much as 20%": read over the qualifier to its figure.
            j += n;
            continue;
        }
        let comma_clause = v.before(j, 1) == ","
            && (w.ends_with("ing")
                || (w == "and" && matches!(v.w(j + 1), "it" | "they" | "its" | "the")));
        if (v.lex.is(Cue::ClauseBreak, w) && !after_hours) || comma_clause {
            break;
        }
        j += 1;
    }
    if fractions {
        // Fractions of a dollar: US share quotes.
        for a in [&mut f.to, &mut f.by, &mut f.from].into_iter().flatten() {
            if let Some(n) = a.normalized.as_mut().filter(|n| !n.contains(' ')) {
                n.push_str(" USD");
            }
        }
    }
    f
}

/// The company after `by` within three tokens of token `from` ("were cut
/// by Tesla").
fn by_company(v: &View, from: usize) -> Option<Argument> {
    (from..v.toks.len().min(from + 3))
        .find(|&j| v.w(j) == "by")
        .and_then(|j| v.mention_on(j + 1, MentionType::Company))
        .map(|m| mention_argument(v.doc, v.gazetteer, m))
}

/// The length of a qualifier cue starting at token `j` ("as much as").
fn qualifier_len(v: &View, j: usize) -> Option<usize> {
    [
        Cue::QualifierUpTo,
        Cue::QualifierApprox,
        Cue::QualifierOver,
        Cue::QualifierUnder,
    ]
    .iter()
    .filter_map(|&c| v.lex.starts_at(c, &v.words, j))
    .max()
}

/// The qualifier cue right before token `j` ("by up to 97%"), with its
/// length in words.
fn qualifier(v: &View, j: usize) -> Option<(&'static str, usize)> {
    [
        (Cue::QualifierUpTo, "up_to"),
        (Cue::QualifierApprox, "approx"),
        (Cue::QualifierOver, "over"),
        (Cue::QualifierUnder, "under"),
    ]
    .into_iter()
    .find_map(|(c, name)| v.lex.ends_before(c, &v.words, j).map(|n| (name, n)))
}

/// A money or percent mention as an argument: `0.14 USD`, or the percent.
fn money_or_number(v: &View, m: usize) -> Argument {
    let normalized = match &v.doc.mentions[m].value {
        MentionValue::Money { amount, currency } => format!("{amount} {currency}"),
        MentionValue::Percent { percent, .. } => percent.clone(),
        _ => return Argument::default(),
    };
    Argument {
        span: Some(v.doc.mentions[m].span),
        normalized: Some(normalized),
        mention: Some(m),
        entity: None,
    }
}

/// A share quote in fractions at token `j` (`1-1/2`, `3/8`, `35-3/4`, or a
/// whole number after `to`/`at` when fractions are in use), as an argument
/// without currency; sets `fractions` when it has one.
fn fraction(v: &View, j: usize, fractions: &mut bool) -> Option<Argument> {
    let t = v.toks[j].text(v.doc.text);
    let (whole, frac) = match t.split_once('-') {
        Some((w, f)) if f.contains('/') => (w, Some(f)),
        _ if t.contains('/') => ("0", Some(t)),
        _ => (t, None),
    };
    let whole: u32 = whole.parse().ok()?;
    let value = match frac {
        Some(f) => {
            let (n, d) = f.split_once('/')?;
            let (n, d): (u32, u32) = (n.parse().ok()?, d.parse().ok()?);
            if !matches!(d, 2 | 4 | 8 | 16 | 32 | 64) || n == 0 || n >= d {
                return None;
            }
            *fractions = true;
            f64::from(whole) + f64::from(n) / f64::from(d)
        }
        // A whole number is a price only after `to`/`at` next to fractions.
        None if *fractions && matches!(v.before(j, 1), "to" | "at") => f64::from(whole),
        None => return None,
    };
    Some(Argument {
        span: Some(v.toks[j].span),
        normalized: Some(trim_number(value)),
        ..Argument::default()
    })
}

/// A number without trailing zeros: `35.75`, `1.5`, `35`.
fn trim_number(x: f64) -> String {
    let s = format!("{x:.6}");
    s.trim_end_matches('0').trim_end_matches('.').to_string()
}

/// The unit after a price at token `j`: "per 1 million tokens", "a barrel",
/// "a month" (a [`Cue::PriceUnit`] word, then up to four words, not past
/// punctuation or a bracket).
fn unit(v: &View, j: usize) -> Option<Argument> {
    let mut j = j;
    // Skip a bracketed second price: "1 yuan ($0.14) per …".
    if v.w(j) == "(" {
        let close = (j..v.toks.len().min(j + 6)).find(|&k| v.w(k) == ")")?;
        j = close + 1;
    }
    if !v.lex.is(Cue::PriceUnit, v.w(j)) {
        return None;
    }
    let single = matches!(v.w(j), "a" | "an");
    let mut end = j + 1;
    while end < v.toks.len() && end - j <= if single { 1 } else { 4 } {
        let t = &v.toks[end];
        if t.kind == TokenKind::Punct || (v.lex.is(Cue::PhraseStop, v.w(end)) && end > j + 1) {
            break;
        }
        end += 1;
    }
    let last_word = end > j + 1 && v.toks[end - 1].kind == TokenKind::Word;
    last_word.then(|| v.phrase_argument(j, end))
}

/// Puts the event's date ([`View::clause_date`]) on `e`, if there is one.
fn add_date(v: &View, e: &mut Event) {
    if let Some(d) = v.clause_date(e.trigger) {
        e.arguments.push(("date", d));
    }
}

/// Signs a percent for a direction: `97` down is `-97`.
fn signed(value: &str, direction: Direction) -> String {
    match direction {
        Direction::Down if !value.starts_with('-') => format!("-{value}"),
        _ => value.to_string(),
    }
}

/// Puts the change figures of `f` on event `e`.
fn add_change(e: &mut Event, f: Figures, direction: Direction, own_change: Option<f64>) {
    e.arguments
        .push(("direction", Argument::word(direction.as_str())));
    match f.percent {
        Some((mut p, points)) => {
            p.normalized = p.normalized.map(|n| signed(&n, direction));
            e.arguments.push((
                if points {
                    "change_points"
                } else {
                    "change_percent"
                },
                p,
            ));
            e.arguments
                .push(("qualifier", Argument::word(f.qualifier.unwrap_or(""))));
        }
        None => {
            if let Some(c) = own_change {
                e.arguments
                    .push(("change_percent", Argument::word(trim_number(c))));
            }
        }
    }
    if let Some(a) = f.to {
        e.arguments.push((
            if e.subtype == Some("share_price") {
                "price"
            } else {
                "new_price"
            },
            a,
        ));
    }
    if let Some(a) = f.from {
        e.arguments.push(("old_price", a));
    }
    if let Some(mut a) = f.by {
        if e.subtype == Some("share_price") {
            a.normalized = a.normalized.map(|n| signed(&n, direction));
        }
        e.arguments.push(("change_amount", a));
    }
    if let Some(u) = f.unit {
        e.arguments.push(("price_unit", u));
    }
}

/// The price phrase a product_price verb at `last` acts on: the token of
/// its price noun, if one comes within [`MAX_ITEM_GAP`] tokens with no
/// punctuation or phrase stop between.
fn price_noun_after(v: &View, last: usize) -> Option<usize> {
    (last..v.toks.len().min(last + MAX_ITEM_GAP))
        .take_while(|&j| v.toks[j].kind != TokenKind::Punct || v.w(j) == "'s")
        .take_while(|&j| j == last || !v.lex.is(Cue::PhraseStop, v.w(j)) || v.w(j) == "of")
        .find(|&j| v.lex.is(Cue::PriceNoun, v.w(j)))
        // "subscription fees": the last of a run of price nouns.
        .map(|mut j| {
            while v.lex.is(Cue::PriceNoun, v.w(j + 1)) {
                j += 1;
            }
            j
        })
        // "its price target on Apple": an analyst's target, not a price.
        .filter(|&j| !matches!(v.w(j + 1), "target" | "targets" | "objective"))
}

/// What is priced: the phrase after `of`/`for`/`on` following the price
/// noun at `p` (or later in the clause), else the price phrase `a..=p`.
fn item(v: &View, a: usize, p: usize) -> Argument {
    let after = (p + 1..v.toks.len().min(p + MAX_FIGURE_TOKENS))
        .take_while(|&j| !matches!(v.w(j), ";" | "." | "," | "—"))
        .find(|&j| matches!(v.w(j), "of" | "for" | "on") && !v.is_kind(j + 1, MentionType::Date));
    // "price rises of up to 70%": a figure, not an item.
    let figure = |x: usize| {
        [
            Cue::QualifierUpTo,
            Cue::QualifierApprox,
            Cue::QualifierOver,
            Cue::QualifierUnder,
        ]
        .iter()
        .any(|&c| v.lex.starts_at(c, &v.words, x).is_some())
            || v.is_kind(x, MentionType::Percent)
            || v.is_kind(x, MentionType::Money)
    };
    if let Some((x, y)) = after
        .and_then(|j| v.object_phrase(j + 1))
        .filter(|&(x, _)| !figure(x))
    {
        if let Some(m) = v.mentions_in(v.span(x, y), MentionType::Model).next() {
            let mut arg = mention_argument(v.doc, v.gazetteer, m);
            arg.span = Some(v.span(x, y));
            return arg;
        }
        return v.phrase_argument(x, y);
    }
    v.phrase_argument(a, p + 1)
}

/// "Alibaba’s cloud unit slashed prices by up to 97% on a range of its
/// models", "prices were cut by 20%".
fn product_verb(v: &View, i: usize, last: usize, t: &Trigger) -> Option<Event> {
    let direction = t.direction?;
    let passive = v.is_passive(i);
    let price_before = (i.saturating_sub(8)..i)
        .rev()
        .find(|&j| v.lex.is(Cue::PriceNoun, v.w(j)));
    if passive && price_before.is_none() {
        // "South Louisiana Sweet was increased to 19.35 dlrs a barrel": a
        // product or grade as subject, and a new price.
        let f = figures(v, last);
        f.to.as_ref()?;
        let item = subject_phrase(v, i)?;
        return new_price_event(v, i, last, t, item, f);
    }
    let (item_arg, company) = if passive {
        // The price noun is the subject: "its prices were cut".
        let p = price_before?;
        let a = (p.saturating_sub(3)..p)
            .rev()
            .take_while(|&j| {
                v.toks[j].kind == TokenKind::Word && !v.lex.is(Cue::PhraseStop, v.w(j))
            })
            .last()
            .unwrap_or(p);
        let company = v
            .company_before(v.toks[p].span.start)
            .or_else(|| {
                v.resolve(a, a + 1, false)
                    .filter(|_| matches!(v.w(a), "its" | "their"))
            })
            // "Model Y prices were cut by Tesla"
            .or_else(|| by_company(v, last));
        (item(v, a, p), company)
    } else {
        let p = price_noun_after(v, last)?;
        // The price phrase starts after determiners and possessives.
        let a = (last..p)
            .find(|&j| {
                !matches!(v.w(j), "the" | "its" | "their" | "a" | "an" | "'s")
                    && !v.is_kind(j, MentionType::Company)
            })
            .unwrap_or(p);
        (item(v, a, p), v.subject_company(i))
    };
    let company = company?;
    let mut e = event(v, i, last, "product_price", "price.product", 0.8);
    if let Some(m) = company.mention {
        ticker_of(v, m, &mut e);
    }
    let f = figures(v, last);
    e.arguments.push(("company", company));
    e.arguments.push(("item", item_arg));
    add_change(&mut e, f, direction, t.change);
    add_date(v, &mut e);
    Some(e)
}

/// The company a price change whose subject is not a company belongs to:
/// the first company of the sentence ("…, MacMillan Bloedel said"), else
/// the last one named before it.
fn sentence_company(v: &View, i: usize) -> Option<Argument> {
    let sentence = v.doc.sentences[v.s].span;
    v.mentions_in(sentence, MentionType::Company)
        .next()
        .map(|m| mention_argument(v.doc, v.gazetteer, m))
        .or_else(|| {
            v.referent(v.toks[i].span.start, false)
                .map(|m| mention_argument(v.doc, v.gazetteer, m))
        })
}

/// "Standard newsprint will increase to 600 dlrs a tonne from 570 dlrs":
/// the product is the subject, and a new price after `to` is required.
fn product_intrans(v: &View, i: usize, last: usize, t: &Trigger) -> Option<Event> {
    t.direction?;
    // "a 37 pct increase in profits": a noun, not the verb.
    if matches!(v.before(i, 1), "a" | "an" | "the" | "its" | "their")
        || v.is_kind(i.saturating_sub(1), MentionType::Percent)
        || v.is_kind(i.saturating_sub(1), MentionType::Money)
    {
        return None;
    }
    let f = figures(v, last);
    f.to.as_ref()?;
    let item = subject_phrase(v, i)?;
    let span = item.span?;
    let (a, end) = (v.tok_at(span.start), v.tok_at(span.end));
    // "sales in the fourth quarter rose 9% to 39.4bn kronor": results, not
    // prices.
    let results = (a.saturating_sub(4)..end).any(|j| v.lex.is(Cue::NotPriced, v.w(j)));
    if results
        || v.lex.ends_before(Cue::ShareNoun, &v.words, end).is_some()
        || (a..end).any(|j| v.is_kind(j, MentionType::Company))
    {
        return None;
    }
    new_price_event(v, i, last, t, item, f)
}

/// A product price change whose subject is the `item` and whose figures `f`
/// give a new price, owned by the sentence's company ([`sentence_company`]).
fn new_price_event(
    v: &View,
    i: usize,
    last: usize,
    t: &Trigger,
    item: Argument,
    f: Figures,
) -> Option<Event> {
    let direction = t.direction?;
    let company = sentence_company(v, i)?;
    let mut e = event(v, i, last, "product_price", "price.product", 0.65);
    e.arguments.push(("company", company));
    e.arguments.push(("item", item));
    add_change(&mut e, f, direction, t.change);
    add_date(v, &mut e);
    Some(e)
}

/// "The precipitous decline in Mellon's stock", "a sharp gain in the
/// stock", "a spike in M&S's share price": a move noun, `in`, shares.
fn share_noun(v: &View, i: usize, last: usize, t: &Trigger) -> Option<Event> {
    let direction = t.direction?;
    if v.w(last) != "in" {
        return None;
    }
    let noun_end = (last + 1..(last + 6).min(v.toks.len() + 1))
        .find(|&j| v.lex.ends_before(Cue::ShareNoun, &v.words, j).is_some())?;
    // "the plunge in the Tokyo share index": an index, not shares.
    if matches!(
        v.w(noun_end),
        "index" | "indices" | "indexes" | "average" | "market" | "markets"
    ) {
        return None;
    }
    let company = (last + 1..noun_end)
        .find_map(|j| v.mention_on(j, MentionType::Company))
        .map(|m| mention_argument(v.doc, v.gazetteer, m))
        .or_else(|| {
            (last + 1..noun_end)
                .find(|&j| matches!(v.w(j), "its" | "their" | "the"))
                .and_then(|j| v.resolve(j, j + 1, false))
        })?;
    let mut e = event(v, i, last, "share_price", "price.share", 0.7);
    let mut f = figures(v, noun_end);
    if f.percent.is_none()
        && let Some(m) = v.mention_on(i.saturating_sub(1), MentionType::Percent)
    {
        f.percent = Some((money_or_number(v, m), false));
    }
    if let Some(m) = company.mention {
        ticker_of(v, m, &mut e);
    }
    e.arguments.push(("company", company));
    add_change(&mut e, f, direction, None);
    add_date(v, &mut e);
    Some(e)
}

/// "A 20% price cut on the iPad", "price cuts of up to 30%".
fn product_noun(v: &View, i: usize, last: usize, t: &Trigger) -> Option<Event> {
    let direction = t.direction?;
    // "any price rise", "no price cut": no particular change.
    if matches!(v.before(i, 1), "any" | "no" | "every") {
        return None;
    }
    let company = v
        .company_before(v.toks[i].span.start)
        .or_else(|| v.subject_company(i))?;
    let mut e = event(v, i, last, "product_price", "price.product", 0.7);
    // "a 20% price cut": the figure before the noun.
    let mut f = figures(v, last);
    if f.percent.is_none()
        && let Some(m) = v.mention_on(i.saturating_sub(1), MentionType::Percent)
    {
        f.percent = Some((money_or_number(v, m), false));
        f.qualifier = qualifier(v, v.tok_at(v.doc.mentions[m].span.start)).map(|(q, _)| q);
    }
    e.arguments.push(("company", company));
    // "price cuts on the iPad": the phrase after `on`/`of`/`for`, if any.
    let it = item(v, i, last - 1);
    if it.span != Some(v.span(i, last)) {
        e.arguments.push(("item", it));
    }
    add_change(&mut e, f, direction, t.change);
    add_date(v, &mut e);
    Some(e)
}

/// "charging just 1 yuan ($0.14) per 1 million tokens", "will cost $199",
/// "sold for £0.79 per song".
fn quote(v: &View, i: usize, last: usize) -> Option<Event> {
    // "a charge of 5.9 mln dlrs", "at a cost of": nouns, not quotes;
    // "net includes special charges 24.7 mln dlrs", "development costs
    // 276,000 dlrs vs 640,000": results, not prices.
    let results = (i.saturating_sub(6)..i).any(|j| v.lex.is(Cue::NotPriced, v.w(j)));
    if matches!(
        v.before(i, 1),
        "a" | "an" | "the" | "of" | "its" | "their" | "special"
    ) || v.w(last) == "of"
        || results
    {
        return None;
    }
    let mut j = last;
    while j < v.toks.len() && j - last < 4 && v.lex.is(Cue::QuoteGap, v.w(j)) {
        j += 1;
    }
    let m = v.mention_on(j, MentionType::Money)?;
    if v.doc.mentions[m].span.start < v.toks[j].span.start {
        return None;
    }
    let after = v.tok_at(v.doc.mentions[m].span.end);
    if matches!(v.w(after), "vs" | "versus" | "against") {
        return None;
    }
    let mut e = event(v, i, last, "price_quote", "price.quote", 0.75);
    e.arguments.push(("price", money_or_number(v, m)));
    // A second currency in brackets: "1 yuan ($0.14)".
    if v.w(after) == "("
        && let Some(m2) = v.mention_on(after + 1, MentionType::Money)
    {
        e.arguments.push(("price_2", money_or_number(v, m2)));
    }
    if let Some(u) = unit(v, after) {
        e.arguments.push(("price_unit", u));
    }
    // What is priced: a model or product name before the trigger, or what
    // "its" points to.
    let sentence = v.doc.sentences[v.s].span;
    let model = super::clause::mentions_before(
        v.doc,
        sentence.start,
        v.toks[i].span.start,
        MentionType::Model,
    )
    .next();
    let item = match model {
        Some(m) => Some(mention_argument(v.doc, v.gazetteer, m)),
        None => subject_phrase(v, i).or_else(|| {
            (0..i)
                .rev()
                .find(|&k| matches!(v.w(k), "its" | "their"))
                .and_then(|k| v.resolve(k, k + 1, true))
        }),
    };
    let item_model = item
        .as_ref()
        .and_then(|a| a.mention)
        .filter(|&m| v.doc.mentions[m].kind == MentionType::Model);
    // "Moonshot charges …": a short form of the company named before is the
    // company, not the item.
    let short_form = item.as_ref().and_then(|a| {
        let name = a.normalized.as_deref()?;
        let before = v
            .doc
            .mentions
            .partition_point(|m| m.span.start < v.toks[i].span.start);
        let prefix = format!("{name} ");
        let r = (0..before).rev().find(|&m| {
            v.doc.mentions[m].kind == MentionType::Company
                && super::clause::entity_name(v.doc, v.gazetteer, m)
                    .is_some_and(|full| full.starts_with(&prefix))
        })?;
        a.mention.is_none().then(|| {
            let mut c = mention_argument(v.doc, v.gazetteer, r);
            c.span = a.span;
            c
        })
    });
    let item = if short_form.is_some() { None } else { item };
    let item_is_company = item
        .as_ref()
        .and_then(|a| a.mention)
        .is_some_and(|m| v.doc.mentions[m].kind == MentionType::Company);
    let company = short_form
        .or_else(|| v.subject_company(i))
        .or_else(|| v.company_before(v.toks[i].span.start))
        .or_else(|| item_model.and_then(|m| developer_of(v.doc, v.gazetteer, m)))
        .or_else(|| {
            item.clone().filter(|a| {
                a.mention
                    .is_some_and(|m| v.doc.mentions[m].kind == MentionType::Company)
            })
        });
    if let Some(c) = company {
        e.arguments.push(("company", c));
    }
    if let Some(it) = item.filter(|_| !item_is_company) {
        e.arguments.push(("item", it));
    }
    add_date(v, &mut e);
    Some(e)
}

/// The noun phrase right before the trigger at token `i` (over auxiliaries
/// and adverbs): "The 3B2/600 costs", "A subscription to Discovery+ costs",
/// back to a determiner, a comma or the sentence start, at most six tokens,
/// without a company in it.
fn subject_phrase(v: &View, i: usize) -> Option<Argument> {
    let mut end = i;
    while end > 0
        && (v.lex.is(Cue::SubjectGap, v.w(end - 1)) || v.lex.is(Cue::PassiveAux, v.w(end - 1)))
    {
        end -= 1;
    }
    let mut a = end;
    while a > 0 && end - a < 6 {
        let w = v.w(a - 1);
        if v.toks[a - 1].kind == TokenKind::Punct && !matches!(w, "+" | "/" | "-") {
            break;
        }
        a -= 1;
        if matches!(w, "the" | "a" | "an" | "its" | "their") {
            break;
        }
    }
    let phrase = (a < end).then(|| v.span(a, end))?;
    let words = end - a;
    let has_noun = (a..end).any(|j| {
        v.toks[j].kind != TokenKind::Punct
            && !matches!(v.w(j), "the" | "a" | "an" | "its" | "their")
    });
    (has_noun
        && words <= 6
        && v.mentions_in(phrase, MentionType::Company).next().is_none()
        && !(a..end).any(|j| v.lex.is(Cue::PhraseStop, v.w(j)) && !matches!(v.w(j), "to" | "of")))
    .then(|| v.phrase_argument(a, end))
}

/// "will cost $199 and $249", "retailing for US$199 and $299": each
/// further price joined to a quote's price by `and`, `or` or a comma is a
/// quote of its own, with the same item and company.
fn more_prices(v: &View, e: &Event) -> Vec<Event> {
    let mut out = Vec::new();
    let Some(mut m) = e.argument("price").and_then(|a| a.mention) else {
        return out;
    };
    loop {
        let mut j = v.tok_at(v.doc.mentions[m].span.end);
        // Skip a bracketed second currency and a unit.
        if v.w(j) == "(" {
            j = (j..v.toks.len().min(j + 6))
                .find(|&k| v.w(k) == ")")
                .map_or(j, |k| k + 1);
        }
        if let Some(u) = unit(v, j).and_then(|u| u.span) {
            j = v.tok_at(u.end);
        }
        if !matches!(v.w(j), "and" | "or" | ",") {
            return out;
        }
        let k = if v.w(j + 1) == "and" || v.w(j + 1) == "or" {
            j + 2
        } else {
            j + 1
        };
        let Some(next) = v.mention_on(k, MentionType::Money) else {
            return out;
        };
        let mut q = e.clone();
        q.arguments
            .retain(|(r, _)| !matches!(*r, "price" | "price_2" | "price_unit"));
        q.arguments.push(("price", money_or_number(v, next)));
        if let Some(u) = unit(v, v.tok_at(v.doc.mentions[next].span.end)) {
            q.arguments.push(("price_unit", u));
        }
        out.push(q);
        m = next;
    }
}

/// "£6.99/$9.15 per month", "$1.10/M tokens": money followed by a unit of
/// a [`Cue::UnitNoun`] is a stated price even without a quote verb, unless
/// another price event of the sentence already reads that money.
fn unit_prices(v: &View, events: &mut Vec<Event>) {
    let sentence = v.doc.sentences[v.s].span;
    // Only this sentence's events, which are the last ones.
    let used: Vec<usize> = events
        .iter()
        .rev()
        .take_while(|e| e.sentence == v.s)
        .flat_map(|e| e.arguments.iter().filter_map(|(_, a)| a.mention))
        .collect();
    let money: Vec<usize> = v.mentions_in(sentence, MentionType::Money).collect();
    for (k, &m) in money.iter().enumerate() {
        if used.contains(&m) {
            continue;
        }
        let mut j = v.tok_at(v.doc.mentions[m].span.end);
        // "£6.99/$9.15 per month": the same price in a second currency.
        let second = (v.w(j) == "/")
            .then(|| money.get(k + 1).copied())
            .flatten()
            .filter(|&n| v.tok_at(v.doc.mentions[n].span.start) == j + 1);
        if let Some(n) = second {
            j = v.tok_at(v.doc.mentions[n].span.end);
        }
        let Some(u) = unit(v, j) else { continue };
        let head = u.span.map(|s| v.tok_at(s.end)).unwrap_or(j);
        let first = v.tok_at(v.doc.mentions[m].span.start);
        // "to 16.50 dlrs a bbl", "is 19 dlrs a barrel", "a 50 cts a barrel
        // increase": the price of a change, not a quote.
        let of_change = matches!(
            v.before(first, 1),
            "to" | "from" | "by" | "is" | "are" | "was" | "were"
        ) || v.lex.may_occur(v.w(head))
            // "40 mln dlrs a year ago": a comparison, not a unit
            || matches!(v.w(head), "ago" | "earlier" | "before" | "later")
            // "50 mln dlrs a year in sales": a result
            || (v.w(head) == "in" && v.lex.is(Cue::NotPriced, v.w(head + 1)));
        if !v.lex.is(Cue::UnitNoun, v.w(head - 1)) || of_change {
            continue;
        }
        let mut e = event(v, first, first + 1, "price_quote", "price.quote.unit", 0.6);
        e.trigger = v.doc.mentions[m].span;
        e.arguments.push(("price", money_or_number(v, m)));
        if let Some(n) = second {
            e.arguments.push(("price_2", money_or_number(v, n)));
        }
        e.arguments.push(("price_unit", u));
        let model = super::clause::mentions_before(
            v.doc,
            sentence.start,
            v.doc.mentions[m].span.start,
            MentionType::Model,
        )
        .next();
        if let Some(mm) = model {
            e.arguments
                .push(("item", mention_argument(v.doc, v.gazetteer, mm)));
            if let Some(d) = developer_of(v.doc, v.gazetteer, mm) {
                e.arguments.push(("company", d));
            }
        } else if let Some(c) = v
            .mentions_in(sentence, MentionType::Company)
            .next()
            .map(|c| mention_argument(v.doc, v.gazetteer, c))
        {
            e.arguments.push(("company", c));
        } else {
            // A price nobody charges (a futures quote) is no event.
            continue;
        }
        events.push(e);
    }
}

/// "Shares of Baidu fell 3.2% to HK$85.40", "tech stocks plummeted",
/// "Nvidia lost $589 billion in market value", "Texaco rose 1-1/2 to 35".
fn share(v: &View, i: usize, last: usize, t: &Trigger) -> Option<Event> {
    let direction = t.direction?;
    // Walk back over auxiliaries and adverbs to the subject's last token.
    let mut j = i;
    while j > 0
        && (v.lex.is(Cue::SubjectGap, v.w(j - 1)) && v.w(j - 1) != "it"
            || v.is_kind(j - 1, MentionType::Date))
    {
        j -= 1;
    }
    // A bracketed ticker after the subject: "Baidu (9888.HK) fell".
    if j > 0 && v.w(j - 1) == ")" {
        j = (j.saturating_sub(6)..j - 1)
            .rev()
            .find(|&k| v.w(k) == "(")?;
    }
    if j == 0 {
        return None;
    }
    // "gasoline stocks fell 30,000 barrels", "the index fell 15.6 to 1,855.7":
    // a bare number after the verb is a quantity or index points.
    let after = if v.w(last) == "by" { last + 1 } else { last };
    if v.toks
        .get(after)
        .is_some_and(|t| t.kind == TokenKind::Number)
        && !v.is_kind(after, MentionType::Percent)
        && !v.is_kind(after, MentionType::Money)
    {
        return None;
    }
    let end = j; // subject is tokens ..end
    // "market share" is a proportion and "earnings per share" a result, not
    // shares.
    let share_len = v
        .lex
        .ends_before(Cue::ShareNoun, &v.words, end)
        .filter(|&n| {
            let before = v.before(end - n, 1);
            !(before == "per" || (n == 1 && v.w(end - 1) == "share" && before == "market"))
        });
    let mut sector = None;
    let f = figures(v, last);
    let mut company;
    if let Some(n) = share_len {
        let head = end - n;
        // "Baidu shares", "Baidu's shares", "its stock", "tech stocks".
        let before = head.checked_sub(1);
        company = before
            .and_then(|b| {
                let b = if v.w(b) == "'s" { b.checked_sub(1)? } else { b };
                let b = if v.w(b) == ")" {
                    (b.saturating_sub(6)..b)
                        .rev()
                        .find(|&k| v.w(k) == "(")?
                        .checked_sub(1)?
                } else {
                    b
                };
                v.mention_on(b, MentionType::Company)
                    .or_else(|| v.mention_on(b, MentionType::Ticker))
            })
            .map(|m| mention_argument(v.doc, v.gazetteer, m))
            .or_else(|| {
                before
                    .filter(|&b| matches!(v.w(b), "its" | "their"))
                    .and_then(|b| v.resolve(b, b + 1, false))
            });
        if company.is_none() {
            // "shares of Baidu" cannot be here (Baidu would end the subject);
            // a sector: the words before the noun back to a determiner.
            let a = (head.saturating_sub(3)..head)
                .rev()
                .take_while(|&k| {
                    v.toks[k].kind == TokenKind::Word
                        && !v.lex.is(Cue::PhraseStop, v.w(k))
                        && !matches!(v.w(k), "the" | "a" | "its" | "their" | "'s")
                        // a verb ends it: "causing tech stocks"
                        && v.w(k) != "and"
                        && !v.w(k).ends_with("ing")
                        && !v.w(k).ends_with("ed")
                })
                .last()
                .unwrap_or(head);
            // "purchases of foreign stocks": the head is the purchases.
            if v.before(a, 1) == "of" {
                return None;
            }
            // "Belgian total money stock": an aggregate, not shares.
            if (a..head).any(|k| v.lex.is(Cue::NotPriced, v.w(k))) {
                return None;
            }
            let bare = a == head && matches!(v.w(head), "shares" | "stock" | "share" | "stocks");
            if bare {
                // "Shares fell": the company named last.
                company = v.resolve(head, end, false);
            } else {
                sector = Some(v.phrase_argument(a, end));
            }
        }
    } else {
        // A company subject: "Baidu fell 3.2%", "shares of Baidu fell",
        // "Nvidia lost $589 billion in market value".
        let Some(m) = v
            .mention_on(end - 1, MentionType::Company)
            .or_else(|| v.mention_on(end - 1, MentionType::Ticker))
        else {
            return unlisted_share_company(v, i, last, end, t, f);
        };
        let start = v.tok_at(v.doc.mentions[m].span.start);
        let of_shares = start >= 2
            && matches!(v.w(start - 1), "of" | "in")
            && v.lex
                .ends_before(Cue::ShareNoun, &v.words, start - 1)
                .is_some();
        // Without "shares of", the figures must be a share move: a percent,
        // a fraction quote, or money "in market value".
        let window = &v.words[f.end.min(v.words.len())..(f.end + 3).min(v.words.len())];
        // ("gained market share" is a proportion of a market, not shares)
        let market_share = window
            .windows(2)
            .any(|w| w[0] == "market" && w[1] == "share");
        let market_value = v.lex.any_in(Cue::ShareNoun, window) && !market_share;
        // ("Texaco rose 1-1/2": a change in fractions of a dollar is a quote)
        let fraction_change = f.by.as_ref().is_some_and(|b| b.mention.is_none());
        if !(of_shares || market_value || f.percent.is_some() || f.to.is_some() || fraction_change)
        {
            return None;
        }
        // "Meta shed 13% of its workforce", "Samsung gained 20% in sales",
        // "added 5% more subscribers": a share of something else.
        if !of_shares
            && let Some((p, _)) = &f.percent
            && let Some(ps) = p.span
        {
            let k = v.tok_at(ps.end);
            let other = matches!(v.w(k), "of" | "more" | "fewer")
                || (v.w(k) == "in"
                    && (v.lex.is(Cue::NotPriced, v.w(k + 1))
                        || v.toks.get(k + 1).is_some_and(|t| {
                            t.kind == TokenKind::Word
                                && !t.text(v.doc.text).starts_with(char::is_uppercase)
                                && !matches!(
                                    v.w(k + 1),
                                    "trading"
                                        | "early"
                                        | "late"
                                        | "heavy"
                                        | "active"
                                        | "light"
                                        | "the"
                                        | "after"
                                )
                        })));
            if other {
                return None;
            }
        }
        company = Some(mention_argument(v.doc, v.gazetteer, m));
    }
    if company.is_none() && sector.is_none() {
        return None;
    }
    let mut e = event(
        v,
        i,
        last,
        "share_price",
        "price.share",
        if share_len.is_some() { 0.85 } else { 0.7 },
    );
    if let Some(c) = company {
        if let Some(m) = c.mention {
            ticker_of(v, m, &mut e);
        }
        e.arguments.push(("company", c));
    }
    if let Some(s) = sector {
        e.arguments.push(("item", s));
    }
    add_change(&mut e, f, direction, None);
    add_date(v, &mut e);
    Some(e)
}

/// "Shares in Corus fell 2.2%": after `shares of`/`shares in`, a
/// capitalised name the lists do not know is the company, as written.
fn unlisted_share_company(
    v: &View,
    i: usize,
    last: usize,
    end: usize,
    t: &Trigger,
    f: Figures,
) -> Option<Event> {
    let direction = t.direction?;
    let mut a = end;
    while a > 0
        && end - a < 4
        && v.toks[a - 1]
            .text(v.doc.text)
            .starts_with(char::is_uppercase)
    {
        a -= 1;
    }
    let of_shares = a >= 2
        && a < end
        && matches!(v.w(a - 1), "of" | "in")
        && v.lex.ends_before(Cue::ShareNoun, &v.words, a - 1).is_some();
    if !of_shares {
        return None;
    }
    let mut e = event(v, i, last, "share_price", "price.share", 0.7);
    e.arguments.push(("company", v.phrase_argument(a, end)));
    add_change(&mut e, f, direction, None);
    add_date(v, &mut e);
    Some(e)
}

/// The ticker written with company mention `m` (right after it, in
/// brackets, or `m` itself), as `ticker` and `exchange` arguments.
fn ticker_of(v: &View, m: usize, e: &mut Event) {
    let doc = v.doc;
    let t = if doc.mentions[m].kind == MentionType::Ticker {
        Some(m)
    } else {
        (m + 1..doc.mentions.len().min(m + 3)).find(|&k| {
            doc.mentions[k].kind == MentionType::Ticker
                && doc.mentions[k].span.start <= doc.mentions[m].span.end + 30
        })
    };
    let Some(t) = t else { return };
    if let MentionValue::Ticker { symbol, mic, .. } = &doc.mentions[t].value {
        e.arguments.push((
            "ticker",
            Argument {
                span: Some(doc.mentions[t].span),
                normalized: Some(symbol.clone()),
                mention: Some(t),
                entity: None,
            },
        ));
        if let Some(mic) = mic {
            e.arguments.push(("exchange", Argument::word(*mic)));
        }
    }
}

/// "Baidu and Tencent quickly followed suit": copies the direction of the
/// last product price change in the [`FOLLOW_SENTENCES`] before to each
/// company named before the cue.
fn follow_suit(v: &View, events: &mut Vec<Event>) {
    let Some(k) =
        (0..v.toks.len()).find(|&k| v.lex.starts_at(Cue::FollowSuit, &v.words, k).is_some())
    else {
        return;
    };
    let n = v.lex.starts_at(Cue::FollowSuit, &v.words, k).unwrap_or(1);
    let Some(source) = events
        .iter()
        .rev()
        .take_while(|e| e.sentence + FOLLOW_SENTENCES >= v.s)
        .find(|e| {
            e.subtype == Some("product_price")
                && e.sentence < v.s
                && e.sentence + FOLLOW_SENTENCES >= v.s
                && !e.negated
        })
        .cloned()
    else {
        return;
    };
    let sentence = v.doc.sentences[v.s].span;
    let cue = v.span(k, k + n);
    let mut companies: Vec<usize> = v
        .mentions_in(Span::new(sentence.start, cue.start), MentionType::Company)
        .collect();
    companies.dedup_by_key(|m| super::clause::entity_name(v.doc, v.gazetteer, *m));
    let (status, negated) = v.status(k);
    for m in companies {
        let mut arguments = vec![("company", mention_argument(v.doc, v.gazetteer, m))];
        arguments.extend(
            source
                .arguments
                .iter()
                .filter(|(r, _)| *r == "direction")
                .cloned(),
        );
        events.push(Event {
            kind: "price_change",
            subtype: Some("product_price"),
            trigger: cue,
            sentence: v.s,
            rule: "price.follow_suit",
            confidence: 0.6,
            status: if status == Status::Announced {
                source.status
            } else {
                status
            },
            negated,
            inferred: true,
            arguments,
        });
    }
}

#[cfg(test)]
mod tests {
    use crate::article::{Article, DctSource};
    use crate::gazetteer::GazetteerSource;
    use crate::pipeline::Pipeline;

    /// One line per price event: subtype, then `role=value` for every role
    /// it has (status only when not `announced`), then `negated`/`inferred`.
    fn prices(text: &str) -> Vec<String> {
        let pipeline = Pipeline::new(&GazetteerSource::Bundled).unwrap();
        let article =
            Article::new("t", text).with_dct(jiff::civil::date(2025, 1, 29), DctSource::Option);
        pipeline
            .process(&article)
            .events
            .iter()
            .filter(|e| e.kind == "price_change")
            .map(|e| {
                let mut parts = vec![e.subtype.unwrap_or_default().to_string()];
                for (role, a) in &e.arguments {
                    match a.normalized.as_deref() {
                        None | Some("") => {}
                        Some("announced") if *role == "status" => {}
                        Some(n) => parts.push(format!("{role}={n}")),
                    }
                }
                if e.negated {
                    parts.push("negated".into());
                }
                if e.inferred {
                    parts.push("inferred".into());
                }
                parts.join(" ")
            })
            .collect()
    }

    #[test]
    fn price_rule_cases() {
        let cases: &[(&str, &[&str])] = &[
            (
                "Alibaba’s cloud unit slashed prices by up to 97% on a range of its models.",
                &[
                    "product_price change_percent=-97 company=Alibaba Group direction=down item=a range of its models qualifier=up_to",
                ],
            ),
            (
                "Netflix raised subscription fees 20% to $15.49 a month.",
                &[
                    "product_price change_percent=20 company=Netflix direction=up item=subscription fees new_price=15.49 USD price_unit=a month",
                ],
            ),
            (
                "OpenAI halved the price of its API.",
                &["product_price change_percent=-50 company=OpenAI direction=down item=its API"],
            ),
            (
                "Exxon said it raised its posted prices for crude oil by 50 cts a barrel.",
                &[
                    "product_price change_amount=0.5 USD company=Exxon Mobil direction=up item=crude oil price_unit=a barrel",
                ],
            ),
            (
                "Tesla cut the price of the Model Y by about 5 percentage points.",
                &[
                    "product_price change_points=-5 company=Tesla direction=down item=the Model Y qualifier=approx",
                ],
            ),
            (
                "Apple did not cut prices.",
                &["product_price company=Apple direction=down item=prices negated"],
            ),
            ("Microsoft cut 10,000 jobs.", &[]),
            (
                "Shares of Baidu fell 3.2% to HK$85.40.",
                &["share_price change_percent=-3.2 company=Baidu direction=down price=85.4 HKD"],
            ),
            (
                "Nvidia lost $589 billion in market value on Monday.",
                &[
                    "share_price change_amount=-589000000000 USD company=Nvidia date=2025-01-27 direction=down",
                ],
            ),
            (
                "Texaco rose 1-1/2 to 35-3/4.",
                &["share_price change_amount=1.5 USD company=Texaco direction=up price=35.75 USD"],
            ),
            (
                "Tech stocks plummeted.",
                &["share_price direction=down item=Tech stocks"],
            ),
            ("Apple's profit rose 5 pct.", &[]),
            ("Nvidia lost $5 billion in the quarter.", &[]),
            (
                "DeepSeek-V2 is cheap, charging just 1 yuan ($0.14) per 1 million tokens.",
                &[
                    "price_quote company=DeepSeek item=DeepSeek-V2 price=1 CNY price_2=0.14 USD price_unit=per 1 million tokens",
                ],
            ),
            (
                "Alibaba cut prices by 20%. Baidu and Tencent followed suit.",
                &[
                    "product_price change_percent=-20 company=Alibaba Group direction=down item=prices",
                    "product_price company=Baidu direction=down inferred",
                    "product_price company=Tencent Holdings direction=down inferred",
                ],
            ),
        ];
        for (text, want) in cases {
            assert_eq!(prices(text), *want, "{text:?}");
        }
    }
}

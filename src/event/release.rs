//! Release events: a company releases a product or model.
//!
//! Triggers are the `release` rows of the trigger lexicon
//! (`gazetteers/triggers.tsv`): verbs (*unveil, launch, release, roll out,
//! debut, open-source*; weak ones such as *announce, introduce, ship* fire
//! only with a known model or a product name), intransitive verbs whose
//! subject is the product (*goes on sale*, *is now available*) and nouns
//! (*the release of*, *its launch*, *DeepSeek’s recent releases*).
//!
//! Rules, each with its id in the event's `rule`:
//! - `release.svo` (active voice): the **company** is the subject
//!   ([`View::subject_company`]: the nearest company before the trigger with
//!   only auxiliaries, adverbs, an appositive or "X’s cloud unit" between, or
//!   "it" / "the startup" pointing back); the **product** is the object phrase
//!   after the trigger. A phrase holding a model mention is that model, unless
//!   the model only modifies a product noun ("the DeepSeek-V3-powered AI
//!   assistant" is the assistant); otherwise the phrase must be headed by a
//!   product noun or look like a product name (a word with inner capitals or
//!   digits: `iPhone 4`, `MacBook Air`), and is reported as written.
//!   Coordinated objects ("the iPhone 4 and iOS 4") give one event each.
//! - `release.svo.successor`: "a new version of its Qwen 2.5 model" names the
//!   product by its predecessor; the rule looks in the rest of the sentence
//!   and the next two for a model of the same line whose name extends it
//!   (`Qwen 2.5-Max`).
//! - `release.passive`: "Qwen 2.5-Max was released by Alibaba".
//! - `release.intrans`: "the iPhone 3G goes on sale".
//! - `release.nominal`: "the release of Qwen 2.5-Max", "after its release in
//!   May last year" ("its" is the model or company named last), "DeepSeek’s
//!   recent releases—the … assistant on January 10 and the R1 model on
//!   January 20".
//!
//! When no company is written but the product is a known model, the company
//! is the model's developer from the gazetteer (argument without span, lower
//! confidence). The **date** is a date right after the product or the
//! trigger ("the R1 model on January 20"), else (verbs) the sentence's first
//! date after the trigger, else its last before it. **Status** and
//! **negation** come from [`View::status`].

use super::clause::{View, developer_of, entity_name, mention_argument};
use super::lexicon::{Cue, Frame, Pos, Trigger};
use super::{Argument, Event};
use crate::mention::{MentionType, MentionValue};
use crate::recognize::timex::{DAY_NAMES, MONTH_NAMES};
use crate::span::Span;
use crate::tokenize::TokenKind;

/// Finds the release events of one sentence.
pub fn sentence(v: &View, events: &mut Vec<Event>) {
    let (doc, gazetteer, lex, s) = (v.doc, v.gazetteer, v.lex, v.s);
    {
        for i in 0..v.toks.len() {
            if v.named[i] || v.toks[i].kind != TokenKind::Word {
                continue;
            }
            let found: Vec<(&Trigger, usize)> = lex
                .triggers_at(&v.words, i)
                .filter(|(t, _)| t.frame == Frame::Release)
                .collect();
            let nominal = is_nominal_context(v, i);
            let pick = |pos: Pos| found.iter().find(|(t, _)| t.pos == pos).copied();
            let (trigger, n) = match (pick(Pos::Noun), pick(Pos::Verb), pick(Pos::Intrans)) {
                (Some(t), _, _) if nominal => t,
                (_, Some(t), _) if !nominal => t,
                (_, _, Some(t)) => t,
                _ => continue,
            };
            let last = i + n;
            let found = match trigger.pos {
                Pos::Noun => nominal_release(v, i, last),
                Pos::Intrans => intrans_release(v, i),
                Pos::Verb => verb_release(v, i, last, trigger),
            };
            let (status, negated) = v.status(i);
            let trigger_span = v.span(i, last);
            for f in found {
                let (company, confidence) = match f.company {
                    Some(c) => (Some(c), f.confidence),
                    None => (
                        f.model.and_then(|m| developer_of(doc, gazetteer, m)),
                        f.confidence - 0.15,
                    ),
                };
                // Without a company, only a named product makes a row.
                if company.is_none() && !f.named {
                    continue;
                }
                let confidence = if company.is_none() {
                    confidence - 0.2
                } else {
                    confidence
                };
                let date = f.date.or_else(|| {
                    (trigger.pos == Pos::Verb)
                        .then(|| v.sentence_date(trigger_span.end))
                        .flatten()
                });
                let mut arguments = vec![("product", f.product)];
                if let Some(c) = company {
                    arguments.push(("company", c));
                }
                if let Some(d) = date {
                    arguments.push(("date", d));
                }
                events.push(Event {
                    kind: "release",
                    subtype: None,
                    trigger: trigger_span,
                    sentence: s,
                    rule: f.rule,
                    confidence: (confidence * 100.0).round() / 100.0,
                    status: if f.planned && status == super::Status::Announced {
                        super::Status::Planned
                    } else {
                        status
                    },
                    negated,
                    inferred: false,
                    arguments,
                });
            }
        }
    }
}

/// What one trigger yields before the shared fields are added.
struct Found {
    company: Option<Argument>,
    product: Argument,
    /// The product's model mention, for the developer fallback.
    model: Option<usize>,
    date: Option<Argument>,
    rule: &'static str,
    confidence: f64,
    /// A nominal trigger after *planned*, *upcoming*, *expected*.
    planned: bool,
    /// The product is a model or a product name, not a generic phrase.
    named: bool,
}

/// True when token `i` reads as a noun: after a [`Cue::NominalBefore`]
/// word or a possessive.
fn is_nominal_context(v: &View, i: usize) -> bool {
    let p = v.before(i, 1);
    // "the previously announced sale": a participle used as an adjective.
    let adjective =
        v.lex.is(Cue::Adverb, p) && matches!(v.before(i, 2), "the" | "a" | "an" | "its" | "their");
    p == "'s" || v.lex.is(Cue::NominalBefore, p) || adjective
}

/// Active and passive verb triggers.
fn verb_release(v: &View, i: usize, last: usize, trigger: &Trigger) -> Vec<Found> {
    if trigger.base {
        let after_company = i > 0 && v.is_kind(i - 1, MentionType::Company);
        if !after_company && !v.lex.is(Cue::BaseFormCue, v.before(i, 1)) {
            return Vec::new();
        }
    }
    if v.is_passive(i) {
        return passive_release(v, i, last).into_iter().collect();
    }
    let company = v.subject_company(i);
    objects(v, last, trigger.weak)
        .into_iter()
        .map(|mut f| {
            f.company = company.clone();
            f
        })
        .collect()
}

/// The products of the object phrase starting at token `from`, and of the
/// phrases coordinated with it ("the iPhone 4 and iOS 4", "the assistant on
/// January 10 and the R1 model on January 20").
fn objects(v: &View, mut from: usize, weak: bool) -> Vec<Found> {
    let mut out = Vec::new();
    // A dash or colon before a list: "releases—the assistant …".
    if matches!(v.w(from), "—" | ":" | "–") {
        from += 1;
    }
    while let Some((a, b)) = v.object_phrase(from) {
        // ("In announcing Reagan's action, the White House said": no
        // apposition after a possessive phrase)
        let possessive = (a..b).any(|j| v.w(j) == "'s");
        let Some(mut f) = product_of(v, a, b, weak)
            .or_else(|| (!possessive).then(|| apposition(v, b, weak)).flatten())
        else {
            break;
        };
        // "its latest addition to the iPod line, the iPod nano": a named
        // apposition says which product the phrase means.
        let vague = !f.named || (a..b).any(|j| v.lex.is(Cue::RelationNoun, v.w(j)));
        if vague
            && v.w(b) == ","
            && let Some(named) = apposition(v, b, weak)
        {
            f = named;
        }
        // "… on January 10": a date right after the product.
        let mut next = b;
        if let Some(d) = v.date_near(b, 3) {
            let end = d.span.map_or(b, |s| v.tok_at(s.end));
            f.date = Some(d);
            next = end;
        }
        out.push(f);
        let mut and = false;
        while matches!(v.w(next), "," | "and") {
            and |= v.w(next) == "and";
            next += 1;
        }
        if next == b || next >= v.toks.len() || !matches!(v.before(next, 1), "," | "and") {
            break;
        }
        // "launched ChatGPT in 2022 and released GPT-4o": a new verb, a new
        // event (found at its own trigger).
        if v.lex.triggers_at(&v.words, next).next().is_some() {
            break;
        }
        // After a bare comma, only a named product continues the list, and
        // never one with an article: "Kimi K2 on Friday, an open-weight model
        // that …" and "Qwen 2.5-Max, a rival to DeepSeek-V3" are appositions.
        if !and && matches!(v.w(next), "a" | "an") {
            break;
        }
        if !and
            && v.object_phrase(next)
                .and_then(|(x, y)| product_of(v, x, y, weak))
                .is_none_or(|f| {
                    !f.named || f.model.is_none() && !is_product_name(v, next, next + 1)
                })
        {
            break;
        }
        from = next;
    }
    out
}

/// The named product of an apposition after a comma at token `comma`
/// ("…, the iPod nano").
fn apposition(v: &View, comma: usize, weak: bool) -> Option<Found> {
    if v.w(comma) != "," {
        return None;
    }
    let (x, y) = v.object_phrase(comma + 1)?;
    product_of(v, x, y, weak).filter(|f| f.named)
}

/// The product an object phrase (tokens `a..b`) names, if it names one.
fn product_of(v: &View, a: usize, b: usize, weak: bool) -> Option<Found> {
    let doc = v.doc;
    let phrase = v.span(a, b);
    // "ship three million PSPs", "shipped 2,000 units": a quantity.
    if v.toks[a].kind == TokenKind::Number
        || matches!(
            v.w(a),
            "one"
                | "two"
                | "three"
                | "four"
                | "five"
                | "six"
                | "seven"
                | "eight"
                | "nine"
                | "ten"
                | "several"
                | "many"
                | "more"
                | "some"
        )
    {
        return None;
    }
    if v.mentions_in(phrase, MentionType::Company).next().is_some()
        && v.mentions_in(phrase, MentionType::Model).next().is_none()
    {
        return None;
    }
    let head = v.w(b - 1);
    // "released figures", "launched a bond issue", "an offering of 100 mln
    // dlrs", "Chase Investment Bank Ltd": no product; "dropped the price of
    // Gemini API calls": a price.
    if v.lex.is(Cue::NotProduct, head)
        || (a..b).any(|j| {
            v.lex.is(Cue::PriceNoun, v.w(j)) || (j > a && v.lex.is(Cue::NotProduct, v.w(j)))
        })
        || v.mentions_in(phrase, MentionType::Money).next().is_some()
    {
        return None;
    }
    let found = |product, model: Option<usize>, rule, confidence| Found {
        company: None,
        product,
        model,
        date: None,
        rule,
        confidence,
        planned: false,
        named: true,
    };
    if let Some(m) = v.mentions_in(phrase, MentionType::Model).next() {
        let mspan = doc.mentions[m].span;
        let relation = (a..b)
            .take_while(|&j| v.toks[j].span.end <= mspan.start)
            .any(|j| v.lex.is(Cue::RelationNoun, v.w(j)));
        if relation {
            return Some(match successor(v, phrase, m) {
                Some(succ) => {
                    let mut p = mention_argument(doc, v.gazetteer, succ);
                    p.span = Some(phrase);
                    found(p, Some(succ), "release.svo.successor", 0.75)
                }
                None => found(
                    v.phrase_argument(a, b),
                    Some(m),
                    "release.svo.successor",
                    0.6,
                ),
            });
        }
        // "the DeepSeek-V3-powered AI assistant": the model only modifies
        // the product.
        let head_tok = v.toks[b - 1].span;
        let modifier = head_tok.start >= mspan.end
            && v.lex.is(Cue::ProductNoun, head)
            && !v.lex.is(Cue::ModelNoun, head);
        if modifier {
            return Some(found(v.phrase_argument(a, b), None, "release.svo", 0.7));
        }
        return Some(found(
            mention_argument(doc, v.gazetteer, m),
            Some(m),
            "release.svo",
            0.9,
        ));
    }
    let named = is_product_name(v, a, b);
    let product_head = v.lex.is(Cue::ProductNoun, head);
    // A weak trigger ("announced") needs a name, or a new product: "a new
    // iPod range", "a host of new products".
    let new = (a..b).any(|j| v.w(j) == "new");
    let accepted = named || (product_head && (!weak || new));
    if !accepted {
        return None;
    }
    let mut f = found(
        v.phrase_argument(a, b),
        None,
        "release.svo",
        if named { 0.7 } else { 0.65 },
    );
    f.named = named;
    Some(f)
}

/// True when tokens `a..b` look like a product name: a word with a capital
/// after its first letter or with letters and digits (`iPhone`, `MacBook`,
/// `Xbox 360`, `PS5`), not a ticker or money.
fn is_product_name(v: &View, a: usize, b: usize) -> bool {
    (a..b).any(|j| {
        let t = v.toks[j].text(v.doc.text);
        let inner_cap = t.chars().skip(1).any(char::is_uppercase)
            && t.chars().any(char::is_lowercase)
            && !t.contains(['\'', '’']);
        let mixed = t.chars().any(|c| c.is_ascii_digit())
            && t.chars().any(char::is_alphabetic)
            && !t.chars().any(|c| c == '.');
        let versioned = t.chars().all(|c| c.is_ascii_digit())
            && j > a
            && v.toks[j - 1]
                .text(v.doc.text)
                .starts_with(char::is_uppercase);
        // A capitalised word past the sentence's first: a name ("Bic for
        // Her pens", "Relifex").
        // (not a possessor: "Brazil's economic targets"; not a date:
        // "the February consumer credit number")
        let capitalised = v.toks[j].span.start > v.doc.sentences[v.s].span.start
            && t.starts_with(char::is_uppercase)
            && t.chars().skip(1).any(char::is_lowercase)
            && !v.lex.is(Cue::PhraseStop, v.w(j))
            && v.w(j + 1) != "'s"
            && !v.is_kind(j, MentionType::Date)
            && !MONTH_NAMES
                .iter()
                .chain(DAY_NAMES.iter())
                .any(|n| n.eq_ignore_ascii_case(t));
        (inner_cap || mixed || versioned || capitalised)
            && !v.is_kind(j, MentionType::Ticker)
            && !v.is_kind(j, MentionType::Money)
            && !v.is_kind(j, MentionType::Percent)
    })
}

/// "Qwen 2.5-Max was released by Alibaba": the product is the nearest model
/// (or product name) before the trigger, the company the one after `by`.
fn passive_release(v: &View, i: usize, last: usize) -> Option<Found> {
    let (product, model) = subject_product(v, i)?;
    let company = (last..v.toks.len())
        .take(3)
        .find(|&j| v.w(j) == "by")
        .and_then(|j| v.mention_on(j + 1, MentionType::Company))
        .map(|m| mention_argument(v.doc, v.gazetteer, m));
    Some(Found {
        company,
        product,
        model,
        date: None,
        rule: "release.passive",
        confidence: 0.85,
        planned: false,
        named: true,
    })
}

/// The product before a passive or intransitive trigger at token `i`,
/// skipping auxiliaries and adverbs: a model mention, or a product name.
fn subject_product(v: &View, i: usize) -> Option<(Argument, Option<usize>)> {
    let mut j = i;
    while j > 0 && (v.lex.is(Cue::SubjectGap, v.w(j - 1)) || v.lex.is(Cue::PassiveAux, v.w(j - 1)))
    {
        j -= 1;
    }
    // "Snow Leopard, which was released": the antecedent of the relative.
    if j >= 2 && matches!(v.w(j - 1), "which" | "that") && v.w(j - 2) == "," {
        j -= 2;
    }
    // "PlayStation Portable (PSP) will go on sale": skip the brackets.
    if j > 0 && v.w(j - 1) == ")" {
        j = (j.saturating_sub(6)..j - 1)
            .rev()
            .find(|&k| v.w(k) == "(")?;
    }
    let end = j;
    if end == 0 {
        return None;
    }
    if let Some(m) = v.mention_on(end - 1, MentionType::Model) {
        return Some((mention_argument(v.doc, v.gazetteer, m), Some(m)));
    }
    // A product name: back to a determiner, a possessive or the sentence start.
    let mut a = end;
    while a > 0
        && end - a < 6
        && v.toks[a - 1].kind != TokenKind::Punct
        && !matches!(v.w(a - 1), "the" | "its" | "a" | "an" | "'s" | "their")
        && !v.lex.is(Cue::PhraseStop, v.w(a - 1))
        && !v.is_kind(a - 1, MentionType::Company)
    {
        a -= 1;
    }
    (a < end && is_product_name(v, a, end) && !v.lex.is(Cue::NotProduct, v.w(end - 1)))
        .then(|| (v.phrase_argument(a, end), None))
}

/// "The iPhone 3G goes on sale": the product is the subject; the company is
/// a possessive before it or the nearest company in the sentence.
fn intrans_release(v: &View, i: usize) -> Vec<Found> {
    // A bare "available" needs its verb: "would be soon available", not
    // "the Mac App Store available on Mac computers".
    if v.w(i) == "available" && !v.is_passive(i) {
        return Vec::new();
    }
    let Some((product, model)) = subject_product(v, i) else {
        return Vec::new();
    };
    let start = product.span.map_or(v.toks[i].span.start, |s| s.start);
    let company = v.company_before(start);
    let date = v.date_near(i, 6);
    vec![Found {
        company,
        product,
        model,
        date,
        rule: "release.intrans",
        confidence: 0.7,
        planned: false,
        named: true,
    }]
}

/// Nominal triggers: "the release of X", "X’s launch", "its release",
/// "DeepSeek’s recent releases—A on January 10 and B on January 20".
fn nominal_release(v: &View, i: usize, last: usize) -> Vec<Found> {
    let doc = v.doc;
    // Adjectives before the noun ("recent", "planned"), then the owner.
    let mut q = i;
    let mut planned = false;
    while q > 0
        && v.lex.is(Cue::NominalBefore, v.w(q - 1))
        && !matches!(
            v.w(q - 1),
            "'s" | "its" | "their" | "the" | "a" | "an" | "of"
        )
    {
        planned |= matches!(v.w(q - 1), "planned" | "upcoming" | "expected");
        q -= 1;
    }
    let owner: Option<Argument> = match v.before(q, 1) {
        "'s" if q >= 2 => v
            .mention_on(q - 2, MentionType::Model)
            .or_else(|| v.mention_on(q - 2, MentionType::Company))
            .map(|m| mention_argument(doc, v.gazetteer, m)),
        "its" | "their" => v.resolve(q - 1, q, true),
        _ => None,
    };
    let owner_model = owner
        .as_ref()
        .and_then(|o| o.mention)
        .filter(|&m| doc.mentions[m].kind == MentionType::Model);
    let mut out = if v.w(last) == "of" {
        objects(v, last + 1, false)
    } else if let Some(m) = owner_model {
        // "DeepSeek-R1’s launch", "its release": the owner is the product.
        let mut p = mention_argument(doc, v.gazetteer, m);
        if p.span
            .is_some_and(|s| s.start >= v.doc.sentences[v.s].span.start)
        {
            // named in this sentence: keep its span
        } else {
            p.span = owner.as_ref().and_then(|o| o.span);
        }
        vec![Found {
            company: None,
            product: p,
            model: Some(m),
            date: v.date_near(last, 3),
            rule: "release.nominal",
            confidence: 0.75,
            planned,
            named: true,
        }]
    } else if owner.is_some() && matches!(v.w(last), "—" | ":" | "–") {
        objects(v, last, false)
    } else {
        Vec::new()
    };
    let company = owner.filter(|o| {
        o.mention
            .is_some_and(|m| doc.mentions[m].kind == MentionType::Company)
    });
    for f in &mut out {
        f.rule = "release.nominal";
        f.confidence = f.confidence.min(0.75);
        f.planned |= planned;
        if f.company.is_none() {
            f.company = company.clone();
        }
        if f.date.is_none() {
            f.date = v.date_near(last, 3);
        }
    }
    out
}

/// A model in the rest of the sentence or the next two whose name extends
/// the name of `predecessor` (same developer): `Qwen 2.5` → `Qwen 2.5-Max`.
fn successor(v: &View, phrase: Span, predecessor: usize) -> Option<usize> {
    let doc = v.doc;
    let MentionValue::Entity(pred) = doc.mentions[predecessor].value else {
        return None;
    };
    let pred = v.gazetteer.entity(pred);
    let last = (v.s + 2).min(doc.sentences.len() - 1);
    let window = Span::new(phrase.end, doc.sentences[last].span.end);
    doc.mentions_in(window).find(|&m| {
        let MentionValue::Entity(e) = doc.mentions[m].value else {
            return false;
        };
        let e = v.gazetteer.entity(e);
        doc.mentions[m].kind == MentionType::Model
            && e.id != pred.id
            && e.developer == pred.developer
            && e.canonical.len() > pred.canonical.len()
            && e.canonical.starts_with(&pred.canonical)
            && entity_name(doc, v.gazetteer, m).is_some()
    })
}

#[cfg(test)]
mod tests {
    use crate::article::{Article, DctSource};
    use crate::gazetteer::GazetteerSource;
    use crate::pipeline::Pipeline;

    /// (company, product, date, status (with `negated` appended when
    /// negated), rule) of one release event.
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
                    if e.negated {
                        format!("{} negated", arg(e, "status"))
                    } else {
                        arg(e, "status")
                    },
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
                "nominal trigger: the developer",
                "The release of Qwen 2.5-Max surprised Baidu.",
                one(
                    "Alibaba Group",
                    "Qwen 2.5-Max",
                    "",
                    "announced",
                    "release.nominal",
                ),
            ),
            (
                "negated",
                "Alibaba did not launch Qwen 2.5-Max.",
                one(
                    "Alibaba Group",
                    "Qwen 2.5-Max",
                    "",
                    "announced negated",
                    "release.svo",
                ),
            ),
            (
                "denied plans",
                "Tencent denied plans to launch a chatbot.",
                one(
                    "Tencent Holdings",
                    "a chatbot",
                    "",
                    "planned negated",
                    "release.svo",
                ),
            ),
            (
                "hedged",
                "Baidu reportedly launched a new chatbot on Friday.",
                one(
                    "Baidu",
                    "a new chatbot",
                    "2025-01-24",
                    "reported",
                    "release.svo",
                ),
            ),
            (
                "hypothetical",
                "Baidu could launch a chatbot.",
                one("Baidu", "a chatbot", "", "hypothetical", "release.svo"),
            ),
            (
                "anaphor subject points back",
                "Moonshot AI raised money. The startup launched Kimi K2 on Friday.",
                one(
                    "Moonshot AI",
                    "Kimi K2",
                    "2025-01-24",
                    "announced",
                    "release.svo",
                ),
            ),
            (
                "possessive owner of a nominal trigger",
                "DeepSeek-V2 was cheap after its release in May last year.",
                vec![
                    (
                        "DeepSeek".into(),
                        "DeepSeek-V2".into(),
                        "".into(),
                        "announced".into(),
                        "release.passive".into(),
                    ),
                    (
                        "DeepSeek".into(),
                        "DeepSeek-V2".into(),
                        "2024-05".into(),
                        "announced".into(),
                        "release.nominal".into(),
                    ),
                ][1..]
                    .to_vec(),
            ),
            (
                "coordinated products, each with its date",
                "DeepSeek’s recent releases—the DeepSeek-V3-powered AI assistant on January 10 and the R1 model on January 20—shook markets.",
                vec![
                    (
                        "DeepSeek".into(),
                        "the DeepSeek-V3-powered AI assistant".into(),
                        "2025-01-10".into(),
                        "announced".into(),
                        "release.nominal".into(),
                    ),
                    (
                        "DeepSeek".into(),
                        "DeepSeek-R1".into(),
                        "2025-01-20".into(),
                        "announced".into(),
                        "release.nominal".into(),
                    ),
                ],
            ),
            (
                "markdown emphasis",
                "**MistralAI** launched **Mistral Small 3**, an open-weight model.",
                one(
                    "Mistral AI",
                    "Mistral Small 3",
                    "",
                    "announced",
                    "release.svo",
                ),
            ),
            (
                "a titled person acts for the company",
                "Apple CEO Steve Jobs introduced the iPhone 4 on Monday.",
                one(
                    "Apple",
                    "the iPhone 4",
                    "2025-01-27",
                    "announced",
                    "release.svo",
                ),
            ),
            (
                "passive over an adverb",
                "A new version of iTunes was also announced.",
                one(
                    "",
                    "new version of iTunes",
                    "",
                    "announced",
                    "release.passive",
                ),
            ),
            (
                "collective noun",
                "AT&T introduced a variety of new computer products.",
                one(
                    "AT&T",
                    "a variety of new computer products",
                    "",
                    "announced",
                    "release.svo",
                ),
            ),
            (
                "bare available after its verb",
                "QuickTime 7 would be soon available for Windows.",
                one("", "QuickTime 7", "", "planned", "release.intrans"),
            ),
            (
                "bare available without a verb",
                "They use the Mac App Store available on Mac computers.",
                none(),
            ),
            (
                "a quantity is no product",
                "Sony will ship three million PSPs.",
                none(),
            ),
            (
                "a date in another relative clause is not the event's",
                "Apple, which was founded in 1976, released the iPhone 16.",
                one("Apple", "the iPhone 16", "", "announced", "release.svo"),
            ),
            (
                "a date in the trigger's own relative clause is",
                "The Zune players, which were released in 2006, sold badly.",
                one("", "Zune players", "2006", "announced", "release.passive"),
            ),
            (
                "product name, no company: kept",
                "The iPhone 3G goes on sale on Friday.",
                vec![(
                    "".into(),
                    "iPhone 3G".into(),
                    "2025-01-24".into(),
                    "announced".into(),
                    "release.intrans".into(),
                )],
            ),
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

//! Companies the gazetteer does not list, discovered from how news names
//! them.
//!
//! Three rules, in order:
//!
//! 1. **Name before an unknown ticker**: `Hexagon Holdings Inc (HXGN)`,
//!    `Acme Robotics (NASDAQ: ACMR)`, and Reuters' `Pegasus Gold Inc
//!    <PGUL.O>`. The name is the run of capitalised
//!    words (with `of`, `and`, `&`, `de` inside, and legal suffixes such as
//!    `Inc.`) right before the parenthesis that holds a ticker mention no
//!    gazetteer company is listed under, without a leading `The`, `Shares`
//!    and the like. It is skipped when a gazetteer company ends there.
//! 2. **Reuters angle brackets**: Reuters-21578 wraps company names in
//!    `<…>` (`<Standard Oil Co>`, `<British Columbia\nResources Investment
//!    Corp>`); content with a space or a lowercase letter is a name (all-caps
//!    single words are wire codes, see the ticker recognizer). Skipped when a
//!    gazetteer company covers it up to a legal suffix.
//! 3. **Corporate designators**: a run of capitalised words ending in a legal
//!    suffix or a business head word ([`DESIGNATORS`]: `Atticus Capital`,
//!    `Liggett Group`, `Acme Robotics Inc`), when at least one of its other
//!    words is not a common English word (so not `Working Group`), none is a
//!    public-body word ([`PUBLIC_BODY_WORDS`]: not `Department of Energy`),
//!    and the run is not in capitals (headlines and all-caps wire copy).
//! 4. **Web and press names**: `OptInRealBig.com` (a capitalised name with
//!    `.com`), and a capitalised name right before `news agency`,
//!    `newspaper` or `news service` ("the official Tanjug news agency").
//! 5. **Later short forms**: once discovered in an article, the name without
//!    its legal suffix (`Standard Oil`), its prefixes of two words or more
//!    (`U.S. Minerals` of `U.S. Minerals Exploration Co`) and its first word
//!    (`Texaco` of `Texaco Canada Inc`, `Ina` of `Ina-Naftaplin`) are company
//!    mentions wherever else the article writes them, in the same case, when
//!    the form holds a word that is neither a common English word nor a
//!    place or nationality word (so not `British` of `British Columbia
//!    Resources`).
//!
//! Every such mention is a [`MentionValue::DiscoveredCompany`] whose name is
//! the first form without legal suffix; records flag it `in_gazetteer:
//! false`.

use std::collections::{HashMap, HashSet};

use regex::Regex;

use crate::gazetteer::check::BUNDLED_COMMON_WORDS;

/// Place and nationality words (`british`, `singapore`), from
/// `gazetteers/place-words.txt` (CoNLL-2003 LOC and MISC tokens, built by
/// `scripts/gazetteers/build_companies.py`): never a short company name.
pub const BUNDLED_PLACE_WORDS: &str = include_str!("../../gazetteers/place-words.txt");
use crate::mention::{Mention, MentionType, MentionValue};
use crate::recognize::timex::{DAY_NAMES, MONTH_NAMES};
use crate::span::Span;

/// Legal-form words that end a company name and are dropped from its
/// discovered name (`Texaco Inc` → `Texaco`).
pub const LEGAL_SUFFIXES: &[&str] = &[
    "Inc",
    "Inc.",
    "Corp",
    "Corp.",
    "Corporation",
    "Co",
    "Co.",
    "Cos",
    "Cos.",
    "Ltd",
    "Ltd.",
    "Limited",
    "Plc",
    "PLC",
    "plc",
    "LLC",
    "LP",
    "L.P.",
    "N.V.",
    "NV",
    "AG",
    "SA",
    "S.A.",
    "SpA",
    "S.p.A.",
    "GmbH",
    "BV",
    "B.V.",
    "AB",
    "ASA",
    "Oyj",
    "KK",
    "K.K.",
    "Bhd",
    "Berhad",
    "Pty",
];

/// Words that end a company name: legal suffixes and business head words.
pub const DESIGNATORS: &[&str] = &[
    "Inc",
    "Corp",
    "Corporation",
    "Co",
    "Ltd",
    "Limited",
    "Plc",
    "PLC",
    "plc",
    "LLC",
    "AG",
    "SA",
    "NV",
    "GmbH",
    "SpA",
    "Group",
    "Holdings",
    "Airlines",
    "Airways",
    "Motors",
    "Capital",
    "Partners",
    "Securities",
    "Investments",
    "Technologies",
    "Industries",
    "Pharmaceuticals",
    "Petroleum",
    "Tobacco",
    "Entertainment",
    "Communications",
    "Telecom",
    "Electronics",
    "Bancorp",
    "Bancshares",
    "Brewing",
    "Foods",
    "Software",
    "Networks",
    "Semiconductor",
    "Mining",
    "Resources",
    "Steel",
    "Chemicals",
    "Media",
    "Robotics",
    "Therapeutics",
    "Biosciences",
    "Labs",
    "Ventures",
];

/// Words that make a run a public body, not a company.
pub const PUBLIC_BODY_WORDS: &[&str] = &[
    "Department",
    "Ministry",
    "Agency",
    "Bureau",
    "Office",
    "Commission",
    "Council",
    "University",
    "College",
    "Institute",
    "Association",
    "Federation",
    "Union",
    "Authority",
    "Court",
    "Party",
    "Committee",
    "Board",
    "Fund",
    "Foundation",
    "Reserve",
    "Parliament",
    "Senate",
    "Congress",
    "Government",
    "Administration",
    "Organisation",
    "Organization",
    "Society",
    "School",
    "Church",
    "Army",
    "Navy",
    "Force",
    "Police",
    "National",
    "Federal",
    "State",
    "Central",
    "Royal",
    "Republic",
    "Kingdom",
    "People's",
];

/// Business words that make no name on their own (`Laboratories Inc`,
/// `International Group`).
const GENERIC_WORDS: &[&str] = &[
    "Laboratories",
    "Laboratory",
    "International",
    "General",
    "National",
    "United",
    "Global",
    "First",
    "Consolidated",
    "Universal",
    "Standard",
    "Pacific",
    "Atlantic",
    "Continental",
    "Royal",
    "Imperial",
    "Federal",
    "Capital",
    "Financial",
    "Energy",
    "Oil",
    "Gas",
    "Bank",
    "Trust",
    "Life",
    "Insurance",
    "Services",
    "Systems",
    "Products",
    "Industries",
];

/// Capitalised words that start a run but are not part of the name (and
/// weekday and month names, [`DAY_NAMES`], [`MONTH_NAMES`]).
const LEADING_NOISE: &[&str] = &[
    "The",
    "A",
    "An",
    "Shares",
    "Stock",
    "Stocks",
    "Rival",
    "Peer",
    "Unit",
    "Subsidiary",
    "Analysts",
    "Investors",
    "Chipmaker",
    "Carmaker",
    "Retailer",
    "Startup",
    "Start-up",
    "Firm",
    "Company",
    "Both",
    "And",
    "Of",
    "Said",
    "In",
    "At",
    "By",
    "For",
    "From",
    "With",
];

/// Lowercase words allowed inside a name, between capitalised words.
const CONNECTORS: &[&str] = &["of", "and", "de", "du", "la", "der", "the", "for", "&"];

/// Finds discovered companies; build once.
#[derive(Debug)]
pub struct DiscoveredRecognizer {
    angle: Regex,
    designator: Regex,
    web: Regex,
    press: Regex,
    common: HashSet<&'static str>,
    places: HashSet<&'static str>,
}

fn word_list(text: &'static str) -> HashSet<&'static str> {
    text.lines()
        .map(str::trim)
        .filter(|l| !l.is_empty() && !l.starts_with('#'))
        .collect()
}

impl Default for DiscoveredRecognizer {
    fn default() -> Self {
        DiscoveredRecognizer {
            angle: Regex::new(r"<([A-Z][A-Za-z0-9&.,'/ \n-]{0,80}?)>").expect("angle regex"),
            designator: Regex::new(&format!(r"[ \n](?:{})(?-u:\b)", DESIGNATORS.join("|")))
                .expect("designator regex"),
            web: Regex::new(r"(?-u:\b)[A-Z][A-Za-z0-9]*[a-z][A-Za-z0-9]*\.com(?-u:\b)")
                .expect("web regex"),
            press: Regex::new(r" (?:news agency|newspaper|news service)(?-u:\b)")
                .expect("press regex"),
            common: word_list(BUNDLED_COMMON_WORDS),
            places: word_list(BUNDLED_PLACE_WORDS),
        }
    }
}

impl DiscoveredRecognizer {
    /// Appends discovered companies to `out`, which holds the gazetteer
    /// matches and ticker candidates found so far.
    pub fn find(&self, text: &str, out: &mut Vec<Mention>) {
        let known = SpanIndex::new(
            out.iter()
                .filter(|m| m.kind == MentionType::Company)
                .map(|m| m.span)
                .collect(),
        );
        let mut found = Found::default();
        for m in out.iter() {
            let MentionValue::Ticker { company: None, .. } = m.value else {
                continue;
            };
            // `Name (TICKER)`, or Reuters' `Name <CODE>` (no parenthesis).
            let before = text[..m.span.start].trim_end_matches(' ');
            let before = match before.strip_suffix('(') {
                Some(b) => b,
                // The ticker span is the code inside Reuters' brackets.
                None => match before.strip_suffix('<') {
                    Some(b) if text[m.span.end..].starts_with('>') => b,
                    _ => continue,
                },
            };
            let before = before.trim_end_matches(' ');
            // "British Telecommunications Plc's <BTY>": the name without 's.
            let before = before
                .strip_suffix("'s")
                .or_else(|| before.strip_suffix("’s"))
                .unwrap_or(before);
            let Some(span) = name_before(text, before.len()) else {
                continue;
            };
            // Not "On Monday (NYSE: MON)" or "Officials (NYSE: GOV)".
            if self.distinctive(span.slice(text)) && !known.ends_at(span.end) {
                found.add(span, clean_name(span.slice(text)));
            }
        }
        for c in self.angle.captures_iter(text) {
            let inner = c.get(1).expect("group 1");
            let content = inner.as_str();
            let is_code =
                !content.contains(' ') && !content.bytes().any(|b| b.is_ascii_lowercase());
            if is_code || content.contains("\n\n") {
                continue;
            }
            let span = Span::new(inner.start(), inner.end());
            let name = clean_name(content);
            // One ordinary or place word (`<Japan>`) names no company.
            if !name.contains(' ') && !self.distinctive(&name) {
                continue;
            }
            let known_here =
                known.covers_start(span.start, span.start + name.len().min(span.len()));
            if !known_here && !name.is_empty() {
                found.add(span, name);
            }
        }
        for d in self.designator.find_iter(text) {
            // The designator ends the word: not "Co" of "Coöperatie".
            if text[d.end()..].starts_with(char::is_alphanumeric) {
                continue;
            }
            let Some(span) = name_before(text, d.end()) else {
                continue;
            };
            // Only the part after the last "of"/"the"/"for": "William Corr of
            // the Campaign for Tobacco" is no company name.
            let full = span.slice(text);
            let cut = full
                .rmatch_indices(' ')
                .map(|(i, _)| i + 1)
                .find(|&i| {
                    let before = full[..i - 1].rsplit(' ').next().unwrap_or("");
                    matches!(before, "of" | "the" | "for" | "de" | "du" | "la" | "der")
                })
                .unwrap_or(0);
            let span = Span::new(span.start + cut, span.end);
            let name = span.slice(text);
            let words: Vec<&str> = name.split_whitespace().collect();
            // "Goldman, Sachs and Co": the run goes on before the comma.
            let after_comma_name = text[..span.start]
                .strip_suffix(", ")
                .and_then(|b| b.chars().next_back())
                .is_some_and(char::is_alphanumeric);
            let public = words.iter().any(|w| PUBLIC_BODY_WORDS.contains(w));
            let capitals = !name.chars().any(char::is_lowercase);
            // A one-word list name inside a longer company name gives way to
            // it ("Continental Grain Co", "Staley Continental Inc": not
            // Continental AG), unless the run is just that name and a legal
            // suffix ("Nvidia Corp").
            let cleaned = clean_name(name);
            let clash =
                known.overlaps(span) && !known.only_single_words_inside(text, span, &cleaned);
            if words.len() >= 2
                && self.distinctive(name)
                && !public
                && !capitals
                && !after_comma_name
                && !clash
            {
                found.add(span, cleaned);
            }
        }
        for w in self.web.find_iter(text) {
            let span = Span::new(w.start(), w.end());
            if !known.overlaps(span) {
                found.add(span, w.as_str().to_string());
            }
        }
        for p in self.press.find_iter(text) {
            let Some(span) = name_before(text, p.start()) else {
                continue;
            };
            let name = span.slice(text);
            if self.distinctive(name) && !known.overlaps(span) {
                found.add(span, clean_name(name));
            }
        }
        if found.list.is_empty() {
            return;
        }
        // Later short forms, once per distinct name; none inside another
        // candidate.
        let all = SpanIndex::new(out.iter().map(|m| m.span).collect());
        let names: Vec<String> = {
            let mut seen = HashSet::new();
            found
                .list
                .iter()
                .filter(|(_, n)| seen.insert(n.clone()))
                .map(|(_, n)| n.clone())
                .collect()
        };
        // Every form of every name, found in one pass over the text (one
        // scan per form would make a long document quadratic).
        let forms: Vec<(usize, String)> = names
            .iter()
            .enumerate()
            .flat_map(|(n, name)| self.short_forms(name).into_iter().map(move |f| (n, f)))
            .filter(|(_, f)| !f.is_empty())
            .collect();
        let occurrences = whole_word_occurrences(text, forms.iter().map(|(_, f)| f.as_str()));
        for ((n, form), starts) in forms.iter().zip(occurrences) {
            for at in starts {
                let span = Span::new(at, at + form.len());
                if !all.overlaps(span) {
                    found.add(span, names[*n].clone());
                }
            }
        }
        out.extend(found.list.into_iter().map(|(span, name)| Mention {
            span,
            kind: MentionType::Company,
            source: "discovered",
            value: MentionValue::DiscoveredCompany { name },
        }));
    }

    /// The name, its prefixes of two words or more (`U.S. Minerals` of `U.S.
    /// Minerals Exploration`) and, when distinctive, its first word or the
    /// first part of a hyphenated first word (`Ina` of `Ina-Naftaplin`).
    fn short_forms(&self, name: &str) -> Vec<String> {
        let words: Vec<&str> = name.split(' ').collect();
        let mut forms = vec![name.to_string()];
        for n in (2..words.len()).rev() {
            let last = words[n - 1];
            let prefix = words[..n].join(" ");
            if !CONNECTORS.contains(&last)
                && last.chars().any(char::is_uppercase)
                && self.distinctive(&prefix)
            {
                forms.push(prefix);
            }
        }
        // `OptInRealBig` of `OptInRealBig.com`; `Ina` of `Ina-Naftaplin`.
        let first = words[0]
            .trim_end_matches(".com")
            .split('-')
            .next()
            .unwrap_or("");
        let plain = first.chars().count() >= 3
            && first.chars().next().is_some_and(char::is_uppercase)
            && first.chars().all(char::is_alphanumeric)
            && self.distinctive(first);
        if first != name && plain {
            forms.push(first.to_string());
        }
        forms
    }

    /// Some word of `name` is neither a common English word nor a place or
    /// nationality word, nor a legal suffix or designator.
    fn distinctive(&self, name: &str) -> bool {
        name.split_whitespace().any(|w| {
            let w = w.trim_end_matches(',');
            let lower = w.to_lowercase();
            w.chars().any(char::is_alphabetic)
                && !self.common.contains(lower.as_str())
                && !self.places.contains(lower.as_str())
                && !DESIGNATORS.contains(&w)
                && !LEGAL_SUFFIXES.contains(&w)
                && !GENERIC_WORDS.contains(&w)
        })
    }
}

/// Spans that may overlap each other, sorted, for overlap queries in
/// O(log n): a prefix maximum of their ends.
struct SpanIndex {
    spans: Vec<Span>,
    max_end: Vec<usize>,
}

impl SpanIndex {
    fn new(mut spans: Vec<Span>) -> SpanIndex {
        spans.sort_unstable();
        let max_end = spans
            .iter()
            .scan(0, |m, s| {
                *m = (*m).max(s.end);
                Some(*m)
            })
            .collect();
        SpanIndex { spans, max_end }
    }

    fn overlaps(&self, span: Span) -> bool {
        let k = self.spans.partition_point(|s| s.start < span.end);
        k > 0 && self.max_end[k - 1] > span.start
    }

    /// A span ends at `end`.
    fn ends_at(&self, end: usize) -> bool {
        let k = self.spans.partition_point(|s| s.start < end);
        self.spans[..k].iter().rev().take(64).any(|s| s.end == end)
    }

    /// A span starts at `start` and reaches `end` or beyond.
    fn covers_start(&self, start: usize, end: usize) -> bool {
        let k = self.spans.partition_point(|s| s.start < start);
        self.spans[k..]
            .iter()
            .take_while(|s| s.start == start)
            .any(|s| s.end >= end)
    }

    /// Every span overlapping `span` lies inside it, is one word and is not
    /// `name` itself.
    fn only_single_words_inside(&self, text: &str, span: Span, name: &str) -> bool {
        let k = self.spans.partition_point(|s| s.start < span.end);
        self.spans[..k]
            .iter()
            .rev()
            .take(64)
            .filter(|s| s.end > span.start)
            .all(|s| {
                span.contains(*s) && !s.slice(text).contains([' ', '\n']) && s.slice(text) != name
            })
    }
}

/// Discovered names, disjoint, in a map by start for overlap checks.
#[derive(Default)]
struct Found {
    list: Vec<(Span, String)>,
    by_start: std::collections::BTreeMap<usize, usize>,
}

impl Found {
    /// Adds the name unless it overlaps one found already.
    fn add(&mut self, span: Span, name: String) {
        let clash = self
            .by_start
            .range(..span.end)
            .next_back()
            .is_some_and(|(_, &end)| end > span.start);
        if !clash && !name.is_empty() {
            self.by_start.insert(span.start, span.end);
            self.list.push((span, name));
        }
    }
}

/// The name without legal suffixes (and a connector they leave at the end),
/// trailing commas or line breaks: `Cargill, Inc.` → `Cargill`, `Beck and Co
/// Inc` → `Beck`, `British Columbia\nResources Investment Corp` → `British
/// Columbia Resources Investment`.
pub fn clean_name(s: &str) -> String {
    let mut words: Vec<&str> = s.split_whitespace().collect();
    while words.len() > 1 {
        let last = words[words.len() - 1].trim_end_matches(',');
        if LEGAL_SUFFIXES.contains(&last) || CONNECTORS.contains(&last) {
            words.pop();
            if let Some(w) = words.last_mut() {
                *w = w.trim_end_matches(',');
            }
        } else {
            break;
        }
    }
    words.join(" ")
}

/// The run of capitalised words ending at byte `end` (exclusive), without
/// leading connectors and noise words; at most seven words, within a line
/// (a line break ends the run: headlines and date lines stand on their own).
fn name_before(text: &str, end: usize) -> Option<Span> {
    let head = &text[..end];
    // (start, word without trailing comma), right to left.
    let mut words: Vec<(usize, &str)> = Vec::new();
    let mut pos = end;
    loop {
        let start = head[..pos].rfind([' ', '\n']).map_or(0, |i| i + 1);
        let word = &head[start..pos];
        let clean = word.trim_end_matches(',');
        if clean.is_empty() {
            break;
        }
        // Wire copy wraps lines inside names ("Elders IXL\nLtd"): a single
        // line break continues the run when the word before it is
        // capitalised; a blank line, or a line ending in a lowercase word or
        // a number (a headline, a date line), ends it.
        let line_start = start == 0
            || (head.as_bytes()[start - 1] == b'\n' && !wrapped_name(&head[..start - 1]));
        let capital = clean
            .chars()
            .next()
            .is_some_and(|c| c.is_uppercase() || c.is_ascii_digit());
        let inner =
            !words.is_empty() && (CONNECTORS.contains(&clean) || LEGAL_SUFFIXES.contains(&clean));
        let wordlike = clean
            .chars()
            .all(|c| c.is_alphanumeric() || matches!(c, '&' | '.' | '\'' | '-'));
        // A comma ends the run, except before a legal suffix ("Cargill, Inc.").
        let comma_ends = word.ends_with(',')
            && !words
                .last()
                .is_some_and(|(_, w)| LEGAL_SUFFIXES.contains(w));
        if !wordlike || !(capital || inner) || (!words.is_empty() && comma_ends) {
            break;
        }
        words.push((start, clean));
        if words.len() == 7 || line_start {
            break;
        }
        pos = start - 1;
    }
    while let Some(&(_, w)) = words.last() {
        let noise = LEADING_NOISE.contains(&w)
            || DAY_NAMES.contains(&w)
            || MONTH_NAMES.contains(&w)
            || CONNECTORS.contains(&w)
            || LEGAL_SUFFIXES.contains(&w);
        if noise {
            words.pop();
        } else {
            break;
        }
    }
    words.last().map(|&(start, _)| Span::new(start, end))
}

/// The text before a line break ends in a capitalised word on a line of
/// its own kind: not after a blank line, not a number or lowercase word.
fn wrapped_name(before: &str) -> bool {
    if before.ends_with('\n') || before.is_empty() {
        return false;
    }
    let word = before.rsplit([' ', '\n']).next().unwrap_or("");
    word.chars().next().is_some_and(char::is_uppercase)
        && word
            .chars()
            .all(|c| c.is_alphanumeric() || matches!(c, '&' | '.' | '\'' | '-'))
}

/// Byte offsets where `form` occurs in `text` with no letter or digit on
/// either side.
/// For each form, the starts of its whole-word occurrences in `text`, left
/// to right, each search going on after the previous occurrence (whole word
/// or not), as `str::find` repeated would give them; one Aho-Corasick pass
/// finds every form at once.
fn whole_word_occurrences<'a>(
    text: &str,
    forms: impl IntoIterator<Item = &'a str>,
) -> Vec<Vec<usize>> {
    let forms: Vec<&str> = forms.into_iter().collect();
    let mut out = vec![Vec::new(); forms.len()];
    // One pattern per distinct form; the forms that share it.
    let mut unique: Vec<&str> = Vec::new();
    let mut users: Vec<Vec<usize>> = Vec::new();
    let mut index: HashMap<&str, usize> = HashMap::new();
    for (i, f) in forms.iter().enumerate() {
        let u = *index.entry(f).or_insert_with(|| {
            unique.push(f);
            users.push(Vec::new());
            unique.len() - 1
        });
        users[u].push(i);
    }
    let Ok(automaton) = aho_corasick::AhoCorasick::new(&unique) else {
        return out;
    };
    // Per distinct form: where its next search starts.
    let mut from = vec![0; unique.len()];
    for m in automaton.find_overlapping_iter(text) {
        let u = m.pattern().as_usize();
        let at = m.start();
        if at < from[u] {
            continue;
        }
        from[u] = at + unique[u].len();
        let before = text[..at].chars().next_back();
        let after = text[m.end()..].chars().next();
        if !before.is_some_and(char::is_alphanumeric) && !after.is_some_and(char::is_alphanumeric) {
            for &i in &users[u] {
                out[i].push(at);
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ticker(text: &str, surface: &str) -> Mention {
        let at = text.find(surface).unwrap();
        Mention {
            span: Span::new(at, at + surface.len()),
            kind: MentionType::Ticker,
            source: "pattern",
            value: MentionValue::Ticker {
                symbol: surface.to_string(),
                mic: None,
                company: None,
            },
        }
    }

    fn discovered(text: &str, tickers: &[&str]) -> Vec<(String, String)> {
        let mut out: Vec<Mention> = tickers.iter().map(|t| ticker(text, t)).collect();
        DiscoveredRecognizer::default().find(text, &mut out);
        out.iter()
            .filter_map(|m| match &m.value {
                MentionValue::DiscoveredCompany { name } => {
                    Some((m.span.slice(text).to_string(), name.clone()))
                }
                _ => None,
            })
            .collect()
    }

    #[test]
    fn discovery_rules() {
        let cases: &[(&str, &[&str], &[(&str, &str)])] = &[
            (
                "Shares of Hexagon Holdings Inc (HXGN) rose. Hexagon said more.",
                &["HXGN"],
                &[
                    ("Hexagon Holdings Inc", "Hexagon Holdings"),
                    ("Hexagon", "Hexagon Holdings"),
                ],
            ),
            (
                "The Bank of Foo (NYSE: BFOO) fell",
                &["NYSE: BFOO"],
                &[("Bank of Foo", "Bank of Foo")],
            ),
            (
                "<Standard Oil Co> said. Standard Oil and <SRD> and Standard gains.",
                &[],
                &[
                    ("Standard Oil Co", "Standard Oil"),
                    ("Standard Oil", "Standard Oil"),
                ],
            ),
            (
                "<British Columbia\nResources Investment Corp> said",
                &[],
                &[(
                    "British Columbia\nResources Investment Corp",
                    "British Columbia Resources Investment",
                )],
            ),
            (
                "said a bid for Elders IXL\nLtd on Monday\nFord Grain Co rose",
                &[],
                &[
                    ("Elders IXL\nLtd", "Elders IXL"),
                    ("Ford Grain Co", "Ford Grain"),
                ],
            ),
            (
                "Cargill, Inc. (CARG) grew",
                &["CARG"],
                &[("Cargill, Inc.", "Cargill")],
            ),
            ("it rose (XYZ) today", &["XYZ"], &[]),
            // Reuters' code in brackets: the ticker is the code alone.
            (
                "The Nippon Kokan KK <NKKT.T> official said",
                &["NKKT.T"],
                &[("Nippon Kokan KK", "Nippon Kokan")],
            ),
            ("rose 3 <pct> on", &["pct"], &[]),
            (
                "Atticus Capital bought shares; the Department of Energy Group and the Working Group met Atticus.",
                &[],
                &[
                    ("Atticus Capital", "Atticus Capital"),
                    ("Atticus", "Atticus Capital"),
                ],
            ),
            ("ACME ROBOTICS INC SAID", &[], &[]),
            (
                "Spam from OptInRealBig.com grew; OptInRealBig denied it.",
                &[],
                &[
                    ("OptInRealBig.com", "OptInRealBig.com"),
                    ("OptInRealBig", "OptInRealBig.com"),
                ],
            ),
            (
                "the official Tanjug news agency said. Tanjug added. The state news agency",
                &[],
                &[("Tanjug", "Tanjug"), ("Tanjug", "Tanjug")],
            ),
            (
                "<British Columbia\nResources Investment Corp> said British Columbia and British rules.",
                &[],
                &[(
                    "British Columbia\nResources Investment Corp",
                    "British Columbia Resources Investment",
                )],
            ),
        ];
        for (text, tickers, want) in cases {
            let want: Vec<(String, String)> = want
                .iter()
                .map(|(a, b)| (a.to_string(), b.to_string()))
                .collect();
            assert_eq!(discovered(text, tickers), want, "{text:?}");
        }
    }
}

//! The matching policy: whole words, leftmost-longest, case as written.
//!
//! 1. The automaton finds every occurrence of every name, ASCII
//!    case-insensitively, in the text **folded** (see `fold`: line breaks,
//!    no-break and repeated spaces read as one space, zero-width characters
//!    dropped, curly apostrophes straight, full-width letters ASCII), and
//!    maps each back to the span of the original text.
//! 2. An occurrence counts when
//!    - it is a **whole word**: no Unicode letter or digit right before it
//!      or right after it (so `Meta` is not found in `Metaverse`, `Intel` not
//!      in `intelligence`, `Ant` not in `Antón`, while `Alibaba’s`,
//!      `Microsoft-backed`, `Alibaba/Tencent` and `DeepSeek-V3-powered` give
//!      `Alibaba`, `Microsoft`, both names and `DeepSeek-V3`), and
//!    - it does not follow a personal title (`Mr Goldman`, `Dr. Ford`: a
//!      person, not the company), and
//!    - a short name (3 characters or fewer) does not end a hyphenated code
//!      (`GM` in `AM-GM`; `non-BT` is no code), and
//!    - a model name is not the start of a tool's name (`Qwen Code`,
//!      `Gemini CLI`: [`TOOL_WORDS`]), and
//!    - it is not the start of a longer version number (`GLM-4` is not found
//!      in `GLM-4.7`, which is another model), and
//!    - its **case** agrees with the name: as written; or in capitals
//!      (headlines: `ALIBABA UNVEILS …`) when the name has at least four
//!      characters; or, for names of four characters or more, with every
//!      word-initial letter as written and other letters in any case
//!      (`Deepseek` for DeepSeek, `Youtube` for YouTube). So `meta` the word
//!      is not Meta, and a headline's `O1` is not the model o1. One-word
//!      names of a `case=exact` entry (`Apple`, `Target`) match only as
//!      written, so an all-capitals headline needs their longer name
//!      (`APPLE COMPUTER`).
//! 3. Among the occurrences that count, the **leftmost-longest** win: scan
//!    left to right, keep the longest occurrence starting at each position,
//!    drop those overlapping a kept one. `Qwen 2.5-Max` is never split into
//!    `Qwen 2.5`; since every occurrence is checked before the choice, a
//!    longer name that fails a check (`Alibaba Groups`) never hides a
//!    shorter one that passes (`Alibaba`).
//! 4. One-word names of a `context=required` entry come out flagged
//!    [`GazetteerMatch::needs_context`]; the pipeline keeps them only when
//!    their sentence gives the context ([`super::ContextCheck`]).

use super::fold::Folded;
use super::trie::NameTrie;
use super::{EntityKind, Gazetteer, Name};
use crate::span::Span;

/// One gazetteer name found in a text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct GazetteerMatch {
    /// Byte span of the surface in the original text.
    pub span: Span,
    /// Index of the entity ([`Gazetteer::entity`]).
    pub entity: usize,
    /// The name needs context in its sentence to count (`context=required`).
    pub needs_context: bool,
    /// A flat list's ticker name: index of its [`super::TickerForm`]
    /// ([`Gazetteer::ticker_form`]); the mention is a ticker of the entity.
    pub ticker: Option<usize>,
}

/// Compiles the names into the anchored trie the matcher walks.
pub(super) fn build<'a>(names: impl IntoIterator<Item = &'a str>) -> NameTrie {
    NameTrie::new(names)
}

impl Gazetteer {
    /// Finds gazetteer names in `text` under the policy of this module, in
    /// text order.
    ///
    /// ```
    /// use newsie::gazetteer::{Gazetteer, GazetteerSource};
    /// let g = Gazetteer::load(&GazetteerSource::Bundled).unwrap();
    /// let text = "Alibaba’s Qwen 2.5-Max beat the DeepSeek-V3-powered app; metadata aside.";
    /// let found: Vec<&str> = g.find(text).iter().map(|m| m.span.slice(text)).collect();
    /// assert_eq!(found, ["Alibaba", "Qwen 2.5-Max", "DeepSeek-V3"]);
    /// ```
    pub fn find(&self, text: &str) -> Vec<GazetteerMatch> {
        let folded = Folded::new(text);
        let haystack = folded.bytes();
        let mut found: Vec<GazetteerMatch> = Vec::new();
        let mut check = |pattern: usize, start: usize, end: usize| {
            let name = &self.names[pattern];
            let Some(span) = folded.original(start, end) else {
                return;
            };
            if is_whole_word(text, span)
                && !continues_version(text, span)
                && !after_personal_title(text, span)
                && !ends_a_code(text, span, &name.text)
                && case_agrees(&haystack[start..end], name)
                && (self.entities[name.entity].kind != EntityKind::Model
                    || !names_a_tool(text, span))
            {
                found.push(GazetteerMatch {
                    span,
                    entity: name.entity,
                    needs_context: name.needs_context,
                    ticker: name.ticker,
                });
            }
        };
        // Only names starting at a position can occur there: walk the trie
        // from every position some name starts with, except inside a word
        // (an alphanumeric right after an alphanumeric of the original text
        // fails the whole-word check whatever the name).
        for start in 0..haystack.len() {
            let b = haystack[start];
            if !self.automaton.starts_with_byte(b) {
                continue;
            }
            if start > 0
                && b.is_ascii_alphanumeric()
                && haystack[start - 1].is_ascii_alphanumeric()
                && folded.follows_original(start)
            {
                continue;
            }
            self.automaton
                .each_at(haystack, start, |p, end| check(p, start, end));
        }
        // Leftmost first, longest first among equal starts.
        found.sort_by(|a, b| {
            a.span
                .start
                .cmp(&b.span.start)
                .then(b.span.end.cmp(&a.span.end))
        });
        let mut out: Vec<GazetteerMatch> = Vec::new();
        for m in found {
            if out.last().is_some_and(|last| last.span.end > m.span.start) {
                continue;
            }
            out.push(m);
        }
        out
    }
}

/// No letter or digit touches either end of `span`.
pub(crate) fn is_whole_word(text: &str, span: Span) -> bool {
    let before = text[..span.start].chars().next_back();
    let after = text[span.end..].chars().next();
    let first = text[span.start..span.end].chars().next();
    let last = text[span.start..span.end].chars().next_back();
    let clear = |edge: Option<char>, neighbour: Option<char>| {
        // A name that starts or ends with punctuation ("Inc.") needs no boundary there.
        !edge.is_some_and(char::is_alphanumeric) || !neighbour.is_some_and(|c| c.is_alphanumeric())
    };
    clear(first, before) && clear(last, after)
}

/// A short name (three characters or fewer) right after `X-`: the end of a
/// code or term, not the name (`GM` in `AM-GM`). A lowercase prefix is no
/// code: `non-BT networks`, `ex-IBM staff` keep their names.
fn ends_a_code(text: &str, span: Span, name: &str) -> bool {
    if name.chars().count() > 3 {
        return false;
    }
    let Some(head) = text[..span.start].strip_suffix('-') else {
        return false;
    };
    let word: String = head
        .chars()
        .rev()
        .take_while(|c| c.is_alphanumeric())
        .collect();
    !word.is_empty() && !word.chars().all(char::is_lowercase)
}

/// Words that make a model name the name of a tool built on it: `Qwen Code`,
/// `Claude Code`, `Gemini CLI`, `Gemma Scope` are software, not models.
pub const TOOL_WORDS: &[&str] = &["Code", "CLI", "Scope", "Studio", "Assist", "Desktop", "App"];

/// The model name is followed by a [`TOOL_WORDS`] word.
fn names_a_tool(text: &str, span: Span) -> bool {
    let rest = &text[span.end..];
    let Some(rest) = rest.strip_prefix(' ') else {
        return false;
    };
    let word: &str = rest
        .split(|c: char| !c.is_alphanumeric())
        .next()
        .unwrap_or("");
    TOOL_WORDS.contains(&word)
}

/// Titles that make the next capitalized word a person's name: "Mr Goldman"
/// is not Goldman Sachs, "Dr. Ford" not the carmaker.
const PERSONAL_TITLES: &[&str] = &[
    "Mr",
    "Mrs",
    "Ms",
    "Miss",
    "Mx",
    "Dr",
    "Prof",
    "Sir",
    "Dame",
    "Lord",
    "Lady",
    "Sen",
    "Senator",
    "Rep",
    "Gov",
    "President",
    "Judge",
    "Justice",
    "Rev",
    "Father",
    "Sister",
    "Brother",
    "Uncle",
    "Aunt",
];

/// The word right before `span` (across spaces and an optional `.`) is a
/// personal title.
fn after_personal_title(text: &str, span: Span) -> bool {
    let before = text[..span.start].trim_end_matches([' ', '\t']);
    if before.len() == span.start {
        return false; // no space before the name
    }
    let before = before.strip_suffix('.').unwrap_or(before);
    let word_start = before.rfind(|c: char| !c.is_alphabetic()).map_or(0, |i| {
        i + before[i..].chars().next().map_or(1, char::len_utf8)
    });
    PERSONAL_TITLES.contains(&&before[word_start..])
}

/// A name ending in a digit that the text continues as a decimal: `GLM-4`
/// in `GLM-4.7`, `Qwen 2` in `Qwen 2.5`.
fn continues_version(text: &str, span: Span) -> bool {
    let bytes = text.as_bytes();
    let ends_in_digit = span.end > 0 && bytes[span.end - 1].is_ascii_digit();
    let rest = &bytes[span.end..];
    ends_in_digit && rest.len() >= 2 && matches!(rest[0], b'.' | b',') && rest[1].is_ascii_digit()
}

/// The case policy of the module docs. `surface` equals `name` up to ASCII
/// case (the automaton guarantees it), so both have the same length.
fn case_agrees(surface: &[u8], name: &Name) -> bool {
    let written = name.text.as_bytes();
    if surface == written {
        return true;
    }
    if name.exact_case || name.text.chars().count() < 4 {
        return false;
    }
    let has_lower = surface.iter().any(u8::is_ascii_lowercase);
    let has_letter = surface.iter().any(u8::is_ascii_alphabetic);
    if !has_lower && has_letter {
        return true;
    }
    // Word-initial letters as written; the others in any case.
    surface
        .iter()
        .zip(written)
        .enumerate()
        .all(|(i, (s, w))| s == w || (i > 0 && written[i - 1].is_ascii_alphanumeric()))
}

#[cfg(test)]
mod tests {
    use crate::gazetteer::Gazetteer;

    const COMPANIES: &str = "id\tcanonical\taliases\n\
        alibaba\tAlibaba Group\tAlibaba\n\
        meta\tMeta Platforms\tMeta\n\
        bp-na\tBP North America\t\n\
        mcd\tMcDonald's\t\n\
        gm\tGeneral Motors\tGM\n";
    const MODELS: &str = "id\tcanonical\taliases\tdeveloper\n\
        qwen-2.5\tQwen 2.5\t\talibaba\n\
        qwen-2.5-max\tQwen 2.5-Max\t\talibaba\n\
        o1\to1\t\t\n";

    fn find(text: &str) -> Vec<(String, String)> {
        find_in(COMPANIES, MODELS, text)
    }

    fn find_in(companies: &str, models: &str, text: &str) -> Vec<(String, String)> {
        let g = Gazetteer::from_strs(("c", companies), ("m", models)).unwrap();
        g.find(text)
            .iter()
            .map(|m| {
                (
                    m.span.slice(text).to_string(),
                    g.entity(m.entity).id.clone(),
                )
            })
            .collect()
    }

    #[test]
    fn matching_policy() {
        let cases: &[(&str, &str, &[(&str, &str)])] = &[
            (
                "possessive curly",
                "Alibaba’s cloud",
                &[("Alibaba", "alibaba")],
            ),
            (
                "possessive straight",
                "Alibaba's cloud",
                &[("Alibaba", "alibaba")],
            ),
            (
                "longest wins",
                "the Alibaba Group said",
                &[("Alibaba Group", "alibaba")],
            ),
            (
                "no split of longer model",
                "Qwen 2.5-Max rocks",
                &[("Qwen 2.5-Max", "qwen-2.5-max")],
            ),
            (
                "shorter model",
                "Qwen 2.5 artificial",
                &[("Qwen 2.5", "qwen-2.5")],
            ),
            (
                "variant spelling",
                "Qwen2.5-Max and Qwen-2.5",
                &[("Qwen2.5-Max", "qwen-2.5-max"), ("Qwen-2.5", "qwen-2.5")],
            ),
            ("not inside a word", "Metaverse and metadata", &[]),
            ("lowercase word is not the name", "a meta question", &[]),
            ("hyphen compound", "Meta-owned", &[("Meta", "meta")]),
            (
                "headline capitals",
                "ALIBABA GROUP UNVEILS",
                &[("ALIBABA GROUP", "alibaba")],
            ),
            ("short name not in capitals", "O1 VISA", &[]),
            (
                "short name as written",
                "OpenAI's o1 model",
                &[("o1", "o1")],
            ),
            (
                "line wrap inside a name",
                "BP North\nAmerica Inc",
                &[("BP North\nAmerica", "bp-na")],
            ),
            (
                "longest fails boundary, shorter kept",
                "Alibaba Groups",
                &[("Alibaba", "alibaba")],
            ),
            (
                "apostrophe variant",
                "McDonald’s said",
                &[("McDonald’s", "mcd")],
            ),
            ("digit boundary", "Qwen 2.55", &[]),
            (
                "personal title",
                "Mr Alibaba and Dr. Meta met Meta",
                &[("Meta", "meta")],
            ),
            (
                "short name ending a code",
                "the AM-GM inequality; GM-Toyota",
                &[("GM", "gm")],
            ),
            (
                "lowercase prefix is no code",
                "non-GM cars",
                &[("GM", "gm")],
            ),
            (
                "a tool named after a model",
                "Qwen 2.5 Code and Qwen 2.5 CLI, not Qwen 2.5",
                &[("Qwen 2.5", "qwen-2.5")],
            ),
            (
                "decimal continuation is another version",
                "Qwen 2.5.1 and Qwen 2.5.",
                &[("Qwen 2.5", "qwen-2.5")],
            ),
            (
                "non-ASCII neighbours",
                "«Alibaba» é Meta",
                &[("Alibaba", "alibaba"), ("Meta", "meta")],
            ),
        ];
        for (name, text, want) in cases {
            let got = find(text);
            let want: Vec<(String, String)> = want
                .iter()
                .map(|(a, b)| (a.to_string(), b.to_string()))
                .collect();
            assert_eq!(got, want, "{name}: {text:?}");
        }
    }

    const POLICY_COMPANIES: &str = "id\tcanonical\taliases\tcase\tcontext\n\
        apple\tApple\tApple Computer\texact\t\n\
        target\tTarget\tTarget Corp\texact\trequired\n\
        deepseek\tDeepSeek\t\t\t\n\
        intel\tIntel\t\t\t\n\
        ant\tAnt Group\tAnt\t\t\n\
        nvidia\tNvidia\tNVIDIA\t\t\n\
        tencent\tTencent\t\t\t\n";
    const POLICY_MODELS: &str = "id\tcanonical\taliases\tdeveloper\n\
        deepseek-v3\tDeepSeek-V3\t\tdeepseek\n\
        gpt-4o\tGPT-4o\t\t\n\
        gpt-4o-mini\tGPT-4o mini\tGPT-4o-mini\t\n";

    #[test]
    fn folding_boundaries_and_case_policy() {
        let cases: &[(&str, &str, &[&str])] = &[
            ("Unicode letter boundary", "Antón and Ant", &["Ant"]),
            (
                "no Intel in intelligence",
                "artificial intelligence at Intel",
                &["Intel"],
            ),
            (
                "slash and dash are boundaries",
                "Intel/Nvidia\u{2014}Tencent",
                &["Intel", "Nvidia", "Tencent"],
            ),
            (
                "no-break space inside",
                "Ant\u{A0}Group",
                &["Ant\u{A0}Group"],
            ),
            ("repeated spaces inside", "Ant   Group", &["Ant   Group"]),
            ("line break inside", "Ant\nGroup", &["Ant\nGroup"]),
            (
                "zero-width space inside",
                "Deep\u{200B}Seek",
                &["Deep\u{200B}Seek"],
            ),
            ("non-breaking hyphen", "GPT\u{2011}4o", &["GPT\u{2011}4o"]),
            ("full-width letters", "ＮＶＩＤＩＡ rose", &["ＮＶＩＤＩＡ"]),
            ("curly possessive", "Tencent\u{2019}s unit", &["Tencent"]),
            ("bare apostrophe after s", "Intel\u{2019} chips", &["Intel"]),
            (
                "word-initial case kept, inner case free",
                "Deepseek and Nvidia and NVidia",
                &["Deepseek", "Nvidia", "NVidia"],
            ),
            ("lowercase initial is a word", "deepseek nvidia apple", &[]),
            ("exact-case name as written", "Apple said", &["Apple"]),
            ("exact-case name not in capitals", "APPLE SAID", &[]),
            (
                "capitals need the longer name",
                "APPLE COMPUTER SAID",
                &["APPLE COMPUTER"],
            ),
            (
                "longest wins over known variant",
                "GPT-4o-mini and GPT-4o mini",
                &["GPT-4o-mini", "GPT-4o mini"],
            ),
            (
                "hyphen before an ordinary word",
                "DeepSeek-V3-powered",
                &["DeepSeek-V3"],
            ),
        ];
        for (what, text, want) in cases {
            let got: Vec<String> = find_in(POLICY_COMPANIES, POLICY_MODELS, text)
                .into_iter()
                .map(|(s, _)| s)
                .collect();
            assert_eq!(got, *want, "{what}: {text:?}");
        }
        let g = Gazetteer::from_strs(("c", POLICY_COMPANIES), ("m", POLICY_MODELS)).unwrap();
        let text = "Target cut prices at Target Corp.";
        let flags: Vec<(&str, bool)> = g
            .find(text)
            .iter()
            .map(|m| (m.span.slice(text), m.needs_context))
            .collect();
        assert_eq!(flags, [("Target", true), ("Target Corp", false)]);
    }
}

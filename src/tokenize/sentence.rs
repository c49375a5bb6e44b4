//! Rule-based sentence splitting over tokens.
//!
//! A sentence ends
//! - at `.`, `!`, `?` or `…` (and any closing quotes or brackets right after
//!   it) when the next token starts with an uppercase letter, a digit or an
//!   opening quote or bracket, unless the `.` ends a title (`Mr.`, `Dr.`), an
//!   initial (`J.`), a dotted abbreviation (`U.S.`), or a month abbreviation
//!   followed by a number (`Jan. 10`);
//! - at a blank line (two line breaks with only whitespace between), whatever
//!   the punctuation, so headlines and paragraphs never run together;
//! - at a line break followed by a list marker (`-`, `*`, `•`, `#`, `|`);
//! - after [`MAX_SENTENCE_TOKENS`] tokens, whatever follows.
//!
//! Single line breaks do not end a sentence: wire copy (Reuters-21578) wraps
//! lines inside sentences.

use super::{Token, TokenKind};
use crate::span::Span;

/// A sentence: its byte span and the range of its tokens.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Sentence {
    /// Byte span from the first token's start to the last token's end.
    pub span: Span,
    /// Index of the first token.
    pub first_token: usize,
    /// One past the index of the last token.
    pub end_token: usize,
}

/// A sentence never runs longer than this many tokens: a text with no
/// punctuation (tables, lists, garbage) is cut into pieces this long, so the
/// stages after it stay linear and evidence stays readable.
pub const MAX_SENTENCE_TOKENS: usize = 250;

/// Abbreviations after which a `.` never ends a sentence.
const TITLES: &[&str] = &[
    "mr", "mrs", "ms", "dr", "prof", "gen", "sen", "rep", "gov", "st", "lt", "col", "capt", "sgt",
    "rev", "hon", "messrs", "vs", "etc", "approx", "no", "nos", "fig", "vol",
];

/// Month abbreviations: no split when a number follows (`Jan. 10`).
const MONTHS: &[&str] = &[
    "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec",
];

/// Splits tokens into sentences (see the module docs for the rules).
///
/// ```
/// use newsie::tokenize::{split_sentences, tokenize};
/// let text = "Mr. Ma spoke. Shares rose 3% in the U.S. market.\n\nNEW HEADLINE\nBody";
/// let tokens = tokenize(text);
/// let s: Vec<&str> = split_sentences(text, &tokens).iter().map(|s| s.span.slice(text)).collect();
/// assert_eq!(s, ["Mr. Ma spoke.", "Shares rose 3% in the U.S. market.", "NEW HEADLINE\nBody"]);
/// ```
pub fn split_sentences(text: &str, tokens: &[Token]) -> Vec<Sentence> {
    let mut sentences = Vec::new();
    let mut first = 0;
    let mut i = 0;
    while i < tokens.len() {
        let mut end = i + 1; // one past the last token of a sentence ending here
        let boundary = if is_terminal(text, &tokens[i]) {
            // Take a run of terminal punctuation and closing quotes/brackets.
            while end < tokens.len()
                && tokens[end].span.start == tokens[end - 1].span.end
                && (is_terminal(text, &tokens[end]) || is_closer(tokens[end].text(text)))
            {
                end += 1;
            }
            match tokens.get(end) {
                None => true,
                Some(next) => {
                    blank_line_between(text, &tokens[end - 1], next)
                        || (starts_sentence(text, next) && !is_abbreviation(text, tokens, i, next))
                }
            }
        } else {
            tokens.get(end).is_none_or(|next| {
                blank_line_between(text, &tokens[i], next)
                    || list_item_starts(text, &tokens[i], next)
            })
        } || end - first >= MAX_SENTENCE_TOKENS;
        if boundary {
            sentences.push(Sentence {
                span: Span::new(tokens[first].span.start, tokens[end - 1].span.end),
                first_token: first,
                end_token: end,
            });
            first = end;
        }
        i = end;
    }
    sentences
}

fn is_terminal(text: &str, t: &Token) -> bool {
    t.kind == TokenKind::Punct && matches!(t.text(text), "." | "!" | "?" | "…")
}

fn is_closer(s: &str) -> bool {
    matches!(s, "\"" | "”" | "’" | "'" | ")" | "]" | "»")
}

fn starts_sentence(text: &str, next: &Token) -> bool {
    let c = next.text(text).chars().next().unwrap_or(' ');
    c.is_uppercase()
        || c.is_ascii_digit()
        || matches!(c, '"' | '“' | '‘' | '(' | '[' | '«' | '—' | '-')
}

/// A line break followed by a list marker (`-`, `*`, `•`, `#`, `|`): markdown
/// bullets, headings and table rows are sentences of their own.
fn list_item_starts(text: &str, a: &Token, b: &Token) -> bool {
    text[a.span.end..b.span.start].contains('\n')
        && matches!(b.text(text), "-" | "*" | "•" | "#" | "|")
}

fn blank_line_between(text: &str, a: &Token, b: &Token) -> bool {
    text[a.span.end..b.span.start]
        .bytes()
        .filter(|&c| c == b'\n')
        .count()
        >= 2
}

/// True when the `.` at token `dot` belongs to an abbreviation, not a sentence end.
fn is_abbreviation(text: &str, tokens: &[Token], dot: usize, next: &Token) -> bool {
    if tokens[dot].text(text) != "." || dot == 0 {
        return false;
    }
    let prev = &tokens[dot - 1];
    if prev.kind != TokenKind::Word || prev.span.end != tokens[dot].span.start {
        return false;
    }
    let word = prev.text(text);
    let lower = word.to_lowercase();
    let single_letter = word.chars().count() == 1 && word.chars().all(char::is_uppercase);
    // "U.S", "U.K", "e.g", "Ph.D": letters in dotted segments of one or two.
    let dotted = word.contains('.')
        && word.split('.').all(|seg| {
            (1..=2).contains(&seg.chars().count()) && seg.chars().all(char::is_alphabetic)
        });
    let month_then_number = MONTHS.contains(&lower.as_str()) && next.kind == TokenKind::Number;
    TITLES.contains(&lower.as_str()) || single_letter || dotted || month_then_number
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::tokenize::tokenize;

    fn split(text: &str) -> Vec<&str> {
        split_sentences(text, &tokenize(text))
            .iter()
            .map(|s| s.span.slice(text))
            .collect()
    }

    #[test]
    fn sentence_rules() {
        let cases: &[(&str, &[&str])] = &[
            ("One. Two.", &["One.", "Two."]),
            (
                "He said “it works.” Then left.",
                &["He said “it works.”", "Then left."],
            ),
            ("Dr. Ma and J. Smith met.", &["Dr. Ma and J. Smith met."]),
            ("Sales in the U.S. rose.", &["Sales in the U.S. rose."]),
            ("worth US$1.5bn. Analysts", &["worth US$1.5bn.", "Analysts"]),
            ("bought JD.com. Then", &["bought JD.com.", "Then"]),
            ("Due Jan. 10. Next.", &["Due Jan. 10.", "Next."]),
            (
                "It grew 2.5 pct. 1987 was good.",
                &["It grew 2.5 pct.", "1987 was good."],
            ),
            ("outperforms… almost all", &["outperforms… almost all"]),
            ("Why? Because.", &["Why?", "Because."]),
            (
                "wrapped line\nstill one sentence.",
                &["wrapped line\nstill one sentence."],
            ),
            ("HEADLINE\n\n  Body text.", &["HEADLINE", "Body text."]),
            ("HEADLINE\r\n\r\nBody text.", &["HEADLINE", "Body text."]),
            ("no final stop", &["no final stop"]),
            (
                "Intro:\n- first item\n- second item",
                &["Intro:", "- first item", "- second item"],
            ),
            ("", &[]),
        ];
        for (text, want) in cases {
            assert_eq!(split(text), *want, "{text:?}");
        }
    }

    #[test]
    fn long_runs_without_punctuation_are_cut() {
        let text = "word ".repeat(1000);
        let s = split_sentences(&text, &tokenize(&text));
        let lens: Vec<usize> = s.iter().map(|s| s.end_token - s.first_token).collect();
        assert_eq!(lens, [250, 250, 250, 250]);
    }

    #[test]
    fn sentences_cover_all_tokens_in_order() {
        let text = "A b. C d!\n\nE f? G";
        let tokens = tokenize(text);
        let s = split_sentences(text, &tokens);
        assert_eq!(s.first().unwrap().first_token, 0);
        assert_eq!(s.last().unwrap().end_token, tokens.len());
        for w in s.windows(2) {
            assert_eq!(w[0].end_token, w[1].first_token);
        }
    }
}

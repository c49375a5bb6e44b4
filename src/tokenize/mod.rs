//! Tokens and sentences.
//!
//! Tokens keep the byte offsets of the original text; nothing here rewrites the
//! text. Later stages compare token text case-insensitively where they need to.
//!
//! Token rules (in order):
//! - whitespace and control characters separate tokens and are not tokens;
//! - a **word** is a run of alphanumeric characters, joined across `-`, `_`,
//!   `/`, `.`, `,`, `&` and apostrophes when an alphanumeric character follows
//!   (`DeepSeek-V3-powered`, `9988.HK`, `1,000.5`, `AT&T`, `O'Neill`), except
//!   that `.` and `,` join only digits to digits or letters to letters
//!   (`U.S`, `JD.com`, `2.5`, but `in 2025,then` splits at the comma), and a
//!   possessive `'s`/`’s` at the end of a word becomes its own token;
//! - a word made only of digits and `.`/`,` is a **number**;
//! - any other character is a one-character **punctuation** token.

mod sentence;

pub use sentence::{Sentence, split_sentences};

use crate::span::Span;

/// What a token is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TokenKind {
    /// Letters (possibly with digits and joiners): `Alibaba`, `GPT-4o`, `’s`.
    Word,
    /// Digits, with `.` or `,` inside: `2025`, `0.14`, `1,000`.
    Number,
    /// One character that is neither alphanumeric nor whitespace.
    Punct,
}

/// A token: its byte span in the article text and its kind.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Token {
    /// Byte span in the original text.
    pub span: Span,
    /// Word, number or punctuation.
    pub kind: TokenKind,
}

impl Token {
    /// The token's text.
    pub fn text<'t>(&self, text: &'t str) -> &'t str {
        self.span.slice(text)
    }
}

fn is_apostrophe(c: char) -> bool {
    c == '\'' || c == '’'
}

/// Splits `text` into tokens (see the module docs for the rules).
///
/// ```
/// use newsie::tokenize::{tokenize, TokenKind};
/// let text = "Alibaba’s Qwen 2.5-Max costs $0.14.";
/// let toks: Vec<&str> = tokenize(text).iter().map(|t| t.text(text)).collect();
/// assert_eq!(toks, ["Alibaba", "’s", "Qwen", "2.5-Max", "costs", "$", "0.14", "."]);
/// ```
pub fn tokenize(text: &str) -> Vec<Token> {
    let mut tokens = Vec::with_capacity((text.len() / 6).min(1 << 16));
    // Byte-offset cursor: the character at a byte offset, and its neighbours.
    let at = |b: usize| text.get(b..).and_then(|t| t.chars().next());
    let after = |b: usize| at(b).and_then(|c| at(b + c.len_utf8()));
    let alnum = |c: Option<char>| c.is_some_and(char::is_alphanumeric);
    let mut i = 0;
    while let Some(c) = at(i) {
        let width = c.len_utf8();
        // Control characters (NUL, …) separate tokens like whitespace.
        if c.is_whitespace() || c.is_control() {
            i += width;
            continue;
        }
        if !c.is_alphanumeric() {
            // A possessive clitic that follows a word directly: "’s".
            let prev = text[..i].chars().next_back();
            let next = after(i);
            if is_apostrophe(c)
                && alnum(prev)
                && matches!(next, Some('s' | 'S'))
                && !alnum(after(i + width))
            {
                tokens.push(Token {
                    span: Span::new(i, i + width + 1),
                    kind: TokenKind::Word,
                });
                i += width + 1;
                continue;
            }
            tokens.push(Token {
                span: Span::new(i, i + width),
                kind: TokenKind::Punct,
            });
            i += width;
            continue;
        }
        let start = i;
        let mut numeric = true;
        let mut prev = c;
        loop {
            // Consume an alphanumeric run.
            while let Some(ch) = at(i).filter(|ch| ch.is_alphanumeric()) {
                numeric &= ch.is_ascii_digit();
                prev = ch;
                i += ch.len_utf8();
            }
            let (Some(joiner), Some(next)) = (at(i), after(i)) else {
                break;
            };
            if !next.is_alphanumeric() {
                break;
            }
            let joins = match joiner {
                '-' | '_' | '/' | '&' => true,
                '.' | ',' => {
                    (prev.is_ascii_digit() && next.is_ascii_digit())
                        || (joiner == '.' && prev.is_alphabetic() && next.is_alphanumeric())
                        || (joiner == '.' && prev.is_ascii_digit() && next.is_ascii_uppercase())
                }
                // "’s" at a word end is a clitic token; "O'Neill", "don't" join.
                c if is_apostrophe(c) => {
                    let j = i + c.len_utf8();
                    !matches!(next, 's' | 'S') || alnum(after(j))
                }
                _ => false,
            };
            if !joins {
                break;
            }
            if joiner != '.' && joiner != ',' {
                numeric = false;
            }
            i += joiner.len_utf8();
        }
        let kind = if numeric {
            TokenKind::Number
        } else {
            TokenKind::Word
        };
        tokens.push(Token {
            span: Span::new(start, i),
            kind,
        });
    }
    tokens
}

#[cfg(test)]
mod tests {
    use super::*;

    fn toks(text: &str) -> Vec<(&str, TokenKind)> {
        tokenize(text)
            .iter()
            .map(|t| (t.text(text), t.kind))
            .collect()
    }

    #[test]
    fn token_rules() {
        use TokenKind::*;
        let cases: &[(&str, &[(&str, TokenKind)])] = &[
            ("DeepSeek-V3-powered", &[("DeepSeek-V3-powered", Word)]),
            (
                "(9988.HK)",
                &[("(", Punct), ("9988.HK", Word), (")", Punct)],
            ),
            ("1,000.50 yuan", &[("1,000.50", Number), ("yuan", Word)]),
            ("Alibaba's", &[("Alibaba", Word), ("'s", Word)]),
            ("DeepSeek’s", &[("DeepSeek", Word), ("’s", Word)]),
            ("O'Neill don't", &[("O'Neill", Word), ("don't", Word)]),
            (
                "U.S. firms",
                &[("U.S", Word), (".", Punct), ("firms", Word)],
            ),
            (
                "in 2025,then",
                &[("in", Word), ("2025", Number), (",", Punct), ("then", Word)],
            ),
            ("97%", &[("97", Number), ("%", Punct)]),
            ("AT&T", &[("AT&T", Word)]),
            ("Qwen 2.5-Max", &[("Qwen", Word), ("2.5-Max", Word)]),
            (
                "releases—the",
                &[("releases", Word), ("—", Punct), ("the", Word)],
            ),
            ("a  b\r\nc", &[("a", Word), ("b", Word), ("c", Word)]),
            ("end.", &[("end", Word), (".", Punct)]),
            ("’s", &[("’", Punct), ("s", Word)]),
        ];
        for (text, want) in cases {
            assert_eq!(toks(text), *want, "{text:?}");
        }
    }

    #[test]
    fn offsets_slice_the_original_text() {
        let text = "“Qwen 2.5-Max outperforms… almost”";
        for t in tokenize(text) {
            assert!(!t.text(text).trim().is_empty());
            assert!(text.is_char_boundary(t.span.start) && text.is_char_boundary(t.span.end));
        }
    }
}

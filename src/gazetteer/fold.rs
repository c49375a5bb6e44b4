//! Surface folding for gazetteer matching, through an offset map.
//!
//! Writers spell one name many ways at the character level. Before the
//! automaton runs, the text is folded so that one pattern covers them all:
//!
//! | in the text | folded to |
//! | --- | --- |
//! | line breaks, tabs, no-break space U+00A0, U+2000–U+200A, U+202F, U+205F, ideographic space U+3000, and runs of them | one space |
//! | zero-width space/joiners U+200B–U+200D, word joiner U+2060, BOM U+FEFF, soft hyphen U+00AD | nothing |
//! | hyphen U+2010, non-breaking hyphen U+2011 | `-` |
//! | curly apostrophes U+2018, U+2019, modifier apostrophe U+02BC | `'` |
//! | full-width ASCII U+FF01–U+FF5E (`ＮＶＩＤＩＡ`) | ASCII |
//!
//! Dashes (en dash, em dash) are punctuation, not hyphens, and stay as they
//! are: `Alibaba—Tencent` is two names. Every folded byte remembers the byte
//! offset of the character it came from, so a match in the folded text maps
//! back to a span of the original text ([`Folded::original`]): reported
//! offsets always point at what the writer wrote.

use std::borrow::Cow;

use crate::span::Span;

/// A text folded for matching, with its map back to the original.
#[derive(Debug)]
pub(crate) struct Folded<'t> {
    text: &'t str,
    folded: Cow<'t, [u8]>,
    /// `origin[i]`: byte offset in `text` of the character that folded byte
    /// `i` comes from; empty when the text needed no folding.
    origin: Vec<u32>,
}

/// What one character folds to.
enum Fold {
    Keep,
    Space,
    Drop,
    Ascii(u8),
}

fn fold_char(c: char) -> Fold {
    match c {
        '\n'
        | '\r'
        | '\t'
        | '\u{A0}'
        | '\u{2000}'..='\u{200A}'
        | '\u{202F}'
        | '\u{205F}'
        | '\u{3000}' => Fold::Space,
        '\u{200B}'..='\u{200D}' | '\u{2060}' | '\u{FEFF}' | '\u{AD}' => Fold::Drop,
        '\u{2010}' | '\u{2011}' => Fold::Ascii(b'-'),
        '\u{2018}' | '\u{2019}' | '\u{2BC}' => Fold::Ascii(b'\''),
        '\u{FF01}'..='\u{FF5E}' => Fold::Ascii((c as u32 - 0xFEE0) as u8),
        _ => Fold::Keep,
    }
}

impl<'t> Folded<'t> {
    /// Folds `text`. Plain ASCII without tabs, line breaks or double spaces
    /// (most wire copy once unwrapped) is borrowed as it is.
    pub(crate) fn new(text: &'t str) -> Folded<'t> {
        let plain = text.bytes().all(|b| (0x20..0x80).contains(&b)) && !text.contains("  ");
        if plain {
            return Folded {
                text,
                folded: Cow::Borrowed(text.as_bytes()),
                origin: Vec::new(),
            };
        }
        assert!(
            u32::try_from(text.len()).is_ok(),
            "article text over 4 GiB cannot be matched"
        );
        let mut folded = Vec::with_capacity(text.len());
        let mut origin = Vec::with_capacity(text.len());
        let bytes = text.as_bytes();
        let mut at = 0;
        while at < bytes.len() {
            let at32 = at as u32;
            let b = bytes[at];
            if b < 0x80 {
                // ASCII: only spaces, tabs and line breaks fold.
                if matches!(b, b' ' | b'\n' | b'\r' | b'\t') {
                    if folded.last() != Some(&b' ') {
                        folded.push(b' ');
                        origin.push(at32);
                    }
                } else {
                    folded.push(b);
                    origin.push(at32);
                }
                at += 1;
                continue;
            }
            let c = text[at..].chars().next().expect("a char at a boundary");
            let len = c.len_utf8();
            match fold_char(c) {
                Fold::Space => {
                    if folded.last() != Some(&b' ') {
                        folded.push(b' ');
                        origin.push(at32);
                    }
                }
                Fold::Drop => {}
                Fold::Ascii(b) => {
                    folded.push(b);
                    origin.push(at32);
                }
                Fold::Keep => {
                    folded.extend_from_slice(&bytes[at..at + len]);
                    origin.extend((0..len as u32).map(|k| at32 + k));
                }
            }
            at += len;
        }
        Folded {
            text,
            folded: Cow::Owned(folded),
            origin,
        }
    }

    /// Whether folded byte `i - 1` comes from the original character right
    /// before the one folded byte `i` starts, as a one-byte character
    /// (always so when the text needed no folding). `i` must be at least 1.
    #[inline]
    pub(crate) fn follows_original(&self, i: usize) -> bool {
        self.origin.is_empty() || self.origin[i - 1] + 1 == self.origin[i]
    }

    /// The folded bytes (valid UTF-8 wherever the original was not folded).
    pub(crate) fn bytes(&self) -> &[u8] {
        &self.folded
    }

    /// The span of the original text that folded bytes `start..end` come
    /// from; `None` when the range cuts a character of the original in two.
    pub(crate) fn original(&self, start: usize, end: usize) -> Option<Span> {
        if self.origin.is_empty() {
            return Some(Span::new(start, end));
        }
        if start >= end {
            return None;
        }
        let s = self.origin[start] as usize;
        let last = self.origin[end - 1] as usize;
        let e = if self.folded[end - 1] < 0x80 {
            // An ASCII byte stands for a whole original character.
            last + self.text[last..].chars().next().map_or(1, char::len_utf8)
        } else {
            last + 1
        };
        (self.text.is_char_boundary(s) && self.text.is_char_boundary(e)).then(|| Span::new(s, e))
    }
}

/// Folds a gazetteer name the same way as texts, so patterns and haystacks
/// agree (`McDonald’s` → `McDonald's`).
pub(crate) fn fold_name(name: &str) -> String {
    let f = Folded::new(name);
    String::from_utf8_lossy(f.bytes()).trim().to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn folds_and_maps_back() {
        let cases: &[(&str, &str, &str)] = &[
            // (text, folded, original of the whole folded range)
            ("Alibaba Group", "Alibaba Group", "Alibaba Group"),
            ("Alibaba\u{A0}Group", "Alibaba Group", "Alibaba\u{A0}Group"),
            ("Alibaba \n  Group", "Alibaba Group", "Alibaba \n  Group"),
            ("Deep\u{200B}Seek", "DeepSeek", "Deep\u{200B}Seek"),
            ("GPT\u{2011}4o", "GPT-4o", "GPT\u{2011}4o"),
            ("Alibaba’s", "Alibaba's", "Alibaba’s"),
            ("ＮＶＩＤＩＡ", "NVIDIA", "ＮＶＩＤＩＡ"),
            ("Antón", "Antón", "Antón"),
        ];
        for (text, want, whole) in cases {
            let f = Folded::new(text);
            assert_eq!(String::from_utf8_lossy(f.bytes()), *want, "{text:?}");
            let span = f.original(0, f.bytes().len()).unwrap();
            assert_eq!(span.slice(text), *whole, "{text:?}");
        }
    }

    #[test]
    fn maps_inner_ranges() {
        let text = "«Ｍｅｔａ»\u{A0}and GPT\u{2011}4o";
        let f = Folded::new(text);
        let folded = String::from_utf8_lossy(f.bytes()).to_string();
        let at = folded.find("Meta").unwrap();
        assert_eq!(f.original(at, at + 4).unwrap().slice(text), "Ｍｅｔａ");
        let at = folded.find("GPT-4o").unwrap();
        assert_eq!(f.original(at, at + 6).unwrap().slice(text), "GPT\u{2011}4o");
        // Half of "«" (two bytes) is not a character of the original.
        assert_eq!(f.original(0, 1), None);
    }

    #[test]
    fn names_fold_like_texts() {
        assert_eq!(fold_name("McDonald’s"), "McDonald's");
        assert_eq!(fold_name("Qwen  2.5"), "Qwen 2.5");
    }
}

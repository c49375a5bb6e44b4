//! Spans and the one place where byte offsets become character offsets.
//!
//! Every stage of the pipeline works on **byte** offsets into the article text
//! (that is what `str` slicing, `regex` and `aho-corasick` speak). Records that
//! leave the library carry **character** offsets (Unicode scalar values), so
//! that Python's `text[start:end]` equals the surface. [`CharMap`] does the
//! conversion, and nothing else in the crate converts offsets.

/// A half-open byte range `[start, end)` into an article's text.
///
/// Both ends always fall on UTF-8 character boundaries.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Default)]
pub struct Span {
    /// First byte of the span.
    pub start: usize,
    /// One past the last byte of the span.
    pub end: usize,
}

impl Span {
    /// Builds a span; `start <= end` is the caller's promise.
    pub fn new(start: usize, end: usize) -> Span {
        debug_assert!(start <= end, "span {start}..{end} is reversed");
        Span { start, end }
    }

    /// Length in bytes.
    pub fn len(&self) -> usize {
        self.end - self.start
    }

    /// True for an empty span.
    pub fn is_empty(&self) -> bool {
        self.start == self.end
    }

    /// True when `other` lies inside `self` (bounds included).
    pub fn contains(&self, other: Span) -> bool {
        self.start <= other.start && other.end <= self.end
    }

    /// The text the span covers.
    ///
    /// # Panics
    /// When the span is out of bounds or not on character boundaries, which the
    /// pipeline never produces.
    pub fn slice<'t>(&self, text: &'t str) -> &'t str {
        &text[self.start..self.end]
    }
}

/// Converts byte offsets of one text to character offsets.
///
/// ASCII texts (most wire copy) take a fast path where both are equal; other
/// texts keep a sorted table of the byte offset of every non-ASCII character.
///
/// ```
/// use newsie::span::CharMap;
/// let text = "Alibaba’s Qwen";
/// let map = CharMap::new(text);
/// // "’" is 3 bytes but one character, so the "s" after it (byte 10) is char 8.
/// assert_eq!(map.char_offset(10), 8);
/// assert_eq!(map.char_offset(text.len()), 14);
/// ```
#[derive(Debug, Clone)]
pub struct CharMap {
    /// `(byte offset, extra bytes before and including this char)` for each
    /// non-ASCII character, sorted by byte offset.
    wide: Vec<(usize, usize)>,
}

impl CharMap {
    /// Scans `text` once.
    pub fn new(text: &str) -> CharMap {
        let mut wide = Vec::new();
        if !text.is_ascii() {
            let mut extra = 0;
            for (byte, ch) in text.char_indices() {
                let n = ch.len_utf8();
                if n > 1 {
                    extra += n - 1;
                    wide.push((byte, extra));
                }
            }
        }
        CharMap { wide }
    }

    /// The character offset of byte offset `byte` (which must be a character
    /// boundary, or the text's length).
    pub fn char_offset(&self, byte: usize) -> usize {
        // Count the extra bytes of the wide characters that start before `byte`.
        let i = self.wide.partition_point(|&(b, _)| b < byte);
        if i == 0 {
            byte
        } else {
            byte - self.wide[i - 1].1
        }
    }

    /// Both ends of a span as character offsets.
    pub fn char_span(&self, span: Span) -> (usize, usize) {
        (self.char_offset(span.start), self.char_offset(span.end))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ascii_offsets_are_identity() {
        let map = CharMap::new("Alibaba (9988.HK)");
        assert_eq!(map.char_span(Span::new(9, 16)), (9, 16));
    }

    #[test]
    fn wide_characters_count_once() {
        // "—" is 3 bytes, "é" 2 bytes.
        let text = "a—bé c";
        let map = CharMap::new(text);
        let c = text.find('c').unwrap();
        assert_eq!(c, 8);
        assert_eq!(map.char_offset(c), 5);
        assert_eq!(map.char_offset(text.find('b').unwrap()), 2);
        assert_eq!(map.char_offset(text.len()), text.chars().count());
    }

    #[test]
    fn containment() {
        let a = Span::new(0, 5);
        assert!(a.contains(Span::new(1, 5)));
        assert!(!a.contains(Span::new(1, 6)));
    }
}

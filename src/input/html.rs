//! HTML pages: the text a reader sees, its title and publication date, and
//! a map back to the source.
//!
//! The page is parsed with `scraper` (html5ever, the WHATWG HTML parsing
//! algorithm: <https://html.spec.whatwg.org/multipage/parsing.html>), so
//! malformed markup is repaired as browsers repair it and never fails.
//! Text extraction ([`HtmlText::parse`]):
//!
//! - left out: the content of `script`, `style`, `noscript`, `template`,
//!   `iframe`, `svg` and `head` (but `head`'s `<title>` is the article
//!   title, whitespace collapsed);
//! - block elements (`p`, `div`, `h1`–`h6`, `article`, `section`, `ul`,
//!   `table`, `blockquote`, `pre`, …) are paragraphs, separated by a blank
//!   line (`\n\n`, a sentence break); `br`, `li`, `tr`, `dt`, `dd` start a
//!   new line; table cells are separated by a space;
//! - runs of HTML whitespace (space, tab, LF, FF, CR) collapse to one space,
//!   and none is kept at the start or end of a line, except inside `pre`
//!   (kept as written); character references (`&amp;`, `&#8212;`) are decoded
//!   by the parser.
//!
//! Publication date, the first found of, in this order: `<meta
//! property="article:published_time">` (Open Graph article), a JSON-LD
//! (`<script type="application/ld+json">`) `datePublished` (in an object,
//! an array or an `@graph`), `<meta name>` `date`, `pubdate`, `publishdate`,
//! `dc.date`, `dc.date.issued`, `dcterms.date` or `<meta
//! itemprop="datePublished">` (case-insensitive names), and the
//! `datetime` of the first `<time>` inside an `<article>`. Its value is parsed
//! as any publication date ([`crate::article::parse_dct`]); the DCT source
//! is `html`.
//!
//! Offsets: the article text is the extracted text, and every record's
//! offsets (characters) count in it, not in the HTML. [`HtmlText::source_offset`]
//! maps a byte offset of the extracted text, and
//! [`HtmlText::source_offset_of_char`] a character offset, to the byte offset
//! in the HTML source of the character it came from.

use ego_tree::iter::Edge;
use scraper::{Html, Node};
use serde_json::Value;

use super::{InputFile, Item, dct_field, decode};
use crate::article::{Article, DctSource};

/// The text of an HTML page, with where each part came from.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct HtmlText {
    /// The extracted text (see the module docs for the rules).
    pub text: String,
    /// The `<title>`, whitespace collapsed; `None` when absent or blank.
    pub title: Option<String>,
    /// The publication date as written in the page, and where it was found
    /// (`meta article:published_time`, `json-ld datePublished`, `meta
    /// name=…`, `time datetime`); not yet parsed.
    pub published: Option<(String, String)>,
    /// Runs of the text, in text order, each mapping its bytes to the source.
    runs: Vec<Run>,
}

/// A stretch of the extracted text starting at byte `text`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Run {
    /// Byte offset in the text where the run starts.
    text: usize,
    /// What its bytes map to.
    src: Src,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Src {
    /// Copied verbatim: text byte `text + k` is source byte `at + k`.
    Copy(usize),
    /// Every character stands for the source character at this byte (a
    /// character reference, collapsed whitespace).
    Fixed(usize),
    /// Inserted by the extraction (line and paragraph breaks): no source.
    None,
}

impl HtmlText {
    /// Extracts the text, title and publication date of an HTML page given
    /// as a string. Never fails or panics: any input is some HTML.
    pub fn parse(source: &str) -> HtmlText {
        let doc = Html::parse_document(source);
        let mut b = Builder::default();
        let mut align = Aligner {
            src: source,
            pos: 0,
        };
        let mut offsets: Vec<(Src, usize)> = Vec::new();
        let mut skip = 0usize;
        let mut pre = 0usize;
        let mut article = 0usize;
        let mut in_title = 0usize;
        let mut svg = 0usize;
        let mut title = String::new();
        let mut dates: [Option<(String, String)>; 4] = Default::default();
        for edge in doc.tree.root().traverse() {
            match edge {
                Edge::Open(node) => match node.value() {
                    Node::Element(e) => {
                        let name = e.name();
                        if SKIPPED.contains(&name) {
                            skip += 1;
                        }
                        match name {
                            "pre" | "textarea" => pre += 1,
                            "article" => article += 1,
                            "svg" => svg += 1,
                            // An SVG's <title> names the drawing, not the page.
                            "title" if in_title == 0 && svg == 0 => in_title = 1,
                            "meta" => meta_date(e, &mut dates),
                            "time" if article > 0 && dates[3].is_none() => {
                                if let Some(d) = e.attr("datetime") {
                                    dates[3] = Some((d.to_string(), "time datetime".into()));
                                }
                            }
                            _ => {}
                        }
                        if skip == 0 {
                            b.open(name);
                        }
                    }
                    Node::Text(t) => {
                        let parent = node
                            .parent()
                            .and_then(|p| p.value().as_element().map(|e| e.name()));
                        let mode = match parent {
                            Some(
                                "script" | "style" | "xmp" | "iframe" | "noembed" | "noframes"
                                | "noscript" | "plaintext",
                            ) => Mode::Raw,
                            Some("title" | "textarea") => Mode::Rcdata,
                            _ => Mode::Data,
                        };
                        offsets.clear();
                        align.align(t, mode, &mut offsets);
                        if in_title == 1 {
                            title.push_str(t);
                        }
                        if parent == Some("script")
                            && dates[1].is_none()
                            && node.parent().is_some_and(|p| {
                                p.value()
                                    .as_element()
                                    .and_then(|e| e.attr("type"))
                                    .is_some_and(|ty| {
                                        ty.trim().eq_ignore_ascii_case("application/ld+json")
                                    })
                            })
                        {
                            dates[1] = json_ld_date(t);
                        }
                        if skip == 0 {
                            b.text(t, &offsets, pre > 0);
                        }
                    }
                    _ => {}
                },
                Edge::Close(node) => {
                    if let Node::Element(e) = node.value() {
                        let name = e.name();
                        if skip == 0 {
                            b.close(name);
                        }
                        if SKIPPED.contains(&name) {
                            skip = skip.saturating_sub(1);
                        }
                        match name {
                            "pre" | "textarea" => pre = pre.saturating_sub(1),
                            "article" => article = article.saturating_sub(1),
                            "svg" => svg = svg.saturating_sub(1),
                            "title" if in_title == 1 => in_title = 2,
                            _ => {}
                        }
                    }
                }
            }
        }
        let title = title.split_ascii_whitespace().collect::<Vec<_>>().join(" ");
        let (text, mut runs) = (b.text, b.runs);
        runs.push(Run {
            text: text.len(),
            src: b.end.map_or(Src::None, Src::Fixed),
        });
        HtmlText {
            text,
            title: (!title.is_empty()).then_some(title),
            published: dates.into_iter().flatten().next(),
            runs,
        }
    }

    /// The byte offset in the HTML source of the character at byte
    /// `text_offset` of [`HtmlText::text`].
    ///
    /// - A character copied from the source maps to its own bytes; one
    ///   decoded from a character reference (`&amp;`) maps to the `&`; a
    ///   space standing for a run of whitespace maps to the run's first
    ///   character; `text.len()` (the end) maps to just after the last
    ///   character taken from the source.
    /// - `None` for the line and paragraph breaks the extraction inserts, for
    ///   an offset inside a character or past the end, and for text the
    ///   parser moved or made up (rare: text the tree builder moves out of a
    ///   table, a character the source does not have where expected).
    ///
    /// Offsets count in the string given to [`HtmlText::parse`]. For an
    /// `.html` file that is its content decoded as UTF-8 with a leading
    /// byte-order mark removed: add 3 with a mark; with invalid UTF-8 the
    /// replacement characters shift later offsets.
    pub fn source_offset(&self, text_offset: usize) -> Option<usize> {
        if text_offset > self.text.len() || !self.text.is_char_boundary(text_offset) {
            return None;
        }
        let i = self.runs.partition_point(|r| r.text <= text_offset);
        let run = self.runs.get(i.checked_sub(1)?)?;
        match run.src {
            Src::Copy(at) => Some(at + (text_offset - run.text)),
            Src::Fixed(at) => Some(at),
            Src::None => None,
        }
    }

    /// [`HtmlText::source_offset`] for a character offset of the text (the
    /// offsets of records count characters): the same mapping, found in time
    /// linear in the offset. `None` also past the end.
    pub fn source_offset_of_char(&self, char_offset: usize) -> Option<usize> {
        let byte = match self.text.char_indices().nth(char_offset) {
            Some((b, _)) => b,
            None if self.text.chars().count() == char_offset => self.text.len(),
            None => return None,
        };
        self.source_offset(byte)
    }
}

/// Reads an `.html` file as one article (id: the file's; no line).
pub(super) fn read(file: &InputFile, bytes: Vec<u8>) -> Item {
    let mut warnings = Vec::new();
    let article = article(file, file.id_base.clone(), bytes, &mut warnings);
    Item::Article { article, warnings }
}

/// The article of an HTML page: its text, title and DCT (source `html`).
pub(super) fn article(
    file: &InputFile,
    id: String,
    bytes: Vec<u8>,
    warnings: &mut Vec<String>,
) -> Article {
    let source = decode(bytes, warnings);
    let page = HtmlText::parse(&source);
    let mut article = Article {
        id,
        path: file.display(),
        title: page.title,
        text: page.text,
        ..Article::default()
    };
    if let Some((value, place)) = page.published {
        let before = warnings.len();
        if let Some(d) = dct_field(Some(&value), warnings) {
            article = article.with_dct(d, DctSource::Html);
        }
        for w in &mut warnings[before..] {
            *w = format!("{place}: {w}");
        }
    }
    article
}

/// Elements whose content is not text a reader sees.
const SKIPPED: &[&str] = &[
    "script", "style", "noscript", "template", "iframe", "svg", "head",
];

/// Elements that are paragraphs of their own.
const BLOCKS: &[&str] = &[
    "address",
    "article",
    "aside",
    "blockquote",
    "body",
    "caption",
    "details",
    "dialog",
    "div",
    "dl",
    "fieldset",
    "figcaption",
    "figure",
    "footer",
    "form",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "header",
    "hgroup",
    "hr",
    "main",
    "nav",
    "ol",
    "p",
    "pre",
    "section",
    "summary",
    "table",
    "ul",
];

/// Elements that start a new line.
const LINES: &[&str] = &["li", "tr", "dt", "dd", "option", "legend"];

/// `<meta>` dates into their slots (0: Open Graph, 2: the named ones).
fn meta_date(e: &scraper::node::Element, dates: &mut [Option<(String, String)>; 4]) {
    let Some(content) = e.attr("content").map(str::trim).filter(|c| !c.is_empty()) else {
        return;
    };
    let key = |attr: &str| e.attr(attr).map(str::to_ascii_lowercase);
    if key("property").as_deref() == Some("article:published_time") {
        if dates[0].is_none() {
            dates[0] = Some((content.to_string(), "meta article:published_time".into()));
        }
        return;
    }
    const NAMES: &[&str] = &[
        "date",
        "pubdate",
        "publishdate",
        "dc.date",
        "dc.date.issued",
        "dcterms.date",
    ];
    let named = key("name").filter(|n| NAMES.contains(&n.as_str()));
    let itemprop = key("itemprop").filter(|n| n == "datepublished");
    if let Some(n) = named.or(itemprop)
        && dates[2].is_none()
    {
        dates[2] = Some((content.to_string(), format!("meta {n}")));
    }
}

/// The first `datePublished` string of a JSON-LD block.
fn json_ld_date(json: &str) -> Option<(String, String)> {
    fn find(v: &Value, depth: usize) -> Option<String> {
        if depth > 16 {
            return None;
        }
        match v {
            Value::Object(o) => {
                if let Some(Value::String(s)) = o.get("datePublished") {
                    return Some(s.clone());
                }
                o.values().find_map(|v| find(v, depth + 1))
            }
            Value::Array(a) => a.iter().find_map(|v| find(v, depth + 1)),
            _ => None,
        }
    }
    let v: Value = serde_json::from_str(json.trim()).ok()?;
    find(&v, 0).map(|d| (d, "json-ld datePublished".into()))
}

/// How the tokenizer read a text node: which source syntax to expect.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Mode {
    /// Ordinary text: markup and character references.
    Data,
    /// `title`, `textarea`: character references, no markup.
    Rcdata,
    /// `script`, `style`…: exactly as written.
    Raw,
}

/// Finds the text nodes of the tree in the source, in order.
struct Aligner<'s> {
    src: &'s str,
    /// Where the next text node is looked for.
    pos: usize,
}

/// How far ahead a text node that lost its place is searched for.
const RESYNC_WINDOW: usize = 64 * 1024;

impl Aligner<'_> {
    /// Pushes onto `out`, for each character of `text` (a text node, the
    /// next in document order), where it is in the source ([`Src::Copy`]
    /// when written there as is) and where the source goes on after it.
    fn align(&mut self, text: &str, mode: Mode, out: &mut Vec<(Src, usize)>) {
        let src = self.src.as_bytes();
        let mut entity: Option<usize> = None;
        for (i, c) in text.char_indices() {
            let mut found = None;
            let mut verbatim = false;
            let mut from_entity = None;
            while self.pos < src.len() {
                let at = self.pos;
                let Some(sc) = self.src[at..].chars().next() else {
                    break;
                };
                if mode != Mode::Raw
                    && sc == '&'
                    && let Some(end) = self.entity(at, c)
                {
                    found = Some(at);
                    from_entity = Some(at);
                    self.pos = end;
                    break;
                }
                if sc == c {
                    found = Some(at);
                    verbatim = true;
                    self.pos = at + sc.len_utf8();
                    break;
                }
                if mode == Mode::Data
                    && sc == '<'
                    && let Some(end) = self.markup(at)
                {
                    self.pos = end;
                    continue;
                }
                // The parser turns CRLF and CR into LF, NUL into U+FFFD.
                if c == '\n' && sc == '\r' {
                    found = Some(at);
                    self.pos = at
                        + if src.get(at + 1) == Some(&b'\n') {
                            2
                        } else {
                            1
                        };
                    break;
                }
                if (c.is_ascii_whitespace() && sc.is_ascii_whitespace())
                    || (c == '\u{FFFD}' && sc == '\0')
                {
                    found = Some(at);
                    self.pos = at + 1;
                    break;
                }
                break;
            }
            if found.is_none() {
                // A reference that decodes to two characters gives both.
                if let Some(e) = entity {
                    found = Some(e);
                    from_entity = Some(e);
                } else if let Some(at) = self.resync(&text[i..]) {
                    found = Some(at);
                    verbatim = true;
                    self.pos = at + c.len_utf8();
                }
            }
            entity = from_entity;
            let src = match found {
                Some(at) if verbatim => Src::Copy(at),
                Some(at) => Src::Fixed(at),
                None => Src::None,
            };
            out.push((src, self.pos));
        }
    }

    /// The end of a character reference at `at` that decodes to (or starts
    /// with) `c`: `&#…;`, `&#x…;` and `&name;` always are one; `&name`
    /// without `;` is one only when the text does not have the `&` itself.
    fn entity(&self, at: usize, c: char) -> Option<usize> {
        let s = &self.src.as_bytes()[at + 1..];
        let (digits, hex) = match s {
            [b'#', b'x' | b'X', ..] => (2, true),
            [b'#', ..] => (1, false),
            _ => (0, false),
        };
        let body = s[digits..]
            .iter()
            .take(40)
            .take_while(|b| {
                if digits == 0 {
                    b.is_ascii_alphanumeric()
                } else if hex {
                    b.is_ascii_hexdigit()
                } else {
                    b.is_ascii_digit()
                }
            })
            .count();
        if body == 0 {
            return None;
        }
        let end = at + 1 + digits + body;
        if self.src.as_bytes().get(end) == Some(&b';') {
            return Some(end + 1);
        }
        (c != '&').then_some(end)
    }

    /// The end of a tag, comment, doctype or processing instruction at `at`
    /// (a `<`), or `None` when the `<` is text.
    fn markup(&self, at: usize) -> Option<usize> {
        let s = &self.src.as_bytes()[at..];
        let close = |from: usize, pat: &[u8]| {
            s[from..]
                .windows(pat.len())
                .position(|w| w == pat)
                .map_or(s.len(), |p| from + p + pat.len())
        };
        let end = match s.get(1)? {
            b'!' if s[1..].starts_with(b"!--") => close(4, b"-->"),
            b'!' | b'?' => close(1, b">"),
            b'/' if s.get(2).is_some_and(u8::is_ascii_alphabetic) => close(2, b">"),
            b if b.is_ascii_alphabetic() => {
                // A start tag: `>` ends it outside quoted attribute values.
                let mut quote = None;
                let mut end = s.len();
                for (k, &b) in s.iter().enumerate().skip(1) {
                    match (quote, b) {
                        (None, b'"' | b'\'') => quote = Some(b),
                        (Some(q), b) if b == q => quote = None,
                        (None, b'>') => {
                            end = k + 1;
                            break;
                        }
                        _ => {}
                    }
                }
                end
            }
            _ => return None,
        };
        Some(at + end)
    }

    /// Where `rest` (the remainder of a text node) starts in the source
    /// ahead, within [`RESYNC_WINDOW`]; moves there.
    fn resync(&mut self, rest: &str) -> Option<usize> {
        let mut probe = rest.len().min(32);
        while !rest.is_char_boundary(probe) {
            probe -= 1;
        }
        let probe = &rest[..probe];
        if probe.trim().is_empty() {
            return None;
        }
        let mut window = (self.pos + RESYNC_WINDOW).min(self.src.len());
        while !self.src.is_char_boundary(window) {
            window -= 1;
        }
        let at = self.pos + self.src.get(self.pos..window)?.find(probe)?;
        self.pos = at;
        Some(at)
    }
}

/// Builds the text: whitespace collapsing and block breaks.
#[derive(Default)]
struct Builder {
    text: String,
    runs: Vec<Run>,
    /// Line breaks owed before the next character (0, 1 or 2).
    breaks: usize,
    /// A space owed before the next character, and its source.
    space: Option<Option<usize>>,
    /// Just after the last source character taken.
    end: Option<usize>,
}

impl Builder {
    fn open(&mut self, name: &str) {
        if BLOCKS.contains(&name) {
            self.breaks = self.breaks.max(2);
        } else if LINES.contains(&name) {
            self.breaks = self.breaks.max(1);
        } else if name == "br" {
            self.breaks = (self.breaks + 1).min(2);
        } else if matches!(name, "td" | "th") {
            self.space = self.space.or(Some(None));
        }
    }

    fn close(&mut self, name: &str) {
        if BLOCKS.contains(&name) {
            self.breaks = self.breaks.max(2);
        } else if LINES.contains(&name) {
            self.breaks = self.breaks.max(1);
        }
    }

    fn push(&mut self, c: char, src: Src) {
        let at = self.text.len();
        let extends = match (self.runs.last(), src) {
            (Some(r), Src::Copy(s)) => r.src == Src::Copy(s.wrapping_sub(at - r.text)),
            (Some(r), Src::Fixed(_) | Src::None) => r.src == src && src == Src::None,
            (None, _) => false,
        };
        if !extends {
            self.runs.push(Run { text: at, src });
        }
        self.text.push(c);
    }

    /// Owed breaks or space, before a visible character.
    fn settle(&mut self) {
        if self.text.is_empty() {
            self.breaks = 0;
            self.space = None;
            return;
        }
        if self.breaks > 0 {
            let have = self.text.len() - self.text.trim_end_matches('\n').len();
            for _ in have..self.breaks {
                self.push('\n', Src::None);
            }
            self.space = None;
        } else if let Some(s) = self.space.take()
            && !self.text.ends_with('\n')
        {
            self.push(' ', s.map_or(Src::None, Src::Fixed));
        }
        self.breaks = 0;
        self.space = None;
    }

    fn text(&mut self, t: &str, offsets: &[(Src, usize)], pre: bool) {
        for (c, &(src, after)) in t.chars().zip(offsets) {
            let at = match src {
                Src::Copy(a) | Src::Fixed(a) => Some(a),
                Src::None => None,
            };
            if !pre && c.is_ascii_whitespace() {
                if self.space.is_none() {
                    self.space = Some(at);
                }
                continue;
            }
            self.settle();
            self.push(c, src);
            if at.is_some() {
                self.end = Some(after);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every character of the text that maps to the source, as the source
    /// has it there (one character; a reference's `&`).
    fn check_map(source: &str, page: &HtmlText) {
        for (i, c) in page.text.char_indices() {
            if let Some(at) = page.source_offset(i) {
                let sc = source[at..].chars().next().unwrap();
                assert!(
                    sc == c || sc == '&' || (c == ' ' && sc.is_ascii_whitespace()),
                    "text {i} {c:?} -> source {at} {sc:?}"
                );
            }
        }
    }

    #[test]
    fn text_title_and_paragraphs() {
        let source = "<!DOCTYPE html>\n<html><head><title> Rivet  Labs\nships </title>\n<style>p { color: red }</style>\n<script>var x = '<p>no</p>';</script></head>\n<body><nav><a href=\"/\">Home</a></nav>\n<article><h1>Rivet ships Bolt&nbsp;2</h1>\n<p>Rivet Labs said on <b>Monday</b> it would   ship\n   Bolt 2 &amp; Bolt&#x20;Mini.</p><p>Line one<br>line two</p>\n<ul><li>First</li><li>Second</li></ul><noscript>Enable JS</noscript><template><p>hidden</p></template>\n<table><tr><td>A</td><td>B</td></tr><tr><td>C</td></tr></table></article></body></html>";
        let page = HtmlText::parse(source);
        assert_eq!(page.title.as_deref(), Some("Rivet Labs ships"));
        assert_eq!(
            page.text,
            "Home\n\nRivet ships Bolt\u{a0}2\n\nRivet Labs said on Monday it would ship Bolt 2 & Bolt Mini.\n\nLine one\nline two\n\nFirst\nSecond\n\nA B\nC"
        );
        check_map(source, &page);
        let at = |needle: &str| page.source_offset(page.text.find(needle).unwrap());
        assert_eq!(at("Home"), source.find("Home"));
        assert_eq!(at("Monday"), source.find("Monday"));
        assert_eq!(at("& Bolt"), source.find("&amp;"));
        assert_eq!(at("\u{a0}2"), source.find("&nbsp;"));
        assert_eq!(at(" Mini"), source.find("&#x20;"));
        // A collapsed run maps to its first whitespace character.
        assert_eq!(at(" ship Bolt"), Some(source.find("would").unwrap() + 5));
        // Inserted breaks have no source; the end maps past the last letter.
        assert_eq!(page.source_offset(page.text.find('\n').unwrap()), None);
        assert_eq!(
            page.source_offset(page.text.len()),
            source.find("C</td>").map(|i| i + 1)
        );
        assert_eq!(page.source_offset(page.text.len() + 1), None);
        let nbsp = page.text.find('\u{a0}').unwrap();
        assert_eq!(page.source_offset(nbsp + 1), None, "inside a character");
    }

    #[test]
    fn pre_keeps_whitespace_and_crlf_maps() {
        let source = "<p>One\r\ntwo</p><pre>a  b\n  c</pre><p>caf\u{e9} &lt;ok&gt;</p>";
        let page = HtmlText::parse(source);
        assert_eq!(page.text, "One two\n\na  b\n  c\n\ncaf\u{e9} <ok>");
        // Character 24 is the `<` of `<ok>` (after the two-byte `é`).
        assert_eq!(page.source_offset_of_char(24), source.find("&lt;"));
        assert_eq!(page.source_offset_of_char(23), source.find(" &lt;"));
        assert_eq!(page.source_offset_of_char(28), Some(source.len() - 4));
        assert_eq!(page.source_offset_of_char(29), None);
        check_map(source, &page);
        let at = |needle: &str| page.source_offset(page.text.find(needle).unwrap());
        assert_eq!(at("  c"), source.find("  c"));
        assert_eq!(at("<ok"), source.find("&lt;"));
        assert_eq!(at("ok>"), source.find("ok&gt;"));
        assert_eq!(at("\u{e9}"), source.find('\u{e9}'));
    }

    #[test]
    fn dates_in_order_of_preference() {
        let doc = |head: &str, body: &str| {
            HtmlText::parse(&format!(
                "<html><head>{head}</head><body>{body}</body></html>"
            ))
            .published
            .map(|(v, w)| format!("{v} ({w})"))
        };
        let og = r#"<meta property="article:published_time" content="2025-02-03T10:00:00Z">"#;
        let ld = r#"<script type="application/ld+json">{"@context":"https://schema.org","@graph":[{"@type":"WebPage"},{"@type":"NewsArticle","datePublished":"2025-02-04"}]}</script>"#;
        let named = r#"<meta name="DC.date" content="2025-02-05">"#;
        let time = r#"<article><p>x</p><time datetime="2025-02-06">Feb 6</time></article>"#;
        assert_eq!(
            doc(&format!("{named}{ld}{og}"), time).as_deref(),
            Some("2025-02-03T10:00:00Z (meta article:published_time)")
        );
        assert_eq!(
            doc(&format!("{named}{ld}"), time).as_deref(),
            Some("2025-02-04 (json-ld datePublished)")
        );
        assert_eq!(
            doc(named, time).as_deref(),
            Some("2025-02-05 (meta dc.date)")
        );
        assert_eq!(doc("", time).as_deref(), Some("2025-02-06 (time datetime)"));
        // A <time> outside an <article> is not the publication date.
        assert_eq!(doc("", r#"<time datetime="2025-02-06">x</time>"#), None);
        assert_eq!(
            doc(r#"<script type="application/ld+json">{oops</script>"#, ""),
            None
        );
    }

    #[test]
    fn malformed_html_never_panics() {
        let cases = [
            "",
            "<",
            "<<<>>>",
            "&",
            "&#xZZ; &#99999999; &unknown; &amp",
            "<p>unclosed <b>bold <i>both</p> after",
            "<table>foster<tr><td>cell</table>",
            "<!-- never closed",
            "<a href=\"never closed>text",
            "</p></p></div>stray",
            "<svg><title>t</title></svg><math><mi>x</mi></math>",
            "\0\r\r\n\u{FEFF}",
            "<p>\u{1F600}&#128512;</p>",
        ];
        for c in cases {
            let page = HtmlText::parse(c);
            for i in 0..=page.text.len() + 2 {
                let _ = page.source_offset(i);
            }
            check_map(c, &page);
        }
        let deep = "<div>".repeat(3_000) + "deep" + &"</div>".repeat(3_000);
        assert_eq!(HtmlText::parse(&deep).text, "deep");
        assert_eq!(
            HtmlText::parse("<p>unclosed <b>bold <i>both</p> after").text,
            "unclosed bold both\n\nafter"
        );
    }

    #[test]
    fn a_file_becomes_an_article() {
        let file = InputFile {
            path: "in/page.html".into(),
            id_base: "page.html".into(),
            format: crate::input::InputFormat::Html,
            gzip: false,
        };
        let page = b"\xEF\xBB\xBF<title>Bolt</title><meta name=date content=\"sometime\"><p>Caf\xE9 news.</p>";
        let Item::Article { article, warnings } = read(&file, page.to_vec()) else {
            panic!()
        };
        assert_eq!(
            (
                article.id.as_str(),
                article.title.as_deref(),
                article.text.as_str(),
                article.dct
            ),
            ("page.html", Some("Bolt"), "Caf\u{FFFD} news.", None)
        );
        assert_eq!(warnings.len(), 2, "{warnings:?}");
        assert!(
            warnings[1].starts_with("meta date: unrecognized publication date"),
            "{warnings:?}"
        );
        let Item::Article { article, .. } = read(
            &file,
            br#"<meta property="article:published_time" content="2025-01-29T08:00:00+08:00"><p>x"#
                .to_vec(),
        ) else {
            panic!()
        };
        assert_eq!(
            article.dct.map(|d| d.to_string()).as_deref(),
            Some("2025-01-29")
        );
        assert_eq!(article.dct_source, Some(DctSource::Html));
    }
}

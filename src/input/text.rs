//! Plain-text articles with optional front matter.
//!
//! Front matter is a block at the very top (after an optional byte-order
//! mark): a line `---`, then `key: value` lines, then a line `---`. Known keys:
//! `id`, `title`, `published` (also `date`, `dct`), `source`, `url`; values may
//! be wrapped in double or single quotes. Unknown keys are ignored with a
//! warning. A `---` first line whose next line is not `key: value` is a
//! horizontal rule, not front matter; a block not closed within 64 lines is
//! not front matter either (the whole file is text, with a warning). The article text starts right after the closing
//! line and keeps everything (CRLF included) exactly as in the file.

use super::{InputFile, Item, dct_field, decode};
use crate::article::{Article, DctSource};

pub(super) fn read(file: &InputFile, bytes: Vec<u8>) -> Item {
    let mut warnings = Vec::new();
    let mut content = decode(bytes, &mut warnings);
    let mut article = Article {
        id: file.id_base.clone(),
        path: file.display(),
        ..Article::default()
    };
    let (meta, body_start) = split_front_matter(&content, &mut warnings);
    let mut published = None;
    for (key, value) in meta {
        match key.as_str() {
            // An empty id is no id (as in JSONL): the path stands in.
            "id" if !value.is_empty() => article.id = value,
            "id" => {}
            "title" => article.title = Some(value),
            "published" | "date" | "dct" => published = Some(value),
            "source" => article.source = Some(value),
            "url" => article.url = Some(value),
            other => warnings.push(format!("front matter key {other:?} ignored")),
        }
    }
    if let Some(d) = dct_field(published.as_deref(), &mut warnings) {
        article = article.with_dct(d, DctSource::FrontMatter);
    }
    content.drain(..body_start);
    article.text = content;
    Item::Article { article, warnings }
}

/// Front matter longer than this many lines is not front matter.
const MAX_FRONT_MATTER_LINES: usize = 64;

/// Returns the front matter's `(key, value)` pairs and the byte offset where
/// the text starts. A `---` first line not followed by a `key: value` line is
/// a horizontal rule, not front matter (no warning).
fn split_front_matter(content: &str, warnings: &mut Vec<String>) -> (Vec<(String, String)>, usize) {
    let mut lines = content.split_inclusive('\n');
    let Some(first) = lines.next() else {
        return (Vec::new(), 0);
    };
    if first.trim_end() != "---" {
        return (Vec::new(), 0);
    }
    let mut pairs = Vec::new();
    let mut notes = Vec::new();
    let mut pos = first.len();
    for (n, raw) in lines.take(MAX_FRONT_MATTER_LINES).enumerate() {
        let line = raw.trim_end_matches(['\r', '\n']);
        pos += raw.len();
        if line.trim_end() == "---" {
            warnings.extend(notes);
            return (pairs, pos);
        }
        match key_value(line) {
            Some((k, v)) => pairs.push((k, v)),
            None if line.trim().is_empty() => {}
            // The first line decides whether this is front matter at all.
            None if n == 0 => return (Vec::new(), 0),
            None => notes.push(format!(
                "front matter line {line:?} is not `key: value`; ignored"
            )),
        }
    }
    if !pairs.is_empty() {
        warnings.push(format!(
            "front matter opened with `---` is not closed within {MAX_FRONT_MATTER_LINES} lines; read the whole file as text"
        ));
    }
    (Vec::new(), 0)
}

/// `key: value` with a key of letters, digits, `_` and `-`.
fn key_value(line: &str) -> Option<(String, String)> {
    let (k, v) = line.split_once(':')?;
    let k = k.trim();
    let ok = !k.is_empty()
        && k.chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '-');
    ok.then(|| (k.to_ascii_lowercase(), unquote(v.trim()).to_string()))
}

fn unquote(v: &str) -> &str {
    for q in ['"', '\''] {
        if v.len() >= 2 && v.starts_with(q) && v.ends_with(q) {
            return &v[1..v.len() - 1];
        }
    }
    v
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::input::InputFormat;

    fn file() -> InputFile {
        InputFile {
            path: "dir/a.txt".into(),
            id_base: "a.txt".into(),
            format: InputFormat::Text,
            gzip: false,
        }
    }

    fn article(bytes: &[u8]) -> (Article, Vec<String>) {
        match read(&file(), bytes.to_vec()) {
            Item::Article { article, warnings } => (article, warnings),
            f => panic!("{f:?}"),
        }
    }

    #[test]
    fn front_matter_sets_fields_and_text_starts_after_it() {
        let (a, w) = article(b"---\nid: qwen\ntitle: \"Alibaba: Qwen\"\npublished: 2025-01-29\nurl: https://x.test/a\n---\nBody.\r\nMore.");
        assert_eq!(a.id, "qwen");
        assert_eq!(a.title.as_deref(), Some("Alibaba: Qwen"));
        assert_eq!(a.dct.map(|d| d.to_string()).as_deref(), Some("2025-01-29"));
        assert_eq!(a.dct_source, Some(DctSource::FrontMatter));
        assert_eq!(a.url.as_deref(), Some("https://x.test/a"));
        assert_eq!(a.text, "Body.\r\nMore.");
        assert!(w.is_empty(), "{w:?}");
    }

    #[test]
    fn bom_crlf_and_no_front_matter() {
        let (a, _) = article(b"\xEF\xBB\xBF---\r\nid: x\r\n---\r\nText");
        assert_eq!((a.id.as_str(), a.text.as_str()), ("x", "Text"));
        let (a, w) = article(b"\xEF\xBB\xBFPlain text.");
        assert_eq!((a.id.as_str(), a.text.as_str()), ("a.txt", "Plain text."));
        assert!(w.is_empty());
    }

    #[test]
    fn problems_become_warnings() {
        let (a, w) = article(b"---\npublished: sometime\ncolour: red\n---\nT");
        assert_eq!(a.dct, None);
        assert_eq!(w.len(), 2, "{w:?}");
        let (a, w) = article(b"---\nid: x\nnot closed\n");
        assert_eq!(a.text, "---\nid: x\nnot closed\n");
        assert!(w.iter().any(|w| w.contains("not closed")), "{w:?}");
        // A page that opens with a horizontal rule has no front matter.
        let (a, w) = article(b"---\nJust text.\nMore text.\n");
        assert_eq!(
            (a.id.as_str(), a.text.as_str(), w.len()),
            ("a.txt", "---\nJust text.\nMore text.\n", 0)
        );
        // An empty id is no id.
        let (a, _) = article(b"---\nid:\ntitle: T\n---\nBody");
        assert_eq!((a.id.as_str(), a.title.as_deref()), ("a.txt", Some("T")));
        let (a, w) = article(b"caf\xE9 latte");
        assert_eq!(a.text, "caf\u{FFFD} latte");
        assert!(w[0].contains("invalid UTF-8 at byte 3"), "{w:?}");
    }
}

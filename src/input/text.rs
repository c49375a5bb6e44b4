//! Plain-text articles with optional front matter.
//!
//! Front matter is a block at the very top (after an optional byte-order
//! mark): a line `---`, then `key: value` lines, then a line `---`. Known keys:
//! `id`, `title`, `published` (also `date`, `dct`), `source`, `url`; values may
//! be wrapped in double or single quotes. Unknown keys are ignored with a
//! warning. A block that is never closed is not front matter: the whole file
//! is text, with a warning. The article text starts right after the closing
//! line and keeps everything (CRLF included) exactly as in the file.

use super::{InputFile, Item, dct_field, decode};
use crate::article::{Article, DctSource};

pub(super) fn read(file: &InputFile, bytes: &[u8]) -> Item {
    let mut warnings = Vec::new();
    let content = decode(bytes, &mut warnings);
    let mut article = Article {
        id: file.id_base.clone(),
        path: file.display(),
        ..Article::default()
    };
    let (meta, body_start) = split_front_matter(&content, &mut warnings);
    let mut published = None;
    for (key, value) in meta {
        match key.as_str() {
            "id" => article.id = value,
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
    article.text = content[body_start..].to_string();
    Item::Article { article, warnings }
}

/// Returns the front matter's `(key, value)` pairs and the byte offset where
/// the text starts.
fn split_front_matter(content: &str, warnings: &mut Vec<String>) -> (Vec<(String, String)>, usize) {
    let first_line_end = content.find('\n').map_or(content.len(), |i| i + 1);
    if content[..first_line_end].trim_end() != "---" {
        return (Vec::new(), 0);
    }
    let mut pairs = Vec::new();
    let mut pos = first_line_end;
    while pos < content.len() {
        let end = content[pos..]
            .find('\n')
            .map_or(content.len(), |i| pos + i + 1);
        let line = content[pos..end].trim_end_matches(['\r', '\n']);
        if line.trim_end() == "---" {
            return (pairs, end);
        }
        match line.split_once(':') {
            Some((k, v)) if !k.trim().is_empty() => {
                pairs.push((k.trim().to_ascii_lowercase(), unquote(v.trim()).to_string()));
            }
            _ if line.trim().is_empty() => {}
            _ => warnings.push(format!(
                "front matter line {line:?} is not `key: value`; ignored"
            )),
        }
        pos = end;
    }
    warnings.push(
        "front matter opened with `---` is never closed; read the whole file as text".to_string(),
    );
    (Vec::new(), 0)
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
        match read(&file(), bytes) {
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
        let (a, w) = article(b"---\nnot closed\n");
        assert_eq!(a.text, "---\nnot closed\n");
        assert!(w.iter().any(|w| w.contains("never closed")), "{w:?}");
        let (a, w) = article(b"caf\xE9 latte");
        assert_eq!(a.text, "caf\u{FFFD} latte");
        assert!(w[0].contains("invalid UTF-8 at byte 3"), "{w:?}");
    }
}

//! JSON Lines articles: one JSON object a line.
//!
//! Fields: `text` or `body` (string, required); optional `id` (string or
//! number), `title`, `published` or `date` or `dct` (the first present, a
//! string), `source`, `url`. Blank lines are not articles; a byte-order mark
//! opening the file and a `\r` ending a line are dropped. A line that is not
//! a JSON object with a text is an [`Item::Failed`] naming the line; the
//! other lines are read as usual.

use std::io::BufRead;

use serde_json::{Map, Value};

use super::{InputFile, Item, Source, dct_field, decode};
use crate::article::{Article, DctSource};

/// The items of a JSONL file, read one line at a time (the line buffer is
/// reused: memory is bounded by the longest line).
pub(super) struct Lines {
    file: InputFile,
    reader: Source,
    buf: Vec<u8>,
    /// Lines read so far (the 1-based number of the last one).
    line: u64,
    /// Bytes of content read so far.
    read: u64,
    /// An item to give after the current one (the warning of a cut file).
    pending: Option<Item>,
    done: bool,
}

impl Lines {
    pub(super) fn new(file: InputFile, reader: Source) -> Lines {
        Lines {
            file,
            reader,
            buf: Vec::new(),
            line: 0,
            read: 0,
            pending: None,
            done: false,
        }
    }

    /// The item of the line in `buf`, or `None` for a blank line.
    fn item(&mut self) -> Option<Item> {
        self.line += 1;
        let mut raw = self.buf.as_slice();
        if self.line == 1 {
            raw = raw.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(raw);
        }
        let raw = raw.strip_suffix(b"\n").unwrap_or(raw);
        let raw = raw.strip_suffix(b"\r").unwrap_or(raw);
        if raw.iter().all(u8::is_ascii_whitespace) {
            return None;
        }
        Some(read_line(&self.file, raw, self.line))
    }
}

impl Iterator for Lines {
    type Item = Item;

    fn next(&mut self) -> Option<Item> {
        if let Some(p) = self.pending.take() {
            return Some(p);
        }
        while !self.done {
            self.buf.clear();
            match self.reader.read_until(b'\n', &mut self.buf) {
                Ok(0) => self.done = true,
                Ok(n) => {
                    self.read += n as u64;
                    if let Some(item) = self.item() {
                        return Some(item);
                    }
                }
                Err(e) if e.kind() == std::io::ErrorKind::Interrupted => {}
                Err(e) => {
                    self.done = true;
                    // What `read_until` read before the error stays in `buf`.
                    let read = self.read + self.buf.len() as u64;
                    if read == 0 {
                        return Some(self.file.failed(self.file.io_reason(&e)));
                    }
                    let warning = self.file.broke_off(&e, read);
                    if self.buf.is_empty() {
                        return Some(warning);
                    }
                    self.pending = Some(warning);
                    if let Some(item) = self.item() {
                        return Some(item);
                    }
                    return self.pending.take();
                }
            }
        }
        None
    }
}

fn read_line(file: &InputFile, raw: &[u8], line: u64) -> Item {
    let fallback_id = format!("{}#{line}", file.id_base);
    let failed = |id: String, reason: String| Item::Failed {
        path: file.display(),
        line: Some(line),
        id,
        reason,
    };
    let mut warnings = Vec::new();
    let decoded = decode(raw.to_vec(), &mut warnings);
    let value: Value = match serde_json::from_str(&decoded) {
        Ok(v) => v,
        Err(e) => return failed(fallback_id, format!("malformed JSON: {e}")),
    };
    let Value::Object(obj) = value else {
        return failed(fallback_id, "not a JSON object".to_string());
    };
    from_object(file, &obj, fallback_id, Some(line), warnings)
}

/// The article of one JSON article object (the fields of the module docs),
/// or an [`Item::Failed`] when it has no text; shared with `.json` files.
pub(super) fn from_object(
    file: &InputFile,
    obj: &Map<String, Value>,
    fallback_id: String,
    line: Option<u64>,
    mut warnings: Vec<String>,
) -> Item {
    let id = match obj.get("id") {
        Some(Value::String(s)) if !s.is_empty() => s.clone(),
        Some(Value::Number(n)) => n.to_string(),
        _ => fallback_id,
    };
    let string = |key: &str| obj.get(key).and_then(Value::as_str).map(str::to_string);
    let Some(text) = string("text").or_else(|| string("body")) else {
        return Item::Failed {
            path: file.display(),
            line,
            id,
            reason: "no `text` or `body` string field".to_string(),
        };
    };
    let published_key = ["published", "date", "dct"]
        .into_iter()
        .find(|k| obj.get(*k).is_some_and(|v| !v.is_null()));
    let published = published_key.and_then(|k| match &obj[k] {
        Value::String(s) => Some(s.clone()),
        other => {
            warnings.push(format!(
                "`{k}` is {other}, not a date string; DCT left empty"
            ));
            None
        }
    });
    let mut article = Article {
        id,
        path: file.display(),
        line,
        title: string("title"),
        text,
        source: string("source"),
        url: string("url"),
        ..Article::default()
    };
    if let Some(d) = dct_field(published.as_deref(), &mut warnings) {
        article = article.with_dct(d, DctSource::Json);
    }
    Item::Article { article, warnings }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::input::InputFormat;

    #[test]
    fn lines_become_articles_or_failures() {
        let file = InputFile {
            path: "in/x.jsonl".into(),
            id_base: "x.jsonl".into(),
            format: InputFormat::Jsonl,
            gzip: false,
        };
        let input = concat!(
            "\u{FEFF}{\"id\": \"a\", \"text\": \"Alpha\", \"date\": \"26-FEB-1987 15:01:01.79\"}\n",
            "\n",
            "{\"body\": \"Beta\", \"published\": \"2025-01-29\", \"title\": \"B\"}\r\n",
            "{not json\n",
            "[1, 2]\n",
            "{\"id\": 7, \"text\": 5}\n",
            "{\"text\": \"Gamma\", \"dct\": 20250129}\n",
        );
        let items: Vec<Item> = Lines::new(file, Box::new(input.as_bytes())).collect();
        assert_eq!(items.len(), 6);
        let summary: Vec<String> = items
            .iter()
            .map(|it| match it {
                Item::Article { article, warnings } => format!(
                    "{}@{:?} {:?} {} w{}",
                    article.id,
                    article.line,
                    article.dct.map(|d| d.to_string()),
                    article.text,
                    warnings.len()
                ),
                Item::Failed {
                    id, line, reason, ..
                } => format!("FAIL {id}@{line:?} {}", &reason[..12.min(reason.len())]),
                Item::Warning { reason, .. } => format!("WARN {reason}"),
            })
            .collect();
        assert_eq!(
            summary,
            [
                "a@Some(1) Some(\"1987-02-26\") Alpha w0",
                "x.jsonl#3@Some(3) Some(\"2025-01-29\") Beta w0",
                "FAIL x.jsonl#4@Some(4) malformed JS",
                "FAIL x.jsonl#5@Some(5) not a JSON o",
                "FAIL 7@Some(6) no `text` or",
                "x.jsonl#7@Some(7) None Gamma w1",
            ]
        );
    }
}

//! JSON Lines articles: one JSON object a line.
//!
//! Fields: `text` or `body` (string, required); optional `id` (string or
//! number), `title`, `published` or `date` or `dct` (the first present, a
//! string), `source`, `url`. Blank lines are not articles. A line that is not
//! a JSON object with a text is an [`Item::Failed`] naming the line; the
//! other lines are read as usual.

use serde_json::Value;

use super::{InputFile, Item, dct_field, decode};
use crate::article::{Article, DctSource};

pub(super) fn read(file: &InputFile, bytes: &[u8]) -> Vec<Item> {
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    let mut items = Vec::new();
    for (i, raw) in bytes.split(|&b| b == b'\n').enumerate() {
        let line = i as u64 + 1;
        let raw = raw.strip_suffix(b"\r").unwrap_or(raw);
        if raw.iter().all(u8::is_ascii_whitespace) {
            continue;
        }
        items.push(read_line(file, raw, line));
    }
    items
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
    let id = match obj.get("id") {
        Some(Value::String(s)) if !s.is_empty() => s.clone(),
        Some(Value::Number(n)) => n.to_string(),
        _ => fallback_id,
    };
    let string = |key: &str| obj.get(key).and_then(Value::as_str).map(str::to_string);
    let Some(text) = string("text").or_else(|| string("body")) else {
        return failed(id, "no `text` or `body` string field".to_string());
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
        line: Some(line),
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
            "{\"id\": \"a\", \"text\": \"Alpha\", \"date\": \"26-FEB-1987 15:01:01.79\"}\n",
            "\n",
            "{\"body\": \"Beta\", \"published\": \"2025-01-29\", \"title\": \"B\"}\r\n",
            "{not json\n",
            "[1, 2]\n",
            "{\"id\": 7, \"text\": 5}\n",
            "{\"text\": \"Gamma\", \"dct\": 20250129}\n",
        );
        let items = read(&file, input.as_bytes());
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

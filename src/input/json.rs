//! JSON files: one article object, or an array of article objects.
//!
//! The fields are those of JSON Lines (see the `jsonl` module: `text` or
//! `body`, and optionally `id`, `title`, `published`/`date`/`dct`, `source`,
//! `url`). A single object is one article, its id the file's when it has no
//! `id`, with no line. An array's elements are articles each: without an
//! `id`, element N (1-based) gets the id `FILE#N`, and every element's
//! [`Article::line`](crate::article::Article::line) is the 1-based line of
//! the file where the element starts. An element that is not an object, or
//! has no text, fails alone, naming the file, its element number and line;
//! a file that does not parse is one failure naming the line where parsing
//! stopped. An empty file (or only whitespace) is an article with no text.

use serde_json::Value;
use serde_json::value::RawValue;

use super::{InputFile, Item, decode, jsonl};
use crate::article::Article;

pub(super) fn read(file: &InputFile, bytes: Vec<u8>) -> Vec<Item> {
    let mut warnings = Vec::new();
    let content = decode(bytes, &mut warnings);
    let failed = |line: Option<u64>, id: String, reason: String| Item::Failed {
        path: file.display(),
        line,
        id,
        reason,
    };
    let body = content.trim_start();
    if body.is_empty() {
        let article = Article {
            id: file.id_base.clone(),
            path: file.display(),
            ..Article::default()
        };
        return vec![Item::Article { article, warnings }];
    }
    if !body.starts_with('[') {
        return vec![match serde_json::from_str::<Value>(&content) {
            Ok(Value::Object(obj)) => {
                jsonl::from_object(file, &obj, file.id_base.clone(), None, warnings)
            }
            Ok(_) => failed(
                None,
                file.id_base.clone(),
                "not a JSON object or an array of objects".to_string(),
            ),
            Err(e) => failed(
                Some(e.line() as u64),
                file.id_base.clone(),
                format!("malformed JSON: {e}"),
            ),
        }];
    }
    let elements: Vec<&RawValue> = match serde_json::from_str(&content) {
        Ok(v) => v,
        Err(e) => {
            return vec![failed(
                Some(e.line() as u64),
                file.id_base.clone(),
                format!("malformed JSON: {e}"),
            )];
        }
    };
    // The file's warnings (lossy UTF-8) go with the first article.
    let mut file_warnings = Some(warnings);
    let mut line = 1;
    let mut counted = 0;
    elements
        .iter()
        .enumerate()
        .map(|(i, raw)| {
            let n = i + 1;
            let json = raw.get();
            // Each element is a slice of `content`: its offset gives its line.
            let at = (json.as_ptr() as usize).saturating_sub(content.as_ptr() as usize);
            let at = at.min(content.len());
            line += content.as_bytes()[counted..at.max(counted)]
                .iter()
                .filter(|&&b| b == b'\n')
                .count() as u64;
            counted = at.max(counted);
            let id = format!("{}#{n}", file.id_base);
            match serde_json::from_str::<Value>(json) {
                Ok(Value::Object(obj)) => {
                    let w = file_warnings.take().unwrap_or_default();
                    jsonl::from_object(file, &obj, id, Some(line), w)
                }
                _ => failed(
                    Some(line),
                    id,
                    format!("element {n} of the array is not a JSON object"),
                ),
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::input::InputFormat;

    fn file() -> InputFile {
        InputFile {
            path: "in/batch.json".into(),
            id_base: "batch.json".into(),
            format: InputFormat::Json,
            gzip: false,
        }
    }

    fn summary(items: &[Item]) -> Vec<String> {
        items
            .iter()
            .map(|it| match it {
                Item::Article { article, warnings } => format!(
                    "{}@{:?} {:?} {:?} {} w{}",
                    article.id,
                    article.line,
                    article.title,
                    article.dct.map(|d| d.to_string()),
                    article.text,
                    warnings.len()
                ),
                Item::Failed {
                    id, line, reason, ..
                } => format!("FAIL {id}@{line:?} {reason}"),
                Item::Warning { reason, .. } => format!("WARN {reason}"),
            })
            .collect()
    }

    #[test]
    fn one_object_is_one_article() {
        let items = read(
            &file(),
            br#"{"title": "Rivet ships", "body": "Rivet Labs shipped Bolt 2.", "date": "2025-03-04"}"#
                .to_vec(),
        );
        assert_eq!(
            summary(&items),
            [
                "batch.json@None Some(\"Rivet ships\") Some(\"2025-03-04\") Rivet Labs shipped Bolt 2. w0"
            ]
        );
        let Item::Article { article, .. } = &items[0] else {
            unreachable!()
        };
        assert_eq!(article.dct_source, Some(crate::article::DctSource::Json));
    }

    #[test]
    fn array_elements_get_ids_and_lines_and_fail_alone() {
        let input = "\u{FEFF}[\n  {\"text\": \"One.\"},\n  {\"id\": \"two\", \"text\": \"Two.\",\n   \"published\": \"2024-12-30\"},\n  42,\n\n  {\"title\": \"no text\"},\n  {\"text\": \"Five.\"}\n]\n";
        assert_eq!(
            summary(&read(&file(), input.as_bytes().to_vec())),
            [
                "batch.json#1@Some(2) None None One. w0",
                "two@Some(3) None Some(\"2024-12-30\") Two. w0",
                "FAIL batch.json#3@Some(5) element 3 of the array is not a JSON object",
                "FAIL batch.json#4@Some(7) no `text` or `body` string field",
                "batch.json#5@Some(8) None None Five. w0",
            ]
        );
    }

    #[test]
    fn bad_files_fail_once_with_a_line() {
        let got = summary(&read(
            &file(),
            b"[\n {\"text\": \"a\"},\n {oops}\n]".to_vec(),
        ));
        assert_eq!(got.len(), 1);
        assert!(
            got[0].starts_with("FAIL batch.json@Some(3) malformed JSON"),
            "{got:?}"
        );
        assert_eq!(
            summary(&read(&file(), b"\"just a string\"".to_vec())),
            ["FAIL batch.json@None not a JSON object or an array of objects"]
        );
        assert_eq!(
            summary(&read(&file(), b"  \n".to_vec())),
            ["batch.json@None None None  w0"]
        );
    }
}

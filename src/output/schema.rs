//! JSON Schemas (draft 2020-12) of the records `newsie extract` writes,
//! generated from the record types themselves, so they cannot drift from
//! the output (`newsie schema`).
//!
//! Each JSONL record schema has the `"record"` tag as a constant
//! (`"record": "mention"`); `provenance` is the schema of a folder's
//! `provenance.json`.

use schemars::{JsonSchema, Schema, SchemaGenerator};
use serde_json::{Value, json};

use super::record::{ArticleRecord, EventRecord, MentionRecord, NoticeRecord, SCHEMA_VERSION};
use crate::provenance::Provenance;

/// The record types with a schema, in the order `newsie schema` prints them.
pub const RECORD_TYPES: [&str; 6] = [
    "article",
    "mention",
    "event",
    "error",
    "warning",
    "provenance",
];

fn generate<T: JsonSchema>(tag: Option<&str>) -> Value {
    let mut schema: Schema = SchemaGenerator::default().into_root_schema_for::<T>();
    if let Some(tag) = tag {
        if let Some(props) = schema.get_mut("properties").and_then(Value::as_object_mut) {
            props.insert(
                "record".into(),
                json!({"const": tag, "description": "The record type tag."}),
            );
        }
        if let Some(required) = schema.get_mut("required").and_then(Value::as_array_mut) {
            required.insert(0, json!("record"));
        }
        // Every record of a type has exactly these keys.
        schema.insert("additionalProperties".into(), json!(false));
    }
    // Every record of a type has every key (null where it does not apply).
    let keys: Vec<Value> = schema
        .get("properties")
        .and_then(Value::as_object)
        .map(|p| p.keys().map(|k| json!(k)).collect())
        .unwrap_or_default();
    if tag.is_some() {
        schema.insert("required".into(), Value::Array(keys));
    }
    let mut value = schema.to_value();
    plain_descriptions(&mut value);
    if let Some(obj) = value.as_object_mut() {
        obj.insert("x-newsie-schema-version".into(), json!(SCHEMA_VERSION));
    }
    value
}

/// Doc-comment links (`` [`Name`] ``) as plain code spans in every
/// `description`.
fn plain_descriptions(v: &mut Value) {
    match v {
        Value::Object(map) => {
            for (k, x) in map.iter_mut() {
                match x {
                    Value::String(s) if k == "description" => {
                        *s = s.replace("[`", "`").replace("`]", "`");
                    }
                    _ => plain_descriptions(x),
                }
            }
        }
        Value::Array(items) => items.iter_mut().for_each(plain_descriptions),
        _ => {}
    }
}

/// The schema of one record type ([`RECORD_TYPES`]), or `None` for another
/// name.
pub fn schema(record: &str) -> Option<Value> {
    Some(match record {
        "article" => generate::<ArticleRecord>(Some("article")),
        "mention" => generate::<MentionRecord>(Some("mention")),
        "event" => generate::<EventRecord>(Some("event")),
        "error" | "warning" => generate::<NoticeRecord>(Some(record)),
        "provenance" => generate::<Provenance>(None),
        _ => return None,
    })
}

/// Every schema, keyed by record type.
pub fn all() -> Value {
    Value::Object(
        RECORD_TYPES
            .iter()
            .map(|r| (r.to_string(), schema(r).expect("a known record type")))
            .collect(),
    )
}

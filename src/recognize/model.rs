//! Model names by family pattern: versions the lists do not have yet.
//!
//! Model families ship faster than any list: "Qwen 3.5", "Llama 4 Maverick",
//! "GPT-5", "DeepSeek-V4", "Claude Opus 4.1". For every family the model
//! gazetteer writes as a name prefix ([`Gazetteer::families`]: `Qwen`,
//! `GPT`, `Llama`, `DeepSeek`, `Claude` …), this recognizer finds
//!
//! ```text
//! FAMILY [sep TIER] [sep] VERSION (sep VARIANT | sep SIZE)*
//! ```
//!
//! - `sep` is a space or a hyphen (or nothing before the version: `Qwen3`);
//! - `VERSION` is an optional `V`, `R` or `K` and a number of one or two
//!   digits with optional `.N` parts and one lowercase letter (`2.5`, `V3`,
//!   `R1`, `K2`, `4o`);
//! - `VARIANT` and `TIER` are words of [`VARIANTS`] (`Max`, `Pro`, `mini`,
//!   `Sonnet`, `Maverick`, `Coder`, `VL`, `Instruct` …), `SIZE` a parameter
//!   count (`72B`, `8x7B`, `A22B`).
//!
//! A second pattern takes hyphenated model ids with a parameter count in
//! billions (`vdr-2b-multi-v1`, `SmolLM2-1.7B-Instruct`), from families the
//! lists do not know: the first part (three letters or more, so not the
//! aircraft `EA-6B` or `AV-8B`) is the family.
//!
//! The family is matched in any case (a version number makes `qwen3-235b`
//! unambiguous). A name whose key ([`crate::gazetteer::model_key`]) is in the
//! lists links to that entity (`deepseek-r1` → DeepSeek-R1); any other is an
//! **unlisted** model, linked to its family and the family's developer and
//! flagged as not in the gazetteer. A hyphen before an ordinary word ends
//! the name (`DeepSeek-V3-powered`), one before a variant does not
//! (`Qwen2.5-Coder`): since the longer candidate wins overlap resolution, an
//! unlisted variant is never cut to its listed base.

use regex::Regex;

use crate::gazetteer::fold::Folded;
use crate::gazetteer::{Gazetteer, model_key};
use crate::mention::{Mention, MentionType, MentionValue};

/// Variant and tier words that continue a model name (matched in any case).
pub const VARIANTS: &[&str] = &[
    "Max",
    "Pro",
    "Plus",
    "Turbo",
    "Flash",
    "Lite",
    "Mini",
    "Nano",
    "Ultra",
    "Omni",
    "Coder",
    "Code",
    "VL",
    "Vision",
    "Audio",
    "Math",
    "Instruct",
    "Chat",
    "Base",
    "Preview",
    "Sonnet",
    "Opus",
    "Haiku",
    "Maverick",
    "Scout",
    "Behemoth",
    "Thinking",
    "Reasoner",
    "Large",
    "Medium",
    "Small",
    "Air",
    "Exp",
    "Experimental",
    "Next",
    "Distill",
    "Image",
    "Video",
    "TTS",
    "Realtime",
    "Deep",
    "Think",
    "Edit",
    "Embedding",
    "Guard",
    "Speech",
    "Long",
    "High",
];

/// Finds model names by family pattern; built from the gazetteer's families.
#[derive(Debug)]
pub struct ModelRecognizer {
    /// `None` when the gazetteer has no families.
    re: Option<Regex>,
    /// Hyphenated ids with a size in billions.
    sized: Regex,
    /// Family names (lowercase) -> (family as listed, developer id).
    families: Vec<(String, String, Option<String>)>,
}

impl ModelRecognizer {
    /// Compiles the family pattern of `gazetteer`.
    pub fn new(gazetteer: &Gazetteer) -> ModelRecognizer {
        let families: Vec<(String, String, Option<String>)> = gazetteer
            .families()
            .iter()
            .map(|(f, d)| (f.to_lowercase(), f.clone(), d.clone()))
            .collect();
        let sized = Regex::new(
            r"(?-u:\b)[A-Za-z][A-Za-z0-9.]*[A-Za-z][A-Za-z0-9.]*[A-Za-z][A-Za-z0-9.]*(?:-[A-Za-z0-9.]+)*-\d{1,4}(?:\.\d)?[bB](?:-[A-Za-z0-9.]+)*(?-u:\b)",
        )
        .expect("sized model pattern");
        if families.is_empty() {
            return ModelRecognizer {
                re: None,
                sized,
                families,
            };
        }
        let names: Vec<String> = families.iter().map(|(_, f, _)| regex::escape(f)).collect();
        let mut variants: Vec<&str> = VARIANTS.to_vec();
        variants.sort_by_key(|v| std::cmp::Reverse(v.len()));
        // "Next" only capitalised: "Qwen3-Next", but "Llama 4 next month".
        let variants = variants
            .iter()
            .map(|v| if *v == "Next" { "(?-i:Next)" } else { v })
            .collect::<Vec<_>>()
            .join("|");
        let size = r"\d{1,4}(?:\.\d)?[BMK]|\d{1,2}x\d{1,3}B|A\d{1,3}B";
        let pattern = format!(
            r"(?i)(?-u:\b)(?P<family>{families})(?:[ -](?:{variants}))?(?:[ -]?)[VRK]?\d{{1,2}}(?:\.\d{{1,2}})*(?-i:[a-z])?(?:[ -](?:(?:{variants})|(?-i:{size})))*(?-u:\b)",
            families = names.join("|"),
        );
        let re = Regex::new(&pattern).expect("model family pattern");
        ModelRecognizer {
            re: Some(re),
            sized,
            families,
        }
    }

    /// Appends a model candidate for every family-pattern name in `text`.
    pub fn find(&self, text: &str, gazetteer: &Gazetteer, out: &mut Vec<Mention>) {
        // Matched on the folded text, like the gazetteer (`GPT\u{2011}6`,
        // `Qwen\u{A0}3.5`, `ＧＰＴ－６`), with spans mapped back.
        let folded = Folded::new(text);
        let hay = std::str::from_utf8(folded.bytes()).expect("folding keeps UTF-8");
        let first = out.len();
        for caps in self.re.iter().flat_map(|re| re.captures_iter(hay)) {
            let whole = caps.get(0).expect("group 0");
            let family = caps.name("family").expect("family group");
            // A letter or digit right after the name means it goes on (`GPT-4x`).
            if hay[whole.end()..]
                .chars()
                .next()
                .is_some_and(char::is_alphanumeric)
            {
                continue;
            }
            let Some(span) = folded.original(whole.start(), whole.end()) else {
                continue;
            };
            // Not across a table's column gap or a line break ("ELMO     1").
            if span_has_gap(span.slice(text)) {
                continue;
            }
            let surface = whole.as_str();
            let value = match gazetteer.model_by_key(&model_key(surface)) {
                Some(e) => MentionValue::Entity(e),
                None => {
                    let lower = family.as_str().to_lowercase();
                    let Some((_, listed, developer)) =
                        self.families.iter().find(|(f, _, _)| *f == lower)
                    else {
                        continue;
                    };
                    // The family as listed: `gpt-6` is GPT-6.
                    let rest = &surface[family.end() - whole.start()..];
                    MentionValue::UnlistedModel {
                        name: format!("{listed}{rest}"),
                        family: listed.clone(),
                        developer: developer.clone(),
                    }
                }
            };
            out.push(Mention {
                span,
                kind: MentionType::Model,
                source: "pattern",
                value,
            });
        }
        // Ids with a size from families the lists do not know.
        for m in self.sized.find_iter(hay) {
            let surface = m.as_str();
            let Some(span) = folded.original(m.start(), m.end()) else {
                continue;
            };
            if span_has_gap(span.slice(text)) {
                continue;
            }
            // The family pattern found it already (`Llama-3.1-405B`).
            if out[first..]
                .iter()
                .any(|o| o.span.start < span.end && span.start < o.span.end)
            {
                continue;
            }
            if hay[m.end()..].starts_with(|c: char| c.is_alphanumeric())
                || hay[..m.start()].ends_with(|c: char| c.is_alphanumeric() || c == '/')
            {
                continue;
            }
            let value = match gazetteer.model_by_key(&model_key(surface)) {
                Some(e) => MentionValue::Entity(e),
                None => {
                    let head = surface.split('-').next().unwrap_or(surface);
                    let lower = head.to_lowercase();
                    let known = self
                        .families
                        .iter()
                        .find(|(f, _, _)| lower.starts_with(f.as_str()));
                    MentionValue::UnlistedModel {
                        name: surface.to_string(),
                        family: known.map_or(head.to_string(), |(_, f, _)| f.clone()),
                        developer: known.and_then(|(_, _, d)| d.clone()),
                    }
                }
            };
            out.push(Mention {
                span,
                kind: MentionType::Model,
                source: "pattern",
                value,
            });
        }
    }
}

/// Two or more whitespace characters in a row, or a line break or tab.
fn span_has_gap(surface: &str) -> bool {
    surface.contains(['\n', '\r', '\t'])
        || surface
            .chars()
            .zip(surface.chars().skip(1))
            .any(|(a, b)| a.is_whitespace() && b.is_whitespace())
}

#[cfg(test)]
mod tests {
    use super::*;

    const COMPANIES: &str = "id\tcanonical\nalibaba\tAlibaba\nopenai\tOpenAI\nmeta\tMeta\n\
        deepseek\tDeepSeek\nanthropic\tAnthropic\n";
    const MODELS: &str = "id\tcanonical\tdeveloper\tfamily\n\
        qwen-2.5\tQwen 2.5\talibaba\tQwen\n\
        qwen-2.5-max\tQwen 2.5-Max\talibaba\tQwen\n\
        gpt-4o\tGPT-4o\topenai\tGPT\n\
        o1\to1\topenai\to-series\n\
        llama-3\tLlama 3\tmeta\tLlama\n\
        deepseek-r1\tDeepSeek-R1\tdeepseek\tDeepSeek\n\
        claude-3.5-sonnet\tClaude 3.5 Sonnet\tanthropic\tClaude\n";

    #[test]
    fn unseen_versions_link_to_family_and_developer() {
        let g = Gazetteer::from_strs(("c", COMPANIES), ("m", MODELS)).unwrap();
        let r = ModelRecognizer::new(&g);
        let cases: &[(&str, &[(&str, &str)])] = &[
            (
                "Qwen 3 is out",
                &[("Qwen 3", "unlisted Qwen 3 Qwen alibaba")],
            ),
            (
                "Llama 4 Maverick and Llama-3.1-405B",
                &[
                    ("Llama 4 Maverick", "unlisted Llama 4 Maverick Llama meta"),
                    ("Llama-3.1-405B", "unlisted Llama-3.1-405B Llama meta"),
                ],
            ),
            (
                "GPT-5 beats GPT-4o",
                &[
                    ("GPT-5", "unlisted GPT-5 GPT openai"),
                    ("GPT-4o", "entity gpt-4o"),
                ],
            ),
            (
                "DeepSeek-V4 and deepseek-r1",
                &[
                    ("DeepSeek-V4", "unlisted DeepSeek-V4 DeepSeek deepseek"),
                    ("deepseek-r1", "entity deepseek-r1"),
                ],
            ),
            (
                "Claude Opus 4.1 vs Claude 3.5 Sonnet",
                &[
                    (
                        "Claude Opus 4.1",
                        "unlisted Claude Opus 4.1 Claude anthropic",
                    ),
                    ("Claude 3.5 Sonnet", "entity claude-3.5-sonnet"),
                ],
            ),
            (
                "Qwen2.5-Coder-32B-Instruct",
                &[(
                    "Qwen2.5-Coder-32B-Instruct",
                    "unlisted Qwen2.5-Coder-32B-Instruct Qwen alibaba",
                )],
            ),
            (
                "a DeepSeek-V3-powered app",
                &[("DeepSeek-V3", "unlisted DeepSeek-V3 DeepSeek deepseek")],
            ),
            ("Qwen2.5-Max", &[("Qwen2.5-Max", "entity qwen-2.5-max")]),
            (
                "gpt-6 and GPT\u{2011}6 and Qwen\u{a0}3.5",
                &[
                    ("gpt-6", "unlisted GPT-6 GPT openai"),
                    ("GPT\u{2011}6", "unlisted GPT-6 GPT openai"),
                    ("Qwen\u{a0}3.5", "unlisted Qwen 3.5 Qwen alibaba"),
                ],
            ),
            (
                "the vdr-2b-multi-v1 embedder",
                &[("vdr-2b-multi-v1", "unlisted vdr-2b-multi-v1 vdr -")],
            ),
            ("an F-35B jet and the EA-6B Prowler", &[]),
            ("QWEN      1\nQwen\n3", &[]),
            // Not versions: a year, a version that goes on, no version at all.
            ("GPT 2024 and GPT-4z9 and Qwen team", &[]),
        ];
        for (text, want) in cases {
            let mut out = Vec::new();
            r.find(text, &g, &mut out);
            let got: Vec<(&str, String)> = out
                .iter()
                .map(|m| {
                    let v = match &m.value {
                        MentionValue::Entity(e) => format!("entity {}", g.entity(*e).id),
                        MentionValue::UnlistedModel {
                            name,
                            family,
                            developer,
                        } => format!(
                            "unlisted {name} {family} {}",
                            developer.as_deref().unwrap_or("-")
                        ),
                        other => format!("{other:?}"),
                    };
                    (m.span.slice(text), v)
                })
                .collect();
            let want: Vec<(&str, String)> = want.iter().map(|(a, b)| (*a, b.to_string())).collect();
            assert_eq!(got, want, "{text:?}");
        }
    }
}

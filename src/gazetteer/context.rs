//! Context rules for ambiguous one-word names (`context=required`).
//!
//! Some names are ordinary words or names as often as they are the entity:
//! `Target`, `Gap`, `Block` (companies); `o1`, `R1`, `Gemini`, `Claude`,
//! `Llama` (models). Their matches come out of the matcher flagged
//! [`super::GazetteerMatch::needs_context`] and count only when the text
//! around them says which sense is meant:
//!
//! - **company**: the sentence has a company cue word ([`COMPANY_CUES`]:
//!   `shares`, `Inc`, `retailer`, `CEO` …), a ticker mention, or the name
//!   stands in a list of companies ("Apple, Target and Gap said");
//! - **model**: the sentence mentions the model's developer (or its parent or
//!   unit: `Google` for Gemini); or the sentence has an AI cue ([`AI_CUES`]:
//!   `model`, `LLM`, `chatbot` …, or another model mention) and the name is at
//!   least four characters long or its developer was named earlier in the
//!   article; or the developer was named earlier and the name follows `its`
//!   or `their` ("DeepSeek … its R1"). So "OpenAI's o1" and "the R1 model"
//!   (in a DeepSeek story) count, "Gemini" in a horoscope does not.

use crate::mention::{Mention, MentionType, MentionValue};
use crate::tokenize::{Sentence, Token};

use super::{EntityKind, Gazetteer};

/// Words (compared lowercase) that make a sentence about a company.
pub const COMPANY_CUES: &[&str] = &[
    "inc",
    "corp",
    "corporation",
    "co",
    "ltd",
    "plc",
    "llc",
    "company",
    "companies",
    "firm",
    "firms",
    "group",
    "shares",
    "share",
    "stock",
    "stocks",
    "shareholders",
    "investors",
    "retailer",
    "retailers",
    "chain",
    "stores",
    "store",
    "maker",
    "makers",
    "brand",
    "ceo",
    "executive",
    "chairman",
    "revenue",
    "revenues",
    "profit",
    "profits",
    "earnings",
    "sales",
    "quarter",
    "quarterly",
    "acquire",
    "acquired",
    "acquisition",
    "merger",
    "subsidiary",
    "unit",
    "startup",
    "start-up",
    "rival",
    "rivals",
    "competitor",
    "listed",
    "nyse",
    "nasdaq",
    "dividend",
    "analysts",
    "customers",
    "airline",
    "airlines",
    "carrier",
    "bank",
    "lender",
    "insurer",
    "brokerage",
    "spokesperson",
    "spokesman",
    "spokeswoman",
    "employee",
    "employees",
    "employer",
    "staff",
    "founder",
    "owner",
    "owned",
    "division",
    "products",
    "services",
    "deal",
    "takeover",
    "bid",
    "stake",
    "partner",
    "partnership",
    "headquarters",
    "headquartered",
    "chief",
];

/// Words (compared lowercase) that make a sentence about AI models.
pub const AI_CUES: &[&str] = &[
    "model",
    "models",
    "llm",
    "llms",
    "ai",
    "a.i",
    "genai",
    "chatbot",
    "chatbots",
    "assistant",
    "reasoning",
    "multimodal",
    "open-source",
    "open-weight",
    "weights",
    "parameters",
    "benchmark",
    "benchmarks",
    "api",
    "tokens",
    "fine-tuned",
    "fine-tuning",
    "inference",
    "prompt",
    "prompts",
    "prompting",
    "checkpoint",
    "gpt",
    "transformer",
    "generative",
    "agentic",
];

/// Evaluates the context rules over one article's candidates.
#[derive(Debug)]
pub struct ContextCheck<'a> {
    gazetteer: &'a Gazetteer,
    text: &'a str,
    tokens: &'a [Token],
    sentences: &'a [Sentence],
    candidates: &'a [Mention],
    /// Which candidates are themselves conditional (they give no context).
    conditional: &'a [bool],
    /// Candidate indices sorted by start, so that a sentence's candidates
    /// are found by binary search (linear time over an article).
    order: Vec<usize>,
    /// Per developer id: the earliest end of a company candidate related to
    /// it (for "its developer was named earlier"), computed once.
    developer_end: std::cell::RefCell<std::collections::HashMap<String, Option<usize>>>,
}

impl<'a> ContextCheck<'a> {
    /// A check over `candidates` (gazetteer and recognizer mentions before
    /// overlap resolution); `conditional[i]` flags the candidates that need
    /// context themselves (shorter than `candidates`: the rest are not).
    pub fn new(
        gazetteer: &'a Gazetteer,
        text: &'a str,
        tokens: &'a [Token],
        sentences: &'a [Sentence],
        candidates: &'a [Mention],
        conditional: &'a [bool],
    ) -> ContextCheck<'a> {
        let mut order: Vec<usize> = (0..candidates.len()).collect();
        order.sort_by_key(|&j| candidates[j].span.start);
        ContextCheck {
            gazetteer,
            text,
            tokens,
            sentences,
            candidates,
            conditional,
            order,
            developer_end: Default::default(),
        }
    }

    /// True when candidate `i` (a gazetteer entity) has the context its type
    /// needs.
    pub fn holds(&self, i: usize) -> bool {
        let m = &self.candidates[i];
        let MentionValue::Entity(e) = m.value else {
            return true;
        };
        let entity = self.gazetteer.entity(e);
        let Some(s) = self.sentence_of(m.span.start) else {
            return false;
        };
        let sentence = &self.sentences[s];
        let words: Vec<String> = self.tokens[sentence.first_token..sentence.end_token]
            .iter()
            .filter(|t| !t.span.contains(m.span))
            .map(|t| t.text(self.text).to_lowercase())
            .collect();
        let has = |cues: &[&str]| words.iter().any(|w| cues.contains(&w.as_str()));
        let in_sentence = |j: usize| {
            j != i
                && !self.conditional.get(j).copied().unwrap_or(false)
                && sentence.span.contains(self.candidates[j].span)
        };
        match entity.kind {
            // A flat list's own types have no context policy.
            EntityKind::Listed(_) => true,
            EntityKind::Company | EntityKind::Organization => {
                // A cue word, a ticker, or a list of companies: "Apple,
                // Target and Gap said".
                let listed_with = |j: usize| {
                    let c = &self.candidates[j];
                    if j == i || c.kind != MentionType::Company {
                        return false;
                    }
                    let between = if c.span.end <= m.span.start {
                        &self.text[c.span.end..m.span.start]
                    } else if m.span.end <= c.span.start {
                        &self.text[m.span.end..c.span.start]
                    } else {
                        return false;
                    };
                    matches!(between.trim(), "," | "and" | ", and" | "&" | "or" | ", or")
                };
                has(COMPANY_CUES)
                    || self.starting_in(sentence.span).any(|j| {
                        (in_sentence(j) && self.candidates[j].kind == MentionType::Ticker)
                            || listed_with(j)
                    })
            }
            EntityKind::Model => {
                let developer = entity.developer.as_deref();
                let by_developer = |j: usize| {
                    let MentionValue::Entity(c) = self.candidates[j].value else {
                        return false;
                    };
                    let c = self.gazetteer.entity(c);
                    c.kind == EntityKind::Company
                        && developer.is_some_and(|d| self.gazetteer.related(&c.id, d))
                };
                if self
                    .starting_in(sentence.span)
                    .any(|j| in_sentence(j) && by_developer(j))
                {
                    return true;
                }
                let developer_before = developer.is_some_and(|d| {
                    let mut memo = self.developer_end.borrow_mut();
                    let first = *memo.entry(d.to_string()).or_insert_with(|| {
                        (0..self.candidates.len())
                            .filter(|&j| by_developer(j))
                            .map(|j| self.candidates[j].span.end)
                            .min()
                    });
                    first.is_some_and(|end| end <= m.span.start)
                });
                let ai_cue = has(AI_CUES)
                    || self
                        .starting_in(sentence.span)
                        .any(|j| in_sentence(j) && self.candidates[j].kind == MentionType::Model);
                let long = entity_name_len(self.text, m) >= 4;
                let possessed = self.text[..m.span.start]
                    .split_whitespace()
                    .next_back()
                    .is_some_and(|w| matches!(w.to_lowercase().as_str(), "its" | "their"));
                (ai_cue && (long || developer_before)) || (developer_before && possessed)
            }
        }
    }

    /// The candidates starting inside `span`.
    fn starting_in(&self, span: crate::span::Span) -> impl Iterator<Item = usize> + '_ {
        let first = self
            .order
            .partition_point(|&j| self.candidates[j].span.start < span.start);
        self.order[first..]
            .iter()
            .copied()
            .take_while(move |&j| self.candidates[j].span.start < span.end)
    }

    fn sentence_of(&self, byte: usize) -> Option<usize> {
        let s = self.sentences.partition_point(|s| s.span.end <= byte);
        (s < self.sentences.len()).then_some(s)
    }
}

fn entity_name_len(text: &str, m: &Mention) -> usize {
    m.span.slice(text).chars().count()
}

#[cfg(test)]
mod tests {
    use crate::gazetteer::Gazetteer;
    use crate::{Article, Pipeline};

    const COMPANIES: &str = "id\tcanonical\taliases\tcase\tcontext\ttickers\n\
        target\tTarget\tTarget Corp\texact\trequired\tTGT@XNYS\n\
        deepseek\tDeepSeek\t\t\t\t\n\
        openai\tOpenAI\t\t\t\t\n\
        alphabet\tAlphabet\t\t\t\t\n\
        google\tGoogle\t\t\t\t\n";
    const MODELS: &str = "id\tcanonical\taliases\tdeveloper\tcase\tcontext\n\
        deepseek-r1\tDeepSeek-R1\tR1\tdeepseek\texact\trequired\n\
        o1\to1\t\topenai\texact\trequired\n\
        gemini\tGemini\t\tgoogle\texact\trequired\n";

    fn found(text: &str) -> Vec<(String, String)> {
        let g = Gazetteer::from_strs(("c", COMPANIES), ("m", MODELS)).unwrap();
        Pipeline::with_gazetteer(g)
            .process(&Article::new("t", text))
            .mentions
            .into_iter()
            .filter(|m| matches!(m.kind, "company" | "model"))
            .map(|m| (m.text, m.entity_id.unwrap_or_default()))
            .collect()
    }

    #[test]
    fn context_rules() {
        let cases: &[(&str, &[(&str, &str)])] = &[
            ("Target cut prices.", &[]),
            ("Target shares fell.", &[("Target", "target")]),
            ("Target (NYSE: TGT) fell.", &[("Target", "target")]),
            ("Our target is growth.", &[]),
            (
                "OpenAI and Target said.",
                &[("OpenAI", "openai"), ("Target", "target")],
            ),
            ("OpenAI hit its target.", &[("OpenAI", "openai")]),
            (
                "OpenAI's o1 is here.",
                &[("OpenAI", "openai"), ("o1", "o1")],
            ),
            ("Score o1 points.", &[]),
            (
                "DeepSeek is a lab. Its R1 model is cheap.",
                &[("DeepSeek", "deepseek"), ("R1", "deepseek-r1")],
            ),
            (
                "DeepSeek grew. Analysts praised its R1.",
                &[("DeepSeek", "deepseek"), ("R1", "deepseek-r1")],
            ),
            ("The R1 model is cheap.", &[]),
            ("Route R1 is closed.", &[]),
            ("The Gemini model beat rivals.", &[("Gemini", "gemini")]),
            (
                "Google released Gemini.",
                &[("Google", "google"), ("Gemini", "gemini")],
            ),
            ("Gemini is my star sign.", &[]),
        ];
        for (text, want) in cases {
            let want: Vec<(String, String)> = want
                .iter()
                .map(|(a, b)| (a.to_string(), b.to_string()))
                .collect();
            assert_eq!(found(text), want, "{text:?}");
        }
    }
}

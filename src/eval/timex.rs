//! The TIMEX3 span of the TimeML readers ([`super::timeml`]).

/// One temporal expression: a span, its TIMEX3 type and value.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Timex3 {
    /// Start offset.
    pub start: usize,
    /// End offset (exclusive).
    pub end: usize,
    /// Surface text, for reports.
    pub text: String,
    /// TIMEX3 type: `DATE`, `TIME`, `DURATION` or `SET`.
    pub timex_type: String,
    /// TIMEX3 value (`2025-01-29`, `P3W`), `None` when unresolved.
    pub value: Option<String>,
}

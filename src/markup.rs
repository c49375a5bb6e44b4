//! Non-prose spans: markup that web-scraped and markdown news carries inside
//! its text, where no mention should be found.
//!
//! - URLs (`https://huggingface.co/Qwen/Qwen2.5-7B`, `www.example.com/a`) and
//!   e-mail addresses;
//! - HTML tags with attributes or lowercase names (`<img src="…" width="90%">`,
//!   `</p>`), but not the capitalized wire-service codes of Reuters-21578
//!   (`<IBM>`, `<FCSI>`), which name companies;
//! - template shortcodes (`{{< figure src="…" >}}`, `{{% note %}}`), except
//!   the values of their `label`, `title` and `caption` attributes, which
//!   the page shows as text (`{{< button href="…" label="HUGGING FACE" >}}`).
//!
//! The pipeline drops every candidate mention that overlaps one of these spans,
//! before overlap resolution.

use regex::Regex;

use crate::span::Span;

/// Finds non-prose spans; build once, share between threads.
#[derive(Debug)]
pub struct Markup {
    re: Regex,
}

impl Default for Markup {
    fn default() -> Self {
        let re = Regex::new(
            r#"(?x)
              (?:https?|ftp)://[^\s<>"'\)\]]+
            | (?-u:\b)www\.[A-Za-z0-9-]+\.[^\s<>"'\)\]]+
            | [A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)+
            | </?[a-z][a-z0-9]*(?:\s[^<>]*)?/?>
            | <[A-Za-z][A-Za-z0-9]*\s[^<>]*=[^<>]*>
            | \{\{[<%].*?[>%]\}\}
            "#,
        )
        .expect("markup regex");
        Markup { re }
    }
}

impl Markup {
    /// The non-prose spans of `text`, in order, not overlapping.
    ///
    /// ```
    /// use newsie::markup::Markup;
    /// let text = r#"See https://huggingface.co/Qwen/Qwen2.5 and <img width="90%"> for Qwen 2.5."#;
    /// let spans: Vec<&str> = Markup::default().find(text).iter().map(|s| s.slice(text)).collect();
    /// assert_eq!(spans, ["https://huggingface.co/Qwen/Qwen2.5", r#"<img width="90%">"#]);
    /// ```
    pub fn find(&self, text: &str) -> Vec<Span> {
        let mut out = Vec::new();
        for m in self.re.find_iter(text) {
            let mut from = m.start();
            if m.as_str().starts_with("{{") {
                for (s, e) in shown_values(m.as_str()) {
                    out.push(Span::new(from, m.start() + s));
                    from = m.start() + e;
                }
            }
            out.push(Span::new(from, m.end()));
        }
        out
    }
}

/// Byte ranges (within a shortcode) of the quoted values of the attributes a
/// page displays: `label`, `title`, `caption`.
fn shown_values(code: &str) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    for attr in ["label=\"", "title=\"", "caption=\""] {
        let mut at = 0;
        while let Some(i) = code[at..].find(attr) {
            let start = at + i + attr.len();
            let Some(len) = code[start..].find('"') else {
                break;
            };
            out.push((start, start + len));
            at = start + len;
        }
    }
    out.sort_unstable();
    out
}

/// True when `span` overlaps any of the sorted, disjoint `spans`.
pub fn overlaps_any(spans: &[Span], span: Span) -> bool {
    let i = spans.partition_point(|s| s.end <= span.start);
    spans.get(i).is_some_and(|s| s.start < span.end)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn markup_forms() {
        let cases: &[(&str, &[&str])] = &[
            (
                "at https://x.test/a/Qwen2.5?x=1.",
                &["https://x.test/a/Qwen2.5?x=1."],
            ),
            ("(see www.qwenlm.ai/blog)", &["www.qwenlm.ai/blog"]),
            (
                "write to press@alibaba-inc.com today",
                &["press@alibaba-inc.com"],
            ),
            (
                r#"<img src="a.png" width="90%">"#,
                &[r#"<img src="a.png" width="90%">"#],
            ),
            ("<p>Text</p>", &["<p>", "</p>"]),
            (
                r#"{{< figure src="x.png" >}}"#,
                &[r#"{{< figure src="x.png" >}}"#],
            ),
            (
                r#"{{< button href="https://huggingface.co/Qwen" label="HUGGING FACE" >}}"#,
                &[
                    r#"{{< button href="https://huggingface.co/Qwen" label=""#,
                    r#"" >}}"#,
                ],
            ),
            ("Standard Oil <SRD> and IBM <IBM>", &[]),
            ("prices rose 5% < 10% > 3%", &[]),
        ];
        let m = Markup::default();
        for (text, want) in cases {
            let got: Vec<&str> = m.find(text).iter().map(|s| s.slice(text)).collect();
            assert_eq!(&got, want, "{text:?}");
        }
    }

    #[test]
    fn overlap_lookup() {
        let spans = [Span::new(5, 10), Span::new(20, 30)];
        assert!(overlaps_any(&spans, Span::new(8, 12)));
        assert!(overlaps_any(&spans, Span::new(0, 6)));
        assert!(!overlaps_any(&spans, Span::new(10, 20)));
        assert!(!overlaps_any(&spans, Span::new(31, 40)));
    }
}

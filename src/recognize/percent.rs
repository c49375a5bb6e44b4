//! Percentages: `97%`, `3.2 %`, `55 pct` (Reuters), `20 percent`, `20 per cent`,
//! numbers in words from one to a hundred (`eight per cent`, `five pct`),
//! and changes in percentage points: `3 percentage points`, `2 pct points`,
//! `1.5 points` after a percentage word (`pct`, `percent`, `percentage`).
//!
//! The value is in percent (`97`, not `0.97`) and unsigned: direction (a cut
//! or a rise) is the business of the event rules, not of the number. A point
//! change is flagged (`points`), since "up 3 percentage points" from 10% is
//! 13%, not 10.3%. Bare `points` (`the Dow fell 50 points`) is index points
//! and not recognized.

use regex::Regex;

use super::number::scale_decimal;
use super::timex::exact_number;
use crate::mention::{Mention, MentionType, MentionValue};
use crate::span::Span;

/// Recognizes percentages.
#[derive(Debug)]
pub struct PercentRecognizer {
    re: Regex,
}

impl Default for PercentRecognizer {
    fn default() -> Self {
        let re = Regex::new(
            r"(?-u:\b)(?P<num>\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?|(?i:(?:twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety)(?:-(?:one|two|three|four|five|six|seven|eight|nine))?|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen|a\x20hundred))(?:[\s-](?P<points>(?i:percentage|percent|pct)[\s-]points?)(?-u:\b)|\s?%|[\s-](?i:percent|per\s?cent|pct)(?-u:\b))",
        )
        .expect("percent regex");
        PercentRecognizer { re }
    }
}

impl PercentRecognizer {
    /// Finds percentages in `text`.
    pub fn find(&self, text: &str, out: &mut Vec<Mention>) {
        for c in self.re.captures_iter(text) {
            let whole = c.get(0).expect("group 0");
            let num = &c["num"];
            // Words ("eight", "twenty-five") as the temporal recognizer reads them.
            let words = num.starts_with(|c: char| c.is_ascii_alphabetic());
            let percent = if words {
                exact_number(num).map(|n| n.to_string())
            } else {
                scale_decimal(num, 0)
            };
            let Some(percent) = percent else {
                continue;
            };
            out.push(Mention {
                span: Span::new(whole.start(), whole.end()),
                kind: MentionType::Percent,
                source: "pattern",
                value: MentionValue::Percent {
                    percent,
                    points: c.name("points").is_some(),
                },
            });
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn percent_forms() {
        let cases: &[(&str, &[(&str, &str)])] = &[
            ("by up to 97% on", &[("97%", "97")]),
            ("fell 3.2 % to", &[("3.2 %", "3.2")]),
            ("a 55 pct interest", &[("55 pct", "55")]),
            ("rose 20 percent", &[("20 percent", "20")]),
            ("rose 20 per cent", &[("20 per cent", "20")]),
            ("a 10-percent stake", &[("10-percent", "10")]),
            ("up 1,200%", &[("1,200%", "1200")]),
            ("2 percentage points", &[("2 percentage points", "2 pp")]),
            ("up 1.5 pct points", &[("1.5 pct points", "1.5 pp")]),
            ("the Dow fell 50 points", &[]),
            ("Qwen 2.5 model", &[]),
            ("5 pctl", &[]),
            ("cut by eight per cent", &[("eight per cent", "8")]),
            ("a five pct allowance", &[("five pct", "5")]),
            ("up twenty-five percent", &[("twenty-five percent", "25")]),
            ("someone pct", &[]),
        ];
        for (text, want) in cases {
            let mut out = Vec::new();
            PercentRecognizer::default().find(text, &mut out);
            let got: Vec<(&str, String)> = out
                .iter()
                .map(|m| match &m.value {
                    MentionValue::Percent { percent, points } => (
                        m.span.slice(text),
                        if *points {
                            format!("{percent} pp")
                        } else {
                            percent.clone()
                        },
                    ),
                    v => panic!("{v:?}"),
                })
                .collect();
            let want: Vec<(&str, String)> = want.iter().map(|(a, b)| (*a, b.to_string())).collect();
            assert_eq!(got, want, "{text:?}");
        }
    }
}

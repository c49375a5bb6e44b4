//! Date expressions: month-day (`January 10`, `Jan. 10`, `10 January`, with
//! an optional year), ISO dates (`2025-01-10`), month and year (`May 2024`)
//! and weekdays (`Wednesday`).
//!
//! Month and weekday names must be capitalized as names are (`may` the verb
//! and `march` the noun are not dates; in a month-day both words are needed
//! anyway). Version numbers (`Qwen 2.5`) and money never match: a date needs a
//! month or weekday name or the ISO form. Days are checked against the
//! calendar (`February 30` is not a date).

use jiff::civil::{Date, Weekday};
use regex::Regex;

use crate::mention::{Mention, MentionType, MentionValue};
use crate::span::Span;
use crate::temporal::DateExpr;

const MONTHS: &str = "January|February|March|April|May|June|July|August|September|October|November|December|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept|Sep|Oct|Nov|Dec";

/// Recognizes date expressions (see the module docs).
#[derive(Debug)]
pub struct DateRecognizer {
    re: Regex,
}

impl Default for DateRecognizer {
    fn default() -> Self {
        let day = r"(?:0?[1-9]|[12]\d|3[01])(?:st|nd|rd|th)?";
        let pattern = format!(
            r"(?x)
            (?-u:\b)(?P<iy>\d{{4}})-(?P<im>\d{{2}})-(?P<id>\d{{2}})(?-u:\b)
          | (?-u:\b)(?P<m1>{MONTHS})(?-u:\b)\.?\s+(?P<d1>{day})(?-u:\b)(?:,?\s+(?P<y1>\d{{4}})(?-u:\b))?
          | (?-u:\b)(?P<d2>{day})\s+(?:of\s+)?(?P<m2>{MONTHS})(?-u:\b)\.?(?:,?\s+(?P<y2>\d{{4}})(?-u:\b))?
          | (?-u:\b)(?P<m3>{MONTHS})(?-u:\b)\.?,?\s+(?P<y3>\d{{4}})(?-u:\b)
          | (?-u:\b)(?P<wd>Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)(?-u:\b)
            "
        );
        DateRecognizer {
            re: Regex::new(&pattern).expect("date regex"),
        }
    }
}

impl DateRecognizer {
    /// Finds date expressions in `text`, not yet normalized.
    pub fn find(&self, text: &str, out: &mut Vec<Mention>) {
        for c in self.re.captures_iter(text) {
            let num = |name: &str| {
                c.name(name).and_then(|m| {
                    m.as_str()
                        .trim_end_matches(char::is_alphabetic)
                        .parse::<i16>()
                        .ok()
                })
            };
            let month = |name: &str| c.name(name).map(|m| month_number(m.as_str()));
            let expr = if let (Some(y), Some(m), Some(d)) = (num("iy"), num("im"), num("id")) {
                Date::new(y, m as i8, d as i8).ok().map(DateExpr::Full)
            } else if let (Some(m), Some(d)) =
                (month("m1").or(month("m2")), num("d1").or(num("d2")))
            {
                match num("y1").or(num("y2")) {
                    Some(y) => Date::new(y, m, d as i8).ok().map(DateExpr::Full),
                    // Valid in some year (February 29 in leap years).
                    None => Date::new(2024, m, d as i8)
                        .ok()
                        .map(|_| DateExpr::MonthDay {
                            month: m,
                            day: d as i8,
                        }),
                }
            } else if let (Some(m), Some(y)) = (month("m3"), num("y3")) {
                Some(DateExpr::MonthOfYear { year: y, month: m })
            } else {
                c.name("wd").map(|w| DateExpr::Weekday(weekday(w.as_str())))
            };
            let Some(expr) = expr else { continue };
            let whole = c.get(0).expect("group 0");
            out.push(Mention {
                span: Span::new(whole.start(), whole.end()),
                kind: MentionType::Date,
                source: "pattern",
                value: MentionValue::Date { expr, timex: None },
            });
        }
    }
}

fn month_number(name: &str) -> i8 {
    const ABBR: [&str; 12] = [
        "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
    ];
    ABBR.iter()
        .position(|a| name.starts_with(a))
        .map_or(0, |i| i as i8 + 1)
}

fn weekday(name: &str) -> Weekday {
    match name {
        "Monday" => Weekday::Monday,
        "Tuesday" => Weekday::Tuesday,
        "Wednesday" => Weekday::Wednesday,
        "Thursday" => Weekday::Thursday,
        "Friday" => Weekday::Friday,
        "Saturday" => Weekday::Saturday,
        _ => Weekday::Sunday,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use jiff::civil::date;

    fn dates(text: &str) -> Vec<(&str, DateExpr)> {
        let mut out = Vec::new();
        DateRecognizer::default().find(text, &mut out);
        out.iter()
            .map(|m| match &m.value {
                MentionValue::Date { expr, .. } => (m.span.slice(text), *expr),
                v => panic!("{v:?}"),
            })
            .collect()
    }

    #[test]
    fn date_forms() {
        use DateExpr::*;
        let md = |month, day| MonthDay { month, day };
        let cases: &[(&str, &[(&str, DateExpr)])] = &[
            ("assistant on January 10 and", &[("January 10", md(1, 10))]),
            ("on Jan. 10, it", &[("Jan. 10", md(1, 10))]),
            (
                "on 10 January 2025.",
                &[("10 January 2025", Full(date(2025, 1, 10)))],
            ),
            (
                "on January 10, 2025.",
                &[("January 10, 2025", Full(date(2025, 1, 10)))],
            ),
            ("the 3rd of March", &[("3rd of March", md(3, 3))]),
            ("SALVADOR, Feb 26 - Showers", &[("Feb 26", md(2, 26))]),
            ("Sept. 30", &[("Sept. 30", md(9, 30))]),
            (
                "dated 2025-01-29",
                &[("2025-01-29", Full(date(2025, 1, 29)))],
            ),
            (
                "in May 2024 it",
                &[(
                    "May 2024",
                    MonthOfYear {
                        year: 2024,
                        month: 5,
                    },
                )],
            ),
            (
                "unveiled on Wednesday, claiming",
                &[("Wednesday", Weekday(jiff::civil::Weekday::Wednesday))],
            ),
            ("February 30 is not", &[]),
            ("February 29 exists", &[("February 29", md(2, 29))]),
            ("Qwen 2.5 and Llama-3.1", &[]),
            ("you may 10 times", &[]),
            ("in March, prices", &[]),
            ("2025-13-01", &[]),
            ("on Mondays", &[]),
        ];
        for (text, want) in cases {
            assert_eq!(dates(text), *want, "{text:?}");
        }
    }
}

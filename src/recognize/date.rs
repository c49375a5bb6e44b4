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

/// Month names; abbreviations may take a period (`Jan.`), full names do not
/// (so a sentence's final period stays out of `30 September.`).
const MONTHS: &str = r"(?:(?:January|February|March|April|May|June|July|August|September|October|November|December)(?-u:\b)|(?:Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept|Sep|Oct|Nov|Dec)(?-u:\b)\.?)";
const WEEKDAYS: &str = "Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday";
/// A year after a month-day: 1900-2099, after a comma or spaces and at most
/// one line break (a blank line separates, it does not join).
const YEAR: &str = r"(?:,?[\x20\t]+|,?[\x20\t]*\r?\n[\x20\t]*)(?P<YEAR>(?:19|20)\d\d)(?-u:\b)";
/// Words after a four-digit number that make it a clock time, not a year:
/// `26 February 1600 GMT`.
const CLOCK_WORDS: &[&str] = &[
    "GMT", "BST", "CET", "CEST", "UTC", "ET", "EST", "EDT", "PT", "PST", "PDT", "HKT", "JST",
    "local", "hrs", "hours", "h",
];

/// Recognizes date expressions (see the module docs).
#[derive(Debug)]
pub struct DateRecognizer {
    re: Regex,
}

impl Default for DateRecognizer {
    fn default() -> Self {
        let day = r"(?:0?[1-9]|[12]\d|3[01])(?:st|nd|rd|th)?";
        let weekday = |name: &str| format!(r"(?:(?P<{name}>{WEEKDAYS}),?\s+)?");
        let (w1, w2) = (weekday("w1"), weekday("w2"));
        let (y1, y2) = (YEAR.replace("YEAR", "y1"), YEAR.replace("YEAR", "y2"));
        let pattern = format!(
            r"(?x)
            (?-u:\b)(?P<iy>\d{{4}})-(?P<im>\d{{2}})-(?P<id>\d{{2}})(?-u:\b)
          | (?-u:\b){w1}(?P<m1>{MONTHS})\s+(?P<d1>{day})(?-u:\b)(?:{y1})?
          | (?-u:\b){w2}(?P<d2>{day})\s+(?:of\s+)?(?P<m2>{MONTHS})(?:{y2})?
          | (?-u:\b)(?P<m3>{MONTHS}),?\s+(?P<y3>(?:19|20)\d\d)(?-u:\b)
          | (?-u:\b)(?P<wd>{WEEKDAYS})(?-u:\b)
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
            let whole = c.get(0).expect("group 0");
            let mut span = Span::new(whole.start(), whole.end());
            let expr = if let (Some(y), Some(m), Some(d)) = (num("iy"), num("im"), num("id")) {
                Date::new(y, m as i8, d as i8).ok().map(DateExpr::Full)
            } else if let (Some(m), Some(d)) =
                (month("m1").or(month("m2")), num("d1").or(num("d2")))
            {
                let weekday = c.name("w1").or(c.name("w2")).map(|w| weekday(w.as_str()));
                let mut year = c.name("y1").or(c.name("y2"));
                if let Some(y) = year
                    && is_clock_time(&text[y.end()..])
                {
                    // "26 February 1600 GMT": a time, not a year.
                    span.end = c.name("d1").or(c.name("m2")).map_or(span.end, |g| g.end());
                    year = None;
                }
                match year.and_then(|y| y.as_str().parse::<i16>().ok()) {
                    Some(y) => Date::new(y, m, d as i8).ok().map(DateExpr::Full),
                    // Valid in some year (February 29 in leap years).
                    None => Date::new(2024, m, d as i8)
                        .ok()
                        .map(|_| DateExpr::MonthDay {
                            month: m,
                            day: d as i8,
                            weekday,
                        }),
                }
            } else if let (Some(m), Some(y)) = (month("m3"), num("y3")) {
                Some(DateExpr::MonthOfYear { year: y, month: m })
            } else {
                c.name("wd").map(|w| DateExpr::Weekday(weekday(w.as_str())))
            };
            let Some(expr) = expr else { continue };
            out.push(Mention {
                span,
                kind: MentionType::Date,
                source: "pattern",
                value: MentionValue::Date { expr, timex: None },
            });
        }
    }
}

/// True when `rest` (the text after a four-digit number) starts with a time
/// zone or clock word.
fn is_clock_time(rest: &str) -> bool {
    let word: String = rest
        .trim_start_matches([' ', '\t'])
        .chars()
        .take_while(|c| c.is_ascii_alphabetic())
        .collect();
    CLOCK_WORDS.contains(&word.as_str())
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
        let md = |month, day| MonthDay {
            month,
            day,
            weekday: None,
        };
        let wmd = |month, day, w| MonthDay {
            month,
            day,
            weekday: Some(w),
        };
        use jiff::civil::Weekday as W;
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
            ("due 30 September. Then", &[("30 September", md(9, 30))]),
            (
                "on Sunday, July 18, 2021, it",
                &[("Sunday, July 18, 2021", Full(date(2021, 7, 18)))],
            ),
            (
                "from Friday 15 December",
                &[("Friday 15 December", wmd(12, 15, W::Friday))],
            ),
            (
                "Saturday, 26 February\n\n1600 GMT",
                &[("Saturday, 26 February", wmd(2, 26, W::Saturday))],
            ),
            (
                "26 February 2000 GMT kick-off",
                &[("26 February", md(2, 26))],
            ),
            (
                "March 3,\n1987 and",
                &[("March 3,\n1987", Full(date(1987, 3, 3)))],
            ),
            ("May 5 1600 people", &[("May 5", md(5, 5))]),
        ];
        for (text, want) in cases {
            assert_eq!(dates(text), *want, "{text:?}");
        }
    }
}

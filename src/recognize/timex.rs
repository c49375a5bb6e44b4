//! Temporal expressions (TIMEX3 DATE, TIME, DURATION and SET), recognized by
//! rules in the manner of HeidelTime (Strötgen and Gertz 2013) and written
//! for English news:
//!
//! - dates: `January 10`, `Jan. 10, 2025`, `10 January 2025`, `2025-01-10`,
//!   `1/10/2025` (month first, as in US news, unless the first number cannot
//!   be a month: `29/1/2025` is day first), `2024/01/29`, `29.01.2024` (dots
//!   are day first, as in European news), `2025年1月28日`, `January 10-12`
//!   (an interval),
//!   weekdays, months (`in July`, `May last year`, `last April`), seasons,
//!   quarters and halves (`Q3 2024`, `the third quarter`, `fiscal
//!   third-quarter`, `the first half of 2025`), years (`1998`, `fiscal
//!   1989`), decades (`the 1990s`, `the '80s`), centuries, holidays
//!   (`Christmas`, `Thanksgiving`, `the first day of the Lunar New Year`),
//!   relative dates (`today`, `last week`, `earlier this year`, `two years
//!   ago`, `a year earlier`), the references `now`, `recently`, `the past`,
//!   `the future`, and dates anchored to another ("two days after
//!   DeepSeek-R1's launch", "three weeks later");
//! - times: `3 p.m.`, `15:00 GMT`, `0800 UTC`, `noon`, `Friday morning`,
//!   `tonight`, `12:00 UTC Monday`;
//! - durations: `three weeks`, `the past three weeks`, `24 hours`, `five-year`,
//!   `several months`, `recent years`;
//! - sets: `every Monday`, `each year`, `twice a week`, `daily`, `annually`,
//!   `$5 a month` (the `a month`).
//!
//! Precision rules: month and weekday names must be capitalized (`may` and
//! `march` are words); a bare month needs a preposition before it (`in
//! March`, not `March on Washington`); a bare year is 1800-2099, not part of
//! a number, an amount, a ticker (`1810.HK`) or a count (`2000 people`);
//! version numbers (`Qwen 2.5`, `Llama-3.1`) are never times; `a second` and
//! `a quarter` are not durations.
//!
//! Values are computed later ([`crate::temporal::normalize`]).

use aho_corasick::AhoCorasick;
use regex::{Captures, Regex};

use crate::mention::{Mention, MentionType, MentionValue};
use crate::span::Span;
use crate::temporal::{
    AnchorRef, DateExpr, DayPart, Direction, Holiday, Point, Season, TimeOfDay, TimexType, Unit,
    YearRef,
};

/// ASCII word boundary (Unicode `(?-u:\b)` keeps the regex engine off its DFA).
const B: &str = r"(?-u:\b)";
/// Month names; abbreviations may take a period (`Jan.`), full names do not
/// (so a sentence's final period stays out of `30 September.`).
const MONTHS: &str = r"(?:(?:January|February|March|April|May|June|July|August|September|October|November|December)(?-u:\b)|(?:Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept|Sep|Oct|Nov|Dec)(?-u:\b)\.?)";
/// Key words of the month rules (abbreviations cover the full names).
const MONTH_KEYS: &[&str] = &[
    "jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec",
];
/// Weekday names, as written. Also the weekday rules' key words (the key
/// automaton folds ASCII case).
pub(crate) const DAY_NAMES: [&str; 7] = [
    "Monday",
    "Tuesday",
    "Wednesday",
    "Thursday",
    "Friday",
    "Saturday",
    "Sunday",
];
/// Full month names, as written (a bare abbreviation without its period is
/// too loose to be a month: "Mar", "Jan").
pub(crate) const MONTH_NAMES: [&str; 12] = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];
const WEEKDAYS: &str = "(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)";
/// A day of the month.
const DAY: &str = r"(?:0?[1-9]|[12]\d|3[01])(?:st|nd|rd|th)?";
/// A four-digit year the rules accept: 1800-2099.
const YEAR4: &str = r"(?:1[89]\d\d|20\d\d)";
/// A number, in digits or words.
const NUM: &str = r"(?:\d{1,3}(?:,\d{3})+|\d+(?:\.\d+)?|(?i-u:(?:twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety)(?:[- ](?:one|two|three|four|five|six|seven|eight|nine))?|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen|a\s+hundred|hundreds\s+of|a\s+few|a\s+couple\s+of|a\s+dozen|dozens\s+of|several|few|many|some|an?))";
/// Units of duration, singular or plural.
const UNIT: &str = r"(?i-u:seconds?|minutes?|hours?|days?|weeks?|fortnights?|months?|quarters?|years?|decades?|century|centuries)";
/// Time zones after a clock time.
const ZONES: &str =
    r"(?:GMT|UTC|EST|EDT|ET|CST|CDT|CT|PST|PDT|PT|MST|MDT|BST|CET|CEST|HKT|JST|SGT|AEST|AEDT|IST)";
/// Words after a four-digit number that make it a clock time, not a year:
/// `26 February 1600 GMT`.
const CLOCK_WORDS: &[&str] = &[
    "GMT", "BST", "CET", "CEST", "UTC", "ET", "EST", "EDT", "PT", "PST", "PDT", "HKT", "JST",
    "local", "hrs", "hours", "h",
];
/// Words before a bare month, season or `Mondays` that make it a date:
/// "in March", "since May", "by June".
const MONTH_CUES: &[&str] = &[
    "in",
    "since",
    "until",
    "till",
    "by",
    "from",
    "through",
    "thru",
    "to",
    "during",
    "of",
    "before",
    "after",
    "between",
    "and",
    "or",
    "early",
    "late",
    "mid",
    "end",
    "for",
    "last",
    "next",
    "this",
    "on",
    "throughout",
    "around",
    "as",
    "into",
    "starting",
    "beginning",
    "ending",
    "than",
    "that",
    "each",
    "every",
    "until",
    "within",
];
/// Nouns after a bare month that make it the month: "January sales".
const MONTH_NOUNS: &[&str] = &[
    "sales", "figures", "data", "report", "results", "survey", "meeting", "deadline", "election",
    "issue", "edition", "release", "numbers", "reading", "payrolls", "retail",
];
/// Words before a bare `10:30` that make it a clock time.
const CLOCK_CUES: &[&str] = &[
    "at",
    "by",
    "from",
    "until",
    "till",
    "before",
    "after",
    "around",
    "about",
    "since",
    "to",
    "between",
    "and",
    "or",
    "as",
    "early",
    "late",
    "of",
    "past",
    "approximately",
    "roughly",
];
/// Nouns after a bare `Q4` that make it a quarter: "Q4 results".
const QUARTER_NOUNS: &[&str] = &[
    "results",
    "earnings",
    "revenue",
    "revenues",
    "sales",
    "profit",
    "profits",
    "loss",
    "losses",
    "guidance",
    "figures",
    "deliveries",
    "growth",
    "report",
    "numbers",
    "gdp",
    "shipments",
];
/// Count nouns after a four-digit number that make it a quantity:
/// `2000 people`.
const COUNT_NOUNS: &[&str] = &[
    "people",
    "persons",
    "tonnes",
    "tons",
    "tonne",
    "ton",
    "shares",
    "barrels",
    "units",
    "employees",
    "workers",
    "jobs",
    "cars",
    "vehicles",
    "miles",
    "kilometres",
    "kilometers",
    "km",
    "feet",
    "ft",
    "metres",
    "meters",
    "m",
    "acres",
    "hectares",
    "troops",
    "soldiers",
    "votes",
    "points",
    "tokens",
    "parameters",
    "pages",
    "words",
    "dollars",
    "yen",
    "euros",
    "pounds",
    "stg",
    "dlrs",
    "mln",
    "billion",
    "million",
    "pct",
    "percent",
    "bpd",
    "ounces",
    "oz",
    "kg",
    "lbs",
    "members",
    "homes",
    "students",
    "customers",
    "users",
    "stores",
    "flights",
    "planes",
    "aircraft",
    "copies",
    "hp",
    "mw",
    "gw",
    "mhz",
    "gb",
    "mb",
    "tb",
    "x",
    "pixels",
    "calories",
    "rpm",
    "cc",
    "gpus",
    "chips",
    "servers",
    "nodes",
    "cores",
    "accelerators",
    "cards",
    "images",
    "videos",
    "samples",
    "examples",
    "models",
    "apps",
    "files",
    "lines",
    "rows",
    "steps",
    "queries",
    "requests",
    "tests",
    "patients",
    "cases",
    "deaths",
    "beds",
    "seats",
    "rooms",
    "sites",
];
/// Names that begin with a weekday: `Sunday Times`, `Saturday Night Live`.
const WEEKDAY_NAMES: &[&str] = &[
    "Times",
    "Telegraph",
    "Mirror",
    "Express",
    "Post",
    "Herald",
    "Night",
    "Morning",
    "Business",
    "Tribune",
    "Independent",
    "Star",
    "Sport",
    "People",
    "Mail",
];

/// A rule's reading of a match: the expression, its type, and optionally a
/// narrower span than the whole match.
struct Reading {
    expr: DateExpr,
    ty: TimexType,
    span: Option<Span>,
}

fn read(expr: DateExpr, ty: TimexType) -> Option<Reading> {
    Some(Reading {
        expr,
        ty,
        span: None,
    })
}

type Build = fn(&Captures<'_>, &str) -> Option<Reading>;

struct Rule {
    re: Regex,
    build: Build,
}

/// Recognizes temporal expressions (see the module docs).
pub struct TimexRecognizer {
    rules: Vec<Rule>,
    /// The rules' key words: one pass over a text tells which rules can
    /// match it, and only those run (most texts match few).
    keys: AhoCorasick,
    /// The rule of each key.
    key_rule: Vec<usize>,
    /// Whether each key is a month key ([`MONTH_KEYS`]): such a hit counts
    /// only where a month name is written (see [`writes_a_month`]).
    key_month: Vec<bool>,
    /// Joins a clock time with the day next to it ("noon Monday").
    clock_day_gap: Regex,
    /// Joins two dates into an interval ("between March and May").
    range_gap: Regex,
}

impl std::fmt::Debug for TimexRecognizer {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("TimexRecognizer")
            .field("rules", &self.rules.len())
            .finish()
    }
}

impl Default for TimexRecognizer {
    fn default() -> Self {
        let year_after = |name: &str| {
            format!(
                r"(?:\x20?,?[\x20\t\u{{a0}}\u{{202f}}]+|,?[\x20\t]*\r?\n[\x20\t]*)(?P<{name}>{YEAR4}){B}"
            )
        };
        let wd = |name: &str| format!(r"(?:(?P<{name}>{WEEKDAYS}),?\s+(?:the\s+)?)?");
        // Each rule: the words one of which its matches contain (ASCII case
        // folded), its pattern, its reading.
        let rules: Vec<(&'static [&'static str], String, Build)> = vec![
            // 2025-01-10, 2025-01-10T08:00
            (&["-0", "-1", "\u{2011}0", "\u{2011}1"],
                format!(r"{B}(?P<y>\d{{4}})[-\u{{2011}}](?P<m>\d{{2}})[-\u{{2011}}](?P<d>\d{{2}})(?:T(?P<h>\d{{2}}):(?P<mi>\d{{2}})(?::\d{{2}}(?:\.\d+)?)?(?P<z>Z|[+-]\d{{2}}:?\d{{2}})?)?{B}"),
                build_iso,
            ),
            // 2025年1月28日, 1月29日
            (&["年", "月"],
                r"(?P<y>\d{4})年(?P<m>\d{1,2})月(?:(?P<d>\d{1,2})[日号])?|(?P<m2>\d{1,2})月(?P<d2>\d{1,2})[日号]".to_string(),
                |c, _| {
                    let month: i8 = c.name("m").or(c.name("m2"))?.as_str().parse().ok()?;
                    let day: Option<i8> = match c.name("d").or(c.name("d2")) {
                        Some(d) => Some(d.as_str().parse().ok()?),
                        None => None,
                    };
                    let year = match c.name("y") {
                        Some(y) => YearRef::Written(y.as_str().parse().ok()?),
                        None => YearRef::Tense,
                    };
                    let point = match day {
                        Some(day) => {
                            jiff::civil::Date::new(2024, month, day).ok()?;
                            Point::Day { month, day, weekday: None }
                        }
                        None if (1..=12).contains(&month) => Point::Month(month),
                        None => return None,
                    };
                    read(DateExpr::InYear { point, year }, TimexType::Date)
                },
            ),
            // 1/10/2025, 10/1/25, 2024/01/29, 2024.01.29, 29.01.2024
            (&["/", ".0", ".1", ".2"],
                format!(r"{B}(?:(?P<a>\d{{1,2}})/(?P<b>\d{{1,2}})/(?P<y>\d{{4}}|\d{{2}})|(?P<ya>\d{{4}})/(?P<ma>\d{{1,2}})/(?P<da>\d{{1,2}})|(?P<yb>\d{{4}})\.(?P<mb>\d{{1,2}})\.(?P<db>\d{{1,2}})|(?P<dd>\d{{1,2}})\.(?P<md>\d{{1,2}})\.(?P<yd>\d{{4}})){B}"),
                build_slash,
            ),
            // [Friday,] January 10[-12][, 2025]
            (MONTH_KEYS,
                format!(
                    r"{B}{}(?P<m>{MONTHS})\s+(?P<d>{DAY})(?:\s*[-–]\s*(?P<d2>{DAY}))?{B}(?:{})?",
                    wd("w"),
                    year_after("y")
                ),
                build_month_day,
            ),
            // [Friday,] 10[-12] [of] January [2025]
            (MONTH_KEYS,
                format!(
                    r"{B}{}(?P<d>{DAY})(?:\s*[-–]\s*(?P<d2>{DAY}))?\s+(?:of\s+)?(?P<m>{MONTHS})(?:{})?",
                    wd("w"),
                    year_after("y")
                ),
                build_month_day,
            ),
            // early March, May 2024, May last year, last April, March of 2024
            (MONTH_KEYS,
                format!(
                    r"{B}(?:(?P<mod>(?i-u:early|late|mid|(?:the\s+)?(?:end|beginning|start|middle)\s+of))[-\s]+)?(?:(?P<rel>(?i-u:last|next|this|past))\s+)?(?P<m>{MONTHS})(?:(?:,|\s+of)?\s+(?P<y>{YEAR4}){B}|\s+['’](?P<yy>\d\d){B}|\s+(?P<ry>last|next|this)\s+year{B})?"
                ),
                build_month,
            ),
            // this summer, the fall of 2024, last winter
            (&["spring", "summer", "autumn", "fall", "winter"],
                format!(
                    r"{B}(?:(?P<mod>(?i-u:early|late|mid))[-\s]+)?(?:(?P<rel>(?i-u:this|last|next|past|the))\s+)?(?P<s>(?i-u:spring|summer|autumn|fall|winter)){B}(?:\s+(?:of\s+)?(?P<y>{YEAR4}){B})?"
                ),
                build_season,
            ),
            // the third quarter [of 2024], fiscal third-quarter, the first half of last year
            (&["quarter", "half"],
                format!(
                    r"{B}(?:(?P<the>(?i-u:the))\s+)?(?:(?P<ry1>(?i-u:this|last|next))\s+year['’]s\s+|(?P<yq>{YEAR4})\s+|(?P<ya>(?i-u:year-ago|year-earlier|year-before))\s+)?(?:(?i-u:fiscal)\s+)?(?P<ord>(?i-u:first|second|third|fourth|1st|2nd|3rd|4th|final|latest|current|past|previous|last|next|same|year-earlier|year-ago|year-before))[-\s]+(?:(?i-u:fiscal)[-\s]+)?(?P<u>(?i-u:quarter|half)){B}(?:\s+of\s+(?:(?i-u:fiscal(?:\s+year)?|the\s+(?:fiscal\s+)?year)\s+)?(?P<y>{YEAR4}){B}|\s+(?P<y2>{YEAR4}){B}|\s+(?:of\s+)?(?P<ry>this|last|next)\s+year{B}|\s+of\s+(?P<the_year>the\s+(?:fiscal\s+)?year){B})?"
                ),
                build_quarter,
            ),
            // Q3, Q3 2024, 3Q24, H1 2025, 1H25
            (&["q1", "q2", "q3", "q4", "1q", "2q", "3q", "4q", "h1", "h2", "1h", "2h"],
                format!(
                    r"{B}(?:Q(?P<q>[1-4])|(?P<q2>[1-4])Q|H(?P<h>[12])|(?P<h2>[12])H)(?:\s*(?:FY\s*)?(?P<y>{YEAR4})|\s*FY(?P<yy>\d\d)|['’](?P<yy2>\d\d))?{B}"
                ),
                build_q_code,
            ),
            // the quarter, the latest quarter
            (&["quarter", "period"],
                format!(r"(?i-u:(?-u:\b)the\s+(?:(?P<latest>latest|most\s+recent)\s+(?:quarter|period)|(?P<y>{YEAR4})\s+(?:quarter|period)|quarter))(?-u:\b)(?:[^-\w]|$)"),
                |c, _| {
                    let m = c.get(0)?;
                    // "the latest quarter" is the last full one before the
                    // DCT; "the quarter" the one last named.
                    let expr = match c.name("latest") {
                        Some(_) => DateExpr::Shift { unit: Unit::Quarter, n: -1 },
                        None => DateExpr::ContextQuarter(c.name("y").and_then(|y| y.as_str().parse().ok())),
                    };
                    let end = m.start() + m.as_str().trim_end_matches(|ch: char| !ch.is_alphabetic()).len();
                    Some(Reading {
                        expr,
                        ty: TimexType::Date,
                        span: Some(Span::new(m.start(), end)),
                    })
                },
            ),
            // 1998, fiscal 1989
            (&["18", "19", "20"],
                format!(r"{B}(?:(?P<fy>(?i-u:fiscal(?:\s+year)?)\s+|FY\s*)|(?P<pre>(?i-u:mid|early|late|end|pre|post))-)?(?P<y>{YEAR4}){B}"),
                build_year,
            ),
            // FY24
            (&["fy"], format!(r"{B}FY(?P<yy>\d\d){B}"), |c, _| {
                let y = 2000 + c["yy"].parse::<i16>().ok()?;
                read(year_expr(y), TimexType::Date)
            }),
            // the 1990s, the mid-'80s
            (&["0s"],
                format!(
                    r"{B}(?:(?i-u:the)\s+)?(?:(?i-u:early|mid|late)[-\s]+)?(?:(?P<c>1[89]|20)(?P<d>\d)0|['’](?P<d2>\d)0|(?P<d3>[2-9])0)s{B}"
                ),
                |c, text| {
                    let whole = c.get(0)?;
                    let decade = if let (Some(c), Some(d)) = (c.name("c"), c.name("d")) {
                        format!("{}{}", c.as_str(), d.as_str())
                    } else {
                        // "the '90s", "the 70s and 80s" (not "in his 70s"):
                        // '20s to '90s are the 1900s, '00s and '10s the 2000s.
                        let d = c.name("d2").or(c.name("d3"))?.as_str();
                        if c.name("d3").is_some()
                            && !["the", "early", "mid", "late", "and", "or", "of"]
                                .contains(&prev_word(text, whole.start()).to_lowercase().as_str())
                            && !whole.as_str().to_lowercase().starts_with("the")
                        {
                            return None;
                        }
                        if d < "2" { format!("20{d}") } else { format!("19{d}") }
                    };
                    read(DateExpr::Fixed(decade), TimexType::Date)
                },
            ),
            // the 21st century
            (&["centur"],
                format!(r"{B}(?:(?i-u:the)\s+)?(?P<n>\d{{1,2}})(?:st|nd|rd|th)[-\s]+(?i-u:century){B}"),
                |c, _| {
                    let n: i16 = c["n"].parse().ok()?;
                    (1..=21).contains(&n).then_some(())?;
                    read(DateExpr::Fixed(format!("{:02}", n - 1)), TimexType::Date)
                },
            ),
            // today, yesterday morning, late yesterday, tonight
            (&["today", "yesterday", "tomorrow", "tonight"],
                format!(
                    r"{B}(?:(?P<mod>(?i-u:early|late))\s+)?(?P<b>(?i-u:the\s+day\s+before\s+yesterday|the\s+day\s+after\s+tomorrow|today|yesterday|tomorrow|tonight)){B}(?:\s+(?P<part>morning|afternoon|evening|night|MORNING|AFTERNOON|EVENING|NIGHT){B})?"
                ),
                build_day_word,
            ),
            // Friday, last Friday, Friday morning, early Monday
            (&DAY_NAMES,
                format!(
                    r"{B}(?:(?P<mod>(?i-u:early|late))\s+)?(?:(?P<dir>(?i-u:last|next|this|coming|past))\s+)?(?P<wd>{WEEKDAYS}){B}(?:\s+(?P<part>morning|afternoon|evening|night|MORNING|AFTERNOON|EVENING|NIGHT){B})?"
                ),
                build_weekday,
            ),
            // on Mondays
            (&DAY_NAMES, format!(r"{B}(?P<wd>{WEEKDAYS})s{B}"), |c, text| {
                let m = c.get(0)?;
                cue_before(text, m.start()).then_some(())?;
                let w = weekday_number(&c["wd"]);
                read(DateExpr::Fixed(format!("XXXX-WXX-{w}")), TimexType::Set)
            }),
            // this morning, the afternoon
            (&["morning", "afternoon", "evening"],
                format!(r"{B}(?P<this>(?i-u:this|the))\s+(?P<part>morning|afternoon|evening|MORNING|AFTERNOON|EVENING){B}"),
                |c, _| {
                    // "this morning" is today's; "the evening" the day in context.
                    let this = c["this"].eq_ignore_ascii_case("this");
                    read(
                        DateExpr::At {
                            day: this.then(|| Box::new(DateExpr::Shift { unit: Unit::Day, n: 0 })),
                            time: TimeOfDay::Part(day_part(&c["part"])),
                        },
                        TimexType::Time,
                    )
                },
            ),
            // last week, earlier this year, the end of next month, this weekend
            (&["second", "minute", "hour", "day", "week", "fortnight", "month", "quarter", "year", "decade", "centur"],
                format!(
                    r"{B}(?:(?P<mod>(?i-u:early|late|earlier|later|mid|(?:the\s+)?(?:end|beginning|start|middle|rest|remainder)\s+of))[-\s]+)?(?P<dir>(?i-u:this|last|next|past|previous|coming|current))\s+(?P<u>(?i-u:week|weekend|month|quarter|year|decade|century)){B}(?:[^-\w]|$)"
                ),
                build_shift,
            ),
            // the end of the year, the fiscal year, the week, the weekend
            (&["year", "week", "day"],
                format!(
                    r"{B}(?:(?P<mod>(?i-u:(?:the\s+)?(?:end|beginning|start|middle|rest|remainder)\s+of|earlier\s+in|later\s+in|over))\s+)?(?P<the>(?i-u:the))\s+(?:(?i-u:fiscal|financial|full|entire|whole|current|latest)\s+)?(?P<u>(?i-u:year|week|weekend|day)){B}(?:[^-\w]|$)"
                ),
                |c, text| {
                    let unit = unit_of(&c["u"])?;
                    let after = lower_ahead(text, c.name("u")?.end());
                    // "the year ended March 31": a fiscal year's length.
                    if unit == Unit::Year && (after.starts_with("ended") || after.starts_with("ending")) {
                        let start = c.name("the")?.start();
                        return Some(Reading { expr: DateExpr::Fixed("P1Y".to_string()), ty: TimexType::Duration, span: Some(Span::new(start, c.name("u")?.end())) });
                    }
                    // "the day" is the story's day only in market reports:
                    // "ended the day at", "for the day".
                    if unit == Unit::Day
                        && (c.name("mod").is_some()
                            || !["end", "ended", "ending", "finish", "finished", "for", "during", "close", "closed", "closing", "start", "started", "began"]
                                .contains(&prev_word(text, c.name("the")?.start()).to_lowercase().as_str()))
                    {
                        return None;
                    }
                    if unit == Unit::Weekend {
                        let start = c.name("the")?.start();
                        return Some(Reading { expr: DateExpr::Weekend, ty: TimexType::Date, span: Some(Span::new(start, c.name("u")?.end())) });
                    }
                    // "earlier in the year", "over the weekend": only "the year" is the expression.
                    let start = match c.name("mod") {
                        Some(md) if !md.as_str().to_lowercase().contains(" of") => c.name("the")?.start(),
                        _ => c.get(0)?.start(),
                    };
                    Some(Reading {
                        expr: DateExpr::Shift { unit, n: 0 },
                        ty: TimexType::Date,
                        span: Some(Span::new(start, c.name("u")?.end())),
                    })
                },
            ),
            // year-end, year-ago, the year-earlier quarter
            (&["year"],
                r"(?i-u)(?-u:\b)(?:(?P<ye>year[-\s]end)|(?P<the>the\s+)?year-(?:ago|earlier)(?P<noun>\s+(?:quarter|period|level|results|figure)s?)?)(?-u:\b)".to_string(),
                |c, _| {
                    if c.name("ye").is_some() {
                        let point = Point::Day { month: 12, day: 31, weekday: None };
                        return read(DateExpr::InYear { point, year: YearRef::Tense }, TimexType::Date);
                    }
                    let m = c.get(0)?;
                    // "the" belongs to the expression only with a noun after it.
                    let start = match (c.name("the"), c.name("noun")) {
                        (Some(the), None) => the.end(),
                        _ => m.start(),
                    };
                    let quarter = c.name("noun").is_some_and(|n| n.as_str().to_lowercase().contains("quarter"));
                    Some(Reading { expr: DateExpr::YearAgo { quarter }, ty: TimexType::Date, span: Some(Span::new(start, m.end())) })
                },
            ),
            // two days after DeepSeek-R1's launch, two weeks after the release of GPT-5
            (&["after", "before", "following"],
                format!(
                    r"(?P<q>{B}(?P<n>{NUM})\s+(?P<u>{UNIT})\s+(?P<rel>(?i-u:after|before|following)))\s+(?:(?i-u:the)\s+)?(?:(?i-u:launch|release|debut|unveiling|introduction|rollout|roll-out|announcement)\s+of\s+(?:(?i-u:the)\s+)?(?P<x1>[\p{{L}}\p{{N}}][\p{{L}}\p{{N}}.\-]*(?:\s+[\p{{Lu}}\p{{N}}][\p{{L}}\p{{N}}.\-]*){{0,3}})|(?P<x2>[\p{{Lu}}\p{{N}}][\p{{L}}\p{{N}}.\-]*(?:\s+[\p{{Lu}}\p{{N}}][\p{{L}}\p{{N}}.\-]*){{0,3}})['’]s\s+(?i-u:launch|release|debut|unveiling|introduction|rollout|roll-out|announcement))"
                ),
                |c, _| {
                    let n = exact_number(&c["n"])?;
                    let unit = unit_of(&c["u"])?;
                    let sign = if c["rel"].eq_ignore_ascii_case("before") { -1 } else { 1 };
                    let x = c.name("x1").or(c.name("x2"))?;
                    let q = c.name("q")?;
                    Some(Reading {
                        expr: DateExpr::Anchored {
                            unit,
                            n: sign * n,
                            anchor: AnchorRef::Event { start: x.start(), end: x.end() },
                        },
                        ty: TimexType::Date,
                        span: Some(Span::new(q.start(), q.end())),
                    })
                },
            ),
            // two years ago, a year earlier, three days later
            (&["ago", "earlier", "later", "from now", "hence", "back"],
                format!(
                    r"{B}(?:(?P<q>(?i-u:about|nearly|almost|some|roughly|around|just|only|more\s+than|less\s+than|over|at\s+least))\s+)?(?P<n>{NUM})\s+(?P<u>{UNIT})\s+(?P<dir>(?i-u:ago|earlier|later|from\s+now|hence|back)){B}"
                ),
                build_ago,
            ),
            // the past three weeks, 24 hours, several months, five-year
            (&["second", "minute", "hour", "day", "week", "fortnight", "month", "quarter", "year", "decade", "centur"],
                format!(
                    r"{B}(?:(?P<q>(?i-u:about|nearly|almost|roughly|around|approximately|just|only|more\s+than|less\s+than|no\s+more\s+than|over|under|at\s+least|up\s+to|within))\s+)?(?:(?P<the>(?i-u:the))\s+)?(?:(?P<adj>(?i-u:past|last|next|previous|first|final|coming|following|latest|recent|preceding|prior|remaining|initial))\s+)?(?P<n>{NUM})(?:\s+(?i-u:more|additional|straight|consecutive|full|trading|business|working|calendar))?(?:\s+|-)(?P<u>{UNIT}){B}(?P<adjsuffix>-(?:old|long))?"
                ),
                build_duration,
            ),
            // the past year, the next week
            (&["second", "minute", "hour", "day", "week", "fortnight", "month", "quarter", "year", "decade", "centur"],
                format!(
                    r"{B}(?i-u:the)\s+(?P<adj>(?i-u:past|last|next|previous|coming|following|preceding))\s+(?P<u>(?i-u:day|week|fortnight|month|quarter|year|decade|century)){B}(?:[^-\w]|$)"
                ),
                |c, _| {
                    let unit = c.name("u")?;
                    let adj = c["adj"].to_lowercase();
                    // "the next day", "the previous day": a date (the
                    // anchored rule's), not a length.
                    if unit.as_str().eq_ignore_ascii_case("day") && adj != "past" && adj != "last" {
                        return None;
                    }
                    let expr = if adj == "following" {
                        DateExpr::Anchored { unit: unit_of(unit.as_str())?, n: 1, anchor: AnchorRef::Previous }
                    } else {
                        DateExpr::Fixed(duration_value("1", unit.as_str())?)
                    };
                    let ty = if adj == "following" { TimexType::Date } else { TimexType::Duration };
                    Some(Reading { expr, ty, span: Some(Span::new(c.get(0)?.start(), unit.end())) })
                },
            ),
            // recent years, coming weeks, for years, decades
            (&["days", "weeks", "months", "years", "decades", "centuries"],
                format!(
                    r"{B}(?:(?P<adj>(?i-u:recent|coming|past|the\s+past|the\s+last|the\s+next|the\s+coming|the\s+following|upcoming))\s+|(?P<prep>(?i-u:for|in|over|within))\s+)(?P<u>(?i-u:days|weeks|months|years|decades|centuries)){B}"
                ),
                |c, _| {
                    let u = c.name("u")?;
                    let start = if c.name("prep").is_some() { u.start() } else { c.get(0)?.start() };
                    Some(Reading {
                        expr: DateExpr::Fixed(duration_value("X", u.as_str())?),
                        ty: TimexType::Duration,
                        span: Some(Span::new(start, u.end())),
                    })
                },
            ),
            // every Monday, each year, twice a week, every other month
            (&["every", "each", "once", "twice", "thrice", "times"],
                format!(
                    r"{B}(?:(?P<ev>(?i-u:every|each))\s+(?:(?P<other>other)\s+)?(?:(?P<n>{NUM})\s+)?(?P<u>{UNIT}|{WEEKDAYS}|(?i-u:morning|afternoon|evening|night))|(?P<freq>(?i-u:once|twice|thrice|(?:\d+|two|three|four|five|six|several)\s+times))\s+(?i-u:a|an|per|each|every)\s+(?P<u2>{UNIT}))(?-u:\b)"
                ),
                build_set,
            ),
            // daily, weekly, annually
            (&["daily", "weekly", "monthly", "annually", "yearly", "hourly", "nightly"],
                r"(?i-u)(?-u:\b)(?P<adv>daily|weekly|monthly|annually|yearly|hourly|nightly|biweekly)(?-u:\b)".to_string(),
                |c, _| {
                    let v = match c["adv"].to_lowercase().as_str() {
                        "hourly" => "PT1H",
                        "daily" => "P1D",
                        "nightly" => "XXXX-XX-XXTNI",
                        "weekly" => "P1W",
                        "biweekly" => "P2W",
                        "monthly" => "P1M",
                        _ => "P1Y",
                    };
                    read(DateExpr::Fixed(v.to_string()), TimexType::Set)
                },
            ),
            // $5 a month, 10% a year
            (&["year", "month", "week", "day", "hour", "quarter"],
                r"(?i-u)(?-u:\b)(?:a|an|per)\s+(?P<u>year|month|week|day|hour|quarter)(?-u:\b)".to_string(),
                |c, text| {
                    after_amount(text, c.get(0)?.start()).then_some(())?;
                    read(DateExpr::Fixed(duration_value("1", &c["u"])?), TimexType::Set)
                },
            ),
            // now, currently, recently, the past, the future
            (&["now", "current", "recent", "lately", "these days", "past", "future"],
                r"(?i-u)(?-u:\b)(?P<r>now|currently|current|recently|recent|lately|nowadays|these\s+days|the\s+past|(?:the\s+)?(?:near|distant|foreseeable)\s+future|the\s+future)(?-u:\b)".to_string(),
                build_ref,
            ),
            // the same day, the next day, the day before: the last date named
            (&["day", "week", "month"],
                r"(?i-u)(?-u:\b)(?:the\s+(?P<rel>same|next|following|previous|preceding)\s+(?P<u>day|week|month)|(?P<that>that)\s+(?P<u2>day)|the\s+(?P<u3>day)\s+(?P<ba>before|after)(?:\s+(?:that|yesterday|tomorrow))?)(?-u:\b)".to_string(),
                |c, _| {
                    let m = c.get(0)?;
                    // "the day before yesterday" is a rule of its own.
                    if c.name("ba").is_some() && m.as_str().to_lowercase().ends_with(['y', 'w']) {
                        return None;
                    }
                    let unit = unit_of(c.name("u").or(c.name("u2")).or(c.name("u3"))?.as_str())?;
                    let n = match (c.name("rel").map(|r| r.as_str().to_lowercase()), c.name("ba").map(|b| b.as_str().to_lowercase())) {
                        (Some(r), _) if r == "same" => 0,
                        (Some(r), _) if r == "previous" || r == "preceding" => -1,
                        (Some(_), _) => 1,
                        (None, Some(b)) if b == "before" => -1,
                        (None, Some(_)) => 1,
                        (None, None) => 0,
                    };
                    // As in narrative: counted from the date last named.
                    read(DateExpr::Anchored { unit, n, anchor: AnchorRef::Previous }, TimexType::Date)
                },
            ),
            // the near term, the long term
            (&["term"],
                r"(?i-u)(?-u:\b)the\s+(?P<t>near|short|long)[-\s]term(?-u:\b)".to_string(),
                |_, _| read(DateExpr::Fixed("FUTURE_REF".to_string()), TimexType::Date),
            ),
            // Christmas, Thanksgiving 2024, the first day of the Lunar New Year
            (&["new year", "christmas", "xmas", "thanksgiving", "easter", "good friday", "independence day", "fourth of july", "july fourth", "memorial day", "labor day", "halloween", "valentine", "veterans", "black friday", "cyber monday", "boxing day", "luther king", "presidents", "mother", "father", "singles", "spring festival"],
                format!(
                    r"{B}(?:(?P<rel>(?i-u:last|next|this))\s+)?(?P<first>(?i-u:the\s+first\s+day\s+of\s+(?:the\s+)?))?(?P<h>New\s+Year['’]s(?:\s+Day|\s+Eve)?|Christmas(?:\s+Day|\s+Eve)?|Xmas|Thanksgiving(?:\s+Day)?|Easter(?:\s+Sunday)?|Good\s+Friday|Independence\s+Day|the\s+Fourth\s+of\s+July|July\s+Fourth|Memorial\s+Day|Labor\s+Day|Halloween|Valentine['’]?s\s+Day|Veterans['’]?\s+Day|Black\s+Friday|Cyber\s+Monday|Boxing\s+Day|Martin\s+Luther\s+King(?:\s+Jr\.?)?\s+Day|Presidents['’]?\s+Day|Mother['’]s\s+Day|Father['’]s\s+Day|Singles['’]?\s+Day|(?:(?i-u:the)\s+)?(?:Lunar|Chinese)\s+New\s+Year(?:['’]s\s+Day)?|Spring\s+Festival){B}(?:\s+(?P<y>{YEAR4}){B})?"
                ),
                build_holiday,
            ),
            // 3 p.m., 3:30 pm EST, 15:00 GMT, 0800 UTC, noon
            (&["am ", "am.", "am,", "a.m", "pm ", "pm.", "pm,", "p.m", ":", "gmt", "utc", "hrs", "hours", "local time", "noon", "midday", "midnight"],
                format!(
                    r"{B}(?:(?P<h>1[0-2]|0?[1-9])(?:[:.](?P<m>[0-5]\d))?\s*(?P<ap>[aApP])(?:\.[mM]\.|[mM]{B})|(?P<h2>[01]?\d|2[0-3]):(?P<m2>[0-5]\d){B}|(?P<h3>[01]\d|2[0-3])(?P<m3>[0-5]\d)\s+(?:GMT|UTC|hrs|hours|local\s+time){B}|(?P<noon>(?i-u:noon|midday|midnight)){B})(?:\s*(?P<z>{ZONES}){B})?"
                ),
                build_clock,
            ),
        ];
        let keys: Vec<(&str, usize)> = rules
            .iter()
            .enumerate()
            .flat_map(|(i, (keys, _, _))| keys.iter().map(move |k| (*k, i)))
            .collect();
        TimexRecognizer {
            keys: AhoCorasick::builder()
                .ascii_case_insensitive(true)
                .kind(Some(aho_corasick::AhoCorasickKind::DFA))
                .build(keys.iter().map(|(k, _)| k))
                .expect("timex keys"),
            key_rule: keys.iter().map(|(_, i)| *i).collect(),
            key_month: keys.iter().map(|(k, _)| MONTH_KEYS.contains(k)).collect(),
            rules: rules
                .into_iter()
                .map(|(_, p, build)| Rule {
                    re: Regex::new(&p).unwrap_or_else(|e| panic!("timex rule {p}: {e}")),
                    build,
                })
                .collect(),
            clock_day_gap: Regex::new(r"^(?:,?\s+(?:(?:on|at)\s+)?|\s*,\s*)$").expect("gap"),
            range_gap: Regex::new(r"^\s*(?:-|–|to|through|until|till|and)\s*$").expect("gap"),
        }
    }
}

/// How far (bytes) a rule's match may reach from its key word, either way.
const WINDOW: usize = 160;
/// A match ending this close to a window's cut end is not trusted (the cut
/// may have changed it).
const CUT_MARGIN: usize = 8;

/// The nearest char boundary at or before `i`.
fn floor_char_boundary(text: &str, mut i: usize) -> usize {
    while !text.is_char_boundary(i) {
        i -= 1;
    }
    i
}

/// The nearest char boundary at or after `i` (at most the text's end).
fn ceil_char_boundary(text: &str, mut i: usize) -> usize {
    i = i.min(text.len());
    while !text.is_char_boundary(i) {
        i += 1;
    }
    i
}

/// The month rules' matches each hold a month name of [`MONTHS`], case as
/// written there, as a whole ASCII word; a month key hit elsewhere
/// (`market`, `may`, `decline`) can start no match, so no window is needed
/// around it.
fn writes_a_month(text: &str, at: usize) -> bool {
    // The abbreviations the month rules take, besides the full names.
    const ABBREVIATIONS: &[&str] = &[
        "Jan", "Feb", "Mar", "Apr", "Jun", "Jul", "Aug", "Sept", "Sep", "Oct", "Nov", "Dec",
    ];
    let word_byte = |b: &u8| b.is_ascii_alphanumeric() || *b == b'_';
    let bytes = text.as_bytes();
    if at > 0 && word_byte(&bytes[at - 1]) {
        return false;
    }
    let len = bytes[at..].iter().take_while(|b| word_byte(b)).count();
    let word = &text[at..at + len];
    MONTH_NAMES.contains(&word) || ABBREVIATIONS.contains(&word)
}

/// A candidate before overlaps are settled.
struct Candidate {
    span: Span,
    rule: usize,
    reading: Reading,
}

impl TimexRecognizer {
    /// Finds temporal expressions in `text`, not yet normalized, and appends
    /// them to `out` (never overlapping one another).
    pub fn find(&self, text: &str, out: &mut Vec<Mention>) {
        // All-caps headlines are read title-cased ("IN MARCH" as "In
        // March"); the copy has the same byte offsets.
        let cased = headline_cased(text);
        let text = cased.as_deref().unwrap_or(text);
        let mut candidates = Vec::new();
        // Each rule runs only in windows around its key words: a match
        // contains one, and no match reaches further than `WINDOW` bytes
        // from it.
        let mut windows: Vec<Vec<(usize, usize)>> = vec![Vec::new(); self.rules.len()];
        for m in self.keys.find_overlapping_iter(text) {
            let key = m.pattern().as_usize();
            if self.key_month[key] && !writes_a_month(text, m.start()) {
                continue;
            }
            let w = &mut windows[self.key_rule[key]];
            let start = floor_char_boundary(text, m.start().saturating_sub(WINDOW));
            let end = ceil_char_boundary(text, (m.end() + WINDOW).min(text.len()));
            match w.last_mut() {
                Some(last) if start <= last.1 => last.1 = last.1.max(end),
                _ => w.push((start, end)),
            }
        }
        for (rule, r) in self.rules.iter().enumerate() {
            windows[rule].sort_unstable();
            for &(start, end) in &windows[rule] {
                // The haystack ends at the window (its start keeps the text
                // before it for look-behind); a match touching a cut end is
                // left for the window that holds it whole.
                let hay = &text[..end];
                let mut at = start;
                while at <= end
                    && let Some(c) = r.re.captures_at(hay, at)
                {
                    let whole = c.get(0).expect("group 0");
                    at = if whole.is_empty() {
                        ceil_char_boundary(text, whole.end() + 1)
                    } else {
                        whole.end()
                    };
                    if end < text.len() && whole.end() + CUT_MARGIN > end {
                        continue;
                    }
                    let Some(reading) = (r.build)(&c, text) else {
                        continue;
                    };
                    let span = reading
                        .span
                        .unwrap_or(Span::new(whole.start(), whole.end()));
                    if span.is_empty() {
                        continue;
                    }
                    candidates.push(Candidate {
                        span,
                        rule,
                        reading,
                    });
                }
            }
        }
        // Longest first, then the earlier rule.
        candidates.sort_by_key(|c| (std::cmp::Reverse(c.span.len()), c.rule, c.span.start));
        // Kept spans are disjoint, so among those starting before a
        // candidate's end only the last can overlap it (linear in practice).
        let mut taken: std::collections::BTreeMap<usize, usize> = Default::default();
        let mut kept: Vec<Candidate> = Vec::new();
        for c in candidates {
            let clash = taken
                .range(..c.span.end)
                .next_back()
                .is_some_and(|(_, &end)| end > c.span.start);
            if !clash {
                taken.insert(c.span.start, c.span.end);
                kept.push(c);
            }
        }
        kept.sort_by_key(|c| c.span.start);
        let kept = self.join(text, kept);
        out.extend(kept.into_iter().map(|c| Mention {
            span: c.span,
            kind: MentionType::Date,
            source: "pattern",
            value: MentionValue::Date {
                expr: c.reading.expr,
                timex_type: c.reading.ty,
                timex: None,
            },
        }));
    }

    /// Joins neighbours: a clock time with its day ("noon Monday", "Friday at
    /// 3 p.m."), and two dates of the same kind into an interval after
    /// "between" or "from" ("between March and May", "from 2019 to 2021").
    fn join(&self, text: &str, kept: Vec<Candidate>) -> Vec<Candidate> {
        let mut out: Vec<Candidate> = Vec::with_capacity(kept.len());
        for c in kept {
            if let Some(prev) = out.last_mut() {
                let gap = &text[prev.span.end..c.span.start];
                if let Some(joined) = self.joined(text, prev, &c, gap) {
                    *prev = joined;
                    continue;
                }
            }
            out.push(c);
        }
        out
    }

    fn joined(&self, text: &str, a: &Candidate, b: &Candidate, gap: &str) -> Option<Candidate> {
        let span = Span::new(a.span.start, b.span.end);
        let at = |day: &DateExpr, clock: &DateExpr| match clock {
            DateExpr::At { day: None, time } => is_day(day).then(|| DateExpr::At {
                day: Some(Box::new(day.clone())),
                time: *time,
            }),
            _ => None,
        };
        // A clock time and its day, either way round.
        let (day, clock) = match (a.reading.ty, b.reading.ty) {
            (TimexType::Time, TimexType::Date) => (b, a),
            (TimexType::Date, TimexType::Time) => (a, b),
            _ => (a, a),
        };
        if self.clock_day_gap.is_match(gap)
            && day.reading.ty == TimexType::Date
            && let Some(expr) = at(&day.reading.expr, &clock.reading.expr)
        {
            return Some(Candidate {
                span,
                rule: a.rule,
                reading: Reading {
                    expr,
                    ty: TimexType::Time,
                    span: None,
                },
            });
        }
        // "the week of Feb. 10"
        if a.reading.expr
            == (DateExpr::Shift {
                unit: Unit::Week,
                n: 0,
            })
            && a.span.slice(text).eq_ignore_ascii_case("the week")
            && gap.trim() == "of"
            && is_day(&b.reading.expr)
        {
            return Some(Candidate {
                span,
                rule: a.rule,
                reading: Reading {
                    expr: DateExpr::WeekOf(Box::new(b.reading.expr.clone())),
                    ty: TimexType::Date,
                    span: None,
                },
            });
        }
        let before = prev_word(text, a.span.start).to_lowercase();
        let gap_word = gap.trim().to_lowercase();
        let range = self.range_gap.is_match(gap)
            && a.reading.ty == TimexType::Date
            && b.reading.ty == TimexType::Date
            && ((before == "between" && gap_word == "and")
                || (before == "from" && gap_word != "and"))
            && same_granularity(&a.reading.expr, &b.reading.expr);
        range.then(|| Candidate {
            span,
            rule: a.rule,
            reading: Reading {
                expr: DateExpr::Range(
                    Box::new(a.reading.expr.clone()),
                    Box::new(b.reading.expr.clone()),
                ),
                ty: TimexType::Date,
                span: None,
            },
        })
    }
}

/// True for day-sized expressions a clock time can attach to.
fn is_day(e: &DateExpr) -> bool {
    matches!(
        e,
        DateExpr::Weekday { .. }
            | DateExpr::Shift {
                unit: Unit::Day,
                ..
            }
            | DateExpr::InYear {
                point: Point::Day { .. } | Point::Holiday(_),
                ..
            }
    )
}

/// True when both are periods of the same size (months, years, days).
fn same_granularity(a: &DateExpr, b: &DateExpr) -> bool {
    use std::mem::discriminant;
    match (a, b) {
        (DateExpr::InYear { point: p, .. }, DateExpr::InYear { point: q, .. }) => {
            discriminant(p) == discriminant(q)
        }
        (DateExpr::Weekday { .. }, DateExpr::Weekday { .. }) => true,
        _ => false,
    }
}

/// `text` with every all-caps line (a headline: no lowercase ASCII letter,
/// at least two words of capitals) title-cased in ASCII, word by word, or
/// `None` when it has no such line. Byte offsets are unchanged.
fn headline_cased(text: &str) -> Option<String> {
    let is_headline = |line: &str| {
        !line.bytes().any(|b| b.is_ascii_lowercase())
            && line
                .split_whitespace()
                .filter(|w| w.bytes().filter(u8::is_ascii_uppercase).count() >= 2)
                .count()
                >= 2
    };
    if !text.lines().any(is_headline) {
        return None;
    }
    let mut out = String::with_capacity(text.len());
    for line in text.split_inclusive('\n') {
        if !is_headline(line) {
            out.push_str(line);
            continue;
        }
        let mut word_start = true;
        for ch in line.chars() {
            if ch.is_ascii_alphabetic() {
                out.push(if word_start {
                    ch
                } else {
                    ch.to_ascii_lowercase()
                });
                word_start = false;
            } else {
                out.push(ch);
                word_start = !ch.is_alphanumeric() && ch != '\'' && ch != '’';
            }
        }
    }
    Some(out)
}

/// The word right before byte `start` (letters only), or "".
fn prev_word(text: &str, start: usize) -> &str {
    let before = text[..start].trim_end_matches([' ', '\t', '\n', '\r', '-']);
    let from = before
        .char_indices()
        .rev()
        .find(|(_, ch)| !ch.is_alphabetic())
        .map_or(0, |(i, ch)| i + ch.len_utf8());
    &before[from..]
}

/// The text after byte `at`, leading spaces skipped, lowercased, at most
/// [`AHEAD`] characters (enough for a look at the next words; never the rest
/// of a long text).
fn lower_ahead(text: &str, at: usize) -> String {
    text[at..]
        .trim_start()
        .chars()
        .take(AHEAD)
        .collect::<String>()
        .to_lowercase()
}

/// How many characters [`lower_ahead`] returns.
const AHEAD: usize = 24;

/// True when the word before `start` is one of [`MONTH_CUES`].
fn cue_before(text: &str, start: usize) -> bool {
    let w = prev_word(text, start);
    // In a list: "in January, February and March", "on Mondays, Wednesdays".
    let named = |w: &str| {
        let w = w.strip_suffix('s').unwrap_or(w);
        MONTH_NAMES.contains(&w) || DAY_NAMES.contains(&w)
    };
    let after_comma = || {
        let before = text[..start].trim_end();
        before
            .strip_suffix(',')
            .is_some_and(|b| named(prev_word(b, b.len())))
    };
    MONTH_CUES.contains(&w.to_lowercase().as_str()) || named(w) || after_comma()
}

fn year_expr(y: i16) -> DateExpr {
    DateExpr::InYear {
        point: Point::Year,
        year: YearRef::Written(y),
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

/// ISO weekday number, Monday 1 to Sunday 7.
fn weekday_number(name: &str) -> i8 {
    const DAYS: [&str; 7] = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"];
    DAYS.iter()
        .position(|d| name.starts_with(d))
        .map_or(7, |i| i as i8 + 1)
}

fn weekday(name: &str) -> jiff::civil::Weekday {
    jiff::civil::Weekday::from_monday_one_offset(weekday_number(name))
        .unwrap_or(jiff::civil::Weekday::Sunday)
}

fn day_part(word: &str) -> DayPart {
    match word.to_lowercase().as_str() {
        "morning" => DayPart::Morning,
        "afternoon" => DayPart::Afternoon,
        "evening" => DayPart::Evening,
        _ => DayPart::Night,
    }
}

/// The unit a unit word names (`weeks` → week); `None` for units too small
/// to shift by (seconds, minutes, hours).
fn unit_of(word: &str) -> Option<Unit> {
    let w = word.to_lowercase();
    let w = w.trim_end_matches('s');
    Some(match w {
        "day" => Unit::Day,
        "week" | "fortnight" => Unit::Week,
        "weekend" => Unit::Weekend,
        "month" => Unit::Month,
        "quarter" => Unit::Quarter,
        "half" => Unit::Half,
        "year" => Unit::Year,
        "decade" => Unit::Decade,
        "century" | "centurie" => Unit::Century,
        _ => return None,
    })
}

/// A number's value: `Some(n)` for exact counts, digits or words (`a` is 1),
/// `None` for vague ones (`several`). Also read by the percent recognizer
/// (`eight per cent`).
pub(crate) fn exact_number(written: &str) -> Option<i32> {
    let w = written.to_lowercase().replace(',', "");
    let w = w.split_whitespace().collect::<Vec<_>>().join(" ");
    // Counts beyond a million are not calendar shifts ("a million years").
    if let Ok(n) = w.parse::<i32>() {
        return (0..=1_000_000).contains(&n).then_some(n);
    }
    const ONES: [&str; 20] = [
        "zero",
        "one",
        "two",
        "three",
        "four",
        "five",
        "six",
        "seven",
        "eight",
        "nine",
        "ten",
        "eleven",
        "twelve",
        "thirteen",
        "fourteen",
        "fifteen",
        "sixteen",
        "seventeen",
        "eighteen",
        "nineteen",
    ];
    const TENS: [&str; 8] = [
        "twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety",
    ];
    match w.as_str() {
        "a" | "an" => return Some(1),
        "a couple of" => return Some(2),
        "a dozen" => return Some(12),
        "a hundred" => return Some(100),
        _ => {}
    }
    if let Some(i) = ONES.iter().position(|o| *o == w) {
        return Some(i as i32);
    }
    let (tens, ones) = w.split_once(['-', ' ']).unwrap_or((&w, ""));
    let t = TENS.iter().position(|t| *t == tens)? as i32;
    let o = if ones.is_empty() {
        0
    } else {
        ONES.iter().position(|o| *o == ones)? as i32
    };
    Some(20 + 10 * t + o)
}

/// A number for a duration value: digits as written (`1.5`), words as digits,
/// vague words as `X`.
fn duration_number(written: &str) -> String {
    let w = written.replace(',', "");
    if w.bytes().all(|b| b.is_ascii_digit() || b == b'.') {
        return w;
    }
    exact_number(written).map_or_else(|| "X".to_string(), |n| n.to_string())
}

/// `P3W`, `PT24H`, `PXY` for `n` of `unit` (`n` as [`duration_number`]
/// writes it).
fn duration_value(n: &str, unit: &str) -> Option<String> {
    let u = unit.to_lowercase();
    let u = u.trim_end_matches('s');
    let (time, code, factor) = match u {
        "second" => (true, "S", 1),
        "minute" => (true, "M", 1),
        "hour" => (true, "H", 1),
        "day" => (false, "D", 1),
        "week" => (false, "W", 1),
        "fortnight" => (false, "W", 2),
        "month" => (false, "M", 1),
        "quarter" => (false, "Q", 1),
        "year" => (false, "Y", 1),
        "decade" => (false, "Y", 10),
        "century" | "centurie" => (false, "CE", 1),
        _ => return None,
    };
    let n = match (factor, n.parse::<u32>()) {
        (1, _) => n.to_string(),
        (f, Ok(k)) => (f * k).to_string(),
        // "several decades": vague, in the unit's own code.
        (10, Err(_)) => return Some(format!("P{n}DE")),
        _ => n.to_string(),
    };
    Some(format!("P{}{n}{code}", if time { "T" } else { "" }))
}

fn build_iso(c: &Captures<'_>, _: &str) -> Option<Reading> {
    let y: i16 = c["y"].parse().ok()?;
    let m: i8 = c["m"].parse().ok()?;
    let d: i8 = c["d"].parse().ok()?;
    jiff::civil::Date::new(y, m, d).ok()?;
    let day = DateExpr::InYear {
        point: Point::Day {
            month: m,
            day: d,
            weekday: None,
        },
        year: YearRef::Written(y),
    };
    match (c.name("h"), c.name("mi")) {
        (Some(h), Some(mi)) => {
            let (hour, minute) = (h.as_str().parse().ok()?, mi.as_str().parse().ok()?);
            (hour < 24 && minute < 60).then_some(())?;
            let utc = c
                .name("z")
                .is_some_and(|z| matches!(z.as_str(), "Z" | "+00:00" | "+0000"));
            read(
                DateExpr::At {
                    day: Some(Box::new(day)),
                    time: TimeOfDay::Clock { hour, minute, utc },
                },
                TimexType::Time,
            )
        }
        _ => read(day, TimexType::Date),
    }
}

fn build_slash(c: &Captures<'_>, text: &str) -> Option<Reading> {
    let m = c.get(0)?;
    // Not part of a longer run of numbers and slashes (fractions, paths).
    let before = text[..m.start()].chars().next_back();
    let after = text[m.end()..].chars().next();
    if before.is_some_and(|ch| ch == '/' || ch.is_ascii_digit())
        || after.is_some_and(|ch| ch == '/' || ch.is_ascii_digit())
    {
        return None;
    }
    // "version 1.12.2024", "v2024.01.05": release numbers.
    let prev = prev_word(text, m.start()).to_lowercase();
    if [
        "version", "v", "ver", "release", "build", "firmware", "update",
    ]
    .contains(&prev.as_str())
    {
        return None;
    }
    let num = |name: &str| c.name(name).and_then(|g| g.as_str().parse::<i16>().ok());
    let (year, month, day) = if let (Some(y), Some(mo), Some(d)) = (
        num("ya").or(num("yb")),
        num("ma").or(num("mb")),
        num("da").or(num("db")),
    ) {
        // Year first: 2024/01/29, 2024.01.29 (East Asian news).
        (y, mo, d)
    } else if let (Some(d), Some(mo), Some(y)) = (num("dd"), num("md"), num("yd")) {
        // Dots: day first, as in European news (29.01.2024).
        (y, mo, d)
    } else {
        let (a, b, y) = (num("a")?, num("b")?, &c["y"]);
        let year: i16 = match y.len() {
            2 => {
                let yy: i16 = y.parse().ok()?;
                if yy < 50 { 2000 + yy } else { 1900 + yy }
            }
            _ => y.parse().ok()?,
        };
        // Slashes: US order (month/day) unless the first number cannot be
        // a month.
        if a > 12 { (year, b, a) } else { (year, a, b) }
    };
    let (month, day) = (i8::try_from(month).ok()?, i8::try_from(day).ok()?);
    jiff::civil::Date::new(year, month, day).ok()?;
    read(
        DateExpr::InYear {
            point: Point::Day {
                month,
                day,
                weekday: None,
            },
            year: YearRef::Written(year),
        },
        TimexType::Date,
    )
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

fn build_month_day(c: &Captures<'_>, text: &str) -> Option<Reading> {
    let month = month_number(&c["m"]);
    let day: i8 = c["d"].trim_end_matches(char::is_alphabetic).parse().ok()?;
    let weekday = c.name("w").map(|w| weekday(w.as_str()));
    let whole = c.get(0)?;
    let mut end = whole.end();
    let mut year = c.name("y");
    if let Some(y) = year
        && is_clock_time(&text[y.end()..])
    {
        // "26 February 1600 GMT": a time, not a year.
        end = c.name("d2").or(c.name("m")).map_or(end, |g| g.end());
        if c.name("d")
            .is_some_and(|d| d.start() > c["m"].len() + whole.start())
        {
            end = c.name("d2").or(c.name("d")).map_or(end, |g| g.end());
        }
        year = None;
    }
    // "May 5 1600 people": a bare year needs a comma or to end the phrase.
    let year_ref = match year.and_then(|y| y.as_str().parse::<i16>().ok()) {
        Some(y) => YearRef::Written(y),
        None => YearRef::Tense,
    };
    // Valid in some year (February 29 in leap years).
    jiff::civil::Date::new(2024, month, day).ok()?;
    let point = |day| Point::Day {
        month,
        day,
        weekday,
    };
    let first = DateExpr::InYear {
        point: point(day),
        year: year_ref,
    };
    let expr = match c.name("d2") {
        Some(d2) => {
            let d2: i8 = d2
                .as_str()
                .trim_end_matches(char::is_alphabetic)
                .parse()
                .ok()?;
            jiff::civil::Date::new(2024, month, d2).ok()?;
            (d2 > day).then_some(())?;
            DateExpr::Range(
                Box::new(first),
                Box::new(DateExpr::InYear {
                    point: Point::Day {
                        month,
                        day: d2,
                        weekday: None,
                    },
                    year: year_ref,
                }),
            )
        }
        None => first,
    };
    Some(Reading {
        expr,
        ty: TimexType::Date,
        span: Some(Span::new(whole.start(), end)),
    })
}

fn build_month(c: &Captures<'_>, text: &str) -> Option<Reading> {
    let whole = c.get(0)?;
    let month = month_number(&c["m"]);
    let rel = c.name("rel").map(|r| r.as_str().to_lowercase());
    // "January '24": the 2000s for 00-49, else the 1900s.
    let yy = c
        .name("yy")
        .and_then(|y| y.as_str().parse::<i16>().ok())
        .map(|y| if y < 50 { 2000 + y } else { 1900 + y });
    let year = match (c.name("y"), c.name("ry"), rel.as_deref()) {
        _ if yy.is_some() => YearRef::Written(yy?),
        (Some(y), _, _) => YearRef::Written(y.as_str().parse().ok()?),
        (None, Some(ry), _) => YearRef::Dct(match ry.as_str() {
            "last" => -1,
            "next" => 1,
            _ => 0,
        }),
        (None, None, Some("last" | "past")) => YearRef::Last,
        (None, None, Some("next")) => YearRef::Next,
        (None, None, Some(_)) => YearRef::Dct(0),
        (None, None, None) => {
            // A bare month needs a cue: "in March", "early May".
            let abbreviated = !c["m"].ends_with('.') && !MONTH_NAMES.contains(&&c["m"]);
            // "their January sales": a month before a noun of periodic data.
            let next = text[whole.end()..]
                .trim_start()
                .split(|ch: char| !ch.is_alphabetic())
                .next()
                .unwrap_or("");
            let data_noun = MONTH_NOUNS.contains(&next);
            if c.name("mod").is_none()
                && (!(cue_before(text, whole.start()) || data_noun) || abbreviated)
            {
                return None;
            }
            YearRef::Tense
        }
    };
    read(
        DateExpr::InYear {
            point: Point::Month(month),
            year,
        },
        TimexType::Date,
    )
}

fn build_season(c: &Captures<'_>, text: &str) -> Option<Reading> {
    let whole = c.get(0)?;
    let season = match c["s"].to_lowercase().as_str() {
        "spring" => Season::Spring,
        "summer" => Season::Summer,
        "winter" => Season::Winter,
        _ => Season::Fall,
    };
    let rel = c.name("rel").map(|r| r.as_str().to_lowercase());
    let after = &text[whole.end()..];
    // "the fall of Rome", "the fall in prices", "a fall of 3%": not seasons.
    if season == Season::Fall
        && c.name("y").is_none()
        && (rel.is_none() || rel.as_deref() == Some("the"))
        && (after
            .trim_start()
            .starts_with(|ch: char| !ch.is_alphabetic() || ch.is_lowercase())
            && !after.starts_with([',', '.', ';']))
    {
        let next = after
            .trim_start()
            .split(|ch: char| !ch.is_alphanumeric())
            .next()
            .unwrap_or("");
        if [
            "of", "in", "to", "from", "by", "at", "was", "is", "has", "had",
        ]
        .contains(&next)
            || next.chars().next().is_some_and(|ch| ch.is_ascii_digit())
        {
            return None;
        }
    }
    let year = match (c.name("y"), rel.as_deref()) {
        (Some(y), _) => YearRef::Written(y.as_str().parse().ok()?),
        (None, Some("last" | "past")) => YearRef::Last,
        (None, Some("next")) => YearRef::Next,
        (None, Some("this")) => YearRef::Dct(0),
        (None, Some(_)) => {
            if season == Season::Fall && !cue_before(text, whole.start()) {
                return None;
            }
            YearRef::Tense
        }
        (None, None) => {
            if season == Season::Fall
                || (c.name("mod").is_none() && !cue_before(text, whole.start()))
            {
                return None;
            }
            YearRef::Tense
        }
    };
    read(
        DateExpr::InYear {
            point: Point::Season(season),
            year,
        },
        TimexType::Date,
    )
}

fn build_quarter(c: &Captures<'_>, _: &str) -> Option<Reading> {
    let half = c["u"].eq_ignore_ascii_case("half");
    let ord = c["ord"].to_lowercase();
    let n: i8 = match ord.as_str() {
        "first" | "1st" => 1,
        "second" | "2nd" => 2,
        "third" | "3rd" => 3,
        "fourth" | "4th" => 4,
        "final" => {
            if half {
                2
            } else {
                4
            }
        }
        // "the last half of 1989", "the last quarter of 2024": the final one.
        "last" if c.name("y").is_some() || c.name("the_year").is_some() => {
            if half {
                2
            } else {
                4
            }
        }
        _ => 0,
    };
    let unit = if half { Unit::Half } else { Unit::Quarter };
    if n == 0 || (half && n > 2) {
        if c.name("y").is_some()
            || c.name("y2").is_some()
            || c.name("yq").is_some()
            || c.name("ya").is_some()
        {
            return None;
        }
        let expr = match ord.as_str() {
            // The last full quarter before the DCT.
            "latest" => DateExpr::Shift { unit, n: -1 },
            "current" => DateExpr::Shift { unit, n: 0 },
            "past" | "previous" | "last" => DateExpr::Shift { unit, n: -1 },
            "next" => DateExpr::Shift { unit, n: 1 },
            "year-earlier" | "year-ago" | "year-before" | "same" => {
                DateExpr::YearAgo { quarter: !half }
            }
            _ => return None,
        };
        if half && matches!(expr, DateExpr::ContextQuarter(_) | DateExpr::YearAgo { .. }) {
            return None;
        }
        return read(expr, TimexType::Date);
    }
    if c.name("ya").is_some() {
        // "the year-ago third quarter"
        let point = if half {
            Point::Half(n)
        } else {
            Point::Quarter(n)
        };
        return read(
            DateExpr::InYear {
                point,
                year: YearRef::Dct(-1),
            },
            TimexType::Date,
        );
    }
    let year = match (
        c.name("y").or(c.name("y2")).or(c.name("yq")),
        c.name("ry").or(c.name("ry1")),
    ) {
        (Some(y), _) => YearRef::Written(y.as_str().parse().ok()?),
        (None, Some(ry)) => YearRef::Dct(match ry.as_str().to_lowercase().as_str() {
            "last" => -1,
            "next" => 1,
            _ => 0,
        }),
        (None, None) => YearRef::Tense,
    };
    let point = if half {
        Point::Half(n)
    } else {
        Point::Quarter(n)
    };
    read(DateExpr::InYear { point, year }, TimexType::Date)
}

fn build_q_code(c: &Captures<'_>, text: &str) -> Option<Reading> {
    let year = match (c.name("y"), c.name("yy").or(c.name("yy2"))) {
        (Some(y), _) => YearRef::Written(y.as_str().parse().ok()?),
        (None, Some(yy)) => YearRef::Written(2000 + yy.as_str().parse::<i16>().ok()?),
        (None, None) => {
            // A bare "Q4" is a quarter in "in Q4", "Q4 results"; not in
            // "Q4_K_M", "Q8/Q4" or "Q4 quantization".
            let m = c.get(0)?;
            let glued = |ch: Option<char>| {
                ch.is_some_and(|ch| matches!(ch, '_' | '/' | '-' | '.') || ch.is_alphanumeric())
            };
            if glued(text[..m.start()].chars().next_back()) || glued(text[m.end()..].chars().next())
            {
                return None;
            }
            let next = lower_ahead(text, m.end());
            let next = next
                .split(|ch: char| !ch.is_alphabetic())
                .next()
                .unwrap_or("");
            let prev = prev_word(text, m.start()).to_lowercase();
            const BEFORE: &[&str] = &[
                "in", "the", "its", "their", "fiscal", "during", "for", "by", "since", "until",
                "of", "s", "this", "last", "next", "through",
            ];
            if !(QUARTER_NOUNS.contains(&next) || BEFORE.contains(&prev.as_str())) {
                return None;
            }
            YearRef::Tense
        }
    };
    let point = match (c.name("q").or(c.name("q2")), c.name("h").or(c.name("h2"))) {
        (Some(q), _) => Point::Quarter(q.as_str().parse().ok()?),
        // A bare "H1" is more often something else (a visa, a chip).
        (None, Some(h)) if year != YearRef::Tense => Point::Half(h.as_str().parse().ok()?),
        _ => return None,
    };
    read(DateExpr::InYear { point, year }, TimexType::Date)
}

fn build_year(c: &Captures<'_>, text: &str) -> Option<Reading> {
    let y = c.name("y")?;
    let before = text[..y.start()].chars().next_back();
    let after = &text[y.end()..];
    // Part of a number, an amount, a ticker, a code or a version.
    if (c.name("pre").is_none()
        && before.is_some_and(|ch| {
            matches!(
                ch,
                '$' | '€' | '£' | '¥' | '#' | '.' | ',' | '/' | '-' | '_' | '+' | '×'
            )
        }))
        || after.starts_with(['%', '/', '_', '+'])
        || after.starts_with(['.', ',', '-', ':'])
            && after[1..].starts_with(|ch: char| ch.is_alphanumeric())
        || is_clock_time(after)
    {
        return None;
    }
    let next: String = after
        .trim_start_matches([' ', '\t'])
        .chars()
        .take_while(|ch| ch.is_alphabetic())
        .collect::<String>()
        .to_lowercase();
    // "2000 GPUs", "2048 H800 GPUs": a count.
    let next_token = after.trim_start_matches([' ', '\t']);
    let code_next = next_token.starts_with(|ch: char| ch.is_ascii_uppercase())
        && next_token
            .chars()
            .take_while(|ch| ch.is_alphanumeric())
            .any(|ch| ch.is_ascii_digit());
    if COUNT_NOUNS.contains(&next.as_str()) || code_next {
        return None;
    }
    let prev = prev_word(text, c.get(0)?.start()).to_lowercase();
    if [
        "no", "number", "room", "flight", "route", "model", "version", "v", "rule", "section",
        "article", "top", "fortune", "iso", "windows", "office", "vol",
    ]
    .contains(&prev.as_str())
    {
        return None;
    }
    read(year_expr(y.as_str().parse().ok()?), TimexType::Date)
}

fn build_day_word(c: &Captures<'_>, _: &str) -> Option<Reading> {
    let b = c["b"].to_lowercase();
    let b = b.split_whitespace().collect::<Vec<_>>().join(" ");
    let (n, tonight) = match b.as_str() {
        "today" => (0, false),
        "tonight" => (0, true),
        "yesterday" => (-1, false),
        "tomorrow" => (1, false),
        "the day before yesterday" => (-2, false),
        _ => (2, false),
    };
    let day = DateExpr::Shift { unit: Unit::Day, n };
    let part = match (c.name("part"), tonight) {
        (Some(p), _) => Some(day_part(p.as_str())),
        (None, true) => Some(DayPart::Night),
        _ => None,
    };
    match part {
        Some(p) => read(
            DateExpr::At {
                day: Some(Box::new(day)),
                time: TimeOfDay::Part(p),
            },
            TimexType::Time,
        ),
        None => read(day, TimexType::Date),
    }
}

fn build_weekday(c: &Captures<'_>, text: &str) -> Option<Reading> {
    let wd = c.name("wd")?;
    // "Sunday Times", "Saturday Night Live".
    let next = text[wd.end()..]
        .strip_prefix(' ')
        .map(|t| t.split(|ch: char| !ch.is_alphabetic()).next().unwrap_or(""))
        .unwrap_or("");
    if c.name("part").is_none() && WEEKDAY_NAMES.contains(&next) {
        return None;
    }
    let direction = match c.name("dir").map(|d| d.as_str().to_lowercase()).as_deref() {
        Some("last" | "past") => Direction::Last,
        Some("next" | "coming") => Direction::Next,
        Some("this") => Direction::This,
        _ => Direction::Tense,
    };
    let day = DateExpr::Weekday {
        weekday: weekday(wd.as_str()),
        direction,
    };
    match c.name("part") {
        Some(p) => read(
            DateExpr::At {
                day: Some(Box::new(day)),
                time: TimeOfDay::Part(day_part(p.as_str())),
            },
            TimexType::Time,
        ),
        None => read(day, TimexType::Date),
    }
}

fn build_shift(c: &Captures<'_>, _: &str) -> Option<Reading> {
    let u = c.name("u")?;
    let unit = unit_of(u.as_str())?;
    let n = match c["dir"].to_lowercase().as_str() {
        "last" | "past" | "previous" => -1,
        "next" | "coming" => 1,
        _ => 0,
    };
    Some(Reading {
        expr: DateExpr::Shift { unit, n },
        ty: TimexType::Date,
        span: Some(Span::new(c.get(0)?.start(), u.end())),
    })
}

fn build_ago(c: &Captures<'_>, _: &str) -> Option<Reading> {
    let u = &c["u"];
    let dir = c["dir"].to_lowercase();
    let n = exact_number(&c["n"]);
    let unit = unit_of(u);
    let expr = match (dir.as_str(), n, unit) {
        (_, Some(1), Some(Unit::Year)) if matches!(dir.as_str(), "ago" | "earlier" | "back") => {
            DateExpr::YearAgo { quarter: false }
        }
        // "two weeks ago" is a day: the week it falls in is not what is meant.
        ("ago" | "back", Some(n), Some(Unit::Week)) => DateExpr::Shift {
            unit: Unit::Day,
            n: -7 * n,
        },
        ("ago" | "back", Some(n), Some(unit)) => DateExpr::Shift { unit, n: -n },
        ("ago" | "back", None, _) => DateExpr::Fixed("PAST_REF".to_string()),
        ("from now" | "hence", Some(n), Some(unit)) => DateExpr::Shift { unit, n },
        ("from now" | "hence", None, _) => DateExpr::Fixed("FUTURE_REF".to_string()),
        ("earlier", Some(n), Some(unit)) => DateExpr::Anchored {
            unit,
            n: -n,
            anchor: AnchorRef::Previous,
        },
        ("later", Some(n), Some(unit)) => DateExpr::Anchored {
            unit,
            n,
            anchor: AnchorRef::Previous,
        },
        _ => return None,
    };
    read(expr, TimexType::Date)
}

/// True when the text before `start` ends in an amount or a count ("$20",
/// "5%", "3 million", "twice"): "a month" after it is a rate, a SET.
fn after_amount(text: &str, start: usize) -> bool {
    const AMOUNT_WORDS: &[&str] = &[
        "percent", "pct", "dollars", "dlrs", "cents", "times", "billion", "million", "yuan",
        "euros", "pounds", "yen", "mln", "bln", "twice", "once", "thrice",
    ];
    let before = text[..start].trim_end();
    let last = prev_word(text, start).to_lowercase();
    before.ends_with(|ch: char| ch.is_ascii_digit() || ch == '%')
        || AMOUNT_WORDS.contains(&last.as_str())
}

fn build_duration(c: &Captures<'_>, text: &str) -> Option<Reading> {
    let whole = c.get(0)?;
    let n_text = &c["n"];
    let unit = &c["u"];
    let n_lower = n_text.to_lowercase();
    let u_lower = unit.to_lowercase();
    let article = n_lower == "a" || n_lower == "an";
    // "a second time", "a quarter of the firms": ordinals and fractions.
    if article && (u_lower.starts_with("second") || u_lower.starts_with("quarter")) {
        return None;
    }
    // "$20 a month": a rate (the SET rule's).
    if article
        && c.name("the").is_none()
        && c.name("adj").is_none()
        && after_amount(text, whole.start())
    {
        return None;
    }
    // "0600 hours" is a clock time.
    if n_text.len() > 1 && n_text.starts_with('0') {
        return None;
    }
    // "the 1988 quarter": a year, not a count.
    if n_text.len() == 4
        && n_text
            .parse::<u16>()
            .is_ok_and(|y| (1800..2100).contains(&y))
        && !u_lower.ends_with('s')
    {
        return None;
    }
    // Digits glued to other digits ("1,000 years" read as "000 years").
    if text[..whole.start()].ends_with(|ch: char| ch.is_ascii_digit() || ch == ',' || ch == '.') {
        return None;
    }
    // A hyphenated form takes the singular ("five-year"); "a-year" is not one.
    let hyphen = text[c.name("n")?.end()..c.name("u")?.start()].contains('-');
    if hyphen && article {
        return None;
    }
    // "some" and "many" alone are too loose ("some days").
    if c.name("adj").is_none()
        && c.name("the").is_none()
        && c.name("q").is_none()
        && matches!(n_lower.as_str(), "some" | "many")
    {
        return None;
    }
    // Ages ("a 52-year-old", "five years old") are not durations in news
    // annotation.
    if c.name("adjsuffix").is_some_and(|a| a.as_str() == "-old")
        || lower_ahead(text, whole.end()).starts_with("old")
    {
        return None;
    }
    let value = duration_value(&duration_number(n_text), unit)?;
    // Leave "within" and "over" out of the span: they are prepositions.
    let start = match c.name("q") {
        Some(q) if ["within", "over", "under"].contains(&q.as_str().to_lowercase().as_str()) => {
            c.name("the").or(c.name("adj")).or(c.name("n"))?.start()
        }
        _ => whole.start(),
    };
    Some(Reading {
        expr: DateExpr::Fixed(value),
        ty: TimexType::Duration,
        span: Some(Span::new(start, whole.end())),
    })
}

fn build_set(c: &Captures<'_>, _: &str) -> Option<Reading> {
    if let Some(u) = c.name("u2") {
        return read(
            DateExpr::Fixed(duration_value("1", u.as_str())?),
            TimexType::Set,
        );
    }
    let u = c.name("u")?.as_str();
    if u.starts_with(|ch: char| ch.is_uppercase()) && WEEKDAYS.contains(u) {
        return read(
            DateExpr::Fixed(format!("XXXX-WXX-{}", weekday_number(u))),
            TimexType::Set,
        );
    }
    if let Some(code) = ["morning", "afternoon", "evening", "night"]
        .iter()
        .position(|p| u.eq_ignore_ascii_case(p))
    {
        let code = ["MO", "AF", "EV", "NI"][code];
        return read(
            DateExpr::Fixed(format!("XXXX-XX-XXT{code}")),
            TimexType::Set,
        );
    }
    let mut n = c
        .name("n")
        .map_or("1".to_string(), |n| duration_number(n.as_str()));
    if c.name("other").is_some() {
        n = "2".to_string();
    }
    read(DateExpr::Fixed(duration_value(&n, u)?), TimexType::Set)
}

fn build_ref(c: &Captures<'_>, text: &str) -> Option<Reading> {
    let r = c["r"].to_lowercase();
    let after = lower_ahead(text, c.get(0)?.end());
    let value = match r.split_whitespace().collect::<Vec<_>>().join(" ").as_str() {
        "now" | "currently" | "nowadays" | "these days" => "PRESENT_REF",
        "current" => {
            // "current account", "electric current": not times.
            if ["account", "accounts", "affairs", "events", "flows", "flow"]
                .iter()
                .any(|w| after.starts_with(w))
            {
                return None;
            }
            "PRESENT_REF"
        }
        "recently" | "recent" | "lately" | "the past" => "PAST_REF",
        _ => "FUTURE_REF",
    };
    read(DateExpr::Fixed(value.to_string()), TimexType::Date)
}

fn build_holiday(c: &Captures<'_>, text: &str) -> Option<Reading> {
    // "Challenger, Gray and Christmas" (a firm): a name joined to another
    // capitalized name that is not a holiday.
    let start = c.get(0)?.start();
    if matches!(prev_word(text, start), "and" | "&") || text[..start].trim_end().ends_with('&') {
        let joiner = text[..start].trim_end();
        let joiner = joiner
            .strip_suffix("and")
            .or(joiner.strip_suffix('&'))
            .unwrap_or(joiner);
        let other = prev_word(joiner, joiner.len());
        if other.starts_with(char::is_uppercase)
            && ![
                "Thanksgiving",
                "Christmas",
                "Easter",
                "Hanukkah",
                "Day",
                "Eve",
                "Year",
                "Halloween",
            ]
            .contains(&other)
        {
            return None;
        }
    }
    let h = c["h"].to_lowercase().replace(['’', '\''], "");
    let h = h.split_whitespace().collect::<Vec<_>>().join(" ");
    let h = h.strip_prefix("the ").unwrap_or(&h);
    let holiday = match h {
        "new years" | "new years day" => Holiday::NewYearsDay,
        "new years eve" => Holiday::NewYearsEve,
        "christmas" | "christmas day" | "xmas" => Holiday::Christmas,
        "christmas eve" => Holiday::ChristmasEve,
        "thanksgiving" | "thanksgiving day" => Holiday::Thanksgiving,
        "easter" | "easter sunday" => Holiday::Easter,
        "good friday" => Holiday::GoodFriday,
        "independence day" | "fourth of july" | "july fourth" => Holiday::IndependenceDay,
        "memorial day" => Holiday::MemorialDay,
        "labor day" => Holiday::LaborDay,
        "halloween" => Holiday::Halloween,
        "valentines day" => Holiday::ValentinesDay,
        "veterans day" | "singles day" => Holiday::November11,
        "black friday" => Holiday::BlackFriday,
        "cyber monday" => Holiday::CyberMonday,
        "boxing day" => Holiday::BoxingDay,
        "presidents day" => Holiday::PresidentsDay,
        "mothers day" => Holiday::MothersDay,
        "fathers day" => Holiday::FathersDay,
        _ if h.starts_with("martin luther king") => Holiday::MartinLutherKingDay,
        _ => Holiday::LunarNewYear,
    };
    // "New Year's" alone is the day only with "Day" or "Eve" or a year.
    if h == "new years" && c.name("y").is_none() {
        return None;
    }
    let year = match (
        c.name("y"),
        c.name("rel").map(|r| r.as_str().to_lowercase()),
    ) {
        (Some(y), _) => YearRef::Written(y.as_str().parse().ok()?),
        (None, Some(r)) if r == "last" => YearRef::Last,
        (None, Some(r)) if r == "next" => YearRef::Next,
        (None, Some(_)) => YearRef::Dct(0),
        (None, None) => YearRef::Tense,
    };
    read(
        DateExpr::InYear {
            point: Point::Holiday(holiday),
            year,
        },
        TimexType::Date,
    )
}

fn build_clock(c: &Captures<'_>, text: &str) -> Option<Reading> {
    let zone = c.name("z").map(|z| z.as_str());
    let whole = c.get(0)?;
    // "BE-3PM" (an engine), "H100": glued to a code.
    if text[..whole.start()]
        .chars()
        .next_back()
        .is_some_and(|ch| ch.is_alphanumeric() || matches!(ch, '-' | '_' | '/' | '.'))
    {
        return None;
    }
    let (hour, minute): (i8, i8) = if let Some(h) = c.name("h") {
        let h: i8 = h.as_str().parse().ok()?;
        let m: i8 = c.name("m").map_or(Some(0), |m| m.as_str().parse().ok())?;
        let pm = c["ap"].eq_ignore_ascii_case("p");
        (h % 12 + if pm { 12 } else { 0 }, m)
    } else if let Some(h) = c.name("h2") {
        // "3:2" scores and "1:05.3" race times are not clock times.
        let end = c.name("m2")?.end();
        if text[end..].starts_with(|ch: char| ch == '.' || ch == ':' || ch.is_ascii_digit())
            && text[end..]
                .chars()
                .nth(1)
                .is_some_and(|ch| ch.is_ascii_digit())
        {
            return None;
        }
        // "John 3:16", "led 3:23 into the period", "ran 3:59": a bare H:MM is
        // a time only after a cue ("at 10:30") or with a zone.
        if zone.is_none()
            && !CLOCK_CUES.contains(&prev_word(text, whole.start()).to_lowercase().as_str())
        {
            return None;
        }
        (h.as_str().parse().ok()?, c["m2"].parse().ok()?)
    } else if let Some(h) = c.name("h3") {
        (h.as_str().parse().ok()?, c["m3"].parse().ok()?)
    } else {
        // "Jamie Noon", "Midnight Rose": capitalized inside a sentence, a name.
        let word = &c["noon"];
        let sentence_start = text[..whole.start()]
            .trim_end()
            .chars()
            .next_back()
            .is_none_or(|ch| matches!(ch, '.' | '!' | '?' | '"' | '“' | '\n'));
        // "Midnight Rose" is a name; "noon Friday" a time.
        let next_capital = text[whole.end()..].strip_prefix(' ').is_some_and(|t| {
            t.starts_with(|ch: char| ch.is_uppercase())
                && !DAY_NAMES
                    .iter()
                    .chain(MONTH_KEYS)
                    .any(|k| t.get(..k.len()).is_some_and(|p| p.eq_ignore_ascii_case(k)))
        });
        if (word.starts_with(|ch: char| ch.is_uppercase())
            && !sentence_start
            && word != word.to_uppercase())
            || next_capital
        {
            return None;
        }
        let noon = !word.eq_ignore_ascii_case("midnight");
        (if noon { 12 } else { 24 }, 0)
    };
    let utc = zone.is_some_and(|z| z == "GMT" || z == "UTC")
        || c.get(0)?.as_str().contains("GMT")
        || c.get(0)?.as_str().contains("UTC");
    read(
        DateExpr::At {
            day: None,
            time: TimeOfDay::Clock { hour, minute, utc },
        },
        TimexType::Time,
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_and_duration_values() {
        let cases: &[(&str, Option<i32>)] = &[
            ("three", Some(3)),
            ("twenty-four", Some(24)),
            ("twenty four", Some(24)),
            ("a", Some(1)),
            ("a couple of", Some(2)),
            ("1,000", Some(1000)),
            ("several", None),
            ("99999999", None),
        ];
        for &(w, want) in cases {
            assert_eq!(exact_number(w), want, "{w}");
        }
        let cases: &[(&str, &str, &str)] = &[
            ("3", "weeks", "P3W"),
            ("24", "hours", "PT24H"),
            ("X", "months", "PXM"),
            ("1", "fortnight", "P2W"),
            ("2", "decades", "P20Y"),
            ("X", "decades", "PXDE"),
            ("1.5", "years", "P1.5Y"),
        ];
        for &(n, unit, want) in cases {
            assert_eq!(duration_value(n, unit).as_deref(), Some(want), "{n} {unit}");
        }
        assert_eq!(duration_number("several"), "X");
        assert_eq!(duration_number("five"), "5");
    }

    #[test]
    fn spans_never_overlap_and_follow_text_order() {
        let text = "On Friday, January 10, 2025 at 3 p.m. and every Monday since the 1990s, \
                    shares rose 5% a year for the past three weeks.";
        let mut out = Vec::new();
        TimexRecognizer::default().find(text, &mut out);
        let spans: Vec<&str> = out.iter().map(|m| m.span.slice(text)).collect();
        assert_eq!(
            spans,
            [
                "Friday, January 10, 2025 at 3 p.m.",
                "every Monday",
                "the 1990s",
                "a year",
                "the past three weeks"
            ]
        );
    }
}

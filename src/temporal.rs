//! Temporal normalization: a recognized temporal expression plus the document
//! creation time (DCT) gives a TIMEX3 value, following the ISO-TimeML value
//! grammar (<https://www.timeml.org>, TimeML 1.2.1 guidelines §2.2):
//! `2025-01-29` (day), `2025-W05` (ISO week), `2025-W05-WE` (weekend),
//! `2024-05` (month), `2024-Q3` / `2024-H1` (quarter, half), `2024-SU`
//! (season), `2024` (year), `202` (decade), `20` (century),
//! `2025-01-29TMO` / `2025-01-29T15:00` (part of day, clock time), durations
//! `P3W` / `PT24H` / `PXY`, the references `PRESENT_REF` / `PAST_REF` /
//! `FUTURE_REF`, sets `P1Y` / `XXXX-WXX-1`, and intervals
//! `2025-01-10/2025-01-12` (ISO 8601).
//!
//! How relative expressions are resolved (the [`Context`] of each mention):
//! - **`today`, `last week`, `next year`, `two months ago`**: the DCT shifted
//!   by whole units, at the unit's granularity (`last week` is a week, `two
//!   months ago` a month).
//! - **A weekday** points back to the latest such day on or before the DCT
//!   (news is written in the past tense: "said on Wednesday"), or forward to
//!   the first on or after it when the words before it speak of the future
//!   ("will launch on Friday"). `last Friday` is strictly before the DCT,
//!   `next Friday` strictly after, `this Friday` in the DCT's ISO week.
//! - **A month and day** without a year take the year that puts the date
//!   nearest to the DCT (a January article's "December 15" is last year's);
//!   after a future cue, the first such date on or after the DCT. Holidays
//!   are resolved the same way.
//! - **A month, quarter, half or season** without a year is the latest one
//!   that has begun by the DCT ("in July" in a January article is last July),
//!   or after a future cue the first that has not ended ("will launch in
//!   March"). `last April` is the latest April that ended before the DCT,
//!   `next April` the first that begins after it.
//! - **"a year ago", "year-earlier"** compare financial periods in news: the
//!   year before the quarter last named in the article (`1988-Q3` after "the
//!   third quarter"), else the year before the DCT's. **"the quarter"** is the
//!   quarter last named, else the last full quarter before the DCT.
//! - **Anchored expressions** ("two days after DeepSeek-R1's launch", "three
//!   weeks later") are shifted from another mention's date; the anchor is
//!   that mention.
//!
//! Without a DCT a relative expression gets no value (anchor
//! [`Anchor::Unresolved`]); it is never guessed from the clock. Calendar
//! arithmetic is jiff's.

use jiff::ToSpan;
use jiff::civil::{Date, Weekday};

/// TIMEX3 `type`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum TimexType {
    /// A calendar date or period: `2025-01-29`, `2024-Q3`, `PRESENT_REF`.
    Date,
    /// A time of day: `2025-01-29T15:00`, `2025-01-29TMO`.
    Time,
    /// A length of time: `P3W`.
    Duration,
    /// A recurrence: `P1Y` ("annually"), `XXXX-WXX-1` ("every Monday").
    Set,
}

impl TimexType {
    /// The TIMEX3 name: `DATE`, `TIME`, `DURATION`, `SET`.
    pub fn as_str(self) -> &'static str {
        match self {
            TimexType::Date => "DATE",
            TimexType::Time => "TIME",
            TimexType::Duration => "DURATION",
            TimexType::Set => "SET",
        }
    }
}

/// A calendar unit for shifts ("last week", "two months ago").
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Unit {
    /// A day.
    Day,
    /// An ISO week (Monday to Sunday).
    Week,
    /// The weekend of an ISO week.
    Weekend,
    /// A calendar month.
    Month,
    /// A calendar quarter.
    Quarter,
    /// A half year.
    Half,
    /// A calendar year.
    Year,
    /// A decade (`199` = the 1990s).
    Decade,
    /// A century (`20` = 2000-2099).
    Century,
}

/// A season; TIMEX3 codes `SP`, `SU`, `FA`, `WI`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Season {
    /// March to May.
    Spring,
    /// June to August.
    Summer,
    /// September to November.
    Fall,
    /// December (of the year before) to February.
    Winter,
}

/// Holidays that have a calendar date every year.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Holiday {
    /// January 1.
    NewYearsDay,
    /// December 31.
    NewYearsEve,
    /// Third Monday of January (US).
    MartinLutherKingDay,
    /// February 14.
    ValentinesDay,
    /// Third Monday of February (US).
    PresidentsDay,
    /// Two days before Easter.
    GoodFriday,
    /// Western Easter Sunday (Gregorian computus).
    Easter,
    /// Second Sunday of May (US).
    MothersDay,
    /// Last Monday of May (US).
    MemorialDay,
    /// Third Sunday of June (US).
    FathersDay,
    /// July 4 (US).
    IndependenceDay,
    /// First Monday of September (US).
    LaborDay,
    /// October 31.
    Halloween,
    /// November 11 (China's shopping festival and US Veterans Day).
    November11,
    /// Fourth Thursday of November (US).
    Thanksgiving,
    /// The day after Thanksgiving.
    BlackFriday,
    /// The Monday after Thanksgiving.
    CyberMonday,
    /// December 24.
    ChristmasEve,
    /// December 25.
    Christmas,
    /// December 26.
    BoxingDay,
    /// The first day of the Chinese lunar year ([`LUNAR_NEW_YEAR`]).
    LunarNewYear,
}

/// The first day of the Lunar New Year (Spring Festival), 1980-2040, as in
/// the Hong Kong Observatory's Gregorian-lunar calendar conversion tables
/// (<https://www.hko.gov.hk/en/gts/time/conversion.htm>); 1995-2019 checked
/// against the published lists of Spring Festival dates (china.org.cn,
/// hermetic.ch).
pub const LUNAR_NEW_YEAR: [(i16, i8, i8); 61] = [
    (1980, 2, 16),
    (1981, 2, 5),
    (1982, 1, 25),
    (1983, 2, 13),
    (1984, 2, 2),
    (1985, 2, 20),
    (1986, 2, 9),
    (1987, 1, 29),
    (1988, 2, 17),
    (1989, 2, 6),
    (1990, 1, 27),
    (1991, 2, 15),
    (1992, 2, 4),
    (1993, 1, 23),
    (1994, 2, 10),
    (1995, 1, 31),
    (1996, 2, 19),
    (1997, 2, 7),
    (1998, 1, 28),
    (1999, 2, 16),
    (2000, 2, 5),
    (2001, 1, 24),
    (2002, 2, 12),
    (2003, 2, 1),
    (2004, 1, 22),
    (2005, 2, 9),
    (2006, 1, 29),
    (2007, 2, 18),
    (2008, 2, 7),
    (2009, 1, 26),
    (2010, 2, 14),
    (2011, 2, 3),
    (2012, 1, 23),
    (2013, 2, 10),
    (2014, 1, 31),
    (2015, 2, 19),
    (2016, 2, 8),
    (2017, 1, 28),
    (2018, 2, 16),
    (2019, 2, 5),
    (2020, 1, 25),
    (2021, 2, 12),
    (2022, 2, 1),
    (2023, 1, 22),
    (2024, 2, 10),
    (2025, 1, 29),
    (2026, 2, 17),
    (2027, 2, 6),
    (2028, 1, 26),
    (2029, 2, 13),
    (2030, 2, 3),
    (2031, 1, 23),
    (2032, 2, 11),
    (2033, 1, 31),
    (2034, 2, 19),
    (2035, 2, 8),
    (2036, 1, 28),
    (2037, 2, 15),
    (2038, 2, 4),
    (2039, 1, 24),
    (2040, 2, 12),
];

impl Holiday {
    /// The holiday's date in `year`, or `None` outside the tables (Lunar New
    /// Year: 1980-2040).
    ///
    /// ```
    /// use newsie::temporal::Holiday;
    /// assert_eq!(Holiday::Thanksgiving.date(2024).unwrap().to_string(), "2024-11-28");
    /// assert_eq!(Holiday::Easter.date(2025).unwrap().to_string(), "2025-04-20");
    /// assert_eq!(Holiday::LunarNewYear.date(2025).unwrap().to_string(), "2025-01-29");
    /// ```
    pub fn date(self, year: i16) -> Option<Date> {
        use Weekday::*;
        let fixed = |m, d| Date::new(year, m, d).ok();
        let nth =
            |m: i8, w: Weekday, n: i8| Date::new(year, m, 1).ok()?.nth_weekday_of_month(n, w).ok();
        let thanksgiving = || nth(11, Thursday, 4);
        match self {
            Holiday::NewYearsDay => fixed(1, 1),
            Holiday::NewYearsEve => fixed(12, 31),
            Holiday::MartinLutherKingDay => nth(1, Monday, 3),
            Holiday::ValentinesDay => fixed(2, 14),
            Holiday::PresidentsDay => nth(2, Monday, 3),
            Holiday::GoodFriday => easter(year)?.checked_sub(2.days()).ok(),
            Holiday::Easter => easter(year),
            Holiday::MothersDay => nth(5, Sunday, 2),
            Holiday::MemorialDay => nth(5, Monday, -1),
            Holiday::FathersDay => nth(6, Sunday, 3),
            Holiday::IndependenceDay => fixed(7, 4),
            Holiday::LaborDay => nth(9, Monday, 1),
            Holiday::Halloween => fixed(10, 31),
            Holiday::November11 => fixed(11, 11),
            Holiday::Thanksgiving => thanksgiving(),
            Holiday::BlackFriday => thanksgiving()?.checked_add(1.day()).ok(),
            Holiday::CyberMonday => thanksgiving()?.checked_add(4.days()).ok(),
            Holiday::ChristmasEve => fixed(12, 24),
            Holiday::Christmas => fixed(12, 25),
            Holiday::BoxingDay => fixed(12, 26),
            Holiday::LunarNewYear => LUNAR_NEW_YEAR
                .iter()
                .find(|(y, _, _)| *y == year)
                .and_then(|&(y, m, d)| Date::new(y, m, d).ok()),
        }
    }
}

/// Western Easter Sunday: the anonymous Gregorian computus (Meeus/Jones/
/// Butcher, in Jean Meeus, *Astronomical Algorithms*, 1991, ch. 8).
fn easter(year: i16) -> Option<Date> {
    let y = i32::from(year);
    let (a, b, c) = (y % 19, y / 100, y % 100);
    let (d, e) = (b / 4, b % 4);
    let f = (b + 8) / 25;
    let g = (b - f + 1) / 3;
    let h = (19 * a + b - d - g + 15) % 30;
    let (i, k) = (c / 4, c % 4);
    let l = (32 + 2 * e + 2 * i - h - k) % 7;
    let m = (a + 11 * h + 22 * l) / 451;
    let month = (h + l - 7 * m + 114) / 31;
    let day = (h + l - 7 * m + 114) % 31 + 1;
    Date::new(year, month as i8, day as i8).ok()
}

/// A calendar period inside one year.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Point {
    /// The whole year.
    Year,
    /// A month, 1-12.
    Month(i8),
    /// A day; the weekday, when written with it, helps pick the year.
    Day {
        /// Month, 1-12.
        month: i8,
        /// Day of month (valid for the month in some year).
        day: i8,
        /// The weekday written with it, if any.
        weekday: Option<Weekday>,
    },
    /// A quarter, 1-4.
    Quarter(i8),
    /// A half, 1-2.
    Half(i8),
    /// A season.
    Season(Season),
    /// A holiday.
    Holiday(Holiday),
}

/// Which year a [`Point`] is in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum YearRef {
    /// Written in the text: `2024`.
    Written(i16),
    /// The DCT's year plus an offset: "this year" (0), "May last year" (-1).
    Dct(i16),
    /// Decided by the tense (see the module docs).
    Tense,
    /// "last April": the latest that ended before the DCT.
    Last,
    /// "next April": the first that begins after the DCT.
    Next,
}

/// How a weekday is placed around the DCT.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Direction {
    /// By the tense.
    Tense,
    /// Strictly before the DCT ("last Friday").
    Last,
    /// Strictly after the DCT ("next Friday").
    Next,
    /// In the DCT's ISO week ("this Friday").
    This,
}

/// Part of a day; TIMEX3 codes `MO`, `AF`, `EV`, `NI`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DayPart {
    /// Morning.
    Morning,
    /// Afternoon.
    Afternoon,
    /// Evening.
    Evening,
    /// Night.
    Night,
}

/// A time within a day.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TimeOfDay {
    /// Part of the day.
    Part(DayPart),
    /// Clock time, 24-hour; `utc` when written as UTC/GMT (value ends in `Z`).
    Clock {
        /// Hour, 0-24.
        hour: i8,
        /// Minute, 0-59.
        minute: i8,
        /// Written as UTC or GMT.
        utc: bool,
    },
}

/// What an anchored expression counts from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum AnchorRef {
    /// The latest day-precise date mentioned before it ("three days later").
    Previous,
    /// The date of the event whose name is at these byte offsets ("two days
    /// after DeepSeek-R1's launch"): the pipeline finds that date in the
    /// article.
    Event {
        /// Start byte of the anchor name.
        start: usize,
        /// End byte of the anchor name.
        end: usize,
    },
}

/// A recognized temporal expression, before normalization.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum DateExpr {
    /// A value that needs no anchor: `P3W`, `199`, `PRESENT_REF`, `P1Y`.
    Fixed(String),
    /// A period in a year: `January 10, 2025`, `May last year`, `July`,
    /// `the third quarter`, `Christmas`.
    InYear {
        /// The period.
        point: Point,
        /// Its year.
        year: YearRef,
    },
    /// A weekday: `Wednesday`, `last Friday`.
    Weekday {
        /// The day.
        weekday: Weekday,
        /// How it is placed around the DCT.
        direction: Direction,
    },
    /// The DCT shifted by `n` units, at the unit's granularity: `today`
    /// (day, 0), `yesterday` (day, -1), `last week` (week, -1), `two years
    /// ago` (year, -2).
    Shift {
        /// The unit.
        unit: Unit,
        /// How many (negative: before the DCT).
        n: i32,
    },
    /// "the weekend": the last one in past-tense text on a weekday, else
    /// the DCT week's ("this weekend" is a [`DateExpr::Shift`]).
    Weekend,
    /// "a year ago", "a year earlier", "year-ago" (see the module docs);
    /// `quarter` when the text says so ("the year-ago quarter").
    YearAgo {
        /// A quarter even without one named before.
        quarter: bool,
    },
    /// "the quarter" (see the module docs); "the 1988 quarter" keeps its
    /// written year.
    ContextQuarter(Option<i16>),
    /// A day with a time: `Friday morning`, `tonight`, `3 p.m. Monday`.
    At {
        /// The day; `None` for a bare time ("at 4 p.m.", "the evening"):
        /// the day last named in the same or the previous sentence, else
        /// the DCT's.
        day: Option<Box<DateExpr>>,
        /// The time.
        time: TimeOfDay,
    },
    /// The ISO week holding a day: "the week of Feb. 10".
    WeekOf(Box<DateExpr>),
    /// An interval: `January 10-12`, `between March and May`.
    Range(Box<DateExpr>, Box<DateExpr>),
    /// `n` units after (or, negative, before) an anchor date.
    Anchored {
        /// The unit.
        unit: Unit,
        /// How many.
        n: i32,
        /// What it counts from.
        anchor: AnchorRef,
    },
}

/// The tense of the sentence around an expression, as far as it matters for
/// resolving relative dates.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum Tense {
    /// Marked past: a past-tense verb or auxiliary (`said`, `rose`, `was`).
    Past,
    /// No cue either way (present tense, headlines, nominal phrases).
    #[default]
    Unmarked,
    /// Future: `will`, `would`, `plans to`, `is expected to`, `payable`, …
    Future,
}

/// What a value was computed from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Anchor {
    /// The expression is absolute.
    None,
    /// Resolved against the document creation time.
    Dct,
    /// Resolved against another mention (index into the article's mentions).
    Mention(usize),
    /// Relative, but its anchor is unknown (no DCT): the value is null.
    Unresolved,
}

impl Anchor {
    /// The name used in records: `none`, `dct`, `mention` (the record
    /// writes the mention's id instead), `unresolved`.
    pub fn as_str(self) -> &'static str {
        match self {
            Anchor::None => "none",
            Anchor::Dct => "dct",
            Anchor::Mention(_) => "mention",
            Anchor::Unresolved => "unresolved",
        }
    }
}

/// A normalized temporal expression.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Timex {
    /// TIMEX3 value (`2025-01-29`, `2024-05`, `P3W`), or `None` when
    /// unresolved.
    pub value: Option<String>,
    /// TIMEX3 type.
    pub timex_type: TimexType,
    /// What the value was computed from.
    pub anchor: Anchor,
}

/// What a mention's value may depend on besides its own words.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Context {
    /// The document creation time.
    pub dct: Option<Date>,
    /// The tense of the words before the mention.
    pub tense: Tense,
    /// The quarter (year, 1-4) last named before the mention.
    pub last_quarter: Option<(i16, i8)>,
    /// What an [`DateExpr::Anchored`] expression counts from.
    pub anchor: Option<AnchorDate>,
    /// The day last named in the same or the previous sentence, for bare
    /// times ("The crash happened around 4 p.m." after "Tuesday afternoon").
    pub recent_day: Option<AnchorDate>,
}

/// A date another expression counts from: the start of the period another
/// mention names, its size, and that mention.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct AnchorDate {
    /// First day of the period (`1998` → 1998-01-01).
    pub date: Date,
    /// Its size: [`Unit::Day`], [`Unit::Month`] or [`Unit::Year`].
    pub precision: Unit,
    /// Index of the mention that names it.
    pub mention: usize,
}

impl AnchorDate {
    /// Reads a TIMEX3 calendar value (`1998`, `1998-05`, `1998-05-10`).
    pub fn from_value(value: &str, mention: usize) -> Option<AnchorDate> {
        let (date, precision) = match value.len() {
            4 => (Date::new(value.parse().ok()?, 1, 1).ok()?, Unit::Year),
            7 => (format!("{value}-01").parse().ok()?, Unit::Month),
            10 => (value.parse().ok()?, Unit::Day),
            _ => return None,
        };
        Some(AnchorDate {
            date,
            precision,
            mention,
        })
    }
}

/// Words that mark the future on their own.
const FUTURE_WORDS: &[&str] = &[
    "will",
    "'ll",
    "’ll",
    "shall",
    "would",
    "upcoming",
    "forthcoming",
    "expects",
    "expect",
    "payable",
    "effective",
    "expire",
    "expires",
    "expiring",
    "deadline",
    "scheduled",
];
/// Words that mark the future after a present-tense `is`/`are`/`be`:
/// "is expected to", "are set to", "is due to", "is scheduled for",
/// "is going to", "is to" (but "was expected to" is past).
const FUTURE_AFTER_BE: &[&str] = &[
    "expected",
    "set",
    "due",
    "scheduled",
    "going",
    "slated",
    "poised",
    "to",
];
/// Words that mark the future before `to` or `for` even without `is`: "the
/// talks, set to resume Monday", "the accession was planned for early March".
const FUTURE_BEFORE_TO: &[&str] = &["set", "due", "slated", "poised", "planned", "scheduled"];
/// Intention verbs that mark the future when `to` follows: "plans to".
const INTENT_VERBS: &[&str] = &[
    "plans", "plan", "planned", "planning", "intends", "intend", "aims", "aim", "hopes", "prepares",
];
/// Auxiliaries and irregular verbs in the past tense (regular ones end in
/// `-ed`).
const PAST_WORDS: &[&str] = &[
    "was", "were", "had", "did", "said", "told", "met", "made", "took", "came", "went", "saw",
    "began", "rose", "fell", "sold", "bought", "won", "lost", "held", "left", "got", "gave",
    "paid", "ran", "spent", "brought", "thought", "found", "became", "shot", "struck", "wrote",
    "spoke", "broke", "chose", "drove", "flew", "grew", "knew", "led", "meant", "sent", "stood",
    "hit", "cut", "put", "quit", "slid", "sank", "shrank", "swung", "hid", "built", "felt", "kept",
    "heard", "dealt", "fought", "caught", "taught", "sought",
];
/// Words ending in `-ed` that are not past-tense verbs.
const NOT_PAST: &[&str] = &[
    "need", "speed", "feed", "seed", "bed", "red", "shed", "led", "indeed", "hundred", "proceed",
    "exceed", "succeed", "united", "limited", "based", "related", "listed", "rated", "red",
];

/// Guesses the tense of the words right before a date expression (the
/// pipeline passes up to ten words of its clause): the last cue decides,
/// and without one the tense is [`Tense::Unmarked`].
/// Future cues are *will*, *would*, *next*, *expects*, *is expected to*,
/// *is set to*, *plans to*, *payable* and the like, unless a past auxiliary
/// (*was*, *had*) comes just before them; past cues are past-tense verbs
/// (*said*, *announced*; not participles after *be*: "will be paid").
///
/// ```
/// use newsie::temporal::{tense_of, Tense};
/// assert_eq!(tense_of(&["it", "will", "launch", "on", "friday"]), Tense::Future);
/// assert_eq!(tense_of(&["is", "expected", "to", "report", "on"]), Tense::Future);
/// assert_eq!(tense_of(&["the", "dividend", "will", "be", "paid"]), Tense::Future);
/// assert_eq!(tense_of(&["said", "he", "expected", "to", "be", "arrested", "on"]), Tense::Past);
/// assert_eq!(tense_of(&["the", "fed", "announced", "a", "plan", "on"]), Tense::Past);
/// assert_eq!(tense_of(&["had", "been", "due", "to", "expire"]), Tense::Past);
/// assert_eq!(tense_of(&["would", "appeal", "the", "decision", "announced"]), Tense::Past);
/// assert_eq!(tense_of(&["could", "come", "as", "early", "as"]), Tense::Future);
/// ```
pub fn tense_of(words: &[&str]) -> Tense {
    // The lists are ASCII: compare case-insensitively without allocating.
    let is = |i: usize, list: &[&str]| {
        words
            .get(i)
            .is_some_and(|w| list.iter().any(|l| l.eq_ignore_ascii_case(w)))
    };
    let before = |i: usize, list: &[&str]| i > 0 && is(i - 1, list);
    // "had been due to expire Friday", "was to resume": a past auxiliary
    // right before a cue makes it the past's future.
    let past_before =
        |i: usize| (i.saturating_sub(4)..i).any(|j| is(j, &["had", "was", "were", "did"]));
    let mut tense = Tense::Unmarked;
    for (i, w) in words.iter().enumerate() {
        let future = is(i, FUTURE_WORDS)
            || (is(i, FUTURE_AFTER_BE) && before(i, &["is", "are", "be", "’s", "'s"]))
            || (is(i, INTENT_VERBS) && is(i + 1, &["to"]))
            // "as soon as", "as early as"
            || (is(i, &["soon", "early"]) && before(i, &["as"]) && is(i + 1, &["as"]));
        // "was planned for early March" still lies ahead; "had been set to
        // expire Friday" does not.
        let planned = is(i, FUTURE_BEFORE_TO)
            && is(i + 1, &["to", "for"])
            && !(i.saturating_sub(4)..i).any(|j| is(j, &["had"]));
        let participle = before(i, &["be", "been", "being", "is", "are"]);
        let past = is(i, PAST_WORDS)
            || (w.len() > 4
                && w.get(w.len() - 2..)
                    .is_some_and(|e| e.eq_ignore_ascii_case("ed"))
                && !is(i, NOT_PAST));
        if (future && !past_before(i)) || planned {
            tense = Tense::Future;
        } else if past && !participle {
            tense = Tense::Past;
        }
    }
    tense
}

/// Normalizes `expr` of type `timex_type` in `ctx` (see the module docs).
///
/// ```
/// use jiff::civil::{date, Weekday};
/// use newsie::temporal::{normalize, Context, DateExpr, Direction, Point, TimexType, YearRef};
/// let ctx = Context { dct: Some(date(2025, 1, 29)), ..Context::default() }; // a Wednesday
/// let wed = DateExpr::Weekday { weekday: Weekday::Wednesday, direction: Direction::Tense };
/// assert_eq!(normalize(&wed, TimexType::Date, &ctx).value.as_deref(), Some("2025-01-29"));
/// let may_last_year = DateExpr::InYear { point: Point::Month(5), year: YearRef::Dct(-1) };
/// assert_eq!(normalize(&may_last_year, TimexType::Date, &ctx).value.as_deref(), Some("2024-05"));
/// ```
pub fn normalize(expr: &DateExpr, timex_type: TimexType, ctx: &Context) -> Timex {
    let (value, anchor) = match expr {
        DateExpr::Fixed(v) => (Some(v.clone()), Anchor::None),
        DateExpr::InYear {
            point,
            year: YearRef::Written(y),
        } => (point_value(*point, *y), Anchor::None),
        // "three days later" with no date before it, or an event whose date
        // the article does not give, stays unresolved.
        DateExpr::Anchored { unit, n, .. } => match ctx.anchor {
            Some(a) => (anchored_value(a, *unit, *n), Anchor::Mention(a.mention)),
            None => (None, Anchor::Unresolved),
        },
        DateExpr::At { day: None, time } if ctx.recent_day.is_some() => {
            let a = ctx.recent_day.expect("checked");
            (
                Some(with_time(&a.date.to_string(), *time)),
                Anchor::Mention(a.mention),
            )
        }
        // Written years throughout: the DCT is not consulted, so any date
        // stands in for a missing one.
        _ if is_absolute(expr) => (
            relative_value(expr, ctx.dct.unwrap_or(Date::constant(2000, 1, 1)), ctx),
            Anchor::None,
        ),
        _ => match ctx.dct {
            None => (None, Anchor::Unresolved),
            Some(dct) => (relative_value(expr, dct, ctx), Anchor::Dct),
        },
    };
    let anchor = if value.is_none() && anchor != Anchor::None {
        Anchor::Unresolved
    } else {
        anchor
    };
    Timex {
        value,
        timex_type,
        anchor,
    }
}

/// The value of a relative expression against `dct`.
fn relative_value(expr: &DateExpr, dct: Date, ctx: &Context) -> Option<String> {
    match expr {
        DateExpr::Fixed(v) => Some(v.clone()),
        DateExpr::InYear { point, year } => {
            let y = pick_year(*point, *year, dct, ctx.tense)?;
            point_value(*point, y)
        }
        DateExpr::Weekday { weekday, direction } => {
            resolve_weekday(*weekday, *direction, dct, ctx.tense).map(|d| d.to_string())
        }
        DateExpr::Weekend => {
            // In past-tense text on a weekday, the one before.
            let back = ctx.tense != Tense::Future
                && !matches!(dct.weekday(), Weekday::Saturday | Weekday::Sunday);
            let d = shift_date(dct, Unit::Week, if back { -1 } else { 0 })?;
            Some(shifted_value(d, Unit::Weekend))
        }
        DateExpr::Shift { unit, n } => shift_date(dct, *unit, *n).map(|d| shifted_value(d, *unit)),
        DateExpr::YearAgo { quarter } => Some(match (ctx.last_quarter, quarter) {
            (Some((y, q)), _) => format!("{:04}-Q{q}", y - 1),
            (None, true) => {
                let (y, q) = last_full_quarter(dct);
                format!("{:04}-Q{q}", y - 1)
            }
            (None, false) => format!("{:04}", dct.year() - 1),
        }),
        DateExpr::ContextQuarter(year) => {
            // With no quarter named: the one being reported in the past
            // tense, the current one in the future ("will close by the end
            // of the quarter").
            let (y, q) = ctx.last_quarter.unwrap_or_else(|| match ctx.tense {
                Tense::Future => (dct.year(), quarter_of(dct)),
                _ => last_full_quarter(dct),
            });
            Some(format!("{:04}-Q{q}", year.unwrap_or(y)))
        }
        DateExpr::At { day, time } => {
            let day = match day {
                Some(day) => relative_value(day, dct, ctx)?,
                None => ctx.recent_day.map_or(dct, |a| a.date).to_string(),
            };
            // A time needs a day; a coarser base keeps its own value.
            if day.len() != 10 {
                return Some(day);
            }
            Some(with_time(&day, *time))
        }
        DateExpr::Range(a, b) => {
            let end = match (&**a, &**b) {
                // "between March and May", "January 10-12": the end is the
                // first such period from the start on.
                (
                    DateExpr::InYear {
                        point: pa,
                        year: ya,
                    },
                    DateExpr::InYear {
                        point: pb,
                        year: YearRef::Tense,
                    },
                ) => {
                    let y = pick_year(*pa, *ya, dct, ctx.tense)?;
                    let start = interval(*pa, y)?.0;
                    let yb = if interval(*pb, y)?.0 >= start {
                        y
                    } else {
                        y + 1
                    };
                    point_value(*pb, yb)?
                }
                _ => relative_value(b, dct, ctx)?,
            };
            Some(format!("{}/{end}", relative_value(a, dct, ctx)?))
        }
        DateExpr::Anchored { unit, n, .. } => anchored_value(ctx.anchor?, *unit, *n),
        DateExpr::WeekOf(day) => {
            let day: Date = relative_value(day, dct, ctx)?.parse().ok()?;
            Some(shifted_value(day, Unit::Week))
        }
    }
}

/// `day` (a `YYYY-MM-DD` value) with a time: `T15:00`, `T08:30Z`, `TMO`.
fn with_time(day: &str, time: TimeOfDay) -> String {
    match time {
        TimeOfDay::Part(p) => format!("{day}T{}", day_part_code(p)),
        TimeOfDay::Clock { hour, minute, utc } => {
            format!("{day}T{hour:02}:{minute:02}{}", if utc { "Z" } else { "" })
        }
    }
}

/// True when `expr`'s value needs no DCT: written years throughout
/// ("between 1997 and 2002").
fn is_absolute(expr: &DateExpr) -> bool {
    match expr {
        DateExpr::Fixed(_)
        | DateExpr::InYear {
            year: YearRef::Written(_),
            ..
        } => true,
        DateExpr::Range(a, b) => is_absolute(a) && is_absolute(b),
        DateExpr::WeekOf(d) => is_absolute(d),
        DateExpr::At { day: Some(d), .. } => is_absolute(d),
        _ => false,
    }
}

/// The anchor moved by `n` units, at the coarser of the unit's and the
/// anchor's size: "two days after" a day is a day, "two years later" after
/// "1964" is 1966, "three days later" after "1998" stays 1998.
fn anchored_value(anchor: AnchorDate, unit: Unit, n: i32) -> Option<String> {
    let d = shift_date(anchor.date, unit, n)?;
    let unit = if unit == Unit::Week { Unit::Day } else { unit };
    let size = |u: Unit| match u {
        Unit::Day => 0,
        Unit::Week | Unit::Weekend => 1,
        Unit::Month => 2,
        Unit::Quarter => 3,
        Unit::Half => 4,
        Unit::Year => 5,
        Unit::Decade => 6,
        Unit::Century => 7,
    };
    let g = if size(anchor.precision) > size(unit) {
        anchor.precision
    } else {
        unit
    };
    Some(shifted_value(d, g))
}

/// The last quarter (year, 1-4) that ended before `d`.
fn last_full_quarter(d: Date) -> (i16, i8) {
    match quarter_of(d) {
        1 => (d.year() - 1, 4),
        q => (d.year(), q - 1),
    }
}

/// The quarter (1-4) holding `d`.
fn quarter_of(d: Date) -> i8 {
    (d.month() - 1) / 3 + 1
}

fn day_part_code(p: DayPart) -> &'static str {
    match p {
        DayPart::Morning => "MO",
        DayPart::Afternoon => "AF",
        DayPart::Evening => "EV",
        DayPart::Night => "NI",
    }
}

/// `date` moved by `n` units (weeks, weekends: 7 days; months and longer: by
/// calendar months or years, from the first day of the period). `None` when
/// the result leaves jiff's calendar ("a million years ago").
fn shift_date(date: Date, unit: Unit, n: i32) -> Option<Date> {
    let n = i64::from(n);
    let span = jiff::Span::new();
    let (span, base) = match unit {
        Unit::Day => (span.try_days(n).ok()?, date),
        Unit::Week | Unit::Weekend => (span.try_days(7 * n).ok()?, date),
        Unit::Month => (span.try_months(n).ok()?, date.first_of_month()),
        Unit::Quarter => (span.try_months(3 * n).ok()?, date.first_of_month()),
        Unit::Half => (span.try_months(6 * n).ok()?, date.first_of_month()),
        Unit::Year => (span.try_years(n).ok()?, date),
        Unit::Decade => (span.try_years(10 * n).ok()?, date),
        Unit::Century => (span.try_years(100 * n).ok()?, date),
    };
    base.checked_add(span).ok()
}

/// The value of the `unit`-sized period holding `d`.
fn shifted_value(d: Date, unit: Unit) -> String {
    let week = || {
        let w = d.iso_week_date();
        format!("{:04}-W{:02}", w.year(), w.week())
    };
    match unit {
        Unit::Day => d.to_string(),
        Unit::Week => week(),
        Unit::Weekend => format!("{}-WE", week()),
        Unit::Month => format!("{:04}-{:02}", d.year(), d.month()),
        Unit::Quarter => format!("{:04}-Q{}", d.year(), quarter_of(d)),
        Unit::Half => format!("{:04}-H{}", d.year(), (d.month() - 1) / 6 + 1),
        Unit::Year => format!("{:04}", d.year()),
        Unit::Decade => format!("{:03}", d.year() / 10),
        Unit::Century => format!("{:02}", d.year() / 100),
    }
}

/// First and last day of `point` in `year`.
fn interval(point: Point, year: i16) -> Option<(Date, Date)> {
    let month = |first: i8, last: i8| -> Option<(Date, Date)> {
        let start = Date::new(year, first, 1).ok()?;
        let end = Date::new(year, last, 1).ok()?.last_of_month();
        Some((start, end))
    };
    match point {
        Point::Year => month(1, 12),
        Point::Month(m) => month(m, m),
        Point::Day { month, day, .. } => Date::new(year, month, day).ok().map(|d| (d, d)),
        Point::Quarter(q) => month(3 * q - 2, 3 * q),
        Point::Half(h) => month(6 * h - 5, 6 * h),
        Point::Season(Season::Spring) => month(3, 5),
        Point::Season(Season::Summer) => month(6, 8),
        Point::Season(Season::Fall) => month(9, 11),
        Point::Season(Season::Winter) => {
            let start = Date::new(year - 1, 12, 1).ok()?;
            Some((start, Date::new(year, 2, 1).ok()?.last_of_month()))
        }
        Point::Holiday(h) => h.date(year).map(|d| (d, d)),
    }
}

/// The TIMEX3 value of `point` in `year`.
fn point_value(point: Point, year: i16) -> Option<String> {
    Some(match point {
        Point::Year => format!("{year:04}"),
        Point::Month(m) => format!("{year:04}-{m:02}"),
        Point::Day { month, day, .. } => Date::new(year, month, day).ok()?.to_string(),
        Point::Quarter(q) => format!("{year:04}-Q{q}"),
        Point::Half(h) => format!("{year:04}-H{h}"),
        Point::Season(s) => {
            let code = match s {
                Season::Spring => "SP",
                Season::Summer => "SU",
                Season::Fall => "FA",
                Season::Winter => "WI",
            };
            format!("{year:04}-{code}")
        }
        Point::Holiday(h) => h.date(year)?.to_string(),
    })
}

/// How long after a quarter or half ends its results are still news (a
/// future-tense "third quarter" in October is the one just ended).
const REPORTING_DAYS: i32 = 100;

/// How many months after the DCT's a bare month is taken as coming rather
/// than past (measured on TempEval-3 train and MEANTIME: of bare months a
/// month or two after the DCT's, 13 of 14 meant the coming one).
const MONTHS_AHEAD: i32 = 2;

/// How many days before the DCT a month-day after a future cue may lie and
/// still be this year's ("effective June 17" in a June 18 story).
const RECENT_DAYS: i32 = 7;

/// The year of `point` for a relative `year` reference.
fn pick_year(point: Point, year: YearRef, dct: Date, tense: Tense) -> Option<i16> {
    let candidates = || {
        (dct.year() - 1..=dct.year() + 1)
            .filter_map(move |y| interval(point, y).map(|(s, e)| (y, s, e)))
    };
    match year {
        YearRef::Written(y) => Some(y),
        YearRef::Dct(offset) => Some(dct.year() + offset),
        YearRef::Last => candidates()
            .filter(|&(_, _, e)| e < dct)
            .map(|c| c.0)
            .next_back(),
        YearRef::Next => candidates().find(|&(_, s, _)| s > dct).map(|c| c.0),
        YearRef::Tense => match point {
            Point::Day { weekday, .. } => nearest_day(point, weekday, dct, tense),
            Point::Holiday(_) => nearest_day(point, None, dct, tense),
            // Quarters and halves are reported on after they end: "expects
            // third-quarter earnings" in October is this year's; one that
            // ended long before ("will open the plant in the first quarter"
            // in December) is next year's.
            Point::Quarter(_) | Point::Half(_) if tense == Tense::Future => {
                let (_, end) = interval(point, dct.year())?;
                let long_past = end.until(dct).is_ok_and(|s| s.get_days() > REPORTING_DAYS);
                Some(if long_past {
                    dct.year() + 1
                } else {
                    dct.year()
                })
            }
            // News announces next month's events in the present or past
            // tense ("the deal closes in December", "said it would close in
            // December"): a month that begins within two months after the
            // DCT is the coming one.
            Point::Month(m) if tense == Tense::Unmarked => {
                let ahead = (i32::from(m) - i32::from(dct.month())).rem_euclid(12);
                Some(if (1..=MONTHS_AHEAD).contains(&ahead) {
                    if m > dct.month() {
                        dct.year()
                    } else {
                        dct.year() + 1
                    }
                } else if m <= dct.month() {
                    dct.year()
                } else {
                    dct.year() - 1
                })
            }
            _ => match tense {
                Tense::Past | Tense::Unmarked => candidates()
                    .filter(|&(_, s, _)| s <= dct)
                    .map(|c| c.0)
                    .next_back(),
                Tense::Future => candidates().find(|&(_, _, e)| e >= dct).map(|c| c.0),
            },
        },
    }
}

/// The year of a day-sized `point`: in the future tense the first on or
/// after the DCT; otherwise the coming one when it is at most two months
/// ahead ("payable Jan. 2" in a November article), else the latest on or
/// before the DCT ("the year ended March 31" in October). A written weekday
/// that fits one of the nearby years decides.
fn nearest_day(point: Point, weekday: Option<Weekday>, dct: Date, tense: Tense) -> Option<i16> {
    let candidates: Vec<(i16, Date)> = (dct.year() - 1..=dct.year() + 1)
        .filter_map(|y| interval(point, y).map(|(d, _)| (y, d)))
        .collect();
    let distance = |d: &Date| (dct.until(*d).map_or(i32::MAX, |s| s.get_days().abs()), *d);
    if let Some(w) = weekday
        && let Some(&(y, _)) = candidates
            .iter()
            .filter(|(_, d)| d.weekday() == w)
            .min_by_key(|(_, d)| distance(d))
    {
        return Some(y);
    }
    match tense {
        // A future cue still means this year's date when it was at most a
        // week ago: wire stories date changes "effective June 17" the day
        // after (Reuters-21578), not a year ahead.
        Tense::Future => candidates
            .into_iter()
            .find(|(_, d)| *d >= dct || d.until(dct).is_ok_and(|s| s.get_days() <= RECENT_DAYS))
            .map(|c| c.0),
        // As for months: the coming one when it is at most two months
        // ahead, else the latest before the DCT.
        Tense::Past | Tense::Unmarked => {
            let ahead = candidates.iter().find(|(_, d)| *d >= dct);
            match ahead {
                Some(&(y, d))
                    if (i32::from(d.month()) - i32::from(dct.month())).rem_euclid(12)
                        <= MONTHS_AHEAD
                        && dct.until(d).is_ok_and(|s| s.get_days() < 92) =>
                {
                    Some(y)
                }
                _ => candidates
                    .iter()
                    .rev()
                    .find(|(_, d)| *d <= dct)
                    .map(|c| c.0),
            }
        }
    }
}

fn resolve_weekday(w: Weekday, direction: Direction, dct: Date, tense: Tense) -> Option<Date> {
    let today = i64::from(dct.weekday().to_monday_zero_offset());
    let target = i64::from(w.to_monday_zero_offset());
    let days = match (direction, tense) {
        (Direction::This, _) => target - today,
        (Direction::Last, _) => -((today - target - 1).rem_euclid(7) + 1),
        (Direction::Next, _) => (target - today - 1).rem_euclid(7) + 1,
        (Direction::Tense, Tense::Past | Tense::Unmarked) => -((today - target).rem_euclid(7)),
        (Direction::Tense, Tense::Future) => (target - today).rem_euclid(7),
    };
    dct.checked_add(days.days()).ok()
}

#[cfg(test)]
mod tests {
    use super::*;
    use jiff::civil::date;

    fn value(expr: DateExpr, dct: Date, tense: Tense) -> Option<String> {
        let ctx = Context {
            dct: Some(dct),
            tense,
            ..Context::default()
        };
        normalize(&expr, TimexType::Date, &ctx).value
    }

    fn day(month: i8, day: i8) -> DateExpr {
        DateExpr::InYear {
            point: Point::Day {
                month,
                day,
                weekday: None,
            },
            year: YearRef::Tense,
        }
    }

    fn weekday(weekday: Weekday, direction: Direction) -> DateExpr {
        DateExpr::Weekday { weekday, direction }
    }

    fn month(m: i8, year: YearRef) -> DateExpr {
        DateExpr::InYear {
            point: Point::Month(m),
            year,
        }
    }

    #[test]
    fn relative_expressions_against_the_dct() {
        use Tense::*;
        use Weekday::*;
        let wed = date(2025, 1, 29);
        let cases: &[(DateExpr, Date, Tense, &str)] = &[
            (
                weekday(Wednesday, Direction::Tense),
                wed,
                Past,
                "2025-01-29",
            ),
            (
                weekday(Monday, Direction::Tense),
                wed,
                Unmarked,
                "2025-01-27",
            ),
            (weekday(Thursday, Direction::Tense), wed, Past, "2025-01-23"),
            (
                weekday(Thursday, Direction::Tense),
                wed,
                Future,
                "2025-01-30",
            ),
            (
                weekday(Wednesday, Direction::Last),
                wed,
                Unmarked,
                "2025-01-22",
            ),
            (
                weekday(Wednesday, Direction::Next),
                wed,
                Unmarked,
                "2025-02-05",
            ),
            (
                weekday(Monday, Direction::This),
                wed,
                Unmarked,
                "2025-01-27",
            ),
            // Month and day: the coming one up to two months ahead, else
            // the latest before; the future tense forward.
            (day(1, 10), wed, Unmarked, "2025-01-10"),
            (day(12, 15), wed, Unmarked, "2024-12-15"),
            (day(3, 10), wed, Unmarked, "2025-03-10"),
            (day(6, 1), wed, Unmarked, "2024-06-01"),
            (day(1, 10), date(2024, 12, 20), Unmarked, "2025-01-10"),
            (day(1, 10), wed, Future, "2026-01-10"),
            (day(2, 29), wed, Unmarked, "2024-02-29"),
            // Months: marked past back, unmarked up to two months ahead.
            (month(7, YearRef::Tense), wed, Past, "2024-07"),
            (month(3, YearRef::Tense), wed, Past, "2024-03"),
            (month(3, YearRef::Tense), wed, Unmarked, "2025-03"),
            (month(3, YearRef::Tense), wed, Future, "2025-03"),
            (month(1, YearRef::Tense), wed, Past, "2025-01"),
            (month(5, YearRef::Dct(-1)), wed, Past, "2024-05"),
            (month(4, YearRef::Last), date(1989, 10, 27), Past, "1989-04"),
            (
                month(10, YearRef::Last),
                date(1989, 10, 27),
                Past,
                "1988-10",
            ),
            (
                month(10, YearRef::Next),
                date(1989, 10, 27),
                Past,
                "1990-10",
            ),
            (
                DateExpr::InYear {
                    point: Point::Quarter(4),
                    year: YearRef::Tense,
                },
                date(1990, 1, 15),
                Past,
                "1989-Q4",
            ),
            (
                DateExpr::InYear {
                    point: Point::Quarter(3),
                    year: YearRef::Tense,
                },
                date(1989, 10, 26),
                Future,
                "1989-Q3",
            ),
            (
                DateExpr::InYear {
                    point: Point::Quarter(1),
                    year: YearRef::Tense,
                },
                date(2024, 12, 30),
                Future,
                "2025-Q1",
            ),
            (
                DateExpr::InYear {
                    point: Point::Half(1),
                    year: YearRef::Tense,
                },
                date(2024, 12, 30),
                Future,
                "2025-H1",
            ),
            (
                DateExpr::ContextQuarter(None),
                date(2025, 3, 14),
                Future,
                "2025-Q1",
            ),
            (
                DateExpr::InYear {
                    point: Point::Season(Season::Summer),
                    year: YearRef::Last,
                },
                wed,
                Past,
                "2024-SU",
            ),
            (
                DateExpr::Shift {
                    unit: Unit::Day,
                    n: -1,
                },
                wed,
                Past,
                "2025-01-28",
            ),
            (
                DateExpr::Shift {
                    unit: Unit::Week,
                    n: -1,
                },
                wed,
                Past,
                "2025-W04",
            ),
            (
                DateExpr::Shift {
                    unit: Unit::Week,
                    n: 0,
                },
                date(2025, 1, 1),
                Past,
                "2025-W01",
            ),
            (
                DateExpr::Shift {
                    unit: Unit::Week,
                    n: 0,
                },
                date(2024, 12, 30),
                Past,
                "2025-W01",
            ),
            (
                DateExpr::Shift {
                    unit: Unit::Month,
                    n: 1,
                },
                date(2025, 1, 31),
                Past,
                "2025-02",
            ),
            (
                DateExpr::Shift {
                    unit: Unit::Quarter,
                    n: -1,
                },
                wed,
                Past,
                "2024-Q4",
            ),
            (
                DateExpr::Shift {
                    unit: Unit::Half,
                    n: 0,
                },
                date(2025, 7, 1),
                Past,
                "2025-H2",
            ),
            (
                DateExpr::Shift {
                    unit: Unit::Decade,
                    n: -1,
                },
                wed,
                Past,
                "201",
            ),
            (
                DateExpr::Shift {
                    unit: Unit::Century,
                    n: 0,
                },
                wed,
                Past,
                "20",
            ),
            (DateExpr::Weekend, wed, Past, "2025-W04-WE"),
            (DateExpr::Weekend, wed, Future, "2025-W05-WE"),
            (
                DateExpr::Shift {
                    unit: Unit::Weekend,
                    n: 0,
                },
                wed,
                Past,
                "2025-W05-WE",
            ),
            (DateExpr::YearAgo { quarter: false }, wed, Past, "2024"),
            (DateExpr::YearAgo { quarter: true }, wed, Past, "2023-Q4"),
            (DateExpr::ContextQuarter(None), wed, Past, "2024-Q4"),
            (
                DateExpr::At {
                    day: Some(Box::new(weekday(Friday, Direction::Tense))),
                    time: TimeOfDay::Part(DayPart::Morning),
                },
                wed,
                Past,
                "2025-01-24TMO",
            ),
            (
                DateExpr::At {
                    day: None,
                    time: TimeOfDay::Clock {
                        hour: 8,
                        minute: 30,
                        utc: true,
                    },
                },
                wed,
                Past,
                "2025-01-29T08:30Z",
            ),
            (
                DateExpr::Range(
                    Box::new(month(11, YearRef::Tense)),
                    Box::new(month(2, YearRef::Tense)),
                ),
                wed,
                Past,
                "2024-11/2025-02",
            ),
        ];
        for (expr, dct, tense, want) in cases {
            assert_eq!(
                value(expr.clone(), *dct, *tense).as_deref(),
                Some(*want),
                "{expr:?} at {dct} ({tense:?})"
            );
        }
    }

    #[test]
    fn financial_quarter_context() {
        let ctx = Context {
            dct: Some(date(1989, 10, 26)),
            last_quarter: Some((1989, 3)),
            ..Context::default()
        };
        let v = |e: DateExpr| normalize(&e, TimexType::Date, &ctx).value;
        assert_eq!(
            v(DateExpr::YearAgo { quarter: false }).as_deref(),
            Some("1988-Q3")
        );
        assert_eq!(
            v(DateExpr::ContextQuarter(None)).as_deref(),
            Some("1989-Q3")
        );
        assert_eq!(
            v(DateExpr::ContextQuarter(Some(1988))).as_deref(),
            Some("1988-Q3")
        );
    }

    #[test]
    fn holidays() {
        let cases: &[(Holiday, i16, &str)] = &[
            (Holiday::LunarNewYear, 2025, "2025-01-29"),
            (Holiday::LunarNewYear, 2024, "2024-02-10"),
            (Holiday::LunarNewYear, 1998, "1998-01-28"),
            (Holiday::Easter, 2024, "2024-03-31"),
            (Holiday::Easter, 2000, "2000-04-23"),
            (Holiday::GoodFriday, 2025, "2025-04-18"),
            (Holiday::Thanksgiving, 2025, "2025-11-27"),
            (Holiday::BlackFriday, 2025, "2025-11-28"),
            (Holiday::CyberMonday, 2025, "2025-12-01"),
            (Holiday::MemorialDay, 2025, "2025-05-26"),
            (Holiday::LaborDay, 2025, "2025-09-01"),
            (Holiday::MartinLutherKingDay, 2025, "2025-01-20"),
            (Holiday::Christmas, 2025, "2025-12-25"),
        ];
        for &(h, y, want) in cases {
            assert_eq!(
                h.date(y).map(|d| d.to_string()).as_deref(),
                Some(want),
                "{h:?} {y}"
            );
        }
        assert_eq!(Holiday::LunarNewYear.date(1979), None);
        // The table is in order, one row a year.
        assert!(LUNAR_NEW_YEAR.windows(2).all(|w| w[1].0 == w[0].0 + 1));
    }

    #[test]
    fn anchors_and_missing_dcts() {
        let anchored = DateExpr::Anchored {
            unit: Unit::Day,
            n: 2,
            anchor: AnchorRef::Event { start: 0, end: 5 },
        };
        let ctx = Context {
            dct: Some(date(2025, 1, 29)),
            anchor: AnchorDate::from_value("2025-01-20", 21),
            ..Context::default()
        };
        let t = normalize(&anchored, TimexType::Date, &ctx);
        assert_eq!(
            (t.value.as_deref(), t.anchor),
            (Some("2025-01-22"), Anchor::Mention(21))
        );
        // An event with no date in the article: no value, never the DCT's.
        let t = normalize(
            &anchored,
            TimexType::Date,
            &Context {
                anchor: None,
                ..ctx
            },
        );
        assert_eq!((t.value, t.anchor), (None, Anchor::Unresolved));
        // "three days later" with nothing before it stays unresolved; after
        // a bare year it keeps the year's size.
        let later = DateExpr::Anchored {
            unit: Unit::Day,
            n: 3,
            anchor: AnchorRef::Previous,
        };
        let t = normalize(
            &later,
            TimexType::Date,
            &Context {
                anchor: None,
                ..ctx
            },
        );
        assert_eq!((t.value, t.anchor), (None, Anchor::Unresolved));
        let y1998 = Context {
            anchor: AnchorDate::from_value("1998", 4),
            ..ctx
        };
        let t = normalize(&later, TimexType::Date, &y1998);
        assert_eq!(
            (t.value.as_deref(), t.anchor),
            (Some("1998"), Anchor::Mention(4))
        );
        let two_years = DateExpr::Anchored {
            unit: Unit::Year,
            n: 2,
            anchor: AnchorRef::Previous,
        };
        assert_eq!(
            normalize(&two_years, TimexType::Date, &y1998)
                .value
                .as_deref(),
            Some("2000")
        );
        // A bare time takes the day named just before.
        let four_pm = DateExpr::At {
            day: None,
            time: TimeOfDay::Clock {
                hour: 16,
                minute: 0,
                utc: false,
            },
        };
        let tuesday = Context {
            recent_day: AnchorDate::from_value("2025-01-28", 2),
            ..ctx
        };
        let t = normalize(&four_pm, TimexType::Time, &tuesday);
        assert_eq!(
            (t.value.as_deref(), t.anchor),
            (Some("2025-01-28T16:00"), Anchor::Mention(2))
        );
        let t = normalize(&four_pm, TimexType::Time, &ctx);
        assert_eq!(
            (t.value.as_deref(), t.anchor),
            (Some("2025-01-29T16:00"), Anchor::Dct)
        );
        // Written years need no DCT, ranges of them neither.
        let years = DateExpr::Range(
            Box::new(DateExpr::InYear {
                point: Point::Year,
                year: YearRef::Written(1997),
            }),
            Box::new(DateExpr::InYear {
                point: Point::Year,
                year: YearRef::Written(2002),
            }),
        );
        let t = normalize(&years, TimexType::Date, &Context::default());
        assert_eq!(
            (t.value.as_deref(), t.anchor),
            (Some("1997/2002"), Anchor::None)
        );
        // No DCT: relative values are null; absolute ones stand.
        let none = Context::default();
        let t = normalize(
            &weekday(Weekday::Monday, Direction::Tense),
            TimexType::Date,
            &none,
        );
        assert_eq!((t.value, t.anchor), (None, Anchor::Unresolved));
        let t = normalize(&DateExpr::Fixed("P3W".into()), TimexType::Duration, &none);
        assert_eq!((t.value.as_deref(), t.anchor), (Some("P3W"), Anchor::None));
        // Shifts off jiff's calendar give no value instead of a panic.
        let far = DateExpr::Shift {
            unit: Unit::Century,
            n: 1_000_000,
        };
        assert_eq!(value(far, date(2025, 1, 29), Tense::Past), None);
    }
}

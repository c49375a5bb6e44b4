//! Articles and their document creation time (DCT).

use jiff::civil::Date;

/// One news article, as read from an input.
///
/// `text` is the text all offsets count in: the input with front matter and a
/// leading UTF-8 byte-order mark removed, everything else (CRLF included)
/// exactly as in the file; for HTML pages (and WARC records of them), the
/// text extracted from the page ([`crate::input::HtmlText`]).
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Article {
    /// Unique id within a run: the article's own `id`, else its path relative
    /// to the folder given (plus `#N`: the 1-based line for JSONL inputs, the
    /// 1-based element for JSON arrays, the 1-based record for WARC records
    /// without a record id; see [`crate::input`]).
    pub id: String,
    /// The input file (`-` for standard input), as given or found by walking.
    pub path: String,
    /// 1-based line for articles of a JSONL input, and the line where its
    /// element starts for an element of a JSON array.
    pub line: Option<u64>,
    /// Headline, where the input has one.
    pub title: Option<String>,
    /// The article text.
    pub text: String,
    /// Document creation time (publication date), where known.
    pub dct: Option<Date>,
    /// Where `dct` came from.
    pub dct_source: Option<DctSource>,
    /// Publisher or feed name, where given (`source` key).
    pub source: Option<String>,
    /// URL, where given (`url` key).
    pub url: Option<String>,
}

impl Article {
    /// An article with just an id and a text (no DCT), for tests and examples.
    pub fn new(id: impl Into<String>, text: impl Into<String>) -> Article {
        let id = id.into();
        Article {
            path: id.clone(),
            id,
            text: text.into(),
            ..Article::default()
        }
    }

    /// Sets the DCT, as a builder; `source` says where it came from.
    pub fn with_dct(mut self, dct: Date, source: DctSource) -> Article {
        self.dct = Some(dct);
        self.dct_source = Some(source);
        self
    }
}

/// Where an article's DCT came from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DctSource {
    /// The `published` key of a `.txt` file's front matter.
    FrontMatter,
    /// The `published`, `date` or `dct` field of a JSON record.
    Json,
    /// An HTML page's own metadata (`<meta>`, JSON-LD, `<time>`: see
    /// [`crate::input::HtmlText`]).
    Html,
    /// The `WARC-Date` of a WARC record (when it was archived, not when it
    /// was published), for a record whose page carries no date.
    Warc,
    /// A date line or wire dateline at the top of the text
    /// ([`dateline_dct`]), for articles whose metadata has none.
    Dateline,
    /// The `--published` option, or the DCT a gold set records for the
    /// article (`newsie eval`); used only for articles that carry none.
    Option,
}

impl DctSource {
    /// The name used in records: `front_matter`, `json`, `html`, `warc`,
    /// `dateline` or `option`.
    pub fn as_str(self) -> &'static str {
        match self {
            DctSource::FrontMatter => "front_matter",
            DctSource::Json => "json",
            DctSource::Html => "html",
            DctSource::Warc => "warc",
            DctSource::Dateline => "dateline",
            DctSource::Option => "option",
        }
    }
}

/// Parses a publication date into a calendar date (the DCT has day precision).
///
/// Accepted forms:
/// - ISO 8601 dates and datetimes: `2025-01-29`, `2025-01-29T08:15:00Z`,
///   `2025-01-29 08:15:00`, `2025-01-29T08:15:00+08:00`. The date is taken as
///   written (no time-zone conversion): it is the date the publisher printed.
/// - Reuters-21578's `26-FEB-1987 15:01:01.79` (`DD-MON-YYYY`, then a time).
///   Trailing desk codes (`00:02:59.13RM`, `02:17:09.88T C`) are part of the form.
///   The date part decides; a malformed time after a valid date (one Reuters
///   record has `31-MAR-1987 605:12:19.12`) keeps the date and returns a note.
/// - A written date, as a date line prints it: `March 14, 2025`, `14 March
///   2025`, `Friday, March 14, 2025`.
///
/// Returns the date and an optional note about what was ignored.
///
/// # Errors
/// A message quoting the value when it is none of the forms above.
///
/// ```
/// use newsie::article::parse_dct;
/// let (d, _) = parse_dct("26-FEB-1987 15:01:01.79").unwrap();
/// assert_eq!(d.to_string(), "1987-02-26");
/// assert_eq!(parse_dct("2025-01-29T08:00:00Z").unwrap().0.to_string(), "2025-01-29");
/// assert!(parse_dct("last Tuesday").is_err());
/// ```
pub fn parse_dct(value: &str) -> Result<(Date, Option<String>), String> {
    let v = value.trim();
    if let Some(date) = parse_iso(v) {
        return Ok((date, None));
    }
    if let Some((date, rest)) = parse_reuters(v) {
        // Some Reuters stamps end in desk codes: `00:02:59.13RM`.
        let rest = rest.trim();
        let clock = rest.trim_end_matches(|c: char| c.is_ascii_uppercase() || c == ' ');
        let note = (!rest.is_empty() && !is_time_of_day(clock))
            .then(|| format!("publication date {value:?}: time part {rest:?} ignored"));
        return Ok((date, note));
    }
    // "March 14, 2025", "14 March 2025": the forms of a date line.
    if let Some(date) = date_line(v) {
        return Ok((date, None));
    }
    Err(format!(
        "unrecognized publication date {value:?} (expected ISO 8601 like 2025-01-29, DD-MON-YYYY like 26-FEB-1987, or a written date like March 14, 2025)"
    ))
}

/// A month name or abbreviation, for date lines and datelines.
const MONTH: &str = r"(?P<m>Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)[a-z]*\.?";

/// A line that is only a date: `March 06, 2005`, `Tuesday, 6 March 2005`,
/// `2005-03-06`.
static DATE_LINE: std::sync::LazyLock<regex::Regex> = std::sync::LazyLock::new(|| {
    regex::Regex::new(&format!(
        r"^\s*(?:[A-Z][a-z]+,?\s+)?(?:{MONTH}\s+(?P<d>\d{{1,2}})(?:st|nd|rd|th)?,?\s+(?P<y>\d{{4}})|(?P<d2>\d{{1,2}})(?:st|nd|rd|th)?\s+{m2}\s+(?P<y2>\d{{4}})|(?P<iy>\d{{4}})-(?P<im>\d{{2}})-(?P<id>\d{{2}}))\s*$",
        m2 = MONTH.replace("?P<m>", "?P<m2>")
    ))
    .expect("date line regex")
});

/// The date of a [`DATE_LINE`], or `None` (not one, or no such day).
fn date_line(line: &str) -> Option<Date> {
    let c = DATE_LINE.captures(line)?;
    if let (Some(y), Some(m), Some(d)) = (c.name("iy"), c.name("im"), c.name("id")) {
        return Date::new(
            y.as_str().parse().ok()?,
            m.as_str().parse().ok()?,
            d.as_str().parse().ok()?,
        )
        .ok();
    }
    let get = |a: &str, b: &str| c.name(a).or(c.name(b)).map(|m| m.as_str());
    let (y, m, d) = (get("y", "y2")?, get("m", "m2")?, get("d", "d2")?);
    Date::new(
        y.parse().ok()?,
        month_from_abbrev(&m[..3])?,
        d.parse().ok()?,
    )
    .ok()
}

/// How many lines from the top a date line may be (headline, byline…).
const DATELINE_LINES: usize = 5;

/// The publication date written at the top of an article's text, for
/// articles whose metadata has none:
/// - a **date line**: a line that is only a full date, as Wikinews and many
///   sites print under the headline (`March 06, 2005`, `Tuesday, 6 March
///   2005`, `2005-03-06`), within the first five lines;
/// - a **wire dateline** opening a line (`CLEVELAND, Feb 26 -`, `BEIJING,
///   Jan. 29 (Reuters) -`): its month and day, in the year given (or, without
///   one, the year of `year_hint`'s date that puts the day nearest to it, as
///   `--published` gives).
///
/// ```
/// use newsie::article::dateline_dct;
/// assert_eq!(dateline_dct("Boeing wins\nMarch 06, 2005\nBoeing said...", None).unwrap().to_string(), "2005-03-06");
/// let hint = jiff::civil::date(1987, 3, 1);
/// assert_eq!(dateline_dct("CLEVELAND, Feb 26 - LTV said...", Some(hint)).unwrap().to_string(), "1987-02-26");
/// assert_eq!(dateline_dct("CLEVELAND, Feb 26 - LTV said...", None), None);
/// ```
pub fn dateline_dct(text: &str, year_hint: Option<Date>) -> Option<Date> {
    use std::sync::LazyLock;
    static WIRE: LazyLock<regex::Regex> = LazyLock::new(|| {
        regex::Regex::new(&format!(
            r"^\s*[A-Z][A-Z.'\- ]+(?:,\s*[A-Z][A-Za-z.\- ]+)?,\s+{MONTH}\s+(?P<d>\d{{1,2}})(?:,?\s+(?P<y>\d{{4}}))?\s*(?:\([A-Za-z ]+\)\s*)?[-–—]"
        ))
        .expect("wire dateline regex")
    });
    let month = |m: &str| month_from_abbrev(&m[..3]);
    for line in text
        .lines()
        .filter(|l| !l.trim().is_empty())
        .take(DATELINE_LINES)
    {
        if DATE_LINE.is_match(line) {
            return date_line(line);
        }
        if let Some(c) = WIRE.captures(line) {
            let (m, d) = (month(&c["m"])?, c["d"].parse::<i8>().ok()?);
            if let Some(y) = c.name("y") {
                return Date::new(y.as_str().parse().ok()?, m, d).ok();
            }
            let hint = year_hint?;
            return (hint.year() - 1..=hint.year() + 1)
                .filter_map(|y| Date::new(y, m, d).ok())
                .min_by_key(|c| hint.until(*c).map_or(i32::MAX, |s| s.get_days().abs()));
        }
    }
    None
}

/// `YYYY-MM-DD`, optionally followed by `T` or a space and a time of day.
fn parse_iso(v: &str) -> Option<Date> {
    let b = v.as_bytes();
    if b.len() < 10 || b[4] != b'-' || b[7] != b'-' || !v.is_char_boundary(10) {
        return None;
    }
    let date: Date = v[..10].parse().ok()?;
    match b.get(10) {
        None => Some(date),
        Some(b'T' | b't' | b' ') => is_time_of_day(&v[11..]).then_some(date),
        _ => None,
    }
}

/// `HH:MM[:SS[.fff]]`, then optionally `Z` or a UTC offset (`+08:00`, `-0500`).
fn is_time_of_day(s: &str) -> bool {
    let s = s.strip_suffix(['Z', 'z']).unwrap_or(s);
    let clock = match s.rfind(['+', '-']) {
        Some(i) if is_offset(&s[i + 1..]) => &s[..i],
        _ => s,
    };
    clock.len() >= 5 && clock.parse::<jiff::civil::Time>().is_ok()
}

fn is_offset(s: &str) -> bool {
    let digits: String = s.chars().filter(|c| *c != ':').collect();
    (digits.len() == 4 || digits.len() == 2) && digits.bytes().all(|c| c.is_ascii_digit())
}

/// `DD-MON-YYYY` and whatever follows it.
fn parse_reuters(v: &str) -> Option<(Date, &str)> {
    let (day, rest) = v.split_once('-')?;
    let (mon, rest) = rest.split_once('-')?;
    if day.is_empty() || day.len() > 2 || !day.bytes().all(|c| c.is_ascii_digit()) {
        return None;
    }
    let year = rest.get(..4)?;
    if !year.bytes().all(|c| c.is_ascii_digit()) {
        return None;
    }
    let month = month_from_abbrev(mon)?;
    let date = Date::new(year.parse().ok()?, month, day.parse().ok()?).ok()?;
    Some((date, &rest[4..]))
}

fn month_from_abbrev(mon: &str) -> Option<i8> {
    const MONTHS: [&str; 12] = [
        "JAN", "FEB", "MAR", "APR", "MAY", "JUN", "JUL", "AUG", "SEP", "OCT", "NOV", "DEC",
    ];
    let up = mon.to_ascii_uppercase();
    MONTHS.iter().position(|m| *m == up).map(|i| i as i8 + 1)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn datelines() {
        let hint = Some(jiff::civil::date(2025, 1, 20));
        let cases: &[(&str, Option<Date>, Option<&str>)] = &[
            ("Headline\nMarch 06, 2005\nText.", None, Some("2005-03-06")),
            (
                "Headline\nTuesday, 6 March 2005\nText.",
                None,
                Some("2005-03-06"),
            ),
            ("Headline\n\n2005-03-06\nText.", None, Some("2005-03-06")),
            (
                "BEIJING, Jan. 29, 2025 (Reuters) - Alibaba said",
                None,
                Some("2025-01-29"),
            ),
            (
                "    CLEVELAND, Feb 26 - LTV Corp said",
                hint,
                Some("2025-02-26"),
            ),
            ("NEW YORK, Dec 30 - Shares fell", hint, Some("2024-12-30")),
            ("CLEVELAND, Feb 26 - LTV Corp said", None, None),
            // A date inside a sentence is not a date line.
            ("Alibaba said on March 06, 2005 that it would", None, None),
            ("a\nb\nc\nd\ne\nMarch 06, 2005", None, None),
            ("Headline\nFebruary 30, 2005\nText.", None, None),
        ];
        for &(text, hint, want) in cases {
            assert_eq!(
                dateline_dct(text, hint).map(|d| d.to_string()).as_deref(),
                want,
                "{text:?}"
            );
        }
    }

    #[test]
    fn dct_forms() {
        // (input, expected date, expects a note)
        let cases: &[(&str, Option<&str>, bool)] = &[
            ("2025-01-29", Some("2025-01-29"), false),
            ("2025-01-29T08:15:00Z", Some("2025-01-29"), false),
            ("2025-01-29T23:15:00-05:00", Some("2025-01-29"), false),
            ("2025-01-29T23:15:00.123+0800", Some("2025-01-29"), false),
            ("2025-01-29 08:15:00", Some("2025-01-29"), false),
            (" 2023-03-11 19:26:00 ", Some("2023-03-11"), false),
            ("26-FEB-1987 15:01:01.79", Some("1987-02-26"), false),
            ("27-MAR-1987 00:02:59.13RM", Some("1987-03-27"), false),
            ("27-MAR-1987 02:17:09.88T C", Some("1987-03-27"), false),
            ("5-MAR-1987 09:00:00.00", Some("1987-03-05"), false),
            ("31-MAR-1987 605:12:19.12", Some("1987-03-31"), true),
            ("2025-02-30", None, false),
            ("2025-01-29Tnoon", None, false),
            ("2025-01-29T25:00:00", None, false),
            ("Jan 29, 2025", Some("2025-01-29"), false),
            ("March 14, 2025", Some("2025-03-14"), false),
            ("14 March 2025", Some("2025-03-14"), false),
            ("March 2025", None, false),
            ("30-FEB-1987 10:00:00.00", None, false),
            ("", None, false),
        ];
        for &(input, want, note) in cases {
            let got = parse_dct(input);
            match want {
                Some(w) => {
                    let (d, n) = got.unwrap_or_else(|e| panic!("{input:?}: {e}"));
                    assert_eq!(d.to_string(), w, "{input:?}");
                    assert_eq!(n.is_some(), note, "{input:?} note {n:?}");
                }
                None => assert!(got.is_err(), "{input:?} parsed as {got:?}"),
            }
        }
    }
}

//! Temporal expressions through the whole pipeline: recognition, span, TIMEX3
//! type and value against the DCT, one table row per rule or trap. The
//! sentences are ours; the corpus-level scores come from `newsie eval` (`eval_sets.rs`).

use std::sync::LazyLock;

use jiff::civil::{Date, date};
use newsie::article::DctSource;
use newsie::gazetteer::GazetteerSource;
use newsie::{Article, Pipeline};

static PIPELINE: LazyLock<Pipeline> =
    LazyLock::new(|| Pipeline::new(&GazetteerSource::Bundled).unwrap());

/// (text, type, value, anchor) of every temporal mention in `text`.
fn timexes(text: &str, dct: Option<Date>) -> Vec<(String, String, Option<String>, String)> {
    let mut article = Article::new("t", text);
    if let Some(d) = dct {
        article = article.with_dct(d, DctSource::Option);
    }
    PIPELINE
        .process(&article)
        .mentions
        .into_iter()
        .filter(|m| m.kind == "date")
        .map(|m| {
            (
                m.text,
                m.timex_type.unwrap().to_string(),
                m.value,
                m.anchor.unwrap(),
            )
        })
        .collect()
}

/// A DCT on Wednesday 2025-01-29 (the reference article's).
const WED: Date = date(2025, 1, 29);

#[test]
fn dates_times_durations_and_sets() {
    // (text, dct, expected (surface, type, value))
    let cases: &[(&str, Date, &[(&str, &str, &str)])] = &[
        // Absolute dates in the common forms.
        (
            "It shipped on January 10.",
            WED,
            &[("January 10", "DATE", "2025-01-10")],
        ),
        (
            "It shipped on Jan. 10, 2024.",
            WED,
            &[("Jan. 10, 2024", "DATE", "2024-01-10")],
        ),
        (
            "It shipped on 10 January 2025.",
            WED,
            &[("10 January 2025", "DATE", "2025-01-10")],
        ),
        (
            "Filed 2025-01-10 in Delaware.",
            WED,
            &[("2025-01-10", "DATE", "2025-01-10")],
        ),
        // Numeric dates are month first, as in US news...
        (
            "Filed 1/10/2025 in Delaware.",
            WED,
            &[("1/10/2025", "DATE", "2025-01-10")],
        ),
        // ...unless the first number cannot be a month.
        (
            "Filed 29/1/2025 in Delaware.",
            WED,
            &[("29/1/2025", "DATE", "2025-01-29")],
        ),
        (
            "Filed 2024/01/29 in Seoul.",
            WED,
            &[("2024/01/29", "DATE", "2024-01-29")],
        ),
        // Dots are day first, as in European news.
        (
            "Filed 29.01.2024 in Berlin.",
            WED,
            &[("29.01.2024", "DATE", "2024-01-29")],
        ),
        (
            "It grows by end-2025.",
            WED,
            &[("end-2025", "DATE", "2025")],
        ),
        (
            "Talks ran January 10-12 in Davos.",
            WED,
            &[("January 10-12", "DATE", "2025-01-10/2025-01-12")],
        ),
        (
            "Sales rose between March and May.",
            WED,
            &[("March and May", "DATE", "2024-03/2024-05")],
        ),
        // Weekdays by tense.
        (
            "Alibaba unveiled it on Wednesday.",
            WED,
            &[("Wednesday", "DATE", "2025-01-29")],
        ),
        (
            "Shares fell on Monday.",
            WED,
            &[("Monday", "DATE", "2025-01-27")],
        ),
        (
            "The firm will report on Friday.",
            WED,
            &[("Friday", "DATE", "2025-01-31")],
        ),
        (
            "It closed last Friday.",
            WED,
            &[("last Friday", "DATE", "2025-01-24")],
        ),
        (
            "It opens next Wednesday.",
            WED,
            &[("next Wednesday", "DATE", "2025-02-05")],
        ),
        // Months: past tense points back, future forward; "May last year".
        (
            "She spoke to Waves in July.",
            WED,
            &[("July", "DATE", "2024-07")],
        ),
        (
            "It will launch in March.",
            WED,
            &[("March", "DATE", "2025-03")],
        ),
        (
            "It was released in May last year.",
            WED,
            &[("May last year", "DATE", "2024-05")],
        ),
        (
            "Prices peaked last April.",
            WED,
            &[("last April", "DATE", "2024-04")],
        ),
        (
            "Sales fell in early December.",
            WED,
            &[("early December", "DATE", "2024-12")],
        ),
        (
            "Output rose in May 2024.",
            WED,
            &[("May 2024", "DATE", "2024-05")],
        ),
        // Seasons, quarters, halves, years, decades, centuries.
        (
            "Demand slowed last summer.",
            WED,
            &[("last summer", "DATE", "2024-SU")],
        ),
        (
            "It grew in the third quarter.",
            WED,
            &[("the third quarter", "DATE", "2024-Q3")],
        ),
        (
            "Q3 2024 revenue rose.",
            WED,
            &[("Q3 2024", "DATE", "2024-Q3")],
        ),
        (
            "Its fiscal third-quarter profit fell.",
            WED,
            &[("fiscal third-quarter", "DATE", "2024-Q3")],
        ),
        (
            "It expects growth in the first half of 2026.",
            WED,
            &[("the first half of 2026", "DATE", "2026-H1")],
        ),
        (
            "Profit fell in fiscal 1989.",
            WED,
            &[("fiscal 1989", "DATE", "1989")],
        ),
        (
            "The firm was founded in 1998.",
            WED,
            &[("1998", "DATE", "1998")],
        ),
        (
            "It boomed in the 1990s.",
            WED,
            &[("the 1990s", "DATE", "199")],
        ),
        (
            "It boomed in the '80s.",
            WED,
            &[("the '80s", "DATE", "198")],
        ),
        (
            "The rules date from the 19th century.",
            WED,
            &[("the 19th century", "DATE", "18")],
        ),
        // Relative expressions.
        (
            "Revenue doubled last year.",
            WED,
            &[("last year", "DATE", "2024")],
        ),
        (
            "It opens next month.",
            WED,
            &[("next month", "DATE", "2025-02")],
        ),
        (
            "It fell last week.",
            WED,
            &[("last week", "DATE", "2025-W04")],
        ),
        (
            "It was founded two years ago.",
            WED,
            &[("two years ago", "DATE", "2023")],
        ),
        (
            "It launched two weeks ago.",
            WED,
            &[("two weeks ago", "DATE", "2025-01-15")],
        ),
        (
            "It raised funds earlier this year.",
            WED,
            &[("earlier this year", "DATE", "2025")],
        ),
        (
            "Shares rose today.",
            WED,
            &[("today", "DATE", "2025-01-29")],
        ),
        (
            "Shares fell yesterday.",
            WED,
            &[("yesterday", "DATE", "2025-01-28")],
        ),
        (
            "It rose 5% from a year ago.",
            WED,
            &[("a year ago", "DATE", "2024")],
        ),
        // Financial periods: "a year earlier" compares with the quarter named.
        (
            "Third-quarter profit rose 5% from a year earlier.",
            WED,
            &[
                ("Third-quarter", "DATE", "2024-Q3"),
                ("a year earlier", "DATE", "2023-Q3"),
            ],
        ),
        // Durations.
        (
            "It rose over the past three weeks.",
            WED,
            &[("the past three weeks", "DURATION", "P3W")],
        ),
        (
            "Talks lasted 24 hours.",
            WED,
            &[("24 hours", "DURATION", "PT24H")],
        ),
        (
            "It signed a five-year deal.",
            WED,
            &[("five-year", "DURATION", "P5Y")],
        ),
        (
            "Prices fell for several months.",
            WED,
            &[("several months", "DURATION", "PXM")],
        ),
        (
            "Costs rose in recent years.",
            WED,
            &[("recent years", "DURATION", "PXY")],
        ),
        (
            "It grew over the past decade.",
            WED,
            &[("the past decade", "DURATION", "P10Y")],
        ),
        // Sets.
        (
            "It reports every Monday.",
            WED,
            &[("every Monday", "SET", "XXXX-WXX-1")],
        ),
        (
            "The index is rebalanced annually.",
            WED,
            &[("annually", "SET", "P1Y")],
        ),
        (
            "It meets twice a year.",
            WED,
            &[("twice a year", "SET", "P1Y")],
        ),
        ("It costs $20 a month.", WED, &[("a month", "SET", "P1M")]),
        // Times and parts of day.
        (
            "Trading halted at 3 p.m.",
            WED,
            &[("3 p.m.", "TIME", "2025-01-29T15:00")],
        ),
        (
            "It lifted off at 0800 UTC.",
            WED,
            &[("0800 UTC", "TIME", "2025-01-29T08:00Z")],
        ),
        (
            "The deadline is noon Friday.",
            WED,
            &[("noon Friday", "TIME", "2025-01-31T12:00")],
        ),
        (
            "It closed Tuesday night.",
            WED,
            &[("Tuesday night", "TIME", "2025-01-28TNI")],
        ),
        (
            "It will open tonight.",
            WED,
            &[("tonight", "TIME", "2025-01-29TNI")],
        ),
        // Holidays with calendar dates.
        (
            "Sales peaked on the first day of the Lunar New Year.",
            WED,
            &[("the first day of the Lunar New Year", "DATE", "2025-01-29")],
        ),
        (
            "Sales peaked at Christmas.",
            WED,
            &[("Christmas", "DATE", "2024-12-25")],
        ),
        (
            "Stores open on Thanksgiving 2025.",
            WED,
            &[("Thanksgiving 2025", "DATE", "2025-11-27")],
        ),
        // References.
        (
            "It is now the largest lab.",
            WED,
            &[("now", "DATE", "PRESENT_REF")],
        ),
        (
            "It recently cut prices.",
            WED,
            &[("recently", "DATE", "PAST_REF")],
        ),
        (
            "It may matter in the future.",
            WED,
            &[("the future", "DATE", "FUTURE_REF")],
        ),
        // Forms from real articles (a break-it review).
        (
            "Due on Jan. 15,\u{a0}2024.",
            WED,
            &[("Jan. 15,\u{a0}2024", "DATE", "2024-01-15")],
        ),
        (
            "Sales rose in January '24.",
            WED,
            &[("January '24", "DATE", "2024-01")],
        ),
        (
            "阿里巴巴于2025年1月28日发布",
            WED,
            &[("2025年1月28日", "DATE", "2025-01-28")],
        ),
        (
            "Filed 2024-12-05T08:00:00Z.",
            WED,
            &[("2024-12-05T08:00:00Z", "TIME", "2024-12-05T08:00Z")],
        ),
        (
            "Earnings are due the week of Feb. 10.",
            WED,
            &[("the week of Feb. 10", "DATE", "2025-W07")],
        ),
        (
            "APPLE TO REPORT ON THURSDAY, JAN. 30",
            WED,
            &[("THURSDAY, JAN. 30", "DATE", "2025-01-30")],
        ),
        (
            "In May, Apple will report.",
            WED,
            &[("May", "DATE", "2025-05")],
        ),
        (
            "Sales rose in January, February and March.",
            WED,
            &[
                ("January", "DATE", "2025-01"),
                ("February", "DATE", "2024-02"),
                ("March", "DATE", "2024-03"),
            ],
        ),
        (
            "It meets at 0600 hours.",
            WED,
            &[("0600 hours", "TIME", "2025-01-29T06:00")],
        ),
        (
            "Meet at 10:30 tomorrow.",
            WED,
            &[("10:30 tomorrow", "TIME", "2025-01-30T10:30")],
        ),
        (
            "Q4 results beat forecasts.",
            WED,
            &[("Q4", "DATE", "2024-Q4")],
        ),
        (
            "The year-ago quarter was weak.",
            WED,
            &[("The year-ago quarter", "DATE", "2023-Q4")],
        ),
        (
            "A truck overturned Tuesday afternoon. Lanes reopened at 8:13 p.m.",
            WED,
            &[
                ("Tuesday afternoon", "TIME", "2025-01-28TAF"),
                ("8:13 p.m.", "TIME", "2025-01-28T20:13"),
            ],
        ),
        (
            "In 1998 the firm was founded; two years later it went public.",
            WED,
            &[
                ("1998", "DATE", "1998"),
                ("two years later", "DATE", "2000"),
            ],
        ),
        (
            "It was filed on March 3, 2024. The next day it was withdrawn.",
            WED,
            &[
                ("March 3, 2024", "DATE", "2024-03-03"),
                ("The next day", "DATE", "2024-03-04"),
            ],
        ),
        // Anchored to an earlier date.
        (
            "It was filed on March 3, 2024. Three days later it was withdrawn.",
            WED,
            &[
                ("March 3, 2024", "DATE", "2024-03-03"),
                ("Three days later", "DATE", "2024-03-06"),
            ],
        ),
    ];
    for (text, dct, want) in cases {
        let got = timexes(text, Some(*dct));
        let got: Vec<(&str, &str, &str)> = got
            .iter()
            .map(|(t, ty, v, _)| (t.as_str(), ty.as_str(), v.as_deref().unwrap_or("null")))
            .collect();
        assert_eq!(got, *want, "{text:?}");
    }
}

#[test]
fn precision_traps_are_not_times() {
    for text in [
        "Investors may sell.",
        "Protesters march on the capital.",
        "Qwen 2.5 beat Llama-3.1 and GPT-4 on the benchmark.",
        "Xiaomi (1810.HK) rose.",
        "It paid $2024 in fees.",
        "About 2000 people attended.",
        "Julian said the decision was final.",
        "It is up 2.5% on a 1,000-share lot.",
        "A second round and a quarter of the firms.",
        "She is a 52-year-old engineer.",
        "The Sunday Times reported the deal.",
        "Prices saw a fall of 3%.",
        "Mar and Jan are abbreviations.",
        "H100 and H200 GPUs and H800 chips.",
        "Run it at Q4_K_M or Q4 quantization.",
        "The BE-3PM engine failed.",
        "We bought 2000 GPUs and 2048 H800 chips.",
        "The Midnight Rose model and Jamie Noon.",
        "The Evening Standard said so on Saturday Night Live.",
        "Challenger, Gray and Christmas said.",
        "He read John 3:16 and led 3:23 into the period.",
        "Version 1.12.2024 shipped; Qwen 2.5.1 too.",
    ] {
        assert_eq!(timexes(text, Some(WED)), [], "{text:?}");
    }
}

#[test]
fn written_years_need_no_dct() {
    let got = timexes("Between 1997 and 2002 the industry grew.", None);
    assert_eq!(
        got,
        [(
            "1997 and 2002".to_string(),
            "DATE".to_string(),
            Some("1997/2002".to_string()),
            "none".to_string()
        )]
    );
}

#[test]
fn without_a_dct_relative_values_are_null_never_guessed() {
    let got = timexes(
        "Alibaba unveiled it on Wednesday, after a May 2024 test and last year's launch.",
        None,
    );
    let rows: Vec<(&str, Option<&str>, &str)> = got
        .iter()
        .map(|(t, _, v, a)| (t.as_str(), v.as_deref(), a.as_str()))
        .collect();
    assert_eq!(
        rows,
        [
            ("Wednesday", None, "unresolved"),
            ("May 2024", Some("2024-05"), "none"),
            ("last year", None, "unresolved"),
        ]
    );
}

#[test]
fn event_anchors_count_from_the_event_date_in_the_article() {
    let text = "DeepSeek released the R1 model on January 20. \
                Just two days after DeepSeek-R1's launch, ByteDance rolled out an update.";
    let got = timexes(text, Some(WED));
    assert_eq!(got[0].0, "January 20");
    assert_eq!(
        (got[1].0.as_str(), got[1].2.as_deref(), got[1].3.as_str()),
        ("two days after", Some("2025-01-22"), "m3")
    );
    // An event whose date the article does not give stays unresolved.
    let got = timexes(
        "Two weeks after the launch of Kimi K2, rivals cut prices.",
        Some(WED),
    );
    assert_eq!(
        (got[0].0.as_str(), got[0].2.as_deref(), got[0].3.as_str()),
        ("Two weeks after", None, "unresolved")
    );
}

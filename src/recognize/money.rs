//! Money: `$0.14`, `HK$85.40`, `US$1.5 billion`, `$1.13bn`, `€20m`,
//! `1 yuan`, `15.2 billion yuan`, `136m euros`, `1.50 dlrs`, `150 mln dlrs`,
//! `50 cts`, `97p`, `2.5 mln stg`, `20.7 kronor`, `USD 300`, and ranges (`$10-25m`).
//!
//! Amounts are exact decimals (multipliers `thousand`, `million`/`mln`/`m`,
//! `billion`/`bln`/`bn`/`b`, `trillion`/`tln`/`tn` applied; cents and pence
//! divided by 100). Currencies are ISO 4217 codes. Conventions (documented
//! choices, not facts of the text):
//! - a bare `$`, `dollars` and Reuters' `dlrs` are US dollars; `C$`, `A$`,
//!   `HK$`, `S$`, `NT$`, `NZ$`, `R$` and the written names (`Canadian
//!   dollars`) give their own currency;
//! - `¥` is the Japanese yen (`yuan`, `RMB`, `renminbi` give CNY);
//! - `pounds` and `marks` count as money only with a multiplier or a
//!   qualifier (`5 mln pounds`, `pounds sterling`, `German marks`), since
//!   `10 pounds` is more often a weight and `marks` a noun (and `the $4
//!   trillion mark` a milestone); `stg` (Reuters) is sterling; `97p` is
//!   pence, except video resolutions (`720p`, `1080p`);
//! - the Korean `won` is not recognized after a bare number (`won 3 games`).

use regex::{Captures, Regex};

use super::number::scale_decimal;
use crate::mention::{Mention, MentionType, MentionValue};
use crate::span::Span;

const NUM: &str = r"\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?|\.\d+";
const MULT_WORD: &str = r"trillion|billion|million|thousand|tln|bln|mln|bn|tn";

/// Recognizes amounts of money.
#[derive(Debug)]
pub struct MoneyRecognizer {
    /// Symbol or code before the number: `$0.14`, `HK$85.40`, `USD 300`.
    prefixed: Regex,
    /// Currency word after the number: `1 yuan`, `150 mln dlrs`, `136m euros`.
    suffixed: Regex,
    /// Pence: `97p`.
    pence: Regex,
}

impl Default for MoneyRecognizer {
    fn default() -> Self {
        let symbol = |name: &str| {
            format!(
                r"(?:(?-u:\b)(?P<{name}1>US|HK|NT|NZ|[CASR])\$\x20?|(?P<{name}2>[$€£¥₹₩])\x20?|(?-u:\b)(?P<{name}3>USD|EUR|GBP|JPY|CNY|RMB|HKD|CAD|AUD|CHF|INR|KRW|SGD|TWD)\s?)"
            )
        };
        let other_symbol = r"(?:(?:US|HK|NT|NZ|[CASR])?\$|[€£¥₹₩])?";
        let range = r"(?:\s?[-–]\s?|\s+to\s+)";
        let mult = format!(r"(?:\s?(?P<mult>(?i:{MULT_WORD}))(?-u:\b)|(?P<short>[mkb])(?-u:\b))");
        let prefixed = format!(
            r"{sym}(?P<num>{NUM})(?:{range}{other_symbol}(?P<num2>{NUM}))?{mult}?",
            sym = symbol("sym")
        );
        let suffixed = format!(
            r"(?-u:\b)(?P<num>{NUM})(?:{range}(?P<num2>{NUM}))?(?:[\s-]?(?P<mult>(?i:{MULT_WORD}))|(?P<short>[mkb]))?\s(?P<cur>(?i:(?:(?:U\.S\.|US|American|Canadian|Australian|Hong\s+Kong|HK|Singapore|Taiwan(?:ese)?|New\s+Zealand)\s+)?(?:dollars?|dlrs)|(?:Swiss|French|Belgian)\s+francs?|(?:German|Deutsche|D-)\s*marks?|pounds?\s+sterling|British\s+pounds?|pounds?|marks|yuan|renminbi|RMB|euros?|yen|kronor|krona|rupees?|francs?|sterling|stg|cents?|cts|pence|(?:USD|EUR|GBP|JPY|CNY|HKD|CAD|AUD|CHF|INR|KRW|SGD|TWD)))(?-u:\b)"
        );
        MoneyRecognizer {
            prefixed: Regex::new(&prefixed).expect("money prefix regex"),
            suffixed: Regex::new(&suffixed).expect("money suffix regex"),
            pence: Regex::new(r"(?-u:\b)(?P<num>\d{1,4}(?:\.\d+)?)p(?-u:\b)").expect("pence regex"),
        }
    }
}

/// Video resolutions written like pence (`720p`), never money.
const RESOLUTIONS: &[&str] = &[
    "144", "240", "360", "480", "576", "720", "1080", "1440", "2160", "4320",
];

impl MoneyRecognizer {
    /// Finds amounts of money in `text` (all forms; overlaps are left to the
    /// resolve stage). A range (`$10-25m`, `$2 to $3.8 trillion`, `10 to 15
    /// mln dlrs`) gives one mention per number, both with the range's
    /// multiplier and currency.
    pub fn find(&self, text: &str, out: &mut Vec<Mention>) {
        for c in self.prefixed.captures_iter(text) {
            let currency = match (c.name("sym1"), c.name("sym2"), c.name("sym3")) {
                (Some(s), _, _) | (_, Some(s), _) => symbol_currency(s.as_str()),
                (_, _, Some(code)) => code_currency(code.as_str()),
                _ => None,
            };
            // `$0.6$` is mathematics (LaTeX), not money.
            if text[c.get(0).expect("group 0").end()..].starts_with('$') {
                continue;
            }
            let shift = c
                .name("mult")
                .or(c.name("short"))
                .map_or(0, |m| multiplier(m.as_str()));
            push_range(out, &c, currency, shift);
        }
        for c in self.suffixed.captures_iter(text) {
            let lower = c["cur"].to_lowercase();
            let has_mult = c.name("mult").or(c.name("short")).is_some();
            if matches!(lower.as_str(), "pound" | "pounds" | "marks") && !has_mult {
                continue;
            }
            let (currency, cents) = word_currency(&lower);
            let shift = c
                .name("mult")
                .or(c.name("short"))
                .map_or(0, |m| multiplier(m.as_str()))
                - if cents { 2 } else { 0 };
            // "rose 1/2 to 35 dlrs": the 2 is a fraction's denominator, not
            // the start of a range ("1/2" is the change, 35 the price).
            let whole = c.get(0).expect("group 0");
            if text[..whole.start()].ends_with('/') {
                if let Some(num2) = c.name("num2") {
                    push(
                        out,
                        Span::new(num2.start(), whole.end()),
                        num2.as_str(),
                        currency,
                        shift,
                    );
                }
                continue;
            }
            push_range(out, &c, currency, shift);
        }
        for c in self.pence.captures_iter(text) {
            if RESOLUTIONS.contains(&&c["num"]) {
                continue;
            }
            let whole = c.get(0).expect("group 0");
            push(
                out,
                Span::new(whole.start(), whole.end()),
                &c["num"],
                Some("GBP"),
                -2,
            );
        }
    }
}

/// Pushes the mention of a match, or the two mentions of a range.
fn push_range(out: &mut Vec<Mention>, c: &Captures, currency: Option<&'static str>, shift: i32) {
    let whole = c.get(0).expect("group 0");
    let num = c.name("num").expect("num group");
    match c.name("num2") {
        None => push(
            out,
            Span::new(whole.start(), whole.end()),
            num.as_str(),
            currency,
            shift,
        ),
        Some(num2) => {
            // The second number's span starts at its own symbol, if it has one.
            let between = &c.get(0).expect("group 0").as_str()
                [num.end() - whole.start()..num2.start() - whole.start()];
            let lead =
                between.trim_start_matches(|ch: char| ch.is_whitespace() || ch == '-' || ch == '–');
            let lead = lead.strip_prefix("to").unwrap_or(lead).trim_start();
            let second_start = num2.start() - lead.len();
            push(
                out,
                Span::new(whole.start(), num.end()),
                num.as_str(),
                currency,
                shift,
            );
            push(
                out,
                Span::new(second_start, whole.end()),
                num2.as_str(),
                currency,
                shift,
            );
        }
    }
}

fn push(
    out: &mut Vec<Mention>,
    span: Span,
    number: &str,
    currency: Option<&'static str>,
    shift: i32,
) {
    let (Some(currency), Some(amount)) = (currency, scale_decimal(number, shift)) else {
        return;
    };
    out.push(Mention {
        span,
        kind: MentionType::Money,
        source: "pattern",
        value: MentionValue::Money { amount, currency },
    });
}

/// Power of ten of a multiplier word.
fn multiplier(m: &str) -> i32 {
    match m.to_ascii_lowercase().as_str() {
        "thousand" | "k" => 3,
        "million" | "mln" | "m" => 6,
        "billion" | "bln" | "bn" | "b" => 9,
        "trillion" | "tln" | "tn" => 12,
        _ => 0,
    }
}

fn symbol_currency(sym: &str) -> Option<&'static str> {
    Some(match sym {
        "$" | "US" => "USD",
        "HK" => "HKD",
        "NT" => "TWD",
        "NZ" => "NZD",
        "C" => "CAD",
        "A" => "AUD",
        "S" => "SGD",
        "R" => "BRL",
        "€" => "EUR",
        "£" => "GBP",
        "¥" => "JPY",
        "₹" => "INR",
        "₩" => "KRW",
        _ => return None,
    })
}

fn code_currency(code: &str) -> Option<&'static str> {
    const CODES: &[&str] = &[
        "USD", "EUR", "GBP", "JPY", "CNY", "HKD", "CAD", "AUD", "CHF", "INR", "KRW", "SGD", "TWD",
    ];
    if code.eq_ignore_ascii_case("RMB") {
        return Some("CNY");
    }
    CODES.iter().copied().find(|c| c.eq_ignore_ascii_case(code))
}

/// Currency of a lowercased currency word, and whether it is a hundredth.
fn word_currency(lower: &str) -> (Option<&'static str>, bool) {
    let squashed: String = lower.split_whitespace().collect::<Vec<_>>().join(" ");
    let w = squashed.as_str();
    let cur = if w.ends_with("dollar") || w.ends_with("dollars") || w.ends_with("dlrs") {
        let qualifier = w.rsplit_once(' ').map_or("", |(q, _)| q);
        match qualifier {
            "canadian" => "CAD",
            "australian" => "AUD",
            "hong kong" | "hk" => "HKD",
            "singapore" => "SGD",
            "taiwan" | "taiwanese" => "TWD",
            "new zealand" => "NZD",
            _ => "USD",
        }
    } else if w.contains("franc") {
        match w.split(' ').next() {
            Some("swiss") => "CHF",
            Some("belgian") => "BEF",
            _ => "FRF",
        }
    } else if w.contains("mark") {
        "DEM"
    } else if w.contains("pound") || w == "sterling" || w == "stg" || w == "pence" {
        "GBP"
    } else if matches!(w, "yuan" | "renminbi" | "rmb") {
        "CNY"
    } else if w.starts_with("euro") {
        "EUR"
    } else if w == "yen" {
        "JPY"
    } else if matches!(w, "kronor" | "krona") {
        "SEK"
    } else if w.starts_with("rupee") {
        "INR"
    } else if matches!(w, "cent" | "cents" | "cts") {
        "USD"
    } else {
        return (code_currency(w), false);
    };
    (Some(cur), matches!(w, "cent" | "cents" | "cts" | "pence"))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn money(text: &str) -> Vec<(String, String, String)> {
        let mut out = Vec::new();
        MoneyRecognizer::default().find(text, &mut out);
        out.sort_by_key(|m| m.span);
        out.iter()
            .map(|m| match &m.value {
                MentionValue::Money { amount, currency } => (
                    m.span.slice(text).to_string(),
                    amount.clone(),
                    currency.to_string(),
                ),
                v => panic!("{v:?}"),
            })
            .collect()
    }

    #[test]
    fn money_forms() {
        let cases: &[(&str, &[(&str, &str, &str)])] = &[
            (
                "charging just 1 yuan ($0.14) per",
                &[("1 yuan", "1", "CNY"), ("$0.14", "0.14", "USD")],
            ),
            ("fell 3.2% to HK$85.40", &[("HK$85.40", "85.4", "HKD")]),
            (
                "lost $589 billion in value",
                &[("$589 billion", "589000000000", "USD")],
            ),
            (
                "profit of $1.13bn (£600m)",
                &[
                    ("$1.13bn", "1130000000", "USD"),
                    ("£600m", "600000000", "GBP"),
                ],
            ),
            (
                "US$1.5 billion deal",
                &[("US$1.5 billion", "1500000000", "USD")],
            ),
            ("150 mln dlrs loan", &[("150 mln dlrs", "150000000", "USD")]),
            ("1.50 dlrs a share", &[("1.50 dlrs", "1.5", "USD")]),
            (
                "15.2 billion yuan",
                &[("15.2 billion yuan", "15200000000", "CNY")],
            ),
            ("a dividend of 50 cts", &[("50 cts", "0.5", "USD")]),
            ("2.5 mln stg", &[("2.5 mln stg", "2500000", "GBP")]),
            (
                "500 mln Canadian dlrs",
                &[("500 mln Canadian dlrs", "500000000", "CAD")],
            ),
            (
                "3.1 billion Swiss francs",
                &[("3.1 billion Swiss francs", "3100000000", "CHF")],
            ),
            ("40 mln marks", &[("40 mln marks", "40000000", "DEM")]),
            ("USD 300 fee", &[("USD 300", "300", "USD")]),
            ("€20m", &[("€20m", "20000000", "EUR")]),
            ("¥1,000", &[("¥1,000", "1000", "JPY")]),
            ("1 million euros", &[("1 million euros", "1000000", "EUR")]),
            ("he weighs 200 pounds", &[]),
            ("got 3 marks", &[]),
            ("Qwen 2.5 model", &[]),
            (
                "RAISE 1.5 BILLION DLRS",
                &[("1.5 BILLION DLRS", "1500000000", "USD")],
            ),
            ("$5 minimum", &[("$5", "5", "USD")]),
            (
                "the £3.3 trillion mark",
                &[("£3.3 trillion", "3300000000000", "GBP")],
            ),
            ("100 million mark of users", &[]),
            (
                "raised 136m euros and 7.5bn euros",
                &[
                    ("136m euros", "136000000", "EUR"),
                    ("7.5bn euros", "7500000000", "EUR"),
                ],
            ),
            ("540bn yen", &[("540bn yen", "540000000000", "JPY")]),
            ("to 20.7 kronor", &[("20.7 kronor", "20.7", "SEK")]),
            ("sold for £ 0.79 per song", &[("£ 0.79", "0.79", "GBP")]),
            ("rose 1/2 to 35 dlrs", &[("35 dlrs", "35", "USD")]),
            ("starting at US $ 199", &[("$ 199", "199", "USD")]),
            (
                "costs $10-25m",
                &[("$10", "10000000", "USD"), ("25m", "25000000", "USD")],
            ),
            (
                "$2-$3.8 trillion",
                &[
                    ("$2", "2000000000000", "USD"),
                    ("$3.8 trillion", "3800000000000", "USD"),
                ],
            ),
            (
                "from 10 to 15 mln dlrs",
                &[
                    ("10", "10000000", "USD"),
                    ("15 mln dlrs", "15000000", "USD"),
                ],
            ),
            ("shares at 97p, video in 1080p", &[("97p", "0.97", "GBP")]),
            ("accuracy of $0.6$ on", &[]),
        ];
        for (text, want) in cases {
            let want: Vec<(String, String, String)> = want
                .iter()
                .map(|(a, b, c)| (a.to_string(), b.to_string(), c.to_string()))
                .collect();
            assert_eq!(money(text), want, "{text:?}");
        }
    }
}

//! Pattern recognizers, one file each: tickers, money, percentages, dates.
//!
//! Every recognizer compiles its regular expressions once (at
//! [`Recognizers::default`]) and appends candidate [`Mention`]s; overlaps
//! between recognizers and with gazetteer matches are settled afterwards by
//! [`crate::resolve`].

pub mod date;
pub mod money;
pub mod number;
pub mod percent;
pub mod ticker;

use crate::gazetteer::Gazetteer;
use crate::mention::Mention;

/// All pattern recognizers, compiled once.
#[derive(Debug, Default)]
pub struct Recognizers {
    ticker: ticker::TickerRecognizer,
    money: money::MoneyRecognizer,
    percent: percent::PercentRecognizer,
    date: date::DateRecognizer,
}

impl Recognizers {
    /// Runs every recognizer over `text`, appending candidates to `out`.
    pub fn find(&self, text: &str, gazetteer: &Gazetteer, out: &mut Vec<Mention>) {
        self.ticker.find(text, gazetteer, out);
        self.money.find(text, out);
        self.percent.find(text, out);
        self.date.find(text, out);
    }
}

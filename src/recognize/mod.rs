//! Pattern recognizers, one file each: tickers, model families, discovered
//! companies, money, percentages, temporal expressions.
//!
//! Every recognizer compiles its regular expressions once (at
//! [`Recognizers::new`]) and appends candidate [`Mention`]s; overlaps
//! between recognizers and with gazetteer matches are settled afterwards by
//! [`crate::resolve`].

pub mod discovered;
pub mod model;
pub mod money;
pub mod number;
pub mod percent;
pub mod ticker;
pub mod timex;

use crate::gazetteer::Gazetteer;
use crate::mention::Mention;

/// All pattern recognizers, compiled once.
#[derive(Debug)]
pub struct Recognizers {
    ticker: ticker::TickerRecognizer,
    model: model::ModelRecognizer,
    discovered: discovered::DiscoveredRecognizer,
    money: money::MoneyRecognizer,
    percent: percent::PercentRecognizer,
    timex: timex::TimexRecognizer,
}

impl Recognizers {
    /// Compiles every recognizer; the model family pattern comes from
    /// `gazetteer`.
    pub fn new(gazetteer: &Gazetteer) -> Recognizers {
        Recognizers {
            ticker: ticker::TickerRecognizer::default(),
            model: model::ModelRecognizer::new(gazetteer),
            discovered: discovered::DiscoveredRecognizer::default(),
            money: money::MoneyRecognizer::default(),
            percent: percent::PercentRecognizer::default(),
            timex: timex::TimexRecognizer::default(),
        }
    }

    /// Runs every recognizer over `text`, appending candidates to `out`
    /// (which holds the gazetteer matches already: the discovered-company
    /// recognizer reads them and the tickers).
    pub fn find(&self, text: &str, gazetteer: &Gazetteer, out: &mut Vec<Mention>) {
        self.ticker.find(text, gazetteer, out);
        self.model.find(text, gazetteer, out);
        self.discovered.find(text, out);
        self.money.find(text, out);
        self.percent.find(text, out);
        self.timex.find(text, out);
    }
}

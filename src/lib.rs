//! # newsie
//!
//! Rule-based information extraction from news articles: mentions of
//! companies, stock tickers, AI models, dates, money and percentages, and
//! product-release events, written as JSONL or CSV rows.
//!
//! An [`Article`] (text plus its document creation time, the DCT) goes
//! through one [`Pipeline`], built once and shared by threads: tokenize →
//! sentences → gazetteer matching (Aho-Corasick over `gazetteers/`) →
//! pattern recognizers → overlap resolution → temporal normalization to
//! TIMEX3 values → event rules → records ([`pipeline::Extraction`]). The
//! [`run`] module drives a whole batch of inputs in parallel with rayon and
//! writes records in input order.
//!
//! ```
//! use newsie::{Article, Pipeline};
//! use newsie::gazetteer::GazetteerSource;
//! let pipeline = Pipeline::new(&GazetteerSource::Bundled).unwrap();
//! let x = pipeline.process(&Article::new("a", "Tencent (0700.HK) shares fell 3.2%."));
//! let ticker = &x.mentions[1];
//! assert_eq!((ticker.kind, ticker.symbol.as_deref(), ticker.entity_id.as_deref()), ("ticker", Some("0700.HK"), Some("tencent")));
//! assert_eq!(x.mentions[2].percent.as_ref().map(|p| p.0.as_str()), Some("3.2"));
//! ```
//!
//! Offsets: stages work in byte offsets ([`span::Span`]); records carry
//! character offsets (Unicode scalar values), converted in one place
//! ([`span::CharMap`]).

#![warn(missing_docs)]

pub mod article;
pub mod doc;
pub mod error;
pub mod eval;
pub mod event;
pub mod gazetteer;
pub mod html;
pub mod input;
pub mod language;
pub mod markup;
pub mod mention;
pub mod output;
pub mod pipeline;
pub mod provenance;
pub mod recognize;
pub mod resolve;
pub mod run;
pub mod span;
pub mod temporal;
pub mod tokenize;

pub use article::Article;
pub use error::{Error, Result};
pub use pipeline::{Extraction, Pipeline};

//! Scoring newsie's output against gold annotations.
//!
//! [`timex`] scores temporal expressions the way TempEval-3 does (UzZaman et
//! al. 2013, SemEval-2013 Task 1): strict and relaxed span
//! precision/recall/F1, then attribute accuracy (TIMEX3 type and value) over
//! the relaxed matches. [`event`] scores release and price-change events
//! against the hand-annotated format of `fixtures/gold/events-dev/`.
//! [`timeml`] reads gold TIMEX3s from TimeML files: TempEval-3 `.tml` and
//! MEANTIME CAT XML.

pub mod event;
pub mod timeml;
pub mod timex;

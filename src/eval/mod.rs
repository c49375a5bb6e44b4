//! Scoring newsie's output against gold annotations.
//!
//! [`timex`] scores temporal expressions the way TempEval-3 does (UzZaman et
//! al. 2013, SemEval-2013 Task 1): strict and relaxed span
//! precision/recall/F1, then attribute accuracy (TIMEX3 type and value) over
//! the relaxed matches. [`event`] scores release and price-change events
//! against the hand-annotated format of `fixtures/gold/events-dev/`.

pub mod event;
pub mod timex;

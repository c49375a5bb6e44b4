//! CSV cells that a spreadsheet will not run as formulas.
//!
//! A spreadsheet program that opens a CSV file reads a cell beginning with
//! `=`, `+`, `-` or `@` as a formula (and a leading tab or carriage return
//! can hide one), so article text such as `=HYPERLINK("http://…","x")` in a
//! mention surface or an evidence sentence would become a live formula. The
//! rule followed here is the OWASP "CSV Injection" guidance
//! (<https://owasp.org/www-community/attacks/CSV_Injection>): a cell whose
//! **first character** is one of `=` `+` `-` `@`, tab (U+0009) or carriage
//! return (U+000D) gets one apostrophe `'` put in front of it. Nothing else
//! in the cell changes, and other cells are left alone; quoting of embedded
//! quotes, commas and line breaks is the `csv` crate's, per RFC 4180.
//!
//! The decision is made **per column**, from what the column holds, never by
//! looking at whether a cell's text happens to look like a number:
//! [`Column::Text`] columns (surfaces, names, ids, TIMEX3 values, the
//! `normalized` strings) are neutralized, [`Column::Number`] columns
//! (offsets, counts, amounts, percents, confidences, `true`/`false` flags)
//! are written as they are, so that `-97` stays a number a spreadsheet can
//! sum. A surface `-97%` is text and becomes `'-97%`.
//!
//! `--csv-raw` (on `extract` and `events merge`) turns this off; JSONL is
//! never changed.

use std::borrow::Cow;

/// What a CSV column holds, which decides whether its cells are neutralized.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Column {
    /// Free text or strings derived from it (surfaces, names, ids, paths,
    /// TIMEX3 values, normalized strings): neutralized.
    Text,
    /// Values the tool writes itself from a closed form: numbers (offsets,
    /// counts, amounts, percents, confidences) and `true`/`false`. Written
    /// as they are, never prefixed.
    Number,
}

/// The characters that make a leading cell character dangerous, per the
/// OWASP "CSV Injection" page: `=`, `+`, `-`, `@`, tab and carriage return.
pub const FORMULA_TRIGGERS: [char; 6] = ['=', '+', '-', '@', '\t', '\r'];

/// True when `cell` begins with one of [`FORMULA_TRIGGERS`].
pub fn is_risky(cell: &str) -> bool {
    cell.starts_with(FORMULA_TRIGGERS)
}

/// The cell as a spreadsheet should get it: `'` + `cell` when `cell` begins
/// with one of [`FORMULA_TRIGGERS`], else `cell` unchanged (borrowed).
///
/// ```
/// use newsie::output::csv_safe::neutralize;
/// assert_eq!(neutralize("=1+2"), "'=1+2");
/// assert_eq!(neutralize("-97%"), "'-97%");
/// assert_eq!(neutralize("0700.HK"), "0700.HK");
/// assert_eq!(neutralize("a=b"), "a=b");
/// ```
pub fn neutralize(cell: &str) -> Cow<'_, str> {
    if is_risky(cell) {
        Cow::Owned(format!("'{cell}"))
    } else {
        Cow::Borrowed(cell)
    }
}

/// Neutralizes, in place, the cells of `row` whose column in `columns` is
/// [`Column::Text`]; `row` and `columns` are matched by position (a cell
/// past the end of `columns` counts as text).
pub fn neutralize_row(columns: &[Column], row: &mut [String]) {
    for (i, cell) in row.iter_mut().enumerate() {
        let text = columns.get(i).is_none_or(|c| *c == Column::Text);
        if text && is_risky(cell) {
            cell.insert(0, '\'');
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_trigger_is_prefixed_once_and_nothing_else_changes() {
        for (cell, want) in [
            (
                "=HYPERLINK(\"http://x\",\"y\")",
                "'=HYPERLINK(\"http://x\",\"y\")",
            ),
            ("+5%", "'+5%"),
            ("-$3", "'-$3"),
            ("@SUM(A1:A2)", "'@SUM(A1:A2)"),
            ("\tx", "'\tx"),
            ("\r=1", "'\r=1"),
            ("'=1", "'=1"),
            ("", ""),
            (" =1", " =1"),
            ("0700.HK", "0700.HK"),
            ("Alibaba", "Alibaba"),
            ("\n=1", "\n=1"),
        ] {
            assert_eq!(neutralize(cell), want, "{cell:?}");
        }
    }

    #[test]
    fn rows_are_neutralized_by_column_not_by_look() {
        let columns = [Column::Text, Column::Number, Column::Text, Column::Number];
        let mut row: Vec<String> = ["-97%", "-97", "-97", "true", "=x"]
            .map(String::from)
            .to_vec();
        neutralize_row(&columns, &mut row);
        assert_eq!(row, ["'-97%", "-97", "'-97", "true", "'=x"]);
    }
}

//! Exact decimal arithmetic on number strings, so that `$1.13bn` becomes
//! `1130000000` and not `1130000000.0000002`.

/// The most digits a written number may have to be read as an amount.
pub const MAX_DIGITS: usize = 24;

/// Turns a written number (`1,234.50`, `.5`, `97`) times `10^shift` into a
/// plain decimal string without exponent, leading zeros or trailing fraction
/// zeros: `("1.13", 9)` gives `1130000000`, `("50", -2)` gives `0.5`.
///
/// Returns `None` when `written` has no digit, a character other than
/// digits, `,` (thousands separator) and one `.`, or more than
/// [`MAX_DIGITS`] digits (no amount or percentage in news has that many; a
/// run of digits that long is data, not a number to report).
///
/// ```
/// use newsie::recognize::number::scale_decimal;
/// assert_eq!(scale_decimal("1.13", 9).as_deref(), Some("1130000000"));
/// assert_eq!(scale_decimal("1,234.50", 0).as_deref(), Some("1234.5"));
/// assert_eq!(scale_decimal("50", -2).as_deref(), Some("0.5"));
/// assert_eq!(scale_decimal("0.14", 0).as_deref(), Some("0.14"));
/// ```
pub fn scale_decimal(written: &str, shift: i32) -> Option<String> {
    let cleaned: String = written.chars().filter(|&c| c != ',').collect();
    let (int, frac) = cleaned.split_once('.').unwrap_or((&cleaned, ""));
    if int.is_empty() && frac.is_empty()
        || !int.bytes().chain(frac.bytes()).all(|c| c.is_ascii_digit())
    {
        return None;
    }
    let digits: Vec<u8> = int.bytes().chain(frac.bytes()).collect();
    if digits.len() > MAX_DIGITS {
        return None;
    }
    // Position of the decimal point within `digits`, after the shift.
    let point = int.len() as i64 + shift as i64;
    let mut int_part = String::new();
    let mut frac_part = String::new();
    if point <= 0 {
        frac_part.extend(std::iter::repeat_n('0', (-point) as usize));
        frac_part.extend(digits.iter().map(|&d| d as char));
    } else {
        let p = point as usize;
        for (i, &d) in digits.iter().enumerate() {
            if i < p {
                int_part.push(d as char)
            } else {
                frac_part.push(d as char)
            }
        }
        int_part.extend(std::iter::repeat_n('0', p.saturating_sub(digits.len())));
    }
    let int_part = int_part.trim_start_matches('0');
    let frac_part = frac_part.trim_end_matches('0');
    let int_part = if int_part.is_empty() { "0" } else { int_part };
    Some(if frac_part.is_empty() {
        int_part.to_string()
    } else {
        format!("{int_part}.{frac_part}")
    })
}

#[cfg(test)]
mod tests {
    use super::scale_decimal;

    #[test]
    fn scaling_cases() {
        let cases: &[(&str, i32, Option<&str>)] = &[
            ("589", 9, Some("589000000000")),
            ("1.5", 6, Some("1500000")),
            ("0.14", 0, Some("0.14")),
            ("85.40", 0, Some("85.4")),
            ("007", 0, Some("7")),
            (".5", 3, Some("500")),
            ("5", -2, Some("0.05")),
            ("1,000,000", 0, Some("1000000")),
            ("1.2345", 2, Some("123.45")),
            ("", 0, None),
            ("1.2.3", 0, None),
            ("12a", 0, None),
            (&"9".repeat(25), 0, None),
        ];
        for &(w, s, want) in cases {
            assert_eq!(scale_decimal(w, s).as_deref(), want, "{w} x 10^{s}");
        }
    }
}

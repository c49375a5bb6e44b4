//! Language identification, to skip articles that are not in English.
//!
//! The rules of this crate (gazetteer names aside) are written for English
//! news, so a run may leave out articles in other languages. [`detect`] asks
//! the [`whatlang`] crate (trigram profiles per script) about the **head** of
//! the text only, its first [`HEAD_BYTES`] bytes cut back to a character
//! boundary: the head of an article says its language as well as the whole
//! does, and detection then costs the same for every article.
//!
//! The policy, [`is_english_or_unknown`], errs on the side of processing: an
//! article is non-English only when the detection is **reliable** and names
//! another language. A head with fewer than [`MIN_LETTERS`] letters (a
//! headline-only item, a table of figures, an empty text) or one whatlang
//! cannot place is unknown, and unknown is processed.

/// How much of the text is looked at: its first 2,000 bytes, cut back to the
/// last character boundary at or before that.
pub const HEAD_BYTES: usize = 2000;

/// Fewest letters (`char::is_alphabetic`, so a Han character counts one) in
/// the head for a detection to count as reliable: below it the text is too
/// short to tell.
pub const MIN_LETTERS: usize = 40;

/// What [`detect`] found out about a text.
#[derive(Debug, Clone, PartialEq)]
pub struct Detection {
    /// ISO 639-3 code of the language whatlang found (`eng`, `deu`, `cmn`
    /// for Mandarin Chinese, `jpn`), or `None` when it found none (no
    /// letters).
    pub code: Option<&'static str>,
    /// whatlang's confidence, 0 to 1 (0 when `code` is `None`).
    pub confidence: f64,
    /// True when whatlang calls the detection reliable **and** the head has
    /// at least [`MIN_LETTERS`] letters.
    pub reliable: bool,
    /// Letters in the head that was looked at.
    pub letters: usize,
}

impl Detection {
    /// True when the language is English (`eng`), reliable or not.
    pub fn is_english(&self) -> bool {
        self.code == Some("eng")
    }
}

/// The first [`HEAD_BYTES`] bytes of `text`, cut back to a char boundary.
fn head(text: &str) -> &str {
    let mut end = text.len().min(HEAD_BYTES);
    while !text.is_char_boundary(end) {
        end -= 1;
    }
    &text[..end]
}

/// Detects the language of the head of `text` (see the module docs).
///
/// ```
/// let d = newsie::language::detect(
///     "Alibaba released a new version of its Qwen model on Wednesday, and its shares rose.",
/// );
/// assert_eq!(d.code, Some("eng"));
/// assert!(d.reliable);
/// ```
pub fn detect(text: &str) -> Detection {
    let head = head(text);
    let letters = head.chars().filter(|c| c.is_alphabetic()).count();
    match whatlang::detect(head) {
        Some(info) => Detection {
            code: Some(info.lang().code()),
            confidence: info.confidence(),
            reliable: info.is_reliable() && letters >= MIN_LETTERS,
            letters,
        },
        None => Detection {
            code: None,
            confidence: 0.0,
            reliable: false,
            letters,
        },
    }
}

/// False only when `text` is reliably in a language other than English; an
/// English, short, empty or unplaceable text is true (process it).
///
/// ```
/// use newsie::language::is_english_or_unknown;
/// assert!(is_english_or_unknown(""));
/// assert!(is_english_or_unknown("Tencent fell 3%."));
/// assert!(!is_english_or_unknown(
///     "Der Konzern hat am Mittwoch ein neues Sprachmodell vorgestellt, das deutlich billiger ist als die Konkurrenz."
/// ));
/// ```
pub fn is_english_or_unknown(text: &str) -> bool {
    let d = detect(text);
    !d.reliable || d.is_english()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn languages_of_invented_news_sentences() {
        let cases = [
            (
                "eng",
                "Alibaba unveiled a cheaper version of its flagship model on Wednesday, and \
                 analysts said the price cut would put pressure on its rivals.",
            ),
            (
                "deu",
                "Der chinesische Konzern hat am Mittwoch eine neue Version seines Sprachmodells \
                 vorgestellt, die nach Angaben des Unternehmens deutlich billiger ist.",
            ),
            (
                "fra",
                "Le groupe chinois a présenté mercredi une nouvelle version de son modèle de \
                 langage, qui coûte beaucoup moins cher que celle de ses concurrents.",
            ),
            (
                "spa",
                "La empresa china presentó el miércoles una nueva versión de su modelo de \
                 lenguaje, que según los analistas es mucho más barata que las anteriores.",
            ),
            (
                "cmn",
                "阿里巴巴周三发布了新一代大型语言模型，公司表示新模型的价格比上一代便宜得多，\
                 分析人士认为这将给竞争对手带来很大的压力。",
            ),
            (
                "jpn",
                "中国のアリババは水曜日、新しい言語モデルを発表しました。会社によると、\
                 このモデルは以前のものよりずっと安くなるということです。",
            ),
        ];
        for (code, text) in cases {
            let d = detect(text);
            assert_eq!(d.code, Some(code), "{text}: {d:?}");
            assert!(d.reliable, "{text}: {d:?}");
            assert!(d.confidence > 0.5 && d.confidence <= 1.0, "{d:?}");
            assert_eq!(is_english_or_unknown(text), code == "eng", "{text}");
        }
    }

    #[test]
    fn english_with_a_chinese_name_is_english() {
        let text = "Shares of Alibaba (阿里巴巴集团) rose 5% in Hong Kong on Wednesday after the \
                    company said its new Qwen model would be offered to developers for free.";
        let d = detect(text);
        assert_eq!(d.code, Some("eng"), "{d:?}");
        assert!(is_english_or_unknown(text));
    }

    #[test]
    fn short_and_empty_texts_are_unknown_and_processed() {
        for text in [
            "",
            "   \n",
            "12,345 67.8% $9",
            "Der Konzern ist billig.",
            "阿里巴巴发布新模型。",
        ] {
            let d = detect(text);
            assert!(!d.reliable, "{text:?}: {d:?}");
            assert!(d.letters < MIN_LETTERS);
            assert!(is_english_or_unknown(text), "{text:?}");
        }
        assert_eq!(detect("").code, None);
        assert_eq!(detect("").confidence, 0.0);
    }

    #[test]
    fn only_the_head_is_read_and_it_is_cut_at_a_char_boundary() {
        // 3-byte characters across the 2,000-byte mark.
        let text = "阿".repeat(1000);
        assert_eq!(head(&text).len(), 1998);
        assert_eq!(detect(&text).letters, 666);
        // German after the head is not seen.
        let english = "The company said the new model would be cheaper than its rivals. ";
        let mut mixed = english.repeat(HEAD_BYTES / english.len() + 1);
        mixed.push_str(
            &"Der Konzern hat ein neues Modell vorgestellt, das billiger ist. ".repeat(100),
        );
        assert_eq!(detect(&mixed).code, Some("eng"));
        assert_eq!(head("abc"), "abc");
    }
}

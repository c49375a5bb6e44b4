//! Language identification, to skip articles that are not in English.
//!
//! The rules of this crate (gazetteer names aside) are written for English
//! news, so a run may leave out articles in other languages. [`detect`] asks
//! the [`whatlang`] crate (trigram profiles per script) about the **head** of
//! the text only, its first [`HEAD_BYTES`] bytes cut back to a character
//! boundary: the head of an article says its language as well as the whole
//! does, and detection then costs the same for every article.
//!
//! The policy, [`foreign`], errs on the side of processing: an article is
//! non-English only when the detection is **reliable**, names another
//! language, and is confirmed (a non-Latin script, or enough of the
//! language's function words: trigram statistics take tables of figures for
//! French). A head with fewer than [`MIN_LETTERS`] letters (a
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
    /// The language is written in the Latin script.
    pub latin: bool,
    /// For a Latin-script language of [`FUNCTION_WORDS`], the share (0 to 1)
    /// of the head's words that are among its function words; `None` for
    /// other languages.
    pub function_words: Option<f64>,
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
        Some(info) => {
            let code = info.lang().code();
            Detection {
                code: Some(code),
                confidence: info.confidence(),
                reliable: info.is_reliable() && letters >= MIN_LETTERS,
                letters,
                latin: info.script() == whatlang::Script::Latin,
                function_words: function_word_share(head, code),
            }
        }
        None => Detection {
            code: None,
            confidence: 0.0,
            reliable: false,
            letters,
            latin: false,
            function_words: None,
        },
    }
}

/// The most frequent function words of the Latin-script languages newsie
/// meets most in news feeds, without those that are also English words
/// (`a`, `in`, `is`, `on`, `o`, `e`): articles, prepositions, conjunctions
/// and the commonest verb forms, from general knowledge of each language.
/// A text in one of these languages has many of them (French prose: about
/// a fifth of its words); a table of figures that trigram statistics take
/// for French ("Shr 45 cts vs 58 cts / Net 1.1 mln vs 829,000", the
/// earnings tables of Reuters-21578) has none.
pub const FUNCTION_WORDS: &[(&str, &[&str])] = &[
    (
        "fra",
        &[
            "le", "la", "les", "de", "des", "du", "et", "est", "une", "un", "que", "qui", "dans",
            "pour", "pas", "sur", "au", "aux", "avec", "sont", "ce", "il", "elle",
        ],
    ),
    (
        "deu",
        &[
            "der", "die", "das", "und", "ist", "den", "von", "zu", "mit", "nicht", "ein", "eine",
            "auf", "sich", "des", "dem", "im", "für", "sind", "wird", "auch",
        ],
    ),
    (
        "spa",
        &[
            "el", "la", "los", "las", "de", "que", "y", "en", "del", "se", "por", "un", "una",
            "con", "para", "es", "su", "al", "lo", "como",
        ],
    ),
    (
        "por",
        &[
            "os", "as", "de", "que", "do", "da", "em", "um", "uma", "para", "com", "não", "dos",
            "das", "se", "na", "no", "por", "mais",
        ],
    ),
    (
        "ita",
        &[
            "il", "la", "di", "che", "è", "un", "una", "per", "non", "del", "della", "con", "sono",
            "le", "gli", "da", "si", "al", "nel",
        ],
    ),
    (
        "nld",
        &[
            "de", "het", "een", "en", "van", "dat", "op", "te", "niet", "zijn", "met", "voor",
            "er", "ook", "aan", "bij", "wordt",
        ],
    ),
];

/// Share of function words needed to confirm a Latin-script language of
/// [`FUNCTION_WORDS`].
pub const MIN_FUNCTION_WORDS: f64 = 0.08;

/// The share of `head`'s words (runs of letters, lowercased) that are
/// function words of `code`, when [`FUNCTION_WORDS`] lists it.
fn function_word_share(head: &str, code: &str) -> Option<f64> {
    let (_, list) = FUNCTION_WORDS.iter().find(|(c, _)| *c == code)?;
    let mut words = 0usize;
    let mut hits = 0usize;
    for w in head
        .split(|c: char| !c.is_alphabetic())
        .filter(|w| !w.is_empty())
    {
        words += 1;
        if list.contains(&w.to_lowercase().as_str()) {
            hits += 1;
        }
    }
    Some(if words == 0 {
        0.0
    } else {
        hits as f64 / words as f64
    })
}

/// The detection, when `text` is to be taken as **not** English: whatlang
/// is reliable and names another language, and either the language is not
/// written in the Latin script, or it is one of [`FUNCTION_WORDS`] and at
/// least [`MIN_FUNCTION_WORDS`] of the words are its function words. Any
/// other text (English, short, unplaceable, a Latin-script language not
/// listed, a table of figures) is `None`: processed.
pub fn foreign(text: &str) -> Option<Detection> {
    let d = detect(text);
    let confirmed = !d.latin || d.function_words.is_some_and(|f| f >= MIN_FUNCTION_WORDS);
    (d.reliable && !d.is_english() && confirmed).then_some(d)
}

/// False only when `text` is taken as not English ([`foreign`]); an
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
    foreign(text).is_none()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tables_of_figures_are_not_french() {
        // A Reuters-21578 style earnings table: whatlang says French,
        // confidently, but it has no French function words.
        let table = "    BOISE, Idaho, March 2 -\n    Shr 92 cts vs 83 cts\n    Net 30.8 mln vs 27.5 mln\n    \
                     Sales 1.40 billion vs 1.32 billion\n    Year\n    Shr 3.00 dlrs vs 2.57 dlrs\n    \
                     Net 184.8 mln vs 154.8 mln\n    Sales 5.38 billion vs 5.06 billion\n Reuter";
        let d = detect(table);
        assert_eq!((d.code, d.reliable, d.latin), (Some("fra"), true, true));
        assert_eq!(d.function_words, Some(0.0));
        assert!(foreign(table).is_none());
        let french = "Le groupe a annoncé mercredi une baisse de dix pour cent des prix de ses \
                      voitures électriques en France, selon un communiqué de la société.";
        let f = foreign(french).expect("French prose is foreign");
        assert!(f.function_words.unwrap() >= MIN_FUNCTION_WORDS, "{f:?}");
        // Not Latin: the script decides.
        assert!(foreign("阿里巴巴周三发布了新一代大型语言模型，公司表示新模型的价格比上一代便宜得多，分析师认为这将加剧竞争。").is_some());
    }

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

//! The analysed document that flows between stages: text, tokens, sentences
//! and mentions, all in byte offsets of the article text.

use crate::mention::{Mention, MentionType};
use crate::span::Span;
use crate::tokenize::{Sentence, Token, TokenKind};

/// An article's text with the results of the stages run so far.
#[derive(Debug)]
pub struct Doc<'a> {
    /// The article text (offsets count in it).
    pub text: &'a str,
    /// Tokens, in text order.
    pub tokens: Vec<Token>,
    /// Sentences, in text order, covering every token.
    pub sentences: Vec<Sentence>,
    /// Resolved mentions, sorted by (start, end, type), never overlapping.
    pub mentions: Vec<Mention>,
}

impl Doc<'_> {
    /// Index of the sentence holding byte offset `byte` (the last sentence
    /// starting at or before it).
    pub fn sentence_of(&self, byte: usize) -> usize {
        self.sentences
            .partition_point(|s| s.span.start <= byte)
            .saturating_sub(1)
    }

    /// The tokens of sentence `s`.
    pub fn sentence_tokens(&self, s: usize) -> &[Token] {
        let sent = &self.sentences[s];
        &self.tokens[sent.first_token..sent.end_token]
    }

    /// Indices of the mentions inside `span`, in text order.
    pub fn mentions_in(&self, span: Span) -> impl Iterator<Item = usize> + '_ {
        let first = self.mentions.partition_point(|m| m.span.start < span.start);
        (first..self.mentions.len())
            .take_while(move |&i| self.mentions[i].span.start < span.end)
            .filter(move |&i| span.contains(self.mentions[i].span))
    }

    /// Index of the mention of type `kind` that starts at byte `start`.
    pub fn mention_at(&self, start: usize, kind: MentionType) -> Option<usize> {
        let i = self.mentions.partition_point(|m| m.span.start < start);
        (i..self.mentions.len())
            .take_while(|&j| self.mentions[j].span.start == start)
            .find(|&j| self.mentions[j].kind == kind)
    }

    /// Up to `n` words right before byte `byte` within its clause: the
    /// sentence, cut at the last comma, semicolon, colon, dash or bracket
    /// before `byte`. In text order.
    pub fn clause_words_before(&self, byte: usize, n: usize) -> Vec<&str> {
        self.words_back(byte, n, true)
    }

    /// Up to `n` words right before byte `byte`, within its sentence, in
    /// text order.
    pub fn words_before(&self, byte: usize, n: usize) -> Vec<&str> {
        self.words_back(byte, n, false)
    }

    fn words_back(&self, byte: usize, n: usize, in_clause: bool) -> Vec<&str> {
        if self.sentences.is_empty() {
            return Vec::new();
        }
        let sent = &self.sentences[self.sentence_of(byte)];
        let toks = &self.tokens[sent.first_token..sent.end_token];
        let upto = toks.partition_point(|t| t.span.start < byte);
        let mut words: Vec<&str> = toks[..upto]
            .iter()
            .rev()
            .take_while(|t| !in_clause || !self.ends_clause(t))
            .filter(|t| t.kind == TokenKind::Word)
            .take(n)
            .map(|t| t.text(self.text))
            .collect();
        words.reverse();
        words
    }

    /// True for a comma, semicolon, colon, dash or bracket.
    fn ends_clause(&self, t: &Token) -> bool {
        t.kind == TokenKind::Punct
            && matches!(
                t.text(self.text),
                "," | ";" | ":" | "(" | ")" | "—" | "–" | "[" | "]"
            )
    }

    /// Up to `n` words right after byte `byte`, within its sentence and the
    /// next clause (punctuation right after `byte` is skipped, the next
    /// comma, semicolon, colon, dash or bracket ends it), in text order.
    pub fn words_after(&self, byte: usize, n: usize) -> Vec<&str> {
        if self.sentences.is_empty() {
            return Vec::new();
        }
        let sent = &self.sentences[self.sentence_of(byte)];
        let toks = &self.tokens[sent.first_token..sent.end_token];
        let from = toks.partition_point(|t| t.span.start < byte);
        // "In May, Apple will report": the clause after the comma.
        toks[from..]
            .iter()
            .skip_while(|t| t.kind == TokenKind::Punct)
            .take_while(|t| !self.ends_clause(t))
            .filter(|t| t.kind == TokenKind::Word)
            .take(n)
            .map(|t| t.text(self.text))
            .collect()
    }
}

//! The reply composer: a small multi-line editor with a grapheme-aware cursor.

use unicode_segmentation::UnicodeSegmentation;

use crate::api::ConversationId;
use crate::api::file_reply::{ATTACH_PREFIX, OutgoingFile};

#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Composer {
    pub conv: ConversationId,
    pub text: String,
    /// Byte offset of the cursor in `text` (always on a grapheme boundary).
    pub cursor: usize,
    /// Send as a private reply (an inbox message to the commenter).
    pub private: bool,
    /// Tag names to add when sent (from canned replies used).
    pub add_tags: Vec<String>,
    /// Files to send with the text (checked, not read: the outbox keeps
    /// their paths).
    pub files: Vec<OutgoingFile>,
    /// `attach: PATH` lines being checked: nothing is sent until their
    /// answers are in (a drafted photo is never left out by a quick send).
    /// Their paths, as the lines wrote them; an answer for a path no longer
    /// listed is about a text edited since, and dropped.
    pub checking: Vec<String>,
}

impl Composer {
    pub fn new(conv: ConversationId, draft: String) -> Self {
        let cursor = draft.len();
        Composer {
            conv,
            text: draft,
            cursor,
            private: false,
            add_tags: Vec::new(),
            files: Vec::new(),
            checking: Vec::new(),
        }
    }

    pub fn insert(&mut self, s: &str) {
        self.text.insert_str(self.cursor, s);
        self.cursor += s.len();
    }

    pub fn backspace(&mut self) {
        if let Some((start, _)) = self.text[..self.cursor].grapheme_indices(true).next_back() {
            self.text.replace_range(start..self.cursor, "");
            self.cursor = start;
        }
    }

    pub fn delete(&mut self) {
        if let Some(g) = self.text[self.cursor..].graphemes(true).next() {
            let end = self.cursor + g.len();
            self.text.replace_range(self.cursor..end, "");
        }
    }

    pub fn left(&mut self) {
        if let Some((start, _)) = self.text[..self.cursor].grapheme_indices(true).next_back() {
            self.cursor = start;
        }
    }

    pub fn right(&mut self) {
        if let Some(g) = self.text[self.cursor..].graphemes(true).next() {
            self.cursor += g.len();
        }
    }

    /// Start of the current line.
    pub fn home(&mut self) {
        self.cursor = self.text[..self.cursor].rfind('\n').map_or(0, |i| i + 1);
    }

    /// End of the current line.
    pub fn end(&mut self) {
        self.cursor += self.text[self.cursor..]
            .find('\n')
            .unwrap_or(self.text.len() - self.cursor);
    }

    /// Characters typed, as the agent counts them (graphemes).
    pub fn char_count(&self) -> usize {
        self.text.graphemes(true).count()
    }

    /// Replace the whole text (from `$EDITOR`), cursor at the end.
    pub fn set_text(&mut self, text: String) {
        self.cursor = text.len();
        self.text = text;
    }

    pub fn is_blank(&self) -> bool {
        self.text.trim().is_empty()
    }

    /// Neither text nor files.
    pub fn is_empty(&self) -> bool {
        self.is_blank() && self.files.is_empty()
    }

    /// Add a checked file; the same path again replaces it.
    pub fn attach(&mut self, file: OutgoingFile) {
        self.files.retain(|f| f.path != file.path);
        self.files.push(file);
    }

    /// Remove the file attached last.
    pub fn detach_last(&mut self) -> Option<OutgoingFile> {
        self.files.pop()
    }

    /// The text with an `attach: PATH` line per file: the draft kept when
    /// the composer closes, and what `$EDITOR` gets.
    pub fn draft(&self) -> String {
        let mut out = self.text.clone();
        for f in &self.files {
            if !out.is_empty() && !out.ends_with('\n') {
                out.push('\n');
            }
            out.push_str(ATTACH_PREFIX);
            out.push_str(&f.path);
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn edits_by_grapheme() {
        let mut c = Composer::new("c".into(), String::new());
        c.insert("Chào bạn 👩‍🍳");
        assert_eq!(c.char_count(), 10);
        c.backspace();
        assert_eq!(c.text, "Chào bạn ");
        c.left();
        c.left();
        c.insert("X");
        assert_eq!(c.text, "Chào bạXn ");
        c.home();
        c.delete();
        assert_eq!(c.text, "hào bạXn ");
        c.end();
        c.insert("\nline 2");
        c.home();
        assert_eq!(&c.text[c.cursor..], "line 2");
    }
}

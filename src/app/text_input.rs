//! Text being typed, with a cursor that moves by grapheme: the composer's
//! reply (several lines).

use unicode_segmentation::UnicodeSegmentation;

#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct TextInput {
    pub text: String,
    /// Byte offset of the cursor in `text` (always on a grapheme boundary).
    pub cursor: usize,
}

impl TextInput {
    /// `text`, the cursor at its end.
    pub fn new(text: String) -> Self {
        TextInput {
            cursor: text.len(),
            text,
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
    pub fn set(&mut self, text: String) {
        *self = TextInput::new(text);
    }

    pub fn is_blank(&self) -> bool {
        self.text.trim().is_empty()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn edits_by_grapheme() {
        let mut t = TextInput::default();
        t.insert("Chào bạn 👩‍🍳");
        assert_eq!(t.char_count(), 10);
        t.backspace();
        assert_eq!(t.text, "Chào bạn ");
        t.left();
        t.left();
        t.insert("X");
        assert_eq!(t.text, "Chào bạXn ");
        t.home();
        t.delete();
        assert_eq!(t.text, "hào bạXn ");
        t.end();
        t.insert("\nline 2");
        t.home();
        assert_eq!(&t.text[t.cursor..], "line 2");
    }
}

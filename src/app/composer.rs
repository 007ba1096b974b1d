//! The reply composer: the text being written, its files, how it is sent.

use crate::api::ConversationId;
use crate::api::file_reply::{ATTACH_PREFIX, OutgoingFile};

use super::text_input::TextInput;

#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Composer {
    pub conv: ConversationId,
    /// The reply's text and the cursor in it.
    pub input: TextInput,
    /// Send as a private reply (an inbox message to the commenter).
    pub private: bool,
    /// Tag names to add when sent (from canned replies used).
    pub add_tags: Vec<String>,
    pub files: DraftFiles,
    /// The agent changed the draft since the composer opened (it is theirs
    /// to keep: the store's copy, read after opening, does not replace it).
    pub edited: bool,
}

/// The files of a draft: those attached, and those still being checked.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct DraftFiles {
    /// Sent with the text (checked, not read: the outbox keeps their paths).
    pub attached: Vec<OutgoingFile>,
    /// `attach: PATH` lines being checked: nothing is sent until their
    /// answers are in (a drafted photo is never left out by a quick send).
    /// Their paths, as the lines wrote them; an answer for a path no longer
    /// listed is about a text edited since, and dropped.
    pub checking: Vec<String>,
}

impl DraftFiles {
    /// Add a checked file; the same path again replaces it.
    pub fn attach(&mut self, file: OutgoingFile) {
        self.attached.retain(|f| f.path != file.path);
        self.attached.push(file);
    }

    /// Remove the file attached last.
    pub fn detach_last(&mut self) -> Option<OutgoingFile> {
        self.attached.pop()
    }
}

impl Composer {
    pub fn new(conv: ConversationId, draft: String) -> Self {
        Composer {
            conv,
            input: TextInput::new(draft),
            private: false,
            add_tags: Vec::new(),
            files: DraftFiles::default(),
            edited: false,
        }
    }

    /// Neither text nor files (attached or being checked).
    pub fn is_empty(&self) -> bool {
        self.input.is_blank() && self.files.attached.is_empty() && self.files.checking.is_empty()
    }

    /// The text with an `attach: PATH` line per file, attached or still
    /// being checked: the draft kept when the composer closes, and what
    /// `$EDITOR` gets (a file in its check is never lost by either).
    pub fn draft(&self) -> String {
        let mut out = self.input.text.clone();
        let attached = self.files.attached.iter().map(|f| f.path.as_str());
        let checking = self.files.checking.iter().map(String::as_str);
        for path in attached.chain(checking) {
            if !out.is_empty() && !out.ends_with('\n') {
                out.push('\n');
            }
            out.push_str(ATTACH_PREFIX);
            out.push_str(path);
        }
        out
    }

    /// The draft as the store keeps it: the text, and the files' paths
    /// (attached or being checked).
    pub fn to_draft(&self, updated: crate::api::UnixSeconds) -> crate::store::Draft {
        let attached = self.files.attached.iter().map(|f| f.path.clone());
        crate::store::Draft {
            conv: self.conv.clone(),
            text: self.input.text.clone(),
            files: attached
                .chain(self.files.checking.iter().cloned())
                .collect(),
            updated,
        }
    }
}

//! What a request to Pancake is about, named in its errors
//! ([`super::ApiError`]): a catalog message (`request-*` of
//! `assets/i18n/*/errors.ftl`) in the agent's language, and the English
//! phrase logs and `doctor --json` keep.

use crate::i18n::Said;

/// What a request to Pancake reads or does.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum RequestKind {
    /// The v2 list of conversations.
    Conversations,
    /// A conversation's messages.
    Messages,
    /// The page's tags.
    Tags,
    /// The page's staff (`/users`).
    Staff,
    /// The pages of the user token.
    Pages,
    /// A page token made from the user token.
    PageToken,
    PageStatistics,
    TagStatistics,
    UserStatistics,
    UserStatisticsOfPages,
    EngagementStatistics,
    NewCustomerStatistics,
    /// The page's posts.
    Posts,
    /// A file uploaded for a reply.
    Upload,
    /// A tag put on or taken off a conversation.
    Tag,
    /// A conversation's assignees set.
    Assign,
    MarkRead,
    MarkUnread,
    /// A reply sent.
    Send,
    /// The page's customers.
    Customers,
    /// A customer's notes (read from the messages answer).
    CustomerNotes,
    NoteAdd,
    NoteEdit,
    NoteRemoval,
    /// A customer's record changed.
    CustomerUpdate,
}

impl RequestKind {
    /// Every kind, for the tests of the catalogs.
    pub const ALL: [RequestKind; 25] = [
        RequestKind::Conversations,
        RequestKind::Messages,
        RequestKind::Tags,
        RequestKind::Staff,
        RequestKind::Pages,
        RequestKind::PageToken,
        RequestKind::PageStatistics,
        RequestKind::TagStatistics,
        RequestKind::UserStatistics,
        RequestKind::UserStatisticsOfPages,
        RequestKind::EngagementStatistics,
        RequestKind::NewCustomerStatistics,
        RequestKind::Posts,
        RequestKind::Upload,
        RequestKind::Tag,
        RequestKind::Assign,
        RequestKind::MarkRead,
        RequestKind::MarkUnread,
        RequestKind::Send,
        RequestKind::Customers,
        RequestKind::CustomerNotes,
        RequestKind::NoteAdd,
        RequestKind::NoteEdit,
        RequestKind::NoteRemoval,
        RequestKind::CustomerUpdate,
    ];

    /// The English phrase, as logs and `doctor --json` have always written
    /// it (the English catalog says the same: tested).
    pub fn english(self) -> &'static str {
        match self {
            RequestKind::Conversations => "the conversation list",
            RequestKind::Messages => "the messages",
            RequestKind::Tags => "the tag list",
            RequestKind::Staff => "the staff list",
            RequestKind::Pages => "the page list",
            RequestKind::PageToken => "generate a page token",
            RequestKind::PageStatistics => "the page statistics",
            RequestKind::TagStatistics => "the tag statistics",
            RequestKind::UserStatistics => "the users statistics",
            RequestKind::UserStatisticsOfPages => "the users statistics of several pages",
            RequestKind::EngagementStatistics => "the engagement statistics",
            RequestKind::NewCustomerStatistics => "the new customer statistics",
            RequestKind::Posts => "the page's posts",
            RequestKind::Upload => "upload a file",
            RequestKind::Tag => "tag",
            RequestKind::Assign => "assign",
            RequestKind::MarkRead => "mark read",
            RequestKind::MarkUnread => "mark unread",
            RequestKind::Send => "send a message",
            RequestKind::Customers => "the page customers",
            RequestKind::CustomerNotes => "the customer's notes",
            RequestKind::NoteAdd => "note",
            RequestKind::NoteEdit => "note edit",
            RequestKind::NoteRemoval => "note removal",
            RequestKind::CustomerUpdate => "customer update",
        }
    }

    /// Its message in the catalogs.
    pub fn id(self) -> &'static str {
        match self {
            RequestKind::Conversations => "request-conversations",
            RequestKind::Messages => "request-messages",
            RequestKind::Tags => "request-tags",
            RequestKind::Staff => "request-staff",
            RequestKind::Pages => "request-pages",
            RequestKind::PageToken => "request-page-token",
            RequestKind::PageStatistics => "request-page-statistics",
            RequestKind::TagStatistics => "request-tag-statistics",
            RequestKind::UserStatistics => "request-user-statistics",
            RequestKind::UserStatisticsOfPages => "request-user-statistics-of-pages",
            RequestKind::EngagementStatistics => "request-engagement-statistics",
            RequestKind::NewCustomerStatistics => "request-new-customer-statistics",
            RequestKind::Posts => "request-posts",
            RequestKind::Upload => "request-upload",
            RequestKind::Tag => "request-tag",
            RequestKind::Assign => "request-assign",
            RequestKind::MarkRead => "request-mark-read",
            RequestKind::MarkUnread => "request-mark-unread",
            RequestKind::Send => "request-send",
            RequestKind::Customers => "request-customers",
            RequestKind::CustomerNotes => "request-customer-notes",
            RequestKind::NoteAdd => "request-note-add",
            RequestKind::NoteEdit => "request-note-edit",
            RequestKind::NoteRemoval => "request-note-removal",
            RequestKind::CustomerUpdate => "request-customer-update",
        }
    }

    /// The kind as a message, to go inside an error's.
    pub fn said(self) -> Said {
        Said::new(self.id())
    }
}

impl std::fmt::Display for RequestKind {
    fn fmt(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
        f.write_str(self.english())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::api::ApiError;
    use crate::i18n::{Lang, tr};

    /// The errors that name what was asked, about `kind`.
    fn errors_about(kind: RequestKind) -> [ApiError; 4] {
        [
            ApiError::NotFound {
                what: kind,
                detail: String::new(),
            },
            ApiError::Rejected {
                what: kind,
                status: 400,
                message: "bad request".into(),
            },
            ApiError::Failed {
                what: kind,
                code: Some(7),
                message: "no".into(),
            },
            ApiError::Decode {
                what: kind,
                detail: "not JSON".into(),
            },
        ]
    }

    /// Each kind has its message in both catalogs, the English one the
    /// phrase logs keep; a Vietnamese error names it in Vietnamese, with
    /// no English phrase of any kind left in it.
    #[test]
    fn every_request_kind_is_named_in_each_language() {
        for kind in RequestKind::ALL {
            assert_eq!(tr(Lang::En, kind.id()), kind.english(), "{kind:?}");
            let vi = tr(Lang::Vi, kind.id());
            assert_ne!(vi, kind.id(), "{kind:?} in vi/errors.ftl");
            assert_ne!(vi, kind.english(), "{kind:?} in Vietnamese");
            for e in errors_about(kind) {
                let words = e.said().words(Lang::Vi);
                assert!(words.contains(&vi), "{words}");
                for other in RequestKind::ALL {
                    // Even the short ones ("tag", "note", "assign").
                    assert!(
                        !words.contains(other.english()),
                        "{kind:?}: {words} has {:?}",
                        other.english()
                    );
                }
            }
        }
        let ids: std::collections::HashSet<_> = RequestKind::ALL.iter().map(|k| k.id()).collect();
        assert_eq!(ids.len(), RequestKind::ALL.len(), "an id each");
    }

    /// The sentences as they read, argument in place; the English ones word
    /// for word as before the kinds were typed.
    #[test]
    fn errors_name_the_request_in_the_agents_language() {
        let [not_found, rejected, failed, decode] = errors_about(RequestKind::Conversations);
        assert_eq!(
            failed.said().words(Lang::Vi),
            "Pancake từ chối lấy danh sách hội thoại (mã lỗi 7): no"
        );
        assert_eq!(
            failed.to_string(),
            "Pancake refused the conversation list (error 7): no"
        );
        assert_eq!(
            rejected.said().words(Lang::Vi),
            "Pancake từ chối yêu cầu lấy danh sách hội thoại (400): bad request"
        );
        assert_eq!(
            rejected.to_string(),
            "Pancake rejected the request to the conversation list (400): bad request"
        );
        assert!(
            not_found
                .said()
                .words(Lang::Vi)
                .starts_with("Pancake báo không tìm thấy (404) khi lấy danh sách hội thoại: "),
            "{}",
            not_found.said().words(Lang::Vi)
        );
        assert!(
            not_found
                .to_string()
                .starts_with("the conversation list not found (404)")
        );
        assert_eq!(
            decode.said().words(Lang::Vi),
            "Pancake trả lời không như mong đợi khi lấy danh sách hội thoại: not JSON"
        );
        let [_, send, ..] = errors_about(RequestKind::Send);
        assert_eq!(
            send.said().words(Lang::Vi),
            "Pancake từ chối yêu cầu gửi tin nhắn (400): bad request"
        );
        assert_eq!(
            send.to_string(),
            "Pancake rejected the request to send a message (400): bad request"
        );
        assert_eq!(RequestKind::Tags.to_string(), "the tag list");
    }
}

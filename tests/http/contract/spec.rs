//! Pancake's contract as its official reference (an OpenAPI of 2025) and
//! answers from a production page state it, written down by us from
//! `src/api/pancake-api.md`: for each endpoint the inbox uses, the request
//! fields it may carry, which of them go together, and the shape of a
//! successful answer. Kept apart from both the client and the simulator,
//! so neither can drift from Pancake with the other.

/// A JSON type. Objects list the fields relied on; others may come too.
#[derive(Debug)]
#[allow(dead_code)] // Every kind, whether the endpoints use it yet or not.
pub enum T {
    Str,
    Int,
    /// Any number (figures may come as floats).
    Num,
    Bool,
    Any,
    Arr(&'static T),
    Obj(&'static [F]),
    /// An object keyed by ids, each value of the type.
    Map(&'static T),
    OneOf(&'static [T]),
}

/// A field: name, type, required or not.
#[derive(Debug)]
pub struct F(pub &'static str, pub T, pub bool);

const fn req(name: &'static str, t: T) -> F {
    F(name, t, true)
}

const fn opt(name: &'static str, t: T) -> F {
    F(name, t, false)
}

/// A query parameter.
#[derive(Debug)]
pub struct Param {
    /// As on the wire: `type[]` for an array.
    pub name: &'static str,
    pub required: bool,
}

const fn q(name: &'static str) -> Param {
    Param {
        name,
        required: false,
    }
}

const fn q_req(name: &'static str) -> Param {
    Param {
        name,
        required: true,
    }
}

/// A JSON body, by its `action` when it has one.
#[derive(Debug)]
pub struct Body {
    pub action: Option<&'static str>,
    pub fields: &'static [F],
    /// Exactly one of these is present.
    pub exactly_one: &'static [&'static str],
}

#[derive(Debug)]
pub enum Payload {
    None,
    Json(&'static [Body]),
    /// multipart/form-data (its one part, `file`, is not in the log).
    Multipart,
}

#[derive(Debug)]
pub struct Endpoint {
    pub name: &'static str,
    pub method: &'static str,
    /// Under the API root; `{x}` is one path segment.
    pub path: &'static str,
    pub query: &'static [Param],
    pub payload: Payload,
    /// A successful answer (HTTP 200 without `success: false`).
    pub answer: T,
}

/// A value that is a string, a number or null (ids and times come as any).
const LOOSE: T = T::OneOf(&[T::Str, T::Num, T::Bool]);

/// A time: ISO text (naive, with microseconds or `Z`) or unix seconds.
const TIME: T = T::OneOf(&[T::Str, T::Num]);

const FROM: T = T::Obj(&[opt("id", LOOSE), opt("name", T::Str), opt("email", T::Str)]);

/// A conversation of the v2 list (pancake-api.md § List, § Shapes).
pub const CONVERSATION: T = T::Obj(&[
    req("id", T::Str),
    opt("type", T::Str),
    opt("page_id", LOOSE),
    opt("customer_id", LOOSE),
    opt(
        "customers",
        T::Arr(&T::Obj(&[
            opt("id", LOOSE),
            opt("fb_id", LOOSE),
            opt("name", T::Str),
        ])),
    ),
    opt("from", FROM),
    opt("snippet", T::Str),
    opt("seen", T::Bool),
    // `null` inside, ints, strings or objects (pancake-api.md § Shapes).
    opt("tags", T::Arr(&T::Any)),
    opt("assignee_ids", T::Arr(&T::Any)),
    opt("post_id", LOOSE),
    opt("message_count", T::Num),
    opt("inserted_at", TIME),
    opt("updated_at", TIME),
    opt("last_customer_message_at", TIME),
    opt("recent_phone_numbers", T::Arr(&T::Any)),
    opt(
        "page_customer",
        T::Obj(&[
            opt("id", LOOSE),
            opt("customer_id", LOOSE),
            opt("psid", LOOSE),
            opt("name", T::Str),
        ]),
    ),
]);

/// A message (pancake-api.md § Messages).
pub const MESSAGE: T = T::Obj(&[
    req("id", LOOSE),
    opt("from", FROM),
    opt("message", T::Str),
    opt("original_message", T::Str),
    opt("attachments", T::Arr(&T::Any)),
    opt("inserted_at", TIME),
    opt("type", T::Str),
    opt("is_hidden", T::Bool),
    opt("is_removed", T::Bool),
]);

/// A figure or null.
const FIGURE: T = T::Num;

const SUCCESS: T = T::Obj(&[req("success", T::Bool)]);

const PAGE_ROWS: T = T::Obj(&[
    opt("hour", T::Str),
    opt("new_customer_count", FIGURE),
    opt("customer_inbox_count", FIGURE),
    opt("customer_comment_count", FIGURE),
    opt("page_inbox_count", FIGURE),
    opt("page_comment_count", FIGURE),
    opt("phone_number_count", FIGURE),
    opt("uniq_phone_number_count", FIGURE),
    opt("new_inbox_count", FIGURE),
    opt("inbox_interactive_count", FIGURE),
]);

/// Every endpoint the inbox calls.
pub const ENDPOINTS: &[Endpoint] = &[
    Endpoint {
        name: "the conversation list",
        method: "GET",
        path: "public_api/v2/pages/{page}/conversations",
        query: &[
            q("last_conversation_id"),
            q("tags"),
            q("type[]"),
            q("post_ids[]"),
            q("since"),
            q("until"),
            q("unread_first"),
            q("order_by"),
        ],
        payload: Payload::None,
        answer: T::Obj(&[req("conversations", T::Arr(&CONVERSATION))]),
    },
    Endpoint {
        name: "messages",
        method: "GET",
        path: "public_api/v1/pages/{page}/conversations/{conv}/messages",
        // `customer_id`: not in the reference; older documents had it
        // (pancake-api.md § Messages).
        query: &[q("current_count"), q("customer_id")],
        payload: Payload::None,
        answer: T::Obj(&[req("messages", T::Arr(&MESSAGE))]),
    },
    Endpoint {
        name: "send",
        method: "POST",
        path: "public_api/v1/pages/{page}/conversations/{conv}/messages",
        query: &[],
        payload: Payload::Json(&[
            Body {
                action: Some("reply_inbox"),
                fields: &[
                    req("action", T::Str),
                    opt("message", T::Str),
                    opt("content_ids", T::Arr(&T::Str)),
                    opt("sender_id", T::Str),
                    opt("reply_message_id", T::Str),
                ],
                // Both in one request answer HTTP 500 (pancake-api.md § Send).
                exactly_one: &["message", "content_ids"],
            },
            Body {
                action: Some("reply_comment"),
                fields: &[
                    req("action", T::Str),
                    req("message_id", T::Str),
                    opt("message", T::Str),
                    opt("content_ids", T::Arr(&T::Str)),
                    opt("mentions", T::Arr(&T::Any)),
                ],
                exactly_one: &[],
            },
            Body {
                action: Some("private_replies"),
                fields: &[
                    req("action", T::Str),
                    req("post_id", T::Str),
                    req("message_id", T::Str),
                    opt("from_id", T::Str),
                    req("message", T::Str),
                ],
                exactly_one: &[],
            },
        ]),
        answer: T::Obj(&[
            req("success", T::Bool),
            req("id", LOOSE),
            opt("message", T::Str),
        ]),
    },
    Endpoint {
        name: "upload",
        method: "POST",
        path: "public_api/v1/pages/{page}/upload_contents",
        query: &[],
        payload: Payload::Multipart,
        answer: T::Obj(&[
            req("id", T::Str),
            opt("attachment_type", T::Str),
            opt("success", T::Bool),
        ]),
    },
    Endpoint {
        name: "tag a conversation",
        method: "POST",
        path: "public_api/v1/pages/{page}/conversations/{conv}/tags",
        query: &[],
        payload: Payload::Json(&[Body {
            action: None,
            fields: &[req("action", T::Str), req("tag_id", T::Str)],
            exactly_one: &[],
        }]),
        answer: T::Obj(&[req("success", T::Bool), opt("data", T::Arr(&T::Any))]),
    },
    Endpoint {
        name: "assign",
        method: "POST",
        path: "public_api/v1/pages/{page}/conversations/{conv}/assign",
        query: &[],
        payload: Payload::Json(&[Body {
            action: None,
            fields: &[req("assignee_ids", T::Arr(&T::Str))],
            exactly_one: &[],
        }]),
        answer: SUCCESS,
    },
    Endpoint {
        name: "mark read",
        method: "POST",
        path: "public_api/v1/pages/{page}/conversations/{conv}/read",
        query: &[],
        payload: Payload::None,
        answer: SUCCESS,
    },
    Endpoint {
        name: "mark unread",
        method: "POST",
        path: "public_api/v1/pages/{page}/conversations/{conv}/unread",
        query: &[],
        payload: Payload::None,
        answer: SUCCESS,
    },
    Endpoint {
        name: "tags",
        method: "GET",
        path: "public_api/v1/pages/{page}/tags",
        query: &[],
        payload: Payload::None,
        answer: T::Obj(&[req(
            "tags",
            T::Arr(&T::Obj(&[
                req("id", LOOSE),
                req("text", T::Str),
                opt("color", T::Str),
            ])),
        )]),
    },
    Endpoint {
        name: "staff",
        method: "GET",
        path: "public_api/v1/pages/{page}/users",
        query: &[],
        payload: Payload::None,
        answer: T::Obj(&[req(
            "users",
            T::Arr(&T::Obj(&[req("id", LOOSE), opt("name", T::Str)])),
        )]),
    },
    Endpoint {
        name: "page statistics",
        method: "GET",
        path: "public_api/v1/pages/{page}/statistics/pages",
        query: &[q_req("since"), q_req("until")],
        payload: Payload::None,
        answer: T::Obj(&[req("data", T::Arr(&PAGE_ROWS))]),
    },
    Endpoint {
        name: "engagement statistics",
        method: "GET",
        path: "public_api/v1/pages/{page}/statistics/customer_engagements",
        query: &[
            q_req("date_range"),
            q("by_hour"),
            q("user_ids"),
            q("user_ids[]"),
        ],
        payload: Payload::None,
        answer: T::Obj(&[
            req(
                "data",
                T::Obj(&[
                    opt("categories", T::Arr(&T::Any)),
                    opt(
                        "series",
                        T::Arr(&T::Obj(&[
                            req("name", T::Str),
                            req("data", T::Arr(&FIGURE)),
                        ])),
                    ),
                ]),
            ),
            // The hourly rows are here, not under `data`.
            opt(
                "statistics",
                T::Arr(&T::Obj(&[
                    req("hour", T::Str),
                    opt("inbox", FIGURE),
                    opt("comment", FIGURE),
                    opt("total", FIGURE),
                    opt("new_customer", FIGURE),
                ])),
            ),
            opt("users_engagements", T::Arr(&T::Any)),
        ]),
    },
    Endpoint {
        name: "tag statistics",
        method: "GET",
        path: "public_api/v1/pages/{page}/statistics/tags",
        query: &[q_req("since"), q_req("until")],
        payload: Payload::None,
        answer: T::Obj(&[
            req(
                "data",
                T::Obj(&[
                    opt("categories", T::Arr(&T::Any)),
                    // An object of arrays, keyed by tag.
                    req("series", T::Map(&T::Arr(&FIGURE))),
                ]),
            ),
            opt(
                "tags",
                T::Arr(&T::Obj(&[req("id", LOOSE), opt("text", T::Str)])),
            ),
        ]),
    },
    Endpoint {
        name: "staff statistics",
        method: "GET",
        path: "public_api/v1/pages/{page}/statistics/users",
        query: &[q_req("date_range")],
        payload: Payload::None,
        answer: T::Obj(&[req(
            "data",
            T::Obj(&[
                opt("statistics", T::Map(&T::Arr(&T::Any))),
                req(
                    "users",
                    T::Map(&T::Obj(&[
                        opt("user_name", T::Str),
                        // Milliseconds.
                        opt("average_response_time", FIGURE),
                        opt("inbox_count", FIGURE),
                        opt("comment_count", FIGURE),
                        opt("unique_inbox_count", FIGURE),
                        opt("unique_comment_count", FIGURE),
                        opt("private_reply_count", FIGURE),
                        opt("phone_number_count", FIGURE),
                    ])),
                ),
            ]),
        )]),
    },
    Endpoint {
        name: "new customers",
        method: "GET",
        path: "public_api/v1/pages/{page}/page_customers",
        query: &[q_req("date_range"), q_req("group_by")],
        payload: Payload::None,
        answer: T::Obj(&[req(
            "data",
            T::Arr(&T::Obj(&[
                req("date", T::Str),
                opt("new_customer_count", FIGURE),
                opt("new_page_inbox_count", FIGURE),
                opt("new_phone_number_count", FIGURE),
                opt("phone_number_count", FIGURE),
            ])),
        )]),
    },
    Endpoint {
        name: "customers",
        method: "GET",
        path: "public_api/v1/pages/{page}/page_customers",
        query: &[
            q_req("page_number"),
            q("page_size"),
            q_req("since"),
            q_req("until"),
            q("order_by"),
        ],
        payload: Payload::None,
        answer: T::Obj(&[
            opt("total", T::Num),
            req(
                "customers",
                T::Arr(&T::Obj(&[
                    req("id", LOOSE),
                    opt("customer_id", LOOSE),
                    opt("psid", LOOSE),
                    opt("name", T::Str),
                    opt("phone_numbers", T::Arr(&T::Any)),
                    opt("notes", T::Any),
                ])),
            ),
        ]),
    },
    Endpoint {
        name: "update a customer",
        method: "PUT",
        path: "public_api/v1/pages/{page}/page_customers/{page_customer}",
        query: &[],
        payload: Payload::Json(&[Body {
            action: None,
            fields: &[req(
                "changes",
                T::Obj(&[
                    opt("name", T::Str),
                    opt("gender", T::Str),
                    opt("birthday", T::Str),
                    opt("phone_numbers", T::Arr(&T::Str)),
                ]),
            )],
            exactly_one: &[],
        }]),
        answer: SUCCESS,
    },
    Endpoint {
        name: "add a note",
        method: "POST",
        path: "public_api/v1/pages/{page}/page_customers/{page_customer}/notes",
        query: &[],
        payload: Payload::Json(&[Body {
            action: None,
            fields: &[req("message", T::Str)],
            exactly_one: &[],
        }]),
        answer: SUCCESS,
    },
    Endpoint {
        name: "edit a note",
        method: "PUT",
        path: "public_api/v1/pages/{page}/page_customers/{page_customer}/notes",
        query: &[],
        payload: Payload::Json(&[Body {
            action: None,
            fields: &[req("note_id", LOOSE), req("message", T::Str)],
            exactly_one: &[],
        }]),
        answer: SUCCESS,
    },
    Endpoint {
        name: "delete a note",
        method: "DELETE",
        path: "public_api/v1/pages/{page}/page_customers/{page_customer}/notes",
        query: &[],
        payload: Payload::Json(&[Body {
            action: None,
            fields: &[req("note_id", LOOSE)],
            exactly_one: &[],
        }]),
        answer: SUCCESS,
    },
    Endpoint {
        name: "posts",
        method: "GET",
        path: "public_api/v1/pages/{page}/posts",
        query: &[
            q_req("page_number"),
            q_req("page_size"),
            q_req("since"),
            q_req("until"),
        ],
        payload: Payload::None,
        answer: T::Any,
    },
    Endpoint {
        name: "the user's pages",
        method: "GET",
        path: "v1/pages",
        query: &[q_req("access_token")],
        payload: Payload::None,
        answer: T::Any,
    },
    Endpoint {
        name: "generate a page token",
        method: "POST",
        path: "v1/pages/{page}/generate_page_access_token",
        query: &[q_req("access_token"), q("page_id")],
        payload: Payload::None,
        answer: T::Any,
    },
    Endpoint {
        name: "staff statistics of several pages",
        method: "GET",
        path: "v1/statistics/user",
        query: &[
            q_req("access_token"),
            q("page_ids"),
            q("page_ids[]"),
            q_req("date_range"),
        ],
        payload: Payload::None,
        answer: T::Any,
    },
];

/// An error inside a 200 or with an HTTP status: `success: false`, a
/// message, maybe a code (pancake-api.md § Errors in 200).
pub const ERROR: T = T::Obj(&[
    req("success", T::Bool),
    opt("message", T::Str),
    opt("error_code", T::Num),
]);

//! Filters and saved views.
//!
//! A filter has parts Pancake applies (type, tags, post, since/until,
//! unread first, order: sent to the server and paged with the cursor) and
//! parts only the app can apply (unread only, assignee). Every part is also
//! applied to what is loaded, so switching views is instant and the server
//! query only fills in what was not loaded yet.

mod model;
mod parse;
mod views;

pub use model::{Assignee, Filter, Matcher, TimeBound, same_person};
pub use parse::{FILTER_WORDS, FilterError, Named, parse_expr, to_expr};
pub use views::{Tabs, View, ViewConfig, default_views, snoozed_view};

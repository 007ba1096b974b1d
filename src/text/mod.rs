//! Untrusted text: sanitizing, display width, truncation, wrapping, folding.
//!
//! Every string that came from the API goes through [`sanitize_line`] or
//! [`sanitize_block`] once, when the models are built (`api::models`), and
//! text the agent pastes or edits goes through [`sanitize_input`] before it
//! becomes a request. Whole escape sequences are removed (CSI, OSC, DCS/SOS/
//! PM/APC and their 8-bit C1 forms), not just the ESC byte, so no remainder
//! such as `[2J` or `]0;title` reaches the screen; bidi overrides and other
//! invisible format characters are removed (Trojan-Source class); text is
//! NFC-normalised so decomposed Vietnamese measures like precomposed.

mod cut;
mod fuzzy;
mod sanitize;
mod secrets;
mod width;

pub use cut::{pad_right, truncate, wrap};
pub use fuzzy::{Match, fold, fuzzy_match, fuzzy_rank};
use sanitize::is_plain_ascii;
pub use sanitize::{sanitize_block, sanitize_input, sanitize_line};
pub use secrets::{redact, register_secret, strip_token_params};
pub use width::{display_width, for_display, grapheme_width, is_settled, settle, settle_buffer};

#[cfg(test)]
mod tests;

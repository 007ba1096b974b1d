//! Untrusted text: sanitizing, display width, truncation, folding for search.

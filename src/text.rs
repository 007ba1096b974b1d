//! Untrusted text: sanitizing, display width, truncation, folding for search.
//! (Interim minimal version; replaced by the full module.)

/// Single-line display form of untrusted text.
pub fn sanitize_line(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut last_space = false;
    for c in s.chars() {
        let c = if c.is_whitespace() { ' ' } else { c };
        if c.is_control() {
            continue;
        }
        if c == ' ' {
            if last_space {
                continue;
            }
            last_space = true;
        } else {
            last_space = false;
        }
        out.push(c);
    }
    out.trim().to_string()
}

/// Multi-line display form of untrusted text.
pub fn sanitize_block(s: &str) -> String {
    s.chars()
        .filter(|c| *c == '\n' || !c.is_control())
        .collect()
}

/// Replace the value of token query parameters in free text (URLs in error strings).
pub fn strip_token_params(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut rest = s;
    while let Some(pos) = rest.find("access_token=") {
        let (head, tail) = rest.split_at(pos + "access_token=".len());
        out.push_str(head);
        out.push_str("***");
        let end = tail.find(['&', ' ', ')', '"', '\'']).unwrap_or(tail.len());
        rest = &tail[end..];
    }
    out.push_str(rest);
    out
}

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

/// Lower case without diacritics (`Phương` -> `phuong`, `Đ` -> `d`).
pub fn fold(s: &str) -> String {
    use unicode_normalization::UnicodeNormalization;
    use unicode_normalization::char::is_combining_mark;
    s.nfd()
        .filter(|c| !is_combining_mark(*c))
        .map(|c| match c {
            'đ' | 'Đ' => 'd',
            c => c,
        })
        .flat_map(char::to_lowercase)
        .collect()
}

/// A fuzzy match: score and char positions in the candidate.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Match {
    pub score: i32,
    pub positions: Vec<usize>,
}

/// Interim subsequence match.
pub fn fuzzy_match(query_folded: &str, candidate: &str) -> Option<Match> {
    let mut positions = Vec::new();
    let mut q = query_folded.chars().peekable();
    for (i, c) in candidate.chars().enumerate() {
        let Some(c) = fold(c.encode_utf8(&mut [0; 4])).chars().next() else {
            continue;
        };
        match q.peek() {
            Some(&qc) if qc == c => {
                positions.push(i);
                q.next();
            }
            Some(_) => {}
            None => break,
        }
    }
    q.peek().is_none().then_some(Match {
        score: 0,
        positions,
    })
}

/// Interim display width.
pub fn display_width(s: &str) -> usize {
    unicode_width::UnicodeWidthStr::width(s)
}

/// Interim truncation.
pub fn truncate(s: &str, max: usize) -> std::borrow::Cow<'_, str> {
    if display_width(s) <= max {
        return s.into();
    }
    let mut out = String::new();
    let mut w = 0;
    for c in s.chars() {
        let cw = unicode_width::UnicodeWidthChar::width(c).unwrap_or(0);
        if w + cw + 1 > max {
            break;
        }
        w += cw;
        out.push(c);
    }
    out.push('…');
    out.into()
}

/// Interim wrap.
pub fn wrap(s: &str, width: usize) -> Vec<String> {
    let width = width.max(1);
    let mut lines = Vec::new();
    for para in s.split('\n') {
        let mut line = String::new();
        let mut w = 0;
        for c in para.chars() {
            let cw = unicode_width::UnicodeWidthChar::width(c).unwrap_or(0);
            if w + cw > width {
                lines.push(std::mem::take(&mut line));
                w = 0;
            }
            line.push(c);
            w += cw;
        }
        lines.push(line);
    }
    lines
}

/// Interim: text the agent pastes, made safe to send.
pub fn sanitize_input(s: &str) -> String {
    s.replace("\r\n", "\n")
        .chars()
        .filter(|c| *c == '\n' || *c == '\t' || !c.is_control())
        .collect()
}

//! Secrets (tokens, passwords in URLs) registered and redacted from any
//! text that leaves the app.

/// Secrets (tokens) that no text leaving the app may carry.
static SECRETS: std::sync::OnceLock<std::sync::Mutex<Vec<String>>> = std::sync::OnceLock::new();

/// Register a secret (a token, a password in a URL) to redact wherever text
/// leaves the app: the screen, errors kept in the outbox, logs, panics.
pub fn register_secret(s: &str) {
    if s.len() >= 4 {
        let m = SECRETS.get_or_init(|| std::sync::Mutex::new(Vec::new()));
        let mut m = m.lock().unwrap_or_else(|e| e.into_inner());
        if !m.iter().any(|k| k == s) {
            m.push(s.to_owned());
        }
    }
}

/// Replace registered secrets (and any token query parameter) in `text`,
/// whatever form they come in (a server echoing a token without
/// `access_token=` included).
pub fn redact(text: &str) -> String {
    let mut out = strip_token_params(text);
    if let Some(m) = SECRETS.get() {
        for s in m.lock().unwrap_or_else(|e| e.into_inner()).iter() {
            out = out.replace(s.as_str(), "***");
        }
    }
    out
}

/// Replace the value of any `access_token=` / `page_access_token=` query
/// parameter in free text (a URL inside an error message) with `***`.
pub fn strip_token_params(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut rest = s;
    while let Some(pos) = rest.find("access_token=") {
        let (head, tail) = rest.split_at(pos + "access_token=".len());
        out.push_str(head);
        out.push_str("***");
        let end = tail
            .find(['&', ' ', ')', '"', '\'', '\n'])
            .unwrap_or(tail.len());
        rest = &tail[end..];
    }
    out.push_str(rest);
    out
}

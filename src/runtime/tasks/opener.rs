//! The system opener (`xdg-open`, `open`) started on an `http(s)` link.

/// Start the system opener on an `http(s)` link: the URL is one argument
/// (no shell) and starts with the scheme, so it is never read as an option.
pub(super) async fn open_url(url: &str) -> Result<(), String> {
    let lower = url.to_ascii_lowercase();
    if !(lower.starts_with("https://") || lower.starts_with("http://")) {
        return Err("not an http(s) link".into());
    }
    let url = url.to_owned();
    let opener = if cfg!(target_os = "macos") {
        "open"
    } else {
        "xdg-open"
    };
    let status = tokio::task::spawn_blocking(move || {
        let mut cmd = std::process::Command::new(opener);
        cmd.arg(url)
            .stdin(std::process::Stdio::null())
            .stdout(std::process::Stdio::null())
            .stderr(std::process::Stdio::null());
        super::super::child::without_secrets(&mut cmd);
        cmd.status()
    })
    .await
    .map_err(|e| e.to_string())?
    .map_err(|e| format!("{opener}: {e}"))?;
    if status.success() {
        Ok(())
    } else {
        Err(format!("{opener} said {status}"))
    }
}

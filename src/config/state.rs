//! The agent's state kept between sessions, in small private files beside
//! the log: who the agent is, the palette's recent commands.

use crate::api::UserId;

use super::log_dir;

/// A small file of the agent's state (beside the log), private.
fn write_state(name: &str, text: &str) -> std::io::Result<()> {
    let path = log_dir()
        .map(|d| d.join(name))
        .ok_or_else(|| std::io::Error::other("no state directory"))?;
    if let Some(dir) = path.parent() {
        crate::private::create_dir(dir)?;
    }
    crate::private::write(&path, text.as_bytes())
}

fn read_state(name: &str) -> Option<String> {
    std::fs::read_to_string(log_dir()?.join(name)).ok()
}

/// Remember which staff member the agent is (asked once by "assign to me").
pub fn remember_me(user: &UserId) -> std::io::Result<()> {
    write_state("me", user.as_str())
}

pub(super) fn remembered_me() -> Option<String> {
    Some(read_state("me")?.trim().to_owned()).filter(|s| !s.is_empty())
}

/// Keep the palette's recent commands (by name, latest first) for the next
/// start.
pub fn remember_recent_commands(names: &[&str]) -> std::io::Result<()> {
    write_state("recent-commands", &names.join("\n"))
}

/// The palette's recent commands of the last session, by name.
pub fn recent_commands() -> Vec<String> {
    read_state("recent-commands")
        .unwrap_or_default()
        .lines()
        .map(|l| l.trim().to_owned())
        .filter(|l| !l.is_empty())
        .collect()
}

//! Programs the inbox starts for the agent (`$EDITOR`, the link opener)
//! get the agent's environment without its secrets: neither needs a
//! Pancake token, and an editor plugin or a browser extension should not be
//! handed one.

use std::ffi::OsStr;
use std::process::Command;

/// Whether a variable of this name holds a secret: Pancake's, or any named
/// as a token, a secret, a password or a Redis URL (which may carry one).
/// Configured `token_env` names are caught by the same words.
pub fn is_secret(name: &OsStr) -> bool {
    let name = name.to_string_lossy().to_ascii_uppercase();
    name.starts_with("PANCAKE_")
        || ["TOKEN", "SECRET", "PASSWORD", "PASSWD", "REDIS"]
            .iter()
            .any(|w| name.contains(w))
}

/// Leave every secret variable of this process out of `cmd`'s environment.
pub fn without_secrets(cmd: &mut Command) {
    remove_secrets(cmd, std::env::vars_os().map(|(name, _)| name));
}

/// Leave the secrets among `names` out of `cmd`'s environment.
fn remove_secrets(cmd: &mut Command, names: impl Iterator<Item = std::ffi::OsString>) {
    for name in names.filter(|n| is_secret(n)) {
        cmd.env_remove(name);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn secrets_are_named_by_their_variables() {
        for secret in [
            "PANCAKE_PAGE_ACCESS_TOKEN",
            "PANCAKE_ACCESS_TOKEN",
            "SHOP_TOKEN",
            "pancake_tui_config",
            "MY_REDIS_URL",
            "DB_PASSWORD",
        ] {
            assert!(is_secret(OsStr::new(secret)), "{secret}");
        }
        for plain in ["HOME", "PATH", "TERM", "EDITOR", "LANG", "XDG_RUNTIME_DIR"] {
            assert!(!is_secret(OsStr::new(plain)), "{plain}");
        }
    }

    /// The command is built without them: what the child would inherit
    /// has each removed, the rest left as it is.
    #[test]
    fn a_child_inherits_no_secret_of_ours() {
        let ours = ["PATH", "PANCAKE_PAGE_ACCESS_TOKEN", "HOME", "SHOP_TOKEN"];
        let mut cmd = Command::new("true");
        remove_secrets(&mut cmd, ours.iter().map(std::ffi::OsString::from));
        let mut removed: Vec<String> = cmd
            .get_envs()
            .filter(|(_, v)| v.is_none())
            .map(|(k, _)| k.to_string_lossy().into_owned())
            .collect();
        removed.sort();
        assert_eq!(removed, ["PANCAKE_PAGE_ACCESS_TOKEN", "SHOP_TOKEN"]);
    }
}

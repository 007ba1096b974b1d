//! The config file: which one, read and parsed, and warned about when it
//! holds a token others can read.

use std::path::{Path, PathBuf};

use super::{ConfigError, FileConfig, Flags, default_path};
use crate::i18n::Said;

/// The config file the flags and environment name (or the default one,
/// when it exists), read; none: the defaults.
pub(super) fn read_config(
    flags: &Flags,
    env: &dyn Fn(&str) -> Option<String>,
    warnings: &mut Vec<Said>,
) -> Result<(Option<PathBuf>, FileConfig), ConfigError> {
    let explicit = flags
        .config
        .clone()
        .or_else(|| env("PANCAKE_TUI_CONFIG").map(PathBuf::from));
    let path = explicit.clone().or_else(default_path);
    let file = match &path {
        Some(p) if p.exists() => read_file(p, warnings)?,
        Some(p) if explicit.is_some() => {
            return Err(ConfigError::Read {
                path: p.clone(),
                source: std::io::Error::new(std::io::ErrorKind::NotFound, "no such file"),
            });
        }
        _ => FileConfig::default(),
    };
    Ok((path, file))
}

/// `~/x` from the home directory; a relative path from the config's folder.
pub(super) fn expand_home(path: &Path, config: Option<&Path>) -> PathBuf {
    if let Ok(rest) = path.strip_prefix("~")
        && let Some(home) = directories::BaseDirs::new().map(|d| d.home_dir().to_path_buf())
    {
        return home.join(rest);
    }
    match config.and_then(Path::parent) {
        Some(dir) if path.is_relative() => dir.join(path),
        _ => path.to_path_buf(),
    }
}

fn read_file(path: &Path, warnings: &mut Vec<Said>) -> Result<FileConfig, ConfigError> {
    let text = std::fs::read_to_string(path).map_err(|source| ConfigError::Read {
        path: path.to_owned(),
        source,
    })?;
    let file: FileConfig = toml::from_str(&text).map_err(|e| ConfigError::Parse {
        path: path.to_owned(),
        line: e
            .span()
            .map(|at| text[..at.start.min(text.len())].matches('\n').count() + 1),
        // toml's message quotes the offending line, which may hold a token.
        message: e.message().to_owned(),
    })?;
    if (file.page_access_token.is_some() || file.access_token.is_some()) && readable_by_others(path)
    {
        warnings.push(Said::new("warning-token-readable").arg("path", path.display().to_string()));
    }
    Ok(file)
}

#[cfg(unix)]
pub(super) fn readable_by_others(path: &Path) -> bool {
    use std::os::unix::fs::PermissionsExt;
    std::fs::metadata(path).is_ok_and(|m| m.permissions().mode() & 0o044 != 0)
}

#[cfg(not(unix))]
pub(super) fn readable_by_others(_: &Path) -> bool {
    false
}

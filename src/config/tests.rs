//! The config's tests: precedence, values checked, tokens kept out of
//! messages, pages and keys.

use super::*;
use crate::app::keys::Command;
use crate::i18n::Lang;
use secrecy::ExposeSecret;
use std::collections::HashMap;

fn env_of(pairs: &[(&str, &str)]) -> impl Fn(&str) -> Option<String> {
    let map: HashMap<String, String> = pairs
        .iter()
        .map(|(k, v)| (k.to_string(), v.to_string()))
        .collect();
    move |k| map.get(k).cloned()
}

fn write(dir: &Path, body: &str, mode: u32) -> PathBuf {
    let p = dir.join("config.toml");
    std::fs::write(&p, body).unwrap();
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        std::fs::set_permissions(&p, std::fs::Permissions::from_mode(mode)).unwrap();
    }
    p
}

/// A directory of the test's own, removed when the test ends.
struct TmpDir(PathBuf);

impl std::ops::Deref for TmpDir {
    type Target = PathBuf;
    fn deref(&self) -> &PathBuf {
        &self.0
    }
}

impl Drop for TmpDir {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

fn tmpdir(name: &str) -> TmpDir {
    let d = std::env::temp_dir().join(format!("pancake-cfg-{name}-{}", std::process::id()));
    std::fs::create_dir_all(&d).unwrap();
    TmpDir(d)
}

/// Values a group member could plant in a shared config stay in range:
/// the throttle is never switched off, never set past what makes sense.
#[test]
fn rate_limit_has_a_floor_and_a_ceiling_and_rediss_takes_a_ca_file() {
    let dir = tmpdir("ranges");
    let load_with = |body: &str| {
        let path = write(&dir, body, 0o600);
        let flags = Flags {
            config: Some(path),
            ..Flags::default()
        };
        load(&flags, &env_of(&[]))
    };
    for (asked, kept) in [(0, 1), (5, 5), (1_000_000, 20)] {
        let c = load_with(&format!("rate_limit = {asked}\n")).unwrap();
        assert_eq!(
            (c.rate_limit, c.settings.rate_limit),
            (kept, kept),
            "{asked}"
        );
        assert_eq!(
            c.warnings
                .iter()
                .any(|w| w.words(Lang::En).contains("rate_limit")),
            asked != kept,
            "{:?}",
            c.warnings
        );
    }
    // The range's words keep the numbers as written in config (ungrouped),
    // in the agent's language.
    let c = load_with("rate_limit = 1000000\n").unwrap();
    assert_eq!(
        c.warnings[0].words(Lang::En),
        "rate_limit = 1000000 in config is out of 1..=20: 20 is used"
    );
    assert_eq!(
        c.warnings[0].words(Lang::Vi),
        "rate_limit = 1000000 trong tệp cấu hình nằm ngoài khoảng 1..=20: sẽ dùng 20"
    );
    let c = load_with("rate_budget = \"rediss://team.example:6380/0\"\n").unwrap();
    assert!(matches!(
        c.budget,
        crate::api::budget::BudgetConfig::Redis { ca_file: None, .. }
    ));
    let e =
        load_with("rate_budget = \"redis://team.example:6379/0\"\nredis_ca_file = \"/x/ca.pem\"\n")
            .unwrap_err();
    assert!(
        e.to_string().contains("write rate_budget = \"rediss://"),
        "{e}"
    );
    let e = load_with(
        "rate_budget = \"rediss://team.example:6380/0\"\nredis_ca_file = \"/no/such/ca.pem\"\n",
    )
    .unwrap_err();
    assert!(
        e.to_string()
            .contains("redis_ca_file /no/such/ca.pem: cannot read it"),
        "{e}"
    );
    load_with("rate_budget = \"redis://:hunter2-secret@10.0.0.5:6379/0\"\n").unwrap();
    assert_eq!(
        crate::text::redact("redis: auth hunter2-secret refused"),
        "redis: auth *** refused",
        "a Redis password is redacted like a token"
    );
    let c = load_with("allow_plain_http = true\n").unwrap();
    assert!(c.allow_plain_http);
    assert!(!load_with("").unwrap().allow_plain_http);
}

#[test]
fn flags_beat_env_beat_file_beat_defaults() {
    let dir = tmpdir("prec");
    let path = write(
        &dir,
        "api_url = \"http://file\"\npage_id = \"file-page\"\npage_access_token = \"file-token\"\npoll_secs = 60\n\
         [[views]]\nname = \"Orders\"\ntags = [\"Orders\"]\nunread = true\n",
        0o600,
    );
    let flags = Flags {
        config: Some(path.clone()),
        ..Flags::default()
    };
    let c = load(&flags, &env_of(&[])).unwrap();
    assert_eq!(c.api_url, "http://file");
    assert_eq!(c.page_id, Some(PageId::new("file-page")));
    assert_eq!(c.page_token.unwrap().expose_secret(), "file-token");
    assert_eq!(c.settings.poll_secs, 60);
    assert_eq!(c.views.len(), 1);
    assert_eq!(c.views[0].tags, vec!["Orders".to_string()]);
    assert!(c.warnings.is_empty());

    let env = env_of(&[
        ("PANCAKE_API_URL", "http://env"),
        ("PANCAKE_PAGE_ID", "env-page"),
        ("PANCAKE_PAGE_ACCESS_TOKEN", "env-token"),
    ]);
    let c = load(&flags, &env).unwrap();
    assert_eq!(c.api_url, "http://env");
    assert_eq!(c.page_token.unwrap().expose_secret(), "env-token");

    let flags = Flags {
        api_url: Some("http://flag".into()),
        page: Some("flag-page".into()),
        ..flags
    };
    let c = load(&flags, &env).unwrap();
    assert_eq!(c.api_url, "http://flag");
    assert_eq!(c.page_id, Some(PageId::new("flag-page")));

    let none = Flags {
        config: Some(dir.join("absent.toml")),
        ..Flags::default()
    };
    assert!(
        load(&none, &env_of(&[])).is_err(),
        "an explicit missing file is an error"
    );
}

#[cfg(unix)]
#[test]
fn a_readable_token_file_is_warned_about_and_debug_hides_tokens() {
    let dir = tmpdir("perm");
    let path = write(&dir, "page_access_token = \"s3cret-token\"\n", 0o644);
    let c = load(
        &Flags {
            config: Some(path),
            ..Flags::default()
        },
        &env_of(&[]),
    )
    .unwrap();
    assert_eq!(c.warnings.len(), 1, "{:?}", c.warnings);
    let shown = dir.join("config.toml").display().to_string();
    // The words of today in English (the doctor's JSON report gives them),
    // the agent's in Vietnamese; the path as it is in both.
    assert_eq!(
        c.warnings[0].words(Lang::En),
        format!("{shown} holds a token and is readable by other users: run chmod 600 {shown}")
    );
    assert_eq!(
        c.warnings[0].words(Lang::Vi),
        format!("{shown} chứa token và người dùng khác đọc được: hãy chạy chmod 600 {shown}")
    );
    assert!(!format!("{c:?}").contains("s3cret-token"));
}

#[test]
fn pages_take_tokens_from_their_variable_or_file() {
    let dir = tmpdir("pages");
    std::fs::write(dir.join("cafe.token"), "cafe-secret\n").unwrap();
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        std::fs::set_permissions(
            dir.join("cafe.token"),
            std::fs::Permissions::from_mode(0o600),
        )
        .unwrap();
    }
    let path = write(
        &dir,
        "[[pages]]\nid = \"111\"\nname = \"Bánh\"\ntoken_env = \"TOK_BANH\"\n\
         [[pages]]\nid = \"222\"\ntoken_file = \"cafe.token\"\n",
        0o600,
    );
    let flags = Flags {
        config: Some(path),
        ..Flags::default()
    };
    let c = load(&flags, &env_of(&[("TOK_BANH", "banh-secret")])).unwrap();
    assert_eq!(c.pages.len(), 2);
    assert_eq!(c.pages[0].id, PageId::new("111"));
    assert_eq!(c.pages[0].name.as_deref(), Some("Bánh"));
    assert_eq!(c.pages[0].token.expose_secret(), "banh-secret");
    assert_eq!(c.pages[1].token.expose_secret(), "cafe-secret");
    assert!(c.warnings.is_empty(), "{:?}", c.warnings);
    assert!(!format!("{:?}", c.pages).contains("secret"));

    let e = load(&flags, &env_of(&[])).unwrap_err().to_string();
    assert!(e.contains("set TOK_BANH"), "{e}");
    assert!(!e.contains("secret"), "{e}");
}

#[test]
fn bad_files_say_where_without_echoing_the_token() {
    let dir = tmpdir("bad");
    let path = write(&dir, "page_access_token = \"tok-123\"\nbogus = 1\n", 0o600);
    let e = load(
        &Flags {
            config: Some(path),
            ..Flags::default()
        },
        &env_of(&[]),
    )
    .unwrap_err()
    .to_string();
    assert!(e.contains("config.toml is not valid"), "{e}");
    assert!(!e.contains("tok-123"), "{e}");
}

#[test]
fn keys_in_the_config_rebind_commands_and_bad_ones_say_why() {
    let dir = tmpdir("keys");
    let flags = Flags {
        config: Some(write(
            &dir,
            "[keys]\ntag_picker = \"T\"\nreply = [\"t\", \"Enter\"]\n",
            0o600,
        )),
        ..Flags::default()
    };
    let c = load(&flags, &env_of(&[])).unwrap();
    let keymap = &c.settings.keymap;
    assert_eq!(keymap.keys_of(Command::TagPicker), vec!["T"]);
    assert_eq!(keymap.keys_of(Command::Reply), vec!["t", "Enter"]);
    assert_eq!(
        keymap.keys_of(Command::Open),
        vec!["l"],
        "Enter went to reply"
    );

    write(&dir, "[keys]\ntag_pikcer = \"T\"\n", 0o600);
    let e = load(&flags, &env_of(&[])).unwrap_err().to_string();
    assert!(
        e.contains("[keys] in config: unknown command \"tag_pikcer\""),
        "{e}"
    );
}

/// `language` in config.toml beats the locale; without it the locale
/// decides; a value other than "vi" or "en" stops the start and says what
/// to write.
#[test]
fn the_language_comes_from_the_config_else_the_locale() {
    use crate::i18n::Lang;
    let dir = tmpdir("language");
    let flags = Flags {
        config: Some(write(&dir, "language = \"en\"\n", 0o600)),
        ..Flags::default()
    };
    let vi_locale = env_of(&[("LANG", "vi_VN.UTF-8")]);
    assert_eq!(load(&flags, &vi_locale).unwrap().settings.lang, Lang::En);
    write(&dir, "language = \"vi\"\n", 0o600);
    assert_eq!(load(&flags, &env_of(&[])).unwrap().settings.lang, Lang::Vi);
    write(&dir, "", 0o600);
    assert_eq!(load(&flags, &vi_locale).unwrap().settings.lang, Lang::Vi);
    let c_locale = env_of(&[("LANG", "vi_VN.UTF-8"), ("LC_ALL", "C")]);
    assert_eq!(load(&flags, &c_locale).unwrap().settings.lang, Lang::En);
    write(&dir, "language = \"vn\"\n", 0o600);
    let e = load(&flags, &env_of(&[])).unwrap_err().to_string();
    assert!(
        e.contains("language \"vn\" in config: write language = \"vi\" or \"en\""),
        "{e}"
    );
}

/// The config's errors are said in the agent's language (the locale's when
/// the config that failed is what names it): the key, value and path as
/// written, toml's own words kept inside a translated sentence with the
/// line they point at. The English (`Display`) is as before.
#[test]
fn config_errors_are_said_in_the_agents_language() {
    use crate::i18n::Lang;
    let dir = tmpdir("said");
    let flags = Flags {
        config: Some(write(
            &dir,
            "language = \"vi\"\n\npoll_secs = \"often\"\n",
            0o600,
        )),
        ..Flags::default()
    };
    let e = load(&flags, &env_of(&[])).unwrap_err();
    let english = e.to_string();
    assert!(english.contains("config.toml is not valid: "), "{english}");
    let vi = e.said().words(Lang::Vi);
    let toml_words = match &e {
        ConfigError::Parse { message, line, .. } => {
            assert_eq!(*line, Some(3));
            message.clone()
        }
        other => panic!("{other:?}"),
    };
    assert!(
        vi.ends_with(&format!("config.toml không hợp lệ, dòng 3: {toml_words}")),
        "{vi}"
    );
    // The file that failed named Vietnamese; the locale decides then.
    let vi_locale = |k: &str| (k == "LANG").then(|| "vi_VN.UTF-8".to_owned());
    assert_eq!(
        crate::cli::language(&flags),
        Lang::pick(None, |k| std::env::var(k).ok())
    );
    assert_eq!(Lang::pick(None, vi_locale), Lang::Vi);

    write(&dir, "language = \"vn\"\n", 0o600);
    let e = load(&flags, &env_of(&[])).unwrap_err();
    assert_eq!(
        e.said().words(Lang::Vi),
        "language \"vn\" trong tệp cấu hình: hãy viết language = \"vi\" hoặc \"en\""
    );
    assert_eq!(e.said().words(Lang::En), e.to_string());

    write(
        &dir,
        "[[pages]]\nid = \"105\"\ntoken_env = \"TOK_BANH\"\n",
        0o600,
    );
    let e = load(&flags, &env_of(&[])).unwrap_err();
    assert_eq!(
        e.said().words(Lang::Vi),
        "trang 105: hãy đặt token truy cập của trang vào TOK_BANH"
    );
    assert_eq!(
        e.to_string(),
        "page 105: set TOK_BANH to its page access token"
    );

    write(&dir, "timezone = \"Asia/Hanoi\"\n", 0o600);
    let e = load(&flags, &env_of(&[])).unwrap_err();
    assert_eq!(
        e.said().words(Lang::Vi),
        "timezone \"Asia/Hanoi\" trong tệp cấu hình: không có múi giờ này"
    );
    assert_eq!(e.to_string(), "unknown timezone \"Asia/Hanoi\" in config");
    // On stderr, through the command line's error line.
    let e = anyhow::Error::new(e);
    assert_eq!(
        crate::cli::error_words(&e, Lang::Vi),
        "timezone \"Asia/Hanoi\" trong tệp cấu hình: không có múi giờ này"
    );
}

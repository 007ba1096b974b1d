//! The client's unit tests: its base URL, path encoding, and answers
//! decoded.

use super::{Client, ClientConfig, decode, enc};
use crate::api::error::{ApiError, Credential, body_error};
use crate::api::models::RawTagList;

/// The token travels in clear over http://: only to this machine,
/// unless the config says so for a host it trusts.
#[test]
fn plain_http_goes_only_to_this_machine_unless_allowed() {
    let client = |url: &str, allow: bool| {
        Client::new(ClientConfig {
            base_url: url.into(),
            allow_plain_http: allow,
            ..ClientConfig::default()
        })
    };
    for local in [
        "http://127.0.0.1:8080/api",
        "http://127.0.0.2/api",
        "http://localhost:1/api",
        "http://[::1]:9/api",
    ] {
        assert!(client(local, false).is_ok(), "{local}");
    }
    let e = client("http://pages.example/api", false)
        .err()
        .expect("refused");
    assert!(e.to_string().contains("https://"), "{e}");
    assert!(client("http://pages.example/api", true).is_ok());
    assert!(client("https://pages.example/api", false).is_ok());
}

#[test]
fn path_segments_are_encoded() {
    assert_eq!(enc("105_77"), "105_77");
    assert_eq!(enc("a/../b?x"), "a%2F..%2Fb%3Fx");
}

#[test]
fn success_false_is_an_error_with_the_server_message() {
    let e = body_error(
        crate::api::RequestKind::Tag,
        Credential::PageToken,
        br#"{"success":false,"message":"no such tag"}"#,
    )
    .unwrap();
    assert_eq!(e.to_string(), "Pancake refused tag: no such tag");
    let e = decode::<RawTagList>(crate::api::RequestKind::Tags, br#""nope""#).unwrap_err();
    assert!(matches!(e, ApiError::Decode { .. }), "{e}");
    let odd = decode::<RawTagList>(crate::api::RequestKind::Tags, br#"{"tags":"nope"}"#).unwrap();
    assert!(odd.tags.items.is_empty() && odd.tags.skipped.len() == 1);
    let e = decode::<RawTagList>(crate::api::RequestKind::Tags, b"<html>").unwrap_err();
    assert!(e.to_string().contains("not JSON"), "{e}");
}

#[test]
fn bad_base_urls_are_config_errors() {
    let cfg = |u: &str| ClientConfig {
        base_url: u.into(),
        ..Default::default()
    };
    assert!(matches!(
        Client::new(cfg("ftp://x")),
        Err(ApiError::Config(_))
    ));
    assert!(matches!(
        Client::new(cfg("not a url")),
        Err(ApiError::Config(_))
    ));
}

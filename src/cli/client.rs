//! The one client configuration of every subcommand (inbox, demo, doctor,
//! stats), built from the config: base URL, rate limit, timeout, the
//! page budget shared with other processes, and the redaction of every
//! token the client learns.

use std::time::Duration;

use crate::api::{Client, ClientConfig};
use crate::config::Config;
use crate::runtime::terminal;

/// The client configuration the config asks for.
pub fn client_config(cfg: &Config) -> ClientConfig {
    ClientConfig {
        base_url: cfg.api_url.clone(),
        rate_limit: cfg.rate_limit,
        timeout: Duration::from_secs(cfg.timeout_secs),
        on_secret: Some(terminal::register_secret),
        budget: cfg.budget.clone(),
        allow_plain_http: cfg.allow_plain_http,
        ..ClientConfig::default()
    }
}

/// The client the configuration asks for; the tokens it learns are
/// registered for redaction.
pub fn client_for(cfg: &Config) -> anyhow::Result<Client> {
    Ok(Client::new(client_config(cfg))?)
}

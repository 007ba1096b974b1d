//! `pancake-tui simulate`: the simulator as a standalone server.

use std::time::Duration;

use super::{Faults, SimConfig, Simulator};

#[derive(clap::Args, Clone, Debug)]
pub struct SimArgs {
    /// Port on 127.0.0.1 (0 picks a free one).
    #[arg(long, default_value_t = 0)]
    pub port: u16,
    /// Conversations on the main page.
    #[arg(long, default_value_t = 3000)]
    pub conversations: usize,
    #[arg(long, default_value_t = 42)]
    pub seed: u64,
    /// New customer messages keep arriving.
    #[arg(long)]
    pub live: bool,
    /// Requests per page per second before 429 (0 = unlimited).
    #[arg(long, default_value_t = 5)]
    pub rate_limit: u32,
    /// Added to every response.
    #[arg(long, default_value_t = 0)]
    pub latency_ms: u64,
    /// Each request reaches the server a random 0..N ms late.
    #[arg(long, default_value_t = 0)]
    pub arrival_jitter_ms: u64,
    /// Share of requests answered 5xx (0 to 1).
    #[arg(long, default_value_t = 0.0)]
    pub error_rate: f64,
    /// Answer every request 429.
    #[arg(long)]
    pub storm_429: bool,
    /// Share of connections dropped mid-reply (0 to 1).
    #[arg(long, default_value_t = 0.0)]
    pub drop_rate: f64,
    /// Share of error answers (429, 5xx, wrong page token) sent as the real
    /// service mostly does: HTTP 200 + `{"success":false,"error_code":N}`
    /// (0 to 1).
    #[arg(long, default_value_t = super::DEFAULT_BODY_ERRORS)]
    pub body_errors: f64,
    /// Private replies are delivered but answered `success: false`.
    #[arg(long)]
    pub ghost_private_replies: bool,
}

/// Start, print the three variables to point a client at it, serve until
/// Ctrl-C or SIGTERM.
pub async fn run_cli(args: SimArgs) -> anyhow::Result<()> {
    let sim = Simulator::start(SimConfig {
        seed: args.seed,
        conversations: args.conversations,
        live: args.live,
        rate_limit: args.rate_limit,
        port: args.port,
        faults: Faults {
            latency: Duration::from_millis(args.latency_ms),
            arrival_jitter: Duration::from_millis(args.arrival_jitter_ms),
            error_rate: args.error_rate.clamp(0.0, 1.0),
            storm_429: args.storm_429,
            drop_rate: args.drop_rate.clamp(0.0, 1.0),
            malformed: false,
            body_errors: args.body_errors.clamp(0.0, 1.0),
            ghost_private_replies: args.ghost_private_replies,
            hang_after_change: false,
        },
        ..SimConfig::default()
    })
    .await?;
    let main = sim.main_page();
    println!("PANCAKE_API_URL={}", sim.base_url());
    println!("PANCAKE_PAGE_ID={}", main.id);
    println!("PANCAKE_PAGE_ACCESS_TOKEN={}", main.token);
    eprintln!(
        "simulating {} pages on {} (user token {}); Ctrl-C stops",
        sim.pages().len(),
        sim.addr(),
        sim.user_token()
    );
    wait_for_stop().await;
    sim.shutdown().await;
    Ok(())
}

async fn wait_for_stop() {
    #[cfg(unix)]
    {
        use tokio::signal::unix::{SignalKind, signal};
        if let Ok(mut term) = signal(SignalKind::terminate()) {
            tokio::select! {
                _ = tokio::signal::ctrl_c() => {}
                _ = term.recv() => {}
            }
            return;
        }
    }
    let _ = tokio::signal::ctrl_c().await;
}

#[cfg(test)]
mod tests {
    use clap::Parser;

    use super::*;

    #[derive(Parser)]
    struct Cli {
        #[command(flatten)]
        sim: SimArgs,
    }

    #[test]
    fn body_errors_default_to_half_and_take_a_flag() {
        let d = Cli::parse_from(["simulate"]).sim;
        assert_eq!(d.body_errors, super::super::DEFAULT_BODY_ERRORS);
        assert!(!d.ghost_private_replies);
        let a = Cli::parse_from(["simulate", "--body-errors", "0", "--ghost-private-replies"]).sim;
        assert_eq!(a.body_errors, 0.0);
        assert!(a.ghost_private_replies);
        assert_eq!(Faults::default().body_errors, 0.5);
        assert_eq!(SimConfig::default().faults.body_errors, 0.5);
    }
}

//! A simulator plus the page the tests drive.

use pancake_tui::sim::{LoggedRequest, SimConfig, SimHandle, Simulator};
use serde_json::Value;

use super::tmux::Tmux;

pub const BIN: &str = env!("CARGO_BIN_EXE_pancake-tui");

pub struct World {
    _rt: tokio::runtime::Runtime,
    pub sim: SimHandle,
    pub page: String,
}

impl World {
    pub fn new(conversations: usize) -> World {
        let rt = tokio::runtime::Runtime::new().unwrap();
        let sim = rt
            .block_on(Simulator::start(SimConfig {
                conversations,
                ..SimConfig::default()
            }))
            .unwrap();
        let page = sim.main_page().id;
        World { _rt: rt, sim, page }
    }

    pub fn inbox(&self, w: u16, h: u16) -> Tmux {
        self.inbox_with(w, h, &[])
    }

    /// The inbox on the main page with more environment (a config file,
    /// a cache shared by two runs); later entries win over the defaults.
    pub fn inbox_with(&self, w: u16, h: u16, more: &[(&str, String)]) -> Tmux {
        let main = self.sim.main_page();
        let mut env = vec![
            ("PANCAKE_API_URL", self.sim.base_url()),
            ("PANCAKE_PAGE_ID", main.id.clone()),
            ("PANCAKE_PAGE_ACCESS_TOKEN", main.token.clone()),
        ];
        env.extend(more.iter().cloned());
        Tmux::start(BIN, &[], &env, w, h)
    }

    pub fn conv(&self, id: &str) -> Value {
        self.sim.conversation_json(&self.page, id).unwrap()
    }

    /// The requests the simulator received with `method` whose path
    /// `path` accepts, in order.
    pub fn requests(&self, method: &str, path: impl Fn(&str) -> bool) -> Vec<LoggedRequest> {
        let all = self.sim.requests().into_iter();
        all.filter(|r| r.method == method && path(&r.path))
            .collect()
    }

    /// The bodies of the POSTs whose path ends with `suffix`.
    pub fn posts(&self, suffix: &str) -> Vec<Value> {
        let posts = self.requests("POST", |p| p.ends_with(suffix));
        let body = |r: LoggedRequest| serde_json::from_str(&r.body).unwrap_or(Value::Null);
        posts.into_iter().map(body).collect()
    }
}

impl World {
    /// Put a plain INBOX conversation on top of the list (a new customer
    /// message), so hostile fixtures do not decide a test. Returns its id and
    /// customer name.
    pub fn plain_inbox_on_top(&self, text: &str) -> (String, String) {
        let id = self
            .sim
            .conversation_ids(&self.page)
            .into_iter()
            .find(|id| {
                let c = self.conv(id);
                c["type"] == "INBOX"
                    && c["customers"][0]["name"]
                        .as_str()
                        .is_some_and(|n| n.chars().all(|ch| ch.is_alphabetic() || ch == ' '))
            })
            .expect("a plain inbox conversation");
        self.sim.inject_customer_message(&self.page, &id, text);
        let name = self.conv(&id)["customers"][0]["name"]
            .as_str()
            .unwrap()
            .to_string();
        (id, name)
    }
}

pub fn first_word(name: &str) -> String {
    name.split_whitespace()
        .next()
        .unwrap_or(name)
        .chars()
        .take(8)
        .collect()
}

//! The budget shared across machines, in Redis (`rate_budget =
//! "redis://host:6379/0"`, or `rediss://` over TLS: `super::tls`): the same
//! book as the host file, a sorted set of slots scored by when they end and
//! a hash of waiter counts, changed only
//! by Lua scripts (atomic on the server) that read the time with Redis's own
//! `TIME`, so the machines' clocks never need to agree.
//!
//! Unreachable (or too slow to answer): the host budget meanwhile, said on
//! the status bar; Redis is tried again in the background (requests never
//! wait for that) and used again as soon as it answers.

use std::path::Path;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use redis::aio::MultiplexedConnection;

use super::Priority;
use super::host::HostBudget;
use super::tls::why_down;
use super::{FRESH, LEASE, MAX_AGENTS, MAX_SLOTS, POLL, RedisDown, Sharing, SlotId, Try};

/// Longest wait for Redis before it counts as unreachable.
const ANSWER_WITHIN: Duration = Duration::from_millis(500);
/// How often an unreachable Redis is tried again.
const RETRY_EVERY: Duration = Duration::from_secs(1);

/// What the keys hold was written by anyone who can reach the Redis: every
/// value read is bounded by what this version writes before it counts (a
/// key of another type is dropped; a slot ends within one lease, or one
/// window once answered (`:done`); at most `ARGV[11]` slots and
/// `ARGV[12]` agents or waiters; nothing seen in the future counts, an
/// action's time included). An agent's action granted less than `ARGV[13]`
/// ms ago (`KEYS[4]`, by any process) keeps the last slot for the next one,
/// as another process's waiters and slots do (`super::cap`).
const ACQUIRE: &str = r#"
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
local limit, prio = tonumber(ARGV[1]), tonumber(ARGV[2])
local me, member = ARGV[3], ARGV[4]
local lease, window, fresh = tonumber(ARGV[5]), tonumber(ARGV[6]), tonumber(ARGV[7])
local n = {tonumber(ARGV[8]), tonumber(ARGV[9]), tonumber(ARGV[10])}
local max_slots, max_agents = tonumber(ARGV[11]), tonumber(ARGV[12])
local recent = tonumber(ARGV[13])
for i, kind in ipairs({'zset', 'hash', 'zset', 'string'}) do
  local was = redis.call('TYPE', KEYS[i])['ok']
  if was ~= 'none' and was ~= kind then redis.call('DEL', KEYS[i]) end
end
redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', now)
if redis.call('ZCARD', KEYS[1]) > max_slots then
  redis.call('ZREMRANGEBYRANK', KEYS[1], max_slots, -1)
end
local far = redis.call('ZRANGEBYSCORE', KEYS[1], '(' .. (now + math.min(lease, window)), '+inf', 'WITHSCORES')
for i = 1, #far, 2 do
  local most = lease
  if string.sub(far[i], -5) == ':done' then most = window end
  if tonumber(far[i + 1]) > now + most then
    redis.call('ZADD', KEYS[1], now + most, far[i])
  end
end
redis.call('ZREMRANGEBYSCORE', KEYS[3], '(' .. now, '+inf')
redis.call('ZADD', KEYS[3], now, me)
redis.call('ZREMRANGEBYSCORE', KEYS[3], '-inf', now - 30000)
local present = redis.call('ZCARD', KEYS[3])
if present > max_agents then
  redis.call('ZREMRANGEBYRANK', KEYS[3], 0, present - max_agents - 1)
end
redis.call('PEXPIRE', KEYS[3], 90000)
local agents = redis.call('ZCARD', KEYS[3])
local deferred, others = false, false
if redis.call('HLEN', KEYS[2]) > max_agents then redis.call('DEL', KEYS[2]) end
local w = redis.call('HGETALL', KEYS[2])
for i = 1, #w, 2 do
  local a, b, c, seen = string.match(w[i + 1], '^(%d+) (%d+) (%d+) (%d+)$')
  if seen == nil or tonumber(seen) > now or now - tonumber(seen) >= fresh then
    redis.call('HDEL', KEYS[2], w[i])
  elseif w[i] ~= me then
    others = true
    if (prio >= 1 and tonumber(a) > 0) or (prio >= 2 and tonumber(b) > 0) then
      deferred = true
    end
  end
end
local members = redis.call('ZRANGE', KEYS[1], 0, -1)
local mine = me .. ':'
for _, m in ipairs(members) do
  if string.sub(m, 1, #mine) ~= mine then others = true end
end
local used = #members
local acted = tonumber(redis.call('GET', KEYS[4]))
local keep = others or (acted ~= nil and acted <= now and now - acted < recent)
local cap = limit
if keep and prio > 0 and limit > 1 then cap = limit - 1 end
local granted = used < cap and not deferred
if granted then
  n[prio + 1] = math.max(n[prio + 1] - 1, 0)
  redis.call('ZADD', KEYS[1], now + lease, member)
  if prio == 0 and recent > 0 then redis.call('SET', KEYS[4], now, 'PX', recent) end
end
if n[1] + n[2] + n[3] > 0 then
  redis.call('HSET', KEYS[2], me, string.format('%d %d %d %d', n[1], n[2], n[3], now))
else
  redis.call('HDEL', KEYS[2], me)
end
redis.call('PEXPIRE', KEYS[1], lease + window + 60000)
redis.call('PEXPIRE', KEYS[2], fresh + 60000)
if granted then return {1, 0, agents} end
if used < cap then return {0, -1, agents} end
local first = redis.call('ZRANGE', KEYS[1], 0, 0, 'WITHSCORES')
local soonest = tonumber(first[2]) - now
if soonest > window then soonest = window end
if soonest < 1 then soonest = 1 end
return {0, soonest, agents}
"#;

/// An answer keeps its slot one window, under another name (so a late
/// renewal of the in-flight name cannot stretch it); a cancel frees it.
const RELEASE: &str = r#"
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
if redis.call('ZREM', KEYS[1], ARGV[1]) == 1 and ARGV[3] == '0' then
  redis.call('ZADD', KEYS[1], now + tonumber(ARGV[2]), ARGV[1] .. ':done')
end
return 1
"#;

const RENEW: &str = r#"
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
for i = 2, #ARGV do
  redis.call('ZADD', KEYS[1], 'XX', now + tonumber(ARGV[1]), ARGV[i])
end
return 1
"#;

pub struct RedisBudget {
    client: redis::Client,
    conn: Mutex<Link>,
    fallback: Option<Arc<HostBudget>>,
    slots_key: String,
    waiters_key: String,
    /// Who used the budget in the last 30 s, on any machine.
    present_key: String,
    /// When an agent's action was last granted, on any machine.
    acted_key: String,
    agents: std::sync::atomic::AtomicUsize,
    /// This process, among every process on every machine.
    me: String,
    next: AtomicU64,
    limit: usize,
    window_ms: u64,
    /// How long an in-flight slot is held without renewal ([`LEASE`]).
    lease_ms: u64,
    /// How long after an action the last slot is kept for the next
    /// ([`super::ACTED_RECENTLY`]).
    acted_ms: u64,
    acquire: redis::Script,
    release: redis::Script,
    renew: redis::Script,
}

#[derive(Default)]
struct Link {
    conn: Option<MultiplexedConnection>,
    /// Unreachable since; tried again after `retry_at`.
    down: bool,
    /// Why, when it is down.
    why: RedisDown,
    retry_at: Option<Instant>,
}

impl RedisBudget {
    /// The budget of `page` in the Redis of `client` (made by
    /// `super::tls::client`, over TLS for `rediss://`).
    pub fn new(
        client: redis::Client,
        page: &str,
        limit: usize,
        window: Duration,
        fallback: Option<Arc<HostBudget>>,
    ) -> Result<RedisBudget, String> {
        let key = page;
        let nanos = std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map(|d| d.as_nanos())
            .unwrap_or(0);
        Ok(RedisBudget {
            client,
            conn: Mutex::new(Link::default()),
            fallback,
            // One hash tag: both keys on one node of a cluster.
            slots_key: format!("pancake-tui:budget:{{{key}}}:slots"),
            waiters_key: format!("pancake-tui:budget:{{{key}}}:waiters"),
            present_key: format!("pancake-tui:budget:{{{key}}}:present"),
            acted_key: format!("pancake-tui:budget:{{{key}}}:acted"),
            agents: std::sync::atomic::AtomicUsize::new(1),
            me: format!("{:x}.{:x}", nanos, std::process::id()),
            next: AtomicU64::new(1),
            limit,
            window_ms: window.as_millis() as u64,
            lease_ms: LEASE.as_millis() as u64,
            acted_ms: super::ACTED_RECENTLY.as_millis() as u64,
            acquire: redis::Script::new(ACQUIRE),
            release: redis::Script::new(RELEASE),
            renew: redis::Script::new(RENEW),
        })
    }

    /// Budget users seen on the page lately, on every machine (while Redis
    /// is down: those of this host).
    pub fn agents(&self) -> usize {
        match (&self.fallback, self.link().down) {
            (Some(h), true) => h.agents(),
            _ => self.agents.load(Ordering::Relaxed).max(1),
        }
    }

    pub fn sharing(&self) -> Sharing {
        let link = self.link();
        if link.down {
            match self.fallback.as_ref().and_then(|h| h.unshared()) {
                Some(why) => Sharing::Own(why),
                None => Sharing::RedisDown(link.why),
            }
        } else {
            Sharing::Redis
        }
    }

    pub fn fallback_path(&self) -> Option<&Path> {
        self.fallback.as_ref().map(|h| h.path())
    }

    fn link(&self) -> std::sync::MutexGuard<'_, Link> {
        self.conn.lock().unwrap_or_else(|e| e.into_inner())
    }

    /// A connection, or none while Redis is unreachable (and not yet due to
    /// be tried again).
    /// Requests never wait for a reconnection: once Redis is down, only
    /// [`RedisBudget::probe`] (`reconnect`) tries it again.
    async fn connection(&self, reconnect: bool) -> Option<MultiplexedConnection> {
        {
            let link = self.link();
            if let Some(c) = &link.conn {
                return Some(c.clone());
            }
            if link.down && !reconnect || link.retry_at.is_some_and(|t| Instant::now() < t) {
                return None;
            }
        }
        let made = tokio::time::timeout(
            ANSWER_WITHIN,
            self.client.get_multiplexed_async_connection(),
        )
        .await;
        match made {
            Ok(Ok(c)) => {
                let mut link = self.link();
                if link.down {
                    tracing::info!("rate budget: Redis reachable again");
                }
                link.conn = Some(c.clone());
                link.retry_at = None;
                // `down` is cleared by the first script that answers.
                Some(c)
            }
            Ok(Err(e)) => {
                // The error names the host, never the URL's password.
                let detail = crate::text::redact(&e.to_string());
                self.mark_down_for(why_down(&e), &format!("cannot connect: {detail}"));
                None
            }
            Err(_) => {
                self.mark_down("cannot connect within 500 ms");
                None
            }
        }
    }

    fn mark_down(&self, why: &str) {
        self.mark_down_for(RedisDown::Unreachable, why);
    }

    fn mark_down_for(&self, kind: RedisDown, why: &str) {
        let mut link = self.link();
        if !link.down || link.why != kind {
            tracing::warn!(
                "rate budget: {} ({why}); using the host budget",
                kind.words()
            );
        }
        link.why = kind;
        link.down = true;
        link.conn = None;
        link.retry_at = Some(Instant::now() + RETRY_EVERY);
    }

    pub async fn try_acquire(&self, priority: Priority, waiting: [u32; 3]) -> Try {
        if let Some(mut conn) = self.connection(false).await {
            let member = format!("{}:{}", self.me, self.next.fetch_add(1, Ordering::Relaxed));
            let mut inv = self.acquire.prepare_invoke();
            inv.key(&self.slots_key)
                .key(&self.waiters_key)
                .key(&self.present_key)
                .key(&self.acted_key)
                .arg(self.limit)
                .arg(priority as usize)
                .arg(&self.me)
                .arg(&member)
                .arg(self.lease_ms)
                .arg(self.window_ms)
                .arg(FRESH.as_millis() as u64)
                .arg(waiting[0])
                .arg(waiting[1])
                .arg(waiting[2])
                .arg(MAX_SLOTS)
                .arg(MAX_AGENTS)
                .arg(self.acted_ms);
            let answer = tokio::time::timeout(
                ANSWER_WITHIN,
                inv.invoke_async::<(i64, i64, i64)>(&mut conn),
            )
            .await;
            match answer {
                Ok(Ok((granted, wait, agents))) => {
                    self.link().down = false;
                    // What Redis says is clamped to what this version could
                    // have written: anyone may have written the key.
                    let agents = agents.clamp(1, MAX_AGENTS as i64) as usize;
                    self.agents.store(agents, Ordering::Relaxed);
                    return if granted == 1 {
                        Try::Granted(SlotId::Redis(member))
                    } else if wait < 0 {
                        Try::Wait(POLL)
                    } else {
                        // Never longer than an answered slot's life (a window).
                        Try::Wait(Duration::from_millis(
                            wait.clamp(1, self.window_ms.max(1) as i64) as u64,
                        ))
                    };
                }
                Ok(Err(e)) => self.mark_down(&format!("{:?}", e.kind())),
                Err(_) => self.mark_down("no answer within 500 ms"),
            }
        }
        match &self.fallback {
            Some(h) => super::host_try(h, priority, waiting).await,
            None => Try::Granted(SlotId::Host(0)),
        }
    }

    pub fn release(&self, slot: SlotId, cancel: bool) {
        match slot {
            SlotId::Host(_) => {
                if let Some(h) = &self.fallback {
                    super::host_release(h, slot, cancel);
                }
            }
            SlotId::Redis(member) => {
                let Some(mut conn) = self.link().conn.clone() else {
                    return; // its lease ends it
                };
                let (script, key, window) =
                    (self.release.clone(), self.slots_key.clone(), self.window_ms);
                let fut = async move {
                    let mut inv = script.prepare_invoke();
                    inv.key(key)
                        .arg(member)
                        .arg(window)
                        .arg(if cancel { "1" } else { "0" });
                    let _ = tokio::time::timeout(ANSWER_WITHIN, inv.invoke_async::<i64>(&mut conn))
                        .await;
                };
                if let Ok(rt) = tokio::runtime::Handle::try_current() {
                    rt.spawn(fut);
                }
            }
        }
    }

    /// While unreachable, try Redis again (when due), so the status bar
    /// says it is back even when nothing is being sent.
    pub async fn probe(&self) {
        if !self.link().down {
            return;
        }
        if let Some(mut conn) = self.connection(true).await {
            let pong = tokio::time::timeout(
                ANSWER_WITHIN,
                redis::cmd("PING").query_async::<String>(&mut conn),
            )
            .await;
            match pong {
                Ok(Ok(_)) => self.link().down = false,
                _ => self.mark_down("no answer to PING"),
            }
        }
    }

    pub async fn renew(&self, held: &[SlotId]) {
        let mut members = Vec::new();
        let mut hosts = Vec::new();
        for s in held {
            match s {
                SlotId::Redis(m) => members.push(m.clone()),
                SlotId::Host(_) => hosts.push(s.clone()),
            }
        }
        if let Some(h) = &self.fallback
            && !hosts.is_empty()
        {
            super::host_renew(h, hosts).await;
        }
        if members.is_empty() {
            return;
        }
        let Some(mut conn) = self.link().conn.clone() else {
            return;
        };
        let mut inv = self.renew.prepare_invoke();
        inv.key(&self.slots_key).arg(self.lease_ms);
        for m in members {
            inv.arg(m);
        }
        let _ = tokio::time::timeout(ANSWER_WITHIN, inv.invoke_async::<i64>(&mut conn)).await;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    use super::super::test_server::RedisServer as Server;

    async fn run(conn: &mut MultiplexedConnection, args: &[String]) {
        let mut cmd = redis::cmd(&args[0]);
        for a in &args[1..] {
            cmd.arg(a);
        }
        cmd.query_async::<redis::Value>(conn).await.unwrap();
    }

    fn words(s: &str) -> Vec<String> {
        s.split_whitespace().map(str::to_owned).collect()
    }

    #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
    async fn poison_written_into_redis_first_still_grants_within_a_window() {
        let test = "poison_written_into_redis_first_still_grants_within_a_window";
        let Some(server) = Server::start(test) else {
            return;
        };
        const W: Duration = Duration::from_millis(300);
        let key = super::super::page_key("api", "105384912345678");
        let mut b = RedisBudget::new(
            super::super::tls::client(&server.url(), None).unwrap(),
            &key,
            2,
            W,
            None,
        )
        .unwrap();
        // Lease and window both W, so "within a window" is what is measured.
        b.lease_ms = W.as_millis() as u64;
        let client = redis::Client::open(server.url()).unwrap();
        let mut conn = client.get_multiplexed_async_connection().await.unwrap();
        // Slots that never end (in flight and answered), more than any limit.
        let mut zadd = format!("ZADD {}", b.slots_key);
        for i in 0..50 {
            zadd.push_str(&format!(" +inf evil:{i} 1e300 evil:{i}:done"));
        }
        run(&mut conn, &words(&zadd)).await;
        // Waiters of a million requests seen far in the future, and junk.
        let mut hset = format!("HSET {}", b.waiters_key);
        for i in 0..2_000 {
            hset.push_str(&format!(
                " evil{i} 1000000_1000000_1000000_99999999999999999"
            ));
        }
        hset.push_str(" junk not-a-count");
        let hset = words(&hset)
            .into_iter()
            .map(|w| w.replace('_', " "))
            .collect::<Vec<_>>();
        run(&mut conn, &hset).await;
        // A presence set from the future, of thousands.
        let mut present = format!("ZADD {}", b.present_key);
        for i in 0..5_000 {
            present.push_str(&format!(" 1e18 ghost{i}"));
        }
        run(&mut conn, &words(&present)).await;

        let start = Instant::now();
        loop {
            match b.try_acquire(Priority::Background, [0, 1, 0]).await {
                Try::Granted(SlotId::Redis(_)) => break,
                Try::Granted(s) => panic!("not from Redis: {s:?}"),
                Try::Wait(d) => tokio::time::sleep(d).await,
            }
            assert!(start.elapsed() < Duration::from_secs(10), "never granted");
        }
        let took = start.elapsed();
        assert!(took < W + Duration::from_secs(1), "{took:?}");
        assert_eq!(b.agents(), 1, "nobody present from the future");
        assert_eq!(b.sharing(), Sharing::Redis);

        // Keys of the wrong type are dropped, not an error (not "down").
        run(&mut conn, &words(&format!("DEL {}", b.slots_key))).await;
        for k in [&b.slots_key, &b.waiters_key, &b.present_key] {
            run(&mut conn, &words(&format!("DEL {k}"))).await;
            run(&mut conn, &words(&format!("SET {k} junk"))).await;
        }
        run(&mut conn, &words(&format!("DEL {}", b.acted_key))).await;
        run(&mut conn, &words(&format!("HSET {} a b", b.acted_key))).await;
        match b.try_acquire(Priority::Interactive, [1, 0, 0]).await {
            Try::Granted(SlotId::Redis(_)) => {}
            t => panic!("{t:?}"),
        }
        assert_eq!(b.sharing(), Sharing::Redis);
    }

    /// Two processes' budgets of one page (another `me` each), limit 5;
    /// nothing ends during the test (a window and a lease of a minute), so
    /// what is granted depends only on the rules, not on time.
    async fn two_processes(server: &Server) -> (RedisBudget, RedisBudget) {
        let key = super::super::page_key("api", "105384912345678");
        let open = || {
            let mut b = RedisBudget::new(
                super::super::tls::client(&server.url(), None).unwrap(),
                &key,
                5,
                Duration::from_secs(60),
                None,
            )
            .unwrap();
            b.lease_ms = 60_000;
            b
        };
        let (agent, backfill) = (open(), open());
        assert_ne!(agent.me, backfill.me);
        (agent, backfill)
    }

    /// A backfill at full speed: slots taken until the budget says wait.
    async fn fill(b: &RedisBudget) -> usize {
        let mut taken = 0;
        while let Try::Granted(s) = b.try_acquire(Priority::Background, [0, 1, 0]).await {
            assert!(matches!(s, SlotId::Redis(_)), "{s:?}");
            taken += 1;
            assert!(taken <= 5, "over the limit");
        }
        taken
    }

    #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
    async fn an_action_is_not_starved_by_another_process_s_full_speed_backfill() {
        let test = "an_action_is_not_starved_by_another_process_s_full_speed_backfill";
        let Some(server) = Server::start(test) else {
            return;
        };
        let (agent, backfill) = two_processes(&server).await;
        // Nobody acted yet and nobody else is in the book: the backfill
        // uses the whole budget.
        assert_eq!(fill(&backfill).await, 5);
        let mut conn = backfill
            .client
            .get_multiplexed_async_connection()
            .await
            .unwrap();
        run(&mut conn, &words(&format!("DEL {}", backfill.slots_key))).await;

        // The agent acts; its request was never sent (cancelled: its slot
        // is free again, so the book holds nothing of the agent's).
        let Try::Granted(s) = agent.try_acquire(Priority::Interactive, [1, 0, 0]).await else {
            panic!("the first action waits on an empty budget");
        };
        agent.release(s, true);
        while agent_slots(&mut conn, &agent).await > 0 {
            tokio::task::yield_now().await; // the cancel is sent by a task
        }
        // The backfill of another process, at full speed, leaves a slot:
        // the agent's next action is granted at its first try.
        assert_eq!(fill(&backfill).await, 4, "the last slot kept for actions");
        match agent.try_acquire(Priority::Interactive, [1, 0, 0]).await {
            Try::Granted(SlotId::Redis(_)) => {}
            t => panic!("the action waits behind the backfill: {t:?}"),
        }
        // Full now: the agent's next action waits, and says so; the
        // backfill defers to it even when a slot frees.
        assert!(matches!(
            agent.try_acquire(Priority::Interactive, [1, 0, 0]).await,
            Try::Wait(_)
        ));
        run(
            &mut conn,
            &words(&format!("ZPOPMIN {}", backfill.slots_key)),
        )
        .await;
        assert!(matches!(
            backfill.try_acquire(Priority::Background, [0, 1, 0]).await,
            Try::Wait(_)
        ));
        match agent.try_acquire(Priority::Interactive, [1, 0, 0]).await {
            Try::Granted(SlotId::Redis(_)) => {}
            t => panic!("the freed slot went elsewhere: {t:?}"),
        }
    }

    /// Slots of `b`'s process in the book.
    async fn agent_slots(conn: &mut MultiplexedConnection, b: &RedisBudget) -> usize {
        let members: Vec<String> = redis::cmd("ZRANGE")
            .arg(&b.slots_key)
            .arg(0)
            .arg(-1)
            .query_async(conn)
            .await
            .unwrap();
        members
            .iter()
            .filter(|m| m.starts_with(&format!("{}:", b.me)))
            .count()
    }

    /// Alone on the page, the same holds between one process's actions.
    #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
    async fn alone_an_action_lately_keeps_the_last_slot_from_its_own_backfill() {
        let test = "alone_an_action_lately_keeps_the_last_slot_from_its_own_backfill";
        let Some(server) = Server::start(test) else {
            return;
        };
        let (inbox, _) = two_processes(&server).await;
        let Try::Granted(s) = inbox.try_acquire(Priority::Interactive, [1, 0, 0]).await else {
            panic!("the first action waits on an empty budget");
        };
        inbox.release(s, true);
        let mut conn = inbox
            .client
            .get_multiplexed_async_connection()
            .await
            .unwrap();
        while agent_slots(&mut conn, &inbox).await > 0 {
            tokio::task::yield_now().await;
        }
        assert_eq!(fill(&inbox).await, 4);
        assert!(matches!(
            inbox.try_acquire(Priority::Interactive, [1, 0, 0]).await,
            Try::Granted(SlotId::Redis(_))
        ));
    }
}

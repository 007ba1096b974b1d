//! `pancake-tui bench hostile`: how long an agent's first request waits for
//! its permit when the shared `budget_dir` was made hostile (a symlink or
//! FIFO planted at the book, a poisoned book, its lock held for ever),
//! against a clean book. Through the real throttle and host budget, in a
//! temp dir; no network.

use std::time::{Duration, Instant};

use crate::api::budget::{BudgetConfig, page_key};
use crate::api::throttle::{DEFAULT_MARGIN, Priority, Throttle};

const API: &str = "bench";
const PAGE: &str = "105384912345678";

/// What is at the book's name before the inbox starts.
enum Plant {
    Nothing,
    Symlink,
    Fifo,
    /// 20 slots that never end, held by `pid`, and waiters and presence
    /// from the future.
    Poison {
        pid: u32,
    },
    Locked,
}

pub async fn run() -> anyhow::Result<()> {
    println!("first permit of an agent action, host budget in a shared dir (limit 5/s)");
    println!("{:<44} {:>12} {:>14}", "", "first", "next 4 (each)");
    let parent = std::os::unix::process::parent_id();
    for (name, plant) in [
        ("clean book", Plant::Nothing),
        ("symlink to a victim planted", Plant::Symlink),
        ("FIFO planted", Plant::Fifo),
        (
            "poisoned book (slots of dead pids)",
            Plant::Poison { pid: u32::MAX },
        ),
        (
            "poisoned book (slots of a live pid)",
            Plant::Poison { pid: parent },
        ),
        ("lock held for ever (own budget)", Plant::Locked),
    ] {
        let (first, next) = one(plant).await?;
        println!(
            "{name:<44} {:>12} {:>14}",
            format!("{:.1} ms", first.as_secs_f64() * 1e3),
            format!("{:.2} ms", next.as_secs_f64() * 1e3 / 4.0)
        );
    }
    Ok(())
}

async fn one(plant: Plant) -> anyhow::Result<(Duration, Duration)> {
    let root = std::env::temp_dir().join(format!(
        "pancake-bench-hostile-{}-{}",
        std::process::id(),
        crate::api::budget::monotonic_ms()
    ));
    let dir = root.join("budget");
    std::fs::create_dir_all(&dir)?;
    let victim = root.join("victim");
    std::fs::write(&victim, "victim\n")?;
    let book = dir.join(format!("{}.budget", page_key(API, PAGE)));
    let mut _holder = None;
    match plant {
        Plant::Nothing => {}
        Plant::Symlink => std::os::unix::fs::symlink(&victim, &book)?,
        Plant::Fifo => {
            let c = std::ffi::CString::new(book.as_os_str().as_encoded_bytes())?;
            // SAFETY: a valid C string; mkfifo only makes a node.
            if unsafe { libc::mkfifo(c.as_ptr(), 0o666) } != 0 {
                anyhow::bail!("mkfifo {}", book.display());
            }
        }
        Plant::Poison { pid } => std::fs::write(&book, poison(pid))?,
        Plant::Locked => {
            std::fs::write(&book, "")?;
            let f = std::fs::File::open(&book)?;
            f.lock()?;
            _holder = Some(f);
        }
    }
    let throttle = Throttle::with_budget(
        5,
        DEFAULT_MARGIN,
        BudgetConfig::Host {
            dir: Some(dir.clone()),
        },
        API,
    );
    let start = Instant::now();
    drop(throttle.acquire(PAGE, Priority::Interactive).await);
    let first = start.elapsed();
    let start = Instant::now();
    for _ in 0..4 {
        drop(throttle.acquire(PAGE, Priority::Interactive).await);
    }
    let next = start.elapsed();
    if std::fs::read(&victim)? != b"victim\n" {
        anyhow::bail!("the victim was written");
    }
    drop(throttle);
    let _ = std::fs::remove_dir_all(&root);
    Ok((first, next))
}

fn poison(pid: u32) -> String {
    let now = crate::api::budget::monotonic_ms();
    let slots: Vec<String> = (0..20)
        .map(|i| {
            format!(
                r#"{{"pid":{pid},"user":{i},"id":{i},"until":{},"done":false}}"#,
                u64::MAX
            )
        })
        .collect();
    let later = now + 3_600_000;
    format!(
        r#"{{"slots":[{}],"waiters":[{{"pid":{pid},"user":1,"n":[1000000,1000000,1000000],"seen":{later}}}],"present":[{{"pid":{pid},"user":1,"seen":{later}}}]}}"#,
        slots.join(",")
    )
}

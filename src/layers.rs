//! The map of `lib.rs` held against the code: which module may import
//! which (the layers), and no import circle between files. Read from the
//! sources as text: `crate::…` and `super::…` paths outside test code.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

/// Each top module and the modules it may use, lowest layer first. A
/// module not named here fails the test: add it where it belongs.
const MAY_USE: &[(&str, &[&str])] = &[
    ("text", &[]),
    ("i18n", &[]),
    ("private", &[]),
    ("api", &["text", "private"]),
    ("store", &["api", "text", "private"]),
    ("remind", &["api", "i18n", "store", "text"]),
    ("sim", &["api", "text"]),
    ("doctor", &["api", "text"]),
    ("team", &["api", "text"]),
    ("app", &["api", "i18n", "remind", "store", "team", "text"]),
    ("ui", &["api", "app", "i18n", "remind", "text"]),
    ("config", &["api", "app", "i18n", "private", "text"]),
    (
        "runtime",
        &[
            "api", "app", "config", "i18n", "private", "remind", "store", "team", "text", "ui",
        ],
    ),
    (
        "bench",
        &[
            "api", "app", "config", "runtime", "sim", "store", "team", "text", "ui",
        ],
    ),
    (
        "cli",
        &[
            "api", "app", "bench", "config", "doctor", "i18n", "private", "remind", "runtime",
            "sim", "store", "team", "text", "ui",
        ],
    ),
];

fn src() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("src")
}

/// Every `.rs` file under `dir` but test support (`tests*.rs`,
/// `test_*.rs`, `fixtures.rs`, `decode_props.rs`).
fn sources(dir: &Path, out: &mut Vec<PathBuf>) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    for e in entries.flatten() {
        let p = e.path();
        let name = e.file_name().to_string_lossy().into_owned();
        if p.is_dir() {
            sources(&p, out);
        } else if name.ends_with(".rs")
            && !name.starts_with("tests")
            && !name.starts_with("test_")
            && name != "fixtures.rs"
            && name != "decode_props.rs"
        {
            out.push(p);
        }
    }
}

/// The file's code before its test module, comments left out.
fn code(path: &Path) -> String {
    let text = std::fs::read_to_string(path).unwrap_or_default();
    let text = match text.find("#[cfg(test)]\nmod ") {
        Some(i) => &text[..i],
        None => &text,
    };
    text.lines()
        .map(|l| l.split("//").next().unwrap_or_default())
        .collect::<Vec<_>>()
        .join("\n")
}

/// The module path of a file: `src/app/update/mod.rs` is `app::update`.
fn module_of(path: &Path) -> Vec<String> {
    let rel = path.strip_prefix(src()).unwrap_or(path);
    let mut parts: Vec<String> = rel
        .iter()
        .map(|p| p.to_string_lossy().trim_end_matches(".rs").to_owned())
        .collect();
    if parts.last().is_some_and(|l| l == "mod" || l == "lib") {
        parts.pop();
    }
    parts
}

/// The paths a file names (`crate::a::b`, `super::c`, `use super::{d, e}`),
/// each resolved against the file's module to the segments after `crate`.
fn paths_named(path: &Path) -> Vec<Vec<String>> {
    let me = module_of(path);
    let text = code(path);
    let is_path = |c: char| c.is_alphanumeric() || c == '_' || c == ':';
    let mut found: Vec<String> = Vec::new();
    for start in ["crate::", "super::"] {
        for (i, _) in text.match_indices(start) {
            if text[..i].chars().last().is_some_and(is_path) {
                continue;
            }
            let prefix: String = text[i..].chars().take_while(|&c| is_path(c)).collect();
            let after = &text[i + prefix.len()..];
            if !after.starts_with('{') {
                found.push(prefix);
                continue;
            }
            // One `{...}` group: each item (its own path) after the prefix.
            let inner = after[1..].split('}').next().unwrap_or_default();
            for item in inner.split(',') {
                let item: String = item.trim().chars().take_while(|&c| is_path(c)).collect();
                if !item.is_empty() && item != "self" {
                    found.push(format!("{prefix}{item}"));
                }
            }
        }
    }
    found
        .iter()
        .map(|p| {
            let mut segs = p.split("::").filter(|s| !s.is_empty()).peekable();
            let mut base = Vec::new();
            if segs.peek() == Some(&"crate") {
                segs.next();
            } else {
                base = me.clone();
                while segs.peek() == Some(&"super") {
                    segs.next();
                    base.pop();
                }
            }
            base.extend(segs.map(str::to_owned));
            base
        })
        .collect()
}

/// The deepest file of `src/` that a module path names.
fn file_of(segs: &[String]) -> Option<PathBuf> {
    (1..=segs.len()).rev().find_map(|n| {
        let dir = segs[..n].iter().fold(src(), |p, s| p.join(s));
        [dir.with_extension("rs"), dir.join("mod.rs")]
            .into_iter()
            .find(|f| f.is_file())
    })
}

#[test]
fn every_module_imports_only_the_layers_below_it() {
    let mut files = Vec::new();
    sources(&src(), &mut files);
    let rules: BTreeMap<&str, &[&str]> = MAY_USE.iter().copied().collect();
    let mut wrong = BTreeSet::new();
    for f in &files {
        let me = module_of(f);
        let Some(top) = me.first() else { continue };
        if top == "main" || top == "layers" {
            continue;
        }
        let Some(allowed) = rules.get(top.as_str()) else {
            wrong.insert(format!("{top}: not in MAY_USE (src/layers.rs)"));
            continue;
        };
        for p in paths_named(f) {
            let Some(to) = p.first() else { continue };
            if to != top && rules.contains_key(to.as_str()) && !allowed.contains(&to.as_str()) {
                wrong.insert(format!("{} uses {to}", f.display()));
            }
        }
    }
    assert!(wrong.is_empty(), "imports against the layers:\n{wrong:#?}");
}

#[test]
fn no_two_files_import_each_other_even_through_others() {
    let mut files = Vec::new();
    sources(&src(), &mut files);
    let mut edges: BTreeMap<PathBuf, BTreeSet<PathBuf>> = BTreeMap::new();
    for f in &files {
        if module_of(f)
            .first()
            .is_some_and(|t| t == "main" || t == "layers")
        {
            continue;
        }
        let to: BTreeSet<PathBuf> = paths_named(f)
            .iter()
            .filter_map(|p| file_of(p))
            .filter(|t| t != f && !t.ends_with("lib.rs"))
            // A mod.rs declares and re-exports its children, and they name
            // its re-exports: neither is an import between files.
            .filter(|t| !(t.ends_with("mod.rs") && f.starts_with(t.parent().unwrap())))
            .filter(|t| !(f.ends_with("mod.rs") && t.starts_with(f.parent().unwrap())))
            .collect();
        edges.insert(f.clone(), to);
    }
    // Depth-first search for a back edge.
    fn visit(
        n: &PathBuf,
        edges: &BTreeMap<PathBuf, BTreeSet<PathBuf>>,
        state: &mut BTreeMap<PathBuf, bool>,
        stack: &mut Vec<PathBuf>,
    ) -> Option<Vec<PathBuf>> {
        match state.get(n) {
            Some(true) => return None,
            Some(false) => {
                let i = stack.iter().position(|s| s == n).unwrap_or(0);
                return Some(stack[i..].to_vec());
            }
            None => {}
        }
        state.insert(n.clone(), false);
        stack.push(n.clone());
        for m in edges.get(n).into_iter().flatten() {
            if let Some(circle) = visit(m, edges, state, stack) {
                return Some(circle);
            }
        }
        stack.pop();
        state.insert(n.clone(), true);
        None
    }
    let mut state = BTreeMap::new();
    for n in edges.keys() {
        let mut stack = Vec::new();
        if let Some(circle) = visit(n, &edges, &mut state, &mut stack) {
            let names: Vec<String> = circle.iter().map(|p| p.display().to_string()).collect();
            panic!("an import circle: {}", names.join(" -> "));
        }
    }
}

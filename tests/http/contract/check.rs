//! Checking a logged exchange against the contract.

use pancake_tui::sim::LoggedRequest;
use serde_json::Value;

use super::spec::{ENDPOINTS, ERROR, Endpoint, F, Payload, T};

/// Problems of `v` as a `t`, named by where they are (`at`).
pub fn check_value(v: &Value, t: &T, at: &str, out: &mut Vec<String>) {
    let kind =
        |ok: bool, want: &str| (!ok).then(|| format!("{at}: want {want}, found {}", short(v)));
    let problem = match t {
        T::Any => None,
        T::Str => kind(v.is_string(), "a string"),
        T::Int => kind(v.is_i64() || v.is_u64(), "an integer"),
        T::Num => kind(v.is_number(), "a number"),
        T::Bool => kind(v.is_boolean(), "a boolean"),
        T::OneOf(ts) => {
            let fits = ts.iter().any(|t| {
                let mut o = Vec::new();
                check_value(v, t, at, &mut o);
                o.is_empty()
            });
            kind(fits, &format!("one of {ts:?}"))
        }
        T::Arr(item) => match v.as_array() {
            None => kind(false, "an array"),
            Some(items) => {
                for (i, x) in items.iter().enumerate() {
                    check_value(x, item, &format!("{at}[{i}]"), out);
                }
                None
            }
        },
        T::Map(item) => match v.as_object() {
            None => kind(false, "an object keyed by id"),
            Some(m) => {
                for (k, x) in m {
                    check_value(x, item, &format!("{at}.{k}"), out);
                }
                None
            }
        },
        T::Obj(fields) => match v.as_object() {
            None => kind(false, "an object"),
            Some(m) => {
                for F(name, t, required) in fields.iter() {
                    match m.get(*name) {
                        // A null stands for a field left out.
                        None | Some(Value::Null) if *required => {
                            out.push(format!("{at}: `{name}` is missing"))
                        }
                        None | Some(Value::Null) => {}
                        Some(x) => check_value(x, t, &format!("{at}.{name}"), out),
                    }
                }
                None
            }
        },
    };
    out.extend(problem);
}

fn short(v: &Value) -> String {
    let s = v.to_string();
    match s.char_indices().nth(80) {
        Some((i, _)) => format!("{}…", &s[..i]),
        None => s,
    }
}

/// Whether `path` (under the API root) is `pattern`'s.
fn path_matches(pattern: &str, path: &str) -> bool {
    let (p, s): (Vec<&str>, Vec<&str>) = (pattern.split('/').collect(), path.split('/').collect());
    p.len() == s.len()
        && p.iter()
            .zip(&s)
            .all(|(p, s)| (p.starts_with('{') && !s.is_empty()) || p == s)
}

/// The endpoint a request is for, and its problems against it.
pub fn check_request(r: &LoggedRequest) -> Result<&'static Endpoint, Vec<String>> {
    let path = r.path.strip_prefix("/api/").unwrap_or(&r.path);
    let line = format!("{} {path}", r.method);
    let keys: Vec<&str> = r.query.iter().map(|(k, _)| k.as_str()).collect();
    let candidates: Vec<&Endpoint> = ENDPOINTS
        .iter()
        .filter(|e| e.method == r.method && path_matches(e.path, path))
        .collect();
    if candidates.is_empty() {
        return Err(vec![format!("{line}: no such endpoint in the contract")]);
    }
    // One path may serve two uses, told apart by their parameters; the
    // payload tells apart one path's reads from its writes.
    let endpoint = candidates
        .iter()
        .find(|e| {
            e.query
                .iter()
                .filter(|p| p.required)
                .all(|p| keys.contains(&p.name))
        })
        .copied()
        .unwrap_or(candidates[0]);
    let mut out = Vec::new();
    let secret = |k: &str| k == "page_access_token" || k == "access_token";
    for k in &keys {
        if !endpoint.query.iter().any(|p| p.name == *k) && !secret(k) {
            out.push(format!("{line}: query `{k}` is not in the contract"));
        }
    }
    for p in endpoint.query.iter().filter(|p| p.required) {
        if !keys.contains(&p.name) {
            out.push(format!("{line}: query `{}` is required", p.name));
        }
    }
    match &endpoint.payload {
        Payload::None => {
            if !r.body.trim().is_empty() {
                out.push(format!("{line}: a body where none is taken"));
            }
        }
        Payload::Multipart => {
            if !r.body.starts_with("multipart/form-data") {
                out.push(format!("{line}: not multipart/form-data"));
            }
        }
        Payload::Json(bodies) => out.extend(check_body(&line, bodies, &r.body)),
    }
    if out.is_empty() {
        Ok(endpoint)
    } else {
        Err(out)
    }
}

fn check_body(line: &str, bodies: &[super::spec::Body], body: &str) -> Vec<String> {
    let Ok(v) = serde_json::from_str::<Value>(body) else {
        return vec![format!("{line}: the body is not JSON")];
    };
    let action = v.get("action").and_then(Value::as_str);
    let Some(spec) = bodies
        .iter()
        .find(|b| b.action.is_none() || b.action == action)
    else {
        return vec![format!("{line}: action {action:?} is not in the contract")];
    };
    let mut out = Vec::new();
    let Some(m) = v.as_object() else {
        return vec![format!("{line}: the body is not an object")];
    };
    for k in m.keys() {
        if !spec.fields.iter().any(|F(name, ..)| name == k) {
            out.push(format!("{line}: body field `{k}` is not in the contract"));
        }
    }
    check_value(&v, &T::Obj(spec.fields), line, &mut out);
    if !spec.exactly_one.is_empty() {
        let given = spec
            .exactly_one
            .iter()
            .filter(|k| m.get(**k).is_some_and(|v| !v.is_null()))
            .count();
        if given != 1 {
            out.push(format!(
                "{line}: exactly one of {:?} must be given, found {given}",
                spec.exactly_one
            ));
        }
    }
    out
}

/// Problems of the logged answer (when answers were logged): a success
/// against the endpoint's shape, an error against the error shape.
pub fn check_answer(endpoint: &Endpoint, r: &LoggedRequest) -> Vec<String> {
    let Some(answer) = &r.answer else {
        return vec![];
    };
    let at = format!("answer to {} {}", r.method, r.path);
    let mut out = Vec::new();
    let failed = answer.get("success") == Some(&Value::Bool(false)) || r.status != 200;
    let shape = if failed { &ERROR } else { &endpoint.answer };
    check_value(answer, shape, &at, &mut out);
    out
}

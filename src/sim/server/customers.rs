//! Changes to a page customer: notes (`page_customers/{id}/notes`) and
//! record fixes (`PUT page_customers/{id}`).

use serde_json::{Value, json};

use super::answer::{Answer, err, ok, refused};
use crate::sim::world::now;

/// `POST`/`PUT`/`DELETE page_customers/{id}/notes` (pancake-api.md § Notes):
/// `{message}`, `{note_id, message}`, `{note_id}`; answered `{success}`.
/// The change is made on every conversation of that page customer.
pub(super) fn note_change(
    page: &mut crate::sim::data::Page,
    method: &str,
    pcid: &str,
    body: &Value,
    new_id: String,
) -> Answer {
    let convs: Vec<usize> = (0..page.convs.len())
        .filter(|&i| page.convs[i].page_customer_id == pcid)
        .collect();
    let Some(&first) = convs.first() else {
        return err(404, "page customer not found");
    };
    let message = body["message"].as_str().map(str::trim);
    let note_id = body["note_id"].as_str();
    let now = now();
    let known = |id: &str| {
        page.convs[first]
            .notes
            .iter()
            .any(|n| n.id == id && n.removed_at.is_none())
    };
    match method {
        "POST" => {
            let Some(message) = message.filter(|m| !m.is_empty()) else {
                return refused("message is required");
            };
            for &i in &convs {
                page.convs[i].notes.push(crate::sim::data::SimNote {
                    id: new_id.clone(),
                    message: message.to_owned(),
                    order_id: None,
                    created_at: now,
                    removed_at: None,
                });
            }
        }
        "PUT" => {
            let Some(message) = message.filter(|m| !m.is_empty()) else {
                return refused("message is required");
            };
            let Some(id) = note_id.filter(|id| known(id)) else {
                return refused("note_id not found");
            };
            for &i in &convs {
                for n in page.convs[i].notes.iter_mut().filter(|n| n.id == id) {
                    n.message = message.to_owned();
                }
            }
        }
        _ => {
            let Some(id) = note_id.filter(|id| known(id)) else {
                return refused("note_id not found");
            };
            for &i in &convs {
                for n in page.convs[i].notes.iter_mut().filter(|n| n.id == id) {
                    n.removed_at = Some(now);
                }
            }
        }
    }
    ok(json!({"success": true}))
}

/// `PUT page_customers/{id}` `{"changes": {name, gender, birthday,
/// phone_numbers}}` (pancake-api.md § Customers): a wrong gender or date is
/// refused, nothing changed.
pub(super) fn customer_change(
    page: &mut crate::sim::data::Page,
    pcid: &str,
    body: &Value,
) -> Answer {
    let convs: Vec<usize> = (0..page.convs.len())
        .filter(|&i| page.convs[i].page_customer_id == pcid)
        .collect();
    if convs.is_empty() {
        return err(404, "page customer not found");
    }
    let Some(changes) = body["changes"].as_object() else {
        return refused("changes is required");
    };
    let name = match changes.get("name") {
        None => None,
        Some(Value::String(n)) if !n.trim().is_empty() => Some(n.trim().to_owned()),
        Some(_) => return refused("name must be a non-empty string"),
    };
    let gender = match changes.get("gender") {
        None => None,
        Some(Value::String(g)) if matches!(g.as_str(), "male" | "female" | "unknown") => {
            Some(g.clone())
        }
        Some(_) => return refused("gender must be male, female or unknown"),
    };
    let birthday = match changes.get("birthday") {
        None => None,
        Some(Value::String(b))
            if jiff::civil::Date::strptime("%Y-%m-%d", b).is_ok() && b.len() == 10 =>
        {
            Some(b.clone())
        }
        Some(_) => return refused("birthday must be YYYY-MM-DD"),
    };
    let phones = match changes.get("phone_numbers") {
        None => None,
        Some(Value::Array(list)) => {
            let phones: Option<Vec<String>> =
                list.iter().map(|p| p.as_str().map(str::to_owned)).collect();
            match phones {
                Some(p) => Some(p),
                None => return refused("phone_numbers must be strings"),
            }
        }
        Some(_) => return refused("phone_numbers must be a list"),
    };
    for i in convs {
        let c = &mut page.convs[i];
        if let Some(n) = &name {
            c.name = n.clone();
        }
        if let Some(g) = &gender {
            c.gender = Some(g.clone());
        }
        if let Some(b) = &birthday {
            c.birthday = Some(b.clone());
        }
        if let Some(p) = &phones {
            c.phone_numbers = Some(p.clone());
        }
    }
    ok(json!({"success": true}))
}

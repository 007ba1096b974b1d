//! `GET users`: the page's staff, active and disabled, and its round robin.

use serde_json::{Value, json};

pub fn users_json(page: &crate::sim::data::Page) -> Value {
    let user = |u: &crate::sim::data::UserDef, active: bool| {
        let mut v = json!({"id": u.id, "name": u.name, "fb_id": u.fb_id});
        if active {
            v["status"] = json!(u.status);
            v["is_online"] = json!(u.status != "offline");
            v["status_in_page"] = json!("active");
            v["page_permissions"] = json!({"permissions": [100, 71, 81]});
        }
        v
    };
    json!({
        "success": true,
        "users": page.users.iter().map(|u| user(u, true)).collect::<Vec<_>>(),
        "disabled_users": page.disabled.iter().map(|u| user(u, false)).collect::<Vec<_>>(),
        "round_robin_users": {
            "inbox": page.users.iter().take(3).map(|u| u.id.clone()).collect::<Vec<_>>(),
            "comment": page.users.iter().skip(3).take(2).map(|u| u.id.clone()).collect::<Vec<_>>(),
        }
    })
}

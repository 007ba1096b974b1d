//! `POST upload_contents`: a file kept on the page for a later send's
//! `content_ids` (pancake-api.md § Send).

use serde_json::json;

use super::answer::{Answer, ok, refused};
use crate::sim::day;
use crate::sim::world::World;

/// A multipart upload up to 25 MB, answered with its content id.
pub(super) fn upload(world: &mut World, pid: &str, content_type: &str, body: &[u8]) -> Answer {
    let Some((name, mime, bytes)) = day::multipart_file(content_type, body) else {
        return refused("file is required (multipart/form-data, field file)");
    };
    if bytes.is_empty() {
        return refused("the file is empty");
    }
    if bytes.len() > day::MAX_UPLOAD {
        return refused("the file is larger than 25 MB");
    }
    let id = format!("sim_content_{}", world.new_message_id());
    let kind = day::attachment_type_of(&mime);
    let page = world.page_mut(pid).expect("checked");
    page.uploads.insert(
        id.clone(),
        day::SimUpload {
            name,
            mime,
            attachment_type: kind,
            bytes,
        },
    );
    ok(json!({"success": true, "id": id, "attachment_type": kind}))
}

//! The composer with attached files and the path prompt, rendered into
//! ratatui's TestBackend (text checked, and an 80x24 snapshot of each).

use crate::api::ConversationId;
use crate::api::file_reply::OutgoingFile;
use crate::api::upload::AttachmentType;
use crate::app::attach::{AttachFrom, PathEntry};
use crate::app::fixtures::{self, press, type_text};
use crate::app::{Msg, State, update};

use super::test_screen::{frame, shows, shows_none};

fn attach(s: &mut State, path: &str, name: &str, size: u64, kind: AttachmentType) {
    press(s, "C-o");
    type_text(s, path);
    press(s, "Enter");
    let file = OutgoingFile {
        path: path.into(),
        name: name.into(),
        size,
        kind,
        identity: None,
        uploaded: None,
        sent: false,
    };
    update(
        s,
        Msg::FileChecked {
            conv: ConversationId::new("p_0"),
            typed: path.into(),
            from: AttachFrom::Prompt,
            result: Ok(file),
        },
    );
}

fn composing() -> State {
    let mut s = fixtures::loaded();
    s.viewport = super::layout::viewport(80, 24);
    press(&mut s, "r");
    s
}

#[test]
fn the_composer_lists_its_files_with_size_and_type_above_the_text() {
    let mut s = composing();
    attach(
        &mut s,
        "/tmp/bánh kem.png",
        "bánh kem.png",
        340_000,
        AttachmentType::Photo,
    );
    // A hostile, very long name is one clipped row.
    let long = format!("{}\u{1b}[31m.pdf", "đơn hàng ".repeat(20));
    attach(
        &mut s,
        "/tmp/x.pdf",
        &long,
        2_400_000,
        AttachmentType::Document,
    );
    type_text(&mut s, "Dạ ảnh đây ạ");
    let out = frame(&s, 80, 24);
    shows(
        &out,
        &[
            "Reply · 12 chars · 2 files",
            "+ bánh kem.png · 340 KB · photo",
            "+ đơn hàng đơn hà… · 2.4 MB · document",
            "Dạ ảnh đây ạ",
        ],
    );
    shows_none(&out, &["\u{1b}"]); // sanitized
    for line in out.lines() {
        assert!(crate::text::display_width(line) <= 80, "{line}");
    }
    insta::assert_snapshot!("composer_files", out);
    // Wider, the key that removes the last is on its row.
    s.viewport = super::layout::viewport(120, 30);
    shows(&frame(&s, 120, 30), &["· 2.4 MB · document · C-x removes"]);
    // Four files: three rows, the last counting the rest.
    for i in 0..2 {
        attach(
            &mut s,
            &format!("/tmp/{i}.jpg"),
            &format!("{i}.jpg"),
            900,
            AttachmentType::Photo,
        );
    }
    let out = frame(&s, 120, 30);
    shows(&out, &["+ 2 more files · C-x removes"]);
    shows_none(&out, &["0.jpg"]);
}

#[test]
fn the_prompt_shows_the_line_its_end_first_the_candidates_and_why_not() {
    let mut s = composing();
    press(&mut s, "C-o");
    let long = format!(
        "/srv/{}/Ả",
        "thư mục ".repeat(12).trim_end().replace(' ', "_")
    );
    type_text(&mut s, &long);
    press(&mut s, "Tab");
    let entries: Vec<PathEntry> = (0..12)
        .map(|i| PathEntry {
            name: format!("Ảnh {i:02}.jpg"),
            dir: i == 0,
        })
        .collect();
    update(
        &mut s,
        Msg::PathListed {
            line: long.clone(),
            result: Ok(entries),
        },
    );
    let out = frame(&s, 80, 24);
    shows(
        &out,
        &[
            "Attach a photo or file",
            "…",             // the start of a long line gives way
            "/Ảnh▏",         // the end is kept, common part written
            "  Ảnh 00.jpg/", // a directory ends with /
            "more: type more of the name",
            "Tab complete · Enter attach",
        ],
    );
    insta::assert_snapshot!("attach_prompt", out);
    press(&mut s, "Enter");
    shows(&frame(&s, 80, 24), &["checking the file…"]);
    update(
        &mut s,
        Msg::FileChecked {
            conv: ConversationId::new("p_0"),
            typed: "x".into(),
            from: AttachFrom::Prompt,
            result: Err("film.mp4 is 30.0 MB; Pancake takes files up to 25.0 MB".into()),
        },
    );
    shows(
        &frame(&s, 80, 24),
        &["film.mp4 is 30.0 MB; Pancake takes files up to 25.0 MB"],
    );
    // A long reason is wrapped in the prompt: its end says what to do.
    press(&mut s, "Enter");
    let Some(crate::app::state::Overlay::Attach(p)) = &s.overlay else {
        panic!("the prompt is open")
    };
    let typed = p.line.trim().to_owned();
    let target = format!("/home/lan/{}/token", "pancake-config".repeat(3));
    update(
        &mut s,
        Msg::FileChecked {
            conv: ConversationId::new("p_0"),
            typed,
            from: AttachFrom::Prompt,
            result: Err(format!(
                "order-17.txt is a symbolic link to {target}: attach the file itself"
            )),
        },
    );
    shows(
        &frame(&s, 80, 24),
        &[
            "order-17.txt is a symbolic link to",
            "attach the file itself",
        ],
    );
}

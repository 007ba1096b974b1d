//! Files in the composer: the path prompt and its completion, the checks'
//! answers, `attach: PATH` lines from `$EDITOR` and drafts, sending, and a
//! failure kept in the outbox that a retry resumes without uploading again.

use super::*;
use crate::api::file_reply::{FileReply, OutgoingFile};
use crate::api::upload::{AttachmentType, UploadedContent};
use crate::app::actions::ActionId;
use crate::app::attach::{AttachFrom, PathEntry, PromptStatus};
use crate::store::OutboxEntry;

fn photo(path: &str) -> OutgoingFile {
    OutgoingFile {
        path: path.into(),
        name: path.rsplit('/').next().unwrap().into(),
        size: 340_000,
        kind: AttachmentType::Photo,
        identity: None,
        uploaded: None,
        sent: false,
    }
}

/// Pancake took `f` as `content_id`, of its own type.
fn uploaded(f: &mut OutgoingFile, content_id: &str) {
    f.uploaded = Some(UploadedContent {
        content_id: content_id.into(),
        attachment_type: f.kind.as_wire().into(),
    });
}

fn checked(s: &mut State, typed: &str, from: AttachFrom, result: Result<OutgoingFile, String>) {
    let cmds = update(
        s,
        Msg::FileChecked {
            conv: ConversationId::new("p_0"),
            typed: typed.into(),
            from,
            result,
        },
    );
    // At most the debounce of a draft save: a file attached changes it.
    let timers = |c: &Cmd| matches!(c, Cmd::DraftTimer { .. });
    assert!(cmds.iter().all(timers), "{cmds:?}");
}

fn prompt(s: &State) -> &crate::app::attach::PathPrompt {
    match &s.overlay {
        Some(Overlay::Attach(p)) => p,
        other => panic!("no path prompt: {other:?}"),
    }
}

fn checks(cmds: &[Cmd]) -> Vec<(&str, AttachFrom)> {
    cmds.iter()
        .filter_map(|c| match c {
            Cmd::CheckFile { path, from, .. } => Some((path.as_str(), *from)),
            _ => None,
        })
        .collect()
}

/// The agent's editor gives back `text` for p_0's composer.
fn edited(s: &mut State, text: &str) -> Vec<Cmd> {
    update(
        s,
        Msg::Edited {
            conv: "p_0".into(),
            result: Ok(text.into()),
        },
    )
}

/// The photo of an `attach: PATH` line was checked.
fn line_checked(s: &mut State, path: &str) {
    checked(s, path, AttachFrom::Line, Ok(photo(path)));
}

/// The check of `path` failed: `why`.
fn check_failed(s: &mut State, path: &str, from: AttachFrom, why: &str) {
    checked(s, path, from, Err(why.into()));
}

/// The paths of the composer's files.
fn composer_files(s: &State) -> Vec<&str> {
    let c = s.composer.as_ref().expect("the composer");
    c.files.attached.iter().map(|f| f.path.as_str()).collect()
}

/// The composer on p_0 with /tmp/ảnh.png attached through the prompt.
fn composing_with_a_photo() -> State {
    let mut s = loaded();
    press(&mut s, "r");
    attach(&mut s, "/tmp/ảnh.png", photo("/tmp/ảnh.png"));
    s
}

/// In the composer: `C-o`, then `enter_path`.
fn attach(s: &mut State, path: &str, file: OutgoingFile) {
    press(s, "C-o");
    enter_path(s, path, file);
}

/// In the path prompt: `path`, Enter, and the check finds `file`.
fn enter_path(s: &mut State, path: &str, file: OutgoingFile) {
    type_text(s, path);
    press(s, "Enter");
    checked(s, path, AttachFrom::Prompt, Ok(file));
}

/// The files of action `id`, a reply with files.
fn files_of(s: &State, id: ActionId) -> FileReply {
    match &s.actions.get(id).unwrap().op {
        Op::Reply(Reply::Files(files)) => files.clone(),
        other => panic!("a reply with files: {other:?}"),
    }
}

/// The upload task reports on action `id`: `files` as they stand, the one
/// it is `uploading` (by index) if any.
fn progress(s: &mut State, id: ActionId, files: &FileReply, uploading: Option<usize>) {
    update(
        s,
        Msg::FilesProgress {
            id,
            files: files.clone(),
            uploading,
        },
    );
}

/// An outbox entry on p_0, made at `NOW`.
fn outbox_entry(op: Op, label: &str, sending: bool) -> OutboxEntry {
    OutboxEntry {
        conv: ConversationId::new("p_0"),
        op,
        label: label.into(),
        created_at: UnixSeconds(NOW),
        sending,
        held: None,
    }
}

/// A start on page "p" whose cache holds p_0 and `outbox`: the state and
/// the commands the cache starts.
fn restarted_with(outbox: Vec<(i64, OutboxEntry)>) -> (State, Vec<Cmd>) {
    let mut s = blank(&[("p", "Page")]);
    let cached = crate::app::Cached {
        page: PageId::new("p"),
        conversations: vec![conv(0, NOW, true)],
        outbox,
        ..Default::default()
    };
    let cmds = update(&mut s, Msg::Cached(Box::new(cached)));
    (s, cmds)
}

#[test]
fn the_prompt_completes_with_tab_and_enter_attaches_the_checked_file() {
    let mut s = loaded();
    press(&mut s, "r");
    press(&mut s, "C-o");
    type_text(&mut s, "~/Ả");
    let cmds = press(&mut s, "Tab");
    assert_eq!(cmds, vec![Cmd::ListPath("~/Ả".into())]);
    let entries = vec![
        PathEntry {
            name: "Ảnh".into(),
            dir: true,
        },
        PathEntry {
            name: "Ảnh cũ".into(),
            dir: true,
        },
        PathEntry {
            name: "b.txt".into(),
            dir: false,
        },
    ];
    // An answer about a line since changed is not applied.
    update(
        &mut s,
        Msg::PathListed {
            line: "~/".into(),
            result: Ok(entries.clone()),
        },
    );
    assert_eq!(prompt(&s).line, "~/Ả");
    update(
        &mut s,
        Msg::PathListed {
            line: "~/Ả".into(),
            result: Ok(entries),
        },
    );
    assert_eq!(prompt(&s).line, "~/Ảnh");
    assert_eq!(prompt(&s).candidates, vec!["Ảnh/", "Ảnh cũ/"]);
    type_text(&mut s, "/x.exe");
    assert!(prompt(&s).candidates.is_empty(), "typing clears them");
    let cmds = press(&mut s, "Enter");
    assert_eq!(checks(&cmds), vec![("~/Ảnh/x.exe", AttachFrom::Prompt)]);
    assert_eq!(prompt(&s).status, PromptStatus::Checking);
    // Refused: said at once, in the prompt and the status bar; it stays.
    let why = "x.exe: .exe files cannot be sent";
    check_failed(&mut s, "~/Ảnh/x.exe", AttachFrom::Prompt, why);
    let p = prompt(&s);
    let refused = PromptStatus::Failed("x.exe: .exe files cannot be sent".into());
    assert_eq!(p.status, refused);
    assert!(matches!(&s.notice, Some(Notice::Error(e)) if e.contains(".exe files")));
    press(&mut s, "C-u");
    enter_path(&mut s, "/tmp/ảnh.png", photo("/tmp/ảnh.png"));
    assert!(s.overlay.is_none(), "attached: the prompt closes");
    assert_eq!(s.composer.as_ref().unwrap().files.attached.len(), 1);
    assert!(matches!(&s.notice, Some(Notice::Info(t)) if t == "attached ảnh.png · 340 KB · photo"));
    // A listing that failed says why.
    press(&mut s, "C-o");
    type_text(&mut s, "/root/");
    press(&mut s, "Tab");
    update(
        &mut s,
        Msg::PathListed {
            line: "/root/".into(),
            result: Err("cannot list /root/: Permission denied".into()),
        },
    );
    let status = &prompt(&s).status;
    assert!(
        matches!(status, PromptStatus::Failed(e) if e.contains("Permission denied")),
        "{status:?}"
    );
    press(&mut s, "Esc");
    assert!(s.overlay.is_none() && s.composer.is_some());
}

#[test]
fn a_file_is_removed_with_its_key_and_kept_in_the_draft_on_esc() {
    let mut s = composing_with_a_photo();
    attach(&mut s, "/tmp/b.png", photo("/tmp/b.png"));
    assert_eq!(s.composer.as_ref().unwrap().files.attached.len(), 2);
    press(&mut s, "C-x");
    let files = &s.composer.as_ref().unwrap().files.attached;
    let names: Vec<&str> = files.iter().map(|f| f.name.as_str()).collect();
    assert_eq!(names, ["ảnh.png"]);
    assert!(matches!(&s.notice, Some(Notice::Info(t)) if t == "removed b.png"));
    // Esc keeps the file in the draft; reopening checks it again.
    type_text(&mut s, "Dạ");
    press(&mut s, "Esc");
    assert_eq!(
        s.drafts.get("p_0").map(String::as_str),
        Some("Dạ\nattach: /tmp/ảnh.png")
    );
    let cmds = press(&mut s, "r");
    assert_eq!(checks(&cmds), vec![("/tmp/ảnh.png", AttachFrom::Line)]);
    assert_eq!(s.composer.as_ref().unwrap().input.text, "Dạ");
    // A quick send waits for the drafted photo's check: never without it.
    let cmds = press(&mut s, "Enter");
    assert!(performed(&cmds).is_empty(), "{cmds:?}");
    assert!(matches!(&s.notice, Some(Notice::Error(e)) if e.contains("checking 1 file")));
    line_checked(&mut s, "/tmp/ảnh.png");
    let cmds = press(&mut s, "Enter");
    let sent = performed(&cmds);
    assert!(
        matches!(&sent[..], [(_, Op::Reply(Reply::Files(f)))] if f.files.len() == 1),
        "sent with its photo: {sent:?}"
    );
}

#[test]
fn a_late_check_of_another_line_leaves_the_prompt_alone() {
    let mut s = composing_with_a_photo();
    press(&mut s, "C-o");
    type_text(&mut s, "/tmp/b.png");
    check_failed(&mut s, "/tmp/old.png", AttachFrom::Prompt, "no such file");
    assert_eq!(
        prompt(&s).status,
        PromptStatus::Typing,
        "about another line"
    );
}

#[test]
fn attach_lines_from_the_editor_become_files_and_a_bad_one_stays_as_text() {
    let mut s = composing_with_a_photo();
    type_text(&mut s, "hi");
    let edit = match &press(&mut s, "C-e")[..] {
        [Cmd::Edit(edit)] => edit.clone(),
        other => panic!("{other:?}"),
    };
    assert_eq!(
        edit.text, "hi\nattach: /tmp/ảnh.png",
        "the editor sees the files"
    );
    let cmds = edited(
        &mut s,
        "Dạ em gửi ạ\nattach: /tmp/ảnh.png\nattach: ~/gone.png\n",
    );
    assert_eq!(
        checks(&cmds),
        vec![
            ("/tmp/ảnh.png", AttachFrom::Line),
            ("~/gone.png", AttachFrom::Line)
        ]
    );
    let c = s.composer.as_ref().unwrap();
    assert_eq!(c.input.text, "Dạ em gửi ạ");
    assert!(c.files.attached.is_empty(), "the lines decide the files");
    line_checked(&mut s, "/tmp/ảnh.png");
    let why = "cannot read /home/lan/gone.png: No such file or directory (os error 2)";
    check_failed(&mut s, "~/gone.png", AttachFrom::Line, why);
    let c = s.composer.as_ref().unwrap();
    assert_eq!(c.files.attached.len(), 1);
    assert_eq!(
        c.input.text, "Dạ em gửi ạ\nattach: ~/gone.png",
        "nothing lost"
    );
    assert!(
        matches!(&s.notice, Some(Notice::Error(e)) if e.starts_with("not attached: cannot read"))
    );
}

#[test]
fn a_check_of_a_text_edited_since_is_dropped_and_the_new_checks_still_hold_the_send() {
    let mut s = composing_with_a_photo();
    edited(&mut s, "Dạ\nattach: /tmp/old.png\n");
    // Edited again before the first check answered: old.png is gone.
    let cmds = edited(&mut s, "Dạ ảnh mới\nattach: /tmp/new.png\n");
    assert_eq!(checks(&cmds), vec![("/tmp/new.png", AttachFrom::Line)]);
    line_checked(&mut s, "/tmp/old.png");
    assert!(composer_files(&s).is_empty(), "old.png is not attached");
    let waiting = &s.composer.as_ref().unwrap().files.checking;
    assert_eq!(waiting, &["/tmp/new.png"]);
    assert!(press(&mut s, "Enter").is_empty(), "new.png holds the send");
    line_checked(&mut s, "/tmp/new.png");
    assert_eq!(composer_files(&s), ["/tmp/new.png"]);
    assert!(s.composer.as_ref().unwrap().files.checking.is_empty());
}

#[test]
fn a_file_still_checked_when_the_composer_closes_stays_in_the_draft_once() {
    let mut s = loaded();
    s.drafts
        .insert(ConversationId::new("p_0"), "Dạ\nattach: /tmp/x.png".into());
    let cmds = press(&mut s, "r");
    assert_eq!(checks(&cmds), vec![("/tmp/x.png", AttachFrom::Line)]);
    press(&mut s, "Esc");
    let draft = |s: &State| s.drafts[&ConversationId::new("p_0")].clone();
    assert_eq!(draft(&s), "Dạ\nattach: /tmp/x.png", "kept while checked");
    // Its answer comes with the composer closed: the line is there once.
    update(
        &mut s,
        Msg::FileChecked {
            conv: ConversationId::new("p_0"),
            typed: "/tmp/x.png".into(),
            from: AttachFrom::Line,
            result: Ok(photo("/tmp/x.png")),
        },
    );
    assert_eq!(draft(&s), "Dạ\nattach: /tmp/x.png");
    // Opened again (checked again), the late answers attach it once.
    press(&mut s, "r");
    line_checked(&mut s, "/tmp/x.png");
    line_checked(&mut s, "/tmp/x.png");
    assert_eq!(composer_files(&s), ["/tmp/x.png"]);
    assert_eq!(s.composer.as_ref().unwrap().input.text, "Dạ");
}

#[test]
fn a_reply_with_files_is_one_action_and_a_comment_refuses_them() {
    let mut s = composing_with_a_photo();
    type_text(&mut s, "Dạ ảnh đây ạ");
    let cmds = press(&mut s, "Enter");
    let (_, op) = performed(&cmds).remove(0);
    assert_eq!(
        op,
        Op::Reply(Reply::Files(FileReply {
            message: "Dạ ảnh đây ạ".into(),
            files: vec![photo("/tmp/ảnh.png")],
            text_sent: false,
        }))
    );
    assert!(s.composer.is_none());
    assert_eq!(
        s.actions.items[0].label.words(crate::i18n::Lang::En),
        "reply to Customer 0 with ảnh.png"
    );
    assert_thread_shows(&s, "+ ảnh.png · 340 KB · photo");

    // A file alone is a reply too.
    let mut s = composing_with_a_photo();
    let cmds = press(&mut s, "Enter");
    assert!(matches!(&performed(&cmds)[0].1, Op::Reply(Reply::Files(f)) if f.message.is_empty()));

    // Comments take no files.
    let mut s = loaded();
    s.convs.get_mut("p_0").unwrap().kind = ConversationType::Comment;
    press(&mut s, "r");
    attach(&mut s, "/tmp/a.png", photo("/tmp/a.png"));
    let cmds = press(&mut s, "Enter");
    assert!(performed(&cmds).is_empty());
    assert!(matches!(&s.notice, Some(Notice::Error(e)) if e.contains("only into inbox")));
    assert!(s.composer.is_some(), "kept to fix");
}

#[test]
fn progress_is_shown_a_failure_stays_in_the_outbox_and_the_retry_keeps_the_content_ids() {
    let mut s = composing_with_a_photo();
    let pdf = OutgoingFile {
        kind: AttachmentType::Document,
        size: 1_200_000,
        ..photo("/tmp/don.pdf")
    };
    attach(&mut s, "/tmp/don.pdf", pdf);
    type_text(&mut s, "Dạ");
    let id = action_of(&mut s, "Enter");
    let mut files = files_of(&s, id);
    progress(&mut s, id, &files, Some(1));
    assert!(matches!(&s.notice, Some(Notice::Info(t)) if t == "uploading 2/2 don.pdf 1.2 MB"));
    // The photo went up and was sent; the PDF went up; its send failed.
    for (i, f) in files.files.iter_mut().enumerate() {
        uploaded(f, &format!("c{i}"));
    }
    files.files[0].sent = true;
    progress(&mut s, id, &files, None);
    answer(&mut s, id, Err(server_error()));
    let a = s.actions.get(id).unwrap();
    assert!(
        matches!(a.status, ActionStatus::Failed(_)),
        "kept, with its reason"
    );
    assert_thread_shows(&s, "ảnh.png · 340 KB · photo · sent");
    let shown = thread_lines(&s);
    let joined = shown.join(" ");
    assert!(
        joined.contains("don.pdf · 1.2 MB · document ·") && joined.contains("uploaded"),
        "{shown:?}"
    );
    let cmds = press(&mut s, "x");
    let (again, op) = performed(&cmds).remove(0);
    assert_eq!(again, id);
    assert_eq!(
        op,
        Op::Reply(Reply::Files(files.clone())),
        "content ids and sends kept"
    );
    // Dismissed instead, only what was not sent goes back to the draft.
    answer(&mut s, id, Err(server_error()));
    press(&mut s, "X");
    assert_eq!(
        s.drafts.get("p_0").map(String::as_str),
        Some("attach: /tmp/don.pdf")
    );
}

#[test]
fn a_reply_with_files_from_the_outbox_after_a_restart_keeps_its_content_ids() {
    let mut file = photo("/tmp/ảnh.png");
    uploaded(&mut file, "sim_content_9");
    let op = Op::Reply(Reply::Files(FileReply {
        message: "Dạ".into(),
        files: vec![file],
        text_sent: false,
    }));
    let entry = outbox_entry(op.clone(), "reply to Customer 0 with ảnh.png", false);
    // As the store keeps it: JSON.
    let entry: OutboxEntry = serde_json::from_str(&serde_json::to_string(&entry).unwrap()).unwrap();
    let (s, cmds) = restarted_with(vec![(4, entry)]);
    assert_eq!(performed(&cmds), vec![(s.actions.items[0].id, op)]);
}

#[test]
fn an_upload_that_failed_for_a_passing_reason_goes_again_by_itself_having_posted_nothing() {
    let mut s = composing_with_a_photo();
    let id = action_of(&mut s, "Enter");
    answer(&mut s, id, Err(server_error()));
    let a = s.actions.get(id).unwrap();
    assert!(a.transient, "nothing uploaded, nothing posted: {a:?}");
    // Uploaded, then the send failed the same way: it may have been
    // posted, so it waits for the agent.
    let mut s = composing_with_a_photo();
    let id = action_of(&mut s, "Enter");
    let mut files = files_of(&s, id);
    uploaded(&mut files.files[0], "c0");
    progress(&mut s, id, &files, None);
    answer(&mut s, id, Err(server_error()));
    assert!(!s.actions.get(id).unwrap().transient);
    // Stopped while uploading (a restart): it goes by itself; stopped once
    // the uploads were done: it waits for the agent.
    let entry = |files: FileReply| outbox_entry(Op::Reply(Reply::Files(files)), "reply", true);
    let mut uploading = files.clone();
    uploading.files[0].uploaded = None;
    let (s, cmds) = restarted_with(vec![(1, entry(uploading)), (2, entry(files))]);
    assert_eq!(
        performed(&cmds).len(),
        1,
        "only the one still uploading goes"
    );
    assert_eq!(s.actions.failed().count(), 1);
}

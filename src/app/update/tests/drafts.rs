//! Drafts on disk: saved a debounce after the last change and at once on
//! quitting or a hang-up, read again when the composer opens, deleted when
//! emptied or sent; a save that failed is said.

use super::*;
use crate::app::update::drafts::DEBOUNCE;
use crate::store::Draft;

/// The debounce timers among `cmds`: (conversation, seq).
fn timers(cmds: &[Cmd]) -> Vec<(String, u64)> {
    cmds.iter()
        .filter_map(|c| match c {
            Cmd::DraftTimer { conv, seq, after } => {
                assert_eq!(*after, DEBOUNCE);
                Some((conv.as_str().to_owned(), *seq))
            }
            _ => None,
        })
        .collect()
}

/// The drafts saved among `cmds` (an empty one deletes the row).
fn saved(cmds: &[Cmd]) -> Vec<Draft> {
    cmds.iter()
        .filter_map(|c| match c {
            Cmd::SaveDraft(page, d) => {
                assert_eq!(page, &PageId::new("p"));
                Some(d.clone())
            }
            _ => None,
        })
        .collect()
}

fn due(s: &mut State, seq: u64) -> Vec<Cmd> {
    update(
        s,
        Msg::DraftDue {
            conv: "p_0".into(),
            seq,
        },
    )
}

/// The debounce of the latest change runs out.
fn due_last(s: &mut State) -> Vec<Cmd> {
    let seq = s.draft_seq;
    due(s, seq)
}

fn loaded_from_store(s: &mut State, d: Option<Draft>) -> Vec<Cmd> {
    update(
        s,
        Msg::DraftLoaded {
            conv: "p_0".into(),
            result: Ok(d),
        },
    )
}

#[test]
fn each_change_arms_the_debounce_and_only_the_last_timer_saves() {
    let mut s = loaded();
    let cmds = press(&mut s, "r");
    assert!(timers(&cmds).is_empty(), "opening is not a change");
    assert!(
        cmds.contains(&Cmd::LoadDraft(PageId::new("p"), "p_0".into())),
        "the store's copy is read: {cmds:?}"
    );
    let mut armed = Vec::new();
    for ch in ["D", "ạ"] {
        let cmds = update(&mut s, Msg::Paste(ch.into()));
        assert!(saved(&cmds).is_empty(), "not at each key");
        armed.extend(timers(&cmds));
    }
    assert_eq!(armed, [("p_0".into(), 1), ("p_0".into(), 2)]);
    assert!(due(&mut s, 1).is_empty(), "a newer change is pending");
    assert_eq!(saved(&due(&mut s, 2)), [draft("p_0", "Dạ", &[])]);
    // Nothing changed: a key that moves the cursor arms nothing.
    assert!(timers(&press(&mut s, "Left")).is_empty());
    // Emptied: the row goes (an empty draft is a delete).
    press_all(&mut s, "End Backspace Backspace");
    let cmds = due_last(&mut s);
    assert_eq!(saved(&cmds), [draft("p_0", "", &[])]);
    assert!(saved(&cmds)[0].is_empty());
}

#[test]
fn the_stores_copy_fills_an_untouched_composer_with_its_text_and_files() {
    let mut s = loaded();
    press(&mut s, "r");
    let theirs = draft("p_0", "từ cửa sổ kia", &["/tmp/a.png"]);
    let cmds = loaded_from_store(&mut s, Some(theirs));
    let c = s.composer.as_ref().unwrap();
    assert_eq!(c.input.text, "từ cửa sổ kia");
    assert_eq!(c.files.checking, ["/tmp/a.png"]);
    assert!(!c.edited, "not the agent's change");
    assert!(
        matches!(&cmds[..], [Cmd::CheckFile { path, .. }] if path == "/tmp/a.png"),
        "checked again, nothing saved: {cmds:?}"
    );
    // Typed on: the save has the text and the file.
    update(&mut s, Msg::Paste(" ạ".into()));
    let cmds = due_last(&mut s);
    assert_eq!(
        saved(&cmds),
        [draft("p_0", "từ cửa sổ kia ạ", &["/tmp/a.png"])]
    );

    // Once the agent has typed, a late copy from the store does not replace it.
    let mut s = loaded();
    press(&mut s, "r");
    type_text(&mut s, "mine");
    loaded_from_store(&mut s, Some(draft("p_0", "theirs", &[])));
    assert_eq!(s.composer.as_ref().unwrap().input.text, "mine");
}

#[test]
fn quitting_or_a_hang_up_saves_the_composer_at_once() {
    for (msg, hangup) in [(Msg::Terminate, false), (Msg::HangUp, true)] {
        let mut s = loaded();
        press(&mut s, "r");
        type_text(&mut s, "chưa gửi");
        let cmds = update(&mut s, msg);
        assert!(exits(&cmds));
        assert_eq!(s.hangup, hangup);
        assert_eq!(saved(&cmds), [draft("p_0", "chưa gửi", &[])]);
    }
    // q's grace for actions in flight running out, the composer open.
    let mut s = loaded();
    press(&mut s, "r");
    type_text(&mut s, "x");
    s.quitting = Some(UnixSeconds(NOW));
    let cmds = update(&mut s, Msg::Tick(UnixSeconds(NOW + 1)));
    assert!(exits(&cmds));
    let at_the_tick = Draft {
        updated: UnixSeconds(NOW + 1),
        ..draft("p_0", "x", &[])
    };
    assert_eq!(saved(&cmds), [at_the_tick]);
    // An untouched composer writes nothing (another window's row stays).
    let mut s = loaded();
    press(&mut s, "r");
    assert!(saved(&update(&mut s, Msg::HangUp)).is_empty());
}

#[test]
fn sending_deletes_the_row_and_esc_keeps_only_a_changed_draft() {
    let mut s = loaded();
    press(&mut s, "r");
    type_text(&mut s, "hi");
    let cmds = press(&mut s, "Enter");
    assert_eq!(performed(&cmds).len(), 1);
    assert_eq!(saved(&cmds), [draft("p_0", "", &[])], "sent: no draft");
    // The debounce of the last key finds the composer closed.
    assert!(due_last(&mut s).is_empty());

    let mut s = loaded();
    s.drafts.insert("p_0".into(), "đã lưu".into());
    press(&mut s, "r");
    assert!(saved(&press(&mut s, "Esc")).is_empty(), "unchanged");
    assert_eq!(s.drafts[&ConversationId::new("p_0")], "đã lưu");
    press(&mut s, "r");
    press_all(&mut s, "End Backspace");
    let cmds = press(&mut s, "Esc");
    assert_eq!(saved(&cmds), [draft("p_0", "đã lư", &[])]);
}

#[test]
fn a_failed_save_is_said_and_that_draft_is_not_cleared_by_the_store() {
    let mut s = loaded();
    update(
        &mut s,
        Msg::DraftSaved {
            conv: "p_0".into(),
            result: Err("cache p.sqlite: disk I/O error".into()),
        },
    );
    assert!(
        matches!(&s.notice, Some(Notice::Error(t)) if t.contains("was not saved: cache p.sqlite: disk I/O error")),
        "{:?}",
        s.notice
    );
    s.drafts.insert("p_0".into(), "chỉ ở đây".into());
    press(&mut s, "r");
    loaded_from_store(&mut s, None);
    assert_eq!(s.composer.as_ref().unwrap().input.text, "chỉ ở đây");
    // Saved since: the store is right again (sent from another window).
    update(
        &mut s,
        Msg::DraftSaved {
            conv: "p_0".into(),
            result: Ok(()),
        },
    );
    loaded_from_store(&mut s, None);
    assert_eq!(s.composer.as_ref().unwrap().input.text, "");
}

#[test]
fn the_drafts_of_the_cache_come_back_when_their_composer_opens() {
    let mut s = at_now(&[("p", "Page")]);
    let cached = crate::app::Cached {
        page: PageId::new("p"),
        conversations: vec![conv(0, NOW, true)],
        drafts: vec![draft("p_0", "nháp", &["/tmp/b.pdf"])],
        ..Default::default()
    };
    update(&mut s, Msg::Cached(Box::new(cached)));
    let cmds = press(&mut s, "r");
    let c = s.composer.as_ref().unwrap();
    assert_eq!(c.input.text, "nháp");
    assert_eq!(c.files.checking, ["/tmp/b.pdf"]);
    assert!(cmds.iter().any(|c| matches!(c, Cmd::CheckFile { .. })));
}

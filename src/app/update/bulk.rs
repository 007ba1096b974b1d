//! Marks and bulk actions: plan, preview with the cost at the page's rate,
//! confirm, then track progress while the agent keeps working.

use crate::api::Op;
use crate::api::{AssigneeChange, Conversation, ConversationId, TagAction, TagId, UserId};
use crate::app::bulk::{BulkPlan, BulkProgress};
use crate::app::msg::Cmd;
use crate::app::state::{Overlay, State};
use crate::i18n::Said;

use super::{act, list, notify, notify_error};

pub fn toggle_mark(state: &mut State) {
    let Some(id) = state.selected_conversation().map(|c| c.id.clone()) else {
        return;
    };
    if !state.marks.remove(&id) {
        state.marks.insert(id);
    }
    list::move_selection(state, 1);
}

pub fn mark_all(state: &mut State) {
    let ids: Vec<ConversationId> = state
        .visible
        .iter()
        .map(|&i| ConversationId::new(state.convs.row(i).id()))
        .collect();
    state.marks.extend(ids);
    notify(
        state,
        Said::new("notice-marked").arg("count", state.marks.len()),
    );
}

pub fn clear_marks(state: &mut State) {
    state.marks.clear();
}

/// The marked conversations, in list order.
pub fn marked(state: &State) -> Vec<Conversation> {
    state
        .convs
        .order
        .iter()
        .filter(|&&i| state.marks.contains(state.convs.row(i).id()))
        .map(|&i| state.convs.at(i))
        .collect()
}

fn plural(n: usize) -> String {
    format!("{n} conversation{}", if n == 1 { "" } else { "s" })
}

/// The plan over the marked conversations: `op` says what each one needs
/// (`None`: already so, skipped); `summary` words it for that many.
fn plan(
    state: &State,
    op: impl Fn(&Conversation) -> Option<Op>,
    summary: impl FnOnce(String) -> String,
) -> BulkPlan {
    let marked = marked(state);
    let ops: Vec<(ConversationId, Op)> = marked
        .iter()
        .filter_map(|c| op(c).map(|o| (c.id.clone(), o)))
        .collect();
    BulkPlan {
        summary: summary(plural(ops.len())),
        skipped: marked.len() - ops.len(),
        ops,
        busiest: 0,
        hidden: 0,
    }
}

/// Tag (or untag, when every marked one has it) the marked conversations.
pub fn plan_tag(state: &State, tag: &TagId) -> BulkPlan {
    let marked = marked(state);
    let name = marked
        .first()
        .and_then(|c| state.tag_of(c, tag))
        .map_or_else(|| format!("#{tag}"), |t| t.name.clone());
    let all_have = marked.iter().all(|c| c.tags.contains(tag));
    let (action, verb) = if all_have {
        (TagAction::Remove, "untag")
    } else {
        (TagAction::Add, "tag")
    };
    plan(
        state,
        |c| (c.tags.contains(tag) == all_have).then(|| Op::Tag(action, tag.clone())),
        |n| format!("{verb} {n} \"{name}\""),
    )
}

/// Give every marked conversation exactly these assignees (re-assign).
pub fn plan_set_assignees(state: &State, list: Vec<UserId>) -> BulkPlan {
    let names = names(state, &list);
    let unassign = list.is_empty();
    plan(
        state,
        |c| (c.assignee_ids != list).then(|| Op::Assign(list.clone())),
        |n| {
            if unassign {
                format!("unassign {n}")
            } else {
                format!("assign {n} to {names} (replacing their assignees)")
            }
        },
    )
}

/// Add or remove one person on every marked conversation, keeping the others.
pub fn plan_one_assignee(state: &State, user: &UserId, add: bool) -> BulkPlan {
    let change = if add {
        AssigneeChange::Add(user.clone())
    } else {
        AssigneeChange::Remove(user.clone())
    };
    let who = names(state, std::slice::from_ref(user));
    plan(
        state,
        |c| {
            (c.assignee_ids.contains(user) != add)
                .then(|| Op::Assign(change.apply(&c.assignee_ids)))
        },
        |n| {
            if add {
                format!("assign {n} to {who}")
            } else {
                format!("remove {who} from {n}")
            }
        },
    )
}

/// Mark read when every marked one is unread, else mark unread.
pub fn plan_read(state: &State) -> BulkPlan {
    let all_unread = marked(state).iter().all(|c| !c.seen);
    let (op, verb) = if all_unread {
        (Op::Read, "read")
    } else {
        (Op::Unread, "unread")
    };
    plan(
        state,
        |c| (c.seen != all_unread).then(|| op.clone()),
        |n| format!("mark {n} {verb}"),
    )
}

fn names(state: &State, ids: &[UserId]) -> String {
    ids.iter()
        .map(|u| {
            state
                .all_staff()
                .find(u)
                .map_or_else(|| u.to_string(), |s| s.name.clone())
        })
        .collect::<Vec<_>>()
        .join(", ")
}

/// How many pages the marked conversations are on.
pub fn marked_pages(state: &State) -> usize {
    let mut pages: Vec<&crate::api::PageId> = state
        .convs
        .order
        .iter()
        .map(|&i| state.convs.row(i))
        .filter(|r| state.marks.contains(r.id()))
        .map(|r| r.page_id())
        .collect();
    pages.sort();
    pages.dedup();
    pages.len()
}

/// Show the plan for confirmation (or say there is nothing to do).
pub fn propose(state: &mut State, mut plan: BulkPlan) {
    let mut per_page: std::collections::HashMap<&crate::api::PageId, usize> = Default::default();
    for (id, _) in &plan.ops {
        if let Some(i) = state.convs.position(id) {
            *per_page.entry(state.convs.row(i).page_id()).or_default() += 1;
        }
    }
    plan.busiest = per_page.values().copied().max().unwrap_or(0);
    let shown: std::collections::HashSet<&str> = state
        .visible
        .iter()
        .map(|&i| state.convs.row(i).id())
        .collect();
    plan.hidden = state
        .marks
        .iter()
        .filter(|m| !shown.contains(m.as_str()))
        .count();
    if plan.ops.is_empty() {
        notify(
            state,
            Said::new("notice-nothing-to-do").arg("summary", plan.summary.as_str()),
        );
        return;
    }
    state.overlay = Some(Overlay::Confirm(plan));
}

/// Start every action of a confirmed plan; the throttle paces them.
pub fn start(state: &mut State, plan: BulkPlan) -> Vec<Cmd> {
    let mut progress = BulkProgress {
        summary: plan.summary.clone(),
        total: plan.ops.len(),
        ..BulkProgress::default()
    };
    let mut cmds = Vec::with_capacity(plan.ops.len());
    for (conv, op) in plan.ops {
        for cmd in act::start_bulk(state, &conv, op) {
            if let Cmd::Perform { id, .. } = &cmd {
                progress.actions.insert(*id);
            }
            cmds.push(cmd);
        }
    }
    state.marks.clear();
    state.bulk = Some(progress);
    cmds
}

/// Tags and staff differ per page: a bulk tag or assign stays on one page.
pub fn marks_on_one_page(state: &mut State) -> bool {
    let pages = marked_pages(state);
    if pages > 1 {
        notify_error(
            state,
            Said::new("notice-marks-on-pages").arg("pages", pages),
        );
    }
    pages <= 1
}

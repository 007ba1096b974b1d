//! The tag and staff pickers: a list with type-to-filter and checks.

use crate::api::models::{Rgb, Staff, StaffStatus};
use crate::api::{Conversation, ConversationId, Tag, UserId};
use crate::text::fuzzy_rank;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum PickerKind {
    /// Space/Enter toggles the highlighted tag at once.
    Tags,
    /// Space toggles the selection; Enter applies it in one assign call
    /// (with no Space pressed, Enter picks the highlighted person).
    Staff,
    /// "Which staff member are you?" (asked once, for assign-to-me).
    Me,
    /// Canned replies (from the composer).
    Canned,
}

impl PickerKind {
    /// Rows are checked and unchecked (tags, assignees), rather than one
    /// row chosen.
    pub fn has_checks(self) -> bool {
        matches!(self, PickerKind::Tags | PickerKind::Staff)
    }
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PickerItem {
    /// Tag id or user id.
    pub id: String,
    /// Sanitized display name.
    pub label: String,
    pub color: Option<Rgb>,
    /// Staff availability (staff picker only).
    pub status: Option<StaffStatus>,
    /// Checked now (the conversation has the tag / the person is selected).
    pub checked: bool,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Picker {
    pub kind: PickerKind,
    pub target: ConversationId,
    /// Display name of the target, for the title (a bulk action's title
    /// says how many are marked instead).
    pub target_name: String,
    pub query: String,
    pub items: Vec<PickerItem>,
    /// Indices into `items` that match the query, best first, with the matched
    /// char positions for highlighting.
    pub matches: Vec<(usize, Vec<usize>)>,
    /// Position in `matches`.
    pub cursor: usize,
    /// Acting on the marked conversations rather than `target` alone.
    pub bulk: bool,
    /// How many are marked, for a bulk action.
    pub marked: usize,
    /// The agent checked or unchecked a row (Space).
    pub touched: bool,
}

impl Picker {
    pub fn tags(conv: &Conversation, tags: &[Tag]) -> Self {
        let items = tags
            .iter()
            .map(|t| PickerItem {
                id: t.id.to_string(),
                label: t.name.clone(),
                color: t.color,
                status: None,
                checked: conv.tags.contains(&t.id),
            })
            .collect();
        Self::new(PickerKind::Tags, conv, items)
    }

    /// Active staff only: disabled users are never offered.
    pub fn staff(conv: &Conversation, staff: &Staff) -> Self {
        let items = staff
            .users
            .iter()
            .map(|u| PickerItem {
                id: u.id.to_string(),
                label: u.name.clone(),
                color: None,
                status: Some(u.status),
                checked: conv.assignee_ids.contains(&u.id),
            })
            .collect();
        Self::new(PickerKind::Staff, conv, items)
    }

    /// Tags for many conversations: checked when every one of them has it.
    pub fn tags_bulk(target: &Conversation, marked: &[Conversation], tags: &[Tag]) -> Self {
        let mut p = Self::tags(target, tags);
        for item in &mut p.items {
            item.checked = !marked.is_empty()
                && marked
                    .iter()
                    .all(|c| c.tags.iter().any(|t| t.as_str() == item.id));
        }
        p.marked = marked.len();
        p.bulk = true;
        p
    }

    /// Staff for a bulk re-assign: nobody checked; Enter sets exactly the selection.
    pub fn staff_bulk(target: &Conversation, count: usize, staff: &Staff) -> Self {
        let mut p = Self::staff(target, staff);
        p.items.iter_mut().for_each(|i| i.checked = false);
        p.marked = count;
        p.bulk = true;
        p
    }

    /// Canned replies by name; the id is the index in the list.
    pub fn canned(target: &Conversation, list: &[crate::app::canned::Canned]) -> Self {
        let items = list
            .iter()
            .enumerate()
            .map(|(i, c)| PickerItem {
                id: i.to_string(),
                label: c.name.clone(),
                color: None,
                status: None,
                checked: false,
            })
            .collect();
        Self::new(PickerKind::Canned, target, items)
    }

    /// Which staff member the agent is.
    pub fn who_am_i(target: &Conversation, staff: &Staff) -> Self {
        let mut p = Self::staff(target, staff);
        p.kind = PickerKind::Me;
        p.items.iter_mut().for_each(|i| i.checked = false);
        p.target_name = "you".into();
        p
    }

    fn new(kind: PickerKind, conv: &Conversation, items: Vec<PickerItem>) -> Self {
        let mut p = Picker {
            kind,
            target: conv.id.clone(),
            target_name: conv.customer.name.clone(),
            query: String::new(),
            items,
            matches: Vec::new(),
            cursor: 0,
            bulk: false,
            marked: 0,
            touched: false,
        };
        p.refilter();
        p
    }

    /// Recompute matches after the query changed (fuzzy, accent-insensitive).
    pub fn refilter(&mut self) {
        self.matches = fuzzy_rank(&self.query, self.items.iter().map(|it| it.label.as_str()));
        self.cursor = self.cursor.min(self.matches.len().saturating_sub(1));
    }

    pub fn highlighted(&self) -> Option<&PickerItem> {
        self.matches.get(self.cursor).map(|(i, _)| &self.items[*i])
    }

    pub fn highlighted_mut(&mut self) -> Option<&mut PickerItem> {
        let i = self.matches.get(self.cursor)?.0;
        self.items.get_mut(i)
    }

    pub fn move_by(&mut self, delta: isize) {
        let n = self.matches.len();
        if n == 0 {
            return;
        }
        self.cursor = (self.cursor as isize + delta).rem_euclid(n as isize) as usize;
    }

    /// The checked user ids (staff picker), in picker order.
    pub fn selected_users(&self) -> Vec<UserId> {
        self.items
            .iter()
            .filter(|i| i.checked)
            .map(|i| UserId::new(i.id.clone()))
            .collect()
    }
}

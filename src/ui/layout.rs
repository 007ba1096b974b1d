//! The one place geometry lives: the update function learns the sizes it
//! needs through [`viewport`], the panes get their rectangles from [`areas`].

use ratatui::layout::{Constraint, Layout, Rect};

use crate::app::{Focus, State, Viewport};

/// Below this width only one pane is shown.
pub const TWO_PANES_MIN_WIDTH: u16 = 70;
/// Rows of the list block that are not conversation rows: two borders, the
/// view tabs and the filter/search line.
const LIST_CHROME: u16 = 4;
/// Height of the reply composer when open.
pub const COMPOSER_HEIGHT: u16 = 6;
/// Rows the composer grows by for its attached files, at most.
pub const COMPOSER_FILE_ROWS: u16 = 3;

/// The composer's height: taller by a row per attached file.
fn composer_height(state: &State) -> u16 {
    let files = state
        .composer
        .as_ref()
        .map_or(0, |c| c.files.attached.len());
    COMPOSER_HEIGHT + (files as u16).min(COMPOSER_FILE_ROWS)
}

/// Most rows of the customer panel, under the thread.
pub const CUSTOMER_HEIGHT: u16 = 12;
/// Columns of the customer panel beside the thread.
pub const CUSTOMER_WIDTH: u16 = 36;
/// The thread's column from which the customer panel stands beside the
/// thread instead of under it (the thread keeps 60 columns).
const CUSTOMER_BESIDE_MIN: u16 = CUSTOMER_WIDTH + 60;

/// Split of the width between list and thread.
fn list_width(width: u16) -> u16 {
    (width / 2).clamp(40, 72).min(width)
}

/// Sizes the update function needs, from the terminal size.
pub fn viewport(width: u16, height: u16) -> Viewport {
    let main = height.saturating_sub(1);
    let two_panes = width >= TWO_PANES_MIN_WIDTH;
    let thread_w = if two_panes {
        width - list_width(width)
    } else {
        width
    };
    Viewport {
        width,
        height,
        list_rows: main.saturating_sub(LIST_CHROME).max(1) as usize,
        thread_rows: main.saturating_sub(2).max(1) as usize,
        thread_width: thread_w.saturating_sub(2).max(8) as usize,
        thread_width_beside: (two_panes && thread_w >= CUSTOMER_BESIDE_MIN)
            .then(|| (thread_w - CUSTOMER_WIDTH - 2) as usize),
        two_panes,
    }
}

/// Where each part goes this frame.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Areas {
    pub list: Option<Rect>,
    pub thread: Option<Rect>,
    pub composer: Option<Rect>,
    /// The customer panel, beside or below the thread (`c`).
    pub customer: Option<Rect>,
    pub status: Rect,
}

pub fn areas(area: Rect, state: &State) -> Areas {
    let status = Rect {
        y: area.y + area.height.saturating_sub(1),
        height: area.height.min(1),
        ..area
    };
    let main = Rect {
        height: area.height.saturating_sub(1),
        ..area
    };
    // Side by side once there is a thread to show; until then the list has
    // the whole width (an empty pane would only take room from it).
    let open = state.thread.is_some() || state.composer.is_some();
    let (list, right) = if area.width >= TWO_PANES_MIN_WIDTH && open {
        let lw = list_width(area.width);
        (
            Some(Rect { width: lw, ..main }),
            Some(Rect {
                x: main.x + lw,
                width: main.width - lw,
                ..main
            }),
        )
    } else if state.focus == Focus::Thread && state.thread.is_some() || state.composer.is_some() {
        (None, Some(main))
    } else {
        (Some(main), None)
    };
    let composer_h = composer_height(state);
    let (thread, composer) = match (right, state.composer.is_some()) {
        (Some(r), true) if r.height > composer_h + 3 => {
            let (top, bottom) = split_bottom(r, composer_h);
            (Some(top), Some(bottom))
        }
        (Some(r), true) => (None, Some(r)),
        (r, _) => (r, None),
    };
    // The customer panel stands beside the thread when the column is wide
    // enough, else it takes the lower rows of the thread's column.
    let panel = state.customer_panel && state.thread.is_some();
    let (thread, customer) = match thread {
        Some(t) if panel && t.width >= CUSTOMER_BESIDE_MIN => {
            let (left, right) = split_right(t, CUSTOMER_WIDTH);
            (Some(left), Some(right))
        }
        Some(t) if panel && t.height >= 16 => {
            let (top, bottom) = split_bottom(t, (t.height / 2).min(CUSTOMER_HEIGHT));
            (Some(top), Some(bottom))
        }
        t => (t, None),
    };
    Areas {
        list,
        thread,
        composer,
        customer,
        status,
    }
}

/// `r` cut in two: all but its last `h` rows, and those rows.
fn split_bottom(r: Rect, h: u16) -> (Rect, Rect) {
    let [top, bottom] = Layout::vertical([Constraint::Fill(1), Constraint::Length(h)]).areas(r);
    (top, bottom)
}

/// `r` cut in two: all but its last `w` columns, and those columns.
fn split_right(r: Rect, w: u16) -> (Rect, Rect) {
    let [left, right] = Layout::horizontal([Constraint::Fill(1), Constraint::Length(w)]).areas(r);
    (left, right)
}

/// A centred rectangle of at most `w` x `h` inside `area`.
pub fn centered(area: Rect, w: u16, h: u16) -> Rect {
    let w = w.min(area.width);
    let h = h.min(area.height);
    Rect {
        x: area.x + (area.width - w) / 2,
        y: area.y + (area.height - h) / 2,
        width: w,
        height: h,
    }
}

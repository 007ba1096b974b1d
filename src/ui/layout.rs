//! The one place geometry lives: the update function learns the sizes it
//! needs through [`viewport`], the panes get their rectangles from [`areas`].

use ratatui::layout::Rect;

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
    let files = state.composer.as_ref().map_or(0, |c| c.files.len());
    COMPOSER_HEIGHT + (files as u16).min(COMPOSER_FILE_ROWS)
}

/// Most rows of the customer panel.
pub const CUSTOMER_HEIGHT: u16 = 12;

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
        two_panes,
    }
}

/// Where each part goes this frame.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Areas {
    pub list: Option<Rect>,
    pub thread: Option<Rect>,
    pub composer: Option<Rect>,
    /// The customer panel, below the thread (`c`).
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
        (Some(r), true) if r.height > composer_h + 3 => (
            Some(Rect {
                height: r.height - composer_h,
                ..r
            }),
            Some(Rect {
                y: r.y + r.height - composer_h,
                height: composer_h,
                ..r
            }),
        ),
        (Some(r), true) => (None, Some(r)),
        (r, _) => (r, None),
    };
    // The customer panel takes the lower rows of the thread's column.
    let (thread, customer) = match thread {
        Some(t) if state.customer_panel && state.thread.is_some() && t.height >= 16 => {
            let h = (t.height / 2).min(CUSTOMER_HEIGHT);
            (
                Some(Rect {
                    height: t.height - h,
                    ..t
                }),
                Some(Rect {
                    y: t.y + t.height - h,
                    height: h,
                    ..t
                }),
            )
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

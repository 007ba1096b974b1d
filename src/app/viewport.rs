//! The rows and columns the panes have.

/// Rows and columns the panes have, from the terminal size (see `ui::layout`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Viewport {
    pub width: u16,
    pub height: u16,
    /// Conversation rows visible in the list.
    pub list_rows: usize,
    /// Text lines visible in the thread.
    pub thread_rows: usize,
    /// Columns available to message text in the thread.
    pub thread_width: usize,
    /// Those columns when the customer panel stands beside the thread
    /// (`None`: too narrow for that, the panel goes under the thread).
    pub thread_width_beside: Option<usize>,
    /// False when the terminal is too narrow for two panes (list only).
    pub two_panes: bool,
}

impl Viewport {
    /// Columns for message text, with the customer panel shown or not.
    pub fn thread_text_width(&self, customer_panel: bool) -> usize {
        match self.thread_width_beside {
            Some(w) if customer_panel => w,
            _ => self.thread_width,
        }
    }
}

impl Default for Viewport {
    fn default() -> Self {
        Viewport {
            width: 80,
            height: 24,
            list_rows: 20,
            thread_rows: 18,
            thread_width: 40,
            thread_width_beside: None,
            two_panes: true,
        }
    }
}

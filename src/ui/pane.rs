//! The bordered box each pane (list, thread, customer) is drawn in.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::Line;
use ratatui::widgets::{Block, Borders};

use super::theme::Theme;

/// Draw a pane's border and `title` over `area` (brighter when `focused`);
/// the area inside it.
pub fn pane<'a>(
    frame: &mut Frame,
    area: Rect,
    focused: bool,
    title: impl Into<Line<'a>>,
    theme: &Theme,
) -> Rect {
    let block = Block::default()
        .borders(Borders::ALL)
        .border_style(theme.border(focused))
        .title(title);
    let inner = block.inner(area);
    frame.render_widget(block, area);
    inner
}

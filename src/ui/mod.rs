//! Rendering (interim stub; replaced by the full panes).

pub mod layout;
pub mod theme;

use crate::app::State;

pub fn render(state: &State, frame: &mut ratatui::Frame) {
    render_with(state, frame, &theme::Theme::new(false));
}

pub fn render_with(state: &State, frame: &mut ratatui::Frame, _theme: &theme::Theme) {
    let text = format!("{} conversations", state.convs.len());
    frame.render_widget(ratatui::widgets::Paragraph::new(text), frame.area());
}

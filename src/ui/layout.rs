//! Geometry (interim stub).

use crate::app::Viewport;

pub fn viewport(width: u16, height: u16) -> Viewport {
    Viewport {
        width,
        height,
        list_rows: height.saturating_sub(3) as usize,
        thread_rows: height.saturating_sub(3) as usize,
        thread_width: (width / 2).saturating_sub(2) as usize,
        two_panes: width >= 70,
    }
}

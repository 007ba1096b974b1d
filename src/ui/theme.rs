//! Styles (interim stub).

pub struct Theme {
    pub no_color: bool,
}

impl Theme {
    pub fn new(no_color: bool) -> Self {
        Theme { no_color }
    }
}

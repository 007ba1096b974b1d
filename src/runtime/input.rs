//! Terminal input on its own thread, pausable: while `$EDITOR` runs, nothing
//! here reads the keyboard (an async event stream cannot promise that).

use std::sync::mpsc as std_mpsc;
use std::time::Duration;

use ratatui::crossterm::event::{self, Event};
use tokio::sync::mpsc::UnboundedSender;

use crate::app::Msg;
use crate::ui;

/// How long one poll waits: the bound on pausing latency.
const POLL: Duration = Duration::from_millis(50);

enum Control {
    Pause(std_mpsc::Sender<()>),
    Resume,
}

/// Controls the input thread.
pub struct Input {
    control: std_mpsc::Sender<Control>,
}

impl Input {
    pub fn spawn(tx: UnboundedSender<Msg>) -> Input {
        let (control, rx) = std_mpsc::channel();
        std::thread::Builder::new()
            .name("input".into())
            .spawn(move || run(tx, rx))
            .expect("spawn the input thread");
        Input { control }
    }

    /// Stop reading the terminal; returns once the thread is parked.
    pub fn pause(&self) {
        let (ack, parked) = std_mpsc::channel();
        if self.control.send(Control::Pause(ack)).is_ok() {
            let _ = parked.recv_timeout(Duration::from_secs(2));
        }
    }

    pub fn resume(&self) {
        let _ = self.control.send(Control::Resume);
    }
}

fn run(tx: UnboundedSender<Msg>, control: std_mpsc::Receiver<Control>) {
    loop {
        if let Ok(Control::Pause(ack)) = control.try_recv() {
            let _ = ack.send(());
            // Parked until resumed (or the app is gone).
            loop {
                match control.recv() {
                    Ok(Control::Resume) => break,
                    Ok(Control::Pause(ack)) => {
                        let _ = ack.send(());
                    }
                    Err(_) => return,
                }
            }
        }
        let msg = match event::poll(POLL) {
            Ok(false) => {
                if tx.is_closed() {
                    return;
                }
                continue;
            }
            Ok(true) => match event::read() {
                Ok(Event::Key(k)) => Msg::Key(k),
                Ok(Event::Paste(s)) => Msg::Paste(s),
                Ok(Event::Resize(w, h)) => Msg::Resize(ui::layout::viewport(w, h)),
                Ok(_) => continue,
                Err(_) => Msg::HangUp,
            },
            // The terminal is gone (a dropped SSH session).
            Err(_) => Msg::HangUp,
        };
        let stop = matches!(msg, Msg::HangUp);
        if tx.send(msg).is_err() || stop {
            return;
        }
    }
}

//! The per-conversation queue of actions: each waits for the one before it
//! on its conversation.

use std::collections::HashMap;
use std::sync::{Arc, Mutex};

use tokio::sync::oneshot;

use crate::api::ConversationId;

use super::Tasks;

/// Per conversation, the last action handed out: the next one starts when it
/// has ended, so a retried action never lands after a later one (an undo, a
/// second toggle) on the same conversation.
#[derive(Default)]
pub(super) struct Queues {
    next: u64,
    last: HashMap<ConversationId, (u64, oneshot::Receiver<()>)>,
}

impl Tasks {
    /// Join the conversation's queue (in the order commands are spawned):
    /// what to wait for, and what to drop when done.
    pub(super) fn enqueue(&self, conv: &ConversationId) -> (Option<oneshot::Receiver<()>>, Turn) {
        let (done, wait) = oneshot::channel();
        let mut q = self.queues.lock().unwrap_or_else(|e| e.into_inner());
        q.next += 1;
        let seq = q.next;
        let before = q.last.insert(conv.clone(), (seq, wait)).map(|(_, rx)| rx);
        let turn = Turn {
            queues: self.queues.clone(),
            conv: conv.clone(),
            seq,
            _done: done,
        };
        (before, turn)
    }
}

/// An action's place in its conversation's queue; dropping it lets the next
/// one go.
pub(super) struct Turn {
    queues: Arc<Mutex<Queues>>,
    conv: ConversationId,
    seq: u64,
    _done: oneshot::Sender<()>,
}

impl Drop for Turn {
    fn drop(&mut self) {
        let mut q = self.queues.lock().unwrap_or_else(|e| e.into_inner());
        if q.last
            .get(&self.conv)
            .is_some_and(|(seq, _)| *seq == self.seq)
        {
            q.last.remove(&self.conv);
        }
    }
}

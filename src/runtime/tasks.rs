//! Commands become background tasks on the throttled client; each answers
//! with one message on the channel. Tasks never touch the UI.

use tokio::sync::mpsc::UnboundedSender;

use crate::api::{ConversationId, PageApi};
use crate::app::actions::Op;
use crate::app::{Cmd, Msg, Outcome};

/// Spawns the work a command asks for.
#[derive(Clone)]
pub struct Tasks {
    api: PageApi,
    tx: UnboundedSender<Msg>,
}

impl Tasks {
    pub fn new(api: PageApi, tx: UnboundedSender<Msg>) -> Self {
        Tasks { api, tx }
    }

    pub fn spawn(&self, cmd: Cmd) {
        let (api, tx) = (self.api.clone(), self.tx.clone());
        tokio::spawn(async move {
            let msg = run(&api, cmd).await;
            // The app may be gone (quitting): nothing to tell.
            let _ = tx.send(msg);
        });
    }
}

/// Run one command to its message.
pub async fn run(api: &PageApi, cmd: Cmd) -> Msg {
    match cmd {
        Cmd::LoadConversations {
            generation,
            mode,
            query,
            cursor,
        } => Msg::Conversations {
            generation,
            mode,
            result: api
                .background()
                .conversations(&query, cursor.as_ref())
                .await,
            cursor,
        },
        Cmd::LoadMessages {
            conv,
            customer_id,
            current_count,
        } => Msg::Messages {
            result: api
                .messages(&conv, customer_id.as_deref(), current_count)
                .await,
            older: current_count.is_some(),
            conv,
        },
        Cmd::LoadTags => Msg::Tags(api.background().tags().await),
        Cmd::LoadStaff => Msg::Staff(api.background().staff().await),
        Cmd::Perform { id, conv, op, bulk } => {
            let api = if bulk { api.background() } else { api.clone() };
            Msg::ActionDone {
                id,
                result: perform(&api, &conv, op).await,
            }
        }
        Cmd::Edit { conv, .. } => Msg::Edited {
            conv,
            result: Err("the editor runs in the foreground, not as a task".into()),
        },
        Cmd::RememberMe(user) => {
            if let Err(e) = crate::config::remember_me(&user) {
                tracing::warn!("could not remember who you are: {e}");
            }
            Msg::Remembered
        }
    }
}

async fn perform(
    api: &PageApi,
    conv: &ConversationId,
    op: Op,
) -> Result<Outcome, crate::api::ApiError> {
    Ok(match op {
        Op::Tag(action, tag) => Outcome::Tags(api.tag(conv, action, &tag).await?),
        Op::Assign(list) => Outcome::Assignees(api.set_assignees(conv, &list).await?),
        Op::Read => {
            api.mark_read(conv).await?;
            Outcome::Done
        }
        Op::Unread => {
            api.mark_unread(conv).await?;
            Outcome::Done
        }
        Op::Reply(reply) => Outcome::Sent(api.send(conv, &reply).await?),
    })
}

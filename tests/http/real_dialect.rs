//! The client against the simulator speaking the real service's dialect:
//! `null` in tag lists, conversations without `customers`, errors inside
//! HTTP 200, revoked tokens, an expired subscription, Facebook's refusals.
//! Over real HTTP on 127.0.0.1; the simulator's log is the oracle.

use std::time::Duration;

use pancake_tui::api::retry::RetryPolicy;
use pancake_tui::api::{
    ApiError, Client, ClientConfig, ConversationId, ConversationQuery, PageApi, PageId, Reply,
};
use pancake_tui::sim::{Faults, SimConfig, SimHandle, Simulator};
use secrecy::SecretString;

async fn sim(conversations: usize) -> SimHandle {
    Simulator::start(SimConfig {
        conversations,
        rate_limit: 0,
        ..SimConfig::default()
    })
    .await
    .expect("simulator starts")
}

fn client(sim: &SimHandle) -> Client {
    Client::new(ClientConfig {
        base_url: sim.base_url(),
        rate_limit: 0,
        retry: RetryPolicy {
            delays: vec![Duration::from_millis(20); 3],
        },
        timeout: Duration::from_secs(10),
        ..ClientConfig::default()
    })
    .unwrap()
}

fn main_page(sim: &SimHandle, c: &Client) -> PageApi {
    let main = sim.main_page();
    c.page(PageId::new(main.id), SecretString::from(main.token))
}

/// Every conversation of the main page, as the client reads them.
async fn all(api: &PageApi) -> Vec<pancake_tui::api::Conversation> {
    let mut out = Vec::new();
    let mut cursor: Option<ConversationId> = None;
    loop {
        let batch = api
            .conversations(&ConversationQuery::default(), cursor.as_ref())
            .await
            .unwrap();
        if batch.is_empty() {
            return out;
        }
        cursor = batch.last().map(|c| c.id.clone());
        out.extend(batch);
    }
}

#[tokio::test]
async fn the_whole_list_arrives_although_some_tags_hold_null_and_some_customers_are_missing() {
    let sim = sim(600).await;
    let c = client(&sim);
    let api = main_page(&sim, &c);
    let got = all(&api).await;
    let pid = sim.main_page().id;
    assert_eq!(got.len(), sim.conversation_ids(&pid).len(), "not one lost");
    let raw: Vec<serde_json::Value> = got
        .iter()
        .map(|c| sim.conversation_json(&pid, c.id.as_str()).unwrap())
        .collect();
    let with_null = raw
        .iter()
        .filter(|v| {
            v["tags"]
                .as_array()
                .is_some_and(|t| t.contains(&serde_json::Value::Null))
        })
        .count();
    let without_customers = raw.iter().filter(|v| v.get("customers").is_none()).count();
    assert!(
        with_null > 0 && without_customers > 0,
        "{with_null} {without_customers}"
    );
    for (conv, v) in got.iter().zip(&raw) {
        // Three ids, three values: the page customer's (`customers[0].id`
        // = `page_customer.id`), the global one (top-level `customer_id`),
        // the PSID (`from.id`), each kept where it belongs.
        let c = &conv.customer;
        assert_eq!(
            c.page_customer_id.as_deref(),
            v["page_customer"]["id"].as_str(),
            "{v}"
        );
        assert_eq!(c.global_id.as_deref(), v["customer_id"].as_str(), "{v}");
        assert_eq!(c.psid.as_deref(), v["from"]["id"].as_str(), "{v}");
        assert_ne!(c.page_customer_id, c.global_id);
        assert_ne!(c.page_customer_id, c.psid);
        assert_eq!(c.messages_id(), c.page_customer_id.as_deref());
        assert!(!conv.tags.iter().any(|t| t.as_str().is_empty()));
    }
}

#[tokio::test]
async fn messages_are_asked_with_the_customer_uuid_or_without_it_never_with_the_psid() {
    let sim = sim(100).await;
    let c = client(&sim);
    let api = main_page(&sim, &c);
    let convs = api
        .conversations(&ConversationQuery::default(), None)
        .await
        .unwrap();
    let conv = &convs[0];
    sim.clear_requests();
    let with = api
        .messages(&conv.id, conv.customer.messages_id(), None)
        .await
        .unwrap();
    let without = api.messages(&conv.id, None, None).await.unwrap();
    assert!(!with.is_empty());
    assert_eq!(with, without, "customer_id is optional");
    let log = sim.requests();
    let sent: Vec<Option<&str>> = log
        .iter()
        .map(|r| {
            r.query
                .iter()
                .find(|(k, _)| k == "customer_id")
                .map(|(_, v)| v.as_str())
        })
        .collect();
    assert_eq!(sent, [conv.customer.messages_id(), None]);
    // The global id is taken too.
    let global = conv.customer.global_id.clone().unwrap();
    let by_global = api.messages(&conv.id, Some(&global), None).await.unwrap();
    assert_eq!(by_global, with);
    // The PSID is refused as Pancake refuses it: 200 + success:false.
    let psid = conv.customer.psid.clone().unwrap();
    let e = api.messages(&conv.id, Some(&psid), None).await.unwrap_err();
    assert!(matches!(e, ApiError::Failed { .. }), "{e}");
    assert!(e.to_string().contains("customer not found"), "{e}");
}

#[tokio::test]
async fn a_revoked_page_token_is_generated_anew_once_from_the_user_token() {
    let sim = sim(50).await;
    let c = client(&sim);
    let main = sim.main_page();
    let user = c.user(SecretString::from(sim.user_token()));
    let id = PageId::new(main.id.clone());
    let token = user.generate_page_token(&id).await.unwrap();
    let renewable = c.page_renewable(id.clone(), token.clone(), user);
    let plain = c.page(id, token);
    assert!(!renewable.tags().await.unwrap().is_empty());
    sim.revoke_page_token(&main.id).unwrap();
    sim.clear_requests();

    // Without a user token: the rejection, saying which variable to fix.
    let e = plain.tags().await.unwrap_err();
    assert!(e.is_page_token_rejected(), "{e}");
    assert_eq!(
        e.to_string(),
        "token rejected by Pancake (error 105): check PANCAKE_PAGE_ACCESS_TOKEN"
    );
    // With one: a new token, and the call made again.
    sim.clear_requests();
    assert!(!renewable.tags().await.unwrap().is_empty());
    let paths: Vec<String> = sim.requests().iter().map(|r| r.path.clone()).collect();
    assert_eq!(paths.len(), 3, "{paths:?}");
    assert!(
        paths[1].ends_with("/generate_page_access_token"),
        "{paths:?}"
    );
    // Next calls use the new token: no more renewals.
    sim.clear_requests();
    renewable.tags().await.unwrap();
    assert_eq!(sim.requests().len(), 1);
}

#[tokio::test]
async fn an_expired_subscription_and_an_expired_user_token_say_what_to_do() {
    let sim = sim(20).await;
    let c = client(&sim);
    let api = main_page(&sim, &c);
    let main = sim.main_page();
    assert!(sim.expire_subscription(&main.id, true));
    let e = api
        .conversations(&ConversationQuery::default(), None)
        .await
        .unwrap_err();
    assert!(matches!(e, ApiError::SubscriptionExpired { .. }), "{e}");
    assert!(e.to_string().contains("renew it in Pancake"), "{e}");
    assert_eq!(sim.requests().len(), 1, "not retried");
    sim.expire_subscription(&main.id, false);
    sim.expire_user_token(true);
    let e = c
        .user(SecretString::from(sim.user_token()))
        .pages()
        .await
        .unwrap_err();
    assert_eq!(e, ApiError::UserTokenExpired);
    assert!(e.to_string().contains("PANCAKE_ACCESS_TOKEN"));
}

#[tokio::test]
async fn a_rate_limit_inside_http_200_is_waited_out_like_a_429() {
    let sim = sim(20).await;
    let c = client(&sim);
    let api = main_page(&sim, &c);
    sim.set_faults(Faults {
        storm_429: true,
        body_errors: 1.0,
        ..Faults::default()
    });
    let e = api.tags().await.unwrap_err();
    assert_eq!(e, ApiError::RateLimited { attempts: 4 });
    assert!(e.is_transient() && e.never_arrived());
    let log = sim.requests();
    assert_eq!(log.len(), 4, "the first try and three retries");
    assert!(log.iter().all(|r| r.status == 200 && r.rate_limited()));
    // The storm passes while the client waits: the call succeeds.
    sim.clear_requests();
    let patient = Client::new(ClientConfig {
        base_url: sim.base_url(),
        rate_limit: 0,
        retry: RetryPolicy {
            delays: vec![Duration::from_millis(500); 3],
        },
        ..ClientConfig::default()
    })
    .unwrap();
    let api2 = main_page(&sim, &patient);
    let call = tokio::spawn(async move { api2.tags().await });
    let deadline = tokio::time::Instant::now() + Duration::from_secs(30);
    while sim.requests().is_empty() {
        assert!(tokio::time::Instant::now() < deadline, "no request arrived");
        tokio::time::sleep(Duration::from_millis(2)).await;
    }
    sim.set_faults(Faults {
        body_errors: 1.0,
        ..Faults::default()
    });
    assert!(!call.await.unwrap().unwrap().is_empty());
}

#[tokio::test]
async fn facebook_refusals_of_a_reply_are_told_apart_and_never_resent_by_the_client() {
    let sim = sim(300).await;
    let c = client(&sim);
    let api = main_page(&sim, &c);
    let pid = sim.main_page().id;
    let inbox = |open: bool| {
        sim.conversation_ids(&pid)
            .into_iter()
            .find(|id| {
                sim.conversation_json(&pid, id).unwrap()["type"] == "INBOX"
                    && sim.reply_window_open(&pid, id) == Some(open)
            })
            .map(ConversationId::new)
            .expect("such a conversation")
    };
    let reply = Reply::Inbox {
        message: "Dạ shop gửi ạ".into(),
    };
    sim.clear_requests();
    let e = api.send(&inbox(false), &reply).await.unwrap_err();
    assert!(matches!(e, ApiError::OutsideWindow { .. }), "{e}");
    assert!(!e.is_transient(), "never retried by itself");
    assert!(
        e.to_string().starts_with(
            "Facebook allows replies only within 24 h of the customer's last message; \
             a private reply or a tag for follow-up may help"
        ),
        "{e}"
    );
    assert!(
        e.to_string().contains("(#10)"),
        "Pancake's words follow: {e}"
    );
    assert_eq!(sim.requests().len(), 1, "sent once");

    let open = inbox(true);
    assert!(sim.refuse_sends(&pid, open.as_str(), Some((551, 0))));
    let e = api.send(&open, &reply).await.unwrap_err();
    assert!(matches!(e, ApiError::CustomerUnavailable { .. }), "{e}");
    assert!(sim.refuse_sends(&pid, open.as_str(), Some((613, 3_252_001))));
    let e = api.send(&open, &reply).await.unwrap_err();
    assert!(matches!(e, ApiError::FacebookRateLimited { .. }), "{e}");
    assert!(
        !e.never_arrived(),
        "a reply waits for the agent: resending at each poll would press Facebook's limit"
    );
    sim.refuse_sends(&pid, open.as_str(), None);
    assert!(api.send(&open, &reply).await.is_ok());
}

#[tokio::test]
async fn a_private_reply_answered_as_failed_may_have_been_sent() {
    let sim = sim(300).await;
    let c = client(&sim);
    let api = main_page(&sim, &c);
    let pid = sim.main_page().id;
    // A comment conversation whose newest comment is recent enough.
    let now = pancake_tui::api::UnixSeconds::now().0;
    let (conv, comment, from) = sim
        .conversation_ids(&pid)
        .into_iter()
        .find_map(|id| {
            let v = sim.conversation_json(&pid, &id).unwrap();
            if v["type"] != "COMMENT" {
                return None;
            }
            let msgs = sim.messages_json(&pid, &id);
            let m = msgs
                .iter()
                .rev()
                .find(|m| m["from"]["id"] != pid.as_str())?;
            let at = pancake_tui::api::UnixSeconds::parse(m["inserted_at"].as_str()?)?;
            (now - at.0 < 6 * 86_400).then(|| {
                (
                    id.clone(),
                    m["id"].as_str().unwrap().to_owned(),
                    m["from"]["id"].as_str().unwrap().to_owned(),
                )
            })
        })
        .expect("a recent comment");
    sim.set_faults(Faults {
        ghost_private_replies: true,
        ..Faults::default()
    });
    let conv = ConversationId::new(conv);
    let post_id = sim.conversation_json(&pid, conv.as_str()).unwrap()["post_id"]
        .as_str()
        .unwrap()
        .to_owned();
    let text = "Shop nhắn riêng chị nhé";
    let e = api
        .send(
            &conv,
            &Reply::Private {
                post_id,
                message_id: comment,
                from_id: from,
                message: text.into(),
            },
        )
        .await
        .unwrap_err();
    assert!(matches!(e, ApiError::MaybeSent { .. }), "{e}");
    assert!(
        !e.is_transient() && !e.never_arrived(),
        "never resent without the agent"
    );
    assert!(e.to_string().contains("may have been sent"), "{e}");
    // And indeed it was.
    assert!(
        sim.messages_json(&pid, conv.as_str())
            .iter()
            .any(|m| m["original_message"] == text)
    );
}

#[tokio::test]
async fn a_refused_connection_fails_background_sync_at_once_and_actions_retry() {
    let sim = sim(10).await;
    let c = client(&sim);
    let api = main_page(&sim, &c);
    sim.shutdown().await;
    use std::sync::atomic::Ordering;
    // The sync says "offline" at the first refusal: its own back-off follows.
    let e = api
        .background()
        .conversations(&ConversationQuery::default(), None)
        .await
        .unwrap_err();
    assert!(
        matches!(e, ApiError::Unreachable { .. }) && e.is_offline(),
        "{e}"
    );
    assert_eq!(c.stats().requests.load(Ordering::Relaxed), 1, "not retried");
    // What the agent asked for is tried again on the schedule.
    let e = api.tags().await.unwrap_err();
    assert!(e.is_offline(), "{e}");
    assert_eq!(c.stats().requests.load(Ordering::Relaxed), 1 + 4);
}

//! The store contract: what the data layer guarantees, the same checks on
//! every backend. SQLite always runs (a temporary file); PostgreSQL runs
//! when `RACI_TEST_POSTGRES_URL` names a server where the test may create
//! databases (each test gets a fresh one; `scripts/with-postgres.sh` starts
//! one). The rules of the service are the application layer's and tested there.

mod accounts;
mod audit;
mod catalog;
mod harness;
mod mail;
mod notify;
mod open;
mod schema;
mod subscriptions;
mod workflow;

use harness::Harness;

/// Instantiates each check once per backend.
macro_rules! contract {
    ($($module:ident :: $check:ident),* $(,)?) => {
        mod sqlite {
            $(
                #[tokio::test(flavor = "multi_thread", worker_threads = 4)]
                async fn $check() {
                    let h = crate::Harness::sqlite().await;
                    crate::$module::$check(&h).await;
                }
            )*
        }
        mod postgres {
            $(
                #[tokio::test(flavor = "multi_thread", worker_threads = 4)]
                async fn $check() {
                    let Some(h) = crate::Harness::postgres().await else { return };
                    crate::$module::$check(&h).await;
                }
            )*
        }
    };
}

contract!(
    accounts::organizations_users_and_unique_emails,
    accounts::tokens_and_sessions_live_until_revoked_or_expired,
    accounts::login_failures_are_counted_by_key,
    accounts::teams_and_members,
    catalog::services_and_numbered_editions,
    subscriptions::duties_keep_typed_roles_and_sections,
    subscriptions::moves_are_guarded_by_the_state_read,
    subscriptions::owners_are_replaced_per_column,
    subscriptions::migration_swaps_activity_ids,
    subscriptions::recurring_duties_reopen_once,
    workflow::evidence_keeps_hash_size_and_bytes,
    workflow::consultation_rounds_and_single_answers,
    audit::chain_verifies_and_detects_tampering,
    audit::chain_detects_a_removed_tail,
    audit::concurrent_appends_keep_one_chain,
    audit::entries_are_filtered_and_paged,
    notify::events_fan_out_to_inboxes_and_active_webhooks,
    notify::claims_hold_a_lease_and_failures_reschedule,
    notify::a_rolled_back_writer_leaves_nothing,
    mail::preferences_start_unset_and_are_kept,
    mail::notices_are_mailed_as_each_user_chose,
    mail::a_digest_is_made_once_per_user_and_window,
    mail::one_claim_wins_and_failures_reschedule,
    mail::old_news_expires_and_alerts_are_recorded_once,
);

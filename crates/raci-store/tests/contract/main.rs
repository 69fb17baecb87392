//! The store contract: the same checks against every backend. SQLite always
//! runs (a temporary file); PostgreSQL runs when `RACI_TEST_POSTGRES_URL`
//! names a server where the test may create databases (each test gets a
//! fresh one). `scripts/with-postgres.sh cargo test -p raci-store` starts one.

mod accounts;
mod audit;
mod catalog;
mod changes;
mod duties;
mod harness;
mod notify;
mod orgs;
mod tenancy;
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
    orgs::organizations_and_users,
    orgs::api_tokens,
    catalog::services_and_editions,
    catalog::subscribe_instantiates_duties,
    duties::state_machine,
    duties::invalid_transition_is_refused_and_not_audited,
    audit::chain_verifies_and_detects_tampering,
    audit::chain_detects_a_removed_tail,
    audit::concurrent_appends_keep_one_chain,
    tenancy::export_then_import_into_another_instance,
    tenancy::import_refuses_a_tampered_or_unknown_archive,
    tenancy::purge_destroys_the_organization_and_nothing_else,
    tenancy::every_table_is_declared_for_tenancy,
    tenancy::a_provider_travels_with_its_catalog,
    workflow::owners_and_teams,
    workflow::flow_signed_off_by_the_other_org,
    workflow::an_objection_sends_the_duty_back,
    workflow::without_a_submit_ends_done_and_i_hears,
    workflow::a_recurring_duty_reopens_with_its_history,
    workflow::evidence_keeps_hash_and_size,
    notify::inbox_is_per_user,
    notify::events_fan_out_to_active_webhooks,
    notify::claims_hold_a_lease,
    notify::failures_back_off_then_give_up,
    accounts::sessions,
    accounts::login_failures_throttle,
    accounts::roles_and_tokens,
    changes::notices_are_published_and_accepted,
    changes::newer_notice_supersedes_and_skips_an_edition,
    changes::events_become_routed_duties,
);

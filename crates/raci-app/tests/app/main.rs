//! The use cases of the service, with who may do them and what is valid,
//! on every backend: SQLite always, PostgreSQL when `RACI_TEST_POSTGRES_URL`
//! is set (`scripts/with-postgres.sh`).

mod accounts;
mod audit;
mod catalog;
mod changes;
mod flow;
mod mail;
mod notify;
mod scene;
mod tenancy;
mod work;

/// Instantiates each check once per backend; a check takes a fresh world.
macro_rules! on_both {
    ($($module:ident :: $check:ident),* $(,)?) => {
        mod sqlite {
            $(
                #[tokio::test(flavor = "multi_thread", worker_threads = 4)]
                async fn $check() {
                    let w = raci_app::test_support::World::on("sqlite").await.unwrap();
                    crate::$module::$check(w).await;
                }
            )*
        }
        mod postgres {
            $(
                #[tokio::test(flavor = "multi_thread", worker_threads = 4)]
                async fn $check() {
                    let Some(w) = raci_app::test_support::World::on("postgres").await else { return };
                    crate::$module::$check(w).await;
                }
            )*
        }
    };
}

on_both!(
    flow::owners_and_teams,
    flow::flow_signed_off_by_the_other_org,
    flow::an_objection_sends_the_duty_back,
    flow::without_an_a_it_ends_done_and_i_hears,
    flow::a_recurring_duty_reopens_with_its_history,
    flow::evidence_is_checked_and_kept_with_its_hash,
    flow::others_see_nothing_and_auditors_only_read,
    catalog::services_editions_and_forms,
    catalog::publication_is_lint_gated,
    catalog::subscriptions_and_their_counts,
    changes::a_new_edition_notifies_and_migrates,
    changes::events_become_routed_duties,
    accounts::login_sessions_and_throttle,
    accounts::users_roles_passwords_and_tokens,
    audit::the_trail_is_paged_filtered_and_verified,
    notify::webhooks_are_signed_retried_and_given_up,
    mail::preferences_are_each_users_own,
    mail::a_new_r_owner_is_told_and_mailed,
    tenancy::export_import_and_purge,
    work::work_waits_on_r_a_and_c_owners_overdue_first,
    work::boards_and_duty_pages_name_phases_owners_and_actors,
    work::an_edition_s_matrix_is_read_with_its_findings,
    work::a_notice_s_page_says_who_may_accept_it,
);

//! The pages, through the router, on every backend: SQLite always,
//! PostgreSQL when `RACI_TEST_POSTGRES_URL` is set (`scripts/with-postgres.sh`).
//! Each check reads what a page shows (an HTML parser) for each role.

mod access;
mod audit;
mod board;
mod catalog;
mod duty;
mod inbox;
mod login;
mod notices;
mod support;
mod work;

/// Instantiates each check once per backend; a check takes a fresh world.
macro_rules! on_both {
    ($($module:ident :: $check:ident),* $(,)?) => {
        mod sqlite {
            $(
                #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
                async fn $check() {
                    let w = raci_app::test_support::World::on("sqlite").await.unwrap();
                    crate::$module::$check(w).await;
                }
            )*
        }
        mod postgres {
            $(
                #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
                async fn $check() {
                    let Some(w) = raci_app::test_support::World::on("postgres").await else { return };
                    crate::$module::$check(w).await;
                }
            )*
        }
    };
}

on_both!(
    login::login_logout_and_language,
    login::every_answer_is_guarded,
    work::my_work_lists_what_waits_on_each_role,
    inbox::the_inbox_tells_and_is_marked_read,
    audit::the_audit_log_is_read_filtered_and_verified,
    notices::a_notice_shows_the_moves_and_the_admin_accepts_it,
    board::the_board_lists_counts_and_filters,
    catalog::the_catalog_and_an_edition_s_matrix,
    duty::a_duty_walks_from_r_through_c_to_a,
    duty::the_page_offers_only_what_the_role_may_do,
    access::every_route_hides_others_and_asks_for_a_login,
);

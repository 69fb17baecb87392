//! The store contract: the same checks against every backend. SQLite always
//! runs (a temporary file); PostgreSQL runs when `RACI_TEST_POSTGRES_URL`
//! names a server where the test may create databases (each test gets a
//! fresh one). `scripts/with-postgres.sh cargo test -p raci-store` starts one.

mod audit;
mod catalog;
mod duties;
mod harness;
mod orgs;

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
);

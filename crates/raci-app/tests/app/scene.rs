//! A subscription with users of both sides and one duty per letter pattern.

use raci_app::test_support::{Cast, World};
use raci_app::views::DutyView;
use raci_app::{AppError, Caller, DutyFilter, ErrorCode};

/// Letters per row: "Rotate the keys" customer R, provider C and A (consulted
/// and signed off by the other organization); "Restore a backup" customer
/// RA, provider I; "Clean the logs" customer R, provider I (no A, no C).
pub const MATRIX: &str =
    "---\ntitle: Queue - Responsibility model\nupdated: 2024-03-18\nlang: en\n---\n\n\
### 1. Running the service\n\n\
| Activity | Customer | Nimbus |\n| --- | --- | --- |\n\
| Rotate the keys | R | AC |\n\
| Restore a backup | RA | I |\n\
| Clean the logs | R | I |\n";

/// The cast of a subscription (its callers and ids, through `Deref`) and
/// its duties.
pub struct Scene {
    pub w: World,
    pub cast: Cast,
    pub duties: Vec<DutyView>,
}

impl std::ops::Deref for Scene {
    type Target = Cast;

    fn deref(&self) -> &Cast {
        &self.cast
    }
}

impl Scene {
    pub async fn new(w: World) -> Scene {
        let cast = w.cast(MATRIX).await;
        let duties = w
            .app
            .duties(&cast.c_admin, cast.subscription, &DutyFilter::default())
            .await
            .unwrap();
        Scene { w, cast, duties }
    }

    /// The duty whose text starts with `start`.
    pub fn duty(&self, start: &str) -> i64 {
        self.duties
            .iter()
            .find(|d| d.text.starts_with(start))
            .unwrap_or_else(|| panic!("no duty {start:?}"))
            .id
    }

    /// How many inbox items of `kind` a caller has.
    pub async fn inbox(&self, who: &Caller, kind: &str) -> usize {
        self.w
            .app
            .inbox(who, false)
            .await
            .unwrap()
            .iter()
            .filter(|i| i.kind == kind)
            .count()
    }

    /// Every chain of the instance holds.
    pub async fn chains_hold(&self) {
        for org in self.w.app.organizations().await.unwrap() {
            let report = self.w.app.chain_report(org.id).await.unwrap();
            assert!(report.ok, "chain of {}: {:?}", org.name, report.broken);
        }
    }
}

/// The code and field of a refusal.
pub fn refusal<T: std::fmt::Debug>(r: Result<T, AppError>) -> (ErrorCode, Option<String>) {
    match r {
        Err(e) => (e.code, e.field),
        Ok(v) => panic!("expected a refusal, got {v:?}"),
    }
}

pub fn code<T: std::fmt::Debug>(r: Result<T, AppError>) -> ErrorCode {
    refusal(r).0
}

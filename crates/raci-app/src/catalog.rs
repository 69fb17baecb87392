//! A provider's catalog: services, the publication of a matrix as the next
//! immutable edition (lint-gated, with the diff and a change notice per
//! subscription written in the same transaction), and reading editions in
//! every form raci writes.

use std::collections::BTreeMap;

use raci_ingest::InputFormat;
use raci_lint::Severity;
use raci_model::Document;
use raci_store::{prelude::*, EditionDiff, NewNotice, Notice, OrgKind, Service};
use serde::{Deserialize, Serialize};
use serde_json::json;
use utoipa::ToSchema;

use crate::notices::plan::{self, NoticePlan};
use crate::policy::roles;
use crate::scope;
use crate::validate::{self, Described, Rule};
use crate::views::{
    DiffChangeView, DocumentView, EditionDiffView, EditionRef, EditionView, NotificationPayload,
    OrgRef, PublishChanges, PublishedView, ServiceView,
};
use crate::{now, App, AppError, AppResult, Caller, ErrorCode, LintFinding};

/// A new service of the caller's provider organization.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct NewService {
    /// Lower-case letters, digits and `-`, unique per provider.
    pub slug: String,
    pub name: String,
}

impl Described for NewService {
    const RULES: &'static [(&'static str, Rule)] =
        &[("slug", validate::SLUG), ("name", validate::NAME)];
}

/// A matrix to publish, as uploaded.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PublishInput {
    pub bytes: Vec<u8>,
    /// The input format; detected from the content when none.
    pub format: Option<InputFormat>,
    /// Publish even with error-level lint findings.
    pub force: bool,
}

/// The forms an edition is read in.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
#[serde(rename_all = "lowercase")]
pub enum EditionFormat {
    /// The canonical `raci/v1` JSON.
    #[default]
    Json,
    /// Normalized Markdown.
    Md,
    /// One row per activity.
    Csv,
    /// An Excel workbook, one row per activity.
    Xlsx,
    /// An OSCAL component definition.
    Oscal,
}

/// An edition rendered in one form.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Rendered {
    pub media_type: &'static str,
    pub file_name: String,
    pub bytes: Vec<u8>,
}

/// A stored edition's document; an unreadable one is a fault of ours.
pub(crate) fn document_of(edition: &raci_store::Edition) -> AppResult<Document> {
    Document::from_json(&edition.document_json)
        .map_err(|e| AppError::internal(format!("edition {} is unreadable: {e}", edition.id)))
}

fn finding(d: &raci_lint::Diagnostic) -> LintFinding {
    LintFinding {
        code: d.code.clone(),
        name: d.name.clone(),
        message: d.message.clone(),
        line: d.span.line,
        activity: d.activity.clone(),
    }
}

/// Reads and lints a matrix: its document and the findings that do not
/// refuse it; error-level findings refuse it unless forced.
pub fn read_matrix(input: &PublishInput) -> AppResult<(Document, Vec<LintFinding>)> {
    if input.bytes.is_empty() {
        return Err(AppError::invalid("body", "the matrix is empty"));
    }
    let document = raci_ingest::parse(&input.bytes, input.format, None)
        .map_err(|e| AppError::invalid("body", e.to_string()))?;
    if document.activities.is_empty() {
        return Err(AppError::invalid(
            "body",
            "no activity was found in the matrix",
        ));
    }
    let diagnostics = raci_lint::lint(&document, &raci_lint::Config::default());
    let (errors, others): (Vec<_>, Vec<_>) = diagnostics
        .iter()
        .partition(|d| d.severity == Severity::Error);
    if !errors.is_empty() && !input.force {
        return Err(AppError {
            field: Some("body".to_owned()),
            findings: errors.iter().map(|d| finding(d)).collect(),
            ..AppError::new(
                ErrorCode::LintErrors,
                format!(
                    "the matrix has {} error-level lint finding(s); fix them or publish with force",
                    errors.len()
                ),
            )
        });
    }
    Ok((document, others.iter().map(|d| finding(d)).collect()))
}

impl App {
    async fn service_view(&self, r: &mut dyn Reads, s: Service) -> AppResult<ServiceView> {
        let provider = r.organization(s.provider).await?;
        let editions = r.editions(s.id).await?;
        Ok(ServiceView {
            latest_edition: editions.last().map(|e| EditionRef {
                id: e.id,
                number: e.number,
            }),
            editions: i64::try_from(editions.len()).unwrap_or(i64::MAX),
            provider: OrgRef::from(&provider),
            id: s.id,
            slug: s.slug,
            name: s.name,
            created_at: s.created_at,
        })
    }

    /// A provider's admin adds a service to its catalog.
    pub async fn create_service(
        &self,
        caller: &Caller,
        input: NewService,
    ) -> AppResult<ServiceView> {
        roles::require_kind(caller, OrgKind::Provider)?;
        roles::require_admin(caller)?;
        let slug = validate::SLUG.check("slug", &input.slug)?;
        let name = validate::NAME.check("name", &input.name)?;
        let mut w = self.store.write().await?;
        let s = w.create_service(caller.org.id, &slug, &name).await?;
        let details = json!({"slug": s.slug, "name": s.name});
        let subject = format!("service:{}", s.id);
        w.append_audit(
            caller.org.id,
            &caller.actor(),
            "service.create",
            &subject,
            &details,
        )
        .await?;
        let view = self.service_view(&mut *w, s).await?;
        w.commit().await?;
        Ok(view)
    }

    /// A provider sees its own services; a customer sees the whole catalog.
    pub async fn services(&self, caller: &Caller) -> AppResult<Vec<ServiceView>> {
        let provider = (caller.org.kind == OrgKind::Provider).then_some(caller.org.id);
        let mut r = self.store.read().await?;
        let mut views = Vec::new();
        for s in r.services(provider).await? {
            views.push(self.service_view(&mut *r, s).await?);
        }
        Ok(views)
    }

    pub async fn service(&self, caller: &Caller, id: i64) -> AppResult<ServiceView> {
        let mut r = self.store.read().await?;
        let s = scope::service(&mut *r, caller, id).await?;
        self.service_view(&mut *r, s).await
    }

    /// A service's editions, oldest first.
    pub async fn editions(&self, caller: &Caller, service: i64) -> AppResult<Vec<EditionView>> {
        let mut r = self.store.read().await?;
        scope::service(&mut *r, caller, service).await?;
        r.editions(service)
            .await?
            .iter()
            .map(|e| Ok(EditionView::of(e, &document_of(e)?)))
            .collect()
    }

    /// One edition's metadata.
    pub async fn edition(
        &self,
        caller: &Caller,
        service: i64,
        number: i64,
    ) -> AppResult<EditionView> {
        let mut r = self.store.read().await?;
        scope::service(&mut *r, caller, service).await?;
        let e = r.edition_by_number(service, number).await?;
        Ok(EditionView::of(&e, &document_of(&e)?))
    }

    /// One edition's matrix, as canonical JSON.
    pub async fn edition_document(
        &self,
        caller: &Caller,
        service: i64,
        number: i64,
    ) -> AppResult<DocumentView> {
        let mut r = self.store.read().await?;
        scope::service(&mut *r, caller, service).await?;
        let e = r.edition_by_number(service, number).await?;
        Ok(DocumentView::from(&document_of(&e)?))
    }

    /// One edition's matrix in one of the forms raci writes.
    pub async fn render_edition(
        &self,
        caller: &Caller,
        service: i64,
        number: i64,
        format: EditionFormat,
    ) -> AppResult<Rendered> {
        let mut r = self.store.read().await?;
        let s = scope::service(&mut *r, caller, service).await?;
        let e = r.edition_by_number(service, number).await?;
        let doc = document_of(&e)?;
        let base = format!("{}-edition-{}", s.slug, e.number);
        let (media_type, ext, bytes) = match format {
            EditionFormat::Json => (
                "application/json",
                "json",
                serde_json::to_vec_pretty(&DocumentView::from(&doc)).map_err(AppError::internal)?,
            ),
            EditionFormat::Md => (
                "text/markdown; charset=utf-8",
                "md",
                raci_render::markdown::write(&doc).into_bytes(),
            ),
            EditionFormat::Csv => (
                "text/csv; charset=utf-8",
                "csv",
                raci_render::csv::write(&doc)
                    .map_err(AppError::internal)?
                    .into_bytes(),
            ),
            EditionFormat::Xlsx => (
                "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
                "xlsx",
                raci_render::xlsx::write(&doc).map_err(AppError::internal)?,
            ),
            EditionFormat::Oscal => (
                "application/json",
                "oscal.json",
                serde_json::to_vec_pretty(&raci_oscal::to_oscal(&doc))
                    .map_err(AppError::internal)?,
            ),
        };
        Ok(Rendered {
            media_type,
            file_name: format!("{base}.{ext}"),
            bytes,
        })
    }

    /// The diff of an edition against the one before it, computed on publish.
    pub async fn edition_diff(
        &self,
        caller: &Caller,
        service: i64,
        number: i64,
    ) -> AppResult<EditionDiffView> {
        let mut r = self.store.read().await?;
        scope::service(&mut *r, caller, service).await?;
        let e = r.edition_by_number(service, number).await?;
        let stored = r.edition_diff(e.id).await?.ok_or_else(|| {
            AppError::not_found(format!("edition {number} is the first; it has no diff"))
        })?;
        let previous_number = r.edition(stored.previous).await?.number;
        #[derive(Deserialize)]
        struct StoredDiff {
            changes: Vec<DiffChangeView>,
        }
        let diff: StoredDiff = serde_json::from_str(&stored.diff_json).map_err(|e| {
            AppError::internal(format!("stored diff of edition {}: {e}", stored.edition))
        })?;
        let count = |k| diff.changes.iter().filter(|c| c.kind == k).count();
        use crate::views::ChangeKind::*;
        let summary = crate::views::DiffSummary {
            unchanged: count(Unchanged),
            changed: count(Changed),
            role_changes: diff
                .changes
                .iter()
                .filter(|c| c.kind == Changed && !c.roles.is_empty())
                .count(),
            added: count(Added),
            removed: count(Removed),
        };
        Ok(EditionDiffView {
            edition: e.id,
            number,
            previous_number,
            summary,
            changes: diff.changes,
        })
    }

    /// A provider's admin publishes a matrix, in any format raci reads, as
    /// the service's next edition. From the second edition on, the diff with
    /// the previous one is kept and every subscription gets a change notice
    /// computed from the edition it is bound to, all in one transaction.
    pub async fn publish(
        &self,
        caller: &Caller,
        service: i64,
        input: PublishInput,
    ) -> AppResult<PublishedView> {
        roles::require_kind(caller, OrgKind::Provider)?;
        {
            let mut r = self.store.read().await?;
            scope::service(&mut *r, caller, service).await?;
        }
        roles::require_admin(caller)?;
        let (document, findings) = read_matrix(&input)?;
        // Align outside the transaction; inside it, the edition aligned
        // against must still be the latest, and every bound edition covered.
        let mut r = self.store.read().await?;
        let previous = r.latest_edition(service).await?;
        let mut plans: BTreeMap<i64, NoticePlan> = BTreeMap::new();
        let mut diff_json = None;
        let mut changes = None;
        if let Some(previous) = &previous {
            let previous_doc = document_of(previous)?;
            let diff = raci_align::diff(
                &previous_doc,
                &document,
                &raci_align::align(&previous_doc, &document),
            );
            diff_json = Some(serde_json::to_string(&diff).map_err(AppError::internal)?);
            plans.insert(
                previous.id,
                plan::notice_plan(previous.id, &document, &diff),
            );
            changes = Some((previous.number, plan::summary(&diff)));
            for sub in r.service_subscriptions(service).await? {
                if plans.contains_key(&sub.edition) {
                    continue;
                }
                let older = document_of(&r.edition(sub.edition).await?)?;
                let diff =
                    raci_align::diff(&older, &document, &raci_align::align(&older, &document));
                plans.insert(
                    sub.edition,
                    plan::notice_plan(sub.edition, &document, &diff),
                );
            }
        }
        drop(r);
        let mut w = self.store.write().await?;
        w.lock_service(service).await?;
        let latest = w.latest_edition(service).await?.map(|e| e.id);
        if latest != previous.as_ref().map(|e| e.id) {
            return Err(AppError::conflict(
                "another edition of this service was published meanwhile; publish again",
            ));
        }
        let actor = caller.actor();
        let edition = w.insert_edition(service, &document.to_json()).await?;
        let details = json!({"service": service, "number": edition.number, "content_hash": edition.content_hash});
        let subject = format!("edition:{}", edition.id);
        w.append_audit(caller.org.id, &actor, "edition.publish", &subject, &details)
            .await?;
        let mut notices = 0;
        if let (Some(previous), Some(diff_json)) = (&previous, diff_json) {
            w.insert_edition_diff(&EditionDiff {
                edition: edition.id,
                previous: previous.id,
                diff_json,
            })
            .await?;
            for sub in w.service_subscriptions(service).await? {
                let plan = plans.get(&sub.edition).ok_or_else(|| {
                    AppError::conflict(format!(
                        "subscription {} moved to another edition meanwhile; publish again",
                        sub.id
                    ))
                })?;
                self.write_notice(&mut *w, &actor, &sub, caller.org.id, &edition, plan)
                    .await?;
                notices += 1;
            }
        }
        w.commit().await?;
        Ok(PublishedView {
            edition: EditionView::of(&edition, &document),
            changes: changes.map(|(number, summary)| PublishChanges {
                previous: number,
                summary,
                notices,
            }),
            findings,
        })
    }

    /// Writes one subscription's notice (superseding its pending ones), its
    /// entries naming the duties concerned, and tells the customer's admins.
    async fn write_notice(
        &self,
        w: &mut dyn Writes,
        actor: &str,
        sub: &raci_store::Subscription,
        provider: i64,
        to: &raci_store::Edition,
        plan: &NoticePlan,
    ) -> AppResult<()> {
        let now = now();
        w.supersede_notices(sub.id, now).await?;
        let mut entries = plan.entries.clone();
        for entry in &mut entries {
            if let Some(old) = &entry.old_activity {
                entry.duty = w.live_duty(sub.id, old).await?.map(|d| d.id);
            }
        }
        let entries_json = serde_json::to_string(&entries).map_err(AppError::internal)?;
        let notice = w
            .insert_change_notice(
                &NewNotice {
                    subscription: sub.id,
                    from_edition: plan.from_edition,
                    to_edition: to.id,
                    entries_json,
                    migration: plan.steps.clone(),
                },
                now,
            )
            .await?;
        let subject = format!("change_notice:{}", notice.id);
        let count = i64::try_from(entries.len()).unwrap_or(i64::MAX);
        let details = json!({
            "subscription": sub.id, "from_edition": plan.from_edition, "to_edition": to.id,
            "to_number": to.number, "entries": count,
        });
        let payload = NotificationPayload {
            subscription: Some(sub.id),
            change_notice: Some(notice.id),
            to_number: Some(to.number),
            entries: Some(count),
            ..NotificationPayload::default()
        };
        let payload_json = serde_json::to_string(&payload).map_err(AppError::internal)?;
        let recipients = scope::admins(&mut *w, sub.customer).await?;
        w.notify(
            Notice {
                org: sub.customer,
                recipients: &recipients,
                kind: "change_notice",
                subject: &subject,
                payload_json: &payload_json,
            },
            now,
        )
        .await?;
        for org in [sub.customer, provider] {
            w.append_audit(org, actor, "change_notice.create", &subject, &details)
                .await?;
        }
        Ok(())
    }
}

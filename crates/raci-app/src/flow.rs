//! The flow of a duty: the R owner starts it, attaches evidence and submits
//! it; each C owner agrees or objects; the A owner signs it off or sends it
//! back; the I owners are told when it is done. An A owner (or an admin of
//! the R column's organization) may mark it not applicable or schedule it.
//!
//! Each step reads the duty and its ownership in the transaction that
//! writes the step, so that a step and the rule it relies on are decided on
//! the same data.

use raci_store::{
    prelude::*, Answer, Decision, DutyState, EvidenceContent, Letter, NewEvidence, Recurrence,
};
use serde::{Deserialize, Serialize};
use serde_json::json;
use utoipa::ToSchema;

use crate::policy::duty::DutyScope;
use crate::policy::{roles, state::transition_allowed};
use crate::scope::{self, record, tell};
use crate::validate::{self, Described, Rule};
use crate::views::{DutyView, EvidenceView};
use crate::{now, App, AppError, AppResult, Caller};

/// Text or a link attached as evidence (files are uploaded as bytes).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum EvidenceInput {
    /// A statement, a procedure, a log excerpt.
    #[schema(title = "TextEvidence")]
    Text { text: String },
    /// Where the evidence is kept: an `http` or `https` URL.
    #[schema(title = "LinkEvidence")]
    Link { url: String },
}

impl Described for EvidenceInput {
    const RULES: &'static [(&'static str, Rule)] =
        &[("text", validate::TEXT_EVIDENCE), ("url", validate::URL)];
}

/// A file attached as evidence; its size is checked against the limit
/// before it is read whole.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FileEvidence {
    pub name: String,
    pub media_type: Option<String>,
    pub bytes: Vec<u8>,
}

/// A C owner's answer: `agree` (a comment is optional) or `object` (a
/// comment says why, and the duty goes back to its R owner).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
#[serde(tag = "answer", rename_all = "snake_case")]
pub enum AnswerInput {
    #[schema(title = "Agreement")]
    Agree {
        #[serde(default)]
        comment: Option<String>,
    },
    #[schema(title = "Objection")]
    Object { comment: String },
}

impl Described for AnswerInput {
    const RULES: &'static [(&'static str, Rule)] = &[
        ("agree:comment", validate::OPTIONAL_COMMENT),
        ("object:comment", validate::COMMENT),
    ];
}

/// An A owner's decision: `approve` (done) or `send_back` (a comment says
/// why, and the duty goes back to its R owner).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
#[serde(tag = "decision", rename_all = "snake_case")]
pub enum SignOffInput {
    #[schema(title = "Approval")]
    Approve {
        #[serde(default)]
        comment: Option<String>,
    },
    #[schema(title = "SendingBack")]
    SendBack { comment: String },
}

impl Described for SignOffInput {
    const RULES: &'static [(&'static str, Rule)] = &[
        ("approve:comment", validate::OPTIONAL_COMMENT),
        ("send_back:comment", validate::COMMENT),
    ];
}

/// Why a duty does not apply.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct NotApplicableInput {
    pub reason: String,
}

impl Described for NotApplicableInput {
    const RULES: &'static [(&'static str, Rule)] = &[("reason", validate::COMMENT)];
}

/// How often a duty reopens once done (none: it does not), and when its
/// current cycle is due.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct ScheduleInput {
    #[serde(default)]
    pub recurrence: Option<Recurrence>,
    /// Milliseconds since the epoch; the due date is kept when absent.
    #[serde(default)]
    #[schema(minimum = 0)]
    pub due_at: Option<i64>,
}

impl Described for ScheduleInput {
    const RULES: &'static [(&'static str, Rule)] = &[];
}

/// A step's optional comment: checked, none when blank.
fn optional_comment(comment: Option<&str>) -> AppResult<Option<String>> {
    validate::OPTIONAL_COMMENT.check_optional("comment", comment)
}

fn expect_state(scope: &DutyScope, state: DutyState, step: &str) -> AppResult<()> {
    if scope.duty.state == state {
        Ok(())
    } else {
        Err(AppError::conflict(format!(
            "duty {} is {}; {step} needs it {state}",
            scope.duty.id, scope.duty.state
        )))
    }
}

/// Moves the duty and records the move; `scope.duty` becomes the new row.
async fn move_to(
    w: &mut dyn Writes,
    scope: &mut DutyScope,
    actor: &str,
    to: DutyState,
    reason: Option<&str>,
) -> AppResult<()> {
    let from = scope.duty.state;
    if !transition_allowed(from, to) {
        return Err(AppError::conflict(format!(
            "duty {} cannot move from {from} to {to}",
            scope.duty.id
        )));
    }
    scope.duty = w.move_duty(scope.duty.id, from, to, reason, now()).await?;
    record(
        w,
        scope,
        actor,
        "duty.state",
        &scope::move_details(from, to, reason),
    )
    .await
}

/// Closes the duty: done, its next due date set when it recurs, every I
/// owner of both organizations told.
async fn finish(w: &mut dyn Writes, scope: &mut DutyScope, actor: &str) -> AppResult<()> {
    move_to(w, scope, actor, DutyState::Done, None).await?;
    if let Some(r) = scope.duty.recurrence {
        let next = scope.duty.updated_at.saturating_add(r.period_ms());
        scope.duty = w.set_next_due(scope.duty.id, next).await?;
    }
    tell(w, scope, Letter::I, "duty.done").await
}

/// After R's work (or the last agreement): sign-off if there is an A, else done.
async fn to_signoff_or_done(
    w: &mut dyn Writes,
    scope: &mut DutyScope,
    actor: &str,
) -> AppResult<()> {
    if scope.has(Letter::A) {
        move_to(w, scope, actor, DutyState::AwaitingSignoff, None).await?;
        tell(w, scope, Letter::A, "duty.signoff").await
    } else {
        finish(w, scope, actor).await
    }
}

impl App {
    /// R owner: `open → in_progress`.
    pub async fn start_duty(&self, caller: &Caller, duty: i64) -> AppResult<DutyView> {
        let mut w = self.store.write().await?;
        let mut scope = scope::duty(&mut *w, caller, duty).await?;
        let teams = scope::teams_of(&mut *w, &caller.user).await?;
        scope.require(scope::actor(caller, &teams), Letter::R, "start it")?;
        expect_state(&scope, DutyState::Open, "starting")?;
        move_to(
            &mut *w,
            &mut scope,
            &caller.actor(),
            DutyState::InProgress,
            None,
        )
        .await?;
        w.commit().await?;
        Ok(DutyView::of(&scope.duty, now()))
    }

    /// R owner, while in progress: attaches text or a link to the current cycle.
    pub async fn add_evidence(
        &self,
        caller: &Caller,
        duty: i64,
        input: EvidenceInput,
    ) -> AppResult<EvidenceView> {
        let content = match input {
            EvidenceInput::Text { text } => {
                EvidenceContent::Text(validate::TEXT_EVIDENCE.check("text", &text)?)
            }
            EvidenceInput::Link { url } => EvidenceContent::Link(validate::URL.check("url", &url)?),
        };
        self.attach(caller, duty, content, false).await
    }

    /// R owner, while in progress: attaches a file (at most the configured
    /// evidence limit), kept with its sha256.
    pub async fn add_file_evidence(
        &self,
        caller: &Caller,
        duty: i64,
        file: FileEvidence,
    ) -> AppResult<EvidenceView> {
        let name = validate::FILE_NAME.check("name", &file.name)?;
        if file.bytes.len() > self.config.evidence_limit {
            return Err(self.file_too_large());
        }
        let empty = file.bytes.is_empty();
        let content = EvidenceContent::File {
            name,
            media_type: validate::media_type(file.media_type.as_deref()),
            bytes: file.bytes,
        };
        self.attach(caller, duty, content, empty).await
    }

    /// The refusal of a file over the evidence limit.
    pub fn file_too_large(&self) -> AppError {
        AppError::too_large(
            "file",
            format!(
                "an evidence file is at most {} bytes",
                self.config.evidence_limit
            ),
        )
    }

    /// Attaches evidence; an empty file is refused once the duty is known
    /// to be the caller's to work on.
    async fn attach(
        &self,
        caller: &Caller,
        duty: i64,
        content: EvidenceContent,
        empty_file: bool,
    ) -> AppResult<EvidenceView> {
        let mut w = self.store.write().await?;
        let scope = scope::duty(&mut *w, caller, duty).await?;
        let teams = scope::teams_of(&mut *w, &caller.user).await?;
        scope.require(scope::actor(caller, &teams), Letter::R, "attach evidence")?;
        expect_state(&scope, DutyState::InProgress, "attaching evidence")?;
        if empty_file {
            return Err(AppError::invalid("file", "the file is empty"));
        }
        let e = w
            .insert_evidence(NewEvidence {
                duty: scope.duty.id,
                cycle: scope.duty.cycle,
                by: caller.user.id,
                content,
            })
            .await?;
        let details = json!({
            "evidence": e.id, "kind": e.kind, "cycle": e.cycle, "file_name": e.file_name,
            "size": e.size, "sha256": e.sha256, "url": e.url,
        });
        record(&mut *w, &scope, &caller.actor(), "evidence.add", &details).await?;
        w.commit().await?;
        Ok(e)
    }

    /// R owner, with evidence in this cycle: on to consultation, sign-off or done.
    pub async fn submit_duty(&self, caller: &Caller, duty: i64) -> AppResult<DutyView> {
        let mut w = self.store.write().await?;
        let mut scope = scope::duty(&mut *w, caller, duty).await?;
        let teams = scope::teams_of(&mut *w, &caller.user).await?;
        scope.require(scope::actor(caller, &teams), Letter::R, "submit it")?;
        expect_state(&scope, DutyState::InProgress, "submitting")?;
        if w.evidence_count(scope.duty.id, scope.duty.cycle).await? == 0 {
            return Err(AppError::conflict(
                "attach at least one evidence item in this cycle before submitting",
            )
            .with_field("evidence"));
        }
        let actor = caller.actor();
        if scope.has(Letter::C) {
            w.open_consultations(scope.duty.id, scope.duty.cycle, &scope.consultees())
                .await?;
            move_to(
                &mut *w,
                &mut scope,
                &actor,
                DutyState::AwaitingConsultation,
                None,
            )
            .await?;
            tell(&mut *w, &scope, Letter::C, "duty.consultation").await?;
        } else {
            to_signoff_or_done(&mut *w, &mut scope, &actor).await?;
        }
        w.commit().await?;
        Ok(DutyView::of(&scope.duty, now()))
    }

    /// The C owner a consultation asks answers it.
    pub async fn answer_consultation(
        &self,
        caller: &Caller,
        duty: i64,
        consultation: i64,
        input: AnswerInput,
    ) -> AppResult<DutyView> {
        let (answer, comment) = match input {
            AnswerInput::Agree { comment } => {
                (Answer::Agree, optional_comment(comment.as_deref())?)
            }
            AnswerInput::Object { comment } => (
                Answer::Object,
                Some(validate::COMMENT.check("comment", &comment)?),
            ),
        };
        let mut w = self.store.write().await?;
        let mut scope = scope::duty(&mut *w, caller, duty).await?;
        let all = w.consultations(duty).await?;
        let asked = all
            .iter()
            .find(|c| c.id == consultation)
            .ok_or_else(|| AppError::not_found(format!("consultation {consultation} not found")))?
            .clone();
        let teams = scope::teams_of(&mut *w, &caller.user).await?;
        if !scope.may_answer(scope::actor(caller, &teams), &asked) {
            return Err(AppError::forbidden(format!(
                "only the C owner consultation {consultation} asks may answer it"
            )));
        }
        expect_state(&scope, DutyState::AwaitingConsultation, "answering")?;
        let round = all
            .iter()
            .filter(|c| c.cycle == scope.duty.cycle)
            .map(|c| c.round)
            .max();
        if asked.answer.is_some() || asked.cycle != scope.duty.cycle || Some(asked.round) != round {
            return Err(AppError::conflict(format!(
                "consultation {consultation} is already answered or closed"
            )));
        }
        w.answer_consultation(
            consultation,
            answer,
            comment.as_deref(),
            caller.user.id,
            now(),
        )
        .await?;
        let actor = caller.actor();
        let details = json!({"consultation": consultation, "party": asked.party,
            "answer": answer, "comment": comment});
        record(&mut *w, &scope, &actor, "consultation.answer", &details).await?;
        match answer {
            Answer::Object => {
                move_to(&mut *w, &mut scope, &actor, DutyState::InProgress, None).await?;
                tell(&mut *w, &scope, Letter::R, "duty.objection").await?;
            }
            Answer::Agree => {
                let pending = all.iter().any(|c| {
                    c.id != consultation
                        && c.cycle == asked.cycle
                        && c.round == asked.round
                        && c.answer.is_none()
                });
                if !pending {
                    to_signoff_or_done(&mut *w, &mut scope, &actor).await?;
                }
            }
        }
        w.commit().await?;
        Ok(DutyView::of(&scope.duty, now()))
    }

    /// An A owner approves (done) or sends back (in progress); when A is the
    /// other organization's column, that organization signs.
    pub async fn sign_off(
        &self,
        caller: &Caller,
        duty: i64,
        input: SignOffInput,
    ) -> AppResult<DutyView> {
        let (decision, comment) = match input {
            SignOffInput::Approve { comment } => {
                (Decision::Approve, optional_comment(comment.as_deref())?)
            }
            SignOffInput::SendBack { comment } => (
                Decision::SendBack,
                Some(validate::COMMENT.check("comment", &comment)?),
            ),
        };
        let mut w = self.store.write().await?;
        let mut scope = scope::duty(&mut *w, caller, duty).await?;
        let teams = scope::teams_of(&mut *w, &caller.user).await?;
        scope.require(scope::actor(caller, &teams), Letter::A, "sign it off")?;
        expect_state(&scope, DutyState::AwaitingSignoff, "signing off")?;
        let signoff = w
            .insert_signoff(
                duty,
                scope.duty.cycle,
                decision,
                comment.as_deref(),
                caller.user.id,
                now(),
            )
            .await?;
        let actor = caller.actor();
        let details = json!({"signoff": signoff.id, "decision": decision, "comment": comment});
        record(&mut *w, &scope, &actor, "duty.signoff", &details).await?;
        match decision {
            Decision::Approve => finish(&mut *w, &mut scope, &actor).await?,
            Decision::SendBack => {
                move_to(&mut *w, &mut scope, &actor, DutyState::InProgress, None).await?;
                tell(&mut *w, &scope, Letter::R, "duty.sent_back").await?;
            }
        }
        w.commit().await?;
        Ok(DutyView::of(&scope.duty, now()))
    }

    /// An A owner or an admin of the R column's organization, with a reason.
    pub async fn mark_not_applicable(
        &self,
        caller: &Caller,
        duty: i64,
        input: NotApplicableInput,
    ) -> AppResult<DutyView> {
        let reason = validate::COMMENT.check("reason", &input.reason)?;
        let mut w = self.store.write().await?;
        let mut scope = scope::duty(&mut *w, caller, duty).await?;
        roles::require_writer(caller)?;
        let teams = scope::teams_of(&mut *w, &caller.user).await?;
        scope.require_manager(scope::actor(caller, &teams), "mark it not applicable")?;
        if crate::policy::state::is_final(scope.duty.state) {
            return Err(AppError::conflict(format!(
                "duty {duty} is {}, which is final",
                scope.duty.state
            )));
        }
        let actor = caller.actor();
        move_to(
            &mut *w,
            &mut scope,
            &actor,
            DutyState::NotApplicable,
            Some(&reason),
        )
        .await?;
        tell(&mut *w, &scope, Letter::R, "duty.not_applicable").await?;
        w.commit().await?;
        Ok(DutyView::of(&scope.duty, now()))
    }

    /// An A owner or an admin of the R column's organization sets (or
    /// clears) the recurrence and, optionally, the current due date.
    pub async fn schedule_duty(
        &self,
        caller: &Caller,
        duty: i64,
        input: ScheduleInput,
    ) -> AppResult<DutyView> {
        if input.due_at.is_some_and(|d| d < 0) {
            return Err(AppError::invalid(
                "due_at",
                "milliseconds since the epoch, not before it",
            ));
        }
        let mut w = self.store.write().await?;
        let scope = scope::duty(&mut *w, caller, duty).await?;
        roles::require_writer(caller)?;
        let teams = scope::teams_of(&mut *w, &caller.user).await?;
        scope.require_manager(scope::actor(caller, &teams), "schedule it")?;
        let now = now();
        // A done duty given a recurrence reopens one period from now.
        let next_due_at = match (scope.duty.state, input.recurrence) {
            (DutyState::Done, Some(r)) => Some(now.saturating_add(r.period_ms())),
            _ => None,
        };
        let d = w
            .schedule_duty(duty, input.recurrence, input.due_at, next_due_at, now)
            .await?;
        let details = json!({"recurrence": input.recurrence, "due_at": input.due_at,
            "next_due_at": next_due_at});
        record(
            &mut *w,
            &scope,
            &caller.actor(),
            "duty.recurrence",
            &details,
        )
        .await?;
        w.commit().await?;
        Ok(DutyView::of(&d, now))
    }

    /// Reopens every done recurring duty due at `now` as a new cycle (the
    /// system's own step, run on a schedule by the server); each reopening is
    /// its own transaction, guarded so that several servers do it once.
    pub async fn reopen_due(&self, now: i64) -> AppResult<Vec<DutyView>> {
        let due = self.store.read().await?.duties_to_reopen(now).await?;
        let mut reopened = Vec::new();
        for id in due {
            let mut w = self.store.write().await?;
            let Some(duty) = w.reopen_duty(id, now).await? else {
                continue;
            };
            let mut scope = scope::duty_unchecked(&mut *w, id).await?;
            scope.duty = duty;
            let details = json!({"cycle": scope.duty.cycle, "due_at": scope.duty.due_at});
            record(&mut *w, &scope, "system", "duty.reopen", &details).await?;
            tell(&mut *w, &scope, Letter::R, "duty.reopen").await?;
            w.commit().await?;
            reopened.push(DutyView::of(&scope.duty, now));
        }
        Ok(reopened)
    }
}

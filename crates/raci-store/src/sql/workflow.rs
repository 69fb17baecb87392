// Evidence, consultations and sign-offs of duties.
use async_trait::async_trait;

use super::handle::Handle;
use super::query::rows_by;
use crate::{
    Answer, Consultation, Consultee, Decision, Evidence, EvidenceContent, NewEvidence, Result,
    Signoff, StoreError,
};

macro_rules! evidence_cols {
    () => {
        "id, duty, cycle, kind, text, url, file_name, media_type, size, sha256, created_by, \
         created_at"
    };
}
macro_rules! consultation_cols {
    () => {
        "id, duty, cycle, round, party, user_id, team_id, answer, comment, answered_by, \
         answered_at"
    };
}
macro_rules! signoff_cols {
    () => {
        "id, duty, cycle, decision, comment, by_user, at"
    };
}

#[async_trait]
impl crate::WorkflowReads for Handle {
    async fn evidence(&mut self, duty: i64) -> Result<Vec<Evidence>> {
        let sql = concat!(
            "SELECT ",
            evidence_cols!(),
            " FROM evidence WHERE duty = $1 ORDER BY id"
        );
        rows_by(self.conn(), sql, duty).await
    }

    async fn evidence_item(&mut self, duty: i64, id: i64) -> Result<Evidence> {
        sqlx::query_as(concat!(
            "SELECT ",
            evidence_cols!(),
            " FROM evidence WHERE id = $1 AND duty = $2"
        ))
        .bind(id)
        .bind(duty)
        .fetch_optional(self.conn())
        .await?
        .ok_or_else(|| StoreError::not_found("evidence", id))
    }

    async fn evidence_bytes(&mut self, id: i64) -> Result<Vec<u8>> {
        let row: Option<(Option<Vec<u8>>,)> =
            sqlx::query_as("SELECT content FROM evidence WHERE id = $1")
                .bind(id)
                .fetch_optional(self.conn())
                .await?;
        let (content,) = row.ok_or_else(|| StoreError::not_found("evidence", id))?;
        Ok(content.unwrap_or_default())
    }

    async fn evidence_count(&mut self, duty: i64, cycle: i64) -> Result<i64> {
        let (count,): (i64,) =
            sqlx::query_as("SELECT COUNT(*) FROM evidence WHERE duty = $1 AND cycle = $2")
                .bind(duty)
                .bind(cycle)
                .fetch_one(self.conn())
                .await?;
        Ok(count)
    }

    async fn consultations(&mut self, duty: i64) -> Result<Vec<Consultation>> {
        let sql = concat!(
            "SELECT ",
            consultation_cols!(),
            " FROM consultations WHERE duty = $1 ORDER BY id"
        );
        rows_by(self.conn(), sql, duty).await
    }

    async fn signoffs(&mut self, duty: i64) -> Result<Vec<Signoff>> {
        let sql = concat!(
            "SELECT ",
            signoff_cols!(),
            " FROM signoffs WHERE duty = $1 ORDER BY id"
        );
        rows_by(self.conn(), sql, duty).await
    }
}

#[async_trait]
impl crate::WorkflowWrites for Handle {
    async fn insert_evidence(&mut self, e: NewEvidence) -> Result<Evidence> {
        let (kind, text, url, file) = match e.content {
            EvidenceContent::Text(t) => ("text", Some(t), None, None),
            EvidenceContent::Link(u) => ("link", None, Some(u), None),
            EvidenceContent::File {
                name,
                media_type,
                bytes,
            } => ("file", None, None, Some((name, media_type, bytes))),
        };
        let size = file
            .as_ref()
            .map(|(_, _, b)| i64::try_from(b.len()).unwrap_or(i64::MAX));
        let sha256 = file.as_ref().map(|(_, _, b)| crate::chain::sha256_hex(b));
        let (name, media_type, bytes) = match file {
            Some((n, m, b)) => (Some(n), Some(m), Some(b)),
            None => (None, None, None),
        };
        Ok(sqlx::query_as(concat!(
            "INSERT INTO evidence (duty, cycle, kind, text, url, file_name, media_type, size, \
             sha256, content, created_by, created_at) \
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12) RETURNING ",
            evidence_cols!()
        ))
        .bind(e.duty)
        .bind(e.cycle)
        .bind(kind)
        .bind(text)
        .bind(url)
        .bind(name)
        .bind(media_type)
        .bind(size)
        .bind(sha256)
        .bind(bytes)
        .bind(e.by)
        .bind(crate::now_ms())
        .fetch_one(self.conn())
        .await?)
    }

    async fn open_consultations(
        &mut self,
        duty: i64,
        cycle: i64,
        asked: &[Consultee],
    ) -> Result<Vec<Consultation>> {
        let (round,): (i64,) = sqlx::query_as(
            "SELECT COALESCE(MAX(round), 0) + 1 FROM consultations WHERE duty = $1 AND cycle = $2",
        )
        .bind(duty)
        .bind(cycle)
        .fetch_one(self.conn())
        .await?;
        let mut opened = Vec::with_capacity(asked.len());
        for c in asked {
            opened.push(
                sqlx::query_as(concat!(
                    "INSERT INTO consultations (duty, cycle, round, party, user_id, team_id) \
                     VALUES ($1, $2, $3, $4, $5, $6) RETURNING ",
                    consultation_cols!()
                ))
                .bind(duty)
                .bind(cycle)
                .bind(round)
                .bind(&c.party)
                .bind(c.user)
                .bind(c.team)
                .fetch_one(self.conn())
                .await?,
            );
        }
        Ok(opened)
    }

    async fn answer_consultation(
        &mut self,
        id: i64,
        answer: Answer,
        comment: Option<&str>,
        by: i64,
        now: i64,
    ) -> Result<Consultation> {
        sqlx::query_as(concat!(
            "UPDATE consultations SET answer = $1, comment = $2, answered_by = $3, \
             answered_at = $4 WHERE id = $5 AND answer IS NULL RETURNING ",
            consultation_cols!()
        ))
        .bind(answer.as_str())
        .bind(comment)
        .bind(by)
        .bind(now)
        .bind(id)
        .fetch_optional(self.conn())
        .await?
        .ok_or_else(|| StoreError::Conflict(format!("consultation {id} is already answered")))
    }

    async fn insert_signoff(
        &mut self,
        duty: i64,
        cycle: i64,
        decision: Decision,
        comment: Option<&str>,
        by: i64,
        now: i64,
    ) -> Result<Signoff> {
        Ok(sqlx::query_as(concat!(
            "INSERT INTO signoffs (duty, cycle, decision, comment, by_user, at) \
             VALUES ($1, $2, $3, $4, $5, $6) RETURNING ",
            signoff_cols!()
        ))
        .bind(duty)
        .bind(cycle)
        .bind(decision.as_str())
        .bind(comment)
        .bind(by)
        .bind(now)
        .fetch_one(self.conn())
        .await?)
    }
}

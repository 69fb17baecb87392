//! A circuit breaker in front of the connection pool, so that a database
//! that went away costs each request a moment, not the pool's whole wait.
//!
//! When the server is down, sqlx's pool retries a refused connection until
//! its acquire timeout: every request would hold its client for that long
//! and then be told 503. Once one acquisition has failed for want of a
//! connection, the breaker opens: for [`COOLDOWN`] every request is refused
//! at once (503, retry after a second); then one request is let through to
//! probe; it closes the breaker when it gets a connection, or opens it
//! again. Only one probe runs at a time, and a probe whose request was
//! dropped half-way lets the next request probe.

use std::future::Future;
use std::sync::{Mutex, PoisonError};
use std::time::{Duration, Instant};

use crate::error::no_connection;
use crate::{Result, StoreError};

/// How long the breaker stays open before a request probes the database.
pub(crate) const COOLDOWN: Duration = Duration::from_secs(1);

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum State {
    /// Every request goes to the pool.
    Closed,
    /// Requests are refused at once until this instant.
    Open(Instant),
    /// One request is finding out whether the database is back.
    Probing,
}

#[derive(Debug)]
pub(crate) struct Breaker {
    state: Mutex<State>,
    cooldown: Duration,
}

impl Default for Breaker {
    fn default() -> Self {
        Breaker::with_cooldown(COOLDOWN)
    }
}

impl Breaker {
    pub(crate) fn with_cooldown(cooldown: Duration) -> Self {
        Breaker {
            state: Mutex::new(State::Closed),
            cooldown,
        }
    }

    fn set(&self, state: State) {
        *self.state.lock().unwrap_or_else(PoisonError::into_inner) = state;
    }

    /// Whether a request may go to the pool now, and whether it is the probe.
    fn admit(&self) -> Result<Ticket<'_>> {
        let mut state = self.state.lock().unwrap_or_else(PoisonError::into_inner);
        match *state {
            State::Closed => Ok(Ticket {
                breaker: self,
                probe: false,
                settled: false,
            }),
            State::Open(until) if Instant::now() >= until => {
                *state = State::Probing;
                Ok(Ticket {
                    breaker: self,
                    probe: true,
                    settled: false,
                })
            }
            State::Open(_) | State::Probing => Err(StoreError::Unreachable),
        }
    }

    /// Runs `acquire` (getting a connection or a transaction) unless the
    /// breaker is open, and learns from its outcome.
    pub(crate) async fn guard<T>(
        &self,
        acquire: impl Future<Output = sqlx::Result<T>>,
    ) -> Result<T> {
        let mut ticket = self.admit()?;
        let outcome = acquire.await;
        ticket.settled = true;
        match &outcome {
            Err(e) if no_connection(e) => self.set(State::Open(Instant::now() + self.cooldown)),
            // The database answered (even with an error of another kind).
            _ if ticket.probe => self.set(State::Closed),
            _ => {}
        }
        Ok(outcome?)
    }
}

/// A request let through; a probe dropped before its outcome (its client
/// went away) hands the probing on to the next request.
struct Ticket<'a> {
    breaker: &'a Breaker,
    probe: bool,
    settled: bool,
}

impl Drop for Ticket<'_> {
    fn drop(&mut self) {
        if self.probe && !self.settled {
            self.breaker.set(State::Open(Instant::now()));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn refused() -> sqlx::Result<u8> {
        Err(sqlx::Error::PoolTimedOut)
    }

    #[tokio::test]
    async fn a_failed_acquisition_refuses_the_next_requests_at_once() {
        let breaker = Breaker::with_cooldown(Duration::from_secs(60));
        assert!(matches!(
            breaker.guard(async { refused() }).await,
            Err(StoreError::Transient(_))
        ));
        // The pool is not asked while the breaker is open.
        let asked = std::cell::Cell::new(false);
        let answer = breaker
            .guard(async {
                asked.set(true);
                Ok(1)
            })
            .await;
        assert!(matches!(answer, Err(StoreError::Unreachable)));
        assert!(!asked.get());
    }

    #[tokio::test]
    async fn after_the_cooldown_one_probe_closes_it_again() {
        let breaker = Breaker::with_cooldown(Duration::from_millis(20));
        assert!(breaker.guard(async { refused() }).await.is_err());
        tokio::time::sleep(Duration::from_millis(30)).await;
        // While the probe waits for its connection, others are refused.
        let (release, wait) = tokio::sync::oneshot::channel::<()>();
        let probe = breaker.guard(async {
            wait.await.ok();
            Ok(7)
        });
        let others = async {
            tokio::task::yield_now().await;
            let other = breaker.guard(async { Ok(8) }).await;
            release.send(()).ok();
            other
        };
        let (probed, other) = tokio::join!(probe, others);
        assert_eq!(probed.ok(), Some(7));
        assert!(matches!(other, Err(StoreError::Unreachable)));
        assert_eq!(breaker.guard(async { Ok(9) }).await.ok(), Some(9));
    }

    #[tokio::test]
    async fn a_probe_that_fails_opens_it_again() {
        let breaker = Breaker::with_cooldown(Duration::from_millis(20));
        assert!(breaker.guard(async { refused() }).await.is_err());
        tokio::time::sleep(Duration::from_millis(30)).await;
        assert!(matches!(
            breaker.guard(async { refused() }).await,
            Err(StoreError::Transient(_))
        ));
        assert!(matches!(
            breaker.guard(async { Ok(1) }).await,
            Err(StoreError::Unreachable)
        ));
    }

    #[tokio::test]
    async fn a_dropped_probe_lets_the_next_request_probe() {
        let breaker = Breaker::with_cooldown(Duration::from_millis(20));
        assert!(breaker.guard(async { refused() }).await.is_err());
        tokio::time::sleep(Duration::from_millis(30)).await;
        let never = breaker.guard(std::future::pending::<sqlx::Result<u8>>());
        // Polled once (it becomes the probe), then dropped.
        assert!(futures_poll_once(never).await.is_none());
        assert_eq!(breaker.guard(async { Ok(2) }).await.ok(), Some(2));
    }

    #[tokio::test]
    async fn a_query_error_is_not_an_outage() {
        let breaker = Breaker::with_cooldown(Duration::from_secs(60));
        let bad = breaker
            .guard(async { Err::<u8, _>(sqlx::Error::ColumnNotFound("x".into())) })
            .await;
        assert!(matches!(bad, Err(StoreError::Database(_))));
        assert_eq!(breaker.guard(async { Ok(3) }).await.ok(), Some(3));
    }

    /// Polls `future` once and drops it, saying what it gave if it was ready.
    async fn futures_poll_once<F: Future>(future: F) -> Option<F::Output> {
        let mut future = std::pin::pin!(future);
        std::future::poll_fn(|cx| {
            std::task::Poll::Ready(match future.as_mut().poll(cx) {
                std::task::Poll::Ready(v) => Some(v),
                std::task::Poll::Pending => None,
            })
        })
        .await
    }
}

// The one type each backend implements every area's reads and writes for: a
// pooled connection (reads) or a transaction (reads and writes).
use async_trait::async_trait;

use crate::{Reader, Result, Writer};

enum Inner {
    Pooled(sqlx::pool::PoolConnection<Db>),
    Transaction(sqlx::Transaction<'static, Db>),
}

pub(crate) struct Handle {
    inner: Inner,
}

impl Handle {
    pub(crate) fn pooled(conn: sqlx::pool::PoolConnection<Db>) -> Self {
        Handle {
            inner: Inner::Pooled(conn),
        }
    }

    pub(crate) fn transaction(tx: sqlx::Transaction<'static, Db>) -> Self {
        Handle {
            inner: Inner::Transaction(tx),
        }
    }

    /// The connection every query of this handle runs on.
    pub(crate) fn conn(&mut self) -> &mut Conn {
        match &mut self.inner {
            Inner::Pooled(conn) => conn,
            Inner::Transaction(tx) => tx,
        }
    }
}

impl crate::Reads for Handle {}

#[async_trait]
impl crate::Writes for Handle {
    async fn commit(self: Box<Self>) -> Result<()> {
        match self.inner {
            Inner::Transaction(tx) => Ok(tx.commit().await?),
            Inner::Pooled(_) => Ok(()),
        }
    }
}

#[async_trait]
impl crate::Store for super::Backend {
    fn backend(&self) -> &'static str {
        BACKEND
    }

    async fn read(&self) -> Result<Reader> {
        let conn = self.breaker.guard(self.pool.acquire()).await?;
        Ok(Box::new(Handle::pooled(conn)))
    }

    async fn write(&self) -> Result<Writer> {
        let tx = self.breaker.guard(self.begin()).await?;
        Ok(Box::new(Handle::transaction(tx)))
    }
}

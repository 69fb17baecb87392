//! A running `raci serve` on 127.0.0.1:0 and a typed client of it.
#![allow(dead_code, clippy::print_stderr)] // tests say why they skip

use std::time::Duration;

use raci_app::views::ErrorBody;
use raci_app::{App, AppConfig};
use reqwest::{Method, StatusCode};
use serde::de::DeserializeOwned;
use serde_json::Value;

/// A running instance: its application (for the operator's steps), its
/// database URL, its address and a way to stop it.
pub struct Instance {
    pub app: App,
    pub url: String,
    pub base: String,
    stop: Option<tokio::sync::oneshot::Sender<()>>,
    task: tokio::task::JoinHandle<()>,
    _dir: Option<tempfile::TempDir>,
}

impl Instance {
    /// An instance on a fresh database of `backend`, or none (said) when
    /// that backend cannot be had here.
    pub async fn start(backend: &str) -> Option<Instance> {
        Instance::start_with(backend, raci_server::Limits::default()).await
    }

    /// The same with the limits given.
    pub async fn start_with(backend: &str, limits: raci_server::Limits) -> Option<Instance> {
        let (url, dir) = raci_app::test_support::fresh_database(backend).await?;
        let store = raci_store::open(&url).await.unwrap();
        // Retries come quickly in tests.
        let config = AppConfig {
            webhook_retry: raci_app::RetryPolicy {
                base_ms: 50,
                cap_ms: 200,
                max_attempts: 4,
            },
            ..AppConfig::default()
        };
        let app = App::new(store, config);
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
        let base = format!("http://{}/api/v1", listener.local_addr().unwrap());
        let (stop, stopped) = tokio::sync::oneshot::channel::<()>();
        let config = raci_server::ServerConfig {
            webhook_interval: Duration::from_millis(100),
            limits,
            ..raci_server::ServerConfig::default()
        };
        let served = app.clone();
        let task = tokio::spawn(async move {
            raci_server::serve(listener, served, config, async {
                let _ = stopped.await;
            })
            .await
            .unwrap();
        });
        Some(Instance {
            app,
            url,
            base,
            stop: Some(stop),
            task,
            _dir: dir,
        })
    }

    pub async fn shutdown(mut self) {
        if let Some(stop) = self.stop.take() {
            let _ = stop.send(());
        }
        let _ = self.task.await;
    }

    pub fn client(&self, token: &str) -> Client {
        Client {
            http: reqwest::Client::new(),
            base: self.base.clone(),
            token: token.to_owned(),
        }
    }
}

/// What the server answered: the typed value, or its error body.
pub type Answer<T> = (StatusCode, Result<T, ErrorBody>);

/// A client of one instance, with one token.
pub struct Client {
    http: reqwest::Client,
    pub base: String,
    token: String,
}

impl Client {
    pub async fn raw(
        &self,
        method: Method,
        path: &str,
        content_type: Option<&str>,
        body: Vec<u8>,
    ) -> reqwest::Response {
        let mut request = self
            .http
            .request(method, format!("{}{path}", self.base))
            .bearer_auth(&self.token);
        if let Some(ct) = content_type {
            request = request.header("content-type", ct).body(body);
        }
        request.send().await.unwrap()
    }

    async fn read<T: DeserializeOwned>(response: reqwest::Response) -> Answer<T> {
        let status = response.status();
        let bytes = response.bytes().await.unwrap();
        if status.is_success() {
            let value: Value = if bytes.is_empty() {
                Value::Null
            } else {
                serde_json::from_slice(&bytes).unwrap()
            };
            let typed = serde_json::from_value(value.clone()).unwrap_or_else(|e| {
                panic!("the answer does not read as its documented type: {e}: {value}")
            });
            (status, Ok(typed))
        } else {
            let error = serde_json::from_slice(&bytes).unwrap_or_else(|e| {
                panic!(
                    "an error body that is not ErrorBody ({e}): {}",
                    String::from_utf8_lossy(&bytes)
                )
            });
            (status, Err(error))
        }
    }

    pub async fn get<T: DeserializeOwned>(&self, path: &str) -> Answer<T> {
        Self::read(self.raw(Method::GET, path, None, Vec::new()).await).await
    }

    pub async fn send<T: DeserializeOwned>(
        &self,
        method: Method,
        path: &str,
        body: Value,
    ) -> Answer<T> {
        let bytes = serde_json::to_vec(&body).unwrap();
        Self::read(
            self.raw(method, path, Some("application/json"), bytes)
                .await,
        )
        .await
    }

    pub async fn post<T: DeserializeOwned>(&self, path: &str, body: Value) -> Answer<T> {
        self.send(Method::POST, path, body).await
    }

    pub async fn upload<T: DeserializeOwned>(
        &self,
        path: &str,
        content_type: &str,
        bytes: Vec<u8>,
    ) -> Answer<T> {
        Self::read(
            self.raw(Method::POST, path, Some(content_type), bytes)
                .await,
        )
        .await
    }

    /// A request that must succeed.
    pub async fn ok<T: DeserializeOwned>(&self, method: Method, path: &str, body: Value) -> T {
        match self.send(method.clone(), path, body).await {
            (_, Ok(v)) => v,
            (status, Err(e)) => panic!("{method} {path}: {status} {e:?}"),
        }
    }

    pub async fn got<T: DeserializeOwned>(&self, path: &str) -> T {
        match self.get(path).await {
            (_, Ok(v)) => v,
            (status, Err(e)) => panic!("GET {path}: {status} {e:?}"),
        }
    }
}

/// The status and error code of a refusal.
pub fn refused<T: std::fmt::Debug>(answer: Answer<T>) -> (u16, String) {
    match answer {
        (status, Err(e)) => (status.as_u16(), e.error.code.as_str().to_owned()),
        (status, Ok(v)) => panic!("expected a refusal, got {status} {v:?}"),
    }
}

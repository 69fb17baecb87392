//! A world with a customer, a provider and a stranger, the pages' router
//! over it, and a browser of sorts: sessions opened by the login use case,
//! requests sent with `oneshot`, answers read with an HTML parser.

use axum::{
    body::Body,
    http::{header, Request, StatusCode},
    Router,
};
use raci_app::test_support::{Cast, World};
use raci_app::{Caller, Credentials, PasswordChange};
use scraper::{Html, Selector};
use tower::ServiceExt;

/// The password every user of the scene is given.
pub const PASSWORD: &str = "correct horse battery staple";

/// The matrix of the scene: the customer and Nimbus share four activities.
/// "Back up" customer RA, Nimbus C (consulted); "Patch" customer I, Nimbus
/// RA; "Rotate" customer R, Nimbus A (signed off by the provider); "Size"
/// customer RA, Nimbus I.
pub const MATRIX: &str = raci_app::test_support::MATRIX;

pub struct Scene {
    pub w: World,
    pub router: Router,
    pub cast: Cast,
    pub subscription: i64,
    pub duties: Vec<(i64, String)>,
}

/// A signed-in browser: its session cookie and its forms' CSRF token.
#[derive(Clone, Debug)]
pub struct Session {
    pub cookie: String,
    pub csrf: String,
}

/// An answer: its status, headers and HTML.
pub struct Answer {
    pub status: StatusCode,
    pub headers: axum::http::HeaderMap,
    pub body: String,
}

impl Answer {
    pub fn html(&self) -> Html {
        Html::parse_document(&self.body)
    }

    /// The texts of the elements `selector` finds, whitespace collapsed.
    pub fn texts(&self, selector: &str) -> Vec<String> {
        let html = self.html();
        let selector = Selector::parse(selector).expect("a valid selector");
        html.select(&selector)
            .map(|e| e.text().collect::<Vec<_>>().join(" "))
            .map(|t| t.split_whitespace().collect::<Vec<_>>().join(" "))
            .collect()
    }

    pub fn count(&self, selector: &str) -> usize {
        self.texts(selector).len()
    }

    pub fn location(&self) -> &str {
        self.headers
            .get(header::LOCATION)
            .and_then(|v| v.to_str().ok())
            .unwrap_or_default()
    }

    /// The `Set-Cookie` values of the answer.
    pub fn cookies(&self) -> Vec<String> {
        self.headers
            .get_all(header::SET_COOKIE)
            .iter()
            .filter_map(|v| v.to_str().ok().map(str::to_owned))
            .collect()
    }

    pub fn lang(&self) -> String {
        let html = self.html();
        let selector = Selector::parse("html").unwrap();
        html.select(&selector)
            .next()
            .and_then(|e| e.value().attr("lang"))
            .unwrap_or_default()
            .to_owned()
    }
}

impl Scene {
    pub async fn new(w: World) -> Scene {
        let cast = w.cast(MATRIX).await;
        let duties = w
            .app
            .duties(&cast.c_admin, cast.subscription, &Default::default())
            .await
            .unwrap()
            .into_iter()
            .map(|d| (d.id, d.text))
            .collect();
        let router = raci_web::router(raci_web::WebState {
            app: w.app.clone(),
            secure_cookies: false,
        });
        Scene {
            router,
            subscription: cast.subscription,
            cast,
            w,
            duties,
        }
    }

    /// The duty whose text starts with `start`.
    pub fn duty(&self, start: &str) -> i64 {
        self.duties
            .iter()
            .find(|(_, text)| text.starts_with(start))
            .unwrap_or_else(|| panic!("no duty {start:?}"))
            .0
    }

    /// The customer's member does duty `id` (started, a text attached) and submits it.
    pub async fn submit(&self, id: i64) {
        let app = &self.w.app;
        let member = &self.cast.c_member;
        app.start_duty(member, id).await.unwrap();
        let text = raci_app::EvidenceInput::Text {
            text: "done as the matrix says".into(),
        };
        app.add_evidence(member, id, text).await.unwrap();
        app.submit_duty(member, id).await.unwrap();
    }

    /// The bytes a browser fetches for a page: its HTML and every
    /// stylesheet, script and icon it links.
    pub async fn weight(&self, page: &Answer) -> usize {
        let html = page.html();
        let selector = Selector::parse("link[href], script[src]").unwrap();
        let mut total = page.body.len();
        for element in html.select(&selector) {
            let url = element
                .value()
                .attr("href")
                .or(element.value().attr("src"))
                .unwrap_or_default();
            let asset = self.get_with(url, "", &[]).await;
            assert_eq!(asset.status, StatusCode::OK, "{url}");
            total += asset.body.len();
        }
        total
    }

    /// The provider publishes `matrix` as the service's next edition.
    pub async fn publish(&self, matrix: &str) {
        let input = raci_app::PublishInput {
            bytes: matrix.as_bytes().to_vec(),
            format: None,
            force: true,
        };
        self.w
            .app
            .publish(&self.cast.p_admin, self.cast.service, input)
            .await
            .unwrap();
    }

    /// A session of `who`, opened by the login use case (after they set a password).
    pub async fn session(&self, who: &Caller) -> Session {
        let app = &self.w.app;
        let change = PasswordChange {
            current: None,
            new: PASSWORD.to_owned(),
        };
        // A second session of one user: the password is already set.
        let _ = app.change_password(who, change).await;
        let credentials = Credentials {
            email: who.user.email.clone(),
            password: PASSWORD.to_owned(),
        };
        let login = app.login(credentials, None).await.unwrap();
        Session {
            cookie: format!("{}={}", raci_api::SESSION_COOKIE, login.secret),
            csrf: raci_web::session::csrf_token(&login.secret),
        }
    }

    pub async fn send(&self, request: Request<Body>) -> Answer {
        let response = self.router.clone().oneshot(request).await.unwrap();
        let status = response.status();
        let headers = response.headers().clone();
        let bytes = axum::body::to_bytes(response.into_body(), usize::MAX)
            .await
            .unwrap();
        Answer {
            status,
            headers,
            body: String::from_utf8_lossy(&bytes).into_owned(),
        }
    }

    /// `GET path` with `cookies` (`name=value; …`) and extra headers.
    pub async fn get_with(&self, path: &str, cookies: &str, headers: &[(&str, &str)]) -> Answer {
        let mut request = Request::get(path);
        if !cookies.is_empty() {
            request = request.header(header::COOKIE, cookies);
        }
        for (name, value) in headers {
            request = request.header(*name, *value);
        }
        self.send(request.body(Body::empty()).unwrap()).await
    }

    pub async fn get(&self, path: &str, session: &Session) -> Answer {
        self.get_with(path, &session.cookie, &[]).await
    }

    /// A urlencoded form posted with the session's cookie; its CSRF token
    /// added unless the fields already hold one.
    pub async fn post(&self, path: &str, session: &Session, fields: &[(&str, &str)]) -> Answer {
        let mut pairs: Vec<(&str, &str)> = fields.to_vec();
        if !fields.iter().any(|(k, _)| *k == "_csrf") {
            pairs.push(("_csrf", &session.csrf));
        }
        self.post_raw(path, &session.cookie, &pairs).await
    }

    pub async fn post_raw(&self, path: &str, cookies: &str, fields: &[(&str, &str)]) -> Answer {
        let body = serde_urlencoded::to_string(fields).unwrap();
        let mut request =
            Request::post(path).header(header::CONTENT_TYPE, "application/x-www-form-urlencoded");
        if !cookies.is_empty() {
            request = request.header(header::COOKIE, cookies);
        }
        self.send(request.body(Body::from(body)).unwrap()).await
    }

    /// A multipart form: text fields, and a file `(name, bytes)` as field `file`.
    pub async fn post_multipart(
        &self,
        path: &str,
        session: &Session,
        fields: &[(&str, &str)],
        file: Option<(&str, &[u8])>,
    ) -> Answer {
        let boundary = "raci-test-boundary";
        let mut body: Vec<u8> = Vec::new();
        let csrf = [("_csrf", session.csrf.as_str())];
        for (name, value) in csrf.iter().chain(fields) {
            body.extend(
                format!(
                    "--{boundary}\r\nContent-Disposition: form-data; name=\"{name}\"\r\n\r\n{value}\r\n"
                )
                .as_bytes(),
            );
        }
        if let Some((name, bytes)) = file {
            body.extend(
                format!(
                    "--{boundary}\r\nContent-Disposition: form-data; name=\"file\"; filename=\"{name}\"\r\nContent-Type: text/plain\r\n\r\n"
                )
                .as_bytes(),
            );
            body.extend(bytes);
            body.extend(b"\r\n");
        }
        body.extend(format!("--{boundary}--\r\n").as_bytes());
        let request = Request::post(path)
            .header(
                header::CONTENT_TYPE,
                format!("multipart/form-data; boundary={boundary}"),
            )
            .header(header::COOKIE, &session.cookie)
            .body(Body::from(body))
            .unwrap();
        self.send(request).await
    }
}

/// The flash cookie a redirect sets, as the next request sends it.
pub fn flash_of(answer: &Answer) -> Option<String> {
    answer
        .cookies()
        .into_iter()
        .find(|c| c.starts_with("raci_flash="))
        .and_then(|c| c.split(';').next().map(str::to_owned))
}

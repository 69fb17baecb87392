//! `raci serve`'s limits are set from its command line: a token past
//! `--rate-per-token` and `--burst-per-token` is answered 429 with `Retry-After`.

use reqwest::Method;

use crate::live::{self, call, member, Server};

#[test]
fn serve_applies_the_rate_given_on_its_command_line() {
    let (_dir, url) = live::sqlite();
    let customer = member(&url, "Acme", "customer");
    let server = Server::start_with(
        &url,
        &["--rate-per-token", "1", "--burst-per-token", "2"],
        &[],
    );
    let http = live::client();
    let me = format!("{}/api/v1/me", server.base);
    let statuses: Vec<u16> = (0..5)
        .map(|_| {
            call(&http, Method::GET, &me, &customer.token, None)
                .unwrap()
                .0
        })
        .collect();
    assert_eq!(&statuses[..2], &[200, 200], "{statuses:?}");
    assert!(statuses[2..].contains(&429), "{statuses:?}");
    let refused = http.get(&me).bearer_auth(&customer.token).send().unwrap();
    assert_eq!(refused.status().as_u16(), 429);
    assert!(refused.headers().contains_key("retry-after"));
}

//! reqwest-middleware integration (feature `reqwest-middleware`): a retry
//! middleware that reads each error body with the catalog, and (feature
//! `reqwest-retry`) a `RetryableStrategy` for reqwest-retry.
//!
//! ```ignore
//! let http = reqwest::Client::builder().timeout(Duration::from_secs(60)).build()?;
//! let client = reqwest_middleware::ClientBuilder::new(http)
//!     .with(CatalogRetry::<ApiError>::new(3))   // at most 3 retries
//!     .build();
//! let response = client.get(url).send().await.map_err(ClientError::<ApiError>::from)?;
//! let response = error_catalog::client::check::<ApiError>(response).await?;
//! ```

use std::marker::PhantomData;
use std::time::Duration;

use http::Extensions;
use reqwest_middleware::{Middleware, Next};

use crate::client::{self, ClientError, DEFAULT_MAX_BODY};
use crate::retry::RetryPolicy;
use crate::ApiErrorCatalog;

/// Retries a request as the catalog says: an error response is read
/// (bounded, as [`client::check`] does) and retried when its entry is
/// retryable and the server did not say otherwise, after the longer of the
/// response's `Retry-After` (or the catalog's retry headers and the body's
/// hint) and an exponential backoff, at most `max_wait`; a transport failure
/// when it may pass ([`retry::is_transient`](crate::retry::is_transient)).
/// Attempts are bounded by `max_retries`, whatever the server says.
///
/// The response that ends the retries goes to the caller with its body, to
/// read with [`client::check`] (which then reads it with this middleware's
/// `max_body`); one whose body could not be read whole (cut off, timed out,
/// or past the body limit) comes back as
/// `reqwest_middleware::Error::Middleware`, which `ClientError::from` turns
/// into the [`ClientError::Body`] `check` would have given (status and
/// headers' hints kept). An outer reqwest-retry layer sees that error as
/// fatal: this middleware has already retried it. A request whose body
/// cannot be cloned (a stream) is sent once.
#[derive(Debug, Clone)]
pub struct CatalogRetry<E> {
    max_retries: u32,
    policy: RetryPolicy,
    base_delay: Duration,
    max_body: usize,
    catalog: PhantomData<fn() -> E>,
}

impl<E> CatalogRetry<E> {
    /// At most `max_retries` retries after the first attempt, waits of at
    /// most 30 s, a first backoff of 100 ms doubling each time.
    pub fn new(max_retries: u32) -> Self {
        CatalogRetry {
            max_retries,
            policy: RetryPolicy::new(Duration::from_secs(30)),
            base_delay: Duration::from_millis(100),
            max_body: DEFAULT_MAX_BODY,
            catalog: PhantomData,
        }
    }

    /// The longest wait honoured; a response asking for more is not retried.
    pub fn max_wait(mut self, max_wait: Duration) -> Self {
        self.policy = RetryPolicy::new(max_wait);
        self
    }

    /// The most bytes of an error body read ([`DEFAULT_MAX_BODY`] unless set):
    /// a longer body gives [`BodyError::TooLarge`](crate::BodyError::TooLarge),
    /// retried by status and headers as any unreadable body is.
    pub fn max_body(mut self, max_body: usize) -> Self {
        self.max_body = max_body;
        self
    }

    /// The first backoff delay; each retry doubles it.
    pub fn base_delay(mut self, delay: Duration) -> Self {
        self.base_delay = delay;
        self
    }

    fn backoff(&self, retry: u32) -> Duration {
        self.base_delay
            .saturating_mul(2u32.saturating_pow(retry))
            .min(self.policy.max_wait)
    }
}

#[async_trait::async_trait]
impl<E: ApiErrorCatalog + Send + Sync> Middleware for CatalogRetry<E> {
    async fn handle(
        &self,
        request: reqwest::Request,
        extensions: &mut Extensions,
        next: Next<'_>,
    ) -> reqwest_middleware::Result<reqwest::Response> {
        let mut retries = 0;
        loop {
            let Some(attempt) = request.try_clone() else {
                // Sent once; `check` still reads it with this limit.
                let mut response = next.run(request, extensions).await?;
                response
                    .extensions_mut()
                    .insert(client::BodyLimit(self.max_body));
                return Ok(response);
            };
            let backoff = (retries < self.max_retries).then(|| self.backoff(retries));
            let (wait, outcome) = match next.clone().run(attempt, extensions).await {
                Ok(response) if !is_error(&response) => return Ok(response),
                Ok(response) => match read::<E>(response, self.max_body).await {
                    Ok((error, response)) => (self.policy.adjust(&error, backoff), Ok(response)),
                    // The body is gone: the caller gets the error as `check`
                    // would have made it (see `ClientError: From<Error>`).
                    Err(unread) => (
                        self.policy.adjust(&unread, backoff),
                        Err(client::UnreadBody::carry(unread)),
                    ),
                },
                Err(reqwest_middleware::Error::Reqwest(e)) => {
                    let wait = backoff.filter(|_| crate::retry::is_transient(&e));
                    #[cfg(feature = "tracing")]
                    if let Some(wait) = wait {
                        crate::integrations::log::transport_retry(&e, wait);
                    }
                    (wait, Err(reqwest_middleware::Error::Reqwest(e)))
                }
                Err(other) => return Err(other),
            };
            let Some(wait) = wait else {
                return outcome;
            };
            // Not kept through the wait: its connection and body go now.
            drop(outcome);
            tokio::time::sleep(wait).await;
            retries += 1;
        }
    }
}

fn is_error(response: &reqwest::Response) -> bool {
    response.status().is_client_error() || response.status().is_server_error()
}

/// Reads an error response's body (at most `max_body` bytes) into the typed
/// error, and rebuilds the response with that body for the caller, marked
/// with the limit so that [`client::check`] reads it with the same one. A
/// body declared or found past the limit, cut off, or timed out is `Err`:
/// [`ClientError::Body`] with why.
async fn read<E: ApiErrorCatalog>(
    mut response: reqwest::Response,
    max_body: usize,
) -> Result<(ClientError<E>, reqwest::Response), ClientError<E>> {
    let status = response.status();
    let headers = response.headers().clone();
    // What inner layers and reqwest put there (`HttpInfo`'s remote address)
    // goes on the rebuilt response.
    let kept = std::mem::take(response.extensions_mut());
    let body = match client::read_body(&mut response, max_body).await {
        Ok(body) => body,
        Err((error, partial)) => return Err(client::unread(status, &headers, error, partial)),
    };
    let version = response.version();
    let url = response.url().clone();
    let error = client::from_parts::<E>(status, &headers, &body);
    use reqwest::ResponseBuilderExt;
    let mut rebuilt = http::Response::builder()
        .status(status)
        .version(version)
        .url(url)
        .body(body)
        .map_err(|e| ClientError::Middleware(e.into()))?;
    *rebuilt.headers_mut() = headers;
    rebuilt.extensions_mut().extend(kept);
    rebuilt.extensions_mut().insert(client::BodyLimit(max_body));
    Ok((error, reqwest::Response::from(rebuilt)))
}

/// reqwest-retry's view of a catalog (feature `reqwest-retry`): its
/// `RetryTransientMiddleware` sees only status and headers, so a response is
/// transient when the server's should-retry header says so, else when the
/// catalog's entries with that status are retryable (if they disagree, as
/// OpenAI's two 429s do, the status rule decides: 408, 429 and 5xx).
/// Transport failures are classified by reqwest-retry's own rule. With a
/// code header (`wire: {code_header: ...}`) the entry it names decides. It
/// honours no `Retry-After` and cannot tell entries apart by body:
/// [`CatalogRetry`] does both.
#[cfg(feature = "reqwest-retry")]
#[derive(Debug, Clone, Copy, Default)]
pub struct CatalogStrategy<E>(PhantomData<fn() -> E>);

#[cfg(feature = "reqwest-retry")]
impl<E> CatalogStrategy<E> {
    /// The strategy for catalog `E`.
    pub fn new() -> Self {
        CatalogStrategy(PhantomData)
    }
}

#[cfg(feature = "reqwest-retry")]
impl<E: ApiErrorCatalog> reqwest_retry::RetryableStrategy for CatalogStrategy<E> {
    fn handle(
        &self,
        result: &reqwest_middleware::Result<reqwest::Response>,
    ) -> Option<reqwest_retry::Retryable> {
        use reqwest_retry::Retryable;
        let response = match result {
            Ok(response) => response,
            Err(error) => return reqwest_retry::default_on_request_failure(error),
        };
        if !is_error(response) {
            return None;
        }
        let status = response.status().as_u16();
        let retry = client::should_retry::<E>(response.headers())
            .or_else(|| header_code_retryable::<E>(response.headers(), status))
            .unwrap_or_else(|| status_retryable::<E>(status));
        Some(if retry {
            Retryable::Transient
        } else {
            Retryable::Fatal
        })
    }
}

/// Whether the entry the response's code header names (a catalog with
/// `code_header`) is retryable: the code says which error it is without the body.
#[cfg(feature = "reqwest-retry")]
fn header_code_retryable<E: ApiErrorCatalog>(
    headers: &reqwest::header::HeaderMap,
    status: u16,
) -> Option<bool> {
    let code = crate::body::header_code::<E>(headers)?;
    let mut entries = E::catalog()
        .entries_with_code(code)
        .map(|(_, e)| e)
        .filter(|e| e.status == status);
    let first = entries.next()?;
    entries
        .all(|e| e.retryable == first.retryable)
        .then_some(first.retryable)
}

/// Whether errors with `status` are retryable in catalog `E`: what all its
/// entries with that status say, else the status rule (408, 429 and 5xx).
pub fn status_retryable<E: ApiErrorCatalog>(status: u16) -> bool {
    let mut entries = E::entries().iter().filter(|e| e.status == status);
    match entries.next() {
        Some(first) if entries.all(|e| e.retryable == first.retryable) => first.retryable,
        _ => crate::retry::is_retryable_status(status),
    }
}

//! Request context (request id, path, timestamp) supplied per response, not stored in errors.

/// What some bodies carry about the request that failed: AIML's `path`,
/// `requestId` and `timestamp`, seed 002's `meta`. It belongs to a response,
/// not to an error value, so it is passed when the body is written.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct RequestContext {
    /// The request id (`req_1234567890`).
    pub request_id: Option<String>,
    /// The request path (`/v1/chat/completions`).
    pub path: Option<String>,
    /// The time of the error, ISO 8601 (`2025-03-11T07:13:27.813Z`).
    pub timestamp: Option<String>,
}

impl RequestContext {
    /// An empty context.
    pub fn new() -> Self {
        Self::default()
    }

    /// Sets the request id.
    pub fn request_id(mut self, id: impl Into<String>) -> Self {
        self.request_id = Some(id.into());
        self
    }

    /// Sets the request path.
    pub fn path(mut self, path: impl Into<String>) -> Self {
        self.path = Some(path.into());
        self
    }

    /// Sets the timestamp (ISO 8601).
    pub fn timestamp(mut self, timestamp: impl Into<String>) -> Self {
        self.timestamp = Some(timestamp.into());
        self
    }
}

/// An error together with the context of the response that carries it;
/// serializes to the full body. Made by
/// [`ApiErrorCatalog::with_context`](crate::ApiErrorCatalog::with_context).
#[derive(Debug, Clone, Copy)]
pub struct WithContext<'a, E> {
    pub(crate) error: &'a E,
    pub(crate) context: &'a RequestContext,
}

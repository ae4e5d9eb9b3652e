// Seed 002's JavaScript error handling (check response.ok, read the envelope's
// error.message, branch on the status, throw), run against the mock error server.
//
// Usage: node seed002_handle_error.mjs BASE_URL
// Prints one JSON array with what each call logged and threw.

const base = process.argv[2];

async function handleApiError(response, log) {
  if (!response.ok) {
    const body = await response.json();
    const prefix =
      response.status === 401 ? "Authentication failed" :
      response.status === 429 ? "Rate limited" :
      response.status === 400 ? "Bad request" :
      "API error";
    log.push(`${prefix}: ${body.error.message}`);
    throw new Error(body.error.message);
  }
  return response.json();
}

const codes = ["MISSING_API_KEY", "RATE_LIMIT_EXCEEDED", "PROMPT_TOO_LONG", "INTERNAL_ERROR", "MODEL_NOT_FOUND"];
const seen = [];
for (const code of codes) {
  const log = [];
  const response = await fetch(`${base}/errorcodes/${code}`, { headers: { "x-request-id": `js-${code}` } });
  const requestId = response.headers.get("x-request-id");
  try {
    await handleApiError(response, log);
    seen.push({ code, threw: null, log });
  } catch (error) {
    seen.push({ code, status: response.status, threw: error.message, log, requestId });
  }
}
console.log(JSON.stringify(seen));

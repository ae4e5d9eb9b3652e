"""Seed 003's Python client setup (a requests Session whose adapter retries with
urllib3's Retry on 429/500/502/503/504), run against the mock error server.

Usage: python3 seed003_retry_session.py BASE_URL
Prints one JSON object with what each call saw.
"""

import json
import sys

import requests
from requests.adapters import HTTPAdapter
from urllib3.util.retry import Retry


def retrying_session():
    # The settings seed 003 recommends: three retries, exponential backoff,
    # retry only on rate limiting and server errors, for POST and GET.
    policy = Retry(
        total=3,
        backoff_factor=1,
        status_forcelist=[429, 500, 502, 503, 504],
        allowed_methods=["POST", "GET"],
    )
    session = requests.Session()
    adapter = HTTPAdapter(max_retries=policy)
    session.mount("http://", adapter)
    session.mount("https://", adapter)
    return session


def error_fields(response):
    """Reads code and message the way seed 003's error handler does."""
    try:
        data = response.json()
        return data.get("code", "unknown"), data.get("message", "")
    except ValueError:
        return "unknown", response.text


def main(base):
    session = retrying_session()
    seen = {}

    # Rate limited twice with Retry-After: 1, then served.
    r = session.post(
        f"{base}/flaky/py-429?fail=2&api=aiapi&code=rate_limit_exceeded&retry_after=1",
        json={"model": "gemini-2.5-flash", "messages": [{"role": "user", "content": "Hi"}]},
        timeout=30,
    )
    seen["rate_limited"] = {"status": r.status_code, "body": r.json()}

    # 401 is not in the forcelist: one attempt, and the body reads as documented.
    r = session.post(f"{base}/flaky/py-401?fail=9&api=aiapi&code=invalid_api_key", json={}, timeout=30)
    code, message = error_fields(r)
    seen["invalid_key"] = {"status": r.status_code, "code": code, "message": message}

    # 502 every time: urllib3 gives up after the three retries.
    try:
        session.get(f"{base}/flaky/py-502?fail=99&api=gateway&code=bad_gateway", timeout=30)
        seen["bad_gateway"] = {"gave_up": False}
    except requests.exceptions.RetryError as error:
        seen["bad_gateway"] = {"gave_up": True, "error": type(error).__name__}

    # The attempts the server counted.
    for session_id in ["py-429", "py-401", "py-502"]:
        seen[f"attempts_{session_id}"] = requests.get(f"{base}/stats/{session_id}", timeout=30).json()["attempts"]

    print(json.dumps(seen))


if __name__ == "__main__":
    main(sys.argv[1])

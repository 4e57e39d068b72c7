// Package web holds what every feature's handlers share: the dependencies
// (Env, with Now, the app's one clock), page rendering, the session and
// CSRF middleware, security headers, errors, logging and metrics.
//
// Requests: ClientAddress sets the client's address once (ClientIP): the
// socket peer, or, when the peer is in TRUSTED_PROXIES, the right-most
// X-Forwarded-For hop that is not a trusted proxy. Deadline gives each
// request a context with a time limit (not /sse). Observe logs and counts
// requests and renders handler errors with Env.Errors, so the status it
// records is the real one; Refused does the same for what fasthttp refuses
// before any middleware, under the route "refused".
//
// CSRF is a double-submit cookie: the token is read from the urlencoded or
// multipart body or the X-CSRF-Token header, never the query string, and
// must equal the stonks_csrf cookie; both cookies are rotated at login and
// logout. Error pages never issue a CSRF cookie (fasthttp answers a chunked
// body over the limit after resetting the request, cookies included).
// SecurityHeaders adds HSTS (max-age=63072000; includeSubDomains) with an
// https BASE_URL.
//
// Rendering: Render adds what every template uses (L, User, CSRF, Theme,
// Path) and runs one template; pages include partials/head and partials/foot
// themselves, since the engine's layout feature takes an exclusive lock
// around every render. HTMLCache keeps rendered fragments (the navbar and
// footer in chrome.go, tracker and wallet rows) by a key naming all they
// show; the unread-notice count is queried only when the navbar is rendered.
package web

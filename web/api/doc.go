// Package api is the JSON API for partners' systems: API-key authentication with a per-key
// rate limit, usage reports (one and in batches) through the shared meter, entitlements, the
// OpenAPI document, and JSON errors.
package api

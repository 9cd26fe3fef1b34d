// Package bench measures the portal's pages against a reference in one run: `portal bench`
// (make bench) serves a Fortunes-style handler (TechEmpower's test: one query of 12 rows, a
// sort, an HTML template) from the same server, behind the same middleware, and loads it in
// turn with the real pages, so each page's figures are read as a ratio to the reference taken
// on the same machine at the same moment. The usage API is compared the same way with a
// handler that runs only the conditional counter update.
package bench

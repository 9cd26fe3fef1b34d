// Package devicedesign is ExpressConnect's device design as a document: the public JSON format
// a design is exported in and imported from (its JSON Schema is schema.json, served at
// /expressconnect/schema.json), the rules a design must follow beyond that schema (unique
// names, ranges, identifiers, flows that name real attributes), the sample telemetry payload
// and payload schema a design implies, and what changed between two versions.
//
// The portal stores a version's model (attributes, commands, properties, flows) as a jsonb
// document in this same format, so there is one schema for a design, not one per layer. The
// package knows nothing of HTTP or the database: partner pages, staff pages and the demo seed
// share it.
package devicedesign

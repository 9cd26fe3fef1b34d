// Package audit records the audit trail: the actions, their labels, and Write, which stores an
// entry with the Queries of the transaction that makes the change, so both stand or fall
// together.
package audit

// Package account holds signing in and out, signing up as a consumer, and setting a password
// with a one-time link.
package account

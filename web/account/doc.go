// Package account holds signing in and out, signing up as a consumer, setting a password
// with a one-time link, the bell, and the user's own account page: name, sign-in address
// (changed by a link sent to the new one), password, the browsers signed in, e-mail choices,
// and closing a customer's account.
package account

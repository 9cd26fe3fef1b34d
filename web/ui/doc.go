// Package ui is what every audience's pages share: the page shell and render (a full page or
// an htmx fragment, decided once), flash messages, forms and their field errors, path and query
// parameters, formatting of dates, numbers and money, state badges and usage bars, the module
// areas with their read-only banners, the signed-in user and the request's moment (ui.When).
// It imports no audience package; the audiences import it.
package ui

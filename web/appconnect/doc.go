// Package appconnect is AppConnect's rules, shared by the partner's wizard and deployment
// pages, the staff pages and the background job that deploys: a template's parameters and
// what values they take, what a configuration must hold to be deployed, the revisions a
// deployment keeps, the steps a run takes (Runner), and the manifest a deployment exports.
package appconnect

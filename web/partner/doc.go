// Package partner holds the pages of partner users: My Services and renewal requests, API keys,
// the module areas (My Products, DevLab, Hub listings and the landing page of the others).
// Each handler is registered in web/routes.go behind the module gate.
package partner

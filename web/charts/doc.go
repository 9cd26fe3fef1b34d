// Package charts computes the geometry of the portal's server-rendered SVG pictures: the usage
// chart of a plan and the term timeline of a company. It is pure (numbers and days in, shapes
// and path data out), so the templates only draw what it computed and a golden test pins the
// geometry.
package charts

package bench

import (
	"fmt"
	"net/http"
	"strings"
)

// target is one line of the table: what is loaded, by whom, and the answer expected.
type target struct {
	name string
	// group is the table the target belongs to and the reference its ratio is taken to.
	group  string
	make   request
	client *http.Client
	want   int
}

const (
	groupPages = "pages"
	groupUsage = "usage"
	groupBatch = "batch"
)

// people are the demo accounts the pages are loaded as.
type people struct {
	anonymous, partnerA, partnerB, consumer, manager, admin *client
}

// pageTargets are the pages of the table, the reference first.
func pageTargets(p people, listing string, partnerID int64, extra []target) []target {
	page := func(name string, c *client, path string) target {
		mk, hc := c.pageRequest(path, nil)
		return target{name: name, group: groupPages, make: mk, client: hc, want: http.StatusOK}
	}
	list := []target{
		page("reference: fortunes (1 query, template)", p.anonymous, ReferencePath),
		page("/services (Company A)", p.partnerA, "/services"),
		page("/products (Company B)", p.partnerB, "/products"),
		page("/hub (visitor)", p.anonymous, "/hub"),
		page("/hub?q=sensor (visitor)", p.anonymous, "/hub?q=sensor"),
		page("listing page (visitor)", p.anonymous, listing),
		page("/cart (consumer)", p.consumer, "/cart"),
		page("/admin (account manager)", p.manager, "/admin"),
		page(fmt.Sprintf("/admin/partners/%d", partnerID), p.manager, fmt.Sprintf("/admin/partners/%d", partnerID)),
		page("/expressconnect (Company B)", p.partnerB, "/expressconnect"),
		page("/appconnect (Company B)", p.partnerB, "/appconnect"),
		page("/support (Company B)", p.partnerB, "/support"),
		page("/devlab (Company B)", p.partnerB, "/devlab"),
	}
	hx := http.Header{"Hx-Request": {"true"}, "Hx-Target": {"hub-results"}}
	mk, hc := p.anonymous.pageRequest("/hub?q=sensor", hx)
	list = append(list, target{name: "/hub?q=sensor as htmx partial", group: groupPages, make: mk, client: hc, want: http.StatusOK})
	return append(list, extra...)
}

// usageTargets are the API's reports against the bare update, one and a batch.
func usageTargets(base string, api, bare *http.Client, key string) []target {
	reports := &usageRequests{base: base, key: key}
	plain := &usageRequests{base: base}
	return []target{
		{name: "reference: bare conditional UPDATE", group: groupUsage, client: bare, want: http.StatusOK,
			make: func() (*http.Request, error) { return plain.post(bareUsagePath, nil) }},
		{name: "POST /api/v1/usage", group: groupUsage, client: api, want: http.StatusOK, make: reports.single},
		{name: fmt.Sprintf("reference: %d bare UPDATEs, one transaction", batchSize), group: groupBatch, client: bare, want: http.StatusOK,
			make: func() (*http.Request, error) { return plain.post(bareBatchPath, nil) }},
		{name: fmt.Sprintf("POST /api/v1/usage/batch (%d reports)", batchSize), group: groupBatch, client: api, want: http.StatusOK, make: reports.batch},
	}
}

// isReference tells the first line of each group.
func (t target) isReference() bool { return strings.HasPrefix(t.name, "reference:") }

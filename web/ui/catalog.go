package ui

import (
	"partnerportal/db"
	"partnerportal/views"
	"strings"
	"time"
)

func CategoryOptions() []views.Option {
	var out []views.Option
	for _, c := range db.AllProductCategoryValues() {
		out = append(out, views.Option{Value: string(c), Label: c.Label()})
	}
	return out
}

func PricePeriod(m db.PricingModel) string {
	if m == db.PricingModelMonthly {
		return "/ month"
	}
	return ""
}

// PurchaseAccess says whether a consumer can use a purchase, from the state of the partner's
// plan for the product: only while the plan can be used (SPEC §5); otherwise it is released,
// since the plan's read-only date when there is one.
func PurchaseAccess(state db.ServiceState, since *time.Time) (views.Badge, string) {
	if state.CanUse() {
		return views.Badge{Tone: "active", Icon: "✓", Label: "Active"}, "Can use it"
	}
	text := "Released by the partner"
	if since != nil {
		text += " on " + LongDate(*since)
	}
	return views.Badge{Tone: "readonly", Icon: "⊘", Label: "Released"}, text
}

// Whose plan a release is told about: the consumer's words and the partner's own.
const (
	PartnersPlan = "the partner's plan"
	YourPlan     = "your plan"
)

// ReleaseReason says why plan (PartnersPlan or YourPlan) released a purchase, from the plan's
// state then (and the first read-only day, when it expired).
func ReleaseReason(plan string, state db.ServiceState, readOnlySince *time.Time) string {
	switch state {
	case db.ServiceStateExpired:
		if readOnlySince != nil {
			return plan + " ended (its term and grace ran until " + LongDate(readOnlySince.AddDate(0, 0, -1)) + ")"
		}
		return plan + " ended"
	case db.ServiceStateExhausted:
		return plan + " used up its quota"
	case db.ServiceStateInactive:
		return plan + " was deactivated"
	case db.ServiceStateNone:
		return plan + " is no longer held"
	case db.ServiceStateScheduled:
		return plan + " has not started yet"
	}
	return plan + " cannot be used"
}

// PurchaseEvent is a release or restoration as the lists of them show it, told of plan
// (PartnersPlan or YourPlan).
func PurchaseEvent(plan string, kind db.PurchaseEventKind, state db.ServiceState, readOnlySince *time.Time, at time.Time, loc *time.Location, what string) views.PurchaseEvent {
	e := views.PurchaseEvent{When: LongDate(at.In(loc)), What: what}
	if kind == db.PurchaseEventKindRestored {
		e.Badge = views.Badge{Tone: "active", Icon: "✓", Label: "Restored"}
		e.Why = plan + " can be used again"
		return e
	}
	e.Badge = views.Badge{Tone: "readonly", Icon: "⊘", Label: "Released"}
	e.Why = ReleaseReason(plan, state, readOnlySince)
	return e
}

// ListingHref is a listing's page.
func ListingHref(companySlug, slug string) string { return "/hub/" + companySlug + "/" + slug }

// ProductSpecs are what a product is, as its page and its Hub listing show them.
func ProductSpecs(category db.ProductCategory, pricing db.PricingModel, version string, modelNumber *string,
	connectivity []string, deployment *db.SoftwareDeployment) []views.Fact {
	facts := []views.Fact{
		{Label: "Category", Value: category.Label()},
		{Label: "Pricing", Value: pricing.Label()},
	}
	if version != "" {
		facts = append(facts, views.Fact{Label: "Version", Value: version})
	}
	if modelNumber != nil {
		facts = append(facts, views.Fact{Label: "Model number", Value: *modelNumber})
	}
	if len(connectivity) > 0 {
		labels := make([]string, len(connectivity))
		for i, k := range connectivity {
			labels[i] = db.ConnectivityLabel(k)
		}
		facts = append(facts, views.Fact{Label: "Connectivity", Value: strings.Join(labels, ", ")})
	}
	if deployment != nil {
		facts = append(facts, views.Fact{Label: "Deployment", Value: deployment.Label()})
	}
	return facts
}

// Paragraphs splits plain text at empty lines; line breaks inside a paragraph stay (CSS
// pre-line shows them).
func Paragraphs(text string) []string {
	var out []string
	for _, p := range strings.Split(strings.ReplaceAll(text, "\r\n", "\n"), "\n\n") {
		if p = strings.TrimSpace(p); p != "" {
			out = append(out, p)
		}
	}
	return out
}

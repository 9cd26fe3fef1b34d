package seed

import (
	"context"
	"fmt"
	"time"

	"partnerportal/db"
	dd "partnerportal/web/devicedesign"
)

// resetDesigns removes the demo companies' device designs, before their products are reset
// (a design may link one).
func resetDesigns(ctx context.Context, q *db.Queries, companies map[string]int64) error {
	for name, id := range companies {
		if err := q.DeleteDemoDesigns(ctx, id); err != nil {
			return fmt.Errorf("reset the designs of %s: %w", name, err)
		}
	}
	return nil
}

// seedDesigns stores demoDesigns, each version checked by the rules a partner's save obeys.
// products are the demo products' ids by "company/slug", users the accounts' ids by e-mail.
func seedDesigns(ctx context.Context, q *db.Queries, companies, users, products map[string]int64, today time.Time) error {
	for _, d := range demoDesigns() {
		company, author := companies[d.company], users[partnerOf(d.company)]
		// a design may describe no product of the company's (a software partner's)
		var product *int64
		if d.product != "" {
			id := products[d.company+"/"+d.product]
			product = &id
		}
		at := func(i int) time.Time { return today.AddDate(0, 0, -d.daysAgo[i]).Add(11 * time.Hour) }
		name := d.versions[0].Name
		id, err := q.CreateDesign(ctx, db.CreateDesignParams{CompanyID: company, Name: d.versions[len(d.versions)-1].Name,
			CreatedBy: &author, Now: at(0)})
		if err != nil {
			return fmt.Errorf("design %s: %w", name, err)
		}
		for i, doc := range d.versions {
			doc.Version = i + 1
			doc.Normalize()
			if problems := dd.Check(doc); problems != nil {
				return fmt.Errorf("design %s version %d breaks the rules: %v", name, i+1, problems)
			}
			model, err := doc.Model.Stored()
			if err != nil {
				return err
			}
			note := "Created"
			if i > 0 {
				note = "Edited"
			}
			n, err := q.CreateDesignVersion(ctx, db.CreateDesignVersionParams{DesignID: id, CompanyID: company, Version: int32(i + 1),
				Name: doc.Name, Description: doc.Description, ProductID: product, Protocol: db.DeviceProtocol(doc.Protocol),
				Authentication: db.DeviceAuthentication(doc.Authentication), Model: model, SavedBy: &author, Now: at(i), Note: note})
			if err != nil || n != 1 {
				return fmt.Errorf("design %s version %d: %d rows, %v", name, i+1, n, err)
			}
		}
		if err := q.SetDemoDesignVersion(ctx, db.SetDemoDesignVersionParams{ID: id, Version: int32(len(d.versions)), UpdatedAt: at(len(d.versions) - 1)}); err != nil {
			return fmt.Errorf("design %s: %w", name, err)
		}
	}
	return nil
}

// partnerOf is the e-mail of a demo company's partner user.
func partnerOf(company string) string {
	for _, u := range demoUsers {
		if u.company == company && u.role == db.UserRolePartner {
			return u.email
		}
	}
	return ""
}

package appconnect

import (
	"context"

	"partnerportal/db"
)

// storedRevision is what a revision holds.
type storedRevision struct {
	features []db.ListRevisionFeaturesRow
	values   []db.ListRevisionValuesRow
	devices  []db.ListRevisionDevicesRow
}

// loadRevision reads what revision n of deployment dep holds.
func loadRevision(ctx context.Context, q *db.Queries, dep db.AppDeployment, n int32) (storedRevision, error) {
	var r storedRevision
	var err error
	if r.features, err = q.ListRevisionFeatures(ctx, db.ListRevisionFeaturesParams{DeploymentID: dep.ID, CompanyID: dep.CompanyID, Revision: &n}); err != nil {
		return r, err
	}
	if r.values, err = q.ListRevisionValues(ctx, db.ListRevisionValuesParams{DeploymentID: dep.ID, CompanyID: dep.CompanyID, Revision: &n}); err != nil {
		return r, err
	}
	r.devices, err = q.ListRevisionDevices(ctx, db.ListRevisionDevicesParams{DeploymentID: dep.ID, CompanyID: dep.CompanyID, Revision: &n})
	return r, err
}

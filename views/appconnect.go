package views

// AppConnectPage is AppConnect's landing page: the company's deployments, its unfinished
// drafts and the catalogue of templates.
type AppConnectPage struct {
	Area        AreaPage
	Deployments []DeploymentRow
	Drafts      []DraftRow
	Templates   []TemplateCard
	// ReadOnly disables starting a deployment (AppConnect is read-only).
	ReadOnly bool
	CSRF     string
}

// DeploymentRow is one deployment in a list.
type DeploymentRow struct {
	Name, URL   string
	Template    string
	Environment string
	Status      Badge
	Revision    string
	// Progress says where the latest run is: "Step 3 of 5", "" when it is over.
	Progress string
	Updated  string
}

// DraftRow is a wizard left unfinished.
type DraftRow struct {
	Name, URL, Template, Step, Updated string
}

// TemplateCard is a template in the catalogue.
type TemplateCard struct {
	Slug, Name, URL string
	Industry        string
	Summary         string
	// Contents counts what it offers: "5 features · 7 parameters · 2 devices".
	Contents string
}

// AppTemplatePage is one template as a deployer reads it before starting.
type AppTemplatePage struct {
	Area     AreaPage
	Template AppTemplateView
	ReadOnly bool
	CSRF     string
}

// AppTemplateView is a template's content, read-only.
type AppTemplateView struct {
	Slug, Name, Industry, Summary string
	Description                   []string
	Features                      []TemplateFeatureView
	Parameters                    []Fact
	Devices                       []Fact
}

// TemplateFeatureView is a feature as a template's page lists it.
type TemplateFeatureView struct {
	Name, Description string
	// Note is "Required", "On by default" or "Off by default".
	Note string
}

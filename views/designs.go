package views

// DesignsPage is ExpressConnect's landing page: the company's designs and the import form.
type DesignsPage struct {
	Area    AreaPage
	Designs []DesignRow
	Import  DesignImport
	// ReadOnly disables creating and importing (ExpressConnect is read-only).
	ReadOnly bool
	CSRF     string
}

// DesignRow is one design in a list.
type DesignRow struct {
	Name, URL, ExportURL string
	Version              string
	Product              string
	Protocol             string
	// Contents counts what the design describes: "4 attributes · 1 command · 2 flows".
	Contents string
	Updated  string
	Origin   string
}

// DesignImport is the import form, and what was wrong with the last file.
type DesignImport struct {
	FileName string
	// Error is a problem with the request itself (no file, too large).
	Error    string
	Problems []ImportProblem
}

// ImportProblem is one problem of an imported file.
type ImportProblem struct {
	Line    string
	Where   string
	Message string
}

// DesignPage is one design (one version of it) as its company sees it.
type DesignPage struct {
	Area   AreaPage
	Design DesignView
	// EditURL, DuplicateURL and CompareURL are the actions; ReadOnly disables the changes.
	EditURL, DuplicateURL, CompareURL string
	ReadOnly                          bool
	CSRF                              string
}

// DesignView is a design's content, read-only: what partner and staff pages both show.
type DesignView struct {
	ID          int64
	Name        string
	Description string
	Version     int32
	// Current says this is the design's latest version; otherwise CurrentVersion is.
	Current        bool
	CurrentVersion int32
	CurrentURL     string
	Product        string
	Protocol       string
	Authentication string
	Origin         string
	Saved          string
	Attributes     []AttributeLine
	Commands       []CommandLine
	Properties     []PropertyLine
	Flows          []FlowLine
	// Sample and PayloadSchema are JSON documents, indented.
	Sample, PayloadSchema            string
	ExportURL, SampleURL, PayloadURL string
	Versions                         []VersionLine
}

// AttributeLine is one attribute, nested ones after their object with a larger Depth.
type AttributeLine struct {
	Path, Name, Type, Unit, Range, Required, Sampling string
	Depth                                             int
}

// CommandLine is one command.
type CommandLine struct {
	Name, Description, Acknowledged string
	Parameters                      []string
}

// PropertyLine is one property.
type PropertyLine struct{ Name, Type, Direction, Unit string }

// FlowLine is one data flow.
type FlowLine struct{ Name, Attributes, Condition, Window, Destination string }

// VersionLine is one saved version in a design's history.
type VersionLine struct {
	Version  int32
	URL      string
	Saved    string
	Note     string
	Contents string
	Current  bool
	Shown    bool
}

// DesignComparePage compares two versions of a design.
type DesignComparePage struct {
	Area      AreaPage
	Name      string
	DesignURL string
	// From and To are the versions compared, as the selects' values.
	From, To string
	Versions []Option
	Groups   []ChangeGroup
	// Single says the design has one version only: nothing to compare.
	Single bool
}

// ChangeGroup is the changes of one section of a design.
type ChangeGroup struct {
	Section string
	Changes []DesignChange
}

// DesignChange is one change: Kind is added, removed, changed or reordered.
type DesignChange struct {
	Kind    string
	Name    string
	Details []string
}

// AdminDesignsPage is a partner company's designs as its account manager sees them.
type AdminDesignsPage struct {
	Company    string
	CompanyURL string
	Designs    []DesignRow
}

// AdminDesignPage is one design of a partner company, read-only, for its account manager.
type AdminDesignPage struct {
	Company    string
	CompanyURL string
	ListURL    string
	Design     DesignView
}

package views

// APIKeysPage is the partner's API keys page: the form to make one and the company's keys.
type APIKeysPage struct {
	Keys []APIKeyRow
	Form APIKeyForm
	// Created is the key just made, whose secret is shown this once.
	Created *CreatedAPIKey
	CSRF    string
}

// APIKeyForm is the create form with what was typed and what is wrong with it.
type APIKeyForm struct {
	Name        string
	Environment string
	Errors      FieldErrors
}

// CreatedAPIKey is a new key with its secret.
type CreatedAPIKey struct {
	Name        string
	Environment string
	Secret      string
}

// APIKeyRow is one key in the list.
type APIKeyRow struct {
	ID          int64
	Name        string
	Environment string
	Prefix      string
	Created     string
	CreatedBy   string
	LastUsed    string
	Status      Badge
	Revocable   bool
}

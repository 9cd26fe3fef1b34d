package db

import "strings"

// Products (migration 00010) carry a few fixed vocabularies; these are their words for people,
// shared by My Products and the Solutions Hub so a product reads the same everywhere.

// ProductKind names the kind of product a module's plan holds: "Software solution" or
// "Hardware device".
func ProductKind(m ModuleKey) string {
	if m == ModuleKeyHardware {
		return "Hardware device"
	}
	return "Software solution"
}

// Label is the category as pages show it.
func (c ProductCategory) Label() string {
	switch c {
	case ProductCategoryAssetTracking:
		return "Asset tracking"
	case ProductCategorySmartBuilding:
		return "Smart building"
	}
	return capitalise(string(c))
}

// Label is the pricing model as pages show it.
func (p PricingModel) Label() string {
	if p == PricingModelMonthly {
		return "Monthly subscription"
	}
	return "One-time purchase"
}

// Label is the product status as pages show it.
func (s ProductStatus) Label() string { return capitalise(string(s)) }

// Label is the deployment as pages show it.
func (d SoftwareDeployment) Label() string {
	switch d {
	case SoftwareDeploymentEdge:
		return "Edge"
	case SoftwareDeploymentOnPremises:
		return "On-premises"
	}
	return "Cloud"
}

// Label is the environment as pages show it: "Sandbox" or "Production".
func (e Environment) Label() string { return capitalise(string(e)) }

// Connectivities are the ways a hardware device connects, in the order forms offer them, as
// stored in products.connectivity (whose CHECK lists the same keys).
var Connectivities = []struct{ Key, Label string }{
	{"wifi", "Wi-Fi"},
	{"cellular", "Cellular"},
	{"lorawan", "LoRaWAN"},
	{"ble", "BLE"},
	{"ethernet", "Ethernet"},
}

// ConnectivityLabel names one connectivity key; an unknown key reads as itself.
func ConnectivityLabel(key string) string {
	for _, c := range Connectivities {
		if c.Key == key {
			return c.Label
		}
	}
	return key
}

func capitalise(s string) string {
	if s == "" {
		return s
	}
	return strings.ToUpper(s[:1]) + s[1:]
}

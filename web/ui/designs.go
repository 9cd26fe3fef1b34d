package ui

import (
	"fmt"
	"strconv"
	"strings"
	"time"

	"partnerportal/db"
	"partnerportal/views"
	"partnerportal/web/devicedesign"
)

// ExpressConnect's device designs as partner and staff pages both show them: a stored version
// read back into the design format, and the read-only view of it.

// DesignDocument is a stored version of a design as a document in the export format.
func DesignDocument(v db.GetCompanyDesignVersionRow) (devicedesign.Document, error) {
	m, err := devicedesign.LoadModel(v.Model)
	if err != nil {
		return devicedesign.Document{}, fmt.Errorf("design %d version %d: %w", v.ID, v.Version, err)
	}
	d := devicedesign.Document{Name: v.Name, Description: v.Description, Version: int(v.Version),
		Protocol: string(v.Protocol), Authentication: string(v.Authentication), Model: m}
	if v.ProductSlug != nil && v.ProductName != nil {
		d.Product = &devicedesign.ProductRef{Slug: *v.ProductSlug, Name: *v.ProductName}
	}
	d.Normalize()
	return d, nil
}

// DesignContents counts what a design describes: "4 attributes · 1 command · 2 flows".
func DesignContents(attributes, commands, properties, flows int32) string {
	var parts []string
	for _, p := range []struct {
		n         int32
		one, many string
	}{{attributes, "attribute", "attributes"}, {commands, "command", "commands"},
		{properties, "property", "properties"}, {flows, "flow", "flows"}} {
		switch p.n {
		case 0:
		case 1:
			parts = append(parts, "1 "+p.one)
		default:
			parts = append(parts, strconv.Itoa(int(p.n))+" "+p.many)
		}
	}
	if len(parts) == 0 {
		return "Empty"
	}
	return strings.Join(parts, " · ")
}

// DesignRows are a company's designs as a list shows them; url gives each design's page, and
// export its JSON ("" for none).
func DesignRows(rows []db.ListCompanyDesignsRow, url, export func(id int64) string, loc *time.Location) []views.DesignRow {
	out := make([]views.DesignRow, 0, len(rows))
	for _, r := range rows {
		row := views.DesignRow{Name: r.Name, URL: url(r.ID), Version: strconv.Itoa(int(r.Version)), Product: "—",
			Protocol: devicedesign.Label(devicedesign.Protocols, string(r.Protocol)),
			Contents: DesignContents(r.AttributeCount, r.CommandCount, r.PropertyCount, r.FlowCount),
			Updated:  LongDate(r.UpdatedAt.In(loc)), Origin: r.Origin}
		if r.ProductName != nil {
			row.Product = *r.ProductName
		}
		if export != nil {
			row.ExportURL = export(r.ID)
		}
		out = append(out, row)
	}
	return out
}

// DesignViewOf is the read-only view of version v (document d) with its history. base is the
// design's page: partners get downloads and links to old versions under it; staff (links
// false) see the same without them.
func DesignViewOf(d devicedesign.Document, v db.GetCompanyDesignVersionRow, versions []db.ListDesignVersionsRow, base string, links bool, loc *time.Location) (views.DesignView, error) {
	sample, err := devicedesign.Indented(devicedesign.SamplePayload(d.Attributes))
	if err != nil {
		return views.DesignView{}, err
	}
	schema, err := devicedesign.Indented(devicedesign.PayloadSchema(d))
	if err != nil {
		return views.DesignView{}, err
	}
	dv := views.DesignView{ID: v.ID, Name: d.Name, Description: d.Description, Version: v.Version,
		Current: v.Version == v.CurrentVersion, CurrentVersion: v.CurrentVersion, CurrentURL: base,
		Product: "Not linked to a product", Protocol: devicedesign.Label(devicedesign.Protocols, d.Protocol),
		Authentication: devicedesign.Label(devicedesign.Authentications, d.Authentication), Origin: v.Origin,
		Saved:  v.SavedAt.In(loc).Format("2 Jan 2006 15:04"),
		Sample: string(sample), PayloadSchema: string(schema)}
	if v.SavedByName != "" {
		dv.Saved += " by " + v.SavedByName
	}
	if d.Product != nil {
		dv.Product = d.Product.Name
	}
	if links {
		q := ""
		if !dv.Current {
			q = "?version=" + strconv.Itoa(int(v.Version))
		}
		dv.ExportURL, dv.SampleURL, dv.PayloadURL = base+".json"+q, base+"/sample.json"+q, base+"/payload-schema.json"+q
	}
	designLines(&dv, d)
	for _, h := range versions {
		line := views.VersionLine{Version: h.Version, Saved: h.SavedAt.In(loc).Format("2 Jan 2006 15:04"), Note: h.Note,
			Contents: DesignContents(h.AttributeCount, h.CommandCount, h.PropertyCount, h.FlowCount),
			Current:  h.Version == v.CurrentVersion, Shown: h.Version == v.Version}
		if h.SavedByName != "" {
			line.Saved += " by " + h.SavedByName
		}
		if links {
			line.URL = base + "?version=" + strconv.Itoa(int(h.Version))
			if line.Current {
				line.URL = base
			}
		}
		dv.Versions = append(dv.Versions, line)
	}
	return dv, nil
}

package partner_test

import (
	"testing"

	"partnerportal/web/browsertest"
	"partnerportal/web/webtest"
)

// chromium is the one browser this package's browser tests open their pages in.
var chromium browsertest.Shared

func TestMain(m *testing.M) {
	defer chromium.Close()
	webtest.Main(m)
}

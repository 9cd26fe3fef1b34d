package usagehistory_test

import (
	"testing"

	"partnerportal/web/webtest"
)

func TestMain(m *testing.M) { webtest.Main(m) }

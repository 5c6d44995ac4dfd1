package handlers_test

import (
	"io"
	"net/http"
	"strings"
	"testing"

	"github.com/PuerkitoBio/goquery"
)

// TestOnlySomeInsideWindow: dates inside a window whose notice says only some
// people there were affected read as partial, never as "affected", on the
// line of the data concerned.
func TestOnlySomeInsideWindow(t *testing.T) {
	srv := hostileServer(t, io.Discard)
	for _, tc := range []struct {
		use, kind, want, not string
	}{
		{"can-makeshop.owner@2014-09-24", "login", "期間内ですが、対象は一部の人だけです", "対象期間に含まれます。"},
		{"can-makeshop.owner@2014-09-25", "login", "この事案の対象期間外です", "一部の人だけ"},
		{"colorme.owner@2016", "login", "対象期間に含まれます。流出しました", "可能性"},
		// The card line of the same owner: only those who typed a card number
		// into their account's fields.
		{"colorme.owner@2016", "card", "期間内ですが、対象は一部の人だけです", "対象期間に含まれます。"},
	} {
		resp, err := http.Get(srv.URL + "/result?use=" + tc.use)
		if err != nil {
			t.Fatal(err)
		}
		doc, err := goquery.NewDocumentFromReader(resp.Body)
		resp.Body.Close()
		if err != nil || resp.StatusCode != 200 {
			t.Fatalf("%s: status %d, %v", tc.use, resp.StatusCode, err)
		}
		line := strings.Join(strings.Fields(doc.Find(`li.line[data-kind="`+tc.kind+`"] .verdict-text`).Text()), " ")
		if !strings.Contains(line, tc.want) {
			t.Errorf("%s: %s line = %q, want %q", tc.use, tc.kind, line, tc.want)
		}
		if strings.Contains(line, tc.not) {
			t.Errorf("%s: %s line says %q", tc.use, tc.kind, tc.not)
		}
	}
}

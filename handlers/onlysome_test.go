package handlers_test

import (
	"io"
	"net/http"
	"strings"
	"testing"
)

// TestOnlySomeInsideWindow: dates inside a window whose notice says only some
// people there were affected read as partial, never as "affected".
func TestOnlySomeInsideWindow(t *testing.T) {
	srv := hostileServer(t, io.Discard)
	for _, tc := range []struct {
		use, want, not string
	}{
		{"can-makeshop.owner@2014-09-24", "期間内ですが、対象は一部の人だけです", "対象期間に含まれます。"},
		{"can-makeshop.owner@2014-09-25", "この事案の対象期間外です", "一部の人だけ"},
		{"colorme.owner@2016", "対象期間に含まれます。ログイン情報などの登録情報が流出しました", "カード情報が流出しました"},
	} {
		resp, err := http.Get(srv.URL + "/result?use=" + tc.use)
		if err != nil {
			t.Fatal(err)
		}
		b, _ := io.ReadAll(resp.Body)
		resp.Body.Close()
		page := string(b)
		if resp.StatusCode != 200 || !strings.Contains(page, tc.want) {
			t.Errorf("%s: status %d, page lacks %q", tc.use, resp.StatusCode, tc.want)
		}
		if head := page[strings.Index(page, `class="headline"`):]; strings.Contains(head[:strings.Index(head, "</p>")], tc.not) {
			t.Errorf("%s: headline says %q", tc.use, tc.not)
		}
	}
}

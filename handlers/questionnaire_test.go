package handlers_test

import (
	"net/http"
	"net/url"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/PuerkitoBio/goquery"
	"github.com/google/go-cmp/cmp"
)

// heldIncidents is how many incidents the bundled data holds (the page must
// say the number from the data).
func heldIncidents(t *testing.T) int { return len(bundledCatalog(t).Incidents) }

// serviceInputs lists step 1's checkboxes in page order, with whether each
// is ticked and whether it is shown.
func serviceInputs(doc *goquery.Document) (ids, ticked, shown []string) {
	doc.Find(`#services-list input[name="service"]`).Each(func(_ int, in *goquery.Selection) {
		id, _ := in.Attr("value")
		ids = append(ids, id)
		if _, ok := in.Attr("checked"); ok {
			ticked = append(ticked, id)
		}
		if _, hidden := in.Closest(".option").Attr("hidden"); !hidden {
			shown = append(shown, id)
		}
	})
	return ids, ticked, shown
}

// Finding #9.1: the browser restores ticks by position on back and forward,
// so the list must not move the chosen services.
func TestStep1OrderStable(t *testing.T) {
	srv := newTestServer(t, fixedNow)
	c := newClient(t, srv, true)
	before, _, _ := serviceInputs(c.get("/check").Doc())
	if len(before) != len(bundledCatalog(t).Services) {
		t.Fatalf("/check lists %d services, want all %d", len(before), len(bundledCatalog(t).Services))
	}
	startCheck(t, c, "colorme", "dlmarket")
	after, ticked, _ := serviceInputs(c.get("/check").Doc())
	if diff := cmp.Diff(before, after); diff != "" {
		t.Errorf("the order of step 1 changed once services were chosen (-before +after):\n%s", diff)
	}
	if !slices.Equal(ticked, []string{"colorme", "dlmarket"}) {
		t.Errorf("ticked after going back: %v, want [colorme dlmarket]", ticked)
	}

	// A search keeps the chosen services in the form, hidden, in data order.
	r := c.get("/check?q=dlmarket")
	ids, ticked, shown := serviceInputs(r.Doc())
	if !slices.Equal(ids, []string{"colorme", "dlmarket"}) || !slices.Equal(shown, []string{"dlmarket"}) || !slices.Equal(ticked, []string{"colorme", "dlmarket"}) {
		t.Errorf("search dlmarket with colorme chosen: inputs %v, shown %v, ticked %v; want [colorme dlmarket], [dlmarket], both ticked", ids, shown, ticked)
	}
	if got := text(r.Doc().Find("#services-list legend")); got != "「dlmarket」に当てはまるサービス（1件）" {
		t.Errorf("legend = %q, want it to say what is shown", got)
	}
	if got := text(r.Doc().Find("#picked")); got != "選択中（2件）: カラーミーショップ、DLmarket" {
		t.Errorf("picked line = %q", got)
	}
	n := strconv.Itoa(len(bundledCatalog(t).Services))
	if got := text(c.get("/check").Doc().Find("#services-list legend")); got != "すべてのサービス（"+n+"件）" {
		t.Errorf("legend without a search = %q", got)
	}
}

// Finding #9.6: a service the site does not hold is said plainly, with the
// number of incidents from the data and what to do anyway, and the person
// can go on with what they picked.
func TestSearchNotHeld(t *testing.T) {
	srv := newTestServer(t, fixedNow)
	n := strconv.Itoa(heldIncidents(t))
	c := newClient(t, srv, true)
	r := c.get("/check?q=" + url.QueryEscape("ユニクロ"))
	wantStatus(t, r, "search ユニクロ", http.StatusOK)
	box := r.Doc().Find("#not-held")
	if _, hidden := box.Attr("hidden"); hidden {
		t.Fatalf("the not-held box is hidden for ユニクロ")
	}
	if got := text(box.Find("[data-lead-none]")); got != "「ユニクロ」は、このサイトで確認できる"+n+"件の事案に含まれていません" {
		t.Errorf("lead = %q", got)
	}
	all := text(box)
	for _, want := range []string{"公式サイト", "カードの裏面に書かれている電話番号", "カード会社", "流出がなかったという意味ではありません"} {
		if !strings.Contains(all, want) {
			t.Errorf("the not-held box does not say %q:\n%s", want, all)
		}
	}
	if strings.Contains(all, "別の書き方") {
		t.Errorf("the not-held box still suggests another spelling: %s", all)
	}
	if _, hidden := r.Doc().Find("#services-list").Attr("hidden"); !hidden {
		t.Errorf("the empty list is shown under the not-held box")
	}

	// 次へ with nothing picked: the error keeps the search and the advice.
	csrf := csrfOf(t, r)
	e := c.post("/check", url.Values{"csrf": {csrf}, "q": {"ユニクロ"}, "action": {"next"}})
	wantStatus(t, e, "次へ with nothing picked", http.StatusUnprocessableEntity)
	if v, _ := e.Doc().Find("input#q").Attr("value"); v != "ユニクロ" {
		t.Errorf("the error page cleared the search box (value %q)", v)
	}
	if _, hidden := e.Doc().Find("#not-held").Attr("hidden"); hidden {
		t.Errorf("the error page lost the not-held advice")
	}

	// 次へ with a service picked before the search: on to step 2, no error.
	c2 := newClient(t, srv, true)
	csrf = csrfOf(t, c2.get("/check"))
	wantRedirect(t, c2.post("/check", url.Values{"csrf": {csrf}, "service": {"colorme"}, "q": {"ユニクロ"}, "action": {"search"}}),
		"search after picking", "/check?q="+url.QueryEscape("ユニクロ"))
	page := c2.get("/check?q=" + url.QueryEscape("ユニクロ"))
	_, ticked, shown := serviceInputs(page.Doc())
	if !slices.Equal(ticked, []string{"colorme"}) || len(shown) != 0 {
		t.Errorf("search ユニクロ with colorme picked: ticked %v shown %v, want colorme ticked and hidden", ticked, shown)
	}
	wantRedirect(t, c2.post("/check", url.Values{"csrf": {csrf}, "service": {"colorme"}, "q": {"ユニクロ"}, "action": {"next"}}),
		"次へ with colorme picked and ユニクロ typed", "/check/when")
}

// Brand words that appear only inside a mall store's name say so.
func TestSearchInsideAnotherName(t *testing.T) {
	srv := newTestServer(t, fixedNow)
	c := newClient(t, srv, true)
	cases := []struct {
		q, lead, note string
	}{
		{"楽天", "「楽天」で見つかったのは「ゲオEショップ 楽天市場店」だけです", "楽天市場そのものの事案ではありません"},
		{"Amazon", "「Amazon」で見つかったのは「ゲオEショップ Amazon.co.jp店」だけです", "Amazon.co.jpそのものの事案ではありません"},
		{"あまぞん", "「あまぞん」で見つかったのは「ゲオEショップ Amazon.co.jp店」だけです", "Amazon.co.jpに出店しているゲオEショップの店舗です"},
	}
	for _, tc := range cases {
		r := c.get("/check?q=" + url.QueryEscape(tc.q))
		box := r.Doc().Find("#not-held")
		if _, hidden := box.Attr("hidden"); hidden {
			t.Errorf("%s: no explanation", tc.q)
			continue
		}
		if got := text(box.Find("[data-lead-inside] h2")); got != tc.lead {
			t.Errorf("%s: lead = %q, want %q", tc.q, got, tc.lead)
		}
		if got := text(box.Find("[data-notes]")); !strings.Contains(got, tc.note) {
			t.Errorf("%s: note = %q, want %q in it", tc.q, got, tc.note)
		}
		if _, hidden := box.Find("[data-lead-none]").Attr("hidden"); !hidden {
			t.Errorf("%s: says nothing was found although a store was", tc.q)
		}
		if _, _, shown := serviceInputs(r.Doc()); len(shown) != 1 {
			t.Errorf("%s: %d services shown, want the one store", tc.q, len(shown))
		}
	}
	// Naming the store's own brand, or a service of that name, is a plain match.
	for _, q := range []string{"ゲオ 楽天", "geo amazon", "ゲオ", "makeshop", "カラーミー"} {
		r := c.get("/check?q=" + url.QueryEscape(q))
		if _, hidden := r.Doc().Find("#not-held").Attr("hidden"); !hidden {
			t.Errorf("%s: shows the not-held box: %s", q, text(r.Doc().Find("#not-held")))
		}
	}
}

// Finding #9.7: services stated as not affected are asked no dates.
func TestUnaffectedServicesAskNoDates(t *testing.T) {
	srv := newTestServer(t, fixedNow)

	c := newClient(t, srv, true)
	csrf := csrfOf(t, c.get("/check"))
	wantRedirect(t, c.post("/check", url.Values{"csrf": {csrf}, "service": {"geo-online", "geo-takuhai-rental"}, "action": {"next"}}),
		"次へ with only not-affected services", "/result?use=geo-online.use&use=geo-takuhai-rental.use")

	c = newClient(t, srv, true)
	csrf = startCheck(t, c, "dlmarket", "geo-takuhai-rental")
	step2 := c.get("/check/when")
	if n := step2.Doc().Find(`input[name^="mode.geo-takuhai-rental"], input[name="act"][value^="geo-takuhai-rental"]`).Length(); n != 0 {
		t.Errorf("step 2 asks %d questions about ゲオ宅配レンタル, want none", n)
	}
	sec := step2.Doc().Find("section.unaffected-list")
	if got := text(sec); !strings.Contains(got, "影響がないと発表されたサービス") || !strings.Contains(got, "ゲオ宅配レンタル") {
		t.Errorf("step 2 does not list ゲオ宅配レンタル as not affected: %q", got)
	}
	wantRedirect(t, c.post("/check/when", url.Values{"csrf": {csrf}, "act": {"dlmarket.card"}, "mode.dlmarket.card": {"unknown"}}),
		"結果を見る", "/result?use=dlmarket.card&use=geo-takuhai-rental.use")

	// The incident lists (the start page's newest and /incidents) list them
	// apart from the services concerned.
	start := newClient(t, srv, false).get("/incidents")
	var concerned, unaffected string
	start.Doc().Find(".incident-list li span").Each(func(_ int, s *goquery.Selection) {
		switch t := text(s); {
		case strings.HasPrefix(t, "対象サービス:"):
			concerned += t
		case strings.HasPrefix(t, "影響がないと発表されたサービス:"):
			unaffected += t
		}
	})
	for _, name := range []string{"ゲオ宅配レンタル", "GEO Online", "ジャンブルストアオンライン", "ゲオ店舗"} {
		if strings.Contains(concerned, name) || !strings.Contains(unaffected, name) {
			t.Errorf("incident list: %s is not listed apart as not affected (対象: %q; 影響なし: %q)", name, concerned, unaffected)
		}
	}
	if !strings.Contains(concerned, "ゲオEショップ 楽天市場店") || !strings.Contains(concerned, "STYLE STORE、COCOMO") {
		t.Errorf("incident list 対象サービス = %q", concerned)
	}
}

// Finding #9.8 through the handler (the cases are in form_test.go): the
// settled answer is what step 2 shows again.
func TestTypedDateWithoutScriptRoundTrip(t *testing.T) {
	srv := newTestServer(t, fixedNow)
	c := newClient(t, srv, true)
	csrf := startCheck(t, c, "dlmarket")
	wantRedirect(t, c.post("/check/when", url.Values{"csrf": {csrf}, "act": {"dlmarket.card"}, "mode.dlmarket.card": {"unknown"}, "day.dlmarket.card": {"2018-10-20"}}),
		"typed date with the radio on 覚えていない", "/result?use=dlmarket.card@2018-10-20")
	again := c.get("/check/when").Doc()
	if _, ok := again.Find(`input[id="mode-day-dlmarket.card"]`).Attr("checked"); !ok {
		t.Errorf("step 2 again: 日付で答える is not chosen for the typed date")
	}
}

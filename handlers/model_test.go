package handlers_test

import (
	"encoding/json"
	"net/http"
	"strings"
	"testing"

	"github.com/PuerkitoBio/goquery"
)

// TestAPICarriesModelV2: the JSON check says what the page says — an
// activity's kind, why a verdict is partial, who decides when only some were
// affected — for the three answers of the verdicts issue.
func TestAPICarriesModelV2(t *testing.T) {
	srv := newTestServer(t, fixedNow)
	c := newClient(t, srv, false)
	r := c.get("/api/v1/check?use=colorme.owner@2015..2019&use=can-makeshop.member@2014-06&use=dlmarket.member@2018")
	wantStatus(t, r, "check", http.StatusOK)
	var out struct {
		Results []struct {
			Use      string `json:"use"`
			Verdict  string `json:"verdict"`
			Activity struct {
				Kind string `json:"kind"`
			} `json:"activity"`
			Populations []struct {
				ID       string  `json:"id"`
				Verdict  string  `json:"verdict"`
				Why      string  `json:"why"`
				Inferred *string `json:"inferred"`
				Within   *string `json:"within"`
				OnlySome *struct {
					Who, Criteria, Quote string
				} `json:"only_some"`
				Window *struct {
					FromApprox bool    `json:"from_approx"`
					Inferred   *string `json:"inferred"`
				} `json:"window"`
			} `json:"populations"`
		} `json:"results"`
	}
	if err := json.Unmarshal([]byte(r.Body), &out); err != nil {
		t.Fatalf("decode: %v\n%s", err, r.Body)
	}
	if len(out.Results) != 3 {
		t.Fatalf("%d results, want 3", len(out.Results))
	}
	type pop struct{ verdict, why string }
	want := []struct {
		use, verdict, kind string
		pops               map[string]pop
	}{
		// Every current and past owner's account data: a 2015-2019 account was there.
		{"colorme.owner@2015..2019", "match", "tenure", map[string]pop{
			"owner-account": {"match", ""}, "owner-card-in-fields": {"partial", "only_some"}}},
		// Members of the affected shops only (「本件の対象となる店舗様」).
		{"can-makeshop.member@2014-06", "partial", "tenure", map[string]pop{"can-makeshop-member": {"partial", "only_some"}}},
		// No period stated: only those told by email.
		{"dlmarket.member@2018", "partial", "tenure", map[string]pop{"dlmarket-member": {"partial", "no_period"}}},
	}
	for i, w := range want {
		got := out.Results[i]
		if got.Use != w.use || got.Verdict != w.verdict || got.Activity.Kind != w.kind {
			t.Errorf("%s: use %q verdict %q kind %q, want %q %q", w.use, got.Use, got.Verdict, got.Activity.Kind, w.verdict, w.kind)
		}
		for _, p := range got.Populations {
			wp, ok := w.pops[p.ID]
			if !ok {
				continue
			}
			if p.Verdict != wp.verdict || p.Why != wp.why {
				t.Errorf("%s %s: verdict %q why %q, want %q %q", w.use, p.ID, p.Verdict, p.Why, wp.verdict, wp.why)
			}
			if wp.why == "only_some" && (p.OnlySome == nil || p.OnlySome.Criteria == "" || p.OnlySome.Quote == "") {
				t.Errorf("%s %s: only_some %+v, want who, criteria and quote", w.use, p.ID, p.OnlySome)
			}
			if p.ID == "owner-account" && (p.Window == nil || p.Window.Inferred == nil) {
				t.Errorf("owner-account: window's end should be marked inferred (the notice states no period)")
			}
		}
	}
}

// TestAPIIncidentProvenance: an incident says which text it was built from; an
// excerpt names the page it was copied from, apart from any URL it prints.
func TestAPIIncidentProvenance(t *testing.T) {
	srv := newTestServer(t, fixedNow)
	c := newClient(t, srv, false)
	type incident struct {
		Notice struct {
			File          string  `json:"file"`
			Excerpt       bool    `json:"excerpt"`
			RetrievedFrom *string `json:"retrieved_from"`
		} `json:"notice"`
		Organisations []struct {
			Name *string `json:"name"`
			Kind string  `json:"kind"`
		} `json:"organisations"`
		Published *struct {
			Day string `json:"day"`
		} `json:"published"`
	}
	get := func(id string) incident {
		r := c.get("/api/v1/incidents/" + id)
		wantStatus(t, r, id, http.StatusOK)
		var inc incident
		if err := json.Unmarshal([]byte(r.Body), &inc); err != nil {
			t.Fatal(err)
		}
		return inc
	}
	full := get("can-makeshop-2016")
	if full.Notice.File != "can-makeshop-2016.txt" || full.Notice.Excerpt || full.Notice.RetrievedFrom != nil {
		t.Errorf("can-makeshop notice %+v, want the full notice and no retrieved_from", full.Notice)
	}
	// The notice says only 「弊社」 for the seller of CAN MakeShop.
	if len(full.Organisations) == 0 || full.Organisations[0].Name != nil || full.Organisations[0].Kind != "unnamed" {
		t.Errorf("can-makeshop organisations %+v, want an unnamed first organisation", full.Organisations)
	}
	ex := get("jins-2013")
	if !ex.Notice.Excerpt || ex.Notice.RetrievedFrom == nil || !strings.HasPrefix(*ex.Notice.RetrievedFrom, "https://") {
		t.Errorf("jins notice %+v, want an excerpt with its retrieved_from", ex.Notice)
	}
}

// TestIncidentPages: the list is newest first with unknown dates last and
// shows each incident's year and kinds of data; an excerpt's page says it is
// the opening of a page and never claims 「記載なし」; services stated as not
// affected are listed apart.
func TestIncidentPages(t *testing.T) {
	srv := newTestServer(t, fixedNow)
	c := newClient(t, srv, false)
	r := c.get("/incidents")
	wantStatus(t, r, "/incidents", http.StatusOK)
	items := r.Doc().Find("ul.incident-list > li")
	if items.Length() != 40 {
		t.Errorf("%d incidents listed, want 40", items.Length())
	}
	seenUnknown := false
	items.Each(func(i int, li *goquery.Selection) {
		year := text(li.Find(".year"))
		if year == "" {
			t.Errorf("item %d (%s) has no year", i, text(li.Find("a")))
		}
		unknown := strings.Contains(text(li), "公表日の記載なし")
		if seenUnknown && !unknown {
			t.Errorf("item %d (%s) has a date but comes after one without", i, text(li.Find("a")))
		}
		seenUnknown = seenUnknown || unknown
	})
	dl := items.FilterFunction(func(_ int, li *goquery.Selection) bool {
		return strings.Contains(li.Find("a").AttrOr("href", ""), "dlmarket-2018")
	})
	if got := text(dl.Find(".kinds")); !strings.Contains(got, "カード情報") {
		t.Errorf("dlmarket kinds %q, want カード情報", got)
	}

	ex := c.get("/incidents/jins-2013")
	wantStatus(t, ex, "jins", http.StatusOK)
	doc := ex.Doc()
	if got := text(doc.Find(".excerpt-note")); !strings.Contains(got, "冒頭部分の写し") || doc.Find(".excerpt-note a[href^='https://']").Length() != 1 {
		t.Errorf("excerpt note %q, want the opening-of-page notice with a link", got)
	}
	if strings.Contains(text(doc.Find("main")), "記載なし") {
		t.Errorf("an excerpt's page says 記載なし: %q", text(doc.Find("main")))
	}

	geo := c.get("/incidents/geo-eshop-2011").Doc()
	var affected, unaffected string
	geo.Find("dl.facts dt").Each(func(_ int, dt *goquery.Selection) {
		switch text(dt) {
		case "対象サービス":
			affected = text(dt.Next())
		case "影響がないと公表されたサービス":
			unaffected = text(dt.Next())
		}
	})
	if !strings.Contains(affected, "ゲオEショップ") || strings.Contains(affected, "ゲオ宅配レンタル") {
		t.Errorf("affected services %q", affected)
	}
	if !strings.Contains(unaffected, "ゲオ宅配レンタル") || !strings.Contains(unaffected, "GEO Online") {
		t.Errorf("not-affected services %q", unaffected)
	}
	// A service whose excerpt names no operator says so, not an empty row.
	if got := text(c.get("/services/jins-online").Doc().Find("main")); !strings.Contains(got, "運営者の名前は手元の写し（ページの冒頭部分）にありません") {
		t.Errorf("jins service page: %q", got)
	}
	// The can-makeshop re-investigation was in May 2016: a month, so no day count.
	cm := text(c.get("/incidents/can-makeshop-2016").Doc().Find("dl.facts"))
	if !strings.Contains(cm, "2016年5月") || strings.Contains(cm, "発覚から公表まで") {
		t.Errorf("can-makeshop facts %q, want 2016年5月 and no day count", cm)
	}
}

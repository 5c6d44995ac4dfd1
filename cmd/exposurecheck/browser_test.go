package main

// End-to-end tests: the real server, started in-process, driven through
// headless Chromium at phone sizes, with and without JavaScript, by keyboard
// only, and checked with axe-core.
//
//	go test ./cmd/exposurecheck/ -run Browser -v
//
// Environment: CHROMIUM_PATH (default /usr/bin/chromium), AXE_CORE_JS
// (default .ci/axe/node_modules/axe-core/axe.min.js, installed with
// `npm install --prefix .ci/axe axe-core@4.14.1`), E2E_SCREENSHOTS (the
// folder for the screenshots; default a new folder in the temp dir, logged).
// Without Chromium or axe-core the tests skip, except under CI=true where
// they fail. -short skips them.

import (
	"net/url"
	"slices"
	"strconv"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/chromedp/chromedp"

	"exposurecheck/data"
	"exposurecheck/store"
)

const (
	dlmarketTel   = "tel:+81-120-790-230"
	searchButton  = `button[name="action"][value="search"]`
	nextButton    = `button[name="action"][value="next"]`
	resultsButton = `form[action="/check/when"] button[type="submit"]`
)

// TestBrowserSearchJourney: find services by kana, answer dates, read the
// verdicts, reload, go back, correct a date and read the new verdict.
func TestBrowserSearchJourney(t *testing.T) { searchJourneyAll(t, true) }

// TestBrowserSearchJourneyNoJS is the same journey with JavaScript off: the
// questionnaire must work without it.
func TestBrowserSearchJourneyNoJS(t *testing.T) { searchJourneyAll(t, false) }

func searchJourneyAll(t *testing.T, js bool) {
	s := newSuite(t)
	for _, vp := range viewports {
		t.Run(vp.name, func(t *testing.T) {
			tb := s.newTab(t, vp.width, vp.height, js)
			searchJourney(t, tb)
		})
	}
	// Design §8: nothing a person answers is written to the logs.
	logs := s.logs.String()
	for _, secret := range []string{"dlmarket.card", "colorme.owner-card", "2018-10-20", "からーみー", url.QueryEscape("からーみー")} {
		if strings.Contains(logs, secret) {
			t.Errorf("the server log contains the answer %q:\n%s", secret, logs)
		}
	}
}

func searchJourney(t *testing.T, tb *tab) {
	if st := tb.open("/check"); st != 200 {
		t.Fatalf("GET /check: status %d", st)
	}
	if got := eval[bool](tb, `document.documentElement.classList.contains("js")`); got != tb.js {
		t.Errorf("html.js class present = %v, want %v (JavaScript enabled = %v)", got, tb.js, tb.js)
	}
	tb.checkStructure()
	tb.screenshot("check")

	// Step 1: search by kana.
	tb.do(chromedp.SendKeys(chromedp.CSS("#q"), "からーみー"))
	if got := tb.value("q"); got != "からーみー" {
		t.Errorf("search box holds %q after typing からーみー", got)
	}
	if tb.js {
		// Live filtering hides the options that do not match: check what is
		// rendered, not only the hidden attribute.
		shown := eval[[]string](tb, `[...document.querySelectorAll("#services-list .option")].filter(o => o.getClientRects().length > 0).map(o => o.dataset.service)`)
		flagged := eval[[]string](tb, `[...document.querySelectorAll("#services-list .option")].filter(o => !o.hidden).map(o => o.dataset.service)`)
		if !slices.Equal(flagged, []string{"colorme"}) {
			t.Errorf("live filter for からーみー leaves hidden=false on %v, want only [colorme]", flagged)
		}
		total := tb.count("#services-list .option")
		if !slices.Equal(shown, []string{"colorme"}) {
			t.Errorf("live filter for からーみー shows %v of %d options, want only [colorme]", shown, total)
		}
		tb.screenshot("live-filter")
	}
	if st := tb.clickSubmit(searchButton); st != 200 {
		t.Fatalf("search: status %d", st)
	}
	loc := tb.location()
	if loc.Path != "/check" || loc.Query().Get("q") != "からーみー" {
		t.Errorf("after 探す the URL is %s, want /check?q=からーみー", loc)
	}
	if legend := tb.text("#services-list legend"); !strings.Contains(legend, "「からーみー」") {
		t.Errorf("results legend is %q, want it to name the query", legend)
	}
	if tb.count(`#services-list input#svc-colorme`) != 1 {
		t.Fatalf("searching からーみー did not list カラーミーショップ; list: %q", tb.text("#services-list"))
	}
	if n := tb.count("#services-list .option"); n != 1 {
		t.Errorf("searching からーみー lists %d services, want 1: %q", n, tb.text("#services-list"))
	}
	tb.screenshot("search-results")
	tb.check("svc-colorme")

	// A second search keeps the first choice.
	tb.setValue("q", "dlmarket")
	if st := tb.clickSubmit(searchButton); st != 200 {
		t.Fatalf("second search: status %d", st)
	}
	if !tb.checked("svc-colorme") {
		t.Errorf("カラーミーショップ is no longer ticked after a second search")
	}
	tb.check("svc-dlmarket")
	tb.screenshot("two-ticked")
	if st := tb.clickSubmit(nextButton); st != 200 {
		t.Fatalf("次へ: status %d", st)
	}

	// Step 2: activities and dates.
	if loc := tb.location(); loc.Path != "/check/when" {
		t.Fatalf("after 次へ the URL is %s, want /check/when", loc)
	}
	tb.checkStructure()
	legends := tb.text("form")
	for _, name := range []string{"カラーミーショップ", "DLmarket"} {
		if !strings.Contains(legends, name) {
			t.Errorf("step 2 does not ask about %s", name)
		}
	}
	tb.screenshot("when")
	if tb.js {
		if eval[bool](tb, `document.getElementById("day-dlmarket.card").offsetParent !== null`) {
			t.Errorf("with JavaScript the date field shows before 日付で答える is chosen")
		}
	}
	tb.check("act-dlmarket.card")
	tb.check("act-colorme.owner-card")
	tb.check("mode-day-dlmarket.card")
	tb.check("mode-day-colorme.owner-card")
	if got := tb.setValue("day-dlmarket.card", "2018-10-20"); got != "2018-10-20" {
		t.Fatalf("day-dlmarket.card kept %q", got)
	}
	if got := tb.setValue("day-colorme.owner-card", "2017-06-01"); got != "2017-06-01" {
		t.Fatalf("day-colorme.owner-card kept %q", got)
	}
	tb.screenshot("when-filled")
	if st := tb.clickSubmit(resultsButton); st != 200 {
		t.Fatalf("結果を見る: status %d on %s", st, tb.location())
	}

	// The result: a canonical, bookmarkable URL holding both answers.
	loc = tb.location()
	uses := loc.Query()["use"]
	if loc.Path != "/result" || !slices.Contains(uses, "dlmarket.card@2018-10-20") || !slices.Contains(uses, "colorme.owner-card@2017-06-01") || len(uses) != 2 {
		t.Fatalf("result URL is %s, want /result with use=dlmarket.card@2018-10-20 and use=colorme.owner-card@2017-06-01", loc)
	}
	if !strings.Contains(loc.RawQuery, "use=dlmarket.card@2018-10-20") {
		t.Errorf("result URL %s is not the readable canonical form (use=dlmarket.card@2018-10-20)", loc)
	}
	if pl := tb.value("permalink"); pl != loc.RequestURI() && pl != loc.String() {
		t.Errorf("the permalink field holds %q, want the page's URL %q", pl, loc.String())
	}
	tb.checkStructure()
	if n := tb.count("article.card"); n != 2 {
		t.Errorf("%d result cards, want 2", n)
	}
	dl := tb.cardText("DLmarket")
	if !strings.Contains(dl, "対象期間に含まれます") || strings.Contains(dl, "一部が対象期間に含まれます") {
		t.Errorf("DLmarket card for 2018-10-20 does not say 対象期間に含まれます:\n%s", dl)
	}
	if cm := tb.cardText("カラーミーショップ"); !strings.Contains(cm, "対象期間に含まれます") {
		t.Errorf("カラーミーショップ card for 2017-06-01 does not say 対象期間に含まれます:\n%s", cm)
	}
	if tb.count(`#desks a.button[href="`+dlmarketTel+`"]`) == 0 {
		t.Errorf("no tap-to-call button %s among the result's desks", dlmarketTel)
	}
	title := eval[string](tb, `document.title`)
	if !strings.Contains(title, "DLmarket") || !strings.Contains(title, "カラーミーショップ") {
		t.Errorf("title %q does not name the services checked", title)
	}
	tb.screenshot("result")

	// Reload: the same result.
	before := stableMain(tb)
	tb.do(chromedp.Reload())
	if after := stableMain(tb); after != before {
		t.Errorf("the result changed on reload:\nbefore: %.400q\nafter:  %.400q", before, after)
	}

	// Back to step 2: the answers are still there.
	tb.do(chromedp.NavigateBack())
	if loc := tb.location(); loc.Path != "/check/when" {
		t.Fatalf("back from the result went to %s, want /check/when", loc)
	}
	if got := tb.value("day-dlmarket.card"); got != "2018-10-20" {
		t.Errorf("after going back, day-dlmarket.card holds %q, want 2018-10-20", got)
	}
	if got := tb.value("day-colorme.owner-card"); got != "2017-06-01" {
		t.Errorf("after going back, day-colorme.owner-card holds %q, want 2017-06-01", got)
	}
	for _, id := range []string{"act-dlmarket.card", "act-colorme.owner-card", "mode-day-dlmarket.card", "mode-day-colorme.owner-card"} {
		if !tb.checked(id) {
			t.Errorf("after going back, %s is not ticked", id)
		}
	}
	tb.screenshot("back")

	// Correct the DLmarket date to the boundary day.
	if got := tb.setValue("day-dlmarket.card", "2018-10-17"); got != "2018-10-17" {
		t.Fatalf("day-dlmarket.card kept %q", got)
	}
	if st := tb.clickSubmit(resultsButton); st != 200 {
		t.Fatalf("結果を見る (second time): status %d", st)
	}
	loc = tb.location()
	if !slices.Contains(loc.Query()["use"], "dlmarket.card@2018-10-17") {
		t.Errorf("result URL %s lacks use=dlmarket.card@2018-10-17", loc)
	}
	dl = tb.cardText("DLmarket")
	if !strings.Contains(dl, "2018年10月17日22時05分以降なら対象です") || !strings.Contains(dl, "22時05分より前") {
		t.Errorf("DLmarket card for 2018-10-17 does not name the deciding 22時05分 with the answers that settle it:\n%s", dl)
	}
	tb.screenshot("result-partial")
	if d := tb.dialogsSeen(); len(d) > 0 {
		t.Errorf("dialogs opened: %q", d)
	}
}

// stableMain is the result's main text without the computation time.
func stableMain(tb *tab) string {
	tb.t.Helper()
	var keep []string
	for _, line := range strings.Split(tb.text("main"), "\n") {
		if !strings.Contains(line, "判定日時") {
			keep = append(keep, line)
		}
	}
	return strings.Join(keep, "\n")
}

// TestBrowserKeyboard: the questionnaire with the keyboard only (Tab, Space,
// Enter), with a visible focus indicator at every stop.
func TestBrowserKeyboard(t *testing.T) {
	s := newSuite(t)
	for _, vp := range viewports {
		t.Run(vp.name, func(t *testing.T) {
			tb := s.newTab(t, vp.width, vp.height, true)
			if st := tb.open("/check"); st != 200 {
				t.Fatalf("GET /check: status %d", st)
			}
			// The first Tab reaches the skip link, shown on screen.
			tb.keys("\t")
			f := tb.focused()
			if f.Tag != "a" || f.Text != "本文へ移動" {
				t.Errorf("the first Tab focuses %s, want the 本文へ移動 skip link", f)
			}
			if f.Right <= f.Left || f.Left < 0 || f.Right > f.VW || f.Top < 0 || f.Bottom > f.VH {
				t.Errorf("the focused skip link is off screen: left %.0f right %.0f top %.0f bottom %.0f (viewport %.0f×%.0f)", f.Left, f.Right, f.Top, f.Bottom, f.VW, f.VH)
			}
			if !f.visibleFocus() {
				t.Errorf("the skip link has no visible focus indicator (outline %q, box-shadow %q)", f.Outline, f.Shadow)
			}
			tb.screenshot("skip-link")

			// Following the skip link moves the focus to the main content,
			// so the next Tab reaches the search box.
			tb.keys("\r")
			if f := tb.focused(); f.ID != "main" {
				t.Errorf("Enter on the skip link moved the focus to %s, want main#main", f)
			}
			tb.tabTo("the search box", 3, func(f focusInfo) bool { return f.ID == "q" })
			tb.keys("dlmarket")
			// Enter in the search box submits with the first button, 探す.
			if st := tb.submit("Enter in the search box", chromedp.KeyEvent("\r")); st != 200 {
				t.Fatalf("search by Enter: status %d", st)
			}
			if loc := tb.location(); loc.Path != "/check" || loc.Query().Get("q") != "dlmarket" {
				t.Errorf("Enter in the search box went to %s, want /check?q=dlmarket", loc)
			}
			tb.tabTo("the DLmarket checkbox", 15, func(f focusInfo) bool { return f.ID == "svc-dlmarket" })
			tb.keys(" ")
			if f := tb.focused(); !f.Checked {
				t.Errorf("Space on the DLmarket checkbox did not tick it")
			}
			tb.screenshot("ticked")
			tb.tabTo("the 次へ button", 15, func(f focusInfo) bool { return f.Tag == "button" && f.Value == "next" })
			if st := tb.submit("Enter on 次へ", chromedp.KeyEvent("\r")); st != 200 {
				t.Fatalf("次へ by Enter: status %d", st)
			}
			if loc := tb.location(); loc.Path != "/check/when" {
				t.Fatalf("Enter on 次へ went to %s, want /check/when", loc)
			}
			tb.tabTo("the DLmarket card activity", 20, func(f focusInfo) bool { return f.ID == "act-dlmarket.card" })
			tb.keys(" ")
			if !tb.checked("act-dlmarket.card") {
				t.Errorf("Space on act-dlmarket.card did not tick it")
			}
			tb.screenshot("when-ticked")
			tb.tabTo("the 結果を見る button", 40, func(f focusInfo) bool { return f.Tag == "button" && f.Text == "結果を見る" })
			if st := tb.submit("Enter on 結果を見る", chromedp.KeyEvent("\r")); st != 200 {
				t.Fatalf("結果を見る by Enter: status %d on %s", st, tb.location())
			}
			loc := tb.location()
			if loc.Path != "/result" || !slices.Equal(loc.Query()["use"], []string{"dlmarket.card"}) {
				t.Errorf("the keyboard journey ended on %s, want /result?use=dlmarket.card", loc)
			}
			if card := tb.cardText("DLmarket"); !strings.Contains(card, "時期が分からないため判定できません") {
				t.Errorf("DLmarket card without a date does not say 時期が分からないため判定できません:\n%s", card)
			}
			// The result's first stops are focusable and visibly focused too.
			// The one-tap 「この期間に…ありますか？」 answer is reached early.
			tb.tabTo("the first one-tap answer of the card", 12, func(f focusInfo) bool { return f.Tag == "a" && f.Text == "はい" })
			tb.screenshot("result")
		})
	}
}

// TestBrowserFormErrors: an empty selection and an impossible date give
// inline Japanese errors on a 422 page that still works.
func TestBrowserFormErrors(t *testing.T) {
	s := newSuite(t)
	for _, vp := range viewports {
		t.Run(vp.name, func(t *testing.T) {
			tb := s.newTab(t, vp.width, vp.height, true)
			if st := tb.open("/check"); st != 200 {
				t.Fatalf("GET /check: status %d", st)
			}
			if st := tb.clickSubmit(nextButton); st != 422 {
				t.Errorf("次へ with nothing ticked: status %d, want 422", st)
			}
			msg := tb.text("#services-error")
			if !strings.Contains(msg, "サービスを1つ以上選んでください") {
				t.Errorf("empty selection error is %q", msg)
			}
			if role := eval[string](tb, `(document.getElementById("services-error") || {getAttribute: () => ""}).getAttribute("role") || ""`); role != "alert" {
				t.Errorf("#services-error role is %q, want alert", role)
			}
			if got := eval[string](tb, `document.getElementById("services-list").getAttribute("aria-describedby") || ""`); got != "services-error" {
				t.Errorf("the service list is not described by the error (aria-describedby=%q)", got)
			}
			if title := eval[string](tb, `document.title`); !strings.HasPrefix(title, "エラー") {
				t.Errorf("title of the error page is %q, want it to start with エラー", title)
			}
			tb.checkStructure()
			tb.screenshot("empty-selection")

			// The page still works: pick a service and go on.
			tb.check("svc-dlmarket")
			if st := tb.clickSubmit(nextButton); st != 200 {
				t.Fatalf("次へ after the error: status %d", st)
			}
			tb.check("act-dlmarket.card")
			tb.check("mode-day-dlmarket.card")
			// 2018-02-30 cannot be put in a date input: make it a text box,
			// as on a browser without a date picker, and type it.
			eval[bool](tb, `(() => { const e = document.getElementById("day-dlmarket.card"); e.type = "text"; return true; })()`)
			tb.do(chromedp.SendKeys(chromedp.CSS(`input`+byID("day-dlmarket.card")), "2018-02-30"))
			if got := tb.value("day-dlmarket.card"); got != "2018-02-30" {
				t.Fatalf("typed 2018-02-30, the field holds %q", got)
			}
			if st := tb.clickSubmit(resultsButton); st != 422 {
				t.Errorf("結果を見る with 2018-02-30: status %d, want 422", st)
			}
			if loc := tb.location(); loc.Path != "/check/when" {
				t.Errorf("the error page is at %s, want /check/when", loc)
			}
			summary := tb.text("#error-summary")
			if !strings.Contains(summary, "入力を確認してください") {
				t.Errorf("error summary is %q", summary)
			}
			if role := eval[string](tb, `(() => { const e = document.getElementById("error-summary"); return e ? e.getAttribute("role") || "" : "<missing>"; })()`); role != "alert" {
				t.Errorf("#error-summary role is %q, want alert", role)
			}
			if f := tb.focused(); f.ID != "error-summary" {
				t.Errorf("with JavaScript the error summary should have focus; focus is on %s", f)
			}
			field := tb.text(`p.error` + byID("err-dlmarket.card"))
			if !strings.Contains(field, "2018-02-30") && !strings.Contains(field, "2018年2月30日") {
				t.Errorf("inline error for the DLmarket date is %q, want a Japanese message about 2018-02-30", field)
			}
			if !utf8.ValidString(field) || !containsJapanese(field) {
				t.Errorf("inline error %q is not Japanese", field)
			}
			if got := eval[string](tb, `document.querySelector('.activity[data-activity="dlmarket.card"] fieldset.when').getAttribute("aria-describedby") || ""`); got != "err-dlmarket.card" {
				t.Errorf("the DLmarket date fieldset is not described by its error (aria-describedby=%q)", got)
			}
			if !tb.checked("act-dlmarket.card") || !tb.checked("mode-day-dlmarket.card") {
				t.Errorf("the error page lost the ticked activity or the chosen mode")
			}
			tb.checkStructure()
			tb.screenshot("bad-date")

			// Fix the date: the form goes through.
			eval[bool](tb, `(() => { document.getElementById("day-dlmarket.card").type = "date"; return true; })()`)
			tb.setValue("day-dlmarket.card", "2018-10-20")
			if st := tb.clickSubmit(resultsButton); st != 200 {
				t.Errorf("結果を見る after fixing the date: status %d", st)
			}
			if loc := tb.location(); loc.Path != "/result" {
				t.Errorf("after fixing the date the URL is %s", loc)
			}
		})
	}
}

func containsJapanese(s string) bool {
	for _, r := range s {
		if r >= 0x3040 && r <= 0x30ff || r >= 0x4e00 && r <= 0x9fff {
			return true
		}
	}
	return false
}

// TestBrowserHostileSearch: markup, a long string and odd Unicode typed into
// the search are shown as text, never run.
func TestBrowserHostileSearch(t *testing.T) {
	s := newSuite(t)
	cases := []struct {
		name, query string
		find        string // a service the search must list, if any
	}{
		{"script", `<script>alert(1)</script>`, ""},
		{"attribute", `"><img src=x onerror=alert(2)>`, ""},
		{"100-chars", strings.Repeat("カラーミー", 20), ""},
		{"halfwidth-kana", "ｶﾗｰﾐｰ", "colorme"},
		{"odd-unicode", "ｶﾗｰﾐｰ\u202e\u0000", ""},
	}
	for _, vp := range viewports {
		t.Run(vp.name, func(t *testing.T) {
			tb := s.newTab(t, vp.width, vp.height, true)
			for _, c := range cases {
				if st := tb.open("/check"); st != 200 {
					t.Fatalf("GET /check: status %d", st)
				}
				tb.setValue("q", c.query)
				st := tb.clickSubmit(searchButton)
				if st >= 500 {
					t.Errorf("%s: search answered %d", c.name, st)
				}
				tb.checkStructure()
				tb.screenshot("search-" + c.name)
				main := tb.text("main")
				// Control and format characters (NUL, bidi overrides) are dropped
				// from a typed query; the rest is shown as text.
				shown := strings.NewReplacer("\u0000", "", "\u202e", "").Replace(c.query)
				switch {
				case st == 200:
					if !strings.Contains(main, shown) {
						t.Errorf("%s: the page does not show the query %q as text; main: %.300q", c.name, shown, main)
					}
					if c.find != "" && tb.count("#services-list input#svc-"+c.find) != 1 {
						t.Errorf("%s: searching %q does not list %s", c.name, c.query, c.find)
					}
				case st == 400:
					if !containsJapanese(main) {
						t.Errorf("%s: 400 page without a Japanese message: %.300q", c.name, main)
					}
					t.Logf("%s: search answered 400 with %.200q", c.name, main)
				default:
					t.Errorf("%s: search answered %d", c.name, st)
				}
				scripts := eval[[]string](tb, `[...document.scripts].map(s => s.src ? "src:" + new URL(s.src).pathname : "inline:" + s.textContent)`)
				for _, sc := range scripts {
					if !strings.HasPrefix(sc, "src:/static/") {
						t.Errorf("%s: unexpected script element %q", c.name, sc)
					}
				}
				if n := tb.count("img"); n > 0 {
					t.Errorf("%s: %d img elements on the page (injected markup?)", c.name, n)
				}
			}
			if d := tb.dialogsSeen(); len(d) > 0 {
				t.Errorf("dialogs opened: %q", d)
			}
		})
	}
}

// TestBrowserAccessibility runs axe-core (WCAG 2.1 A/AA and best practices)
// and the structure checks on every kind of page, at 360 px.
func TestBrowserAccessibility(t *testing.T) {
	if testing.Short() {
		t.Skip("browser tests are skipped in -short mode")
	}
	axeJS := axeSource(t)
	s := newSuite(t)
	tb := s.newTab(t, 360, 740, true)

	type pageCase struct {
		name   string
		status int64
		open   func() int64
	}
	open := func(path string) func() int64 { return func() int64 { return tb.open(path) } }
	pages := []pageCase{
		{"start", 200, open("/")},
		{"check", 200, open("/check")},
		{"check-error", 422, func() int64 {
			tb.open("/check?new=1")
			return tb.clickSubmit(nextButton)
		}},
		{"when", 200, func() int64 {
			tb.open("/check?new=1")
			for _, id := range []string{"svc-dlmarket", "svc-colorme", "svc-geo-online"} {
				tb.check(id)
			}
			return tb.clickSubmit(nextButton)
		}},
		{"when-errors", 422, func() int64 {
			// DLmarket: a day without a date; カラーミーショップ: nothing ticked.
			tb.check("act-dlmarket.card")
			tb.check("mode-day-dlmarket.card")
			return tb.clickSubmit(resultsButton)
		}},
		{"result-match", 200, open("/result?use=dlmarket.card@2018-10-20")},
		{"result-partial", 200, open("/result?use=dlmarket.card@2018-10-17")},
		{"result-outside", 200, open("/result?use=stylestore.card@2012-01-01")},
		{"result-unaffected", 200, open("/result?use=geo-online.use@2010")},
		{"result-unknown", 200, open("/result?use=dlmarket.card")},
		{"result-multi", 200, open("/result?use=dlmarket.card@2018-10-17&use=colorme.owner-card@2017-03-15&use=geo-online.use@2010&use=stylestore.card&use=can-makeshop.member@2015")},
		{"result-colorme-two", 200, open("/result?use=colorme.owner@2017-06&use=colorme.owner-card@2017-06")},
		{"result-excerpt", 200, open("/result?use=sekaido-online.member@2021")},
		{"result-misdirect", 200, open("/result?use=volvo-toranomon.provided-info@2019-05")},
		{"incidents", 200, open("/incidents")},
		{"incident", 200, open("/incidents/colorme-2018")},
		{"service", 200, open("/services/colorme")},
		{"about", 200, open("/about")},
		{"bad-use", 400, open("/result?use=dlmarket.card@2018-02-30")},
		{"not-found", 404, open("/nope")},
		{"check-not-held", 200, open("/check?q=" + url.QueryEscape("ユニクロ"))},
		{"check-inside", 200, open("/check?q=" + url.QueryEscape("楽天"))},
		{"check-live-not-held", 200, func() int64 {
			st := tb.open("/check?new=1")
			tb.setValue("q", "ユニクロ")
			return st
		}},
		{"check-live-inside", 200, func() int64 {
			st := tb.open("/check?new=1")
			tb.setValue("q", "Amazon")
			return st
		}},
		{"check-picked-searched", 200, func() int64 {
			tb.open("/check?new=1")
			tb.check("svc-colorme")
			tb.setValue("q", "dlmarket")
			return tb.clickSubmit(searchButton)
		}},
		{"when-unaffected", 200, func() int64 {
			tb.open("/check?new=1")
			tb.check("svc-dlmarket")
			tb.check("svc-geo-online")
			return tb.clickSubmit(nextButton)
		}},
	}
	for _, p := range pages {
		t.Run(p.name, func(t *testing.T) {
			parent := tb.t
			tb.t = t
			defer func() { tb.t = parent }()
			if st := p.open(); st != p.status {
				t.Errorf("status %d, want %d (%s)", st, p.status, tb.location())
			}
			tb.checkStructure()
			tb.screenshot(p.name)
			tb.axe(axeJS, p.name)
		})
	}
}

// TestBrowserQuestionnaireDetails: smaller promises of the questionnaire,
// at 360 px with JavaScript.
func TestBrowserQuestionnaireDetails(t *testing.T) {
	s := newSuite(t)

	// A service with a single activity has it ticked on step 2 (the
	// handler means to: len(svc.Activities) == 1 && form == nil), so
	// 結果を見る works without touching anything.
	t.Run("single-activity-preticked", func(t *testing.T) {
		tb := s.newTab(t, 360, 740, true)
		tb.open("/check")
		tb.check("svc-stylestore")
		if st := tb.clickSubmit(nextButton); st != 200 {
			t.Fatalf("次へ: status %d", st)
		}
		if !tb.checked("act-stylestore.card") {
			t.Errorf("STYLE STORE has one activity but act-stylestore.card is not ticked on step 2")
		}
		tb.screenshot("single-activity")
		if st := tb.clickSubmit(resultsButton); st != 200 {
			t.Errorf("結果を見る without changes: status %d (%s)", st, tb.text("#error-summary"))
		}
	})

	// A tick on the search results survives following 「すべてのサービスを表示」.
	t.Run("tick-kept-when-showing-all", func(t *testing.T) {
		tb := s.newTab(t, 360, 740, true)
		tb.open("/check")
		tb.setValue("q", "dlmarket")
		tb.clickSubmit(searchButton)
		tb.check("svc-dlmarket")
		if st := tb.clickSubmit(`button[name="action"][value="all"]`); st != 200 {
			t.Fatalf("すべてのサービスを表示: status %d", st)
		}
		if !tb.checked("svc-dlmarket") {
			t.Errorf("ticking DLmarket on the search results and then following 「すべてのサービスを表示」 loses the tick")
		}
		tb.screenshot("show-all")
	})
}

// heldIncidents is how many incidents the bundled data holds: the pages say
// the number from the data.
func heldIncidents(t *testing.T) int {
	t.Helper()
	cat, err := store.Load(data.FS, store.LoadOptions{})
	if err != nil {
		t.Fatalf("load bundled data: %v", err)
	}
	return len(cat.Incidents)
}

// TestBrowserBackForward (issue #9, finding 1): the browser's back and
// forward keep exactly what was ticked and typed, with and without
// JavaScript, at both phone sizes.
func TestBrowserBackForward(t *testing.T) {
	s := newSuite(t)
	for _, js := range []bool{true, false} {
		for _, vp := range viewports {
			name := vp.name
			if !js {
				name += "-nojs"
			}
			t.Run(name, func(t *testing.T) {
				tb := s.newTab(t, vp.width, vp.height, js)
				backForward(t, tb)
				backAfterSearch(t, tb)
			})
		}
	}
}

func backForward(t *testing.T, tb *tab) {
	tb.open("/check")
	// カラーミーショップ and DLmarket are apart in the list, with services
	// between them: moving the chosen ones would move the ticks.
	tb.check("svc-colorme")
	tb.check("svc-dlmarket")
	if st := tb.clickSubmit(nextButton); st != 200 {
		t.Fatalf("次へ: status %d", st)
	}
	tb.check("act-dlmarket.card")
	tb.check("mode-day-dlmarket.card")
	if got := tb.setValue("day-dlmarket.card", "2018-10-20"); got != "2018-10-20" {
		t.Fatalf("day-dlmarket.card kept %q", got)
	}
	tb.check("mode-month-colorme.owner-card")
	tb.setValue("month-colorme.owner-card", "2017-06")
	tb.screenshot("step2-typed")

	tb.back()
	if loc := tb.location(); loc.Path != "/check" {
		t.Fatalf("back from step 2 went to %s", loc)
	}
	if got := tb.checkedServices(); !slices.Equal(got, []string{"colorme", "dlmarket"}) {
		t.Errorf("after back, step 1 has %v ticked, want [colorme dlmarket]", got)
	}
	if got := tb.text("#picked"); !strings.Contains(got, "カラーミーショップ") || !strings.Contains(got, "DLmarket") {
		t.Errorf("after back, the 選択中 line says %q", got)
	}
	tb.screenshot("step1-after-back")

	tb.forward()
	if loc := tb.location(); loc.Path != "/check/when" {
		t.Fatalf("forward went to %s", loc)
	}
	for _, id := range []string{"act-dlmarket.card", "mode-day-dlmarket.card", "mode-month-colorme.owner-card", "mode-unknown-dlmarket.member"} {
		if !tb.checked(id) {
			t.Errorf("after forward, %s is not ticked", id)
		}
	}
	for _, id := range []string{"mode-day-colorme.owner-card", "mode-unknown-dlmarket.card"} {
		if tb.checked(id) {
			t.Errorf("after forward, %s is ticked", id)
		}
	}
	if got := tb.value("day-dlmarket.card"); got != "2018-10-20" {
		t.Errorf("after forward, day-dlmarket.card holds %q", got)
	}
	if got := tb.value("month-colorme.owner-card"); got != "2017-06" {
		t.Errorf("after forward, month-colorme.owner-card holds %q", got)
	}
	for _, id := range []string{"day-dlmarket.card", "month-colorme.owner-card"} {
		if !tb.visible(id) {
			t.Errorf("after forward, the chosen way's field %s is hidden", id)
		}
	}
	if tb.js {
		for _, id := range []string{"month-dlmarket.card", "from-dlmarket.card", "day-colorme.owner-card", "day-dlmarket.member"} {
			if tb.visible(id) {
				t.Errorf("after forward, %s (a way not chosen) is shown", id)
			}
		}
	}
	tb.screenshot("step2-after-forward")
	if st := tb.clickSubmit(resultsButton); st != 200 {
		t.Fatalf("結果を見る after forward: status %d", st)
	}
	uses := tb.location().Query()["use"]
	if !slices.Contains(uses, "dlmarket.card@2018-10-20") || !slices.Contains(uses, "colorme.owner-card@2017-06") {
		t.Errorf("result after back and forward: uses %v", uses)
	}
}

// backAfterSearch: a choice made before a search stays chosen (and out of
// the way) on the search results, and back returns to both ticks.
func backAfterSearch(t *testing.T, tb *tab) {
	tb.open("/check?new=1")
	tb.check("svc-colorme")
	tb.setValue("q", "dlmarket")
	if st := tb.clickSubmit(searchButton); st != 200 {
		t.Fatalf("search: status %d", st)
	}
	if got := tb.shownServices(); !slices.Equal(got, []string{"dlmarket"}) {
		t.Errorf("search dlmarket shows %v, want [dlmarket]", got)
	}
	if legend := tb.text("#services-list legend"); legend != "「dlmarket」に当てはまるサービス（1件）" {
		t.Errorf("search legend = %q", legend)
	}
	tb.check("svc-dlmarket")
	if st := tb.clickSubmit(nextButton); st != 200 {
		t.Fatalf("次へ: status %d", st)
	}
	tb.back()
	if got := tb.checkedServices(); !slices.Equal(got, []string{"colorme", "dlmarket"}) {
		t.Errorf("after back to the search results, %v are ticked, want [colorme dlmarket]", got)
	}
	if got := tb.text("#picked"); got != "選択中（2件）: カラーミーショップ、DLmarket" {
		t.Errorf("after back to the search results, the 選択中 line says %q", got)
	}
	tb.screenshot("search-after-back")
}

// TestBrowserNotHeld (finding 6): a service the site does not hold is said
// plainly, live and after 探す, and the person carries on with their picks.
func TestBrowserNotHeld(t *testing.T) {
	s := newSuite(t)
	n := strconv.Itoa(heldIncidents(t))
	lead := "「ユニクロ」は、このサイトで確認できる" + n + "件の事案に含まれていません"
	for _, js := range []bool{true, false} {
		for _, vp := range viewports {
			name := vp.name
			if !js {
				name += "-nojs"
			}
			t.Run(name, func(t *testing.T) {
				tb := s.newTab(t, vp.width, vp.height, js)
				tb.open("/check")
				tb.check("svc-colorme")
				if js {
					tb.do(chromedp.SendKeys(chromedp.CSS("#q"), "ユニクロ"))
				} else {
					tb.setValue("q", "ユニクロ")
					if st := tb.clickSubmit(searchButton); st != 200 {
						t.Fatalf("search: status %d", st)
					}
				}
				if !tb.visible("not-held") {
					t.Fatalf("no not-held box for ユニクロ")
				}
				if got := tb.text("#not-held h2"); got != lead {
					t.Errorf("not-held lead = %q, want %q", got, lead)
				}
				box := tb.text("#not-held")
				for _, want := range []string{"公式サイト", "カードの裏面に書かれている電話番号", "カード会社"} {
					if !strings.Contains(box, want) {
						t.Errorf("the not-held box does not say %q:\n%s", want, box)
					}
				}
				if tb.visible("services-list") {
					t.Errorf("an empty service list is shown under the not-held box")
				}
				if got := tb.text("#picked"); !strings.Contains(got, "カラーミーショップ") {
					t.Errorf("the 選択中 line = %q, want カラーミーショップ in it", got)
				}
				tb.screenshot("uniqlo")
				tb.checkTapTargets("not-held")

				// Amazon matches only a mall store of ゲオEショップ: say so.
				if js {
					tb.setValue("q", "Amazon")
				} else {
					tb.setValue("q", "Amazon")
					tb.clickSubmit(searchButton)
				}
				if got := tb.shownServices(); !slices.Equal(got, []string{"geo-eshop-amazon"}) {
					t.Errorf("Amazon shows %v", got)
				}
				if got := tb.text("#not-held [data-lead-inside] h2"); got != "「Amazon」で見つかったのは「ゲオEショップ Amazon.co.jp店」だけです" {
					t.Errorf("Amazon lead = %q", got)
				}
				if got := tb.text("#not-held [data-notes]"); !strings.Contains(got, "Amazon.co.jpそのものの事案ではありません") {
					t.Errorf("Amazon note = %q", got)
				}
				if legend := tb.text("#services-list legend"); legend != "「Amazon」に当てはまるサービス（1件）" {
					t.Errorf("legend while showing Amazon's results = %q", legend)
				}
				tb.screenshot("amazon")

				// Going on with what was picked: no error, on to step 2.
				tb.setValue("q", "ユニクロ")
				if st := tb.clickSubmit(nextButton); st != 200 {
					t.Fatalf("次へ with カラーミーショップ picked and ユニクロ typed: status %d (%s)", st, tb.text("#services-error"))
				}
				if loc := tb.location(); loc.Path != "/check/when" {
					t.Errorf("次へ went to %s, want /check/when", loc)
				}

				// Nothing picked: told so, the search and the advice kept.
				tb.open("/check?new=1")
				tb.setValue("q", "ユニクロ")
				if st := tb.clickSubmit(nextButton); st != 422 {
					t.Errorf("次へ with nothing picked: status %d, want 422", st)
				}
				if got := tb.value("q"); got != "ユニクロ" {
					t.Errorf("the error page cleared the search box: %q", got)
				}
				if got := tb.text("#not-held h2"); got != lead {
					t.Errorf("the error page's not-held lead = %q", got)
				}
				tb.screenshot("uniqlo-nothing-picked")
			})
		}
	}
}

// TestBrowserLegendFollowsFilter (finding 10): while the live filter narrows
// the list, the legend says what is shown.
func TestBrowserLegendFollowsFilter(t *testing.T) {
	s := newSuite(t)
	tb := s.newTab(t, 360, 740, true)
	tb.open("/check")
	all := tb.text("#services-list legend")
	if !strings.HasPrefix(all, "すべてのサービス（") {
		t.Fatalf("legend = %q", all)
	}
	tb.do(chromedp.SendKeys(chromedp.CSS("#q"), "ゲオ"))
	shown := len(tb.shownServices())
	if want := "「ゲオ」に当てはまるサービス（" + strconv.Itoa(shown) + "件）"; tb.text("#services-list legend") != want {
		t.Errorf("legend while filtered = %q, want %q", tb.text("#services-list legend"), want)
	}
	if got := eval[string](tb, `document.querySelector("[data-live]").textContent`); !strings.Contains(got, "「ゲオ」") {
		t.Errorf("the live status says %q", got)
	}
	tb.setValue("q", "")
	if got := tb.text("#services-list legend"); got != all {
		t.Errorf("legend after clearing = %q, want %q", got, all)
	}
}

// TestBrowserTypedDateNoJS (finding 8): without JavaScript every date field
// shows and nothing ticks the radio for you; a typed date is used, or the
// person is told.
func TestBrowserTypedDateNoJS(t *testing.T) {
	s := newSuite(t)
	for _, vp := range viewports {
		t.Run(vp.name, func(t *testing.T) {
			tb := s.newTab(t, vp.width, vp.height, false)
			tb.open("/check")
			tb.check("svc-dlmarket")
			if st := tb.clickSubmit(nextButton); st != 200 {
				t.Fatalf("次へ: status %d", st)
			}
			if !tb.visible("day-dlmarket.card") {
				t.Fatalf("without JavaScript the date field is not shown")
			}
			// Type the date only: the activity's box and the radio stay as
			// they were (unticked; 覚えていない).
			if !tb.checked("mode-unknown-dlmarket.card") || tb.checked("act-dlmarket.card") {
				t.Fatalf("step 2 does not start with 覚えていない chosen and the activity unticked")
			}
			tb.setValue("day-dlmarket.card", "2018-10-20")
			tb.screenshot("typed-only")
			if st := tb.clickSubmit(resultsButton); st != 200 {
				t.Fatalf("結果を見る: status %d (%s)", st, tb.text("#error-summary"))
			}
			if uses := tb.location().Query()["use"]; !slices.Equal(uses, []string{"dlmarket.card@2018-10-20"}) {
				t.Errorf("the typed date was not used: result uses %v", uses)
			}

			// Dates under two ways with the radio untouched: asked which.
			tb.back()
			tb.setValue("month-dlmarket.card", "2018-11")
			if st := tb.clickSubmit(resultsButton); st != 422 {
				t.Fatalf("two ways typed: status %d, want 422", st)
			}
			if got := tb.text(`p.error` + byID("err-dlmarket.card")); !strings.Contains(got, "使う答え方") {
				t.Errorf("two ways typed: the error says %q", got)
			}
			if got := tb.value("day-dlmarket.card"); got != "2018-10-20" {
				t.Errorf("the error page dropped the typed day: %q", got)
			}
			tb.screenshot("two-ways")
		})
	}
}

// TestBrowserUnaffected (finding 7): services stated as not affected ask no
// dates; picking only them goes straight to the result.
func TestBrowserUnaffected(t *testing.T) {
	s := newSuite(t)
	tb := s.newTab(t, 360, 740, true)
	tb.open("/incidents")
	if got := tb.text("main"); !strings.Contains(got, "影響がないと発表されたサービス: ゲオ店舗（店舗の会員情報）、GEO Online、ゲオ宅配レンタル、ジャンブルストアオンライン") {
		t.Errorf("the incident list does not list the not-affected services apart:\n%s", got)
	}
	tb.open("/check")
	tb.check("svc-geo-takuhai-rental")
	if st := tb.clickSubmit(nextButton); st != 200 {
		t.Fatalf("次へ: status %d", st)
	}
	loc := tb.location()
	if loc.Path != "/result" || !slices.Equal(loc.Query()["use"], []string{"geo-takuhai-rental.use"}) {
		t.Errorf("only ゲオ宅配レンタル picked: went to %s, want /result?use=geo-takuhai-rental.use", loc)
	}
	tb.screenshot("result")

	tb.open("/check?new=1")
	tb.check("svc-dlmarket")
	tb.check("svc-geo-online")
	tb.clickSubmit(nextButton)
	if n := tb.count(`input[name^="mode.geo-online"], input[value^="geo-online."]`); n != 0 {
		t.Errorf("step 2 asks %d questions about GEO Online", n)
	}
	if got := tb.text("section.unaffected-list"); !strings.Contains(got, "GEO Online") {
		t.Errorf("step 2 does not say GEO Online needs no dates: %q", got)
	}
	tb.screenshot("when")
	tb.check("act-dlmarket.card")
	tb.clickSubmit(resultsButton)
	// Uses follow the list's order (by reading: げお before でぃー).
	if uses := tb.location().Query()["use"]; !slices.Equal(uses, []string{"geo-online.use", "dlmarket.card"}) {
		t.Errorf("result uses %v, want [geo-online.use dlmarket.card]", uses)
	}
}

// TestBrowserTapTargets (finding 10): every link, button, checkbox and radio
// on the start page and the questionnaire is at least 44 px each way.
func TestBrowserTapTargets(t *testing.T) {
	s := newSuite(t)
	for _, js := range []bool{true, false} {
		for _, vp := range viewports {
			name := vp.name
			if !js {
				name += "-nojs"
			}
			t.Run(name, func(t *testing.T) {
				tb := s.newTab(t, vp.width, vp.height, js)
				tb.open("/")
				tb.checkTapTargets("start")
				tb.open("/check")
				tb.checkTapTargets("step 1")
				tb.open("/check?q=" + url.QueryEscape("楽天"))
				tb.checkTapTargets("step 1 search")
				tb.check("svc-geo-eshop-rakuten")
				tb.clickSubmit(`button[name="action"][value="all"]`)
				tb.check("svc-colorme")
				tb.clickSubmit(nextButton)
				tb.checkTapTargets("step 2")
				tb.check("act-colorme.owner")
				tb.check("mode-day-colorme.owner")
				if st := tb.clickSubmit(resultsButton); st != 422 {
					t.Fatalf("step 2 without a date: status %d, want 422", st)
				}
				tb.checkTapTargets("step 2 errors")
			})
		}
	}
}

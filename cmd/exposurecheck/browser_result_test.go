package main

// The result page in a real browser: its height at phone sizes (design §9: a
// two-activity result fits in five screens at 360 px), what the first screen
// holds, the one-tap refinements, and the screenshots people look at.
//
//	RESULT_SHOTS=/work/shots RESULT_SHOTS_TAG=after go test ./cmd/exposurecheck/ -run BrowserResult -v
//
// RESULT_SHOTS, when set, is a folder for full-page screenshots named
// result-NAME-WIDTH[-TAG].png.

import (
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
)

// resultPages are the results measured and photographed.
var resultPages = []struct {
	name, path string
	maxHeight  int // at 360 px; 0: not bounded
}{
	{"colorme-two", "/result?use=colorme.owner@2017-06&use=colorme.owner-card@2017-06", 3700},
	{"dlmarket", "/result?use=dlmarket.card@2018-10-17&use=dlmarket.member@2018", 0},
	{"dlmarket-card", "/result?use=dlmarket.card@2018-10-17", 0},
	{"colorme-card-march", "/result?use=colorme.owner-card@2017-03", 0},
	{"stylestore-unknown", "/result?use=stylestore.card", 0},
	{"excerpt", "/result?use=sekaido-online.member@2021", 0},
	{"misdirect", "/result?use=volvo-toranomon.provided-info@2019-05", 0},
	{"two-services", "/result?use=dlmarket.card@2018-10-20&use=colorme.owner-card@2017-06-01", 0},
	{"multi", "/result?use=dlmarket.card@2018-10-17&use=colorme.owner-card@2017-03-15&use=geo-online.use@2010&use=stylestore.card&use=can-makeshop.member@2015", 0},
}

// shotTo saves a full-page screenshot of the tab to RESULT_SHOTS, if set.
func (tb *tab) shotTo(name string) {
	tb.t.Helper()
	dir := os.Getenv("RESULT_SHOTS")
	if dir == "" {
		return
	}
	ctx, cancel := tb.stepCtx()
	defer cancel()
	buf, err := chromedp.Run(ctx, chromedp.FullScreenshot(100))
	if err != nil {
		tb.t.Fatalf("screenshot %s: %v", name, err)
	}
	if tag := os.Getenv("RESULT_SHOTS_TAG"); tag != "" {
		name += "-" + tag
	}
	if err := os.WriteFile(filepath.Join(dir, name+".png"), buf, 0o644); err != nil {
		tb.t.Fatal(err)
	}
}

// firstScreenJS is the text of what lies in the first screen.
const firstScreenJS = `(() => {
	const h = window.innerHeight, out = [];
	const walk = document.createTreeWalker(document.querySelector("main"), NodeFilter.SHOW_TEXT);
	for (let n = walk.nextNode(); n; n = walk.nextNode()) {
		const t = n.textContent.trim();
		if (!t || !n.parentElement || n.parentElement.closest("details:not([open]) > :not(summary)")) continue;
		const r = document.createRange(); r.selectNodeContents(n);
		const b = r.getBoundingClientRect();
		if (b.height > 0 && b.top < h) out.push(t);
	}
	return out.join(" ");
})()`

func TestBrowserResultHeights(t *testing.T) {
	s := newSuite(t)
	for _, vp := range viewports {
		tb := s.newTab(t, vp.width, vp.height, true)
		for _, p := range resultPages {
			if st := tb.open(p.path); st != 200 {
				t.Fatalf("%s: status %d", p.path, st)
			}
			h := eval[int](tb, `document.documentElement.scrollHeight`)
			t.Logf("%dx%d %s: %d px (%.1f screens)", vp.width, vp.height, p.path, h, float64(h)/float64(vp.height))
			if vp.width == 360 {
				t.Logf("first screen of %s: %s", p.path, eval[string](tb, firstScreenJS))
			}
			if vp.width == 360 && p.maxHeight > 0 && h > p.maxHeight {
				t.Errorf("%s is %d px tall at 360 px, want at most %d (five screens)", p.path, h, p.maxHeight)
			}
			tb.shotTo(fmt.Sprintf("result-%s-%d", p.name, vp.width))
		}
	}
}

// lineClass is the class of a card's line of one kind ("" if none).
func (tb *tab) lineClass(service, kind string) string {
	tb.t.Helper()
	return eval[string](tb, `(() => { const l = document.querySelector("article#r-" + `+jsString(service)+` + " li.line[data-kind=" + `+jsString(kind)+` + "]"); return l ? l.className : ""; })()`)
}

// TestBrowserResultRefine follows the one-tap refinements: the boundary
// day's before / after, and "did you use it in this period?" for an answer
// without a date. Every other use stays as it was.
func TestBrowserResultRefine(t *testing.T) {
	s := newSuite(t)
	for _, js := range []bool{true, false} {
		t.Run(map[bool]string{true: "js", false: "nojs"}[js], func(t *testing.T) {
			tb := s.newTab(t, 360, 740, js)
			const start = "/result?use=dlmarket.card@2018-10-17&use=colorme.owner-card@2017-06"
			tb.open(start)
			if got := tb.lineClass("dlmarket", "card"); !strings.Contains(got, "verdict-partial") {
				t.Fatalf("DLmarket card line on the boundary day is %q, want verdict-partial", got)
			}
			tb.clickSubmit(`#r-dlmarket a[data-testid="refine-after"]`)
			if got, want := tb.location().Query()["use"], []string{"dlmarket.card@2018-10-17T22:05..2018-10-17", "colorme.owner-card@2017-06"}; !slices.Equal(got, want) {
				t.Errorf("after 22:05: uses %q, want %q", got, want)
			}
			if got := tb.lineClass("dlmarket", "card"); !strings.Contains(got, "verdict-match") {
				t.Errorf("after 22:05 the card line is %q, want verdict-match", got)
			}
			if a := tb.text(`#r-dlmarket ul.answers`); !strings.Contains(a, "2018年10月17日22時05分〜23時59分") {
				t.Errorf("the refined answer reads %q", a)
			}
			tb.shotTo(fmt.Sprintf("result-refined-after-%d", 360))

			tb.open(start)
			tb.clickSubmit(`#r-dlmarket a[data-testid="refine-before"]`)
			if got, want := tb.location().Query()["use"], []string{"dlmarket.card@2018-10-17..2018-10-17T22:04", "colorme.owner-card@2017-06"}; !slices.Equal(got, want) {
				t.Errorf("before 22:05: uses %q, want %q", got, want)
			}
			if got := tb.lineClass("dlmarket", "card"); !strings.Contains(got, "verdict-outside") {
				t.Errorf("before 22:05 the card line is %q, want verdict-outside", got)
			}

			// "Don't know" leads to what to do.
			tb.open(start)
			if href := eval[string](tb, `document.querySelector('#r-dlmarket a[data-testid="refine-unsure"]').getAttribute("href")`); href != "#todo" || tb.count("section#todo") != 1 {
				t.Errorf("分からない links to %q (todo sections: %d)", href, tb.count("section#todo"))
			}

			// No date: the window is in the verdict, yes / no settle it.
			const unknown = "/result?use=stylestore.card&use=dlmarket.card@2018-10-20"
			tb.open(unknown)
			line := tb.text(`#r-stylestore li.line[data-kind="card"]`)
			if !strings.Contains(line, "対象期間は2013年4月1日〜2016年7月27日です") {
				t.Errorf("the unknown line does not show the window: %q", line)
			}
			if n := strings.Count(tb.text("#r-stylestore"), "時期が分からないため判定できません"); n != 1 {
				t.Errorf("「時期が分からないため判定できません」 appears %d times on the card, want once", n)
			}
			tb.clickSubmit(`#r-stylestore a[data-testid="ask-yes"]`)
			if got, want := tb.location().Query()["use"], []string{"stylestore.card@2013-04-01..2016-07-27", "dlmarket.card@2018-10-20"}; !slices.Equal(got, want) {
				t.Errorf("yes: uses %q, want %q", got, want)
			}
			if got := tb.lineClass("stylestore", "card"); !strings.Contains(got, "verdict-match") {
				t.Errorf("yes: the card line is %q, want verdict-match", got)
			}
			tb.open(unknown)
			tb.clickSubmit(`#r-stylestore a[data-testid="ask-no"]`)
			if got, want := tb.location().Query()["use"], []string{"stylestore.card@..2013-03-31,2016-07-28..", "dlmarket.card@2018-10-20"}; !slices.Equal(got, want) {
				t.Errorf("no: uses %q, want %q", got, want)
			}
			if got := tb.lineClass("stylestore", "card"); !strings.Contains(got, "verdict-outside") {
				t.Errorf("no: the card line is %q, want verdict-outside", got)
			}
		})
	}
}

// smallTargetsJS lists the tap targets under 44 px high: buttons, summaries
// and links that stand on their own (a link inside a sentence is exempt, as
// in WCAG 2.5.8).
const smallTargetsJS = `(() => {
	const out = [];
	for (const e of document.querySelectorAll("a, button, summary, input")) {
		const r = e.getBoundingClientRect();
		if (r.width === 0 && r.height === 0) continue;
		if (e.tagName === "A" && !e.classList.contains("button")) {
			// Inside a sentence: the block has words besides its links.
			const block = (e.closest("p, li, dd, div, td") || e.parentElement).cloneNode(true);
			block.querySelectorAll("a").forEach(a => a.remove());
			if (block.textContent.replace(/[\s・、。|（）()]/g, "").length > 0) continue;
		}
		if (r.height < 44) out.push(e.tagName.toLowerCase() + " " + JSON.stringify((e.textContent || e.value || "").trim().slice(0, 30)) + " " + Math.round(r.width) + "x" + Math.round(r.height));
	}
	return out;
})()`

// TestBrowserResultTools: tap targets of 44 px or more, and the save /
// copy / share / print tools near the top.
func TestBrowserResultTools(t *testing.T) {
	s := newSuite(t)
	for _, js := range []bool{true, false} {
		tb := s.newTab(t, 360, 740, js)
		for _, p := range resultPages {
			tb.open(p.path)
			// Open every details element, so the targets inside are measured too.
			eval[bool](tb, `(document.querySelectorAll("details").forEach(d => d.open = true), true)`)
			for _, small := range eval[[]string](tb, smallTargetsJS) {
				t.Errorf("js=%v %s: tap target under 44 px: %s", js, p.path, small)
			}
		}
		tb.open(resultPages[0].path)
		top := eval[float64](tb, `document.querySelector(".share-tools").getBoundingClientRect().bottom`)
		if top > 740 {
			t.Errorf("js=%v: the save / share tools end at %.0f px, below the first screen", js, top)
		}
		shown := eval[[]string](tb, `[...document.querySelectorAll(".share-tools button")].filter(b => !b.hidden).map(b => b.dataset.share)`)
		if js && !slices.Contains(shown, "print") {
			t.Errorf("with JavaScript the print button is hidden (shown: %q)", shown)
		}
		if !js && len(shown) != 0 {
			t.Errorf("without JavaScript buttons that cannot work are shown: %q", shown)
		}
		if js {
			tb.click(`.share-tools button[data-share="copy"]`)
			var status string
			for range 20 {
				if status = tb.text(".share-status"); status != "" {
					break
				}
				time.Sleep(50 * time.Millisecond)
			}
			if !strings.Contains(status, "コピー") {
				t.Errorf("after リンクをコピー the status says %q", status)
			}
		}
	}
}

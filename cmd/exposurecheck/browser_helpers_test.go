package main

// Helpers for the end-to-end browser tests in browser_test.go: the server
// started in-process, one headless Chromium per test, tabs with their own
// cookie jar, screenshots, layout and accessibility checks.

import (
	"bytes"
	"context"
	_ "embed"
	"encoding/json"
	"fmt"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/chromedp/cdproto/emulation"
	"github.com/chromedp/cdproto/page"
	"github.com/chromedp/chromedp"
)

// stepTimeout bounds each browser step, so a broken page fails fast instead
// of hanging the suite.
const stepTimeout = 15 * time.Second

// prerequisite fails the test under CI=true and skips it elsewhere: a
// developer without Chromium or axe-core still gets the other tests.
func prerequisite(t *testing.T, format string, args ...any) {
	t.Helper()
	if os.Getenv("CI") == "true" {
		t.Fatalf(format, args...)
	}
	t.Skipf(format, args...)
}

// chromiumPath is the browser to drive: $CHROMIUM_PATH or /usr/bin/chromium.
// The tests never download a browser.
func chromiumPath(t *testing.T) string {
	t.Helper()
	p := os.Getenv("CHROMIUM_PATH")
	if p == "" {
		p = "/usr/bin/chromium"
	}
	found, err := exec.LookPath(p)
	if err != nil {
		prerequisite(t, "browser tests need Chromium: %s not found (set CHROMIUM_PATH, or apt-get install chromium): %v", p, err)
	}
	return found
}

// repoRoot is the folder holding go.mod, found upwards from the test's
// working directory.
func repoRoot(t *testing.T) string {
	t.Helper()
	dir, err := os.Getwd()
	if err != nil {
		t.Fatal(err)
	}
	for {
		if _, err := os.Stat(filepath.Join(dir, "go.mod")); err == nil {
			return dir
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			t.Fatal("go.mod not found above the working directory")
		}
		dir = parent
	}
}

// axeSource is axe.min.js: $AXE_CORE_JS, or .ci/axe/node_modules/axe-core/axe.min.js
// in the repository (installed with
// `npm install --prefix .ci/axe axe-core@4.14.1`).
func axeSource(t *testing.T) string {
	t.Helper()
	p := os.Getenv("AXE_CORE_JS")
	if p == "" {
		p = filepath.Join(repoRoot(t), ".ci", "axe", "node_modules", "axe-core", "axe.min.js")
	}
	b, err := os.ReadFile(p)
	if err != nil {
		prerequisite(t, "accessibility tests need axe-core: %v (run `npm install --prefix .ci/axe axe-core@4.14.1` or set AXE_CORE_JS)", err)
	}
	return string(b)
}

var (
	shotsOnce sync.Once
	shotsDir  string
	shotsErr  error
)

// screenshotDir is where every step's screenshot goes: $E2E_SCREENSHOTS, or
// a folder in the system temp dir that outlives the test run.
func screenshotDir(t *testing.T) string {
	t.Helper()
	shotsOnce.Do(func() {
		shotsDir = os.Getenv("E2E_SCREENSHOTS")
		if shotsDir == "" {
			shotsDir = filepath.Join(os.TempDir(), "exposurecheck-e2e-"+time.Now().Format("20060102-150405"))
		}
		shotsErr = os.MkdirAll(shotsDir, 0o755)
	})
	if shotsErr != nil {
		t.Fatalf("screenshot folder: %v", shotsErr)
	}
	return shotsDir
}

// syncBuffer collects the server's log lines from its goroutines.
type syncBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (s *syncBuffer) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.Write(p)
}

func (s *syncBuffer) String() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.String()
}

// listenMu serialises the use of the package variable onListen.
var listenMu sync.Mutex

// startServer runs the real program (`exposurecheck serve`) in-process on a
// free port, and stops it when the test ends.
func startServer(t *testing.T) (base string, logs *syncBuffer) {
	t.Helper()
	logs = &syncBuffer{}
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan int, 1)
	ready := make(chan string, 1)

	listenMu.Lock()
	onListen = ready
	go func() {
		done <- run(ctx, []string{"serve", "--addr", "127.0.0.1:0"}, logs, logs, func(string) string { return "" })
	}()
	var addr string
	select {
	case addr = <-ready:
	case code := <-done:
		onListen = nil
		listenMu.Unlock()
		cancel()
		t.Fatalf("server exited with %d before listening:\n%s", code, logs)
	case <-time.After(30 * time.Second):
		onListen = nil
		listenMu.Unlock()
		cancel()
		t.Fatalf("server did not start within 30s:\n%s", logs)
	}
	onListen = nil
	listenMu.Unlock()

	t.Cleanup(func() {
		cancel()
		select {
		case code := <-done:
			if code != 0 {
				t.Errorf("server exited with %d:\n%s", code, logs)
			}
		case <-time.After(25 * time.Second):
			t.Errorf("server did not stop within 25s")
		}
	})
	return "http://" + addr, logs
}

// suite is one server and one browser, for one top-level test.
type suite struct {
	t       *testing.T
	base    string
	logs    *syncBuffer
	browser context.Context
	shots   string
}

func newSuite(t *testing.T) *suite {
	t.Helper()
	if testing.Short() {
		t.Skip("browser tests are skipped in -short mode")
	}
	exe := chromiumPath(t)
	shots := screenshotDir(t)
	base, logs := startServer(t)

	allocCtx, cancelAlloc := chromedp.NewExecAllocator(context.Background(),
		chromedp.ExecPath(exe),
		chromedp.Headless,
		chromedp.NoSandbox,
		chromedp.DisableGPU,
		chromedp.NoFirstRun,
		chromedp.Flag("disable-background-networking", true),
		chromedp.Flag("disable-component-update", true),
		chromedp.Flag("disable-sync", true),
		chromedp.Flag("disable-dev-shm-usage", true),
		chromedp.UserDataDir(t.TempDir()),
		chromedp.WindowSize(390, 844),
	)
	t.Cleanup(cancelAlloc)
	browser, cancelBrowser := chromedp.NewContext(allocCtx)
	t.Cleanup(cancelBrowser)
	// Start the browser with no timeout: a timeout here would kill it.
	if err := chromedp.Do(browser); err != nil {
		t.Fatalf("starting %s: %v", exe, err)
	}
	t.Logf("screenshots: %s", shots)
	return &suite{t: t, base: base, logs: logs, browser: browser, shots: shots}
}

// viewports are the phone sizes every journey runs at.
var viewports = []struct {
	name          string
	width, height int64
}{
	{"360x740", 360, 740},
	{"390x844", 390, 844},
}

// tab is one browser tab with its own cookie jar (a fresh browser context),
// a phone viewport, and the page's dialogs and console errors recorded.
type tab struct {
	t     *testing.T
	s     *suite
	ctx   context.Context
	js    bool
	width int64
	name  string
	shot  int

	mu         sync.Mutex
	dialogs    []string
	exceptions []string
	errors     []string
}

func (s *suite) newTab(t *testing.T, width, height int64, js bool) *tab {
	t.Helper()
	ctx, cancel := chromedp.NewContext(s.browser, chromedp.WithNewBrowserContext())
	t.Cleanup(cancel)
	tb := &tab{t: t, s: s, ctx: ctx, js: js, width: width,
		name: regexp.MustCompile(`[^A-Za-z0-9_.-]+`).ReplaceAllString(t.Name(), "_")}
	// Open the tab with no timeout (it lives as long as the test).
	if err := chromedp.Do(ctx); err != nil {
		t.Fatalf("opening a tab: %v", err)
	}
	dialogs := chromedp.Events(ctx, page.JavascriptDialogOpening)
	go func() {
		for ev, err := range dialogs {
			if err != nil {
				return
			}
			tb.mu.Lock()
			tb.dialogs = append(tb.dialogs, string(ev.Type)+": "+ev.Message)
			tb.mu.Unlock()
			_, _ = chromedp.Call(ctx, page.HandleJavaScriptDialog, page.HandleJavaScriptDialogParams{Accept: false})
		}
	}()
	console := chromedp.Console(ctx)
	go func() {
		for m, err := range console {
			if err != nil {
				return
			}
			tb.mu.Lock()
			switch {
			case m.IsException():
				tb.exceptions = append(tb.exceptions, fmt.Sprintf("%s:%d %s", m.URL, m.Line+1, m.Text))
			case m.Type == chromedp.ConsoleError:
				tb.errors = append(tb.errors, fmt.Sprintf("%s %s", m.URL, m.Text))
			}
			tb.mu.Unlock()
		}
	}()
	tb.do(chromedp.EmulateViewport(width, height, chromedp.EmulateMobile, chromedp.EmulatePortrait))
	if !js {
		if _, err := chromedp.Call(ctx, emulation.SetScriptExecutionDisabled, emulation.SetScriptExecutionDisabledParams{Value: true}); err != nil {
			t.Fatalf("disabling JavaScript: %v", err)
		}
	}
	t.Cleanup(func() {
		// Give the console goroutine a moment to see the last page's messages.
		time.Sleep(50 * time.Millisecond)
		tb.mu.Lock()
		defer tb.mu.Unlock()
		for _, e := range tb.exceptions {
			t.Errorf("JavaScript error on the page: %s", e)
		}
		for _, e := range tb.errors {
			// A 4xx document is expected on error pages; anything else
			// (a CSP violation, a missing asset) is a bug.
			if strings.Contains(e, "the server responded with a status of 4") && !strings.Contains(e, "/static/") && !strings.Contains(e, "favicon") {
				continue
			}
			t.Errorf("console error: %s", e)
		}
	})
	return tb
}

// step runs one bounded step on the tab's context.
func (tb *tab) stepCtx() (context.Context, context.CancelFunc) {
	return context.WithTimeout(tb.ctx, stepTimeout)
}

func (tb *tab) do(actions ...chromedp.Action[chromedp.Void]) {
	tb.t.Helper()
	ctx, cancel := tb.stepCtx()
	defer cancel()
	if err := chromedp.Do(ctx, actions...); err != nil {
		tb.t.Fatalf("browser step failed on %s: %v", tb.locationOrEmpty(), err)
	}
}

// eval runs a JavaScript expression and decodes its value (with JavaScript
// disabled in the page, DevTools evaluation still works).
func eval[T any](tb *tab, js string, opts ...chromedp.EvaluateOption) T {
	tb.t.Helper()
	ctx, cancel := tb.stepCtx()
	defer cancel()
	v, err := chromedp.Run(ctx, chromedp.Evaluate[T](js, opts...))
	if err != nil {
		tb.t.Fatalf("evaluating %.80q on %s: %v", js, tb.locationOrEmpty(), err)
	}
	return v
}

func jsString(s string) string {
	b, _ := json.Marshal(s)
	return string(b)
}

func (tb *tab) locationOrEmpty() string {
	ctx, cancel := context.WithTimeout(tb.ctx, 2*time.Second)
	defer cancel()
	loc, _ := chromedp.Run(ctx, chromedp.Location())
	return loc
}

// location is the tab's current URL.
func (tb *tab) location() *url.URL {
	tb.t.Helper()
	ctx, cancel := tb.stepCtx()
	defer cancel()
	loc, err := chromedp.Run(ctx, chromedp.Location())
	if err != nil {
		tb.t.Fatalf("location: %v", err)
	}
	u, err := url.Parse(loc)
	if err != nil {
		tb.t.Fatalf("location %q: %v", loc, err)
	}
	return u
}

// open navigates to a path of the site and returns the HTTP status.
func (tb *tab) open(path string) int64 {
	tb.t.Helper()
	ctx, cancel := tb.stepCtx()
	defer cancel()
	resp, err := chromedp.Run(ctx, chromedp.NavigateResponse(tb.s.base+path))
	if err != nil {
		tb.t.Fatalf("opening %s: %v", path, err)
	}
	return resp.Status
}

// submit clicks a button (or presses keys) that navigates and returns the
// final HTTP status, after redirects.
func (tb *tab) submit(what string, actions ...chromedp.Action[chromedp.Void]) int64 {
	tb.t.Helper()
	ctx, cancel := tb.stepCtx()
	defer cancel()
	resp, err := chromedp.RunResponse(ctx, actions...)
	if err != nil {
		tb.t.Fatalf("%s: %v", what, err)
	}
	return resp.Status
}

func (tb *tab) click(css string) {
	tb.t.Helper()
	tb.do(chromedp.Click(chromedp.CSS(css)))
}

// clickSubmit clicks a submit button and waits for the next page.
func (tb *tab) clickSubmit(css string) int64 {
	tb.t.Helper()
	return tb.submit("submitting with "+css, chromedp.Click(chromedp.CSS(css)))
}

// byID is an attribute selector, since the site's ids contain dots.
func byID(id string) string { return `[id=` + jsString(id) + `]` }

// check ticks a checkbox or radio (by clicking it, as a person would) unless
// it is already ticked.
func (tb *tab) check(id string) {
	tb.t.Helper()
	if !eval[bool](tb, `!!document.getElementById(`+jsString(id)+`)`) {
		tb.t.Fatalf("no input #%s on %s", id, tb.locationOrEmpty())
	}
	if !tb.checked(id) {
		tb.click(`input` + byID(id))
	}
	if !tb.checked(id) {
		tb.t.Fatalf("clicking #%s did not tick it", id)
	}
}

func (tb *tab) checked(id string) bool {
	tb.t.Helper()
	return eval[bool](tb, `(() => { const e = document.getElementById(`+jsString(id)+`); return !!e && e.checked; })()`)
}

// setValue sets a field's value the way a date picker would (native date
// pickers do not take typed text reliably in headless mode) and fires the
// input and change events. It returns the value the field kept.
func (tb *tab) setValue(id, value string) string {
	tb.t.Helper()
	return eval[string](tb, `(() => {
		const e = document.getElementById(`+jsString(id)+`);
		if (!e) return "<missing>";
		e.focus();
		e.value = `+jsString(value)+`;
		e.dispatchEvent(new Event("input", {bubbles: true}));
		e.dispatchEvent(new Event("change", {bubbles: true}));
		return e.value;
	})()`)
}

func (tb *tab) value(id string) string {
	tb.t.Helper()
	return eval[string](tb, `(() => { const e = document.getElementById(`+jsString(id)+`); return e ? e.value : "<missing>"; })()`)
}

// text is the rendered text of the first element matching css ("" if none).
func (tb *tab) text(css string) string {
	tb.t.Helper()
	return eval[string](tb, `(() => { const e = document.querySelector(`+jsString(css)+`); return e ? e.innerText : ""; })()`)
}

func (tb *tab) count(css string) int {
	tb.t.Helper()
	return eval[int](tb, `document.querySelectorAll(`+jsString(css)+`).length`)
}

// cardText is the text of the result card whose heading contains name.
func (tb *tab) cardText(name string) string {
	tb.t.Helper()
	return eval[string](tb, `(() => {
		for (const a of document.querySelectorAll("article.card")) {
			const h = a.querySelector("h2");
			if (h && h.textContent.includes(`+jsString(name)+`)) return a.innerText;
		}
		return "";
	})()`)
}

func (tb *tab) dialogsSeen() []string {
	tb.mu.Lock()
	defer tb.mu.Unlock()
	return append([]string(nil), tb.dialogs...)
}

// screenshot saves a full-page PNG of the current page and checks that
// nothing sticks out sideways at this width.
func (tb *tab) screenshot(step string) {
	tb.t.Helper()
	tb.shot++
	ctx, cancel := tb.stepCtx()
	defer cancel()
	buf, err := chromedp.Run(ctx, chromedp.FullScreenshot(100))
	if err != nil {
		tb.t.Fatalf("screenshot %s: %v", step, err)
	}
	name := fmt.Sprintf("%s-%02d-%s.png", tb.name, tb.shot, step)
	if err := os.WriteFile(filepath.Join(tb.s.shots, name), buf, 0o644); err != nil {
		tb.t.Fatalf("saving screenshot: %v", err)
	}
	tb.checkLayout(step)
}

// overflowJS lists the outermost elements that stick out past the right edge
// of the viewport, and whether the page scrolls sideways.
const overflowJS = `(() => {
	const vw = document.documentElement.clientWidth;
	const out = [];
	if (document.documentElement.scrollWidth > vw + 1) {
		out.push("the page scrolls sideways: scrollWidth " + document.documentElement.scrollWidth + "px > " + vw + "px");
	}
	const desc = (e) => {
		let s = e.tagName.toLowerCase();
		if (e.id) s += "#" + e.id;
		if (e.classList.length) s += "." + [...e.classList].join(".");
		return s;
	};
	const sticks = (e) => {
		const r = e.getBoundingClientRect();
		return (r.width > 0 || r.height > 0) && r.right > vw + 1;
	};
	for (const e of document.body.querySelectorAll("*")) {
		if (!sticks(e)) continue;
		if (e.parentElement && e.parentElement !== document.body && sticks(e.parentElement)) continue;
		let clipped = false;
		for (let p = e.parentElement; p && p !== document.body; p = p.parentElement) {
			const o = getComputedStyle(p).overflowX;
			if (o === "hidden" || o === "auto" || o === "scroll" || o === "clip") { clipped = true; break; }
		}
		if (clipped) continue;
		const r = e.getBoundingClientRect();
		out.push(desc(e) + " reaches " + Math.round(r.right) + "px (viewport " + vw + "px): " + e.outerHTML.slice(0, 100));
		if (out.length >= 8) break;
	}
	return out;
})()`

func (tb *tab) checkLayout(step string) {
	tb.t.Helper()
	for _, p := range eval[[]string](tb, overflowJS) {
		tb.t.Errorf("layout at %dpx, %s (%s): %s", tb.width, step, tb.locationOrEmpty(), p)
	}
}

// structureJS checks what every page must have: lang=ja, one h1, and a label
// for every visible form control.
const structureJS = `(() => {
	const p = [];
	const lang = document.documentElement.getAttribute("lang");
	if (lang !== "ja") p.push("html lang is " + JSON.stringify(lang) + ", want \"ja\"");
	const h1 = document.querySelectorAll("h1").length;
	if (h1 !== 1) p.push(h1 + " h1 elements, want exactly 1");
	for (const e of document.querySelectorAll("input, select, textarea")) {
		if (e.type === "hidden") continue;
		if (!e.labels || e.labels.length === 0) p.push("no <label> for " + e.outerHTML.slice(0, 120));
	}
	if (!document.title.trim()) p.push("empty <title>");
	return p;
})()`

func (tb *tab) checkStructure() {
	tb.t.Helper()
	for _, p := range eval[[]string](tb, structureJS) {
		tb.t.Errorf("%s: %s", tb.locationOrEmpty(), p)
	}
}

// axeViolation is the part of an axe-core result the report prints.
type axeViolation struct {
	ID     string `json:"id"`
	Impact string `json:"impact"`
	Help   string `json:"help"`
	Nodes  []struct {
		Target  string `json:"target"`
		HTML    string `json:"html"`
		Summary string `json:"summary"`
	} `json:"nodes"`
}

const axeRunJS = `axe.run(document, {runOnly: {type: "tag", values: ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "best-practice"]}})
	.then(r => r.violations.map(v => ({id: v.id, impact: v.impact || "", help: v.help,
		nodes: v.nodes.map(n => ({target: n.target.map(String).join(" "), html: n.html, summary: n.failureSummary || ""}))})))`

// axe injects axe-core into the current page and fails the test on every
// violation, with the rule, impact and failing nodes.
func (tb *tab) axe(axeJS, page string) {
	tb.t.Helper()
	if !eval[bool](tb, `typeof axe !== "undefined"`) {
		ctx, cancel := tb.stepCtx()
		_, err := chromedp.Run(ctx, chromedp.Evaluate[chromedp.Void](axeJS))
		cancel()
		if err != nil {
			tb.t.Fatalf("injecting axe-core: %v", err)
		}
	}
	ctx, cancel := context.WithTimeout(tb.ctx, 30*time.Second)
	defer cancel()
	vs, err := chromedp.Run(ctx, chromedp.Evaluate[[]axeViolation](axeRunJS, chromedp.EvalAwaitPromise))
	if err != nil {
		tb.t.Fatalf("running axe-core: %v", err)
	}
	for _, v := range vs {
		var b strings.Builder
		fmt.Fprintf(&b, "axe %s [%s] on %s (%s): %s", v.ID, v.Impact, page, tb.locationOrEmpty(), v.Help)
		for _, n := range v.Nodes {
			fmt.Fprintf(&b, "\n\ttarget: %s\n\thtml:   %s\n\t%s", n.Target, n.HTML, strings.ReplaceAll(n.Summary, "\n", "\n\t"))
		}
		tb.t.Error(b.String())
	}
}

// focusInfo describes document.activeElement for the keyboard test.
type focusInfo struct {
	Tag     string  `json:"tag"`
	ID      string  `json:"id"`
	Class   string  `json:"class"`
	Text    string  `json:"text"`
	Name    string  `json:"name"`
	Value   string  `json:"value"`
	Outline string  `json:"outline"`
	Shadow  string  `json:"shadow"`
	Left    float64 `json:"left"`
	Right   float64 `json:"right"`
	Top     float64 `json:"top"`
	Bottom  float64 `json:"bottom"`
	VW      float64 `json:"vw"`
	VH      float64 `json:"vh"`
	Checked bool    `json:"checked"`
}

func (f focusInfo) String() string {
	s := f.Tag
	if f.ID != "" {
		s += "#" + f.ID
	}
	if f.Class != "" {
		s += "." + strings.ReplaceAll(f.Class, " ", ".")
	}
	if f.Text != "" {
		s += " " + jsString(f.Text)
	}
	return s
}

// visibleFocus reports whether the focused element draws a focus indicator.
func (f focusInfo) visibleFocus() bool {
	return (f.Outline != "" && !strings.HasPrefix(f.Outline, "none") && !strings.Contains(f.Outline, " 0px")) ||
		(f.Shadow != "" && f.Shadow != "none")
}

func (tb *tab) focused() focusInfo {
	tb.t.Helper()
	return eval[focusInfo](tb, `(() => {
		const e = document.activeElement || document.body;
		const cs = getComputedStyle(e);
		const r = e.getBoundingClientRect();
		return {tag: e.tagName.toLowerCase(), id: e.id || "", class: e.getAttribute("class") || "",
			text: (e.innerText || "").trim().slice(0, 40), name: e.getAttribute("name") || "", value: e.value || "",
			outline: cs.outlineStyle + " " + cs.outlineWidth, shadow: cs.boxShadow,
			left: r.left, right: r.right, top: r.top, bottom: r.bottom,
			vw: document.documentElement.clientWidth, vh: window.innerHeight, checked: !!e.checked};
	})()`)
}

// keys sends key presses to the focused element, as a keyboard would.
func (tb *tab) keys(k string) {
	tb.t.Helper()
	tb.do(chromedp.KeyEvent(k))
}

// tabTo presses Tab until the focused element satisfies want, checking at
// every stop that the focus is visible. It fails after max presses.
func (tb *tab) tabTo(what string, max int, want func(focusInfo) bool) focusInfo {
	tb.t.Helper()
	var path []string
	for range max {
		tb.keys("\t")
		f := tb.focused()
		path = append(path, f.String())
		if f.Tag != "body" && !f.visibleFocus() {
			tb.t.Errorf("no visible focus indicator on %s (outline %q, box-shadow %q) at %s", f, f.Outline, f.Shadow, tb.locationOrEmpty())
		}
		if want(f) {
			return f
		}
	}
	tb.t.Fatalf("pressed Tab %d times without reaching %s; focus went: %s", max, what, strings.Join(path, " → "))
	return focusInfo{}
}

// checkedServices lists the ids of step 1's ticked service checkboxes, in
// page order.
func (tb *tab) checkedServices() []string {
	tb.t.Helper()
	return eval[[]string](tb, `[...document.querySelectorAll('input[name="service"]:checked')].map(e => e.value)`)
}

// shownServices lists the ids of step 1's options that are rendered.
func (tb *tab) shownServices() []string {
	tb.t.Helper()
	return eval[[]string](tb, `[...document.querySelectorAll("#services-list .option")].filter(o => o.getClientRects().length > 0).map(o => o.dataset.service)`)
}

// visible reports whether the element with the id is rendered.
func (tb *tab) visible(id string) bool {
	tb.t.Helper()
	return eval[bool](tb, `(() => { const e = document.getElementById(`+jsString(id)+`); return !!e && e.getClientRects().length > 0; })()`)
}

// back and forward go through the browser's history and wait for the page.
func (tb *tab) back() {
	tb.t.Helper()
	tb.do(chromedp.NavigateBack())
	tb.settle()
}

func (tb *tab) forward() {
	tb.t.Helper()
	tb.do(chromedp.NavigateForward())
	tb.settle()
}

// settle waits until the page has loaded (the browser restores form state
// and fires pageshow by then).
func (tb *tab) settle() {
	tb.t.Helper()
	ctx, cancel := tb.stepCtx()
	defer cancel()
	for ctx.Err() == nil {
		if eval[string](tb, `document.readyState`) == "complete" {
			time.Sleep(50 * time.Millisecond)
			return
		}
		time.Sleep(20 * time.Millisecond)
	}
	tb.t.Fatalf("the page did not finish loading: %s", tb.locationOrEmpty())
}

// tapTargetsJS lists what a finger may need to hit and is smaller than
// 44×44 CSS px: links, buttons, summaries, and checkboxes and radios (whose
// target is their label when the label holds them).
const tapTargetsJS = `(() => {
	const out = [];
	const desc = (e) => {
		let s = e.tagName.toLowerCase();
		if (e.id) s += "#" + e.id;
		if (e.classList.length) s += "." + [...e.classList].join(".");
		return s + " " + JSON.stringify((e.innerText || e.value || "").trim().slice(0, 30));
	};
	const seen = new Set();
	for (const e of document.querySelectorAll("a[href], button, summary, input:not([type=hidden]), select, textarea")) {
		let target = e;
		if (e.matches("input[type=checkbox], input[type=radio]")) target = e.closest("label") || e;
		if (seen.has(target)) continue;
		seen.add(target);
		const r = target.getBoundingClientRect();
		if (r.width === 0 && r.height === 0) continue;          // not rendered
		if (r.right <= 0 || r.bottom <= 0) continue;            // parked off screen (the skip link)
		if (getComputedStyle(target).visibility === "hidden") continue;
		if (r.height < 44 - 0.5 || r.width < 44 - 0.5) out.push(desc(target) + " is " + Math.round(r.width) + "×" + Math.round(r.height) + " px");
	}
	return out;
})()`

// checkTapTargets fails on every tap target smaller than 44 px.
func (tb *tab) checkTapTargets(page string) {
	tb.t.Helper()
	for _, p := range eval[[]string](tb, tapTargetsJS) {
		tb.t.Errorf("tap target on %s at %dpx (%s): %s", page, tb.width, tb.locationOrEmpty(), p)
	}
}

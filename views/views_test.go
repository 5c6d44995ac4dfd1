package views_test

import (
	"bytes"
	"context"
	"fmt"
	"os"
	"strings"
	"testing"
	"time"

	"github.com/PuerkitoBio/goquery"
	"github.com/a-h/templ"

	"exposurecheck/views"
)

var tokyo = func() *time.Location {
	if l, err := time.LoadLocation("Asia/Tokyo"); err == nil {
		return l
	}
	return time.FixedZone("JST", 9*60*60)
}()

func jst(y int, m time.Month, d, hh, mm int) time.Time {
	return time.Date(y, m, d, hh, mm, 0, 0, tokyo)
}

func ptr(t time.Time) *time.Time { return &t }

// render renders a component and parses it.
func render(t *testing.T, c templ.Component) (string, *goquery.Document) {
	t.Helper()
	var buf bytes.Buffer
	if err := c.Render(context.Background(), &buf); err != nil {
		t.Fatalf("render: %v", err)
	}
	doc, err := goquery.NewDocumentFromReader(strings.NewReader(buf.String()))
	if err != nil {
		t.Fatalf("parse: %v", err)
	}
	return buf.String(), doc
}

func text(s *goquery.Selection) string { return strings.Join(strings.Fields(s.Text()), " ") }

const hostile = `<script>alert(1)</script>"onmouseover=alert(2) x="`

var (
	openGEO = views.ContactView{Kind: "phone", Label: "特設コールセンター", Value: "0120−007−090", Href: "tel:+81-120-007-090",
		State: "open", Hours: "平日（土日祝日を除く） 10:00〜19:00", Audience: "ゲオEショップの利用者", TollFree: true}
	ended050 = views.ContactView{Kind: "phone", Label: "問い合わせ電話番号", Value: "050-3204-4543", Href: "tel:+81-50-3204-4543",
		State: "ended", ValidFrom: ptr(jst(2018, 2, 16, 15, 0)), ValidTo: ptr(jst(2018, 2, 21, 17, 0)), EndStated: true,
		Audience: "カラーミーショップの利用者"}
)

func resultPage(name string) views.ResultPage {
	return views.ResultPage{
		Meta:        views.Meta{Title: name + "の確認結果"},
		Computed:    jst(2026, 11, 21, 12, 0),
		DataUpdated: jst(2026, 11, 21, 0, 0),
		Permalink:   "https://example.test/result?use=geo-eshop.order@2010",
		EditURL:     "/check/edit?use=geo-eshop.order@2010",
		Overall:     []string{"確認した「" + name + "」は、事案の対象期間に含まれます。"},
		Cards: []views.ServiceCard{{
			Anchor: "r-geo-eshop", Name: name, ServiceURL: "/services/geo-eshop", Verdict: "match",
			Answers: []views.AnswerView{{Activity: "商品を購入した", Spans: []views.Window{{Stated: true, From: ptr(jst(2010, 1, 1, 0, 0)), To: ptr(jst(2011, 1, 1, 0, 0))}}}},
			Lines: []views.DataLine{
				{Kind: "card", Label: "カード情報", Verdict: "match", Classes: "カード番号",
					Text: "対象期間に含まれます。保管していたサーバーに不正アクセスがありましたが、流出の痕跡は見つかっていないとされています。"},
				{Kind: "personal", Label: "個人情報", Verdict: "partial", Text: "2010年3月1日以降なら対象です。それより前なら対象期間外です。",
					Refine: &views.Refine{At: jst(2010, 3, 1, 0, 0), InsideAfter: true, SameYear: true,
						AfterURL: "/result?use=geo-eshop.order@2010-03-01..2010", BeforeURL: "/result?use=geo-eshop.order@2010..2010-02-28", UnsureURL: "#todo"}},
			},
			Populations: []views.PopulationView{{Level: 3, Label: "注文情報", Verdict: "match", VerdictLabel: "対象期間に含まれます",
				Window:   views.Window{Stated: true, From: ptr(jst(2005, 12, 10, 0, 0)), To: ptr(jst(2011, 4, 1, 0, 0))},
				MaxCount: ptr2(1007052), CountPrefix: "最大 "}},
		}},
		Todo: views.Todo{Steps: []views.TodoStep{{Text: "カードの利用明細を確認してください。",
			Notes: []views.NoteView{{Service: name, Text: "再発行手数料はかかりません。", Quote: "手数料は弊社が負担いたします。"}}}}},
		Desks: []views.DeskGroup{{Heading: name, Live: []views.ContactView{openGEO}, Ended: []views.ContactView{ended050}}},
	}
}

func ptr2(n int) *int { return &n }

func TestResultPage(t *testing.T) {
	_, doc := render(t, views.Result(resultPage("ゲオEショップ")))

	if lang, _ := doc.Find("html").Attr("lang"); lang != "ja" {
		t.Errorf(`<html lang=%q>, want "ja"`, lang)
	}
	if n := doc.Find("h1").Length(); n != 1 {
		t.Errorf("%d h1 elements, want exactly 1", n)
	}
	if got := doc.Find("title").Text(); !strings.Contains(got, "ゲオEショップの確認結果") {
		t.Errorf("<title> = %q", got)
	}
	// The overall sentence sits right under the h1, then the tools.
	if got := text(doc.Find("h1 + .overall")); got != "確認した「ゲオEショップ」は、事案の対象期間に含まれます。" {
		t.Errorf("overall = %q", got)
	}
	tools := doc.Find(".overall + .share-tools")
	if doc.Find(`.share-tools + p.share-status[role="status"]`).Length() != 1 {
		t.Errorf("no status line after the share tools for the script's messages")
	}
	if tools.Length() != 1 {
		t.Fatalf("no share tools right after the overall sentence")
	}
	// Without script only the link to the save section shows; the script
	// unhides copy, share and print.
	for _, b := range []string{"copy", "share", "print"} {
		btn := tools.Find(`button[data-share="` + b + `"]`)
		if _, hidden := btn.Attr("hidden"); btn.Length() != 1 || !hidden {
			t.Errorf("share tool %s: %d buttons, hidden=%v; want one, hidden until the script runs", b, btn.Length(), hidden)
		}
	}
	if href, _ := tools.Find("a").Attr("href"); href != "#save" || doc.Find("section#save input#permalink").Length() != 1 {
		t.Errorf("the save link (%q) does not lead to the permalink field", href)
	}
	if v, _ := tools.Find(`[data-share="copy"]`).Attr("data-url"); v != "https://example.test/result?use=geo-eshop.order@2010" {
		t.Errorf("copy button url = %q", v)
	}

	card := doc.Find("article#r-geo-eshop")
	if card.Length() != 1 {
		t.Fatal("no card article#r-geo-eshop")
	}
	lines := card.Find("li.line")
	if lines.Length() != 2 || !lines.First().Is(`[data-kind="card"].verdict-match`) {
		t.Fatalf("lines = %d, first %q; want the card line first", lines.Length(), lines.First().AttrOr("class", ""))
	}
	// Colour never carries meaning alone: there is an icon and words.
	if got := text(lines.First().Find(".icon")); got == "" {
		t.Errorf("line has no icon")
	}
	if got := text(lines.First().Find(".line-head")); !strings.HasPrefix(got, "! カード情報 対象期間に含まれます。") {
		t.Errorf("card line = %q", got)
	}
	// The refinement: before, after and don't know, as links.
	ref := lines.Eq(1).Find(".refine")
	var labels []string
	ref.Find("a.choice").Each(func(_ int, a *goquery.Selection) { labels = append(labels, text(a)+" "+a.AttrOr("href", "")) })
	want := []string{"3月1日より前 /result?use=geo-eshop.order@2010..2010-02-28", "3月1日以降 /result?use=geo-eshop.order@2010-03-01..2010", "分からない #todo"}
	if strings.Join(labels, "|") != strings.Join(want, "|") {
		t.Errorf("refine links = %q, want %q", labels, want)
	}
	// An answer given as a year reads back as that year.
	if got := text(card.Find("ul.answers")); !strings.Contains(got, "2010年") || strings.Contains(got, "1月1日") {
		t.Errorf("answer = %q, want 2010年", got)
	}
	// The details are collapsed.
	det := card.Find("details.more")
	if _, open := det.Attr("open"); det.Length() != 1 || open {
		t.Errorf("details: %d, open=%v; want one, collapsed", det.Length(), open)
	}
	if got := text(det.Find("div.population dd")); !strings.Contains(got, "2005年12月10日〜2011年3月31日") || !strings.Contains(got, "最大 1,007,052件") {
		t.Errorf("population details = %q", got)
	}

	// What to do, once, with the company's words under the step.
	if got := text(doc.Find("section#todo ol.steps > li .company-note p")); got != "ゲオEショップ: 再発行手数料はかかりません。" {
		t.Errorf("company note under the step = %q", got)
	}
	desks := doc.Find("section#desks")
	tel := desks.Find(`a[href="tel:+81-120-007-090"]`)
	if tel.Length() != 1 || !strings.Contains(tel.Text(), "0120−007−090") {
		t.Fatalf("tel links %d, text %q; want one with the number as printed 0120−007−090", tel.Length(), tel.Text())
	}
	if n := desks.Find(`a[href^="tel:"]`).Length(); n != 1 {
		t.Errorf("%d tel: links, want 1 (the ended 050 number has none)", n)
	}
	if got := text(desks.Find("ul.ended-desks li")); got != "終了問い合わせ電話番号: 050-3204-4543（2018年2月21日17時に終了）" {
		t.Errorf("ended desk = %q", got)
	}
}

func TestContactPhone(t *testing.T) {
	t.Run("open", func(t *testing.T) {
		_, doc := render(t, views.Contact(openGEO))
		a := doc.Find(`a.button[href="tel:+81-120-007-090"]`)
		if a.Length() != 1 {
			t.Fatalf("no a.button[href=\"tel:+81-120-007-090\"]")
		}
		if !strings.Contains(a.Text(), "0120−007−090") {
			t.Errorf("link text = %q, want it to contain 0120−007−090", a.Text())
		}
		if got := text(doc.Find("p.status")); !strings.Contains(got, "受付中") {
			t.Errorf("status = %q, want 受付中", got)
		}
		if got := text(doc.Selection); !strings.Contains(got, "通話料無料") {
			t.Errorf("toll-free number not marked: %q", got)
		}
	})
	t.Run("ended", func(t *testing.T) {
		_, doc := render(t, views.Contact(ended050))
		if n := doc.Find(`a[href^="tel:"]`).Length(); n != 0 {
			t.Errorf("an ended desk has %d tel: links, want none", n)
		}
		// One line, readable: not struck through, not a card of its own.
		line := doc.Find("p.ended-line")
		if line.Length() != 1 || doc.Find("p").Length() != 1 {
			t.Errorf("an ended desk is %d paragraphs, want one line", doc.Find("p").Length())
		}
		if got := text(line); !strings.Contains(got, "050-3204-4543") || !strings.Contains(got, "2018年2月21日17時に終了") {
			t.Errorf("ended line = %q", got)
		}
	})
	t.Run("closed with next opening and holiday", func(t *testing.T) {
		k := openGEO
		k.State, k.Next, k.Holiday = "closed_now", ptr(jst(2018, 12, 25, 10, 0)), "振替休日"
		_, doc := render(t, views.Contact(k))
		got := text(doc.Find("p.status"))
		if !strings.Contains(got, "受付時間外（次は2018年12月25日（火）10時から）") || !strings.Contains(got, "振替休日") {
			t.Errorf("status = %q", got)
		}
		if doc.Find(`a[href="tel:+81-120-007-090"]`).Length() != 1 {
			t.Errorf("a closed (not ended) desk keeps its tel: link")
		}
	})
	t.Run("stale", func(t *testing.T) {
		k := openGEO
		k.State, k.Next, k.Stale, k.StaleYears, k.Announced = "closed_now", ptr(jst(2026, 11, 23, 9, 30)), true, 7, ptr(jst(2018, 12, 25, 0, 0))
		_, doc := render(t, views.Contact(k))
		got := text(doc.Find("p.status"))
		if got != "2018年12月25日の通知で案内された窓口です（7年以上前）。終了日は書かれていませんが、今も受け付けているかは誰も公表していません。" {
			t.Errorf("status = %q", got)
		}
		if strings.Contains(text(doc.Selection), "次は") || doc.Find("strong").Length() != 0 {
			t.Errorf("a stale desk shows its next opening or a bold state: %q", text(doc.Selection))
		}
	})
	t.Run("email gets a large button", func(t *testing.T) {
		k := views.ContactView{Kind: "email", Label: "メールでの問い合わせ", Value: "help@shop-pro.jp", Href: "mailto:help@shop-pro.jp", State: "unknown", Audience: "カラーミーショップの利用者"}
		_, doc := render(t, views.Contact(k))
		if doc.Find(`a.button[href="mailto:help@shop-pro.jp"]`).Length() != 1 {
			t.Errorf("no large mailto button")
		}
		if got := text(doc.Find("p.status")); strings.Contains(got, "運営") {
			t.Errorf("status = %q; an address is not 「運営」", got)
		}
	})
}

func TestHostileStringsEscaped(t *testing.T) {
	noScript := func(t *testing.T, html string, doc *goquery.Document) {
		t.Helper()
		if n := doc.Find("script").Length(); n != 0 {
			t.Errorf("%d script elements created", n)
		}
		if strings.Contains(html, "<script>") {
			t.Errorf("raw <script> in the HTML")
		}
		if n := doc.Find("[onmouseover]").Length(); n != 0 {
			t.Errorf("%d elements got an onmouseover attribute", n)
		}
	}

	t.Run("service name", func(t *testing.T) {
		html, doc := render(t, views.Result(resultPage(hostile)))
		noScript(t, html, doc)
		if got := doc.Find("article h2").First().Text(); got != hostile {
			t.Errorf("card heading = %q, want the raw text %q", got, hostile)
		}
		if got := doc.Find("title").Text(); !strings.Contains(got, hostile) {
			t.Errorf("title = %q, want the raw text", got)
		}
	})

	t.Run("query", func(t *testing.T) {
		page := views.ServicesStep{Meta: views.Meta{Title: "サービスを選ぶ"}, Progress: views.CheckProgress(1), CSRF: "tok",
			Query: hostile, Searched: true, MaxQuery: 100}
		html, doc := render(t, views.CheckServices(page))
		noScript(t, html, doc)
		if v, _ := doc.Find("input#q").Attr("value"); v != hostile {
			t.Errorf("search box value = %q, want %q", v, hostile)
		}
		if got := doc.Find("#services-list legend").Text(); !strings.Contains(got, hostile) {
			t.Errorf("legend = %q, want the raw query in it", got)
		}
		if got := doc.Find(`#not-held [data-lead-none]`).Text(); !strings.Contains(got, hostile) {
			t.Errorf("not-found text = %q, want the raw query in it", got)
		}
		if n := doc.Find("h1").Length(); n != 1 {
			t.Errorf("%d h1 elements, want 1", n)
		}
		if lang, _ := doc.Find("html").Attr("lang"); lang != "ja" {
			t.Errorf(`<html lang=%q>`, lang)
		}
	})

	t.Run("error detail", func(t *testing.T) {
		page := views.ErrorPage{Meta: views.Meta{Title: "入力を確認してください"}, Status: 400, Heading: "入力を確認してください",
			Message: "1件目「" + hostile + "」: 形が正しくありません", Detail: hostile, Back: views.Link{Label: "戻る", URL: "/check"}}
		html, doc := render(t, views.Error(page))
		noScript(t, html, doc)
		if got := doc.Find(".error-summary strong").Text(); got != hostile {
			t.Errorf("detail = %q, want %q", got, hostile)
		}
		if n := doc.Find("h1").Length(); n != 1 {
			t.Errorf("%d h1 elements, want 1", n)
		}
	})
}

func TestWindowText(t *testing.T) {
	cases := []struct {
		name string
		w    views.Window
		want string
	}{
		{"days", views.Window{Stated: true, From: ptr(jst(2017, 3, 16, 0, 0)), To: ptr(jst(2018, 1, 8, 0, 0))}, "2017年3月16日〜2018年1月7日"},
		{"minutes", views.Window{Stated: true, From: ptr(jst(2018, 10, 17, 22, 5)), To: ptr(jst(2018, 11, 12, 21, 51))}, "2018年10月17日22時05分〜2018年11月12日21時50分"},
		{"open start", views.Window{Stated: true, To: ptr(jst(2014, 9, 25, 0, 0))}, "2014年9月24日まで"},
		{"open end", views.Window{Stated: true, From: ptr(jst(2016, 6, 27, 0, 0))}, "2016年6月27日以降"},
		{"no period", views.Window{}, "期間の記載なし"},
		{"UTC instants are shown in Tokyo", views.Window{Stated: true, From: ptr(time.Date(2017, 3, 15, 15, 0, 0, 0, time.UTC)),
			To: ptr(time.Date(2018, 1, 7, 15, 0, 0, 0, time.UTC))}, "2017年3月16日〜2018年1月7日"},
	}
	for _, tc := range cases {
		if got := views.WindowText(tc.w); got != tc.want {
			t.Errorf("%s: WindowText = %q, want %q", tc.name, got, tc.want)
		}
	}
}

func TestEndText(t *testing.T) {
	cases := []struct {
		to   time.Time
		want string
	}{
		{jst(2018, 2, 21, 17, 0), "2018年2月21日17時"},
		{jst(2018, 2, 16, 15, 0), "2018年2月16日15時"},
		{jst(2016, 7, 30, 0, 0), "2016年7月29日まで"},
		{jst(2018, 2, 21, 17, 30), "2018年2月21日17時30分"},
	}
	for _, tc := range cases {
		if got := views.EndText(tc.to); got != tc.want {
			t.Errorf("EndText(%s) = %q, want %q", tc.to.Format(time.RFC3339), got, tc.want)
		}
	}
}

func TestCount(t *testing.T) {
	cases := []struct {
		n    int
		want string
	}{
		{0, "0件"},
		{1, "1件"},
		{903, "903件"},
		{7741, "7,741件"},
		{77385, "77,385件"},
		{127090, "127,090件"},
		{1007052, "1,007,052件"},
	}
	for _, tc := range cases {
		if got := views.Count(tc.n); got != tc.want {
			t.Errorf("Count(%d) = %q, want %q", tc.n, got, tc.want)
		}
	}
}

func TestDateFormats(t *testing.T) {
	if got := views.JDateWeekday(jst(2018, 12, 24, 11, 0)); got != "2018年12月24日（月）" {
		t.Errorf("JDateWeekday = %q", got)
	}
	if got := views.JClock(jst(2018, 12, 26, 9, 30)); got != "9時30分" {
		t.Errorf("JClock = %q", got)
	}
	if got := views.JStamp(jst(2026, 11, 21, 12, 0)); got != "2026年11月21日 12時00分" {
		t.Errorf("JStamp = %q", got)
	}
}

func TestSpanTextKeepsPrecision(t *testing.T) {
	atMin := func(y, m, d, h, min int) *time.Time {
		v := time.Date(y, time.Month(m), d, h, min, 0, 0, time.FixedZone("JST", 9*3600))
		return &v
	}
	at := func(y, m, d int) *time.Time { return atMin(y, m, d, 0, 0) }
	for _, tt := range []struct {
		from, to *time.Time
		want     string
	}{
		{at(2010, 1, 1), at(2011, 1, 1), "2010年"},
		{at(2010, 1, 1), at(2013, 1, 1), "2010年〜2012年"},
		{at(2017, 3, 1), at(2017, 4, 1), "2017年3月"},
		{at(2017, 3, 1), at(2017, 7, 1), "2017年3月〜2017年6月"},
		{at(2018, 10, 20), at(2018, 10, 21), "2018年10月20日"},
		{at(2018, 10, 1), at(2018, 10, 2), "2018年10月1日"},
		{at(2018, 10, 17), at(2018, 11, 13), "2018年10月17日〜2018年11月12日"},
		{at(2017, 12, 1), at(2018, 3, 1), "2017年12月〜2018年2月"},
		{atMin(2018, 10, 17, 22, 5), at(2018, 10, 18), "2018年10月17日22時05分〜23時59分"},
		{atMin(2018, 10, 17, 22, 10), atMin(2018, 10, 17, 22, 11), "2018年10月17日22時10分"},
		{at(2018, 10, 17), atMin(2018, 10, 17, 22, 5), "2018年10月17日0時〜22時04分"},
		{atMin(2018, 10, 16, 9, 0), atMin(2018, 10, 17, 22, 5), "2018年10月16日9時〜2018年10月17日22時04分"},
	} {
		if got := views.SpanText(views.Window{Stated: true, From: tt.from, To: tt.to}); got != tt.want {
			t.Errorf("SpanText(%v, %v) = %q, want %q", tt.from, tt.to, got, tt.want)
		}
	}
}

// TestServiceOptionMarkup: step 1's options are written by hand, not by
// templ; they must stay the markup the template wrote (the live filter and
// the browser tests read it), with every value escaped as templ escapes it.
func TestServiceOptionMarkup(t *testing.T) {
	page := views.ServicesStep{Meta: views.Meta{Title: "サービスを選ぶ"}, Progress: views.CheckProgress(1), CSRF: "tok", MaxQuery: 100,
		Options: []views.ServiceOption{
			{ID: "a", Name: "A", Operator: "B", Keys: "A a B"},
			{ID: "geo-eshop-rakuten", Name: "ゲオEショップ 楽天市場店", Operator: "株式会社ゲオ<&>\"'", Keys: "k1 k2 <x>", Checked: true, Hidden: true,
				Brand: "げお geo", InsideNote: "「x」は、楽天市場に出店している…"},
			{ID: "b", Name: hostile, Note: "流出の可能性はないと公表されています", Keys: "'\"", Checked: true},
			{ID: "c", Name: "C", Hidden: true},
		}}
	html, doc := render(t, views.CheckServices(page))
	// What check.templ rendered for the same options.
	for _, want := range []string{
		`<div class="option" data-service="a" data-name="A" data-keys="A a B"><label for="svc-a"><input type="checkbox" id="svc-a" name="service" value="a"> <span class="option-text"><span class="name">A</span> <span class="small">B</span> </span></label></div>`,
		`<div class="option" data-service="geo-eshop-rakuten" data-name="ゲオEショップ 楽天市場店" data-keys="k1 k2 &lt;x&gt;" data-brand="げお geo" data-inside-note="「x」は、楽天市場に出店している…" hidden><label for="svc-geo-eshop-rakuten"><input type="checkbox" id="svc-geo-eshop-rakuten" name="service" value="geo-eshop-rakuten" checked> <span class="option-text"><span class="name">ゲオEショップ 楽天市場店</span> <span class="small">株式会社ゲオ&lt;&amp;&gt;&#34;&#39;</span> </span></label></div>`,
		`<div class="option" data-service="c" data-name="C" data-keys="" hidden><label for="svc-c"><input type="checkbox" id="svc-c" name="service" value="c"> <span class="option-text"><span class="name">C</span> <span class="small"></span> </span></label></div>`,
	} {
		if !strings.Contains(html, want) {
			t.Errorf("page lacks\n%s", want)
		}
	}
	if got := doc.Find(`[data-service="b"] .name`).Text(); got != hostile {
		t.Errorf("hostile name = %q, want the raw text", got)
	}
	if got, _ := doc.Find(`[data-service="b"]`).Attr("data-name"); got != hostile {
		t.Errorf("hostile data-name = %q, want the raw text", got)
	}
	if n := doc.Find("script").Length(); n != 0 || doc.Find("[onmouseover]").Length() != 0 {
		t.Errorf("a name made elements or attributes")
	}
	if got := doc.Find(`[data-service="b"] .tag`).Text(); got != "流出の可能性はないと公表されています" {
		t.Errorf("note = %q", got)
	}
	if n := doc.Find(`input[name="service"][checked]`).Length(); n != 2 {
		t.Errorf("%d ticked, want 2", n)
	}
}

// TestPartsMatchTemplates: the overview rows and the groups' details are
// written in Go (parts.go); these are what their templ versions rendered for
// the same views, escaping included.
func TestPartsMatchTemplates(t *testing.T) {
	n := 1234
	for _, c := range []struct {
		name string
		c    templ.Component
		want string
	}{
		{"verdict, body rendered at start", views.Population(views.PopulationView{Level: 3, Label: "カード<情報>", Verdict: "match", VerdictLabel: "対象期間に含まれます", Body: "<dl>BODY</dl>"}),
			"<div class=\"population verdict-match\"><h3>カード&lt;情報&gt;</h3><p class=\"pop-verdict\"><span class=\"icon\" aria-hidden=\"true\">!</span>対象期間に含まれます</p><dl>BODY</dl></div>"},
		{"no verdict, h4, explanation", views.Population(views.PopulationView{Level: 4, Label: "A & B", Explanation: "説明\"'", Body: "<p>x</p>"}),
			"<div class=\"population\"><h4>A &amp; B</h4><p>説明&#34;&#39;</p><p>x</p></div>"},
		{"body rendered here", views.Population(views.PopulationView{Level: 3, Label: "L", Verdict: "partial", VerdictLabel: "一部", Certainty: "流出した", MaxCount: &n, CountPrefix: "最大 ", Exposed: []string{"a", "b"}, Quote: "原文"}),
			"<div class=\"population verdict-partial\"><h3>L</h3><p class=\"pop-verdict\"><span class=\"icon\" aria-hidden=\"true\">?</span>一部</p><dl><dt>対象期間</dt><dd>期間の記載なし</dd><dt>流出した（可能性のある）情報</dt><dd>a、b</dd><dt>流出の状況</dt><dd>流出した</dd><dt>件数</dt><dd>最大 1,234件 </dd></dl><details class=\"quote\"><summary>通知の原文</summary><blockquote>原文</blockquote></details></div>"},
		{"overview rows", views.Result(views.ResultPage{Overview: []views.OverviewRow{{Anchor: "r-a", Name: "A&B", Chips: []views.Chip{{Kind: "カード", Verdict: "match", Word: "対象期間内"}, {Kind: "個人情報", Verdict: "outside", Word: "対象期間外"}}}, {Anchor: "r-b", Name: "B"}}}),
			"<nav class=\"overview\" aria-label=\"サービスごとの判定\"><ul><li><a href=\"#r-a\"><span class=\"ov-name\">A&amp;B</span>  <span class=\"chips\"><span class=\"chip verdict-match\"><span class=\"icon\" aria-hidden=\"true\">!</span>カード: 対象期間内</span> <span class=\"chip verdict-outside\"><span class=\"icon\" aria-hidden=\"true\">−</span>個人情報: 対象期間外</span> </span></a></li><li><a href=\"#r-b\"><span class=\"ov-name\">B</span>  <span class=\"chips\"></span></a></li></ul></nav>"},
	} {
		var b strings.Builder
		if err := c.c.Render(context.Background(), &b); err != nil {
			t.Fatal(err)
		}
		got := b.String()
		if c.name == "overview rows" {
			i := strings.Index(got, `<nav class="overview"`)
			j := strings.Index(got[max(i, 0):], "</nav>")
			if i < 0 || j < 0 {
				t.Fatalf("%s: no overview in %s", c.name, got)
			}
			got = got[i : i+j+len("</nav>")]
		}
		if got != c.want {
			t.Errorf("%s:\n got %s\nwant %s", c.name, got, c.want)
		}
	}
}

// TestServiceCardMatchesTemplate: the cards are written in Go (parts.go);
// these are what the templ version rendered for the same cards, every
// branch and escaping included.
func TestServiceCardMatchesTemplate(t *testing.T) {
	want := []string{
		"<article class=\"card verdict-partial\" id=\"r-a\" aria-labelledby=\"r-a-h\"><h2 id=\"r-a-h\">A&amp;B&lt;shop&gt;</h2><ul class=\"answers\" aria-label=\"あなたの回答\"><li><span class=\"act\">支払った</span> <span class=\"when\">2017年6月</span> </li><li><span class=\"act\">会員&#34;だった&#39;</span> <span class=\"when\">時期は覚えていない</span> <a class=\"add-date\" href=\"/check/edit?use=a.b&amp;add=a.b\">時期を追加して判定する</a></li></ul><ul class=\"lines\"><li class=\"line verdict-partial\" data-kind=\"card\"><p class=\"line-head\"><span class=\"icon\" aria-hidden=\"true\">?</span> <span><strong class=\"kind\">カード情報</strong> <span class=\"verdict-text\">以降なら対象です。</span></span></p><p class=\"classes\">カード番号・有効期限</p><div class=\"refine\"><p class=\"ask-q\">どちらでしたか？</p><ul class=\"choices\"><li><a class=\"button choice\" href=\"/result?use=a@z\" data-testid=\"refine-before\">2018年10月17日22時05分より前</a></li><li><a class=\"button choice\" href=\"/result?use=a@x&amp;y\" data-testid=\"refine-after\">2018年10月17日22時05分以降</a></li><li><a class=\"button choice\" href=\"#todo\" data-testid=\"refine-unsure\">分からない</a></li></ul><p class=\"small\">分からないときは、対象だったものとして「今すぐすること」をしてください。</p></div></li><li class=\"line verdict-unknown\" data-kind=\"login\"><p class=\"line-head\"><span class=\"icon\" aria-hidden=\"true\">…</span> <span><strong class=\"kind\">ログイン情報</strong> <span class=\"verdict-text\">判定できません。</span></span></p><p class=\"line-detail\">対象期間: &lt;x&gt;</p><div class=\"ask\"><p class=\"ask-q\">使いましたか？</p><ul class=\"choices\"><li><a class=\"button choice\" href=\"/result?use=y\" data-testid=\"ask-yes\">はい</a></li><li><a class=\"button choice\" href=\"/result?use=n\" data-testid=\"ask-no\">いいえ</a></li></ul></div></li><li class=\"line verdict-match\" data-kind=\"personal\"><p class=\"line-head\"><span class=\"icon\" aria-hidden=\"true\">!</span> <span><strong class=\"kind\">連絡先</strong> <span class=\"verdict-text\">届きました。</span></span></p><dl class=\"reached\"><dt>届いたもの（対象の場合）</dt><dd>メール</dd><dt>届いた相手</dt><dd>ほかの人</dd></dl></li><li class=\"line verdict-match\" data-kind=\"personal\"><p class=\"line-head\"><span class=\"icon\" aria-hidden=\"true\">!</span> <span><strong class=\"kind\">個人情報</strong> <span class=\"verdict-text\">t</span></span></p><dl class=\"reached\"><dt>届いたもの</dt><dd>w</dd><dt>届いた相手</dt><dd>v</dd></dl><div class=\"refine\"><p class=\"ask-q\">どちらでしたか？</p><ul class=\"choices\"><li><a class=\"button choice\" href=\"/b\" data-testid=\"refine-before\">2018年10月17日22時04分まで</a></li><li><a class=\"button choice\" href=\"/a\" data-testid=\"refine-after\">2018年10月17日22時05分以降</a></li></ul></div><div class=\"ask\"><p class=\"ask-q\">q</p><ul class=\"choices\"><li><a class=\"button choice\" href=\"/y\" data-testid=\"ask-yes\">はい</a></li></ul></div></li></ul><p class=\"small excerpt\">この事案の情報は、公表されたページの冒頭部分の写しだけにもとづいています。件数や問い合わせ先など写しにない内容は、<a href=\"https://example.jp/a?b=1&amp;c=2\" rel=\"noreferrer\">写しを取った元のページ</a>で確認してください。</p><details class=\"more\"><summary>対象期間・件数・通知の原文など</summary> <div class=\"population verdict-partial\"><h3>L</h3><p class=\"pop-verdict\"><span class=\"icon\" aria-hidden=\"true\">?</span>一部</p><dl></dl></div><h3 class=\"more-h\">通知に書かれている、そのほかのこと</h3><div class=\"company-note\"><p>注意&lt;してください&gt;</p><details class=\"quote\"><summary>原文</summary><blockquote>原文&amp;</blockquote></details></div><div class=\"company-note\"><p>引用なし</p></div><p class=\"small incident-ref\">出典: <a href=\"/incidents/a-2018\">事案</a>（2018年10月17日公表。発覚（2017年6月1日）から公表まで5日）</p><p class=\"small incident-ref\">出典: <a href=\"/incidents/b\">二つ目</a>（公表日の記載なし）</p></details></article>",
		"<article class=\"card verdict-unaffected\" id=\"r-c\" aria-labelledby=\"r-c-h\"><h2 id=\"r-c-h\">C</h2><ul class=\"answers\" aria-label=\"あなたの回答\"></ul><ul class=\"lines\"><li class=\"line verdict-unaffected\" data-kind=\"\"><p class=\"line-head\"><span class=\"icon\" aria-hidden=\"true\">✓</span> <span><strong class=\"kind\">このサービス</strong> <span class=\"verdict-text\">対象外と公表されています。</span></span></p><p class=\"line-detail\">対象外</p></li></ul><details class=\"quote\"><summary>通知の原文</summary><blockquote>対象外の原文</blockquote></details><p class=\"small excerpt\">この事案の情報は、公表されたページの冒頭部分の写しだけにもとづいています。件数や問い合わせ先など写しにない内容は、元のページで確認してください。</p></article>",
	}
	for i, c := range cardCases() {
		var b strings.Builder
		if err := views.ServiceCardBlock(c).Render(context.Background(), &b); err != nil {
			t.Fatal(err)
		}
		if got := b.String(); got != want[i] {
			t.Errorf("card %d:\n got %s\nwant %s", i, got, want[i])
		}
	}
}

func cardCases() []views.ServiceCard {
	at := time.Date(2018, 10, 17, 22, 5, 0, 0, tokyo)
	from := time.Date(2017, 6, 1, 0, 0, 0, 0, tokyo)
	to := time.Date(2017, 7, 1, 0, 0, 0, 0, tokyo)
	days := 5
	return []views.ServiceCard{
		{Anchor: "r-a", Name: "A&B<shop>", Verdict: "partial",
			Answers: []views.AnswerView{{Activity: "支払った", Spans: []views.Window{{Stated: true, From: &from, To: &to}}}, {Activity: "会員\"だった'", AddDateURL: "/check/edit?use=a.b&add=a.b"}},
			Lines: []views.DataLine{
				{Kind: "card", Label: "カード情報", Classes: "カード番号・有効期限", Verdict: "partial", Text: "以降なら対象です。",
					Refine: &views.Refine{At: at, InsideAfter: true, AfterURL: "/result?use=a@x&y", BeforeURL: "/result?use=a@z", UnsureURL: "#todo"}},
				{Kind: "login", Label: "ログイン情報", Verdict: "unknown", Text: "判定できません。", Detail: "対象期間: <x>",
					Ask: &views.PeriodAsk{Question: "使いましたか？", YesURL: "/result?use=y", NoURL: "/result?use=n"}},
				{Kind: "personal", Label: "連絡先", Verdict: "match", Text: "届きました。", Reached: &views.Reached{What: "メール", Whom: "ほかの人", IfIn: true}},
				{Kind: "personal", Label: "個人情報", Verdict: "match", Text: "t", Reached: &views.Reached{What: "w", Whom: "v"},
					Refine: &views.Refine{At: at, BeforeURL: "/b", AfterURL: "/a"}, Ask: &views.PeriodAsk{Question: "q", YesURL: "/y"}},
			},
			Excerpt:     &views.ExcerptView{Title: "T", URL: "https://example.jp/a?b=1&c=2"},
			Populations: []views.PopulationView{{Level: 3, Label: "L", Verdict: "partial", VerdictLabel: "一部", Body: "<dl></dl>"}},
			Notes:       []views.NoteView{{Text: "注意<してください>", Quote: "原文&"}, {Text: "引用なし"}},
			Incidents:   []views.IncidentRef{{Title: "事案", URL: "/incidents/a-2018", Published: &at, Discovered: &from, DaysToAnnounce: &days}, {Title: "二つ目", URL: "/incidents/b"}},
		},
		{Anchor: "r-c", Name: "C", Verdict: "unaffected",
			Lines:      []views.DataLine{{Label: "このサービス", Verdict: "unaffected", Text: "対象外と公表されています。", Detail: "対象外"}},
			Unaffected: &views.Quote{Text: "t", Quote: "対象外の原文"},
			Excerpt:    &views.ExcerptView{Title: "T"}},
	}
}

// TestSectionsMatchTemplates: what to do and whom to call are written in Go
// (parts.go); these are what their templ versions rendered, every branch
// and escaping included.
func TestSectionsMatchTemplates(t *testing.T) {
	todo, page, contacts := sectionCases()
	str := func(c templ.Component) string {
		var b strings.Builder
		if err := c.Render(context.Background(), &b); err != nil {
			t.Fatal(err)
		}
		return b.String()
	}
	var all strings.Builder
	for _, k := range contacts {
		all.WriteString(str(views.Contact(k)))
	}
	for _, c := range []struct{ name, got, want string }{
		{"todo", str(views.TodoSection(todo)), "<section id=\"todo\" class=\"todo\" aria-labelledby=\"todo-h\"><h2 id=\"todo-h\">今すぐすること</h2><p class=\"small\">対象かどうかはまだ決まっていません。対象だった場合に備えて、次のことをしてください。</p><ol class=\"steps\"><li>カード&lt;会社&gt;に連絡 <span class=\"for\">（A・B&amp;C）</span> <div class=\"company-note\"><p><strong>A:</strong> 手数料&#34;無料&#34;</p><details class=\"quote\"><summary>原文</summary><blockquote>原文&#39;</blockquote></details></div><div class=\"company-note\"><p><strong>B:</strong> 引用なし</p></div></li><li>パスワード変更 </li></ol><h3>各社からの案内</h3><ul class=\"company-notes\"><li><div class=\"company-note\"><p><strong>C&amp;D:</strong> 注意</p><details class=\"quote\"><summary>原文</summary><blockquote>q</blockquote></details></div></li></ul></section>"},
		{"desks", str(views.DeskSection(page)), "<section id=\"desks\" class=\"desks\" aria-labelledby=\"desks-h\"><h2 id=\"desks-h\">問い合わせ先</h2><div class=\"desk-group\"><h3>A&amp;B</h3><div class=\"contact state-open\"><p class=\"contact-label\">窓口&lt;1&gt;</p><p class=\"contact-action\"><a class=\"button tel\" href=\"tel:+81-120-000-000\"><span class=\"glyph\" aria-hidden=\"true\">☎</span>0120-000-000</a> <span class=\"small nowrap\">通話料無料</span></p><p class=\"status\"><strong>受付中</strong> <span class=\"small\">（本日は祝日「元日」のため休み）</span> </p><p class=\"hours\">受付時間: 毎日 9:00〜17:00</p><p class=\"small\">IP電話&amp;</p><p class=\"small\">メモ</p><p class=\"small\">対象: A&#34;の利用者</p></div><div class=\"contact state-closed_now\"><p class=\"contact-label\">メール</p><p class=\"contact-action\"><a class=\"button mail\" href=\"mailto:a@example.jp\"><span class=\"glyph\" aria-hidden=\"true\">✉</span>a@example.jp</a></p><p class=\"status\">受付時間外（次は2026年12月2日（水）9時30分から） <span class=\"small\">終了日は公表されていません。</span></p></div><p class=\"small\">手元の写しはページの冒頭部分だけです。ほかの窓口は<a href=\"https://example.jp/?x=1&amp;y\" rel=\"noreferrer\">写しを取った元のページ</a>で確認してください。</p><p class=\"card-advice\">カードの不正利用が心配なときは、カード裏面に書かれたカード会社の番号に電話してください。</p><div class=\"company-note\"><p><strong>A:</strong> 管理コードを用意</p><details class=\"quote\"><summary>原文</summary><blockquote>原文</blockquote></details></div><ul class=\"ended-desks\" aria-label=\"終了した窓口\"><li><p class=\"ended-line\"><span class=\"ended-tag\">終了</span>終了: 0120-180-600（2016年7月28日で終了）</p></li></ul></div><div class=\"desk-group\"><h3>C</h3><p>手元にある通知の写し（ページの冒頭部分）には、問い合わせ先が含まれていません。写しを取った元のページで確認してください。</p><p><a class=\"button\" href=\"https://example.jp/c\" rel=\"noreferrer\">元のページを開く</a></p></div><div class=\"desk-group\"><h3>D</h3><p>手元にある通知の写し（ページの冒頭部分）には、問い合わせ先が含まれていません。写しを取った元のページで確認してください。</p></div><div class=\"desk-group\"><h3>E</h3><p>通知には、利用者向けの問い合わせ先が書かれていません。</p></div><div class=\"desk-group\"><h3>F</h3><div class=\"contact state-closed_now\"><p class=\"contact-label\">フォーム</p><p class=\"contact-action\"><a class=\"button web\" href=\"https://example.jp/f?a=1&amp;b=2\" rel=\"noreferrer\">https://example.jp/f?a=1&amp;b=2</a></p><p class=\"status\">受付時間外 <span class=\"small\">終了日は公表されていません。</span></p></div><div class=\"contact state-unknown\"><p class=\"contact-label\">古い窓口</p><p class=\"contact-action\"><a class=\"button tel\" href=\"tel:+81-3-0000-0000\"><span class=\"glyph\" aria-hidden=\"true\">☎</span>03-0000-0000</a> </p><p class=\"status stale\">2018年10月17日の通知で案内された窓口です（8年以上前）。終了日は書かれていませんが、今も受け付けているかは誰も公表していません。</p><p class=\"hours\">通知に書かれた受付時間: 平日 10:00〜18:00</p></div><div class=\"contact state-unknown\"><p class=\"contact-label\">不明</p><p class=\"contact-action\"><a class=\"button tel\" href=\"tel:+81-3-1111-1111\"><span class=\"glyph\" aria-hidden=\"true\">☎</span>03-1111-1111</a> </p><p class=\"status stale\">いつ案内された窓口かは書かれておらず、今も受け付けているかは公表されていません。</p></div><p class=\"small\">手元の写しはページの冒頭部分だけです。ほかの窓口は元のページで確認してください。</p></div><div class=\"desk-group\"><h3>G</h3><p>この事案の窓口は、すべて終了しています。</p><ul class=\"ended-desks\" aria-label=\"終了した窓口\"><li><p class=\"ended-line\"><span class=\"ended-tag\">終了</span>終了: 0120-180-600（2016年7月28日で終了）</p></li></ul></div><p class=\"small\">報道関係者向けの窓口は、事案のページに載せています。</p></section>"},
		{"contacts", all.String(), "<div class=\"contact state-open\"><p class=\"contact-label\">窓口&lt;1&gt;</p><p class=\"contact-action\"><a class=\"button tel\" href=\"tel:+81-120-000-000\"><span class=\"glyph\" aria-hidden=\"true\">☎</span>0120-000-000</a> <span class=\"small nowrap\">通話料無料</span></p><p class=\"status\"><strong>受付中</strong> <span class=\"small\">（本日は祝日「元日」のため休み）</span> </p><p class=\"hours\">受付時間: 毎日 9:00〜17:00</p><p class=\"small\">IP電話&amp;</p><p class=\"small\">メモ</p><p class=\"small\">対象: A&#34;の利用者</p></div><div class=\"contact state-closed_now\"><p class=\"contact-label\">メール</p><p class=\"contact-action\"><a class=\"button mail\" href=\"mailto:a@example.jp\"><span class=\"glyph\" aria-hidden=\"true\">✉</span>a@example.jp</a></p><p class=\"status\">受付時間外（次は2026年12月2日（水）9時30分から） <span class=\"small\">終了日は公表されていません。</span></p></div><div class=\"contact state-closed_now\"><p class=\"contact-label\">フォーム</p><p class=\"contact-action\"><a class=\"button web\" href=\"https://example.jp/f?a=1&amp;b=2\" rel=\"noreferrer\">https://example.jp/f?a=1&amp;b=2</a></p><p class=\"status\">受付時間外 <span class=\"small\">終了日は公表されていません。</span></p></div><div class=\"contact state-unknown\"><p class=\"contact-label\">古い窓口</p><p class=\"contact-action\"><a class=\"button tel\" href=\"tel:+81-3-0000-0000\"><span class=\"glyph\" aria-hidden=\"true\">☎</span>03-0000-0000</a> </p><p class=\"status stale\">2018年10月17日の通知で案内された窓口です（8年以上前）。終了日は書かれていませんが、今も受け付けているかは誰も公表していません。</p><p class=\"hours\">通知に書かれた受付時間: 平日 10:00〜18:00</p></div><div class=\"contact state-unknown\"><p class=\"contact-label\">不明</p><p class=\"contact-action\"><a class=\"button tel\" href=\"tel:+81-3-1111-1111\"><span class=\"glyph\" aria-hidden=\"true\">☎</span>03-1111-1111</a> </p><p class=\"status stale\">いつ案内された窓口かは書かれておらず、今も受け付けているかは公表されていません。</p></div><div class=\"contact state-ended\"><p class=\"ended-line\"><span class=\"ended-tag\">終了</span>終了: 0120-180-600（2016年7月28日で終了）</p></div>"},
	} {
		if c.got != c.want {
			t.Errorf("%s:\n got %s\nwant %s", c.name, c.got, c.want)
		}
	}
}

func sectionCases() (views.Todo, views.ResultPage, []views.ContactView) {
	at := time.Date(2018, 10, 17, 22, 5, 0, 0, tokyo)
	next := time.Date(2026, 12, 2, 9, 30, 0, 0, tokyo)
	ended := time.Date(2016, 7, 29, 0, 0, 0, 0, tokyo)
	todo := views.Todo{Conditional: true,
		Steps: []views.TodoStep{{Text: "カード<会社>に連絡", For: "A・B&C", Notes: []views.NoteView{{Service: "A", Text: "手数料\"無料\"", Quote: "原文'"}, {Service: "B", Text: "引用なし"}}}, {Text: "パスワード変更"}},
		Notes: []views.NoteView{{Service: "C&D", Text: "注意", Quote: "q"}}}
	contacts := []views.ContactView{
		{Kind: "phone", Label: "窓口<1>", Value: "0120-000-000", Href: "tel:+81-120-000-000", TollFree: true, State: "open", Holiday: "元日", Hours: "毎日 9:00〜17:00", HoursNote: "IP電話&", Notes: "メモ", Audience: "A\"の利用者", EndStated: true},
		{Kind: "email", Label: "メール", Value: "a@example.jp", Href: "mailto:a@example.jp", State: "closed_now", Next: &next},
		{Kind: "web", Label: "フォーム", Value: "https://example.jp/f?a=1&b=2", Href: "https://example.jp/f?a=1&b=2", State: "closed_now"},
		{Kind: "phone", Label: "古い窓口", Value: "03-0000-0000", Href: "tel:+81-3-0000-0000", State: "unknown", Stale: true, StaleYears: 8, Announced: &at, Hours: "平日 10:00〜18:00"},
		{Kind: "phone", Label: "不明", Value: "03-1111-1111", Href: "tel:+81-3-1111-1111", State: "unknown", Stale: true},
		{Kind: "phone", Label: "終了", Value: "0120-180-600", Href: "tel:x", State: "ended", ValidTo: &ended},
	}
	page := views.ResultPage{PressDesks: true, Desks: []views.DeskGroup{
		{Heading: "A&B", Live: contacts[:2], Ended: contacts[5:], CardAdvice: true, Notes: []views.NoteView{{Service: "A", Text: "管理コードを用意", Quote: "原文"}}, Excerpt: &views.ExcerptView{URL: "https://example.jp/?x=1&y"}},
		{Heading: "C", NoDesk: true, Excerpt: &views.ExcerptView{URL: "https://example.jp/c"}},
		{Heading: "D", NoDesk: true, Excerpt: &views.ExcerptView{}},
		{Heading: "E", NoDesk: true},
		{Heading: "F", Live: contacts[2:5], Excerpt: &views.ExcerptView{}},
		{Heading: "G", Ended: contacts[5:]},
	}}
	return todo, page, contacts
}

// TestResultMatchesTemplate: the result page's body is written in Go
// (result.go); testdata/result-*.html are what its templ version rendered
// for these pages, every branch and escaping included.
func TestResultMatchesTemplate(t *testing.T) {
	for i, p := range []views.ResultPage{resultPageCase(), {Meta: views.Meta{Title: "x"}, Permalink: "p", EditURL: "e"}} {
		want, err := os.ReadFile(fmt.Sprintf("testdata/result-%d.html", i))
		if err != nil {
			t.Fatal(err)
		}
		var b strings.Builder
		if err := views.Result(p).Render(context.Background(), &b); err != nil {
			t.Fatal(err)
		}
		if got := b.String(); got != string(want) {
			t.Errorf("page %d:\n got %s\nwant %s", i, got, want)
		}
	}
}

func resultPageCase() views.ResultPage {
	todo, page, _ := sectionCases()
	page.Meta = views.Meta{Title: "A&B・C<D>の確認結果", CSS: "/static/result.x.css", NoIndex: true, Nav: "check", Canonical: "/result?use=a.b&use=c"}
	page.Computed = time.Date(2026, 12, 1, 21, 5, 0, 0, tokyo)
	page.DataUpdated = time.Date(2026, 11, 20, 0, 0, 0, 0, tokyo)
	page.Permalink = "http://example.jp/result?use=a.b%40x&use=c\"d'<e>"
	page.EditURL = "/check/edit?use=a.b&use=c"
	page.Overall = []string{"確認した2件のうち<1件>", "1件&は"}
	page.OutsideNote = true
	page.Overview = []views.OverviewRow{{Anchor: "r-a", Name: "A&B", Chips: []views.Chip{{Kind: "カード", Verdict: "match", Word: "対象期間内"}}}}
	page.Cards = cardCases()
	page.Todo = todo
	return page
}

func TestSpansText(t *testing.T) {
	at := func(y, m, d int) *time.Time {
		v := time.Date(y, time.Month(m), d, 0, 0, 0, 0, tokyo)
		return &v
	}
	for _, tt := range []struct {
		spans []views.Window
		want  string
	}{
		{nil, "時期は覚えていない"},
		{[]views.Window{{Stated: true, From: at(2017, 6, 1), To: at(2017, 7, 1)}}, "2017年6月"},
		{[]views.Window{{Stated: true, From: at(2017, 6, 1), To: at(2017, 7, 1)}, {Stated: true, From: at(2018, 10, 17)}, {Stated: true, To: at(2014, 1, 1)}, {}},
			"2017年6月、2018年10月17日以降、2013年12月31日まで、覚えていない"},
	} {
		if got := views.SpansText(tt.spans); got != tt.want {
			t.Errorf("SpansText = %q, want %q", got, tt.want)
		}
	}
}

package views_test

import (
	"bytes"
	"context"
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
		Progress:    views.CheckProgress(3),
		Computed:    jst(2026, 11, 21, 12, 0),
		DataUpdated: jst(2026, 11, 21, 0, 0),
		Permalink:   "/result?use=geo-eshop.order@2010",
		EditURL:     "/check/edit?use=geo-eshop.order@2010",
		Summary:     []views.CardSummary{{Anchor: "r-geo-eshop-order", Name: name, Verdict: "match", Label: "対象期間に含まれます"}},
		Cards: []views.ResultCard{{
			Anchor: "r-geo-eshop-order", ServiceName: name, ServiceURL: "/services/geo-eshop", ActivityLabel: "商品を購入した",
			AnswerSpans:  []views.Window{{Stated: true, From: ptr(jst(2010, 1, 1, 0, 0)), To: ptr(jst(2011, 1, 1, 0, 0))}},
			Verdict:      "match",
			VerdictLabel: "対象期間に含まれます",
			Headline:     "対象期間に含まれます。カード情報を保管していたサーバーに不正アクセスがありました。",
			Contacts:     []views.ContactView{openGEO, ended050},
			Populations: []views.PopulationView{{Label: "注文情報", Verdict: "match", VerdictLabel: "対象期間に含まれます",
				Window:   views.Window{Stated: true, From: ptr(jst(2005, 12, 10, 0, 0)), To: ptr(jst(2011, 4, 1, 0, 0))},
				MaxCount: ptr2(1007052), CountPrefix: "最大 "}},
		}},
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
	card := doc.Find("article#r-geo-eshop-order")
	if got := text(card.Find("p.verdict")); !strings.Contains(got, "対象期間に含まれます") {
		t.Errorf("verdict = %q, want 「対象期間に含まれます」", got)
	}
	if got := text(doc.Find("nav.summary")); !strings.Contains(got, "対象期間に含まれます") {
		t.Errorf("summary = %q, want the verdict label", got)
	}
	// Colour never carries meaning alone: there is an icon and words.
	if got := text(card.Find("p.verdict .icon")); got == "" {
		t.Errorf("verdict has no icon")
	}
	// An answer given as a year reads back as that year.
	if got := text(card.Find("p.answer")); !strings.Contains(got, "2010年") || strings.Contains(got, "1月1日") {
		t.Errorf("answer = %q, want 2010年", got)
	}
	if got := text(card.Find("div.population dd")); !strings.Contains(got, "2005年12月10日〜2011年3月31日") || !strings.Contains(got, "最大 1,007,052件") {
		t.Errorf("population details = %q", got)
	}
	tel := card.Find(`a[href="tel:+81-120-007-090"]`)
	if tel.Length() != 1 {
		t.Fatalf("%d links to tel:+81-120-007-090, want 1", tel.Length())
	}
	if !strings.Contains(tel.Text(), "0120−007−090") {
		t.Errorf("tel link text = %q, want the number as printed 0120−007−090", tel.Text())
	}
	if n := card.Find(`a[href^="tel:"]`).Length(); n != 1 {
		t.Errorf("%d tel: links in the card, want 1 (the ended 050 number has none)", n)
	}
	if got := text(card.Find("div.contact.state-ended")); !strings.Contains(got, "050-3204-4543") || !strings.Contains(got, "窓口は終了しました（2018年2月21日17時）") {
		t.Errorf("ended contact = %q", got)
	}
}

func TestContactPhone(t *testing.T) {
	t.Run("open", func(t *testing.T) {
		_, doc := render(t, views.Contact(openGEO))
		a := doc.Find(`a[href="tel:+81-120-007-090"]`)
		if a.Length() != 1 {
			t.Fatalf("no a[href=\"tel:+81-120-007-090\"]")
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
		if got := text(doc.Selection); !strings.Contains(got, "050-3204-4543") {
			t.Errorf("the ended number is not printed: %q", got)
		}
		if got := text(doc.Find("p.status")); !strings.Contains(got, "窓口は終了しました（2018年2月21日17時）") {
			t.Errorf("status = %q", got)
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
		if got := doc.Find("article h2").Text(); got != hostile {
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
	at := func(y, m, d int) *time.Time {
		v := time.Date(y, time.Month(m), d, 0, 0, 0, 0, time.FixedZone("JST", 9*3600))
		return &v
	}
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
	} {
		if got := views.SpanText(views.Window{Stated: true, From: tt.from, To: tt.to}); got != tt.want {
			t.Errorf("SpanText(%v, %v) = %q, want %q", tt.from, tt.to, got, tt.want)
		}
	}
}

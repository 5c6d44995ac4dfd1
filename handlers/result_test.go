package handlers_test

import (
	"strings"
	"testing"

	"github.com/PuerkitoBio/goquery"
	"github.com/google/go-cmp/cmp"
)

// The result page of design §9, over the real server and the bundled data.

// lineText is the text of a card's line of one kind.
func lineText(card *goquery.Selection, kind string) string {
	return text(card.Find(`li.line[data-kind="` + kind + `"]`))
}

func hrefOf(s *goquery.Selection) string { v, _ := s.Attr("href"); return v }

func TestResultOverallAndOrder(t *testing.T) {
	c := newClient(t, newTestServer(t, fixedNow), false)
	// Asked in this order: the unaffected one first, the match last.
	doc := resultPage(t, c, "geo-online.use@2010", "stylestore.card", "dlmarket.card@2018-10-17", "dlmarket.member@2018", "colorme.owner-card@2017-06")
	if got := doc.Find("title").Text(); !strings.HasPrefix(got, "GEO Online・STYLE STORE・DLmarket・カラーミーショップの確認結果") {
		t.Errorf("<title> = %q, want the services checked", got)
	}
	var overall []string
	doc.Find("h1 + .overall p").Each(func(_ int, p *goquery.Selection) { overall = append(overall, text(p)) })
	want := []string{"確認した4件のサービスのうち、1件（カラーミーショップ）が事案の対象期間に含まれます。"}
	if diff := cmp.Diff(want, overall); diff != "" {
		t.Errorf("overall sentences (-want +got):\n%s", diff)
	}
	// Then a row per service, a chip per kind of data, linking to its card.
	var rows []string
	doc.Find("nav.overview li a").Each(func(_ int, a *goquery.Selection) { rows = append(rows, hrefOf(a)+" "+text(a)) })
	wantRows := []string{
		"#r-colorme カラーミーショップ !カード: 対象期間内 !ログイン: 対象期間内 !個人情報: 対象期間内",
		"#r-dlmarket DLmarket ?カード: 条件による ?ログイン: 条件による ?個人情報: 条件による",
		"#r-stylestore STYLE STORE …カード: 時期が不明 …個人情報: 時期が不明",
		"#r-geo-online GEO Online ✓判定: 対象外と公表",
	}
	if diff := cmp.Diff(wantRows, rows); diff != "" {
		t.Errorf("overview rows (-want +got):\n%s", diff)
	}
	// One card per service, most serious first.
	var cards []string
	doc.Find("article.card").Each(func(_ int, a *goquery.Selection) { cards = append(cards, a.AttrOr("id", "")) })
	if diff := cmp.Diff([]string{"r-colorme", "r-dlmarket", "r-stylestore", "r-geo-online"}, cards); diff != "" {
		t.Errorf("cards (-want +got):\n%s", diff)
	}
	// DLmarket's two activities share one card, each answer shown.
	if got := text(doc.Find("#r-dlmarket ul.answers")); got != "決済ページでクレジットカード番号を入力した 2018年10月17日 会員だった 2018年" {
		t.Errorf("DLmarket answers = %q", got)
	}
	// The save / share tools come before the first card.
	if doc.Find(".share-tools ~ article.card").Length() != 4 {
		t.Errorf("the share tools are not above the cards")
	}
}

// TestResultCardLineNotHidden is issue 9's item 3: the fee paid in 2017-03
// (the card window starts 3/16) matches the account data, and the card line
// says that card data depends on the day, with one-tap answers.
func TestResultCardLineNotHidden(t *testing.T) {
	c := newClient(t, newTestServer(t, fixedNow), false)
	card := resultPage(t, c, "colorme.owner-card@2017-03", "dlmarket.card@2018-10-20").Find("#r-colorme")
	lines := card.Find("li.line")
	if k, _ := lines.First().Attr("data-kind"); k != "card" {
		t.Fatalf("first line is %q, want the card line", k)
	}
	if got := lineText(card, "card"); !strings.Contains(got, "カード情報 2017年3月16日以降なら対象です。") {
		t.Errorf("card line = %q", got)
	}
	if got := lineText(card, "login"); !strings.Contains(got, "対象期間に含まれます。流出しました") {
		t.Errorf("login line = %q", got)
	}
	line := card.Find(`li.line[data-kind="card"]`)
	for testid, want := range map[string]string{
		"refine-before": "/result?use=colorme.owner-card@2017-03..2017-03-15&use=dlmarket.card@2018-10-20",
		"refine-after":  "/result?use=colorme.owner-card@2017-03-16..2017-03&use=dlmarket.card@2018-10-20",
	} {
		if got := hrefOf(line.Find(`a[data-testid="` + testid + `"]`)); got != want {
			t.Errorf("%s = %q, want %q", testid, got, want)
		}
	}
	if got := strings.Join(line.Find("a.choice").Map(func(_ int, a *goquery.Selection) string { return text(a) }), " "); got != "3月16日より前 3月16日以降 分からない" {
		t.Errorf("choices = %q", got)
	}

	// Following "after" settles it.
	after := resultPage(t, c, "colorme.owner-card@2017-03-16..2017-03", "dlmarket.card@2018-10-20").Find("#r-colorme")
	if got := lineText(after, "card"); !strings.Contains(got, "対象期間に含まれます。流出した可能性があります。") {
		t.Errorf("after 3/16 the card line = %q", got)
	}
}

// TestResultBoundaryEnd: an answer across the end of a window names the
// last minute inside (「21時50分まで」).
func TestResultBoundaryEnd(t *testing.T) {
	c := newClient(t, newTestServer(t, fixedNow), false)
	line := resultCard(t, c, "dlmarket.card@2018-11-12").Find(`li.line[data-kind="card"]`)
	if got := text(line.Find(".verdict-text")); got != "2018年11月12日21時50分までなら対象です。それより後なら対象期間外です。" {
		t.Errorf("card line = %q", got)
	}
	if got := strings.Join(line.Find("a.choice").Map(func(_ int, a *goquery.Selection) string { return text(a) }), " "); got != "21時50分まで 21時51分以降 分からない" {
		t.Errorf("choices = %q", got)
	}
	if got := hrefOf(line.Find(`a[data-testid="refine-before"]`)); got != "/result?use=dlmarket.card@2018-11-12..2018-11-12T21:50" {
		t.Errorf("before = %q", got)
	}
	if got := hrefOf(line.Find(`a[data-testid="refine-after"]`)); got != "/result?use=dlmarket.card@2018-11-12T21:51..2018-11-12" {
		t.Errorf("after = %q", got)
	}
}

// TestResultUnknownShowsWindow is issue 9's item 9: without a date the
// window is in the verdict, said once, with yes / no.
func TestResultUnknownShowsWindow(t *testing.T) {
	c := newClient(t, newTestServer(t, fixedNow), false)
	card := resultCard(t, c, "stylestore.card")
	if n := strings.Count(text(card), "時期が分からないため判定できません"); n != 1 {
		t.Errorf("「時期が分からないため判定できません」 %d times on the card, want 1", n)
	}
	if got := lineText(card, "card"); !strings.Contains(got, "対象期間は2013年4月1日〜2016年7月27日です。") ||
		!strings.Contains(got, "この期間に、クレジットカードを登録した・使ったことがありますか？") {
		t.Errorf("card line = %q", got)
	}
	if got := hrefOf(card.Find(`a[data-testid="ask-yes"]`)); got != "/result?use=stylestore.card@2013-04-01..2016-07-27" {
		t.Errorf("yes = %q", got)
	}
	if got := hrefOf(card.Find(`a[data-testid="ask-no"]`)); got != "/result?use=stylestore.card@..2013-03-31,2016-07-28.." {
		t.Errorf("no = %q", got)
	}
	if got := lineText(card, "personal"); !strings.Contains(got, "対象期間は上と同じです。") {
		t.Errorf("second line = %q, want it to point to the first", got)
	}
	// Yes and no give the verdicts they promise.
	if got := resultCard(t, c, "stylestore.card@2013-04-01..2016-07-27").Find(`li.line[data-kind="card"]`); !got.Is(".verdict-match") {
		t.Errorf("yes: card line %q", got.AttrOr("class", ""))
	}
	if got := resultCard(t, c, "stylestore.card@..2013-03-31,2016-07-28..").Find(`li.line[data-kind="card"]`); !got.Is(".verdict-outside") {
		t.Errorf("no: card line %q", got.AttrOr("class", ""))
	}
}

// TestResultOnceForThePage: two activities of one service give one list of
// steps and one list of desks, not one per activity.
func TestResultOnceForThePage(t *testing.T) {
	c := newClient(t, newTestServer(t, fixedNow), false)
	r := c.get("/result?use=colorme.owner@2017-06&use=colorme.owner-card@2017-06")
	doc := r.Doc()
	if n := doc.Find("section#todo").Length(); n != 1 {
		t.Errorf("%d 「今すぐすること」 sections, want 1", n)
	}
	seen := map[string]int{}
	doc.Find("section#todo ol.steps > li").Each(func(_ int, li *goquery.Selection) {
		seen[strings.SplitN(text(li), "。", 2)[0]]++
	})
	for s, n := range seen {
		if n > 1 {
			t.Errorf("step %q listed %d times", s, n)
		}
	}
	steps := doc.Find("section#todo ol.steps > li")
	if !strings.HasPrefix(text(steps.First()), "カードの利用明細") {
		t.Errorf("first step = %q, want the card statement", text(steps.First()))
	}
	if strings.Contains(r.Body, "この事案についての案内") {
		t.Errorf("a step still points to a section 「この事案についての案内」 the page no longer has")
	}
	for _, v := range []string{"help@shop-pro.jp", "0120-620-621", "050-3204-4543"} {
		if n := strings.Count(text(doc.Find("section#desks")), v); n != 1 {
			t.Errorf("%s appears %d times among the desks, want once", v, n)
		}
	}
	if n := doc.Find("article.card").Length(); n != 1 {
		t.Errorf("%d cards, want one for カラーミーショップ", n)
	}
}

// TestResultCompanyNotesWhereTheyBelong: DLmarket's own words go under the
// step they speak to: the waived fee under reissue, the phrase for the card
// company under calling it; the desk's instruction stays with the desk.
func TestResultCompanyNotesWhereTheyBelong(t *testing.T) {
	c := newClient(t, newTestServer(t, fixedNow), false)
	doc := resultPage(t, c, "dlmarket.card@2018-10-20")
	under := func(step string) string {
		var out string
		doc.Find("section#todo ol.steps > li").Each(func(_ int, li *goquery.Selection) {
			if strings.HasPrefix(text(li), step) {
				out = text(li.Find(".company-note p"))
			}
		})
		return out
	}
	if got := under("カードの再発行"); !strings.Contains(got, "再発行の手数料がかからないよう") {
		t.Errorf("under the reissue step: %q, want the waived fee", got)
	}
	if got := under("不明な請求があれば"); !strings.Contains(got, "「DLmarketの個人情報流出の件」と伝えてください") {
		t.Errorf("under the call-the-issuer step: %q", got)
	}
	if strings.Contains(text(doc.Find("section#todo")), "管理コード") {
		t.Errorf("the desk's management-code instruction is in the steps, not with the desk")
	}
	if n := strings.Count(text(doc.Find("section#desks")), "管理コード"); n != 1 {
		t.Errorf("the management code is mentioned %d times among the desks, want once", n)
	}
}

// TestResultExcerptHonesty is issue 11: an incident built on the opening of
// a page says so, links where the copy came from, never says 「記載なし」 for
// what may lie past the cut, and still says what to do without a desk.
func TestResultExcerptHonesty(t *testing.T) {
	c := newClient(t, newTestServer(t, fixedNow), false)
	for _, tc := range []struct {
		use, source string
		card        bool
	}{
		{"sekaido-online.member@2021", "https://blog.b-son.net/2022/09/blog-post_16.html", false},
		{"jins-online.card@2013-03", "", true},
	} {
		r := c.get("/result?use=" + tc.use)
		wantStatus(t, r, tc.use, 200)
		doc := r.Doc()
		main := text(doc.Find("main"))
		if strings.Contains(main, "記載なし") {
			t.Errorf("%s: the page says 「記載なし」 about an excerpt: %q", tc.use, main)
		}
		ex := doc.Find("article.card p.excerpt")
		if !strings.Contains(text(ex), "冒頭部分の写し") {
			t.Errorf("%s: the card does not say the copy is the opening of the page: %q", tc.use, text(ex))
		}
		desks := doc.Find("section#desks")
		if !strings.Contains(text(desks), "問い合わせ先が含まれていません") {
			t.Errorf("%s: desks = %q, want that the copy holds no desk", tc.use, text(desks))
		}
		if tc.source != "" {
			if got := hrefOf(ex.Find("a")); got != tc.source {
				t.Errorf("%s: excerpt link = %q, want %q", tc.use, got, tc.source)
			}
			if got := hrefOf(desks.Find("a.button")); got != tc.source {
				t.Errorf("%s: desk link = %q, want %q", tc.use, got, tc.source)
			}
		}
		if got := strings.Contains(text(desks.Find(".card-advice")), "カード裏面に書かれたカード会社の番号"); got != tc.card {
			t.Errorf("%s: card issuer advice shown = %v, want %v", tc.use, got, tc.card)
		}
	}
}

// TestResultMisdirected: data that reached a named party says what reached
// whom, never "leaked".
func TestResultMisdirected(t *testing.T) {
	c := newClient(t, newTestServer(t, fixedNow), false)
	// FC東京's renewal mail of 2024-11-22 carried another member's data.
	card := resultCard(t, c, "fctokyo-membership.renewal-mail@2024-11-22")
	line := text(card.Find("li.line"))
	reached := strings.Join(card.Find("li.line dl.reached > *").Map(func(_ int, s *goquery.Selection) string { return text(s) }), "|")
	for _, want := range []string{"届いたもの（対象の場合）|", "|届いた相手|このお知らせメールを受け取った、別の自動継続会員の方"} {
		if !strings.Contains(reached, want) {
			t.Errorf("what reached whom = %q, want %q", reached, want)
		}
	}
	if strings.Contains(line, "流出しました") {
		t.Errorf("a misdirected file reads as leaked: %q", line)
	}
	// The notice is an excerpt: its silence about what followed may be the cut.
	if strings.Contains(line, "通知に書かれていません") {
		t.Errorf("an excerpt's silence read as absence: %q", line)
	}
}

// TestResultWording is issue 9's item 10.
func TestResultWording(t *testing.T) {
	c := newClient(t, newTestServer(t, fixedNow), false)
	for _, q := range []string{
		"colorme.owner@2017-06&use=colorme.owner-card@2017-06",
		"dlmarket.card@2018-10-17&use=dlmarket.member@2018",
		"geo-eshop.order@2010&use=can-makeshop.owner@2014-09-24",
	} {
		r := c.get("/result?use=" + q)
		// The notices' own words are quoted; only our text is checked.
		ours := text(r.Doc().Find("main").Clone().Find("blockquote").Remove().End())
		for _, bad := range []string{"確からしさ", "誰が判断するか", "現在も運営しているか", "毎日（土日祝日を含む）", " 。", " ）", "（ ", "、 ", "弊社"} {
			if strings.Contains(ours, bad) {
				t.Errorf("%s: the page says %q", q, bad)
			}
		}
	}
}

package draft

import (
	"regexp"
	"slices"
	"sort"
	"strings"
	"unicode"
)

// Org is an organisation named in the text.
type Org struct {
	Name  string // as written; "" when the text names none
	Kind  string // company | public_body | association | unnamed
	Quote string
	Doubt []string
	score int
	pos   int
}

var (
	companyRe = regexp.MustCompile(`(?:株式会社|有限会社|合同会社|\(株\))` + sp + `(?:[\p{Katakana}\p{Han}A-Za-z0-9ー・&.]+|[\p{Hiragana}ー]+)`)
	// the name before the word: 「GMO メイクショップ株式会社」
	companyAfterRe = regexp.MustCompile(`[\p{Katakana}\p{Han}A-Za-z0-9ー・&.][\p{Katakana}\p{Han}A-Za-z0-9ー・&. ]{0,29}?(?:株式会社|有限会社|合同会社|\(株\))`)
	asRe           = regexp.MustCompile(`^` + sp + `\(以下[^)]{0,40}\)`)
	vendorTail     = regexp.MustCompile(`(?:提供|社製|製)$`)
	vendorRe       = regexp.MustCompile(`^` + sp + `(?:提供|が提供|の提供|製|社製|のサービス|社の)`)
	signedRe       = regexp.MustCompile(`^` + sp + `(?:代表取締役|取締役|代表者|代表理事|理事長)`)
	bodyRe         = regexp.MustCompile(`(?:一般社団法人|公益社団法人|一般財団法人|公益財団法人|独立行政法人|特定非営利活動法人|NPO法人|学校法人|社会福祉法人)` + sp + `[\p{Katakana}\p{Han}A-Za-z0-9ー・]+` +
		`|[\p{Katakana}\p{Han}ー・]{2,20}(?:学会|協会|機構|財団|組合|連合会|赤十字社|大学)`)
	selfRefRe  = regexp.MustCompile(`^` + sp + `\(以下[、,]?` + sp + `[「『]?(?:弊社|当社|当協会|当学会|当会|本会|当機構|当法人|当団体|本学|当方)`)
	runsRe     = regexp.MustCompile(`^` + sp + `(?:は、|が)` + `[^。]{0,20}運営`)
	helperRe   = regexp.MustCompile(`(?:調査機関|調査会社|専門機関|専門会社|決済代行会社|委託先|警察|[「『])` + sp + `$`)
	selfWordRe = regexp.MustCompile(`当協会|当学会|本会|当会|当機構|当市|本市|当県|本県|当町|当村|当区|弊社|当社|弊学`)
)

// findOrgs lists the organisations the text names, the likeliest author
// first: the one that calls itself 弊社/当社, signs the notice on a line of
// its own near the top, or is said to run the service.
func findOrgs(t *Text) []Org {
	byName := map[string]*Org{}
	var order []string
	add := func(name string, pos, bonus int, kind string) {
		name = strings.TrimSpace(name)
		key := strings.ReplaceAll(name, " ", "")
		if runeLen(key) < 3 {
			return
		}
		o, ok := byName[key]
		if !ok {
			o = &Org{Name: name, Kind: kind, pos: pos}
			byName[key] = o
			order = append(order, key)
		}
		o.score += 1 + bonus
	}
	var taken []span
	for _, re := range []*regexp.Regexp{companyRe, companyAfterRe, bodyRe} {
		for _, m := range re.FindAllStringIndex(t.Norm, -1) {
			name := strings.TrimSpace(t.Raw(m[0], m[1]))
			after := asRe.ReplaceAllString(firstRunes(t.Norm[m[1]:], 60), "")
			if overlaps(span{m[0], m[1]}, taken) || helperRe.MatchString(t.Norm[max(0, m[0]-24):m[0]]) || vendorRe.MatchString(after) || selfBody(t.Norm[m[0]:m[1]]) {
				continue
			}
			if runeLen(orgWords.ReplaceAllString(name, "")) < 2 || vendorTail.MatchString(name) {
				continue // 「(株式会社ショーケース提供)」 names a vendor
			}
			taken = append(taken, span{m[0], m[1]})
			bonus := 0
			rest := t.Norm[m[1]:]
			if selfRefRe.MatchString(rest) || runsRe.MatchString(rest) {
				bonus += 3
			}
			n := t.lineAt(m[0])
			if n < 20 && runeLen(strings.TrimSpace(t.line(n))) <= runeLen(name)+12 {
				bonus += 2 // a signature line: 「ディー・エル・マーケット株式会社」
			} else if contentLine(t, n) < 3 && runeLen(t.line(n)) <= 80 {
				bonus++ // named in the heading: 「カバーマーク株式会社 お客様情報漏洩の…」
			}
			if signedRe.MatchString(after) {
				bonus += 2 // 「株式会社サウンドハウス 代表取締役社長…」 signs the notice
			}
			add(name, m[0], bonus, orgKind(name))
		}
	}
	for n := 0; n < len(t.lines) && contentLine(t, n) < 12; n++ {
		line := strings.TrimSpace(t.line(n))
		if runeLen(line) <= 20 && signatureRe.MatchString(line) && !datedRe.MatchString(line) {
			add(line, t.lines[n].s+strings.Index(t.line(n), line), 2, bodyKind(line))
		}
	}
	var out []Org
	for _, k := range order {
		o := *byName[k]
		n := t.lineAt(o.pos)
		o.Quote = t.Quote(t.trimmed(n).s, t.trimmed(n).e)
		if runeLen(o.Quote) > 160 {
			sn := t.sentence(o.pos)
			o.Quote = t.Quote(sn.s, sn.e)
		}
		out = append(out, o)
	}
	sort.SliceStable(out, func(i, j int) bool {
		if out[i].score != out[j].score {
			return out[i].score > out[j].score
		}
		return out[i].pos < out[j].pos
	})
	return out
}

// signatureRe is a signing line of a body that is not a company: 「○○市」,
// 「△△県教育委員会」, 「一般社団法人…」 on a line of its own near the top.
var signatureRe = regexp.MustCompile(`(?:市|区|町|村|県|都|府|庁|省|役所|役場|委員会|協会|学会|機構|大学|病院|組合|財団|法人)$`)

func bodyKind(name string) string {
	if regexp.MustCompile(`(?:市|区|町|村|県|都|府|庁|省|役所|役場|委員会|機構)$`).MatchString(name) {
		return "public_body"
	}
	return orgKind(name)
}

var orgWords = regexp.MustCompile(`株式会社|有限会社|合同会社|\(株\)|\s`)

// selfBody reports a match that is the text calling itself (「…日当協会」
// from 「5月22日当協会が」): 当/本/同/弊 before the word is not a name.
func selfBody(s string) bool {
	return regexp.MustCompile(`[当本同弊該各](?:協会|学会|機構|財団|組合|連合会|大学)$`).MatchString(s)
}

func orgKind(name string) string {
	switch {
	case strings.Contains(name, "株式会社") || strings.Contains(name, "有限会社") || strings.Contains(name, "合同会社") || strings.Contains(name, "(株)") || strings.Contains(name, "（株）"):
		return "company"
	case regexp.MustCompile(`独立行政法人|機構$|市$|県$|町$|村$|区$|庁$|省$`).MatchString(name):
		return "public_body"
	}
	return "association"
}

// unnamedOrg is the organisation of a text that never names its author:
// its kind still shows in how it calls itself (当協会, 弊社).
func unnamedOrg(t *Text) Org {
	o := Org{Kind: "unnamed", Doubt: []string{"本文に組織名の記載がない"}}
	if m := selfWordRe.FindStringIndex(t.Norm); m != nil {
		w := t.Norm[m[0]:m[1]]
		switch {
		case strings.Contains(w, "協会") || strings.Contains(w, "学会") || strings.HasSuffix(w, "会"):
			o.Kind = "association"
		case strings.ContainsAny(w, "市県町村区"):
			o.Kind = "public_body"
		case w == "弊社" || w == "当社":
			o.Kind = "company"
		}
		sn := t.sentence(m[0])
		o.Quote = t.Quote(sn.s, sn.e)
		if runeLen(o.Quote) > 160 {
			a, b := clauseBounds(t, m[0], m[1])
			o.Quote = t.Quote(a, b)
		}
	}
	return o
}

// Service is a service the text names.
type Service struct {
	Name       string
	Domain     string
	Quote      string
	Unaffected string // the quote of a 「not affected」 statement
	pos        int
}

var (
	svcSelfRe = regexp.MustCompile(`((?:「[^「」\n]{1,60}」` + sp + `(?:及び|および|ならびに|並びに|、|と|・)?` + sp + `)+)\(以下[、,]?` + sp + `[「『](?:本サイト|当サイト|本サービス|本件サービス|当該サイト|当社ECサイト|ECサイト|本件サイト|弊社サイト|本ECサイト|当ショップ|本ショップ|当店|本システム|当該サービス|本件システム|当サービス|弊社サービス)[」』]`)
	svcRunRe  = regexp.MustCompile(`(?:運営する|運営の|運営しております|運営しておりました|運営していた|運営している|販売する|提供する|提供している|提供の|オンラインショップ|通販サイト|ショッピングサイト|ECサイト|サービス|サイト)` + sp + `((?:「[^「」\n]{1,60}」` + sp + `(?:及び|および|ならびに|並びに|、|と)?` + sp + `)+)`)
	quotedRe  = regexp.MustCompile(`「([^「」\n]{1,60})」`)
	noticeish = regexp.MustCompile(`お詫び|お知らせ|ご報告|について|に関する|。`)
)

// findServices lists the services the text says the organisation runs.
func findServices(t *Text) []Service {
	var out []Service
	seen := map[string]bool{}
	folded := strings.ToLower(strings.ReplaceAll(t.Norm, " ", ""))
	for k, re := range []*regexp.Regexp{svcSelfRe, svcRunRe} {
		for _, m := range re.FindAllStringSubmatchIndex(t.Norm, -1) {
			for _, q := range quotedRe.FindAllStringSubmatchIndex(t.Norm[m[2]:m[3]], -1) {
				a, b := m[2]+q[2], m[2]+q[3]
				s := serviceFrom(t, a, b)
				key := strings.ToLower(strings.ReplaceAll(s.Name, " ", ""))
				if s.Name == "" || seen[key] || noticeish.MatchString(s.Name) {
					continue
				}
				if k == 1 && strings.Count(folded, strings.ToLower(strings.ReplaceAll(Normalise(s.Name), " ", ""))) < 2 {
					continue // named once in passing (「後払いサービス「Paid」の会員ID」)
				}
				seen[key] = true
				out = append(out, s)
			}
		}
	}
	sort.SliceStable(out, func(i, j int) bool { return out[i].pos < out[j].pos })
	return out
}

// serviceFrom reads a quoted service name; a URL printed inside the quotes
// (「STYLE STORE(http://stylestore.jp/)」) is its domain, not its name.
func serviceFrom(t *Text, a, b int) Service {
	if k := strings.Index(t.Norm[a:b], "(以下"); k > 0 {
		b = a + k // 「Honya Club.com(以下、ECサイトといいます)」
	}
	inner := t.Norm[a:b]
	s := Service{pos: a}
	name := inner
	if u := urlRe.FindStringIndex(inner); u != nil {
		host := strings.TrimPrefix(strings.TrimPrefix(inner[u[0]:u[1]], "https://"), "http://")
		host, _, _ = strings.Cut(host, "/")
		s.Domain = strings.TrimPrefix(host, "www.")
		cut := u[0]
		if k := strings.LastIndexAny(inner[:cut], "( "); k >= 0 {
			cut = k
		}
		name = inner[:cut]
		s.Name = strings.TrimSpace(t.Raw(a, a+len(name)))
	} else {
		s.Name = strings.TrimSpace(t.Raw(a, b))
		if looksLikeDomain(inner) {
			s.Domain = strings.TrimSpace(inner)
		}
	}
	sn := t.sentence(a)
	s.Quote = t.Quote(sn.s, sn.e)
	if runeLen(s.Quote) > 160 {
		x, y := clauseBounds(t, a, b)
		s.Quote = t.Quote(x, y)
	}
	return s
}

func looksLikeDomain(s string) bool {
	return regexp.MustCompile(`^[a-z0-9\-]+(\.[a-z0-9\-]+)+$`).MatchString(strings.TrimSpace(s))
}

// Statement is a sentence saying something was not affected, or that some
// people are excluded.
type Statement struct {
	Quote    string
	Services []string // services it names as not affected
	Dated    bool     // it holds a date (an exclusion by period)
	s        int
}

var (
	unaffRe    = regexp.MustCompile(`(?:流出|漏えい|漏洩)(?:の可能性|の事実)?(?:は|も)(?:一切)?(?:ございません|ありません)|可能性は(?:一切)?(?:ございません|ありません)|対象外|対象では(?:ござい|あり)ません|対象となりません|影響は(?:ござい|あり)ません|別の(?:サーバー|サーバ|システム|企業)|当てはまりません|該当しません|(?:不正アクセス|侵入)は(?:ござい|あり)ません|指摘されておりません|のみとなっております`)
	aboutHead  = regexp.MustCompile(`^(.*)(?:に関しては|については|につきましては)`)
	listHead   = regexp.MustCompile(`^(.*?)(?:は、|は)`)
	itemCut    = regexp.MustCompile(`、|及び|および|ならびに|並びに|や`)
	itemTail   = regexp.MustCompile(`(?:などの事業|の事業|など|の個人情報|の会員情報|の情報|会員様の情報|様の情報|の皆様|会員様)+$`)
	serviceish = regexp.MustCompile(`サイト|サービス|店舗|オンライン|ショップ|アプリ|カード|モール|事業|会員|ストア|ネット|レンタル`)
	dataWords  = regexp.MustCompile(`流出|漏えい|漏洩|不正アクセス|別の`)
	selfSiteRe = regexp.MustCompile(`本サイト|当サイト|本サービス|本件サービス|当該サイト|上記|今回|他の`)
	verbish    = regexp.MustCompile(`[りてしたるれ]$|サーバ|ご利用|できる|ている|であり|不正|アクセス|流出|漏えい|漏洩|へ`)
)

// findStatements lists the 「not affected」 and exclusion sentences, each
// with the services it names. A sentence 「以下の場合は…」 brings the list
// below it into its quote.
func findStatements(t *Text) []Statement {
	var out []Statement
	seen := map[int]bool{}
	for _, m := range unaffRe.FindAllStringIndex(t.Norm, -1) {
		sn := t.sentence(m[0])
		if seen[sn.s] {
			continue
		}
		seen[sn.s] = true
		st := Statement{s: sn.s}
		end := sn.e
		if strings.Contains(t.Norm[sn.s:sn.e], "以下") {
			end = followingList(t, t.lineAt(sn.s), end)
		}
		st.Quote = t.Quote(sn.s, end)
		st.Dated = datedRe.MatchString(t.Norm[sn.s:sn.e]) || strings.Contains(t.Norm[sn.s:sn.e], "日以")
		st.Services = namedServices(t, sn)
		out = append(out, st)
	}
	return out
}

// followingList extends a quote over the bullet lines after line n.
func followingList(t *Text, n, end int) int {
	for p := n + 1; p < len(t.lines) && p <= n+6; p++ {
		s := strings.TrimSpace(t.line(p))
		if isRule(s) {
			continue
		}
		if !strings.HasPrefix(s, "・") && !strings.HasPrefix(s, "-") && !strings.HasPrefix(s, "●") {
			break
		}
		end = t.trimmed(p).e
	}
	return end
}

// namedServices reads the subject list of a 「…に関しては、…ございません」
// sentence: 「ゲオ店舗の個人情報、GEOオンラインの情報、「ゲオ宅配レンタル」
// 及び…などの事業」 → ゲオ店舗, GEOオンライン, ゲオ宅配レンタル.
func namedServices(t *Text, sn span) []string {
	sent := t.Norm[sn.s:sn.e]
	m := aboutHead.FindStringSubmatchIndex(sent)
	if m == nil {
		m = listHead.FindStringSubmatchIndex(sent)
	}
	if m == nil {
		return nil
	}
	head := sent[m[2]:m[3]]
	if !dataWords.MatchString(sent) {
		return nil // 「…からお申込みの方は対象外」 excludes people, not a service
	}
	items := itemCut.Split(head, -1)
	var names []string
	offset := sn.s + m[2]
	pos := make([]int, len(items))
	p := 0
	for i, it := range items {
		k := strings.Index(head[p:], it)
		pos[i] = offset + p + k
		p += k + len(it)
	}
	for i := len(items) - 1; i >= 0; i-- {
		if q := quotedRe.FindStringSubmatchIndex(items[i]); q != nil {
			names = append(names, strings.TrimSpace(t.Raw(pos[i]+q[2], pos[i]+q[3])))
			continue
		}
		it := strings.TrimSpace(items[i])
		it = strings.TrimPrefix(strings.TrimPrefix(it, "※"), "なお")
		it = itemTail.ReplaceAllString(it, "")
		if it == "" || runeLen(it) > 20 || verbish.MatchString(it) || !hasLetter(it) || selfWordRe.MatchString(it) || selfSiteRe.MatchString(it) || !serviceish.MatchString(it) {
			break
		}
		names = append(names, it)
	}
	slices.Reverse(names)
	return names
}

func hasLetter(s string) bool {
	for _, r := range s {
		if unicode.IsLetter(r) {
			return true
		}
	}
	return false
}

// Update is an addendum (追記, 修正, 更新) and the contact changes it makes.
type Update struct {
	At       string
	Header   string // the marker's date
	Quote    string
	Doubt    []string
	EndPhone bool // 「電話による対応を終了」
	Changes  bool // 「…より以下の通り、変更」: the desks in it replace the old ones
	a, b     int  // lines of the block
	hdrLine  int
}

var (
	updMarkRe  = regexp.MustCompile(`(?:追記|更新|修正|訂正)(?:いたしました|しました|致しました)?`)
	endPhoneRe = regexp.MustCompile(`電話(?:による|での|の)?(?:対応|受付|窓口|お問い?合わ?せ)(?:を|は)?(?:終了|停止)`)
	changeRe   = regexp.MustCompile(`変更|新設|追加|開設|移行|切り?替え|切替|のみ`)
)

// findUpdates finds the 追記/修正/更新 markers and the block each heads.
func findUpdates(t *Text, ds []Date, ws []Window) []Update {
	var out []Update
	seen := map[string]bool{}
	for _, d := range ds {
		if d.Y == 0 || d.D == 0 {
			continue
		}
		n := t.lineAt(d.s)
		after := t.Norm[d.e:t.lines[n].e]
		m := updMarkRe.FindStringIndex(after)
		if m == nil || m[0] > 6 {
			continue
		}
		u := Update{Header: d.Point(), At: d.Point(), hdrLine: n}
		if d.Doubt != "" {
			u.Doubt = append(u.Doubt, d.Doubt)
		}
		if seen[u.Header] && !standalone(t, n, d) {
			continue
		}
		u.a, u.b = updateBlock(t, n, d)
		block := t.Norm[t.lines[u.a].s:t.lines[u.b].e]
		u.EndPhone = endPhoneRe.MatchString(block)
		u.Changes = u.b > n && changeRe.MatchString(block)
		qs := t.trimmed(u.a)
		if !u.Changes && !u.EndPhone {
			qs = t.trimmed(n) // a correction that says not what: its marker is all there is
		}
		u.Quote = t.Quote(qs.s, qs.e)
		if runeLen(u.Quote) > 200 {
			sn := t.sentence(qs.s)
			u.Quote = t.Quote(sn.s, sn.e)
		}
		for _, w := range ws {
			if w.Kind == KindContact && w.From != nil && t.lineAt(w.Span.s) >= u.a && t.lineAt(w.Span.s) <= u.b && w.From.Y > 0 {
				u.At = w.From.Point() // 「2月16日(金)15時より」: the change's own instant
				break
			}
		}
		if seen[u.Header] {
			for i := range out {
				if out[i].Header == u.Header {
					out[i] = u
				}
			}
			continue
		}
		seen[u.Header] = true
		out = append(out, u)
	}
	return out
}

var correctionRe = regexp.MustCompile(`(?:訂正|修正)(?:いたします|致します|いたしました|致しました|します|しました)`)

// undatedCorrections finds 「…訂正致します」 sentences that carry no date of
// their own: the notice itself corrects an earlier one, so the change dates
// from its publication.
func undatedCorrections(t *Text, ups []Update, pub string) []Update {
	var out []Update
	for _, m := range correctionRe.FindAllStringIndex(t.Norm, -1) {
		n := t.lineAt(m[0])
		if slices.ContainsFunc(ups, func(u Update) bool { return n >= u.hdrLine && n <= max(u.b, u.hdrLine) }) {
			continue
		}
		sn := t.sentence(m[0])
		if datedRe.MatchString(t.Norm[sn.s:sn.e]) && updMarkRe.MatchString(t.Norm[sn.s:sn.e]) {
			continue
		}
		u := Update{At: pub, Quote: t.Quote(sn.s, sn.e), hdrLine: n, a: n, b: n, Doubt: []string{"日付のない訂正: 公表日で置いた"}}
		if pub == "" {
			u.At = "TODO"
			u.Doubt = []string{"日付のない訂正: いつの変更か"}
		}
		out = append(out, u)
	}
	return out
}

// standalone reports whether the marker is a line of its own (「※2018年2月
// 21日追記」) rather than a suffix of the title.
func standalone(t *Text, n int, d Date) bool {
	line := strings.TrimSpace(t.line(n))
	return runeLen(line) <= runeLen(t.Norm[d.s:d.e])+10
}

// updateBlock is the lines an addendum covers: for a marker on its own line,
// the lines below it up to the next marker or the first line that is
// neither a desk nor hours; otherwise the marker's line.
func updateBlock(t *Text, n int, d Date) (int, int) {
	if !standalone(t, n, d) {
		return n, n
	}
	a, b := n, n
	for p := n + 1; p < len(t.lines) && p <= n+4; p++ {
		ln := t.line(p)
		if strings.TrimSpace(ln) == "" {
			continue
		}
		if updMarkRe.MatchString(ln) && datedRe.MatchString(ln) && runeLen(ln) < 30 {
			break
		}
		if p > n+1 && !deskWords.MatchString(ln) && !emailRe.MatchString(ln) {
			break
		}
		if a == n {
			a = p
		}
		b = p
		if p > n+1 && runeLen(ln) > 100 {
			break
		}
	}
	return a, b
}

// Event is a dated line of the notice's chronology.
type Event struct {
	At    string
	Text  string
	Quote string
	Doubt []string
	day   Date
}

var eventLead = regexp.MustCompile(`^(?:[・\-*●■◆]|\(\d{1,2}\)|\d{1,2}\)|[①-⑳])?` + sp + `$`)

// findTimeline lists the dated events: a date that opens its line (a
// chronology) or its sentence (「2018年1月7日、…が発生し」).
func findTimeline(t *Text, ds []Date, ws []Window, skip map[int]bool) []Event {
	var out []Event
	seen := map[string]bool{}
	ends := map[int]int{} // a date opening a dated statement → the statement's end
	for _, w := range ws {
		if w.Kind != KindOther {
			for _, d := range []*Date{w.From, w.To} {
				if d != nil {
					skip[d.s] = true // a period belongs to a population, a desk or a note
				}
			}
			continue
		}
		if f := firstDate(w); f != nil {
			ends[f.s] = w.Span.e
		}
	}
	for _, d := range ds {
		if d.Y == 0 || d.M == 0 || skip[d.s] {
			continue
		}
		if e, ok := ends[d.s]; ok && e > d.e {
			d.e = e
		}
		n := t.lineAt(d.s)
		ln := t.lines[n]
		lead := t.Norm[ln.s:d.s]
		if k := strings.LastIndex(lead, "。"); k >= 0 {
			lead = lead[k+len("。"):]
		}
		if !eventLead.MatchString(lead) {
			continue
		}
		rest := strings.Trim(t.Norm[d.e:ln.e], " \t|、,:")
		s, e := t.trimmed(n).s, t.trimmed(n).e
		if k := strings.LastIndex(t.Norm[ln.s:d.s], "。"); k >= 0 {
			s = ln.s + k + len("。")
		}
		if rest == "" || runeLen(rest) < 4 {
			nx := nextContentLine(t, n)
			if nx < 0 || datedRe.MatchString(firstRunes(t.line(nx), 12)) || headingLevel(t.line(nx)) > 0 && !strings.HasPrefix(strings.TrimSpace(t.line(nx)), "-") {
				continue
			}
			e = t.trimmed(nx).e
			rest = strings.Trim(t.line(nx), " \t-・|")
		}
		if sn := t.sentence(d.s); runeLen(t.Norm[s:e]) > 200 {
			e = sn.e
		}
		ev := Event{At: d.Point(), Text: strings.TrimSpace(firstRunes(strings.Trim(rest, " |"), 80)), Quote: t.Quote(s, e), day: d}
		if d.Doubt != "" {
			ev.Doubt = append(ev.Doubt, d.Doubt)
		}
		if d.Year == YearLater || d.Year == YearUnknown {
			ev.Doubt = append(ev.Doubt, "年の読み")
		}
		key := ev.At + ev.Quote
		if seen[key] {
			continue
		}
		seen[key] = true
		out = append(out, ev)
	}
	return out
}

var adviceRe = regexp.MustCompile(`とお伝えください|添付することは(?:ござい|あり)ません|ファイルを添付|ご注意ください|ご確認ください|ご確認をお願い|手数料|再発行|パスワード(?:の)?(?:変更|再設定)|開封|不審なメール|フィッシング|受け付けておりません|受け付けていません`)

// findAdvice lists the sentences of advice, at most a handful: the curator
// keeps the ones people need.
func findAdvice(t *Text) []string {
	var out []string
	seen := map[string]bool{}
	for _, m := range adviceRe.FindAllStringIndex(t.Norm, -1) {
		if headingLevel(t.line(t.lineAt(m[0]))) > 0 {
			continue
		}
		sn := t.sentence(m[0])
		q := t.Quote(sn.s, sn.e)
		if runeLen(q) > 200 {
			a, b := clauseBounds(t, m[0], m[1])
			q = t.Quote(a, b)
		}
		if seen[q] || q == "" {
			continue
		}
		seen[q] = true
		out = append(out, q)
		if len(out) == 8 {
			break
		}
	}
	return out
}

var (
	possiblyRe  = regexp.MustCompile(`可能性|おそれ|恐れ|懸念|疑い|かもしれ`)
	misdirectRe = regexp.MustCompile(`誤送信|誤送付|誤配信|誤って|誤配送|送信対象者とは異なる|他のお客様から閲覧`)
	noTraceRe   = regexp.MustCompile(`痕跡は[^。]{0,20}(?:なく|ない|ありません|記録されておらず)|流出した事実(?:は|が)確認(?:でき|され)`)
	investRe    = regexp.MustCompile(`調査中|調査を(?:行って|進めて)おります|判明次第`)
	leakedRe    = regexp.MustCompile(`(?:流出|漏えい|漏洩)(?:した|しました|していた|して|させ|を確認|が確認|を確認)`)
)

// certaintyOf is the best reading of how sure the text is, for a TODO.
func certaintyOf(local, whole string) string {
	switch {
	case misdirectRe.MatchString(local) || misdirectRe.MatchString(whole) && !possiblyRe.MatchString(local):
		return "disclosed_to_party"
	case noTraceRe.MatchString(whole):
		return "accessed_no_evidence"
	case possiblyRe.MatchString(local):
		return "possibly_leaked"
	case leakedRe.MatchString(local):
		return "leaked"
	case investRe.MatchString(whole):
		return "under_investigation"
	case possiblyRe.MatchString(whole):
		return "possibly_leaked"
	}
	return "TODO"
}

// publication finds the notice's date: a date on a line of its own near the
// top (the letterhead), or failing that a date at the start or end of one of
// the first lines, or 「本日」 beside a date.
func publication(t *Text, ds []Date) (*Date, string, []string) {
	if d, q := letterhead(t, ds, true); d != nil {
		return d, q, nil
	}
	if d, q := today(t, ds); d != nil {
		return d, q, []string{"「本日」の日付から"}
	}
	if d, q := letterhead(t, ds, false); d != nil {
		return d, q, []string{"見出しの行にある日付: 公表日か確認"}
	}
	return nil, "", nil
}

// letterhead finds a date near the top: alone on its line (strict), or at
// the start or end of a heading line.
func letterhead(t *Text, ds []Date, strict bool) (*Date, string) {
	for i := range ds {
		d := &ds[i]
		if d.D == 0 || d.Year != YearStated || inRange(t, ds, i) {
			continue
		}
		n := t.lineAt(d.s)
		if contentLine(t, n) >= 15 {
			break
		}
		line := strings.TrimSpace(t.line(n))
		date := t.Norm[d.s:d.e]
		other := strings.TrimSpace(strings.Replace(line, date, "", 1))
		ok := other == "" || pubWords.MatchString(other) && runeLen(other) <= 8
		if !strict {
			ok = strings.HasPrefix(line, date) && runeLen(other) <= 40 && !sentenceRest.MatchString(other) || strings.HasSuffix(line, date)
		}
		if ok {
			sp := t.trimmed(n)
			return d, t.Quote(sp.s, sp.e)
		}
	}
	return nil, ""
}

// today finds 「本日」 beside a date: 「本日、2018年1月26日開催の」.
func today(t *Text, ds []Date) (*Date, string) {
	for i := range ds {
		d := &ds[i]
		if d.D == 0 || d.s < len("本日") || !strings.HasSuffix(strings.TrimRight(t.Norm[max(0, d.s-12):d.s], "、 "), "本日") {
			continue
		}
		a, b := clauseBounds(t, d.s-len("本日"), d.e)
		return d, t.Quote(a, b)
	}
	return nil, ""
}

// inRange reports whether date i is joined to a neighbour by a connector:
// a period's end is not a letterhead date.
func inRange(t *Text, ds []Date, i int) bool {
	if i+1 < len(ds) && connRe.MatchString(t.Norm[ds[i].e:]) {
		return true
	}
	if i > 0 {
		if m := connRe.FindStringIndex(t.Norm[ds[i-1].e:]); m != nil && ds[i-1].e+m[1] == ds[i].s {
			return true
		}
	}
	return false
}

// sentenceRest is how a dated sentence goes on (「2023年3月17日、本件サイト…」),
// which a heading's date does not.
var sentenceRest = regexp.MustCompile(`^(?:、|,|に|より|から|まで|以降|の|は)|。$`)

var pubWords = regexp.MustCompile(`^(?:お知らせ|発表|公表|公開|掲載|更新|ニュース|プレスリリース|\[[^\]]*\]|【[^】]*】)+$`)

// contentLine is how many non-blank lines precede line n.
func contentLine(t *Text, n int) int {
	if t.content == nil {
		t.content = make([]int, len(t.lines)+1)
		for i := range t.lines {
			t.content[i+1] = t.content[i]
			if strings.TrimSpace(t.line(i)) != "" {
				t.content[i+1]++
			}
		}
	}
	return t.content[clamp(n, len(t.lines))]
}

var (
	titleRe  = regexp.MustCompile(`お詫び|お知らせ|ご報告|報告|について|に関する`)
	numbered = regexp.MustCompile(`^(?:\d{1,2}` + sp + `[.．、)]|\(\d{1,2}\)|[①-⑳]|第` + sp + `\d)`)
)

// findTitle is the notice's heading: the first short line near the top that
// reads like one.
func findTitle(t *Text) (string, string) {
	for n := 0; n < len(t.lines) && contentLine(t, n) < 15; n++ {
		line := strings.TrimSpace(t.line(n))
		if runeLen(line) < 8 || runeLen(line) > 90 || !titleRe.MatchString(line) || strings.HasSuffix(line, "。") || numbered.MatchString(line) {
			continue
		}
		sp := t.trimmed(n)
		return t.Quote(sp.s, sp.e), strings.TrimSpace(regexp.MustCompile(`※.*$`).ReplaceAllString(t.Raw(sp.s, sp.e), ""))
	}
	return "", ""
}

var (
	summaryDone = regexp.MustCompile(`判明|確認いたしました|確認しました|発生いたしました|発生しました|発覚|可能性があること`)
	summaryWhat = regexp.MustCompile(`不正アクセス|流出|漏えい|漏洩|誤送信|誤送付|不正ログイン|閲覧|不正取得`)
)

// findSummary quotes the first sentence that says what happened: a breach
// word and a word of finding out (「…流出した可能性があることが判明」).
func findSummary(t *Text) string {
	for n := range t.lines {
		line := t.line(n)
		for _, m := range summaryDone.FindAllStringIndex(line, -1) {
			sn := t.sentence(t.lines[n].s + m[0])
			text := t.Norm[sn.s:sn.e]
			if !summaryWhat.MatchString(text) {
				continue
			}
			if runeLen(text) > 400 {
				a, b := clauseBounds(t, t.lines[n].s+m[0], t.lines[n].s+m[1])
				return t.Quote(a, b)
			}
			return t.Quote(sn.s, sn.e)
		}
	}
	return ""
}

// Lifetime is when the text says a service opened or closed.
type Lifetime struct {
	From, Through string
	Quote         string
}

var (
	closedRe = regexp.MustCompile(`^` + sp + `(?:に|をもって|を以て|付で|付けで)?` + sp + `(?:閉鎖|閉店|サービスを終了|サービス(?:の)?提供を終了|提供を終了|サービス終了)`)
	openedRe = regexp.MustCompile(`^` + sp + `(?:に|より|から)?` + sp + `(?:サービスを開始|サービス開始|オープン|開設|開店)`)
	ranRe    = regexp.MustCompile(`^` + sp + `まで` + sp + `(?:運営|営業|提供)(?:して|し)(?:い|おり)`)
)

// findLifetime reads 「2011年3月31日に閉鎖」, 「…まで運営していた本サイト」.
func findLifetime(t *Text, ds []Date) *Lifetime {
	for _, d := range ds {
		if d.Y == 0 {
			continue
		}
		rest := t.Norm[d.e:]
		switch {
		case closedRe.MatchString(rest), ranRe.MatchString(rest):
			sn := t.sentence(d.s)
			a, b := sn.s, sn.e
			if runeLen(t.Norm[a:b]) > 160 {
				a, b = clauseBounds(t, d.s, d.e)
			}
			return &Lifetime{Through: d.Point(), Quote: t.Quote(a, b)}
		case openedRe.MatchString(rest):
			a, b := clauseBounds(t, d.s, d.e)
			return &Lifetime{From: d.Point(), Quote: t.Quote(a, b)}
		}
	}
	return nil
}

var onlySomeRe = regexp.MustCompile(`一部の|新規に|新規で|新たに|のみ(?:が|を)?対象|うち[^。]{0,10}方`)

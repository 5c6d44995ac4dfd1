package draft

import (
	"regexp"
	"slices"
	"strconv"
	"strings"
)

// WindowKind is what a period in the text is about. Only the period in which
// a person's own action makes them affected belongs in a population's window;
// an attack's period goes to the timeline, a desk's to its contact.
type WindowKind int

const (
	KindOther     WindowKind = iota // a dated statement the draft does not need
	KindAction                      // 期間に…ご購入いただいたお客様
	KindAttack                      // 期間に不正アクセスが行われた
	KindUnclear                     // both or neither: a curator decides
	KindContact                     // 専用ダイヤル設置期間, 窓口を設置
	KindExclusion                   // 以前に…お支払いの方の情報流出はございません
	KindNotify                      // 以降に…メールにてご連絡
	KindLifetime                    // 2011年3月31日に閉鎖
)

func (k WindowKind) String() string {
	return [...]string{"other", "action", "attack", "unclear", "contact", "exclusion", "notify", "lifetime"}[k]
}

// Window is a period the text states, with its bounds at the text's precision.
type Window struct {
	From, To *Date
	// Until marks To as exclusive (より前, 未満); otherwise To is inclusive
	// at its precision (まで, までに, 以前, 〜).
	Until bool
	Kind  WindowKind
	// Span is the range expression; Sent the sentence it stands in.
	Span, Sent span
	// Doubt collects reasons for a TODO; Inferred says what the draft read
	// into the window that the text does not print.
	Doubt    []string
	Inferred string
}

// FromPoint and ToPoint are the bounds in the point grammar, "" when open.
func (w Window) FromPoint() string {
	if w.From == nil {
		return ""
	}
	return w.From.Point()
}

func (w Window) ToPoint() string {
	if w.To == nil {
		return ""
	}
	return w.To.Point()
}

// Approx lists the edges given with 頃 (or as a part of a month).
func (w Window) Approx() []string {
	var a []string
	if w.From != nil && w.From.Approx {
		a = append(a, "from")
	}
	if w.To != nil && w.To.Approx {
		a = append(a, "to")
	}
	return a
}

// dayKey is the window at day precision, to tell a restatement to the
// minute from another period.
func (w Window) dayKey() string {
	cut := func(p string) string { return firstRunes(p, 10) }
	k := cut(w.FromPoint()) + ".." + cut(w.ToPoint())
	if w.Until {
		k += "!"
	}
	return k
}

func (w Window) key() string {
	k := w.FromPoint() + ".." + w.ToPoint()
	if w.Until {
		k += "!"
	}
	return k
}

var (
	// a connector between two dates: 〜 ~ - − から より (NFKC and our fold make
	// ～ 〜 − ‐ into ~ and -).
	connRe = regexp.MustCompile(`^` + sp + `(?:~|-|ー|―|から|より)` + sp)
	// what may follow the second date: まで, の間, にかけて... or より前 / 未満.
	endRe = regexp.MustCompile(`^` + sp + `(?:現在)?` + sp + `(?:(?P<incl>まで(?:に|の間|の期間|の)?|の間|にかけて|にわたって|にわたり|の期間|以前)|(?P<excl>より前|未満))`)
	// what may follow a lone date to open a window.
	openRe      = regexp.MustCompile(`^` + sp + `(?:現在)?` + sp + `(?:(?P<to>まで(?:に|の間|の期間|の)?|以前)|(?P<until>より前|未満)|(?P<from>以降|以後|から|より|~))`)
	dayOnlyRe   = regexp.MustCompile(`^(\d{1,2})` + sp + `日`)
	monthOnlyRe = regexp.MustCompile(`^(\d{1,2})` + sp + `月`)
	bareTimeRe  = regexp.MustCompile(`^(?:午前|午後)?` + sp + `\d{1,2}` + sp + `(?:時|:\d{2})`)
)

// findWindows reads the periods of the text: pairs of dates joined by a
// connector, and lone dates opened by まで, 以降, より前...
func findWindows(t *Text, ds []Date) []Window {
	var out []Window
	for i := 0; i < len(ds); i++ {
		d1 := ds[i]
		if d1.Y == 0 {
			continue
		}
		w, used := rangeAt(t, ds, i)
		if w == nil {
			if w = listedDay(t, d1, out); w != nil {
				// a day listed beside a period is the same kind of period
				w.Kind, w.Sent = out[len(out)-1].Kind, out[len(out)-1].Sent
				out = append(out, *w)
			}
			continue
		}
		i += used
		w.Sent = t.sentence(w.Span.s)
		classify(t, w)
		out = append(out, *w)
	}
	return out
}

// listedDay reads a lone date numbered beside a period on the same line
// (「① 2019年5月28日 ~ 2019年6月1日 ② 2019年6月22日」) as a period of one day.
func listedDay(t *Text, d Date, prev []Window) *Window {
	if len(prev) == 0 || d.D == 0 {
		return nil
	}
	last := prev[len(prev)-1]
	n := t.lineAt(d.s)
	if last.From == nil || last.To == nil || t.lineAt(last.Span.s) != n {
		return nil
	}
	between := strings.TrimSpace(t.Norm[last.Span.e:d.s])
	if !circledRe.MatchString(between) {
		return nil
	}
	day := d
	return &Window{From: &day, To: &day, Span: span{d.s, d.e}}
}

var circledRe = regexp.MustCompile(`^[①-⑳]$`)

// rangeAt reads a window starting with date i; used is how many following
// dates it consumed.
func rangeAt(t *Text, ds []Date, i int) (*Window, int) {
	d1 := ds[i]
	rest := t.Norm[d1.e:]
	if !strings.HasPrefix(strings.TrimLeft(rest, " \t"), "より前") {
		if m := connRe.FindStringIndex(rest); m != nil {
			c := d1.e + m[1]
			if i+1 < len(ds) && ds[i+1].s == c && ds[i+1].Y != 0 {
				d2 := ds[i+1]
				return closeRange(t, d1, d2), 1
			}
			if d2, ok := partialEnd(t, c, d1); ok {
				return closeRange(t, d1, d2), 0
			}
		}
	}
	m := openRe.FindStringSubmatchIndex(rest)
	if m == nil {
		return nil, 0
	}
	from := d1
	w := &Window{Span: span{d1.s, d1.e + m[1]}}
	switch {
	case m[2] >= 0:
		w.To = &from
	case m[4] >= 0:
		w.To, w.Until = &from, true
	case m[6] >= 0:
		tok := rest[m[6]:m[7]]
		if tok == "~" && !endsClause(rest[m[1]:]) {
			return nil, 0 // 「2021年~2022年」 without a second date read is not an open start
		}
		w.From = &from
	}
	return w, 0
}

// endsClause reports whether s starts with what may follow an open 〜: the
// end of a line or clause, or a word rather than a date.
func endsClause(s string) bool {
	s = strings.TrimLeft(s, " \t")
	return s == "" || s[0] == '\n' || !isDigit(s[0])
}

func closeRange(t *Text, d1, d2 Date) *Window {
	f, to := d1, d2
	w := &Window{From: &f, To: &to, Span: span{d1.s, d2.e}}
	if m := endRe.FindStringSubmatchIndex(t.Norm[d2.e:]); m != nil {
		w.Span.e = d2.e + m[1]
		w.Until = m[4] >= 0
	}
	if to.Y > 0 && f.Y > 0 && comparePoints(to, f) < 0 {
		if to.Year != YearStated {
			to.Y++ // 12月28日〜1月5日: the second date is in the next year
			w.Doubt = append(w.Doubt, "終わりの年を翌年と読んだ")
		} else {
			w.Doubt = append(w.Doubt, "終わりが始まりより前")
		}
	}
	return w
}

// partialEnd reads a second date that prints less than the first: 「19日」
// after 2011年4月17日から, 「15時」 after a date with a day.
func partialEnd(t *Text, c int, d1 Date) (Date, bool) {
	s := t.Norm[c:]
	d := Date{Y: d1.Y, M: d1.M, Weekday: -1, YearFrom: -1, Year: d1.Year, s: c}
	if d1.M > 0 && d1.D == 0 {
		if m := monthOnlyRe.FindStringSubmatch(s); m != nil {
			d.M, _ = strconv.Atoi(m[1])
			d.e = c + len(m[0])
			if !plausible(d) {
				return Date{}, false
			}
			d.e = readSuffixes(t.Norm, &d)
			return d, true
		}
	}
	if d1.M > 0 {
		if m := dayOnlyRe.FindStringSubmatch(s); m != nil {
			d.D, _ = strconv.Atoi(m[1])
			d.e = c + len(m[0])
			if !plausible(d) {
				return Date{}, false
			}
			d.e = readSuffixes(t.Norm, &d)
			return d, true
		}
	}
	if d1.D > 0 && bareTimeRe.MatchString(s) {
		d.D = d1.D
		n, ok := readTime(s, &d)
		if !ok {
			return Date{}, false
		}
		d.e = c + n
		if m := approxRe.FindStringIndex(t.Norm[d.e:]); m != nil {
			d.Approx = true
			d.e += m[1]
		}
		return d, true
	}
	return Date{}, false
}

// comparePoints orders two dates by their starts.
func comparePoints(a, b Date) int {
	return a.time().Compare(b.time())
}

var (
	contactWords = regexp.MustCompile(`窓口|ダイヤル|受付|コールセンター|問い?合わ?せ|お問合|設置|電話|サポートデスク`)
	negWords     = regexp.MustCompile(`ございません|ありません|対象外|対象では(?:ござい|あり)ません|含まれて(?:おり|い)ません|当てはまりません|指摘されておりません|該当しません|ございませんでした`)
	notifyWords  = regexp.MustCompile(`連絡|ご案内|お送り|送付|発送|告知|お知らせ|ご報告|報告|通知|発表|公表|配信|お詫び`)
	actionWords  = regexp.MustCompile(`購入(?:され|いただ|した|の際|時)|ご購入|決済(?:を|され|が行われ|いただ|した|に利用|をご利用)|入力(?:され|いただ|した|を)|登録(?:され|いただ|した|の|情報|を)|ご登録|注文(?:され|いただ|時|した)|ご注文|申込(?:み)?(?:され|いただ|時|の方)|申し込(?:み|まれ)|お申込|支払|お支払|利用(?:され|いただ|した|の|中|を|して)|ご利用|ご使用|使用され|会員登録|買取|寄付(?:され|いただ|した|を)|ご寄付|応募|来店|ご提供|加入|ご契約|契約(?:され|した)|予約(?:され|した)|変更(?:いただ|され)|お買い?物`)
	attackWords  = regexp.MustCompile(`不正アクセス|不正ログイン|不正に?アクセス|改ざん|改竄|侵入|攻撃|不正(?:利用|使用)|不正プログラム|不正な(?:コード|ファイル|プログラム)|マルウェア|ウイルス|なりすまし|リスト型|閲覧され|発生`)
	exposureRe   = regexp.MustCompile(`(?:お客様|お客さま|会員|利用者|ユーザー|購入者)[^。]{0,30}情報[^。]{0,20}(?:流出|漏えい|漏洩|漏れ|取得され)`)
	lifetimeRe   = regexp.MustCompile(`閉鎖|閉店|サービス(?:の提供)?を(?:終了|開始)|提供を終了|サービス終了|オープン|開設`)
	periodWords  = regexp.MustCompile(`対象|期間`)
)

// classify decides what a window is about from the words around it. Each
// test reads the narrowest stretch of text that can tell: contact and
// negation words the sentence, notification the clause, actions and attacks
// the sentence widened by the lines around a short line (a bare 「期間」 row
// under a heading 「対象となるお客様」).
func classify(t *Text, w *Window) {
	sent := t.Norm[w.Sent.s:w.Sent.e]
	clause := clauseAround(t, w.Span)
	tail := t.Norm[w.Span.s:w.Sent.e]
	wide := widened(t, w)
	clean := attackUse.ReplaceAllString(wide, "")
	action := actionWords.MatchString(clean) || exposureRe.MatchString(firstRunes(tail, 80))
	attack := attackWords.MatchString(wide)
	switch {
	case contactWords.MatchString(sent):
		w.Kind = KindContact
	case negWords.MatchString(sent):
		w.Kind = KindExclusion
	case lifetimeRe.MatchString(clause) && !action:
		w.Kind = KindLifetime
	case notifyWords.MatchString(tail) && !action:
		w.Kind = KindNotify
	case action && !attack:
		w.Kind = KindAction
	case attack && !action:
		w.Kind = KindAttack
	case action && attack:
		w.Kind = KindUnclear
		w.Doubt = append(w.Doubt, "攻撃の期間か、利用して対象になる期間か、文からは決められない")
	case periodWords.MatchString(wide):
		w.Kind = KindUnclear
		w.Doubt = append(w.Doubt, "何の期間か文からは決められない")
	default:
		w.Kind = KindOther
	}
}

// promoteAttacks makes the attack periods the groups' windows when the text
// gives no other period: then the question a person can answer is whether
// they held an account (or were a member) during the attack. An attack that
// only says when it began (「6月23日から」) runs to the notice's date.
func promoteAttacks(ws []Window, pub *Date) {
	if slices.ContainsFunc(ws, func(w Window) bool { return w.Kind == KindAction || w.Kind == KindUnclear }) {
		return
	}
	for i := range ws {
		w := &ws[i]
		if w.Kind != KindAttack || w.From == nil {
			continue
		}
		w.Kind = KindUnclear
		w.Doubt = append(w.Doubt, "攻撃・発生の期間: ほかに期間の記載がないので、その間に保有していた人(tenure)の窓として置いた")
		if w.To == nil && pub != nil && pub.Day() != "" && comparePoints(*pub, *w.From) >= 0 {
			to := Date{Y: pub.Y, M: pub.M, D: pub.D, Weekday: -1, YearFrom: -1, Year: YearStated, s: w.From.s, e: w.From.e}
			w.To = &to
			w.Inferred = "終わりの記載がなく、通知の日付までとした"
		}
	}
}

// attackUse removes uses that are an attacker's, not a customer's, so that
// 「不正利用」 does not read as 「利用」.
var attackUse = regexp.MustCompile(`不正(?:に)?(?:利用|使用|ログイン|購入|取得)`)

func firstRunes(s string, n int) string {
	r := []rune(s)
	if len(r) > n {
		r = r[:n]
	}
	return string(r)
}

// clauseAround is the stretch between the 、 or 。 around sp.
func clauseAround(t *Text, x span) string {
	ln := t.lines[t.lineAt(x.s)]
	a := ln.s
	for _, sep := range []string{"、", "。", ","} {
		if k := strings.LastIndex(t.Norm[ln.s:x.s], sep); k >= 0 && ln.s+k+len(sep) > a {
			a = ln.s + k + len(sep)
		}
	}
	b := ln.e
	end := clamp(x.e, ln.e)
	for _, sep := range []string{"、", "。", ","} {
		if k := strings.Index(t.Norm[end:ln.e], sep); k >= 0 && end+k < b {
			b = end + k
		}
	}
	return t.Norm[a:b]
}

// widened is the window's sentence, plus the neighbouring lines when the
// window's line says little else: tables and lists put the period on a line
// of its own, with the heading above and the people below.
func widened(t *Text, w *Window) string {
	n := t.lineAt(w.Span.s)
	if !shortLine(t, n, w.Span) {
		return t.Norm[w.Sent.s:w.Sent.e]
	}
	var b strings.Builder
	if p := prevContentLine(t, n); p >= 0 {
		b.WriteString(t.line(p))
		b.WriteString("\n")
	}
	b.WriteString(t.line(n))
	if nx := nextContentLine(t, n); nx >= 0 {
		b.WriteString("\n")
		b.WriteString(t.line(nx))
	}
	return b.String()
}

// shortLine reports whether line n holds little besides the span x.
func shortLine(t *Text, n int, x span) bool {
	ln := t.lines[n]
	rest := t.Norm[ln.s:clamp(x.s, ln.e)] + t.Norm[clamp(x.e, ln.e):ln.e]
	return runeLen(strings.Trim(rest, " \t|:・-●■◆※、,。()0123456789①②③④⑤⑥⑦⑧⑨⑩")) < 12
}

// prevContentLine skips blank lines and table rules (---|---).
func prevContentLine(t *Text, n int) int {
	for p := n - 1; p >= 0 && p >= n-4; p-- {
		if !isRule(t.line(p)) {
			return p
		}
	}
	return -1
}

func nextContentLine(t *Text, n int) int {
	for p := n + 1; p < len(t.lines) && p <= n+3; p++ {
		if !isRule(t.line(p)) {
			return p
		}
	}
	return -1
}

func isRule(s string) bool { return strings.Trim(s, " \t-|:=━─") == "" }

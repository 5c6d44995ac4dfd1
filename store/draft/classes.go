package draft

import (
	"regexp"
	"slices"
	"sort"
	"strings"
)

// DataClasses are the data class ids a draft may use: the site's, plus the
// ones real notices name that the first five did not.
var DataClasses = []string{
	"card_number", "card_expiry", "card_holder", "card_cvv", "card_info",
	"name", "address", "phone", "email", "birth_date", "gender", "occupation",
	"account_id", "password", "password_hash", "delivery_info", "bank_account",
	"points", "payment_method", "business_info", "order_info", "other",
	"fax", "workplace", "qualification", "family", "remarks", "age", "login_id",
	"health", "school", "donation", "customer_number", "purchase_history",
}

type term struct {
	word  string
	class string
	card  bool // only in a card's context (「番号」 inside 「カード情報(番号、…)」)
}

// terms is the wording of data items in notices. Matching is longest first,
// so 「お届け先氏名」 is delivery data and not a name, 「電話番号」 not a card
// number.
var terms = sortTerms([]term{
	{"クレジットカード番号", "card_number", false}, {"カード番号", "card_number", false}, {"番号", "card_number", true},
	{"クレジットカード有効期限", "card_expiry", false}, {"カード有効期限", "card_expiry", false}, {"有効期限", "card_expiry", false},
	{"クレジットカード名義", "card_holder", false}, {"カード名義人名", "card_holder", false}, {"カード名義人", "card_holder", false},
	{"カード名義", "card_holder", false}, {"名義人名", "card_holder", false}, {"名義人", "card_holder", false}, {"名義", "card_holder", false},
	{"カード氏名", "card_holder", false}, {"カード会員名", "card_holder", false},
	{"セキュリティコード", "card_cvv", false}, {"セキュリティーコード", "card_cvv", false}, {"CVV", "card_cvv", false}, {"CVC", "card_cvv", false},
	{"クレジットカード情報", "card_info", false}, {"カード情報", "card_info", false},
	{"氏名", "name", false}, {"お名前", "name", false}, {"名前", "name", false}, {"申込者名", "name", false}, {"法人名", "name", false},
	{"姓名", "name", false}, {"フリガナ", "name", false}, {"読み仮名", "name", false}, {"お客様名", "name", false}, {"お客さま名", "name", false},
	{"住所", "address", false}, {"居住地", "address", false}, {"所在地", "address", false}, {"郵便番号", "address", false},
	{"お届け先住所", "delivery_info", false}, {"お届け先氏名", "delivery_info", false}, {"お届け先電話番号", "delivery_info", false},
	{"お届け先情報", "delivery_info", false}, {"お届け先", "delivery_info", false}, {"配送先", "delivery_info", false}, {"送付先", "delivery_info", false},
	{"電話番号", "phone", false}, {"携帯電話番号", "phone", false}, {"電話", "phone", false},
	{"FAX番号", "fax", false}, {"FAX", "fax", false}, {"ファックス番号", "fax", false}, {"ファクス番号", "fax", false},
	{"メールアドレス", "email", false}, {"Eメールアドレス", "email", false}, {"E-mailアドレス", "email", false}, {"メールアカウント", "email", false},
	{"生年月日", "birth_date", false}, {"誕生日", "birth_date", false}, {"年齢", "age", false}, {"性別", "gender", false},
	{"職業", "occupation", false}, {"業種", "occupation", false}, {"職種", "occupation", false},
	{"勤務先", "workplace", false}, {"勤務先名", "workplace", false}, {"会社名", "workplace", false},
	{"ログインID", "account_id", false}, {"会員ID", "account_id", false}, {"ユーザーID", "account_id", false}, {"ユーザID", "account_id", false},
	{"ショップID", "account_id", false}, {"メンバーID", "account_id", false}, {"アカウントID", "account_id", false}, {"オンラインID", "account_id", false},
	{"ID", "account_id", false},
	{"パスワード", "password", false}, {"ログインパスワード", "password", false}, {"会員パスワード", "password", false}, {"ショップパスワード", "password", false},
	{"ハッシュ化済パスワード", "password_hash", false}, {"ハッシュ化済みパスワード", "password_hash", false}, {"ハッシュ化されたパスワード", "password_hash", false},
	{"ポイント情報", "points", false}, {"ポイント数", "points", false}, {"保有ポイント", "points", false}, {"ポイント残高", "points", false}, {"ポイント獲得履歴", "points", false}, {"POINT数", "points", false},
	{"決済手段区分", "payment_method", false}, {"決済手段", "payment_method", false}, {"支払方法", "payment_method", false},
	{"お支払方法", "payment_method", false}, {"支払い方法", "payment_method", false},
	{"銀行口座情報", "bank_account", false}, {"銀行口座", "bank_account", false}, {"口座情報", "bank_account", false}, {"口座番号", "bank_account", false},
	{"注文番号", "order_info", false}, {"注文情報", "order_info", false}, {"受注情報", "order_info", false}, {"注文内容", "order_info", false},
	{"購入履歴", "purchase_history", false}, {"注文履歴", "purchase_history", false}, {"購入商品", "purchase_history", false},
	{"会員番号", "customer_number", false}, {"顧客番号", "customer_number", false}, {"お客様番号", "customer_number", false},
	{"資格", "qualification", false}, {"保有資格", "qualification", false},
	{"家族", "family", false}, {"家族構成", "family", false}, {"子ども", "family", false}, {"お子様", "family", false},
	{"特記事項", "remarks", false}, {"備考", "remarks", false},
	{"健康状態", "health", false}, {"病歴", "health", false}, {"既往歴", "health", false}, {"健康情報", "health", false},
	{"学校名", "school", false}, {"学年", "school", false},
	{"寄付金額", "donation", false}, {"寄付履歴", "donation", false}, {"寄附金額", "donation", false},
	{"特定商取引法に基づく表記", "business_info", false},
})

func sortTerms(ts []term) []term {
	sort.SliceStable(ts, func(i, j int) bool { return runeLen(ts[i].word) > runeLen(ts[j].word) })
	return ts
}

// hit is one data item named in the text.
type hit struct {
	class string
	s, e  int
}

// termsIn finds the data items in seg (an offset into Norm is base).
func termsIn(seg string, base int, card bool) []hit {
	var out []hit
	for i := 0; i < len(seg); {
		matched := false
		for _, tm := range terms {
			if tm.card && !card {
				continue
			}
			if strings.HasPrefix(seg[i:], tm.word) && !(isASCIILetter(tm.word[0]) && i > 0 && isASCIILetter(seg[i-1])) {
				if strings.HasPrefix(seg[i+len(tm.word):], "以外") {
					break // 「カード情報以外の情報」 names what is not meant
				}
				out = append(out, hit{tm.class, base + i, base + i + len(tm.word)})
				i += len(tm.word)
				matched = true
				break
			}
		}
		if !matched {
			_, n := firstRune(seg[i:])
			i += n
		}
	}
	return out
}

func isASCIILetter(c byte) bool { return c >= 'A' && c <= 'Z' || c >= 'a' && c <= 'z' }

func firstRune(s string) (rune, int) {
	for _, r := range s {
		return r, len(string(r))
	}
	return 0, 1
}

var (
	segSplit   = regexp.MustCompile(`[。、,|:：()（）「」『』【】\[\]]|\.\.\.|※|(?:など|等)(?:の|は|が|を)`)
	filler     = regexp.MustCompile(`“[^”]{0,40}”|"[^"]{0,40}"|など|等|のみ|及び|および|並びに|ならびに|または|又は|もしくは|お客様の?|お客さまの?|ご登録の?|登録の?|その他|各種|個人|法人|会員様?の?|カード|保有|の|と|や|[\s\d、,・/／\-~()※#＃*]`)
	leakWord   = regexp.MustCompile(`流出|漏えい|漏洩|漏れ|閲覧|不正取得|取得され|盗|誤送信|誤送付|添付`)
	leakNext   = regexp.MustCompile(`^` + sp + `(?:\(` + sp + `[\d,]+|(?:が|を|の)[^。、]{0,6}(?:流出|漏えい|漏洩|漏れ|閲覧|不正取得|取得され)|に限定)`)
	fieldNames = regexp.MustCompile(`」?欄(?:に|へ|の)`)
	exceptRe   = regexp.MustCompile(`を除き|を除いて|以外`)
	negClass   = regexp.MustCompile(`(?:流出|漏えい|漏洩)(?:は|も)(?:なか|ありませ|ございませ)|(?:は|も)?(?:一切)?(?:含まれて(?:おり|い)ません|含まれていない|含まれません|含まれておらず|保有して(?:おり|い)ません|保有しておらず|保有していない|保持して(?:おり|い)ません|保持しておらず|保持していない|漏えいはございません|流出はございません|流出していない|漏えいしていない)`)
)

// listClasses reads the data items of one line when the line is a list of
// them (「氏名、住所、電話番号」, a table's first cell, a bullet 「・名義」),
// not a sentence that merely mentions one (「電話番号欄に記載された…」).
func listClasses(t *Text, n int) []hit {
	return listClassesIn(t, n, false)
}

// itemsHeading is a part that lists what leaked: 「2 流出した情報」,
// 「流出した可能性のある個人情報」, 「対象項目」.
var itemsHeading = regexp.MustCompile(`(?:流出|漏えい|漏洩|閲覧)[^。]{0,12}(?:情報|項目|内容)|対象項目|対象情報`)

// listClassesIn is listClasses for a line under a heading that announces the
// leaked items, where a single item with a few words around it
// (「イベント参加者112名のメールアドレス」) is an item too.
func listClassesIn(t *Text, n int, itemsPart bool) []hit {
	ln := t.lines[n]
	line := t.Norm[ln.s:ln.e]
	if fieldNames.MatchString(line) {
		return nil // 「「電話番号」、「読み仮名」欄に記載された…」 names form fields
	}
	card := strings.Contains(line, "カード") || strings.Contains(t.line(prevContentLine(t, n)), "カード")
	var out []hit
	cuts := segSplit.FindAllStringIndex(line, -1)
	prev := 0
	for i := 0; i <= len(cuts); i++ {
		end := len(line)
		if i < len(cuts) {
			end = cuts[i][0]
		}
		seg := line[prev:end]
		if i < len(cuts) {
			prev = cuts[i][1]
		}
		hs := termsIn(seg, ln.s+(end-len(seg)), card)
		if isList(seg, hs, ln.s+(end-len(seg))) || itemsPart && len(hs) > 0 && share(seg, hs, ln.s+(end-len(seg))) >= 0.4 {
			out = append(out, hs...)
		} else if leakWord.MatchString(line) {
			out = append(out, leakMentions(t, hs)...)
		}
	}
	return out
}

// isList reports whether the data items cover most of a segment.
func isList(seg string, hs []hit, base int) bool {
	if len(hs) == 0 || exceptRe.MatchString(seg) {
		return false // 「…情報を除き」 names what is left out
	}
	sh := share(seg, hs, base)
	return len(hs) >= 2 && sh >= 0.4 || sh >= 0.6
}

// share is the part of a segment's words that are data items.
func share(seg string, hs []hit, base int) float64 {
	covered, rest := 0, seg
	for i := len(hs) - 1; i >= 0; i-- {
		h := hs[i]
		covered += runeLen(seg[h.s-base : h.e-base])
		rest = rest[:h.s-base] + rest[h.e-base:]
	}
	other := runeLen(filler.ReplaceAllString(rest, ""))
	if covered+other == 0 {
		return 0
	}
	return float64(covered) / float64(covered+other)
}

// leakMentions keeps the items a leak sentence names as what leaked:
// 「クレジットカード情報(4,722件)が流出」, 「メールアドレスに限定」.
func leakMentions(t *Text, hs []hit) []hit {
	var out []hit
	for _, h := range hs {
		if leakNext.MatchString(t.Norm[h.e:]) {
			out = append(out, h)
		}
	}
	return out
}

// Classes is what a stretch of text says about data items: the classes named
// as exposed, in order of first mention, and the ones it says were not.
type Classes struct {
	Exposed    []string
	Negated    []string
	NegQuotes  []string
	Hashed     bool // 「ハッシュ化」 said of the passwords
	Encrypted  bool // 「暗号化」 said of some data
	HashQuote  string
	CryptQuote string
}

// classesIn reads the data items of the lines in sc, skipping lines that hold
// contacts (「電話番号:0120-…」 names a desk, not leaked data).
func classesIn(t *Text, sc scope, skipLines map[int]bool) Classes {
	var c Classes
	var negSpans []span
	itemsPart := itemsHeading.MatchString(t.line(sc.a))
	for n := sc.a; n <= sc.b && n < len(t.lines); n++ {
		line := t.line(n)
		negSpans = append(negSpans, readNegations(t, n, &c)...)
		if strings.Contains(line, "ハッシュ") && !c.Hashed {
			c.Hashed, c.HashQuote = true, t.Quote(t.trimmed(n).s, t.trimmed(n).e)
		}
		if strings.Contains(line, "暗号化") && !c.Encrypted {
			c.Encrypted, c.CryptQuote = true, t.Quote(t.sentence(t.lines[n].s+strings.Index(line, "暗号化")).s, t.sentence(t.lines[n].s+strings.Index(line, "暗号化")).e)
		}
		if skipLines[n] || isFootnote(line) {
			continue
		}
		hs := listClassesIn(t, n, itemsPart && n > sc.a)
		if lv := headingLevel(line); (lv == 1 || lv == 2) && len(hs) < 2 {
			continue // a chapter title mentions a kind of data; it does not list it
		}
		for _, h := range hs {
			if !inSpans(h.s, negSpans) && !slices.Contains(c.Exposed, h.class) {
				c.Exposed = append(c.Exposed, h.class)
			}
		}
	}
	// A class listed as exposed and also named in a negation keeps its
	// listing: the negation is often about another group (「各モールの受注
	// 情報において、クレジットカード情報…は保持しておりません」).
	c.Exposed = settle(c.Exposed, c.Hashed)
	return c
}

// settle applies what a list implies: named card fields make 「カード情報」
// redundant, and a password said to be hashed is a hash.
func settle(cs []string, hashed bool) []string {
	fields := slices.ContainsFunc(cs, func(x string) bool {
		return x == "card_number" || x == "card_expiry" || x == "card_holder" || x == "card_cvv"
	})
	out := cs[:0:0]
	for _, x := range cs {
		switch {
		case x == "card_info" && fields:
			continue
		case x == "password" && hashed:
			x = "password_hash"
		}
		if !slices.Contains(out, x) {
			out = append(out, x)
		}
	}
	return out
}

func isFootnote(line string) bool {
	s := strings.TrimSpace(line)
	return strings.HasPrefix(s, "※") || strings.HasPrefix(s, "(※") || strings.HasPrefix(s, "（※")
}

// readNegations finds 「…は含まれておりません」 sentences on line n and
// records the items named before the negation.
func readNegations(t *Text, n int, c *Classes) []span {
	var spans []span
	ln := t.lines[n]
	line := t.Norm[ln.s:ln.e]
	for _, m := range negClass.FindAllStringIndex(line, -1) {
		sn := t.sentence(ln.s + m[0])
		if exceptRe.MatchString(t.Norm[sn.s:sn.e]) {
			continue // 「上記の情報を除き、他の情報は保持しておらず」 negates the others
		}
		a := sn.s
		// a ※ inside the line starts its own remark, and so does an open
		// bracket: 「メールアドレス（氏名、住所等は含まれておりません。）」
		if k := strings.LastIndex(t.Norm[a:ln.s+m[0]], "※"); k >= 0 {
			a += k
		}
		if k := strings.LastIndex(t.Norm[a:ln.s+m[0]], "("); k >= 0 && !strings.Contains(t.Norm[a+k:ln.s+m[0]], ")") {
			a += k
		}
		card := strings.Contains(t.Norm[sn.s:sn.e], "カード")
		hs := termsIn(t.Norm[a:ln.s+m[0]], a, card)
		if len(hs) == 0 {
			continue
		}
		c.NegQuotes = append(c.NegQuotes, t.Quote(a, sn.e))
		spans = append(spans, span{a, ln.s + m[1]})
		for _, h := range hs {
			if !slices.Contains(c.Negated, h.class) {
				c.Negated = append(c.Negated, h.class)
			}
		}
	}
	return spans
}

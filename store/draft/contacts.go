package draft

import (
	"regexp"
	"strings"
	"unicode"

	"github.com/nyaruka/phonenumbers"
)

// Contact is a desk the text prints: a phone number, an e-mail address or a
// web page, with what the text says around it.
type Contact struct {
	Kind  string // phone | email | web
	Value string // exactly as printed
	// Class is the phone number's kind: free_dial (0120/0800), ip (050),
	// navi_dial (0570), mobile, area (0X fixed line).
	Class        string
	Label        string
	Audience     []string
	AudienceNote string
	Hours        *Hours
	ValidFrom    string
	ValidFromWhy string // when valid_from is read, not printed
	ValidUntil   string
	ValidThrough string
	Quote        string
	Doubt        []string
	line         int
	s, e         int
	// inUpdateOnly is set when the value appears only inside 追記 blocks.
	inUpdateOnly bool
	introducedAt string
}

// Hours are a desk's opening hours as printed.
type Hours struct {
	Days  string // weekdays | every_day | "" when the text does not say
	Open  string
	Close string
	Notes string
	Quote string
}

// findPhones lists the valid Japanese phone numbers printed in the text.
// Every dash the notices use (- − ー ‐ －) and brackets around the area code
// are accepted; phonenumbers decides whether the digits form a real number.
func findPhones(t *Text, skip []span) []Contact {
	var out []Contact
	s := t.Norm
	for i := 0; i < len(s); i++ {
		if s[i] != '0' && s[i] != '(' || inSpans(i, skip) || gluedBefore(s, i) {
			continue
		}
		end, digits, seps := scanPhone(s, i)
		if end <= i || len(digits) < 10 || len(digits) > 11 || digits[0] != '0' || seps == 0 {
			continue
		}
		num, err := phonenumbers.Parse(digits, "JP")
		if err != nil || !phonenumbers.IsValidNumber(num) {
			continue
		}
		out = append(out, Contact{Kind: "phone", Value: t.Raw(i, end), Class: phoneClass(num, digits), line: t.lineAt(i), s: i, e: end})
		i = end
	}
	return out
}

// gluedBefore reports whether the character before i makes a number there
// part of something longer (an id, a URL, another number).
func gluedBefore(s string, i int) bool {
	if i == 0 {
		return false
	}
	c := s[i-1]
	return isDigit(c) || c == '-' || c == '.' || c == '/' || c == ',' || c == '_' || c < 0x80 && unicode.IsLetter(rune(c))
}

// scanPhone reads digits and separators from i; it returns the end of the
// last digit, the digits and how many separators it crossed.
func scanPhone(s string, i int) (end int, digits string, seps int) {
	var b strings.Builder
	j := i
	if s[j] == '(' {
		j++
		if j >= len(s) || s[j] != '0' {
			return i, "", 0
		}
	}
	for j < len(s) && b.Len() <= 11 {
		c := s[j]
		switch {
		case isDigit(c):
			b.WriteByte(c)
			j++
			end = j
		case c == '-' || c == '(' || c == ')':
			seps++
			j++
		case c == ' ' && j+1 < len(s) && isDigit(s[j+1]) && b.Len() > 0:
			seps++
			j++
		case strings.HasPrefix(s[j:], "ー") && b.Len() > 0:
			seps++
			j += len("ー")
		default:
			return end, b.String(), seps
		}
	}
	if j < len(s) && isDigit(s[j]) {
		return i, "", 0 // more than 11 digits: not a phone number
	}
	return end, b.String(), seps
}

func phoneClass(n *phonenumbers.PhoneNumber, digits string) string {
	switch phonenumbers.GetNumberType(n) {
	case phonenumbers.TOLL_FREE:
		return "free_dial"
	case phonenumbers.VOIP:
		return "ip"
	case phonenumbers.UAN, phonenumbers.SHARED_COST:
		return "navi_dial"
	case phonenumbers.MOBILE:
		return "mobile"
	case phonenumbers.FIXED_LINE, phonenumbers.FIXED_LINE_OR_MOBILE:
		return "area"
	}
	if strings.HasPrefix(digits, "0570") {
		return "navi_dial"
	}
	return "other"
}

// classNames are said in the draft's comments, so a curator sees what kind of
// number it is without looking the prefix up.
var classNames = map[string]string{
	"free_dial": "フリーダイヤル（通話無料）",
	"ip":        "IP電話（050）",
	"navi_dial": "ナビダイヤル（0570、有料）",
	"mobile":    "携帯電話番号",
	"area":      "固定電話（市外局番）",
	"other":     "その他の番号",
}

var (
	emailRe = regexp.MustCompile(`[A-Za-z0-9][A-Za-z0-9._%+\-]*@[A-Za-z0-9\-]+(?:\.[A-Za-z0-9\-]+)+`)
	urlRe   = regexp.MustCompile(`https?://[A-Za-z0-9\-._~:/?#\[\]@!$&'*+,;=%]+`)
)

// findURLs lists the URLs printed in the text; a trailing bracket or full
// stop is punctuation around the URL, not part of it.
func findURLs(t *Text) []span {
	var out []span
	for _, m := range urlRe.FindAllStringIndex(t.Norm, -1) {
		e := m[1]
		for e > m[0] && strings.ContainsRune(".,;:)]!?'", rune(t.Norm[e-1])) {
			e--
		}
		out = append(out, span{m[0], e})
	}
	return out
}

func findEmails(t *Text, urls []span) []Contact {
	var out []Contact
	for _, m := range emailRe.FindAllStringIndex(t.Norm, -1) {
		if inSpans(m[0], urls) {
			continue
		}
		e := m[1]
		for e > m[0] && (t.Norm[e-1] == '.' || t.Norm[e-1] == '-') {
			e--
		}
		out = append(out, Contact{Kind: "email", Value: t.Raw(m[0], e), line: t.lineAt(m[0]), s: m[0], e: e})
	}
	return out
}

var (
	clockPart = `(?:(?:午前|午後)` + sp + `)?\d{1,2}` + sp + `(?:時(?:` + sp + `\d{1,2}` + sp + `分|半)?|:\d{2})`
	hoursRe   = regexp.MustCompile(`(` + clockPart + `)` + sp + `(?:~|-|ー|から)` + sp + `(` + clockPart + `)`)
	everyDay  = regexp.MustCompile(`土[・、]?日[・、]?(?:祝|祭)(?:祭)?日?(?:を|も)?含|土日祝(?:祭)?日?(?:を|も)?含|年中無休|毎日|365日|土日祝日も|無休`)
	weekDays  = regexp.MustCompile(`平日|土[・、]?日[・、]?(?:祝|祭)(?:祭)?日?(?:を)?除く?|土日祝(?:祭)?日?(?:を)?除く?|土日祝(?:日)?(?:は)?休(?:み)?`)
	parenRe   = regexp.MustCompile(`\(([^()]{1,40})\)`)
	phoneNote = regexp.MustCompile(`^※.*(?:IP電話|携帯|PHS|通話|おかけ|つながり|混雑)`)
)

// readHours looks for a time range on the contact's lines (its own line
// first, then the lines of its block below it).
func readHours(t *Text, c Contact, blockEnd int) *Hours {
	for n := c.line; n <= blockEnd; n++ {
		ln := t.line(n)
		from := 0
		if n == c.line {
			from = clamp(c.e-t.lines[n].s, len(ln))
		}
		m := hoursRe.FindStringSubmatchIndex(ln[from:])
		if m == nil {
			continue
		}
		h := &Hours{Open: clock(ln[from+m[2] : from+m[3]]), Close: clock(ln[from+m[4] : from+m[5]])}
		if h.Open == "" || h.Close == "" {
			continue
		}
		sp := t.trimmed(n)
		quoteEnd := sp.e
		days := ln
		if n+1 <= blockEnd+1 && n+1 < len(t.lines) {
			if next := strings.TrimSpace(t.line(n + 1)); phoneNote.MatchString(next) {
				quoteEnd = t.trimmed(n + 1).e
				days += "\n" + next
				h.Notes = strings.TrimPrefix(next, "※")
			}
		}
		h.Quote = t.Quote(sp.s, quoteEnd)
		switch {
		case everyDay.MatchString(days):
			h.Days = "every_day"
		case weekDays.MatchString(days):
			h.Days = "weekdays"
		}
		if pm := parenRe.FindStringSubmatch(ln[from+m[1]:]); pm != nil {
			h.Notes = joinNotes(pm[1], h.Notes)
		} else if h.Days != "" {
			if dm := everyDay.FindString(days); dm != "" {
				h.Notes = joinNotes(dm, h.Notes)
			} else {
				h.Notes = joinNotes(weekDays.FindString(days), h.Notes)
			}
		}
		return h
	}
	return nil
}

func joinNotes(a, b string) string {
	switch {
	case a == "":
		return b
	case b == "":
		return a
	}
	return a + "。" + b
}

// clock turns 午前9時, 午後7時, 9:30, 18時30分 into HH:MM.
func clock(s string) string {
	var d Date
	d.D = 1
	if _, ok := readTime(s, &d); !ok || !d.HasTime {
		if strings.Contains(s, "24") {
			return "24:00"
		}
		return ""
	}
	return pad2(d.H) + ":" + pad2(d.Min)
}

func pad2(n int) string {
	if n < 10 {
		return "0" + string(rune('0'+n))
	}
	return string(rune('0'+n/10)) + string(rune('0'+n%10))
}

// contactBlock is the run of lines that belong to the contact on line n: up
// to its heading above (not past another desk or an addendum's marker) and
// down to the next phone number (an e-mail row may sit between a phone and
// its hours), so a desk's hours and period are not taken from its neighbour.
func contactBlock(t *Text, n int, phoneLines, contactLines map[int]bool) (int, int) {
	a := n
	for p := n - 1; p >= 0 && p >= n-3; p-- {
		if contactLines[p] || strings.TrimSpace(t.line(p)) == "" && p < n-1 || updMarkRe.MatchString(t.line(p)) && datedRe.MatchString(t.line(p)) {
			break
		}
		a = p
		if headingLevel(t.line(p)) > 0 {
			break
		}
	}
	b := n
	for p := n + 1; p < len(t.lines) && p <= n+5; p++ {
		ln := t.line(p)
		if phoneLines[p] || bracketHeading.MatchString(strings.TrimSpace(ln)) {
			break
		}
		if lv := headingLevel(ln); lv > 0 && lv < 3 && !deskWords.MatchString(ln) {
			break
		}
		b = p
	}
	return a, b
}

var (
	deskWords      = regexp.MustCompile(`受付|時間|期間|設置|メール|電話|ダイヤル|※`)
	bracketHeading = regexp.MustCompile(`^[<＜【\[][^>＞】\]]{1,40}[>＞】\]]\s*$`)
	pressWords     = regexp.MustCompile(`報道|メディア|プレス`)
	audienceWords  = regexp.MustCompile(`[^\s【】<>「」()|:■]{0,10}(?:様|者|会員|店舗|オーナー|法人|個人)(?:様)?(?:専用|向け)`)
	datedRe        = regexp.MustCompile(`\d{1,4}` + sp + `[年月/.]` + sp + `\d`)
	genericLabel   = regexp.MustCompile(`^(?:電話|電話番号|TEL|Tel|tel|お電話|メール|メールアドレス|E-?mail|e-?mail|Mail|mail)$`)
)

// describe fills a contact's label, quote, audience and (for phones) hours
// from the lines around it.
func describe(t *Text, c *Contact, a, b int) {
	ln := t.lines[c.line]
	before := strings.TrimSpace(t.Norm[ln.s:c.s])
	if k := strings.LastIndex(before, "。"); k >= 0 {
		before = before[k+len("。"):]
	}
	label := cleanLabel(before)
	quote := t.trimmed(c.line)
	if s := t.sentence(c.s); s.e-s.s < quote.e-quote.s && runeLen(t.Norm[quote.s:quote.e]) > 80 {
		quote = s
	}
	if (label == "" || genericLabel.MatchString(label)) && c.line > a {
		// the number stands alone or under a field name: its desk is named on
		// the line above (a heading such as 【店舗様専用】…フリーダイヤル)
		if p := prevContentLine(t, c.line); p >= a {
			if up := cleanLabel(t.line(p)); up != "" && !datedRe.MatchString(up) && !hoursRe.MatchString(up) && !contactOnLine(t, p) {
				label = up
				quote.s = t.trimmed(p).s
			}
		}
	}
	if label == "" || genericLabel.MatchString(label) {
		c.Doubt = append(c.Doubt, "窓口の名前が番号の近くにない")
		if label == "" {
			label = map[string]string{"phone": "電話番号", "email": "メールアドレス", "web": "ウェブページ"}[c.Kind]
		}
	}
	if after := parenRe.FindStringSubmatch(t.Norm[c.e:ln.e]); after != nil && strings.Index(t.Norm[c.e:ln.e], after[0]) == 0 && !hoursRe.MatchString(after[1]) && !strings.Contains(after[1], "受付") {
		label += "（" + after[1] + "）"
	}
	c.Label = label
	c.Quote = t.Quote(quote.s, quote.e)
	block := t.Norm[t.lines[a].s:t.lines[b].e]
	switch {
	case pressWords.MatchString(block):
		c.Audience = []string{"press"}
	default:
		c.AudienceNote = audienceWords.FindString(block)
	}
	if c.Kind == "phone" {
		c.Hours = readHours(t, *c, b)
	}
}

// contactOnLine reports whether line n prints a phone number or an address:
// it is another desk, not this one's name.
func contactOnLine(t *Text, n int) bool {
	return emailRe.MatchString(t.line(n)) || len(findPhones(&Text{Norm: t.line(n), lines: []span{{0, len(t.line(n))}}}, nil)) > 0
}

// cleanLabel strips field names and punctuation from the words before a
// number: 「専用ダイヤル |」 → 「専用ダイヤル」, 「■専用ダイヤル:」 → 「専用ダイヤル」.
func cleanLabel(s string) string {
	s = strings.TrimSpace(s)
	for _, cut := range []string{"電話番号", "電話", "TEL", "Tel", "tel", "メールアドレス", "E-mail", "Email", "e-mail", "Mail"} {
		if strings.HasSuffix(strings.TrimRight(s, " :：|"), cut) && strings.TrimSpace(strings.TrimSuffix(strings.TrimRight(s, " :：|"), cut)) != "" {
			s = strings.TrimSuffix(strings.TrimRight(s, " :：|"), cut)
		}
	}
	s = strings.NewReplacer("【", "", "】", " ", "<", "", ">", " ").Replace(s)
	s = collapse(strings.Trim(s, " \t:：|・-■●◆□▼[]＜＞"))
	if runeLen(s) > 60 {
		return ""
	}
	return s
}

package draft

import (
	"regexp"
	"strconv"
	"strings"
)

// Count is a number of people, records or shops the text gives.
type Count struct {
	N    int
	Unit string // 件 名 人 店舗 ...
	// Kind is the data format's count_kind: max, exact, at_least, about.
	Kind string
	// Cumulative is set for 延べ (the same person may be counted twice).
	Cumulative bool
	// Within is set for 「うち…」 and 「N件中M件」: the index of the count this
	// one is part of, in the list findCounts returns; -1 otherwise.
	Within int
	// Row is set when the count is a table row's or a data item's figure: a
	// breakdown of a group rather than a group.
	Row     bool
	RowText string
	Label   string // what the text says is counted
	Quote   string
	Doubt   []string
	s, e    int
	line    int
}

var countRe = regexp.MustCompile(
	`(?P<pre>延べ人数で最大|延べ人数で|延べ|最大|約|およそ|計|合計|総数|全)?` + sp +
		`(?:(?P<man>\d{1,4})万(?P<rest>\d{1,4})|(?P<num>\d{1,3}(?:,\d{3})+|\d+)(?P<mult>万|千)?)` + sp +
		`(?P<unit>件|名|人|店舗|アカウント|口座|ID|社)(?P<bun>分)?` + sp + `(?P<post>以上|超|を超える|程度|ほど|前後|弱|強)?`)

// findCounts lists the counts of the text outside the spans given (dates,
// phone numbers, URLs), in text order.
func findCounts(t *Text, skip []span) []Count {
	var out []Count
	names := countRe.SubexpNames()
	for _, m := range countRe.FindAllStringSubmatchIndex(t.Norm, -1) {
		g := func(name string) (string, int) {
			for i, n := range names {
				if n == name && m[2*i] >= 0 {
					return t.Norm[m[2*i]:m[2*i+1]], m[2*i]
				}
			}
			return "", -1
		}
		c, ok := readCount(t, m[0], m[1], g)
		if !ok || overlaps(span{c.s, c.e}, skip) {
			continue
		}
		out = append(out, c)
	}
	markWithin(t, out)
	return out
}

func readCount(t *Text, a, b int, g func(string) (string, int)) (Count, bool) {
	unit, _ := g("unit")
	if unit == "社" {
		return Count{}, false // 「2社による調査」 counts investigators, not victims
	}
	pre, _ := g("pre")
	numStart := a
	if _, i := g("man"); i >= 0 {
		numStart = i
	} else if _, i := g("num"); i >= 0 {
		numStart = i
	}
	if numStart > 0 && (isDigit(t.Norm[numStart-1]) || t.Norm[numStart-1] == '.' || t.Norm[numStart-1] == '/' || t.Norm[numStart-1] == '-') {
		return Count{}, false
	}
	n := 0
	if man, i := g("man"); i >= 0 {
		rest, _ := g("rest")
		hi, _ := strconv.Atoi(man)
		lo, _ := strconv.Atoi(rest)
		n = hi*10000 + lo
	} else {
		num, _ := g("num")
		n, _ = strconv.Atoi(strings.ReplaceAll(num, ",", ""))
		switch mult, _ := g("mult"); mult {
		case "万":
			n *= 10000
		case "千":
			n *= 1000
		}
	}
	if n <= 0 {
		return Count{}, false
	}
	c := Count{N: n, Unit: unit, Within: -1, s: a, e: b, line: t.lineAt(a)}
	if pre == "" {
		c.s = numStart
	}
	post, _ := g("post")
	c.Kind = countKind(t, c, pre, post)
	c.Cumulative = strings.HasPrefix(pre, "延べ")
	if c.Cumulative {
		c.Doubt = append(c.Doubt, "延べ数: 同じ人が重複して数えられている可能性")
	}
	c.Label = countLabel(t, c)
	c.Quote = quoteAround(t, c.s, c.e)
	return c, true
}

// countKind reads 最大/約/以上 before or after the number, or a heading that
// calls the figure a maximum (「【流出した可能性のある最大件数】」 above it).
func countKind(t *Text, c Count, pre, post string) string {
	switch {
	case strings.Contains(pre, "最大"):
		return "max"
	case pre == "約" || pre == "およそ" || post == "程度" || post == "ほど" || post == "前後" || post == "弱" || post == "強":
		return "about"
	case post == "以上" || post == "超" || post == "を超える":
		return "at_least"
	}
	ln := t.lines[c.line]
	if near := t.Norm[max(ln.s, c.s-30):c.s]; strings.Contains(near, "最大") {
		return "max"
	}
	if after := t.Norm[c.e:ln.e]; strings.Contains(firstRunes(after, 40), "最大件数") {
		return "max"
	}
	if bareBefore(t.Norm[ln.s:c.s]) {
		if p := prevContentLine(t, c.line); p >= 0 && strings.Contains(t.line(p), "最大") {
			return "max"
		}
	}
	return ""
}

// countLabel is the noun phrase the number counts: the words before it up to
// a clause boundary, and 「の…情報」 after it.
func countLabel(t *Text, c Count) string {
	ln := t.lines[c.line]
	a := ln.s
	if k := lastAny(t.Norm[ln.s:c.s], "。", "、", "|", "..."); k >= 0 {
		a = ln.s + k
	}
	b := c.e
	if rest := t.Norm[c.e:ln.e]; strings.HasPrefix(rest, "の") {
		b = ln.e
		if k := firstAny(rest, "。", "、", "が", "を", "は", "(", "|"); k >= 0 {
			b = c.e + k
		}
	}
	sp := trimSpan(t.Norm, a, b)
	sp.s += len(itemMarker.FindString(t.Norm[sp.s:sp.e]))
	label := t.Quote(sp.s, sp.e)
	if bareBefore(t.Norm[a:c.s]) && b == c.e {
		if p := prevContentLine(t, c.line); p >= 0 {
			label = strings.Trim(strings.TrimSpace(t.Quote(t.trimmed(p).s, t.trimmed(p).e)), "-・【】[]■ ")
		}
	}
	if runeLen(label) > 60 {
		label = ""
	}
	return label
}

func lastAny(s string, seps ...string) int {
	best := -1
	for _, sep := range seps {
		if k := strings.LastIndex(s, sep); k >= 0 && k+len(sep) > best {
			best = k + len(sep)
		}
	}
	return best
}

func firstAny(s string, seps ...string) int {
	best := -1
	for _, sep := range seps {
		if k := strings.Index(s, sep); k >= 0 && (best < 0 || k < best) {
			best = k
		}
	}
	return best
}

// bareBefore reports whether a line holds nothing but layout before a value.
func bareBefore(s string) bool { return strings.Trim(s, " \t-・|") == "" }

var itemMarker = regexp.MustCompile(`^(?:\(\d{1,2}\)|\d{1,2}\)|[①-⑳])` + sp)

// withinRe finds 「うち」 right before a count and 「N件中」 right before it.
var (
	uchiRe = regexp.MustCompile(`うち` + sp + `$`)
	naKaRe = regexp.MustCompile(`(?:件|名|人|店舗)中` + sp + `$`)
)

// markWithin links a count given as part of an earlier one in the same
// sentence: 「最大320店舗…、うち39店舗」, 「323件中10件」.
func markWithin(t *Text, cs []Count) {
	for i := range cs {
		c := &cs[i]
		ln := t.lines[c.line]
		before := t.Norm[max(ln.s, c.s-12):c.s]
		if !uchiRe.MatchString(before) && !naKaRe.MatchString(before) {
			continue
		}
		for j := i - 1; j >= 0; j-- {
			if cs[j].line == c.line && cs[j].e <= c.s {
				c.Within = j
				break
			}
		}
	}
}

func overlaps(x span, ss []span) bool {
	for _, s := range ss {
		if x.s < s.e && s.s < x.e {
			return true
		}
	}
	return false
}

// quoteAround is the quote for a value at [s, e): its line when the line is a
// reasonable length, else its sentence, else a clause window around it.
func quoteAround(t *Text, s, e int) string {
	n := t.lineAt(s)
	ln := t.trimmed(n)
	if runeLen(t.Norm[ln.s:ln.e]) <= 160 {
		if runeLen(t.Norm[ln.s:ln.e]) < 20 {
			// a bare figure under its heading: quote both
			if p := prevContentLine(t, n); p >= 0 && headingLevel(t.line(p)) > 0 || p >= 0 && runeLen(t.line(p)) < 60 {
				return t.Quote(t.trimmed(p).s, ln.e)
			}
		}
		return t.Quote(ln.s, ln.e)
	}
	sn := t.sentence(s)
	if runeLen(t.Norm[sn.s:sn.e]) <= 200 {
		return t.Quote(sn.s, sn.e)
	}
	a, b := clauseBounds(t, s, e)
	return t.Quote(a, b)
}

// clauseBounds widens [s, e) to the 、 or 。 around it on its line.
func clauseBounds(t *Text, s, e int) (int, int) {
	ln := t.lines[t.lineAt(s)]
	a, b := ln.s, ln.e
	if k := lastAny(t.Norm[ln.s:s], "、", "。", ","); k >= 0 {
		a = ln.s + k
	}
	if k := firstAny(t.Norm[clamp(e, ln.e):ln.e], "、", "。", ","); k >= 0 {
		b = e + k + 1
		if t.Norm[e+k] != ',' {
			b = e + k + len("、")
		}
	}
	sp := trimSpan(t.Norm, a, b)
	return sp.s, sp.e
}

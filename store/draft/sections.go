package draft

import (
	"regexp"
	"strings"
)

// Headings of the shapes Japanese notices number their parts with. Level 1 is
// a chapter (1. / ■ / 第1), level 2 a numbered part inside it ((1)), level 3
// an item (①, 1), 【対象】). Facts about one group of people sit under one
// level-2 part, or one chapter when it has no parts.
var (
	h1Re = regexp.MustCompile(`^(?:第` + sp + `\d{1,2}` + sp + `\S|\d{1,2}` + sp + `[.．、]` + sp + `[^\d\s]|[■◆◇□●▼▽◎〇◯])`)
	h2Re = regexp.MustCompile(`^\(\d{1,2}\)`)
	h3Re = regexp.MustCompile(`^(?:[①-⑳]|\d{1,2}\)|\([ア-ンa-z]\)|-?` + sp + `[【\[][^】\]]{1,40}[】\]]|[<＜][^>＞]{1,40}[>＞])`)
)

// spacedH1 is the chapter number of public bodies' notices: 「1 経緯」.
var (
	spacedH1  = regexp.MustCompile(`^\d{1,2}[ \t]+[^\d\s]`)
	countTail = regexp.MustCompile(`(?:件|名|人|店舗|円)$`)
)

// headingLevel is 1, 2 or 3 for a heading line, 0 for any other line.
func headingLevel(line string) int {
	s := strings.TrimSpace(line)
	if s == "" || runeLen(s) > 90 {
		return 0
	}
	switch {
	case h2Re.MatchString(s):
		return 2
	case h3Re.MatchString(s):
		return 3
	case h1Re.MatchString(s), spacedH1.MatchString(s) && runeLen(s) <= 24 && !countTail.MatchString(s):
		return 1
	}
	return 0
}

// scope is a run of lines [a, b] that speaks about one thing.
type scope struct{ a, b int }

// scopeOf is the level-2 part (or the chapter) holding line n.
func scopeOf(t *Text, levels []int, n int) scope {
	if t.scopes == nil {
		t.scopes = map[int]scope{}
	}
	if s, ok := t.scopes[n]; ok {
		return s
	}
	s := findScope(levels, n)
	t.scopes[n] = s
	return s
}

func findScope(levels []int, n int) scope {
	a, lv := 0, 0
	for p := n; p >= 0; p-- {
		if l := levels[p]; l == 1 || l == 2 {
			a, lv = p, l
			break
		}
	}
	b := len(levels) - 1
	for p := max(a, n) + 1; p < len(levels); p++ {
		if l := levels[p]; l == 1 || l == 2 && (lv == 0 || lv >= 2) {
			b = p - 1
			break
		}
	}
	if lv == 0 {
		// text before the first heading: up to it
		for p := n + 1; p < len(levels); p++ {
			if levels[p] == 1 || levels[p] == 2 {
				b = p - 1
				break
			}
		}
	}
	return scope{a, b}
}

func lineLevels(t *Text) []int {
	lv := make([]int, len(t.lines))
	for i := range t.lines {
		lv[i] = headingLevel(t.line(i))
	}
	return lv
}

func (s scope) has(n int) bool { return n >= s.a && n <= s.b }

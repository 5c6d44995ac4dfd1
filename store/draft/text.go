// Package draft turns the text of a breach notice into a draft incident file
// (data format v2) in which every extracted value carries the exact words it
// came from and every decision the text does not settle is marked TODO.
//
// It is pure: text in, struct out, YAML out. Nothing here guesses a value the
// text does not print; where the parsers are unsure they say so.
package draft

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"
)

// Text is a notice body with a width-folded copy for the parsers. Parsers read
// Norm (ASCII digits, one tilde, one dash) so their patterns stay small, but
// every span they report maps back to Orig, so a quote is always what the
// organisation printed and never our folding of it.
type Text struct {
	Orig string
	Norm string
	// start[i] and end[i] are the bounds in Orig of the character that produced
	// byte i of Norm; one extra entry marks the end of the text.
	start, end []int
	lines      []span
	content    []int // content[n]: non-blank lines before line n, built on first use
	scopes     map[int]scope
}

// span is a half-open byte range into Norm.
type span struct{ s, e int }

// NewText folds s and indexes its lines.
func NewText(s string) *Text {
	t := &Text{Orig: s}
	var b strings.Builder
	var it norm.Iter
	it.InitString(norm.NFKC, s)
	for !it.Done() {
		from := it.Pos()
		seg := it.Next()
		to := it.Pos()
		out := foldSegment(s, from, to, string(seg))
		for range len(out) {
			t.start = append(t.start, from)
			t.end = append(t.end, to)
		}
		b.WriteString(out)
	}
	t.Norm = b.String()
	t.start = append(t.start, len(s))
	t.end = append(t.end, len(s))
	t.indexLines()
	return t
}

// foldSegment folds one normalisation segment. NFKC alone would turn circled
// numbers into plain digits (「①2019年」 would read as 12019年) and leaves the
// many dashes and wave dashes of Japanese text distinct, so those are handled
// here first.
func foldSegment(s string, from, to int, nfkc string) string {
	r, size := utf8.DecodeRuneInString(s[from:to])
	if size != to-from {
		return nfkc
	}
	switch {
	case r >= 0x2460 && r <= 0x2473: // ①..⑳ stay item markers
		return string(r)
	case r == 0x301C || r == 0xFF5E || r == 0x223C: // 〜 ～ ∼
		return "~"
	case r >= 0x2010 && r <= 0x2015, r == 0x2212, r == 0xFF0D, r == 0xFE63:
		if isKatakanaAt(s, from, -1) && isKatakanaAt(s, to, +1) {
			return "ー" // 「カ-ド」: a dash typed for the long vowel mark
		}
		return "-"
	case r == '-':
		if isKatakanaAt(s, from, -1) && isKatakanaAt(s, to, +1) {
			return "ー"
		}
	}
	return nfkc
}

// isKatakanaAt reports whether the rune before (dir -1) or at (dir +1) byte
// offset i is katakana.
func isKatakanaAt(s string, i, dir int) bool {
	var r rune
	if dir < 0 {
		if i == 0 {
			return false
		}
		r, _ = utf8.DecodeLastRuneInString(s[:i])
	} else {
		if i >= len(s) {
			return false
		}
		r, _ = utf8.DecodeRuneInString(s[i:])
	}
	return unicode.Is(unicode.Katakana, r) || r == 'ー'
}

func (t *Text) indexLines() {
	s := 0
	for i := 0; i < len(t.Norm); i++ {
		if t.Norm[i] == '\n' {
			t.lines = append(t.lines, span{s, i})
			s = i + 1
		}
	}
	t.lines = append(t.lines, span{s, len(t.Norm)})
}

// Quote is the original text behind Norm[s:e] with white space runs collapsed,
// the form in which a quote is written into the draft (one line) and found
// again in the notice by the quote checkers.
func (t *Text) Quote(s, e int) string {
	s, e = clamp(s, len(t.Norm)), clamp(e, len(t.Norm))
	if e <= s {
		return ""
	}
	return collapse(t.Orig[t.start[s]:t.end[e-1]])
}

// Raw is the original text behind Norm[s:e], white space kept.
func (t *Text) Raw(s, e int) string {
	s, e = clamp(s, len(t.Norm)), clamp(e, len(t.Norm))
	if e <= s {
		return ""
	}
	return t.Orig[t.start[s]:t.end[e-1]]
}

func clamp(i, n int) int { return max(0, min(i, n)) }

func collapse(s string) string { return strings.Join(strings.Fields(s), " ") }

// Normalise is the comparison form of a quote and of the text it must be found
// in: width folded and white space collapsed, the rule the data format allows.
func Normalise(s string) string { return collapse(norm.NFKC.String(s)) }

// lineAt is the index of the line holding Norm offset i.
func (t *Text) lineAt(i int) int {
	lo, hi := 0, len(t.lines)-1
	for lo < hi {
		mid := (lo + hi + 1) / 2
		if t.lines[mid].s <= i {
			lo = mid
		} else {
			hi = mid - 1
		}
	}
	return lo
}

// line is the text of line n in Norm, without its newline.
func (t *Text) line(n int) string {
	if n < 0 || n >= len(t.lines) {
		return ""
	}
	return t.Norm[t.lines[n].s:t.lines[n].e]
}

// trimmed is line n's span without surrounding white space and list bullets,
// which are layout, not words worth quoting.
func (t *Text) trimmed(n int) span {
	if n < 0 || n >= len(t.lines) {
		return span{}
	}
	l := t.lines[n]
	return trimSpan(t.Norm, l.s, l.e)
}

// bullets are the list markers a quote need not start with.
const bullets = "・-*●○◯〇■□◆◇▼▽►>"

func trimSpan(s string, a, b int) span {
	for a < b {
		r, n := utf8.DecodeRuneInString(s[a:b])
		if !unicode.IsSpace(r) && !strings.ContainsRune(bullets, r) {
			break
		}
		a += n
	}
	for a < b {
		r, n := utf8.DecodeLastRuneInString(s[a:b])
		if !unicode.IsSpace(r) && r != '|' {
			break
		}
		b -= n
	}
	return span{a, b}
}

// sentence is the span of the sentence holding offset i: from the 「。」
// before it to the 「。」 after it (included), within its line. A 「。」 inside
// brackets (「（以下「GMO メイクショップ」といいます。）」) ends nothing. Notices
// break lines inside tables and lists, so a line is the longest unit that is
// safe to treat as one statement.
func (t *Text) sentence(i int) span {
	ln := t.lines[t.lineAt(i)]
	i = clamp(i, ln.e)
	a, b, depth := ln.s, ln.e, 0
	for k, r := range t.Norm[ln.s:ln.e] {
		at := ln.s + k
		switch r {
		case '(', '「', '『', '【', '[':
			depth++
		case ')', '」', '』', '】', ']':
			depth = max(0, depth-1)
		case '。':
			if depth > 0 {
				continue
			}
			if at < i {
				a = at + len("。")
			} else {
				return trimSpan(t.Norm, a, at+len("。"))
			}
		}
	}
	return trimSpan(t.Norm, a, b)
}

// runeLen counts characters, the unit in which the heuristics judge length.
func runeLen(s string) int { return utf8.RuneCountInString(s) }

package store

import (
	"strings"
	"unicode"

	"golang.org/x/text/unicode/norm"
)

// Fold reduces a name to the form search compares: full-width letters and
// half-width kana become their usual widths (NFKC), Latin letters lower case,
// katakana hiragana, and spaces and punctuation disappear. So カラーミー,
// からーみー and ｶﾗｰﾐｰ fold alike, and "shop-pro.jp" matches "shoppro jp".
func Fold(s string) string {
	s = norm.NFKC.String(s)
	var b strings.Builder
	for _, r := range s {
		switch {
		case r >= 'ァ' && r <= 'ヶ':
			b.WriteRune(r - 'ァ' + 'ぁ')
		case r == 'ー' || unicode.IsLetter(r) || unicode.IsNumber(r):
			b.WriteRune(unicode.ToLower(r))
		}
	}
	return b.String()
}

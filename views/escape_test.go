package views

import (
	"strings"
	"testing"
)

// needsEscape must agree with strings.ContainsAny on short texts (the byte
// loop) and long ones (IndexByte), wherever the character falls.
func TestNeedsEscape(t *testing.T) {
	long := strings.Repeat("カード番号・有効期限", 10)
	for _, s := range []string{"", "a", "カード", long, long + "x"} {
		for _, c := range []string{"", "<", ">", "&", "'", `"`} {
			for _, v := range []string{s + c, c + s, s[:len(s)/2] + c + s[len(s)/2:]} {
				if got, want := needsEscape(v), strings.ContainsAny(v, `<>&'"`); got != want {
					t.Errorf("needsEscape(%q) = %v, want %v", v, got, want)
				}
			}
		}
	}
}

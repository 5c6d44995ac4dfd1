package handlers

import (
	"strings"
	"testing"

	"exposurecheck/store"
)

// TestCertaintyShortOnExcerpts: a match on data that reached another person
// says what followed is not in the copy when the notice is an excerpt, and
// not in the notice when it is whole.
func TestCertaintyShortOnExcerpts(t *testing.T) {
	p := store.Population{Certainty: store.DisclosedToParty, DisclosedTo: "別の会員"}
	if got := certaintyShort(p.Certainty, true); !strings.Contains(got, "手元の写し（ページの冒頭部分）には書かれていません") || strings.Contains(got, "通知に書かれていません") {
		t.Errorf("excerpt: %q", got)
	}
	if got := certaintyShort(p.Certainty, false); !strings.Contains(got, "通知に書かれていません") {
		t.Errorf("full notice: %q", got)
	}
}

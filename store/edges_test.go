package store_test

import (
	"testing"

	"exposurecheck/store"
)

// edgeCase is one answer at the edge of a stated window, with the verdict
// written from the notice's words (the cases live beside this file, one file
// per batch of notices, each citing the words it rests on).
type edgeCase struct {
	name string
	use  string
	want store.Verdict
}

// edgeCases is filled by the edges_*_test.go files.
var edgeCases []edgeCase

// TestEdgesFromTheNotices runs every edge case through the real catalog and
// the matching: the day (or minute) before a window, its first and last, and
// the one after.
func TestEdgesFromTheNotices(t *testing.T) {
	if len(edgeCases) == 0 {
		t.Fatal("no edge cases registered")
	}
	cat := bundled(t)
	pops := allPopulations(cat)
	seen := map[string]bool{}
	for _, tt := range edgeCases {
		if seen[tt.name] {
			t.Errorf("duplicate case name %q", tt.name)
		}
		seen[tt.name] = true
		t.Run(tt.name, func(t *testing.T) {
			u := parseUse(t, tt.use)
			svc := service(t, u.Service)
			act, ok := svc.Activity(u.Activity)
			if !ok {
				t.Fatalf("service %s has no activity %s", u.Service, u.Activity)
			}
			if got := store.Check(u, svc, act, pops, nil, now).Verdict; got != tt.want {
				t.Errorf("%s: %q, want %q", tt.use, got, tt.want)
			}
		})
	}
}

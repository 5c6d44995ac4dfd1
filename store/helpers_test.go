package store_test

import (
	"sync"
	"testing"
	"time"

	"exposurecheck/data"
	"exposurecheck/store"
)

// now is the fixed "current time" of every test: 2026-11-21T12:00+09:00.
var now = time.Date(2026, time.November, 21, 12, 0, 0, 0, store.Tokyo)

// at reads an RFC 3339 instant written in the test (always with its offset, so the
// expected values read like the notices: "2018-10-17T22:05:00+09:00").
func at(t testing.TB, s string) time.Time {
	t.Helper()
	v, err := time.Parse(time.RFC3339, s)
	if err != nil {
		t.Fatalf("bad instant %q in test: %v", s, err)
	}
	return v
}

var (
	catalogOnce sync.Once
	catalog     *store.Catalog
	catalogErr  error
)

// bundled loads the real embedded data once, without notices.
func bundled(t testing.TB) *store.Catalog {
	t.Helper()
	catalogOnce.Do(func() { catalog, catalogErr = store.Load(data.FS, store.LoadOptions{Name: "data/"}) })
	if catalogErr != nil {
		t.Fatalf("load bundled data: %v", catalogErr)
	}
	return catalog
}

// knownCatalog adapts a catalog's services to store.Known.
type knownCatalog struct{ services []store.Service }

func (k knownCatalog) HasService(id string) bool {
	for _, s := range k.services {
		if s.ID == id {
			return true
		}
	}
	return false
}

func (k knownCatalog) HasActivity(service, activity string) bool {
	for _, s := range k.services {
		if s.ID == service {
			_, ok := s.Activity(activity)
			return ok
		}
	}
	return false
}

func known(t testing.TB) store.Known { return knownCatalog{bundled(t).Services} }

// allPopulations flattens the populations of every incident.
func allPopulations(cat *store.Catalog) []store.Population {
	var out []store.Population
	for _, inc := range cat.Incidents {
		out = append(out, inc.Populations...)
	}
	return out
}

func population(t testing.TB, id string) store.Population {
	t.Helper()
	for _, p := range allPopulations(bundled(t)) {
		if p.ID == id {
			return p
		}
	}
	t.Fatalf("no population %q in the bundled data", id)
	return store.Population{}
}

func service(t testing.TB, id string) store.Service {
	t.Helper()
	for _, s := range bundled(t).Services {
		if s.ID == id {
			return s
		}
	}
	t.Fatalf("no service %q in the bundled data", id)
	return store.Service{}
}

// parseUse parses a use that the test expects to be valid.
func parseUse(t testing.TB, s string) store.Use {
	t.Helper()
	u, err := store.ParseUse(s, known(t), now)
	if err != nil {
		t.Fatalf("ParseUse(%q): %v", s, err)
	}
	return u
}

// spanOf parses one when that the test expects to be valid and turns it into its span.
func spanOf(t testing.TB, when string) store.Span {
	t.Helper()
	w, err := store.ParseWhen(when, now)
	if err != nil {
		t.Fatalf("ParseWhen(%q): %v", when, err)
	}
	s, ok := w.Span(now)
	if !ok {
		t.Fatalf("ParseWhen(%q) has no span", when)
	}
	return s
}

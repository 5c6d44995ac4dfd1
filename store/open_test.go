package store_test

import (
	"context"
	"path/filepath"
	"slices"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"exposurecheck/store"
)

// TestOpenTempServesWhatTheFileHolds: OpenTemp and OpenMemory fill their
// indexes from the catalog in hand, OpenFile from the file's JSON documents;
// every reader must see the same records either way (instants compare as
// instants: the file's say +09:00, the catalog's Asia/Tokyo).
func TestOpenTempServesWhatTheFileHolds(t *testing.T) {
	ctx := context.Background()
	cat := bundled(t)
	path := filepath.Join(t.TempDir(), "data.db")
	if err := store.WriteFile(ctx, cat, path); err != nil {
		t.Fatal(err)
	}
	fromFile, err := store.OpenFile(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	defer fromFile.Close()
	temp, err := store.OpenTemp(ctx, func() (*store.Catalog, error) { return cat, nil })
	if err != nil {
		t.Fatal(err)
	}
	defer temp.Close()
	memory, err := store.OpenMemory(ctx, cat)
	if err != nil {
		t.Fatal(err)
	}
	defer memory.Close()

	instants := cmp.Comparer(func(a, b time.Time) bool { return a.Equal(b) })
	for name, db := range map[string]*store.DB{"OpenTemp": temp, "OpenMemory": memory} {
		same := func(what string, want, got any) {
			t.Helper()
			if d := cmp.Diff(want, got, instants); d != "" {
				t.Errorf("%s: %s differs from OpenFile (-file +%s):\n%s", name, what, name, d)
			}
		}
		same("Services", fromFile.Services(), db.Services())
		same("Digest", fromFile.Digest(), db.Digest())
		same("RecentServices", fromFile.RecentServices(1<<30), db.RecentServices(1<<30))
		same("Updated", fromFile.Updated(), db.Updated())
		same("IncidentCount", fromFile.IncidentCount(), db.IncidentCount())
		want, _ := fromFile.Incidents(ctx)
		got, _ := db.Incidents(ctx)
		same("Incidents", want, got)
		for _, inc := range want {
			w, _ := fromFile.Incident(ctx, inc.ID)
			g, err := db.Incident(ctx, inc.ID)
			if err != nil {
				t.Errorf("%s: Incident(%s): %v", name, inc.ID, err)
			}
			same("Incident "+inc.ID, w, g)
		}
		wa, _ := fromFile.Advice(ctx)
		ga, _ := db.Advice(ctx)
		same("Advice", wa, ga)
		for _, s := range fromFile.Services() {
			w, _ := fromFile.ServicePopulations(ctx, s.ID)
			g, _ := db.ServicePopulations(ctx, s.ID)
			same("ServicePopulations "+s.ID, w, g)
			for _, a := range s.Activities {
				w, _ := fromFile.Populations(ctx, s.ID, a.ID)
				g, _ := db.Populations(ctx, s.ID, a.ID)
				same("Populations "+s.ID+"."+a.ID, w, g)
				wc, _ := fromFile.Contacts(ctx, s.ID, a.ID)
				gc, _ := db.Contacts(ctx, s.ID, a.ID)
				same("Contacts "+s.ID+"."+a.ID, wc, gc)
			}
		}
		for _, q := range []string{"", "カ", "楽天", "カラーミー", "shop"} {
			w, _ := fromFile.Search(ctx, q)
			g, _ := db.Search(ctx, q)
			same("Search "+q, w, g)
		}
	}
}

// TestDigestFollowsTheData: the digest (the pages' ETag) changes with any
// record, and only with the data.
func TestDigestFollowsTheData(t *testing.T) {
	ctx := context.Background()
	cat := bundled(t)
	digest := func(c *store.Catalog) string {
		t.Helper()
		db, err := store.OpenMemory(ctx, c)
		if err != nil {
			t.Fatal(err)
		}
		defer db.Close()
		return db.Digest()
	}
	first := digest(cat)
	if len(first) != 64 {
		t.Fatalf("digest %q, want a SHA-256 in hex", first)
	}
	if again := digest(cat); again != first {
		t.Errorf("the same data digests to %s and %s", first, again)
	}
	changed := *cat
	changed.Incidents = slices.Clone(cat.Incidents)
	changed.Incidents[0].Title += "（続報）"
	if digest(&changed) == first {
		t.Error("an incident's title changed and the digest did not")
	}
	changed = *cat
	changed.Advice = slices.Clone(cat.Advice)
	changed.Advice[0].Steps = append(slices.Clone(changed.Advice[0].Steps), "もう一つ")
	if digest(&changed) == first {
		t.Error("advice changed and the digest did not")
	}
}

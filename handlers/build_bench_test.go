package handlers

import (
	"context"
	"io"
	"strings"
	"testing"
	"time"

	"exposurecheck/data"
	"exposurecheck/store"
	"exposurecheck/views"
)

// The result page's parts without HTTP, for profiling each:
// go test ./handlers -run '^$' -bench 'Build|Render' -benchmem -cpu 1
func resultParts(b *testing.B) (*Server, []store.UseResult, map[string]*store.Incident, time.Time) {
	cat, err := store.Load(data.FS, store.LoadOptions{})
	if err != nil {
		b.Fatal(err)
	}
	db, err := store.OpenMemory(context.Background(), cat)
	if err != nil {
		b.Fatal(err)
	}
	b.Cleanup(func() { db.Close() })
	now := time.Date(2026, 11, 21, 12, 0, 0, 0, store.Tokyo)
	s := &Server{db: db}
	if err := s.prepareData(db); err != nil {
		b.Fatal(err)
	}
	raw := strings.Split("dlmarket.card@2018-10-17T22:10 colorme.owner-card@2017-06 colorme.owner@2017 stylestore.card@2016-08 can-makeshop.member@2014-06", " ")
	uses, uerr := store.ParseUses(raw, db, now)
	if uerr != nil {
		b.Fatal(uerr)
	}
	results, err := s.check(context.Background(), uses, now)
	if err != nil {
		b.Fatal(err)
	}
	incidents, err := s.incidentsOf(results)
	if err != nil {
		b.Fatal(err)
	}
	return s, results, incidents, now
}

func BenchmarkBuildResultPage(b *testing.B) {
	s, results, incidents, now := resultParts(b)
	b.ReportAllocs()
	for b.Loop() {
		buildResultPage(results, incidents, s.resultData, now, now)
	}
}

func BenchmarkRenderResultPage(b *testing.B) {
	s, results, incidents, now := resultParts(b)
	page := buildResultPage(results, incidents, s.resultData, now, now)
	b.ReportAllocs()
	for b.Loop() {
		if err := views.Result(page).Render(context.Background(), io.Discard); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkCheckUses(b *testing.B) {
	s, results, _, now := resultParts(b)
	uses := make([]store.Use, len(results))
	for i, r := range results {
		uses[i] = r.Use
	}
	b.ReportAllocs()
	for b.Loop() {
		if _, err := s.check(context.Background(), uses, now); err != nil {
			b.Fatal(err)
		}
	}
}

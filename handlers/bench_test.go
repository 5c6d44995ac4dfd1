package handlers_test

import (
	"bytes"
	"context"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"net/url"
	"os"
	"strings"
	"testing"

	"exposurecheck/handlers"
	"exposurecheck/store"
)

// Benchmarks of whole requests through the real application (no network):
// go test ./handlers -run '^$' -bench . -benchmem
func benchPage(b *testing.B, target string) {
	srv := hostileServer(b, io.Discard)
	h := srv.Config.Handler
	b.ReportAllocs()
	b.ResetTimer()
	for b.Loop() {
		rec := httptest.NewRecorder()
		h.ServeHTTP(rec, httptest.NewRequest(http.MethodGet, target, nil))
		if rec.Code != http.StatusOK {
			b.Fatalf("%s: %d", target, rec.Code)
		}
	}
}

func BenchmarkResultOneUse(b *testing.B) {
	benchPage(b, "/result?use=dlmarket.card@2018-10-20")
}

func BenchmarkResultTenUses(b *testing.B) {
	benchPage(b, "/result?use=dlmarket.card@2018-10-17&use=dlmarket.member&use=colorme.owner-card@2017-03..2017-06"+
		"&use=colorme.owner@2015&use=colorme.buyer@2017-05-01&use=stylestore.card@2013-04-01&use=cocomo.card@2016-07"+
		"&use=geo-eshop.order@2008&use=geo-online.use@2010&use=can-makeshop.member@2014-09-24")
}

func BenchmarkAPICheckTenUses(b *testing.B) {
	benchPage(b, "/api/v1/check?use=dlmarket.card@2018-10-17&use=dlmarket.member&use=colorme.owner-card@2017-03..2017-06"+
		"&use=colorme.owner@2015&use=colorme.buyer@2017-05-01&use=stylestore.card@2013-04-01&use=cocomo.card@2016-07"+
		"&use=geo-eshop.order@2008&use=geo-online.use@2010&use=can-makeshop.member@2014-09-24")
}

func BenchmarkStartPage(b *testing.B) { benchPage(b, "/") }

func BenchmarkSearch(b *testing.B) {
	benchPage(b, "/check?q=%E3%81%8B%E3%82%89%E3%83%BC%E3%81%BF%E3%83%BC")
}

// The five-use result as a browser asks for it (gzip), to weigh compression.
func BenchmarkResultFiveUsesGzip(b *testing.B) {
	srv := hostileServer(b, io.Discard)
	h := srv.Config.Handler
	b.ReportAllocs()
	var size int
	for b.Loop() {
		rec := httptest.NewRecorder()
		req := httptest.NewRequest(http.MethodGet, fiveUses, nil)
		req.Header.Set("Accept-Encoding", "gzip, deflate, br, zstd")
		h.ServeHTTP(rec, req)
		if rec.Code != http.StatusOK || rec.Header().Get("Content-Encoding") != "gzip" {
			b.Fatalf("%d %q", rec.Code, rec.Header().Get("Content-Encoding"))
		}
		size = rec.Body.Len()
	}
	b.ReportMetric(float64(size), "B/page")
}

func BenchmarkResultFiveUses(b *testing.B) { benchPage(b, fiveUses) }

// The five-use check as JSON, the same uses as the result page above.
func BenchmarkAPICheckFiveUses(b *testing.B) {
	benchPage(b, "/api/v1/check"+strings.TrimPrefix(fiveUses, "/result"))
}

// BenchmarkSearchSynth is step 1's search over a large synthetic data folder,
// which the bench does not write itself (synth lives in the command):
//
//	exposurecheck synth --incidents 10000 --out /tmp/synth10k
//	EXPOSURECHECK_BENCH_DATA=/tmp/synth10k go test ./handlers -run '^$' -bench Synth -benchmem
func BenchmarkSearchSynth(b *testing.B) {
	h := synthHandler(b)
	for _, q := range []string{"さくら", "さく", "さ", "sakura123", "/check"} {
		target := "/check?q=" + url.QueryEscape(q)
		if q == "/check" {
			target = q
		}
		b.Run(q, func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				rec := httptest.NewRecorder()
				h.ServeHTTP(rec, httptest.NewRequest(http.MethodGet, target, nil))
				if rec.Code != http.StatusOK {
					b.Fatalf("%s: %d", target, rec.Code)
				}
			}
		})
	}
}

func synthHandler(b *testing.B) http.Handler {
	dir := os.Getenv("EXPOSURECHECK_BENCH_DATA")
	if dir == "" {
		b.Skip("EXPOSURECHECK_BENCH_DATA names no synthetic data folder")
	}
	cat, err := store.Load(os.DirFS(dir), store.LoadOptions{})
	if err != nil {
		b.Fatal(err)
	}
	db, err := store.OpenMemory(context.Background(), cat)
	if err != nil {
		b.Fatal(err)
	}
	b.Cleanup(func() { db.Close() })
	e, err := handlers.New(handlers.Config{DB: db, Logger: slog.New(slog.NewJSONHandler(io.Discard, nil)),
		SessionKeys: [][]byte{bytes.Repeat([]byte("h"), 32), bytes.Repeat([]byte("b"), 32)}})
	if err != nil {
		b.Fatal(err)
	}
	return e
}

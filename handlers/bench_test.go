package handlers_test

import (
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
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

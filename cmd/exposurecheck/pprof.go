//go:build pprof

package main

// Built with -tags pprof, the server also serves net/http/pprof on
// 127.0.0.1:6060, for profiling it under load (.deploy/bench):
//
//	go build -tags pprof -o /tmp/ec ./cmd/exposurecheck
//	go tool pprof -seconds 10 http://127.0.0.1:6060/debug/pprof/profile

import (
	"net/http"
	_ "net/http/pprof"
)

func init() {
	go func() { _ = http.ListenAndServe("127.0.0.1:6060", nil) }()
}

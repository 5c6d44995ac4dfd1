package main

import "runtime/debug"

// startupMemLimit is the soft ceiling on the Go runtime's memory while the
// data is loaded, validated and indexed. Start-up keeps little (about 130 MB
// live at the end with 10,000 incidents: the records and their indexes) but
// makes much short-lived garbage, so with Go's default the heap was let grow
// to twice the live size at the very end, as the indexes were filled and the
// database written: a peak RSS of about 300 MB against about 245 MB with this
// ceiling, for a few more collections (measured: +0.1–0.3 s of CPU). Below
// the ceiling nothing changes; the bundled data never reaches it. Data so
// large that its live part passes the ceiling would make the collector run
// often (the runtime caps it at half the CPU): set GOMEMLIMIT then.
const startupMemLimit = 224 << 20

// limitStartupMemory applies startupMemLimit unless the operator chose a
// limit through GOMEMLIMIT, and returns what restores the previous one.
func limitStartupMemory(getenv func(string) string) (restore func()) {
	if getenv("GOMEMLIMIT") != "" {
		return func() {}
	}
	prev := debug.SetMemoryLimit(-1) // reads it
	if prev <= startupMemLimit {
		return func() {}
	}
	debug.SetMemoryLimit(startupMemLimit)
	return func() { debug.SetMemoryLimit(prev) }
}

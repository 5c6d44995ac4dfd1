package main

import (
	"log/slog"
	"runtime/debug"
	"runtime/metrics"
)

// Serving allocates much and keeps little: a five-use result page makes
// some 40 KB of garbage, while what lives between requests is the data's
// indexes (about 4 MB with the bundled data). With Go's default (GOGC=100)
// the collector ran every hundred or so result pages and cost about a third
// of each page's CPU under wrk (313–378 µs per request against 225–257 µs
// at GOGC=400, measured side by side on 2 cores). A collection has a cost of
// its own besides marking what is live (stopping the world, sweeping, every
// span refilled after), so a small live heap is given room in absolute
// terms too: 400% or 64 MiB above it, whichever is more (bundled data: 126
// against 116 µs per result page, 59 against 131 MB resident, side by
// side). A soft ceiling keeps a server of a large data set no larger than
// its start-up (startupMemLimit).
const (
	servingGCPercent = 400
	servingMemLimit  = startupMemLimit
	// servingHeadroom is the least room above the live heap, for the
	// collector's goal and its ceiling alike.
	servingHeadroom = 64 << 20
)

// servingGCPercentFor is the GC percentage that leaves servingHeadroom
// above a live heap of live bytes, and at least servingGCPercent.
func servingGCPercentFor(live int64) int {
	if live <= 0 {
		return servingGCPercent
	}
	return int(max(servingGCPercent, servingHeadroom*100/live))
}

// tuneGCForServing applies the serving settings unless the operator chose
// their own through the runtime's GOGC or GOMEMLIMIT.
func tuneGCForServing(getenv func(string) string, log *slog.Logger) {
	if getenv("GOGC") != "" || getenv("GOMEMLIMIT") != "" {
		return
	}
	// The live heap as of the last collection.
	sample := []metrics.Sample{{Name: "/gc/heap/live:bytes"}}
	metrics.Read(sample)
	live := int64(0)
	if sample[0].Value.Kind() == metrics.KindUint64 {
		live = int64(sample[0].Value.Uint64())
	}
	limit := max(int64(servingMemLimit), live+servingHeadroom)
	percent := servingGCPercentFor(live)
	debug.SetMemoryLimit(limit)
	debug.SetGCPercent(percent)
	log.Info("gc for serving", "gc_percent", percent, "mem_limit_mib", limit>>20, "live_mib", live>>20)
}

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

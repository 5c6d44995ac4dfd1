package handlers

import (
	"context"
	"fmt"
	"runtime"
	"strings"
	"sync"

	"exposurecheck/store"
	"exposurecheck/views"
)

// popBodies renders each population's details (views.PopulationBody) once,
// at start: they depend on the data only, and on the result page they are
// a third of the bytes and, rendered per request, a third of its time
// (every string formatted and escaped again). Keyed by popKey.
func popBodies(db *store.DB, advice map[string]store.Advice) (map[popID]string, error) {
	incs, err := db.Incidents(context.Background())
	if err != nil {
		return nil, err
	}
	type job struct {
		key popID
		pv  views.PopulationView
	}
	var jobs []job
	for i := range incs {
		inc := &incs[i]
		one := map[string]*store.Incident{inc.ID: inc}
		for _, p := range inc.Populations {
			jobs = append(jobs, job{popKey(p), populationView(p, "", "", one, advice)})
		}
	}
	out := make([]string, len(jobs))
	errs := make([]error, len(jobs))
	var wg sync.WaitGroup
	workers := runtime.GOMAXPROCS(0)
	for w := range workers {
		wg.Go(func() {
			var b strings.Builder
			for i := w; i < len(jobs); i += workers {
				b.Reset()
				errs[i] = views.PopulationBody(jobs[i].pv).Render(context.Background(), &b)
				out[i] = b.String()
			}
		})
	}
	wg.Wait()
	bodies := make(map[popID]string, len(jobs))
	for i, j := range jobs {
		if errs[i] != nil {
			return nil, fmt.Errorf("render population %s: %w", j.key, errs[i])
		}
		bodies[j.key] = out[i]
	}
	return bodies, nil
}

// popID names a population across incidents ("incident/population"): its
// id is unique within its incident only. A string, so that a map of them
// hashes as strings do (faster than an array of two), and a lookup can
// build it on the stack (bodyOf).
type popID string

func popKey(p store.Population) popID { return popID(p.Incident + "/" + p.ID) }

// bodyOf is p's details rendered at start, if they were.
func bodyOf(bodies map[popID]string, p *store.Population) (string, bool) {
	var b [128]byte
	key := append(append(append(b[:0], p.Incident...), '/'), p.ID...)
	body, ok := bodies[popID(key)]
	return body, ok
}

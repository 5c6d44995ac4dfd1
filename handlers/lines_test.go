package handlers

import (
	"testing"

	"exposurecheck/store"
)

// TestServiceLinesNameAClassOnce: two groups of one service with the same
// verdict that expose the same class name it once on their line, also for a
// class the advice file lacks (looked up afresh each time).
func TestServiceLinesNameAClassOnce(t *testing.T) {
	d := newResultData(map[string]store.Advice{"email": {Class: "email", Label: "メールアドレス", Group: store.ContactData}}, nil, nil, nil, nil)
	a := &store.Population{Incident: "i", ID: "a", Exposed: []string{"foo", "email"}}
	b := &store.Population{Incident: "i", ID: "b", Exposed: []string{"email", "foo"}}
	results := []store.UseResult{{
		Service:     store.Service{ID: "s", Name: "S"},
		Verdict:     store.Match,
		Populations: []store.PopulationResult{{Population: a, Verdict: store.Match}, {Population: b, Verdict: store.Match}},
	}}
	services := groupByService(results, d)
	if len(services) != 1 || len(services[0].lines) != 1 {
		t.Fatalf("services %d, lines %+v", len(services), services[0].lines)
	}
	l := services[0].lines[0]
	if got := joinLabels(l.classes); got != "foo・メールアドレス" {
		t.Errorf("classes = %q, want %q", got, "foo・メールアドレス")
	}
}

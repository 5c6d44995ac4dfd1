package handlers

import (
	"exposurecheck/store"
	"exposurecheck/views"
)

// resultData is what the result page takes from the data alone, worked out
// once at start: per data class its line, label and steps, each step's
// text once with what it speaks to, the groups' details and the incidents'
// references. The page then looks a class up once, and finds a step by its
// number instead of comparing long texts.
type resultData struct {
	advice  map[string]store.Advice
	classes map[string]*classAdvice
	steps   []stepText // by number
	bodies  map[popID]string
	refs    map[string]views.IncidentRef
	links   map[string][2]string // service id → its card's anchor, its page
	notes   map[string][]wording // incident id → what each of its notes speaks to
}

// classAdvice is a data class as the result page uses it.
type classAdvice struct {
	class string
	known bool // in the advice file
	group store.DataGroup
	prio  int
	label string // labelOf
	kind  uint8  // kindIndex: its line on a card
	steps []int  // its steps, by number in resultData.steps
}

// stepText is one step's text and the notes it gives a home to.
type stepText struct {
	text  string
	homes uint8 // wording.stepHomes
}

func newResultData(advice map[string]store.Advice, bodies map[popID]string, refs map[string]views.IncidentRef, services []string, incs []store.Incident) *resultData {
	d := &resultData{advice: advice, classes: make(map[string]*classAdvice, len(advice)), bodies: bodies, refs: refs,
		links: make(map[string][2]string, len(services)), notes: make(map[string][]wording, len(incs))}
	for i := range incs {
		ws := make([]wording, len(incs[i].Notes))
		for k, n := range incs[i].Notes {
			ws[k] = wordingOf(n.Text)
		}
		d.notes[incs[i].ID] = ws
	}
	for _, id := range services {
		d.links[id] = [2]string{"r-" + id, "/services/" + id}
	}
	number := map[string]int{}
	for class, a := range advice {
		ca := classAdviceOf(class, advice)
		for _, text := range a.Steps {
			n, ok := number[text]
			if !ok {
				n = len(d.steps)
				number[text] = n
				d.steps = append(d.steps, stepText{text: text, homes: wordingOf(text).stepHomes})
			}
			ca.steps = append(ca.steps, n)
		}
		d.classes[class] = ca
	}
	return d
}

// noteWording is what inc's k-th note speaks to.
func (d *resultData) noteWording(inc *store.Incident, k int) wording {
	if ws := d.notes[inc.ID]; k < len(ws) {
		return ws[k]
	}
	return wordingOf(inc.Notes[k].Text)
}

// serviceLinks are a service's card anchor (r-id) and page URL.
func (d *resultData) serviceLinks(id string) (anchor, url string) {
	if l, ok := d.links[id]; ok {
		return l[0], l[1]
	}
	return "r-" + id, "/services/" + id
}

func classAdviceOf(class string, advice map[string]store.Advice) *classAdvice {
	a, ok := advice[class]
	return &classAdvice{class: class, known: ok, group: a.Group, prio: a.Priority, label: labelOf(advice, class), kind: uint8(kindIndex(class, advice))}
}

// class is a class's advice; a class the advice file lacks is worked out
// here (its own id as label, no steps).
func (d *resultData) class(c string) *classAdvice {
	if ca, ok := d.classes[c]; ok {
		return ca
	}
	return classAdviceOf(c, d.advice)
}

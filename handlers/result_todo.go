package handlers

import (
	"regexp"
	"slices"
	"strings"
	"sync"
	"unicode/utf8"

	"exposurecheck/store"
	"exposurecheck/views"
)

// What to do now, once for the page: the advice of every data class that may
// concern the person, merged across services, most urgent first, with the
// companies' own words next to the step they belong to.

// noteHomes puts an incident's note under the step it speaks to: the waived
// reissue fee under "ask about reissue", the phrase to tell the card company
// under "call the issuer". A note matching none is listed on its own.
var noteHomes = []struct{ note, step *regexp.Regexp }{
	{regexp.MustCompile(`手数料`), regexp.MustCompile(`再発行`)},
	{regexp.MustCompile(`伝えて`), regexp.MustCompile(`カード裏面`)},
	{regexp.MustCompile(`利用明細`), regexp.MustCompile(`利用明細`)},
	{regexp.MustCompile(`パスワード.*(リセット|変更)`), regexp.MustCompile(`パスワード.*変更`)},
	{regexp.MustCompile(`添付|フィッシング`), regexp.MustCompile(`フィッシング`)},
}

// wordingOf says what a note's or a step's text speaks to, matched once per
// text: the texts are data, read-only while the server runs. The result
// page reads the answers worked out at start (resultData); this is the
// start's work, and the fallback.
func wordingOf(text string) wording {
	if w, ok := wordings.Load(text); ok {
		return w.(wording)
	}
	var w wording
	for i, h := range noteHomes {
		if h.note.MatchString(text) {
			w.noteHomes |= 1 << i
		}
		if h.step.MatchString(text) {
			w.stepHomes |= 1 << i
		}
	}
	w.warning = warning.MatchString(text)
	w.desk = strings.Contains(text, "問い合わせ") && !strings.Contains(text, "カード裏面") && !strings.Contains(text, "カード会社") &&
		!strings.Contains(text, "カード発行会社")
	wordings.Store(text, w)
	return w
}

// wording is what wordingOf finds in a text.
type wording struct {
	noteHomes uint8 // bit i: the text matches noteHomes[i].note
	stepHomes uint8 // bit i: the text matches noteHomes[i].step
	warning   bool
	// desk: a note about the incident's own desks (「管理コードを用意して
	// 専用ダイヤルに問い合わせ」), not about calling the card company.
	desk bool
}

// wordings are wordingOf's answers by text, so that texts repeated across
// incidents are matched once. A sync.Map: written once per text, then read.
var wordings sync.Map

// A page may hold store.MaxUses services: this fails to compile if that is
// more than stepAcc.services has bits.
const _ = uint(32 - store.MaxUses)

type stepAcc struct {
	n        int // its number in resultData.steps
	text     string
	prio     int
	class    string
	services uint32 // bit i: the service named names[i]
	notes    []views.NoteView
	homes    uint8 // wording.stepHomes
}

// warning tells a note that asks the person to watch out (no attachments,
// beware of fake mails) from one that only informs (monitoring requested, no
// other cards held); the latter go to the card's details.
var warning = regexp.MustCompile(`添付|開かない|注意|不審|偽`)

// buildTodo also returns, per service id, the incidents' notes that ask
// nothing of the person, for the cards' details.
func buildTodo(services []*serviceResult, incidents map[string]*store.Incident, d *resultData) (views.Todo, map[string][]views.NoteView) {
	steps := make([]stepAcc, 0, 24) // a page has a dozen or two: a scan beats hashing their long texts
	var cardNumber, cardInfo bool   // exposed anywhere
	// The services' names, once each (at most store.MaxUses, held to 32
	// by the constant above stepAcc): a step's services are bits of their
	// index here.
	names := make([]string, 0, len(services))
	for _, sr := range services {
		if !slices.Contains(names, sr.svc.Name) {
			names = append(names, sr.svc.Name)
		}
	}
	anyMatch := false
	// A class is exposed by many groups of one service: its steps are
	// added once per service.
	added := make([]string, 0, 16) // the classes of the service at hand
	add := func(class string, service uint32) {
		if slices.Contains(added, class) {
			return
		}
		added = append(added, class)
		ca := d.class(class)
		if !ca.known {
			return
		}
		cardNumber = cardNumber || class == "card_number"
		cardInfo = cardInfo || class == "card_info"
		for _, n := range ca.steps {
			i := slices.IndexFunc(steps, func(s stepAcc) bool { return s.n == n })
			if i < 0 {
				i = len(steps)
				st := d.steps[n]
				steps = append(steps, stepAcc{n: n, text: st.text, prio: ca.prio, class: class, homes: st.homes})
			}
			steps[i].services |= service
		}
	}
	type noteRef struct {
		service, id string
		note        *store.Note // in the data
		wording     wording
	}
	notes := make([]noteRef, 0, 16)
	seenNote := make([][2]string, 0, 16) // incident, note
	concerned, ids := make([]string, 0, 16), make([]string, 0, 16)
	incs := make([]*store.Incident, 0, 4)
	for _, sr := range services {
		added = added[:0]
		bit := uint32(1) << slices.Index(names, sr.svc.Name)
		for _, r := range sr.results {
			concerned = concerned[:0]
			for j := range r.Populations {
				pr := &r.Populations[j]
				if pr.Verdict == store.Outside {
					continue
				}
				if pr.Verdict == store.Match {
					anyMatch = true
				}
				concerned = append(concerned, pr.Population.ID)
				for _, c := range pr.Population.Exposed {
					add(c, bit)
				}
			}
			if r.Verdict == store.Unaffected || r.Verdict == store.Outside {
				continue
			}
			ids = ids[:0]
			for j := range r.Populations {
				ids = append(ids, r.Populations[j].Population.Incident)
			}
			incs = sortedIncidents(incs, ids, incidents)
			for _, inc := range incs {
				for k := range inc.Notes {
					n := &inc.Notes[k]
					key := [2]string{inc.ID, n.ID}
					if slices.Contains(seenNote, key) {
						continue
					}
					if len(n.Populations) == 0 || slices.ContainsFunc(n.Populations, func(id string) bool { return slices.Contains(concerned, id) }) {
						seenNote = append(seenNote, key)
						notes = append(notes, noteRef{service: sr.svc.Name, id: sr.svc.ID, note: n, wording: d.noteWording(inc, k)})
					}
				}
			}
		}
	}
	slices.SortStableFunc(steps, func(a, b stepAcc) int {
		if a.prio != b.prio {
			return a.prio - b.prio
		}
		return strings.Compare(a.class, b.class)
	})
	// Card advice covers card_info too; do not repeat it.
	if cardNumber && cardInfo {
		steps = slices.DeleteFunc(steps, func(s stepAcc) bool {
			return strings.HasPrefix(s.text, "カードの利用明細で、身に覚えのない請求がないか確認してください。")
		})
	}
	var todo views.Todo
	var facts map[string][]views.NoteView // made for the first
	// Desk instructions (「管理コードを用意して問い合わせ」) go with the desks.
	for _, nr := range notes {
		n, w := nr.note, nr.wording
		if w.desk {
			continue
		}
		nv := views.NoteView{Service: nr.service, Text: n.Text, Quote: n.Quote}
		placed := false
		for hi := range noteHomes {
			if w.noteHomes&(1<<hi) == 0 {
				continue
			}
			if i := slices.IndexFunc(steps, func(s stepAcc) bool { return s.homes&(1<<hi) != 0 }); i >= 0 {
				steps[i].notes = append(steps[i].notes, nv)
				placed = true
				break
			}
		}
		switch {
		case placed:
		case w.warning:
			todo.Notes = append(todo.Notes, nv)
		default:
			if facts == nil {
				facts = map[string][]views.NoteView{}
			}
			facts[nr.id] = append(facts[nr.id], nv)
		}
	}
	var all uint32
	for _, s := range steps {
		all |= s.services
	}
	todo.Steps = make([]views.TodoStep, 0, len(steps))
	for _, s := range steps {
		st := views.TodoStep{Text: s.text, Notes: s.notes}
		// Name the services only for a step that concerns some of them.
		if s.services != all {
			st.For = joinNames(names, s.services)
		}
		todo.Steps = append(todo.Steps, st)
	}
	todo.Conditional = !anyMatch && len(todo.Steps) > 0
	return todo, facts
}

// joinNames joins the names whose bits are set, in order, with 「・」.
func joinNames(names []string, set uint32) string {
	n := 0
	for i, name := range names {
		if set&(1<<i) != 0 {
			n += len(name) + len("・")
		}
	}
	var b strings.Builder
	b.Grow(n)
	for i, name := range names {
		if set&(1<<i) != 0 {
			if b.Len() > 0 {
				b.WriteString("・")
			}
			b.WriteString(name)
		}
	}
	return b.String()
}

// deskNotes are an incident's notes about contacting its desks, for the
// people the page concerns.
func deskNotes(d *resultData, inc *store.Incident, concerned []string, service string, desks []views.ContactView) []views.NoteView {
	var out []views.NoteView
	for k, n := range inc.Notes {
		if !d.noteWording(inc, k).desk {
			continue
		}
		if len(n.Populations) > 0 && !slices.ContainsFunc(n.Populations, func(id string) bool { return slices.Contains(concerned, id) }) {
			continue
		}
		// A desk may already carry the same instruction as its own note.
		if slices.ContainsFunc(desks, func(d views.ContactView) bool { return sameStart(d.Notes, n.Text, 12) }) {
			continue
		}
		out = append(out, views.NoteView{Service: service, Text: n.Text, Quote: n.Quote})
	}
	return out
}

// sameStart reports whether a and b begin with the same n characters.
func sameStart(a, b string, n int) bool {
	ia, ib := 0, 0 // byte offsets after the runes compared so far
	for range n {
		if ia >= len(a) || ib >= len(b) {
			return false
		}
		ra, sa := utf8.DecodeRuneInString(a[ia:])
		rb, sb := utf8.DecodeRuneInString(b[ib:])
		if ra != rb {
			return false
		}
		ia, ib = ia+sa, ib+sb
	}
	return true
}

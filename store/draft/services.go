package draft

import (
	"fmt"
	"regexp"
	"slices"
	"strings"
)

// fillServices turns the services the text names into entries, links the
// populations to them and adds the services the text says were not affected.
func (d *Draft) fillServices(t *Text, x *analysis) {
	operator := ""
	if len(d.Orgs) > 0 {
		operator = d.Orgs[0].Name
	}
	unaffected := map[string]string{}
	var unaffOrder []string
	for _, st := range x.statements {
		for _, n := range st.Services {
			if _, ok := unaffected[n]; !ok {
				unaffOrder = append(unaffOrder, n)
				unaffected[n] = st.Quote
			}
		}
	}
	var affected []DService
	ids := map[string]bool{}
	for _, s := range x.services {
		if _, ok := unaffected[s.Name]; ok {
			continue
		}
		affected = append(affected, newService(s.Name, s.Domain, operator, ids))
	}
	if len(affected) == 0 {
		affected = append(affected, DService{ID: "TODO", Name: "TODO", Kana: "TODO", Operator: operator,
			Doubt: []string{"サービス名を本文から読めなかった"}})
	}
	if lt := findLifetime(t, x.dates); lt != nil {
		affected[0].Lifetime = lt
	}
	d.linkPopulations(affected)
	for _, n := range unaffOrder {
		s := newService(n, "", operator, ids)
		s.Unaffected = unaffected[n]
		s.Activities = []DActivity{{ID: "use", Kind: "moment", Why: "影響なしのサービスにも活動が一つ要る"}}
		affected = append(affected, s)
	}
	d.Services = affected
}

func newService(name, domain, operator string, ids map[string]bool) DService {
	s := DService{Name: name, Kana: kana(name), Operator: operator}
	if s.Kana == "" {
		s.Kana = "TODO"
	}
	s.ID = serviceID(name, domain)
	if s.ID != "TODO" {
		for base, n := s.ID, 2; ids[s.ID]; n++ {
			s.ID = fmt.Sprintf("%s-%d", base, n)
		}
		ids[s.ID] = true
	}
	s.Aliases = []string{name}
	if domain != "" && domain != name {
		s.Aliases = append(s.Aliases, domain)
	}
	if operator != "" && operator != name {
		s.Aliases = append(s.Aliases, operator)
	}
	return s
}

var nonSlug = regexp.MustCompile(`[^a-z0-9]+`)

// serviceID proposes a permanent id from the domain or an ASCII name; a
// Japanese name needs a person to choose its romanisation.
func serviceID(name, domain string) string {
	if domain != "" {
		label, _, _ := strings.Cut(strings.TrimPrefix(domain, "www."), ".")
		if s := strings.Trim(nonSlug.ReplaceAllString(strings.ToLower(label), "-"), "-"); s != "" {
			return s
		}
	}
	for _, r := range name {
		if r > 0x7f {
			return "TODO"
		}
	}
	if s := strings.Trim(nonSlug.ReplaceAllString(strings.ToLower(name), "-"), "-"); s != "" {
		return s
	}
	return "TODO"
}

// linkPopulations gives each population its service and activity, and each
// service the activities its populations name.
func (d *Draft) linkPopulations(svcs []DService) {
	for i := range d.Populations {
		p := &d.Populations[i]
		id, kind := activityOf(p.verbs + "\n" + p.Quote)
		if id == "" {
			id, kind = "TODO", "TODO"
		}
		p.Activities = []string{id}
		targets := []int{0}
		if len(svcs) == 1 {
			p.Service = svcs[0].ID
		} else {
			p.Service = "TODO"
			var names []string
			targets = targets[:0]
			for j, s := range svcs {
				names = append(names, s.Name)
				targets = append(targets, j)
			}
			p.ServiceDoubt = "どのサービスか: " + strings.Join(names, " / ") + "（サービスごとに複製するか）"
		}
		for _, j := range targets {
			if !slices.ContainsFunc(svcs[j].Activities, func(a DActivity) bool { return a.ID == id }) {
				svcs[j].Activities = append(svcs[j].Activities, DActivity{ID: id, Kind: kind})
			}
		}
	}
	for j := range svcs {
		if len(svcs[j].Activities) == 0 {
			svcs[j].Activities = []DActivity{{ID: "TODO", Kind: "TODO"}}
		}
	}
}

var formRe = regexp.MustCompile(`お問い?合わ?せフォーム|問合せフォーム|専用フォーム|Webフォーム|ウェブフォーム`)

// fillNotes collects the incident's own advice and its exclusion and
// 「not affected」 statements that no service took.
func (d *Draft) fillNotes(t *Text, x *analysis) {
	seen := map[string]bool{}
	add := func(q, why string) {
		if q == "" || seen[q] {
			return
		}
		seen[q] = true
		d.Notes = append(d.Notes, DNote{ID: fmt.Sprintf("%s-note-%d", d.ID, len(d.Notes)+1), Quote: q, Why: why})
	}
	for _, st := range x.statements {
		if len(st.Services) == 0 {
			add(st.Quote, "対象外・影響なしの記載: 注記にするか、only_some や別の群にするか")
		}
	}
	for _, q := range findAdvice(t) {
		add(q, "本人がすべきこと・会社の対応として残すか")
	}
	if m := formRe.FindStringIndex(t.Norm); m != nil && !slices.ContainsFunc(d.Contacts, func(c Contact) bool { return c.Kind == "web" }) {
		sn := t.sentence(m[0])
		d.Todos = append(d.Todos, fmt.Sprintf("本文に「%s」とあるがURLの記載なし: %s", t.Norm[m[0]:m[1]], t.Quote(sn.s, sn.e)))
	}
}

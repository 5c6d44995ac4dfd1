package draft

import (
	"bytes"
	"encoding/json"
	"fmt"
	"slices"
	"strings"
)

// yamlWriter writes the draft line by line. The layout is the data format's
// own, so a curator edits the draft into the final file in place; every
// string is a JSON-style double-quoted scalar on one line, which is valid
// YAML and what the quote checkers read.
type yamlWriter struct{ b strings.Builder }

// kv writes `key: value`, with a TODO comment when there are doubts.
func (w *yamlWriter) kv(indent int, key, value string, doubts ...string) {
	w.line(indent, key+": "+value, doubts...)
}

func (w *yamlWriter) line(indent int, s string, doubts ...string) {
	w.b.WriteString(strings.Repeat("  ", indent))
	w.b.WriteString(s)
	if d := joinDoubts(doubts); d != "" {
		w.b.WriteString("  # TODO: ")
		w.b.WriteString(d)
	}
	w.b.WriteString("\n")
}

// comment writes a comment line; TODO comments are what `validate` reports.
func (w *yamlWriter) comment(indent int, s string) {
	w.b.WriteString(strings.Repeat("  ", indent) + "# " + oneLine(s) + "\n")
}

func joinDoubts(ds []string) string {
	var out []string
	for _, d := range ds {
		if d = oneLine(d); d != "" && !slices.Contains(out, d) {
			out = append(out, d)
		}
	}
	return strings.Join(out, "; ")
}

func oneLine(s string) string { return collapse(s) }

// q quotes a string as a JSON string (valid YAML); TODO stays recognisable.
func q(s string) string {
	var b bytes.Buffer
	enc := json.NewEncoder(&b)
	enc.SetEscapeHTML(false)
	_ = enc.Encode(s) // a string always encodes
	return strings.TrimSuffix(b.String(), "\n")
}

// list writes a flow sequence of quoted strings.
func list(xs []string) string {
	qs := make([]string, len(xs))
	for i, x := range xs {
		qs[i] = q(x)
	}
	return "[" + strings.Join(qs, ", ") + "]"
}

// plainList writes a flow sequence of ids that need no quotes.
func plainList(xs []string) string { return "[" + strings.Join(xs, ", ") + "]" }

// YAML renders the draft in the data format v2, TODO comments included.
func (d *Draft) YAML() string {
	w := &yamlWriter{}
	d.writeHead(w)
	d.writeSources(w)
	d.writeUpdates(w)
	d.writeTimeline(w)
	d.writeServices(w)
	d.writePopulations(w)
	d.writeContacts(w)
	d.writeNotes(w)
	for _, td := range d.Todos {
		w.comment(0, "TODO: "+td)
	}
	return w.b.String()
}

func (d *Draft) writeHead(w *yamlWriter) {
	folder := "notices"
	if d.Excerpt {
		folder = "excerpts"
	}
	name := d.Title
	if name == "" {
		name = d.ID
	}
	w.comment(0, fmt.Sprintf("%s — notice: shared/%s/%s", name, folder, d.File))
	w.comment(0, "Draft written by `exposurecheck draft`: every value is copied from the notice with its quote; lines marked TODO need a curator.")
	if d.Excerpt {
		w.comment(0, "An excerpt: the text is cut off; what is not here may be past the cut (do not encode its absence).")
	}
	w.kv(0, "id", q(d.ID), d.IDDoubt)
	w.line(0, "notice:")
	w.kv(1, "file", q(d.File))
	if d.Excerpt {
		w.kv(1, "excerpt", "true")
		w.kv(1, "retrieved_from", q(d.RetrievedFrom))
	}
	w.kv(0, "updated", q(d.Updated))
	if d.Title != "" {
		w.kv(0, "title", q(d.Title), "短いタイトルにする（候補は通知の見出し）")
	} else {
		w.kv(0, "title", q("TODO"), "短いタイトル（見出しが見つからない）")
	}
	w.line(0, "organisations:")
	for _, o := range d.Orgs {
		if o.Name == "" {
			w.kv(1, "- name", "null", o.Doubt...)
		} else {
			w.kv(1, "- name", q(o.Name), o.Doubt...)
		}
		w.kv(2, "kind", o.Kind, kindDoubt(o)...)
		if o.Quote != "" {
			w.comment(2, "from: "+q(o.Quote))
		}
	}
	d.writeDated(w, "published", d.Published)
	d.writeDated(w, "discovered", d.Discovered)
	w.line(0, "summary:")
	w.kv(1, "text", q("TODO"), "一文の要約（平易な日本語）")
	if d.Summary != "" {
		w.kv(1, "quote", q(d.Summary))
	} else {
		w.kv(1, "quote", q("TODO"), "何が起きたかを述べる文が見つからない")
	}
}

func kindDoubt(o Org) []string {
	if o.Name == "" || o.Kind == "association" {
		return []string{"組織の種類を確認"}
	}
	return nil
}

// absent is what a curator does with a field the text does not fill: leave it
// out; for an excerpt, leave it out without saying the notice lacks it, since
// it may be past the cut.
func (d *Draft) absent() string {
	if d.Excerpt {
		return "抜粋: 切れた先にあるかもしれないので「記載なし」とはせず、この項目ごと省く"
	}
	return "記載がなければこの項目ごと省く"
}

func (d *Draft) writeDated(w *yamlWriter, key string, f *DatedFact) {
	if f == nil {
		w.comment(0, "TODO: "+key+" — 本文に見つからない（"+d.absent()+"）")
		return
	}
	w.line(0, key+":", f.Doubt...)
	w.kv(1, "day", q(f.Day))
	w.kv(1, "quote", q(f.Quote))
	if f.Inferred != "" {
		w.kv(1, "inferred", q(f.Inferred))
	}
}

func (d *Draft) writeSources(w *yamlWriter) {
	if len(d.Sources) == 0 {
		w.kv(0, "sources", "[]")
		return
	}
	w.line(0, "sources:")
	for _, s := range d.Sources {
		w.kv(1, "- title", q(s.Title), s.Doubt...)
		if s.URL == "" {
			w.kv(2, "url", "null")
		} else {
			w.kv(2, "url", q(s.URL))
		}
		if s.Date != "" {
			w.kv(2, "date", q(s.Date))
		}
		w.kv(2, "quote", q(s.Quote))
	}
}

func (d *Draft) writeUpdates(w *yamlWriter) {
	if len(d.Updates) == 0 {
		w.kv(0, "updates", "[]")
		return
	}
	w.line(0, "updates:")
	for _, u := range d.Updates {
		w.kv(1, "- at", q(u.At), u.Doubt...)
		w.kv(2, "text", q("TODO"), "追記で何が変わったか（窓口・件数）")
		w.kv(2, "quote", q(u.Quote))
	}
}

func (d *Draft) writeTimeline(w *yamlWriter) {
	if len(d.Timeline) == 0 {
		w.kv(0, "timeline", "[]")
		return
	}
	w.line(0, "timeline:")
	for _, e := range d.Timeline {
		w.kv(1, "- at", q(e.At), e.Doubt...)
		text := e.Text
		if text == "" {
			text = "TODO"
		}
		w.kv(2, "text", q(text), "出来事を短く")
		w.kv(2, "quote", q(e.Quote))
	}
}

func (d *Draft) writeServices(w *yamlWriter) {
	w.line(0, "services:")
	for _, s := range d.Services {
		w.kv(1, "- id", q(s.ID), append([]string{"永久ID（URLに入る）を決める"}, s.Doubt...)...)
		w.kv(2, "name", q(s.Name))
		if s.Kana == "TODO" {
			w.kv(2, "kana", q("TODO"), "読み（ひらがな）")
		} else {
			w.kv(2, "kana", q(s.Kana))
		}
		if s.Operator == "" {
			w.kv(2, "operator", q("TODO"), "運営者")
		} else {
			w.kv(2, "operator", q(s.Operator))
		}
		w.kv(2, "aliases", list(s.Aliases), "検索される名前（かな・ローマ字・ドメイン）を足す")
		if lt := s.Lifetime; lt != nil {
			w.line(2, "lifetime:", "サービスの開始・終了の読みを確認")
			if lt.From != "" {
				w.kv(3, "from", q(lt.From))
			}
			if lt.Through != "" {
				w.kv(3, "through", q(lt.Through))
			}
			w.kv(3, "quote", q(lt.Quote))
		}
		w.line(2, "activities:")
		for _, a := range s.Activities {
			w.kv(3, "- id", q(a.ID), "活動のID")
			w.kv(4, "kind", a.Kind, "moment（ある時点の行為）か tenure（期間中の保有）か")
			w.kv(4, "label", q("TODO"), "何をした人か")
			w.kv(4, "question", q("TODO"), "いつかを尋ねる質問")
		}
		if s.Unaffected != "" {
			w.line(2, "unaffected:")
			w.kv(3, "text", q("TODO"), "影響なしの説明")
			w.kv(3, "quote", q(s.Unaffected))
		}
	}
}

func (d *Draft) writePopulations(w *yamlWriter) {
	if len(d.Populations) == 0 {
		w.kv(0, "populations", "[]", "影響を受けた人の群を本文から読めなかった")
		return
	}
	w.line(0, "populations:")
	for _, p := range d.Populations {
		w.kv(1, "- id", q(p.ID))
		p.absent = d.absent()
		w.kv(2, "service", q(p.Service), p.ServiceDoubt)
		w.kv(2, "activities", list(p.Activities), "活動を確認")
		if p.Label == "" {
			w.kv(2, "label", q("TODO"), "誰か（平易な日本語）")
		} else {
			w.kv(2, "label", q(p.Label), "誰か（平易な日本語）に直す")
		}
		writeWindow(w, p)
		if p.Within != "" {
			w.kv(2, "within", q(p.Within))
		}
		exp := plainList(p.Exposed)
		var expDoubt []string
		if len(p.Negated) > 0 {
			expDoubt = append(expDoubt, "本文が含まれないとする項目: "+strings.Join(p.Negated, ", "))
		}
		if len(p.Exposed) == 0 {
			expDoubt = append(expDoubt, "流出した項目")
		}
		w.kv(2, "exposed", exp, expDoubt...)
		w.kv(2, "certainty", p.Certainty, "確かさの言い回しを確認")
		if p.Certainty == "disclosed_to_party" {
			w.kv(2, "disclosed_to", q("TODO"), "誰に届いたか")
		}
		if p.MaxCount > 0 {
			w.kv(2, "max_count", fmt.Sprint(p.MaxCount))
			if p.CountKind != "" {
				w.kv(2, "count_kind", p.CountKind)
			}
			if p.CountQuote != "" {
				w.kv(2, "count_quote", q(p.CountQuote))
			}
		}
		if p.OnlySome != "" {
			w.line(2, "only_some:", "期間内の一部の人だけか確認（不要なら削除）")
			w.kv(3, "who", q("TODO"), "誰が決める・どう知らされるか")
			w.kv(3, "criteria", q("TODO"), "どういう人が対象か")
			w.kv(3, "quote", q(p.OnlySome))
		}
		if len(p.Breakdown) > 0 {
			w.line(2, "breakdown:")
			for _, b := range p.Breakdown {
				w.kv(3, "- exposed", plainList(b.Exposed))
				w.kv(4, "count", fmt.Sprint(b.Count))
				w.kv(4, "quote", q(b.Quote))
			}
		}
		w.kv(2, "quote", q(p.Quote), p.Doubt...)
	}
}

func writeWindow(w *yamlWriter, p Population) {
	win := p.Window
	if win == nil {
		w.comment(2, "TODO: window — 期間の記載が見つからない（"+p.absent+"）")
		return
	}
	w.line(2, "window:", "この期間がこの群の活動の期間か確認")
	if f := win.FromPoint(); f != "" {
		w.kv(3, "from", q(f))
	}
	if to := win.ToPoint(); to != "" {
		if win.Until {
			w.kv(3, "until", q(to))
		} else {
			w.kv(3, "through", q(to))
		}
	}
	if a := win.Approx(); len(a) > 0 {
		w.kv(3, "approx", plainList(a))
	}
	w.kv(3, "quote", q(p.WindowQuote))
	if p.WindowWhy != "" {
		w.kv(3, "inferred", q(p.WindowWhy))
	}
}

func (d *Draft) writeContacts(w *yamlWriter) {
	if len(d.Contacts) == 0 {
		if d.Excerpt {
			w.comment(0, "No desk in this excerpt: one may be past the cut; the page links the source instead.")
		}
		w.kv(0, "contacts", "[]")
		return
	}
	w.line(0, "contacts:")
	for i, c := range d.Contacts {
		w.kv(1, "- id", q(fmt.Sprintf("%s-%s-%d", d.ID, c.Kind, i+1)))
		if c.Kind == "phone" {
			w.line(2, "kind: phone  # "+classNames[c.Class])
		} else {
			w.kv(2, "kind", c.Kind)
		}
		w.kv(2, "value", q(c.Value))
		w.kv(2, "label", q(c.Label), c.Doubt...)
		if len(c.Audience) > 0 {
			w.kv(2, "audience", plainList(c.Audience))
		} else {
			why := "どの活動の人向けか（service.activity）"
			if c.AudienceNote != "" {
				why += ": 本文に「" + c.AudienceNote + "」"
			}
			w.kv(2, "audience", list([]string{"TODO"}), why)
		}
		if h := c.Hours; h != nil {
			w.line(2, "hours:")
			if h.Days == "" {
				w.kv(3, "days", q("TODO"), "曜日の記載が読めない")
			} else {
				w.kv(3, "days", h.Days)
			}
			w.kv(3, "open", q(h.Open))
			w.kv(3, "close", q(h.Close))
			if h.Notes != "" {
				w.kv(3, "notes", q(h.Notes))
			}
			w.kv(3, "quote", q(h.Quote))
		} else if c.Kind == "phone" {
			w.comment(2, "TODO: hours — 受付時間の記載が近くにない")
		}
		if c.ValidFrom != "" {
			if c.ValidFromWhy != "" {
				w.kv(2, "valid_from", q(c.ValidFrom), "設置日の読みを確認")
				w.kv(2, "valid_from_inferred", q(c.ValidFromWhy))
			} else {
				w.kv(2, "valid_from", q(c.ValidFrom))
			}
		}
		if c.ValidUntil != "" {
			w.kv(2, "valid_until", q(c.ValidUntil))
		}
		if c.ValidThrough != "" {
			w.kv(2, "valid_through", q(c.ValidThrough))
		}
		w.kv(2, "quote", q(c.Quote))
	}
}

func (d *Draft) writeNotes(w *yamlWriter) {
	if len(d.Notes) == 0 {
		w.kv(0, "notes", "[]")
		return
	}
	w.line(0, "notes:")
	for _, n := range d.Notes {
		w.kv(1, "- id", q(n.ID))
		w.kv(2, "text", q("TODO"), n.Why)
		w.kv(2, "quote", q(n.Quote))
	}
}

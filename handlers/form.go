package handlers

import (
	"net/url"
	"slices"
	"strings"
	"time"

	"golang.org/x/text/unicode/norm"

	"exposurecheck/store"
)

// whenForm is step 2 of the questionnaire, decoded: the uses it makes, or
// the Japanese error of each field that is wrong.
type whenForm struct {
	Uses          []store.Use
	FieldErrors   map[string]string // by service.activity
	ServiceErrors map[string]string // by service id
}

func (f whenForm) ok() bool { return len(f.FieldErrors) == 0 && len(f.ServiceErrors) == 0 }

// decodeWhenForm reads the answers for the chosen services. Field names:
// act=<service>.<activity> for each ticked activity, and per activity
// mode.<key> (day, month, range, unknown), day.<key>, month.<key>,
// from.<key>, to.<key>. A service stated as not affected is asked nothing
// and gives its one use without dates. The form should have gone through
// settleWhenForm first.
func decodeWhenForm(form url.Values, services []store.Service, known store.Known, now time.Time) whenForm {
	out := whenForm{FieldErrors: map[string]string{}, ServiceErrors: map[string]string{}}
	ticked := map[string]bool{}
	for _, a := range form["act"] {
		ticked[a] = true
	}
	for _, svc := range services {
		if svc.Unaffected != nil && len(svc.Activities) > 0 {
			out.Uses = append(out.Uses, unaffectedUse(svc))
			continue
		}
		chosen := 0
		for _, act := range svc.Activities {
			key := svc.ID + "." + act.ID
			if !ticked[key] {
				continue
			}
			chosen++
			text, msg := whenText(form, key)
			if msg != "" {
				out.FieldErrors[key] = msg
				continue
			}
			raw := key
			if text != "" {
				raw += "@" + text
			}
			u, err := store.ParseUse(raw, known, now)
			if err != nil {
				out.FieldErrors[key] = err.Message
				continue
			}
			out.Uses = append(out.Uses, u)
		}
		if chosen == 0 {
			out.ServiceErrors[svc.ID] = "「" + svc.Name + "」で当てはまるものを1つ以上選んでください。"
		}
	}
	if len(out.Uses) > store.MaxUses {
		out.ServiceErrors[""] = "一度に確認できるのは20件までです。"
	}
	return out
}

// unaffectedUse is the one use asked of a service stated as not affected:
// its first activity, without dates (the statement does not depend on them).
func unaffectedUse(svc store.Service) store.Use {
	return store.Use{Service: svc.ID, Activity: svc.Activities[0].ID}
}

// settleWhenForm makes what the person typed count where the radio buttons
// and checkboxes did not say so, which happens without JavaScript (all date
// fields are shown, and nothing ticks the boxes for them):
//   - a date typed under an activity ticks the activity;
//   - with the way of answering left on 「覚えていない」 (the default), the
//     one way that has a date typed is used. Dates typed under several ways
//     stay as they are: whenText then asks which one is meant.
//
// With JavaScript, the fields of the ways not chosen are not sent, so a
// chosen 「覚えていない」 stays unknown. It returns a settled copy.
func settleWhenForm(form url.Values, services []store.Service) url.Values {
	out := make(url.Values, len(form))
	for k, v := range form {
		out[k] = append([]string(nil), v...)
	}
	for _, svc := range services {
		if svc.Unaffected != nil {
			continue
		}
		for _, act := range svc.Activities {
			key := svc.ID + "." + act.ID
			typed := typedModes(out, key)
			if len(typed) == 0 {
				continue
			}
			if !slices.Contains(out["act"], key) {
				out["act"] = append(out["act"], key)
			}
			if m := out.Get("mode." + key); (m == "" || m == "unknown") && len(typed) == 1 {
				out.Set("mode."+key, typed[0])
			}
		}
	}
	return out
}

// typedModes lists the ways of answering (day, month, range) that have a
// date typed for key.
func typedModes(form url.Values, key string) []string {
	var modes []string
	filled := func(f string) bool { return strings.TrimSpace(form.Get(f+"."+key)) != "" }
	if filled("day") {
		modes = append(modes, "day")
	}
	if filled("month") {
		modes = append(modes, "month")
	}
	if filled("from") || filled("to") {
		modes = append(modes, "range")
	}
	return modes
}

// whenText turns one activity's fields into the use grammar's when, or a
// Japanese message about the field.
func whenText(form url.Values, key string) (string, string) {
	switch form.Get("mode." + key) {
	case "", "unknown":
		if len(typedModes(form, key)) > 1 {
			if form.Get("mode."+key) == "unknown" {
				return "", "「覚えていない」のまま、日付・年月・期間の複数に入力があります。使う答え方（「日付で答える」など）を選んでください。"
			}
			return "", "日付・年月・期間の複数に入力があります。使う答え方（「日付で答える」など）を選んでください。"
		}
		return "", ""
	case "day":
		d := normaliseDate(form.Get("day." + key))
		if d == "" {
			return "", "日付を入力してください。覚えていない場合は「覚えていない」を選んでください。"
		}
		if !isDay(d) {
			return "", "日付は 2018-10-20 の形で入力してください。"
		}
		return d, ""
	case "month":
		m := normaliseDate(form.Get("month." + key))
		if m == "" {
			return "", "年月を入力してください（例: 2018-10）。"
		}
		if strings.Count(m, "-") != 1 {
			return "", "年月は 2018-10 の形で入力してください。"
		}
		return m, ""
	case "range":
		from, to := normaliseDate(form.Get("from."+key)), normaliseDate(form.Get("to."+key))
		if from == "" && to == "" {
			return "", "期間の始まりか終わりの少なくとも一方を入力してください。"
		}
		if (from != "" && !isDay(from)) || (to != "" && !isDay(to)) {
			return "", "日付は 2018-10-20 の形で入力してください。"
		}
		if from != "" && from == to {
			return from, ""
		}
		return from + ".." + to, ""
	default:
		return "", "答え方を選んでください。"
	}
}

// normaliseDate accepts what people type where a browser shows a plain text
// box instead of a date picker: full-width digits, 2018/10/20, 2018年10月20日,
// and single-digit months and days.
func normaliseDate(s string) string {
	s = strings.TrimSpace(norm.NFKC.String(s))
	if s == "" {
		return ""
	}
	s = strings.NewReplacer("/", "-", ".", "-", "年", "-", "月", "-", "日", "").Replace(s)
	s = strings.TrimSuffix(s, "-")
	parts := strings.Split(s, "-")
	for i := 1; i < len(parts); i++ {
		if len(parts[i]) == 1 {
			parts[i] = "0" + parts[i]
		}
	}
	return strings.Join(parts, "-")
}

func isDay(s string) bool { return strings.Count(s, "-") == 2 && !strings.Contains(s, "T") }

// answersOf keeps the step-2 fields so the form shows them again on back.
func answersOf(form url.Values) map[string][]string {
	keep := map[string][]string{}
	for k, v := range form {
		if k == "act" || strings.HasPrefix(k, "mode.") || strings.HasPrefix(k, "day.") || strings.HasPrefix(k, "month.") ||
			strings.HasPrefix(k, "from.") || strings.HasPrefix(k, "to.") {
			keep[k] = v
		}
	}
	return keep
}

// answersFromUses refills step 2 from a result's uses (editing a bookmarked
// result). A use with several whens shows its first.
func answersFromUses(uses []store.Use) map[string][]string {
	a := map[string][]string{}
	for _, u := range uses {
		k := u.Key()
		a["act"] = append(a["act"], k)
		if len(u.Whens) == 0 {
			a["mode."+k] = []string{"unknown"}
			continue
		}
		w := u.Whens[0]
		switch {
		case w.From != nil && w.To != nil && *w.From == *w.To && w.From.Unit == store.DayUnit:
			a["mode."+k], a["day."+k] = []string{"day"}, []string{w.From.String()}
		case w.From != nil && w.To != nil && *w.From == *w.To && w.From.Unit == store.Month:
			a["mode."+k], a["month."+k] = []string{"month"}, []string{w.From.String()}
		default:
			a["mode."+k] = []string{"range"}
			if w.From != nil {
				a["from."+k] = []string{w.From.Start.Format("2006-01-02")}
			}
			if w.To != nil {
				a["to."+k] = []string{w.To.End().Add(-time.Nanosecond).Format("2006-01-02")}
			}
		}
	}
	return a
}

// permalink is the canonical result URL of uses. It leaves the grammar's
// punctuation readable (@ , : ..) since those are valid in a query.
func permalink(uses []store.Use) string {
	var b strings.Builder
	b.Grow(8 + 48*len(uses))
	b.WriteString("/result")
	var scratch [128]byte
	for i, u := range uses {
		if i == 0 {
			b.WriteString("?use=")
		} else {
			b.WriteString("&use=")
		}
		writeUse(&b, u.Append(scratch[:0]))
	}
	return b.String()
}

// writeUse writes s as url.QueryEscape would, but leaves the grammar's
// punctuation (@ , :) readable, valid as it is in a query. Written out, not
// QueryEscape and a Replacer after it: a permalink is built for every
// result page, and the two strings in between were a fortieth of it.
func writeUse(b *strings.Builder, s []byte) {
	const hex = "0123456789ABCDEF"
	for i := 0; i < len(s); i++ {
		switch c := s[i]; {
		case 'a' <= c && c <= 'z', 'A' <= c && c <= 'Z', '0' <= c && c <= '9',
			c == '-', c == '_', c == '.', c == '~', c == '@', c == ',', c == ':':
			b.WriteByte(c)
		case c == ' ':
			b.WriteByte('+')
		default:
			b.WriteByte('%')
			b.WriteByte(hex[c>>4])
			b.WriteByte(hex[c&15])
		}
	}
}

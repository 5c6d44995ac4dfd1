package handlers

import (
	"fmt"
	"slices"
	"strings"
	"sync"
	"time"

	"github.com/nyaruka/phonenumbers"

	"exposurecheck/store"
	"exposurecheck/views"
)

// contactView words a desk and its state at now; with a nil serviceName it
// leaves out whom the desk is for (the result page's headings say it).
func contactView(c store.Contact, now time.Time, serviceName func(string) string) views.ContactView {
	st := store.StatusAt(c, now)
	cv := views.ContactView{Kind: c.Kind, Label: c.Label, Value: c.Value, ValidFrom: c.ValidFrom, ValidTo: c.ValidTo,
		State: string(st.State), Next: st.Next, Holiday: st.Holiday, EndStated: st.EndStated, Notes: c.Notes}
	if serviceName != nil {
		cv.Audience = audienceText(c, serviceName)
	}
	switch c.Kind {
	case "phone":
		cv.Href, cv.TollFree = telHref(c.Value)
	case "email":
		cv.Href = "mailto:" + c.Value
	default:
		cv.Href = c.Value
	}
	if c.Hours != nil {
		cv.Hours, cv.HoursNote = hoursOf(c.Hours)
	}
	markStale(&cv, c.ValidFrom, now)
	return cv
}

// staleAfter is how long a desk with no stated end is taken at its word.
const staleAfter = 365 * 24 * time.Hour

// markStale records when a desk was announced and whether it is too old for
// its hours to mean anything today: no end stated and announced more than a
// year ago, or at an unknown time.
func markStale(cv *views.ContactView, announced *time.Time, now time.Time) {
	if announced != nil {
		cv.Announced = announced
	}
	if cv.EndStated || cv.State == string(store.DeskEnded) {
		cv.Stale, cv.StaleYears = false, 0
		return
	}
	if cv.Announced == nil {
		cv.Stale = true
		return
	}
	if now.Sub(*cv.Announced) <= staleAfter {
		cv.Stale, cv.StaleYears = false, 0
		return
	}
	cv.Stale, cv.StaleYears = true, wholeYears(*cv.Announced, now)
}

// wholeYears counts the full years from a to b.
func wholeYears(a, b time.Time) int {
	a, b = a.In(store.Tokyo), b.In(store.Tokyo)
	y := b.Year() - a.Year()
	if b.YearDay() < a.YearDay() {
		y--
	}
	return max(y, 1)
}

// telHref is an RFC 3966 tel: URI with digits only (tel:+81-120-790-230),
// whatever dashes the notice printed; toll-free numbers are marked.
func telHref(printed string) (string, bool) {
	if v, ok := telLinks.Load(printed); ok {
		t := v.(telLink)
		return t.href, t.tollFree
	}
	t := telLink{href: "tel:" + store.PhoneDigits(printed)}
	if num, err := phonenumbers.Parse(printed, "JP"); err == nil {
		t = telLink{phonenumbers.Format(num, phonenumbers.RFC3966), phonenumbers.GetNumberType(num) == phonenumbers.TOLL_FREE}
	}
	telLinks.Store(printed, t)
	return t.href, t.tollFree
}

// telLinks caches each printed number's link: numbers are data, and parsing
// them was an eighth of a result page's time.
var telLinks sync.Map // printed → telLink

type telLink struct {
	href     string
	tollFree bool
}

// hoursText words a desk's hours once, with the notice's own words for the
// days when it gives them (「毎日 9:30〜18:30（土・日・祝祭日を含む）」), and
// returns the rest of the note (「一部のIP電話からは…」) apart.
func hoursText(h store.Hours) (hours, note string) {
	days, qualifier := "毎日", "土日祝日を含む"
	if h.Days == store.Weekdays {
		days, qualifier = "平日", "土日祝日を除く"
	}
	first, rest, _ := strings.Cut(h.Notes, "。")
	switch {
	case first == "平日のみ" && h.Days == store.Weekdays:
		days, qualifier = "平日のみ", ""
	case strings.ContainsAny(first, "土祝"):
		qualifier = first
	default:
		rest = h.Notes
	}
	hours = days + " " + clockText(h.Open) + "〜" + clockText(h.Close)
	if qualifier != "" {
		hours += "（" + qualifier + "）"
	}
	return hours, strings.TrimSpace(rest)
}

// hoursOf is hoursText once per desk: the hours are data, shared and
// read-only, so their pointer names them.
func hoursOf(h *store.Hours) (hours, note string) {
	if v, ok := hoursTexts.Load(h); ok {
		t := v.([2]string)
		return t[0], t[1]
	}
	hours, note = hoursText(*h)
	hoursTexts.Store(h, [2]string{hours, note})
	return hours, note
}

var hoursTexts sync.Map // *store.Hours → [2]string{hours, note}

func clockText(c store.Clock) string { return fmt.Sprintf("%d:%02d", int(c)/60, int(c)%60) }

// audienceText says who a desk is for, by service name.
func audienceText(c store.Contact, serviceName func(id string) string) string {
	if c.ForPress() {
		return "報道関係者のみ"
	}
	var names []string
	for _, a := range c.Audience {
		id, _, _ := strings.Cut(a, ".")
		if n := serviceName(id); !slices.Contains(names, n) {
			names = append(names, n)
		}
	}
	return strings.Join(names, "・") + "の利用者"
}

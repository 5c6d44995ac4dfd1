package handlers

import (
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/nyaruka/phonenumbers"

	"exposurecheck/store"
	"exposurecheck/views"
)

// contactView words a desk and its state at now.
func contactView(c store.Contact, now time.Time, serviceName func(string) string) views.ContactView {
	st := store.StatusAt(c, now)
	cv := views.ContactView{Kind: c.Kind, Label: c.Label, Value: c.Value, ValidFrom: c.ValidFrom, ValidTo: c.ValidTo,
		State: string(st.State), Next: st.Next, Holiday: st.Holiday, EndStated: st.EndStated, Notes: c.Notes,
		Audience: audienceText(c, serviceName)}
	switch c.Kind {
	case "phone":
		cv.Href, cv.TollFree = telHref(c.Value)
	case "email":
		cv.Href = "mailto:" + c.Value
	default:
		cv.Href = c.Value
	}
	if c.Hours != nil {
		cv.Hours = hoursText(*c.Hours)
		cv.HoursNote = c.Hours.Notes
	}
	return cv
}

// telHref is an RFC 3966 tel: URI with digits only (tel:+81-120-790-230),
// whatever dashes the notice printed; toll-free numbers are marked.
func telHref(printed string) (string, bool) {
	num, err := phonenumbers.Parse(printed, "JP")
	if err != nil {
		return "tel:" + store.PhoneDigits(printed), false
	}
	return phonenumbers.Format(num, phonenumbers.RFC3966), phonenumbers.GetNumberType(num) == phonenumbers.TOLL_FREE
}

func hoursText(h store.Hours) string {
	days := "毎日（土日祝日を含む）"
	if h.Days == store.Weekdays {
		days = "平日（土日祝日を除く）"
	}
	return days + " " + clockText(h.Open) + "〜" + clockText(h.Close)
}

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

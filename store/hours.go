package store

import (
	"sync"
	"time"

	"github.com/rickar/cal/v2"
	"github.com/rickar/cal/v2/jp"
)

// DeskState is whether a desk answers at a given instant.
type DeskState string

const (
	DeskEnded   DeskState = "ended"      // valid_to has passed
	DeskOpen    DeskState = "open"       // inside its hours now
	DeskClosed  DeskState = "closed_now" // outside its hours (or not yet set up)
	DeskUnknown DeskState = "unknown"    // the notice states no hours
)

// DeskStatus is a desk's state at an instant, with what a caller needs to act.
type DeskStatus struct {
	State DeskState
	// Next is when the desk next opens, for DeskClosed.
	Next *time.Time
	// EndStated says whether the notice gave an end date; without one nobody
	// can say whether the desk still runs today.
	EndStated bool
	// Holiday names the public holiday that closes a weekday desk today.
	Holiday string
}

// japan knows Japanese public holidays, substitute holidays and the
// one-off moves of 2019-2021.
var japan = func() *cal.BusinessCalendar {
	c := cal.NewBusinessCalendar()
	c.AddHoliday(jp.Holidays...)
	return c
}()

// japanMu serialises calls into japan: the library works out the equinox
// holidays by writing the year's day into the holiday it shares between
// calls, so two requests asking about different years at once could each
// get the other's day (TestHolidayConcurrently).
var japanMu sync.Mutex

// holidayFixes corrects the dataset where it is wrong: it keeps 天皇誕生日 on
// 2019-12-23 (there was none in 2019) and misses the Olympic moves of 山の日.
// An empty name means "not a holiday".
var holidayFixes = map[Day]string{
	{2019, time.December, 23}: "",
	{2020, time.August, 10}:   "山の日",
	{2020, time.August, 11}:   "",
	{2021, time.August, 9}:    "振替休日",
	{2021, time.August, 11}:   "",
}

// holidayNames are the Japanese names of the dataset's (English) holidays.
var holidayNames = map[string]string{
	"New Year's Day":                        "元日",
	"Coming of Age Day":                     "成人の日",
	"National Foundation Day":               "建国記念の日",
	"The Emperor's Birthday":                "天皇誕生日",
	"Vernal Equinox Day":                    "春分の日",
	"Showa Day":                             "昭和の日",
	"Constitution Memorial Day":             "憲法記念日",
	"Greenery Day":                          "みどりの日",
	"Children's Day":                        "こどもの日",
	"Marine Day":                            "海の日",
	"Mountain Day":                          "山の日",
	"Respect for the Aged Day":              "敬老の日",
	"Autumnal Equinox Day":                  "秋分の日",
	"Sports Day":                            "スポーツの日",
	"Culture Day":                           "文化の日",
	"Labor Thanksgiving Day":                "勤労感謝の日",
	"New Emperor Enthronement Day":          "即位の日",
	"The New Emperor Enthronement Ceremony": "即位礼正殿の儀",
}

// Holiday returns the Japanese name of the public holiday on the Tokyo day
// of t, if any (substitute holidays are 振替休日).
func Holiday(t time.Time) (string, bool) {
	t = t.In(Tokyo)
	if name, fixed := holidayFixes[DayOf(t)]; fixed {
		return name, name != ""
	}
	japanMu.Lock()
	actual, observed, h := japan.IsHoliday(time.Date(t.Year(), t.Month(), t.Day(), 12, 0, 0, 0, Tokyo))
	hname := ""
	if h != nil {
		hname = h.Name // read under the lock: h is shared
	}
	japanMu.Unlock()
	if (!actual && !observed) || h == nil {
		return "", false
	}
	if !actual {
		return "振替休日", true
	}
	if hname == "Sports Day" && t.Year() < 2020 {
		return "体育の日", true
	}
	if name, ok := holidayNames[hname]; ok {
		return name, true
	}
	return "国民の休日", true
}

// opensOn reports whether a desk with these hours opens at all on the day of t.
func (h Hours) opensOn(t time.Time) bool {
	if h.Days == EveryDay {
		return true
	}
	switch t.In(Tokyo).Weekday() {
	case time.Saturday, time.Sunday:
		return false
	}
	_, holiday := Holiday(t)
	return !holiday
}

// StatusAt says whether the desk answers at now, in Asia/Tokyo and aware of
// public holidays.
func StatusAt(c Contact, now time.Time) DeskStatus {
	now = now.In(Tokyo)
	st := DeskStatus{EndStated: c.ValidTo != nil}
	if c.ValidTo != nil && !now.Before(*c.ValidTo) {
		st.State = DeskEnded
		return st
	}
	if c.Hours == nil {
		if c.ValidFrom != nil && now.Before(*c.ValidFrom) {
			st.State, st.Next = DeskClosed, c.ValidFrom
			return st
		}
		st.State = DeskUnknown
		return st
	}
	h := *c.Hours
	from := now
	if c.ValidFrom != nil && now.Before(*c.ValidFrom) {
		from = *c.ValidFrom
	}
	day := time.Date(now.Year(), now.Month(), now.Day(), 0, 0, 0, 0, Tokyo)
	minute := Clock(now.Hour()*60 + now.Minute())
	if !now.Before(from) && h.opensOn(now) && minute >= h.Open && minute < h.Close {
		st.State = DeskOpen
		return st
	}
	st.State = DeskClosed
	if h.Days == Weekdays {
		if name, ok := Holiday(now); ok && now.Weekday() != time.Saturday && now.Weekday() != time.Sunday {
			st.Holiday = name
		}
	}
	// The next opening within a month (long holidays never exceed a week).
	for i := 0; i < 31; i++ {
		d := day.AddDate(0, 0, i)
		if !h.opensOn(d) {
			continue
		}
		open := d.Add(time.Duration(h.Open) * time.Minute)
		closeAt := d.Add(time.Duration(h.Close) * time.Minute)
		if open.Before(from) {
			open = from
		}
		if !open.Before(closeAt) || !open.After(now) {
			continue
		}
		if c.ValidTo != nil && !open.Before(*c.ValidTo) {
			break
		}
		st.Next = &open
		break
	}
	return st
}

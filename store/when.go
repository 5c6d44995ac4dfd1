package store

import (
	"fmt"
	"strconv"
	"strings"
	"time"
)

// Unit is the precision of a point in time as written: a year, a month, a day or a minute.
type Unit int

const (
	Year Unit = iota + 1
	Month
	DayUnit
	Minute
)

// Point is a written instant of Asia/Tokyo time that covers its whole unit:
// "2018" is all of 2018, "2018-10-17T22:05" is that one minute.
type Point struct {
	Start time.Time
	Unit  Unit
}

// End is the exclusive end of the point's unit.
func (p Point) End() time.Time {
	switch p.Unit {
	case Year:
		return p.Start.AddDate(1, 0, 0)
	case Month:
		return p.Start.AddDate(0, 1, 0)
	case DayUnit:
		return p.Start.AddDate(0, 0, 1)
	default:
		return p.Start.Add(time.Minute)
	}
}

// String prints the point in the form it was written.
func (p Point) String() string {
	var b [16]byte
	return string(p.append(b[:0]))
}

// append writes the point as String does, as time.Format would with
// 2006, 2006-01, 2006-01-02 or 2006-01-02T15:04: every permalink and
// refinement link prints the answers.
func (p Point) append(b []byte) []byte {
	y, m, d := p.Start.Date()
	b = appendDigits(b, y, 4)
	if p.Unit == Year {
		return b
	}
	b = appendDigits(append(b, '-'), int(m), 2)
	if p.Unit == Month {
		return b
	}
	b = appendDigits(append(b, '-'), d, 2)
	if p.Unit == DayUnit {
		return b
	}
	hh, mm, _ := p.Start.Clock()
	b = appendDigits(append(b, 'T'), hh, 2)
	return appendDigits(append(b, ':'), mm, 2)
}

// appendDigits writes n, zero-padded to width digits.
func appendDigits(b []byte, n, width int) []byte {
	var d [8]byte
	i := len(d)
	for n > 0 || i > len(d)-width {
		i--
		d[i] = byte('0' + n%10)
		n /= 10
	}
	return append(b, d[i:]...)
}

// PointError says why a written point is not a real instant.
type PointError struct {
	Text   string
	Reason string // Japanese, for people
}

func (e *PointError) Error() string { return fmt.Sprintf("%q: %s", e.Text, e.Reason) }

// ParsePoint reads YYYY, YYYY-MM, YYYY-MM-DD or YYYY-MM-DDTHH:MM as Asia/Tokyo time.
// It rejects dates that do not exist (2018-02-30) instead of normalising them.
func ParsePoint(s string) (Point, error) {
	bad := func(reason string) (Point, error) { return Point{}, &PointError{Text: s, Reason: reason} }
	date, clock, hasClock := strings.Cut(s, "T")
	// Up to three parts, read into arrays: a result page parses a point
	// per answer.
	var nums [3]int
	widths := [3]int{4, 2, 2}
	count := 0
	for rest, more := date, true; more; count++ {
		var part string
		part, rest, more = strings.Cut(rest, "-")
		if count == len(nums) {
			count++ // too many parts
			break
		}
		n, ok := digits(part, widths[count])
		if !ok {
			return bad("日付の形式が正しくありません（例: 2018、2018-10、2018-10-17、2018-10-17T22:05）")
		}
		nums[count] = n
	}
	if count > 3 || (hasClock && count != 3) {
		return bad("日付の形式が正しくありません（例: 2018、2018-10、2018-10-17、2018-10-17T22:05）")
	}
	year, month, day := nums[0], 1, 1
	unit := Year
	if count > 1 {
		month, unit = nums[1], Month
		if month < 1 || month > 12 {
			return bad(fmt.Sprintf("%d月という月はありません", month))
		}
	}
	if count > 2 {
		day, unit = nums[2], DayUnit
		if day < 1 || day > daysIn(year, time.Month(month)) {
			return bad(fmt.Sprintf("%d年%d月%d日という日はありません", year, month, day))
		}
	}
	hour, minute := 0, 0
	if hasClock {
		hh, mm, ok := strings.Cut(clock, ":")
		h, ok1 := digits(hh, 2)
		m, ok2 := digits(mm, 2)
		if !ok || !ok1 || !ok2 {
			return bad("時刻の形式が正しくありません（例: 2018-10-17T22:05）")
		}
		if h > 23 || m > 59 {
			return bad(fmt.Sprintf("%d時%d分という時刻はありません", h, m))
		}
		hour, minute, unit = h, m, Minute
	}
	return Point{Start: time.Date(year, time.Month(month), day, hour, minute, 0, 0, Tokyo), Unit: unit}, nil
}

func digits(s string, width int) (int, bool) {
	if len(s) != width {
		return 0, false
	}
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return 0, false
		}
	}
	n, err := strconv.Atoi(s)
	return n, err == nil
}

func daysIn(year int, month time.Month) int {
	return time.Date(year, month+1, 0, 0, 0, 0, 0, time.UTC).Day()
}

// When is one answer to "when did you do it": a point, a range with either end
// open, or "unknown".
type When struct {
	Unknown bool
	From    *Point // nil: since ever
	To      *Point // nil: until now
}

// String prints the canonical form of the when.
func (w When) String() string {
	if w.Unknown {
		return "unknown"
	}
	var b [40]byte
	return string(w.append(b[:0]))
}

// append writes String's form to b.
func (w When) append(b []byte) []byte {
	if w.Unknown {
		return append(b, "unknown"...)
	}
	if w.From != nil && w.To != nil && *w.From == *w.To {
		return w.From.append(b)
	}
	if w.From != nil {
		b = w.From.append(b)
	}
	b = append(b, ".."...)
	if w.To != nil {
		b = w.To.append(b)
	}
	return b
}

// Span is a half-open stretch of time [From, To).
type Span struct {
	From, To time.Time
}

// Span turns a known when into the time it covers; an open start is the
// beginning of time and an open end is now.
func (w When) Span(now time.Time) (Span, bool) {
	if w.Unknown {
		return Span{}, false
	}
	var s Span
	if w.From != nil {
		s.From = w.From.Start
	}
	if w.To != nil {
		s.To = w.To.End()
	} else {
		s.To = now
	}
	return s, true
}

// Window is an incident's affected period: From inclusive, To exclusive, either
// open (nil).
type Window struct {
	From *time.Time `json:"from"`
	To   *time.Time `json:"to"`
	// FromUnit and ToUnit are the precision the notice gave each edge in
	// (2018-01-07 is a day, 22:05 a minute); zero for an open edge.
	FromUnit Unit `json:"from_unit,omitempty"`
	ToUnit   Unit `json:"to_unit,omitempty"`
	// FromApprox and ToApprox mark edges the notice gives as approximate (頃).
	FromApprox bool   `json:"from_approx"`
	ToApprox   bool   `json:"to_approx"`
	Inferred   string `json:"inferred,omitempty"`
	Quote      string `json:"quote,omitempty"`
}

// Contains reports whether the instant t lies in the window.
func (w Window) Contains(t time.Time) bool {
	return (w.From == nil || !t.Before(*w.From)) && (w.To == nil || t.Before(*w.To))
}

// Day is a calendar date in Asia/Tokyo, written YYYY-MM-DD.
type Day struct {
	Year  int
	Month time.Month
	Day   int
}

// Time is midnight at the start of the day in Tokyo.
func (d Day) Time() time.Time { return time.Date(d.Year, d.Month, d.Day, 0, 0, 0, 0, Tokyo) }

func (d Day) String() string { return fmt.Sprintf("%04d-%02d-%02d", d.Year, int(d.Month), d.Day) }

// MarshalText writes the day as YYYY-MM-DD.
func (d Day) MarshalText() ([]byte, error) { return []byte(d.String()), nil }

// ParseDay reads YYYY-MM-DD.
func ParseDay(s string) (Day, error) {
	p, err := ParsePoint(s)
	if err != nil {
		return Day{}, err
	}
	if p.Unit != DayUnit {
		return Day{}, &PointError{Text: s, Reason: "日付は YYYY-MM-DD で書いてください"}
	}
	return DayOf(p.Start), nil
}

// DayOf is the Tokyo calendar day of an instant.
func DayOf(t time.Time) Day {
	t = t.In(Tokyo)
	return Day{t.Year(), t.Month(), t.Day()}
}

// DaysBetween counts calendar days from a to b.
func DaysBetween(a, b Day) int {
	return int(time.Date(b.Year, b.Month, b.Day, 0, 0, 0, 0, time.UTC).Sub(time.Date(a.Year, a.Month, a.Day, 0, 0, 0, 0, time.UTC)).Hours() / 24)
}

// UnmarshalText reads YYYY-MM-DD.
func (d *Day) UnmarshalText(b []byte) error {
	v, err := ParseDay(string(b))
	if err != nil {
		return err
	}
	*d = v
	return nil
}

var unitNames = map[Unit]string{Year: "year", Month: "month", DayUnit: "day", Minute: "minute"}

// MarshalText names the unit ("day"), for the API.
func (u Unit) MarshalText() ([]byte, error) {
	if n, ok := unitNames[u]; ok {
		return []byte(n), nil
	}
	return []byte(""), nil
}

// UnmarshalText reads a unit's name.
func (u *Unit) UnmarshalText(b []byte) error {
	for k, n := range unitNames {
		if n == string(b) {
			*u = k
			return nil
		}
	}
	if len(b) == 0 {
		*u = 0
		return nil
	}
	return fmt.Errorf("unknown unit %q", b)
}

package store_test

import (
	"errors"
	"testing"
	"time"

	"exposurecheck/store"
)

func TestTokyoIsNineHoursAhead(t *testing.T) {
	for _, ts := range []time.Time{
		time.Date(2005, 12, 10, 0, 0, 0, 0, store.Tokyo),
		time.Date(2018, 7, 1, 12, 0, 0, 0, store.Tokyo), // summer: Japan has no DST
		time.Date(2026, 11, 21, 12, 0, 0, 0, store.Tokyo),
	} {
		if _, off := ts.Zone(); off != 9*60*60 {
			t.Errorf("%v: offset %d s, want +09:00", ts, off)
		}
	}
}

func TestParsePoint(t *testing.T) {
	tests := []struct {
		in         string
		unit       store.Unit
		start, end string // RFC 3339
	}{
		{"2018", store.Year, "2018-01-01T00:00:00+09:00", "2019-01-01T00:00:00+09:00"},
		{"1990", store.Year, "1990-01-01T00:00:00+09:00", "1991-01-01T00:00:00+09:00"},
		{"2018-10", store.Month, "2018-10-01T00:00:00+09:00", "2018-11-01T00:00:00+09:00"},
		{"2018-01", store.Month, "2018-01-01T00:00:00+09:00", "2018-02-01T00:00:00+09:00"},
		{"2018-02", store.Month, "2018-02-01T00:00:00+09:00", "2018-03-01T00:00:00+09:00"},
		{"2018-12", store.Month, "2018-12-01T00:00:00+09:00", "2019-01-01T00:00:00+09:00"},
		{"2018-10-17", store.DayUnit, "2018-10-17T00:00:00+09:00", "2018-10-18T00:00:00+09:00"},
		{"2018-01-31", store.DayUnit, "2018-01-31T00:00:00+09:00", "2018-02-01T00:00:00+09:00"},
		{"2018-02-28", store.DayUnit, "2018-02-28T00:00:00+09:00", "2018-03-01T00:00:00+09:00"},
		{"2016-02-28", store.DayUnit, "2016-02-28T00:00:00+09:00", "2016-02-29T00:00:00+09:00"},
		{"2016-02-29", store.DayUnit, "2016-02-29T00:00:00+09:00", "2016-03-01T00:00:00+09:00"},
		{"2000-02-29", store.DayUnit, "2000-02-29T00:00:00+09:00", "2000-03-01T00:00:00+09:00"},
		{"2018-12-31", store.DayUnit, "2018-12-31T00:00:00+09:00", "2019-01-01T00:00:00+09:00"},
		{"2018-10-17T22:05", store.Minute, "2018-10-17T22:05:00+09:00", "2018-10-17T22:06:00+09:00"},
		{"2018-11-12T21:50", store.Minute, "2018-11-12T21:50:00+09:00", "2018-11-12T21:51:00+09:00"},
		{"2018-10-17T00:00", store.Minute, "2018-10-17T00:00:00+09:00", "2018-10-17T00:01:00+09:00"},
		{"2018-10-17T23:59", store.Minute, "2018-10-17T23:59:00+09:00", "2018-10-18T00:00:00+09:00"},
		{"2018-12-31T23:59", store.Minute, "2018-12-31T23:59:00+09:00", "2019-01-01T00:00:00+09:00"},
		{"2018-02-28T23:59", store.Minute, "2018-02-28T23:59:00+09:00", "2018-03-01T00:00:00+09:00"},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			p, err := store.ParsePoint(tt.in)
			if err != nil {
				t.Fatalf("ParsePoint(%q): %v", tt.in, err)
			}
			if p.Unit != tt.unit {
				t.Errorf("unit %d, want %d", p.Unit, tt.unit)
			}
			if got := p.Start.Format(time.RFC3339); got != tt.start {
				t.Errorf("start %s, want %s", got, tt.start)
			}
			if got := p.End().Format(time.RFC3339); got != tt.end {
				t.Errorf("end %s, want %s", got, tt.end)
			}
			if !p.Start.Equal(at(t, tt.start)) || !p.End().Equal(at(t, tt.end)) {
				t.Errorf("instants [%v, %v) differ from [%s, %s)", p.Start, p.End(), tt.start, tt.end)
			}
			if got := p.String(); got != tt.in {
				t.Errorf("String() = %q, want %q", got, tt.in)
			}
		})
	}
}

func TestParsePointErrors(t *testing.T) {
	for _, in := range []string{
		"", "2018-", "-2018", "201", "20180", "18", "2018-1", "2018-1-5", "2018-01-5",
		"2018-13", "2018-00", "2018-02-30", "2018-02-29", "1900-02-29", "2018-04-31", "2018-01-32", "2018-01-00",
		"2018-10-17T24:00", "2018-10-17T25:00", "2018-10-17T22:60", "2018-10-17T2:05", "2018-10-17T22:5",
		"2018-10-17T22:05:00", "2018-10-17T", "2018-10-17T22", "2018-10T22:05", "2018T22:05",
		"2018-10-17-01", "2018/10/17", "２０１８", "+2018", "2018-10-17 22:05", "2018-10-17t22:05",
	} {
		t.Run(in, func(t *testing.T) {
			p, err := store.ParsePoint(in)
			if err == nil {
				t.Fatalf("ParsePoint(%q) = %v, want an error", in, p)
			}
			var pe *store.PointError
			if !errors.As(err, &pe) {
				t.Fatalf("ParsePoint(%q) error %T, want *store.PointError", in, err)
			}
			if pe.Text != in {
				t.Errorf("Text %q, want %q", pe.Text, in)
			}
			if !japanese.MatchString(pe.Reason) {
				t.Errorf("Reason %q is not Japanese", pe.Reason)
			}
		})
	}
}

func TestWhenSpan(t *testing.T) {
	p := func(s string) *store.Point {
		v, err := store.ParsePoint(s)
		if err != nil {
			t.Fatal(err)
		}
		return &v
	}
	tests := []struct {
		name     string
		w        store.When
		from, to string // "" from = since ever
		str      string
	}{
		{"point", store.When{From: p("2018-10-17"), To: p("2018-10-17")}, "2018-10-17T00:00:00+09:00", "2018-10-18T00:00:00+09:00", "2018-10-17"},
		{"range", store.When{From: p("2017-03"), To: p("2017-06")}, "2017-03-01T00:00:00+09:00", "2017-07-01T00:00:00+09:00", "2017-03..2017-06"},
		{"open end is now", store.When{From: p("2017")}, "2017-01-01T00:00:00+09:00", "2026-11-21T12:00:00+09:00", "2017.."},
		{"open start is since ever", store.When{To: p("2018-01-07")}, "", "2018-01-08T00:00:00+09:00", "..2018-01-07"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s, ok := tt.w.Span(now)
			if !ok {
				t.Fatal("no span")
			}
			if tt.from == "" {
				if !s.From.IsZero() {
					t.Errorf("from %v, want since ever (zero)", s.From)
				}
			} else if !s.From.Equal(at(t, tt.from)) {
				t.Errorf("from %v, want %s", s.From, tt.from)
			}
			if !s.To.Equal(at(t, tt.to)) {
				t.Errorf("to %v, want %s", s.To, tt.to)
			}
			if got := tt.w.String(); got != tt.str {
				t.Errorf("String() = %q, want %q", got, tt.str)
			}
		})
	}
	if _, ok := (store.When{Unknown: true}).Span(now); ok {
		t.Error("an unknown when has a span")
	}
	if got := (store.When{Unknown: true}).String(); got != "unknown" {
		t.Errorf("unknown prints %q", got)
	}
}

func TestWindowContains(t *testing.T) {
	// DLmarket: 2018年10月17日22時05分から2018年11月12日21時50分.
	w := population(t, "dlmarket-card-settled").Window
	tests := []struct {
		at   string
		want bool
	}{
		{"2018-10-17T22:04:59+09:00", false},
		{"2018-10-17T22:05:00+09:00", true},
		{"2018-10-17T13:05:00Z", true}, // the same instant in UTC
		{"2018-11-12T21:50:59+09:00", true},
		{"2018-11-12T21:51:00+09:00", false},
	}
	for _, tt := range tests {
		if got := w.Contains(at(t, tt.at)); got != tt.want {
			t.Errorf("Contains(%s) = %v, want %v", tt.at, got, tt.want)
		}
	}
	open := population(t, "can-makeshop-member").Window // 2014年9月24日までに
	if !open.Contains(at(t, "1990-01-01T00:00:00+09:00")) || open.Contains(at(t, "2014-09-25T00:00:00+09:00")) || !open.Contains(at(t, "2014-09-24T23:59:59+09:00")) {
		t.Error("open-start window: wrong edges")
	}
}

func TestParseDay(t *testing.T) {
	tests := []struct {
		in   string
		want store.Day
		time string
	}{
		{"2018-01-26", store.Day{Year: 2018, Month: time.January, Day: 26}, "2018-01-26T00:00:00+09:00"},
		{"2016-02-29", store.Day{Year: 2016, Month: time.February, Day: 29}, "2016-02-29T00:00:00+09:00"},
		{"2011-06-08", store.Day{Year: 2011, Month: time.June, Day: 8}, "2011-06-08T00:00:00+09:00"},
		{"2018-12-31", store.Day{Year: 2018, Month: time.December, Day: 31}, "2018-12-31T00:00:00+09:00"},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			d, err := store.ParseDay(tt.in)
			if err != nil {
				t.Fatalf("ParseDay(%q): %v", tt.in, err)
			}
			if d != tt.want {
				t.Errorf("ParseDay(%q) = %+v, want %+v", tt.in, d, tt.want)
			}
			if d.String() != tt.in {
				t.Errorf("String() = %q, want %q", d.String(), tt.in)
			}
			if b, _ := d.MarshalText(); string(b) != tt.in {
				t.Errorf("MarshalText() = %q, want %q", b, tt.in)
			}
			if got := d.Time().Format(time.RFC3339); got != tt.time {
				t.Errorf("Time() = %s, want %s", got, tt.time)
			}
		})
	}
	for _, in := range []string{"2018", "2018-01", "2018-01-26T10:00", "2018-02-30", "2018-1-26", "", "26/01/2018"} {
		t.Run("bad "+in, func(t *testing.T) {
			d, err := store.ParseDay(in)
			if err == nil {
				t.Fatalf("ParseDay(%q) = %v, want an error", in, d)
			}
			var pe *store.PointError
			if !errors.As(err, &pe) || !japanese.MatchString(pe.Reason) {
				t.Errorf("ParseDay(%q) error %v, want a *store.PointError with a Japanese reason", in, err)
			}
		})
	}
}

func TestDayOf(t *testing.T) {
	tests := []struct {
		at   string
		want string
	}{
		{"2018-10-17T15:30:00Z", "2018-10-18"}, // 00:30 the next day in Tokyo
		{"2018-10-17T14:59:59Z", "2018-10-17"},
		{"2018-12-31T15:00:00Z", "2019-01-01"},
		{"2018-10-17T22:05:00+09:00", "2018-10-17"},
	}
	for _, tt := range tests {
		if got := store.DayOf(at(t, tt.at)).String(); got != tt.want {
			t.Errorf("DayOf(%s) = %s, want %s", tt.at, got, tt.want)
		}
	}
}

func TestDaysBetween(t *testing.T) {
	day := func(s string) store.Day {
		d, err := store.ParseDay(s)
		if err != nil {
			t.Fatal(err)
		}
		return d
	}
	tests := []struct {
		name string
		a, b string
		want int
	}{
		{"same day", "2018-01-26", "2018-01-26", 0},
		{"next day", "2018-01-26", "2018-01-27", 1},
		{"colorme: incident 1月7日, published 1月26日", "2018-01-07", "2018-01-26", 19},
		{"dlmarket: found 11月12日, published 12月25日", "2018-11-12", "2018-12-25", 43},
		{"stylestore: first report 7月11日, published 10月3日", "2016-07-11", "2016-10-03", 84},
		{"geo: access 4月15日, published 6月8日", "2011-04-15", "2011-06-08", 54},
		{"can-makeshop: incident 2014-09-24, published 2016-06-24", "2014-09-24", "2016-06-24", 639},
		{"over a leap day", "2016-02-28", "2016-03-01", 2},
		{"no leap day", "2018-02-28", "2018-03-01", 1},
		{"over new year", "2018-12-31", "2019-01-01", 1},
		{"a common year", "2015-01-01", "2016-01-01", 365},
		{"a leap year", "2016-01-01", "2017-01-01", 366},
		{"backwards", "2018-01-26", "2018-01-07", -19},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := store.DaysBetween(day(tt.a), day(tt.b)); got != tt.want {
				t.Errorf("DaysBetween(%s, %s) = %d, want %d", tt.a, tt.b, got, tt.want)
			}
		})
	}
}

// TestPointStringMatchesFormat: Point.String is written out digit by digit;
// it prints what time.Format printed with the unit's layout.
func TestPointStringMatchesFormat(t *testing.T) {
	layouts := map[store.Unit]string{store.Year: "2006", store.Month: "2006-01", store.DayUnit: "2006-01-02", store.Minute: "2006-01-02T15:04"}
	for _, at := range []time.Time{
		time.Date(1990, 1, 1, 0, 0, 0, 0, store.Tokyo),
		time.Date(2018, 10, 17, 22, 5, 0, 0, store.Tokyo),
		time.Date(2017, 6, 9, 9, 0, 0, 0, store.Tokyo),
		time.Date(2026, 12, 31, 23, 59, 0, 0, store.Tokyo),
		time.Date(2009, 11, 30, 10, 10, 0, 0, store.Tokyo),
	} {
		for unit, layout := range layouts {
			p := store.Point{Start: at, Unit: unit}
			if got, want := p.String(), at.Format(layout); got != want {
				t.Errorf("Point{%v, %v}.String() = %q, want %q", at, unit, got, want)
			}
		}
	}
}

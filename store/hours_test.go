package store_test

import (
	"context"
	"slices"
	"testing"
	"time"

	"exposurecheck/data"
	"exposurecheck/store"
)

// hoursAt reads a Tokyo wall-clock instant "2006-01-02T15:04".
func hoursAt(t testing.TB, s string) time.Time {
	t.Helper()
	v, err := time.ParseInLocation("2006-01-02T15:04", s, store.Tokyo)
	if err != nil {
		t.Fatalf("bad instant %q in test: %v", s, err)
	}
	return v
}

// hoursCatalog loads the bundled data for the desk tests.
func hoursCatalog(t testing.TB) *store.Catalog {
	t.Helper()
	cat, err := store.Load(data.FS, store.LoadOptions{})
	if err != nil {
		t.Fatalf("load bundled data: %v", err)
	}
	return cat
}

// hoursDesk finds a contact of the bundled data by id.
func hoursDesk(t testing.TB, cat *store.Catalog, id string) store.Contact {
	t.Helper()
	for _, inc := range cat.Incidents {
		for _, c := range inc.Contacts {
			if c.ID == id {
				return c
			}
		}
	}
	t.Fatalf("no contact %q in the bundled data", id)
	return store.Contact{}
}

func TestStatusAt(t *testing.T) {
	cat := hoursCatalog(t)
	everyDay := store.Contact{ID: "every-day", Kind: "phone", Hours: &store.Hours{Days: store.EveryDay, Open: 9*60 + 30, Close: 18*60 + 30}}
	weekdays := store.Contact{ID: "weekdays", Kind: "phone", Hours: &store.Hours{Days: store.Weekdays, Open: 10 * 60, Close: 19 * 60}}
	dlmarket := hoursDesk(t, cat, "dlmarket-free-dial")       // every day 9:30–18:30 from 2018-12-25, no end
	freeDial := hoursDesk(t, cat, "colorme-free-dial")        // every day 9–21, 2018-01-26 until 2018-02-16 15:00
	line050 := hoursDesk(t, cat, "colorme-050")               // weekdays 10–19, 2018-02-16 15:00 until 2018-02-21 17:00
	email := hoursDesk(t, cat, "colorme-email")               // no hours, from 2018-01-26
	geo := hoursDesk(t, cat, "geo-call-centre")               // weekdays 10–19 from 2011-06-08, no end
	makeshop := hoursDesk(t, cat, "makeshop-owner-free-dial") // weekdays 9–18 through 2016-07-29

	cases := []struct {
		name      string
		desk      store.Contact
		at        string
		state     store.DeskState
		next      string // "" for none
		holiday   bool
		endStated bool
	}{
		{name: "every day: open at 9:30 on a Sunday", desk: everyDay, at: "2018-12-30T09:30", state: store.DeskOpen},
		{name: "every day: a minute before opening", desk: everyDay, at: "2018-12-30T09:29", state: store.DeskClosed, next: "2018-12-30T09:30"},
		{name: "every day: at closing time", desk: everyDay, at: "2018-12-30T18:30", state: store.DeskClosed, next: "2018-12-31T09:30"},
		{name: "every day: open on New Year's Day", desk: everyDay, at: "2019-01-01T10:00", state: store.DeskOpen},
		{name: "weekdays: open on a Tuesday", desk: weekdays, at: "2018-02-20T10:00", state: store.DeskOpen},
		{name: "weekdays: last minute", desk: weekdays, at: "2018-02-20T18:59", state: store.DeskOpen},
		{name: "weekdays: Saturday, next Monday", desk: weekdays, at: "2018-02-17T11:00", state: store.DeskClosed, next: "2018-02-19T10:00"},
		{name: "weekdays: Sunday night, next Monday", desk: weekdays, at: "2018-02-18T20:00", state: store.DeskClosed, next: "2018-02-19T10:00"},
		{name: "weekdays: Friday closing, next Monday", desk: weekdays, at: "2018-02-16T19:00", state: store.DeskClosed, next: "2018-02-19T10:00"},
		{name: "weekdays: substitute holiday Monday 2018-12-24", desk: weekdays, at: "2018-12-24T11:00", state: store.DeskClosed,
			next: "2018-12-25T10:00", holiday: true},
		{name: "weekdays: Golden Week 2019, next 7 May", desk: weekdays, at: "2019-05-01T11:00", state: store.DeskClosed,
			next: "2019-05-07T10:00", holiday: true},
		{name: "weekdays: Sports Day moved to 2020-07-24", desk: weekdays, at: "2020-07-24T11:00", state: store.DeskClosed,
			next: "2020-07-27T10:00", holiday: true},
		{name: "weekdays: Marine Day moved to 2020-07-23", desk: weekdays, at: "2020-07-23T11:00", state: store.DeskClosed,
			next: "2020-07-27T10:00", holiday: true},
		{name: "weekdays: National Foundation Day substitute 2018-02-12", desk: weekdays, at: "2018-02-12T11:00", state: store.DeskClosed,
			next: "2018-02-13T10:00", holiday: true},
		{name: "weekdays: a Saturday holiday is not named", desk: weekdays, at: "2018-11-03T11:00", state: store.DeskClosed,
			next: "2018-11-05T10:00"},
		{name: "GEO call centre on a weekday holiday", desk: geo, at: "2018-12-24T11:00", state: store.DeskClosed,
			next: "2018-12-25T10:00", holiday: true},
		{name: "GEO call centre on a weekday", desk: geo, at: "2018-12-25T11:00", state: store.DeskOpen},

		{name: "before valid_from: the first opening is valid_from itself", desk: line050, at: "2018-02-16T11:00", state: store.DeskClosed,
			next: "2018-02-16T15:00", endStated: true},
		{name: "weeks before valid_from", desk: line050, at: "2018-02-01T10:00", state: store.DeskClosed,
			next: "2018-02-16T15:00", endStated: true},
		{name: "before a midnight valid_from: the first day's opening", desk: dlmarket, at: "2018-12-24T12:00", state: store.DeskClosed,
			next: "2018-12-25T09:30"},
		{name: "valid_from reached", desk: line050, at: "2018-02-16T15:00", state: store.DeskOpen, endStated: true},
		{name: "DLmarket desk open", desk: dlmarket, at: "2018-12-26T10:00", state: store.DeskOpen},
		{name: "DLmarket desk before opening", desk: dlmarket, at: "2018-12-26T08:00", state: store.DeskClosed, next: "2018-12-26T09:30"},

		{name: "one minute before valid_to, inside hours", desk: line050, at: "2018-02-21T16:59", state: store.DeskOpen, endStated: true},
		{name: "exactly valid_to", desk: line050, at: "2018-02-21T17:00", state: store.DeskEnded, endStated: true},
		{name: "the day after valid_to", desk: line050, at: "2018-02-22T11:00", state: store.DeskEnded, endStated: true},
		{name: "free dial open on a Thursday", desk: freeDial, at: "2018-02-01T10:00", state: store.DeskOpen, endStated: true},
		{name: "free dial closed at night, opens before its end", desk: freeDial, at: "2018-02-15T22:00", state: store.DeskClosed,
			next: "2018-02-16T09:00", endStated: true},
		{name: "free dial a minute before its end", desk: freeDial, at: "2018-02-16T14:59", state: store.DeskOpen, endStated: true},
		{name: "free dial at its end", desk: freeDial, at: "2018-02-16T15:00", state: store.DeskEnded, endStated: true},
		{name: "closed, and it ends before it would open again", desk: makeshop, at: "2016-07-29T18:30", state: store.DeskClosed, endStated: true},
		{name: "valid_through: open on its last day", desk: makeshop, at: "2016-07-29T17:59", state: store.DeskOpen, endStated: true},
		{name: "valid_through: ended the next midnight", desk: makeshop, at: "2016-07-30T00:00", state: store.DeskEnded, endStated: true},

		{name: "no hours: unknown", desk: email, at: "2018-03-01T10:00", state: store.DeskUnknown},
		{name: "no hours, before valid_from: closed until it starts", desk: email, at: "2018-01-20T10:00", state: store.DeskClosed,
			next: "2018-01-26T00:00"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			now := hoursAt(t, tc.at)
			for _, inZone := range []*time.Location{store.Tokyo, time.UTC} {
				st := store.StatusAt(tc.desk, now.In(inZone))
				if st.State != tc.state {
					t.Errorf("StatusAt(%s, %s) state = %q, want %q", tc.desk.ID, now.In(inZone).Format(time.RFC3339), st.State, tc.state)
				}
				var next string
				if st.Next != nil {
					next = st.Next.In(store.Tokyo).Format("2006-01-02T15:04")
				}
				if next != tc.next {
					t.Errorf("StatusAt(%s, %s) next = %q, want %q", tc.desk.ID, now.In(inZone).Format(time.RFC3339), next, tc.next)
				}
				if (st.Holiday != "") != tc.holiday {
					t.Errorf("StatusAt(%s, %s) holiday = %q, want a holiday name: %v", tc.desk.ID, now.In(inZone).Format(time.RFC3339), st.Holiday, tc.holiday)
				}
				if st.EndStated != tc.endStated {
					t.Errorf("StatusAt(%s, %s) EndStated = %v, want %v", tc.desk.ID, now.In(inZone).Format(time.RFC3339), st.EndStated, tc.endStated)
				}
			}
		})
	}
}

func TestHoliday(t *testing.T) {
	cases := []struct {
		day     string
		holiday bool
	}{
		{"2018-12-24", true},  // 振替休日 (the Emperor's Birthday fell on a Sunday)
		{"2018-12-23", true},  // 天皇誕生日, a Sunday
		{"2018-12-25", false}, // an ordinary Tuesday
		{"2018-02-12", true},  // 振替休日 for 建国記念の日
		{"2018-02-17", false}, // a Saturday is a weekend, not a holiday
		{"2019-04-30", true},  // 国民の休日 (2019 only)
		{"2019-05-01", true},  // 天皇の即位の日 (2019 only)
		{"2019-05-02", true},  // 国民の休日 (2019 only)
		{"2019-05-06", true},  // 振替休日 for こどもの日
		{"2019-05-07", false},
		{"2019-10-22", true},  // 即位礼正殿の儀 (2019 only)
		{"2020-07-23", true},  // 海の日, moved for the Olympics
		{"2020-07-24", true},  // スポーツの日, moved for the Olympics
		{"2020-10-12", false}, // the usual second Monday of October, not a holiday in 2020
		{"2021-07-22", true},  // 海の日, moved
		{"2021-07-23", true},  // スポーツの日, moved
		{"2021-10-11", false},
		{"2020-02-24", true}, // 振替休日 for the new Emperor's Birthday
	}
	for _, tc := range cases {
		day := hoursAt(t, tc.day+"T12:00")
		name, ok := store.Holiday(day)
		if ok != tc.holiday || (ok && name == "") {
			t.Errorf("Holiday(%s) = %q, %v; want holiday %v with a name", tc.day, name, ok, tc.holiday)
		}
	}

	// The Tokyo day counts, whatever zone the instant is in.
	edges := []struct {
		at      time.Time
		holiday bool
	}{
		{time.Date(2018, 12, 23, 15, 0, 0, 0, time.UTC), true},  // 2018-12-24 00:00 JST
		{time.Date(2018, 12, 24, 14, 59, 0, 0, time.UTC), true}, // 2018-12-24 23:59 JST
		{time.Date(2018, 12, 24, 15, 0, 0, 0, time.UTC), false}, // 2018-12-25 00:00 JST
		{time.Date(2018, 12, 24, 8, 0, 0, 0, time.UTC), true},
	}
	for _, e := range edges {
		if _, ok := store.Holiday(e.at); ok != e.holiday {
			t.Errorf("Holiday(%s) = %v, want %v", e.at.Format(time.RFC3339), ok, e.holiday)
		}
	}
}

// TestHolidayOneOffMoves2019To2021 covers the remaining one-off changes of
// 2019–2021 that hours.go promises to know: there was no Emperor's Birthday
// in 2019, and 山の日 moved for the Olympics in 2020 and 2021.
func TestHolidayOneOffMoves2019To2021(t *testing.T) {
	cases := []struct {
		day     string
		holiday bool
		why     string
	}{
		{"2019-12-23", false, "no Emperor's Birthday in 2019 (Akihito abdicated on 30 April; Naruhito's is 23 February from 2020)"},
		{"2020-08-10", true, "山の日 2020 moved to Monday 10 August"},
		{"2020-08-11", false, "山の日 2020 was not on 11 August"},
		{"2021-08-09", true, "山の日 2021 moved to Sunday 8 August; Monday 9 August was its 振替休日"},
		{"2021-08-11", false, "山の日 2021 was not on 11 August"},
	}
	for _, tc := range cases {
		name, ok := store.Holiday(hoursAt(t, tc.day+"T12:00"))
		if ok != tc.holiday {
			t.Errorf("Holiday(%s) = %q, %v; want %v: %s", tc.day, name, ok, tc.holiday, tc.why)
		}
	}
	// What it means for a weekday desk such as the GEO call centre.
	weekdays := store.Contact{ID: "weekdays", Kind: "phone", Hours: &store.Hours{Days: store.Weekdays, Open: 10 * 60, Close: 19 * 60}}
	if st := store.StatusAt(weekdays, hoursAt(t, "2019-12-23T11:00")); st.State != store.DeskOpen {
		t.Errorf("weekday desk on Monday 2019-12-23 11:00: %q (holiday %q), want open", st.State, st.Holiday)
	}
	if st := store.StatusAt(weekdays, hoursAt(t, "2020-08-11T11:00")); st.State != store.DeskOpen {
		t.Errorf("weekday desk on Tuesday 2020-08-11 11:00: %q (holiday %q), want open", st.State, st.Holiday)
	}
}

func TestFold(t *testing.T) {
	cases := []struct{ in, want string }{
		{"", ""},
		{"カラーミー", "からーみー"},
		{"からーみー", "からーみー"},
		{"ｶﾗｰﾐｰ", "からーみー"},
		{"ｶﾞｲﾄﾞ", "がいど"},
		{"ＣＯＬＯＲＭＥ", "colorme"},
		{"Color Me", "colorme"},
		{"colorme", "colorme"},
		{"shop-pro.jp", "shopprojp"},
		{"shoppro jp", "shopprojp"},
		{"GMOペパボ株式会社", "gmoぺぱぼ株式会社"},
		{"ゲオEショップ", "げおeしょっぷ"},
		{"ディー・エル・マーケット", "でぃーえるまーけっと"},
		{"DL-Market", "dlmarket"},
		{"２０１８", "2018"},
		{"・、。 　!?-_./", ""},
		{"ゲオ店舗（店舗の会員情報）", "げお店舗店舗の会員情報"},
	}
	for _, tc := range cases {
		if got := store.Fold(tc.in); got != tc.want {
			t.Errorf("Fold(%q) = %q, want %q", tc.in, got, tc.want)
		}
	}
}

func TestSearchFindsEveryName(t *testing.T) {
	ctx := context.Background()
	db, err := store.OpenMemory(ctx, hoursCatalog(t))
	if err != nil {
		t.Fatalf("OpenMemory: %v", err)
	}
	defer db.Close()

	ids := func(list []store.Service) []string {
		out := []string{}
		for _, s := range list {
			out = append(out, s.ID)
		}
		return out
	}

	all, err := db.Search(ctx, "")
	if err != nil {
		t.Fatal(err)
	}
	if len(all) != len(db.Services()) || len(all) < 40 {
		t.Errorf("Search(\"\") = %d services %v, want all %d", len(all), ids(all), len(db.Services()))
	}
	if got, want := ids(all), ids(db.Services()); !slices.Equal(got, want) {
		t.Errorf("Search(\"\") = %v, want every service in data order %v", got, want)
	}
	blank, err := db.Search(ctx, " 　・")
	if err != nil {
		t.Fatal(err)
	}
	if len(blank) != len(all) {
		t.Errorf("a query of only spaces and punctuation finds %d services, want all %d", len(blank), len(all))
	}

	for _, svc := range db.Services() {
		names := append([]string{svc.ID, svc.Name, svc.Kana, svc.Operator}, svc.Aliases...)
		for _, name := range names {
			found, err := db.Search(ctx, name)
			if err != nil {
				t.Fatalf("Search(%q): %v", name, err)
			}
			if !slices.Contains(ids(found), svc.ID) {
				t.Errorf("Search(%q) = %v, does not find %s", name, ids(found), svc.ID)
			}
		}
	}

	none, err := db.Search(ctx, "zzzz")
	if err != nil {
		t.Fatal(err)
	}
	if none == nil || len(none) != 0 {
		t.Errorf("Search(zzzz) = %#v, want an empty, non-nil list", none)
	}
	for q, want := range map[string]string{"ｶﾗｰﾐｰ": "colorme", "ぺぱぼ": "colorme", "ＤＬＭＡＲＫＥＴ": "dlmarket", "すたいるすとあ": "stylestore"} {
		found, err := db.Search(ctx, q)
		if err != nil {
			t.Fatal(err)
		}
		if !slices.Contains(ids(found), want) {
			t.Errorf("Search(%q) = %v, want %s among them", q, ids(found), want)
		}
	}
}

package views

import (
	"fmt"
	"strconv"
	"strings"
	"time"
)

var tokyo = func() *time.Location {
	if l, err := time.LoadLocation("Asia/Tokyo"); err == nil {
		return l
	}
	return time.FixedZone("JST", 9*60*60)
}()

var weekdays = []string{"日", "月", "火", "水", "木", "金", "土"}

// JDate is 2018年10月17日.
func JDate(t time.Time) string {
	t = t.In(tokyo)
	return fmt.Sprintf("%d年%d月%d日", t.Year(), int(t.Month()), t.Day())
}

// JDateWeekday is 2018年10月17日（水）.
func JDateWeekday(t time.Time) string {
	t = t.In(tokyo)
	return fmt.Sprintf("%s（%s）", JDate(t), weekdays[t.Weekday()])
}

// JClock is 22時05分, or 17時 on the hour.
func JClock(t time.Time) string {
	t = t.In(tokyo)
	if t.Minute() == 0 {
		return fmt.Sprintf("%d時", t.Hour())
	}
	return fmt.Sprintf("%d時%02d分", t.Hour(), t.Minute())
}

// JDateTime is 2018年10月17日22時05分, or just the date at midnight.
func JDateTime(t time.Time) string {
	t = t.In(tokyo)
	if t.Hour() == 0 && t.Minute() == 0 {
		return JDate(t)
	}
	return JDate(t) + JClock(t)
}

// JStamp always shows the time: 2026年11月21日 19時40分.
func JStamp(t time.Time) string {
	t = t.In(tokyo)
	return fmt.Sprintf("%s %d時%02d分", JDate(t), t.Hour(), t.Minute())
}

// lastInstant turns an exclusive end into the last day or minute it covers,
// as a notice would write it: [.., 2018-01-08 00:00) is 「2018年1月7日まで」,
// [.., 21:51) is 「21時50分まで」.
func lastInstant(to time.Time) string {
	to = to.In(tokyo)
	if to.Hour() == 0 && to.Minute() == 0 {
		return JDate(to.AddDate(0, 0, -1))
	}
	return JDateTime(to.Add(-time.Minute))
}

// WindowText is 2017年3月16日〜2018年1月7日, with open ends worded.
func WindowText(w Window) string {
	if !w.Stated {
		return "期間の記載なし"
	}
	switch {
	case w.From != nil && w.To != nil:
		return JDateTime(*w.From) + "〜" + lastInstant(*w.To)
	case w.From != nil:
		return JDateTime(*w.From) + "以降"
	case w.To != nil:
		return lastInstant(*w.To) + "まで"
	}
	return "期間の限定なし"
}

// SpanText words a person's answer span in the same way.
func SpanText(w Window) string {
	if !w.Stated {
		return "覚えていない"
	}
	switch {
	case w.From != nil && w.To != nil:
		from, last := JDateTime(*w.From), lastInstant(*w.To)
		// Answers given as years or months read back the same way.
		if f, t := w.From.In(tokyo), w.To.In(tokyo); monthStart(f) && monthStart(t) {
			l := t.AddDate(0, -1, 0)
			if f.Month() == time.January && t.Month() == time.January {
				from, last = fmt.Sprintf("%d年", f.Year()), fmt.Sprintf("%d年", t.Year()-1)
			} else {
				from, last = fmt.Sprintf("%d年%d月", f.Year(), int(f.Month())), fmt.Sprintf("%d年%d月", l.Year(), int(l.Month()))
			}
		}
		if from == last {
			return from
		}
		return from + "〜" + last
	case w.From != nil:
		return JDateTime(*w.From) + "以降"
	case w.To != nil:
		return lastInstant(*w.To) + "まで"
	}
	return "覚えていない"
}

// Count is 9,430件.
func Count(n int) string {
	s := strconv.Itoa(n)
	var b strings.Builder
	for i, r := range s {
		if i > 0 && (len(s)-i)%3 == 0 {
			b.WriteByte(',')
		}
		b.WriteRune(r)
	}
	return b.String() + "件"
}

// Itoa formats an int.
func Itoa(n int) string { return strconv.Itoa(n) }

// EndText words an exclusive end as people read it: a desk that closed at
// 17:00 ended 「2018年2月21日17時」; one set up "until 7月29日" ended
// 「2016年7月29日まで」.
func EndText(to time.Time) string {
	to = to.In(tokyo)
	if to.Hour() == 0 && to.Minute() == 0 {
		return lastInstant(to) + "まで"
	}
	return JDateTime(to)
}

func monthStart(t time.Time) bool {
	return t.Day() == 1 && t.Hour() == 0 && t.Minute() == 0
}

// JMonth is 2016年5月, for dates a notice gives only to the month.
func JMonth(t time.Time) string {
	t = t.In(tokyo)
	return fmt.Sprintf("%d年%d月", t.Year(), int(t.Month()))
}

// BoundaryText says which side of a window edge is inside: a start is
// inclusive (「以降」), an end exclusive (「より前」).
func BoundaryText(b Boundary) string {
	at := JDateTime(b.At)
	if b.Approx {
		at += "頃"
	}
	if b.InsideAfter {
		return at + "以降なら対象期間内、それより前なら対象期間外です"
	}
	return at + "より前なら対象期間内、それ以降なら対象期間外です"
}

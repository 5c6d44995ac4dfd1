package views

import (
	"context"
	"fmt"
	"html"
	"io"
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
	var b [32]byte
	return string(appendJDate(b[:0], t.In(tokyo)))
}

// The dates are formatted with strconv rather than fmt.Sprintf: a result
// page formats some forty of them.
func appendJDate(b []byte, t time.Time) []byte {
	y, m, d := t.Date()
	b = strconv.AppendInt(b, int64(y), 10)
	b = append(b, "年"...)
	b = strconv.AppendInt(b, int64(m), 10)
	b = append(b, "月"...)
	b = strconv.AppendInt(b, int64(d), 10)
	return append(b, "日"...)
}

func appendJClock(b []byte, t time.Time) []byte {
	b = strconv.AppendInt(b, int64(t.Hour()), 10)
	b = append(b, "時"...)
	if min := t.Minute(); min != 0 {
		if min < 10 {
			b = append(b, '0')
		}
		b = strconv.AppendInt(b, int64(min), 10)
		b = append(b, "分"...)
	}
	return b
}

// JDateWeekday is 2018年10月17日（水）.
func JDateWeekday(t time.Time) string {
	t = t.In(tokyo)
	return JDate(t) + "（" + weekdays[t.Weekday()] + "）"
}

// JClock is 22時05分, or 17時 on the hour.
func JClock(t time.Time) string {
	var b [32]byte
	return string(appendJClock(b[:0], t.In(tokyo)))
}

// JDateTime is 2018年10月17日22時05分, or just the date at midnight.
func JDateTime(t time.Time) string {
	var b [48]byte
	return string(appendJDateTime(b[:0], t))
}

func appendJDateTime(b []byte, t time.Time) []byte {
	t = t.In(tokyo)
	b = appendJDate(b, t)
	if t.Hour() != 0 || t.Minute() != 0 {
		b = appendJClock(b, t)
	}
	return b
}

// JStamp always shows the time: 2026年11月21日 19時40分.
func JStamp(t time.Time) string {
	t = t.In(tokyo)
	var b [48]byte
	out := append(appendJDate(b[:0], t), ' ')
	out = strconv.AppendInt(out, int64(t.Hour()), 10)
	out = append(out, "時"...)
	if t.Minute() < 10 {
		out = append(out, '0')
	}
	out = strconv.AppendInt(out, int64(t.Minute()), 10)
	return string(append(out, "分"...))
}

// lastInstant turns an exclusive end into the last day or minute it covers,
// as a notice would write it: [.., 2018-01-08 00:00) is 「2018年1月7日まで」,
// [.., 21:51) is 「21時50分まで」.
func lastInstant(to time.Time) string {
	var b [48]byte
	return string(appendLastInstant(b[:0], to))
}

func appendLastInstant(b []byte, to time.Time) []byte {
	to = to.In(tokyo)
	if to.Hour() == 0 && to.Minute() == 0 {
		return appendJDate(b, to.AddDate(0, 0, -1))
	}
	return appendJDateTime(b, to.Add(-time.Minute))
}

// LastInstant is the last day or minute before an exclusive end.
func LastInstant(to time.Time) string { return lastInstant(to) }

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
	var b [96]byte
	return string(appendSpanText(b[:0], w))
}

// appendSpanText writes SpanText's words: dates, digits and fixed words
// only, nothing HTML would escape.
func appendSpanText(b []byte, w Window) []byte {
	if !w.Stated {
		return append(b, "覚えていない"...)
	}
	switch {
	case w.From != nil && w.To != nil:
		f, t := w.From.In(tokyo), w.To.In(tokyo)
		l := t.Add(-time.Minute)
		// Part of one day (a refined boundary day) reads as that day's hours.
		if fy, fm, fd := f.Date(); (f.Hour() != 0 || f.Minute() != 0 || l.Hour() != 23 || l.Minute() != 59) && sameDay(l, fy, fm, fd) {
			b = appendJClock(appendJDate(b, f), f)
			if l.Equal(f) { // one minute: 「22時10分」, not 「22時10分〜22時10分」
				return b
			}
			return appendJClock(append(b, "〜"...), l)
		}
		start := len(b)
		if monthStart(f) && monthStart(t) {
			// Answers given as years or months read back the same way.
			if f.Month() == time.January && t.Month() == time.January {
				b = appendYearMonth(b, f.Year(), 0)
				mid := len(b)
				b = appendYearMonth(append(b, "〜"...), t.Year()-1, 0)
				return sameEnds(b, start, mid)
			}
			m := t.AddDate(0, -1, 0)
			b = appendYearMonth(b, f.Year(), f.Month())
			mid := len(b)
			b = appendYearMonth(append(b, "〜"...), m.Year(), m.Month())
			return sameEnds(b, start, mid)
		}
		b = appendJDateTime(b, f)
		mid := len(b)
		b = appendLastInstant(append(b, "〜"...), t)
		return sameEnds(b, start, mid)
	case w.From != nil:
		return append(appendJDateTime(b, *w.From), "以降"...)
	case w.To != nil:
		return append(appendLastInstant(b, *w.To), "まで"...)
	}
	return append(b, "覚えていない"...)
}

// sameEnds drops 「〜」 and the second end from b[start:] when the two ends,
// b[start:mid] and what follows the 「〜」, read the same: 2017年, not
// 2017年〜2017年.
func sameEnds(b []byte, start, mid int) []byte {
	if string(b[start:mid]) == string(b[mid+len("〜"):]) {
		return b[:mid]
	}
	return b
}

func sameDay(t time.Time, y int, m time.Month, d int) bool {
	ty, tm, td := t.Date()
	return ty == y && tm == m && td == d
}

// appendYearMonth writes 2017年6月, or 2017年 for month 0.
func appendYearMonth(b []byte, y int, m time.Month) []byte {
	b = append(strconv.AppendInt(b, int64(y), 10), "年"...)
	if m != 0 {
		b = append(strconv.AppendInt(b, int64(m), 10), "月"...)
	}
	return b
}

// SpansText words a person's answers for one activity, 「時期は覚えていない」
// for none.
func SpansText(spans []Window) string {
	if len(spans) == 0 {
		return "時期は覚えていない"
	}
	var b [192]byte
	return string(appendSpansText(b[:0], spans))
}

func appendSpansText(b []byte, spans []Window) []byte {
	if len(spans) == 0 {
		return append(b, "時期は覚えていない"...)
	}
	for i, s := range spans {
		if i > 0 {
			b = append(b, "、"...)
		}
		b = appendSpanText(b, s)
	}
	return b
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

// EndedText says when a desk stopped answering: 「2018年2月21日17時に終了」,
// or 「2016年7月29日で終了」 for a desk set up "until" a day.
func EndedText(to time.Time) string {
	var b [64]byte
	return string(appendEndedText(b[:0], to))
}

func appendEndedText(b []byte, to time.Time) []byte {
	to = to.In(tokyo)
	if to.Hour() == 0 && to.Minute() == 0 {
		return append(appendLastInstant(b, to), "で終了"...)
	}
	return append(appendJDateTime(b, to), "に終了"...)
}

// RefineLabels are the two answers that settle a boundary, in time order:
// 「22時05分より前」「22時05分以降」 for a window's start, 「21時50分まで」
// 「21時51分以降」 for its end. On a one-day answer only the clock is named.
func RefineLabels(r Refine) (before, after string) {
	name := func(t time.Time) string {
		t = t.In(tokyo)
		switch {
		case r.SameDay:
			return JClock(t)
		case r.SameYear && t.Hour() == 0 && t.Minute() == 0:
			return fmt.Sprintf("%d月%d日", int(t.Month()), t.Day())
		case r.SameYear:
			return fmt.Sprintf("%d月%d日", int(t.Month()), t.Day()) + JClock(t)
		}
		return JDateTime(t)
	}
	if r.InsideAfter {
		return name(r.At) + "より前", name(r.At) + "以降"
	}
	last := r.At.In(tokyo).Add(-time.Minute)
	if !r.SameDay && last.Hour() == 23 && last.Minute() == 59 {
		day := time.Date(last.Year(), last.Month(), last.Day(), 0, 0, 0, 0, tokyo)
		return name(day) + "まで", name(r.At) + "以降"
	}
	return name(last) + "まで", name(r.At) + "以降"
}

// IncidentDates is the parenthesis after a source's title: when it was
// published and how long after its discovery, as far as the text says.
func IncidentDates(r IncidentRef) string {
	var s string
	switch {
	case r.Published != nil:
		s = JDate(*r.Published) + "公表"
	case r.Excerpt:
		s = "公表日は手元の写しの範囲に書かれていません"
	default:
		s = "公表日の記載なし"
	}
	if r.Published != nil && r.Discovered != nil && r.DaysToAnnounce != nil {
		s += "。発覚（" + JDate(*r.Discovered) + "）から公表まで" + Itoa(*r.DaysToAnnounce) + "日"
	}
	return "（" + s + "）"
}

// List joins labels with 「、」.
func List(xs []string) string { return strings.Join(xs, "、") }

// Sentences joins statements, ending each with 「。」.
func Sentences(parts ...string) string {
	var b strings.Builder
	for _, p := range parts {
		p = strings.TrimSpace(p)
		if p == "" {
			continue
		}
		b.WriteString(p)
		if !strings.HasSuffix(p, "。") {
			b.WriteString("。")
		}
	}
	return b.String()
}

// Text renders a string HTML-escaped, as templ's { s } does, but without
// the fmt.Sprint copy templ makes of every interpolated string first: on
// the result page that copy and its garbage were a sixth of the request.
// Most of our strings need no escaping at all, so they are written as they
// are. Use it as @Text(s).
type Text string

// Render writes the escaped text.
func (t Text) Render(_ context.Context, w io.Writer) error {
	s := string(t)
	if needsEscape(s) {
		s = html.EscapeString(s)
	}
	_, err := io.WriteString(w, s)
	return err
}

// escaped marks the bytes html.EscapeString replaces.
var escaped = [256]bool{'<': true, '>': true, '&': true, '\'': true, '"': true}

// needsEscape is strings.ContainsAny(s, `<>&'"`) without building the set
// per call: our texts are mostly long Japanese runs, and this check was a
// twentieth of the result page. Long texts are searched a byte at a time
// with IndexByte, which is vectorised.
func needsEscape(s string) bool {
	if len(s) < 64 {
		for i := 0; i < len(s); i++ {
			if escaped[s[i]] {
				return true
			}
		}
		return false
	}
	return strings.IndexByte(s, '<') >= 0 || strings.IndexByte(s, '>') >= 0 || strings.IndexByte(s, '&') >= 0 ||
		strings.IndexByte(s, '\'') >= 0 || strings.IndexByte(s, '"') >= 0
}

// TextSpaced is Text after a space: what templ writes for " { s }".
type TextSpaced string

// Render writes a space and the escaped text.
func (t TextSpaced) Render(ctx context.Context, w io.Writer) error {
	if _, err := io.WriteString(w, " "); err != nil {
		return err
	}
	return Text(t).Render(ctx, w)
}

// TextLine is Text and a space: what templ writes for a { s } alone on
// its line.
type TextLine string

// Render writes the escaped text and a space.
func (t TextLine) Render(ctx context.Context, w io.Writer) error {
	if err := Text(t).Render(ctx, w); err != nil {
		return err
	}
	_, err := io.WriteString(w, " ")
	return err
}

package draft

import (
	"fmt"
	"regexp"
	"strconv"
	"time"
)

// YearSource says where a date's year came from. Only a year the date itself
// prints is certain; the rest are readings a curator should be able to see.
type YearSource int

const (
	YearStated  YearSource = iota // 2018年, 平成28年, 2018/1/7
	YearCarried                   // 「7月13日」 after 平成28年7月11日
	YearSame                      // 同年
	YearLast                      // 昨年, relative to the notice date
	YearThis                      // 本年, 今年
	YearNext                      // 翌年
	YearLater                     // no earlier date: taken from a later one
	YearUnknown                   // nothing in the text says
)

// Date is a date or instant at the precision the notice prints it.
type Date struct {
	Y, M, D int // 0 where not printed
	H, Min  int
	HasTime bool
	// Approx is set for 頃/ごろ/前後 and for parts of a month (末, 上旬...).
	Approx  bool
	Part    string // 末, 上旬, 中旬, 下旬, 初旬
	Weekday int    // printed weekday, 0 = Sunday; -1 when none
	Year    YearSource
	// YearFrom is the index of the date the year was taken from (carried or
	// later), -1 otherwise.
	YearFrom int
	// Doubt explains, in words for a TODO, why the reading is uncertain.
	Doubt string
	s, e  int // span in Norm, suffixes (weekday, time, 頃) included
	rel   string
}

// Point is the date in the data format's point grammar at its own precision
// (YYYY, YYYY-MM, YYYY-MM-DD, YYYY-MM-DDTHH:MM), or "" when the year is unknown.
func (d Date) Point() string {
	switch {
	case d.Y == 0:
		return ""
	case d.M == 0:
		return fmt.Sprintf("%04d", d.Y)
	case d.D == 0:
		return fmt.Sprintf("%04d-%02d", d.Y, d.M)
	case !d.HasTime:
		return fmt.Sprintf("%04d-%02d-%02d", d.Y, d.M, d.D)
	}
	return fmt.Sprintf("%04d-%02d-%02dT%02d:%02d", d.Y, d.M, d.D, d.H, d.Min)
}

// Day is the date at day precision, "" unless year, month and day are known.
func (d Date) Day() string {
	if d.Y == 0 || d.M == 0 || d.D == 0 {
		return ""
	}
	return fmt.Sprintf("%04d-%02d-%02d", d.Y, d.M, d.D)
}

func (d Date) time() time.Time {
	m, day := max(d.M, 1), max(d.D, 1)
	return time.Date(d.Y, time.Month(m), day, d.H, d.Min, 0, 0, time.UTC)
}

const sp = `[ \t]*`

// The forms of a date's head. Suffixes (weekday, time, 頃) are read after.
var dateRe = regexp.MustCompile(
	// with a year: 2018年1月7日, 平成 29 年 2 月 13 日, 令和5年, 2002年9月
	`(?P<rel>同年|昨年|本年|今年|翌年|前年)?` + sp +
		`(?:(?P<era>平成|令和|昭和|大正)` + sp + `(?P<ey>元|\d{1,2})` + sp + `年|(?P<y>\d{4})` + sp + `年)` +
		`(?:` + sp + `(?P<m>\d{1,2})` + sp + `月(?:` + sp + `(?P<d>\d{1,2})` + sp + `日|(?P<part>末|上旬|中旬|下旬|初旬))?)?` +
		// relative year with a month: 同年5月, 昨年12月3日
		`|(?P<rel2>同年|昨年|本年|今年|翌年|前年)` + sp + `(?P<m2>\d{1,2})` + sp + `月(?:` + sp + `(?P<d2>\d{1,2})` + sp + `日|(?P<part2>末|上旬|中旬|下旬|初旬))?` +
		// month and day, year carried: 7月13日, 5月末
		`|(?P<m3>\d{1,2})` + sp + `月` + sp + `(?:(?P<d3>\d{1,2})` + sp + `日|(?P<part3>末|上旬|中旬|下旬|初旬))` +
		// 2021/10/14, 2021.10.14
		`|(?P<sy>\d{4})(?P<sep>[/.])(?P<sm>\d{1,2})[/.](?P<sd>\d{1,2})` +
		// 3/8 (only with a weekday or a time after it, see below)
		`|(?P<mm>\d{1,2})/(?P<md>\d{1,2})` +
		// the same day as the date before
		`|(?P<same>同日|当日|翌日|前日)` +
		`|同月` + sp + `(?P<smd>\d{1,2})` + sp + `日`)

var (
	weekdayRe = regexp.MustCompile(`^` + sp + `\(` + sp + `(?:(?P<wd>[月火水木金土日])` + sp + `(?:[・･,、]?` + sp + `(?:祝|祭)日?)?|(?:祝|祭)日?)` + sp + `\)`)
	timeRe    = regexp.MustCompile(`^` + sp + `(?:(?P<ap>午前|午後)` + sp + `)?(?P<h>\d{1,2})` + sp + `(?:時` + sp + `(?:(?P<mi>\d{1,2})` + sp + `分|(?P<half>半))?|:(?P<mi2>\d{2})(?::\d{2})?)`)
	approxRe  = regexp.MustCompile(`^` + sp + `(?:頃|ごろ|ころ|前後)`)
)

// notYearRe is what makes 「2025年」 a span or a fiscal year, not a date.
var notYearRe = regexp.MustCompile(`^(?:間|度|代|分|目|前|後|ぶり|以上)`)

var weekdays = map[string]int{"日": 0, "月": 1, "火": 2, "水": 3, "木": 4, "金": 5, "土": 6}

var eraBase = map[string]int{"令和": 2018, "平成": 1988, "昭和": 1925, "大正": 1911}

// findDates lists the dates of the text in order, outside the spans given
// (URLs, e-mail addresses), with years resolved.
func findDates(t *Text, skip []span) []Date {
	var out []Date
	names := dateRe.SubexpNames()
	for _, m := range dateRe.FindAllStringSubmatchIndex(t.Norm, -1) {
		if inSpans(m[0], skip) {
			continue
		}
		g := func(name string) string {
			for i, n := range names {
				if n == name && m[2*i] >= 0 {
					return t.Norm[m[2*i]:m[2*i+1]]
				}
			}
			return ""
		}
		d, ok := headDate(t.Norm, m[0], m[1], g)
		if !ok {
			continue
		}
		d.e = readSuffixes(t.Norm, &d)
		if d.rel == "mmdd" && !d.HasTime && d.Weekday < 0 {
			continue // a bare 3/8 may be a fraction or a score
		}
		out = append(out, d)
	}
	return out
}

// headDate reads the regexp's groups into a Date and rejects what only looks
// like one (a 5-digit run, month 13, a number glued to a longer number).
func headDate(s string, a, b int, g func(string) string) (Date, bool) {
	for a < b && (s[a] == ' ' || s[a] == '\t') {
		a++ // the pattern allows spaces inside a date, not before it
	}
	d := Date{Weekday: -1, YearFrom: -1, s: a, e: b, Year: YearUnknown}
	if a > 0 && isDigit(s[a-1]) {
		return d, false
	}
	num := func(x string) int { n, _ := strconv.Atoi(x); return n }
	switch {
	case g("y") != "" || g("era") != "":
		d.rel = g("rel")
		if g("era") != "" {
			ey := 1
			if g("ey") != "元" {
				ey = num(g("ey"))
			}
			d.Y = eraBase[g("era")] + ey
		} else {
			d.Y = num(g("y"))
		}
		d.Year = YearStated
		d.M, d.D, d.Part = num(g("m")), num(g("d")), g("part")
	case g("rel2") != "":
		d.rel, d.M, d.D, d.Part = g("rel2"), num(g("m2")), num(g("d2")), g("part2")
	case g("m3") != "":
		d.M, d.D, d.Part = num(g("m3")), num(g("d3")), g("part3")
	case g("sy") != "":
		if b < len(s) && (isDigit(s[b]) || s[b] == '/' || (s[b] == '.' && b+1 < len(s) && isDigit(s[b+1]))) {
			return d, false
		}
		if a > 0 && (s[a-1] == '/' || s[a-1] == '.') {
			return d, false
		}
		d.Y, d.M, d.D, d.Year = num(g("sy")), num(g("sm")), num(g("sd")), YearStated
	case g("mm") != "":
		if b < len(s) && (isDigit(s[b]) || s[b] == '/') || a > 0 && s[a-1] == '/' {
			return d, false
		}
		d.M, d.D, d.rel = num(g("mm")), num(g("md")), "mmdd"
	case g("same") != "":
		d.rel = g("same")
	case g("smd") != "":
		d.rel, d.D = "同月", num(g("smd"))
	}
	if d.Part != "" {
		d.Approx = true
	}
	if d.Year == YearStated && d.M == 0 && notYearRe.MatchString(s[b:]) {
		return d, false // 「2025年間チケット」, 「2016年度」: not a date
	}
	return d, plausible(d)
}

func plausible(d Date) bool {
	if d.Year == YearStated && (d.Y < 1900 || d.Y > 2100) {
		return false
	}
	if d.M < 0 || d.M > 12 || d.D < 0 || d.D > 31 || (d.D > 0 && d.M == 0 && d.rel != "同月") {
		return false
	}
	if d.Y > 0 && d.M > 0 && d.D > 0 {
		return d.time().Day() == d.D // rejects 2月30日
	}
	return true
}

func isDigit(c byte) bool { return c >= '0' && c <= '9' }

// readSuffixes reads a weekday mark, a time and 頃 after a date and returns
// the new end of the date's span.
func readSuffixes(s string, d *Date) int {
	e := d.e
	if m := weekdayRe.FindStringSubmatchIndex(s[e:]); m != nil {
		if m[2] >= 0 {
			d.Weekday = weekdays[s[e+m[2]:e+m[3]]]
		}
		e += m[1]
	}
	if d.D > 0 || d.rel == "同日" || d.rel == "当日" || d.rel == "翌日" || d.rel == "前日" {
		if n, ok := readTime(s[e:], d); ok {
			e += n
		}
	}
	if m := approxRe.FindStringIndex(s[e:]); m != nil {
		d.Approx = true
		e += m[1]
	}
	return e
}

// readTime reads 22時05分, 午後0時20分, 17時, 9:30 at the start of s.
func readTime(s string, d *Date) (int, bool) {
	m := timeRe.FindStringSubmatchIndex(s)
	if m == nil {
		return 0, false
	}
	grp := func(i int) string {
		if m[2*i] < 0 {
			return ""
		}
		return s[m[2*i]:m[2*i+1]]
	}
	// groups: 1 ap, 2 h, 3 mi, 4 half, 5 mi2
	h, _ := strconv.Atoi(grp(2))
	mi := 0
	switch {
	case grp(3) != "":
		mi, _ = strconv.Atoi(grp(3))
	case grp(5) != "":
		mi, _ = strconv.Atoi(grp(5))
	case grp(4) != "":
		mi = 30
	}
	if grp(1) == "午後" && h < 12 {
		h += 12
	}
	if grp(1) == "午前" && h == 12 {
		h = 0
	}
	if h > 24 || mi > 59 || (h == 24 && mi > 0) {
		return 0, false
	}
	if h == 24 { // 24時: the end of the day, which the day itself says
		return m[1], true
	}
	d.H, d.Min, d.HasTime = h, mi, true
	return m[1], true
}

func inSpans(i int, ss []span) bool {
	for _, x := range ss {
		if i >= x.s && i < x.e {
			return true
		}
	}
	return false
}

// resolveYears fills the years the dates do not print, in text order: a
// relative word (同年, 昨年) or the date before; failing that, a later date.
// A printed weekday checks the reading and corrects a carried year by one.
func resolveYears(ds []Date, pub *Date) {
	noticeYear := noticeYearOf(ds, pub)
	last := -1 // index of the last date with a known year
	for i := range ds {
		d := &ds[i]
		switch d.rel {
		case "同日", "当日", "翌日", "前日", "同月":
			if last < 0 || ds[last].D == 0 && d.rel != "同月" {
				d.Year = YearUnknown
				break
			}
			p := ds[last]
			d.Y, d.M, d.Year, d.YearFrom = p.Y, p.M, YearCarried, last
			if d.rel != "同月" {
				d.D = p.D
			}
			shift := map[string]int{"翌日": 1, "前日": -1}[d.rel]
			if shift != 0 {
				t := p.time().AddDate(0, 0, shift)
				d.Y, d.M, d.D = t.Year(), int(t.Month()), t.Day()
			}
		case "同年", "前年", "翌年":
			if last >= 0 {
				d.Y = ds[last].Y + map[string]int{"前年": -1, "翌年": 1}[d.rel]
				d.Year, d.YearFrom = map[string]YearSource{"同年": YearSame, "前年": YearLast, "翌年": YearNext}[d.rel], last
			}
		case "昨年", "本年", "今年":
			if noticeYear > 0 && d.Year != YearStated {
				d.Y = noticeYear
				d.Year = YearThis
				if d.rel == "昨年" {
					d.Y, d.Year = noticeYear-1, YearLast
				}
			}
		default:
			if d.Year != YearStated && last >= 0 {
				d.Y, d.Year, d.YearFrom = ds[last].Y, YearCarried, last
				preferNoticeYear(d, pub)
			}
		}
		if d.Y > 0 && d.M > 0 {
			last = i // a bare year (「2016年」) is too loose to lend its year
		}
	}
	fillFromLater(ds)
	for i := range ds {
		checkWeekday(&ds[i])
	}
}

// preferNoticeYear corrects a carried year that would put the date more
// than a year before the notice when the notice's own year puts it just
// before: 「1月22日までに…完了」 in a notice of 2018年1月26日 that last
// printed 2017年3月15日 (as the start of a period) means 2018.
func preferNoticeYear(d *Date, pub *Date) {
	if pub == nil || pub.Y == 0 || d.M == 0 || d.Y == pub.Y {
		return
	}
	c := *d
	c.Y = pub.Y
	if !plausible(c) {
		return
	}
	if pub.time().Sub(d.time()).Hours() > 24*366 && !c.time().After(pub.time()) {
		d.Y, d.Year, d.YearFrom = pub.Y, YearThis, -1
		d.Doubt = "年の記載がなく、通知の日付の年で読んだ"
	}
}

// fillFromLater takes a year from the next date that prints one, for a date
// the text gives before any year (「本日10月3日」 above 「平成28年7月11日」).
func fillFromLater(ds []Date) {
	for i := range ds {
		if ds[i].Y != 0 || ds[i].M == 0 {
			continue
		}
		for j := i + 1; j < len(ds); j++ {
			if ds[j].Year == YearStated {
				ds[i].Y, ds[i].Year, ds[i].YearFrom = ds[j].Y, YearLater, j
				ds[i].Doubt = "年の記載がなく、後に出てくる日付の年で読んだ"
				break
			}
		}
	}
}

func checkWeekday(d *Date) {
	if d.Weekday < 0 || d.Y == 0 || d.D == 0 {
		return
	}
	if int(d.time().Weekday()) == d.Weekday {
		return
	}
	if d.Year != YearStated {
		for _, dy := range []int{-1, 1} {
			c := *d
			c.Y += dy
			if plausible(c) && int(c.time().Weekday()) == d.Weekday {
				d.Y = c.Y
				d.Doubt = "年の記載がなく、曜日から年を読んだ"
				return
			}
		}
	}
	d.Doubt = "曜日が日付と合わない"
}

// noticeYearOf is the year relative words (昨年, 本年) count from: the
// publication date's, else the first printed year.
func noticeYearOf(ds []Date, published *Date) int {
	if published != nil && published.Y > 0 {
		return published.Y
	}
	for _, d := range ds {
		if d.Year == YearStated {
			return d.Y
		}
	}
	return 0
}

// yearNote is the inferred-reason a carried year deserves, "" when the year is
// printed with the date.
func (d Date) yearNote(t *Text, ds []Date) string {
	switch d.Year {
	case YearStated:
		return ""
	case YearCarried, YearSame, YearNext, YearLater:
		if d.YearFrom >= 0 && d.YearFrom < len(ds) {
			p := ds[d.YearFrom]
			return fmt.Sprintf("年は「%s」から", t.Quote(p.s, p.e))
		}
	case YearLast, YearThis:
		return "年は通知の日付から"
	}
	return "年の記載なし"
}

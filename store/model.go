// Package store holds the domain of the exposure check: services, incidents and
// the populations they affected, the contacts people can reach, the matching of a
// person's dates against affected windows, and the SQLite database built from the
// curated data files.
package store

import (
	"fmt"
	"slices"
	"strings"
	"time"
)

// Tokyo is the time zone every date in the notices and in a person's answers is in.
var Tokyo = mustTokyo()

func mustTokyo() *time.Location {
	loc, err := time.LoadLocation("Asia/Tokyo")
	if err != nil {
		// Japan has had no DST since 1951; a fixed zone is exact for every date we handle.
		return time.FixedZone("JST", 9*60*60)
	}
	return loc
}

// Certainty is how sure the notice is that data left the company.
type Certainty string

const (
	Leaked             Certainty = "leaked"
	PossiblyLeaked     Certainty = "possibly_leaked"
	AccessedNoEvidence Certainty = "accessed_no_evidence"
	// DisclosedToParty: the data reached a named party (a misdirected email, a
	// letter sent to the wrong person) and the notice says nothing left beyond it.
	DisclosedToParty Certainty = "disclosed_to_party"
	// UnderInvestigation: the notice does not yet say whether data left (調査中).
	UnderInvestigation Certainty = "under_investigation"
)

// Certainties lists the valid certainties, most serious first.
var Certainties = []Certainty{Leaked, PossiblyLeaked, UnderInvestigation, DisclosedToParty, AccessedNoEvidence}

// ActivityKind says what a person's answer about an activity means.
type ActivityKind string

const (
	// Moment: the person did something at an instant (paid, entered a card,
	// ordered); a span answer means "some time in it".
	Moment ActivityKind = "moment"
	// Tenure: the person held something over a period (an account, a
	// membership); a span answer is the whole time their data existed.
	Tenure ActivityKind = "tenure"
)

// OrganisationKind says what sort of body published a notice, so the page
// words it right (not 「会社」 for a city).
type OrganisationKind string

const (
	Company     OrganisationKind = "company"
	PublicBody  OrganisationKind = "public_body"
	Association OrganisationKind = "association"
	Unnamed     OrganisationKind = "unnamed"
)

// OrganisationKinds lists the valid kinds.
var OrganisationKinds = []OrganisationKind{Company, PublicBody, Association, Unnamed}

// Organisation is a body named in (or implied by) a notice.
type Organisation struct {
	Name *string          `json:"name"` // nil: the text names none
	Kind OrganisationKind `json:"kind"`
}

// DisplayName is the name, or a neutral phrase when the text names none; an
// excerpt's name may lie past the cut, so it is not said to be absent.
func (o Organisation) DisplayName(excerpt bool) string {
	switch {
	case o.Name != nil:
		return *o.Name
	case excerpt:
		return "組織名は手元の写し（ページの冒頭部分）にありません"
	}
	return "組織名の記載なし（通知では「弊社」などとだけ書かれています）"
}

// NoticeRef says which text an incident was encoded from.
type NoticeRef struct {
	File string `json:"file"`
	// Excerpt: the text is only the opening of a published page; whatever
	// follows the cut is unknown, not absent.
	Excerpt bool `json:"excerpt"`
	// RetrievedFrom is where an excerpt was copied from (its first line); it is
	// not a URL the notice prints.
	RetrievedFrom *string `json:"retrieved_from"`
}

// IsCardClass reports whether a data class is part of a payment card's data.
func IsCardClass(c string) bool {
	switch c {
	case "card_number", "card_expiry", "card_holder", "card_cvv", "card_info":
		return true
	}
	return false
}

// DataGroup is the kind of data a class belongs to; the result page gives each
// group its own line so a match on lesser data never hides card data.
type DataGroup string

const (
	CardData     DataGroup = "card"
	LoginData    DataGroup = "login"
	ContactData  DataGroup = "contact"
	PersonalData DataGroup = "personal"
	OtherData    DataGroup = "other"
)

// DataGroups lists the groups, most urgent first.
var DataGroups = []DataGroup{CardData, LoginData, ContactData, PersonalData, OtherData}

// Service is something a person may have used: a shop, a platform, a mall store.
type Service struct {
	ID         string     `json:"id"`
	Name       string     `json:"name"`
	Kana       string     `json:"kana"`
	Operator   string     `json:"operator"`
	Aliases    []string   `json:"aliases"`
	Activities []Activity `json:"activities"`
	Incident   string     `json:"incident"`
	// Unaffected, when set, is the company's statement that this service was not
	// affected; people look for that statement too.
	Unaffected *Statement `json:"unaffected,omitempty"`
	// Lifetime, when the notice states it, is when the service existed; a
	// person's answer is clipped to it before matching.
	Lifetime *Window `json:"lifetime,omitempty"`
}

// Activity finds one of the service's activities.
func (s Service) Activity(id string) (Activity, bool) {
	for _, a := range s.Activities {
		if a.ID == id {
			return a, true
		}
	}
	return Activity{}, false
}

// Activity is what a person did at a service (paid by card, registered...).
type Activity struct {
	ID       string       `json:"id"`
	Kind     ActivityKind `json:"kind"`
	Label    string       `json:"label"`
	Question string       `json:"question"`
}

// Statement is a sentence of a notice with the words it rests on.
type Statement struct {
	Text  string `json:"text"`
	Quote string `json:"quote"`
}

// Source is where a notice was published.
type Source struct {
	Title string  `json:"title"`
	URL   *string `json:"url"`
	Date  *Day    `json:"date"`
	// Quote is empty when the title is the site's own wording, not the notice's.
	Quote string `json:"quote,omitempty"`
	// TitleFromNotice says whether the title is printed in the notice.
	TitleFromNotice bool `json:"title_from_notice"`
}

// Event is one step of an incident's timeline.
type Event struct {
	At       string `json:"at"` // as precise as the notice: "2018-01-07T20:04", "2018-01-07", "2018-05"
	Text     string `json:"text"`
	Quote    string `json:"quote"`
	Inferred string `json:"inferred,omitempty"`
}

// Update is a later addition to a notice (追記) that changed what it says.
type Update struct {
	At       string `json:"at"`
	Text     string `json:"text"`
	Quote    string `json:"quote"`
	Inferred string `json:"inferred,omitempty"`
}

// Incident is one breach as its notice describes it.
type Incident struct {
	ID            string         `json:"id"`
	Title         string         `json:"title"`
	Organisations []Organisation `json:"organisations"`
	Notice        NoticeRef      `json:"notice"`
	Updated       Day            `json:"updated"`
	Published     *Dated         `json:"published"` // nil: the text does not say
	PublishedNote string         `json:"published_note,omitempty"`
	Discovered    *Dated         `json:"discovered"`
	Counts        []SharedCount  `json:"counts"`
	Summary       Statement      `json:"summary"`
	Sources       []Source       `json:"sources"`
	Updates       []Update       `json:"updates"`
	Timeline      []Event        `json:"timeline"`
	Populations   []Population   `json:"populations"`
	Contacts      []Contact      `json:"contacts"`
	Notes         []Note         `json:"notes"`
	Services      []Service      `json:"services"`
}

// OrganisationNames joins the organisations' names for a heading.
func (inc Incident) OrganisationNames() string {
	names := make([]string, len(inc.Organisations))
	for i, o := range inc.Organisations {
		names[i] = o.DisplayName(inc.Notice.Excerpt)
	}
	return strings.Join(names, "・")
}

// DaysToAnnounce is how many days passed between discovery and publication,
// when the notice states both.
func (inc Incident) DaysToAnnounce() (int, bool) {
	if inc.Published == nil || inc.Discovered == nil || inc.Published.Unit != DayUnit || inc.Discovered.Unit != DayUnit {
		return 0, false
	}
	return DaysBetween(inc.Discovered.Day, inc.Published.Day), true
}

// Dated is a day (or the month or year a notice gives) with the quote that states it.
type Dated struct {
	Day Day `json:"day"` // the first day of the unit
	// Unit is the notice's precision: a day, or only a month (「2016年5月」).
	Unit  Unit   `json:"unit"`
	Quote string `json:"quote"`
	// Inferred, when set, says why the day is implied rather than stated.
	Inferred string `json:"inferred,omitempty"`
}

// Note is an incident's own advice or warning (reissue fee waived, no attachments...).
type Note struct {
	ID    string `json:"id"`
	Text  string `json:"text"`
	Quote string `json:"quote"`
	// Populations are the groups the note concerns; empty: all of the incident's.
	Populations []string `json:"populations"`
}

// Concerns reports whether the note applies to a population.
func (n Note) Concerns(population string) bool {
	return len(n.Populations) == 0 || slices.Contains(n.Populations, population)
}

// CountKind says what a notice's number means.
type CountKind string

const (
	CountMax     CountKind = "max"      // 最大
	CountExact   CountKind = "exact"    // a plain figure
	CountAtLeast CountKind = "at_least" // 以上, を超える
	CountAbout   CountKind = "about"    // 約
)

// CountKinds lists the valid kinds.
var CountKinds = []CountKind{CountMax, CountExact, CountAtLeast, CountAbout}

// SharedCount is one total a notice gives over several populations; the page
// never shows it as if each group had it.
type SharedCount struct {
	ID          string    `json:"id"`
	Populations []string  `json:"populations"`
	Count       int       `json:"count"`
	Kind        CountKind `json:"count_kind"`
	Label       string    `json:"label"`
	Quote       string    `json:"quote"`
}

// OnlySome says that only some people inside a population's window were
// affected, who decides, and by what.
type OnlySome struct {
	Who      string `json:"who"`
	Criteria string `json:"criteria"`
	Quote    string `json:"quote"`
}

// Population is a group of people an incident affected: one service and some of
// its activities, a window, and the data exposed.
type Population struct {
	ID         string    `json:"id"`
	Incident   string    `json:"incident"`
	Service    string    `json:"service"`
	Activities []string  `json:"activities"`
	Label      string    `json:"label"`
	Window     *Window   `json:"window"` // nil: the notice states no period
	Exposed    []string  `json:"exposed"`
	Certainty  Certainty `json:"certainty"`
	// DisclosedTo names whom the data reached, for DisclosedToParty.
	DisclosedTo string      `json:"disclosed_to,omitempty"`
	MaxCount    *int        `json:"max_count"`
	CountKind   CountKind   `json:"count_kind,omitempty"`
	CountQuote  string      `json:"count_quote,omitempty"`
	CountGroup  string      `json:"count_group,omitempty"` // a SharedCount id
	CountNote   string      `json:"count_note,omitempty"`
	Breakdown   []Breakdown `json:"breakdown,omitempty"`
	// OnlySome: only some people inside the window were affected; nil: all.
	OnlySome *OnlySome `json:"only_some"`
	// Within is the id of the population this group is part of (「うち…」).
	Within   string `json:"within,omitempty"`
	Inferred string `json:"inferred,omitempty"`
	Notes    string `json:"notes,omitempty"`
	Quote    string `json:"quote"`
}

// Covers reports whether the population is about that service and activity.
func (p Population) Covers(service, activity string) bool {
	if p.Service != service {
		return false
	}
	for _, a := range p.Activities {
		if a == activity {
			return true
		}
	}
	return false
}

// Breakdown is one row of a notice's per-combination count table.
type Breakdown struct {
	Exposed []string `json:"exposed"`
	Count   int      `json:"count"`
	Quote   string   `json:"quote"`
}

// Contact is a desk people can call or write to.
type Contact struct {
	ID        string     `json:"id"`
	Incident  string     `json:"incident"`
	Kind      string     `json:"kind"` // phone, email, web
	Value     string     `json:"value"`
	Label     string     `json:"label"`
	Audience  []string   `json:"audience"` // "service.activity" or "press"
	Hours     *Hours     `json:"hours"`
	ValidFrom *time.Time `json:"valid_from"`
	// ValidFromInferred says why valid_from is implied (e.g. taken from the
	// publication date) rather than stated.
	ValidFromInferred string `json:"valid_from_inferred,omitempty"`
	// ValidFromQuote is the notice's words for when the desk opened, when
	// they are not in the contact's own quote.
	ValidFromQuote string     `json:"valid_from_quote,omitempty"`
	ValidTo        *time.Time `json:"valid_to"` // exclusive
	Notes          string     `json:"notes,omitempty"`
	Quote          string     `json:"quote"`
}

// ForPress reports whether the desk is only for the press.
func (c Contact) ForPress() bool {
	for _, a := range c.Audience {
		if a == "press" {
			return true
		}
	}
	return false
}

// Serves reports whether the desk answers people who did that activity.
func (c Contact) Serves(service, activity string) bool {
	for _, a := range c.Audience {
		if a == service+"."+activity {
			return true
		}
	}
	return false
}

// Hours are a desk's opening hours.
type Hours struct {
	Days  Days   `json:"days"`
	Open  Clock  `json:"open"`
	Close Clock  `json:"close"`
	Notes string `json:"notes,omitempty"`
}

// Days says on which days a desk is open.
type Days string

const (
	// EveryDay includes weekends and public holidays (「土日祝日を含む」).
	EveryDay Days = "every_day"
	// Weekdays are Monday to Friday except Japanese public holidays (「平日のみ」).
	Weekdays Days = "weekdays"
)

// Clock is a time of day in minutes after midnight.
type Clock int

// MarshalText writes HH:MM.
func (c Clock) MarshalText() ([]byte, error) {
	return fmt.Appendf(nil, "%02d:%02d", int(c)/60, int(c)%60), nil
}

// UnmarshalText reads HH:MM.
func (c *Clock) UnmarshalText(b []byte) error {
	var h, m int
	if _, err := fmt.Sscanf(string(b), "%d:%d", &h, &m); err != nil {
		return fmt.Errorf("clock %q: %w", b, err)
	}
	*c = Clock(h*60 + m)
	return nil
}

// Advice is what to do when a data class leaked.
type Advice struct {
	Class    string    `json:"class"`
	Label    string    `json:"label"`
	Group    DataGroup `json:"group"`
	Priority int       `json:"priority"`
	Steps    []string  `json:"steps"`
}

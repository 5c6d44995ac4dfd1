// Package store holds the domain of the exposure check: services, incidents and
// the populations they affected, the contacts people can reach, the matching of a
// person's dates against affected windows, and the SQLite database built from the
// curated data files.
package store

import (
	"fmt"
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
)

// Certainties lists the valid certainties, most serious first.
var Certainties = []Certainty{Leaked, PossiblyLeaked, AccessedNoEvidence}

// DataClasses are the ids of the kinds of personal data a notice can name.
var DataClasses = []string{
	"card_number", "card_expiry", "card_holder", "card_cvv", "card_info",
	"name", "address", "phone", "email", "birth_date", "gender", "occupation",
	"account_id", "password", "password_hash", "delivery_info", "bank_account",
	"points", "payment_method", "business_info", "order_info", "other",
}

// IsCardClass reports whether a data class is part of a payment card's data.
func IsCardClass(c string) bool {
	switch c {
	case "card_number", "card_expiry", "card_holder", "card_cvv", "card_info":
		return true
	}
	return false
}

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
	ID       string `json:"id"`
	Label    string `json:"label"`
	Question string `json:"question"`
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
	Quote string  `json:"quote,omitempty"`
}

// Event is one step of an incident's timeline.
type Event struct {
	At    string `json:"at"` // as precise as the notice: "2018-01-07T20:04", "2018-01-07", "2018-05"
	Text  string `json:"text"`
	Quote string `json:"quote"`
}

// Update is a later addition to a notice (追記) that changed what it says.
type Update struct {
	At    string `json:"at"`
	Text  string `json:"text"`
	Quote string `json:"quote"`
}

// Incident is one breach as its notice describes it.
type Incident struct {
	ID            string       `json:"id"`
	Title         string       `json:"title"`
	Organisations []string     `json:"organisations"`
	Notice        string       `json:"notice"` // file name under shared/notices
	Updated       Day          `json:"updated"`
	Published     Day          `json:"published"`
	PublishedNote string       `json:"published_note,omitempty"`
	Discovered    *Dated       `json:"discovered"`
	Summary       Statement    `json:"summary"`
	Sources       []Source     `json:"sources"`
	Updates       []Update     `json:"updates"`
	Timeline      []Event      `json:"timeline"`
	Populations   []Population `json:"populations"`
	Contacts      []Contact    `json:"contacts"`
	Notes         []Note       `json:"notes"`
	Services      []Service    `json:"services"`
}

// Dated is a day with the quote that states it.
type Dated struct {
	Day   Day    `json:"day"`
	Quote string `json:"quote"`
}

// Note is an incident's own advice or warning (reissue fee waived, no attachments...).
type Note struct {
	ID    string `json:"id"`
	Text  string `json:"text"`
	Quote string `json:"quote"`
}

// Population is a group of people an incident affected: one service and some of
// its activities, a window, and the data exposed.
type Population struct {
	ID         string      `json:"id"`
	Incident   string      `json:"incident"`
	Service    string      `json:"service"`
	Activities []string    `json:"activities"`
	Label      string      `json:"label"`
	Window     *Window     `json:"window"` // nil: the notice states no period
	Exposed    []string    `json:"exposed"`
	Certainty  Certainty   `json:"certainty"`
	MaxCount   *int        `json:"max_count"`
	CountNote  string      `json:"count_note,omitempty"`
	Breakdown  []Breakdown `json:"breakdown,omitempty"`
	Decider    string      `json:"decider,omitempty"` // who decides when the date does not
	Notes      string      `json:"notes,omitempty"`
	Quote      string      `json:"quote"`
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
	ValidTo   *time.Time `json:"valid_to"` // exclusive
	Notes     string     `json:"notes,omitempty"`
	Quote     string     `json:"quote"`
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
	Class    string   `json:"class"`
	Label    string   `json:"label"`
	Priority int      `json:"priority"`
	Steps    []string `json:"steps"`
}

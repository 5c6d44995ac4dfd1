// Package views renders the site's pages. Each page takes a plain view-model
// struct shaped like the page; views format dates and numbers and nothing else.
package views

import "time"

// Meta is what every page tells the layout.
type Meta struct {
	Title       string // without the site name
	Description string
	CSS         string // fingerprinted stylesheet URL
	JS          string // fingerprinted script URL; empty: no script
	Icon        string // the icon as a data: URI (no request for it); empty: /favicon.ico
	Canonical   string
	NoIndex     bool
	Nav         string // which nav item is current: check, incidents, about
}

// SiteName is shown in the header and appended to titles.
const SiteName = "情報流出セルフチェック"

// Link is a labelled URL.
type Link struct {
	Label string
	URL   string
}

// Quote is a statement of ours with the notice's own words behind it.
type Quote struct {
	Text  string
	Quote string
}

// Window is an affected period: From inclusive, To exclusive; nil is open.
// Both nil with Stated false means the notice gives no period.
type Window struct {
	Stated   bool
	From, To *time.Time
}

// Steps of the questionnaire, for the progress indicator.
type Progress struct {
	Current int // 1-based
	Steps   []string
}

// CheckProgress is the questionnaire's three steps.
func CheckProgress(current int) Progress {
	return Progress{Current: current, Steps: []string{"サービスを選ぶ", "利用内容と時期", "結果"}}
}

// StartPage is "/".
type StartPage struct {
	Meta      Meta
	Incidents []IncidentSummary
	Updated   time.Time
}

// IncidentSummary is one row of an incident list.
type IncidentSummary struct {
	ID            string
	Title         string
	Organisations string
	Published     time.Time
	Services      []Link
	URL           string
}

// ServiceOption is a checkbox in step 1.
type ServiceOption struct {
	ID       string
	Name     string
	Operator string
	Note     string // e.g. 「流出なしと公表」
	Keys     string // every name it is known by, for live filtering
	Checked  bool
}

// ServicesStep is step 1 of the questionnaire.
type ServicesStep struct {
	Meta     Meta
	Progress Progress
	CSRF     string
	Query    string
	Searched bool
	Selected []ServiceOption // always shown, even when the search hides them
	Options  []ServiceOption // search results (or all), minus the selected
	Error    string
	Notice   string // e.g. the session expired
	MaxQuery int
}

// WhenStep is step 2 of the questionnaire.
type WhenStep struct {
	Meta     Meta
	Progress Progress
	CSRF     string
	Services []ServiceAnswers
	Error    string // a summary at the top when fields have errors
	Errors   []Link // each error, linking to its field
	Today    string // YYYY-MM-DD, the max of date inputs
	ThisMon  string // YYYY-MM
}

// ServiceAnswers groups one service's activities in step 2.
type ServiceAnswers struct {
	ID         string
	Name       string
	Activities []ActivityAnswer
	Error      string // e.g. no activity chosen
}

// ActivityAnswer is one activity's checkbox and its date fields.
type ActivityAnswer struct {
	Key      string // service.activity, the field name prefix
	Label    string
	Question string
	Checked  bool
	Mode     string // day, month, range, unknown
	Day      string
	Month    string
	From     string
	To       string
	Error    string
}

// ResultPage is the bookmarkable result.
type ResultPage struct {
	Meta        Meta
	Progress    Progress
	Computed    time.Time
	DataUpdated time.Time
	Permalink   string
	EditURL     string
	Cards       []ResultCard
	Summary     []CardSummary
}

// CardSummary is one line of the overview at the top of the result.
type CardSummary struct {
	Anchor  string
	Name    string
	Verdict string
	Label   string
}

// ResultCard is one use's verdict.
type ResultCard struct {
	Anchor        string
	ServiceName   string
	ServiceURL    string
	ActivityLabel string
	Answer        []string // the person's dates, formatted by the view
	AnswerSpans   []Window
	Verdict       string // match, partial, unknown, outside, unaffected
	VerdictLabel  string
	Headline      string
	Populations   []PopulationView
	Unaffected    *Quote
	Steps         []string
	Notes         []Quote
	Contacts      []ContactView
	PressContacts []ContactView
	AllEnded      bool
	NoContacts    bool
	AddDateURL    string
	Incidents     []IncidentRef
}

// IncidentRef is an incident a card draws on.
type IncidentRef struct {
	Title          string
	URL            string
	Published      time.Time
	Discovered     *time.Time
	DaysToAnnounce int
}

// PopulationView is one affected group and this person's verdict for it.
type PopulationView struct {
	Level        int // heading level: 3 under an h2, 4 under an h3
	Label        string
	Verdict      string
	VerdictLabel string
	Explanation  string
	Window       Window
	Deciding     []time.Time
	Exposed      []string
	Certainty    string
	MaxCount     *int
	CountNote    string
	Breakdown    []BreakdownView
	Decider      string
	Notes        string
	Quote        string
	Incident     string
}

// BreakdownView is one row of a count table.
type BreakdownView struct {
	Exposed string
	Count   int
}

// ContactView is one desk.
type ContactView struct {
	Kind      string // phone, email, web
	Label     string
	Value     string // as printed in the notice
	Href      string // tel:+81..., mailto:..., https://...
	Hours     string
	HoursNote string
	Audience  string
	ValidFrom *time.Time
	ValidTo   *time.Time
	State     string // ended, open, closed_now, unknown
	Next      *time.Time
	Holiday   string
	EndStated bool
	Notes     string
	TollFree  bool
}

// IncidentsPage is /incidents.
type IncidentsPage struct {
	Meta      Meta
	Incidents []IncidentSummary
}

// IncidentPage is /incidents/{id}.
type IncidentPage struct {
	Meta          Meta
	Title         string
	Organisations string
	Published     time.Time
	PublishedNote string
	Discovered    *time.Time
	Days          int
	Summary       Quote
	Services      []Link
	Populations   []PopulationView
	Timeline      []Event
	Updates       []Event
	Contacts      []ContactView
	Notes         []Quote
	Sources       []SourceView
	JSONURL       string
}

// Event is a timeline row.
type Event struct {
	At    string // already formatted: precision varies
	Text  string
	Quote string
}

// SourceView is where a notice was published.
type SourceView struct {
	Title string
	URL   string // empty: the notice gives none
	Date  *time.Time
}

// ServicePage is /services/{id}.
type ServicePage struct {
	Meta       Meta
	Name       string
	Operator   string
	Aliases    []string
	Activities []Link // label → check URL with that activity
	Unaffected *Quote
	Incident   Link
	Pops       []PopulationView
	CheckURL   string
}

// AboutPage is /about.
type AboutPage struct {
	Meta    Meta
	Sources []Link
}

// ErrorPage is every error.
type ErrorPage struct {
	Meta    Meta
	Status  int
	Heading string
	Message string
	Detail  string
	Back    Link
}

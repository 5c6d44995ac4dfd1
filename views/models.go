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
	Incidents []IncidentSummary // the newest few
	Total     int               // incidents the site holds
	MaxQuery  int
	Updated   time.Time
}

// IncidentSummary is one row of an incident list.
type IncidentSummary struct {
	ID            string
	Title         string
	Organisations string
	Published     *time.Time // nil: the text does not say
	Year          string     // the incident's year for lists: 2018年, or 「年の記載なし」
	Excerpt       bool
	DataKinds     string // the kinds of data at a glance: カード情報・ログイン情報...
	Services      []Link // the services whose people the notice concerns
	Unaffected    []Link // services the notice states were not affected
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
	Hidden   bool // chosen earlier but not matched by the search: kept in the form, not shown
	// For a shop inside another company's venue (ゲオEショップ 楽天市場店):
	// the folded words of its own brand, and the sentence saying it is not
	// the venue, for a search that finds it only by the venue's name.
	Brand      string
	InsideNote string
}

// InsideMatch is a search result found only by a venue's name.
type InsideMatch struct {
	Name string
	Note string // 「…」は、楽天市場に出店している…の店舗です。楽天市場そのものの事案ではありません。
}

// ServicesStep is step 1 of the questionnaire.
type ServicesStep struct {
	Meta     Meta
	Progress Progress
	CSRF     string
	Query    string
	Searched bool
	// Options are the search's matches (or every service) plus the chosen
	// ones, always in the data's order so that the browser's restoring of
	// ticks on back and forward lands on the same services.
	Options   []ServiceOption
	Shown     int           // options matching the search (all without one)
	Total     int           // services the site knows
	Many      bool          // more services than a phone list shows without a search
	Recent    bool          // so only the newest incidents' services are shown
	More      int           // matches beyond those listed
	Picked    []string      // names of the chosen services
	Inside    []InsideMatch // every match is only a venue's name (楽天, Amazon)
	Incidents int           // incidents the site holds
	Error     string
	Notice    string // e.g. the session expired
	MaxQuery  int
}

// WhenStep is step 2 of the questionnaire.
type WhenStep struct {
	Meta       Meta
	Progress   Progress
	CSRF       string
	Services   []ServiceAnswers
	Unaffected []ServiceAnswers // stated as not affected: no questions
	Error      string           // a summary at the top when fields have errors
	Errors     []Link           // each error, linking to its field
	Today      string           // YYYY-MM-DD, the max of date inputs
	ThisMon    string           // YYYY-MM
}

// ServiceAnswers groups one service's activities in step 2.
type ServiceAnswers struct {
	ID         string
	Name       string
	Activities []ActivityAnswer
	Error      string // e.g. no activity chosen
	Unaffected *Quote // the notice's statement that it was not affected
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

// ResultPage is the bookmarkable result: an overall sentence, one card per
// service, what to do once for the page, whom to call, and how to keep it.
type ResultPage struct {
	Meta        Meta
	Computed    time.Time
	DataUpdated time.Time
	Permalink   string // absolute, for copying
	EditURL     string
	// Overall are the sentences under the h1: how many of the services
	// checked are in a window.
	Overall []string
	// OutsideNote: some line is outside a window; say that this speaks for
	// that incident only.
	OutsideNote bool
	// Overview is one row per service for a page of several, so the first
	// screen holds every service's verdict per kind of data.
	Overview []OverviewRow
	Cards    []ServiceCard
	Todo     Todo
	Desks    []DeskGroup
	// PressDesks: some incident has press-only lines, listed on its page.
	PressDesks bool
}

// OverviewRow is one service at a glance: a chip per line of its card.
type OverviewRow struct {
	Anchor string
	Name   string
	Chips  []Chip
}

// Chip is one kind of data and its verdict in a few words.
type Chip struct {
	Kind    string // カード, ログイン, 個人情報
	Verdict string
	Word    string // 対象期間内, 条件による...
}

// ServiceCard is one service checked: the answers, a line per kind of data,
// and the details behind them.
type ServiceCard struct {
	Anchor     string
	Name       string
	ServiceURL string
	Verdict    string // the most serious line's verdict
	Answers    []AnswerView
	Lines      []DataLine
	Unaffected *Quote
	// Excerpt is set when an incident behind the card was encoded from the
	// opening of a page only.
	Excerpt     *ExcerptView
	Populations []PopulationView
	// Notes are what the notices add that asks nothing of the person
	// (monitoring requested, no other cards held).
	Notes     []NoteView
	Incidents []IncidentRef
}

// AnswerView is one activity the person answered about.
type AnswerView struct {
	Activity   string
	Spans      []Window // empty: not remembered
	AddDateURL string   // for an answer without a date
}

// DataLine is one kind of data (card, login, personal) and its verdict.
type DataLine struct {
	Kind    string // card, login, personal
	Label   string // カード情報
	Classes string // カード番号・有効期限…
	Verdict string // match, partial, unknown, outside, unaffected
	Text    string // one sentence, never stronger than the notice
	Detail  string // who decides, the window for an outside line...
	// Refine is the deciding instant on a boundary day, with links.
	Refine *Refine
	// Ask is the window to compare with when no date was given.
	Ask *PeriodAsk
	// Reached says what reached whom, for a misdirected mail or letter.
	Reached *Reached
}

// Reached is data that reached a named party (certainty disclosed_to_party).
type Reached struct {
	What, Whom string
	IfIn       bool // the line is partial: this holds for those concerned
}

// Refine offers the before / after answers that settle a boundary.
type Refine struct {
	At          time.Time
	InsideAfter bool // the edge starts the window: on or after it is inside
	Approx      bool // 「頃」: no answer settles it
	SameDay     bool // the answer is that one day: name the clock only
	SameYear    bool // the answer lies in one year: leave the year out
	AfterURL    string
	BeforeURL   string
	UnsureURL   string
}

// PeriodAsk is "did you use it in this period?" for an answer without a date.
type PeriodAsk struct {
	Window   Window
	Question string
	YesURL   string
	NoURL    string // empty when the window has no end to be outside of
}

// Todo is what to do now, once for the page, most urgent first.
type Todo struct {
	Steps []TodoStep
	// Conditional: nothing is a plain match, so the steps are for the case
	// the person turns out to be inside.
	Conditional bool
	// Notes are the companies' own advice that belongs to no step.
	Notes []NoteView
}

// TodoStep is one thing to do, with the companies' words that go with it.
type TodoStep struct {
	Text  string
	For   string // the services it concerns, when the page has several
	Notes []NoteView
}

// NoteView is an incident's own advice, in its words.
type NoteView struct {
	Service string
	Text    string
	Quote   string
}

// ExcerptView says an incident rests on the opening of a page.
type ExcerptView struct {
	Title string
	URL   string // where the copy was taken from; empty when unknown
}

// DeskGroup is whom to call about one incident: the desks that may still
// answer first, ended ones on a line each.
type DeskGroup struct {
	Heading string
	Live    []ContactView
	Ended   []ContactView
	// NoDesk: the text names no desk for these people.
	NoDesk bool
	// Excerpt: the text is the opening of a page; desks may lie past the cut.
	Excerpt *ExcerptView
	// CardAdvice: card data is concerned; point to the issuer's number.
	CardAdvice bool
	// Notes are the incident's own instructions for contacting its desks.
	Notes []NoteView
}

// IncidentRef is an incident a card draws on.
type IncidentRef struct {
	Title          string
	URL            string
	Published      *time.Time // nil: the text does not say
	Discovered     *time.Time
	DaysToAnnounce *int // nil: not computed (a date unknown or only a month)
	Excerpt        bool
	RetrievedFrom  string
	Dates          string // IncidentDates, when worded at start
}

// PopulationView is one affected group and this person's verdict for it.
type PopulationView struct {
	Level        int // heading level: 3 under an h2, 4 under an h3
	Label        string
	Verdict      string
	VerdictLabel string
	Explanation  string
	Window       Window
	Exposed      []string
	Certainty    string
	MaxCount     *int
	CountPrefix  string // 最大, 約... before the figure
	CountSuffix  string // 以上... after it
	SharedCount  string // a total shared with other groups, already worded
	CountNote    string
	Within       string // the label of the group this one is part of
	Breakdown    []BreakdownView
	OnlySome     *OnlySomeView
	Inferred     []string // what the notice implies but does not state
	Excerpt      bool     // the notice we hold is only the opening of its page
	Notes        string
	Quote        string
	Incident     string
	// Body is PopulationBody already rendered (HTML), or empty to render it.
	Body string
}

// OnlySomeView says who among those inside the window was affected.
type OnlySomeView struct {
	Criteria string
	Who      string
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
	// Announced is when the notice set the desk up (or the notice's date).
	Announced *time.Time
	// Stale: no end was stated and the desk was announced more than a year
	// ago (or when is unknown), so nobody can say whether it still answers;
	// the page says so instead of computing today's hours.
	Stale bool
	// StaleYears is how many whole years ago it was announced; 0: unknown.
	StaleYears int
}

// IncidentsPage is /incidents.
type IncidentsPage struct {
	Meta      Meta
	Total     int // incidents the site holds
	Incidents []IncidentSummary
	Years     []IncidentYear // this page's incidents grouped by year, newest first
	Page      int            // 1-based
	Pages     int
	Prev      string // URL of the newer page, "" on the first
	Next      string // URL of the older page, "" on the last
}

// IncidentYear is one year's incidents in the list.
type IncidentYear struct {
	Year      string
	Dated     bool // a year heading (not the group of unknown dates)
	Anchor    string
	Incidents []IncidentSummary
}

// IncidentPage is /incidents/{id}.
type IncidentPage struct {
	Meta          Meta
	Title         string
	Organisations string
	OrgLabel      string     // 会社, 団体, 公表した組織...: worded by the organisation's kind
	Published     *time.Time // nil: the text does not say
	PublishedNote string
	Discovered    *time.Time
	DiscoveredMon bool // the notice gives only the month
	Days          *int
	Excerpt       bool
	RetrievedFrom string
	Summary       Quote
	Services      []Link
	Unaffected    []Link // services the notice says were not affected
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
	At       string // already formatted: precision varies
	Text     string
	Quote    string
	Inferred string // why the date is implied, not stated (e.g. a year left out)
}

// SourceView is where a notice was published.
type SourceView struct {
	Title    string
	URL      string // empty: the notice gives none
	Date     *time.Time
	OurTitle bool // the notice prints no title: this one is the site's
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

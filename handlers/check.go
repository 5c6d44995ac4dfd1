package handlers

import (
	"net/http"
	"net/url"
	"slices"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/labstack/echo/v4"

	"exposurecheck/store"
	"exposurecheck/views"
)

// MaxQuery caps the search box; no service name is anywhere near this long.
const MaxQuery = 100

const expiredNotice = "一定時間が経ったか、確認の途中の情報を読み取れなかったため、最初からやり直しています。お手数ですが、もう一度サービスを選んでください。"

// CheckServices is step 1: pick services, with search.
func (s *Server) CheckServices(c echo.Context) error {
	p, reset := s.sessions.load(c)
	if c.QueryParam("new") != "" {
		p.Services, p.Answers = nil, nil
	}
	query := c.QueryParam("q")
	if !utf8.ValidString(query) || strings.ContainsRune(query, 0) {
		return badRequest("invalid_query", "q", "検索語に使えない文字が含まれています。")
	}
	if utf8.RuneCountInString(query) > MaxQuery {
		return badRequest("query_too_long", "q", "検索語が長すぎます（100文字まで）。")
	}
	page, err := s.servicesStep(c, p, query, "")
	if err != nil {
		return err
	}
	if reset || c.QueryParam("expired") != "" {
		page.Notice = expiredNotice
	}
	if err := s.sessions.save(c, p); err != nil {
		return err
	}
	noStore(c)
	return render(c, http.StatusOK, views.CheckServices(page))
}

func (s *Server) servicesStep(c echo.Context, p progress, query, errMsg string) (views.ServicesStep, error) {
	ctx := c.Request().Context()
	found, total, err := s.db.SearchFirst(ctx, query, MaxListed)
	if err != nil {
		return views.ServicesStep{}, err
	}
	page := views.ServicesStep{Meta: s.checkMeta("サービスを選ぶ"), Progress: views.CheckProgress(1), CSRF: p.CSRF,
		Query: query, Searched: store.Fold(query) != "", Error: errMsg, MaxQuery: MaxQuery, Incidents: s.db.IncidentCount()}
	page.Meta.NoIndex = page.Searched
	matched := make(map[string]bool, len(found))
	// A short query can match thousands: list the first and ask for more of
	// the name rather than render them all.
	if page.Searched {
		page.More = total - len(found)
	}
	for _, svc := range found {
		matched[svc.ID] = true
	}
	// Every render of a URL lists the same checkboxes in the same order (the
	// data's), whatever is ticked: browsers restore ticks by position on back
	// and forward, so moving the chosen ones would move their ticks. A chosen
	// service the search does not match stays in the form, hidden.
	all := s.db.Services()
	page.Total, page.Many = len(all), len(all) > MaxListed
	if !page.Searched && page.Many {
		// Too many to scan on a phone: list the newest incidents' services
		// and ask for a name for the rest.
		page.Recent = true
		found = s.db.RecentServices(MaxListed)
		matched = make(map[string]bool, len(found))
		for _, svc := range found {
			matched[svc.ID] = true
		}
	}
	page.Options = make([]views.ServiceOption, 0, len(found)+len(p.Services))
	option := func(svc store.Service) {
		picked := slices.Contains(p.Services, svc.ID)
		if !matched[svc.ID] && !picked {
			return
		}
		o := serviceOption(svc, picked)
		o.Hidden = !matched[svc.ID]
		page.Options = append(page.Options, o)
		if matched[svc.ID] {
			page.Shown++
		}
	}
	if page.Many {
		// Past MaxListed only the listed and the picked can be options: walk
		// those, not every service. The listed are in data order already.
		for _, svc := range found {
			option(svc)
		}
		for _, id := range p.Services {
			if svc, err := s.db.Service(id); err == nil && !matched[id] {
				option(svc)
			}
		}
	} else {
		for _, svc := range all {
			option(svc)
		}
	}
	for _, id := range p.Services {
		if svc, err := s.db.Service(id); err == nil {
			page.Picked = append(page.Picked, svc.Name)
		}
	}
	if page.Searched && len(found) > 0 {
		page.Inside = insideMatches(query, found)
	}
	return page, nil
}

// MaxListed is the most services step 1 lists without a search.
const MaxListed = 100

func serviceOption(svc store.Service, checked bool) views.ServiceOption {
	o := views.ServiceOption{ID: svc.ID, Name: svc.Name, Operator: svc.Operator, Checked: checked}
	if svc.Unaffected != nil {
		o.Note = "流出の可能性はないと公表されています"
	}
	// Built at its final size, in one allocation: a list renders up to
	// MaxListed of these.
	words := [...]string{svc.Name, svc.Kana, svc.Operator, svc.ID}
	size := len(words) - 1
	for _, w := range words {
		size += len(w)
	}
	for _, a := range svc.Aliases {
		size += 1 + len(a)
	}
	var keys strings.Builder
	keys.Grow(size)
	for i, w := range words {
		if i > 0 {
			keys.WriteByte(' ')
		}
		keys.WriteString(w)
	}
	for _, a := range svc.Aliases {
		keys.WriteByte(' ')
		keys.WriteString(a)
	}
	o.Keys = keys.String()
	if venue, brand, ok := mallStore(svc); ok {
		o.Brand = strings.Join(brandKeys(svc), " ")
		o.InsideNote = insideNote(svc.Name, venue, brand)
	}
	return o
}

// mallStore reports whether a service is a shop inside another company's
// venue, named like a mall store: "<brand> <venue>店" (ゲオEショップ
// 楽天市場店). Such a service matches the venue's name (楽天, Amazon) without
// being the venue.
func mallStore(svc store.Service) (venue, brand string, ok bool) {
	if !strings.HasSuffix(strings.TrimRightFunc(svc.Name, unicode.IsSpace), "店") {
		return "", "", false // most names; spares splitting them into words
	}
	words := strings.Fields(svc.Name)
	if len(words) < 2 {
		return "", "", false
	}
	last := words[len(words)-1]
	venue = strings.TrimSuffix(last, "店")
	if venue == last || venue == "" {
		return "", "", false
	}
	return venue, strings.Join(words[:len(words)-1], " "), true
}

// brandKeys are the folded words that name a mall store's own brand: the
// first word of its name and kana, its operator and the first part of its id.
func brandKeys(svc store.Service) []string {
	var keys []string
	add := func(s string) {
		if k := store.Fold(s); k != "" && !slices.Contains(keys, k) {
			keys = append(keys, k)
		}
	}
	if w := strings.Fields(svc.Name); len(w) > 0 {
		add(w[0])
	}
	if w := strings.Fields(svc.Kana); len(w) > 0 {
		add(w[0])
	}
	add(svc.Operator)
	add(strings.SplitN(svc.ID, "-", 2)[0])
	return keys
}

func insideNote(name, venue, brand string) string {
	return "「" + name + "」は、" + venue + "に出店している" + brand + "の店舗です。" + venue + "そのものの事案ではありません。"
}

// insideMatches explains a search whose every match is a mall store found by
// its venue's name: 「楽天」 finds only ゲオEショップ 楽天市場店, which is not
// an incident of 楽天市場 itself. Empty when any match is a service of the
// searched name.
func insideMatches(query string, found []store.Service) []views.InsideMatch {
	var words []string
	for _, w := range strings.Fields(query) {
		if k := store.Fold(w); k != "" {
			words = append(words, k)
		}
	}
	var out []views.InsideMatch
	for _, svc := range found {
		venue, brand, ok := mallStore(svc)
		if !ok {
			return nil
		}
		for _, k := range brandKeys(svc) {
			for _, w := range words {
				if strings.Contains(k, w) || strings.Contains(w, k) {
					return nil // the person named the store's own brand
				}
			}
		}
		out = append(out, views.InsideMatch{Name: svc.Name, Note: insideNote(svc.Name, venue, brand)})
	}
	return out
}

// CheckServicesSubmit saves the selection; "search" shows results, "next"
// moves on to step 2.
func (s *Server) CheckServicesSubmit(c echo.Context) error {
	p, form, ok, err := s.postedForm(c)
	if !ok {
		return err
	}
	var picked []string
	for _, id := range form["service"] {
		if s.db.HasService(id) && !slices.Contains(picked, id) {
			picked = append(picked, id)
		}
	}
	if len(picked) > store.MaxUses {
		picked = picked[:store.MaxUses]
	}
	p.Services = picked
	switch form.Get("action") {
	case "search", "all":
		if err := s.sessions.save(c, p); err != nil {
			return err
		}
		query := cleanQuery(form.Get("q"))
		if form.Get("action") == "all" || query == "" {
			return c.Redirect(http.StatusSeeOther, "/check")
		}
		return c.Redirect(http.StatusSeeOther, "/check?q="+url.QueryEscape(query))
	}
	if len(picked) == 0 {
		// Keep what was typed: the page then says whether we hold it.
		page, err := s.servicesStep(c, p, cleanQuery(form.Get("q")), "サービスを1つ以上選んでください。")
		if err != nil {
			return err
		}
		page.Meta.Title = "エラー: " + page.Meta.Title
		if err := s.sessions.save(c, p); err != nil {
			return err
		}
		noStore(c)
		return render(c, http.StatusUnprocessableEntity, views.CheckServices(page))
	}
	if err := s.sessions.save(c, p); err != nil {
		return err
	}
	// Services stated as not affected need no dates: when nothing else was
	// picked, the result follows at once.
	var uses []store.Use
	for _, id := range picked {
		svc, err := s.db.Service(id)
		if err != nil || svc.Unaffected == nil || len(svc.Activities) == 0 {
			return c.Redirect(http.StatusSeeOther, "/check/when")
		}
		uses = append(uses, unaffectedUse(svc))
	}
	return c.Redirect(http.StatusSeeOther, permalink(uses))
}

// postedForm reads a questionnaire POST once its session and form token
// check out; ok is false when the request has been answered instead.
func (s *Server) postedForm(c echo.Context) (p progress, form url.Values, ok bool, err error) {
	p, reset := s.sessions.load(c)
	form, err = c.FormParams()
	if err != nil {
		return p, nil, false, badRequest("invalid_form", "", "送信された内容を読み取れませんでした。")
	}
	if reset || !validCSRF(p, form.Get("csrf")) {
		return p, nil, false, s.restart(c, reset)
	}
	return p, form, true, nil
}

// restart answers a POST whose session expired or was tampered with (a fresh
// questionnaire with a message), or whose form token does not match (403).
func (s *Server) restart(c echo.Context, reset bool) error {
	if reset {
		s.sessions.clear(c)
		return c.Redirect(http.StatusSeeOther, "/check?expired=1")
	}
	return &inputError{Status: http.StatusForbidden, Code: "invalid_csrf",
		Message: "フォームの有効期限が切れたか、別の画面から送信されました。お手数ですが、もう一度操作してください。"}
}

// CheckWhen is step 2: activities and dates for each picked service.
func (s *Server) CheckWhen(c echo.Context) error {
	p, reset := s.sessions.load(c)
	if reset || len(p.Services) == 0 {
		if reset {
			return c.Redirect(http.StatusSeeOther, "/check?expired=1")
		}
		return c.Redirect(http.StatusSeeOther, "/check")
	}
	page := s.whenStep(p, url.Values(p.Answers), whenForm{})
	if err := s.sessions.save(c, p); err != nil {
		return err
	}
	noStore(c)
	return render(c, http.StatusOK, views.CheckWhen(page))
}

func (s *Server) whenStep(p progress, form url.Values, f whenForm) views.WhenStep {
	now := s.now().In(store.Tokyo)
	page := views.WhenStep{Meta: s.checkMeta("利用内容と時期"), Progress: views.CheckProgress(2), CSRF: p.CSRF,
		Today: now.Format("2006-01-02"), ThisMon: now.Format("2006-01")}
	ticked := map[string]bool{}
	for _, a := range form["act"] {
		ticked[a] = true
	}
	for _, id := range p.Services {
		svc, err := s.db.Service(id)
		if err != nil {
			continue
		}
		if svc.Unaffected != nil && len(svc.Activities) > 0 {
			page.Unaffected = append(page.Unaffected, views.ServiceAnswers{ID: svc.ID, Name: svc.Name,
				Unaffected: &views.Quote{Text: svc.Unaffected.Text, Quote: svc.Unaffected.Quote}})
			continue
		}
		sa := views.ServiceAnswers{ID: svc.ID, Name: svc.Name, Error: f.ServiceErrors[svc.ID]}
		for _, act := range svc.Activities {
			k := svc.ID + "." + act.ID
			// A service with one activity starts ticked, unless the person
			// has already answered for this service.
			checked := ticked[k] || (len(svc.Activities) == 1 && !answered(form, svc.ID))
			sa.Activities = append(sa.Activities, views.ActivityAnswer{Key: k, Label: act.Label, Question: act.Question,
				Checked: checked, Mode: form.Get("mode." + k), Day: form.Get("day." + k), Month: form.Get("month." + k),
				From: form.Get("from." + k), To: form.Get("to." + k), Error: f.FieldErrors[k]})
		}
		page.Services = append(page.Services, sa)
	}
	for _, sa := range page.Services {
		if sa.Error != "" {
			page.Errors = append(page.Errors, views.Link{Label: sa.Error, URL: "#svc-" + sa.ID})
		}
		for _, a := range sa.Activities {
			if a.Error != "" {
				page.Errors = append(page.Errors, views.Link{Label: sa.Name + ": " + a.Error, URL: "#act-" + a.Key})
			}
		}
	}
	if n := len(f.FieldErrors) + len(f.ServiceErrors); n > 0 {
		page.Error = strconv.Itoa(n) + "か所に問題があります。⚠の印のついた項目を直してください。"
		if msg := f.ServiceErrors[""]; msg != "" {
			page.Error += msg
		}
		page.Meta.Title = "エラー: " + page.Meta.Title
	}
	return page
}

// CheckWhenSubmit validates step 2 and redirects to the permalink.
func (s *Server) CheckWhenSubmit(c echo.Context) error {
	p, form, ok, err := s.postedForm(c)
	if !ok {
		return err
	}
	if len(p.Services) == 0 {
		return c.Redirect(http.StatusSeeOther, "/check")
	}
	var services []store.Service
	for _, id := range p.Services {
		if svc, err := s.db.Service(id); err == nil {
			services = append(services, svc)
		}
	}
	form = settleWhenForm(form, services)
	f := decodeWhenForm(form, services, s.db, s.now())
	p.Answers = answersOf(form)
	if err := s.sessions.save(c, p); err != nil {
		return err
	}
	if !f.ok() {
		noStore(c)
		return render(c, http.StatusUnprocessableEntity, views.CheckWhen(s.whenStep(p, form, f)))
	}
	return c.Redirect(http.StatusSeeOther, permalink(f.Uses))
}

// CheckEdit loads a result's answers into the questionnaire, so a bookmarked
// result can be changed without a session.
func (s *Server) CheckEdit(c echo.Context) error {
	uses, err := store.ParseUses(c.QueryParams()["use"], s.db, s.now())
	if err != nil {
		return useError(err)
	}
	p, _ := s.sessions.load(c)
	p.Services = nil
	for _, u := range uses {
		if !slices.Contains(p.Services, u.Service) {
			p.Services = append(p.Services, u.Service)
		}
	}
	p.Answers = answersFromUses(uses)
	if add := c.QueryParam("add"); add != "" && slices.ContainsFunc(uses, func(u store.Use) bool { return u.Key() == add }) {
		// "add a date" for an unknown answer: preselect the day field.
		p.Answers["mode."+add] = []string{"day"}
	}
	if err := s.sessions.save(c, p); err != nil {
		return err
	}
	return c.Redirect(http.StatusSeeOther, "/check/when")
}

// answered reports whether the form holds any answer about the service.
func answered(form url.Values, service string) bool {
	for _, a := range form["act"] {
		if strings.HasPrefix(a, service+".") {
			return true
		}
	}
	for k := range form {
		if strings.HasPrefix(k, "mode."+service+".") {
			return true
		}
	}
	return false
}

// cleanQuery makes a typed search word safe to carry in a URL: invalid UTF-8
// and control characters (NUL, bidi overrides) go, and it is cut to MaxQuery.
func cleanQuery(q string) string {
	q = strings.ToValidUTF8(q, "")
	q = strings.Map(func(r rune) rune {
		if unicode.IsControl(r) || unicode.Is(unicode.Cf, r) {
			return -1
		}
		return r
	}, q)
	if r := []rune(strings.TrimSpace(q)); len(r) > MaxQuery {
		return string(r[:MaxQuery])
	}
	return strings.TrimSpace(q)
}

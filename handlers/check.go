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
	found, err := s.db.Search(c.Request().Context(), query)
	if err != nil {
		return views.ServicesStep{}, err
	}
	page := views.ServicesStep{Meta: s.meta("サービスを選ぶ", "check"), Progress: views.CheckProgress(1), CSRF: p.CSRF,
		Query: query, Searched: store.Fold(query) != "", Error: errMsg, MaxQuery: MaxQuery}
	page.Meta.NoIndex = page.Searched
	for _, id := range p.Services {
		if svc, err := s.db.Service(id); err == nil {
			page.Selected = append(page.Selected, serviceOption(svc, true))
		}
	}
	for _, svc := range found {
		if !slices.Contains(p.Services, svc.ID) {
			page.Options = append(page.Options, serviceOption(svc, false))
		}
	}
	return page, nil
}

func serviceOption(svc store.Service, checked bool) views.ServiceOption {
	o := views.ServiceOption{ID: svc.ID, Name: svc.Name, Operator: svc.Operator, Checked: checked}
	if svc.Unaffected != nil {
		o.Note = "流出の可能性はないと公表されています"
	}
	keys := []string{svc.Name, svc.Kana, svc.Operator, svc.ID}
	o.Keys = strings.Join(append(keys, svc.Aliases...), " ")
	return o
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
		page, err := s.servicesStep(c, p, "", "サービスを1つ以上選んでください。")
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
	return c.Redirect(http.StatusSeeOther, "/check/when")
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
	page := views.WhenStep{Meta: s.meta("利用内容と時期", "check"), Progress: views.CheckProgress(2), CSRF: p.CSRF,
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

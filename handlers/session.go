package handlers

import (
	"crypto/rand"
	"crypto/subtle"
	"encoding/base64"
	"encoding/gob"
	"net/http"

	"github.com/gorilla/securecookie"
	"github.com/gorilla/sessions"
	"github.com/labstack/echo/v4"
)

const (
	sessionName   = "check"
	sessionMaxAge = 2 * 60 * 60 // a questionnaire takes minutes; two hours is plenty
)

// progress is what the questionnaire remembers between steps, only in the
// person's own encrypted cookie.
type progress struct {
	CSRF     string
	Services []string
	Answers  map[string][]string // the step-2 form as last submitted
}

func init() {
	// The session codec is gob; it must know the concrete types behind Values.
	gob.Register([]string{})
	gob.Register(map[string][]string{})
}

type sessionStore struct {
	store *sessions.CookieStore
}

func newSessionStore(keys [][]byte, secure bool) *sessionStore {
	st := sessions.NewCookieStore(keys...)
	st.Options = &sessions.Options{Path: "/check", MaxAge: sessionMaxAge, HttpOnly: true, Secure: secure, SameSite: http.SameSiteLaxMode}
	for _, c := range st.Codecs {
		if sc, ok := c.(*securecookie.SecureCookie); ok {
			sc.MaxAge(sessionMaxAge)
			sc.MaxLength(4096) // what browsers keep of one cookie
		}
	}
	return &sessionStore{store: st}
}

// load reads the progress; a tampered, expired or undecodable cookie gives
// fresh progress and reset=true so the page can say it started again.
func (s *sessionStore) load(c echo.Context) (p progress, reset bool) {
	sess, err := s.store.Get(c.Request(), sessionName)
	_, noCookie := c.Request().Cookie(sessionName)
	if err != nil {
		reset = noCookie == nil // a cookie was sent but did not verify
	}
	if v, ok := sess.Values["csrf"].(string); ok {
		p.CSRF = v
	}
	if v, ok := sess.Values["services"].([]string); ok {
		p.Services = v
	}
	if v, ok := sess.Values["answers"].(map[string][]string); ok {
		p.Answers = v
	}
	if p.CSRF == "" {
		p.CSRF = newToken()
	}
	return p, reset
}

func (s *sessionStore) save(c echo.Context, p progress) error {
	sess, _ := s.store.New(c.Request(), sessionName)
	sess.Values["csrf"] = p.CSRF
	sess.Values["services"] = p.Services
	sess.Values["answers"] = p.Answers
	return sess.Save(c.Request(), c.Response())
}

func (s *sessionStore) clear(c echo.Context) {
	sess, _ := s.store.New(c.Request(), sessionName)
	sess.Options.MaxAge = -1
	_ = sess.Save(c.Request(), c.Response())
}

func newToken() string {
	b := make([]byte, 32)
	_, _ = rand.Read(b)
	return base64.RawURLEncoding.EncodeToString(b)
}

// validCSRF compares the form's token with the session's in constant time.
func validCSRF(p progress, form string) bool {
	return form != "" && subtle.ConstantTimeCompare([]byte(p.CSRF), []byte(form)) == 1
}

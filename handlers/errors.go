package handlers

import (
	"errors"
	"net/http"
	"strings"

	"github.com/labstack/echo/v4"

	"exposurecheck/store"
	"exposurecheck/views"
)

// inputError is bad input from a person or client: always a 4xx with a
// Japanese message naming the part that is wrong.
type inputError struct {
	Status  int
	Code    string // machine-readable, for the API
	Param   string // the query parameter or form field
	Message string // Japanese, for people
	Detail  string // the offending part, shown as is (escaped)
}

func (e *inputError) Error() string { return e.Code + ": " + e.Message }

func badRequest(code, param, msg string) *inputError {
	return &inputError{Status: http.StatusBadRequest, Code: code, Param: param, Message: msg}
}

// useError turns the grammar's error into a 400 naming the parameter.
func useError(err error) *inputError {
	var ue *store.UseError
	if errors.As(err, &ue) {
		ie := badRequest("invalid_use", "use", ue.Error())
		ie.Detail = ue.Part
		return ie
	}
	return badRequest("invalid_use", "use", "確認内容（use）を読み取れませんでした")
}

// apiError is the JSON error body.
type apiError struct {
	Error apiErrorBody `json:"error"`
}

type apiErrorBody struct {
	Code    string `json:"code"`
	Message string `json:"message"`
	Param   string `json:"param,omitempty"`
}

// handleError is the one place errors become responses: JSON under /api,
// a Japanese page elsewhere. Only server faults are logged, with the request
// id, never the query.
func (s *Server) handleError(err error, c echo.Context) {
	if c.Response().Committed {
		return
	}
	ie := s.classify(err, c)
	if ie.Status >= 500 {
		s.log.Error("request failed", "method", c.Request().Method, "route", routeOf(c), "request_id", requestID(c), "error", err)
	}
	if ie.Status == http.StatusMethodNotAllowed {
		c.Response().Header().Set("Allow", allowed(c))
	}
	noStore(c)
	if strings.HasPrefix(c.Request().URL.Path, "/api/") {
		_ = c.JSON(ie.Status, apiError{Error: apiErrorBody{Code: ie.Code, Message: ie.Message, Param: ie.Param}})
		return
	}
	page := views.ErrorPage{Meta: s.meta("", ""), Status: ie.Status, Message: ie.Message, Detail: ie.Detail,
		Back: views.Link{Label: "はじめから確認する", URL: "/check"}}
	page.Meta.NoIndex = true
	switch {
	case ie.Status == http.StatusNotFound:
		page.Heading = "ページが見つかりません"
		page.Back = views.Link{Label: "事案の一覧を見る", URL: "/incidents"}
	case ie.Status >= 500:
		page.Heading = "問題が発生しました"
		page.Detail = "お問い合わせの際はこの番号をお伝えください: " + requestID(c)
	case ie.Status == http.StatusTooManyRequests:
		page.Heading = "アクセスが集中しています"
	default:
		page.Heading = "入力を確認してください"
	}
	page.Meta.Title = page.Heading
	if rerr := render(c, ie.Status, views.Error(page)); rerr != nil {
		_ = c.String(ie.Status, ie.Message)
	}
}

func (s *Server) classify(err error, c echo.Context) *inputError {
	var ie *inputError
	if errors.As(err, &ie) {
		return ie
	}
	if errors.Is(err, store.ErrNotFound) {
		return &inputError{Status: http.StatusNotFound, Code: "not_found", Message: "お探しのページは見つかりませんでした。URLが正しいか確認してください。"}
	}
	var he *echo.HTTPError
	if errors.As(err, &he) {
		switch he.Code {
		case http.StatusNotFound:
			return &inputError{Status: he.Code, Code: "not_found", Message: "お探しのページは見つかりませんでした。URLが正しいか確認してください。"}
		case http.StatusMethodNotAllowed:
			return &inputError{Status: he.Code, Code: "method_not_allowed", Message: "この方法（" + c.Request().Method + "）ではこのページを開けません。"}
		case http.StatusRequestEntityTooLarge:
			return &inputError{Status: he.Code, Code: "too_large", Message: "送信された内容が大きすぎます。"}
		case http.StatusUnsupportedMediaType:
			return &inputError{Status: he.Code, Code: "unsupported_media_type", Message: "送信の形式に対応していません。"}
		case http.StatusTooManyRequests:
			return &inputError{Status: he.Code, Code: "rate_limited", Message: "短い時間にたくさんのリクエストがありました。少し待ってからもう一度お試しください。"}
		}
		if he.Code >= 400 && he.Code < 500 {
			return &inputError{Status: he.Code, Code: "bad_request", Message: "リクエストを処理できませんでした。入力を確認してください。"}
		}
	}
	return &inputError{Status: http.StatusInternalServerError, Code: "internal", Message: "申し訳ありません。サーバーで問題が発生しました。時間をおいてもう一度お試しください。"}
}

func allowed(c echo.Context) string {
	if strings.HasPrefix(c.Request().URL.Path, "/check") {
		return "GET, HEAD, POST"
	}
	return "GET, HEAD"
}

package handlers

import (
	"time"

	"github.com/labstack/echo/v4"
)

// routes lists every route of the site in one place.
func (s *Server) routes(e *echo.Echo) {
	// HEAD is GET without a body (net/http drops the body), on every page.
	e.Pre(headAsGet)
	e.Use(s.requestLog, s.compress, s.recoverPanics, s.securityHeaders, s.limitBody)

	// Pages that depend only on the data get the data's ETag and answer
	// 304 to it; the questionnaire and the result never do.
	data := s.cacheable(5 * time.Minute)
	e.GET("/", s.Start, data)
	e.GET("/check", s.CheckServices)
	e.POST("/check", s.CheckServicesSubmit)
	e.GET("/check/when", s.CheckWhen)
	e.POST("/check/when", s.CheckWhenSubmit)
	e.GET("/check/edit", s.CheckEdit)
	e.GET("/result", s.Result)
	e.GET("/incidents", s.Incidents, data)
	// Desks' open/closed state changes by the minute.
	e.GET("/incidents/:id", s.Incident, s.cacheableByMinute(time.Minute))
	e.GET("/services/:id", s.Service, data)
	e.GET("/about", s.About, data)
	e.GET("/healthz", s.Healthz)

	// Per-route middleware, not a Group: a group with middleware answers 404
	// instead of 405 for wrong methods.
	e.GET("/api/v1/check", s.APICheck, s.rateLimit)
	e.GET("/api/v1/services", s.APIServices, s.rateLimit, data)
	e.GET("/api/v1/incidents", s.APIIncidents, s.rateLimit, data)
	e.GET("/api/v1/incidents/:id", s.APIIncident, s.rateLimit, data)

	e.GET("/static/:file", s.Static)
	e.GET("/favicon.ico", s.Favicon)
	// Unknown paths and wrong methods reach handleError as echo's 404 and 405.
}

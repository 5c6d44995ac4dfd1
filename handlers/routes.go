package handlers

import "github.com/labstack/echo/v4"

// routes lists every route of the site in one place.
func (s *Server) routes(e *echo.Echo) {
	// HEAD is GET without a body (net/http drops the body), on every page.
	e.Pre(headAsGet)
	e.Use(s.requestLog, s.recoverPanics, s.securityHeaders, s.limitBody)

	e.GET("/", s.Start)
	e.GET("/check", s.CheckServices)
	e.POST("/check", s.CheckServicesSubmit)
	e.GET("/check/when", s.CheckWhen)
	e.POST("/check/when", s.CheckWhenSubmit)
	e.GET("/check/edit", s.CheckEdit)
	e.GET("/result", s.Result)
	e.GET("/incidents", s.Incidents)
	e.GET("/incidents/:id", s.Incident)
	e.GET("/services/:id", s.Service)
	e.GET("/about", s.About)
	e.GET("/healthz", s.Healthz)

	api := e.Group("/api/v1", s.rateLimit)
	api.GET("/check", s.APICheck)
	api.GET("/services", s.APIServices)
	api.GET("/incidents", s.APIIncidents)
	api.GET("/incidents/:id", s.APIIncident)

	e.GET("/static/:file", s.Static)
	e.GET("/favicon.ico", s.Favicon)

	// Every other path and method reaches the error handler as 404 or 405.
	e.RouteNotFound("/*", func(c echo.Context) error { return echo.ErrNotFound })
}

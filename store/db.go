package store

import (
	"context"
	"crypto/rand"
	"database/sql"
	_ "embed"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"sync"

	_ "modernc.org/sqlite" // registers the pure-Go "sqlite" driver
)

//go:embed schema.sql
var schema string

// ErrNotFound is returned when an id names nothing.
var ErrNotFound = errors.New("not found")

// DB is the read-only database of the curated data.
type DB struct {
	sql *sql.DB
	// pin keeps one connection open so a shared in-memory database lives as
	// long as the DB does.
	pin *sql.Conn
	// services is loaded once at open: a handful of rows that every request
	// needs for parsing, so they are not queried per request.
	services map[string]Service
	order    []string
	updated  Day
	// incidents caches decoded incident documents: the data never changes
	// while the server runs, and decoding dominated page time.
	incidents sync.Map // id → Incident
}

// OpenMemory builds the catalog into a private in-memory SQLite database.
func OpenMemory(ctx context.Context, cat *Catalog) (*DB, error) {
	name := make([]byte, 8)
	if _, err := rand.Read(name); err != nil {
		return nil, fmt.Errorf("name memory database: %w", err)
	}
	// A named shared-cache memory database: every pooled connection sees the
	// same data (a plain ":memory:" would give each one an empty database).
	dsn := "file:exposure-" + hex.EncodeToString(name) + "?mode=memory&cache=shared&_pragma=foreign_keys(1)"
	db, err := sql.Open("sqlite", dsn)
	if err != nil {
		return nil, fmt.Errorf("open memory database: %w", err)
	}
	pin, err := db.Conn(ctx)
	if err != nil {
		db.Close()
		return nil, fmt.Errorf("open memory database: %w", err)
	}
	if err := build(ctx, db, cat); err != nil {
		pin.Close()
		db.Close()
		return nil, err
	}
	return newDB(ctx, db, pin)
}

// WriteFile builds the catalog into a SQLite file at path. It writes a
// temporary file beside it and renames it, so a reader never sees a
// half-built database.
func WriteFile(ctx context.Context, cat *Catalog, path string) error {
	dir := filepath.Dir(path)
	tmp, err := os.CreateTemp(dir, filepath.Base(path)+".tmp-*")
	if err != nil {
		return fmt.Errorf("build %s: %w", path, err)
	}
	tmpName := tmp.Name()
	tmp.Close()
	defer os.Remove(tmpName) // no-op after the rename
	db, err := sql.Open("sqlite", "file:"+tmpName+"?_pragma=foreign_keys(1)&_pragma=journal_mode(DELETE)")
	if err != nil {
		return fmt.Errorf("build %s: %w", path, err)
	}
	db.SetMaxOpenConns(1)
	if err := build(ctx, db, cat); err != nil {
		db.Close()
		return fmt.Errorf("build %s: %w", path, err)
	}
	if err := db.Close(); err != nil {
		return fmt.Errorf("build %s: %w", path, err)
	}
	if err := os.Rename(tmpName, path); err != nil {
		return fmt.Errorf("build %s: %w", path, err)
	}
	return nil
}

// OpenFile opens a database written by WriteFile, read-only.
func OpenFile(ctx context.Context, path string) (*DB, error) {
	if _, err := os.Stat(path); err != nil {
		return nil, fmt.Errorf("open database %s: %w", path, err)
	}
	// The "file:" prefix matters: without it the driver ignores mode=ro and
	// the pragmas and opens the file read-write.
	db, err := sql.Open("sqlite", "file:"+path+"?mode=ro&immutable=1&_pragma=query_only(1)")
	if err != nil {
		return nil, fmt.Errorf("open database %s: %w", path, err)
	}
	d, err := newDB(ctx, db, nil)
	if err != nil {
		return nil, fmt.Errorf("open database %s: %w", path, err)
	}
	return d, nil
}

func newDB(ctx context.Context, db *sql.DB, pin *sql.Conn) (*DB, error) {
	d := &DB{sql: db, pin: pin, services: map[string]Service{}}
	rows, err := db.QueryContext(ctx, "SELECT body FROM services ORDER BY ord")
	if err != nil {
		d.Close()
		return nil, fmt.Errorf("load services: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		var s Service
		if err := scanJSON(rows, &s); err != nil {
			d.Close()
			return nil, fmt.Errorf("load services: %w", err)
		}
		d.services[s.ID] = s
		d.order = append(d.order, s.ID)
	}
	if err := rows.Err(); err != nil {
		d.Close()
		return nil, fmt.Errorf("load services: %w", err)
	}
	var updated string
	if err := db.QueryRowContext(ctx, "SELECT value FROM meta WHERE key = 'updated'").Scan(&updated); err != nil {
		d.Close()
		return nil, fmt.Errorf("load meta: %w", err)
	}
	if d.updated, err = ParseDay(updated); err != nil {
		d.Close()
		return nil, fmt.Errorf("load meta: %w", err)
	}
	return d, nil
}

// Close releases the database.
func (d *DB) Close() error {
	if d.pin != nil {
		d.pin.Close()
	}
	return d.sql.Close()
}

// Ping checks the database answers.
func (d *DB) Ping(ctx context.Context) error {
	var n int
	return d.sql.QueryRowContext(ctx, "SELECT count(*) FROM incidents").Scan(&n)
}

func build(ctx context.Context, db *sql.DB, cat *Catalog) error {
	tx, err := db.BeginTx(ctx, nil)
	if err != nil {
		return fmt.Errorf("build database: %w", err)
	}
	defer tx.Rollback()
	if _, err := tx.ExecContext(ctx, schema); err != nil {
		return fmt.Errorf("create schema: %w", err)
	}
	exec := func(q string, args ...any) {
		if err != nil {
			return
		}
		if _, e := tx.ExecContext(ctx, q, args...); e != nil {
			err = fmt.Errorf("build database: %s: %w", q, e)
		}
	}
	doc := func(v any) string {
		b, e := json.Marshal(v)
		if e != nil && err == nil {
			err = fmt.Errorf("encode: %w", e)
		}
		return string(b)
	}
	exec("INSERT INTO meta (key, value) VALUES ('updated', ?)", cat.Updated.String())
	for _, inc := range cat.Incidents {
		published := "" // unknown sorts last in the newest-first list
		if inc.Published != nil {
			published = inc.Published.Day.String()
		}
		exec("INSERT INTO incidents (id, published, body) VALUES (?, ?, ?)", inc.ID, published, doc(inc))
	}
	for i, s := range cat.Services {
		exec("INSERT INTO services (id, ord, incident, body) VALUES (?, ?, ?, ?)", s.ID, i, s.Incident, doc(s))
		for _, k := range searchKeys(s) {
			exec("INSERT INTO service_keys (service, key) VALUES (?, ?)", s.ID, k)
		}
	}
	ord := 0
	for _, inc := range cat.Incidents {
		for _, p := range inc.Populations {
			ord++
			exec("INSERT INTO populations (id, ord, incident, service, body) VALUES (?, ?, ?, ?, ?)", p.ID, ord, p.Incident, p.Service, doc(p))
			for _, a := range p.Activities {
				exec("INSERT INTO population_activities (population, service, activity) VALUES (?, ?, ?)", p.ID, p.Service, a)
			}
		}
		for _, c := range inc.Contacts {
			ord++
			exec("INSERT INTO contacts (id, ord, incident, body) VALUES (?, ?, ?, ?)", c.ID, ord, c.Incident, doc(c))
			for _, a := range c.Audience {
				exec("INSERT INTO contact_audience (contact, audience) VALUES (?, ?)", c.ID, a)
			}
		}
	}
	for _, a := range cat.Advice {
		exec("INSERT INTO advice (class, priority, body) VALUES (?, ?, ?)", a.Class, a.Priority, doc(a))
	}
	if err != nil {
		return err
	}
	if err := tx.Commit(); err != nil {
		return fmt.Errorf("build database: %w", err)
	}
	return nil
}

type scanner interface{ Scan(dest ...any) error }

func scanJSON(s scanner, into any) error {
	var body []byte
	if err := s.Scan(&body); err != nil {
		return err
	}
	return json.Unmarshal(body, into)
}

// queryJSON runs a query whose single column is a JSON document.
func queryJSON[T any](ctx context.Context, d *DB, q string, args ...any) ([]T, error) {
	rows, err := d.sql.QueryContext(ctx, q, args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []T
	for rows.Next() {
		var v T
		if err := scanJSON(rows, &v); err != nil {
			return nil, err
		}
		out = append(out, v)
	}
	return out, rows.Err()
}

const (
	queryIncident      = "SELECT body FROM incidents WHERE id = ?"
	queryIncidents     = "SELECT body FROM incidents ORDER BY published DESC, id"
	queryPopulationsOf = `SELECT p.body FROM populations p
		JOIN population_activities pa ON pa.population = p.id
		WHERE pa.service = ? AND pa.activity = ? ORDER BY p.ord`
	queryContactsOf = `SELECT c.body FROM contacts c
		JOIN contact_audience ca ON ca.contact = c.id
		WHERE ca.audience = ? ORDER BY c.ord`
	queryServicePopulations = "SELECT body FROM populations WHERE service = ? ORDER BY ord"
	querySearch             = "SELECT DISTINCT service FROM service_keys WHERE instr(key, ?) > 0"
	queryAdvice             = "SELECT body FROM advice ORDER BY priority, class"
)

// Incident returns one incident as curated.
func (d *DB) Incident(ctx context.Context, id string) (Incident, error) {
	if v, ok := d.incidents.Load(id); ok {
		return v.(Incident), nil
	}
	var inc Incident
	if err := scanJSON(d.sql.QueryRowContext(ctx, queryIncident, id), &inc); err != nil {
		if errors.Is(err, sql.ErrNoRows) {
			return Incident{}, ErrNotFound
		}
		return Incident{}, fmt.Errorf("incident %s: %w", id, err)
	}
	d.incidents.Store(id, inc)
	return inc, nil
}

// Incidents returns every incident, newest first.
func (d *DB) Incidents(ctx context.Context) ([]Incident, error) {
	out, err := queryJSON[Incident](ctx, d, queryIncidents)
	if err != nil {
		return nil, fmt.Errorf("incidents: %w", err)
	}
	return out, nil
}

// Populations returns the populations covering a service and activity.
func (d *DB) Populations(ctx context.Context, service, activity string) ([]Population, error) {
	out, err := queryJSON[Population](ctx, d, queryPopulationsOf, service, activity)
	if err != nil {
		return nil, fmt.Errorf("populations of %s.%s: %w", service, activity, err)
	}
	return out, nil
}

// ServicePopulations returns every population of a service.
func (d *DB) ServicePopulations(ctx context.Context, service string) ([]Population, error) {
	out, err := queryJSON[Population](ctx, d, queryServicePopulations, service)
	if err != nil {
		return nil, fmt.Errorf("populations of %s: %w", service, err)
	}
	return out, nil
}

// Contacts returns the desks that answer people who did an activity.
func (d *DB) Contacts(ctx context.Context, service, activity string) ([]Contact, error) {
	out, err := queryJSON[Contact](ctx, d, queryContactsOf, service+"."+activity)
	if err != nil {
		return nil, fmt.Errorf("contacts of %s.%s: %w", service, activity, err)
	}
	return out, nil
}

// Advice returns what to do per data class, most urgent first.
func (d *DB) Advice(ctx context.Context) ([]Advice, error) {
	out, err := queryJSON[Advice](ctx, d, queryAdvice)
	if err != nil {
		return nil, fmt.Errorf("advice: %w", err)
	}
	return out, nil
}

// Updated is when the curated data last changed.
func (d *DB) Updated() Day { return d.updated }

// Services returns every service in data order.
func (d *DB) Services() []Service {
	out := make([]Service, 0, len(d.order))
	for _, id := range d.order {
		out = append(out, d.services[id])
	}
	return out
}

// Service returns one service.
func (d *DB) Service(id string) (Service, error) {
	s, ok := d.services[id]
	if !ok {
		return Service{}, ErrNotFound
	}
	return s, nil
}

// HasService implements Known.
func (d *DB) HasService(id string) bool { _, ok := d.services[id]; return ok }

// HasActivity implements Known.
func (d *DB) HasActivity(service, activity string) bool {
	s, ok := d.services[service]
	if !ok {
		return false
	}
	_, ok = s.Activity(activity)
	return ok
}

// Search finds services by any name a person may type: name, kana, romaji,
// operator or domain, ignoring width, case, kana type and punctuation. An
// empty query lists every service.
func (d *DB) Search(ctx context.Context, query string) ([]Service, error) {
	key := Fold(query)
	if key == "" {
		return d.Services(), nil
	}
	rows, err := d.sql.QueryContext(ctx, querySearch, key)
	if err != nil {
		return nil, fmt.Errorf("search: %w", err)
	}
	defer rows.Close()
	found := map[string]bool{}
	for rows.Next() {
		var id string
		if err := rows.Scan(&id); err != nil {
			return nil, fmt.Errorf("search: %w", err)
		}
		found[id] = true
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("search: %w", err)
	}
	out := []Service{}
	for _, id := range d.order {
		if found[id] {
			out = append(out, d.services[id])
		}
	}
	return out, nil
}

func searchKeys(s Service) []string {
	words := append([]string{s.ID, s.Name, s.Kana, s.Operator}, s.Aliases...)
	var keys []string
	for _, w := range words {
		if k := Fold(w); k != "" && !slices.Contains(keys, k) {
			keys = append(keys, k)
		}
	}
	return keys
}

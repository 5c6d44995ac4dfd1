package store

import (
	"cmp"
	"context"
	"crypto/rand"
	"crypto/sha256"
	"database/sql"
	_ "embed"
	"encoding/binary"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"hash"
	"os"
	"path/filepath"
	"slices"
	"strings"

	_ "modernc.org/sqlite" // registers the pure-Go "sqlite" driver
)

//go:embed schema.sql
var schema string

// ErrNotFound is returned when an id names nothing.
var ErrNotFound = errors.New("not found")

// DB is the read-only database of the curated data. SQLite is the system of
// record (what build writes and --db serves); at open the records are decoded
// once into read-only indexes, search's among them, so a request never runs
// SQL or decodes JSON.
type DB struct {
	sql *sql.DB
	// pin keeps one connection open so a shared in-memory database lives as
	// long as the DB does.
	pin *sql.Conn

	services map[string]Service
	order    []string  // service ids in data order
	list     []Service // the services in data order, shared read-only
	recent   []Service // the services of the newest incidents first
	updated  Day

	incidents  map[string]*Incident    // into newest
	newest     []Incident              // newest publication first, unknown last
	popsOf     map[string][]Population // "service.activity" → populations, in data order
	popsOfSvc  map[string][]Population // service → populations
	contactsOf map[string][]Contact    // audience → desks
	advice     []Advice

	removeDir string // OpenTemp's folder, removed at Close
	digest    string // see Digest

	search searchIndex
}

// OpenTemp builds the catalog into a private SQLite file in a temporary
// folder, opened read-only and removed at Close. After start-up requests read
// the indexes, so the file's pages belong in the OS cache, not in the
// process: with large data an in-memory database doubled the server's RSS.
//
// The indexes are filled from the catalog's own records while the file is
// written beside them (on another core): decoding the file's JSON again
// would cost a second copy of every record and a second of CPU with large
// data, for values equal to those in hand.
func OpenTemp(ctx context.Context, load func() (*Catalog, error)) (*DB, error) {
	cat, err := load()
	if err != nil {
		return nil, err
	}
	dir, err := os.MkdirTemp("", "exposurecheck-")
	if err != nil {
		return nil, fmt.Errorf("temporary database: %w", err)
	}
	path := filepath.Join(dir, "data.db")
	type result struct {
		digest string
		err    error
	}
	written := make(chan result, 1)
	go func() {
		digest, err := writeFile(ctx, cat, path)
		written <- result{digest, err}
	}()
	d := &DB{removeDir: dir}
	d.fill(cat)
	w := <-written
	if w.err != nil {
		os.RemoveAll(dir)
		return nil, w.err
	}
	d.digest = w.digest
	if d.sql, err = openReadOnly(path); err != nil {
		os.RemoveAll(dir)
		return nil, err
	}
	return d, nil
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
	digest, err := build(ctx, db, cat)
	if err != nil {
		pin.Close()
		db.Close()
		return nil, err
	}
	d := &DB{sql: db, pin: pin, digest: digest}
	d.fill(cat)
	return d, nil
}

// WriteFile builds the catalog into a SQLite file at path. It writes a
// temporary file beside it and renames it, so a reader never sees a
// half-built database.
func WriteFile(ctx context.Context, cat *Catalog, path string) error {
	_, err := writeFile(ctx, cat, path)
	return err
}

// writeFile is WriteFile, returning the data's digest.
func writeFile(ctx context.Context, cat *Catalog, path string) (string, error) {
	dir := filepath.Dir(path)
	tmp, err := os.CreateTemp(dir, filepath.Base(path)+".tmp-*")
	if err != nil {
		return "", fmt.Errorf("build %s: %w", path, err)
	}
	tmpName := tmp.Name()
	tmp.Close()
	defer os.Remove(tmpName) // no-op after the rename
	db, err := sql.Open("sqlite", "file:"+tmpName+"?_pragma=foreign_keys(1)&_pragma=journal_mode(DELETE)")
	if err != nil {
		return "", fmt.Errorf("build %s: %w", path, err)
	}
	db.SetMaxOpenConns(1)
	digest, err := build(ctx, db, cat)
	if err != nil {
		db.Close()
		return "", fmt.Errorf("build %s: %w", path, err)
	}
	if err := db.Close(); err != nil {
		return "", fmt.Errorf("build %s: %w", path, err)
	}
	if err := os.Rename(tmpName, path); err != nil {
		return "", fmt.Errorf("build %s: %w", path, err)
	}
	return digest, nil
}

// OpenFile opens a database written by WriteFile, read-only.
func OpenFile(ctx context.Context, path string) (*DB, error) {
	if _, err := os.Stat(path); err != nil {
		return nil, fmt.Errorf("open database %s: %w", path, err)
	}
	db, err := openReadOnly(path)
	if err != nil {
		return nil, err
	}
	d := &DB{sql: db}
	if err := d.index(ctx); err != nil {
		d.Close()
		return nil, fmt.Errorf("open database %s: %w", path, err)
	}
	return d, nil
}

func openReadOnly(path string) (*sql.DB, error) {
	// The "file:" prefix matters: without it the driver ignores mode=ro and
	// the pragmas and opens the file read-write.
	db, err := sql.Open("sqlite", "file:"+path+"?mode=ro&immutable=1&_pragma=query_only(1)")
	if err != nil {
		return nil, fmt.Errorf("open database %s: %w", path, err)
	}
	return db, nil
}

// index decodes every record of the file once: what fill would be given by
// the catalog the file was built from. It reads the documents in the order
// build digests them.
func (d *DB) index(ctx context.Context) error {
	cat := &Catalog{}
	var updated string
	if err := d.sql.QueryRowContext(ctx, "SELECT value FROM meta WHERE key = 'updated'").Scan(&updated); err != nil {
		return fmt.Errorf("load meta: %w", err)
	}
	var err error
	if cat.Updated, err = ParseDay(updated); err != nil {
		return fmt.Errorf("load meta: %w", err)
	}
	g := newDigest()
	g.add([]byte(updated))
	// An incident's document holds its populations and contacts (the
	// populations and contacts tables are there for SQL readers of the file).
	if cat.Incidents, err = queryJSON[Incident](ctx, d, g, queryIncidents); err != nil {
		return fmt.Errorf("load incidents: %w", err)
	}
	if cat.Services, err = queryJSON[Service](ctx, d, g, "SELECT body FROM services ORDER BY ord"); err != nil {
		return fmt.Errorf("load services: %w", err)
	}
	if cat.Advice, err = queryJSON[Advice](ctx, d, g, queryAdvice); err != nil {
		return fmt.Errorf("load advice: %w", err)
	}
	d.fill(cat)
	d.digest = g.String()
	return nil
}

// digest hashes a database's documents, each with its length, in the order
// they are read: meta's updated, incidents, services, advice.
type digest struct{ h hash.Hash }

func newDigest() digest { return digest{sha256.New()} }

func (g digest) add(doc []byte) {
	var n [8]byte
	binary.BigEndian.PutUint64(n[:], uint64(len(doc)))
	g.h.Write(n[:])
	g.h.Write(doc)
}

func (g digest) String() string { return hex.EncodeToString(g.h.Sum(nil)) }

// Digest identifies the data: a SHA-256 of the documents the database holds,
// which are what the API serves. Databases of the same data built by the
// same code, or opened from the same file, have the same digest; it costs
// nothing at open, the documents being hashed as they are written or read.
func (d *DB) Digest() string { return d.digest }

// fill builds the read-only maps the requests use. The catalog's services
// may be in any order (the list order is taken again), as may its advice;
// incidents are in data order.
func (d *DB) fill(cat *Catalog) {
	services := ListOrder(cat.Services)
	d.services = make(map[string]Service, len(services))
	for _, s := range services {
		d.services[s.ID] = s
		d.order = append(d.order, s.ID)
	}
	d.search = newSearchIndex(services)
	d.updated = cat.Updated
	d.popsOf, d.popsOfSvc, d.contactsOf = map[string][]Population{}, map[string][]Population{}, map[string][]Contact{}
	for _, inc := range cat.Incidents {
		for _, p := range inc.Populations {
			d.popsOfSvc[p.Service] = append(d.popsOfSvc[p.Service], p)
			for _, a := range p.Activities {
				d.popsOf[p.Service+"."+a] = append(d.popsOf[p.Service+"."+a], p)
			}
		}
		for _, c := range inc.Contacts {
			for _, a := range c.Audience {
				d.contactsOf[a] = append(d.contactsOf[a], c)
			}
		}
	}
	d.list = services
	d.newest = slices.Clone(cat.Incidents)
	slices.SortStableFunc(d.newest, func(a, b Incident) int {
		// Newest publication first; unknown dates last.
		pa, pb := "", ""
		if a.Published != nil {
			pa = a.Published.Day.String()
		}
		if b.Published != nil {
			pb = b.Published.Day.String()
		}
		if c := strings.Compare(pb, pa); c != 0 {
			return c
		}
		return strings.Compare(a.ID, b.ID)
	})
	d.incidents = make(map[string]*Incident, len(d.newest))
	for i := range d.newest {
		inc := &d.newest[i]
		d.incidents[inc.ID] = inc
		for _, s := range inc.Services {
			d.recent = append(d.recent, d.services[s.ID])
		}
	}
	d.advice = adviceOrder(cat.Advice)
}

// adviceOrder is queryAdvice's order: most urgent first.
func adviceOrder(advice []Advice) []Advice {
	out := slices.Clone(advice)
	slices.SortStableFunc(out, func(a, b Advice) int {
		if c := cmp.Compare(a.Priority, b.Priority); c != 0 {
			return c
		}
		return strings.Compare(a.Class, b.Class)
	})
	return out
}

// Close releases the database.
func (d *DB) Close() error {
	if d.pin != nil {
		d.pin.Close()
	}
	err := d.sql.Close()
	if d.removeDir != "" {
		os.RemoveAll(d.removeDir)
	}
	return err
}

// Ping checks the database answers.
func (d *DB) Ping(ctx context.Context) error {
	var n int
	return d.sql.QueryRowContext(ctx, "SELECT count(*) FROM incidents").Scan(&n)
}

// build writes the catalog and returns its digest (see Digest).
func build(ctx context.Context, db *sql.DB, cat *Catalog) (string, error) {
	tx, err := db.BeginTx(ctx, nil)
	if err != nil {
		return "", fmt.Errorf("build database: %w", err)
	}
	defer tx.Rollback()
	if _, err := tx.ExecContext(ctx, schema); err != nil {
		return "", fmt.Errorf("create schema: %w", err)
	}
	// Each insert is prepared once: with thousands of incidents, re-parsing
	// the SQL per row was a large part of start-up.
	stmts := map[string]*sql.Stmt{}
	defer func() {
		for _, st := range stmts {
			st.Close()
		}
	}()
	exec := func(q string, args ...any) {
		if err != nil {
			return
		}
		st, ok := stmts[q]
		if !ok {
			if st, err = tx.PrepareContext(ctx, q); err != nil {
				err = fmt.Errorf("build database: prepare %s: %w", q, err)
				return
			}
			stmts[q] = st
		}
		if _, e := st.ExecContext(ctx, args...); e != nil {
			err = fmt.Errorf("build database: %s: %w", q, e)
		}
	}
	g := newDigest()
	doc := func(v any) string {
		b, e := json.Marshal(v)
		if e != nil && err == nil {
			err = fmt.Errorf("encode: %w", e)
		}
		g.add(b)
		return string(b)
	}
	g.add([]byte(cat.Updated.String()))
	exec("INSERT INTO meta (key, value) VALUES ('updated', ?)", cat.Updated.String())
	for i, inc := range cat.Incidents {
		published := "" // unknown sorts last in the newest-first list
		if inc.Published != nil {
			published = inc.Published.Day.String()
		}
		exec("INSERT INTO incidents (id, ord, published, body) VALUES (?, ?, ?, ?)", inc.ID, i, published, doc(inc))
	}
	for i, s := range ListOrder(cat.Services) {
		exec("INSERT INTO services (id, ord, incident, body) VALUES (?, ?, ?, ?)", s.ID, i, s.Incident, doc(s))
		for _, k := range searchKeys(s) {
			exec("INSERT INTO service_search (key, service, ord) VALUES (?, ?, ?)", k, s.ID, i)
		}
	}
	ord := 0
	for _, inc := range cat.Incidents {
		for _, p := range inc.Populations {
			ord++
			exec("INSERT INTO populations (id, ord, incident, service) VALUES (?, ?, ?, ?)", p.ID, ord, p.Incident, p.Service)
			for _, a := range p.Activities {
				exec("INSERT INTO population_activities (population, service, activity) VALUES (?, ?, ?)", p.ID, p.Service, a)
			}
		}
		for _, c := range inc.Contacts {
			ord++
			exec("INSERT INTO contacts (id, ord, incident) VALUES (?, ?, ?)", c.ID, ord, c.Incident)
			for _, a := range c.Audience {
				exec("INSERT INTO contact_audience (contact, audience) VALUES (?, ?)", c.ID, a)
			}
		}
	}
	for _, a := range adviceOrder(cat.Advice) { // as queryAdvice reads them, for the digest
		exec("INSERT INTO advice (class, priority, body) VALUES (?, ?, ?)", a.Class, a.Priority, doc(a))
	}
	if err != nil {
		return "", err
	}
	if err := tx.Commit(); err != nil {
		return "", fmt.Errorf("build database: %w", err)
	}
	return g.String(), nil
}

type scanner interface{ Scan(dest ...any) error }

func scanJSON(s scanner, g digest, into any) error {
	var body []byte
	if err := s.Scan(&body); err != nil {
		return err
	}
	g.add(body)
	return json.Unmarshal(body, into)
}

// queryJSON runs a query whose single column is a JSON document, adding
// each to the digest.
func queryJSON[T any](ctx context.Context, d *DB, g digest, q string, args ...any) ([]T, error) {
	rows, err := d.sql.QueryContext(ctx, q, args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []T
	for rows.Next() {
		var v T
		if err := scanJSON(rows, g, &v); err != nil {
			return nil, err
		}
		out = append(out, v)
	}
	return out, rows.Err()
}

const (
	queryIncidents = "SELECT body FROM incidents ORDER BY ord"
	queryAdvice    = "SELECT body FROM advice ORDER BY priority, class"
)

// Incident returns one incident as curated.
func (d *DB) Incident(_ context.Context, id string) (Incident, error) {
	inc, ok := d.incidents[id]
	if !ok {
		return Incident{}, ErrNotFound
	}
	return *inc, nil
}

// IncidentRef is Incident without the copy, for the result page, which
// looks up several per request. The incident is shared and read-only.
func (d *DB) IncidentRef(id string) (*Incident, bool) {
	inc, ok := d.incidents[id]
	return inc, ok
}

// Incidents returns every incident, newest first (unknown dates last). The
// slice is shared and read-only.
func (d *DB) Incidents(context.Context) ([]Incident, error) { return d.newest, nil }

// Populations returns the populations covering a service and activity.
func (d *DB) Populations(_ context.Context, service, activity string) ([]Population, error) {
	var b [96]byte
	return d.popsOf[string(useKey(b[:0], service, activity))], nil
}

// useKey appends "service.activity" to b: a map indexed by string(b)
// looks it up without making the string.
func useKey(b []byte, service, activity string) []byte {
	return append(append(append(b, service...), '.'), activity...)
}

// ServicePopulations returns every population of a service.
func (d *DB) ServicePopulations(_ context.Context, service string) ([]Population, error) {
	return d.popsOfSvc[service], nil
}

// Contacts returns the desks that answer people who did an activity.
func (d *DB) Contacts(_ context.Context, service, activity string) ([]Contact, error) {
	var b [96]byte
	return d.contactsOf[string(useKey(b[:0], service, activity))], nil
}

// Advice returns what to do per data class, most urgent first.
func (d *DB) Advice(context.Context) ([]Advice, error) { return d.advice, nil }

// Updated is when the curated data last changed.
func (d *DB) Updated() Day { return d.updated }

// Services returns every service in data order. The slice is shared and
// read-only.
func (d *DB) Services() []Service { return d.list }

// RecentServices returns up to n services, those of the newest incidents
// first: what a list shows when there are too many to show all.
func (d *DB) RecentServices(n int) []Service { return d.recent[:min(n, len(d.recent))] }

// IncidentCount is how many incidents the data holds.
func (d *DB) IncidentCount() int { return len(d.newest) }

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

// ListOrder is the order people scan a list of services in: by reading
// (五十音, kana folded), then by name. File order follows incident ids, which
// mean nothing to a person looking for a shop.
func ListOrder(services []Service) []Service {
	// Each name is folded once, not at every comparison: with thousands of
	// services the folds were most of the sort.
	type keyed struct {
		kana, name string
		i          int
	}
	keys := make([]keyed, len(services))
	for i, s := range services {
		keys[i] = keyed{Fold(s.Kana), Fold(s.Name), i}
	}
	slices.SortFunc(keys, func(a, b keyed) int {
		if c := strings.Compare(a.kana, b.kana); c != 0 {
			return c
		}
		if c := strings.Compare(a.name, b.name); c != 0 {
			return c
		}
		return a.i - b.i // stable: equal names keep their data order
	})
	out := make([]Service, len(services))
	for j, k := range keys {
		out[j] = services[k.i]
	}
	return out
}

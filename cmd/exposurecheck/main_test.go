package main

import (
	"bufio"
	"bytes"
	"context"
	"io/fs"
	"net"
	"net/http"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"exposurecheck/data"
)

func noEnv(string) string { return "" }

// copyData writes the embedded data into a folder a test may break.
func copyData(t *testing.T) string {
	t.Helper()
	dir := t.TempDir()
	err := fs.WalkDir(data.FS, ".", func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || !strings.HasSuffix(p, ".yaml") {
			return err
		}
		b, err := data.FS.ReadFile(p)
		if err != nil {
			return err
		}
		if err := os.MkdirAll(filepath.Join(dir, filepath.Dir(p)), 0o755); err != nil {
			return err
		}
		return os.WriteFile(filepath.Join(dir, p), b, 0o644)
	})
	if err != nil {
		t.Fatal(err)
	}
	return dir
}

// breakLine replaces old with new in a data file and returns the line it is on.
func breakLine(t *testing.T, file, old, new string) int {
	t.Helper()
	b, err := os.ReadFile(file)
	if err != nil {
		t.Fatal(err)
	}
	i := bytes.Index(b, []byte(old))
	if i < 0 {
		t.Fatalf("%q not in %s", old, file)
	}
	line := bytes.Count(b[:i], []byte("\n")) + 1
	b = bytes.Replace(b, []byte(old), []byte(new), 1)
	if err := os.WriteFile(file, b, 0o644); err != nil {
		t.Fatal(err)
	}
	return line
}

func TestValidateBundledData(t *testing.T) {
	var out, errb bytes.Buffer
	if code := run(context.Background(), []string{"validate"}, &out, &errb, noEnv); code != 0 {
		t.Fatalf("exit %d\n%s%s", code, out.String(), errb.String())
	}
	// Five full notices and 34 excerpts (issue 11: every excerpt encoded);
	// can-makeshop-2016.txt tells two incidents.
	if !strings.HasPrefix(out.String(), "data is valid: 40 incidents, ") {
		t.Fatalf("unexpected output %q", out.String())
	}
}

func TestValidateReportsFileLine(t *testing.T) {
	dir := copyData(t)
	file := filepath.Join(dir, "incidents", "dlmarket-2018.yaml")
	line := breakLine(t, file, `through: "2018-11-12T21:50"`, `through: "2018-02-30T21:50"`)
	var out, errb bytes.Buffer
	code := run(context.Background(), []string{"validate", "--data", dir}, &out, &errb, noEnv)
	if code != 1 {
		t.Fatalf("exit %d, want 1\n%s", code, out.String())
	}
	want := dir + "/incidents/dlmarket-2018.yaml:" + strconv.Itoa(line) + ": bad date"
	if !strings.Contains(out.String(), want) {
		t.Fatalf("output does not contain %q:\n%s", want, out.String())
	}
}

func TestServeRefusesInvalidData(t *testing.T) {
	dir := copyData(t)
	line := breakLine(t, filepath.Join(dir, "incidents", "colorme-2018.yaml"), "certainty: leaked", "certainty: surely")
	var out, errb bytes.Buffer
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	code := run(ctx, []string{"serve", "--addr", "127.0.0.1:0", "--data", dir}, &out, &errb, noEnv)
	if code == 0 {
		t.Fatal("server started on invalid data")
	}
	want := "colorme-2018.yaml:" + strconv.Itoa(line) + `: unknown certainty "surely"`
	if !strings.Contains(errb.String(), want) {
		t.Fatalf("stderr does not name %q:\n%s", want, errb.String())
	}
}

// startProgram runs the real program on a free port until the test ends.
func startProgram(t *testing.T, args ...string) (addr string, stop func() int) {
	t.Helper()
	return startProgramEnv(t, noEnv, args...)
}

// startProgramEnv is startProgram with an environment.
func startProgramEnv(t *testing.T, getenv func(string) string, args ...string) (addr string, stop func() int) {
	t.Helper()
	ready := make(chan string, 1)
	onListen = ready
	t.Cleanup(func() { onListen = nil })
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan int, 1)
	var out, errb bytes.Buffer
	go func() {
		done <- run(ctx, append([]string{"serve", "--addr", "127.0.0.1:0"}, args...), &out, &errb, getenv)
	}()
	select {
	case addr = <-ready:
	case code := <-done:
		t.Fatalf("server exited %d before listening: %s", code, errb.String())
	case <-time.After(30 * time.Second):
		t.Fatal("server did not start")
	}
	stopped := false
	var code int
	stop = func() int {
		if !stopped {
			stopped = true
			cancel()
			code = <-done
		}
		return code
	}
	t.Cleanup(func() { stop() })
	return addr, stop
}

func TestBuildThenServeReadOnly(t *testing.T) {
	dbFile := filepath.Join(t.TempDir(), "exposure.db")
	var out, errb bytes.Buffer
	if code := run(context.Background(), []string{"build", "--out", dbFile}, &out, &errb, noEnv); code != 0 {
		t.Fatalf("build exit %d: %s", code, errb.String())
	}
	before, err := os.ReadFile(dbFile)
	if err != nil {
		t.Fatal(err)
	}
	matches, _ := filepath.Glob(dbFile + ".tmp-*")
	if len(matches) != 0 {
		t.Fatalf("temporary files left: %v", matches)
	}
	addr, stop := startProgram(t, "--db", dbFile)
	resp, err := http.Get("http://" + addr + "/api/v1/check?use=dlmarket.card@2018-10-20")
	if err != nil {
		t.Fatal(err)
	}
	var body bytes.Buffer
	body.ReadFrom(resp.Body)
	resp.Body.Close()
	if resp.StatusCode != 200 || !strings.Contains(body.String(), `"verdict":"match"`) {
		t.Fatalf("check from --db: %d %s", resp.StatusCode, body.String())
	}
	if code := stop(); code != 0 {
		t.Fatalf("server exit %d", code)
	}
	after, _ := os.ReadFile(dbFile)
	if !bytes.Equal(before, after) {
		t.Fatal("serving --db changed the database file")
	}
	for _, suffix := range []string{"-wal", "-shm", "-journal"} {
		if _, err := os.Stat(dbFile + suffix); err == nil {
			t.Fatalf("serving --db left %s", dbFile+suffix)
		}
	}
}

// TestShutdownFinishesInFlight starts a request, stops the server while the
// request body is still arriving, and expects a full response, not a reset.
func TestShutdownFinishesInFlight(t *testing.T) {
	addr, stop := startProgram(t)
	conn, err := net.Dial("tcp", addr)
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close()
	body := "service=dlmarket&action=next&csrf=x"
	head := "POST /check HTTP/1.1\r\nHost: " + addr + "\r\nContent-Type: application/x-www-form-urlencoded\r\nContent-Length: " + strconv.Itoa(len(body)) + "\r\n\r\n"
	if _, err := conn.Write([]byte(head + body[:10])); err != nil {
		t.Fatal(err)
	}
	time.Sleep(100 * time.Millisecond) // the server is now reading the body
	exited := make(chan int, 1)
	go func() { exited <- stop() }()
	time.Sleep(200 * time.Millisecond)
	select {
	case <-exited:
		t.Fatal("server exited with a request in flight")
	default:
	}
	if _, err := conn.Write([]byte(body[10:])); err != nil {
		t.Fatal(err)
	}
	resp, err := http.ReadResponse(bufio.NewReader(conn), nil)
	if err != nil {
		t.Fatalf("in-flight request lost: %v", err)
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusForbidden { // no session, so the CSRF check refuses it
		t.Fatalf("status %d, want 403", resp.StatusCode)
	}
	select {
	case code := <-exited:
		if code != 0 {
			t.Fatalf("exit %d", code)
		}
	case <-time.After(25 * time.Second):
		t.Fatal("server did not stop after the request finished")
	}
}

// TestAPIRateOff: EXPOSURECHECK_API_RATE=off (or --api-rate off) lifts the
// API's limit for a load run; by default it holds.
func TestAPIRateOff(t *testing.T) {
	count := func(addr string, n int) map[int]int {
		codes := map[int]int{}
		for range n {
			resp, err := http.Get("http://" + addr + "/api/v1/incidents/colorme-2018")
			if err != nil {
				t.Fatal(err)
			}
			resp.Body.Close()
			codes[resp.StatusCode]++
		}
		return codes
	}
	def, _ := startProgram(t)
	// 150 requests: more than the burst of 40 plus what 20/s refills unless
	// they take over 5 s.
	if codes := count(def, 150); codes[429] == 0 {
		t.Errorf("default: %v, want some 429 after the burst of 40", codes)
	}
	env := func(k string) string {
		if k == envAPIRate {
			return "off"
		}
		return ""
	}
	off, _ := startProgramEnv(t, env)
	if codes := count(off, 60); codes[200] != 60 {
		t.Errorf("%s=off: %v, want 60×200", envAPIRate, codes)
	}
	flagOff, _ := startProgram(t, "--api-rate", "off")
	if codes := count(flagOff, 60); codes[200] != 60 {
		t.Errorf("--api-rate off: %v, want 60×200", codes)
	}
	for _, bad := range []string{"0", "-1", "fast", "NaN", "+Inf"} {
		if _, _, err := parseAPIRate(bad); err == nil {
			t.Errorf("--api-rate %q accepted", bad)
		}
	}
	if r, off, err := parseAPIRate("5"); r != 5 || off || err != nil {
		t.Errorf(`parseAPIRate("5") = %v, %v, %v`, r, off, err)
	}
}

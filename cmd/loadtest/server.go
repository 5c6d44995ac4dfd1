package main

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"math"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"syscall"
	"time"
)

// serverProc is a server the load test built and started itself.
type serverProc struct {
	cmd  *exec.Cmd
	addr string

	exited   chan struct{} // closed when the process has exited
	exitCode int
	exitedAt time.Time
	cpu      time.Duration // user + system time of the server process

	stderr tailBuffer

	mu          sync.Mutex
	lines       int
	warnings    int
	errs        int
	logged5xx   int
	panics      int
	stopped     bool // the server logged "stopped"
	notable     []string
	sessionNote bool
}

// moduleRoot finds the exposurecheck module from the working directory up.
func moduleRoot() (string, error) {
	dir, err := os.Getwd()
	if err != nil {
		return "", err
	}
	for {
		b, err := os.ReadFile(filepath.Join(dir, "go.mod"))
		if err == nil {
			first, _, _ := strings.Cut(string(b), "\n")
			if strings.TrimSpace(first) == "module exposurecheck" {
				return dir, nil
			}
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			return "", errors.New("not inside the exposurecheck module: run from it, or pass -target")
		}
		dir = parent
	}
}

// startServer builds ./cmd/exposurecheck into tmp and runs it on a free
// loopback port, reading the port from its "listening" log line.
func startServer(ctx context.Context, tmp string, logw io.Writer) (*serverProc, error) {
	root, err := moduleRoot()
	if err != nil {
		return nil, err
	}
	bin := filepath.Join(tmp, "exposurecheck")
	fmt.Fprintf(logw, "building %s/cmd/exposurecheck ...\n", root)
	build := exec.CommandContext(ctx, "go", "build", "-o", bin, "./cmd/exposurecheck")
	build.Dir = root
	build.Stdout, build.Stderr = logw, logw
	if err := build.Run(); err != nil {
		return nil, fmt.Errorf("go build ./cmd/exposurecheck: %w", err)
	}

	s := &serverProc{exited: make(chan struct{})}
	s.cmd = exec.Command(bin, "serve", "--addr", "127.0.0.1:0")
	s.cmd.Dir = root // as `go run ./cmd/exposurecheck serve` would: finds ../shared/notices
	s.cmd.Stderr = &s.stderr
	stdout, err := s.cmd.StdoutPipe()
	if err != nil {
		return nil, err
	}
	if err := s.cmd.Start(); err != nil {
		return nil, err
	}
	addrc := make(chan string, 1)
	go s.readLog(stdout, addrc)

	select {
	case addr := <-addrc:
		s.addr = addr
		return s, nil
	case <-s.exited:
		return nil, fmt.Errorf("server exited with code %d before listening; stderr: %s", s.exitCode, s.stderr.String())
	case <-time.After(60 * time.Second):
		s.kill()
		return nil, errors.New("server did not log a listening address within 60s")
	case <-ctx.Done():
		s.kill()
		return nil, ctx.Err()
	}
}

// logLine is the part of the server's JSON log lines we look at.
type logLine struct {
	Level  string `json:"level"`
	Msg    string `json:"msg"`
	Addr   string `json:"addr"`
	Status int    `json:"status"`
}

// readLog drains the server's stdout (so the server never blocks on it),
// finds the listening address, and counts warnings, errors and 5xx.
func (s *serverProc) readLog(r io.Reader, addrc chan<- string) {
	br := bufio.NewReaderSize(r, 64<<10)
	sentAddr := false
	for {
		line, err := br.ReadBytes('\n')
		if len(line) > 0 {
			s.scan(line, &sentAddr, addrc)
		}
		if err != nil {
			break
		}
	}
	werr := s.cmd.Wait()
	s.exitedAt = time.Now()
	s.exitCode = s.cmd.ProcessState.ExitCode()
	s.cpu = s.cmd.ProcessState.UserTime() + s.cmd.ProcessState.SystemTime()
	if s.exitCode == -1 && werr != nil { // killed by a signal
		var ee *exec.ExitError
		if errors.As(werr, &ee) {
			if ws, ok := ee.Sys().(syscall.WaitStatus); ok && ws.Signaled() {
				s.exitCode = 128 + int(ws.Signal())
			}
		}
	}
	close(s.exited)
}

func (s *serverProc) scan(line []byte, sentAddr *bool, addrc chan<- string) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.lines++
	// Most lines are INFO request lines with a 2xx–4xx status: skip decoding them.
	interesting := !*sentAddr || !bytes.Contains(line, []byte(`"level":"INFO"`)) ||
		bytes.Contains(line, []byte(`"status":5`)) || !bytes.Contains(line, []byte(`"msg":"request"`))
	if !interesting {
		return
	}
	var l logLine
	if json.Unmarshal(line, &l) != nil {
		s.note("unparsed: " + string(line))
		return
	}
	switch {
	case l.Msg == "listening" && !*sentAddr:
		*sentAddr = true
		addrc <- l.Addr
	case l.Msg == "stopped":
		s.stopped = true
	case l.Msg == "panic":
		s.panics++
	}
	if l.Msg == "request" && l.Status >= 500 {
		s.logged5xx++
		s.note(string(line))
	}
	switch l.Level {
	case "WARN":
		s.warnings++
		if strings.Contains(l.Msg, "EXPOSURECHECK_SESSION_KEYS") {
			s.sessionNote = true // expected for a throwaway server
		} else {
			s.note(string(line))
		}
	case "ERROR":
		s.errs++
		s.note(string(line))
	}
}

func (s *serverProc) note(line string) {
	line = strings.TrimSpace(line)
	if len(line) > 600 {
		line = line[:600] + "…"
	}
	if len(s.notable) < 10 {
		s.notable = append(s.notable, line)
	}
}

func (s *serverProc) signal(sig os.Signal) error { return s.cmd.Process.Signal(sig) }

func (s *serverProc) kill() {
	_ = s.cmd.Process.Kill()
	<-s.exited
}

func (s *serverProc) hasExited() bool {
	select {
	case <-s.exited:
		return true
	default:
		return false
	}
}

// stop asks the server to shut down (SIGTERM), and kills it if it has not
// exited within grace. It reports how long that took.
func (s *serverProc) stop(grace time.Duration) (time.Duration, error) {
	if s.hasExited() {
		return 0, nil
	}
	start := time.Now()
	if err := s.signal(syscall.SIGTERM); err != nil && !s.hasExited() {
		s.kill()
		return time.Since(start), err
	}
	select {
	case <-s.exited:
		return s.exitedAt.Sub(start), nil
	case <-time.After(grace):
		s.kill()
		return time.Since(start), fmt.Errorf("server did not exit within %s of SIGTERM; killed", grace)
	}
}

func (s *serverProc) report() *ServerReport {
	s.mu.Lock()
	defer s.mu.Unlock()
	return &ServerReport{Addr: s.addr, LogLines: s.lines, LogWarnings: s.warnings, LogErrors: s.errs,
		Logged5xx: s.logged5xx, LogPanics: s.panics, NotableLog: append([]string(nil), s.notable...),
		StderrTail: s.stderr.String(), CPUSeconds: math.Round(s.cpu.Seconds()*100) / 100}
}

// tailBuffer keeps the last 4 KiB written to it; safe for concurrent use.
type tailBuffer struct {
	mu  sync.Mutex
	buf []byte
}

func (t *tailBuffer) Write(p []byte) (int, error) {
	t.mu.Lock()
	defer t.mu.Unlock()
	t.buf = append(t.buf, p...)
	if over := len(t.buf) - 4096; over > 0 {
		t.buf = t.buf[over:]
	}
	return len(p), nil
}

func (t *tailBuffer) String() string {
	t.mu.Lock()
	defer t.mu.Unlock()
	return string(t.buf)
}

// Command loadtest puts an open-loop load on the exposure self-check site
// and, optionally, sends the server SIGTERM in the middle to check that a
// graceful shutdown loses no request.
//
//	go run ./cmd/loadtest [-duration 60s] [-rate 300] [-concurrency 32]
//	    [-target http://127.0.0.1:PORT] [-sigterm-at 10s] [-seed 1] [-json]
//
// Without -target it builds ./cmd/exposurecheck into a temporary folder and
// starts it on a free loopback port. The target must be a loopback address.
//
// Requests arrive at a constant rate whether or not earlier ones have been
// answered (open loop), so a slow server shows up as latency rather than as
// a politely lower rate; latency is measured from the moment a request was
// due. An arrival that finds all -concurrency workers busy is dropped and
// counted. -rate counts HTTP requests: a questionnaire journey is one
// arrival that makes five requests, so journeys arrive less often.
//
// Exit status: 0 if nothing was lost and there was no 5xx and no unexpected
// error; 1 otherwise; 2 for bad flags or a failed setup.
package main

import (
	"context"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"math"
	"math/rand/v2"
	"os"
	"os/signal"
	"strings"
	"sync"
	"sync/atomic"
	"syscall"
	"time"
)

const maxDuration = 10 * time.Minute

type options struct {
	duration    time.Duration
	rate        float64
	concurrency int
	target      string
	sigtermAt   time.Duration
	probes      int
	seed        uint64
	timeout     time.Duration
	json        bool
	quiet       bool
}

func main() {
	os.Exit(run(os.Args[1:], os.Stdout, os.Stderr))
}

func parseFlags(args []string, stderr io.Writer) (options, error) {
	var o options
	fl := flag.NewFlagSet("loadtest", flag.ContinueOnError)
	fl.SetOutput(stderr)
	fl.DurationVar(&o.duration, "duration", 60*time.Second, "how long to send traffic (at most 10m)")
	fl.Float64Var(&o.rate, "rate", 300, "HTTP requests per second to start (open loop, constant arrival rate)")
	fl.IntVar(&o.concurrency, "concurrency", 32, "workers; an arrival finding all busy is dropped")
	fl.StringVar(&o.target, "target", "", "base URL of a running server on loopback (default: build and start one)")
	fl.DurationVar(&o.sigtermAt, "sigterm-at", 0, "send the self-started server SIGTERM this long after the start, and keep sending traffic")
	fl.IntVar(&o.probes, "sigterm-probes", 4, "slow uploads begun just before SIGTERM so that some requests are surely in flight")
	fl.Uint64Var(&o.seed, "seed", 1, "seed of the request mix")
	fl.DurationVar(&o.timeout, "timeout", 10*time.Second, "timeout of one request")
	fl.BoolVar(&o.json, "json", false, "print the report as JSON on stdout (the text report goes to stderr)")
	fl.BoolVar(&o.quiet, "q", false, "no progress lines")
	if err := fl.Parse(args); err != nil {
		return o, err
	}
	switch {
	case fl.NArg() > 0:
		return o, fmt.Errorf("unexpected arguments %q", fl.Args())
	case o.duration <= 0 || o.duration > maxDuration:
		return o, fmt.Errorf("-duration must be more than 0 and at most %s", maxDuration)
	case !(o.rate > 0) || o.rate > 100000 || math.IsInf(o.rate, 0):
		return o, errors.New("-rate must be more than 0 and at most 100000")
	case o.concurrency < 1 || o.concurrency > 10000:
		return o, errors.New("-concurrency must be between 1 and 10000")
	case o.timeout <= 0:
		return o, errors.New("-timeout must be positive")
	case o.sigtermAt < 0 || (o.sigtermAt > 0 && o.sigtermAt >= o.duration):
		return o, errors.New("-sigterm-at must be within -duration")
	case o.sigtermAt > 0 && o.target != "":
		return o, errors.New("-sigterm-at needs a server the load test starts itself: leave -target empty")
	case o.probes < 0 || o.probes > 100:
		return o, errors.New("-sigterm-probes must be between 0 and 100")
	}
	if o.target != "" {
		if _, err := checkTarget(o.target); err != nil {
			return o, err
		}
	}
	return o, nil
}

func run(args []string, stdout, stderr io.Writer) int {
	o, err := parseFlags(args, stderr)
	if err != nil {
		if !errors.Is(err, flag.ErrHelp) {
			fmt.Fprintf(stderr, "loadtest: %v\n", err)
		}
		return 2
	}
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()

	var srv *serverProc
	target := o.target
	if target == "" {
		tmp, err := os.MkdirTemp("", "loadtest-")
		if err != nil {
			fmt.Fprintf(stderr, "loadtest: %v\n", err)
			return 2
		}
		defer os.RemoveAll(tmp)
		srv, err = startServer(ctx, tmp, stderr)
		if err != nil {
			fmt.Fprintf(stderr, "loadtest: starting the server: %v\n", err)
			return 2
		}
		defer func() {
			if !srv.hasExited() {
				_, _ = srv.stop(25 * time.Second)
			}
		}()
		target = "http://" + srv.addr
		fmt.Fprintf(stderr, "server started, pid %d, listening on %s\n", srv.cmd.Process.Pid, srv.addr)
	}
	base, err := checkTarget(target)
	if err != nil {
		fmt.Fprintf(stderr, "loadtest: %v\n", err)
		return 2
	}
	r := newRunner(base, o.concurrency, o.timeout)
	if err := r.discover(ctx); err != nil {
		fmt.Fprintf(stderr, "loadtest: reading the site before the run: %v\n", err)
		return 2
	}

	rep := &Report{Target: base.String(), SelfStarted: srv != nil, Duration: o.duration.Seconds(), Rate: o.rate,
		Concurrency: o.concurrency, Seed: o.seed}
	rep.LoadAvgBefore = loadAvg()
	interrupted := r.load(ctx, o, srv, rep)
	rep.LoadAvgAfter = loadAvg()

	r.col.fill(rep)
	if srv != nil {
		finishServer(srv, r, rep)
	}
	rep.LoadtestCPU = selfCPU()
	rep.judge()
	if interrupted {
		rep.Pass = false
		rep.FailReasons = append(rep.FailReasons, "interrupted")
	}
	if o.json {
		rep.writeText(stderr)
		enc := json.NewEncoder(stdout)
		enc.SetIndent("", "  ")
		_ = enc.Encode(rep)
	} else {
		rep.writeText(stdout)
	}
	r.transport.CloseIdleConnections()
	if !rep.Pass {
		return 1
	}
	return 0
}

// load runs the scheduler, the workers and the SIGTERM, and fills the
// scheduling part of rep. It says whether the run was interrupted.
func (r *runner) load(ctx context.Context, o options, srv *serverProc, rep *Report) bool {
	p := newPicker(defaultMix)
	taskRate := o.rate * p.tasksPerRequest
	rng := rand.New(rand.NewPCG(o.seed, o.seed+0x5eed))

	runCtx, cancel := context.WithTimeout(ctx, o.duration)
	defer cancel()
	// busy counts tasks handed to workers and not yet finished; an arrival
	// is dropped when it equals the number of workers, so the buffered
	// channel never holds more than there are idle workers to take.
	jobs := make(chan task, o.concurrency)
	var busy atomic.Int64
	var wg sync.WaitGroup
	for range o.concurrency {
		wg.Go(func() {
			for t := range jobs {
				r.runTask(runCtx, t)
				busy.Add(-1)
			}
		})
	}

	start := time.Now()
	r.start = start
	end := start.Add(o.duration)
	var dropped, scheduled int
	var mu sync.Mutex // guards dropped and scheduled for the progress lines

	if o.sigtermAt > 0 {
		go r.sigterm(runCtx, start.Add(o.sigtermAt), o.probes, srv)
	}
	stopProgress := make(chan struct{})
	if !o.quiet {
		go func() {
			tick := time.NewTicker(5 * time.Second)
			defer tick.Stop()
			last, lastAt := 0, start
			for {
				select {
				case <-stopProgress:
					return
				case now := <-tick.C:
					total, errs, limited := r.col.snapshot()
					mu.Lock()
					d := dropped
					mu.Unlock()
					fmt.Fprintf(os.Stderr, "%5.0fs  %7d requests  %7.1f req/s  errors %d  429 %d  dropped %d\n",
						now.Sub(start).Seconds(), total, float64(total-last)/now.Sub(lastAt).Seconds(), errs, limited, d)
					last, lastAt = total, now
				}
			}
		}()
	}

	timer := time.NewTimer(time.Hour)
	var maxLag time.Duration
	interrupted := false
schedule:
	for i := 0; ; i++ {
		due := start.Add(time.Duration(float64(i) * float64(time.Second) / taskRate))
		if !due.Before(end) {
			break
		}
		if d := time.Until(due); d > 0 {
			timer.Reset(d)
			select {
			case <-timer.C:
			case <-ctx.Done():
				interrupted = true
				break schedule
			}
		} else if ctx.Err() != nil {
			interrupted = true
			break
		}
		maxLag = max(maxLag, time.Since(due))
		t := task{kind: p.pick(rng), seed: rng.Uint64(), due: due}
		mu.Lock()
		scheduled++
		if busy.Load() < int64(o.concurrency) {
			busy.Add(1)
			jobs <- t
		} else {
			dropped++
		}
		mu.Unlock()
	}
	if !interrupted { // the last arrival is due just before the end: wait out the rest
		timer.Reset(time.Until(end))
		select {
		case <-timer.C:
		case <-ctx.Done():
			interrupted = true
		}
	}
	timer.Stop()
	close(jobs)

	// Let the last requests finish, bounded by the request timeout.
	done := make(chan struct{})
	go func() { wg.Wait(); close(done) }()
	select {
	case <-done:
	case <-time.After(o.timeout + 5*time.Second):
		fmt.Fprintln(os.Stderr, "warning: some workers were still busy after the request timeout; reporting without them")
	}
	close(stopProgress)
	rep.Elapsed = math.Round(time.Since(start).Seconds()*1000) / 1000
	mu.Lock()
	rep.TasksScheduled, rep.TasksDropped = scheduled, dropped
	mu.Unlock()
	rep.MaxSchedulerLag = math.Round(float64(maxLag)/1e4) / 100
	return interrupted
}

// sigterm starts the slow-upload probes shortly before at, waits until
// their headers are sent, and then sends the server SIGTERM.
func (r *runner) sigterm(ctx context.Context, at time.Time, probes int, srv *serverProc) {
	lead := 300 * time.Millisecond
	select {
	case <-time.After(time.Until(at.Add(-lead))):
	case <-ctx.Done():
		return
	}
	sigSent := make(chan struct{})
	var ready sync.WaitGroup
	for range probes {
		ready.Add(1)
		go r.probe(sigSent, ready.Done)
	}
	allReady := make(chan struct{})
	go func() { ready.Wait(); close(allReady) }()
	select {
	case <-allReady:
	case <-time.After(lead + time.Second):
		fmt.Fprintln(os.Stderr, "warning: not every probe had sent its headers by the SIGTERM")
	}
	// Give the server a moment to read the probes' headers.
	time.Sleep(max(50*time.Millisecond, time.Until(at)))
	when, err := r.sig.send(srv)
	close(sigSent)
	if err != nil {
		fmt.Fprintf(os.Stderr, "warning: SIGTERM: %v\n", err)
		return
	}
	fmt.Fprintf(os.Stderr, "SIGTERM sent to the server (pid %d) at %s\n", srv.cmd.Process.Pid, when.Format("15:04:05.000"))
}

// finishServer fills the server's part of the report: the SIGTERM results,
// or, without -sigterm-at, stops the server and notes how that went.
func finishServer(srv *serverProc, r *runner, rep *Report) {
	if r.sig.isSent() {
		select { // the server has 20 s to finish its requests
		case <-srv.exited:
		case <-time.After(25 * time.Second):
		}
		s := &r.sig
		s.mu.Lock()
		sr := &SigtermReport{At: math.Round(s.at.Sub(r.start).Seconds()*1000) / 1000,
			InFlight: s.inFlightAtSig, InFlightProbes: s.probesAtSig, Lost: s.lost, LostDetails: append([]string(nil), s.lostDetails...),
			StartedAfter: s.startedAfter, ServedAfter: s.servedAfter, RefusedAfterShutdown: s.refusedAfter, ClosedAfterShutdown: s.closedAfter}
		if srv.hasExited() {
			sr.ServerExited = true
			sr.ServerExitCode = srv.exitCode
			sr.ShutdownSeconds = math.Round(srv.exitedAt.Sub(s.at).Seconds()*1000) / 1000
		}
		s.mu.Unlock()
		srv.mu.Lock()
		sr.LoggedStopped = srv.stopped
		srv.mu.Unlock()
		rep.Sigterm = sr
		rep.Server = srv.report()
		rep.Server.ExitCode = srv.exitCode
		if !sr.ServerExited {
			rep.Server.StillRunningAt = "end of run"
		}
		return
	}
	exitedEarly := srv.hasExited()
	r.transport.CloseIdleConnections() // as a client going away would; else Shutdown waits on fresh unused conns
	took, err := srv.stop(25 * time.Second)
	rep.Server = srv.report()
	rep.Server.ExitedEarly = exitedEarly
	rep.Server.ExitCode = srv.exitCode
	if !exitedEarly {
		rep.Server.StoppedByUs = true
		rep.Server.StopSeconds = math.Round(took.Seconds()*1000) / 1000
	}
	if err != nil {
		fmt.Fprintf(os.Stderr, "warning: stopping the server: %v\n", err)
	}
}

// loadAvg is the 1, 5 and 15 minute load averages, where Linux tells them.
func loadAvg() string {
	b, err := os.ReadFile("/proc/loadavg")
	if err != nil {
		return ""
	}
	f := strings.Fields(string(b))
	if len(f) < 3 {
		return ""
	}
	return strings.Join(f[:3], " ")
}

// selfCPU is the user + system CPU seconds this process has used.
func selfCPU() float64 {
	var ru syscall.Rusage
	if syscall.Getrusage(syscall.RUSAGE_SELF, &ru) != nil {
		return 0
	}
	sec := float64(ru.Utime.Sec+ru.Stime.Sec) + float64(ru.Utime.Usec+ru.Stime.Usec)/1e6
	return math.Round(sec*100) / 100
}

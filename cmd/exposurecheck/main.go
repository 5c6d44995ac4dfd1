// Command exposurecheck serves the exposure self-check site and checks and
// builds its data.
//
//	exposurecheck [serve] [--addr :8080] [--data DIR] [--db FILE] [--api-rate 20|off] [--trust-proxy]
//	exposurecheck validate [--data DIR] [--notices DIR]
//	exposurecheck build --out FILE [--data DIR]
//	exposurecheck draft NOTICE.txt [--id ID]
//	exposurecheck draft-score [--data DIR] [--shared DIR]
package main

import (
	"context"
	"fmt"
	"io"
	"os"
	"os/signal"
	"syscall"
)

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	os.Exit(run(ctx, os.Args[1:], os.Stdout, os.Stderr, os.Getenv))
}

// onListen, when set (by tests), receives the address the server listens on.
var onListen chan<- string

// run is the whole program, callable from tests; it returns the exit code.
func run(ctx context.Context, args []string, stdout, stderr io.Writer, getenv func(string) string) int {
	cmd := "serve"
	if len(args) > 0 && args[0] != "" && args[0][0] != '-' {
		cmd, args = args[0], args[1:]
	}
	var err error
	switch cmd {
	case "serve":
		err = serve(ctx, args, stdout, stderr, getenv, onListen)
	case "validate":
		return validate(args, stdout, stderr)
	case "build":
		err = buildDB(ctx, args, stdout, stderr)
	case "synth":
		err = synth(args, stdout, stderr)
	case "draft":
		return draftCmd(args, stdout, stderr)
	case "draft-score":
		return draftScoreCmd(args, stdout, stderr)
	case "help", "-h", "--help":
		fmt.Fprintln(stdout, usage)
		return 0
	default:
		fmt.Fprintf(stderr, "exposurecheck: unknown command %q\n%s\n", cmd, usage)
		return 2
	}
	if err != nil {
		fmt.Fprintf(stderr, "exposurecheck %s: %v\n", cmd, err)
		return 1
	}
	return 0
}

const usage = `usage:
  exposurecheck [serve] [--addr ADDR] [--data DIR] [--db FILE] [--notices DIR] [--api-rate N|off] [--trust-proxy]
  exposurecheck validate [--data DIR] [--notices DIR]
  exposurecheck build --out FILE [--data DIR] [--notices DIR]
  exposurecheck synth --incidents N --out DIR [--seed S]
  exposurecheck draft NOTICE.txt [--id ID]
  exposurecheck draft-score [--data DIR] [--shared DIR]`

package main

import (
	"context"
	"errors"
	"fmt"
	"net"
	"net/netip"
	"net/url"
	"strings"
	"syscall"
	"time"
)

// checkTarget parses a target URL and refuses anything that is not on this
// machine's loopback: 127.0.0.0/8, ::1 or the name localhost. It returns the
// base URL without path, query or fragment.
func checkTarget(raw string) (*url.URL, error) {
	u, err := url.Parse(raw)
	if err != nil {
		return nil, fmt.Errorf("target %q: %v", raw, err)
	}
	if u.Scheme != "http" && u.Scheme != "https" {
		return nil, fmt.Errorf("target %q: scheme must be http or https", raw)
	}
	if u.User != nil {
		return nil, fmt.Errorf("target %q: no user info, please", raw)
	}
	if u.Host == "" {
		return nil, fmt.Errorf("target %q: no host", raw)
	}
	if !isLoopbackHost(u.Hostname()) {
		return nil, fmt.Errorf("target %q: host %q is not a loopback address (127.0.0.0/8, ::1 or localhost); refusing to load it", raw, u.Hostname())
	}
	if p := u.Port(); p != "" {
		if n, err := parsePort(p); err != nil || n == 0 {
			return nil, fmt.Errorf("target %q: bad port %q", raw, p)
		}
	}
	return &url.URL{Scheme: u.Scheme, Host: u.Host}, nil
}

func parsePort(p string) (int, error) {
	n := 0
	for _, c := range p {
		if c < '0' || c > '9' {
			return 0, errors.New("not a number")
		}
		n = n*10 + int(c-'0')
		if n > 65535 {
			return 0, errors.New("out of range")
		}
	}
	return n, nil
}

// isLoopbackHost says whether a URL's host (without port or brackets) is a
// loopback IP literal or exactly "localhost". Other names are refused even
// if they happen to resolve to loopback: what a name resolves to can change.
func isLoopbackHost(host string) bool {
	if strings.EqualFold(host, "localhost") {
		return true
	}
	if strings.Contains(host, "%") { // zones make no sense on loopback
		return false
	}
	a, err := netip.ParseAddr(host)
	if err != nil {
		return false
	}
	return a.Unmap().IsLoopback()
}

// loopbackDialer dials only loopback addresses, so "localhost" resolving
// somewhere else, or a redirect to another host, cannot send load elsewhere.
func loopbackDialer(timeout time.Duration) func(ctx context.Context, network, addr string) (net.Conn, error) {
	d := &net.Dialer{
		Timeout:   timeout,
		KeepAlive: 30 * time.Second,
		Control: func(network, address string, _ syscall.RawConn) error {
			ap, err := netip.ParseAddrPort(address)
			if err != nil {
				return fmt.Errorf("loadtest: refusing to dial %q: %v", address, err)
			}
			if !ap.Addr().Unmap().IsLoopback() {
				return fmt.Errorf("loadtest: refusing to dial non-loopback address %s", address)
			}
			return nil
		},
	}
	return d.DialContext
}

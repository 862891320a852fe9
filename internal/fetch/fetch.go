// Package fetch is the HTTP client for feeds and pages from the open web.
// It fetches only http(s) URLs and, unless told otherwise, refuses hosts
// that resolve to loopback, link-local, private, shared or unspecified
// addresses (server-side request forgery): every resolved address is
// checked and the connection goes to the checked address, so a second DNS
// answer cannot redirect it (DNS rebinding). Redirects are checked the
// same way because each one dials afresh. It bounds time and body size,
// spaces requests to one host, and does conditional GETs.
package fetch

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/netip"
	"net/url"
	"strings"
	"sync"
	"time"
)

var (
	// ErrScheme is returned for a URL that is not http or https.
	ErrScheme = errors.New("fetch: only http and https URLs are fetched")
	// ErrForbiddenAddress is returned for a host that resolves to an
	// address outside the public internet.
	ErrForbiddenAddress = errors.New("fetch: address not allowed")
	// ErrTooLarge is returned for a body over Options.MaxBytes.
	ErrTooLarge = errors.New("fetch: body too large")
)

// Options configures a Client. Zero fields take the defaults shown.
type Options struct {
	// AllowPrivate permits loopback, private and link-local addresses
	// (tests, intranets).
	AllowPrivate bool
	// Timeout bounds a whole request, redirects and body included (30s).
	Timeout time.Duration
	// MaxBytes bounds a response body (16 MiB).
	MaxBytes int64
	// UserAgent is sent with every request.
	UserAgent string
	// HostDelay is the least time between two requests to one host (1s;
	// negative for none).
	HostDelay time.Duration
	// MaxRedirects bounds a redirect chain (5).
	MaxRedirects int
}

// DefaultUserAgent names sitrep to the sites it reads.
const DefaultUserAgent = "sitrep/1 (+https://github.com/sitrep/sitrep; news analysis)"

// Client fetches URLs; it is safe for concurrent use.
type Client struct {
	o    Options
	http *http.Client

	mu   sync.Mutex
	next map[string]time.Time // host -> earliest next request
}

// New returns a client with options o.
func New(o Options) *Client {
	if o.Timeout <= 0 {
		o.Timeout = 30 * time.Second
	}
	if o.MaxBytes <= 0 {
		o.MaxBytes = 16 << 20
	}
	if o.UserAgent == "" {
		o.UserAgent = DefaultUserAgent
	}
	if o.HostDelay == 0 {
		o.HostDelay = time.Second
	}
	if o.MaxRedirects <= 0 {
		o.MaxRedirects = 5
	}
	c := &Client{o: o, next: map[string]time.Time{}}
	d := &net.Dialer{Timeout: 10 * time.Second, KeepAlive: 30 * time.Second}
	tr := &http.Transport{
		Proxy:                  nil, // a proxy would dial for us, unchecked
		DialContext:            c.dialer(d),
		ForceAttemptHTTP2:      true,
		MaxIdleConns:           64,
		MaxIdleConnsPerHost:    4,
		IdleConnTimeout:        90 * time.Second,
		TLSHandshakeTimeout:    10 * time.Second,
		ResponseHeaderTimeout:  o.Timeout,
		MaxResponseHeaderBytes: 1 << 20,
	}
	c.http = &http.Client{
		Transport: tr,
		Timeout:   o.Timeout,
		CheckRedirect: func(req *http.Request, via []*http.Request) error {
			if len(via) >= o.MaxRedirects {
				return fmt.Errorf("fetch: %s: more than %d redirects", via[0].URL, o.MaxRedirects)
			}
			return checkURL(req.URL)
		},
	}
	return c
}

// dialer resolves the host, checks every address and dials a checked one.
func (c *Client) dialer(d *net.Dialer) func(ctx context.Context, network, addr string) (net.Conn, error) {
	return func(ctx context.Context, network, addr string) (net.Conn, error) {
		host, port, err := net.SplitHostPort(addr)
		if err != nil {
			return nil, err
		}
		var ips []netip.Addr
		if ip, err := netip.ParseAddr(host); err == nil {
			ips = []netip.Addr{ip}
		} else {
			ips, err = net.DefaultResolver.LookupNetIP(ctx, "ip", host)
			if err != nil {
				return nil, err
			}
		}
		if len(ips) == 0 {
			return nil, fmt.Errorf("fetch: %s: no addresses", host)
		}
		if !c.o.AllowPrivate {
			for _, ip := range ips {
				if !Public(ip) {
					return nil, fmt.Errorf("%w: %s resolves to %s", ErrForbiddenAddress, host, ip)
				}
			}
		}
		var firstErr error
		for _, ip := range ips {
			conn, err := d.DialContext(ctx, network, net.JoinHostPort(ip.Unmap().String(), port))
			if err == nil {
				return conn, nil
			}
			if firstErr == nil {
				firstErr = err
			}
		}
		return nil, firstErr
	}
}

// shared is 100.64.0.0/10 (carrier-grade NAT), not covered by IsPrivate.
var shared = netip.MustParsePrefix("100.64.0.0/10")

// Public reports whether ip is a public unicast address.
func Public(ip netip.Addr) bool {
	ip = ip.Unmap()
	switch {
	case !ip.IsValid(), ip.IsLoopback(), ip.IsPrivate(), ip.IsUnspecified(), ip.IsLinkLocalUnicast(),
		ip.IsLinkLocalMulticast(), ip.IsInterfaceLocalMulticast(), ip.IsMulticast(), shared.Contains(ip):
		return false
	case ip.Is4() && ip.As4()[0] == 0: // 0.0.0.0/8 "this network"
		return false
	case ip.Is4() && ip == netip.AddrFrom4([4]byte{255, 255, 255, 255}):
		return false
	}
	return true
}

func checkURL(u *url.URL) error {
	if u.Scheme != "http" && u.Scheme != "https" {
		return fmt.Errorf("%w: %s", ErrScheme, u.Redacted())
	}
	if u.Host == "" {
		return fmt.Errorf("fetch: %s: no host", u.Redacted())
	}
	return nil
}

// Cond makes a GET conditional on the validators of a previous response.
type Cond struct {
	ETag         string
	LastModified string
}

// Response is a fetched document.
type Response struct {
	URL         string // after redirects
	Status      int
	ContentType string
	Body        []byte
	// NotModified is set for a 304 answer to a conditional GET; Body is
	// then empty.
	NotModified bool
	// Validators to send next time.
	ETag, LastModified string
}

// Get fetches rawURL, waiting its turn for the host. A status other than
// 2xx or 304 is an error naming the URL.
func (c *Client) Get(ctx context.Context, rawURL string, cond Cond) (*Response, error) {
	u, err := url.Parse(rawURL)
	if err != nil {
		return nil, fmt.Errorf("fetch: %q: %w", rawURL, err)
	}
	if err := checkURL(u); err != nil {
		return nil, err
	}
	if err := c.wait(ctx, u.Hostname()); err != nil {
		return nil, err
	}
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, u.String(), nil)
	if err != nil {
		return nil, fmt.Errorf("fetch: %s: %w", u.Redacted(), err)
	}
	req.Header.Set("User-Agent", c.o.UserAgent)
	req.Header.Set("Accept", "text/html, application/xhtml+xml, application/rss+xml, application/atom+xml, application/xml;q=0.9, */*;q=0.5")
	if cond.ETag != "" {
		req.Header.Set("If-None-Match", cond.ETag)
	}
	if cond.LastModified != "" {
		req.Header.Set("If-Modified-Since", cond.LastModified)
	}
	resp, err := c.http.Do(req)
	if err != nil {
		return nil, fmt.Errorf("fetch: %s: %w", u.Redacted(), unwrapURLError(err))
	}
	defer resp.Body.Close()
	out := &Response{URL: resp.Request.URL.String(), Status: resp.StatusCode, ContentType: resp.Header.Get("Content-Type"),
		ETag: resp.Header.Get("ETag"), LastModified: resp.Header.Get("Last-Modified")}
	if resp.StatusCode == http.StatusNotModified {
		out.NotModified = true
		if out.ETag == "" {
			out.ETag = cond.ETag
		}
		if out.LastModified == "" {
			out.LastModified = cond.LastModified
		}
		return out, nil
	}
	if resp.StatusCode < 200 || resp.StatusCode > 299 {
		io.Copy(io.Discard, io.LimitReader(resp.Body, 64<<10))
		return out, &StatusError{URL: u.Redacted(), Status: resp.StatusCode, RetryAfter: resp.Header.Get("Retry-After")}
	}
	if resp.ContentLength > c.o.MaxBytes {
		return out, fmt.Errorf("%w: %s declares %d bytes, over %d", ErrTooLarge, u.Redacted(), resp.ContentLength, c.o.MaxBytes)
	}
	b, err := io.ReadAll(io.LimitReader(resp.Body, c.o.MaxBytes+1))
	if err != nil {
		return out, fmt.Errorf("fetch: %s: reading body: %w", u.Redacted(), err)
	}
	if int64(len(b)) > c.o.MaxBytes {
		return out, fmt.Errorf("%w: %s is over %d bytes", ErrTooLarge, u.Redacted(), c.o.MaxBytes)
	}
	out.Body = b
	return out, nil
}

// StatusError is a response with a status other than 2xx or 304.
type StatusError struct {
	URL        string
	Status     int
	RetryAfter string
}

func (e *StatusError) Error() string {
	return fmt.Sprintf("fetch: %s: HTTP %d %s", e.URL, e.Status, http.StatusText(e.Status))
}

// unwrapURLError drops *url.Error's repetition of the method and URL.
func unwrapURLError(err error) error {
	var ue *url.Error
	if errors.As(err, &ue) {
		return ue.Err
	}
	return err
}

// wait blocks until host may be asked again and books the next slot.
func (c *Client) wait(ctx context.Context, host string) error {
	if c.o.HostDelay < 0 {
		return nil
	}
	host = strings.ToLower(host)
	c.mu.Lock()
	now := time.Now()
	at := c.next[host]
	if at.Before(now) {
		at = now
	}
	c.next[host] = at.Add(c.o.HostDelay)
	if len(c.next) > 10000 { // forget hosts whose slot has passed
		for h, t := range c.next {
			if t.Before(now) {
				delete(c.next, h)
			}
		}
	}
	c.mu.Unlock()
	d := time.Until(at)
	if d <= 0 {
		return nil
	}
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-t.C:
		return nil
	case <-ctx.Done():
		return ctx.Err()
	}
}

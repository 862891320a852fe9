// Package queue is sitrep's distributed work queue: documents (JSON
// sitrep.Input) published to a NATS JetStream stream with work-queue
// retention, consumed by `sitrep worker` processes on any number of
// machines that share one store (PostgreSQL).
//
// Delivery is at least once: a worker acknowledges a message only after
// the store has committed its document, and a message not acknowledged
// within AckWait (a worker killed, a machine lost) is delivered again.
// Effects are idempotent — the store keys each document by store.Key of
// its input and ignores a second Put — so a redelivery never duplicates
// data. Publishing sets the message id to the same key, so JetStream also
// drops a document published twice within its duplicate window.
package queue

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"time"

	"github.com/nats-io/nats-server/v2/server"
	"github.com/nats-io/nats.go"
	"github.com/nats-io/nats.go/jetstream"

	"github.com/sitrep/sitrep"
	"github.com/sitrep/sitrep/internal/store"
)

const (
	// Stream, Subject and Consumer name the JetStream objects sitrep uses.
	Stream   = "SITREP_DOCS"
	Subject  = "sitrep.docs"
	Consumer = "sitrep-workers"
	// MaxPayload is the largest document message the embedded server
	// accepts; an external server needs max_payload at least this large
	// for big pages (its default is 1 MiB).
	MaxPayload = 8 << 20
)

// ServerOptions configures an embedded nats-server.
type ServerOptions struct {
	Host string // default 127.0.0.1
	Port int    // default 4222; -1 picks a free port
	// StoreDir keeps the stream on disk (required: the queue survives a
	// restart of the server).
	StoreDir string
	Log      bool
}

// Serve starts an embedded nats-server with JetStream and waits until it
// accepts connections. Shut it down with Shutdown.
func Serve(o ServerOptions) (*server.Server, error) {
	if o.Host == "" {
		o.Host = "127.0.0.1"
	}
	if o.Port == 0 {
		o.Port = 4222
	}
	if o.StoreDir == "" {
		return nil, errors.New("queue: serve: a store directory is required")
	}
	if err := os.MkdirAll(o.StoreDir, 0o755); err != nil {
		return nil, fmt.Errorf("queue: serve: %w", err)
	}
	s, err := server.NewServer(&server.Options{Host: o.Host, Port: o.Port, JetStream: true, StoreDir: o.StoreDir,
		MaxPayload: MaxPayload, NoSigs: true, NoLog: !o.Log})
	if err != nil {
		return nil, fmt.Errorf("queue: serve: %w", err)
	}
	if o.Log {
		s.ConfigureLogger()
	}
	go s.Start()
	if !s.ReadyForConnections(15 * time.Second) {
		s.Shutdown()
		return nil, fmt.Errorf("queue: serve: nats-server on %s:%d not ready", o.Host, o.Port)
	}
	return s, nil
}

// Options configures a Queue connection.
type Options struct {
	// AckWait is how long a worker may hold a message before it is
	// delivered to another (default 60s: longer than any document takes).
	AckWait time.Duration
	// MaxDeliver bounds deliveries of one message (default 20): a
	// document that kills its worker every time is eventually dropped, not
	// looped on. With the growing retry delay (5s × deliveries, at most a
	// minute) 20 deliveries ride out about 15 minutes of store outage.
	MaxDeliver int
	// Name identifies this connection in server monitoring.
	Name string
}

// Queue is a connection to the work queue.
type Queue struct {
	nc   *nats.Conn
	js   jetstream.JetStream
	cons jetstream.Consumer
	o    Options
}

// Connect connects to the NATS server at url and creates the stream and
// the durable consumer when they do not exist.
func Connect(ctx context.Context, url string, o Options) (*Queue, error) {
	if o.AckWait <= 0 {
		o.AckWait = 60 * time.Second
	}
	if o.MaxDeliver <= 0 {
		o.MaxDeliver = 20
	}
	nc, err := nats.Connect(url, nats.Name(o.Name), nats.MaxReconnects(-1), nats.ReconnectWait(time.Second))
	if err != nil {
		return nil, fmt.Errorf("queue: connect %s: %w", url, err)
	}
	js, err := jetstream.New(nc, jetstream.WithPublishAsyncMaxPending(512))
	if err != nil {
		nc.Close()
		return nil, fmt.Errorf("queue: connect %s: %w", url, err)
	}
	_, err = js.CreateOrUpdateStream(ctx, jetstream.StreamConfig{
		Name:       Stream,
		Subjects:   []string{Subject},
		Retention:  jetstream.WorkQueuePolicy,
		Storage:    jetstream.FileStorage,
		Duplicates: 10 * time.Minute,
		MaxMsgSize: MaxPayload,
	})
	if err != nil {
		nc.Close()
		return nil, fmt.Errorf("queue: stream %s on %s: %w", Stream, url, err)
	}
	cons, err := js.CreateOrUpdateConsumer(ctx, Stream, jetstream.ConsumerConfig{
		Durable:       Consumer,
		AckPolicy:     jetstream.AckExplicitPolicy,
		AckWait:       o.AckWait,
		MaxDeliver:    o.MaxDeliver,
		MaxAckPending: 4096,
	})
	if err != nil {
		nc.Close()
		return nil, fmt.Errorf("queue: consumer %s on %s: %w", Consumer, url, err)
	}
	return &Queue{nc: nc, js: js, cons: cons, o: o}, nil
}

// Close drains and closes the connection.
func (q *Queue) Close() error {
	q.nc.Drain()
	return nil
}

// Publish queues one document without waiting for the server's
// acknowledgement; Flush waits for all of them.
func (q *Queue) Publish(in sitrep.Input) error {
	b, err := json.Marshal(in)
	if err != nil {
		return fmt.Errorf("queue: publish %s: %w", in.Label(), err)
	}
	if len(b) > MaxPayload {
		return fmt.Errorf("queue: publish %s: message of %d bytes over %d", in.Label(), len(b), MaxPayload)
	}
	for try := 0; ; try++ {
		_, err = q.js.PublishAsync(Subject, b, jetstream.WithMsgID(store.Key(in)))
		if !errors.Is(err, jetstream.ErrTooManyStalledMsgs) || try == 20 {
			break
		}
		// Too many documents await the server's ack: wait for them.
		select {
		case <-q.js.PublishAsyncComplete():
		case <-time.After(time.Second):
		}
	}
	if err != nil {
		return fmt.Errorf("queue: publish %s: %w", in.Label(), err)
	}
	return nil
}

// Flush waits until the server has acknowledged every published document.
func (q *Queue) Flush(ctx context.Context) error {
	select {
	case <-q.js.PublishAsyncComplete():
	case <-ctx.Done():
		return ctx.Err()
	}
	if n := q.js.PublishAsyncPending(); n > 0 {
		return fmt.Errorf("queue: %d documents not acknowledged", n)
	}
	return nil
}

// Pending returns the number of documents waiting in the queue, delivered
// but not yet acknowledged ones included.
func (q *Queue) Pending(ctx context.Context) (uint64, error) {
	info, err := q.cons.Info(ctx)
	if err != nil {
		return 0, fmt.Errorf("queue: %w", err)
	}
	return info.NumPending + uint64(info.NumAckPending), nil
}

// Handler processes one document. Returning a Permanent error drops the
// message (it would fail again); any other error has it delivered again
// after a delay.
type Handler func(ctx context.Context, in sitrep.Input) error

// Permanent marks err as not worth retrying.
func Permanent(err error) error { return permanentError{err} }

type permanentError struct{ error }

func (e permanentError) Unwrap() error { return e.error }

// IsPermanent reports whether err was marked by Permanent.
func IsPermanent(err error) bool { return errors.As(err, new(permanentError)) }

// Consume hands messages to h until ctx is done, acknowledging each after
// h returns nil. On ctx's end it stops taking messages and returns once
// the one in hand is finished. Run one Consume per goroutine for parallel
// work. idle > 0 makes Consume return when no message came for that long
// (benchmarks, tests). log receives per-message failures.
func (q *Queue) Consume(ctx context.Context, h Handler, idle time.Duration, log func(string, ...any)) error {
	last := time.Now()
	for ctx.Err() == nil {
		msg, err := q.cons.Next(jetstream.FetchMaxWait(time.Second))
		if errors.Is(err, nats.ErrTimeout) || errors.Is(err, context.DeadlineExceeded) {
			if idle > 0 && time.Since(last) > idle {
				return nil
			}
			continue
		}
		if err != nil {
			if ctx.Err() != nil {
				return nil
			}
			log("queue: fetch: %v", err)
			time.Sleep(time.Second)
			continue
		}
		last = time.Now()
		var in sitrep.Input
		if err := json.Unmarshal(msg.Data(), &in); err != nil {
			log("queue: message %s: not a document: %v", msgID(msg), err)
			msg.Term()
			continue
		}
		// The document is finished even when ctx ends meanwhile: a
		// graceful stop loses no work.
		err = h(context.WithoutCancel(ctx), in)
		switch {
		case err == nil:
			if err := msg.DoubleAck(context.WithoutCancel(ctx)); err != nil {
				log("queue: ack %s: %v (it will be delivered again; the store ignores the copy)", in.Label(), err)
			}
		case IsPermanent(err):
			log("%s: %v (dropped)", in.Label(), err)
			msg.Term()
		default:
			delay := 5 * time.Second
			if md, merr := msg.Metadata(); merr == nil {
				delay = min(time.Duration(md.NumDelivered)*5*time.Second, time.Minute)
			}
			log("%s: %v (will retry in %s)", in.Label(), err, delay)
			msg.NakWithDelay(delay)
			// The store is likely down for every document: do not spin.
			select {
			case <-time.After(delay / 5):
			case <-ctx.Done():
			}
		}
	}
	return nil
}

func msgID(msg jetstream.Msg) string {
	if md, err := msg.Metadata(); err == nil {
		return fmt.Sprintf("#%d", md.Sequence.Stream)
	}
	return "?"
}

// Processor analyses one input; *engine.Engine is one.
type Processor interface {
	Process(ctx context.Context, in sitrep.Input) (*sitrep.Doc, error)
}

// StoreHandler returns the handler of `sitrep worker`: skip documents
// already stored, analyse, store. Analysis failures are permanent (the
// same input fails the same way); store failures are retried.
func StoreHandler(p Processor, st store.Store, stored func(created bool)) Handler {
	return func(ctx context.Context, in sitrep.Input) error {
		key := store.Key(in)
		if ok, err := st.Has(ctx, key); err != nil {
			return err
		} else if ok {
			stored(false)
			return nil
		}
		doc, err := p.Process(ctx, in)
		if err != nil {
			return Permanent(err)
		}
		_, created, err := st.Put(ctx, key, doc)
		if err != nil {
			return err
		}
		stored(created)
		return nil
	}
}

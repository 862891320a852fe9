// Package contract checks documents against the analysis contract's JSON
// Schema (analysis-v1.schema.json, written from analysis-v1.md), plus the
// rules a schema cannot say: every span inside the text, on character
// boundaries, and references between layers that resolve.
package contract

import (
	"bytes"
	_ "embed"
	"encoding/json"
	"fmt"
	"sync"
	"unicode/utf8"

	"github.com/santhosh-tekuri/jsonschema/v6"

	"github.com/sitrep/sitrep"
)

//go:embed analysis-v1.schema.json
var schemaJSON []byte

var compiled = sync.OnceValues(func() (*jsonschema.Schema, error) {
	doc, err := jsonschema.UnmarshalJSON(bytes.NewReader(schemaJSON))
	if err != nil {
		return nil, err
	}
	c := jsonschema.NewCompiler()
	if err := c.AddResource("analysis-v1.schema.json", doc); err != nil {
		return nil, err
	}
	return c.Compile("analysis-v1.schema.json")
})

// Validate checks one JSON-encoded analysis against the contract.
func Validate(b []byte) error {
	sch, err := compiled()
	if err != nil {
		return fmt.Errorf("contract: schema: %w", err)
	}
	v, err := jsonschema.UnmarshalJSON(bytes.NewReader(b))
	if err != nil {
		return fmt.Errorf("contract: %w", err)
	}
	if err := sch.Validate(v); err != nil {
		return fmt.Errorf("contract: %w", err)
	}
	var d sitrep.Doc
	if err := json.Unmarshal(b, &d); err != nil {
		return fmt.Errorf("contract: %w", err)
	}
	return Check(&d)
}

// Check verifies what the schema cannot: spans inside the text, valid
// UTF-8, and ids that point to things that exist.
func Check(d *sitrep.Doc) error {
	if !utf8.ValidString(d.Text) {
		return fmt.Errorf("contract: text is not valid UTF-8")
	}
	if bad := d.CheckSpans(); bad != "" {
		return fmt.Errorf("contract: %s: span outside the text or off a character boundary", bad)
	}
	actors := map[string]bool{}
	for _, a := range d.Actors {
		if actors[a.ID] {
			return fmt.Errorf("contract: actor id %q appears twice", a.ID)
		}
		actors[a.ID] = true
	}
	places := map[string]bool{}
	for _, p := range d.Places {
		places[p.ID] = true
	}
	quants := map[string]bool{}
	for _, q := range d.Quantities {
		quants[q.ID] = true
	}
	quotes := map[string]bool{}
	for _, q := range d.Quotes {
		quotes[q.ID] = true
		if q.Speaker.Actor != "" && !actors[string(q.Speaker.Actor)] {
			return fmt.Errorf("contract: quote %s: speaker actor %q is not in actors", q.ID, q.Speaker.Actor)
		}
	}
	events := map[string]bool{}
	for _, e := range d.Events {
		if events[e.ID] {
			return fmt.Errorf("contract: event id %q appears twice", e.ID)
		}
		events[e.ID] = true
		if e.Sentence < 0 || e.Sentence >= len(d.Sentences) {
			return fmt.Errorf("contract: event %s: sentence %d out of range", e.ID, e.Sentence)
		}
		for _, r := range []*sitrep.ActorRef{e.Source, e.Target} {
			if r != nil && !actors[r.Actor] {
				return fmt.Errorf("contract: event %s: actor %q is not in actors", e.ID, r.Actor)
			}
		}
		for _, p := range e.Places {
			if !places[p] {
				return fmt.Errorf("contract: event %s: place %q is not in places", e.ID, p)
			}
		}
		for _, q := range e.Quantities {
			if !quants[q] {
				return fmt.Errorf("contract: event %s: quantity %q is not in quantities", e.ID, q)
			}
		}
		if e.Attribution != "" && !quotes[string(e.Attribution)] {
			return fmt.Errorf("contract: event %s: attribution %q is not in quotes", e.ID, e.Attribution)
		}
	}
	for _, r := range d.Relations {
		if !events[r.From] || !events[r.To] {
			return fmt.Errorf("contract: relation %s %s→%s: event not found", r.Type, r.From, r.To)
		}
		if !r.Evidence.Valid(len(d.Text)) {
			return fmt.Errorf("contract: relation %s %s→%s: evidence outside the text", r.Type, r.From, r.To)
		}
	}
	k := d.Sourcing.ByKind
	if sum := k.NamedPerson + k.NamedOrg + k.Anonymous + k.Outlet + k.Unattributed; sum != d.Sourcing.Claims {
		return fmt.Errorf("contract: sourcing: %d claims but kinds add up to %d", d.Sourcing.Claims, sum)
	}
	return nil
}

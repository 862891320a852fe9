package events

import (
	"bufio"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"slices"
	"sort"
	"strings"

	"github.com/sitrep/sitrep"
	"github.com/sitrep/sitrep/internal/quantity"
)

// Processor runs the whole pipeline on one input (engine.Process); the
// evaluation takes it as an argument because the engine imports this
// package.
type Processor func(context.Context, sitrep.Input) (*sitrep.Doc, error)

// Summary is the outcome of one evaluation suite.
type Summary struct {
	Suite   string
	Records int
	// Metrics are the suite's headline figures in [0,1], by name.
	Metrics map[string]float64
}

// Suites lists the evaluation suites.
var Suites = []string{"plover", "petrarch", "isaf", "case"}

// EvalEvents scores the event coder on one suite of the shared data
// directory (dataDir holds event-plover-gsr, event-petrarch-validation,
// event-isaf-pressreleases, event-case2021-task2), printing per-label
// P/R/F1 and a one-line summary to w. With SITREP_EVAL_DEBUG set in the
// environment it also lists the misses and extra events, for error
// analysis.
func EvalEvents(ctx context.Context, dataDir, suite string, w io.Writer, process Processor) (Summary, error) {
	switch suite {
	case "plover":
		return evalPlover(ctx, dataDir, w, process)
	case "petrarch":
		return evalPetrarch(ctx, dataDir, w, process)
	case "isaf":
		return evalISAF(ctx, dataDir, w, process)
	case "case":
		return evalCASE(ctx, dataDir, w, process)
	}
	return Summary{}, fmt.Errorf("events: unknown suite %q (want one of %s)", suite, strings.Join(Suites, ", "))
}

func readJSONL[T any](path string) ([]T, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, fmt.Errorf("events: reading %q: %w", path, err)
	}
	defer f.Close()
	var out []T
	sc := bufio.NewScanner(f)
	sc.Buffer(make([]byte, 1<<20), 16<<20)
	for n := 1; sc.Scan(); n++ {
		if strings.TrimSpace(sc.Text()) == "" {
			continue
		}
		var r T
		if err := json.Unmarshal(sc.Bytes(), &r); err != nil {
			return nil, fmt.Errorf("events: reading %q line %d: %w", path, n, err)
		}
		out = append(out, r)
	}
	return out, sc.Err()
}

// ploverAlias maps the 2016 gold standard's types onto the current 16.
var ploverAlias = map[string]string{"DEMAND": "REQUEST", "DISAPPROVE": "ACCUSE", "INVESTIGATE": "ACCUSE", "FIGHT": "ASSAULT"}

// countryAlias maps old CAMEO country codes to ISO alpha-3.
var countryAlias = map[string]string{"JAP": "JPN", "ROM": "ROU", "GER": "DEU", "UK": "GBR", "ZAR": "COD", "TMP": "TLS", "ITL": "ITA"}

// actorCountry returns the country (ISO alpha-3) or the IGO/NGO class of
// the actor referred to by r.
func actorCountry(d *sitrep.Doc, r *sitrep.ActorRef) string {
	if r == nil {
		return ""
	}
	for _, a := range d.Actors {
		if a.ID != r.Actor {
			continue
		}
		switch {
		case a.Country != "":
			return string(a.Country)
		case a.Type == sitrep.ActorIGO || strings.HasPrefix(a.ID, "IGO"):
			return "IGO"
		case strings.HasPrefix(a.ID, "NGO"):
			return "NGO"
		}
	}
	// A person or body without a country: the country named just before
	// it in the same phrase ("British Defence Secretary Tom King").
	best, bestEnd := "", -1
	for _, a := range d.Actors {
		if a.Country == "" || a.ID == r.Actor {
			continue
		}
		for _, m := range a.Mentions {
			if m.End <= r.Start && r.Start-m.End <= 40 && m.End > bestEnd && !strings.ContainsAny(d.Text[m.End:r.Start], ",.;:()\n") {
				best, bestEnd = string(a.Country), m.End
			}
		}
	}
	if best != "" {
		return best
	}
	if len(r.Actor) >= 3 && strings.ToUpper(r.Actor[:3]) == r.Actor[:3] {
		return r.Actor[:3]
	}
	return ""
}

func normCountry(c string) string {
	c = strings.ToUpper(strings.TrimSpace(c))
	if a, ok := countryAlias[c]; ok {
		return a
	}
	if len(c) > 3 {
		c = c[:3]
	}
	return c
}

// countryIn reports whether the event participant's country is among
// gold (an empty gold list accepts anything).
func countryIn(d *sitrep.Doc, r *sitrep.ActorRef, gold []string) bool {
	if len(gold) == 0 {
		return true
	}
	c := normCountry(actorCountry(d, r))
	if c == "" {
		return false
	}
	for _, g := range gold {
		g = normCountry(g)
		if g == "---" || g == c {
			return true
		}
	}
	return false
}

// labelStats counts record-level label decisions for P/R/F1.
type labelStats map[string]*[3]int // tp, fp, fn

func (ls labelStats) add(gold, pred []string) {
	get := func(l string) *[3]int {
		if ls[l] == nil {
			ls[l] = &[3]int{}
		}
		return ls[l]
	}
	for _, l := range pred {
		if slices.Contains(gold, l) {
			get(l)[0]++
		} else {
			get(l)[1]++
		}
	}
	for _, l := range gold {
		if !slices.Contains(pred, l) {
			get(l)[2]++
		}
	}
}

func (ls labelStats) print(w io.Writer) {
	labels := make([]string, 0, len(ls))
	for l := range ls {
		labels = append(labels, l)
	}
	sort.Strings(labels)
	fmt.Fprintf(w, "%-14s %6s %6s %6s %5s\n", "label", "P", "R", "F1", "n")
	for _, l := range labels {
		s := ls[l]
		p, r, f := prf(s[0], s[1], s[2])
		fmt.Fprintf(w, "%-14s %6.3f %6.3f %6.3f %5d\n", l, p, r, f, s[0]+s[2])
	}
}

func prf(tp, fp, fn int) (p, r, f float64) {
	if tp+fp > 0 {
		p = float64(tp) / float64(tp+fp)
	}
	if tp+fn > 0 {
		r = float64(tp) / float64(tp+fn)
	}
	if p+r > 0 {
		f = 2 * p * r / (p + r)
	}
	return
}

func ratio(a, b int) float64 {
	if b == 0 {
		return 0
	}
	return float64(a) / float64(b)
}

func uniq(ss []string) []string {
	sort.Strings(ss)
	return slices.Compact(ss)
}

// counted returns the events that are not repeats of earlier ones.
func counted(d *sitrep.Doc) []sitrep.Event {
	var out []sitrep.Event
	for _, e := range d.Events {
		if e.Same == "" {
			out = append(out, e)
		}
	}
	return out
}

type ploverRecord struct {
	ID       string `json:"id"`
	Text     string `json:"text"`
	Expected []struct {
		Source []string `json:"source_actor"`
		Target []string `json:"target_actor"`
		Code   string   `json:"code"`
	} `json:"expected"`
}

func evalPlover(ctx context.Context, dir string, w io.Writer, process Processor) (Summary, error) {
	recs, err := readJSONL[ploverRecord](filepath.Join(dir, "event-plover-gsr", "plover_gsr.dev.jsonl"))
	if err != nil {
		return Summary{}, err
	}
	ls := labelStats{}
	var typeHit, fullHit, emitted, matched, n int
	for _, r := range recs {
		if err := ctx.Err(); err != nil {
			return Summary{}, err
		}
		d, err := process(ctx, sitrep.Input{ID: r.ID, Text: r.Text})
		if err != nil {
			continue
		}
		n++
		var gold, pred []string
		for _, g := range r.Expected {
			gold = append(gold, mapPlover(g.Code))
		}
		evs := counted(d)
		th, fh := false, false
		for _, e := range evs {
			pred = append(pred, e.Plover)
			emitted++
			ok := false
			for _, g := range r.Expected {
				if mapPlover(g.Code) != e.Plover {
					continue
				}
				ok, th = true, true
				if countryIn(d, e.Source, g.Source) && countryIn(d, e.Target, g.Target) {
					fh = true
				}
			}
			if ok {
				matched++
			} else if os.Getenv("SITREP_EVAL_DEBUG") != "" {
				fmt.Fprintf(w, "  extra %s %s %s>%s %q | %s\n", r.ID, e.Plover, actorCountry(d, e.Source), actorCountry(d, e.Target), d.Slice(*e.Trigger), r.Text)
			}
		}
		if th {
			typeHit++
		}
		if fh {
			fullHit++
		}
		if os.Getenv("SITREP_EVAL_DEBUG") != "" && th && !fh {
			fmt.Fprintf(w, "  miss %s gold %v | %s\n", r.ID, r.Expected, r.Text)
			for _, e := range evs {
				fmt.Fprintf(w, "  miss %s %s: %s>%s\n", r.ID, e.Plover, actorCountry(d, e.Source), actorCountry(d, e.Target))
			}
		}
		ls.add(uniq(gold), uniq(pred))
	}
	ls.print(w)
	s := Summary{Suite: "plover", Records: n, Metrics: map[string]float64{
		"type_recall":        ratio(typeHit, n),
		"type_actors_recall": ratio(fullHit, n),
		"precision":          ratio(matched, emitted),
	}}
	fmt.Fprintf(w, "plover: %d records, gold type found %.3f, type+source+target country %.3f, precision %.3f (%d/%d events)\n",
		n, s.Metrics["type_recall"], s.Metrics["type_actors_recall"], s.Metrics["precision"], matched, emitted)
	return s, nil
}

func mapPlover(c string) string {
	if a, ok := ploverAlias[c]; ok {
		return a
	}
	return c
}

type petrRecord struct {
	ID       string `json:"id"`
	Text     string `json:"text"`
	Date     string `json:"date"`
	NoEvents bool   `json:"noevents"`
	Expected []struct {
		Source string `json:"source_actor"`
		Target string `json:"target_actor"`
		Code   string `json:"code"`
	} `json:"expected"`
}

func evalPetrarch(ctx context.Context, dir string, w io.Writer, process Processor) (Summary, error) {
	recs, err := readJSONL[petrRecord](filepath.Join(dir, "event-petrarch-validation", "petr2_gsr_validation.dev.jsonl"))
	if err != nil {
		return Summary{}, err
	}
	ls := labelStats{}
	var withGold, rootHit, fullHit, noev, noevOK, emitted, matched int
	for _, r := range recs {
		d, err := process(ctx, sitrep.Input{ID: r.ID, Text: r.Text})
		if err != nil {
			continue
		}
		evs := counted(d)
		if r.NoEvents || len(r.Expected) == 0 {
			noev++
			if len(evs) == 0 {
				noevOK++
			}
			var pred []string
			for _, e := range evs {
				pred = append(pred, root(string(e.Cameo)))
			}
			ls.add(nil, uniq(pred))
			continue
		}
		withGold++
		var gold, pred []string
		for _, g := range r.Expected {
			gold = append(gold, root(g.Code))
		}
		rh, fh := false, false
		for _, e := range evs {
			pred = append(pred, root(string(e.Cameo)))
			emitted++
			ok := false
			for _, g := range r.Expected {
				if root(g.Code) != root(string(e.Cameo)) {
					continue
				}
				ok, rh = true, true
				if countryIn(d, e.Source, petrActor(g.Source)) && countryIn(d, e.Target, petrActor(g.Target)) {
					fh = true
				}
			}
			if ok {
				matched++
			}
		}
		if rh {
			rootHit++
		}
		if fh {
			fullHit++
		}
		ls.add(uniq(gold), uniq(pred))
	}
	ls.print(w)
	s := Summary{Suite: "petrarch", Records: withGold + noev, Metrics: map[string]float64{
		"root_recall":        ratio(rootHit, withGold),
		"root_actors_recall": ratio(fullHit, withGold),
		"precision":          ratio(matched, emitted),
		"noevent_accuracy":   ratio(noevOK, noev),
	}}
	fmt.Fprintf(w, "petrarch: %d records (%d with events), CAMEO root found %.3f, root+actors %.3f, precision %.3f, no-event records left empty %.3f\n",
		s.Records, withGold, s.Metrics["root_recall"], s.Metrics["root_actors_recall"], s.Metrics["precision"], s.Metrics["noevent_accuracy"])
	return s, nil
}

func root(code string) string {
	if len(code) >= 2 {
		return code[:2]
	}
	return code
}

// petrActor turns a PETRARCH actor code into a country list ("---" and
// quoted new-actor literals accept anything).
func petrActor(code string) []string {
	if code == "" || strings.HasPrefix(code, "\"") || strings.HasPrefix(code, "---") {
		return nil
	}
	if strings.HasPrefix(code, "IGO") || strings.HasPrefix(code, "IMG") || strings.HasPrefix(code, "NGO") {
		return []string{code[:3], "---"}
	}
	return []string{code}
}

type isafRecord struct {
	ID       string `json:"id"`
	Title    string `json:"title"`
	Text     string `json:"text"`
	Expected []struct {
		Code        []string `json:"code"`
		Province    []string `json:"province"`
		TargetGroup []string `json:"target_group"`
		MinKilled   int      `json:"min_killed"`
		MinCaptured int      `json:"min_captured"`
	} `json:"expected"`
}

// isafGroups maps words of an actor's name or mention to ISAF target groups.
var isafGroups = []struct{ cue, group string }{
	{"haqqani", "haqqani"}, {"taliban", "taliban"}, {"al qaeda", "aq"}, {"al-qaeda", "aq"}, {"al qaida", "aq"},
	{"al-qaida", "aq"}, {"hezb-e-islami", "hig"}, {"hizb-i-islami", "hig"}, {"gulbuddin", "hig"}, {"hig", "hig"},
	{"lashkar-e-taiba", "let"}, {"lashkar-e-tayyiba", "let"}, {"islamic movement of uzbekistan", "imu"}, {"imu", "imu"},
	{"islamic jihad union", "iju"}, {"tehrik-e-taliban", "ttp"}, {"tehrik-i-taliban", "ttp"}, {"criminal", "criminals"},
	{"jaish", "judq"},
}

func isafGroup(s string) string {
	s = strings.ToLower(s)
	for _, g := range isafGroups {
		if containsWord(s, g.cue) {
			return g.group
		}
	}
	return ""
}

// containsWord reports whether w occurs in s starting a word ("hig" is
// not in "high", "imu" not in "maximum"; "criminal" still opens
// "criminals").
func containsWord(s, w string) bool {
	for i := 0; ; {
		k := strings.Index(s[i:], w)
		if k < 0 {
			return false
		}
		at := i + k
		end := at + len(w)
		if (at == 0 || !isLetter(s[at-1])) && (end == len(s) || !isLetter(s[end]) || len(w) > 4) {
			return true
		}
		i = at + 1
	}
}

func isLetter(b byte) bool { return b >= 'a' && b <= 'z' }

// isafProvince normalises a province name to the ISAF label.
func isafProvince(s string) string {
	s = strings.ToLower(strings.TrimSpace(s))
	s = strings.TrimSuffix(s, " province")
	s = strings.NewReplacer("-", "_", " ", "_", "'", "").Replace(s)
	switch s {
	case "paktia", "paktiya":
		return "paktya"
	case "daykundi", "daikundi", "daykondi":
		return "day_kundi"
	case "sar_e_pol", "sari_pul", "sar_i_pul", "sar_e_pul":
		return "sar_e_pul"
	case "oruzgan", "urozgan", "uruzgan":
		return "uruzgan"
	case "maidan_wardak", "wardak", "vardak":
		return "wardak"
	case "nimruz":
		return "nimroz"
	case "konar", "kunar":
		return "kunar"
	case "nangahar", "nangrahar":
		return "nangarhar"
	case "jawzjan":
		return "jowzjan"
	}
	return s
}

func evalISAF(ctx context.Context, dir string, w io.Writer, process Processor) (Summary, error) {
	recs, err := readJSONL[isafRecord](filepath.Join(dir, "event-isaf-pressreleases", "isafpr.dev.jsonl"))
	if err != nil {
		return Summary{}, err
	}
	provinces := map[string]bool{}
	for _, p := range strings.Fields("badakhshan badghis baghlan balkh bamyan day_kundi farah faryab ghazni ghor helmand herat jowzjan kabul kandahar kapisa khost kunar kunduz laghman logar nangarhar nimroz nuristan paktya paktika panjshir parwan samangan sar_e_pul takhar uruzgan wardak zabul") {
		provinces[p] = true
	}
	ls := labelStats{}
	var n, groupOK, provOK, killOK, capOK, countsOK, broadOK int
	for _, r := range recs {
		if len(r.Expected) == 0 {
			continue
		}
		d, err := process(ctx, sitrep.Input{ID: r.ID, Text: r.Text})
		if err != nil {
			continue
		}
		n++
		g := r.Expected[0]
		evs := counted(d)
		// Target groups: named in the targets of violent and coercive
		// events or in their clauses; provinces: the events' places, else
		// a "X province" phrase of their clauses; counts: the document's
		// casualty tallies (see releaseCounts).
		var groups, provs []string
		var broad []string
		for _, e := range evs {
			if e.Plover != "ASSAULT" && e.Plover != "COERCE" {
				continue
			}
			broad = append(broad, e.Plover)
			if e.Target != nil {
				for _, a := range d.Actors {
					if a.ID == e.Target.Actor {
						if gr := isafGroup(a.Name + " " + e.Target.Text); gr != "" {
							groups = append(groups, gr)
						}
					}
				}
			}
			// Else a group named in the event's sentence ("detained multiple
			// suspected insurgents while searching for a Taliban
			// facilitator").
			if gr := isafGroup(d.Slice(d.Sentences[e.Sentence].Span())); gr != "" && len(groups) == 0 {
				groups = append(groups, gr)
			}
			// A province the event's clause names ("in Watapur Valley in
			// Konar province") outranks one inferred from a place's
			// admin1 (a dateline's "KABUL" resolved as the event's place).
			var named, inferred []string
			for _, pid := range e.Places {
				for _, p := range d.Places {
					if p.ID != pid {
						continue
					}
					if pr := isafProvince(p.Name); provinces[pr] && p.Feature == sitrep.FeatureAdmin1 {
						named = append(named, pr)
					} else if pr := isafProvince(string(p.Admin1)); provinces[pr] {
						inferred = append(inferred, pr)
					}
				}
			}
			if len(named) == 0 {
				named = provincePhrases(d.Slice(e.Evidence), provinces)
			}
			if len(named) == 0 {
				named = inferred
			}
			provs = append(provs, named...)
		}
		killed, captured := releaseCounts(d)
		// No fallback to the first group named anywhere in the release
		// (the coders leave a group out when it is only background), but
		// the one the operation was after counts when no event named one.
		if len(groups) == 0 {
			groups = soughtGroups(d)
		}
		if len(provs) == 0 {
			// uniq compacts in place: keep its result, not the old length.
			provs = uniq(provincePhrases(d.Text, provinces))
			if len(provs) > 1 {
				provs = nil
			}
		}
		if len(provs) == 0 {
			// A province named bare ("Sangin/Helmand"), when only one is.
			if ws := provinceWords(d.Text, provinces); len(ws) == 1 {
				provs = ws
			}
		}
		provs = uniq(provs)
		groups = uniq(groups)
		var goldGroups []string
		for _, x := range g.TargetGroup {
			if x != "" {
				goldGroups = append(goldGroups, x)
			}
		}
		if slices.Equal(groups, uniq(goldGroups)) {
			groupOK++
		}
		var goldProvs []string
		for _, p := range g.Province {
			goldProvs = append(goldProvs, isafProvince(p))
		}
		if slices.Equal(provs, uniq(goldProvs)) {
			provOK++
		}
		if killed == g.MinKilled {
			killOK++
		}
		if captured == g.MinCaptured {
			capOK++
		}
		if killed == g.MinKilled && captured == g.MinCaptured {
			countsOK++
		}
		if os.Getenv("SITREP_EVAL_DEBUG") != "" {
			var evd []string
			for _, e := range evs {
				evd = append(evd, fmt.Sprintf("%s %s>%s %q n=%d", e.Plover, refActor(e.Source), refActor(e.Target), d.Slice(*e.Trigger), eventCount(d, e)))
			}
			fmt.Fprintf(w, "  %s groups %v/%v prov %q/%q killed %d/%d captured %d/%d %v\n", r.ID, groups, goldGroups, provs, g.Province, killed, g.MinKilled, captured, g.MinCaptured, evd)
		}
		var goldBroad []string
		for _, c := range g.Code {
			if c == "detention" {
				goldBroad = append(goldBroad, "COERCE")
			} else {
				goldBroad = append(goldBroad, "ASSAULT")
			}
		}
		goldBroad, broad = uniq(goldBroad), uniq(broad)
		for _, b := range broad {
			if slices.Contains(goldBroad, b) {
				broadOK++
				break
			}
		}
		ls.add(goldBroad, broad)
	}
	ls.print(w)
	s := Summary{Suite: "isaf", Records: n, Metrics: map[string]float64{
		"target_group": ratio(groupOK, n),
		"province":     ratio(provOK, n),
		"killed":       ratio(killOK, n),
		"captured":     ratio(capOK, n),
		"counts":       ratio(countsOK, n),
		"broad_type":   ratio(broadOK, n),
	}}
	fmt.Fprintf(w, "isaf: %d releases, target group %.3f, province %.3f, killed %.3f, captured %.3f, both counts %.3f, broad type %.3f\n",
		n, s.Metrics["target_group"], s.Metrics["province"], s.Metrics["killed"], s.Metrics["captured"], s.Metrics["counts"], s.Metrics["broad_type"])
	return s, nil
}

// eventCount is the number of people an event affects: the quantities
// and singular noun phrases of its object ("a Taliban leader and several
// associates" is 1 + several), or of its subject when passive; one when
// nothing is said.
func eventCount(d *sitrep.Doc, e sitrep.Event) int {
	// The event's counts after its trigger, summed over a coordination
	// ("a Taliban leader and several associates": 1 + 3, "the leader
	// along with three of his associates": 1 + 3); the quantity layer
	// gives vague counts their conventional values.
	sum, kind := 0, sitrep.NullString("")
	for _, qid := range e.Quantities {
		for _, q := range d.Quantities {
			if q.ID == qid && q.Value != nil && q.Start >= e.Trigger.End && (kind == "" || q.Kind == kind) {
				sum += int(*q.Value)
				kind = q.Kind
			}
		}
	}
	if sum > 0 {
		return sum
	}
	// The object phrase: from the trigger to the first preposition.
	start, end := e.Trigger.End, e.Evidence.End
	obj := d.Text[start:end]
	for _, p := range []string{" during ", " in ", " at ", " for ", " after ", " while ", " near ", " on ", " with ", ",", ".", " who ", " which ", " from "} {
		if k := strings.Index(obj, p); k >= 0 {
			obj, end = obj[:k], start+k
		}
	}
	n := 0
	for _, q := range d.Quantities {
		if q.Value != nil && q.Start >= start && q.End <= end {
			n += int(*q.Value)
		}
	}
	for _, part := range strings.Split(" "+strings.ToLower(obj)+" ", " and ") {
		f := strings.Fields(part)
		if len(f) == 0 {
			continue
		}
		switch f[0] {
		case "a", "an", "one":
			n++
		}
	}
	if n > 0 {
		return n
	}
	// Passive: "two insurgents were detained".
	for _, q := range d.Quantities {
		if q.Value != nil && q.Start >= e.Evidence.Start && q.End <= e.Trigger.Start {
			n = int(*q.Value)
		}
	}
	if n > 0 {
		return n
	}
	return 1
}

type caseRecord struct {
	ID       string `json:"id"`
	Text     string `json:"text"`
	Expected []struct {
		Code string `json:"code"`
	} `json:"expected"`
}

// acledPlover maps CASE 2021 (ACLED sub-event) types to PLOVER types; an
// empty list means PLOVER codes no event.
var acledPlover = map[string][]string{
	"ABDUCT_DISSAP": {"ASSAULT"}, "AGREEMENT": {"AGREE"}, "AIR_STRIKE": {"ASSAULT"}, "ARMED_CLASH": {"ASSAULT"},
	"ARREST": {"COERCE"}, "ART_MISS_ATTACK": {"ASSAULT"}, "ATTACK": {"ASSAULT"}, "CHANGE_TO_GROUP_ACT": {"PROTEST", "COERCE", "MOBILIZE"},
	"CHEM_WEAP": {"ASSAULT"}, "DISR_WEAP": {"COERCE", "RETREAT"}, "FORCE_AGAINST_PROTEST": {"COERCE", "ASSAULT"},
	"GOV_REGAINS_TERIT": {"ASSAULT"}, "GRENADE": {"ASSAULT"}, "HQ_ESTABLISHED": {"MOBILIZE"}, "MOB_VIOL": {"ASSAULT", "PROTEST"},
	"NON_STATE_ACTOR_OVERTAKES_TER": {"ASSAULT"}, "NON_VIOL_TERRIT_TRANSFER": {"RETREAT", "AGREE"}, "PEACE_PROTEST": {"PROTEST"},
	"PROPERTY_DISTRUCT": {"COERCE", "ASSAULT"}, "PROTEST_WITH_INTER": {"PROTEST", "COERCE"}, "REM_EXPLOS": {"ASSAULT"},
	"SEX_VIOL": {"ASSAULT"}, "SUIC_BOMB": {"ASSAULT"}, "VIOL_DEMONSTR": {"PROTEST"},
	"DIPLO":     {"CONSULT", "AGREE", "SUPPORT", "COOPERATE", "REQUEST", "REJECT", "ACCUSE", "SANCTION", "AID", "THREATEN"},
	"ATTRIB":    {"ACCUSE", "CONCEDE"},
	"ORG_CRIME": nil, "NATURAL_DISASTER": nil, "MAN_MADE_DISASTER": nil, "OTHER": nil,
}

func evalCASE(ctx context.Context, dir string, w io.Writer, process Processor) (Summary, error) {
	recs, err := readJSONL[caseRecord](filepath.Join(dir, "event-case2021-task2", "case2021_task2.dev.jsonl"))
	if err != nil {
		return Summary{}, err
	}
	ls := labelStats{}
	var coded, codedHit, topHit, none, noneOK int
	for _, r := range recs {
		if len(r.Expected) == 0 {
			continue
		}
		d, err := process(ctx, sitrep.Input{ID: r.ID, Text: r.Text})
		if err != nil {
			continue
		}
		want := acledPlover[r.Expected[0].Code]
		evs := counted(d)
		count := map[string]int{}
		var pred []string
		for _, e := range evs {
			count[e.Plover]++
			pred = append(pred, e.Plover)
		}
		top := ""
		for t, c := range count {
			if c > count[top] || c == count[top] && t < top {
				top = t
			}
		}
		if len(want) == 0 {
			none++
			if len(evs) == 0 {
				noneOK++
			}
			continue
		}
		coded++
		hit := false
		for _, p := range pred {
			if slices.Contains(want, p) {
				hit = true
			}
		}
		if hit {
			codedHit++
		}
		if slices.Contains(want, top) {
			topHit++
		}
		gold := []string{want[0]}
		var tp []string
		if top != "" {
			tp = []string{top}
		}
		ls.add(gold, tp)
	}
	ls.print(w)
	s := Summary{Suite: "case", Records: coded + none, Metrics: map[string]float64{
		"any_match":     ratio(codedHit, coded),
		"top_match":     ratio(topHit, coded),
		"none_accuracy": ratio(noneOK, none),
	}}
	fmt.Fprintf(w, "case: %d snippets (%d with a PLOVER type), mapped type among events %.3f, top event type %.3f, no-event types left empty %.3f\n",
		s.Records, coded, s.Metrics["any_match"], s.Metrics["top_match"], s.Metrics["none_accuracy"])
	return s, nil
}

// provincePhrases returns the ISAF provinces named as "X province" in s.
func provincePhrases(s string, provinces map[string]bool) []string {
	var out []string
	low := strings.ToLower(s)
	for i := 0; ; {
		k := strings.Index(low[i:], " province")
		if k < 0 {
			break
		}
		end := i + k
		start := end
		for start > 0 && (low[start-1] >= 'a' && low[start-1] <= 'z' || low[start-1] == '-' || low[start-1] == '\'') {
			start--
		}
		if pr := isafProvince(low[start:end]); provinces[pr] {
			out = append(out, pr)
		} else if pr := isafProvince(strings.TrimSuffix(low[start:end], "a")); provinces[pr] {
			out = append(out, pr)
		}
		i = end + len(" province")
	}
	return out
}

// provinceWords returns the distinct ISAF provinces whose names occur as
// words of s.
func provinceWords(s string, provinces map[string]bool) []string {
	var out []string
	f := strings.FieldsFunc(strings.ToLower(s), func(r rune) bool {
		return !(r >= 'a' && r <= 'z' || r == '-' || r == '\'')
	})
	for i, w := range f {
		cand := []string{w}
		if i+1 < len(f) {
			cand = append(cand, w+" "+f[i+1])
		}
		for _, c := range cand {
			if p := isafProvince(c); provinces[p] && !slices.Contains(out, p) {
				out = append(out, p)
			}
		}
	}
	return out
}

// ownForces are the counted nouns for the releasing side's troops: the
// ISAF coders count insurgents (and civilians) killed or captured in the
// operation, not soldiers lost in the attacks it answers.
var ownForces = map[string]bool{
	"soldier": true, "soldiers": true, "troops": true, "police": true,
	"policemen": true, "officers": true, "marines": true, "americans": true,
	"members": true, "personnel": true, "servicemembers": true,
}

// releaseCounts reads the killed and captured tallies of a release from
// the quantity layer, which weighs restatements across sentences (a lede
// and its details, a headline and its story), over the counts that are
// not the releasing side's own losses. Summing per-event counts scored
// lower: events see one clause, not what the release already counted.
func releaseCounts(d *sitrep.Doc) (killed, captured int) {
	keep := func(q sitrep.Quantity) bool { return !ownForces[strings.ToLower(string(q.Of))] }
	return quantity.TallyFunc(d, "killed", keep), quantity.TallyFunc(d, "arrested", keep)
}

// soughtCues open the phrase that names whom an operation was after.
var soughtCues = []string{"searching for ", "search for ", "in search of ", "in pursuit of ", "targeting ", "targeted ", "target of the operation was ", "seeking ", "hunting for "}

// soughtGroups returns the groups named as the one an operation was
// after ("an operation in search of a Taliban leader"), from the first
// sentence that names one so; a release that codes no group in its events
// is usually about that one.
func soughtGroups(d *sitrep.Doc) []string {
	for _, sn := range d.Sentences {
		low := strings.ToLower(d.Slice(sn.Span()))
		var out []string
		for _, c := range soughtCues {
			for i := 0; ; {
				k := strings.Index(low[i:], c)
				if k < 0 {
					break
				}
				from := i + k + len(c)
				to := min(len(low), from+60)
				if e := strings.IndexAny(low[from:to], ".;"); e >= 0 {
					to = from + e
				}
				if g := isafGroup(low[from:to]); g != "" {
					out = append(out, g)
				}
				i = from
			}
		}
		if len(out) > 0 {
			return uniq(out)
		}
	}
	return nil
}

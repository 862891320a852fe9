package cluster

import (
	"context"
	"math"
	"sort"
	"strconv"
	"strings"

	"github.com/sitrep/sitrep/internal/store"
)

// Corroboration levels, weakest first; see the package documentation.
const (
	LevelNone                    = "none"
	LevelSingleAnonymous         = "single_anonymous"
	LevelSingleOutlet            = "single_outlet"
	LevelSingleNamed             = "single_named"
	LevelSeveralUnnamed          = "several_unnamed"
	LevelSeveralOneNamed         = "several_one_named"
	LevelSeveralIndependentNamed = "several_independent_named"
)

// Levels lists the levels in rank order (index = Rank).
var Levels = []string{LevelNone, LevelSingleAnonymous, LevelSingleOutlet, LevelSingleNamed,
	LevelSeveralUnnamed, LevelSeveralOneNamed, LevelSeveralIndependentNamed}

var levelLabels = map[string]string{
	LevelNone:                    "denied only",
	LevelSingleAnonymous:         "single anonymous source",
	LevelSingleOutlet:            "single outlet's own account",
	LevelSingleNamed:             "single named source",
	LevelSeveralUnnamed:          "several outlets, no named source",
	LevelSeveralOneNamed:         "several outlets, one named source",
	LevelSeveralIndependentNamed: "several outlets with named sources",
}

// Report is one independent report of a claim: an outlet's article (the
// earliest, when it told the claim several times) with the syndicated
// copies and repeats collapsed into it.
type Report struct {
	DocID     int64  `json:"doc_id"`
	EventID   string `json:"event_id"`
	Outlet    string `json:"outlet"`
	Title     string `json:"title"`
	Published string `json:"published"`
	// Sourcing is what the report rests on: named, anonymous or outlet.
	Sourcing    string `json:"sourcing"`
	SpeakerKind string `json:"speaker_kind"`
	Speaker     string `json:"speaker"`
	Plover      string `json:"plover"`
	Modality    string `json:"modality"`
	Evidence    string `json:"evidence"`
	// Copies are the other articles collapsed into this report:
	// syndicated copies of its text and the outlet's other articles.
	Copies []Copy `json:"copies"`
}

// Copy is an article collapsed into a report.
type Copy struct {
	DocID     int64  `json:"doc_id"`
	Outlet    string `json:"outlet"`
	Published string `json:"published"`
	// Syndicated reports a copy of the same text.
	Syndicated bool `json:"syndicated"`
}

// Claim is one event claim across the store with its corroboration.
type Claim struct {
	Key        string   `json:"key"`
	Source     string   `json:"source"`
	SourceName string   `json:"source_name"`
	Target     string   `json:"target"`
	TargetName string   `json:"target_name"`
	Family     string   `json:"family"`
	Types      []string `json:"types"`
	Historical bool     `json:"historical"`
	Level      string   `json:"level"`
	Rank       int      `json:"rank"`
	Label      string   `json:"label"`
	Contested  bool     `json:"contested"`
	// Independent counts the independent outlets that report it.
	Independent int `json:"independent_outlets"`
	// Earliest is the first report (date of publication, else unknown).
	Earliest *Report  `json:"earliest"`
	Reports  []Report `json:"reports"`
	Denials  []Report `json:"denials"`
	// EventIDs are the asking document's events of this claim.
	EventIDs []string `json:"event_ids,omitempty"`
}

// grade builds a claim from all its stored events.
func grade(key string, rows []store.ClaimReport) Claim {
	c := Claim{Key: key, Reports: []Report{}, Denials: []Report{}, Types: []string{}}
	parts := strings.Split(key, "|")
	if len(parts) >= 3 {
		c.Source, c.Target, c.Family = parts[0], parts[1], parts[2]
		c.Historical = len(parts) > 3 && parts[3] == "past"
	}
	var pos, neg []store.ClaimReport
	types := map[string]bool{}
	denying := map[int64]bool{}
	for _, r := range rows {
		if r.Denied {
			denying[r.DocID] = true
		}
	}
	for _, r := range rows {
		if c.SourceName == "" {
			c.SourceName = r.SourceName
		}
		if c.TargetName == "" {
			c.TargetName = r.TargetName
		}
		if r.Denied {
			neg = append(neg, r)
			continue
		}
		// An article that carries a denial restates the claim it denies
		// ("denied reports that it was backing ..."): unsourced mentions
		// there are not a report of their own.
		if denying[r.DocID] && sourcingClass(r.Sourcing) == SourcedOutlet {
			continue
		}
		pos = append(pos, r)
		if !types[r.Plover] {
			types[r.Plover] = true
			c.Types = append(c.Types, r.Plover)
		}
	}
	sort.Strings(c.Types)
	c.Reports = collapse(pos)
	c.Denials = collapse(neg)
	c.Independent = len(c.Reports)
	c.Contested = len(c.Denials) > 0
	c.Level = level(c.Reports)
	c.Rank = rank(c.Level)
	c.Label = levelLabels[c.Level]
	if c.Contested {
		c.Label = "contested: " + c.Label
	}
	if len(c.Reports) > 0 {
		e := c.Reports[0]
		e.Copies = nil
		c.Earliest = &e
	}
	return c
}

func rank(level string) int {
	for i, l := range Levels {
		if l == level {
			return i
		}
	}
	return 0
}

// level grades independent reports (see the package documentation).
func level(reports []Report) string {
	named := 0
	for _, r := range reports {
		if r.Sourcing == SourcedNamed {
			named++
		}
	}
	switch {
	case len(reports) == 0:
		return LevelNone
	case len(reports) == 1:
		switch reports[0].Sourcing {
		case SourcedNamed:
			return LevelSingleNamed
		case SourcedAnonymous:
			return LevelSingleAnonymous
		}
		return LevelSingleOutlet
	case named == 0:
		return LevelSeveralUnnamed
	case named == 1:
		return LevelSeveralOneNamed
	}
	return LevelSeveralIndependentNamed
}

// when orders reports by publication day (unknown last), then article.
func when(r store.ClaimReport) [2]int64 {
	d := int64(r.Day)
	if d < 0 {
		d = math.MaxInt32
	}
	return [2]int64{d, r.DocID}
}

// collapse turns a claim's events into independent reports: first the
// syndicated copies of one text fold into the earliest copy, then one
// outlet's reports fold into its earliest. Each keeps the strongest
// sourcing of what it folded.
func collapse(rows []store.ClaimReport) []Report {
	if len(rows) == 0 {
		return []Report{}
	}
	rows = append([]store.ClaimReport(nil), rows...)
	sort.SliceStable(rows, func(i, j int) bool {
		a, b := when(rows[i]), when(rows[j])
		return a[0] < b[0] || a[0] == b[0] && (a[1] < b[1] || a[1] == b[1] && rows[i].EventID < rows[j].EventID)
	})
	type unit struct {
		rep      Report
		strength int
		docs     map[int64]bool
	}
	var units []*unit
	byOutlet := map[string]*unit{}
	origins := map[int64]*unit{}
	for _, r := range rows {
		cls := sourcingClass(r.Sourcing)
		u := origins[r.Origin]
		if u == nil {
			outlet := strings.ToLower(strings.TrimSpace(r.Outlet))
			if outlet == "" {
				outlet = "\x00" + strconv.FormatInt(r.Origin, 10)
			}
			u = byOutlet[outlet]
			if u == nil {
				u = &unit{rep: report(r), strength: -1, docs: map[int64]bool{}}
				units = append(units, u)
				byOutlet[outlet] = u
			}
			origins[r.Origin] = u
		}
		if !u.docs[r.DocID] {
			u.docs[r.DocID] = true
			if r.DocID != u.rep.DocID {
				u.rep.Copies = append(u.rep.Copies, Copy{DocID: r.DocID, Outlet: r.Outlet, Published: r.Published,
					Syndicated: r.Origin != r.DocID})
			}
		}
		if s := sourcingOrder[cls]; s > u.strength {
			u.strength = s
			u.rep.Sourcing, u.rep.SpeakerKind, u.rep.Speaker = cls, r.Sourcing, r.Speaker
			if r.DocID == u.rep.DocID {
				u.rep.EventID, u.rep.Evidence, u.rep.Modality, u.rep.Plover = r.EventID, r.Evidence, r.Modality, r.Plover
			}
		}
	}
	out := make([]Report, len(units))
	for i, u := range units {
		if u.rep.Copies == nil {
			u.rep.Copies = []Copy{}
		}
		out[i] = u.rep
	}
	return out
}

func report(r store.ClaimReport) Report {
	return Report{DocID: r.DocID, EventID: r.EventID, Outlet: r.Outlet, Title: r.Title, Published: r.Published,
		Plover: r.Plover, Modality: r.Modality, Evidence: r.Evidence}
}

// DocCorroboration is the corroboration of every claim of one article.
type DocCorroboration struct {
	DocID   int64   `json:"doc_id"`
	StoryID int64   `json:"story_id"`
	Claims  []Claim `json:"claims"`
}

// Doc grades every claim of the indexed article id against the reports
// within ±ClaimWindow days of its publication.
func (ix *Index) Doc(ctx context.Context, id int64) (DocCorroboration, error) {
	story, err := ix.b.DocStory(ctx, id)
	if err != nil {
		return DocCorroboration{}, err
	}
	own, err := ix.b.DocReports(ctx, []int64{id})
	if err != nil {
		return DocCorroboration{}, err
	}
	claims, err := ix.claims(ctx, own, story)
	if err != nil {
		return DocCorroboration{}, err
	}
	return DocCorroboration{DocID: id, StoryID: story, Claims: claims}, nil
}

// claims grades each distinct claim of the given events, around the
// earliest of them; EventIDs lists the given events of each. A claim with
// one side unknown ("the Taliban attacked") is too vague to match across
// stories: only reports in the asking story count for it.
func (ix *Index) claims(ctx context.Context, own []store.ClaimReport, story int64) ([]Claim, error) {
	type seen struct {
		day    int
		events []string
	}
	keys := map[string]*seen{}
	var order []string
	for _, r := range own {
		s := keys[r.Claim]
		if s == nil {
			s = &seen{day: r.Day}
			keys[r.Claim] = s
			order = append(order, r.Claim)
		}
		if r.Day >= 0 && (s.day < 0 || r.Day < s.day) {
			s.day = r.Day
		}
		s.events = append(s.events, strconv.FormatInt(r.DocID, 10)+":"+r.EventID)
	}
	out := make([]Claim, 0, len(order))
	for _, k := range order {
		rows, err := ix.b.ClaimReports(ctx, k, keys[k].day, ix.opt.ClaimWindow, ix.opt.Reports)
		if err != nil {
			return nil, err
		}
		if strings.HasPrefix(k, "|") || strings.Contains(k, "||") {
			kept := rows[:0]
			for _, r := range rows {
				if r.StoryID == story {
					kept = append(kept, r)
				}
			}
			rows = kept
		}
		c := grade(k, rows)
		c.EventIDs = keys[k].events
		out = append(out, c)
	}
	sortClaims(out)
	return out, nil
}

func sortClaims(cs []Claim) {
	sort.SliceStable(cs, func(i, j int) bool {
		a, b := cs[i], cs[j]
		if a.Independent != b.Independent {
			return a.Independent > b.Independent
		}
		if a.Rank != b.Rank {
			return a.Rank > b.Rank
		}
		return a.Key < b.Key
	})
}

// Story is a cluster of articles about one happening, with its claims.
type Story struct {
	store.StoryRow
	Docs   []store.StoryDoc `json:"docs"`
	Claims []Claim          `json:"claims"`
}

// Story returns a story's articles and the corroboration of its claims.
func (ix *Index) Story(ctx context.Context, id int64) (Story, error) {
	docs, err := ix.b.StoryDocs(ctx, id)
	if err != nil {
		return Story{}, err
	}
	s := Story{Docs: docs}
	s.ID = id
	s.Title = docs[0].Title
	s.Articles = len(docs)
	origins, outlets := map[int64]bool{}, map[string]bool{}
	ids := make([]int64, len(docs))
	for i, d := range docs {
		ids[i] = d.DocID
		origins[d.Origin] = true
		outlets[strings.ToLower(d.Outlet)] = true
		if d.Published != "" && (s.First == "" || d.Published < s.First) {
			s.First = d.Published
		}
		if d.Published > s.Last {
			s.Last = d.Published
		}
	}
	s.Originals, s.Outlets = len(origins), len(outlets)
	own, err := ix.b.DocReports(ctx, ids)
	if err != nil {
		return Story{}, err
	}
	if s.Claims, err = ix.claims(ctx, own, id); err != nil {
		return Story{}, err
	}
	return s, nil
}

// Stories lists stories, latest first.
func (ix *Index) Stories(ctx context.Context, f store.StoryFilter) ([]store.StoryRow, error) {
	return ix.b.Stories(ctx, f)
}

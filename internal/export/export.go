// Package export writes stored events in the formats analysts load into
// other tools: ACLED-like CSV, GeoJSON points, GraphML of the actor network,
// PLOVER JSON records, and JSON Lines of whole analyses.
package export

import (
	"encoding/csv"
	"encoding/json"
	"encoding/xml"
	"fmt"
	"io"
	"sort"
	"strconv"
	"strings"

	"github.com/sitrep/sitrep/internal/store"
)

// Formats lists the event formats Write accepts.
var Formats = []string{"csv", "geojson", "graphml", "plover"}

// Write writes events in the named format.
func Write(w io.Writer, format string, events []store.EventRow) error {
	switch format {
	case "csv":
		return CSV(w, events)
	case "geojson":
		return GeoJSON(w, events)
	case "graphml":
		return GraphML(w, events)
	case "plover":
		return PLOVER(w, events)
	}
	return fmt.Errorf("export: unknown format %q (want %s)", format, strings.Join(Formats, ", "))
}

// csvHeader follows ACLED's column names where one exists, then adds what
// only sitrep knows: the mode of the claim and who it rests on.
var csvHeader = []string{
	"event_id", "event_date", "year", "event_type", "cameo_code",
	"actor1", "actor1_code", "actor2", "actor2_code",
	"country", "location", "latitude", "longitude", "fatalities",
	"source", "source_url", "title", "negated", "modality", "attribution_kind", "attribution", "notes",
}

// CSV writes one row per event with ACLED-like columns.
func CSV(w io.Writer, events []store.EventRow) error {
	cw := csv.NewWriter(w)
	if err := cw.Write(csvHeader); err != nil {
		return err
	}
	for _, e := range events {
		date := eventDate(e)
		year := ""
		if len(date) >= 4 {
			year = date[:4]
		}
		rec := []string{
			eventID(e), date, year, e.Plover, e.Cameo,
			name(e.SourceName, e.SourceText), e.Source, name(e.TargetName, e.TargetText), e.Target,
			e.Country, e.Place, floatStr(e.Lat), floatStr(e.Lon), floatStr(e.Killed),
			e.Outlet, e.URL, e.Title, strconv.FormatBool(e.Negated), e.Modality, e.SpeakerKind, e.Speaker, e.Evidence,
		}
		for i, f := range rec {
			rec[i] = csvSafe(f)
		}
		if err := cw.Write(rec); err != nil {
			return err
		}
	}
	cw.Flush()
	return cw.Error()
}

// csvSafe defuses cells that spreadsheets would run as formulas: article
// text is untrusted.
func csvSafe(s string) string {
	if s != "" && strings.ContainsRune("=+-@\t\r", rune(s[0])) {
		if _, err := strconv.ParseFloat(s, 64); err != nil {
			return "'" + s
		}
	}
	return s
}

func eventID(e store.EventRow) string { return strconv.FormatInt(e.DocID, 10) + "-" + e.EventID }

func eventDate(e store.EventRow) string {
	if e.Date != "" {
		return e.Date
	}
	return e.Published
}

func name(n, text string) string {
	if n != "" {
		return n
	}
	return text
}

func floatStr(f *float64) string {
	if f == nil {
		return ""
	}
	return strconv.FormatFloat(*f, 'f', -1, 64)
}

type geoJSON struct {
	Type     string       `json:"type"`
	Features []geoFeature `json:"features"`
}

type geoFeature struct {
	Type       string         `json:"type"`
	Geometry   geoPoint       `json:"geometry"`
	Properties map[string]any `json:"properties"`
}

type geoPoint struct {
	Type        string     `json:"type"`
	Coordinates [2]float64 `json:"coordinates"`
}

// GeoJSON writes a FeatureCollection with one point per located event;
// events without coordinates are left out.
func GeoJSON(w io.Writer, events []store.EventRow) error {
	fc := geoJSON{Type: "FeatureCollection", Features: []geoFeature{}}
	for _, e := range events {
		if e.Lat == nil || e.Lon == nil {
			continue
		}
		fc.Features = append(fc.Features, geoFeature{
			Type:     "Feature",
			Geometry: geoPoint{Type: "Point", Coordinates: [2]float64{*e.Lon, *e.Lat}},
			Properties: map[string]any{
				"event_id": eventID(e), "date": eventDate(e), "type": e.Plover, "cameo": e.Cameo,
				"source": e.Source, "source_name": name(e.SourceName, e.SourceText),
				"target": e.Target, "target_name": name(e.TargetName, e.TargetText),
				"place": e.Place, "country": e.Country, "negated": e.Negated, "modality": e.Modality,
				"attribution_kind": e.SpeakerKind, "outlet": e.Outlet, "url": e.URL, "evidence": e.Evidence,
			},
		})
	}
	enc := json.NewEncoder(w)
	enc.SetEscapeHTML(false)
	return enc.Encode(fc)
}

// Tone is the cooperation (+) or conflict (-) weight of each PLOVER type,
// on a -10..+10 scale in the spirit of the Goldstein scale: material acts
// weigh more than verbal ones, and force most of all.
var Tone = map[string]float64{
	"AGREE": 3, "CONSULT": 1, "SUPPORT": 3, "CONCEDE": 4, "COOPERATE": 6, "AID": 7, "RETREAT": 2,
	"REQUEST": 0, "ACCUSE": -2, "REJECT": -4, "THREATEN": -6, "PROTEST": -5, "SANCTION": -7,
	"MOBILIZE": -6, "COERCE": -8, "ASSAULT": -10,
}

// GraphML writes the actor network: actors as nodes, and one directed edge
// per source→target pair with its event count, types and mean tone.
// Negated events are not counted.
func GraphML(w io.Writer, events []store.EventRow) error {
	type node struct{ id, name string }
	type edge struct {
		src, tgt string
		n        int
		tone     float64
		types    map[string]int
	}
	nodes := map[string]node{}
	edges := map[[2]string]*edge{}
	for _, e := range events {
		if e.Source == "" || e.Target == "" || e.Negated {
			continue
		}
		nodes[e.Source] = node{e.Source, name(e.SourceName, e.SourceText)}
		nodes[e.Target] = node{e.Target, name(e.TargetName, e.TargetText)}
		k := [2]string{e.Source, e.Target}
		ed := edges[k]
		if ed == nil {
			ed = &edge{src: e.Source, tgt: e.Target, types: map[string]int{}}
			edges[k] = ed
		}
		ed.n++
		ed.tone += Tone[e.Plover]
		ed.types[e.Plover]++
	}
	if _, err := io.WriteString(w, xml.Header+`<graphml xmlns="http://graphml.graphdrawing.org/xmlns">
  <key id="name" for="node" attr.name="name" attr.type="string"/>
  <key id="events" for="edge" attr.name="events" attr.type="int"/>
  <key id="types" for="edge" attr.name="types" attr.type="string"/>
  <key id="tone" for="edge" attr.name="tone" attr.type="double"/>
  <graph id="actors" edgedefault="directed">
`); err != nil {
		return err
	}
	ids := make([]string, 0, len(nodes))
	for id := range nodes {
		ids = append(ids, id)
	}
	sort.Strings(ids)
	for _, id := range ids {
		fmt.Fprintf(w, "    <node id=\"%s\"><data key=\"name\">%s</data></node>\n", esc(id), esc(nodes[id].name))
	}
	keys := make([][2]string, 0, len(edges))
	for k := range edges {
		keys = append(keys, k)
	}
	sort.Slice(keys, func(i, j int) bool {
		return keys[i][0] < keys[j][0] || keys[i][0] == keys[j][0] && keys[i][1] < keys[j][1]
	})
	for _, k := range keys {
		ed := edges[k]
		var types []string
		for t, n := range ed.types {
			types = append(types, t+":"+strconv.Itoa(n))
		}
		sort.Strings(types)
		fmt.Fprintf(w, "    <edge source=\"%s\" target=\"%s\"><data key=\"events\">%d</data><data key=\"types\">%s</data><data key=\"tone\">%.2f</data></edge>\n",
			esc(ed.src), esc(ed.tgt), ed.n, esc(strings.Join(types, " ")), ed.tone/float64(ed.n))
	}
	_, err := io.WriteString(w, "  </graph>\n</graphml>\n")
	return err
}

func esc(s string) string {
	var b strings.Builder
	xml.EscapeText(&b, []byte(s))
	return b.String()
}

// ploverActor and ploverRecord follow the PLOVER gold-standard record
// layout (source/target lists of {actorText, code}).
type ploverActor struct {
	ActorText string `json:"actorText"`
	Code      string `json:"code"`
}

type ploverPlace struct {
	PlaceName string   `json:"placeName"`
	Country   string   `json:"country,omitempty"`
	Lat       *float64 `json:"lat,omitempty"`
	Lon       *float64 `json:"lon,omitempty"`
}

type ploverRecord struct {
	ID          string        `json:"id"`
	Date        string        `json:"date"`
	Source      []ploverActor `json:"source"`
	Target      []ploverActor `json:"target"`
	Event       string        `json:"event"`
	Cameo       string        `json:"cameo,omitempty"`
	Negated     bool          `json:"negated"`
	Modality    string        `json:"modality"`
	Text        string        `json:"text"`
	Location    []ploverPlace `json:"location"`
	Publication string        `json:"publication"`
	URL         string        `json:"url,omitempty"`
	Attribution string        `json:"attribution"`
	Coder       string        `json:"coder"`
}

// PLOVER writes one PLOVER JSON record per line.
func PLOVER(w io.Writer, events []store.EventRow) error {
	enc := json.NewEncoder(w)
	enc.SetEscapeHTML(false)
	for _, e := range events {
		r := ploverRecord{
			ID: eventID(e), Date: eventDate(e), Event: e.Plover, Cameo: e.Cameo, Negated: e.Negated,
			Modality: e.Modality, Text: e.Evidence, Publication: e.Outlet, URL: e.URL,
			Attribution: e.SpeakerKind, Coder: "sitrep",
			Source: []ploverActor{}, Target: []ploverActor{}, Location: []ploverPlace{},
		}
		if e.Source != "" {
			r.Source = append(r.Source, ploverActor{e.SourceText, e.Source})
		}
		if e.Target != "" {
			r.Target = append(r.Target, ploverActor{e.TargetText, e.Target})
		}
		if e.Place != "" {
			r.Location = append(r.Location, ploverPlace{e.Place, e.Country, e.Lat, e.Lon})
		}
		if err := enc.Encode(r); err != nil {
			return err
		}
	}
	return nil
}

package export

import (
	"bytes"
	"encoding/csv"
	"encoding/json"
	"encoding/xml"
	"flag"
	"os"
	"path/filepath"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/sitrep/sitrep/internal/store"
)

var update = flag.Bool("update", false, "rewrite testdata goldens")

func ptr[T any](v T) *T { return &v }

func rows() []store.EventRow {
	return []store.EventRow{
		{DocID: 1, EventID: "e1", Source: "CHN", SourceName: "China", SourceText: "China", Target: "TAL", TargetName: "Taliban",
			TargetText: "the Taliban", Plover: "AID", Cameo: "070", Modality: "believed", Date: "2021-08", Published: "2021-08-05",
			Outlet: "The Mirror", Title: "China backs Taliban", Place: "Lashkar Gah", Country: "AF", Lat: ptr(31.59), Lon: ptr(64.37),
			Speaker: "western sources", SpeakerKind: "anonymous", Evidence: "China has been secretly backing the Taliban"},
		{DocID: 1, EventID: "e2", Source: "TAL", SourceName: "Taliban", Target: "AFGGOV", TargetText: "government <troops> & co",
			Plover: "ASSAULT", Modality: "asserted", Published: "2021-08-05", Outlet: "=HYPERLINK(\"http://x\")",
			SpeakerKind: "unattributed", Evidence: "-fighting", Killed: ptr(12.0)},
		{DocID: 2, EventID: "e1", Source: "TAL", Target: "AFGGOV", Plover: "ASSAULT", Negated: true, Modality: "denied",
			Published: "2021-08-06", SpeakerKind: "named_org"},
	}
}

func TestWrite(t *testing.T) {
	for _, format := range Formats {
		t.Run(format, func(t *testing.T) {
			var b bytes.Buffer
			if err := Write(&b, format, rows()); err != nil {
				t.Fatal(err)
			}
			switch format {
			case "csv":
				recs, err := csv.NewReader(bytes.NewReader(b.Bytes())).ReadAll()
				if err != nil || len(recs) != 4 {
					t.Fatalf("CSV: %d records, %v", len(recs), err)
				}
				for _, r := range recs {
					for _, cell := range r {
						if cell != "" && cell[0] == '=' {
							t.Errorf("formula cell %q not defused", cell)
						}
					}
				}
			case "geojson":
				var fc geoJSON
				if err := json.Unmarshal(b.Bytes(), &fc); err != nil || len(fc.Features) != 1 {
					t.Fatalf("GeoJSON: %d features, %v", len(fc.Features), err)
				}
				if c := fc.Features[0].Geometry.Coordinates; c != [2]float64{64.37, 31.59} {
					t.Errorf("coordinates %v, want lon, lat", c)
				}
			case "graphml":
				d := xml.NewDecoder(bytes.NewReader(b.Bytes()))
				for {
					if _, err := d.Token(); err != nil {
						if err.Error() != "EOF" {
							t.Fatalf("GraphML is not well-formed XML: %v", err)
						}
						break
					}
				}
			case "plover":
				dec := json.NewDecoder(bytes.NewReader(b.Bytes()))
				n := 0
				for dec.More() {
					var r ploverRecord
					if err := dec.Decode(&r); err != nil {
						t.Fatal(err)
					}
					n++
				}
				if n != 3 {
					t.Errorf("%d PLOVER records, want 3", n)
				}
			}
			golden := filepath.Join("testdata", "events."+format)
			if *update {
				if err := os.WriteFile(golden, b.Bytes(), 0o644); err != nil {
					t.Fatal(err)
				}
				return
			}
			want, err := os.ReadFile(golden)
			if err != nil {
				t.Fatalf("%v (run go test -update)", err)
			}
			if diff := cmp.Diff(string(want), b.String()); diff != "" {
				t.Errorf("%s differs from %s (-want +got):\n%s", format, golden, diff)
			}
		})
	}
	if err := Write(&bytes.Buffer{}, "xlsx", nil); err == nil {
		t.Error("unknown format accepted")
	}
}

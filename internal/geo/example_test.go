package geo_test

import (
	"context"
	"fmt"

	"github.com/sitrep/sitrep"
	"github.com/sitrep/sitrep/internal/geo"
)

func Example() {
	g, err := geo.Load()
	if err != nil {
		panic(err)
	}
	st := geo.New(g)
	doc := &sitrep.Doc{Text: "Fighting raged in Helmand's capital Lashkar Gah and near Herat."}
	if err := st.Process(context.Background(), doc); err != nil {
		panic(err)
	}
	for _, p := range doc.Places {
		fmt.Printf("%s %s %s %.2f %.2f\n", p.ID, p.Name, p.Feature, *p.Lat, *p.Lon)
	}
	// Output:
	// p1 Helmand admin1 30.93 63.98
	// p2 Lashkar Gāh city 31.59 64.37
	// p3 Herāt city 34.35 62.20
}

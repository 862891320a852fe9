package lemma_test

import (
	"fmt"

	"github.com/sitrep/sitrep/internal/nlp/lemma"
)

func ExampleLemmatizer_Lemma() {
	lz, err := lemma.Default()
	if err != nil {
		panic(err)
	}
	fmt.Println(lz.Lemma("shunned", "VERB"), lz.Lemma("countries", "NOUN"), lz.Lemma("was", "AUX"))
	// Output: shun country be
}

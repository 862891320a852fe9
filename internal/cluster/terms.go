package cluster

import (
	"math"
	"sort"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/sitrep/sitrep"
)

// ledeBytes bounds the text that stands for an article's lede when it has
// no sentences.
const ledeBytes = 600

// ledeSentences is how many body sentences make the lede.
const ledeSentences = 3

// stopwords are the function words and news fillers left out of the text
// vectors.
var stopwords = func() map[string]bool {
	m := map[string]bool{}
	for _, w := range strings.Fields(`a about after again against all also although among an and any are as at be
		been before being between both but by can could did do does during each either for from had has have having
		he her here hers him his how however i if in into is it its itself just may me might more most much must my
		no nor not now of off on once one only or other our ours out over own said same says she should since so
		some such than that the their theirs them then there these they this those through to too under until up
		upon very was we were what when where whether which while who whom whose why will with within without would
		yet you your new told report reports reported according week year years day days monday tuesday wednesday
		thursday friday saturday sunday today yesterday last first two three many several`) {
		m[w] = true
	}
	return m
}()

// tokens appends the lower-cased content words of s, each counted weight
// times, to tf.
func tokens(s string, weight float64, tf map[string]float64) {
	start := -1
	flush := func(end int) {
		if start < 0 {
			return
		}
		w := strings.ToLower(s[start:end])
		start = -1
		w = strings.TrimSuffix(w, "'s")
		w = strings.TrimSuffix(w, "’s")
		if utf8.RuneCountInString(w) < 3 || stopwords[w] {
			return
		}
		if _, err := strconv.Atoi(w); err == nil {
			return
		}
		tf[stem(w)] += weight
	}
	for i, r := range s {
		if unicode.IsLetter(r) || unicode.IsDigit(r) || (start >= 0 && (r == '\'' || r == '’')) {
			if start < 0 {
				start = i
			}
			continue
		}
		flush(i)
	}
	flush(len(s))
}

// stem folds the commonest English inflections so that "backs", "backed"
// and "backing" meet; it is deliberately crude and never empties a word.
func stem(w string) string {
	for _, suf := range []string{"ing", "ed", "es", "s"} {
		if strings.HasSuffix(w, suf) && len(w)-len(suf) >= 4 && !strings.HasSuffix(w, "ss") {
			return w[:len(w)-len(suf)]
		}
	}
	return w
}

// lede returns the title and the opening of the text: what clusters best,
// since outlets retell a happening in their first lines.
func lede(d *sitrep.Doc) string {
	var b strings.Builder
	n := 0
	for _, s := range d.Sentences {
		if s.Kind == sitrep.KindCaption {
			continue
		}
		b.WriteString(d.Slice(s.Span()))
		b.WriteByte(' ')
		if n++; n == ledeSentences {
			break
		}
	}
	if n == 0 {
		t := d.Text
		if len(t) > ledeBytes {
			cut := ledeBytes
			for cut > 0 && !utf8.RuneStart(t[cut]) {
				cut--
			}
			t = t[:cut]
		}
		b.WriteString(t)
	}
	return b.String()
}

// termCounts returns the weighted term frequencies of a document, and its
// key terms: the actors and resolved places it names ("@CHN",
// "#g1147290") and its title words, under which it is posted for lookup.
// Title words count double; entities are terms too, so that shared rare
// entities pull articles together.
func termCounts(d *sitrep.Doc) (tf map[string]float64, keys []string) {
	tf = map[string]float64{}
	tokens(string(d.Title), 2, tf)
	for t := range tf {
		keys = append(keys, t)
	}
	tokens(lede(d), 1, tf)
	for _, a := range d.Actors {
		if a.ID != "" && !strings.ContainsAny(a.ID, ": ") {
			t := "@" + a.ID
			if tf[t] == 0 {
				keys = append(keys, t)
			}
			tf[t]++
		}
	}
	for _, p := range d.Places {
		if p.GeonameID != nil {
			t := "#g" + strconv.Itoa(*p.GeonameID)
			if tf[t] == 0 {
				keys = append(keys, t)
			}
			tf[t]++
		}
	}
	sort.Strings(keys)
	if len(keys) > maxKeys {
		keys = keys[:maxKeys]
	}
	return tf, keys
}

// maxKeys bounds the postings of one article.
const maxKeys = 32

// lookupTerms picks the key terms worth a lookup: those other articles
// already have (df > 0), rarest first, at most k.
func lookupTerms(keys []string, df map[string]int, k int) []string {
	var out []string
	for _, t := range keys {
		if df[t] > 0 {
			out = append(out, t)
		}
	}
	sort.SliceStable(out, func(i, j int) bool { return df[out[i]] < df[out[j]] })
	if len(out) > k {
		out = out[:k]
	}
	return out
}

// vector is a sparse unit-length TF-IDF vector, sorted by term.
type vector []termWeight

type termWeight struct {
	term string
	w    float64
}

// weigh turns term frequencies into a unit TF-IDF vector, given document
// frequencies df over n indexed documents.
func weigh(tf map[string]float64, df map[string]int, n int) vector {
	v := make(vector, 0, len(tf))
	var norm float64
	for t, f := range tf {
		idf := math.Log(float64(n+1)/float64(df[t]+1)) + 1
		w := (1 + math.Log(f)) * idf
		v = append(v, termWeight{t, w})
		norm += w * w
	}
	norm = math.Sqrt(norm)
	for i := range v {
		v[i].w /= norm
	}
	sort.Slice(v, func(i, j int) bool { return v[i].term < v[j].term })
	return v
}

// String encodes v as "term:weight ..." for the index.
func (v vector) String() string {
	var b strings.Builder
	for i, t := range v {
		if i > 0 {
			b.WriteByte(' ')
		}
		b.WriteString(t.term)
		b.WriteByte(':')
		b.WriteString(strconv.FormatFloat(t.w, 'f', 4, 64))
	}
	return b.String()
}

// parseVector decodes String's form; bad pairs are skipped.
func parseVector(s string) vector {
	fields := strings.Fields(s)
	v := make(vector, 0, len(fields))
	for _, f := range fields {
		i := strings.LastIndexByte(f, ':')
		if i <= 0 {
			continue
		}
		w, err := strconv.ParseFloat(f[i+1:], 64)
		if err != nil {
			continue
		}
		v = append(v, termWeight{f[:i], w})
	}
	sort.Slice(v, func(i, j int) bool { return v[i].term < v[j].term })
	return v
}

// cosine is the dot product of two unit vectors sorted by term.
func cosine(a, b vector) float64 {
	var s float64
	for i, j := 0, 0; i < len(a) && j < len(b); {
		switch {
		case a[i].term < b[j].term:
			i++
		case a[i].term > b[j].term:
			j++
		default:
			s += a[i].w * b[j].w
			i++
			j++
		}
	}
	return s
}

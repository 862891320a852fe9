package events

import "strings"

// Closed word classes used when the tagger has not run (or to back it up).

func isPrep(w string) bool {
	switch w {
	case "in", "on", "at", "to", "from", "with", "by", "for", "of", "against", "into", "onto",
		"over", "under", "between", "among", "across", "through", "toward", "towards", "near",
		"around", "via", "after", "before", "during", "since", "amid", "despite", "without",
		"within", "about", "behind", "outside", "inside", "along", "upon", "throughout", "beyond":
		return true
	}
	return false
}

func isDet(w string) bool {
	switch w {
	case "the", "a", "an", "its", "their", "his", "her", "our", "my", "your", "this", "that",
		"these", "those", "any", "some", "no", "every", "each", "many", "several", "much", "more",
		"most", "other", "another", "all", "both", "such", "'s", "whose":
		return true
	}
	return false
}

func isPossPron(w string) bool {
	switch w {
	case "its", "their", "his", "her", "our":
		return true
	}
	return false
}

func isSubjPron(w string) bool {
	switch w {
	case "it", "they", "he", "she", "we":
		return true
	}
	return false
}

func isObjPron(w string) bool {
	switch w {
	case "it", "them", "him", "her", "us":
		return true
	}
	return false
}

func isAux(w string) bool {
	switch w {
	case "be", "am", "is", "are", "was", "were", "been", "being", "'s", "'re", "'m",
		"have", "has", "had", "having", "'ve", "do", "does", "did",
		"will", "would", "shall", "should", "can", "could", "may", "might", "must", "'ll", "'d",
		"to", "not", "n't", "never", "get", "got", "gets", "getting":
		return true
	}
	return false
}

func isBe(w string) bool {
	switch w {
	case "be", "am", "is", "are", "was", "were", "been", "being", "'s", "'re", "get", "got", "gets", "getting":
		return true
	}
	return false
}

func isNegWord(w string) bool { return w == "not" || w == "n't" || w == "never" }

func isConj(w string) bool { return w == "and" || w == "or" || w == "," || w == "&" || w == "nor" }

func isRelPron(w string) bool { return w == "which" || w == "who" || w == "whom" || w == "that" }

// isBoundary reports whether word w separates clauses.
func isBoundary(w string) bool {
	switch w {
	case ";", ":", "—", "–", "(", ")", "\"", "“", "”", "whereas", "although", "though", "but",
		"because", "unless", "while", "which", "who", "whom", "whose", "where", "if", "that":
		return true
	}
	return false
}

// isStrongBoundary reports whether w ends the scope of modality cues.
func isStrongBoundary(w string) bool {
	switch w {
	case ";", "whereas", "although", "though", "but", "because", "while", "(", ")":
		return true
	}
	return false
}

func isPunct(w string) bool {
	if w == "" {
		return true
	}
	c := w[0]
	return !(c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c >= 0x80 || c == '\'')
}

// isAdverb is a rough test for adverbs inside a verb group.
func isAdverb(w string) bool {
	switch w {
	case "also", "still", "once", "already", "even", "just", "now", "again", "then", "further",
		"reportedly", "allegedly", "apparently", "secretly", "finally", "recently", "previously",
		"formerly", "repeatedly", "jointly", "openly", "quickly", "immediately", "effectively",
		"partially", "reluctantly", "brutally", "hugely", "particularly", "so", "not", "n't", "never",
		"yet", "ever", "soon", "later", "today", "yesterday", "outright", "hard", "together":
		return true
	}
	return len(w) > 4 && strings.HasSuffix(w, "ly")
}

// isFirstPerson reports whether w is a first-person pronoun, which names
// the speaker of the quote it stands in.
func isFirstPerson(w string) bool {
	switch w {
	case "i", "me", "my", "we", "us", "our":
		return true
	}
	return false
}

// singular returns plausible singular forms of a plural noun w.
func singular(w string) []string {
	switch {
	case strings.HasSuffix(w, "ies") && len(w) > 4:
		return []string{w[:len(w)-3] + "y"}
	case strings.HasSuffix(w, "ches") || strings.HasSuffix(w, "shes") || strings.HasSuffix(w, "sses") || strings.HasSuffix(w, "xes"):
		return []string{w[:len(w)-2]}
	case strings.HasSuffix(w, "s") && !strings.HasSuffix(w, "ss") && len(w) > 3:
		return []string{w[:len(w)-1]}
	}
	return nil
}

// lowerASCII lower-cases s, allocating only when s has upper-case ASCII
// letters, and folds typographic apostrophes.
func lowerASCII(s string) string {
	need := false
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c >= 'A' && c <= 'Z' || c >= 0x80 {
			need = true
			break
		}
	}
	if !need {
		return s
	}
	s = strings.ReplaceAll(s, "’", "'")
	return strings.ToLower(s)
}

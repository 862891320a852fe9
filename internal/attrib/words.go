package attrib

// Closed-class word sets the scanner uses in place of a parser. They are
// read-only tables.

func set(ws ...string) map[string]bool {
	m := make(map[string]bool, len(ws))
	for _, w := range ws {
		m[w] = true
	}
	return m
}

// auxWords may stand between a subject and its cue verb ("has said").
var auxWords = set("has", "have", "had", "is", "are", "was", "were", "be", "been", "being",
	"will", "would", "could", "can", "may", "might", "must", "should", "shall", "do", "does",
	"did", "not", "n't", "never", "'s", "'ve", "'d", "'ll", "didn't", "doesn't", "don't",
	"hasn't", "haven't", "wasn't", "isn't", "won't", "wouldn't", "couldn't")

// advWords are adverbs often found between subject and cue ("also said").
var advWords = set("also", "later", "then", "now", "previously", "repeatedly", "again", "still",
	"even", "further", "recently", "once", "often", "publicly", "privately", "reportedly",
	"allegedly", "apparently", "just", "already", "quickly", "finally", "initially", "earlier",
	"separately", "similarly", "simply", "flatly", "bluntly", "long", "first", "last", "widely",
	"openly", "always", "frequently", "reportedly", "subsequently", "immediately", "only",
	"increasingly", "strongly", "specifically", "explicitly", "consistently", "personally",
	"originally", "clearly", "firmly", "quietly", "angrily", "emphatically", "tersely", "curtly",
	"herself", "himself", "themselves", "itself")

// subjPronouns can be a cue's subject on their own.
var subjPronouns = set("he", "she", "they", "we", "i", "you", "it", "who", "which", "that")

// determiners open a noun phrase.
var determiners = set("the", "a", "an", "this", "these", "those", "his", "her", "their", "its",
	"our", "my", "your", "one", "another", "some", "many", "several", "two", "three", "four",
	"five", "six", "most", "all", "both", "each", "every", "few", "other", "any", "no", "such",
	"multiple", "numerous", "various", "more", "fewer")

// possessives before a cue word show it is a noun ("his claims").
var possessives = set("the", "a", "an", "his", "her", "their", "its", "our", "my", "your", "this",
	"these", "those", "to", "whose")

// npStop ends a noun phrase scanned leftwards or rightwards.
var npStop = set("in", "on", "at", "for", "with", "by", "from", "to", "into", "about", "over",
	"after", "before", "under", "between", "against", "during", "without", "within", "through",
	"across", "since", "as", "than", "like", "near", "and", "or", "but", "nor", "so", "yet",
	"that", "because", "while", "when", "whereas", "although", "though", "if", "unless",
	"whether", "where", "what", "how", "why", "there", "here", "not", "also", "who", "which",
	"upon", "via", "per", "toward", "towards", "among", "amid", "despite", "until", "whom",
	"said", "says", "say", "told", "tells", "believe", "believes", "think", "thinks",
	"just", "then", "now", "even", "still", "only", "already", "however", "meanwhile",
	"yes", "no", "well", "oh")

// anonAdj may modify an anonymous head ("two senior officials").
var anonAdj = set("former", "current", "top", "other", "unnamed", "anonymous", "high-ranking",
	"senior", "local", "federal", "state", "foreign", "some", "many", "several", "two", "three",
	"four", "five", "one", "another", "a", "an", "the", "his", "her", "their", "its", "our", "u.s.",
	"american", "us", "independent", "retired", "veteran", "knowledgeable", "informed",
	"well-placed", "reliable", "trusted", "close", "party", "city", "county", "white", "house",
	"democratic", "republican", "gop", "administration", "campaign", "military", "government",
	"intelligence", "security", "diplomatic", "police", "law", "enforcement", "justice",
	"department", "agency", "legal", "regional", "provincial", "afghan", "chinese", "british",
	"western", "european", "pakistani", "russian", "iranian", "israeli", "palestinian", "syrian",
	"iraqi", "turkish", "indian", "french", "german", "ukrainian", "arab", "african", "asian")

// anonPost introduces a descriptive tail after an anonymous head
// ("sources familiar with ...", "officials who spoke ...").
var anonPost = set("familiar", "who", "close", "with", "briefed", "speaking", "involved",
	"knowledgeable", "in", "at", "from", "on", "inside", "within", "aware", "not", "granted",
	"requesting", "authorized", "told", "working", "to")

// timeWords may follow a cue before its content ("said Monday that").
var timeWords = set("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday",
	"yesterday", "today", "tonight", "earlier", "later", "recently", "last", "this", "week",
	"month", "year", "morning", "afternoon", "evening", "night", "previously")

// tailStarts may begin the short tail after a final cue ("..., he said on
// Monday." "..., she said in a statement.").
var tailStarts = set("in", "on", "at", "during", "after", "before", "to", "from", "via",
	"through", "while", "when", "as", "of", "about", "last", "this", "earlier", "later",
	"monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday", "yesterday",
	"today", "tonight", "recently", "afterward", "afterwards", "then", "too", "also", "(",
	"with", "outside", "inside", "by", "following", "ahead", "shortly", "late", "early")

// passiveCues are participles of "it is believed that" and "X is said to".
var passiveCues = set("believed", "understood", "thought", "said", "reported", "claimed",
	"alleged", "feared", "expected", "rumored", "rumoured", "suspected", "known", "estimated")

// personTitles make the following capitalised words a person's name.
var personTitles = set("mr.", "mrs.", "ms.", "dr.", "sen.", "rep.", "gov.", "gen.", "president",
	"senator", "governor", "minister", "secretary", "judge", "justice", "mayor", "chairman",
	"spokesman", "spokeswoman", "spokesperson", "prime", "king", "queen", "prince", "pope",
	"col.", "lt.", "sgt.", "capt.", "prof.", "rev.", "sir", "lord", "lady", "mr", "mrs", "ms", "dr")

// orgWords mark a capitalised phrase as an organisation.
var orgWords = set("department", "ministry", "committee", "times", "post", "news", "party",
	"campaign", "agency", "council", "office", "house", "court", "commission", "institute",
	"university", "association", "union", "bank", "group", "corp.", "inc.", "company",
	"administration", "government", "police", "army", "forces", "network", "foundation",
	"organization", "organisation", "mirror", "journal", "telegraph", "guardian", "press",
	"reuters", "cnn", "bbc", "fox", "nbc", "abc", "cbs", "msnbc", "politico", "tribune",
	"review", "magazine", "daily", "herald", "federation", "service", "board", "center",
	"centre", "senate", "congress", "parliament", "pentagon", "kremlin", "taliban", "un",
	"nato", "eu", "who", "fbi", "cia", "state", "states", "nations", "security", "poll",
	"survey", "study", "report", "statement", "twitter", "facebook", "website", "blog")

// personPronouns refer to people; itPronouns to organisations.
var personPronouns = set("he", "she", "i", "you", "who")

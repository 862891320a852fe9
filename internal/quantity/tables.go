package quantity

// units are number words below a hundred.
var units = map[string]int{
	"zero": 0, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6,
	"seven": 7, "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12,
	"thirteen": 13, "fourteen": 14, "fifteen": 15, "sixteen": 16,
	"seventeen": 17, "eighteen": 18, "nineteen": 19, "twenty": 20,
	"thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70,
	"eighty": 80, "ninety": 90,
}

// scales multiply the number before them.
var scales = map[string]float64{
	"hundred": 100, "thousand": 1e3, "million": 1e6, "billion": 1e9,
	"trillion": 1e12, "dozen": 12,
}

// plurals are vague round plurals: "dozens", "hundreds" (value = two of
// them, bound lower: "hundreds" is at least two hundred).
var plurals = map[string]float64{
	"dozens": 24, "scores": 40, "hundreds": 200, "thousands": 2000,
	"millions": 2e6, "billions": 2e9,
}

// vague are quantifier words with the smallest count they commit to. The
// values follow the conventions of conflict-data coders (several = 3,
// numerous = 4), so that a minimum count can be read off.
var vague = map[string]float64{
	"several": 3, "multiple": 3, "numerous": 4, "countless": 4,
}

// bounds are the cue phrases before a number, longest first per first word.
var bounds = []struct {
	words []string
	bound string
}{
	{[]string{"more", "than"}, "lower"},
	{[]string{"greater", "than"}, "lower"},
	{[]string{"at", "least"}, "lower"},
	{[]string{"upwards", "of"}, "lower"},
	{[]string{"in", "excess", "of"}, "lower"},
	{[]string{"no", "fewer", "than"}, "lower"},
	{[]string{"no", "less", "than"}, "lower"},
	{[]string{"not", "less", "than"}, "lower"},
	{[]string{"just", "over"}, "lower"},
	{[]string{"over"}, "lower"},
	{[]string{"no", "more", "than"}, "upper"},
	{[]string{"not", "more", "than"}, "upper"},
	{[]string{"up", "to"}, "upper"},
	{[]string{"fewer", "than"}, "upper"},
	{[]string{"less", "than"}, "upper"},
	{[]string{"at", "most"}, "upper"},
	{[]string{"as", "many", "as"}, "upper"},
	{[]string{"just", "under"}, "upper"},
	{[]string{"under"}, "upper"},
	{[]string{"nearly"}, "upper"},
	{[]string{"almost"}, "upper"},
	{[]string{"close", "to"}, "upper"},
	{[]string{"an", "estimated"}, "approx"},
	{[]string{"estimated"}, "approx"},
	{[]string{"around"}, "approx"},
	{[]string{"about"}, "approx"},
	{[]string{"some"}, "approx"},
	{[]string{"roughly"}, "approx"},
	{[]string{"approximately"}, "approx"},
	{[]string{"circa"}, "approx"},
	{[]string{"perhaps"}, "approx"},
}

// unitWords are measure words after a number.
var unitWords = map[string]string{
	"percent": "percent", "pc": "percent",
	"dollars": "USD", "dollar": "USD", "usd": "USD", "pounds": "GBP",
	"euros": "EUR", "euro": "EUR", "yuan": "CNY", "rupees": "INR",
	"afghanis": "AFN", "roubles": "RUB", "rubles": "RUB",
	"km": "km", "kilometres": "km", "kilometers": "km", "kilometre": "km", "kilometer": "km",
	"miles": "mile", "mile": "mile", "metres": "m", "meters": "m", "metre": "m", "meter": "m",
	"feet": "ft", "ft": "ft", "yards": "yard",
	"kg": "kg", "kilograms": "kg", "kilogram": "kg", "kilos": "kg",
	"tons": "t", "tonnes": "t", "ton": "t", "tonne": "t", "lbs": "lb",
	"years": "year", "year": "year", "months": "month", "month": "month",
	"weeks": "week", "week": "week", "days": "day", "day": "day",
	"hours": "hour", "hour": "hour", "minutes": "minute", "decades": "decade",
}

// currencySigns precede a money amount.
var currencySigns = map[string]string{"$": "USD", "£": "GBP", "€": "EUR", "¥": "JPY"}

// kinds maps casualty verbs, participles and adjectives to the contract's
// casualty types.
var kinds = map[string]string{
	"killed": "killed", "killing": "killed", "kill": "killed", "kills": "killed",
	"dead": "killed", "died": "killed", "slain": "killed", "murdered": "killed",
	"executed": "killed", "perished": "killed",
	"wounded": "wounded", "wounding": "wounded", "injured": "wounded",
	"injuring": "wounded", "wounds": "wounded", "hurt": "wounded",
	"missing": "missing", "disappeared": "missing",
	"displaced": "displaced", "displacing": "displaced", "fled": "displaced",
	"homeless": "displaced", "uprooted": "displaced", "evacuated": "displaced",
	"arrested": "arrested", "arresting": "arrested", "arrest": "arrested",
	"detained": "arrested", "detaining": "arrested", "detain": "arrested",
	"captured": "arrested", "capturing": "arrested", "capture": "arrested",
	"apprehended": "arrested", "apprehending": "arrested", "jailed": "arrested",
	"imprisoned": "arrested", "detains": "arrested", "captures": "arrested",
	"trapped": "trapped", "stranded": "trapped", "besieged": "trapped",
}

// kindHeads are counted nouns that carry the casualty type themselves:
// "ten insurgent deaths".
var kindHeads = map[string]string{
	"deaths": "killed", "dead": "killed", "fatalities": "killed",
	"casualties": "", "arrests": "arrested", "detentions": "arrested",
	"detainees": "arrested", "captives": "arrested", "prisoners": "arrested",
	"injuries": "wounded",
}

// kindNouns take a count after "of": "the capture of two insurgents".
var kindNouns = map[string]string{
	"capture": "arrested", "arrest": "arrested", "detention": "arrested",
	"arrests": "arrested", "death": "killed", "deaths": "killed",
	"killing": "killed", "killings": "killed", "displacement": "displaced",
}

// aux may stand between a counted noun and its participle: "were
// detained", "could be trapped", "have reportedly been killed".
var aux = map[string]bool{
	"were": true, "was": true, "are": true, "is": true, "be": true,
	"been": true, "being": true, "have": true, "has": true, "had": true,
	"could": true, "would": true, "may": true, "might": true, "will": true,
	"reportedly": true, "also": true, "later": true, "allegedly": true,
	"subsequently": true, "all": true, "got": true, "remain": true,
	"remained": true, "remains": true, "went": true, "reported": true,
	"believed": true, "feared": true, "thought": true, "confirmed": true,
	"to": true, "initially": true, "now": true, "still": true, "left": true,
	"shot": true, "found": true, "being,": true, "either": true,
	"presumed": true, "said": true,
}

// stop words end a counted noun phrase.
var stop = map[string]bool{
	"in": true, "on": true, "at": true, "of": true, "for": true, "from": true,
	"with": true, "by": true, "to": true, "into": true, "during": true,
	"after": true, "before": true, "while": true, "as": true, "and": true,
	"or": true, "but": true, "than": true, "that": true, "who": true,
	"which": true, "whom": true, "whose": true, "near": true, "across": true,
	"the": true, "a": true, "an": true, "this": true, "these": true,
	"those": true, "their": true, "his": true, "her": true, "its": true,
	"our": true, "are": true, "were": true, "was": true, "is": true,
	"be": true, "been": true, "have": true, "has": true, "had": true,
	"could": true, "would": true, "will": true, "may": true, "might": true,
	"can": true, "should": true, "must": true, "said": true, "says": true,
	"since": true, "when": true, "where": true, "if": true, "about": true,
	"over": true, "under": true, "between": true, "among": true, "per": true,
	"each": true, "not": true, "also": true, "ago": true, "later": true,
	"earlier": true, "more": true, "others": true, "other": true,
	"through": true, "throughout": true, "against": true, "including": true,
	"there": true, "here": true, "them": true, "they": true, "it": true,
	"we": true, "you": true, "he": true, "she": true, "i": true,
	"inside": true, "outside": true, "around": true, "via": true,
	"reportedly": true, "allegedly": true, "then": true, "so": true,
	"because": true, "until": true, "within": true, "without": true,
	"despite": true, "like": true, "up": true, "out": true, "off": true,
	"do": true, "did": true, "does": true, "being": true, "only": true,
	"already": true, "still": true, "just": true, "now": true, "all": true,
	"today": true, "yesterday": true, "tonight": true, "overnight": true,
	"recently": true, "last": true, "next": true,
}

// leadMods are words right after a number that modify rather than name
// the counted thing: "two additional suspects", "tens of thousands more".
var leadMods = map[string]bool{
	"additional": true, "other": true, "more": true, "further": true,
	"extra": true, "fewer": true, "new": true, "others": true, "of": true,
}

// persons are singular nouns for people, so that "killed a Taliban leader"
// counts one.
var persons = map[string]bool{
	"insurgent": true, "militant": true, "leader": true, "commander": true,
	"facilitator": true, "fighter": true, "suspect": true, "individual": true,
	"man": true, "woman": true, "boy": true, "girl": true, "child": true,
	"civilian": true, "soldier": true, "member": true, "associate": true,
	"detainee": true, "person": true, "policeman": true, "officer": true,
	"bomber": true, "emir": true, "financier": true, "courier": true,
	"operative": true, "gunman": true, "attacker": true, "cleric": true,
	"official": true, "governor": true, "driver": true, "guard": true,
	"chief": true, "deputy": true, "terrorist": true, "jihadist": true,
	"smuggler": true, "trafficker": true, "expert": true, "maker": true,
	"emplacer": true, "specialist": true, "lieutenant": true,
	"recruiter": true, "trainer": true, "organizer": true,
	"coordinator": true, "planner": true, "supplier": true, "spokesman": true,
	"journalist": true, "student": true, "worker": true, "farmer": true,
	"villager": true, "resident": true, "teenager": true, "youth": true,
	"shooter": true, "sub-commander": true, "subcommander": true,
	"militiaman": true, "policewoman": true, "hostage": true, "mullah": true,
	"mayor": true, "judge": true, "doctor": true, "nurse": true,
	"contractor": true, "marine": true, "trooper": true, "sniper": true,
	"accomplice": true, "dealer": true, "kidnapper": true, "abductor": true,
	"extortionist": true, "bombmaker": true, "insurgents": false,
}

// things are counted nouns that a capture verb does not make prisoners:
// "captured three weapons caches".
var things = map[string]bool{
	"weapon": true, "weapons": true, "cache": true, "caches": true,
	"rifle": true, "rifles": true, "round": true, "rounds": true,
	"grenade": true, "grenades": true, "vehicle": true, "vehicles": true,
	"ied": true, "ieds": true, "device": true, "devices": true,
	"explosives": true, "motorcycle": true, "motorcycles": true,
	"mortar": true, "mortars": true, "rocket": true, "rockets": true,
	"shell": true, "shells": true, "bomb": true, "bombs": true, "mine": true,
	"mines": true, "compound": true, "compounds": true, "pistol": true,
	"pistols": true, "launcher": true, "launchers": true, "radio": true,
	"radios": true, "phone": true, "phones": true, "magazine": true,
	"magazines": true, "truck": true, "trucks": true, "car": true,
	"cars": true, "kilograms": true, "kg": true, "pounds": true,
	"bags": true, "drugs": true, "ak": true, "ammunition": true,
	"firearms": true, "guns": true, "gun": true, "materials": true,
	"items": true, "buildings": true, "houses": true, "homes": true,
	"towns": true, "villages": true, "districts": true, "provinces": true,
	"countries": true, "times": true, "attacks": true, "operations": true,
	"locations": true, "positions": true, "sites": true, "tanks": true,
}

// triggers are the words that can open a count; any other word is passed
// over with one lookup.
var triggers = func() map[string]bool {
	m := map[string]bool{"tens": true, "hundreds": true, "a": true, "an": true}
	for w := range units {
		m[w] = true
	}
	for w := range scales {
		m[w] = true
	}
	for _, t := range []map[string]float64{plurals, vague} {
		for w := range t {
			m[w] = true
		}
	}
	return m
}()

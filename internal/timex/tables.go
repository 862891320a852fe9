package timex

// months maps month names and abbreviations (lower case) to 1..12.
var months = map[string]int{
	"jan": 1, "january": 1, "feb": 2, "february": 2, "mar": 3, "march": 3,
	"apr": 4, "april": 4, "may": 5, "jun": 6, "june": 6, "jul": 7, "july": 7,
	"aug": 8, "august": 8, "sep": 9, "sept": 9, "september": 9, "oct": 10,
	"october": 10, "nov": 11, "november": 11, "dec": 12, "december": 12,
}

// weekdays maps day names to time.Weekday numbers (Sunday = 0).
var weekdays = map[string]int{
	"sunday": 0, "monday": 1, "tuesday": 2, "wednesday": 3, "thursday": 4,
	"friday": 5, "saturday": 6,
}

// partsOfDay may follow a day word and belong to the expression.
var partsOfDay = map[string]bool{
	"morning": true, "afternoon": true, "evening": true, "night": true,
	"overnight": true,
}

// smallNumbers are the number words a duration may be counted in.
var smallNumbers = map[string]int{
	"one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
	"eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12,
	"thirteen": 13, "fourteen": 14, "fifteen": 15, "sixteen": 16,
	"seventeen": 17, "eighteen": 18, "nineteen": 19, "twenty": 20,
	"thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70,
	"eighty": 80, "ninety": 90, "hundred": 100,
}

// decadeWords are decades said in words ("the nineties").
var decadeWords = map[string]int{
	"twenties": 2, "thirties": 3, "forties": 4, "fifties": 5, "sixties": 6,
	"seventies": 7, "eighties": 8, "nineties": 9,
}

// durUnits maps unit words to an ISO 8601 designator and a multiplier.
var durUnits = map[string]struct {
	des  string
	mult int
	time bool // goes after "T"
}{
	"year": {"Y", 1, false}, "years": {"Y", 1, false},
	"month": {"M", 1, false}, "months": {"M", 1, false},
	"week": {"W", 1, false}, "weeks": {"W", 1, false},
	"day": {"D", 1, false}, "days": {"D", 1, false},
	"decade": {"Y", 10, false}, "decades": {"Y", 10, false},
	"century": {"Y", 100, false}, "centuries": {"Y", 100, false},
	"hour": {"H", 1, true}, "hours": {"H", 1, true},
	"minute": {"M", 1, true}, "minutes": {"M", 1, true},
}

// monthPreps are the words after which a bare month name is a time
// ("since April", "in March"); without one, "May" and "March" are too
// often a verb or a noun.
var monthPreps = map[string]bool{
	"in": true, "since": true, "by": true, "until": true, "till": true,
	"from": true, "to": true, "of": true, "during": true, "early": true,
	"late": true, "mid": true, "last": true, "next": true, "this": true,
	"before": true, "after": true, "between": true, "and": true,
	"through": true, "on": true, "around": true, "throughout": true,
}

// yearPreps are the words after which a four-digit number is a year.
var yearPreps = map[string]bool{
	"in": true, "since": true, "by": true, "until": true, "till": true,
	"from": true, "of": true, "during": true, "before": true, "after": true,
	"early": true, "late": true, "mid": true, "between": true, "and": true,
	"to": true, "through": true, "summer": true, "spring": true,
	"autumn": true, "fall": true, "winter": true, "year": true, "around": true,
	"throughout": true, "circa": true, "post": true, "pre": true,
}

// yearFollowers are words that may follow a year ("in 2001 the ...");
// any other lower-case word after a bare four-digit number makes it a count
// ("2000 troops").
var yearFollowers = map[string]bool{
	"and": true, "to": true, "when": true, "the": true, "as": true,
	"was": true, "were": true, "with": true, "that": true, "after": true,
	"before": true, "through": true, "until": true, "but": true, "or": true,
	"is": true, "in": true, "on": true, "at": true, "for": true, "it": true,
	"he": true, "she": true, "they": true, "we": true, "a": true, "an": true,
	"election": true, "elections": true, "invasion": true, "war": true,
}

// futureCues in the words before a weekday or month make it point forward.
var futureCues = map[string]bool{
	"will": true, "shall": true, "ll": true, "scheduled": true,
	"planned": true, "plans": true, "plan": true, "due": true,
	"expected": true, "upcoming": true, "going": true,
}

// triggers are the words that can open a time expression; any other word
// is passed over with one lookup.
var triggers = func() map[string]bool {
	m := map[string]bool{}
	for _, t := range []map[string]int{months, weekdays, smallNumbers, decadeWords} {
		for w := range t {
			m[w] = true
		}
	}
	for _, w := range []string{"yesterday", "today", "tonight", "tomorrow", "overnight",
		"earlier", "later", "this", "last", "next", "recent", "since", "early", "late",
		"mid", "the", "past", "a", "an"} {
		m[w] = true
	}
	return m
}()

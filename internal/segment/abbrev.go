package segment

// abbrevs are words that keep a following full stop as part of the token.
// The value says whether the abbreviation is a title or other prefix that
// is always followed by more of the same sentence (Mr., Gen.): those never
// end a sentence. Case matters: "Gen" is the military title, "gen" is not.
var abbrevs = map[string]bool{
	// Titles and ranks: always followed by a name.
	"Mr": true, "Mrs": true, "Ms": true, "Mme": true, "Mlle": true, "Dr": true, "Prof": true,
	"Gen": true, "Gens": true, "Lt": true, "Col": true, "Maj": true, "Capt": true, "Cpt": true,
	"Sgt": true, "Cpl": true, "Pvt": true, "Adm": true, "Brig": true, "Cmdr": true, "Cdr": true,
	"Gov": true, "Sen": true, "Sens": true, "Rep": true, "Reps": true, "Rev": true, "Hon": true,
	"Pres": true, "Supt": true, "Insp": true, "Det": true, "Amb": true,
	"Mt": true, "Ft": true, "St": true, "Messrs": true, "Fr": true, "Sr": false, "Jr": false,
	"Lt.Gen": true, "Gov.Gen": true,
	// Followed by an example or an explanation, never a sentence end.
	"e.g": true, "i.e": true, "E.g": true, "I.e": true, "viz": true, "cf": true,
	// Other abbreviations: may end a sentence.
	"Inc": false, "Ltd": false, "Corp": false, "Co": false, "Bros": false, "Plc": false, "plc": false,
	"vs": false, "etc": false, "approx": false, "est": false, "al": false, "c": false, "ca": false,
	"Jan": false, "Feb": false, "Mar": false, "Apr": false, "Jun": false, "Jul": false, "Aug": false,
	"Sep": false, "Sept": false, "Oct": false, "Nov": false, "Dec": false,
	"Mon": false, "Tue": false, "Tues": false, "Wed": false, "Thu": false, "Thur": false, "Thurs": false, "Fri": false,
	"Ave": false, "Blvd": false, "Rd": false, "Dept": false, "Univ": false, "Govt": false, "Fig": false, "fig": false,
	"Vol": false, "vol": false, "pp": false, "Ch": false, "Art": false, "Sec": false, "Gov't": false,
}

// starters are words that commonly open a sentence; after an abbreviation
// that may end a sentence (U.S., Inc., etc.) the sentence ends only when
// one of these follows, since a capital alone may be a name ("U.S. Army").
var starters = map[string]bool{
	"The": true, "A": true, "An": true, "He": true, "She": true, "It": true, "They": true, "We": true,
	"I": true, "You": true, "But": true, "And": true, "Or": true, "So": true, "Yet": true, "In": true,
	"On": true, "At": true, "By": true, "For": true, "From": true, "With": true, "Without": true,
	"This": true, "That": true, "These": true, "Those": true, "There": true, "Here": true,
	"His": true, "Her": true, "Its": true, "Their": true, "Our": true, "My": true, "Your": true,
	"However": true, "After": true, "Before": true, "When": true, "While": true, "Since": true,
	"If": true, "As": true, "Although": true, "Though": true, "Meanwhile": true, "Still": true,
	"Some": true, "Many": true, "Most": true, "No": true, "Not": true, "One": true, "Two": true,
	"What": true, "Who": true, "Why": true, "How": true, "Where": true, "Which": true,
	"Officials": true, "Earlier": true, "Later": true, "Last": true, "Next": true, "Now": true,
	"Then": true, "Both": true, "All": true, "Each": true, "Such": true, "According": true,
}

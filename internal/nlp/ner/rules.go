package ner

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// Value entities found by rules over a sentence's words: DATE, TIME, MONEY,
// PERCENT, QUANTITY and CARDINAL, in the OntoNotes sense. Spans only: the
// timex and quantity stages normalise values.

var months = map[string]bool{
	"january": true, "february": true, "march": true, "april": true, "may": true, "june": true,
	"july": true, "august": true, "september": true, "october": true, "november": true, "december": true,
	"jan": true, "feb": true, "mar": true, "apr": true, "jun": true, "jul": true, "aug": true,
	"sep": true, "sept": true, "oct": true, "nov": true, "dec": true,
}

var weekdays = map[string]bool{
	"monday": true, "tuesday": true, "wednesday": true, "thursday": true, "friday": true,
	"saturday": true, "sunday": true,
}

var numberWords = map[string]bool{
	"one": true, "two": true, "three": true, "four": true, "five": true, "six": true, "seven": true,
	"eight": true, "nine": true, "ten": true, "eleven": true, "twelve": true, "thirteen": true,
	"fourteen": true, "fifteen": true, "sixteen": true, "seventeen": true, "eighteen": true,
	"nineteen": true, "twenty": true, "thirty": true, "forty": true, "fifty": true, "sixty": true,
	"seventy": true, "eighty": true, "ninety": true, "hundred": true, "thousand": true,
	"million": true, "billion": true, "trillion": true, "dozen": true, "hundreds": true,
	"thousands": true, "millions": true, "billions": true, "dozens": true, "tens": true,
	"bn": true, "m": true, "mn": true, "k": true,
}

// scaleWords may follow a number inside one value ("3 million").
var scaleWords = map[string]bool{
	"hundred": true, "thousand": true, "million": true, "billion": true, "trillion": true,
	"bn": true, "mn": true, "m": true, "k": true, "hundreds": true, "thousands": true, "millions": true,
}

var currencyWords = map[string]bool{
	"dollar": true, "dollars": true, "pound": true, "pounds": true, "euro": true, "euros": true,
	"yuan": true, "renminbi": true, "yen": true, "rupee": true, "rupees": true, "rouble": true,
	"roubles": true, "ruble": true, "rubles": true, "afghani": true, "afghanis": true, "dinar": true,
	"dinars": true, "riyal": true, "riyals": true, "lira": true, "shekel": true, "shekels": true,
	"franc": true, "francs": true, "pence": true, "cents": true, "usd": true, "eur": true, "gbp": true,
}

var currencySyms = "$£€¥₹₽"

var durationUnits = map[string]bool{
	"year": true, "years": true, "month": true, "months": true, "week": true, "weeks": true,
	"day": true, "days": true, "decade": true, "decades": true, "century": true, "centuries": true,
}

var timeUnits = map[string]bool{
	"hour": true, "hours": true, "minute": true, "minutes": true, "second": true, "seconds": true,
}

var measureUnits = map[string]bool{
	"km": true, "kilometre": true, "kilometres": true, "kilometer": true, "kilometers": true,
	"mile": true, "miles": true, "metre": true, "metres": true, "meter": true, "meters": true,
	"m2": true, "feet": true, "foot": true, "ft": true, "inch": true, "inches": true, "cm": true, "mm": true,
	"kg": true, "kilogram": true, "kilograms": true, "kilos": true, "tonne": true, "tonnes": true,
	"ton": true, "tons": true, "pound-weight": true, "lb": true, "lbs": true, "gram": true, "grams": true,
	"litre": true, "litres": true, "liter": true, "liters": true, "gallon": true, "gallons": true,
	"barrel": true, "barrels": true, "acre": true, "acres": true, "hectare": true, "hectares": true,
	"sq": true, "square": true, "mph": true, "kph": true, "km/h": true, "degrees": true, "mw": true, "gw": true,
}

var relativeDays = map[string]bool{"yesterday": true, "today": true, "tomorrow": true}

var timeWords = map[string]bool{"tonight": true, "midnight": true, "noon": true, "overnight": true}

func lowerASCII(s string) string {
	for i := 0; i < len(s); i++ {
		if 'A' <= s[i] && s[i] <= 'Z' {
			return strings.ToLower(s)
		}
	}
	return s
}

// isNumeric: digits with inner , . / - ("3,500", "2.5", "9-11").
func isNumeric(w string) bool {
	if w == "" {
		return false
	}
	digits := 0
	for i := 0; i < len(w); i++ {
		c := w[i]
		switch {
		case '0' <= c && c <= '9':
			digits++
		case (c == ',' || c == '.') && i > 0 && i < len(w)-1:
		default:
			return false
		}
	}
	return digits > 0
}

func isNumberWord(w string) bool { return numberWords[lowerASCII(w)] }

func isYear(w string) bool {
	if len(w) != 4 || !isNumeric(w) {
		return false
	}
	return w >= "1800" && w <= "2099"
}

// isDecade: 1990s, '90s, 90s.
func isDecade(w string) bool {
	w = strings.TrimPrefix(strings.TrimPrefix(w, "'"), "’")
	if !strings.HasSuffix(w, "s") {
		return false
	}
	d := w[:len(w)-1]
	return (len(d) == 4 || len(d) == 2) && isNumeric(d) && strings.HasSuffix(d, "0")
}

func isClock(w string) bool {
	// 10:30, 10.30am, 9pm
	lw := lowerASCII(w)
	lw = strings.TrimSuffix(strings.TrimSuffix(lw, "am"), "pm")
	if lw == "" || lw == w && !strings.Contains(w, ":") {
		return false
	}
	colon, digits := false, 0
	for i := 0; i < len(lw); i++ {
		c := lw[i]
		if c == ':' && i > 0 && i < len(lw)-1 {
			colon = true
			continue
		}
		if c < '0' || c > '9' {
			return false
		}
		digits++
	}
	return digits > 0 && (colon || lw != lowerASCII(w))
}

func hasCurrencyPrefix(w string) bool {
	r, _ := utf8.DecodeRuneInString(w)
	return strings.ContainsRune(currencySyms, r)
}

// valueSpans finds value entities in words, skipping tokens in taken.
func valueSpans(words []string, taken []bool, dst []labeled) []labeled {
	n := len(words)
	low := func(i int) string {
		if i < 0 || i >= n {
			return ""
		}
		return lowerASCII(words[i])
	}
	free := func(a, b int) bool {
		for i := a; i < b; i++ {
			if taken[i] {
				return false
			}
		}
		return true
	}
	add := func(a, b int, l string) {
		if a < b && free(a, b) {
			dst = append(dst, labeled{a, b, l})
			for i := a; i < b; i++ {
				taken[i] = true
			}
		}
	}
	// number run starting at i: numerals, number words, scale words, "of"
	// inside "tens of thousands"; returns its end.
	numRun := func(i int) int {
		j := i
		for j < n {
			w := words[j]
			switch {
			case isNumeric(w) || isNumberWord(w):
				j++
			case (low(j) == "of" || low(j) == "and" || w == "-") && j > i && j+1 < n && isNumberWord(words[j+1]):
				j++
			default:
				return j
			}
		}
		return j
	}
	for i := 0; i < n; i++ {
		if taken[i] {
			continue
		}
		w, lw := words[i], low(i)
		switch {
		case hasCurrencyPrefix(w):
			// "$" "5" "million" or "$5" "million"
			j := i + 1
			if len(w) > len(string([]rune(w)[:1])) && isNumeric(strings.TrimLeft(w, currencySyms)) {
				j = i + 1
			} else if j < n && (isNumeric(words[j]) || isNumberWord(words[j])) {
				j = numRun(j)
			} else {
				continue
			}
			for j < n && scaleWords[low(j)] {
				j++
			}
			add(i, j, "MONEY")
			i = j - 1
			continue
		case strings.HasSuffix(w, "%") && isNumeric(strings.TrimSuffix(w, "%")):
			add(i, i+1, "PERCENT")
			continue
		case months[lw] && (lw != "may" && lw != "march" || upperInitial(w)) && !(lw == "may" && !adjacentNumber(words, i)):
			a, b := i, i+1
			if a > 0 && isNumeric(words[a-1]) && len(words[a-1]) <= 2 {
				a--
			}
			if b < n && (isNumeric(strings.TrimSuffix(words[b], ",")) && len(words[b]) <= 2 || ordinalDay(words[b])) {
				b++
			}
			if b < n && words[b] == "," && b+1 < n && isYear(words[b+1]) {
				b += 2
			} else if b < n && isYear(words[b]) {
				b++
			}
			if len(w) <= 4 && !strings.HasSuffix(w, ".") && b == i+1 && a == i && lw != "june" && lw != "july" {
				continue // "Jan" alone is more likely a name
			}
			add(a, b, "DATE")
			i = b - 1
			continue
		case weekdays[lw] || relativeDays[lw]:
			add(i, i+1, "DATE")
			continue
		case isDecade(w):
			a := i
			if a > 0 && low(a-1) == "the" {
				a--
			}
			add(a, i+1, "DATE")
			continue
		case (lw == "last" || lw == "next" || lw == "this" || lw == "past") && i+1 < n && (durationUnits[low(i+1)] || months[low(i+1)] || weekdays[low(i+1)]):
			add(i, i+2, "DATE")
			i++
			continue
		case timeWords[lw] || isClock(w):
			j := i + 1
			if j < n && (low(j) == "am" || low(j) == "pm" || low(j) == "a.m." || low(j) == "p.m.") {
				j++
			}
			add(i, j, "TIME")
			i = j - 1
			continue
		case isYear(w) && i > 0 && yearCue(low(i-1)):
			add(i, i+1, "DATE")
			continue
		}
		if isNumeric(w) || isNumberWord(w) {
			if len(w) <= 2 && i+1 < n && months[low(i+1)] {
				continue // "5 May": the month takes it
			}
			if lw == "m" || lw == "k" || lw == "bn" || lw == "mn" || (lw == "tens" || lw == "hundreds" || lw == "thousands" || lw == "millions" || lw == "dozens") && low(i+1) != "of" {
				continue
			}
			j := numRun(i)
			next := low(j)
			switch {
			case next == "%" || next == "percent" || next == "per" && low(j+1) == "cent" || next == "pc":
				end := j + 1
				if next == "per" {
					end++
				}
				add(i, end, "PERCENT")
				i = end - 1
			case currencyWords[next]:
				add(i, j+1, "MONEY")
				i = j
			case durationUnits[next]:
				end := j + 1
				if low(end) == "old" || low(end) == "ago" {
					end++
				}
				add(i, end, "DATE")
				i = end - 1
			case timeUnits[next]:
				add(i, j+1, "TIME")
				i = j
			case measureUnits[next]:
				end := j + 1
				if next == "square" || next == "sq" {
					if end < n && measureUnits[low(end)] {
						end++
					}
				}
				add(i, end, "QUANTITY")
				i = end - 1
			default:
				if j-i == 1 && isNumberWord(w) && (lw == "one") {
					continue // "one of", "no one": mostly not a count
				}
				add(i, j, "CARDINAL")
				i = j - 1
			}
		}
	}
	return dst
}

func adjacentNumber(words []string, i int) bool {
	return i > 0 && isNumeric(words[i-1]) || i+1 < len(words) && (isNumeric(words[i+1]) || ordinalDay(words[i+1]))
}

func ordinalDay(w string) bool {
	lw := lowerASCII(w)
	for _, suf := range []string{"st", "nd", "rd", "th"} {
		if d, ok := strings.CutSuffix(lw, suf); ok && len(d) <= 2 && isNumeric(d) {
			return true
		}
	}
	return false
}

func yearCue(w string) bool {
	switch w {
	case "in", "since", "by", "until", "till", "from", "before", "after", "of", "during", "early", "late", "mid", "year", "around", "to", "between", "and", "spring", "summer", "autumn", "fall", "winter":
		return true
	}
	return false
}

// labeled is a rule or lexicon span over a sentence's words.
type labeled struct {
	first, limit int
	label        string
}

func isCapitalised(w string) bool {
	r, _ := utf8.DecodeRuneInString(w)
	return unicode.IsUpper(r)
}

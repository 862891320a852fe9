package events

import (
	"slices"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/sitrep/sitrep"
)

// testActors are the actors of the hand-built documents.
var testActors = []actorSpec{
	{"CHN", sitrep.ActorCountry, "", []string{"China"}},
	{"RUS", sitrep.ActorCountry, "", []string{"Russia"}},
	{"UKR", sitrep.ActorCountry, "", []string{"Ukraine"}},
	{"PAK", sitrep.ActorCountry, "", []string{"Pakistan"}},
	{"IND", sitrep.ActorCountry, "", []string{"India"}},
	{"IRN", sitrep.ActorCountry, "", []string{"Iran"}},
	{"IRQ", sitrep.ActorCountry, "", []string{"Iraq"}},
	{"ISR", sitrep.ActorCountry, "", []string{"Israel"}},
	{"ARM", sitrep.ActorCountry, "", []string{"Armenia"}},
	{"AZE", sitrep.ActorCountry, "", []string{"Azerbaijan"}},
	{"USA", sitrep.ActorCountry, "", []string{"US", "the United States"}},
	{"AFG", sitrep.ActorCountry, "", []string{"Afghanistan", "Kabul"}},
	{"TWN", sitrep.ActorCountry, "", []string{"Taiwan"}},
	{"IGOUNO", sitrep.ActorIGO, "", []string{"UN"}},
	{"TAL", sitrep.ActorArmedGroup, "INS", []string{"Taliban"}},
	{"REB", sitrep.ActorArmedGroup, "REB", []string{"rebels"}},
	{"UIG", sitrep.ActorEthnicGroup, "", []string{"Uyghurs", "Uyghur groups", "Uyghur Muslims"}},
	{"CHNGOV", sitrep.ActorPerson, "GOV", []string{"Xi"}},
	{"CVL", sitrep.ActorAgent, "CVL", []string{"the prisoners"}},
	{"RSF", sitrep.ActorArmedGroup, "MIL", []string{"Rapid Support Forces"}},
}

// TestRoles codes hand-built documents (tokens from the segmenter, actor
// mentions by phrase, no tagger): the fallback reading of roles.
func TestRoles(t *testing.T) {
	for _, tc := range []struct {
		name, text string
		want       []string
	}{
		{"active", "Russia attacked Ukraine on Monday.", []string{"RUS ASSAULT UKR"}},
		{"passive by-agent", "Ukraine was attacked by Russia.", []string{"RUS ASSAULT UKR"}},
		{"passive repression located", "Uyghurs have been brutally oppressed in China.", []string{"CHN COERCE UIG"}},
		{"coordinated subjects", "Russia and Pakistan backed the Taliban.", []string{"PAK AID TAL", "RUS AID TAL"}},
		{"coordinated objects", "Pakistan threatened India and China.", []string{"PAK THREATEN CHN", "PAK THREATEN IND"}},
		{"relative clause object", "The Taliban shunned Uyghur groups which it once supported.", []string{"TAL REJECT UIG", "TAL SUPPORT UIG [hist]"}},
		{"relative clause subject", "Iran condemned the rebels who attacked Iraq.", []string{"IRN ACCUSE REB", "REB ASSAULT IRQ"}},
		{"control verb", "Iran threatened to cut off aid to Armenia.", []string{"IRN THREATEN ARM"}},
		{"object control", "The UN urged Israel to release the prisoners.", []string{"IGOUNO REQUEST ISR"}},
		{"causative", "China is getting the Taliban to outlaw Uyghurs.", []string{"TAL COERCE UIG [intended,by:CHN]"}},
		{"negation", "Israel did not attack Iran.", []string{"ISR ASSAULT IRN [neg]"}},
		{"undertaking not to", "The Taliban have undertaken not to attack Kabul.", []string{"TAL AGREE AFG [neg]"}},
		{"nominal of", "Xi is overseeing the oppression of Uyghur Muslims.", []string{"CHNGOV COERCE UIG"}},
		{"nominal from", "Backing from Russia has given the Taliban a boost.", []string{"RUS AID TAL"}},
		{"nominal between", "Fighting between Armenia and Azerbaijan resumed.", []string{"ARM ASSAULT AZE"}},
		{"nominal possessive", "The US completed its withdrawal from Afghanistan.", []string{"USA RETREAT AFG"}},
		{"light verb", "China has given its support to the Taliban.", []string{"CHN AID TAL"}},
		{"hoped", "China hopes to invade Taiwan.", []string{"CHN ASSAULT TWN [hoped]"}},
		{"believed", "Western sources believe Iran attacked Israel.", []string{"IRN ASSAULT ISR [believed]"}},
		{"trailing belief", "Xi is overseeing the oppression of Uyghur Muslims, western sources believe.", []string{"CHNGOV COERCE UIG [believed]"}},
		{"denied", "Iran denied attacking Israel.", []string{"IRN ASSAULT ISR [denied]"}},
		{"historical decade", "In the 1990s the Taliban supported Uyghur groups with weapons.", []string{"TAL AID UIG [hist]"}},
		{"hyphen compound", "The Taliban fought the US-backed rebels.", []string{"TAL ASSAULT REB", "USA AID REB"}},
		{"not an event", "The UN said it was deeply concerned about Iran.", nil},
		{"nominal subject of its verb", "The attack by Russia killed the rebels.", []string{"RUS ASSAULT REB"}},
		{"second predicate", "Iran condemned the rebels and threatened Iraq.", []string{"IRN ACCUSE REB", "IRN THREATEN IRQ"}},
		{"participles tell one attack", "Russia attacked Iraq, killing the prisoners and wounding the rebels.", []string{"RUS ASSAULT IRQ"}},
		{"nominal in the object", "Russia launched missile and drone attacks on Ukraine.", []string{"RUS ASSAULT UKR"}},
		{"condemning is no attacking", "The rebels condemned the attack.", []string{"REB ACCUSE -"}},
		{"insisting that is no demand", "Pakistan insisted that India had attacked Iran.", []string{"IND ASSAULT IRN"}},
		{"condolences are no event", "Iran offered condolences to Iraq.", nil},
		{"calling an attack a name is no call", "The UN in Iraq called the attack abhorrent.", nil},
		{"vowing to hunt down is a threat", "Iran vowed to hunt down the rebels.", []string{"IRN THREATEN REB"}},
		{"a name is no trigger", "The Rapid Support Forces attacked Iraq.", []string{"RSF ASSAULT IRQ"}},
		{"a missile test is force posture", "Iran test-fired a missile.", []string{"IRN MOBILIZE -"}},
		{"said it would is an intention", "Iran said it would attack Iraq.", []string{"IRN THREATEN IRQ [intended]"}},
		{"summoning is not the accusation again", "Iran accused Pakistan of lying. Iran summoned Pakistan's ambassador.", []string{"IRN ACCUSE PAK", "IRN ACCUSE PAK"}},
		{"summoning an envoy", "Iran summoned Pakistan's ambassador.", []string{"IRN ACCUSE PAK"}},
		{"ramming", "Iran rammed Pakistan's vessel.", []string{"IRN ASSAULT PAK"}},
		{"calling it a name is no call", "Iran stopped short of calling the vote a coup.", nil},
		{"a name is no cue", "Yesterday the United States sanctioned Russia.", []string{"USA SANCTION RUS"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			d := mkDoc(t, tc.text, testActors...)
			c, err := New()
			if err != nil {
				t.Fatal(err)
			}
			c.Code(d)
			got := brief(d)
			slices.Sort(got)
			if diff := cmp.Diff(tc.want, got); diff != "" {
				t.Errorf("%q (-want +got):\n%s", tc.text, diff)
			}
			if msg := d.CheckSpans(); msg != "" {
				t.Errorf("bad span: %s", msg)
			}
		})
	}
}

// TestLexiconFormsFirst: the lexicon's verb forms win over a wrong lemma
// from the tagger ("shelled" lemmatized "shel").
func TestLexiconFormsFirst(t *testing.T) {
	d := mkDoc(t, "Russia shelled Ukraine.", testActors...)
	d.Tokens[1].POS, d.Tokens[1].Lemma = "VERB", "shel"
	c, err := New()
	if err != nil {
		t.Fatal(err)
	}
	c.Code(d)
	if got := brief(d); !slices.Equal(got, []string{"RUS ASSAULT UKR"}) {
		t.Errorf("got %v, want [RUS ASSAULT UKR]", got)
	}
}

// TestViolentProtest: protesters attacking is a violent demonstration.
func TestViolentProtest(t *testing.T) {
	actors := append(slices.Clone(testActors), actorSpec{"PRT", sitrep.ActorAgent, "CVL", []string{"protesters"}})
	d := mkDoc(t, "Yesterday protesters attacked the rebels.", actors...)
	c, err := New()
	if err != nil {
		t.Fatal(err)
	}
	c.Code(d)
	if len(d.Events) != 1 || d.Events[0].Plover != "PROTEST" || d.Events[0].Cameo != "145" {
		t.Errorf("events %v, want one PROTEST/145", brief(d))
	}
}

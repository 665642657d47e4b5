"""Small talk: greetings, thanks, goodbyes, questions about the bot and requests for help.

Patterns (``smalltalk_kind``) read the wordings listed here; closeness in meaning to worded examples
(``SmallTalkMeanings``, ``data/smalltalk_examples.jsonl``) reads the many more that nobody listed.
"""

from __future__ import annotations

import json
import re
from functools import lru_cache
from pathlib import Path

import numpy as np

from .semantic import SemanticIndex, mean_of_closest, saved_vectors
from .text import DATA_DIR, STOP_WORDS, normalize, words

EXAMPLES_FILE = DATA_DIR / "smalltalk_examples.jsonl"
VECTORS_FILE = DATA_DIR / "smalltalk_examples.npz"
EMBED_EXAMPLES_COMMAND = "python scripts/embed_examples.py"  # what writes VECTORS_FILE
KINDS = ("greeting", "thanks", "goodbye", "about", "help")

_CUES = {
    "about": r"who (are|r) (you|u)|(who|whom) (am i|i am|i'?m) (talking|chatting|speaking|writing|corresponding|communicating|dealing|texting|messaging) (to|with)|who('?s| is) (this|there|answering|replying)|is (this|it) (a |an )?(real|live|actual) (person|human|doctor|nurse|chat)( or (a |an )?\w+)?|is (this|it) (an? )?(automated|automatic|a machine|a computer)( assistant| chat| bot| reply| replies| system)?|what'?s (ur|your) name|(want|like|need) to (talk|speak|chat) (to|with) (a |an )?(real |actual )?(person|human|doctor|nurse|someone)|who (made|built|created|programmed|wrote|runs|owns|operates) (you|u|this|the)( chat| bot| thing| site| assistant| chatbot)?|who('?s| is) (behind|running) (this|it|you|u)( chat| bot| thing| site)?|is there (a |an )?(real |actual |live )?(person|human|doctor|nurse|someone) (reading|here|there|on the other end|behind (this|it)|answering)( this)?|(are |r )?(you|u) real(?!\s+\w)|what (kind|sort|type) of (bot|ai|thing|program|assistant|chatbot) (are (you|u)|is this)|(do|have) (you|u) (have|got) a name|is this the \w+('s)? (bot|chatbot|assistant|ai)|is this (chatgpt|gpt|an? ai|the clinic|the hospital)( i am| i'?m)?( speaking| talking| chatting)?( (to|with))?|(are|r) (you|u) the (doctor|nurse|clinic)|(are |r )?(you|u) a (real )?(person|human|bot|robot|program|computer|machine)( or (a |an )?(real )?\w+)?|(you'?re|youre|ur|you are) (a|an) (bot|robot|ai|machine|computer|program)( (aren'?t|arent) (you|u))?|(which|what) company (built|made|runs|owns|created) (this|you|u)( bot| chat| thing)?|(do|does) (you|u) work (for|at) the (clinic|hospital)|is (someone|anyone|somebody) (from|at) the (clinic|hospital) (reading|answering|here)( this)?|what (should|do|can) i call (you|u)|what (are|r) (you|u) for|is (it|this|that) (run by |from )?the (clinic|hospital|doctors)|(are|r) (you|u) (staff|an employee|from the clinic|part of the clinic|a member of staff|working for the clinic)( at the clinic| at the hospital| here)?|(are|r) (you|u) (part of|from|with|in|working (for|in|at)) the (\w+ )?(department|dept|team|clinic|hospital|service|practice|unit)|(can|could) i (talk|speak|chat) (to|with) (a |an )?(real |actual )?(person|human|doctor|nurse|someone)|are (you|u) (chatgpt|gpt|artificial|an? ai)( assistant| bot| chatbot)?( or (a |an )?(real )?\w+)?|what is this( thing| site| chat| bot)?|what (even |exactly |actually )?are (you|u)(?! able|( even| actually)? good for)|are (you|u) (a |an )?(real |actual )?(doctor|human|person|bot|robot|ai|computer|machine|nurse|program|chatbot|real)( or (a |an )?(real |actual )?\w+)?"
    r"|is this (a |an )?(real )?(bot|robot|human|person|ai|doctor|chatbot|chat bot|machine|computer|program)|(a )?(real )?(human|person) or (a )?(machine|bot|robot|computer|ai|program)|(am i|i am|i'?m) (talking|chatting|speaking) (to|with) (a |an )?(real )?(human|person|bot|robot|doctor|nurse|computer|ai|machine)( or (a |an )?(real )?\w+)?|am i (talking|chatting|speaking) (to|with) (a |an )?(real )?(human|person|bot|robot|doctor|nurse|computer|ai)( or (a |an )?(real )?\w+)?|what('?s| is) your name|your name|r (u|you) (a |an )?(real |actual )?(real|human|bot|person|robot|ai|doctor|computer)( or (a |an )?(real )?\w+)?",
    "help": r"help|what (are|r) (you|u) (even |actually )?good for|can (you|u) help( me)?( with (something|a (question|few things)|some(thing| questions)))?|i (have|got) (a |some |few |a few )?questions?|i need (some )?help|what can (you|u) do|what do (you|u) (do|know)|how does (this|the|your)( (chat|bot|chatbot|thing|site|service|assistant|tool|app|widget)){0,2} work|(i'?m |im |i am )?not sure (what|how|where) to (ask|start|begin)( (you|u))?|(i )?(don'?t|dont|do not) know (what|how) to ask( (you|u))?|idk (what|how) to ask|what (should|do|can) i (type|write|say|ask)( here| you)?|how (do|can|should) i ask (a question|questions|something|you|stuff)( here)?|how (to|do i|can i) use (this|you|it|the)( chat| bot| thing| site)?|what (are (you|u)|r u) able to (do|answer|help( me)? with)|(is there )?(something|anything) i should ask( first)?|(i'?m|im|i am) new here|can i ask (you |u )?(stuff|things|something|questions?|anything)|what do i do( now| here)?|what (kinds? of |sorts? of |types? of )?(questions|things|stuff|topics) (do|can|will) (you|u) (answer|know( about)?|cover)|what (topics|things|stuff|subjects) do (you|u) know( about)?|(can|do) i (just )?(type|write|put|send|ask)( (my|a|the|your) (question|questions|message))?( (in|into) (the )?(box|field|chat|bar))?( here| in here)?( and (press|hit|click) (enter|send|the button))?|how do i (start|begin|talk to (you|u)|chat( with (you|u))?)|is there (a|an) (menu|help|guide|faq)( or something)?|instructions|can (you|u) speak \w+|can (you|u) remember (what i said|our chat|earlier)( earlier)?|how long can (my )?(messages|questions) be|how do i (reset|clear|restart|close) (the |this )?chat|can i send (you|u) (a |an )?(picture|photo|image|file|document)|do i need (to make |to create |an )?(an )?account( to use (this|it))?|do i (just )?(type|write|put|enter) (my |a |the )?(question|questions|message)( (in|into) (the )?(box|field|chat|bar|here))?|(any )?tips on (what|how) to ask|how do (you|u) work|how do i use (this|you)|what (kinds? of |sorts? of |types? of )?(questions|things|stuff|topics) can i ask( you)?"
    r"|what can i ask( you)?|what (can )?i can ask( you)?|what (you|u) can (do|help( me)?( with)?)|what (kinds? of |sorts? of |types? of )?(things|stuff|questions|topics) can (you|u) help( me)? with|what can (you|u) help( me)? (with|w)|how can (you|u) help( me)?|what (kinds? of |sorts? of |types? of )?(questions|things|stuff|topics) can (you|u) answer|what (topics|subjects|things) do (you|u) cover|what do (you|u) cover|how do i use (this|it)|what (questions|topics) (can|do) (you|u) answer|menu",
    "goodbye": r"bye+|goodbye|(back|going back|heading back|get back|got to get back|gotta get back) to (work|bed|sleep|the office|my day|the kids)|(i think )?(that|this|it)( will|'ll|'s| is| would) be all( for (now|today))?|no more questions|(close|end) (the |this )?(chat|conversation)|i (must|should|have to|need to) go( now)?|i leave now|i'?ll leave (it )?(there|now)|(might|may|will|i'?ll) come back later|have a (lovely|nice|good|great) (day|evening|one|night|weekend)|(that'?s|thats) everything i (needed|wanted)( to know)?|gn|brb|gotta (run|dash|jet|bounce)|got to (run|dash)|(i )?(have|need) to (go|run|leave)( now)?|(that'?s|that is) all (my|the|of my) questions( for (today|now|tonight))?|(that'?s|that was|this is) (my|the) last (question|one|message|thing)( for (today|now|tonight))?|that'?s all i (needed|wanted|need|want)( to know)?|adios|adiós|au revoir|ciao|tschuss|tschüss|(good ?|g'?)?night|g'?nite|nite|that'?s everything( for now)?|(i'?m|im|i am) off( now)?|signing off|logging off|cya|see ya|gtg|g2g|bye for now|talk (to you )?later|ttyl|catch you later|gotta go|got to go|good bye|bye bye|see (you|ya|u)( later| soon)?|farewell|later|that'?s all|i'?m done|have a (good|nice|great) (day|one|night)|take care|no thanks|never ?mind|nothing else|that'?s it|all good",
    "greeting": r"hi+|gm|(testing ?)+( 1 2 3| 123)?|just (popped|popping|stopped|stopping|dropped|dropping) (in|by)|(i )?hope i('?m| am) not disturbing( anyone| you)?|my name is \w+|please bear with me|is this the chat( box)?|i was told i (could|can) (type|write|ask) here|dear (sir|madam|sir/madam|sir or madam|team|all|doctor)|tudo bem|que tal|ca va|hello+|helo+|hallo|hola|bonjour|salut|namaste|salaam|salam|guten tag|ola|olá|konnichiwa|test(ing)?|is this (thing )?(working|on)|(just )?(checking|testing|seeing) (if |whether |that )?(this|it|the chat|the bot)( thing)? (works|is working|is on|is live)|(can|do) (you|u) (see|get|read|receive) (my|this|these|the) (msgs?|messages?|texts?|typing)|hey+|heya|hiya|howdy|yo|greetings|(good )?(morning|afternoon|evening)|good day|g'?day|(is )?(any ?one|any ?body|someone|somebody) (there|here|home|around|awake|up|online|on)|(u|you) there|how (are|r|ru) (you|u|ya)( doing| today)?|how ru( doing| today)?|how('?s| is) it going|what'?s up|sup|nice to meet (you|u)|are (you|u) there"
    r"|(i )?hope (you'?re|your|you are|u r|ur|u are|you'?re doing|you are doing|all is|everything is|(your|ur) day is( going)?)( doing)? (well|good|ok|okay|fine|great)|(i )?hope (you'?re|you are|ur|u r) having a (nice|good|great|lovely) (day|one|morning|afternoon|evening)|how (have|has) (you|u) been",
    "thanks": r"many thanks( for (your|the) (patience|help|time))?|much obliged|nice one|thank (you|u) kindly|thanx 4 (the |ur |your )?help|thank (you+|u+|ya)( (very|so) much)?( for (the |your )?(help|info|information|answers?|explanation|explaining|explain|clarifying|clarification|time|reply|replies|response))?|(thanks*|thnks|thnk you)( you)?( a (bunch|lot|million|ton|heap))?( for (all )?(the |your |ur )?(help|info|answers?|time|replies|explanations?))?|gracias|merci( beaucoup)?|danke( schon| schön)?|grazie( mille)?|obrigad[oa]|arigato|shukran|thx|thnx|tnx|tnks|thanx|thnaks|tahnks|tysm|tyvm|ty|ta|brilliant|lovely|thank u|thankyou|cheers|much appreciated|appreciate (it|that|you)|(that|this|you|you'?ve|it)( (really|actually|truly|totally|honestly|so|has|have))* help(s|ed)( (a (ton|bunch|heap|lot)|loads|heaps|tons))?|(very |really |so |super |extremely |incredibly )?(help?full?|usefull?|informative|clear)|(the )?(best|great|good|helpful|clear|nice|useful) (answer|reply|response|info|explanation)s?( (i'?ve|ive|i have) (ever )?(seen|read|had|heard|found|gotten|got))?( so far| yet)?|(you have been|you've been|you're|you are) (so |very |most |really )?(kind|helpful|lovely)|(?<!\bis )(?<!\bit )(?<!\bare )(?<!\bbe )(?<!\bthey )(?<!\bthat )(?<!\bthis )(great|ok(ay)?|cool|perfect|awesome|nice)|got it|good to know|(this|the) chat is (actually |really |so |very )*(handy|useful|helpful|great|good)|(that was|it was|this was) (so |much |a lot )?quicker than (calling|phoning|ringing)( \w+){0,3}|understood|(that |this |it )?(has |have )?(cleared|clears|clear) (a lot|things|it|that|this|everything|so much)( \w+)? up|(that |this |it )?(has |have )?(actually |really )?(cleared|clears) (it |things |that )?up( (a lot|so much|everything|loads|things))?|(that |it )?makes (so much |a lot of |more )?sense( now)?|good job|well done|(you'?re|you are) (great|awesome|helpful|amazing|the best)"
    r"|(sorry|apologies|i apologi[sz]e) (for|about) (all |so many |the |these |my |asking )*(questions|qs|messages|bother|pestering)"
    r"|(sorry|apologies) (to|for) (bother|bothering|pester|pestering|trouble|troubling) (you|u)( with (all )?(this|these|my questions|so many questions))?",
}
# The same in the other languages of people who write here, accents folded (meaning is read in English only).
_OTHER_LANGUAGES = {
    "about": r"quien eres( tu)?|quem e (voce|vc)|kaun ho tum|kim jestes|sino ka( po)?",
    "help": r"(necesito |quiero |preciso de )?ayuda|(preciso de )?ajuda|(potrzebuje )?pomocy|tulong( po)?|madad|aidez[- ]moi",
    "goodbye": r"ate (logo|mais)|adeus|tchau|hasta (luego|pronto|la vista|manana)|do widzenia|paalam( na)?( po)?|ma'?a? ?salama|khuda hafiz|alvida|phir milenge|do svidaniya|sayonara|arrivederci|a bientot|auf wiedersehen",
    "greeting": r"dzien dobry|czesc|namaskar|marhaba|merhaba|bom dia|boa (tarde|noite)|buen(os|as) (dias|tardes|noches)|kumusta( po)?|magandang (umaga|hapon|gabi)( po)?|privet|ni ?hao|shalom",
    "thanks": r"dziekuje|shukriya|dhanyavaa?d|(maraming )?salamat( po)?|spasibo|kiitos|bedankt|dank je( wel)?|tesekkurler|xie xie|kamsahamnida|cam on|asante|terima kasih",
}
_CUE = re.compile("|".join(rf"\b(?P<{kind}>{p}|{_OTHER_LANGUAGES[kind]})\b" for kind, p in _CUES.items()))
# What someone adds to thanks or a goodbye about the chat or what they will do next: "that helped me understand
# what the doctors are on about", "I'll ask my rheumatologist about it". Alone, such a sentence may be a question.
_REMARK = re.compile(
    r"\bhelp(s|ed)?( me| us)?( so much| a lot)?( to)? (understand|see|get|make sense of|figure out|know)\b[^.?!]*(?=[.!]|$)"
    r"|\b(i ?('ll| will| shall|'m going to|m going to|'m gonna|m gonna|ll)|will|shall|gonna|going to) (re)?(ask|talk|speak|bring|show|tell|discuss|mention|look|read|share|think|check|print|pass|send)\b[^.?!]*(?=[.!]|$)"
    r"|\b(now )?i (finally |really )?(understand|get it|feel more informed)\b"
    r"|\b(am|'m|m|are|'re|is|'s|be|feel|feeling) ((so|really|very|a lot|much) )*(relieved|glad|happy|grateful|reassured|hopeful|calmer|better)\b[^.?!]*(?=[.!]|$)"
    r"|\b(i'?ve |i have |i )?(got|have) (my|an|a) (\w+ )?(appt|appointment|visit|check ?up|consult|consultation)\b[^.?!]*(?=[.!]|$)"
    r"|\b(will|gonna|going to|i'?ll|i will|i'?m going to) (read|send|share|show|forward|print|bring)\b[^.?!]*(?=[.!]|$)|\bbookmark(ing|ed)?\b[^.?!]*(?=[.!]|$)"
    r"|\bmy \w+ will (read|see|look at)\b[^.?!]*(?=[.!]|$)|\b(my )?(tea|coffee|dinner|lunch) is getting cold\b|\bfor (helping|your help|your answers|the answers)\b|\bit is very kind (from|of) (you|u)\b"
    r"|\b(good|nice|glad|reassuring|interesting) to (know|hear|see|read)\b[^.?!]*(?=[.!]|$)"
    r"|\b(this|it)('?s| is) (all )?(so |very |quite |a bit |really )?(new|overwhelming|a lot) (to|for) (me|us)\b"
    r"|\b(for )?(today|tonight|now)\b|(?<!\w)(x+|xo+|(xo)+)(?!\w)"
)
# After a greeting, a sentence telling who one is, when nothing is asked or wanted yet: "Hi. I'm Priya, 19,
# recently diagnosed.", "Hello, I am writing on behalf of my husband."
_INTRODUCTION = re.compile(r"(?:^|(?<=[.!,]))\s*(i'?m|i am|im|my|this is|we|we'?re|i have|i'?ve|i look after|i care for|i write|i come from)\b[^.!]*")
# An excuse for one's English, typing or way with computers asks nothing: "my english is not perfect sorry".
# Also read by the engine, which leaves it out of the question: "what are they, english not my first language".
EXCUSE = re.compile(
    r"\b(sorry,? )?(my english is (not|isnt|isn'?t|bad|poor)( very)?( good| great| perfect| the best)?|(i'?m|i am|im) not (very |so |too )?good (with|at) (computers|technology|tech|phones|english|typing|this)|(for|about) my (bad )?(english|typing|spelling|grammar)"
    r"|(my )?english (is )?(not|isnt|isn'?t) my (first|native|mother) (language|tongue)|english is (my|a) (second|2nd|third|3rd|foreign) language|(i'?m|i am|im) (a )?non[ -]?native( english)? speaker|(i'?m|i am|im) not (a )?native( english)? speaker)( sorry)?\b",
    re.IGNORECASE,
)
_WANTING = re.compile(r"\b(interested|looking|want|wanted|wanting|wondering|wonder|need|needs|info|information|tell|know|learn|find|ask|asking|question|questions|curious|considering|thinking|read|heard|help|what|how|why|when|where|which|can|could|should|would|will|does|do|did|is it|are they|is there|risks?|costs?|side effects?|msc|mscs|ahsct|hsct|transplants?|stem|cells?|infusions?|treatments?|therapy|therapies|vs|versus|chemo\w*|trials?|donors?|insurance|eligible|candidates?)\b|(^|[.!,;]\s*)(who|whom|whose)\b|\?")
# "Would it help him?", "does this help": whether something helps, not a request for help.
_SOMETHING_HELPS = re.compile(r"\b(it|this|that|they|them|these|those|cells?|treatments?|therapy|msc|mscs|ahsct|transplant|infusion)( \w+){0,2} help(s|ed|ing)?\b")
_ASKS = re.compile(r"\b(is|are|was|does|do|can|could|would|will|should) (it|that|this|they|there|he|she|we|i)\b")  # "is it for everyone"
_ASKING_WORDS = frozenset(("what", "why", "how", "where", "when", "which", "who", "whom", "whose", "tell", "explain", "more", "after", "before", "next"))
_FILLER = frozenset(words("please pls plz thing again so much very really lot bot chatbot chat there everyone anyone all for the your that this it and you u ur k kk ok okay oh wow well just then guys folks friend lol haha hmm um uh yes yeah yep no nope doctor doc mate buddy pal dear sir madam actually exactly alright aight truly totally honestly heaps loads tons wait hang hold sorry btw anyway quick question indeed think excuse ask whether today fr frfr lowkey ngl tbh deadass cap po por favor prosze bitte"))


@lru_cache(maxsize=4096)
def smalltalk_kind(message: str) -> str | None:
    """'greeting', 'thanks', 'goodbye', 'about' or 'help' when the message is only small talk, else None (cached:
    a reply asks it of the message and of the earlier turns)."""
    text = normalize(message)
    if text.strip() and not re.search(r"\w", text):
        return "greeting"  # only emoji or punctuation: "👋", "?"
    text = EXCUSE.sub(" ", text)
    cues = list(_CUE.finditer(text))
    found = [m.lastgroup for m in cues]
    if not found or found[-1] == "help" and _SOMETHING_HELPS.search(text):
        return None
    if found[-1] in ("thanks", "goodbye") or "goodbye" in found:
        text = _REMARK.sub(" ", text)
    elif found[0] == "greeting" and not text[: cues[0].start()].strip() and not _WANTING.search(text) and not _ASKS.search(text):
        text = _INTRODUCTION.sub(" ", text)
    rest = words(_CUE.sub(" ", text))
    if any(w not in STOP_WORDS and w not in _FILLER for w in rest):
        return None  # "hi, what are the risks?" is a question
    if found[-1] in ("greeting", "thanks", "goodbye") and (_ASKING_WORDS.intersection(rest) or _ASKS.search(" ".join(rest))):
        return None  # "ok then what?", "thanks, but why", "ok tell me more", "ok and after that?" and "ok but is it for everyone" ask
    if found[-1] in ("greeting", "thanks") and "goodbye" in found:
        return "goodbye"  # "goodbye, and thank you for your time", "that will be all. good day"
    return found[-1]  # "thanks, bye" is a goodbye; "hi, who are you" is about the bot


def load_examples(path: Path = EXAMPLES_FILE) -> list[tuple[str, str]]:
    """(kind, text) pairs from a JSON Lines file of {kind, text}: a kind of small talk, or "question"."""
    rows = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
    return [(r["kind"], r["text"]) for r in rows]


class SmallTalkMeanings:
    """Small talk by closeness in meaning: a message whose closest examples of one kind of small talk are close
    to it, and closer than the closest of everything else it could be (the article's passages, the questions
    listed for them, and example questions worded like small talk), is small talk of that kind."""

    def __init__(self, meanings: SemanticIndex, examples: list[tuple[str, str]], vectors: np.ndarray, closeness: float, margin: float, votes: int = 3) -> None:
        self.meanings = meanings
        self.closeness = closeness
        self.margin = margin
        self.votes = votes
        kinds = np.array([kind for kind, _ in examples])
        self.vectors = vectors[kinds != "question"]  # all the examples of small talk
        self.kinds = {kind: vectors[kinds == kind] for kind in KINDS}
        self.others = np.vstack([vectors[kinds == "question"], meanings.vectors])
        self.kind = lru_cache(maxsize=4096)(self._kind)

    @classmethod
    def build(cls, meanings: SemanticIndex, closeness: float, margin: float, path: Path = EXAMPLES_FILE, saved: Path | None = VECTORS_FILE) -> SmallTalkMeanings:
        """The examples in ``path``, their vectors read from ``saved`` when they match, else computed now."""
        examples = load_examples(path)
        vectors = saved_vectors(meanings.encoder, [text for _, text in examples], saved, EMBED_EXAMPLES_COMMAND)
        return cls(meanings, examples, vectors, closeness, margin)

    def _kind(self, message: str) -> str | None:
        """The kind of small talk the message is closest to, when it is close enough and closer than anything else
        (``kind`` caches it per message)."""
        vector = self.meanings.vector(message)
        closest = {kind: mean_of_closest(vectors @ vector, self.votes) for kind, vectors in self.kinds.items()}
        kind = max(closest, key=closest.get)
        if closest[kind] >= self.closeness and closest[kind] >= mean_of_closest(self.others @ vector, self.votes) + self.margin:
            return kind
        return None

"""Small talk: greetings, thanks, goodbyes, questions about the bot and requests for help."""

from __future__ import annotations

import re

from .text import STOP_WORDS, normalize, words

_CUES = {
    "about": r"who (are|r) (you|u)|who am i (talking|chatting|speaking|writing) (to|with)|who('?s| is) (this|there|answering|replying)|is (this|it) (a |an )?(real|live|actual) (person|human|doctor|nurse|chat)( or (a |an )?\w+)?|is (this|it) (an? )?(automated|automatic|a machine|a computer)( assistant| chat| bot| reply| replies| system)?|what'?s (ur|your) name|(want|like|need) to (talk|speak|chat) (to|with) (a |an )?(real |actual )?(person|human|doctor|nurse|someone)|who (made|built|created|programmed|wrote|runs|owns|operates) (you|u|this)( chat| bot| thing| site)?|who('?s| is) (behind|running) (this|it|you|u)( chat| bot| thing| site)?|is there (a |an )?(real |actual |live )?(person|human|doctor|nurse|someone) (reading|here|there|on the other end|behind (this|it)|answering)( this)?|(are |r )?(you|u) real(?!\s+\w)|what (kind|sort|type) of (bot|ai|thing|program|assistant|chatbot) (are (you|u)|is this)|(do|have) (you|u) (have|got) a name|is this the \w+('s)? (bot|chatbot|assistant|ai)|is (it|this|that) (run by |from )?the (clinic|hospital|doctors)|(are|r) (you|u) (staff|an employee|from the clinic|part of the clinic|a member of staff|working for the clinic)( at the clinic| at the hospital| here)?|(can|could) i (talk|speak|chat) (to|with) (a |an )?(real |actual )?(person|human|doctor|nurse|someone)|are (you|u) (chatgpt|gpt|artificial|an? ai)( assistant| bot| chatbot)?( or (a |an )?(real )?\w+)?|what is this( thing| site| chat| bot)?|what (even |exactly |actually )?are (you|u)(?! able)|are (you|u) (a |an )?(real |actual )?(doctor|human|person|bot|robot|ai|computer|machine|nurse|program|chatbot|real)( or (a |an )?(real |actual )?\w+)?"
    r"|is this (a |an )?(real )?(bot|robot|human|person|ai|doctor|chatbot|chat bot|machine|computer|program)|(am i|i am|i'?m) (talking|chatting|speaking) (to|with) (a |an )?(real )?(human|person|bot|robot|doctor|nurse|computer|ai|machine)( or (a |an )?(real )?\w+)?|am i (talking|chatting|speaking) (to|with) (a |an )?(real )?(human|person|bot|robot|doctor|nurse|computer|ai)( or (a |an )?(real )?\w+)?|what('?s| is) your name|your name|r (u|you) (a |an )?(real |actual )?(real|human|bot|person|robot|ai|doctor|computer)( or (a |an )?(real )?\w+)?",
    "help": r"help|can (you|u) help( me)?( with (something|a (question|few things)|some(thing| questions)))?|i (have|got) (a |some |few |a few )?questions?|i need (some )?help|what can (you|u) do|what do (you|u) (do|know)|how does (this|the|your)( (chat|bot|chatbot|thing|site|service|assistant|tool|app|widget)){0,2} work|(i'?m |im |i am )?not sure (what|how|where) to (ask|start|begin)( (you|u))?|(i )?(don'?t|dont|do not) know (what|how) to ask( (you|u))?|idk (what|how) to ask|what (should|do|can) i (type|write|say|ask)( here| you)?|how (do|can|should) i ask (a question|questions|something|you|stuff)( here)?|how (to|do i|can i) use (this|you|it|the)( chat| bot| thing| site)?|what (are (you|u)|r u) able to (do|answer|help( me)? with)|(is there )?(something|anything) i should ask( first)?|(i'?m|im|i am) new here|can i ask (you )?(stuff|things|something|questions?|anything)|what do i do( now| here)?|do i (just )?(type|write|put|enter) (my |a |the )?(question|questions|message)( (in|into) (the )?(box|field|chat|bar|here))?|(any )?tips on (what|how) to ask|how do (you|u) work|how do i use (this|you)|what (kinds? of |sorts? of |types? of )?(questions|things|stuff|topics) can i ask( you)?"
    r"|what can i ask( you)?|what (can )?i can ask( you)?|what (you|u) can (do|help( me)?( with)?)|what (kinds? of |sorts? of |types? of )?(things|stuff|questions|topics) can (you|u) help( me)? with|what can (you|u) help( me)? (with|w)|how can (you|u) help( me)?|what (kinds? of |sorts? of |types? of )?(questions|things|stuff|topics) can (you|u) answer|what (topics|subjects|things) do (you|u) cover|what do (you|u) cover|how do i use (this|it)|what (questions|topics) (can|do) (you|u) answer|menu",
    "goodbye": r"bye+|goodbye|gn|brb|gotta (run|dash|jet|bounce)|got to (run|dash)|(i )?(have|need) to (go|run|leave)( now)?|(that'?s|that is) all (my|the|of my) questions( for (today|now|tonight))?|(that'?s|that was|this is) (my|the) last (question|one|message|thing)( for (today|now|tonight))?|that'?s all i (needed|wanted|need|want)( to know)?|adios|adiós|au revoir|ciao|tschuss|tschüss|(good ?|g'?)?night|g'?nite|nite|that'?s everything( for now)?|(i'?m|im|i am) off( now)?|signing off|logging off|cya|see ya|gtg|g2g|bye for now|talk (to you )?later|ttyl|catch you later|gotta go|got to go|good bye|bye bye|see (you|ya|u)( later| soon)?|farewell|later|that'?s all|i'?m done|have a (good|nice|great) (day|one|night)|take care|no thanks|never ?mind|nothing else|that'?s it|all good",
    "greeting": r"hi+|gm|dear (sir|madam|sir/madam|sir or madam|team|all|doctor)|tudo bem|que tal|ca va|hello+|helo+|hallo|hola|bonjour|salut|namaste|salaam|salam|guten tag|ola|olá|konnichiwa|test(ing)?|is this (thing )?(working|on)|hey+|heya|hiya|howdy|yo|greetings|(good )?(morning|afternoon|evening)|good day|g'?day|(is )?(any ?one|any ?body|someone|somebody) (there|here|home|around|awake|up|online|on)|(u|you) there|how (are|r|ru) (you|u|ya)( doing| today)?|how ru( doing| today)?|how('?s| is) it going|what'?s up|sup|nice to meet (you|u)|are (you|u) there"
    r"|(i )?hope (you'?re|your|you are|u r|ur|u are|you'?re doing|you are doing|all is|everything is|(your|ur) day is( going)?)( doing)? (well|good|ok|okay|fine|great)|(i )?hope (you'?re|you are|ur|u r) having a (nice|good|great|lovely) (day|one|morning|afternoon|evening)|how (have|has) (you|u) been",
    "thanks": r"many thanks|thank (you+|u+|ya)( (very|so) much)?( for (the |your )?(help|info|information|answers?|explanation|explaining|explain|clarifying|clarification|time|reply|replies|response))?|(thanks*|thnks|thnk you)( you)?( a (bunch|lot|million|ton|heap))?|gracias|merci( beaucoup)?|danke( schon| schön)?|grazie( mille)?|obrigad[oa]|arigato|shukran|thx|thnx|thanx|thnaks|tahnks|tysm|tyvm|ty|ta|brilliant|lovely|thank u|thankyou|cheers|much appreciated|appreciate (it|that|you)|(that|this|you|you'?ve|it)( (really|actually|truly|totally|honestly|so|has|have))* help(s|ed)( (a (ton|bunch|heap|lot)|loads|heaps|tons))?|(very |really |so |super |extremely |incredibly )?(help?full?|usefull?|informative|clear)|(great|good|helpful|clear|nice|useful) (answer|reply|response|info|explanation)s?|(you have been|you've been|you're|you are) (so |very |most |really )?(kind|helpful|lovely)|(?<!\bis )(?<!\bit )(?<!\bare )(?<!\bbe )(?<!\bthey )(?<!\bthat )(?<!\bthis )(great|ok(ay)?|cool|perfect|awesome|nice)|got it|good to know|understood|(that |this |it )?(has |have )?(cleared|clears|clear) (a lot|things|it|that|this|everything|so much)( \w+)? up|(that |this |it )?(has |have )?(actually |really )?(cleared|clears) (it |things |that )?up( (a lot|so much|everything|loads|things))?|(that |it )?makes (so much |a lot of |more )?sense( now)?|good job|well done|(you'?re|you are) (great|awesome|helpful|amazing|the best)",
}
_CUE = re.compile("|".join(rf"\b(?P<{kind}>{p})\b" for kind, p in _CUES.items()))
# What someone adds to thanks or a goodbye about the chat or what they will do next: "that helped me understand
# what the doctors are on about", "I'll ask my rheumatologist about it". Alone, such a sentence may be a question.
_REMARK = re.compile(
    r"\bhelp(s|ed)?( me| us)?( so much| a lot)?( to)? (understand|see|get|make sense of|figure out|know)\b[^.?!]*(?=[.!]|$)"
    r"|\bi ?('ll| will|'m going to|m going to|'m gonna|m gonna|ll) (ask|talk|speak|bring|show|tell|discuss|mention|look|read|share|think|check|print|pass|send)\b[^.?!]*(?=[.!]|$)"
    r"|\b(now )?i (finally |really )?(understand|get it|feel more informed)\b"
    r"|\b(am|'m|m|are|'re|is|'s|be|feel|feeling) ((so|really|very|a lot|much) )*(relieved|glad|happy|grateful|reassured|hopeful|calmer|better)\b[^.?!]*(?=[.!]|$)"
    r"|\b(i'?ve |i have |i )?(got|have) (my|an|a) (\w+ )?(appt|appointment|visit|check ?up|consult|consultation)\b[^.?!]*(?=[.!]|$)"
    r"|\b(for )?(today|tonight|now)\b|(?<!\w)(x+|xo+|(xo)+)(?!\w)"
)
# "Would it help him?", "does this help": whether something helps, not a request for help.
_SOMETHING_HELPS = re.compile(r"\b(it|this|that|they|them|these|those|cells?|treatments?|therapy|msc|mscs|ahsct|transplant|infusion)( \w+){0,2} help(s|ed|ing)?\b")
_ASKS = re.compile(r"\b(is|are|was|does|do|can|could|would|will|should) (it|that|this|they|there|he|she|we|i)\b")  # "is it for everyone"
_ASKING_WORDS = frozenset(("what", "why", "how", "where", "when", "which", "tell", "explain", "more"))
_FILLER = frozenset(words("please pls plz thing again so much very really lot bot chatbot chat there everyone anyone all for the your that this it and you u ur k kk ok okay oh wow well just then guys folks friend lol haha hmm um uh yes yeah yep no nope doctor doc mate buddy pal dear sir madam actually exactly alright aight truly totally honestly heaps loads tons wait hang hold sorry btw anyway quick question indeed think excuse ask whether today"))


def smalltalk_kind(message: str) -> str | None:
    """'greeting', 'thanks', 'goodbye', 'about' or 'help' when the message is only small talk, else None."""
    text = normalize(message)
    if text.strip() and not re.search(r"\w", text):
        return "greeting"  # only emoji or punctuation: "👋", "?"
    found = [m.lastgroup for m in _CUE.finditer(text)]
    if not found or found[-1] == "help" and _SOMETHING_HELPS.search(text):
        return None
    if found[-1] in ("thanks", "goodbye") or "goodbye" in found:
        text = _REMARK.sub(" ", text)
    rest = words(_CUE.sub(" ", text))
    if any(w not in STOP_WORDS and w not in _FILLER for w in rest):
        return None  # "hi, what are the risks?" is a question
    if found[-1] in ("greeting", "thanks", "goodbye") and (_ASKING_WORDS.intersection(rest) or _ASKS.search(" ".join(rest))):
        return None  # "ok then what?", "thanks, but why", "ok tell me more" and "ok but is it for everyone" ask
    return found[-1]  # "thanks, bye" is a goodbye; "hi, who are you" is about the bot

"""Messages that are not questions for the article: emergencies (checked first) and small talk."""

from __future__ import annotations

import re

from .text import normalize

# Someone (the writer or a person they describe) is in danger now: these always count.
_ALWAYS = [
    r"\b(suicid\w*|kill(ing)? (my|him|her|them)sel(f|ves)|end(ing)? (it all|my life|(his|her|their) life)|take my (own )?life)\b",
    r"\b(want(ed|s)? to|going to|gonna|wanna|plan(ning)? to|thinking (of|about)) (die|dying|be dead|disappear forever|hurt (my|him|her|them)sel(f|ves)|harm (my|him|her|them)sel(f|ves))\b",
    r"\b(better off dead|no reason to live|don'?t want to (live|be alive|wake up)|can'?t go on)\b",
    r"\b(self[- ]?harm\w*|cutting (my|him|her)sel(f|ves)|hurting (my|him|her|them)sel(f|ves)|(hurt|harm|cut)(ing)? (my|him|her|them)sel(f|ves))\b",
    r"\b(over ?dos(e|ed|ing)|od'?d|took (too many|a lot of|all (my|his|her|the)) (pills|tablets|meds|medication)|swallow(ed)? (too many|a bottle|a lot of|all)|poison(ed|ing)?|drank (bleach|antifreeze))\b",
    r"\b(can'?t|cannot|could ?n'?t|can not|unable to|struggling to|hard to|trouble|difficulty|not) ?(breath|breathe|breathing|get (any )?air|catch (my|his|her) breath)\b",
    r"\b(stopped breathing|gasping|choking|turning blue|lips (are )?(blue|grey|gray))\b",
    r"\b(unconscious|unresponsive|passed out|pass(ing)? out|fainted|collapsed|blacked out|won'?t wake|not waking|can'?t wake|losing consciousness|lost consciousness)\b",
    r"\b(having|had|has) (a )?(seizure|stroke|heart attack|fit)\b",
    r"\b(seizing|convuls\w*|fitting right now|shaking uncontrollably)\b",
    r"\b(face (is )?(droop\w*|drops|dropping|numb)|slurr(ed|ing) (speech|words)|speech (is )?slurred|can'?t (speak|talk|move (my|his|her) (arm|leg|side)))\b",
    r"\b(one side of (my|his|her) (body|face))\b",
    r"\b(bleeding (heavily|badly|a lot|won'?t stop|that won'?t stop|everywhere|profusely)|won'?t stop bleeding|severe bleeding|lots of blood|coughing (up )?blood|vomiting blood|throwing up blood)\b",
    r"\b(crushing|severe|sharp|bad|tight|heavy) (chest|pain in (my|his|her) chest)|chest (pain|pains|tightness|hurts|is tight|pressure)|pain in (my|his|her|the) chest\b",
    r"\b((this|it) is an emergency|it'?s an emergency|medical emergency|(need|call|get) (an )?ambulance|call 911|call 999|call 112|(i'?m|i am|he'?s|she'?s|is) dying)\b",
]
# Symptom words that, in a question about what the treatment may cause, are about risks, not an emergency.
_HYPOTHETICAL = re.compile(r"\b(cause|causes|risk|risks|chance|side effects?|lead to|linked|complications?|possible|happen after|does it|can it|could it|will it|would it)\b")
_SOFT = re.compile(r"\b(seizures?|stroke|heart attack|chest pain|bleeding|overdose)\b")
_PATTERNS = re.compile("|".join(f"(?:{p})" for p in _ALWAYS))


def is_emergency(message: str) -> bool:
    """Whether the message reports a medical emergency or a risk of self-harm."""
    text = normalize(message)
    match = _PATTERNS.search(text)
    if not match:
        return False
    # "Can the chemo cause a stroke?" asks about a risk; "my husband is having a stroke" is an emergency.
    only_soft = all(_SOFT.fullmatch(m.group(0).strip()) for m in _PATTERNS.finditer(text))
    return not (only_soft and _HYPOTHETICAL.search(text))


_SMALLTALK = {
    "greeting": r"(hi+|hello+|hey+|hiya|howdy|yo|greetings|good (morning|afternoon|evening|day)|hey there|hi there|hello there)",
    "thanks": r"(thanks?( you)?( so much| very much| a lot)?|thx|ty|thank u|cheers|much appreciated|appreciate it|great|ok(ay)?|cool|perfect|got it|that helps|helpful|awesome|nice)",
    "goodbye": r"(bye+|goodbye|good bye|see (you|ya)( later)?|farewell|later|that'?s all|i'?m done|have a (good|nice) (day|one))",
    "about": r"(who (are|r) (you|u)|what are you|are (you|u) (a |an )?(real )?(doctor|human|person|real|bot|robot|ai|computer|machine|nurse)|is this (a )?(bot|robot|human|person|real person)|am i (talking|chatting) (to|with) (a )?(human|person|bot|robot)|what is your name|what'?s your name)",
    "help": r"(help|help me|what can (you|u) do|what do (you|u) (do|know)|how does this work|what can i ask( you)?|what (questions|topics) can (you|u) answer|menu|options|start)",
}
_FILLER = r"please|pls|plz|again|so much|very much|a lot|bot|chatbot|there|everyone|all|for (the|your) help|for that|for this|for the info(rmation)?|it|this|that|and|:\)|:-\)"
_SMALLTALK_RE = re.compile("|".join(f"(?P<{kind}>{p})" for kind, p in _SMALLTALK.items()) + f"|(?P<filler>{_FILLER})")
_BOUNDARY = re.compile(r"[\s,.!?;:'()*~-]*")


def smalltalk_kind(message: str) -> str | None:
    """'greeting', 'thanks', 'goodbye', 'about' or 'help' when the whole message is small talk, else None."""
    text = normalize(message).strip()
    kind, pos = None, _BOUNDARY.match(text).end()
    while pos < len(text):
        # The longest small-talk phrase that ends at a word boundary.
        best = None
        for end in range(len(text), pos, -1):
            if end < len(text) and text[end].isalnum():
                continue
            match = _SMALLTALK_RE.fullmatch(text, pos, end)
            if match:
                best = match
                break
        if best is None:
            return None
        if best.lastgroup != "filler":
            kind = best.lastgroup  # "hi, who are you" is about the bot; "thanks, bye" is a goodbye
        pos = _BOUNDARY.match(text, best.end()).end()
    return kind

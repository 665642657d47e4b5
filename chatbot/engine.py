"""ChatEngine.reply(message, history) -> Reply: emergency, small talk, no-match or the best passages."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

import numpy as np

from . import messages
from .alarms import Alarms
from .corpus import Passage, corpus_folder, load_corpus, read_text
from .red_flags import asks_about_a_risk, is_emergency, tells_no_emergency
from .retriever import Hit, Retriever, mean_of_best
from .semantic import EMBEDDINGS_FILE, SemanticIndex
from .smalltalk import EXCUSE, SmallTalkMeanings, smalltalk_kind
from .subjects import OTHER, POINTERS, Subjects
from .text import SYNONYMS_FILE, Analyzer, Concept, Speller, english_frequencies, load_synonyms, normalize, spelled_out, stem, words

KINDS = ("answer", "no_match", "smalltalk", "emergency")
OUT_OF_SCOPE_FILE = "out_of_scope.cfg"
ANSWER_WORDS_FILE = "answer_words.cfg"
_SMALLTALK_REPLIES = {
    "greeting": messages.GREETING,
    "thanks": messages.THANKS,
    "goodbye": messages.GOODBYE,
    "about": messages.ABOUT,
    "help": messages.HELP,
}
_NUMBER_ZIPF = 5.0  # how common a number counts as being, on the Zipf scale of English word frequencies
# Words that tell what the asker has been through, not what they ask about: "tried methotrexate", "been on
# steroids", "under control on plaquenil" ("I'm on" reads "i on": contractions are cut); and the words that join a
# list of such things.
_HISTORY_CUE = re.compile(
    r"\b(tried|took|taken|been on|was on|were on|im on|i on|currently on|(s?he'?s|s?he is|they'?re|they are|is|are) (still )?on|failed|responded to|respond to|stopped|despite|after years of"
    r"|(controlled|control|stable|managed|manageable|well|fine|maintained) (on|with)|been taking|been using|(been|gone|went) through"
    r"|(i|s?he|they|we|has|have) (already |just |recently |also )?had)\b"
    # what happened after something ("a coworker had it after his leukemia transplant"); not "is it safe after my cancer"
    r"|\b(had|got|was|were|went|did|developed|caught)\b.{0,30}\bafter (a|an|the|his|her|my|their|our)( own)?$"
)
_LIST_WORDS = frozenset(("and", "or", "then", "also", "plus", "even"))
# Groups of out-of-scope topics asked about only beside a price or a verdict on a clinic there: the article
# answers whether to go abroad for treatment ("is it safe to go to Mexico for it"), not what it costs in one
# country or another, nor whether a clinic there is any good ("is the institute in panama legit").
_PRICED_TOPICS = frozenset({"prices_abroad"})
# Words that ask what something costs.
_PRICE_WORDS = r"cost|costs|price|prices|priced|pricing|expensive|afford\w*"
_ASKS_PRICE = re.compile(
    rf"\b({_PRICE_WORDS}|how much|charge|charges|fees?|quotes?|(which|where|is it|would it be|is) (\w+ )?(cheaper|cheapest)"
    r"|legit|legitimate|reputable|trustworthy|trusted|scams?|any good|best (clinic|hospital|place|center|centre)s?)\b"
)
# A time told as how long something has lasted ("nothing has worked for more than a few months") asks no time.
# Nor does one told as a distance ("3 hrs from any big hospital").
_DURATION = re.compile(r"\bfor( (more than|over|about|almost|nearly|at least|the (last|past)))?( (a few|few|\d+|several|many|a couple of|two|three|four|five|six|ten))?$")
_AWAY = re.compile(r"^(from|away|drive|by (car|bus|train|plane))\b")
# A time told as when something happened ("mentioned it last week", "two months ago"), not asked for.
_POINT_IN_TIME_BEFORE = re.compile(r"\b(last|this|next|past|previous|earlier this|later this)$")
_AGO = re.compile(r"^(ago|back)\b")
# How often something happens to someone, told not asked ("I flare like every 3 months", "his kidneys are getting
# worse every year"; not "do I need it every 3 months", "is it every year").
_RECURRING = re.compile(
    r"^(?!.*\b(how|(do|does|did|will|would|should|can|could|must|is|are) (i|you|he|she|it|they|we|my|his|her|their|the|that|this)\b))"
    r".*\b(i|im|he|she|we|they|(my|his|her|their|our) \w+)\b.*\bevery( \w+){1,2}$"
)
_TIME_UNIT = re.compile(r"(minute|min|hour|hr|day|week|wk|month|mo|year|yr|age)s?")
# An adult's age told by its number ("I am 74 years of age", "my 19 year old", "she is aged 80") is not asked about;
# an age asked about ("is 74 too old", "what age") or a child's ("my 10 year old") is: the article is silent on both.
_AGE_NAMED = re.compile(r"age|aged|years? old|yrs? old|yr old")
_AGE_NUMBER_BEFORE = re.compile(r"\b(?P<age>\d+)( (years?|yrs?|yr))?( of)?$")
_ADULT = 18
# Whether a choice matters ("does it matter which hospital") does not ask for one by name.
# A way of giving a treatment guessed in a question of how it is given ("how do they put it in, is it surgery?").
_ROUTE_GUESS = re.compile(r"surger(y|ies)|operations?")
_MATTERS = re.compile(r"\b(matter|matters|mattered|important|difference)$")
# A topic said not to be the case ("chemo for lupus? it's not cancer", "if they don't have cancer") is not asked about.
_NOT = re.compile(r"\b(its|it is|this is|thats|that is|lupus is) not$|\b(isn|isnt)$|\b(don|dont|do not|doesn|doesnt|does not|didn|didnt|did not|never) (have|has|had|got)$")
# A topic offered as one side of a choice ("is it surgery or like a drip"), or as a kind ("which hospitals,
# regular ones or only special ones"), is not what is asked. Offered as the other side of a yes-or-no or a how
# question, only a treatment or a test is not ("is it iv or some kind of surgery", "by injection, by drip or by
# surgery", "does it help day to day or just the blood tests"); a disease, a side effect or a part of daily life
# still is ("does msc help lupus or cancer").
_CHOICE_BEFORE = re.compile(r"\b(is|was|will) (it|this|that)( like)?( a| an)?$")
_CHOICE_AFTER = re.compile(r"^or\b")
_OTHER_SIDE = re.compile(r"\bor( just| only| maybe| perhaps)?( by| through| via| with)?( some (kind|sort|type) of| a| an| the)?$")
_ASKS_EITHER = re.compile(r"\b(is|are|was|will|does|do|did|would|can|could|how)\b")
_ALTERNATIVES = frozenset({"other_therapies", "causes"})
# A cancer named as what a transplant or chemotherapy is usually for ("the same cells as a bone marrow
# transplant for leukemia", "a leukemia bone marrow transplant", "i thought chemo was for cancer", "a cancer
# transplant thing") is not asked about: the article speaks of both, and of the cells "used in bone marrow transplants", when the message asks of lupus
# or sets the two side by side. Asked alone ("is a transplant for leukemia covered"), or another disease ("stem
# cell transplant for crohns"), it is.
_BESIDE_LUPUS = re.compile(r"\b(lupus|sle|same|different|difference|thought|think|only)\b")
_CANCERS = frozenset(stem(w) for w in ("cancer", "leukemia", "leukaemia", "lymphoma", "myeloma", "tumor", "tumour"))
_USUAL_USE_BEFORE = re.compile(r"\b(transplants?|chemo|chemotherapy)( \w+){0,3} (for|against|to treat)( \w+)?$")
_USUAL_USE_AFTER = re.compile(r"((bone marrow|stem cell|blood stem cell) )?(transplants?|chemo|chemotherapy)\b")
# "Which hospitals offer it" asks what kind of places do, which the article says; "which hospital should I go
# to" asks for one to be named.
_WHICH_PLACE = re.compile(r"which (hospital|hospitals|clinic|clinics|center|centers|centre|centres)")
_OFFER_IT = re.compile(r"((or|and) \w+ )?(offer|offers|do|does|provide|provides|perform|performs|run|runs|give|gives|carry out|carries out)\b")
_JUDGED = re.compile(r"\b(best|top|recommend\w*|good|better|cheapest|reputable|trusted|legit)\b")
# A place one lives near or must travel to ("do I need to live near a specific hospital") asks about access,
# which the article covers; it does not ask for the place to be named.
_NEAR_PLACE = re.compile(r"\b(near|nearby|close to|far from|away from|distance (to|from)|travel to|get to)( (a|an|the|one|some|any))?$")
_KIND_OF_PLACE = re.compile(r"\b(regular|normal|ordinary|special|specialist|specialised|specialized|specialty|big|small|local|university|research|public|private) (ones?|hospitals?|clinics?|centers?|centres?)\b")
# A topic told as what something does to the asker ("methotrexate makes me throw up", "pred gave her acne",
# "gained so much weight") is a complaint, not a question: the drug before such words, the side effect after
# them. Asked, the verb is bare ("does it make you throw up", "will I gain weight").
_DOES_TO_ME = r"(makes|made|gives|gave|causes|caused) (me|her|him|them|us|my \w+)"
_DOES_TO_ME_AFTER = re.compile(rf"^((really|just|always|also|still|only) )?{_DOES_TO_ME}\b")
_DOES_TO_ME_BEFORE = re.compile(rf"\b({_DOES_TO_ME}|(gained|put on|lost|had|got|suffered|suffer|have|has) (so much|a lot of|lots of|loads of|tons of|all this|some|bad|terrible|awful|constant))( (feel|so|really|constantly|always|keep))*$")
# A drug someone is on, told bare ("34, on cellcept and pred", "rash on plaquenil"); not "while on", "if on".
_ON_ASKS = frozenset(("while", "whilst", "when", "if", "being", "stay", "staying", "still", "keep", "remain", "go", "going", "get", "come", "coming", "put"))
# What follows a list of things tried: "..., nothing has worked", "... and they didn't help".
_DID_NOT_WORK = re.compile(
    r"(and |but )?(nothing|none of (them|it|those)|(it|they|that|which|these|those|all|both|each|all of them) )?(has |have )?"
    r"(didn'?t|did not|don'?t|do not|hasn'?t|has not|haven'?t|have not|never|stopped|no longer|not) (\w+ )?(work|worked|working|help|helped|helping|control|controlled)\b"
    r"|(and |but )?(nothing|none of (them|it|those|these)) (has |have |really |ever )*(work|worked|helped|controls?|controlled|did anything)\b"
)
# A question that asks for a number ("how many", "what percentage") is answered only by a passage that gives one;
# a list counts its kinds ("how many kinds of cells", "which types do they use? how many kinds").
_ASKS_NUMBER = re.compile(
    r"\b(how many(?! (different |main )?(kinds|types|sorts|forms|varieties)( of (stem )?cells\b|( are there| r there| is there)?\W*$))"
    # "How many stem cell treatments are there" counts the approaches; "how many treatments will she need", sessions.
    r"(?! (different |main |kinds of |types of |sorts of )*(stem[ -]cell )?(treatments|approaches|options|therapies|ways|methods|procedures)\b"
    r"[^.?!]{0,30}\b(are there|is there|exist|exists|(are|is) (available|on offer|used|offered|out there|being (used|tried|studied))|do (they|doctors|you) (use|offer|have))\b)|what( exact| exactly| is the| is the exact| are the)? (percent|percentage|proportion|fraction|share|number)|(percentage|percent) of|(success|survival|remission|relapse|response) rates?)\b|%"
)
_GIVES_NUMBER = re.compile(r"\b(\d+|one|two|three|four|five|six|seven|eight|nine|ten|twice|several|dozens?|hundreds?|thousands?|millions?|percent)\b")
# How long something takes, which the article never says ("how long is recovery", "how long does the infusion
# take"); not how long its effect lasts, nor how long it has been known or followed (long-term data).
_ASKS_DURATION = re.compile(
    r"\bhow long (does|do|did|is|are|was|will|would|until|till|before|r|to|can|should|after)\b"
    r"(?!.*\b(last|lasts|lasted|lasting|remission|remissions|follow|followed|following|data|term|results?|been|around|exists?|existed|known|studied)\b)"
)
# "How often does GVHD happen" is answered by a passage that says how often, of something the question (or the
# turn before it) names: "Graft-versus-host disease (in rare cases using donor cells)".
_ASKS_FREQUENCY = re.compile(r"\bhow (often|common|commonly|likely|rare|rarely|frequent|frequently)\b")
_GIVES_FREQUENCY = re.compile(r"\b(rare|rarely|often|usually|commonly|uncommon|sometimes|frequent\w*|fewer)\b")
# A question about the step after or before another ("what happens after the chemo", "what do they do to me
# before putting them back", "why do they give chemo before putting the cells back"), and the words that make a
# list a sequence of steps. The step named ends where a question begins: "after the chemo what happens to the
# cells they collected" names the chemo.
_STEP_CUE = re.compile(
    r"\b(what (happens|happened|comes|goes on|do they do|will they do|did they do|is done|do you do|do i do)|then what|what then|what next|what'?s next|next step|and then(?=\W*(what\b|\?|$))"
    r"|why (do|does|would|did|is|are|must|should) (they|you|we|doctors|the doctors|i|patients|it)( \w+)? (give|giving|do|need|have|get|use|start|wait)"
    r"|why (is|are|was|were) (the )?\w+ (given|done|needed|used|required)"
    r"|^\W*((and|so|ok|okay|then|but)\W+){0,2}(right |just )?(after|before) (the |that |this |my |your )?\w+( \w+)?\W*$)"  # "and after the chemo?"
)
_STEP = re.compile(r"\b(?P<way>after|before)\s+(?P<step>((?!\b(what|how|when|where|which|who|whats)\b)[^,.?!;])+)")
# "What's the step between collecting the cells and putting them back": the step after the first one named.
_BETWEEN = re.compile(
    r"\b(step|steps|stage|happens|happen|comes|come|do they do|goes on|go on|in) between (?P<step>((?!\b(and|what|how|when|where|which|who|whats)\b)[^,.?!;])+) and\b"
)
# "Then what?" asks for the step after the one the earlier turn told; "what do they do" asks that only of a named step.
_THEN = re.compile(r"\b(then what|what then|what next|what'?s next|next step|and then(?=\W*(what\b|\?|$))|(what|which) (happens|comes|is) (next|then|after that)|after that)\b")
# "What happens to them", "what do they do with the cells": the step that acts on what the step named.
_TO_WHAT_WAS_NAMED = re.compile(r"\b(to|with) ((?P<pronoun>them|those|these)|the cells|those cells|my cells|his cells|her cells|the stem cells|what they (collected|took|harvested))\b")
_PERSON = frozenset(stem(w) for w in ("patient", "person", "individual", "people"))  # who a step is done to, not what
_SEVERAL = re.compile(r"\b(and|then|plus)\b")  # "after they collect the cells and give the chemo": steps named together
_STEPS_LOOKED_AT = 32  # how many of the best-scoring steps are read for the step a question names
_SEQUENCE_WORDS = re.compile(r"\b(then|next|after|afterwards|before|finally|first)\b")
# Kinds of question whose answer the article tells in words of its own, which the questions rarely use; the words
# are the corpus's (ANSWER_WORDS_FILE). "What do MSCs do", "how does that help lupus": what the treatment does ("do"
# is a stop word, so the question would otherwise keep only "MSCs" and match where MSCs come from), what it
# is for ("is the point to wipe out the immune system"), how it would cure, its mechanism, and whether it stops
# the immune system's attack.
_ASKS_FUNCTION = re.compile(
    # (not what the disease does: "what does lupus do to the body")
    r"\bwhat (do|does|did|will|would|can|could|is|are) (?!i |you |we |u |(lupus|sle|the disease|my lupus|her lupus|his lupus) )(.+ )?do\b|\bwhy (would|does|do|will|should|is) (it|that|this|they|stem cells?)( \w+)? help\b"
    r"|\bhow( exactly| actually| even| really)? (does|do|did|would|could|can|will|might|is|are)( (it|that|this|they|them|stem|cells?|therapy|treatment|the|even|actually|exactly|really|supposed to|meant to|going to|this kind of)){1,6} (help|work|treat|fix|heal|cure|be used|used|do (that|it|this|so))\b"
    r"|\b(is the|what'?s the|whats the|what is the|what was the|is (that|this|it)( actually| really| basically| even)? the) (basic |main |whole |general |actual |real )?(point|purpose|goal|aim|idea|logic|rationale)\b"
    r"|\b(go|goes|going|get|gets|getting) (after|at) (the )?(root|underlying|real) (cause|problem|issue)\b"
    r"|\bhow( exactly| actually| even| really)? (does|do|would|could|can|will|might) (?!i |you |we |u )(\w+\W+){1,6}(help|fix|heal|cure)\b"
    # asked without "does", as in speech or another language's order: "and how it helps lupus", "what they do exactly"
    r"|\bhow( exactly| actually| even| really)? (it|they|this|that|stem cells?|the (treatment|therapy|cells|transplant|infusion)|msc|mscs|ahsct) (helps?|works?|treats?|fix(es)?|heals?|cures?)\b"
    r"|\bwhat (it|they|stem cells?|the (treatment|therapy|cells|transplant|infusion)|msc|mscs|ahsct) (does|do|did) (exactly|actually|really|in|to|for|against)\b"
    r"|\b(trying|supposed|meant|designed|intended|aiming|hoping|attempting|going) to (achieve|accomplish)\b|\bwhat (is|are|does|do|will|would|can|could) (.+ )?(achieve|accomplish)\b"
    r"|\b(mechanisms?|mode of action)\b|\b(stop|stops|calm|calms|switch off|turn off|block|blocks|halt|retrain|reprogram|fix|fixes)( \w+){0,4} (immune|attack\w*)\b"
)
# Lupus told or asked about as mild.
_MILD = re.compile(r"\bmild (lupus|sle|case|cases|disease|symptoms|form|flares?)\b|\b(lupus|sle|case|symptoms) (is|are|s|has been|have been|was) (\w+ )?mild\b")
# Whom it is for: "is it for everyone or only bad cases", and the case for it, "why would anyone pick it then".
_ASKS_WHOM_FOR = re.compile(
    r"\bwhy (would|do|does|did|should|will|might|on earth would)( \w+)?( anyone| anybody| someone| people| patients| doctors| you| i| we| they| she| he)"
    r"( ever| even| still| actually)? (choose|pick|want|go for|opt for|do|try|get|risk|consider|bother|use|recommend|move on to|switch to|turn to|go on to)\b"
    # not why a step of it is done: "why would they do chemo first"
    r"(?! (the |all )?(chemo|chemotherapy|harvest\w*|collect\w*|reintroduc\w*|wipe|kill|destroy|suppress)\b)"
    r"|\bwhy (do|bother with|go through|risk) (it|that|this)\b|\bwhy bother\b"
    r"|\b(for|to|at)\W+(like |say )?(everyone|everybody|anyone|anybody|all|every|any|mild)\b.{0,40}\bor (is it )?(only|just|mainly|mostly)\b"
    r"|\bwho('?s| is| are)( \w+){0,5}( really| realy| actually| actualy| mainly| mostly| usually)? (meant|intended|designed|aimed|targeted|made|really|realy|actually|actualy|usually|mainly|mostly) (for|at)\b"
    r"|\bwho('?s| is| are) (that one|this one|the \w+( one)?|msc|ahsct|hsct) for\b|\bfor whom\b"
    # "Which one is more for the really bad cases".
    r"|\bwhich (one|of them|of the two)( is| would be)( more| mainly| mostly| usually| really)? (for|meant for|aimed at)\b"
    r"|\b(is|are) (it|this|that|they|msc|mscs|ahsct|hsct|the \w+( one)?)( \w+)? (only|just|mainly|mostly|reserved|usually) for\b"
    r"|\bwho (actually |usually |normally |typically |really |even )?(gets?|can get|is|are|will be|would be) (offered|given)\b"
    # Lupus told or asked about as mild, in a question of who gets it ("i only have mild sle, am i a candidate",
    # "is it for mild lupus"): the article answers by whom it is for, the severe cases.
    rf"|{_MILD.pattern}"
    # When it is used: "when do drs use it", "when would doctors go for the transplant", "in what cases".
    r"|\bwhen (do|would|does|will|should|might)( \w+){1,3} (use|go for|choose|pick|recommend|offer|consider|suggest|turn to)\b"
    r"|\bwhen (is|are)( \w+){1,3} (used|recommended|offered|considered|chosen|suggested)\b|\bin (what|which) (cases|situations|circumstances)\b"
)
# "Who is it for" after a turn that named a treatment.
_WHO_IS_IT_FOR = re.compile(r"\bwho('?s| is| are) (it|this|that|they) (meant |really |actually |usually )?for\b")
# "Would they even consider him?", "is that the kind of patient they look at", "an option for my dad": whether
# someone is a candidate.
_ASKS_ELIGIBILITY = re.compile(
    r"\b((would|will|could|can|do|does|might) (they|doctors|you|the (team|doctors?|clinic|hospital|trial|centers?|centres?))|they'?d|you'?d) (even |ever |still )?(consider|take|accept|treat|approve|want|look at)\b"
    r"|\b(kind|type|sort) of (patient|person|case|people|patients) (that )?(this|it|that|stem cells?|msc|mscs|ahsct|hsct) (is|are|was|would be) (meant |intended |made |designed )?(for|aimed at)\b"
    r"|\b(kind|type|sort) of (patient|person|case|people|patients) (they|you|doctors|who'?d|who would|who could|who can|who gets?)\b|\bbe considered for\b|\b(an )?(option|something|anything) for (me|him|her|us|them|someone like|people like|my \w+)\b"
    r"|\bsomething (i|we|he|she|they|my \w+) (should|could|can|might|ought to) (look into|consider|try|explore|think about|ask about|pursue)\b"
    r"|\b(am i|is (he|she|my \w+)|are (they|we)) (eligible|suitable|a (good )?(fit|candidate|match))\b"
    r"|\b(could|can|would|will) (i|he|she|we|they|my \w+) still (do|have|get|try|go for|undergo|qualify for) (it|this|that|one)\b|\bwould (i|he|she|we|my \w+|(someone|somebody|people|patients|anyone) like (me|him|her|us|them|my \w+)) (still |even |ever )?(be )?(eligible|considered|accepted|a candidate|suitable)\b"
    r"|\b(is|are) (it|this|that|they|stem cells?)( \w+)? (meant|intended|designed|made|aimed|for) (for |at )?(ppl|people|someone|somebody|patients|folks|those|cases) like\b"
    r"|\b(is|are) (it|this|that|those|these) (the |a )?(kind|type|sort)s?( of (thing|case|patient|person|people|lupus|problem)s?)? (that )?(stem cells?|it|they|this|msc|mscs|ahsct|hsct|(the|these|those) \w+) (is|are) (for|meant for|used for|intended for|good for|aimed at)\b"
)
# "What meds do people normally take for lupus", "how is lupus usually treated": the usual treatments.
_USUAL = r"(normal|normally|usual|usually|standard|conventional|traditional|traditionally|regular|typical|typically|first line|common|commonly|main|existing|current|older|old school)"
_TREATMENTS = r"(meds|medications?|medicines?|drugs?|treatments?|therapy|therapies|tx|pills|options|prescriptions?)"
_ASKS_USUAL_TREATMENT = re.compile(
    rf"\b(what|which|list)\b.{{0,30}}\b{_USUAL}\b.{{0,25}}\b{_TREATMENTS}\b|\bhow (is|are) (lupus|sle|it|they|people|patients) {_USUAL} treated\b"
    rf"|^\W*((lupus|sle) )?{_USUAL} (lupus |sle )?{_TREATMENTS}\b"
    # "what meds do ppl normally take", "which drugs are usually prescribed"
    rf"|\b(what|which)( \w+)? {_TREATMENTS}\b.{{0,30}}\b{_USUAL}( \w+){{0,2}} (take|taken|use|used|prescribe|prescribed|give|given|get|put on)\b"
    # what doctors give: "what do doctors normally give for lupus", "what do rheumatologists usually prescribe"
    rf"|\bwhat (do|does|would|will) (the )?(doctors?|docs?|rheumatologists?|rheumys?|physicians?|they) {_USUAL} (give|prescribe|use|try|start)\b"
    # what the others get: "so what do the milder people get instead", "what do mild cases take"
    r"|\bwhat (do|does|would|will|should|can) (the )?(milder|mild|less severe|other|regular|normal|typical|everyone else|most)( lupus| sle)?( people| patients| ones| cases| folks| ppl)?( \w+){0,2} (get|take|use|have|go with|go on)( instead)?\b"
)
# "Which organs can lupus hit", "what parts of the body does it attack": where the disease strikes.
_ASKS_REACH = re.compile(
    r"\b(which|what)( \w+)? (organs?|organ systems?|parts? of (the|my|your|her|his|their) body|body parts|parts of the body|systems?)\b"
    r"(?!.{0,40}\b(improve|better|function|heal|repair|help|treat|stem|msc|ahsct|transplant|infusion|candidate|qualify|eligible)\w*)"
    r"|\bwhat (does|can|will|could) (lupus|sle|the disease)( \w+)? do to (the|your|ur|my|her|his|their|a) (body|organs)\b"
    r"|\b(lupus|sle)\b.{0,40}\bwhat (does|can|will|could) it( \w+)? do to (the|your|ur|my|her|his|their|a) (body|organs)\b"  # "what is lupus, what does it do to ur body"
)
# "Will it ever be a normal treatment", "could it become routine one day": what the future holds for it.
_ASKS_FUTURE = re.compile(
    r"\b(will|would|could|might|is) (it|this|that|they|these|stem cells?|(this |the |stem cell )?(therapy|treatment|transplant|infusion|msc|ahsct))( \w+){0,5} (ever|eventually|one day|someday|some day|in (the )?future)\b"
    r"|\b(ever|eventually|one day|someday|some day) (be|become|get|turn into)\b|\b(will|would|could|might) (it|this|that|they) (become|turn into)\b|\bdown the (road|line)\b"
    r"|\b(will|would|could|might) (that|it|this|things) (ever )?change\b|\b(is|are) (that|it|this|things) (going|likely|expected) to change\b"
)
# "Could it get her off them", "less of those for her": whether it lowers the medicines someone is on.
_AMOUNT_LOWERED = r"\b(lower|lowers|lowering|reduce|reduces|reducing|decrease|decreases|decreasing|cut|cuts|limit|limits|lessen|lessens) how (many|much)\b"
_ASKS_LOWERING = re.compile(
    r"\b(get|getting|come|coming|wean|weaning|taper|tapering|be|stay|go|going)( (her|him|me|them|you|us|my \w+))? off\b"
    r"|\b(less|fewer) (of )?(those|them|these|that|it|this|pills|meds|medicines?|medications?|drugs|tablets|steroids|prednisone)\b"
    r"|\b(cut|cutting) (down|back)\b|\bstop (taking|needing)\b|\bnot need (as|so) (many|much)\b|"
    + _AMOUNT_LOWERED  # "lower how many pills she needs" asks no number
)
# "How do people get it", "where can my mom get it done": how to reach the treatment, not where the cells are got
# from or how they get into the body, nor how to find out.
_ASKS_ACCESS = re.compile(
    r"\b(how|where) (do|can|could|would|does|did|might|should|will) (i|you|u|we|they|people|ppl|patients|someone|anyone|one|she|he|my \w+|a (person|patient))"
    r"( \w+){0,2} (get|access|find|receive|obtain|sign up for|go for)\b(?!( \w+){0,3} (from|into|out)\b)"
    r"|\bwhere (do|can|could|would|should|will|does) (i|you|u|we|they|people|patients|someone|anyone|one|she|he|my \w+|a (person|patient))"
    r"( \w+)? (go|turn)( to)?\b(?! (wrong|bad|badly|back|in|into|out|through)\b)"
    # Asked indirectly: "pt wants to know where they can get it", "not sure how we would access it".
    r"|\b(how|where) (i|you|u|we|they|people|patients|someone|one|she|he|my \w+|a (person|patient)) (can|could|would|might|should|may|will)"
    r"( \w+)? (get|access|find|receive|obtain|go for|go)\b(?!( \w+){0,3} (from|into|out|wrong|back)\b)"
    r"|\bhow (to|would i|do i) (go about )?(get|access|find|obtain|getting|accessing)\b(?!( \w+){0,3} (from|into|out)\b)"
    r"|\bwhere (is|are)( \w+){1,6}? (offered|available|done|given|provided|performed)\b"
    r"|\b(is|are) (it|this|that|they|msc|ahsct|hsct|stem cells?|the \w+) (offered|available|done|given|provided|possible)( \w+)? (everywhere|anywhere|widely|worldwide|nationwide|in (most|every|all|any))\b"
    r"|\b(through|via|join|joining|enrol|enroll|enrolling|sign up for|part of|only in|be in|get into|getting into) (a |an |the )?(clinical )?(trial|trials|study|studies)\b"
    r"|\b(trial|trials|study|studies)( \w+){0,4} (join|enrol|enroll|sign up|get into|take part|participate)\b"
)
# "Who should be running it", "who does the procedure": who gives the treatment.
_ASKS_WHO_GIVES = re.compile(
    r"\bwho (should|would|will|does|do|can|is|are)( be| actually| even| usually)? (running|doing|performing|giving|administering|do|run|perform|give|administer|in charge of|responsible for|supervising|overseeing)\b"
    r"|\bunder (who|whom|whose)( care| supervision| guidance)?\b|\b(with|by) (who|whom)\b(?!.*\b(compared|than)\b)"
)
# "Is this a new thing", "why is everyone talking about it lately": how new it is (not "a new immune system").
_ASKS_RECENCY = re.compile(
    r"\b(a |something |kind of |pretty |fairly |brand |very )?new( thing| idea| treatment| option|ish)?\b"
    r"(?! (york|zealand|jersey|mexico|drugs?|meds?|medications?|doctors?|rheumatologists?|immune|healthy|healthier|cells?|system))"
    r"|\b(lately|recently|suddenly|all of a sudden|these days|nowadays|for ages|for long|for years|how long have (they|doctors|people))\b"
)
# "Do they know the long term results yet", "how much long term info is there": what is known of the long term.
_ASKS_LONG_TERM = re.compile(
    r"\b(do|does|did) (they|we|doctors|anyone|researchers|scientists|you|u) (even |actually |already |really )?(know|have)\b.{0,40}\blong[ -]?term\b"
    r"|\bwhat happens( to (them|people|patients|ppl|him|her|me))?( \w+){0,2} (years|yrs|decades) (later|after|on|down the (road|line))\b"
    r"|\blong[ -]?term (results?|data|info|information|outcomes?|numbers|studies|evidence|follow[ -]?ups?|track record|safety)\b|\bhow much long[ -]?term\b"
    r"|\bhow (do|can|would|will|did) (we|they|you|u|doctors|anyone|researchers|scientists) (even |actually |really )?know (if |whether |that )?(it|that|this|they|the (results?|effects?|benefits?|remission))( \w+)? (lasts?|last long|holds?|stays?|keeps? working)\b"
)
# "How is it given", "how do they get them into you, a needle?": how the cells get into the body.
_ASKS_ROUTE = re.compile(
    r"\bhow (is|are|was|were|would|will|do|does|did)( \w+){0,4} (given|administered|delivered|injected|put in|put into|go in|going in|give|deliver|administer"
    r"|(get|put) (it|them|those|these|the( \w+)? cells|the \w+) (in|into))\b"
    r"|\b(get|gets|go|goes|going|put|enter|enters) (in|into|inside) (the |your |my |her |his |their )?(body|bloodstream|blood|veins?|system)\b"
    r"|\b(is it|is that|would it be|do they do it|via) (a |an |like a |like an )?(drip|iv|injection|shot|jab|surgery|operation|pill|tablet)\b"
)
# "Whose cells do they use", "from a donor or from me?": whose cells they are.
_ASKS_WHOSE = re.compile(
    r"\bwhose( own)?( stem)? cells\b"
    r"|\b(donors?|donated|someone else'?s?|somebody else'?s?|a stranger'?s?|some stranger'?s?)\b.{0,40}\bor\b.{0,25}\b(mine|my own|own|me|myself|the patient'?s?|yours?|your own|his own|her own)\b"
    r"|\b(my|your|his|her|their|the patient'?s?) own( stem)? cells\b.{0,30}\bor\b"
    r"|\b(if|since|as) (they'?re|theyre|they are|it'?s|its|it is) not (mine|my own|your own|yours|his|hers|his own|her own|the patient'?s?)\b"
    r"|\b(take|takes|taking|taken|get|gets|got|harvest|harvested|collect|collected|use|used|remove|removed) (\w+ ){0,2}(from|out of) (me|myself|him|her|them|my (own )?body|his (own )?body|her (own )?body|the patient)\b"
)
# Taking the cells out of the person ("where do they get the cells from me", "how do they get them out of my
# body"): the own-cells treatment's harvest. Fat taken from me ("do they take fat from me?") asks whose cells.
_ASKS_HARVEST = re.compile(
    r"\b(take|takes|taking|taken|get|gets|got|harvest|harvested|collect|collected|extract|extracted|remove|removed|draw|drawn) ((the|my|his|her|those|these|your) )?((stem|own) )?(cells|them|it) "
    r"(from|out of) (me|myself|him|her|my (own )?body|his (own )?body|her (own )?body|the patient'?s? (own )?body)\b"
)
# Where cells come from: "msc source", "where are mesenchymal cells found", "where do they get them from".
_ASKS_SOURCE = re.compile(
    r"\b(come|comes|coming|came) from\b|\bsources?\b|\bwhere (are|is) (they|it|those|these|\w+( stem)? cells?|mscs?|hscs?) found\b"
    r"|\bwhere do (they|you|doctors) get (them|it|those|these|the( \w+)? cells)\b"
)
# "Can lupus actually be dangerous", "how bad can sle get": how serious the disease itself can be.
_ASKS_SEVERITY = re.compile(
    r"\b(is|can|could|does|will) (lupus|sle|the disease)( itself| actually| actualy| ever| always| even| really| truly){0,2}"
    r" (be |get |become )?(dangerous|deadly|fatal|life[ -]?threatening|serious|kill)\b|\bhow (bad|serious|dangerous) (can|is|does|could) (lupus|sle)\b"
    r"|\b(lupus|sle) (it )?(is|can be|can) (it |very |really )?(dangerous|deadly|fatal|life[ -]?threatening|kill)\b(?=\W*(or not)?\W*(\?|$))"  # "lupus it is dangerous?"
)
# "Who makes that call", "how do i know if it's right for me", "so how do they decide": who decides whether
# someone is a candidate, and how (not "how do they know it works").
_ASKS_WHO_DECIDES = re.compile(
    r"\bwho (decides|gets to (say|decide)|determines|makes (that|the|this|those) (call|decision|choice)s?)\b"
    r"|\bwho(m)? (should|do|would|must|can|could) (i|we|she|he|they|my \w+) (see|talk to|speak to|speak with|ask|consult|go to)\b"
    r"|\bhow (do|would|can|will|does|did|should|could) (i|we|you|they|doctors|the doctors?|he|she|my \w+|one|someone|anyone)( even| ever| actually)?"
    r" ((know|tell|find out|figure out|work out|check)( for sure)? (if|whether|who|which)|decide|determine|choose|pick)\b"
)
# "Why is everyone so excited about it", "why the hype": what it promises.
_ASKS_HYPE = re.compile(
    r"\bwhy (is|are|r) (every ?one|every ?body|people|ppl|so many( \w+)?|the internet|doctors|patients|all these \w+)( \w+)?( so| all)?"
    r" (excited|hyped|hyping|raving|buzzing|obsessed|crazy|keen|talking)\b|\bwhy the (hype|buzz|excitement|fuss)\b|\b(all|what'?s) the (hype|buzz|excitement|fuss)\b|\b(or|just) (just |all )?hype\b"
)
# "What's special about MSCs", "what makes them unique": what the article says sets a kind of cell apart.
_ASKS_SPECIAL = re.compile(r"\bwhat('?s| is| makes)( so)? (special|unique|different|distinctive) (about|with)\b|\bwhat makes (\w+ ){1,3}(special|unique|stand out)\b")
# "What can stem cells realistically offer someone like me", "what does it have to offer": the hope it holds out (not
# "which hospitals offer it").
_ASKS_OFFER = re.compile(r"\bwhat (can|could|does|do|will|would|might)( \w+){0,4} offer\b(?! (it|this|that|them|msc|ahsct|the)\b)")
# "Is there any real evidence", "does it actually work", "has anyone gotten better from it": what studies have shown.
_ASKS_EVIDENCE = re.compile(
    r"\b(any|real|actual|hard|good|some|what|where'?s the|wheres the|is there|is there any) (real |actual |hard |good )?(evidence|proof)\b(?! based)"
    r"|\b(evidence|proof) (that )?(it|this|they|stem cells?) (works?|helps?)\b|\b(does|did|has|will) (it|this|that|they|stem cells?|this stuff|the treatment|the therapy) (actually|really|even|ever) (work|worked|works|help|helped)\b"
    r"|\bhas (anyone|anybody|someone|any ?one|any patients?) (actually |really |ever )?(gotten|got|been|become|felt|done) (better|well|cured|helped)\b"
    r"|\bsuccess stor(y|ies)\b|\bwhat (have|did|do|does) (the )?(studies|trials|research|results)( actually| really| so far)? (found|find|show|shown|say|said)\b"
)
# "Is it proven or a scam", "is this legit": whether it is established.
_ASKS_PROVEN = re.compile(
    r"\b(proven|unproven|legit|legitimate|established|scams?|quack\w*|snake oil|evidence based|too good to be true)\b"
    r"|\b(is|are) (it|this|that|they|(the |this )?(stem cells?( therapy| treatment)?|msc|mscs|ahsct|hsct|therapy|treatment|transplant|infusion))"
    r"( now| yet| already| actually| really| even| considered| at this point)* (a |an )?(normal|standard|routine|regular|mainstream|usual|accepted|conventional|common)"
    r" (treatment|therapy|option|thing|practice|care|procedure)\b"
)
# "Why isn't my doctor offering it if it's so great", "why would she call it experimental": why doctors are cautious.
_ASKS_CAUTION = re.compile(
    r"\bwhy (is|are|isn'?t|isnt|aren'?t|arent|wouldn'?t|wouldnt|won'?t|wont|doesn'?t|doesnt|don'?t|dont|would|do|does|did|didn'?t|didnt)( \w+){0,3}"
    r" (not )?(?P<asking>offering|offered|offer|recommend|recommending|recommended|suggest|suggesting|suggested|mention|mentioning|mentioned|prescribe|prescribing|cautious|careful|hesitant|skeptical|sceptical|wary|say that|call it|calling it)\b"
)
# "Should my husband do this?", "is it worth the risk": the article's verdict.
_ASKS_VERDICT = re.compile(
    r"\bshould (i|we|he|she|they|my \w+)( \w+)? (do|try|get|have|go for|go ahead with|go through with|pursue|look into) (it|this|that|one|this treatment|the treatment|stem cells?)\b"
    r"|\bworth (the|all the|all that) (risks?|trouble|effort|hassle)\b"
)
# "Any reason not to?": the case against what was told.
_ASKS_AGAINST = re.compile(r"\breasons? (not to|against)\b|\b(anything|something) against\b")
# "How much is MSC", "will insurance pay for any of it": what it costs, told where its price is (not by the risk of
# its cost, a word in a list of risks).
_ASKS_COST = re.compile(
    r"\bhow much (is|are|does|do|would|will|did|could|might)( \w+){0,4} (cost|costs|charge|run|set \w+ back)\b"
    r"|\bhow much (is|are|would be|will be) (it|this|that|they|msc|mscs|ahsct|hsct|the \w+( \w+)?)\W*$"
    rf"|\b({_PRICE_WORDS}|pricey|pay for|paying for)\b"
    r"|\b(insurance|insurer|insurers|my plan|medical aid)( \w+){0,3} (cover|covers|covered|pay|pays|paid|help)\b|\b(covered|paid for) by\b"
    r"|^\W*((and|so|ok|okay|but|what about|how about|and what about)\W+)?(the |my |her |his )?(insurance|insurer)\W*$"
)
# "Do you need chemo for the transplant", "does she have to go through chemo if she has the drip one": whether a
# treatment takes a step, told where its steps are (not where the step's risks are).
_ASKS_REQUIREMENT = re.compile(
    r"\b(do|does|would|will|did|must|is|are)( \w+){0,3}( still| really| even| always| actually| also| first)?"
    r" (need|needs|have to|has to|got to|gotta|go through|undergo|require|requires|involve|involves)\b(?! to be)"
    r"|\b(is|are) (the )?\w+ (required|needed|necessary|involved|part of (it|that|this|the \w+))\b"
    r"|\b(is|are) there (any |a |an )?\w+( \w+)? (involved|in it|in this|in that|in the|in an?|as part of|during)\b"
)
# One treatment said to be safer than the other, or harsher.
_HARSH = r"(risky|dangerous|harsh|aggressive|intense|invasive)"
_SAFER = re.compile(rf"\b(safer|gentler|less {_HARSH})\b")
# "Why is the MSC one safer", "how come the transplant is riskier", "what makes it less risky": the reason one
# treatment is harsher than the other, which the article gives as the chemotherapy one takes and the other does
# without (not the line that says which is less risky).
_ASKS_RISK_REASON = re.compile(rf"\b(why|how come|how so|what makes|reasons?)\b( \w+){{0,6}} (safer|gentler|less {_HARSH}|riskier|harsher|more {_HARSH})\b")
_QUESTION_KINDS = {
    "function": _ASKS_FUNCTION,
    "whom_for": _ASKS_WHOM_FOR,
    "eligibility": _ASKS_ELIGIBILITY,
    "usual_treatment": _ASKS_USUAL_TREATMENT,
    "reach": _ASKS_REACH,
    "future": _ASKS_FUTURE,
    "access": _ASKS_ACCESS,
    "lowering": _ASKS_LOWERING,
    "recency": _ASKS_RECENCY,
    "against": _ASKS_AGAINST,
    "who_decides": _ASKS_WHO_DECIDES,
    "long_term": _ASKS_LONG_TERM,
    "route": _ASKS_ROUTE,
    "severity": _ASKS_SEVERITY,
    "whose": _ASKS_WHOSE,
    "source": _ASKS_SOURCE,
    "harvest": _ASKS_HARVEST,
    "who_gives": _ASKS_WHO_GIVES,
    "hype": _ASKS_HYPE,
    "offer": _ASKS_OFFER,
    "special": _ASKS_SPECIAL,
    "proven": _ASKS_PROVEN,
    "evidence": _ASKS_EVIDENCE,
    "caution": _ASKS_CAUTION,
    "requirement": _ASKS_REQUIREMENT,
    "cost": _ASKS_COST,
    "verdict": _ASKS_VERDICT,
    "risk_reason": _ASKS_RISK_REASON,
}
# Of which kinds of question the words that ask are no topic: all the words their patterns match, or one group
# ("why isn't he suggesting it": "suggesting").
_ASKING_WORDS = {"whom_for": 0, "eligibility": 0, "who_gives": 0, "whose": 0, "caution": "asking"}
# A question that compares ("which one is safer", "is the donor one less risky") and a passage that does
# ("less risky and more accessible than AHSCT").
_COMPARES = re.compile(r"\b(safer|riskier|less (risky|risk|harsh|dangerous|aggressive|intense|invasive|intensive)|more (risky|harsh|dangerous|aggressive|intense|invasive|intensive|accessible)|gentler|harsher|milder(?! (people|patients|cases|folks|ppl|lupus|sle|disease))|which (one|is|of the|approach|kind|type)( is)? (safer|better|less|more|riskier|gentler|harsher|milder))\b")
_COMPARISON = re.compile(r"\b(than|more \w+|less \w+)\b")
_COMPARATIVE = re.compile(r"\b((less|more) \w+|safer|riskier|gentler|harsher|milder|tougher|heavier|rougher|easier|better|worse)\b")
# "Difference between AHSCT and MSC", "HSC vs MSC": two subjects side by side.
_DIFFERENCE_WORDS = frozenset(stem(w) for w in ("difference", "differ", "different", "distinguish", "compare", "comparison", "contrast", "vs", "versus", "main", "key", "real"))
_DIFFERENCE = re.compile(r"\b(difference|differences|differ|differs|different|distinguish|vs|versus|compare|compared|comparison|contrast)\b")
# "How is it done", "how does MSC infusion work", "what's the procedure": asks for a subject's steps, all of them.
_ASKS_PROCESS = re.compile(
    r"\bhow (is|are|was|were|do|does|did|would|will)( \w+){0,4} (done|work|performed|carried out|go|happen)\b|\bhow do (they|you) do (it|that|this)\b"
    r"|\b(the|what'?s the|what is the|whats the) (process|procedure)\b|\bwalk (me|us) through\b|\bstep by step\b|\bthe steps\b|\bhow (it|they|that|this) (works?|is done|goes)\b"
)
# Where a message's sentences end, and a sentence that asks.
_SENTENCE_END = re.compile(r"(?<=[.!?])\s+")
# A question run on after a story without a stop: "my mom has been sick for 3 yrs and her doc said maybe stem
# cells but like how does that even work"; "and is sick all the time" goes on telling: a question starts with a
# word that asks, or one that asks of someone.
# A question may also be followed, after a comma, by who told what ("what is lupus exactly, my doc say i have
# SLE") or a diagnosis ("..., she was diagnosed last year"): that clause tells.
_RUN_ON = re.compile(
    r"(?<=\w)\s+(?:but|so|and)(?:,? (?:like|um|uh|yeah|ok|okay))?,?\s+"
    r"(?=(?:how|what|why|where|when|which|who)\s|(?:is|are|can|could|would|will|should|does|do|did) (?:it|this|that|they|there|he|she|i|we|you|the|stem|msc|ahsct)\b)"
    r"|(?<=\w),\s+(?=(?i:(?:my|her|his|our|their|the) (?:doc|doctor|dr|rheumy|rheumatologist|specialist|nurse|gp)s? (?:say|says|said|told|tells|thinks|mentioned|suggested)\b"
    r"|(?:i|she|he|we|they|my \w+) (?:was|were|got|have been|has been|am|is|just got) (?:just |recently |newly )?(?:diagnosed|dx)\b))"
    r"|(?<=\w),\s+(?=(?i:(?:isn|aren|doesn|don|wasn|weren|didn)'?t\s))"
)
# A question tagged on to another to say what one believes ("why chemo, isn't chemo for cancer??") tells.
_TAG = re.compile(r"^(isn|aren|doesn|don|wasn|weren|didn)'?t\b")
# What a passage says is done without: "without needing chemotherapy".
_WITHOUT = re.compile(r"\bwithout (?:needing |the need for |any |using )?(\w+)")
# A question for a treatment that does without something: "one where i don't have to do chemo", "which skips chemo".
_ASKS_WITHOUT = re.compile(
    r"\b(without|skips?|skipping|avoids?|avoiding|spares?|sparing|free of|no more|with no"
    r"|(do|does|did|would|will)(n'?t| not) (have to|need|require|involve|use|include)( to)?( do| have| get| go through| undergo)?"
    r"|(not|never) (need|needing|require|requiring|involve|involving|using|have to)( to)?( do| have| get| go through| undergo)?)"
    r" ((you|me|her|him|them|us|patients) )?(any |the |a |an )?(?P<what>[\w-]+)"
)
# A question of which treatment: "which one needs chemo", "which of the two uses donor cells".
_ASKS_WHICH_SUBJECT = re.compile(
    r"^\W*((so|and|ok|okay|but|then),? )?which( one| treatment| therapy| approach| option| procedure| of (them|the two|the 2|(the|these|those) (two|2|treatments|options|approaches|therapies)))\b"
)
# The two treatments offered to choose from after such a question: "..., own cells or donor cells?".
_OPTIONS = re.compile(
    r"[,:;(-]\s*(?:the |a |an )?(?P<one>[\w'-]+(?: [\w'-]+){0,3}?) (?:or|vs\.?|versus) (?:the |a |an )?(?P<other>[\w'-]+(?: [\w'-]+){0,3}?)\s*[)?.!]*\s*$"
)
# What a short name stands for: "what does AHSCT stand for", "MSC is short for what".
_ASKS_EXPANSION = re.compile(r"\b(stand|stands|standing) for\b|\bshort for\b|\b(full|long) (form|name)\b|\babbreviation\b|\bacronym\b|\bspell(ed|t)? out\b")
# A treatment described by a detail: "the chemo one", "the donor option", "the one with the cord cells".
_DESCRIBED = re.compile(
    r"\bthe (?P<detail>(?:(?!(?:the|of)\b)[\w-]+ ){0,2}?(?!(?:the|of)\b)[\w-]+) (?:one(?! (?:day|time|another|more)\b)|option|type|version|thing|approach|procedure|route|method)\b"
    r"|\bthe (?:one|option|treatment|approach) (?:with|using|from|where (?:they|you) (?:use|get|give|take)|that (?:uses|needs|involves|has|gives)) (?:(?:the|her|his|my|their|your|our) )?(?P<after>(?:[\w-]+ ){0,2}?[\w-]+)\b"
)
# A treatment set aside: "the transplant, not the infusion", "own cells, not the donor one", "rather than AHSCT".
# A bare "not" sets aside only after a pause or "but" ("does AHSCT not use donor cells?" asks of AHSCT).
_SET_ASIDE = re.compile(
    r"(?:(?:[,;.!?-]|\b(?:but|and))\s*(?:not|never)|\bnot (?=(?:the|a|an) )|\b(?:rather than|instead of|as opposed to|other than))"
    r"(?: (?:about|for|with|of))?(?: (?:the|a|an|that|this|those|these))? (?P<what>[\w'-]+(?: [\w'-]+){0,3}?)"
    r"(?= *(?:[.,;!?)]|$| (?:one|ones|option|kind|type|version|approach|treatment|therapy|procedure)\b))"
    r"(?: (?:one|ones|option|kind|type|version|approach|treatment|therapy|procedure)\b)?",
    re.IGNORECASE,
)
# A description set before the question as its topic: "the donor one - where do the cells come from?", "and for
# the chemo one?".
_TOPIC_BEFORE = re.compile(r"\W*((and|so|ok|okay|but|for|about|what about|how about|going back to|back to|with|in)\W+)*")
_TOPIC_AFTER = re.compile(r"\s*([,:;?!\-–—]|$)")
# An earlier turn that itself leans on the turn before it ("can you get it from stem cells?" after "what's GVHD")
# is read with that turn too.
_LEANS_BACK = re.compile(r"\b(it|that|this|they|them|those|these)\b")
_STORY_TURNS = 3  # the most messages of a story told over several that a follow-up is read with
# A sentence that asks; it may name its topic first ("lupus - what is it").
_QUESTION = re.compile(r"\?\s*$|^([\w']+( [\w']+){0,2} ?[-–—:] )?((like|so|and|but|ok|okay|i mean),? )?(what|whats|why|how|hows|where|wheres|when|which|who|whos|can|could|would|will|should|is|are|do|does|did|am)\b")
_ASKS_FOR_ME = re.compile(
    r"\b(safe|safer|safely|dangerous|risk\w*|qualif\w*|eligib\w*|candidates?|allowed|suitable|right for|ok for|okay for|considered"
    # "can you get GVHD from it" asks of a risk, not whether it is open to someone
    r"|can (i|she|he|they|we|you) (still )?(do|try|go|(get|have)(?! (\w+ )?(graft|gvhd|infections?|complications?|side effects?|cancer|sick|ill|disease)\b)))\b"
)
# Words that point to a subject without naming it ("the other approach"), and words that ask how it is done.
_POINTING = frozenset(
    stem(w) for w in ("one", "kind", "type", "sort", "version", "form", "route", "path", "approach", "option", "method", "treatment", "therapy", "procedure", "way", "thing")
)
# Of those, the words that only say which is meant ("the transplant version", "the drip thing", "the 2nd one"):
# they ask nothing.
_ONLY_POINTING = frozenset(stem(w) for w in ("version", "thing", "1st", "2nd", "3rd", "former", "latter"))
_PROCESS = frozenset(stem(w) for w in ("work", "done", "do", "perform", "process", "procedure", "step", "happen", "go", "walk"))
# How to tell it or why it is asked, not what to tell: "what are stem cells, in plain english", "for my module",
# "writing a paper for nursing school", "I was wondering whether"; a hedge, "a last resort type thing", "kind of
# a last resort"; and a word of surprise a sentence opens with, "wait, what is lupus".
_ASIDE = re.compile(
    r"(^|(?<=[.!?] ))(wait|hmm+|um+|uh+|oh+)\b,?"
    r"|\b((in )?(plain|simple|simpler|layman'?s|lay|everyday|normal|basic) (english|terms|words|language)|like (i'?m|im|i am) (5|five|a child|a kid)"
    r"|in a nutshell|for dummies|simply put|in short|briefly|(type|kind|sort)( of)? thing|(?<!what )(?<!which )(kind|sort) of (?=(a|an|like) )"
    r"|(i|we) (can'?t|cannot|cant|couldn'?t|could not|have not been able to|haven'?t been able to|havent been able to) sleep( at night| properly| well)?( (for )?(thinking|worrying|stressing)( about| over)?( it| this| that| him| her| them)?)?|(i'?m|im|i am|been) losing sleep( over (it|this|that))?"
    r"|(i was|i am|i'm|im|i've been|ive been) (just |only )?wondering( (whether|if))?|(i would|i'd|id) (like|love) to (know|ask)( (whether|if))?|may i ask( (whether|if))?|kindly"
    r"|(for|doing|writing|working on) (my|a|an|our|the) (\w+ ){0,2}(class|course|module|essay|paper|presentation|assignment|homework|exam|project|thesis|dissertation|report|lecture|seminar|coursework|studies)"
    r"( (for|in|at) (my |a |an |the )?(\w+ )?(school|college|university|uni|class|course|program|programme|degree))?)\b",
    re.IGNORECASE,
)
# "Going back to the first thing", "back to my original question": the turn pointed to, not the last one.
_BACK_TO = re.compile(r"\b(go(ing)? )?back to (my |the |your )?((?P<first>first|original|1st|very first)|earlier|previous|other) (thing|question|q|qn|ques|topic|point|one|kind|type|message)\b")
# "The first kind", "the second one": an item of the list (or of the sub-sections) the earlier turn was answered by;
# not "the first question" nor "going back to the first thing", which point to an earlier turn.
# "The second one", or "second one" typed without the article.
_ORDINAL = re.compile(
    r"(?<!back to )\b(the |(?<!the )(?=(first|second|third|1st|2nd|3rd|last) (one|kind|type|option|approach|item|bullet)s?\b))"
    r"(?P<nth>first|second|third|1st|2nd|3rd|former|latter|last)\b(?! (step|time|stage|phase|few|days?|weeks?|months?|years?|night|question|topic|point|message|place)\b)"
)
# "Tell me more about the organ part": the item of the list the earlier turn was answered by that says "organ".
_PART = re.compile(r"\b(the|that) (?P<what>(\w+ ){0,2}?\w+) (part|bit|bullet|item|point)\b")
_NTH = {"first": 0, "1st": 0, "former": 0, "second": 1, "2nd": 1, "third": 2, "3rd": 2, "latter": -1, "last": -1}
# "Tell me more" about what the earlier turn asked of a subject as a whole; "what else" of the list it was answered from.
_MORE = re.compile(r"\b(tell me more|more (info|information|details)|go on|explain more|elaborate|say more)\b")
_ELSE = re.compile(r"\b(what else|anything else|any others?|what other)\b")
# What was told already, set aside: "anything else besides symptoms getting better?".
_BESIDES = re.compile(r"\b(besides|other than|apart from|aside from|except( for)?|on top of|beyond)\b.*$")
# What "else" is done: "what else does it improve" asks for the rest of the list as "what else" does.
_DOES_ELSE = re.compile(r"\b(improve|improves|help|helps|fix|fixes|treat|treats|cure|cures|benefit|benefits|affect|affects|change|changes|reduce|reduces|lower|lowers)\b")
# A follow-up that asks only why: "why is that?", "but why both of them", "how come", "why so wide?", "why would that
# be a problem".
_WHY_ONLY = re.compile(
    r"^\W*((so|but|ok|okay|and|hmm|really|wait)\W+){0,2}(why|how come|for what reason)( (is|was|are|were|would|do|does|did) (that|it|this|they|there))?"
    r"( (both|all|each)( of)?( them| those| these)?| so( \w+)?| though| tho| then| exactly| again| really"
    r"|( be)?( a| an| such a)? (problem|issue|concern|worry|bad( idea| thing)?|risky|dangerous|worrying|an issue))*\W*$"
)
# A follow-up that asks only for a verdict on what was asked: "is that a good idea", "would that be wise?".
_VERDICT_ONLY = re.compile(
    r"^\W*((so|but|ok|okay|and|hmm|wait|honestly)\W+){0,2}(is|would|was) (that|it|this|doing that|doing it)( really| even| actually)? (be )?"
    r"(a )?(good|bad|smart|wise|sensible|clever|terrible|dumb|stupid) (idea|plan|move|choice|option|thing to do)( though| tho| then| really| honestly)?\W*$"
    r"|^\W*((so|but|ok|okay|and|hmm|wait|honestly)\W+){0,2}(is|would) (that|it|this|doing that)( really| even| actually)? (be )?(wise|smart|sensible|advisable|recommended)\W*$"
)
# A follow-up that asks only for what was told to be told again, more simply: "simpler please", "could you explain
# that more simply?", "i don't understand", "eli5". The article has one wording; its passages are shown again.
_RESTATE_ONLY = re.compile(
    r"^\W*((sorry|ok|okay|hmm|um|uh|wait)\W+){0,2}((can|could|would|will) (you|u) (please |pls |kindly )?)?(please |pls )?"
    r"((explain|say|put|tell|describe|word|phrase|repeat|break down|go over)( me| us)?( (that|it|this|them|those|all that|that again|it again))?( again)?( down)?)?"
    r"( (more )?(simply|simpler|plainly|easier|in (a |an )?(simpler|easier|plainer|simple|plain|easy|normal|everyday|lay|layman'?s?|basic|non[ -]?medical) (way|words|terms|english|language)"
    r"|like (i'?m|im|i am) (5|five|\d+|a (kid|child))|for (a )?(kid|child|dummy|dummies|layman|beginner)|so (i|we) (can )?understand))+(\W+(please|pls|plz))?\W*$"
    r"|^\W*((sorry|hmm|um|uh)\W+)?(simpler|more simply|((in|into) )?(simpler|simple|plain|plainer|easier|easy|layman'?s?|lay|normal|everyday) (words|terms|english|language)|eli5|dumb it down( for me)?)(\W+(please|pls|plz))?\W*$"
    r"|^\W*((sorry|hmm|um|uh)\W+)?i (still )?(do not|don'?t|dont|did not|didn'?t|didnt) (really |quite )?(understand|get|follow)( (it|that|this|you|what you mean))?(\W+(sorry|please|pls|again|more|simple|simpler|simply|easier))*\W*$"
)
# A follow-up that asks only whether what was told holds for both treatments: "is that with both kinds of
# treatment?", "does that apply to both?". The passage that told it says of which it holds.
_BOTH_ONLY = re.compile(
    r"^\W*((so|and|but|ok|okay|wait)\W+){0,2}(is|are|does|do|would|will|can) (that|it|this|they|those|these)( \w+)?"
    r"( (for|with|in|to|true for|the same for|apply to|happen (with|in|for|to)|a risk (with|in|for)))? (both|either|all)"
    r"( of them| of those| of the)?( (two|kinds?|types?|treatments?|options?|approaches?|methods?|procedures?|ones?))*( of (treatment|therapy|stem cells?))?"
    r"( or (just |only )?(one|the one|one of them))?\W*$"
)
# A follow-up that asks only whether an outcome asked about holds for everyone: "for everyone?" after "can it put
# lupus into remission", "does that happen for everybody". The passage that told it says for whom ("in some
# individuals"); "is it for everyone" asks whom the treatment suits, and is left to be read as it stands.
_EVERYONE_ONLY = re.compile(
    r"^\W*((so|and|but|ok|okay|wait|is that common|really)\W+){0,3}((does|do|will|would|can) (that|it|this) (happen|work|last)( \w+)? )?"
    r"(for|with|in|to) (every ?one|every ?body|all( of them)?( patients| people)?|every (patient|case|person|one))( though| tho| then| of them)?\W*$"
)
_OUTCOME = re.compile(r"\b(remission|cure[sd]?|curing|cure it|heal(s|ed)?|reverse[sd]?|go(es)? away|disappear|get rid of|work(s|ed)?|fix(es|ed)?)\b")
# A follow-up that asks only for instances of what was asked: "what kind?", "which ones?", "like what?".
_INSTANCES_ONLY = re.compile(
    r"^\W*((so|but|ok|okay|and|hmm|wait)\W+){0,2}((what|which) (kinds?|sorts?|types?|ones?)( of (them|those|these|things|risks|benefits))?( exactly| then| though| tho)?"
    r"|like what|such as|for (example|instance)|(any |some |give me )?examples?|e\.?g)\W*$"
)
# A message that opens by carrying the earlier question over to something else ("and msc?", "what about for kids").
_ELLIPSIS = re.compile(
    r"^\W*(and|what about|how about|same for|same with|and for|and with|and what about|but what about|what of)\b"
    r"|^\W*((so|ok|okay|and|wait|right)\W+){0,2}(no|not even|without) (any )?\w+( \w+)?( at all| then| either)?\W*$"  # "so no chemo at all?"
    r"|^\W*((so|ok|okay|and|but)\W+)?(only\b(?! (one|a|question)\b)|just (for|in|with|if|when|the)\b)"  # "only for kidneys?" narrows what was asked
    r"|\breasons? (not to|against)\b|^\W*(so |ok |okay |but )?why not\W*$"  # "any reason not to?" what was told
)
# The words of a question of what, why, how, where, when, which or who.
_WH = re.compile(r"\b(what|whats|why|how|where|when|which|who)\b")
# A question of what something is, not of something about it.
_WHAT_IS = re.compile(r"\W*(what( even| exactly| actually)?('?s| is| are| r| does)|tell me( more)? about|explain|describe|define|info( on| about)?|more on|about)\b")
# The words of a follow-up that turns the earlier question to another subject: "and for the transplant?", "what
# about ahsct", "is that the same for the other one", "sorry, I meant the mesenchymal one".
_TURNING_WORDS = frozenset(words("and but also so ok okay what how about abt for with in of the a an other same is that it this then too as well no sorry i meant mean actually instead oops"))
# Words that point back to something said before ("is it safe?", "what about the other one").
_ANAPHORA = re.compile(r"\b(it|its|that|this|they|them|those|these|there|one|ones|he|she|him|her|his|either|both|same|the other|the procedure|the treatment|the process)\b")


@dataclass(frozen=True)
class Tuning:
    """The engine's knobs, chosen by measurement on the tuning questions (see README, Answer quality)."""

    max_passages: int = 3
    near_tie: float = 0.9  # the second passage is shown too when it scores at least this share of the best
    min_coverage: float = 0.5  # share of the question's informative weight the best passage must contain
    generic_share: float = 0.3  # words in more than this share of passages carry no topic (lupus, stem, cell)
    history_weight: float = 0.4  # how much an earlier turn's scores count in a follow-up
    out_of_scope_weight: float = 3.5  # a topic the article does not cover (a named drug, pregnancy, doses...)
    common_word_weight: float = 0.3  # a corpus word that is also among the commonest English words (take, help, get)
    everyday_zipf: float = 4.5  # English words at least this frequent (Zipf scale) say nothing when the article lacks them
    everyday_word_weight: float = 0.0  # weight of such an everyday word
    view_word_weight: float = 1.0  # a word not in the article but in the questions listed for its passages
    rare_word_weight: float = 1.0  # a word neither the corpus nor everyday English uses (a name, a jargon word)
    uncommon_word_weight: float = 0.5  # an English word the corpus does not use, of middling frequency
    unmatched_everyday: float = 0.0  # share of its weight an everyday word keeps when the best passage lacks it
    view_weight: float = 1.0  # how much a passage's best-matching views (listed questions, sentences) add to its score
    view_votes: int = 3  # a passage's views score as the mean of its this many best, in words and in meaning
    semantic_weight: float = 0.75  # how much closeness in meaning adds to a passage's word score (scaled to the best's)
    min_similarity: float = 0.3  # a question whose meaning is no closer than this to any passage is declined
    covering_band: float = 0.95  # among passages this close to the best, the one containing most of the question goes first
    alarm_closeness: float = 0.45  # a message whose closest example emergencies are this close (cosine) ...
    alarm_margin: float = 0.08  # ... and this much closer than anything else is taken for an emergency
    smalltalk_closeness: float = 0.4  # a message whose closest examples of a kind of small talk are this close ...
    smalltalk_margin: float = 0.05  # ... and this much closer than anything else is small talk of that kind
    comparison_weight: float = 0.3  # a comparing question's scores grow by this share for passages that compare
    story_weight: float = 0.5  # words and topics of the sentences told around a question, as a share of the question's
    subject_weight: float = 0.4  # a follow-up's scores grow by this share for the passages of the subject it leans on
    opposite_penalty: float = 0.3  # a question asking benefits: passages under a heading of risks shrink by this share
    sibling_penalty: float = 0.2  # a question naming a subject: its sibling's own passages' scores shrink by this share


@dataclass(frozen=True)
class Reply:
    """One reply of one kind; ``to_dict`` gives the API's JSON shape."""

    kind: str
    reply: str
    passages: tuple[Hit, ...] = ()
    suggestions: tuple[str, ...] = ()
    disclaimer: str = messages.DISCLAIMER

    def to_dict(self) -> dict[str, Any]:
        return {
            "kind": self.kind,
            "reply": self.reply,
            "passages": [hit_json(h) for h in self.passages],
            "suggestions": list(self.suggestions),
            "disclaimer": self.disclaimer,
        }


def hit_json(hit: Hit, matched: bool = False) -> dict[str, Any]:
    """A passage as the API shows it, with its score (and, for staff searches, the words it matched)."""
    p = hit.passage
    out: dict[str, Any] = {"id": p.id, "section": p.section, "text": p.text, "score": round(hit.score, 4), "source": p.source}
    if matched:
        out["matched"] = list(hit.matched)
    return out


def _plain(text: str) -> str:
    """A question's text as its patterns read it: normalized, chat shorthand written out ("wat r they")."""
    return spelled_out(normalize(text))


def _read_for_alarms(text: str) -> bool:
    """Whether closeness to the example emergencies may decide for a text: it neither asks, recalls, imagines nor denies."""
    return not asks_about_a_risk(text) and not tells_no_emergency(text)


def search_json(query: str, hits: list[Hit]) -> dict[str, Any]:
    """A staff search as the API returns it."""
    return {"query": query, "results": [hit_json(h, matched=True) for h in hits], "disclaimer": messages.DISCLAIMER}


class ChatEngine:
    """Answers messages from the passages of one retriever; holds no per-conversation state."""

    def __init__(
        self,
        retriever: Retriever,
        tuning: Tuning | None = None,
        out_of_scope: dict[tuple[str, ...], str] | None = None,
        semantic: SemanticIndex | None = None,
        alarms: Alarms | None = None,
        answer_words: dict[str, str] | None = None,
        small_talk: SmallTalkMeanings | None = None,
    ) -> None:
        self.retriever = retriever
        self.tuning = tuning or Tuning()
        self.semantic = semantic
        self.alarms = alarms
        self.small_talk = small_talk
        self.views = _view_index(retriever)
        # The stems of each passage's listed questions (its sentences are in the index already), to tell which
        # of a question's words a passage covers; only passages that have listed questions need a set.
        self._question_terms = {n: frozenset(retriever.analyzer.tokens(retriever.analyzer.corrected(" ".join(p.questions)))) for n, p in enumerate(retriever.passages) if p.questions}
        # Topics the corpus does not cover: phrases of stems, minus any the corpus itself uses.
        self.out_of_scope = {p: group for p, group in (out_of_scope or {}).items() if len(p) > 1 or not retriever.knows(p[0])}
        self._longest_topic = max(map(len, self.out_of_scope), default=0)
        self._answer_words = {kind: retriever.analyzer.concepts(text) for kind, text in (answer_words or {}).items() if kind in _QUESTION_KINDS}
        self._bullets = _bullets(retriever.passages)
        self._lists = _lists(retriever.passages, self._bullets)
        # The lists a paragraph of their own section introduces; a sub-section's list stands under its sub-heading.
        self._introduced = {(retriever.passages[b[0]].section, retriever.passages[b[0]].lead_in) for b in self._lists.values()}
        self._numbers = {p.id: number for number, p in enumerate(retriever.passages)}
        # The bullets of lists that tell steps in order ("... are then reintroduced").
        self._steps = np.array(
            sorted(n for bullets in self._bullets.values() if any(_SEQUENCE_WORDS.search(normalize(retriever.passages[i].text)) for i in bullets) for n in bullets),
            dtype=np.int64,
        )
        self.subjects = Subjects(retriever.passages, retriever.analyzer.tokens, lambda t: retriever.document_frequency(t) <= self.tuning.generic_share)
        self._compares = np.array([bool(_COMPARISON.search(normalize(p.text))) for p in retriever.passages])
        self._gives_number = np.array([bool(_GIVES_NUMBER.search(normalize(p.text))) for p in retriever.passages])
        # The passages of the sub-sections (the treatments, in the article), and the terms each passage says are not
        # needed or used ("without needing chemotherapy"): no answer to which treatment needs them.
        self._in_treatments = sorted({i for n in self.subjects.sections for i in self.subjects.subjects[n].passages})
        self._without = [
            frozenset(t for m in _WITHOUT.finditer(normalize(p.text)) for t in retriever.analyzer.tokens(m.group(1))) for p in retriever.passages
        ]
        self._gives_frequency = np.array([bool(_GIVES_FREQUENCY.search(normalize(p.text))) for p in retriever.passages])
        # The terms each passage's own heading names ("Possible Risks": risk), for questions asking their opposite.
        self._heading_terms = [frozenset(retriever.analyzer.tokens(p.headings[-1])) if p.headings else frozenset() for p in retriever.passages]

    @classmethod
    def from_corpus(cls, path: Path, tuning: Tuning | None = None, semantic: bool = True) -> ChatEngine:
        """Load the corpus (and its synonyms, out-of-scope topics and saved sentence vectors, if any) and index it."""
        path = Path(path)
        passages = load_corpus(path)
        folder = corpus_folder(path)
        synonyms = load_synonyms(folder / SYNONYMS_FILE)
        article_words = {w for p in passages for w in words(p.search_text)} | synonyms.vocabulary
        # The words of the listed questions and of the topics the article does not cover are known too: a
        # misspelt "pregnent" is still a topic to decline.
        topic_lines = _named_lines(folder / OUT_OF_SCOPE_FILE)
        listed_words = {w for p in passages for w in words(" ".join(p.questions))} | {w for _, phrases in topic_lines for w in words(phrases)}
        analyzer = Analyzer(synonyms, Speller.for_corpus(article_words, listed_words))
        tuning = tuning or Tuning()
        meanings = SemanticIndex.build(passages, folder / EMBEDDINGS_FILE, votes=tuning.view_votes) if semantic else None
        small_talk = SmallTalkMeanings.build(meanings, closeness=tuning.smalltalk_closeness, margin=tuning.smalltalk_margin) if meanings else None
        # Introducing oneself ("hello, I'm writing on behalf of my husband") is no farewell letter.
        alarms = Alarms.build(meanings, tuning.alarm_closeness, tuning.alarm_margin, more_others=small_talk.vectors) if small_talk else None
        answer_words = load_answer_words(folder / ANSWER_WORDS_FILE)
        return cls(Retriever(passages, analyzer), tuning, _topic_phrases(topic_lines), meanings, alarms, answer_words, small_talk)

    @property
    def passage_count(self) -> int:
        return self.retriever.doc_count

    def search(self, query: str, k: int = 5) -> list[Hit]:
        """Staff lookup: the k best passages with scores and matched words, no decline rule."""
        return self.retriever.search(query, k)

    def reply(self, message: str, history: Sequence[str] = ()) -> Reply:
        """The one reply for a message, given the user's earlier messages (oldest first)."""
        if self.is_emergency(message):
            return Reply("emergency", messages.EMERGENCY)
        # "I don't understand", "could you explain that more simply?" ask for an answer again, not for small talk.
        restate = bool(_RESTATE_ONLY.match(_plain(message)))
        kind = None if restate else self.smalltalk_kind(message)
        if kind:
            return Reply("smalltalk", _SMALLTALK_REPLIES[kind], suggestions=messages.SUGGESTIONS[:4])
        message, history = self._without_options(self._without_set_aside(message)), [self._without_set_aside(turn) for turn in history]
        hits = self._answer(self._name_described(message), [self._name_described(turn) for turn in history], restate)
        if not hits:
            return Reply("no_match", messages.NO_MATCH, suggestions=messages.SUGGESTIONS[:4])
        return Reply("answer", self._reply_text(hits), tuple(hits), _related(hits))

    def smalltalk_kind(self, message: str) -> str | None:
        """The kind of small talk the message is ('greeting', 'thanks'...), by its wording or its meaning; None for a question."""
        kind = smalltalk_kind(message)
        if kind is None and self.small_talk is not None:
            kind = self.small_talk.kind(message)
        return kind

    def is_emergency(self, message: str) -> bool:
        """Whether the message reports an emergency: a red flag, or close in meaning to example emergencies."""
        if is_emergency(message):
            return True
        # Closeness in meaning cannot tell "my son took his methotrexate twice" from "can I drink on methotrexate",
        # nor "I cut myself" from "I used to cut myself as a teenager": a sentence that asks about a risk, tells
        # of the past, imagines or denies is taken for an emergency only by a red flag.
        # Nor is small talk alone ("this is my last message for today, bye") by its closeness to a farewell.
        return self.alarms is not None and not smalltalk_kind(message) and self.alarms.sounds_like_emergency(message, _read_for_alarms)

    def _answer(self, message: str, history: Sequence[str], restate: bool = False) -> list[Hit]:
        """The best passages, best first; none to decline. ``restate``: the message only asks for the earlier
        answer again ("simpler please")."""
        retriever, tuning = self.retriever, self.tuning
        message = EXCUSE.sub(" ", _ASIDE.sub(" ", message))
        concepts = retriever.analyzer.concepts(message)
        own = len(concepts)  # the message's own concepts; a follow-up's are followed by the earlier turn's
        # The article's words for the answer to a kind of question ("how does that help lupus": reboot, modulate)
        # add to the scores; they are not the question's words, so a passage without them still covers it.
        text = _plain(message)
        story = self._story(message)
        asked_text = _plain(story[1]) if story is not None else text  # "He thinks it's a scam. What does it offer?"
        kinds = [kind for kind, pattern in _QUESTION_KINDS.items() if pattern.search(asked_text)]
        if "severity" in kinds and "whom_for" in kinds:
            kinds.remove("whom_for")  # "is lupus mild or can it be deadly" asks how severe the disease can be
        if "reach" in kinds and "function" in kinds:
            kinds.remove("function")  # "what even is lupus, what does it do to your body" asks what the disease does
        if "harvest" in kinds and "whose" in kinds:
            kinds.remove("whose")  # "where do they get the cells from me" asks how one's own cells are taken
        if "whose" in kinds and "source" in kinds:
            kinds.remove("source")  # "where do they come from if they're not mine" asks whose cells, not which tissue
        answer_words = [c for kind in kinds for c in self._answer_words.get(kind, [])]
        words_score = self._words(concepts + answer_words)
        scores = words_score + self._meaning(message)
        topics, topic_words = self._topics(message)
        weights = self._weights(concepts, topic_words)
        # Words that ask, not topics: "why bother", "for anyone or only bad cases", "who should be running it".
        asking = {
            w for kind, group in _ASKING_WORDS.items() if kind in kinds for m in _QUESTION_KINDS[kind].finditer(asked_text) for w in words(m.group(group))
        }
        if asking:
            weights = [0.0 if c.surface in asking else w for c, w in zip(concepts, weights)]
        if "whom_for" in kinds and _MILD.search(asked_text):
            # Nor does "mild" rank: it is not asked how mild lupus can be.
            mild = {w for m in _MILD.finditer(asked_text) for w in words(m.group(0))}
            words_score = self._words([c for c in concepts if c.surface not in mild] + answer_words)
            scores = words_score + self._meaning(message)
        # Weight no passage can cover: the topics the article does not cover.
        uncovered = tuning.out_of_scope_weight * topics
        # A question asked only in words that ask ("could it get her off them?", "so why would anyone pick it
        # then"), after a story told before it or after earlier turns, is answered where the passage says what
        # its kind of question asks for.
        asks_only = bool(kinds) and not any(weights)
        told: frozenset[int] = frozenset()  # the concepts of a story's sentences that the question does not say
        if story is not None and _WHAT_IS.match(asked_text) and not _ANAPHORA.search(asked_text):
            # "What is lupus exactly? My doctor said SLE but never explained", "Every miracle cure has a catch.
            # What's the downside?": a question of what something is, that points at nothing told, is asked whole.
            return self._answer(story[1], history)
        if story is not None:
            asked_topics, asked_words = self._topics(story[1])
            question = retriever.analyzer.concepts(story[1])
            question_asks_only = bool(kinds) and not any(w for c, w in zip(question, self._weights(question, asked_words)) if c.surface not in asking)
        if story is not None and (question_asks_only or not _ASKS_FOR_ME.search(asked_text)):
            # A story told around the question ("I've been on prednisone forever and it wrecked my bones. Would
            # stem cells get me off steroids?") weighs less than the question itself, in the ranking and in what the
            # passage must cover; not when the question names what it asks is safe or open to the person the story
            # is about ("My mom has hepatitis B. Is MSC safe for her?"): the answer turns on what the story tells.
            # A question asked only in words that ask ("would someone like me even be considered?") names nothing.
            asked = {s for c in question for s in c.stems}
            weights = [w if asked.intersection(c.stems) else w * tuning.story_weight for c, w in zip(concepts, weights)]
            told = frozenset(i for i, c in enumerate(concepts) if not asked.intersection(c.stems))
            asks_only = question_asks_only
            uncovered = tuning.out_of_scope_weight * (asked_topics + tuning.story_weight * (topics - asked_topics))
            if told:
                asked_concepts = [c for i, c in enumerate(concepts) if i not in told]
                words_score = self._words(asked_concepts + answer_words, [c for i, c in enumerate(concepts) if i in told])
                scores = words_score + self._meaning(message)
        back = _BACK_TO.search(text)
        if back:  # "going back to my first question, ..." leans on that turn, not the last
            history = history[:1] if back.group("first") else ()
        earlier = self._earlier_turn(history)
        if earlier and (
            restate
            or _WHY_ONLY.match(text)
            or _INSTANCES_ONLY.match(text)
            or _VERDICT_ONLY.match(text)
            or _BOTH_ONLY.match(text)
            or (_EVERYONE_ONLY.match(text) and _OUTCOME.search(_plain(earlier)))
        ):
            # "Why is that?", "why both of them?": the reason for what the earlier turn was told, which the article
            # gives, if anywhere, in the passages that told it; "what kind?", "like what?": what it was told; "is that
            # a good idea?": the article's verdict, where it told it; "simpler please": what it was told, again;
            # "is that with both?", "for everyone?": the passage that told it, which says of which treatment, or for
            # whom, it holds.
            last = max(i for i, turn in enumerate(history) if self._of_the_article(turn))
            if _WHY_ONLY.match(text) and _COMPARES.search(_plain(history[last])):
                return self._answer(f"why {history[last]}", history[:last])  # "is the msc one safer" + "why?"
            return self._answer(history[last], history[:last])
        if not earlier and self.semantic is not None and self.semantic.similarity(message).max() < tuning.min_similarity:
            return []  # nothing in the corpus is about anything like this
        swapped = self._swapped_subject(text, earlier) if earlier else None
        if swapped is not None:
            return self._answer(swapped, ())
        leaned: frozenset[int] = frozenset()  # the subjects a follow-up is asked of
        if earlier and (
            _ANAPHORA.search(text) or _ORDINAL.search(text) or _PART.search(text) or _ELLIPSIS.match(text) or not any(weights) or self._coverage(concepts, weights, uncovered, scores) < tuning.min_coverage
        ):
            listed = self._listing_turn(history) or earlier
            scores, concepts, weights, leaned = self._with_earlier_turn(message, earlier, listed, words_score, concepts, weights)
        if _ASKS_NUMBER.search(re.sub(_AMOUNT_LOWERED, " ", text)):
            # Only a passage that gives a number, of something the question names in its own words ("how many
            # infusions" is not answered by a price in thousands of dollars).
            named = [c for c, w in zip(concepts[:own], weights[:own]) if w > 0]
            counts = np.array([self._gives_number[i] and bool(retriever.matched(i, named)) for i in range(len(scores))])
            scores = np.where(counts, scores, 0.0)
            if not scores.any():
                return []
        compares = bool(_COMPARES.search(text))
        if compares:
            comparing = self._compares
            if "risk_reason" in kinds:
                # "Why is the msc one safer" asks the reason, not the line that says which is less risky: the safer
                # one does without a step ("without needing chemotherapy"), the riskier one takes it.
                safer = bool(_SAFER.search(text))
                comparing = [self._says_answer_words(i, ["risk_reason"]) and bool(self._without[i]) == safer for i in range(len(scores))]
            scores = np.where(comparing, scores * (1 + tuning.comparison_weight), scores)
        else:
            # The subjects the question names in its own words ("route" may mean an infusion but names none).
            named = self.subjects.named(c.stems[0] for c, w in zip(concepts[:own], weights[:own]) if w > 0)
            if not named and not leaned and len(concepts) > own and not _ORDINAL.search(text) and not OTHER.search(text):
                # A follow-up that names nothing and points at nothing ("is that risky?" after "what is the chemo for
                # in AHSCT") is asked of what the earlier turn named.
                named = self.subjects.named(c.stems[0] for c, w in zip(concepts[own:], weights[own:]) if w > 0)
            own_weights = [0.0 if i in told else w for i, w in enumerate(weights[:own])]  # not the story's "side effects"
            scores = self._without_siblings(self._without_opposites(scores, concepts[:own], own_weights, named, earlier), named)
            if _ASKS_WHICH_SUBJECT.search(text) and not named and (not earlier or self._introduces_treatments(earlier)):
                # "Which of the two uses donor cells", "which one needs chemo": one of the treatments, told in its
                # own section, and not the one said to do without it ("without needing chemotherapy").
                needed = {s for c, w in zip(concepts[:own], weights[:own]) if w > 0 for s in c.stems}
                scores = scores.copy()
                scores[self._in_treatments] *= 1 + tuning.subject_weight
                scores[[i for i, terms in enumerate(self._without) if terms & needed]] *= 1 - tuning.subject_weight
            spared = _ASKS_WITHOUT.search(text)
            if spared:
                # "Is there an option where I don't have to do chemo": the passage that says what is done without
                # it answers; the one that says it is done does not.
                absent = {s for c in retriever.analyzer.concepts(spared.group("what")) for s in c.stems}
                without = [i for i, terms in enumerate(self._without) if terms & absent]
                if named:  # "can AHSCT be done without chemo" asks of AHSCT, which is not
                    without = [i for i in without if i in self.subjects.about(named)]
                if without:
                    scores = scores.copy()
                    scores[without] = np.maximum(scores[without], np.nextafter(scores.max(), np.inf))
        scores = self._prefer_covering(scores, concepts, weights)
        if compares and ("risk_reason" in kinds or self._compares[int(np.argmax(scores))]):
            # "Is that the riskier one?": a passage that compares ("more aggressive", "less risky than AHSCT") says
            # which is, in its own words; "why is it safer" asks a reason, which no passage gives in those words.
            comparing = set(words(" ".join(m.group(0) for m in _COMPARATIVE.finditer(text))))
            weights = [0.0 if c.surface in comparing else w for c, w in zip(concepts, weights)]
        if topics and _ASKS_FREQUENCY.search(text) and self._says_how_often(int(np.argmax(scores)), concepts, weights):
            uncovered -= tuning.out_of_scope_weight  # "how often" is not out of scope where the passage says
        # Whether to answer is a matter of the words the passage to be shown contains: closeness in meaning
        # alone also finds passages on the wrong topic.
        coverage = self._coverage(concepts, weights, uncovered, scores)
        if told:
            # A question the passage covers in its own words is not left unanswered for the words of the story
            # around it ("diagnosed 8 years ago", "we both just nodded"); the story's topics still count.
            asked_weights = [0.0 if i in told or i >= own else w for i, w in enumerate(weights)]
            if any(asked_weights):
                coverage = max(coverage, self._coverage(concepts, asked_weights, uncovered, scores))
        if coverage < tuning.min_coverage and not (
            asks_only
            and (story is not None or earlier is not None)
            and self._says_answer_words(int(np.argmax(scores)), kinds)
        ):
            return []
        step = self._next_step(text, earlier)
        if step is not None:
            scores = scores.copy()
            scores[step] = np.nextafter(scores.max(), np.inf)
        order = self._expand_lead_in(retriever.top(scores, tuning.max_passages + 1), scores)[: tuning.max_passages]
        compared = self._compared(text, concepts[:own], weights[:own]) if step is None and not compares else []
        # "What are the two main approaches" is not answered by the line that introduces them, but by them.
        compared = compared or (self._introduced_subjects(order[0]) if step is None else [])
        if compared:
            # "What's the difference between AHSCT and MSC": both subjects' lists side by side, then the best passages.
            side_by_side = self._side_by_side(compared)
            rest = [i for i in order if retriever.passages[i].text != side_by_side.lead_in]
            return [Hit(side_by_side, float(scores[order[0]]), ())] + [
                Hit(retriever.passages[i], float(scores[i]), retriever.matched(i, concepts)) for i in rest[: tuning.max_passages - 1]
            ]
        expansion = None if step is not None else self._expansion(text, concepts[:own], weights[:own])
        if expansion is not None:
            # "What does AHSCT stand for": the heading that spells it out, with what stands under it.
            expansion, spelled = expansion
            matched = {c for i in spelled for c in retriever.matched(i, concepts)}
            return [Hit(expansion, float(scores[order[0]]), tuple(c.surface for c in concepts if c.surface in matched))] + [
                Hit(retriever.passages[i], float(scores[i]), retriever.matched(i, concepts))
                for i in order[: tuning.max_passages - 1]
                if retriever.passages[i].text != expansion.text and retriever.matched(i, concepts)
            ]
        bullets = None if step is not None or compares else self._list_asked_about(text, earlier, order[0], concepts[:own], weights[:own], leaned)
        if bullets:
            # A question about a whole list ("what are the risks", "what have studies shown", "how is AHSCT done")
            # is answered by the list, its lead-in and every bullet; its best bullets follow.
            whole = self._whole_list(bullets[0])
            matched = {c for i in bullets for c in retriever.matched(i, concepts)}
            besides = _BESIDES.search(text)  # "anything else besides symptoms": what was told goes last
            told_already = retriever.analyzer.concepts(besides.group(0)) if besides else []
            best = sorted(bullets, key=lambda i: (bool(told_already and retriever.matched(i, told_already)), -scores[i], i))[: tuning.max_passages - 1]
            return [Hit(whole, float(scores[order[0]]), tuple(c.surface for c in concepts if c.surface in matched))] + [
                Hit(retriever.passages[i], float(scores[i]), retriever.matched(i, concepts)) for i in best
            ]
        hits = [Hit(retriever.passages[i], float(scores[i]), retriever.matched(i, concepts)) for i in order]
        hits = [h for h in hits if h.matched or h is hits[0]]
        return hits

    def _expansion(self, text: str, concepts: list[Concept], weights: list[float]) -> tuple[Passage, list[int]] | None:
        """For a question of what a treatment's or a cell type's short name stands for, the passage that spells
        it out, and the passages it is made of: the treatment's sub-section (its heading, then its list), or the
        bullet the cell type labels."""
        if not _ASKS_EXPANSION.search(text):
            return None
        named = self.subjects.named(c.stems[0] for c, w in zip(concepts, weights) if w > 0)
        if not named:
            return None
        n = min(named, key=lambda n: (self.subjects.subjects[n].family[0] != "section", n))
        first = min(self.subjects.subjects[n].passages)
        if self.subjects.subjects[n].family[0] == "section":
            return self._whole_list(first), self._list_of(first)
        return self.retriever.passages[first], [first]

    def _without_options(self, message: str) -> str:
        """A question of which treatment does something without the two it offers to choose from ("which of the
        two carries the GVHD risk, own cells or donor cells?"): both are named, so neither is what is asked. Not
        so in a comparison ("which one is safer, MSC or the transplant"), which the passage comparing them answers."""
        options, plain = _OPTIONS.search(message), _plain(message)
        if not options or not _ASKS_WHICH_SUBJECT.search(plain) or _COMPARES.search(plain) or not all(self._names_a_treatment(options.group(side)) for side in ("one", "other")):
            return message
        return message[: options.start()]

    def _names_a_treatment(self, phrase: str) -> bool:
        """Whether a few words name a treatment or describe it ("donor cells": the MSC infusion)."""
        described = self._name_described(f"the {phrase} one")
        return bool(self.subjects.named(s for c in self.retriever.analyzer.concepts(described) for s in c.stems))

    def _without_set_aside(self, message: str) -> str:
        """The message without the treatment it sets aside ("the transplant, not the infusion"; "I meant the own
        cells one, not the donor one"), which would otherwise count as asked about."""

        def dropped(match: re.Match[str]) -> str:
            return " " if self._names_a_treatment(match.group("what")) else match.group(0)

        rest = _SET_ASIDE.sub(dropped, message)
        return rest if len(words(rest)) >= 2 else message

    def _name_described(self, message: str) -> str:
        """The message with a treatment described by one of its details ("the chemo one", "the donor option", "the
        one with cord cells") named after the description, where the detail is told of that treatment alone."""

        def named(match: re.Match[str]) -> str:
            if _COMPARES.search(match.group(0)):
                return match.group(0)  # "the riskier one" is told of neither: the article tells which is less risky
            concepts = self.retriever.analyzer.concepts(match.group("detail") or match.group("after"))
            detail = [c for c, w in zip(concepts, self._weights(concepts, set())) if w > 0]
            telling = {
                n
                for n in self.subjects.sections
                for i in self.subjects.subjects[n].passages
                for c in detail
                if self.retriever.matched(i, [c]) and not self._without[i] & set(c.stems)
            }
            if len(telling) != 1 or self.subjects.named(c.stems[0] for c in detail):  # "the msc one" is named already
                return match.group(0)
            name = self.subjects.shortest_name(telling.pop())
            if _TOPIC_BEFORE.fullmatch(message[: match.start()]) and _TOPIC_AFTER.match(message[match.end() :]):
                return f"the {name}"  # "the cord cells one, how is it given?": the detail only points at the treatment
            return f"{match.group(0)} ({name})"  # "is the one with chemo the heavier option?"

        return _DESCRIBED.sub(named, message)

    def _story(self, message: str) -> tuple[str, str] | None:
        """A message of several sentences of which one asks something, wherever it stands, as (the sentences
        that tell, that question): "My mom has lupus. Is it safe for her?", "What are the risks? I want the
        honest downsides.", "I am seventy. Might it help? I ask before I trouble my doctor." Two questions are
        no story, unless the last asks what something is after sentences that ask nothing of what, why or how,
        whatever their tone ("so there's a stem cell thing for lupus now?? what even is stem cell therapy")."""
        parts = [p.strip() for s in _SENTENCE_END.split(message) for p in _RUN_ON.split(s) if re.search(r"\w", p)]
        plain = [_plain(p) for p in parts]
        asks = [bool(_QUESTION.search(p)) for p in plain]
        asks = [a and not (any(asks[:i]) and _TAG.match(p)) for i, (a, p) in enumerate(zip(asks, plain))]
        if len(parts) > 1 and _WHAT_IS.match(plain[-1]) and not _ANAPHORA.search(plain[-1]) and not any(_WH.search(p) for p in plain[:-1]):
            return " ".join(parts[:-1]), parts[-1]
        if len(parts) < 2 or sum(asks) != 1:
            return None
        question = parts.pop(asks.index(True))
        return " ".join(parts), question

    def _says_how_often(self, number: int, concepts: list[Concept], weights: list[float]) -> bool:
        """Whether a passage says how often, and of something the question names in a word of its own text."""
        named = [c for c, w in zip(concepts, weights) if w > 0]
        return bool(self._gives_frequency[number]) and bool(self.retriever.matched(number, named))

    def _with_earlier_turn(
        self, message: str, earlier: str, listed: str, words_score: np.ndarray, concepts: list[Concept], weights: list[float]
    ) -> tuple[np.ndarray, list[Concept], list[float], frozenset[int]]:
        """A follow-up's scores, concepts and weights, read with the earlier turn it leans on, and the subjects it
        is asked of. ``listed``: the turn whose answer "the second one" counts in."""
        tuning = self.tuning
        earlier_concepts = self.retriever.analyzer.concepts(earlier)
        earlier_weights = self._weights(earlier_concepts, self._topics(earlier)[1])
        informative = [set(c.stems) for c, w in zip(earlier_concepts, earlier_weights) if w > 0]
        own = {c.stems[0] for c in concepts}  # the message's own words: "give" may mean an infusion but names none
        plain = _plain(message)
        subjects, item = self._nth_item(plain, listed)
        subjects = subjects or self.subjects.leaned_on(plain, own, informative)
        asked = subjects or self.subjects.named(own)
        # "The other one", or "and mesenchymal ones?" after "what are hematopoietic stem cells", is not asked about the
        # subject named before: a word of the earlier turn that names only other subjects is dropped. "Why would
        # anyone pick it then" after "is AHSCT risky" asks the case for AHSCT, against the risk asked about: of the
        # earlier turn, only the words that name a subject count.
        whom_for = bool(_ASKS_WHOM_FOR.search(plain))
        names = [self.subjects.named(c.stems[:1]) for c in earlier_concepts]
        keep = [(not asked or not named or bool(named & asked)) and (bool(named) or not whom_for) for named in names]
        if not subjects and (whom_for or _WHO_IS_IT_FOR.search(plain)):
            # "Then who is it for" after "is AHSCT used for mild lupus" asks of the treatment named, whatever else
            # the earlier turn asked of it, where the article says whom that treatment is for.
            subjects = frozenset(
                n for named, k in zip(names, keep) if k for n in named if any(self._says_answer_words(i, ["whom_for"]) for i in self.subjects.about(frozenset({n})))
            )
        earlier_concepts = [c for c, k in zip(earlier_concepts, keep) if k]
        earlier_weights = [w for w, k in zip(earlier_weights, keep) if k]
        # The earlier turn's words add their own scores. The follow-up's meaning is its own ("how risky is it")
        # and read with the earlier question before it ("where do they come from" after "what are MSCs"), half each.
        meaning = (self._meaning(message) + self._meaning(f"{earlier} {message}")) / 2
        scores = words_score + tuning.history_weight * self._words(earlier_concepts) + meaning
        if subjects:
            scores[self.subjects.about(subjects)] *= 1 + tuning.subject_weight
        if subjects and not subjects & self.subjects.named(s for c in earlier_concepts for s in c.stems):
            # "The other one" names its subject only by pointing: the subject's name is what it asks about.
            named = self.retriever.analyzer.concepts(" ".join(self.subjects.subjects[n].name for n in sorted(subjects)))
            earlier_concepts, earlier_weights = earlier_concepts + named, earlier_weights + self._weights(named, set())
        if item is not None:
            # The item pointed at goes first, whatever else the words ("the 2nd one": two main approaches) bring level.
            scores[item] = max(scores[item] * (1 + tuning.subject_weight), np.nextafter(scores.max(), np.inf))
        # The earlier question's words count towards coverage too, at the same discount.
        return scores, concepts + earlier_concepts, weights + [w * tuning.history_weight for w in earlier_weights], subjects

    def _without_opposites(
        self, scores: np.ndarray, concepts: list[Concept], weights: list[float], named: frozenset[int], earlier: str | None
    ) -> np.ndarray:
        """Scores where, for a question about a named subject, passages under a heading that names the opposite
        of what is asked weigh less: "what are the benefits of AHSCT" is not answered by "Infection or
        complications from chemotherapy (in AHSCT)", which the subject's name alone brought level. So too for a
        follow-up that turns from the earlier turn's side to the other ("what are the benefits", "and the bad
        stuff?"), which the earlier turn's scores brought level."""
        opposites = self.retriever.analyzer.synonyms.opposites
        asked = {s for c, w in zip(concepts, weights) if w > 0 for s in c.stems}
        shunned = {opposites[s] for s in asked if s in opposites} - asked
        if not named:
            if not earlier:
                return scores
            shunned &= {s for c in self.retriever.analyzer.concepts(earlier) for s in c.stems}
        if not shunned:
            return scores
        under = [n for n, terms in enumerate(self._heading_terms) if terms & shunned and not terms & asked]
        scores = scores.copy()
        scores[under] *= 1 - self.tuning.opposite_penalty
        return scores

    def _without_siblings(self, scores: np.ndarray, named: frozenset[int]) -> np.ndarray:
        """Scores where the own passages of the subjects beside those named weigh less: "is the transplant
        experimental" is not answered by "[MSC infusion is] still experimental in many settings"."""
        siblings = self.subjects.siblings(named)
        if not siblings:
            return scores
        scores = scores.copy()
        scores[siblings] *= 1 - self.tuning.sibling_penalty
        return scores

    def _says_answer_words(self, number: int, kinds: list[str]) -> bool:
        """Whether a passage, or the list it introduces, contains any of the article's words for the answer to
        these kinds of question."""
        said = [c for kind in kinds for c in self._answer_words.get(kind, [])]
        return any(self.retriever.matched(n, said) for n in (number, *self._lists.get(number, ())))

    def _swapped_subject(self, text: str, earlier: str) -> str | None:
        """The earlier question asked again of the subject a follow-up turns to, when the follow-up asks nothing
        else: "and the transplant?" after "is MSC experimental" asks "is the transplant experimental"; "and the
        other one?" after "is the MSC infusion risky" asks it of AHSCT."""
        subjects = self.subjects
        own = words(text)
        if any(w not in _TURNING_WORDS and w.rstrip("s") not in POINTERS and not subjects.named((w, stem(w))) for w in own):
            return None
        said = words(earlier)
        naming = [subjects.named((w, stem(w))) for w in said]
        before = frozenset().union(*naming)
        earlier_concepts = self.retriever.analyzer.concepts(earlier)
        asked_of = self._weights(earlier_concepts, self._topics(earlier)[1])
        if _WHAT_IS.match(_plain(earlier)) and not _ASKS_FUNCTION.search(_plain(earlier)) and not any(w > 0 and not subjects.named(c.stems) for c, w in zip(earlier_concepts, asked_of)):
            return None  # "what is MSC" asked nothing of it but what it is ("what does AHSCT do" asks what it does)
        asked = subjects.named(w for word in own for w in (word, stem(word)))
        if asked:
            name = " ".join(w for w in own if subjects.named((w, stem(w))))
        else:
            informative = [{w, stem(w)} for w, named in zip(said, naming) if named]
            asked = subjects.leaned_on(text, (), informative) if OTHER.search(text) else frozenset()
            name = " ".join(subjects.shortest_name(n) for n in sorted(asked))
        if not before or not asked or before & asked:
            return None
        first = next(i for i, named in enumerate(naming) if named)
        return " ".join([*said[:first], name, *(w for w, named in zip(said[first:], naming[first:]) if not named)])

    def _nth_item(self, text: str, earlier: str) -> tuple[frozenset[int], int | None]:
        """The subject, or else the bullet, "the first kind" or "the second one" points to: an item of the list the
        earlier turn was answered by ("which types are used?": HSCs, MSCs), or of the sub-sections under the
        paragraph it was answered by, or shown side by side ("There are two main approaches ...:": AHSCT, MSC
        infusion)."""
        match = _ORDINAL.search(text)
        part = None if match else _PART.search(text)
        hits = self._answer(earlier, ()) if match or part else []
        if not hits:
            return frozenset(), None
        first = hits[0].passage
        number = self._numbers.get(first.id)
        if number is None or first.bullet:  # a whole list, or one of its bullets, or sub-sections side by side
            items = self._bullets.get((first.section, first.lead_in), [])
        elif number in self._lists:
            items = self._lists[number]
        else:
            items = []
        if part is not None:
            named = {s for c in self.retriever.analyzer.concepts(part.group("what")) for s in c.stems}
            saying = [i for i in items if named & self._list_terms(i)[1]]
            return frozenset(), saying[0] if len(saying) == 1 else None
        subjects: list[int | None] = [self.subjects.labelled(i) for i in items] if items else list(self.subjects.below(first.headings))
        nth = _NTH[match.group("nth")]
        if not -len(subjects) <= nth < len(subjects):
            return frozenset(), None
        if subjects[nth] is not None:
            return frozenset({subjects[nth]}), None
        return frozenset(), items[nth]

    def _article_words(self, text: str) -> list[Concept]:
        """The words of a text the corpus uses but not all over it: those that may name a step ("take ... out"
        may mean harvested)."""
        share = self.tuning.generic_share
        return [c for c in self.retriever.analyzer.concepts(text) if any(0 < self.retriever.document_frequency(s) <= share for s in c.stems)]

    def _next_step(self, text: str, earlier: str | None) -> int | None:
        """For a question about the step after (or before) one of a sequence of steps, that step's neighbour:
        "what happens after the chemo" is answered by the step after the chemo, and "then what?" by the step
        after the one the earlier turn told ("so first they collect my own cells")."""
        between = _BETWEEN.search(text)
        if not _STEP_CUE.search(text) and not between:
            return None
        step = between or _STEP.search(text)
        if step is not None and not self._article_words(step.group("step")):
            step = None  # "what's next after that": the step is the one told before
        if step is not None:
            told, way = step.group("step"), "after" if step is between else step.group("way")
        elif (then := _THEN.search(text)) is not None:
            # "So they harvest the cells... then what" tells the step itself, before it asks ("..., then what?? how
            # do you get it back"); "then what?" alone, the earlier turn.
            before = text[: then.start()]
            told, way = before if self._article_words(before) else _THEN.sub(" ", text), "after"
            if not self._article_words(told) and earlier:
                told = earlier
        else:
            return None
        named = self._article_words(told)
        # Only the steps the index scores best for those words need a look.
        if not named or not len(self._steps):
            return None
        scores = self.retriever.score(named)[self._steps]
        candidates = [int(self._steps[i]) for i in np.argsort(-scores, kind="stable")[:_STEPS_LOOKED_AT] if scores[i] > 0]
        # Each word's step is the first whose own words say it (a step is told where it happens; later steps
        # refer back to it: "the harvested stem cells").
        firsts = [min((n for n in candidates if any(s in self._list_terms(n)[1] for s in c.stems)), default=None) for c in named]
        firsts = [n for n in firsts if n is not None]
        if not firsts:
            return None
        if step is None or _SEVERAL.search(told):
            # The earlier turn told where the asker is ("they take my own cells and then give chemo"), or the
            # question named several steps ("after they collect the cells and give the chemo"): the last of them.
            anchor = max(firsts) if way == "after" else min(firsts)
        else:
            # The step named is the one most of the words say ("after the chemo": "undergoes chemotherapy").
            anchor = max(set(firsts), key=lambda n: (firsts.count(n), -n))
        steps = self._list_of(anchor)
        position = steps.index(anchor) + (1 if way == "after" else -1)
        if way == "after" and (to_what := _TO_WHAT_WAS_NAMED.search(text)) is not None:
            # "After they collect my cells, what happens to them": the next step that says what the step named
            # ("the harvested stem cells are then reintroduced"), past the chemotherapy between.
            said = {s for c in named for s in c.stems} & self._list_terms(anchor)[1]
            later = [n for n in steps[position:] if said & self._list_terms(n)[1]]
            if not later and to_what.group("pronoun"):
                # "Then what happens to them?" after "how do they get the cells": what the step named acts on,
                # which the earlier turn may have called by a word too common to count ("cells").
                said = self._list_terms(anchor)[1] - _PERSON
                later = [n for n in steps[position:] if said & self._list_terms(n)[1]]
            if later:
                return later[0]
        return steps[position] if 0 <= position < len(steps) else None

    def _prefer_covering(self, scores: np.ndarray, concepts: list[Concept], weights: list[float]) -> np.ndarray:
        """Scores where, of the passages within ``covering_band`` of the best, the one that contains most of the
        question's informative weight is the best: words found all over the corpus ("stem cell therapy for lupus")
        and closeness in meaning can bring a passage level with the one that names what is asked ("GVHD")."""
        best = scores.max()
        close = np.flatnonzero(scores >= self.tuning.covering_band * best)
        if best <= 0 or len(close) < 2:
            return scores

        def contained(number: int) -> float:
            found = self._matched(number, concepts)
            return sum(w for c, w in zip(concepts, weights) if c.surface in found)

        first = max(close, key=lambda n: (contained(int(n)), scores[n]))
        if scores[first] < best:
            scores = scores.copy()
            scores[first] = np.nextafter(best, np.inf)
        return scores

    def _score(self, concepts: list[Concept]) -> np.ndarray:
        """Each passage's BM25 score plus the mean score of its best few views (its questions and sentences)."""
        scores = self.retriever.score(concepts)
        if self.views is None:
            return scores
        index, owner, sizes = self.views
        view_scores = index.score(concepts)
        touched = np.flatnonzero(view_scores)  # the views the question shares no word with score 0
        best = mean_of_best(view_scores[touched], owner[touched], sizes, self.tuning.view_votes)
        return scores + self.tuning.view_weight * best

    def _words(self, concepts: list[Concept], told: Sequence[Concept] = ()) -> np.ndarray:
        """Word scores, the words of a story ``told`` around the question at ``story_weight``; with sentence
        vectors, as a share of the best passage's, so that 1 is the best match on either scale and neither
        drowns the other."""
        scores = self._score(concepts)
        if told:
            scores = scores + self.tuning.story_weight * self._score(list(told))
        if self.semantic is None:
            return scores
        best = scores.max()
        return scores / best if best > 0 else scores

    def _meaning(self, text: str) -> np.ndarray | float:
        """How close in meaning each passage is to ``text``, weighted (nothing without sentence vectors)."""
        if self.semantic is None:
            return 0.0
        return self.tuning.semantic_weight * np.maximum(self.semantic.similarity(text), 0.0)

    def _matched(self, number: int, concepts: list[Concept]) -> set[str]:
        """Query concepts found in a passage or in its views."""
        matched = set(self.retriever.matched(number, concepts))
        terms = self._question_terms.get(number, frozenset())
        return matched | {c.surface for c in concepts if any(s in terms for s in c.stems)}

    def _expand_lead_in(self, order: list[int], scores: np.ndarray) -> list[int]:
        """A list's lead-in ("Ideal candidates ... include:") answers nothing alone: its bullets stand in for it.

        A paragraph that says more before its lead-in answers questions itself and stays.
        """
        passages = self.retriever.passages
        expanded: list[int] = []
        for number in order:
            bullets = self._lists.get(number, [])
            if not bullets or passages[number].text != passages[bullets[0]].lead_in:
                bullets = [number]
            bullets = sorted(bullets, key=lambda i: (-scores[i], i))
            expanded.extend(i for i in bullets if i not in expanded)
        return expanded

    def _about_list(self, number: int, concepts: list[Concept], weights: list[float]) -> bool:
        """Whether the question asks about a bullet's list as a whole ("what are the risks"): its informative
        words are in the list's heading or lead-in and none of its topic words in the bullet's own text (a
        common word such as "who", in "Patients who have access...", names no topic)."""
        passage = self.retriever.passages[number]
        if not passage.bullet:
            if number not in self._lists:
                return False
            # A paragraph that ends in a list's lead-in: what it says before the lead-in, in words the lead-in
            # does not use, is its own text.
            heading = self._list_terms(self._lists[number][0])[0]
            own = frozenset(self.retriever.analyzer.tokens(" ".join(passage.sentences[:-1]))) - heading
        else:
            heading, own = self._list_terms(number)
        informative = [c for c, w in zip(concepts, weights) if w > 0]
        topical = [c for c, w in zip(concepts, weights) if w > self.tuning.common_word_weight]
        return any(heading.intersection(c.stems) for c in informative) and not any(c.stems[0] in own for c in topical)

    def _list_asked_about(
        self, text: str, earlier: str | None, number: int, concepts: list[Concept], weights: list[float], leaned: frozenset[int]
    ) -> list[int] | None:
        """The bullets of the list a question asks about as a whole, if it does: the list that makes up a subject's
        sub-section when it asks how the subject is done ("how does MSC infusion work") or points to it ("tell me
        more about the second one"), the list whose heading or lead-in it names ("what are the risks"), or the
        rest of the list that answered the earlier turn ("what else")."""
        subject_list = self._subjects_list(text, earlier, number, concepts, weights, leaned)
        if subject_list:
            return subject_list
        if not _ORDINAL.search(text) and self._about_list(number, concepts, weights):
            return self._list_of(self._lists[number][0] if number in self._lists else number)
        return self._rest_of_list(text, earlier)

    def _subjects_list(
        self, text: str, earlier: str | None, number: int, concepts: list[Concept], weights: list[float], leaned: frozenset[int]
    ) -> list[int] | None:
        """The list that makes up the sub-section of the subject a question asks how is done or points to: the
        subject pointed to or named, or else the one whose list holds the best passage; none when "the other
        kind" may be either of two (the other kind of cell, or of treatment)."""
        if not (_ASKS_PROCESS.search(text) or (earlier is not None and self._points_to_a_subject(text, earlier, concepts, weights))):
            return None
        sections = self.subjects.sections
        named = self.subjects.named(s for c in concepts for s in c.stems)
        # "And mesenchymal ones?" after "what are hematopoietic stem cells" names the cells, not the infusion.
        before = {self.subjects.subjects[n].family for n in self.subjects.named(self.retriever.analyzer.tokens(earlier or ""))}
        named = {n for n in named if not before or self.subjects.subjects[n].family in before} & sections
        candidates = sorted(leaned) or sorted(named) or sorted(self.subjects.subjects_of(number) & sections)
        if len(candidates) > 1 and not OTHER.search(text):
            candidates = [n for n in candidates if n in sections]  # "tell me more" after "what is an MSC infusion"
        if len(candidates) != 1:
            return None
        subject = self.subjects.subjects[candidates[0]]
        bullets = self._list_of(min(subject.passages)) if self.retriever.passages[min(subject.passages)].bullet else []
        if frozenset(bullets) == subject.passages and not self._asks_more_than(subject.terms | _PROCESS, concepts, weights):
            return bullets
        return None

    def _rest_of_list(self, text: str, earlier: str | None) -> list[int] | None:
        """"What else can it do?" after "can it get me off steroids": the list one of whose bullets (or which,
        whole) answered the earlier turn, when the follow-up asks nothing more of its own."""
        if earlier is None or not _ELSE.search(text):
            return None
        rest = self.retriever.analyzer.concepts(_DOES_ELSE.sub(" ", _ELSE.sub(" ", _BESIDES.sub(" ", text))))
        if self._asks_more_than(frozenset(), rest, self._weights(rest, set())):
            return None
        first = (self._answer(earlier, ()) or [None])[0]
        if first is None or not (first.passage.bullet or first.passage.id not in self._numbers):
            return None
        return self._bullets[(first.passage.section, first.passage.lead_in)]

    def _asks_more_than(self, terms: frozenset[str], concepts: list[Concept], weights: list[float]) -> bool:
        """Whether a question has informative words besides these terms and the words that point to a subject."""
        named = [c for c, w in zip(concepts, weights) if w > self.tuning.common_word_weight]
        return any(not (terms | _POINTING).intersection(c.stems) for c in named)

    def _points_to_a_subject(self, text: str, earlier: str, concepts: list[Concept], weights: list[float]) -> bool:
        """"Tell me more about the second one" after "what are the two main approaches", or "and the other
        approach?" or "what about MSC" after "how does the autologous transplant work": a follow-up that points to
        or names a subject and asks nothing else, after a turn that listed the subjects or asked about one as a
        whole (not "what are the risks of AHSCT")."""
        if _ORDINAL.search(text):
            return True
        terms = self.subjects.terms
        names = self.subjects.named(s for c in concepts for s in c.stems)
        if not (OTHER.search(text) or _MORE.search(text)) and not (names and not self._asks_more_than(terms, concepts, weights)):
            return False
        asked = self.retriever.analyzer.concepts(earlier)
        return not self._asks_more_than(terms | _PROCESS, asked, self._weights(asked, set()))

    @lru_cache(maxsize=4096)  # noqa: B019 - one engine per process, passages never change
    def _list_terms(self, number: int) -> tuple[frozenset[str], frozenset[str]]:
        """A bullet's stems: those of its heading and lead-in, less the name of its subject (a question that names
        AHSCT asks about AHSCT, not about the whole list under its heading), and those of its own text."""
        passage, tokens = self.retriever.passages[number], self.retriever.analyzer.tokens
        heading = frozenset(tokens(f"{passage.headings[-1]} {passage.lead_in}")) - self.subjects.names_of(number)
        return heading, frozenset(tokens(passage.text))

    def _list_of(self, number: int) -> list[int]:
        """The bullets of the list a bullet belongs to, in reading order."""
        p = self.retriever.passages[number]
        return self._bullets[(p.section, p.lead_in)]

    def _compared(self, text: str, concepts: list[Concept], weights: list[float]) -> list[int]:
        """The subjects a question asks the difference between, and nothing else ("price range msc vs ahsct" asks
        the price): two or more siblings it names ("AHSCT vs MSC" names the two treatments; "HSC vs MSC" the two
        kinds of cell), in reading order; none when it names as many of another family (then which it asks
        about is not clear)."""
        if not _DIFFERENCE.search(text) or self._asks_more_than(self.subjects.terms | _DIFFERENCE_WORDS, concepts, weights):
            return []
        families: dict[tuple[str, ...], list[int]] = {}
        for n in self.subjects.named(s for c in concepts for s in c.stems):
            families.setdefault(self.subjects.subjects[n].family, []).append(n)
        sizes = sorted((len(members) for members in families.values()), reverse=True)
        if not sizes or sizes[0] < 2 or len(sizes) > 1 and sizes[1] == sizes[0]:
            return []
        members = max(families.values(), key=len)
        return sorted(members, key=lambda n: min(self.subjects.subjects[n].passages))

    def _introduces_treatments(self, question: str) -> bool:
        """Whether a question is answered best by the passage that introduces the treatments ("what are the two
        main options"), so that "which one" after it asks which treatment."""
        concepts = self.retriever.analyzer.concepts(question)
        return bool(concepts) and bool(self._introduced_subjects(int(np.argmax(self._words(concepts) + self._meaning(question)))))

    def _introduced_subjects(self, number: int) -> list[int]:
        """The subjects of the sub-sections a passage does nothing but introduce ("There are two main approaches
        ...:"), which answer in its place; none for any other passage."""
        passage = self.retriever.passages[number]
        below = [] if passage.bullet else self.subjects.below(passage.headings)
        firsts = [self.retriever.passages[min(self.subjects.subjects[n].passages)] for n in below]
        return below if firsts and all(p.lead_in == passage.text for p in firsts) else []

    def _side_by_side(self, subjects: list[int]) -> Passage:
        """Sibling subjects as one passage: the list they are labels of, or the lead-in that introduced their
        sub-sections with each sub-section's list under its sub-heading."""
        firsts = [min(self.subjects.subjects[n].passages) for n in subjects]
        first = self.retriever.passages[firsts[0]]
        if self.subjects.subjects[subjects[0]].family[0] == "label":
            return self._whole_list(firsts[0])
        blocks = [first.lead_in] + [self._block(self._list_of(number)) for number in firsts]
        return Passage(first.id.rsplit("/", 1)[0] + "/compared", " / ".join(self.retriever.passages[n].section for n in firsts), "\n\n".join(b for b in blocks if b), first.source, first.headings[:-1], first.lead_in)

    @lru_cache(maxsize=256)  # noqa: B019 - one engine per process, passages never change
    def _whole_list(self, number: int) -> Passage:
        """A bullet's whole list as one passage: its lead-in, then each bullet, as the chat window shows it."""
        bullets = self._list_of(number)
        first = self.retriever.passages[bullets[0]]
        return Passage(first.id.rsplit("-", 1)[0] + "-list", first.section, self._block(bullets), first.source, first.headings, first.lead_in)

    def _block(self, bullets: list[int]) -> str:
        """Bullets under their list's lead-in, or under their sub-heading when the lead-in introduced the sub-sections
        ("There are two main approaches ...:" above "### Autologous ... (AHSCT)")."""
        first = self.retriever.passages[bullets[0]]
        title = first.lead_in if (first.section, first.lead_in) in self._introduced or len(first.headings) < 3 else first.headings[-1]
        return "\n".join(([title] if title else []) + [f"• {self.retriever.passages[i].text}" for i in bullets])

    def _reply_text(self, hits: list[Hit]) -> str:
        """What a chat window shows: the best passage, and the second when it scores almost as well.

        Bullets stand under their list's lead-in; when most of the hits come from one list, the whole list is
        shown, in reading order.
        """
        first = hits[0].passage
        if first.id not in self._numbers:
            return first.text  # a whole list
        same_list = [h for h in hits if h.passage.bullet and (h.passage.section, h.passage.lead_in) == (first.section, first.lead_in)]
        if first.bullet and len(same_list) >= 2:
            return self._block(self._list_of(self._numbers[first.id]))
        blocks: list[str] = []
        for p in (h.passage for h in hits[:2] if h.score >= self.tuning.near_tie * hits[0].score):
            number = self._numbers[p.id]
            if p.bullet:
                blocks.append(self._block([number]))
            elif number in self._lists:
                # A paragraph that ends by introducing a list ("... include:") brings its list along.
                blocks.append("\n".join([p.text] + [f"• {self.retriever.passages[i].text}" for i in self._lists[number]]))
            else:
                blocks.append(p.text)
        return "\n\n".join(blocks)

    def _earlier_turn(self, history: Sequence[str]) -> str | None:
        """The most recent earlier message that asked or told something of the article: not small talk, not an
        emergency, not a reaction with no word of the article ("That's a lot."). A story told over several
        messages ("my mom has lupus and it's affecting her brain", "her rheumatologist mentioned stem cells") is
        read whole, back to the last question, and a turn that leans on the one before it with that one, up to
        ``_STORY_TURNS`` messages."""
        turns = (t for t in reversed(history) if self._of_the_article(t))
        told: list[str] = []
        for turn in turns:
            if told and (len(told) == _STORY_TURNS or (any(_QUESTION.search(_plain(t)) for t in (told[0], turn)) and not _LEANS_BACK.search(_plain(told[0])))):
                break
            told.insert(0, turn)
        return " ".join(told) or None

    def _listing_turn(self, history: Sequence[str]) -> str | None:
        """The latest earlier message of the article that did not itself point into a list: after "what are the
        ways?" and "tell me about the first one", "and the second one?" counts in the list of ways."""
        return next((t for t in reversed(history) if self._of_the_article(t) and not _ORDINAL.search(_plain(t))), None)

    def _of_the_article(self, turn: str) -> bool:
        """Whether an earlier message asked or told something of the article."""
        return isinstance(turn, str) and bool(turn.strip()) and not smalltalk_kind(turn) and self._knows_a_word(turn) and not self.is_emergency(turn)

    def _knows_a_word(self, text: str) -> bool:
        return any(self.retriever.knows(s) for c in self.retriever.analyzer.concepts(text) for s in c.stems)

    def _weights(self, concepts: list[Concept], topic_words: set[str]) -> list[float]:
        """How much each concept (and each out-of-scope topic) says about what is asked.

        Words found all over the corpus (lupus, stem, cell) say nothing; everyday English words say little;
        the words that name an out-of-scope topic are weighed as the topic, by ``_topics``.
        """
        retriever, tuning = self.retriever, self.tuning
        weights = []
        for concept in concepts:
            surface = concept.surface.split()
            zipf = _zipf(surface)
            own = concept.stems[0]
            if topic_words.intersection(surface) or own in _ONLY_POINTING:
                weights.append(0.0)
            elif retriever.knows(own):
                share = retriever.document_frequency(own)
                weights.append(0.0 if share > tuning.generic_share else tuning.common_word_weight if zipf >= 5.5 else 1.0)
            elif self._knows_view(own):
                # Not in the article, but in the questions it answers: a word people use for its topics.
                weights.append(0.0 if zipf >= 5.5 else tuning.view_word_weight)
            else:
                # A word the article does not use (it may still match through a synonym or a listed question):
                # an everyday word says little, a rare one names a topic.
                weights.append(tuning.everyday_word_weight if zipf >= tuning.everyday_zipf else tuning.uncommon_word_weight if zipf >= tuning.everyday_zipf - 1 else tuning.rare_word_weight)
        return weights

    def _knows_view(self, term: str) -> bool:
        return self.views is not None and self.views[0].knows(term)

    def _topics(self, message: str) -> tuple[int, set[str]]:
        """How many out-of-scope topics the message asks about (three drug names are one topic), and the words
        that name them. A topic told as the asker's history ("I've tried methotrexate and rituximab", "been on
        hydroxy, mycophenolate, rituximab, nothing has worked") is not asked about. How long something takes
        is a topic of its own."""
        found = self.retriever.analyzer.corrected(message).split()  # "pregnent" is "pregnant"
        stems = [stem(w) for w in found]
        spans, covered = [], set()  # (first word, past the last word, group) of each topic named
        start = 0
        while start < len(stems):
            for n in range(min(self._longest_topic, len(stems) - start), 0, -1):
                group = self.out_of_scope.get(tuple(stems[start : start + n]))
                if group is not None:
                    spans.append((start, start + n, group))
                    covered.update(found[start : start + n])
                    start += n
                    break
            else:
                start += 1
        asks_route = bool(_ASKS_ROUTE.search(_plain(message)))
        if not _ASKS_PRICE.search(" ".join(found)):
            spans = [span for span in spans if span[2] not in _PRICED_TOPICS]
        groups = set()
        first = 0
        while first < len(spans):
            last = first  # topics joined by list words ("hydroxy, mycophenolate and rituximab") are told together
            while last + 1 < len(spans) and all(w in _LIST_WORDS for w in found[spans[last][1] : spans[last + 1][0]]):
                last += 1
            begin, end = spans[first][0], spans[last][1]
            told = (
                _HISTORY_CUE.search(" ".join(found[max(0, begin - 8) : begin]))
                or _NOT.search(" ".join(found[max(0, begin - 3) : begin]))
                or _MATTERS.search(" ".join(found[max(0, begin - 2) : begin]))
                or _DID_NOT_WORK.match(" ".join(found[end : end + 6]))
                or _DOES_TO_ME_AFTER.match(" ".join(found[end : end + 4]))
                or _DOES_TO_ME_BEFORE.search(" ".join(found[max(0, begin - 5) : begin]))
                or (
                    all(group == "drugs" for _, _, group in spans[first : last + 1])
                    and found[begin - 1 : begin] == ["on"]
                    and not _ON_ASKS.intersection(found[max(0, begin - 2) : begin - 1])
                )
                or (_CHOICE_BEFORE.search(" ".join(found[max(0, begin - 4) : begin])) and _CHOICE_AFTER.match(" ".join(found[end : end + 1])))
                or (
                    _OTHER_SIDE.search(" ".join(found[max(0, begin - 5) : begin]))
                    and _ASKS_EITHER.search(" ".join(found[max(0, begin - 16) : begin]))
                    and all(group in _ALTERNATIVES for _, _, group in spans[first : last + 1])
                )
                or _KIND_OF_PLACE.search(" ".join(found[end : end + 8]))
                or (all(group == "clinics" for _, _, group in spans[first : last + 1]) and _NEAR_PLACE.search(" ".join(found[max(0, begin - 4) : begin])))
                or (_WHICH_PLACE.fullmatch(" ".join(found[begin:end])) and _OFFER_IT.match(" ".join(found[end : end + 3])) and not _JUDGED.search(" ".join(found)))
                or (
                    all(_CANCERS.issuperset(stems[b:e]) for b, e, _ in spans[first : last + 1])
                    and _BESIDE_LUPUS.search(" ".join(found[:begin] + found[end:]))
                    and (_USUAL_USE_BEFORE.search(" ".join(found[max(0, begin - 7) : begin])) or _USUAL_USE_AFTER.match(" ".join(found[end : end + 4])))
                )
                or (asks_route and _ROUTE_GUESS.fullmatch(" ".join(found[begin:end])))
                or (_AGE_NAMED.fullmatch(" ".join(found[begin:end])) and _told_age(found[max(0, begin - 3) : begin], found[end : end + 1]) >= _ADULT)
                or (
                    _TIME_UNIT.fullmatch(found[end - 1])
                    and (
                        _DURATION.search(" ".join(found[max(0, begin - 5) : begin]))
                        or _AWAY.match(" ".join(found[end : end + 2]))
                        or _POINT_IN_TIME_BEFORE.search(" ".join(found[max(0, begin - 2) : begin]))
                        or _AGO.match(" ".join(found[end : end + 1]))
                        or _RECURRING.search(" ".join(found[max(0, begin - 8) : end]))
                    )
                )
            )
            if not told:
                groups.update(group for _, _, group in spans[first : last + 1])
            first = last + 1
        if _ASKS_DURATION.search(" ".join(found)):
            groups.add("duration")
        return len(groups), covered

    def _coverage(self, concepts: list[Concept], weights: list[float], uncovered: float, scores: np.ndarray) -> float:
        """Share of the question's informative weight that its best passage contains (a list's lead-in with its
        bullets, which stand in for it).

        An everyday word the passage lacks ("my mom", "pretty sure", "actually") counts only as much as
        ``unmatched_everyday`` says: people wrap questions in such words, and they name no other topic.
        """
        best = int(np.argmax(scores))
        found = set().union(*(self._matched(n, concepts) for n in {best, *self._expand_lead_in([best], scores)}))
        matched = missing = 0.0
        for concept, weight in zip(concepts, weights):
            if concept.surface in found:
                matched += weight
            elif _zipf(concept.surface.split()) >= self.tuning.everyday_zipf:
                missing += weight * self.tuning.unmatched_everyday
            else:
                missing += weight
        total = matched + missing + uncovered
        if total == 0:
            # Only words that ask ("where can you get it", "how much is it"): covered when the passage uses them,
            # or says in its own words what they ask for ("available", "cost").
            said = frozenset(self.retriever.analyzer.tokens(self.retriever.passages[best].search_text))
            return 1.0 if any(self.retriever.knows(c.stems[0]) or said.intersection(c.stems[1:]) for c in concepts) else 0.0
        return matched / total


def _zipf(surface: list[str]) -> float:
    """How common in English the commonest of these words is (Zipf scale); a number counts as an everyday word
    ("I'm 70", "for 12 years"): the quantities the article does not give are named by out-of-scope topics."""
    frequencies = english_frequencies()
    return max((_NUMBER_ZIPF if w.isdigit() else frequencies.get(w, 0.0) for w in surface), default=0.0)


def _told_age(before: list[str], after: list[str]) -> int:
    """The age told around words that name an age ("74 years of age", "aged 80"); 0 when none is told."""
    number = _AGE_NUMBER_BEFORE.search(" ".join(before))
    if number:
        return int(number.group("age"))
    return int(after[0]) if after and after[0].isdigit() else 0


def load_answer_words(path: Path) -> dict[str, str]:
    """The article's words for the answer to each kind of question, from ``path`` ("kind: words" lines). No
    file, no words."""
    kinds: dict[str, str] = {}
    for kind, text in _named_lines(path):
        kinds[kind] = f"{kinds.get(kind, '')} {text}".strip()
    return kinds


def _topic_phrases(lines: list[tuple[str, str]]) -> dict[tuple[str, ...], str]:
    """Out-of-scope topics from "group: phrase, phrase" lines: each phrase as stems -> its group's name."""
    topics = {}
    for group, phrases in lines:
        topics.update((tuple(stem(w) for w in words(p)), group) for p in phrases.split(","))
    return {phrase: group for phrase, group in topics.items() if phrase}


def _named_lines(path: Path) -> list[tuple[str, str]]:
    """The "name: text" lines of an optional side file of the corpus, without ``#`` comments."""
    if not path.exists():
        return []
    lines = (raw.split("#", 1)[0] for raw in read_text(path).splitlines())
    return [(name.strip(), text.strip()) for name, _, text in (line.partition(":") for line in lines if ":" in line)]


def _view_index(retriever: Retriever) -> tuple[Retriever, np.ndarray, np.ndarray] | None:
    """A BM25 index over short views of the passages, each view's passage number and each passage's view count.

    The views are the questions listed for a passage and, for a passage of several sentences, each
    sentence: a question that matches one of them well is not drowned by the rest of a long paragraph.
    """
    corrected = retriever.analyzer.corrected
    views = [
        (number, Passage(f"{p.id}?{n}", p.section, text, p.source))
        for number, p in enumerate(retriever.passages)
        for n, text in enumerate((*map(corrected, p.questions), *p.sentences))
    ]
    if not views:
        return None
    index = Retriever([view for _, view in views], retriever.analyzer, retriever.variant)
    owner = np.array([number for number, _ in views])
    return index, owner, np.bincount(owner, minlength=retriever.doc_count)


def _bullets(passages: list[Passage]) -> dict[tuple[str, str], list[int]]:
    """Each list, as (section, lead-in) -> the numbers of its bullets in reading order."""
    bullets: dict[tuple[str, str], list[int]] = {}
    for number, p in enumerate(passages):
        if p.bullet:
            bullets.setdefault((p.section, p.lead_in), []).append(number)
    return bullets


def _lists(passages: list[Passage], bullets: dict[tuple[str, str], list[int]]) -> dict[int, list[int]]:
    """Passage number of each paragraph that ends in a list's lead-in -> the bullets it introduces in its section."""
    last_sentence = {number: (p.section, (p.sentences or (p.text,))[-1]) for number, p in enumerate(passages) if not p.bullet}
    return {number: bullets[key] for number, key in last_sentence.items() if key[1] and key in bullets}


def _related(hits: list[Hit]) -> tuple[str, ...]:
    """Suggested next questions about other parts of the article."""
    return _suggestions_outside(hits[0].passage.section)


@lru_cache(maxsize=1024)
def _suggestions_outside(section: str) -> tuple[str, ...]:
    section = section.lower()
    return tuple(s for s in messages.SUGGESTIONS if not any(w in section for w in words(s) if len(w) > 4))[:3]

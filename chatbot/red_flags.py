"""Red flags: messages that report a medical emergency or a risk of suicide or self-harm, in patterns per kind.

A red flag counts where it is reported; not where it is recalled ("my sister tried to kill herself years
ago"), imagined ("if I ever feel suicidal"), asked about in general ("is vomiting blood a known side
effect?") or said as a figure of speech ("this wait is killing me"). Suicide is often said without any one
telling phrase, by two of its signs together: the means, a farewell, the act, a time set.
"""

from __future__ import annotations

import re

from .text import Speller, normalize, words

_SELF = r"(my|him|her|them|your|our)sel(f|ves)"
_WHO = r"(my|his|her|their|your)"

# Red flags: someone (the writer or a person they describe) may be in danger now.
# Medicines and household poisons a child may get into (names a lupus patient keeps at home among them).
_MEDICINES = (
    r"pills?|tablets?|capsules?|meds|medicines?|medications?|drugs?|prescriptions?|bleach|cleaners?|detergent|chemicals?|poison|batter(y|ies)"
    r"|methotrexate|prednisone|prednisolone|steroids?|hydroxychloroquine|plaquenil|cellcept|mycophenolate|azathioprine|imuran|tacrolimus"
    r"|tylenol|acetaminophen|paracetamol|ibuprofen|advil|motrin|aspirin|naproxen|opioids?|oxycodone|xanax|insulin|iron|vitamins"
)
_PILLS = r"(pills|tablets|meds|medications?|medicines?|prescriptions?|painkillers)"
# Someone else's medicine: "took my mum's pills" is no dose of one's own.
_SOMEONE_ELSES = r"((grand)?(ma|pa|mom|mum|mother|dad|father)'?s|(my|his|her|their) (\w+ )?(mom|mum|mother|dad|father|grandma|grandpa|wife|husband|partner|sister|brother|roommate|friend|son|daughter)'?s)"
_RED_FLAGS = [
    # suicide and self-harm
    r"suicid\w*|kill(ing)? " + _SELF + r"|end(ing)? (it all|my life|(his|her|their) life|things)|take (my|his|her) (own )?life",
    r"(want|wanted|wants|wanna|going|gonna|plan|planning|thinking|think|thought|tempted|ready) (to |of |about )?(die|dying|be dead|hurt " + _SELF + r"|harm " + _SELF + r"|cut " + _SELF + r")",
    (
        r"i (won'?t|wont|will not) be (around|here|alive) to see|i (won'?t|wont|will not) be alive (for|when|by|much longer)|i (won'?t|wont|will not) be (around|here) (much longer|for long|anymore|any more)|"
        r"end it (tonight|today|now|soon)|end everything|(would|will|wouldn'?t) (even )?miss me if i|everyone would be better off|want to disappear|better off dead|better off without me|no reason to (live|go on)|(don'?t|do not|dont) want to (live|be alive|be here|exist|wake up)|can'?t go on|not worth living"
    ),
    r"self[- ]?harm\w*|(cut|cutting|hurt|hurting|harm|harming|burn|burning|hang|hanging|shoot|shooting|drown|drowning|stab|stabbing|poison|poisoning) " + _SELF,
    # overdose and poisoning
    r"over ?dos(e|ed|ing)\b(?! on (candy|sugar|chocolate|sweets|caffeine|coffee|netflix|tv|junk))|\bod'?d\b|(been|was|got|is|am|i'?m|think i'?m) poisoned|poisoning|drank (bleach|antifreeze|cleaner)|swallowed (some |a few |a bunch of |a lot of )?(pills|tablets|meds|medicine)",
    # Taking all of one's pills is a day's doses, unless all at once, or all of a kind kept for sleep or pain.
    r"(took|taken|take|swallowed|ate|drank|had) .{0,30}(too many|too much|whole bottle|a bottle|entire bottle|handful"
    r"|all (of )?(my|his|her|their|the) (\w+ )?(\w+ )?(" + _MEDICINES + r")( \w+){0,3} (at once|in one go|together|at the same time)"
    r"|all (of )?(my|his|her|their|the) (sleeping|sleep|pain|anxiety|heart|blood pressure|seizure) " + _PILLS + r")",
    r"(too many|whole bottle|handful|bunch|lots|a lot) (of )?(\w+ )?(pills|tablets|meds|medication|medicine|sleeping pills|painkillers)",
    r"(ate|got into) (my|his|her|their|the|grandma'?s|mom'?s|dad'?s) (\w+ )?(pills|tablets|meds|medication|medicine)",
    r"(swallowed|took) (some |a few |a bunch |a handful )?(of )?" + _SOMEONE_ELSES + r" (\w+ )?" + _PILLS + r"|(took|swallowed|plus|and) (some|a few|a bunch|a handful) of " + _SOMEONE_ELSES + r"(?=\s*(by|and|plus|too|as well|$)\b|\s*[,.!?])"
    # several times the dose: "took like 3x my meds"
    r"|(took|taken|swallowed|had) .{0,20}\b([3-9]|[1-9]\d|three|four|five|ten|triple) ?(x|times) (my|the|his|her|their) (usual |normal |prescribed |daily )?(dose|doses|meds|pills|tablets|medications?|medicines?)",
    # breathing
    r"(can'?t|cant|cnt|cannot|could ?n'?t|can not|unable to|struggling to|hard to|trouble|difficulty|not|isn'?t|stopped|barely) ?(breath|breathe|breathing|get (any )?air|catch (my|his|her|their) breath)",
    r"gasping|choking|turning blue|(lips|face) (are |is |turning )?(blue|grey|gray)|throat (is )?(closing|swelling)|anaphyla\w*",
    # loss of consciousness
    (
        r"unconscious|(is|was|'s|totally|completely|became|went|now|and) unresponsive|"
        r"(he|she|he'?s|she'?s|hes|shes|they|they'?re|baby|husband|wife|mom|mum|dad|son|daughter|kid|child|friend|grandma|grandpa|brother|sister|partner) (\w+ )?(won'?t|wont|doesn'?t|is not|isn'?t|will not|not) respond(ing)?\b(?! (to|well))|can'?t stay awake|barely (conscious|awake)|faint(ing|ed)?|passed out|pass(ing)? out|fainted|collapsed|blacked out|(won'?t|can'?t|cannot|not) wake|lost consciousness|losing consciousness"
    ),
    # seizures
    r"(is |are |'s |am |'m )?(having|had just|just had) (a |another )?(seizure|fit|convulsion)|seizing|convuls\w*|fitting|shaking uncontrollably",
    # stroke
    r"(is |are |'s )?having a stroke|face (is )?(droop\w*|drop\w*|numb|lopsided)|slurr(ed|ing)|speech (is )?(slurred|garbled)|can'?t (speak|talk|move (my|his|her|their) (arm|leg|side))",
    r"(left|right|one) side .{0,40}(weak|numb|droop|paraly)|sudden(ly)? .{0,40}(weak|numb|paraly|droop|can'?t see|blind|confused|worst headache)",
    r"worst headache (of|in) (my|his|her) life|hit (my|his|her) head .{0,30}(confused|not making sense|vomit|won'?t wake|passed out)|not making (any )?sense",
    # heart
    r"(is |are |'s )?having a heart attack|(crushing|severe|sharp|bad|tight|heavy|squeezing) (chest|pain in (my|his|her|the) chest)|chest (pain|pains|tightness|hurts|is tight|pressure)|pain in (my|his|her|the) chest|(clutching|clutches|grabbing|holding) (my|his|her|their) chest|chest feels (tight|heavy|crushed)|heart (is )?racing",
    r"short(ness)? of breath|blood in (my|his|her|the) (vomit|stool|urine)|uncontroll(ed|able) bleeding",
    # bleeding
    r"bleeding (really |very |so |too )?(heavily|badly|loads|lots|tons|heaps|a lot|so much|won'?t stop|that won'?t stop|wont stop|everywhere|profusely|nonstop|non stop)|(won'?t|wont|doesn'?t|can'?t) stop bleeding|bleeding .{0,25}(won'?t|wont|doesn'?t|will not|not) stop|severe bleeding|(lots|lot|pool) of blood|blood everywhere|(coughing|cough|coughed|coughs|vomiting|vomited|throwing|threw|spitting|spat|puking|puked) (up )?((a )?(lots?|loads?|bits?|little|some|bunch|tons?|fair bit|load) (of )?)?(bright )?(red )?blood",
    # suicide and self-harm, said indirectly
    r"can'?t (do|take) (this|it) any ?more|want (it all|everything|the pain|this|it) to (stop|end|be over)|(don'?t|dont|do not|can'?t|cant) see (the|a|any) point (any ?more|in (anything|living|going on|life))|give up for good|(what'?s|whats|there'?s no|no) (the )?point( in| of)? (living|going on|anymore|trying)|see the point (in|of) living",
    r"(pills|meds|tablets) (saved|stored|stockpiled|hidden) up|(saving|saved|stockpiling|hoarding) (up )?(all )?(my |his |her )?(pills|meds|tablets)|(pills|meds|tablets) to end (it|my life|things|everything)|enough (pills|meds|tablets) to|how many (of )?(my |his |her )?(pills|tablets|meds) (it )?(would|will) (take|kill)|(has|have|got|bought) a gun|(the |a )?rope (is )?ready|have the rope",
    r"goodbye (everyone|everybody|all|world|forever)|this is (the )?(last|final) (time|message|goodbye)|wrote (a |my )?(note|letters?|goodbye)|texted (me )?goodbye",
    r"(i'?m|i am|feel like) a burden|burden (to|on) (everyone|my family|them)|better off (if i (was|were) (dead|gone)|without me)|wish i (was|were) dead|wish i('?d| would| could)? (just )?die|(die|dying) in my sleep",
    r"not (planning|going|intending|planning on|going to) (on |to )?wak(e|ing) up|(never|not|don'?t) wake up (again|tomorrow|ever)|go to sleep (forever|and never)|sleep forever|stop existing|not (to )?exist any ?more|want to die|((i'?m|im|i am) (going to|gonna)|want to|i'?ll|i will) end it\b|end it (all|tonight|today|now|soon)",
    (
        r"(about to|going to|gonna) do something (i can'?t take back|stupid|drastic|final)|something i can'?t take back|(make|making) (myself|him ?self|her ?self) disappear|disappear (permanently|forever|for good)"
        r"|would it take to (stop (my|his|her) heart|kill|die|end it)|stop (my|his|her) heart|(don'?t|dont|do not) think i'?ll be (around|here|alive)|affairs (are )?in order|(opened|cut|slit|slashed) (my|his|her) wrists?"
        r"|(want|wanna|wants) to stop living|stop the pain (permanently|forever|for good)|took \d+ of (my|his|her|the) \w+"
    ),
    r"jump(ing)? (off|from|in front)|thinking (of|about) jumping|planning to jump|standing on (the|a) (bridge|ledge|roof|edge)|(burn|burned|burnt|cut|hurt) (my|him|her)self on purpose",
    # suicide, said by what it would take: ending one's life in other words, a method, the means at hand
    (
        r"(end|ending|finish|finishing|stop|stopping) (it all|all of it|my (own )?life|this life)|(rather|sooner) (be dead|die|not (be alive|exist|wake up))\b(?! than)"
        r"|(painless|easiest|quickest|fastest|surest|best) way to (go|die|end it|do it|kill)|(use|using|turn|turning) (it|a gun|the gun|a knife|the knife|them) on (my|him|her|them)sel(f|ves)"
        r"|(saving|saved|stockpiling|hoarding|collecting) (up )?(all )?(my |his |her )?\w+ (pills|meds|tablets|medicines?|medications?)|(car|engine) running|carbon monoxide"
        r"|(gave|giving|given|give) (away )?(all )?(of )?(my|his|her) (things|stuff|belongings|possessions)( away)?"
        r"|(being|feel(ing)? like|tired of being) a burden|(done|finished|through) (fighting|with (life|living))|tired of (living|life|being alive)|won'?t be (here|around) (anyway|much longer|for long|tomorrow)"
    ),
    # chest and heart
    r"(elephant|weight|something heavy) (is )?(sitting |pressing )?on " + _WHO + r" chest|(pressure|tightness|squeezing|crushing|pain|ache) (in|on|across) (the (middle|centre|center|front|left side|right side) of )?" + _WHO + r" chest|chest .{0,25}(crush|pressure|squeez|tight)|(grabbed|clutched|clutching|grabbing) " + _WHO + r" chest",
    # allergic reactions and breathing
    r"allergic reaction|(tongue|throat|lips|face|mouth) .{0,20}(swell|swollen|closing)|wheez\w*|suffocat\w*\b(?! under)|can'?t get (enough )?air|breathing (is )?(really |very )?(fast|hard|shallow|weird)|epi ?pen",
    # stroke
    r"(can'?t|cannot|unable to|couldn'?t) (lift|move|feel|raise|use) " + _WHO + r" (\w+ )?(arm|leg|hand|side|face)|(can'?t|cannot) feel " + _WHO + r" (left|right) |(smile|face|mouth) .{0,15}(crooked|droop\w*|lopsided|uneven)|(words|speech|talking) .{0,15}(jumbled|garbled|slurred|nonsense|don'?t make sense)",
    r"(doesn'?t|does not|didn'?t|can'?t) recogni[sz]e (me|us|anyone)|thunderclap|(can'?t|cannot) see (out of|anything)|lost (my|his|her) (vision|sight)|went blind",
    # seizures
    r"seizures? (won'?t|wont|isn'?t|is not|hasn'?t) stop|seizures? back to back|(jerking|twitching) .{0,20}(eyes|won'?t stop|all over)|eyes rolled|(on the floor|on the ground) (shaking|jerking|twitching)|shaking (on the floor|and not|all over)",
    # bleeding
    r"spurting|gushing|pouring (out )?blood|blood (is )?pouring|soaked (through )?\d* ?(pads|towels|bandages)|(coughing|vomiting) (up )?(bright )?(red )?blood|cut (really |very |so )?deep|deep cut",
    # poisoning
    r"(swallowed|ate|eaten|drank|drink|chewed) (a |an |some |the |half a |a whole )?(\w+ )?(battery|batteries|magnet|magnets|bleach|pod|pods|detergent|cleaner|chemicals?|poison|antifreeze|pesticide|rat poison)",
    r"(ate|eaten|got into) (some |a few )?(of )?(my|his|her|their|the|grandma'?s|grandpa'?s|mom'?s|dad'?s) (\w+ )?(pills|tablets|meds|medication|medicine|prednisone|tylenol)|took \d+ (\w+ )?(pills|tablets|tylenol|advil|ibuprofen|aspirin|sleeping pills|xanax)",
    # Pills are taken, not eaten: eating, chewing or swallowing a number of them, or a child getting into them.
    (
        r"(ate|eaten|chewed|chewing) (a |one |two |three |four |five |a few |a couple( of)? |several |some |\d+ |half (a |the )?(bottle |pack |packet )?(of )?)?(\w+ )?(pills?|tablets?|capsules?|gummies)"
        r"|(swallowed|swallowing) (several |a bunch of |a handful of |loads of |lots of |\d\d+ |half (a |the )?(bottle |pack |packet )?(of )?)(\w+ )?(pills?|tablets?|capsules?|gummies)"
    ),
    r"(toddler|baby|infant|child|kid|kiddo|little one|son|daughter|grandson|granddaughter|nephew|niece|puppy|dog|\d+ ?(year|yr|month)s? old|\d+ ?(yo|y/o))('?s)? .{0,40}\b(got into|getting into|ate|eaten|eating|chewed|chewing|swallowed|swallowing|drank|drinking|licked|licking) .{0,45}\b(" + _MEDICINES + r")",
    # heart, said by its signs
    r"(pain|ache|aching|tingl\w*|numb\w*) (down|in|along|into) (my|his|her|their|the) (left )?(arm|jaw)|left arm (is |feels )?(tingl\w*|numb|hurt\w*|aching|pain)|(think|thinks|maybe|could be|might be) (it'?s|its|it is) (his|her|my|their) heart",
    # stroke and sudden confusion, said by their signs
    r"(weak|numb|paraly\w*|droop\w*) (down|on|in|all down) ((my|his|her|their|the) )?(whole )?(left|right|one) side|(can'?t|cannot|cant) find (my|his|her|the) words|(sudden|suddenly) .{0,60}(weak|numb|paraly|droop|can'?t see|blind|confused|vision)|(loss of|lost (my|his|her)) (vision|sight)",
    r"(severe|worst|terrible|bad|pounding) headache .{0,80}(flashing|blurr\w*|vision|puffy|swollen)|worst headache (ever|i'?ve ever|(s?he'?s|s?he has) ever)|gibberish|(doesn'?t|does not|don'?t|didn'?t) know where (he|she|i|they) (is|am|are)|(doesn'?t|does not) know (who|what) (he|she|they) (is|are)",
    # seizures and unconsciousness, said by their signs
    (
        r"seizure (happening|going on|right now|now|again)|(i think|think|pretty sure|looks like|i believe)( it'?s| its| this is| (she|he)'?s having| (she|he) is having)?( a)? (seizure|stroke|heart attack)"
        r"|(whole|entire) body (is |was |keeps |started |has been )?(shaking|jerking|twitching|convulsing|spasming)|having another (seizure|fit|one)|another seizure|(jerking|twitching|shaking|convulsing) (uncontrollabl[ey]|all over|violently|and (won'?t|not) stop)|foaming at the mouth"
    ),
    r"slumped( over)?|(isn'?t|is not|not|won'?t|wont) (answering|responding|reacting)( to)? (me|us|anyone)|skin (is )?(peeling|coming) off|blisters? (all over|everywhere)|bone (is )?sticking out|keel(ed|s)? over|(he'?s|she'?s|hes|shes|he is|she is|they'?re) not moving|(isn'?t|is not|stopped) moving|(not|isn'?t|won'?t|wont|can'?t) waking( up)?|(hasn'?t|has not|haven'?t|have not) wok(en|e) up|(found|find|finding) .{0,30}(unresponsive|unconscious|not breathing)",
    # bleeding, said by its signs
    r"(vomit\w*|throwing up|threw up|puking|puked|sick) (up )?(black|blood|coffee)|(black|tarry|bloody) (and tarry )?(poo|poop|stool|stools|diarrh\w*)|(poo|poop|stool|stools) (is |are )?(black|tarry|bloody)|black and tarry|coffee grounds|soak(ing|ed|s)? (through )?(a |\d+ )?(pad|pads|towel|towels)|(can'?t|cannot|won'?t|wont) stop the bleeding",
    # overdose, poisoning and self-harm, in everyday and online words
    r"(took|taken|swallowed|downed|popped) (like |about |around |maybe |roughly |over |almost |nearly |at least |more than )*(\d+|a dozen|dozens|ten|twelve|fifteen|twenty|thirty|forty|fifty|a hundred) "
    r"(of )?(my |his |her |their |the |them |those |these |mums? |moms? )?(\w+ )?(\w+ )?(" + _MEDICINES + r")|(a load|loads|a ton|tons|a heap|heaps|a pile) of (\w+ )?(pills|tablets|meds|medication|medicine|painkillers)|(swallowed|ate|drank|drunk) (something|some stuff|stuff) (toxic|poisonous|dangerous)",
    r"\bkms\b|\bkys\b|unaliv\w*|(i'?m|im|i am|he'?s|she'?s|he is|she is) (going to|gonna) (jump|hang)\b(?! (at|in|on|into|through|the))|kill (my|him|her) ?self|(no|see a|any|see any) reason to (live|go on|keep going|be here)|(pills|meds|tablets|gun|rope|knife) (are |is )?(ready|lined up)|(have|got|bought) a rope|(feel like|thinking (of|about)|want to|going to|gonna) end(ing)? it\b",
    # allergic reactions, said by their signs
    r"throat (is |feels )?(tight|closing|swelling|swollen)|(lips|tongue|face) (are |is |look |looks )?(huge|massive|swollen|swelling|puffed)",
    # serious infection after a transplant (sepsis, meningitis): fever with confusion, a stiff neck, a rash
    r"(fever|temp|temperature|burning (up|hot)|febrile) .{0,60}(confus\w*|\bpus\b|oozing|muddled|disorient\w*|(can'?t|cannot) (stand|stay awake)|drowsy|stiff neck|mottled|rigors|shivering|shaking|won'?t wake|blotchy|rash|blood pressure)|stiff neck|rash (that )?(doesn'?t|does not|won'?t|wont|didn'?t) fade|mottled|rigors|blood pressure (is )?(really |very |so )?low",
    # a high fever (38 C / 100.4 F and up), which after chemotherapy or a transplant is an emergency
    r"(fever|temp|temperature)( is| was| of| at| hit| just hit| reading| reads| went up to| up to| now)* (3[89]|4[0-2]|10[0-6])([.,]\d+)?\b|\b(3[89]|4[0-2]) \d\b(?! (years?|yrs|months?|weeks?|days?|kg|lbs?|k)\b)",
    # suicide, said by its signs: plans, goodbyes, giving things away
    r"(pills|tablets|meds) (all )?counted( out)?|counted out (my|the|all) (pills|tablets|meds)|won'?t be needing (them|it|anything)|where i'?m going|made (my )?peace|said my goodbyes|nothing (left )?to live for|(would be|is a|a) lethal|lethal (dose|amount)|stockpil\w*|tonight is the night|(put|putting|got|getting) (all )?(my )?affairs in order|(going to|gonna) do it (tonight|today|now)|(tonight|today) i'?m (going to|gonna) do it|wrote (a|my) will this week",
    r"(face|smile|mouth) .{0,20}(wrong|funny|weird|odd|droopy) on one side|talking (funny|weird|strange|nonsense)|words (are )?coming out wrong",
    r"(going to|gonna|will|wants? to) (drink|swallow|eat) (the |some |a )?(bleach|weed ?killer|antifreeze|pesticide|rat poison|poison|drain cleaner)|antifreeze|rat poison|xylitol|(very |really |so )?bad breathing|breathing (is )?(very |really |so )?bad|(crushing|heavy|tight|squeezing) (feeling|sensation|weight|pain) in " + _WHO + r" chest|left arm'?s? (has )?(gone |going |is |feels )?(tingl\w*|numb|dead)",
    r"(can'?t|cant|cannot) keep (my |his |her |their )?eyes open|(really|very|so|super) drowsy|(i'?m|i am|im) not safe|(don'?t|do not|dont) feel safe (with|around) (myself|me)|not safe (tonight|right now|with myself)",
    # asking for emergency help
    r"(this|it) is an emergency|it'?s an emergency|medical emergency|(need|call|get|send) (an )?ambulance|call (911|999|112)|(i'?m|i am|he'?s|she'?s|is) dying\b(?! (to|for))",
]
# Each kind's pattern apart: one alternation of them all is tried alternative by alternative at every position of
# a message, several times slower than each pattern's own scan.
_RED_FLAG_KINDS = [re.compile(rf"\b(?:{p})") for p in _RED_FLAGS]


def _red_flags(text: str) -> list[str]:
    """The red flags a text names, as the words that name them."""
    return [m.group(0) for pattern in _RED_FLAG_KINDS for m in pattern.finditer(text)]
# "Can the chemo cause a stroke?" asks about a risk of the treatment; "my husband is having a stroke" is an emergency.
_SOFT = re.compile(r"((fever|temp|temperature) .*(rash|blotchy|shivering|shaking|rigors)|(fever|temp|temperature)( is| was| of| at| hit| reading| reads| now)* \d+( \d)?|stiff neck|mottled|rigors|anaphyla\w*|over ?dose|poisoning|allergic reactions?|wheez\w*|chest pain|chest pains|bleeding \w+|severe bleeding|fitting|seizing|convuls\w*|(whole|entire) body (is |was |keeps |started |has been )?(shaking|jerking|twitching|convulsing|spasming)|collapsed|faint\w*|passed out|pass(ing)? out|unconscious|short(ness)? of breath|heart (is )?racing|uncontroll(ed|able) bleeding|blood in \w+ \w+)")
_HYPOTHETICAL = re.compile(
    r"\b(cause|causes|causing|risk|risks|chance|lead to|linked|complications?|possible|can it|could it|does it|will it|would it|might|what if"
    r"|once|last (year|month|week)|years ago|months ago|in the past|history of|used to|during|side effects?|sometimes|in my teens|when i was|back in \d{4}|trigger|triggers|protocol|happens?|something that|reports? of|if (someone|a patient|you|i) (has|have|gets?)|in (19|20)\d\d|can (you|people|patients|someone|anyone|the|it|they)|nobody|no one|make sure|scared of|afraid of|whenever|every time)\b"
)
# Said to be happening now: an emergency even beside words that ask about a risk or tell of the past.
_NOW = re.compile(
    r"\b(right now|happening now|just (hit|went|started|now|took|swallowed|drank|ate|had)|at the moment|currently|i'?m having|i am having"
    r"|(he|she)'?s having|(he|she) is having|all of a sudden"
    r"|(for|in the (last|past)) (about |like |almost |over )?(\d+|a few|few|a couple( of)?|an|half an|one|two|ten|twenty|thirty) (min|mins|minutes|hours?|hrs?)"
    r"|(\d+|a few|few|an|half an|ten|twenty|thirty) (min|mins|minutes|hours?|hrs?) ago)\b"
)
# A clause that recalls ("my sister tried to kill herself years ago, does lupus run in families?"), imagines
# ("if I ever feel suicidal") or asks about a red flag in general ("is vomiting blood a known side effect?", "can
# someone overdose on MSCs") without reporting one of the writer's own ("my", "I'm") does not report it.
_PAST = re.compile(
    r"\b((\d+|a few|few|many|some|two|three|several) (years?|yrs|months) (ago|back)|years (ago|back)|months ago|long ago|a while (ago|back)"
    r"|last (year|summer|winter|spring|fall|autumn)|(back )?in (19|20)\d\d|back (then|in \w+)|in the past|history of|used to|previous(ly)?"
    r"|as a (child|kid|teen|teenager|baby|toddler|student)|when (i|he|she|they) (was|were) (young|little|younger|\d+|a (kid|child|teen|teenager))"
    r"|in (my|his|her|their) (teens|twenties|20s|childhood)|before (my|his|her|the) diagnosis)\b"
)
# Medicine taken as prescribed: "I took all my meds this morning", "did I take all my pills?", "with juice"; not
# taken by mistake or in excess ("every day instead of weekly", "twice this morning").
_ROUTINE = re.compile(
    r"^(?=.*\b(" + _MEDICINES + r"|meds|dose|doses)\b)"
    r"(?!.*\b(instead of|by mistake|mistake|mistakenly|accident\w*|mixed up|double|extra|too many|too much|twice (this|today|in)|at once|whole|entire|overdos\w*|all of them)\b)"
    r".*\b(this morning|every (single )?(day|morning|night|evening)|each (day|morning|night)|daily|((once|twice|three times) )?(a|per) (day|week)|as (usual|normal|prescribed|always)"
    r"|(is|'s|am|'m|are|'re|been) on (a |so many |such )?(load|lot|ton|pile|heap|handful|bunch|lots|loads|tons|piles|heaps) of"
    r"|like (normal|always|usual)|like (i|he|she|they|we) (always|usually|normally) (do|does)|on time|(morning|evening|night|bedtime|usual|regular|weekly) (meds|pills|tablets|dose|medications?|injection)"
    r"|with (my )?(breakfast|food|juice|water|milk|dinner|lunch|a meal)|did (i|he|she|they|you) (take|have)|forgot (if|whether|to))\b"
)
# The medicines someone is on, told as a burden: "he is taking too many tablets", "I take way too many meds";
# too many taken is told in the past ("took too many", "has taken too many").
_BURDEN = re.compile(
    r"\b((i|he|she|they|we|you)('re|'m|'s| am| is| are)|(i|he|she|they|we|you) (still |already )?(take|takes|has to take|have to take|must take))"
    r" (still |already |now )?(on|taking)? ?(way |far |so |just )?too many\b"
)
_IN_GENERAL = re.compile(
    r"\b(risks?|side effects?|how (common|often|likely)|chances?|rates?|statistics|article|known|linked|higher|lower|signs of|symptoms of|watch (for|out)|should (i|we)|(do|does|did|can|could|would|will) (people|patients|anyone|they)|make(s)? (people|patients|you|someone)"
    r"|can (you|someone|anyone)|if (someone|a patient|you) |is it possible|could (you|someone)|(do|does|will|would) (you|they|the (team|clinic|doctors?|hospital|nurses?)) "
    r"|(some|many|most|other) people|people who|go(es)? away|normal|permanent|usually|typically|in general|(a )?(common|usual|typical) (\w+ )?(symptom|sign)s?|what (does|do|would) .{0,50} (feel|look) like"
    r"|(do|should|would|when do) (i|we|my \w+|they|you|someone) (call|ring|phone|dial))\b"
)
# A red flag imagined or read about ("if I ever feel suicidal", "will I feel like I'm dying during the chemo",
# "she has been reading about suicide rates"), not reported.
_IMAGINED = re.compile(r"\b((reading|read|heard|learning|learned|articles?) about|what if|in case|when (would|should|do|does|is it time to) |if ([\w']+ ){0,3}ever|if (i|you|someone|somebody|a patient|people|they) (ever )?(feel|felt|get|got|become|became|start|started|develop|developed|have|had)|if (i|he|she|my \w+) (ever |suddenly )?(\w+ed|fell|went|lost|began|stopped)\b(?! (my|his|her|their|the|a|all|some|too|\d+)\b)|will (i|it|they|you) (feel|be|get))\b")
# A message that opens by supposing ("Hypothetically, if I fainted at home, should my family call an ambulance?")
# reports nothing it goes on to tell.
_SUPPOSED = re.compile(r"^\W*(hypothetical(ly)?|theoretically|in theory|suppose|supposing|let'?s say|just (curious|wondering))\b")
_REPORT = re.compile(r"\b(my|this|i'?m|i am|i have|i'?ve|he'?s|she'?s|he is|she is|they'?re|right now)\b")
# Where a clause ends: punctuation, or a word that starts another ("and" only before whom it is about or a turn of
# events: "chest pain and I can't breathe", "was reading about ahsct and suddenly...", not "depression and
# suicidal thoughts").
_CLAUSE_END = re.compile(r"[.!?;,:()]+|\s(?=(?:but|now|so|btw|then|because|cause|while)\s|and (?:i|i'm|im|my|he|she|he's|she's|they|it|it's|now|we|his|her|their|then|tonight|today|this|last night|suddenly|all of a sudden)\b)")
# Suicide said indirectly is told by two of its signs together, in clauses that neither ask about it in
# general nor tell of the past: the means, a farewell or last arrangements, and the act or intent.
_SELF_HARM_SIGNS = {
    "means": (
        r"ropes?|noose|ligature|hose|charcoal|exhaust|(car|engine) running|carbon monoxide|blades?|razors?|knife|knives|guns?|shotgun|rifle|pistol|firearm|bullets?"
        r"|bridge(?! between| the gap)|roof|rooftop|ledge|cliffs?|balcony|tracks|gas oven|plastic bag|stones in (my|his|her) pockets|lake|scalpel|railing|parapet|(fentanyl|morphine) patch(es)?|(tied|tie|tying) (a |the |my )?(belt|rope|cord|scarf|sheet|noose)|(got|took|stole|grabbed|taken) (the |all the |all |her |his |my )?(pills|tablets|meds|medicines?) from|oven on|weed ?killer|pesticide|antifreeze|bleach|(belt|cord|scarf|sheet|cable|tie) (tied )?(round|around|to)|the sea|the ocean|(top|high|highest) (floor|level|storey|story)|(car park|parking garage|parking structure) roof|high enough|railway|(train|railway) tracks|in front of (a|the) (train|bus|truck|car)"
        r"|motorway|highway|freeway|reservoir|river|drown\w*|lethal|fatal|(all|every|whole|entire|a month'?s|stash of|enough|the rest of|rest of) (of )?(my |his |her |the |their )?(\w+ )?((and|&|plus) \w+ )?(pills|meds|tablets|medicines?|medications?|bottle)"
        r"|(pills|meds|tablets|medicines?|medications?) (all )?at once|(hoarding|hoarded|saving|saved|stockpiling|collecting|stashing|stashed) (up )?(my |his |her )?\w+|(pill organi[sz]er|bottle|pack) (is |was )?empty|the means|(enough|all (of )?(my|his|her|the)|bottle of) (morphine|fentanyl|heroin|oxy\w*|tramadol|codeine|insulin|sleeping pills|painkillers)"
    ),
    "farewell": (
        r"(my|the) last (message|words|text|post|wish|request)( ever)?$|sorry for everything|i love you (all|guys)|(tell|let) .{0,40}\b(i'?m sorry|sorry|i love|goodbye)"
        r"|(once|when|after|until|before) (i'?m|i am|im) gone|before i go$|(letters?|notes?) (are |is )?(already )?(written|sealed|done|finished)|(won'?t|wont|doesn'?t|isn'?t|not) (pick|picking) up|(deleted|deleting) (all )?(my|his|her|their) accounts|goodbye (video|post|note|letter)|(can'?t|cannot|cant) find (him|her|them)|^last message$"
        r"|(nobody|no one|noone) (will|would) (be \w+ to )?stop me|(not|isn'?t|don'?t|dont) (planning|plan|expecting|expect|intending|intend) (to be|on being) (alive|here|around)"
        r"|not answering (her|his|my|their) phone|(don'?t|dont|can'?t|cant) see (a|any) future|no future|to (stop|end) for good|(get|getting|got|be|been|have|all) (it |this |that |things |everything |it all )?over with|(doesn'?t|does not) matter$|(what'?s|whats|what is) the point( anymore| of (anything|living|it all|going on|trying|any of (it|this)))?$|no point (anymore|any more|in (living|going on|trying))|i'?ve made sure( of (that|it))?"
        r"|won'?t (see|hear from|be here|be around|need|matter|make it|be alive|be a problem|be a burden|be needing)|wont (see|hear from|be here|be around|need|matter|make it|be needing)"
        r"|(not|don'?t|dont) (plan|expect|intend) (to be|on being) (alive|here|around)|(made|making|sorted|sorting) (out )?(my |all my )?(arrangements|decision|peace|plans?|will)|(set|picked|chose|chosen) (the|a) (date|day|time)"
        r"|the other side|worth more dead|on my own terms|(don'?t|dont|do not) want to be (saved|found|rescued|helped|stopped)|(nobody|no one|noone) (would|will|is going to) (even )?(notice|care|miss)|(if )?(anyone|anybody) (would|will) (even )?(notice|care|miss)|(i'?m|im|i am|he'?s|she'?s|he is|she is) (just )?a burden"
        r"|(wrote|left|writing|written) (a|her|his|my|their) (note|letter|goodbye)|(gave|giving|given) (away )?(my|his|her|all (of )?my) \w+|it won'?t matter|(it )?(doesn'?t|does not|won'?t|wont) matter (now|anymore|any more|soon)|(can'?t|cannot|cant) reach (her|him|them)"
        r"|(wanted|want) (someone|somebody|you) to know|(wanted|want) to tell (someone|somebody|you)|(wanted|want|need) (someone|somebody) to talk to|this is goodbye|(location|phone) (is )?(off|turned off|switched off)|(done|finished) with (the pain|life|living|everything|it all|this)"
        r"|(already|just) (took|taken|done|did|swallowed)|took something|(won'?t|wont|don'?t think i'?ll|dont think ill) make it|(don'?t|dont|do not) want (any )?help"
    ),
    "act": (
        r"(thinking|thinkin|think|thought) (about|bout|of) (\w+ )?\w+ing|(going to|gonna|i'?ll|i will|will) (do it|jump|hang|end|go|finish|drive)|do it|doing it|(want|wanna|wanted) to (die|go|end)"
        r"|end(ing)? (it|things|everything|my life)|finish(es|ing)? (me|it|myself|him|her|things|everything)( off)?|(been )?planning (it|to)|(know|decided) what (i'?m|im|i am) (going to|gonna) do|i'?ve decided$|made (up )?my mind$|(plan|planning|intend|going) to be (dead|gone)|i'?ll be (dead|gone) (by|before)|go peacefully|walk(ing)? into (the )?(sea|ocean|river|lake|water|traffic)|(i'?ve|i have|already|just) (taken|took|swallowed) (the|all|them|it|my)|(scared|afraid|terrified) of what (i'?ll|i will|i might|i'?d) do|on purpose|(sitting|standing|stood|sat) on (the )?(railing|edge|ledge|roof|parapet)|bleed (out|to death)|handle it myself|(be|being) (dead|gone) by|(taking|gonna take|going to take|about to take) (the|them|all the|all)( \w+)?( now)?$|hang\w*|jump\w*|shoot\w*|step(ping)? (off|in front)|drive (off|into)|(take|taking|takin|took|swallow) (them |it )?all\b"
    ),
    # a chat's closing words, a sign only beside another: "I've got the means, just saying bye"
    "closing": r"goodbye|good bye|bye|farewell|(i'?m|im|i am) (done|ready|finished)$|last (question|thing|time)( ever)?|one last (question|thing)",
    "when": (
        r"tonight|tonite|today|tomorrow|monday|tuesday|wednesday|thursday|friday|saturday|sunday|this (week|weekend|evening|morning)|right now|(on|by|before|after|till|until|for) (monday|tuesday|wednesday|thursday|friday|saturday|sunday|christmas|new year|my birthday|everyone'?s asleep|the \d+\w*)"
        r"|(on|by|before|after|till|until|for) (the )?\d+(st|nd|rd|th)|(it'?s|its) the \d+\w*|by (the )?morning|by tomorrow|\d+ ?(am|pm)"
    ),
}
_SELF_HARM = {sign: re.compile(rf"\b(?:{pattern})\b") for sign, pattern in _SELF_HARM_SIGNS.items()}
# Figures of speech that use the words of the signs: "I'd die for a coffee", "my blood pressure shoots through the roof".
# A red flag denied ("I'm not suicidal, just frustrated", "I almost passed out when I saw the cost") is not reported.
_DENIED = re.compile(
    r"\b(not|never|no longer|n'?t) (feeling |feel |been |at all )?(suicidal|going to (hurt|kill) (myself|me)|thinking (of|about) (suicide|killing myself|hurting myself))\b"
    r"|\b(almost|nearly) (passed out|fainted|died|collapsed|had a heart attack|choked)\b"
)
_IDIOM = re.compile(r"\b((die|dying|kill|killing) (for|to)|killing me|through the roof|shoots? up|(scared|bored|worried|sick) to death|jump(ing)? (at|through|the gun|ahead|in)|hang (on|in there|out)|dead (tired|set|on)|end of the day)\b")


# Whether to go on taking one's medicines around the treatment asks about doses, not the means of an overdose:
# "can i take all my lupus meds on the day of the infusion?", "should i keep taking all my pills during it".
_ASKS_ABOUT_DOSES = re.compile(
    r"^(can|could|should|may|do|does|shall) (i|he|she|we|they|you|my \w+) (still |just )?(take|keep taking|carry on taking|continue taking|continue|stop taking|stop|have)"
    r" all (of )?(my|his|her|their|our|these|those|the) (\w+ ){0,3}(meds|medicines?|medications?|pills|tablets)"
    r"(?= (\w+ ){0,3}(on|before|during|after|around|while|with|for) (the |my |his |her |an? |that )?(\w+ )?(day|days|infusion|transplant|treatment|procedure|chemo\w*|msc|ahsct|hsct|it|stem)\b)"
)


def _signs_of_self_harm(clauses: list[str]) -> set[str]:
    """The signs of suicide (the means, a farewell, the act, a time set, closing words) told in clauses that
    report rather than ask or recall."""
    clauses = [_ASKS_ABOUT_DOSES.sub(" ", _IDIOM.sub(" ", c)) for c in clauses]
    told = [c for c in clauses if _reports(c)]
    signs = {sign for sign, pattern in _SELF_HARM.items() if any(pattern.search(c) for c in told)}
    if len({m.group(0) for c in told for m in _SELF_HARM["farewell"].finditer(c)}) >= 2:
        signs.add("farewells")  # two farewells are a sign of their own: "I won't be here next week. I've made my arrangements."
    return signs


_RED_FLAG_WORDS = Speller(
    set(words("seizure seizures seizing convulsing convulsion unconscious unresponsive overdose overdosed suicide suicidal "
              "bleeding breathe breathing breath stroke ambulance emergency poisoned poisoning swallowed collapsed fainted suddenly "
              "unresponsive allergic swelling suffocating gushing chest pain pains seizure headache"))
)


# A question that opens by asking whether something may be done or may happen ("can I drink alcohol on
# methotrexate", "does ATG cause a rash").
_ASKING = re.compile(r"^(can|could|should|shall|may|is it|is there|are there|do|does|did|will|would|what if|how (often|likely|common))\b(?!')")


def asks_about_a_risk(message: str) -> bool:
    """Whether the message opens by asking about a risk or a possibility rather than reporting something."""
    text = normalize(message).strip()
    return bool(_ASKING.match(text)) and not _NOW.search(text)


def tells_no_emergency(message: str) -> bool:
    """Whether the message tells of something past ("I used to self-harm as a teenager"), imagined ("if my
    child ever swallowed one of my pills"), denied ("I'm not suicidal, just frustrated") or routine ("I take my
    mycophenolate twice a day"), and of nothing happening now."""
    text = normalize(message)
    return bool(_PAST.search(text) or _IMAGINED.search(text) or _DENIED.search(text) or _ROUTINE.search(text) or _BURDEN.search(text) or _SUPPOSED.match(text)) and not _NOW.search(text)


def is_emergency(message: str) -> bool:
    """Whether the message reports a medical emergency or a risk of self-harm (typos forgiven)."""
    text = _DENIED.sub(" ", normalize(message))
    clauses = [" ".join(_RED_FLAG_WORDS.correct(w) for w in re.findall(r"[\w']+", c)) for c in _CLAUSE_END.split(text) if c]
    text = " ".join(clauses)
    signs = _signs_of_self_harm(clauses)
    strong = signs - {"when", "closing"}
    if len(strong) >= 2 or (strong and signs & {"when", "closing"}):
        return True
    if not any(pattern.search(text) for pattern in _RED_FLAG_KINDS):
        return False
    if _NOW.search(text):
        return True
    if _SUPPOSED.match(text):
        return False
    told = [(clause, flag) for clause in clauses for flag in _red_flags(clause)]
    if not told:
        # A flag may span clauses ("her left side, it's numb"): then the message is read whole.
        told = [(text, flag) for flag in _red_flags(text)]
    # A flag the treatment may cause counts unless its own clause asks about it as a risk ("can the chemo cause
    # a fever of 39?"); "I had the chemo last week and now I have a fever of 104" reports one.
    return any(_reports(clause) and not (_SOFT.fullmatch(flag) and _HYPOTHETICAL.search(clause)) for clause, flag in told)


def _reports(clause: str) -> bool:
    """Whether a clause may report a red flag: it neither recalls nor imagines one, nor asks about one in general,
    nor tells of medicine taken as prescribed or of too many to take."""
    return not (_PAST.search(clause) or _IMAGINED.search(clause) or _ROUTINE.search(clause) or _BURDEN.search(clause) or (_IN_GENERAL.search(clause) and not _REPORT.search(clause)))

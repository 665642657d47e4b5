from __future__ import annotations

import json
from pathlib import Path

import pytest

from chatbot import messages
from chatbot.engine import KINDS, load_answer_words
from chatbot.red_flags import is_emergency
from chatbot.smalltalk import smalltalk_kind

EMERGENCIES = [
    "i have crushing chest pain right now",
    "my dad is clutching his chest and sweating",
    "my wife can't breathe properly",
    "struggling to breathe after the infusion",
    "her lips are turning blue",
    "i think my mother is having a stroke, her face is drooping",
    "his speech is slurred and his right side went numb",
    "my son is having a seizure",
    "she's convulsing on the floor",
    "my husband collapsed and is unresponsive",
    "grandma passed out and won't wake up",
    "i am bleeding heavily and it won't stop",
    "he's coughing up blood",
    "i swallowed a whole bottle of pills",
    "my teenager took too many of my sleeping tablets",
    "i think my daughter overdosed",
    "my toddler drank bleach",
    "i want to kill myself",
    "i don't want to live anymore",
    "i keep thinking about ending my life",
    "my brother says he wants to die",
    "i've been cutting myself again",
    "i feel suicidal since my diagnosis",
    "I'M HAVING A HEART ATTACK",
    "call an ambulance",
    "my friend is having a siezure what do i do",
    "i'm going to end it tonight",
    "my kid ate my pills",
    "he won't respond when I shake him",
    "i dont see the point anymore, i just want it to be over",
    "had chemo for my transplant last week and now my temp is 38.9",
]
NOT_EMERGENCIES = [
    "what are the risks of AHSCT",
    "is stem cell therapy life threatening",
    "can chemotherapy cause bleeding or infection",
    "does the transplant increase the risk of stroke",
    "can lupus affect the heart, lungs and brain",
    "is graft versus host disease dangerous",
    "what are the possible complications",
    "how do stem cells stop my immune system attacking my body",
    "will stem cells kill the faulty immune cells",
    "my lupus doesn't respond to medication anymore",
    "she is not responding to treatment, is she a candidate",
    "can it cause shortness of breath",
    "what is the point of stem cells if they are still experimental",
]


@pytest.mark.parametrize("message", EMERGENCIES)
def test_red_flags_get_emergency_guidance_only(engine, message):
    reply = engine.reply(message)
    assert (reply.kind, reply.passages, reply.reply) == ("emergency", (), messages.EMERGENCY)


@pytest.mark.parametrize("message", NOT_EMERGENCIES)
def test_questions_about_risks_are_not_emergencies(message):
    assert not is_emergency(message)


def test_emergency_is_checked_before_everything(engine):
    assert engine.reply("hi, my husband collapsed").kind == "emergency"
    assert engine.reply("what are the risks? i can't breathe", ["what is ahsct"]).kind == "emergency"


def test_emergency_guidance_names_an_emergency_number_and_a_crisis_line():
    assert "emergency number" in messages.EMERGENCY and "crisis line" in messages.EMERGENCY


@pytest.mark.parametrize(
    "message, kind",
    [
        ("hi", "greeting"),
        ("Good evening!", "greeting"),
        ("morning, hope you're doing well", "greeting"),
        ("hi there, hope ur day is going good", "greeting"),
        ("thank you so much, very helpfull", "thanks"),
        ("what can u help w", "help"),
        ("alright, gotta go", "goodbye"),
        ("anybody online?", "greeting"),
        ("gnite!", "goodbye"),
        ("ok that really clears things up, thank you", "thanks"),
        ("hello? is anyone there", "greeting"),
        ("thanks, that was really helpful", "thanks"),
        ("thx", "thanks"),
        ("ok bye", "goodbye"),
        ("thank you, goodbye", "goodbye"),
        ("who are you", "about"),
        ("are you a real doctor?", "about"),
        ("am I talking to a bot", "about"),
        ("who am i talking to, is this a real person?", "about"),
        ("help", "help"),
        ("what can I ask you?", "help"),
        ("what kind of things can you help me with?", "help"),
        ("what you can do?", "help"),
        ("thanks a lot, that helped me see what my rheumatologist meant", "thanks"),
        ("thank you, i'll bring this up with her doctor next week", "thanks"),
        ("thank you so much, my husband will be relieved", "thanks"),
        ("ok bye for tonight xx", "goodbye"),
        ("thanks, that's all for now, see ya", "goodbye"),
        ("gm, anybody around?", "greeting"),
        ("who built you? what even are you", "about"),
        ("help, i'm not sure what to ask you", "help"),
        ("cheers, that helped a ton", "thanks"),
        ("morning! how does this bot thing work", "help"),
        ("thank you, that really cleared it up. i have an appointment next week so i'll ask then", "thanks"),
        ("do i just type my questions here?", "help"),
        ("hello, who runs this, is it the hospital?", "about"),
    ],
)
def test_small_talk_gets_a_fixed_reply_with_suggestions(engine, message, kind):
    assert smalltalk_kind(message) == kind
    reply = engine.reply(message)
    assert reply.kind == "smalltalk" and not reply.passages
    assert reply.suggestions and all(s in messages.SUGGESTIONS for s in reply.suggestions)


@pytest.mark.parametrize("message", ["would it help my mom", "does this really help?"])
def test_whether_something_helps_is_a_question_not_a_request_for_help(message):
    assert smalltalk_kind(message) is None


@pytest.mark.parametrize(
    "message", ["so is it ok for everybody then", "is that ok?", "is it okay for anyone", "ok, but is that for everyone?", "thanks, so can they do it for everyone?"]
)
def test_asking_whether_something_is_ok_is_not_thanks(message):
    assert smalltalk_kind(message) is None


@pytest.mark.parametrize("message", ["hi, what are the risks of AHSCT?", "thanks! and how much does it cost?", "ok and what are the options"])
def test_a_greeting_with_a_question_is_answered(engine, message):
    assert engine.reply(message).kind == "answer"


@pytest.mark.parametrize(
    "message", ["i'll ask my doctor about the transplant", "thanks, i'll ask my doctor. does the msc one need chemo?", "thank you, that helped me see why it costs so much?"]
)
def test_what_someone_will_do_or_has_understood_is_small_talk_only_beside_thanks(engine, message):
    assert engine.reply(message).kind == "answer"


@pytest.mark.parametrize(
    "message",
    [
        "what dose of prednisone should I take with lupus",
        "does hydroxychloroquine help lupus inflammation",
        "can I get pregnant after a stem cell transplant",
        "what is the survival rate of AHSCT",
        "what is the fatality rate of msc",
        "which clinic in mexico is best for stem cells",
        "can stem cells cure multiple sclerosis",
        "is lupus contagious",
        "what should I eat to reduce lupus inflammation",
        "how many weeks does recovery from the transplant take",
        "what's the weather like tomorrow",
        "can my cat catch lupus from me",
        "how many MSC infusions does a patient get, and how many cells per kg",
        "how long is the recovery after the transplant",
        "can you recommend a good rheumatologist in boston",
        "is there a good stem cell clinic in bangkok for lupus",
        "can i get msc infusions anywhere in florida",  # a state or province, as a city
        "where in california can my mom get the transplant",
        "top hospital for stem cell lupus treatment",
        "what vaccines will i need after the transplant",
        "does blue cross cover msc infusions for lupus",
        "what chemo drugs do they give you before the transplant",
        "how do I sign up to donate bone marrow",
        "am i too old for ahsct at 72",
        "is there an age limit for msc",
        "does the msc drip cause nausea",
        "does the transplant make you throw up",
        "will i gain weight after msc",
        "can i have msc while on methotrexate",
        "will ahsct give me headaches",
        "can i get pregnent after ahsct",  # a topic misspelt is still the topic
        "plasma exchange instead of stem cells?",
        "is lupus something that gets passed down?",  # heredity, in everyday words
        # how long something takes, which the article never says
        "how long is recovery from ahsct",
        "how long does the whole msc process take",
        "how long until i feel better after the transplant",
        # a disease or a side effect offered as the other side of a choice is still asked about
        "does msc help lupus or cancer",
        "does msc cause fatigue or nausea",
        "how long are you in the hospital after ahsct",
        # the price in one country or another
        "how much is an msc infusion in colombia",
        "is ahsct cheaper in thailand",
        "how much is an msc infusion in colombia, isn't it cheaper there?",
        "is that msc clinic in colombia legit",
        "is there a reputable hospital in germany for the transplant",
        "can you name a specific hospital near me that does msc",
        "can you give me the names of doctors who do msc",
        # two questions are no story: both are asked
        "will the chemo make my hair fall out? how long until it grows back",
        # a story of a topic the article does not cover, around a question it would answer
        "I'm 20 weeks pregnant. What happens with the chemo?",
        "I take hydroxychloroquine daily. Do I have to stop before the infusion?",
        "My mom had breast cancer two years ago. Is the transplant safe for her?",
        "My sister has multiple sclerosis. Does AHSCT work for that too?",
        "is msc safe after my cancer",
    ],
)
def test_questions_the_article_does_not_answer_are_declined(engine, message):
    reply = engine.reply(message)
    assert reply.kind == "no_match" and not reply.passages
    assert reply.reply == messages.NO_MATCH and reply.suggestions


@pytest.mark.parametrize(
    "message, expected",
    [
        ("what are the risks of AHSCT", "Infection or complications from chemotherapy"),
        ("can the donor cells attack my body", "Graft-versus-host disease"),
        ("how much does stem cell treatment cost", "can be expensive"),
        ("is MSC safer than a transplant", "Considered less risky"),
        ("how are MSCs given", "infused intravenously"),
        ("hematopoetic stem cells where found", "Found in bone marrow or blood"),
        ("will i be able to take less prednisone", "Lower the need for steroids"),
        ("would my rash and achy joints go away", "Reduction or elimination of lupus symptoms"),
        ("should i talk to my rheumatologist", "Consulting a rheumatologist"),
        # "Where" asks for a place and "why" for a reason: they are not stop words.
        ("where can my mum get this treatment", "available through clinical trials or specialized centers"),
        # trials to take part in are where it is available
        ("any studies my mom could take part in", "Availability is typically limited"),
        ("why is chemo given first in the transplant", "undergoes chemotherapy"),
        # "What do X do" asks what they do for the disease, not where they come from.
        ("so what do mscs actually do in the body", "help suppress abnormal immune responses"),
        ("what do the infused cells do", "help suppress abnormal immune responses"),
        # Being older is no topic of its own: the article answers by fitness and by risk.
        ("which is safer for an older patient, msc or ahsct", "Considered less risky"),
        ("my aunt is older but still fit and active, could she have it", "physically fit enough"),
        # Typed as people type: "dose" for "does", a misspelling also found in a listed question, "hasnt", "moms".
        ("how much dose an msc infusion cost", "can be expensive"),
        ("is it ok for evryone who has sle", "not suitable for every lupus patient"),
        ("My moms sle hasnt improved on any of her meds. Would they take her?", "refractory lupus that hasn’t responded"),
        ("is it like $20k?", "can be expensive"),
        # Only words that ask, answered where the article says what they ask for.
        ("where can you get it", "Availability is typically limited"),
        ("how much is it", "can be expensive"),
        ("after they take the cells out and give chemo, what happens next", "reintroduced"),
        # why it is asked is no topic, nor is how long something has lasted, nor a story told after the question
        ("for my immunology seminar: what are the usual lupus treatments", "Traditional treatments often involve"),
        ("ive failed methotrexate and cellcept, nothing has worked for more than 3 months, would i be a candidate", "Patients with severe, refractory lupus"),
        ("is an msc infusion a bit like a blood transfusion? my aunt had one after she got cancer", "infused intravenously"),
        # a question of what something is, beside a story, is asked whole unless it points at the story
        ("what is sle? my gp wrote it on a form and said nothing else.", "chronic autoimmune disease"),
        ("Every new treatment out there has a catch. What's the catch?", "Infection or complications"),
        ("Everyone online calls it a miracle cure. What are the downsides?", "Infection or complications"),
        # and after questions that only tell what was heard, as it is when it is asked after a story
        ("my cousin says they do stem cell stuff for lupus now?! what exactly are stem cells", "undifferentiated cells"),
        ("Is this legit? What exactly is AHSCT", "Uses the patient’s own stem cells"),
        # whether lupus is dangerous, in the word order of another language
        ("my brother has lupus, his symptoms are small for now. lupus it is dangerous?", "mild to life-threatening"),
        ("lupus is dangerous or not?", "mild to life-threatening"),
        # a question told between the story and a word of thanks is still the question
        ("Good afternoon. My mother is in her seventies and tires easily. Could the treatment give her a better quality of life? Many thanks for your time.", "quality of life"),
        # a story naming infections and a word that may mean an infusion ("route") asks no risks of a treatment
        ("My wife's on a pile of meds and the side effects are awful, infections too. If she went the stem cell route, would she need fewer?", "medications"),
        # a story around a question of asking words only: answered where the passage says what it asks for
        ("He can't stand the steroids anymore, the weight gain, the moon face. Would this mean he could come off them?", "Lower the need for steroids"),
        # how new it is: "in recent years ... has emerged"
        ("is stem cell treatment for lupus a pretty new idea or has it been around forever", "in recent years"),
        ("how come everyone is talking about stem cells for lupus these days", "in recent years"),
        # going abroad is answered, whatever the country, even for a lower price
        ("is it a good idea to get it done in colombia", "travel abroad"),
        ("going to mexico for it since it's cheaper there, bad idea?", "travel abroad"),
        # a medicine someone is on is her history
        ("my sister is on cellcept and still flaring, would msc help her", "Reduction or elimination of lupus symptoms"),
        ("my son, 16, on benlysta and prednisone, keeps flaring. is msc something for him?", "refractory lupus"),
        # so is a drug said to do something to the asker, and what it does
        ("plaquenil gives me headaches and cellcept made me vomit, could this cut down my meds", "harsh medications"),
        ("she put on so much weight with the steroids, could stem cells let her take fewer?", "Lower the need for steroids"),
        # so is what someone else had after a treatment for another disease, and "can you get GVHD" asks of a risk
        ("can you get gvhd from stem cells for lupus? my cousin got that after a leukemia transplant", "Graft-versus-host disease"),
        ("can you get graft versus host disease from stem cell treatment? a coworker had it after his leukemia transplant", "Graft-versus-host disease"),
        ("can i get infections from the stem cell treatment? my neighbour got them after a lymphoma transplant", "Infection or complications"),
        # who told it, after a comma, tells
        ("whats a stem cell anyway, my rheumy told me about them today", "undifferentiated cells"),
        # when a treatment is used asks whom it is for
        ("when would doctors go for the transplant", "typically reserved for severe lupus"),
        # mild lupus, in a question of who gets it, asks whom it is for (not how mild lupus can be)
        ("i only have mild sle, am i a candidate", "Patients with severe, refractory lupus"),
        ("can people with mild lupus get msc", "Patients with severe, refractory lupus"),
        ("my lupus has been mild so far, could it turn deadly", "mild to life-threatening"),
        # what the disease does is what lupus is, not what the treatment does
        ("what does lupus do to you", "causes the body’s immune system to attack healthy tissue"),
        ("what does lupus do to your organs", "It can affect the skin, joints, kidneys"),
        ("what does msc do for lupus", "help suppress abnormal immune responses"),
        # why a step of it is done asks for the step's reason, not whom the treatment is for
        ("in ahsct for lupus, why would they do chemo first", "to suppress their faulty immune system"),
        # a question tagged on to say what one believes tells; it is not asked
        ("what is the chemo for in the transplant, isn't chemo a cancer drug?", "undergoes chemotherapy"),
        ("why do they need chemo for the transplant, isnt chemo for tumours??", "undergoes chemotherapy"),
        # the medicines people usually take, named before "usually"
        ("what medicines do patients usually take before they try stem cells", "Traditional treatments often involve"),
        # hours told as a distance ask no time
        ("i'm about 2 hours away from the nearest big hospital, can i still get it", "Patients who have access to a qualified medical center"),
        # nor does a place one lives near or far from: that asks about access, not for the place to be named
        ("would my mother have to live near a specific clinic to get msc", "access"),
        ("we are hours away from a specific hospital, does that rule him out", "access to a qualified medical center"),
        # nor does a time told as when something happened
        ("her rheumatologist brought up ahsct a couple of weeks ago. is it only for the worst cases?", "typically reserved for severe lupus"),
        ("My dad's specialist mentioned MSC last month. Is it risky?", "less risky"),
        ("whats the best case with this treatment", "Reduction or elimination of lupus symptoms"),
        # a topic offered as one side of a choice, or a kind of place, is not what is asked
        ("so is it surgery or a drip?", "infused intravenously"),
        ("how do they put the cells in, is it a drip or some sort of surgery", "infused intravenously"),
        ("how are the msc cells put in, with a needle, through a drip or through surgery?", "infused intravenously"),
        # how long its effect lasts, or how long patients have been followed, is told by the long-term passages
        ("how long does the benefit of ahsct last", "long-term remission"),
        ("how long have doctors been following these patients", "long-term outcome data"),
        ("does ahsct help the organs or just the blood tests", "Improved organ function"),
        ("which clinics offer it, normal ones or only specialist ones", "Availability is typically limited"),
        ("where could my daughter get msc done", "availab"),
        # whether lupus can kill is answered by "mild to life-threatening"; a fatality rate is still declined (below)
        ("can lupus kill you", "mild to life-threatening"),
        ("is lupus fatal", "mild to life-threatening"),
        # a "good fit" is a candidate, not someone physically fit; a "last resort" is for those who have exhausted
        # other treatments, whatever hedge is around it ("type of thing", "kind of like")
        ("would my brother be a good fit for stem cell therapy", "Ideal candidates"),
        ("is my wife the right fit for msc", "Ideal candidates"),
        ("is stem cell treatment a last resort type of thing", "exhausted other treatments"),
        ("is stem cells kind of like a last resort", "exhausted other treatments"),
        # whom stem cell therapy is for, no treatment named: "a promising alternative for individuals with ..."
        ("who is stem cell therapy mostly meant for in sle", "individuals with severe or treatment-resistant lupus"),
        # why it is asked, for a paper at school, names no topic of its own
        ("writing an essay for nursing school, where are mscs found", "fat tissue"),
        # what doctors usually give is the treatments lupus usually gets
        ("what do rheumatologists typically give for sle", "Traditional treatments often involve"),
        # "one day" is a time, not "the ... one" that describes a treatment
        ("could msc be the standard lupus treatment one day", "could soon become a key part of the future"),
        # a ban is a matter of regulatory approval
        ("is stem cell therapy illegal in the us", "Regulatory approval varies by country"),
        # where it is offered, however the treatment is named
        ("where is msc for lupus typically performed", "Availability is typically limited"),
    ],
)
def test_answers_quote_the_passage_that_answers(engine, message, expected):
    reply = engine.reply(message)
    assert reply.kind == "answer"
    assert expected.lower() in reply.passages[0].passage.text.lower()
    assert reply.passages[0].passage.text in reply.reply


def test_answers_hold_up_to_three_passages_best_first_and_show_near_ties(engine):
    reply = engine.reply("what are the benefits of stem cell therapy")
    assert 1 <= len(reply.passages) <= 3
    scores = [h.score for h in reply.passages]
    assert scores == sorted(scores, reverse=True)
    benefits = [p.text for p in engine.retriever.passages if p.section == "Benefits and Risks > Potential Benefits"]
    assert reply.reply == "\n".join(["Potential Benefits", *(f"• {text}" for text in benefits)])


def test_a_list_lead_in_is_answered_with_its_bullets(engine):
    reply = engine.reply("who is a candidate for stem cell treatment")
    assert all(h.passage.lead_in.startswith("Ideal candidates") for h in reply.passages)
    assert reply.reply.startswith("Ideal candidates for stem cell treatment usually include:\n• ")


def test_replies_only_quote_the_corpus(engine):
    texts = {text for p in engine.retriever.passages for text in (p.text, p.lead_in, *p.headings)}
    for question in ["what is lupus", "what are the risks", "who can get it", "what does the research say", "is it expensive"]:
        reply = engine.reply(question)
        for text in [reply.reply, *(h.passage.text for h in reply.passages)]:
            for line in text.split("\n"):
                assert line.removeprefix("• ") in texts


@pytest.mark.parametrize(
    "history, question, heading",
    [
        ([], "what are the risks", "Possible Risks"),
        (["what are the benefits"], "and the downsides?", "Possible Risks"),
        ([], "what have the studies shown so far", "What Does the Research Say?"),
        ([], "who is a good candidate for stem cell treatment", "Who Is a Candidate?"),
        # The list's lead-in ends a paragraph that first says something else.
        ([], "which types of stem cells do they use", "What Is Stem Cell Therapy?"),
        # How a subject is done is its sub-section's list, all of it.
        (["tell me about the autologous transplant"], "ok so how is it done", "Autologous Hematopoietic Stem Cell Transplant (AHSCT)"),
        ([], "how does the msc infusion work", "Mesenchymal Stem Cell (MSC) Infusion"),
    ],
)
def test_a_question_about_a_whole_list_is_answered_first_by_the_list(engine, history, question, heading):
    reply = engine.reply(question, history)
    bullets = [p.text for p in engine.retriever.passages if p.bullet and p.headings[-1] == heading]
    first = reply.passages[0].passage
    assert reply.kind == "answer" and first.text == reply.reply
    assert all(f"• {bullet}" in first.text for bullet in bullets)
    # The list's best bullets follow it.
    assert reply.passages[1].passage.text in bullets


@pytest.mark.parametrize("question, heading", [("what are the risks", "Possible Risks"), ("how does the msc infusion work", "Mesenchymal Stem Cell (MSC) Infusion")])
def test_a_list_with_no_lead_in_of_its_own_stands_under_its_sub_heading(engine, question, heading):
    assert engine.reply(question).reply.split("\n")[0] == heading


@pytest.mark.parametrize(
    "question, bullet",
    [("is gvhd a risk", "Graft-versus-host"), ("can it lower the need for steroids", "Lower the need"), ("how does the chemo work", "The patient undergoes chemotherapy")],
)
def test_a_question_about_one_bullet_is_answered_by_that_bullet(engine, question, bullet):
    assert engine.reply(question).passages[0].passage.text.startswith(bullet)


@pytest.mark.parametrize(
    "history, message, expected",
    [
        (["what is AHSCT"], "what are the risks of it?", "Infection or complications from chemotherapy"),
        (["tell me about mesenchymal stem cells"], "how is it given", "infused intravenously"),
        (["how much does stem cell treatment cost"], "will insurance cover that?", "insurance"),
        (["what is an MSC infusion", "thanks!"], "is it risky?", "Considered less risky"),
        # how people get it, after a question of whether it is standard care: the same paragraph goes on to say
        (["is it an approved standard treatment yet"], "ok so how would my mom get it", "mostly available through clinical trials"),
        (["is msc routine care now"], "then how can patients get it", "mostly available through clinical trials"),
        # whether it lowers the medicines a story told before named, asked only in words that ask
        (["my husband has had lupus for ten years.", "he takes prednisone and cellcept every single day"], "would this get him off those?", "Lower the need for steroids"),
        (["my mum has had lupus since her teens", "she takes prednisone every morning and hates it"], "would msc get her off it?", "Lower the need for steroids"),
        # "any reason not to?" asks the case against what was told
        (["we're looking at a clinic in another country for the msc infusion"], "is there any reason against that?", "regulation and quality control"),
        (["my doctor suggested ahsct"], "any reason not to do it?", "Infection or complications"),
        # "tho" is "though", a word that says nothing
        (["can msc get my lupus into remission"], "how long does that last tho", "long-term remission"),
        # whether someone told of "could still do it" asks whether they are a candidate
        (["my dad is really weak after his last flare"], "could he still do it", "physically fit enough"),
        (["my mom is 70 and frail"], "can she still have it", "physically fit enough"),
        # "why?" alone asks the reason for what was told: the passages that told it
        (["who do i need to see to find out if i qualify"], "why both?", "Consulting a rheumatologist"),
        (["is the msc infusion given through a vein"], "how come", "infused intravenously"),
    ],
)
def test_follow_ups_lean_on_the_earlier_turns(engine, history, message, expected):
    reply = engine.reply(message, history)
    assert reply.kind == "answer"
    assert expected.lower() in reply.passages[0].passage.text.lower()


@pytest.mark.parametrize(
    "history, message, expected",
    [
        # The earlier turn named only a subject: the follow-up is asked of that subject's own passages.
        (["tell me about the autologous transplant"], "who is it usually for?", "typically reserved for severe lupus"),
        (["what is AHSCT?"], "and how risky is that one", "Infection or complications from chemotherapy (in AHSCT)"),
        # "The other kind" turns to the subject beside it.
        (["what are the risks of AHSCT"], "what about the other kind, any risks with that one?", "less risky"),
        (["what is hsc"], "and the other type?", "Mesenchymal stem cells (MSCs)"),
        (["tell me about ahsct"], "and what about the other one?", "Mesenchymal Stem Cell (MSC) Infusion"),
        # "the other one" after the infusion named in full is the other treatment, not the other cell
        (["how is a mesenchymal stem cell infusion done"], "and the other one?", "Autologous Hematopoietic Stem Cell Transplant (AHSCT)"),
        # who it is for, after a turn that named a treatment and asked something else of it
        (["does the transplant get used for mild cases"], "so who is it for then", "typically reserved for severe lupus"),
        # compared with "the other option", it is still the one asked about before
        (["what is the msc infusion like"], "is that less harsh than the other option", "Considered less risky"),
        # A follow-up that names another subject is asked of that one, not of the one named before.
        (["tell me about hematopoietic stem cells"], "what about mesenchymal ones", "Mesenchymal stem cells (MSCs)"),
        (["whats the transplant one"], "who is it for", "typically reserved for severe lupus"),
    ],
)
def test_a_follow_up_is_asked_of_the_subject_the_earlier_turn_named(engine, history, message, expected):
    reply = engine.reply(message, history)
    first = reply.passages[0].passage
    assert reply.kind == "answer" and expected.lower() in f"{first.section} {first.text}".lower()


@pytest.mark.parametrize(
    "history, message, expected",
    [
        # "And for the other one?" asks the earlier question again, of the other subject.
        (["does the msc infusion need chemo"], "same for the other one?", "The patient undergoes chemotherapy"),
        (["is the msc one safe"], "and the transplant one?", "Infection or complications from chemotherapy (in AHSCT)"),
        (["can you get msc at any hospital"], "what about the transplant?", "Availability is typically limited"),
    ],
)
def test_a_follow_up_turning_to_another_subject_asks_the_earlier_question_of_it(engine, history, message, expected):
    reply = engine.reply(message, history)
    assert reply.kind == "answer" and expected.lower() in reply.passages[0].passage.text.lower()


@pytest.mark.parametrize(
    "message, sibling",
    [("how is the transplant given", "infused intravenously"), ("is the transplant still experimental", "still experimental in many settings")],
)
def test_a_question_naming_one_treatment_is_not_answered_by_the_other_treatments_passage(engine, message, sibling):
    reply = engine.reply(message)
    assert reply.kind == "answer" and sibling not in reply.passages[0].passage.text


@pytest.mark.parametrize("message", ["what are the benefits of ahsct", "any good things about the transplant?"])
def test_benefits_of_a_treatment_are_not_answered_by_its_risks(engine, message):
    reply = engine.reply(message)
    assert reply.kind == "answer" and reply.passages[0].passage.headings[-1] != "Possible Risks"



@pytest.mark.parametrize(
    "history, message, expected",
    [
        # an item of the list the earlier turn was answered by
        (["what types of stem cells do they use"], "and where is the second type found", "umbilical cord blood"),
        (["what are the benefits"], "tell me more about the second one", "Fewer relapses"),
        (["who makes a good candidate"], "what about the last one on that list", "Patients who have access"),
        # a sub-section below the paragraph the earlier turn was answered by
        (["what are the two main approaches"], "is the second one safer", "less risky"),
        (["what are the two main approaches"], "how does the first one work", "Autologous Hematopoietic Stem Cell Transplant (AHSCT)"),
        # typed without "the"
        (["benefits?"], "explain second one", "Fewer relapses"),
        (["which types of cells do they use"], "where do they get 2nd kind", "umbilical cord blood"),
    ],
)
def test_the_first_or_second_one_is_an_item_the_earlier_turn_was_answered_by(engine, history, message, expected):
    first = engine.reply(message, history).passages[0].passage
    assert expected.lower() in f"{first.section} {first.text}".lower()


@pytest.mark.parametrize(
    "history, message",
    [
        (["how is ahsct done"], "ok and what about the other option"),
        (["which two approaches are there"], "explain the second one"),
        # or names it, after a turn about the other one as a whole, or asks for more
        (["walk me through ahsct"], "and msc?"),
        (["how is ahsct done"], "and what's the infusion version like"),
        (["what's an msc infusion"], "ok tell me more"),
    ],
)
def test_a_follow_up_pointing_to_a_subject_as_a_whole_gets_its_whole_list(engine, history, message):
    bullets = [p.text for p in engine.retriever.passages if p.bullet and p.headings[-1] == "Mesenchymal Stem Cell (MSC) Infusion"]
    first = engine.reply(message, history).passages[0].passage.text
    assert first.split("\n")[0] == "Mesenchymal Stem Cell (MSC) Infusion" and all(f"• {b}" in first for b in bullets)


@pytest.mark.parametrize(
    "history, message",
    [
        (["can stem cells improve kidney function"], "what else has it been shown to do"),
        # what else it does, named by the verb
        (["could it mean taking fewer steroids"], "what else can it improve"),
        (["does it help lupus kidneys"], "and what else does it fix"),
    ],
)
def test_what_else_after_a_bullet_is_the_rest_of_its_list(engine, history, message):
    first = engine.reply(message, history).passages[0].passage.text
    assert first.startswith("Early studies and clinical trials have shown") and "• Induce long-term remission" in first
    # after the whole list, the list again: there is nothing else in it
    assert engine.reply("anything else?", ["what are the downsides"]).passages[0].passage.text.startswith("Possible Risks")


def test_a_follow_up_pointing_to_a_subject_keeps_to_what_the_earlier_turn_asked(engine):
    first = engine.reply("what about the other option, is it risky too", ["what are the risks of AHSCT"]).passages[0].passage.text
    assert first.startswith("Considered less risky")


@pytest.mark.parametrize(
    "history, message, expected",
    [
        ([], "what do they do after the chemo in a transplant", "reintroduced to rebuild"),
        ([], "after they collect my stem cells, what happens next", "undergoes chemotherapy"),
        (["do they use my own cells for the transplant"], "and what happens to me before they put them back", "undergoes chemotherapy"),
        # "Then what?" asks for the step after the one the earlier turn told.
        (["how does ahsct go", "right, so first they harvest my own stem cells"], "ok then what", "undergoes chemotherapy"),
        (["so for the transplant they collect my cells and then i get chemo"], "and what happens next", "reintroduced to rebuild"),
        # The step told in everyday words: "remove" may mean harvested.
        (["how does the transplant work", "so they remove my own stem cells first"], "ok and then what", "undergoes chemotherapy"),
        # The step told in the follow-up itself.
        (["tell me about the transplant"], "ok so they collect my cells first... and then what", "undergoes chemotherapy"),
        # "What do they do" after a question, not a step, asks what they do.
        (["where do mscs come from"], "what do they do once they are in", "help suppress abnormal immune responses"),
        # Why they do one step before another: the step that comes before it says why.
        ([], "why do they give the chemo before they return the stem cells", "undergoes chemotherapy"),
        ([], "why is chemo given before the cells go back in", "undergoes chemotherapy"),
        # "After that" names no step: the one the earlier turn told.
        (["how is ahsct done", "so they start by collecting my cells"], "ok whats next after that", "undergoes chemotherapy"),
        # The step named ends where the question begins.
        ([], "after the chemo is done what happens to the cells they harvested from me", "reintroduced to rebuild"),
        # What happens to what a step named: the step that acts on it, past the one between.
        ([], "after they take my stem cells out what do they do with them", "reintroduced to rebuild"),
        (["how are the cells collected for the transplant"], "and then what happens to those?", "reintroduced to rebuild"),
        (["where do they get my cells from for ahsct"], "what do they do with them after the chemo", "reintroduced to rebuild"),
        # The step told before "then what", not the words asked after it.
        ([], "so with the transplant they harvest my cells and then what, when do i get the chemo", "undergoes chemotherapy"),
        ([], "so for ahsct the chemo knocks out my immune system and then what?? how does it come back", "reintroduced to rebuild"),
        # The step between two named: the one after the first.
        ([], "for the transplant, what goes on in between harvesting my cells and giving them back", "undergoes chemotherapy"),
        ([], "what happens between the chemo and the reinfusion", "reintroduced to rebuild"),
    ],
)
def test_a_question_about_the_step_after_or_before_another_gets_that_step(engine, history, message, expected):
    reply = engine.reply(message, history)
    assert reply.kind == "answer" and expected in reply.passages[0].passage.text


@pytest.mark.parametrize(
    "history, message",
    [([], "of the two kinds of stem cell treatment, which one is gentler"), (["what are the two approaches"], "which is less dangerous")],
)
def test_a_question_that_compares_is_answered_by_the_passage_that_compares(engine, history, message):
    assert engine.reply(message, history).passages[0].passage.text.startswith("Considered less risky and more accessible than AHSCT")


@pytest.mark.parametrize(
    "history, message, expected",
    [
        ([], "how does stem cell therapy work for lupus", 'either "reboot" the immune system'),
        (["what are stem cells"], "ok but how do they actually help someone with lupus", 'either "reboot" the immune system'),
        (["is stem cell therapy an option for sle"], "how exactly would it do that", 'either "reboot" the immune system'),
        (["what are mesenchymal stem cells"], "and how do they treat lupus", "help suppress abnormal immune responses"),
        (["tell me about stem cell therapy"], "why does that help lupus", 'either "reboot" the immune system'),
        ([], "wat do mscs do once they are in", "help suppress abnormal immune responses"),  # typed in a hurry
        # whether it stops the attack, how it would cure, and its mechanism, as staff write it
        ([], "does the treatment stop my body attacking itself", 'either "reboot" the immune system'),
        ([], "so how does putting cells in your blood 'cure' lupus", 'either "reboot" the immune system'),
        ([], "mechanism of the transplant?", "rebuild a new, healthier immune system"),
        # asked without "does"
        ([], "please explain how the treatment helps sle", 'either "reboot" the immune system'),
        ([], "i want to know what the cells do exactly in the body", "help suppress abnormal immune responses"),
        # what it is for
        (["i'm a student presenting on lupus next week"], "what's the basic idea behind stem cells for it", 'either "reboot" the immune system'),
        ([], "what's the point of stem cells in sle - to reset the immune system?", 'either "reboot" the immune system'),
        (["my wife has lupus"], "whats the main idea of the treatment", 'either "reboot" the immune system'),
    ],
)
def test_how_the_treatment_helps_is_answered_by_what_it_does_to_the_immune_system(engine, history, message, expected):
    assert expected in engine.reply(message, history).passages[0].passage.text


def test_whether_it_is_for_everyone_or_only_some_is_whom_it_is_for(engine):
    first = engine.reply("is the autologous transplant given to every lupus patient or just bad cases").passages[0].passage.text
    assert first.startswith("This approach is more aggressive and typically reserved for severe lupus")


@pytest.mark.parametrize(
    "history, message",
    [
        (["isn't the autologous transplant dangerous"], "then why would people go for it"),
        (["the ahsct chemo sounds scary"], "why bother then"),
        (["the transplant sounds so harsh"], "so why would anyone switch to it"),
    ],
)
def test_why_anyone_would_choose_it_is_whom_it_is_for_not_the_risk_asked_about(engine, history, message):
    assert engine.reply(message, history).passages[0].passage.text.startswith("This approach is more aggressive and typically reserved for severe lupus")


@pytest.mark.parametrize(
    "history, message, expected",
    [
        ([], "what does the fat tissue one actually do", "help suppress abnormal immune responses"),
        (["is ahsct risky"], "and the donor option?", "Considered less risky"),
        ([], "what does the cord blood thing do", "help suppress abnormal immune responses"),
        # set before the question as its topic, the detail only points at the treatment
        ([], "the cord blood option, how is it given?", "infused intravenously"),
        (["do you need chemo for msc"], "and for the bone marrow one?", "undergoes chemotherapy"),
    ],
)
def test_a_treatment_described_by_a_detail_told_of_it_alone_is_named_by_it(engine, history, message, expected):
    assert expected in engine.reply(message, history).passages[0].passage.text


@pytest.mark.parametrize(
    "message, expected",
    [
        ("which option needs chemo", "undergoes chemotherapy"),
        ("which approach is for the most severe cases", "reserved for severe lupus"),
    ],
)
def test_which_treatment_is_answered_in_a_treatments_section_not_by_the_one_said_to_do_without(engine, message, expected):
    assert expected in engine.reply(message).passages[0].passage.text


def test_which_one_after_the_treatments_were_introduced_asks_which_treatment(engine):
    reply = engine.reply("which one uses donor cells", ["what kinds of stem cell treatment are there for lupus"])
    assert "MSCs are taken from a donor" in reply.passages[0].passage.text
    assert "Graft-versus-host" in engine.reply("which one of those is rare", ["what are the risks"]).passages[0].passage.text


@pytest.mark.parametrize(
    "message",
    [
        "my brother's lupus has attacked his brain. would they even consider him?",
        "my lupus is in my kidneys, am i the type of patient they take",
    ],
)
def test_whether_they_would_take_someone_is_asked_of_the_candidates(engine, message):
    assert engine.reply(message).passages[0].passage.text.startswith("Those with major organ involvement")


def test_answer_words_are_read_by_kind_and_are_optional(tmp_path):
    path = tmp_path / "answer_words.cfg"
    path.write_text("# what a kind of question is answered with\nfunction: reboot\nfunction: modulate  # more\nwhom_for: severe\n", encoding="utf-8")
    assert load_answer_words(path) == {"function": "reboot modulate", "whom_for": "severe"}
    assert load_answer_words(tmp_path / "missing.cfg") == {}


@pytest.mark.parametrize("message", ["typical sle medications", "what pills do lupus patients normally get", "sle conventional therapy", "lupus usual drugs"])
def test_the_usual_treatments_are_the_ones_the_article_names_not_the_candidates_they_failed(engine, message):
    assert "Traditional treatments often involve immunosuppressive drugs" in engine.reply(message).passages[0].passage.text


def test_whether_it_is_standard_care_or_after_the_standard_meds_is_not_the_usual_treatments(engine):
    assert engine.reply("is stem cell therapy standard care for lupus").passages[0].passage.text.startswith("However, stem cell treatments")
    assert engine.reply("my lupus hasn't responded to the standard meds, am i a candidate").passages[0].passage.text.startswith("Patients with severe")


@pytest.mark.parametrize("message", ["what organs can lupus damage", "which organ systems does lupus involve"])
def test_the_organs_lupus_strikes_are_the_ones_the_article_lists(engine, message):
    assert "It can affect the skin, joints, kidneys, heart, lungs, and brain" in engine.reply(message).passages[0].passage.text


def test_the_organs_the_treatment_helps_are_still_its_benefit(engine):
    assert engine.reply("which organs can stem cells help").passages[0].passage.text.startswith("Improved organ function")


def test_how_a_named_treatment_works_is_still_its_steps(engine):
    first = engine.reply("how does it work", ["tell me about the msc infusion"]).passages[0].passage.text
    assert first.startswith("Mesenchymal Stem Cell (MSC) Infusion\n")


@pytest.mark.parametrize(
    "message",
    [
        "what's the difference between the autologous transplant and the msc infusion",
        # the transplant named by its cells
        "how is an hsc transplant different from an msc infusion",
        "blood stem cell transplant vs msc",
    ],
)
def test_the_difference_between_two_treatments_shows_both_side_by_side(engine, message):
    first = engine.reply(message).passages[0].passage.text
    assert first.startswith("There are two main approaches")
    assert "Autologous Hematopoietic Stem Cell Transplant (AHSCT)\n• Uses the patient" in first
    assert "Mesenchymal Stem Cell (MSC) Infusion\n• MSCs are taken from a donor" in first


@pytest.mark.parametrize("history, message", [([], "what are the two main approaches"), ([], "how do the two approaches compare")])
def test_a_line_that_only_introduces_sub_sections_is_answered_by_them(engine, history, message):
    reply = engine.reply(message, history)
    first = reply.passages[0].passage.text
    assert first.startswith("There are two main approaches") and "Uses the patient’s own stem cells" in first and "MSCs are taken from a donor" in first
    assert all(hit.passage.text != "There are two main approaches in stem cell treatment for lupus:" for hit in reply.passages)


@pytest.mark.parametrize("message", ["and the second one?", "the 2nd one?"])
def test_the_second_of_the_sub_sections_shown_side_by_side_is_the_second_one(engine, message):
    first = engine.reply(message, ["what are the two main approaches"]).passages[0].passage.text
    assert first.startswith("Mesenchymal Stem Cell (MSC) Infusion")


@pytest.mark.parametrize("history, message", [([], "could this become routine eventually"), (["is stem cell therapy standard care yet"], "will it ever be a regular treatment")])
def test_whether_it_will_ever_be_usual_is_what_the_future_holds(engine, history, message):
    assert "could soon become a key part of the future" in engine.reply(message, history).passages[0].passage.text


def test_kinds_of_cells_are_the_types_of_cell_not_the_kinds_of_treatment(engine):
    first = engine.reply("which sorts of stem cells are used in lupus").passages[0].passage.text
    assert first.startswith(("The most commonly used types", "Hematopoietic stem cells (HSCs)", "Mesenchymal stem cells (MSCs)"))


def test_the_difference_between_two_kinds_of_cell_is_their_list(engine):
    first = engine.reply("hsc vs msc, how do they differ").passages[0].passage.text
    assert first.startswith("The most commonly used types for lupus include:") and "• Mesenchymal stem cells" in first


@pytest.mark.parametrize("message", ["how much does msc cost vs ahsct", "msc vs ahsct which one is safer"])
def test_a_question_that_names_both_treatments_to_ask_something_else_is_not_shown_both(engine, message):
    assert not engine.reply(message).passages[0].passage.text.startswith("There are two main approaches")


def test_after_a_risk_is_not_a_step(engine):
    # The risks are a list but not a sequence: "after GVHD" is asked of GVHD, not of the next risk.
    assert engine.reply("what happens after gvhd").passages[0].passage.text.startswith("Graft-versus-host")


def test_a_word_that_may_mean_a_subject_does_not_make_a_follow_up_drop_the_earlier_subject(engine):
    # "give" may mean an infusion, and "MSC infusion" is a subject; the earlier turn's MSCs must stay.
    reply = engine.reply("ok and how do they give them to me", ["where does msc come from"])
    assert reply.kind == "answer" and any("infused intravenously" in h.passage.text for h in reply.passages)


def test_a_follow_up_on_what_the_earlier_turn_asked_about_a_subject_keeps_to_that_question(engine):
    # "what does MSC cost" asked about cost, not MSCs in general: the follow-up stays with the cost passage.
    reply = engine.reply("and does it depend on where you go", ["whats the ballpark figure for msc treatment"])
    assert reply.kind == "answer" and "several thousand" in reply.passages[0].passage.text


@pytest.mark.parametrize(
    "chatter",
    [
        "ok so my mom keeps asking me this and honestly i have no idea: {}",
        "{} sorry if thats a dumb question, im 34 and was diagnosed 10 yrs ago",
        "hi there, my husband wanted me to ask you, {} thx",
    ],
)
@pytest.mark.parametrize(
    "question",
    ["what are the risks of AHSCT", "how much does stem cell treatment cost", "where do mesenchymal stem cells come from", "can stem cells put lupus into remission"],
)
def test_everyday_chatter_around_a_question_does_not_change_its_answer(engine, chatter, question):
    plain = engine.reply(question)
    wrapped = engine.reply(chatter.format(question))
    assert wrapped.kind == "answer" and wrapped.passages[0].passage == plain.passages[0].passage


def test_of_passages_nearly_level_the_one_that_names_what_is_asked_goes_first(engine):
    # "stem cell therapy for lupus" is in many passages; only one names GVHD.
    reply = engine.reply("is gvhd a thing with stem cell therapy for lupus")
    assert reply.kind == "answer" and reply.passages[0].passage.text.startswith("Graft-versus-host")


@pytest.mark.parametrize(
    "question",
    [
        "my lupus hasn't responded to methotrexate, mycophenolate or rituximab, am I a candidate for stem cells",
        "I've been on hydroxychloroquine and prednisone for years and my lupus is still severe, is stem cell therapy an option",
        # A topic said not to be the case is not asked about.
        "why would lupus need chemo when lupus is not cancer",
        "my wife doesn't have cancer, so why does the transplant need chemo",
        # The history told first, the drugs listed long after it, and that they failed after them.
        "so over the years i went through pretty much all of it: plaquenil, cellcept, benlysta, and none of them helped. is AHSCT for me",
        # A drug the disease is kept under control on.
        "my lupus has been stable on benlysta for two years, would i qualify for a transplant",
    ],
)
def test_drugs_told_as_the_askers_history_do_not_make_the_question_out_of_scope(engine, question):
    assert engine.reply(question).kind == "answer"


@pytest.mark.parametrize(
    "question",
    ["can I take ibuprofen after AHSCT", "does rituximab, belimumab or methotrexate work better than stem cells", "will medicaid pay for an msc infusion"],
)
def test_drugs_asked_about_are_still_out_of_scope(engine, question):
    assert engine.reply(question).kind == "no_match"


def test_how_to_tell_it_is_not_what_is_asked(engine):
    reply = engine.reply("what is a stem cell, in plain english")
    assert reply.kind == "answer" and "undifferentiated cells" in reply.passages[0].passage.text


@pytest.mark.parametrize(
    ("message", "answer"),
    [
        ("what is an MSC? english is not my first language", "Found in bone marrow, fat tissue"),
        ("stem cell, what is it, i am not a native speaker", "undifferentiated cells"),
    ],
)
def test_an_excuse_for_ones_english_is_not_what_is_asked(engine, message, answer):
    reply = engine.reply(message)
    assert reply.kind == "answer" and answer in reply.passages[0].passage.text


@pytest.mark.parametrize(
    "message",
    [
        "my mom starts the transplant in march. will she get infections? i cant sleep thinking about it",
        "is infection a risk with AHSCT? i havent been able to sleep thinking about it",
    ],
)
def test_saying_one_cannot_sleep_for_worry_is_not_a_question_about_sleep(engine, message):
    reply = engine.reply(message)
    assert reply.kind == "answer" and "Infection or complications" in reply.passages[0].passage.text


def test_a_story_told_before_the_question_weighs_less_than_the_question(engine):
    # Biopsies are not in the article, but the question is about the kidneys.
    reply = engine.reply("My wife needed three biopsies last spring and her creatinine keeps climbing. Can stem cells help her kidneys?")
    assert reply.kind == "answer" and "kidney function" in reply.passages[0].passage.text


@pytest.mark.parametrize(
    "message, expected",
    [
        (
            "My brother has lupus nephritis and his kidneys keep getting worse on cyclophosphamide. Where can he actually get stem cell treatment?",
            "Availability is typically limited",
        ),
        ("I'm on prednisone and cellcept and my joints and skin are awful. How are the cells put back in?", "reintroduced"),
    ],
)
def test_a_story_full_of_the_articles_words_does_not_outrank_what_its_question_asks(engine, message, expected):
    reply = engine.reply(message)
    assert reply.kind == "answer" and expected in reply.passages[0].passage.text


@pytest.mark.parametrize(
    "message, expected",
    [
        ("my girlfriend has been flaring nonstop since christmas and her doctor said maybe stem cells and how much does it cost", "expensive"),
        ("my aunt has had sle for ages and is always exhausted and her specialist brought up stem cells so what does it actually do", "immune"),
    ],
)
def test_a_question_run_on_after_a_story_without_a_stop_is_read_as_one(engine, message, expected):
    reply = engine.reply(message)
    assert reply.kind == "answer" and expected in reply.passages[0].passage.text


@pytest.mark.parametrize("question", ["My sister has hepatitis C. Would MSC be safe for her?", "I'm 16 weeks pregnant. Could I qualify for AHSCT?"])
def test_whether_it_is_safe_or_open_to_the_person_a_story_is_about_turns_on_the_story(engine, question):
    assert engine.reply(question).kind == "no_match"


def test_how_often_is_answered_where_the_article_says_how_often_of_what_is_asked(engine):
    for history, question in [(["what is graft versus host disease"], "how often does it happen"), ([], "how often is gvhd seen with donor cells")]:
        assert engine.reply(question, history).passages[0].passage.text.startswith("Graft-versus-host disease (in rare cases")
    # The article does not say how often infusions are given, nor how often infections happen.
    for question in ["how often do I need msc infusions", "how often do infections happen after ahsct"]:
        assert engine.reply(question).kind == "no_match"


def test_whether_the_choice_of_hospital_matters_is_not_a_request_for_one_by_name(engine):
    assert engine.reply("does it matter which hospital i go to").kind == "answer"
    assert engine.reply("which hospital should i go to").kind == "no_match"


@pytest.mark.parametrize(
    "history, message",
    [
        (["mum has had lupus for 20 years and nothing has worked"], "is this the sort of case stem cells are for"),
        (["her lupus has damaged her kidneys badly"], "are those the kind of patients it is meant for"),
    ],
)
def test_whether_the_case_told_is_the_kind_the_treatment_is_for_is_answered_by_whom_it_is_for(engine, history, message):
    first = engine.reply(message, history).passages[0].passage
    assert first.bullet and first.headings[-1] == "Who Is a Candidate?"


@pytest.mark.parametrize(
    "message, expected",
    [
        # why doctors are cautious
        ("why won't my rheumatologist recommend it if the results are that good", "not considered standard care"),
        ("my doctor never even mentioned stem cells. why is he not suggesting it?", "not considered standard care"),
        # whether it is established
        ("is stem cell therapy for lupus legit or a scam", "not considered standard care"),
        # what it promises
        ("whats all the hype about stem cells and sle", "great potential"),
        # where to get it, and who gives it
        ("is ahsct available everywhere", "mostly available through clinical trials"),
        ("could we get ahsct through a clinical trial", "mostly available through clinical trials"),
        ("who is in charge of it", "qualified medical team"),
        # how serious the disease itself can be (not the treatment's risks)
        ("is sle dangerous", "mild to life-threatening"),
        # what is known of the long term, and whether it lowers the medicines someone needs
        ("do we know what happens long term after the transplant", "long-term outcome data"),
        ("could the transplant reduce how many pills i take", "Lower the need for steroids"),
    ],
)
def test_kinds_of_question_are_answered_in_the_articles_words_for_them(engine, message, expected):
    assert expected in engine.reply(message).passages[0].passage.text


@pytest.mark.parametrize(
    "message",
    [
        # medicines told as the asker's history, not asked about
        "My lupus is well controlled with plaquenil. Is stem cell therapy meant for people like me?",
        "I've been through cyclophosphamide and rituximab and I still flare. Would they consider me?",
        # a question of asking words only, after a story naming what the article does not cover
        "People online call it snake oil. Who is it really meant for?",
    ],
)
def test_whom_it_is_for_after_a_story_is_answered_by_whom_it_is_for(engine, message):
    first = engine.reply(message).passages[0].passage
    assert first.bullet and first.headings[-1] == "Who Is a Candidate?"


@pytest.mark.parametrize(
    "history, message",
    [([], "how do the doctors choose who gets ahsct"), (["is msc for everyone"], "who makes the decision"), ([], "how can i tell if i qualify")],
)
def test_who_decides_whether_someone_is_a_candidate_is_answered_by_who_and_how(engine, history, message):
    text = engine.reply(message, history).passages[0].passage.text
    assert "Consulting a rheumatologist" in text or "case-by-case" in text


def test_a_question_asking_for_a_number_is_answered_only_by_a_passage_that_gives_one(engine):
    reply = engine.reply("how many different kinds of stem cell treatment are there for lupus")
    assert reply.kind == "answer" and "two main approaches" in reply.passages[0].passage.text
    # The number must be of something the question names: a price in thousands does not count infusions.
    for question in [
        "what percentage of patients stay in remission after AHSCT",
        "what exact proportion of patients go into remission after ahsct",
        "what % of people relapse after msc",
        "how many infusions of MSCs does a patient need",
        "how many msc infusions will i need",
    ]:
        assert engine.reply(question).kind == "no_match"


def test_a_reaction_with_no_word_of_the_article_is_not_the_turn_a_follow_up_leans_on(engine):
    reply = engine.reply("so where would i go for it", ["what does stem cell treatment cost", "wow, that's a lot"])
    assert reply.kind == "answer" and reply.passages[0].passage.text.startswith("Availability is typically limited")


def test_whether_one_would_qualify_is_not_the_qualified_centre(engine):
    assert engine.reply("would my mom qualify").passages[0].passage.text.startswith("Ideal candidates for stem cell treatment")
    assert engine.reply("does it have to be a qualified medical center").passages[0].passage.text.startswith("Patients who have access to a qualified")


def test_a_story_told_over_several_messages_is_read_whole(engine):
    history = ["my husband has had lupus for years and now it's in his kidneys", "his doctor brought up a stem cell transplant"]
    reply = engine.reply("would he qualify?", history)
    assert any("major organ involvement" in hit.passage.text for hit in reply.passages)


def test_and_then_a_subject_carries_the_earlier_question_over_to_it(engine):
    first = engine.reply("what about msc?", ["does the autologous transplant need chemo"]).passages[0].passage.text
    assert first.startswith("These stem cells are infused intravenously without needing chemotherapy")


@pytest.mark.parametrize(
    "message",
    [
        "which treatment skips chemo",
        "is there one that spares you the chemo",
        "chemo wrecked my sister when she went through it. is there a stem cell route where you don't have to have chemo?",
    ],
)
def test_an_option_without_a_step_is_the_one_said_to_do_without_it(engine, message):
    assert engine.reply(message).passages[0].passage.text.startswith("These stem cells are infused intravenously without needing chemotherapy")


def test_a_treatment_named_with_a_step_it_cannot_skip_is_answered_by_that_step(engine):
    assert "undergoes chemotherapy" in engine.reply("can i get the transplant but skip the chemo").passages[0].passage.text


def test_a_follow_up_after_a_follow_up_reads_both(engine):
    history = ["what does gvhd mean", "does that happen with stem cell therapy for lupus"]
    assert engine.reply("how often", history).passages[0].passage.text.startswith("Graft-versus-host disease")


def test_going_back_to_the_first_question_leans_on_it_not_on_the_last_turn(engine):
    history = ["what is msc", "how much does ahsct cost"]
    first = engine.reply("back to my first question, where do they come from", history).passages[0].passage.text
    assert first.startswith(("Mesenchymal stem cells (MSCs): Found in", "MSCs are taken from a donor"))


def test_an_unrelated_history_does_not_hijack_a_standalone_question(engine):
    reply = engine.reply("what is graft versus host disease", ["how much does it cost"])
    assert reply.passages[0].passage.text.startswith("Graft-versus-host")


@pytest.mark.parametrize("message", ["hello", "what are the risks", "can i get pregnant after ahsct", "i can't breathe"])
def test_every_kind_carries_the_one_disclaimer(engine, message):
    reply = engine.reply(message)
    assert reply.kind in KINDS
    assert reply.disclaimer == messages.DISCLAIMER == reply.to_dict()["disclaimer"]


def _phrasings(kind: str) -> list[str]:
    path = Path(__file__).parent / "data" / "intent_phrasings.jsonl"
    return [row["text"] for row in map(json.loads, path.read_text(encoding="utf-8").splitlines()) if row["kind"] == kind]


def test_emergencies_in_many_wordings_are_recognised():
    missed = [text for text in _phrasings("emergency") if not is_emergency(text)]
    assert missed == []


def test_alarming_questions_about_the_treatment_are_not_emergencies():
    assert [text for text in _phrasings("not_emergency") if is_emergency(text)] == []


def test_small_talk_in_many_wordings_is_recognised(engine):
    assert [text for text in _phrasings("smalltalk") if not engine.smalltalk_kind(text)] == []


@pytest.mark.parametrize("message", ["end it", "this is the end", "i want it to end"])
def test_words_of_ending_are_no_goodbye_that_could_hide_an_emergency(message):
    assert smalltalk_kind(message) is None


def test_questions_that_open_like_small_talk_are_answered_not_greeted(engine):
    questions = _phrasings("question")  # "thanks! and how long does recovery take?", "who are the best candidates?"
    assert len(questions) >= 80
    assert [text for text in questions if engine.reply(text).kind == "smalltalk"] == []


def test_no_question_the_article_answers_is_taken_for_an_emergency_or_small_talk(engine):
    questions = [q for p in engine.retriever.passages for q in p.questions]
    assert len(questions) > 1000
    assert [q for q in questions if is_emergency(q) or smalltalk_kind(q)] == []


@pytest.mark.parametrize("message", ["thanks, that was really useful", "ok that's very informative, thank you"])
def test_thanks_in_other_words_is_small_talk(engine, message):
    assert engine.reply(message).kind == "smalltalk"


@pytest.mark.parametrize(
    "history, message, expected",
    [
        # whom the subject asked about is for
        (["tell me about the autologous transplant"], "whos it mainly for", "typically reserved for severe lupus"),
        (["msc risks"], "switching to ahsct - who is this one for", "typically reserved for severe lupus"),
        # whose cells they are
        (["explain the transplant option please"], "and whose cells get used", "patient’s own stem cells"),
        (["tell me about the autologous transplant"], "whose cells?", "patient’s own stem cells"),
        (["what is hsct"], "whose stem cells", "patient’s own stem cells"),
        # how the cells get into the body
        (["where would the mesenchymal cells for my mum come from"], "and how do they get the cells into her", "infused intravenously"),
        # the item of the earlier answer's list a follow-up names as a part
        (["who can get it"], "tell me more about the organ bit", "major organ involvement"),
        # a story told, then whether it is for the person it is about: the candidates' list with its bullets
        (["my mom has lupus in her kidneys"], "is she someone this could be for", "kidneys"),
        # "back to my first q"
        (["how is msc given", "what are the risks of ahsct"], "back to my first q, does it need chemo", "without needing chemotherapy"),
        (["is msc used widely yet"], "will it be someday", "could soon become a key part of the future"),
        (["my wife has lupus in her brain", "the meds arent working"], "is she someone they'd even look at", "Patients with severe, refractory lupus"),
        (["my mom has tried every med and still flares", "shes exhausted"], "is this meant for people like her", "Patients with severe, refractory lupus"),
        # "so no X?" checks what the earlier answer said
        (["how are mesenchymal cells given"], "ok so no chemo then?", "without needing chemotherapy"),
        # "and after the chemo?": the step after the one named
        (["how is ahsct done"], "ok and after the chemo?", "reintroduced"),
    ],
)
def test_follow_ups_read_as_people_type_them(engine, history, message, expected):
    assert expected in engine.reply(message, history).passages[0].passage.text


def test_what_a_list_lead_in_covers_counts_with_what_its_bullets_cover(engine):
    # "hype" is in the questions listed for the research list's lead-in, "work" in its bullets' own
    reply = engine.reply("does stem cell therapy work for lupus or is it just hype")
    assert reply.kind == "answer"


def test_whats_the_catch_asks_for_the_risks(engine):
    assert engine.reply("so whats the catch").passages[0].passage.text.startswith("Possible Risks")


@pytest.mark.parametrize(
    "message", ["My joints swell up every few weeks. Would the transplant mean fewer flares?", "she gets a flare every couple of months and it wipes her out. could msc cut down on flares?"]
)
def test_how_often_something_happens_to_someone_is_told_not_asked(engine, message):
    assert engine.reply(message).passages[0].passage.text.startswith("Fewer relapses")


def test_how_often_a_disease_worsens_is_told_while_how_often_a_treatment_is_given_is_asked(engine):
    reply = engine.reply("her kidney numbers drop every month. would the transplant help her kidneys?")
    assert reply.kind == "answer" and "kidney function" in reply.passages[0].passage.text
    assert engine.reply("does the msc infusion have to be repeated every year").kind == "no_match"


@pytest.mark.parametrize("message", ["would I need the infusion every 3 months?", "do you have to go back every 6 months for another one"])
def test_how_often_a_treatment_is_given_is_asked_and_the_article_does_not_say(engine, message):
    assert engine.reply(message).kind == "no_match"


@pytest.mark.parametrize(
    "history, message, expected",
    [
        ([], "who gets given the transplant", "typically reserved for severe lupus"),
        (["can stem cells cure lupus"], "how would they know it lasts", "Lack of long-term outcome data"),
        (["does msc work"], "how can we know the benefits last", "Lack of long-term outcome data"),
    ],
)
def test_who_is_offered_it_and_how_anyone_knows_it_lasts(engine, history, message, expected):
    assert expected.lower() in engine.reply(message, history).passages[0].passage.text.lower()


@pytest.mark.parametrize("message", ["can i book in with one of your doctors", "could you schedule an appointment for me with a specialist", "which of your doctors does the transplant"])
def test_booking_and_the_clinics_own_doctors_are_declined(engine, message):
    assert engine.reply(message).kind == "no_match"


@pytest.mark.parametrize(
    "message, expected",
    [
        ("wait what is sle exactly. my aunt has it and her rheumatologist mentioned stem cells", "chronic autoimmune disease"),
        ("hmm. what is lupus anyway? my sister just found out she has it and is reading about msc", "chronic autoimmune disease"),
    ],
)
def test_a_word_of_surprise_opening_a_question_is_not_what_it_asks(engine, message, expected):
    assert expected in engine.reply(message).passages[0].passage.text


@pytest.mark.parametrize(
    "history, message", [(["should we look into stem cells for her?"], "ok but under whom"), (["is it something to explore"], "with whom though?")]
)
def test_under_whom_asks_who_gives_the_treatment(engine, history, message):
    assert "qualified medical team" in engine.reply(message, history).passages[0].passage.text


@pytest.mark.parametrize(
    "message",
    ["working on a nursing school essay - what do doctors usually give for lupus before stem cells?", "doing a pharm class presentation: what are the standard lupus treatments"],
)
def test_the_work_a_question_is_asked_for_is_set_aside(engine, message):
    reply = engine.reply(message)
    assert reply.kind == "answer" and "Traditional treatments often involve" in reply.passages[0].passage.text


@pytest.mark.parametrize(
    "history, message",
    [
        ([], "is there any proof msc helps lupus"),
        ([], "any success stories with ahsct?"),
        (["is msc just hype"], "has anybody actually been helped by it"),
        ([], "what does the research actually show, not the hype"),
    ],
)
def test_whether_there_is_evidence_is_answered_by_what_studies_have_shown(engine, history, message):
    first = engine.reply(message, history).passages[0].passage
    assert "Early studies and clinical trials have shown" in f"{first.lead_in} {first.text}"


@pytest.mark.parametrize(
    "history, message", [(["which treatment is harsher on the body?"], "why would anyone go for it then"), (["which approach needs chemo?"], "why would you pick that")]
)
def test_why_anyone_would_choose_it_after_a_question_naming_no_treatment(engine, history, message):
    reply = engine.reply(message, history)
    assert reply.kind == "answer" and any(w in reply.passages[0].passage.text for w in ("reserved for severe lupus", "severe, refractory lupus"))


@pytest.mark.parametrize(
    "message",
    ["would my son have to go through chemo with the transplant?", "is there chemo in the stem cell transplant version", "is there chemo in the own cells route"],
)
def test_whether_a_treatment_takes_a_step_is_answered_by_the_step_not_its_risks(engine, message):
    assert "The patient undergoes chemotherapy" in engine.reply(message).passages[0].passage.text


@pytest.mark.parametrize("history, message", [([], "how much is ahsct"), (["what does it cost"], "and my insurance?")])
def test_what_it_costs_is_answered_where_the_price_is_not_by_the_risk_of_cost(engine, history, message):
    assert "ranging from several thousand" in engine.reply(message, history).passages[0].passage.text


@pytest.mark.parametrize(
    "message", ["why would they do chemo and then give back the cells, seems pointless", "so first chemo and then the cells go back in, why that order?"]
)
def test_two_steps_joined_by_and_then_are_told_not_a_question_of_the_next(engine, message):
    texts = [h.passage.text for h in engine.reply(message).passages[:2]]
    assert any("undergoes chemotherapy" in t for t in texts) and any("reintroduced" in t for t in texts)


def test_getting_at_the_root_of_the_disease_asks_what_the_treatment_does(engine):
    first = engine.reply("is the msc thing getting at the real problem or just masking it").passages[0].passage.text
    assert "suppress abnormal immune responses" in first


def test_how_the_cells_get_into_the_body_is_answered_by_the_infusion(engine):
    assert "infused intravenously" in engine.reply("how do the donor cells get into the bloodstream").passages[0].passage.text


def test_a_question_covered_in_its_own_words_is_answered_whatever_story_comes_before_it(engine):
    message = (
        "My mum was diagnosed back in 2015 and honestly it has been a rough decade for all of us, lots of hospital visits"
        " and bad weeks. Where do the cells for the msc infusion come from?"
    )
    reply = engine.reply(message)
    assert reply.kind == "answer" and "taken from a donor" in reply.passages[0].passage.text


@pytest.mark.parametrize(
    "history, message, expected",
    [(["what are the risks"], "which ones?", "Possible Risks"), (["what are the benefits"], "what sort?", "Potential Benefits")],
)
def test_a_follow_up_asking_only_which_kinds_is_answered_as_the_earlier_question(engine, history, message, expected):
    assert expected in engine.reply(message, history).passages[0].passage.text


@pytest.mark.parametrize("history, message", [(["what is sle"], "what organs?"), (["lupus, what is it"], "which organs then")])
def test_which_organs_after_what_lupus_is_asks_where_the_disease_strikes(engine, history, message):
    assert "It can affect the skin, joints, kidneys" in engine.reply(message, history).passages[0].passage.text


@pytest.mark.parametrize("history, message", [([], "is the transplant experimental"), (["is msc experimental"], "what about the transplant")])
def test_whether_the_transplant_is_experimental_is_answered_by_it_not_being_standard_care(engine, history, message):
    assert "still not considered standard care" in engine.reply(message, history).passages[0].passage.text


def test_why_so_followed_by_what_was_told_is_answered_as_the_earlier_question(engine):
    first = engine.reply("why is it so risky", ["is the transplant risky"]).passages[0].passage
    assert "Infection or complications from chemotherapy" in first.text and "less risky" not in first.text


@pytest.mark.parametrize(
    "history, message, expected",
    [(["is it ok to fly overseas for msc"], "why would that be an issue", "travel abroad"), (["what are the risks"], "why is that a problem", "Possible Risks")],
)
def test_why_that_would_be_a_problem_is_answered_where_the_earlier_answer_says(engine, history, message, expected):
    assert expected in engine.reply(message, history).passages[0].passage.text


def test_whether_that_is_a_good_idea_is_answered_where_the_earlier_answer_says(engine):
    assert "travel abroad" in engine.reply("is that a smart move", ["thinking of flying abroad for stem cells"]).passages[0].passage.text


def test_whether_it_is_something_for_someone_whose_case_was_told_is_asked_of_the_candidates(engine):
    reply = engine.reply("is msc something for him?", ["my dad has lupus in his kidneys and nothing has worked"])
    assert reply.passages[0].passage.text.startswith("Those with major organ involvement")


def test_whom_to_see_asks_who_decides(engine):
    message = "My husband is 66 and his lupus is fairly settled on tablets. Whom should he see before trying a treatment like this?"
    assert "Consulting a rheumatologist" in engine.reply(message).passages[0].passage.text


@pytest.mark.parametrize("message", ["can you put that in simpler words?", "i don't get it, sorry", "say it like i'm five please"])
def test_asking_for_the_answer_again_more_simply_shows_the_earlier_answer(engine, message):
    earlier = engine.reply("what can go wrong with ahsct").passages[0].passage.text
    reply = engine.reply(message, ["what can go wrong with ahsct"])
    assert reply.kind == "answer" and reply.passages[0].passage.text == earlier


@pytest.mark.parametrize(
    "polite, plain",
    [
        ("I was wondering whether you could explain to me what lupus is", "what is lupus"),
        ("I'd like to know whether you could kindly explain how the cells are given", "how are the cells given"),
    ],
)
def test_a_polite_opening_is_not_what_is_asked(engine, polite, plain):
    assert engine.reply(polite).passages[0].passage == engine.reply(plain).passages[0].passage


@pytest.mark.parametrize(
    "message",
    ["My husband is 66 years of age and rather weak these days. Would he still be considered?", "she is aged 70 and quite frail, is she the kind of patient this is meant for?"],
)
def test_an_adults_age_told_by_its_number_is_not_a_topic_asked_about(engine, message):
    reply = engine.reply(message)
    assert reply.kind == "answer" and "physically fit enough" in reply.passages[0].passage.text


@pytest.mark.parametrize("message", ["is 70 too old for the transplant", "my 11 year old has lupus, can she have msc"])
def test_an_age_asked_about_or_a_childs_age_is_still_declined(engine, message):
    assert engine.reply(message).kind == "no_match"


def test_for_whom_asks_whom_the_treatment_is_for(engine):
    assert "typically reserved for severe lupus" in engine.reply("and for whom is that one?", ["tell me about the transplant"]).passages[0].passage.text


@pytest.mark.parametrize("history, message", [(["tell me about the transplant"], "so is that the riskier one?"), (["what is ahsct"], "is it the riskier of the two")])
def test_which_is_riskier_is_answered_by_a_passage_that_compares(engine, history, message):
    reply = engine.reply(message, history)
    assert reply.kind == "answer" and any(s in reply.passages[0].passage.text for s in ("more aggressive", "less risky"))


@pytest.mark.parametrize("message", ["how do they put the donor cells in? surgery?", "msc - how do they give it, some kind of surgery??"])
def test_surgery_guessed_in_a_question_of_how_it_is_given_is_not_a_topic_asked_about(engine, message):
    reply = engine.reply(message)
    assert reply.kind == "answer" and "infused intravenously" in reply.passages[0].passage.text


@pytest.mark.parametrize(
    "history, message, expected",
    [(["how is the transplant done"], "once the chemo is over, what then?", "reintroduced"), ([], "so first they collect my cells, what then?", "undergoes chemotherapy")],
)
def test_what_then_asks_for_the_next_step(engine, history, message, expected):
    assert expected in engine.reply(message, history).passages[0].passage.text


@pytest.mark.parametrize("message", ["is the stem cell treatment a regular therapy for sle yet?", "are stem cells now a mainstream treatment for lupus"])
def test_whether_it_is_a_normal_treatment_now_is_answered_by_standard_care(engine, message):
    assert "not considered standard care" in engine.reply(message).passages[0].passage.text


@pytest.mark.parametrize("message", ["how many different types of stem cells are used?", "what stem cells do they use for lupus and how many types are there?"])
def test_how_many_kinds_of_cells_is_answered_by_the_list_of_cell_types(engine, message):
    assert "The most commonly used types" in engine.reply(message).passages[0].passage.text


@pytest.mark.parametrize("message", ["how long have they been tracking people, like do they know what happens years after"])
def test_what_happens_years_later_asks_what_is_known_of_the_long_term(engine, message):
    assert "long-term" in engine.reply(message).passages[0].passage.text


def test_a_follow_up_that_narrows_stays_with_the_earlier_question(engine):
    assert "Those with major organ involvement" in engine.reply("only kidney patients?", ["who tends to qualify"]).passages[0].passage.text


def test_whom_stem_cells_in_general_are_for_is_answered_where_the_article_says_it_in_general(engine):
    first = engine.reply("are stem cells for every sle patient or only the worst cases?").passages[0].passage.text
    assert "not suitable for every lupus patient" in first or "for individuals with severe or treatment-resistant lupus" in first


@pytest.mark.parametrize("message", ["if it comes from fat, is that fat taken out of me?", "so with msc they take stuff from my body?"])
def test_whether_the_cells_are_taken_from_the_patient_asks_whose_cells_they_are(engine, message):
    assert "MSCs are taken from a donor" in engine.reply(message).passages[0].passage.text


@pytest.mark.parametrize("message", ["where do they get the cells from me", "how do they get the stem cells out of my body"])
def test_how_the_cells_are_taken_from_the_asker_is_the_own_cells_harvest(engine, message):
    assert "harvested from bone marrow or blood" in engine.reply(message).passages[0].passage.text


@pytest.mark.parametrize("message", ["what is msc meant to accomplish for someone with lupus", "what are they hoping to achieve with stem cells"])
def test_what_the_treatment_is_meant_to_achieve_asks_what_it_does(engine, message):
    first = engine.reply(message).passages[0].passage.text
    assert "modulate the immune response" in first or "suppress abnormal immune responses" in first


@pytest.mark.parametrize(
    "message, expected",
    [
        ("My wife is 50 and has already had a kidney biopsy this spring. Could stem cells do anything for her kidneys?", "kidney"),
        ("I've been on just about every lupus medicine - methotrexate, azathioprine, belimumab - and nothing works. Could stem cells help?", "hasn’t responded"),
        ("been on pred for years and the weight gain is awful, could stem cells get me off it", "steroids"),
    ],
)
def test_what_someone_has_had_or_been_on_is_told_not_asked_about(engine, message, expected):
    reply = engine.reply(message)
    assert reply.kind == "answer" and expected in reply.passages[0].passage.text


def test_a_question_of_candidacy_asked_only_in_words_that_ask_after_a_story_is_answered(engine):
    message = "We have seen four specialists in two years and the word transplant came up last week. My husband is scared. Would people like him ever be considered?"
    reply = engine.reply(message)
    assert reply.kind == "answer"
    assert any(s in reply.passages[0].passage.text for s in ("hasn’t responded", "determine eligibility", "Ideal candidates"))


def test_whether_a_treatment_is_only_for_some_asks_whom_it_is_for(engine):
    reply = engine.reply("and is it mainly for the worst cases?", ["is the transplant dangerous"])
    assert reply.passages[0].passage.text.startswith("This approach is more aggressive and typically reserved")


@pytest.mark.parametrize(
    "history, message, expected",
    [(["what are the upsides of stem cells"], "and the bad stuff?", "Possible Risks"), (["what could go wrong with it"], "ok, and the good side?", "Potential Benefits")],
)
def test_a_follow_up_asking_the_other_side_is_answered_by_it_not_by_the_earlier_side(engine, history, message, expected):
    assert engine.reply(message, history).passages[0].passage.section.endswith(expected)


@pytest.mark.parametrize(
    "history, message, expected",
    [(["what are the side effects of the transplant"], "does that happen with both types?", "Possible Risks"), (["can it cause infections"], "is that for either of the two?", "(in AHSCT)")],
)
def test_whether_what_was_told_holds_for_both_is_answered_where_it_was_told(engine, history, message, expected):
    reply = engine.reply(message, history)
    assert expected in reply.passages[0].passage.text and "two main approaches" not in reply.passages[0].passage.text


def test_ok_and_after_that_asks_for_the_next_step_not_small_talk(engine):
    reply = engine.reply("ok and after that?", ["so first they harvest my own cells for the transplant"])
    assert reply.kind == "answer" and "undergoes chemotherapy" in reply.passages[0].passage.text


@pytest.mark.parametrize(
    "message, expected",
    [("ahsct is short for what?", "Autologous Hematopoietic Stem Cell Transplant (AHSCT)"), ("and msc, what does that stand for", "Mesenchymal Stem Cell (MSC) Infusion")],
)
def test_what_a_short_name_stands_for_is_answered_by_the_words_it_is_short_for(engine, message, expected):
    assert engine.reply(message).passages[0].passage.text.startswith(expected)


@pytest.mark.parametrize(
    "history, message, expected",
    [(["is msc risky"], "sorry no, I meant the transplant", "Infection or complications from chemotherapy"), (["who is msc for"], "oops, i meant ahsct", "typically reserved for severe lupus")],
)
def test_a_correction_naming_the_other_treatment_asks_the_earlier_question_of_it(engine, history, message, expected):
    assert expected in engine.reply(message, history).passages[0].passage.text


@pytest.mark.parametrize("message", ["should my mum go ahead with it? she is so unwell", "is stem cell treatment worth the risks for my sister, really?"])
def test_whether_to_go_ahead_is_answered_by_the_articles_verdict(engine, message):
    assert "worth exploring this innovative treatment under the guidance" in engine.reply(message).passages[0].passage.text


@pytest.mark.parametrize(
    "history, message, expected",
    [
        (["what are the two approaches?", "what does the first one involve?"], "what about the second one?", "MSC"),
        (["what are the two approaches?", "is the first one risky?"], "and the second one, is it?", "less risky"),
    ],
)
def test_the_second_item_after_asking_about_the_first_counts_in_the_same_list(engine, history, message, expected):
    assert expected in engine.reply(message, history).passages[0].passage.text


@pytest.mark.parametrize(
    "history, message, expected",
    [
        ([], "what is involved in the transplant rather than the infusion", "undergoes chemotherapy"),
        ([], "how is it given? the donor one, not the transplant", "infused intravenously"),
        (["is msc risky"], "no, i meant the one with chemo, not the donor one", "complications from chemotherapy"),
    ],
)
def test_a_treatment_set_aside_is_not_asked_about(engine, history, message, expected):
    assert expected in engine.reply(message, history).passages[0].passage.text



def test_side_effects_abbreviated_ask_for_the_risks(engine):
    assert "Possible Risks" in engine.reply("msc side fx?").passages[0].passage.headings[-1]


@pytest.mark.parametrize("message", ["where does one go to get the transplant done", "where would my mum go for this"])
def test_where_to_go_for_it_is_answered_by_where_it_is_available(engine, message):
    assert "availab" in engine.reply(message).passages[0].passage.text.lower()


@pytest.mark.parametrize("message", ["my sister wants to know where she could get msc", "not sure how we would access it"])
def test_where_to_get_it_asked_indirectly_is_answered_by_where_it_is_available(engine, message):
    assert "availab" in engine.reply(message).passages[0].passage.text.lower()


@pytest.mark.parametrize("message", ["how many options are there for stem cell therapy", "how many stem cell therapies exist for sle?"])
def test_how_many_treatments_there_are_is_answered_by_the_two_approaches(engine, message):
    assert engine.reply(message).passages[0].passage.text.startswith("There are two main approaches")


def test_how_many_treatments_someone_needs_is_still_declined(engine):
    assert engine.reply("how many stem cell treatments does a patient need").kind == "no_match"


@pytest.mark.parametrize(
    "message, expected",
    [
        ("which of them needs chemo, ahsct or msc?", "undergoes chemotherapy"),
        ("which one can cause gvhd, own cells or donor cells?", "Graft-versus-host disease"),
    ],
)
def test_which_treatment_does_something_is_answered_by_it_not_by_the_two_offered(engine, message, expected):
    assert expected in engine.reply(message).passages[0].passage.text


@pytest.mark.parametrize(
    "message, expected",
    [
        ("mesenchymal cells, where do they come from?", "Found in bone marrow, fat tissue"),
        ("msc infusion: where do they get the cells for it?", "taken from a donor"),
        ("where do msc come from if they aren't your own", "taken from a donor"),
    ],
)
def test_where_cells_come_from_is_answered_by_where_they_are_found_or_taken_for_the_treatment(engine, message, expected):
    assert expected in engine.reply(message).passages[0].passage.text


@pytest.mark.parametrize("message", ["how often do flares happen after ahsct", "after msc, how often do people relapse?"])
def test_how_often_lupus_flares_after_treatment_is_answered_by_fewer_relapses(engine, message):
    assert engine.reply(message).passages[0].passage.text.startswith("Fewer relapses")


@pytest.mark.parametrize(
    "message, expected",
    [
        ("is that like the stem cell transplant my uncle had for lymphoma? same cells?", "same cells used in bone marrow transplants"),
        ("chemo for lupus?? i thought chemotherapy was for cancer", "undergoes chemotherapy"),
        ("are hscs the same as in a lymphoma bone marrow transplant", "same cells used in bone marrow transplants"),
    ],
)
def test_a_cancer_named_as_what_transplants_or_chemo_are_usually_for_is_not_asked_about(engine, message, expected):
    assert expected in engine.reply(message).passages[0].passage.text


def test_a_cancer_named_before_the_transplant_it_is_usually_for_is_not_asked_about_in_a_follow_up(engine):
    reply = engine.reply("so is it the same as a leukemia stem cell transplant", ["what are HSCs"])
    assert "same cells used in bone marrow transplants" in reply.passages[0].passage.text


@pytest.mark.parametrize(
    "history, message, expected",
    [
        ([], "what makes msc less dangerous than ahsct", "without needing chemotherapy"),
        ([], "how come ahsct is riskier", "Infection or complications from chemotherapy"),
        (["is the infusion gentler than the transplant"], "how come?", "without needing chemotherapy"),
    ],
)
def test_why_one_treatment_is_safer_or_riskier_is_what_it_takes_or_does_without(engine, history, message, expected):
    assert expected in engine.reply(message, history).passages[0].passage.text


@pytest.mark.parametrize(
    "message", ["how is a transplant for leukemia done", "stem cell transplant for crohns", "does chemo for lymphoma work", "is a leukemia bone marrow transplant covered by insurance"]
)
def test_a_transplant_or_chemo_for_another_disease_asked_about_alone_is_declined(engine, message):
    assert engine.reply(message).kind == "no_match"


@pytest.mark.parametrize("message", ["which hospitals offer the transplant?", "which clinics or centres provide stem cell treatment for sle"])
def test_which_hospitals_offer_it_is_answered_by_the_kinds_of_places_that_do(engine, message):
    assert "availab" in engine.reply(message).passages[0].passage.text.lower()


@pytest.mark.parametrize("message", ["which clinic does msc best", "which hospitals in ohio offer the transplant"])
def test_which_hospital_is_best_or_where_is_still_declined(engine, message):
    assert engine.reply(message).kind == "no_match"


@pytest.mark.parametrize("history", [["how do ahsct and msc differ"], ["tell me about both treatments, the transplant and the msc drip"]])
def test_which_one_is_for_the_worst_cases_after_both_were_named_asks_whom_each_is_for(engine, history):
    assert "reserved for severe lupus" in engine.reply("which one is more for the bad cases", history).passages[0].passage.text


@pytest.mark.parametrize("message", ["could the transplant become routine one day?", "will it ever become the normal treatment?"])
def test_whether_it_will_become_usual_one_day_is_answered_by_what_the_article_says_of_the_future(engine, message):
    assert "could soon become a key part of the future" in engine.reply(message).passages[0].passage.text


@pytest.mark.parametrize("message", ["so what actually is a stem cell, plain english pls", "but what exactly is a stem cell, plain english please"])
def test_how_to_tell_it_is_set_aside_without_in_before_it(engine, message):
    assert engine.reply(message).kind == "answer"


@pytest.mark.parametrize(("history", "message"), [(["how does the transplant work"], "is it risky?"), (["what is the chemo in AHSCT for"], "and is that risky")])
def test_a_follow_up_that_names_nothing_is_asked_of_the_treatment_named_before(engine, history, message):
    top = engine.reply(message, history).passages[0].passage.text
    assert "Infection or complications from chemotherapy" in top and "less risky" not in top


def test_going_back_to_the_first_type_leans_on_the_first_turn(engine):
    reply = engine.reply("back to the first type, is it given by drip?", ["tell me about msc", "what about HSCs"])
    assert "infused intravenously" in reply.passages[0].passage.text


@pytest.mark.parametrize("message", ["lupus - what is it and what can it do to your organs?", "i have sle, what does it do to ur body"])
def test_what_lupus_does_to_the_body_asked_with_it_is_answered_by_what_the_disease_is(engine, message):
    reply = engine.reply(message)
    assert reply.kind == "answer" and "chronic autoimmune disease" in reply.passages[0].passage.text


@pytest.mark.parametrize("message", ["honestly what could stem cells offer my daughter", "what can this therapy offer people like me"])
def test_what_the_treatment_can_offer_is_the_hope_the_article_holds_out(engine, message):
    assert "it offers hope for lasting remission" in engine.reply(message).passages[0].passage.text


@pytest.mark.parametrize(
    ("history", "message"),
    [([], "what do mild cases take?"), (["who gets AHSCT"], "what does everyone else get"), (["is MSC only for bad lupus"], "so what do milder patients use instead")],
)
def test_what_the_others_get_is_the_usual_treatment(engine, history, message):
    assert "immunosuppressive drugs, corticosteroids, and biologics" in engine.reply(message, history).passages[0].passage.text


def test_day_to_day_is_the_quality_of_life(engine):
    assert "quality of life" in engine.reply("will my mum cope better day to day after stem cells").passages[0].passage.text


@pytest.mark.parametrize(
    ("history", "message"),
    [(["could the transplant put her lupus in remission"], "for all patients?"), (["can stem cells make lupus go away"], "and does that work for everybody")],
)
def test_whether_an_outcome_holds_for_everyone_is_answered_where_the_article_says_for_whom(engine, history, message):
    assert "in some individuals" in engine.reply(message, history).passages[0].passage.text


def test_whether_a_treatment_is_for_everyone_is_still_whom_it_suits(engine):
    assert "not suitable for every lupus patient" in engine.reply("for everyone?", ["is stem cell therapy safe?"]).passages[0].passage.text


@pytest.mark.parametrize(
    ("history", "message", "answer"),
    [(["what does msc do"], "what about the transplant", "rebuild a new, healthier immune system"), (["what does the AHSCT do?"], "sorry, I meant the mesenchymal one", "suppress abnormal immune responses")],
)
def test_what_a_treatment_does_turned_to_the_other_asks_what_that_one_does(engine, history, message, answer):
    assert answer in engine.reply(message, history).passages[0].passage.text


@pytest.mark.parametrize("history", [["how do they get the cells in the own cells option"], ["how do they get the cells when you use your own"]])
def test_what_happens_to_them_after_the_step_that_takes_the_cells_is_the_step_that_gives_them_back(engine, history):
    assert "reintroduced" in engine.reply("then what happens to them", history).passages[0].passage.text


@pytest.mark.parametrize("message", ["explain the 2nd one", "the 2nd one pls"])
def test_an_item_pointed_at_by_its_number_goes_first(engine, message):
    reply = engine.reply(message, ["list the benefits of stem cell therapy for lupus"])
    assert reply.passages[0].passage.text == "Fewer relapses and longer remission periods"


@pytest.mark.parametrize(
    ("history", "message", "told"),
    [(["what are the risks"], "any others besides infection?", "Infection"), (["what good can stem cells do for lupus"], "anything else apart from fewer relapses", "Fewer relapses")],
)
def test_what_else_besides_what_was_told_is_the_rest_of_the_list(engine, history, message, told):
    passages = [h.passage for h in engine.reply(message, history).passages]
    assert "•" in passages[0].text  # the whole list
    assert not any(p.text.startswith(told) for p in passages[1:])


@pytest.mark.parametrize("message", ["who is stem cell therapy for lupus really aimed at", "who's this treatment mostly targeted at"])
def test_whom_it_is_aimed_at_is_whom_it_is_for(engine, message):
    top = engine.reply(message).passages[0].passage.text
    assert "severe" in top or "exhausted other treatments" in top


@pytest.mark.parametrize("message", ["whats unique about MSCs compared to other stem cells", "what makes msc cells special compared to hsc", "msc vs other stem cells, what's special about them"])
def test_what_sets_a_kind_of_cell_apart_is_told_where_the_article_describes_it(engine, message):
    assert "strong anti-inflammatory properties" in engine.reply(message).passages[0].passage.text

"""The fixed, reviewed texts the bot may say besides article passages. Change them only after review."""

from __future__ import annotations

DISCLAIMER = (
    "This information comes from an educational article and is not medical advice. "
    "Stem cell treatments for lupus are still being researched; talk to your rheumatologist or care team "
    "about your own situation before making any treatment decision."
)

EMERGENCY = (
    "This sounds like it could be a medical emergency. Call your local emergency number now "
    "(for example 911 in the US, 112 in Europe, 999 in the UK) or go to the nearest emergency department. "
    "If you are having thoughts of suicide or of harming yourself, please also call or text a crisis line now "
    "(988 in the US, 116 123 for Samaritans in the UK and Ireland) or your local crisis service. "
    "You are not alone, and help is available right now."
)

GREETING = (
    "Hello! I answer questions about stem cell treatments for lupus using one article: what the treatments are, "
    "how they work, what research shows, benefits and risks, who may be a candidate, and cost and availability."
)
THANKS = "You're welcome. Ask me anything else about stem cell treatments for lupus."
GOODBYE = "Goodbye, and take care. Come back any time you have questions about stem cell treatments for lupus."
ABOUT = (
    "I'm an automated assistant, not a doctor or a person. I can only quote an article about stem cell "
    "treatments for lupus; I cannot give medical advice or know your situation."
)
HELP = (
    "Type a question in your own words about stem cell treatments for lupus: the types of stem cells, how "
    "AHSCT and MSC infusions work, what the research says, benefits, risks, who is a candidate, or cost and availability."
)

NO_MATCH = (
    "I'm sorry, the article I answer from doesn't cover that, so I can't answer it. "
    "Please ask your doctor or care team. I can answer questions like these:"
)

SUGGESTIONS = (
    "What is stem cell therapy for lupus?",
    "How does an autologous stem cell transplant (AHSCT) work?",
    "What are the risks?",
    "Who is a candidate for stem cell treatment?",
    "How much does it cost?",
    "What does the research say?",
)

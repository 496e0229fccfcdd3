"""The outreach checker: seven plain rules for a first note, checked offline while you type.

1. A subject line: a first line "Subject: …", specific (over 60 characters is a warning; not just
   "Hello" or "Quick question") and free of job words. Required for a new email; a LinkedIn note
   or a follow-up sent as a reply needs none, but one that is there is checked all the same.
2. Short: fewer than 100 words (over 75 is a warning). The subject line and the greeting
   ("Hello Maya,") are not counted: the subject is read in the inbox list, on its own, and has
   its own rule; the 100 words are the note the reader has to get through.
3. No job-asking words: job, position, opening, hiring, vacancy, resume (and their plurals).
4. The connection is named in the first sentence: the referrer, how you met, or a word such as
   "referred", "suggested" or "met".
5. The request is a question: at least one sentence ends with "?".
6. It is about them: more "you / your" than "I / me / my".
7. A calm tone: no desperate or self-pitying phrase ("in transition", "desperate", "any job",
   "out of work", "please help me", "I'll take anything"…), in the subject or the body.

The rules are pass/fail for first outreach (FIRST_OUTREACH: the first email or note and the
follow-up after silence, and any text checked from the command line); for other messages (a
thank-you, keeping in touch) they are advice only, which `is_first_outreach` tells. Pure.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

RULE_IDS = ("subject", "length", "no-job-words", "connection", "question", "about-them", "tone")
MAX_WORDS = 100  # the note must stay under this
WARN_WORDS = 75  # over this, a warning
MAX_SUBJECT_CHARS = 60  # longer is cut off in most inbox lists
LINKEDIN_LIMIT = 200  # characters in a connection note from a free LinkedIn account
# Scripts the rules pass or fail; on any other message they are advice.
FIRST_OUTREACH = frozenset(
    {"outreach-email", "follow-up-no-reply", "linkedin-note", "email-overseas"}
)
# First outreach sent as a new email, which needs a subject line of its own.
NEW_EMAILS = frozenset({"outreach-email", "email-overseas"})
JOB_WORDS = re.compile(
    r"\b(jobs?|positions?|openings?|hiring|vacanc(?:y|ies)|r[eé]sum[eé]s?)\b", re.IGNORECASE
)
CONNECTION_WORDS = re.compile(
    r"\b(referr(?:ed|al)|suggested|recommended|introduc(?:ed|tion)|met|mentioned|"
    r"gave me your name|passed on your name)\b",
    re.IGNORECASE,
)
YOU_WORDS = re.compile(r"\b(you|your|yours|yourself|you're|you'd|you'll|you've)\b", re.IGNORECASE)
ME_WORDS = re.compile(r"\b(i|me|my|mine|myself|i'm|i'd|i'll|i've)\b", re.IGNORECASE)
WORD = re.compile(r"[\w'’-]+")
GREETING = re.compile(r"^(dear|hello|hi|hey|good (morning|afternoon|evening))\b.{0,60}[,!:]?$",
                      re.IGNORECASE)  # fmt: skip
SUBJECT = re.compile(r"^\s*subject\s*:", re.IGNORECASE)
REPLY_PREFIX = re.compile(r"^\s*((re|fwd?|aw|tr)\s*:\s*)+", re.IGNORECASE)
# Subjects that say nothing about what the note is about (compared without punctuation or case).
VAGUE_SUBJECTS = frozenset({
    "hello", "hi", "hey", "hello there", "hi there", "greetings", "question", "a question",
    "quick question", "a quick question", "questions", "request", "a request", "quick request",
    "meeting", "meeting request", "introduction", "intro", "networking", "connecting",
    "informational interview", "informational interview request", "coffee", "coffee chat",
    "catch up", "follow up", "following up", "checking in", "reaching out", "advice", "help",
    "no subject", "subject", "hoping to connect", "can we talk", "can we chat",
})  # fmt: skip
# Desperate or self-pitying phrases: they make a stranger feel responsible for you.
TONE_PHRASES = re.compile(
    r"\b(in (?:a )?transition|desperate(?:ly)?|any job|any (?:kind of )?work|out of work|"
    r"please,? help me|i'?ll take anything|i will take anything|i'?d take anything|"
    r"beg(?:ging)? you|last resort|(?:no ?one|nobody) will hire me|i have nothing|"
    r"struggling to find)\b",
    re.IGNORECASE,
)
SENTENCE_END = re.compile(r"(?<=[.!?])[\"')\]]*(?=\s|$)")


@dataclass(frozen=True)
class RuleResult:
    """One rule's verdict: `passed`, a `warning` (passed, but close), and why in plain words."""

    id: str
    title: str
    passed: bool
    why: str
    warning: bool = False


def _normalise(text: str) -> str:
    return text.replace("’", "'").replace("‘", "'")


def is_first_outreach(script_id: str) -> bool:
    """Whether the rules pass or fail this script's message (else they are advice)."""
    return script_id in FIRST_OUTREACH


def needs_subject(script_id: str) -> bool:
    """Whether this script's message goes out as a new email, with a subject line."""
    return script_id in NEW_EMAILS


def note_length(text: str) -> int:
    """The characters a LinkedIn note counts: the text without blank space at either end."""
    return len(text.strip())


def subject_of(text: str) -> str | None:
    """The text of a first line 'Subject: …' (blank lines before it skipped), else None."""
    for line in _normalise(text).splitlines():
        if not line.strip():
            continue
        match = SUBJECT.match(line)
        return " ".join(line[match.end() :].split()) if match else None
    return None


def body_of(text: str) -> str:
    """The message without a leading 'Subject:' line and the greeting line."""
    lines = _normalise(text).splitlines()
    while lines and not lines[0].strip():
        lines.pop(0)
    if lines and SUBJECT.match(lines[0]):
        lines.pop(0)
    while lines and not lines[0].strip():
        lines.pop(0)
    if lines and GREETING.match(lines[0].strip()) and len(lines[0].split()) <= 6:
        lines.pop(0)
    return "\n".join(lines).strip()


def words(text: str) -> list[str]:
    return WORD.findall(text)


def sentences(text: str) -> list[str]:
    """The text cut after each '.', '!' or '?' (and at blank lines), stripped, blanks dropped."""
    found = []
    for paragraph in re.split(r"\n\s*\n", text):
        start = 0
        flat = " ".join(paragraph.split())
        for match in SENTENCE_END.finditer(flat):
            found.append(flat[start : match.end()].strip())
            start = match.end()
        found.append(flat[start:].strip())
    return [sentence for sentence in found if sentence]


def _mentions(sentence: str, name: str) -> bool:
    name = " ".join(name.split())
    if not name:
        return False
    pattern = r"(?<!\w)" + re.escape(name) + r"(?!\w)"
    return re.search(pattern, " ".join(sentence.split()), re.IGNORECASE) is not None


def check_subject(text: str, *, required: bool = True) -> RuleResult:
    """The "Subject:" line of `text` (the whole message): there (when `required`), short,
    specific, and without job words."""
    title = "A short, specific subject line"
    subject = subject_of(text)
    if subject is None:
        if not required:
            return RuleResult("subject", title, True, "no subject line: none needed here")
        return RuleResult("subject", title, False,
                          "no “Subject:” first line: add one that names the topic, e.g. "
                          "“Subject: Your work in data at Brightwater”")  # fmt: skip
    topic = REPLY_PREFIX.sub("", subject).strip()
    if not topic:
        return RuleResult("subject", title, False, "the subject line is empty: name the topic")
    found = list(dict.fromkeys(match.group(0).lower() for match in JOB_WORDS.finditer(topic)))
    if found:
        listed = ", ".join(f"“{word}”" for word in found)
        return RuleResult("subject", title, False,
                          f"the subject mentions {listed}: it is read first; make it about "
                          "their work")  # fmt: skip
    plain = " ".join(re.sub(r"[^\w\s]", " ", topic.casefold()).split())
    if plain in VAGUE_SUBJECTS or len(words(topic)) < 2:
        return RuleResult("subject", title, False,
                          f"“{topic}” says little: name the topic or the company, e.g. "
                          "“A question about your work at Brightwater”")  # fmt: skip
    if len(subject) > MAX_SUBJECT_CHARS:  # a long company name is no fault: a warning
        return RuleResult("subject", title, True,
                          f"{len(subject)} characters: the inbox may cut it after "
                          f"{MAX_SUBJECT_CHARS}; put the topic first", warning=True)  # fmt: skip
    return RuleResult("subject", title, True, f"“{topic}”")


def check_length(body: str) -> RuleResult:
    count = len(words(body))
    title = "Under 100 words"
    if count >= MAX_WORDS:
        why = f"{count} words: cut it to under {MAX_WORDS}; busy people skim"
        return RuleResult("length", title, False, why)
    if count > WARN_WORDS:
        return RuleResult("length", title, True,
                          f"{count} words: fine, but under {WARN_WORDS + 1} reads faster",
                          warning=True)  # fmt: skip
    return RuleResult("length", title, True, f"{count} words")


def check_job_words(body: str) -> RuleResult:
    found = list(dict.fromkeys(match.group(0).lower() for match in JOB_WORDS.finditer(body)))
    title = "No job-asking words"
    if found:
        listed = ", ".join(f"“{word}”" for word in found)
        return RuleResult("no-job-words", title, False,
                          f"mentions {listed}: even “not about a job” puts the idea in their "
                          "head; ask to learn, nothing else")  # fmt: skip
    return RuleResult("no-job-words", title, True, "asks to learn, not for work")


def check_connection(body: str, connections: Iterable[str]) -> RuleResult:
    title = "Connection in the first sentence"
    first = next(iter(sentences(body)), "")
    if not first:
        return RuleResult("connection", title, False, "the message is empty")
    for name in connections:
        if _mentions(first, name):
            return RuleResult("connection", title, True, f"names “{' '.join(name.split())}”")
    match = CONNECTION_WORDS.search(first)
    if match:
        return RuleResult("connection", title, True, f"says “{match.group(0)}”")
    why = "say first who sent you or where you met; a known name gets the note read"
    return RuleResult("connection", title, False, why)


def check_question(body: str) -> RuleResult:
    title = "Request phrased as a question"
    asked = [sentence for sentence in sentences(body) if sentence.rstrip("\"')] ").endswith("?")]
    if asked:
        return RuleResult("question", title, True, f"asks: “{_clip(asked[0])}”")
    return RuleResult("question", title, False,
                      "end your request with a question mark, e.g. “Could you spare 15 "
                      "minutes?”: a question is easy to say yes to")  # fmt: skip


def check_about_them(body: str) -> RuleResult:
    you = len(YOU_WORDS.findall(body))
    me = len(ME_WORDS.findall(body))
    title = "More about them than about you"
    counts = f"{you} × you/your, {me} × I/me/my"
    if you > me:
        return RuleResult("about-them", title, True, counts)
    return RuleResult("about-them", title, False,
                      f"{counts}: turn an “I” sentence into one about them")  # fmt: skip


def check_tone(text: str) -> RuleResult:
    """No desperate or self-pitying phrase anywhere in `text` (subject and body)."""
    title = "A calm, confident tone"
    flat = " ".join(_normalise(text).split())
    found = list(dict.fromkeys(match.group(0).lower() for match in TONE_PHRASES.finditer(flat)))
    if found:
        listed = ", ".join(f"“{phrase}”" for phrase in found)
        verb = "sound" if len(found) > 1 else "sounds"
        why = f"{listed} {verb} anxious, as if asking them to rescue you: say what you are "
        return RuleResult("tone", title, False, why + "curious about instead")
    return RuleResult("tone", title, True, "nothing desperate or self-pitying")


def _clip(text: str, limit: int = 40) -> str:
    return text if len(text) <= limit else "…" + text[-(limit - 1) :]


def check_outreach(
    text: str, connections: Iterable[str] = (), *, subject_required: bool = True
) -> list[RuleResult]:
    """Every rule, in order. `connections`: the referrer's name, how you met, and so on;
    `subject_required`: False for a note or a reply, which need no subject line."""
    body = body_of(text)
    return [
        check_subject(text, required=subject_required),
        check_length(body),
        check_job_words(body),
        check_connection(body, [c for c in connections if c and c.strip()]),
        check_question(body),
        check_about_them(body),
        check_tone(text),
    ]

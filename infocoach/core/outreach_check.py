"""The checker: plain rules for each kind of message, checked offline while you type.

0. Every `[…]` left from a script is filled in: the checker quotes each one (every kind).
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

Each message is judged by the rules of its kind (`rules_for`):
- a first written message (FIRST: the first email or note to a stranger, the connection
  request, the follow-up after silence): all seven, plus "fill in every bracket";
- a note after a meeting or a reply in a thread (WRITTEN: a thank-you, an update for the
  referrer, keeping in touch, a favour asked of a friend): every bracket filled, a subject
  that is there checked, short enough (under 150 words), no job words, a calm tone; nothing
  about a connection or a question, which such a note has no need of;
- a spoken script (SPOKEN: a call, a voicemail, what she says in the meeting): every bracket
  filled, and its length in seconds at her pace (the voicemail under 30).
Words are counted as `wc -w` counts them: what stands between spaces. Pure.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

from infocoach.core.pacing import DEFAULT_PACE, seconds_at, word_spans

# The rules of a first message, in order; a spoken script's length has one more.
FIRST_RULE_IDS = ("fill-in", "subject", "length", "no-job-words", "connection", "question",
                  "about-them", "tone")  # fmt: skip
RULE_IDS = (*FIRST_RULE_IDS, "spoken-length")
FIRST, WRITTEN, SPOKEN = "first", "written", "spoken"
MESSAGE_KINDS = (FIRST, WRITTEN, SPOKEN)
MAX_WORDS = 100  # a first message must stay under this
WARN_WORDS = 75  # over this, a warning
MAX_NOTE_WORDS = 150  # a note after a meeting or a reply must stay under this
MAX_SUBJECT_CHARS = 60  # longer is cut off in most inbox lists
LINKEDIN_LIMIT = 200  # characters in a connection note from a free LinkedIn account
# The first messages to a stranger: the full rules.
FIRST_OUTREACH = frozenset(
    {"outreach-email", "follow-up-no-reply", "email-overseas", "connection-request"}
)
# First outreach sent as a new email, which needs a subject line of its own.
NEW_EMAILS = frozenset({"outreach-email", "email-overseas"})
# The kinds of script (guidance's SCRIPT_KINDS) that are said aloud, not sent.
SPOKEN_SCRIPT_KINDS = frozenset({"phone", "voicemail", "spoken"})
# Spoken scripts with a length they promise, in seconds.
SECONDS_LIMITS = {"voicemail": 30, "self-introduction": 30}
BRACKET = re.compile(r"\[[^\[\]\n]{1,80}\]")
JOB_WORDS = re.compile(
    r"\b(jobs?|positions?|openings?|hiring|vacanc(?:y|ies)|r[eé]sum[eé]s?)\b", re.IGNORECASE
)
CONNECTION_WORDS = re.compile(
    r"\b(referr(?:ed|al)|suggested|recommended|introduc(?:ed|tion)|met|mentioned|"
    r"gave me your name|passed on your name|found your name)\b",
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
# Words with a full stop that ends no sentence.
ABBREVIATIONS = frozenset({"dr.", "prof.", "mr.", "mrs.", "ms.", "mx.", "st.", "jr.", "sr.",
                           "e.g.", "i.e.", "(dr.", "(prof."})  # fmt: skip
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


@dataclass(frozen=True)
class Rules:
    """How one message is judged: its kind (FIRST, WRITTEN or SPOKEN), whether it goes out as
    a new email (a subject line required), and the seconds a spoken one must stay under."""

    kind: str = FIRST
    subject_required: bool = False
    seconds_limit: int | None = None


def rules_for(script_id: str, script_kind: str) -> Rules:
    """The rules of a script's message, from its id and its kind ("phone", "email"…)."""
    if script_kind in SPOKEN_SCRIPT_KINDS:
        return Rules(SPOKEN, seconds_limit=SECONDS_LIMITS.get(script_id))
    if script_id in FIRST_OUTREACH:
        return Rules(FIRST, subject_required=script_id in NEW_EMAILS)
    return Rules(WRITTEN)


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
            last_word = flat[: match.end()].rsplit(None, 1)[-1].casefold()
            if last_word in ABBREVIATIONS:  # "Hello Dr. Nwosu": the sentence goes on
                continue
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
        return RuleResult(
            "subject",
            title,
            False,
            "no “Subject:” first line: add one that names the topic, e.g. "
            "“Subject: Your work in data at Brightwater”",
        )
    topic = REPLY_PREFIX.sub("", subject).strip()
    if not topic:
        return RuleResult("subject", title, False, "the subject line is empty: name the topic")
    found = list(dict.fromkeys(match.group(0).lower() for match in JOB_WORDS.finditer(topic)))
    if found:
        listed = ", ".join(f"“{word}”" for word in found)
        return RuleResult(
            "subject",
            title,
            False,
            f"the subject mentions {listed}: it is read first; make it about their work",
        )
    plain = " ".join(re.sub(r"[^\w\s]", " ", topic.casefold()).split())
    if plain in VAGUE_SUBJECTS or len(words(topic)) < 2:
        return RuleResult(
            "subject",
            title,
            False,
            f"“{topic}” says little: name the topic or the company, e.g. "
            "“A question about your work at Brightwater”",
        )
    if len(subject) > MAX_SUBJECT_CHARS:  # a long company name is no fault: a warning
        return RuleResult(
            "subject",
            title,
            True,
            f"{len(subject)} characters: the inbox may cut it after "
            f"{MAX_SUBJECT_CHARS}; put the topic first",
            warning=True,
        )
    return RuleResult("subject", title, True, f"“{topic}”")


def word_count(body: str) -> int:
    """The words of `body` as `wc -w` counts them: what stands between spaces."""
    return len(body.split())


def check_fill_in(text: str) -> RuleResult:
    """Nothing left in square brackets: each `[…]` is quoted, for her to write in."""
    title = "Every bracket filled in"
    found = list(dict.fromkeys(match.group(0) for match in BRACKET.finditer(text)))
    if found:
        return RuleResult("fill-in", title, False, "Fill in: " + ", ".join(found))
    return RuleResult("fill-in", title, True, "nothing left in square brackets")


def check_length(body: str, limit: int = MAX_WORDS, warn: int | None = WARN_WORDS) -> RuleResult:
    count = word_count(body)
    title = f"Under {limit} words"
    counted = f"{count} words, the subject and greeting not counted"
    if count >= limit:
        return RuleResult(
            "length", title, False, f"{counted}: cut it to under {limit}; busy people skim"
        )
    if warn is not None and count > warn:
        return RuleResult(
            "length",
            title,
            True,
            f"{counted}: close to {limit}; a sentence less reads faster",
            warning=True,
        )
    return RuleResult("length", title, True, counted)


def check_spoken_length(text: str, pace: int, limit: int | None = None) -> RuleResult:
    """How long `text` takes to say at `pace` words a minute (directions in parentheses are
    not said); over `limit` seconds fails."""
    seconds = round(seconds_at(len(word_spans(text)), pace))
    said = f"about {seconds} seconds at your pace ({pace} words a minute)"
    if limit is None:
        return RuleResult("spoken-length", "Length when said aloud", True, said)
    title = f"Under {limit} seconds when said aloud"
    if seconds >= limit:
        return RuleResult("spoken-length", title, False, f"{said}: cut a sentence")
    return RuleResult("spoken-length", title, True, said)


def check_job_words(body: str) -> RuleResult:
    found = list(dict.fromkeys(match.group(0).lower() for match in JOB_WORDS.finditer(body)))
    title = "No job-asking words"
    if found:
        listed = ", ".join(f"“{word}”" for word in found)
        return RuleResult(
            "no-job-words",
            title,
            False,
            f"mentions {listed}: even “not about a job” puts the idea in their "
            "head; ask to learn, nothing else",
        )
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
    return RuleResult(
        "question",
        title,
        False,
        "end your request with a question mark, e.g. “Could you spare 15 "
        "minutes?”: a question is easy to say yes to",
    )


def check_about_them(body: str) -> RuleResult:
    you = len(YOU_WORDS.findall(body))
    me = len(ME_WORDS.findall(body))
    title = "More about them than about you"
    counts = f"{you} × you/your, {me} × I/me/my"
    if you > me:
        return RuleResult("about-them", title, True, counts)
    return RuleResult(
        "about-them", title, False, f"{counts}: turn an “I” sentence into one about them"
    )


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


def check_message(
    text: str, rules: Rules, connections: Iterable[str] = (), *, pace: int = DEFAULT_PACE
) -> list[RuleResult]:
    """The rules of `rules.kind`, in order. `connections`: the referrer's name, how you met,
    and so on; `pace`: her speaking pace, for a spoken script."""
    if rules.kind == SPOKEN:
        return [check_fill_in(text), check_spoken_length(text, pace, rules.seconds_limit)]
    body = body_of(text)
    if rules.kind == WRITTEN:
        return [
            check_fill_in(text),
            check_subject(text, required=False),
            check_length(body, MAX_NOTE_WORDS, warn=None),
            check_job_words(body),
            check_tone(text),
        ]
    return [
        check_fill_in(text),
        check_subject(text, required=rules.subject_required),
        check_length(body),
        check_job_words(body),
        check_connection(body, [c for c in connections if c and c.strip()]),
        check_question(body),
        check_about_them(body),
        check_tone(text),
    ]


def check_outreach(
    text: str, connections: Iterable[str] = (), *, subject_required: bool = True
) -> list[RuleResult]:
    """The rules of a first message (see `check_message`); `subject_required`: False for a
    note or a reply, which need no subject line."""
    return check_message(text, Rules(FIRST, subject_required), connections)

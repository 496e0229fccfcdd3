"""The outreach checker: five plain rules for a first note, checked offline while you type.

1. Short: fewer than 100 words (over 75 is a warning).
2. No job-asking words: job, position, opening, hiring, vacancy, resume (and their plurals).
3. The connection is named in the first sentence: the referrer, how you met, or a word such as
   "referred", "suggested" or "met".
4. The request is a question: at least one sentence ends with "?".
5. It is about them: more "you / your" than "I / me / my".

A "Subject:" line and the greeting ("Hello Maya,") are not part of the message body. Pure.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

RULE_IDS = ("length", "no-job-words", "connection", "question", "about-them")
MAX_WORDS = 100  # the note must stay under this
WARN_WORDS = 75  # over this, a warning
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


def _clip(text: str, limit: int = 40) -> str:
    return text if len(text) <= limit else "…" + text[-(limit - 1) :]


def check_outreach(text: str, connections: Iterable[str] = ()) -> list[RuleResult]:
    """Every rule, in order. `connections`: the referrer's name, how you met, and so on."""
    body = body_of(text)
    return [
        check_length(body),
        check_job_words(body),
        check_connection(body, [c for c in connections if c and c.strip()]),
        check_question(body),
        check_about_them(body),
    ]

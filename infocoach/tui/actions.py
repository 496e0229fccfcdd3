"""Every user action, declared once: the only place that knows keys.

An `Action` says what a key (or a palette entry) does and where: its id (also the id of its
`Binding`, so `App.set_keymap` can remap it), keys, footer label, palette title, a one-line
description, the screen (and pane) it applies to, and what it needs to run (`needs`). From this
table come the screens' `BINDINGS` (`bindings`), their `check_action` (`check`), the command
palette (`palette`), the key tables of the help screen (`fill_help`), and the one line that says
why a disabled key does nothing (`explain_disabled`).

Letters typed on a list follow one rule (`check`, `starts_filter`): a letter or a digit is a key
the footer shows while that list has the focus, or on a list with a filter the first letter of
the filter, or nothing. The main screen's letter keys (a, e, c, t…) act on the contact chosen
in the contact list, and are its keys; the screen's other lists (the checklist, the question
bank, the chosen questions: `KEEPS_LETTERS`) take only their own and the app's (q asks, u
undoes), so a word typed there by mistake ("trend") starts, resets and edits nothing. Only
`a` acts from every list (`from_any_list`): it opens an empty form and changes nothing, and
it is the key the welcome names, wherever she clicked first.

Whether a requirement is met is judged by the screen: a screen that uses requirements has a
`why_not(action) -> str | None` method returning the reason it cannot run now (None: it can).
"""

from __future__ import annotations

import re
import string
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, replace
from functools import partial
from typing import TYPE_CHECKING, Any

from textual.actions import parse
from textual.app import SystemCommand
from textual.binding import Binding, BindingType
from textual.css.query import NoMatches
from textual.keys import format_key
from textual.widget import Widget
from textual.widgets import Input

from infocoach.tui import textual_private

if TYPE_CHECKING:
    from textual.dom import DOMNode
    from textual.events import Key
    from textual.screen import Screen


@dataclass(frozen=True)
class Requirement:
    """What must be true for an action to run; the screen says why when it is not."""

    id: str
    meaning: str


ALWAYS = Requirement("always", "nothing: the action can always run")
NEEDS_CONTACT = Requirement(
    "contact", "a contact is selected and visible (not hidden by the filter)"
)
NEEDS_UNDO = Requirement("undo", "something was changed that can be taken back")
NEEDS_DRILLS = Requirement("drills", "role-play drills are loaded")
NEEDS_FILTER = Requirement("filter", "the contact filter is open")
NEEDS_FAILED_SAVE = Requirement("failed-save", "a save failed and waits to be tried again")
NEEDS_ENTRY = Requirement("entry", "a history entry is highlighted")
NEEDS_REHEARSAL = Requirement("rehearsal", "a rehearsal is running")
NEEDS_OPENER = Requirement("opener", "the first minute of the call is showing")
NEEDS_OPENER_ANSWER = Requirement(
    "opener-answer", "the first line of the call is said: their answer picks what comes next"
)
NEEDS_RESCHEDULE = Requirement("reschedule", "they said it is not a good time")
NEEDS_MEETING_QUESTION = Requirement(
    "meeting-question", "the highlighted agenda item asks whether a meeting happened"
)
NEEDS_CLEARING_EVENT = Requirement(
    "clearing-event", "the highlighted agenda item is cleared by logging an event"
)


@dataclass(frozen=True)
class Action:
    """One user action. `keys` are Textual key names, comma-separated ("" for palette only)."""

    id: str
    keys: str
    label: str
    description: str
    screen: str
    action: str
    pane: str = ""
    widget: str = ""  # when the binding sits on a widget inside the pane (e.g. its list)
    title: str = ""  # the palette title; the label when empty
    show: bool = True  # in the footer
    needs: Requirement = ALWAYS
    palette: bool = True
    hide_unavailable: bool = False  # hidden (not greyed out) in the footer when it cannot run
    priority: bool = False
    key_display: str | None = None
    # A letter key that only opens an empty form, changing nothing: it acts from every list of
    # its screen, not only the contact list (see the module's rule)
    from_any_list: bool = False

    @property
    def name(self) -> str:
        """The palette title (and the name used in help and in reasons)."""
        return self.title or self.label

    @property
    def key_list(self) -> list[str]:
        """Its keys now: her keymap's when it remaps this action (see `use_keymap`)."""
        keys = _keymap.get(self.id, self.keys)
        return [key.strip() for key in keys.split(",") if key.strip()]

    @property
    def typed(self) -> bool:
        """Whether a key of the action also types a character (so it is off while typing)."""
        return any(key in TYPED_KEYS for key in self.key_list)

    @property
    def lettered(self) -> bool:
        """Whether a key of the action is a letter or a digit (see the rule for lists)."""
        return any(key in LETTER_KEYS for key in self.key_list)

    def binding(self, namespace: str = "") -> Binding:
        return Binding(
            self.keys,
            f"{namespace}{self.action}",
            self.label,
            show=self.show,
            key_display=self.key_display,
            priority=self.priority,
            tooltip=self.description,
            id=self.id,
        )


# Her keymap: action id -> keys, in Textual's key names (see `tui.keymap`); the bindings get
# it through `App.set_keymap`, the text that names keys (help, hints) through `key_list`.
_keymap: dict[str, str] = {}


def use_keymap(keymap: dict[str, str]) -> None:
    _keymap.clear()
    _keymap.update(keymap)


def priority_keys() -> frozenset[str]:
    """The keys of the priority actions (as remapped), which act before a text field sees
    them: the save keys of forms, messages and call mode."""
    return frozenset(key for each in ACTIONS if each.priority for key in each.key_list)


# Keys that type a character in an Input or a TextArea.
TYPED_KEYS = frozenset(textual_private.character_to_key(chr(code)) for code in range(32, 127))
LETTER_KEYS = frozenset(
    textual_private.character_to_key(character)
    for character in string.ascii_letters + string.digits
)


def _dialog(
    id: str, keys: str, label: str, description: str, screen: str, action: str, **more: Any
) -> Action:
    """An action of a dialog or an overlay: its own keys, not a palette command."""
    return Action(id, keys, label, description, screen, action, palette=False, **more)


def _move(id: str, keys: str, label: str, description: str, action: str, **more: Any) -> Action:
    """Moving a cursor in a pane of the main screen: in the footer only as a hint."""
    return Action(id, keys, label, description, "main", action, show=False, palette=False, **more)


ACTIONS: tuple[Action, ...] = (
    # -- anywhere -----------------------------------------------------------------------------
    Action("app.help", "question_mark,f1", "Help", "This help: every key", "app", "help",
           key_display="?"),
    Action("app.quit", "q", "Quit",
           "Quit (asks first; ctrl+q quits at once; in a text field q is a letter)",
           "app", "quit_app", palette=False),  # Textual's palette has its own "Quit"
    Action("app.theme", "", "Light / dark", "Toggle between the light and dark theme", "app",
           "toggle_dark", title="Switch light / dark"),
    Action("app.calm_motion", "", "Calm motion",
           "Turn animation and blinking off (or on again); the teleprompter then moves line by "
           "line. TEXTUAL_ANIMATIONS=none does the same", "app", "toggle_calm_motion",
           title="Calm motion on / off"),
    Action("app.speak_cues", "", "Speak cues",
           "Say each call cue aloud as well as ringing the bell (needs espeak-ng)", "app",
           "toggle_speak_cues", title="Speak timer cues on / off"),
    Action("app.keep_recordings", "", "Keep recordings",
           "Keep each rehearsal listened to as a WAV file under the data folder (off: nothing "
           "you say is written anywhere)", "app", "toggle_keep_recordings",
           title="Keep recordings of rehearsals on / off"),
    Action("app.calls_per_day", "", "Calls a day",
           "How many calls a day you allow yourself: 1, 2 or 3 (each time, the next); one more "
           "on the same day is pointed out", "app", "cycle_calls_per_day",
           title="Calls a day: 1, 2 or 3"),
    Action("app.undo", "u", "Undo",
           "Take back the last delete, logged event, tick, removed question or ended call "
           "(again for the one before)", "app", "undo", show=False, needs=NEEDS_UNDO),
    Action("app.retry_save", "ctrl+r", "Retry saving",
           "Try a failed save again (your changes are kept on screen meanwhile)", "app",
           "retry_save", show=False, needs=NEEDS_FAILED_SAVE, hide_unavailable=True),
    # -- the main screen ----------------------------------------------------------------------
    Action("main.add", "a", "Add", "Add a contact", "main", "add_contact", title="Add contact",
           from_any_list=True),
    Action("main.edit", "e", "Edit", "Edit the selected contact", "main", "edit_contact",
           title="Edit contact", needs=NEEDS_CONTACT),
    Action("main.delete", "d", "Delete", "Delete the selected contact (asks first)", "main",
           "delete_contact", title="Delete contact", show=False, needs=NEEDS_CONTACT),
    Action("main.filter", "slash", "Filter",
           "Filter contacts by name, company, role, tags or notes", "main", "filter",
           title="Filter contacts"),
    Action("main.own_question", "n", "My question", "Add a question of your own to the bank",
           "main", "own_question", title="Add my own question", show=False),
    Action("main.timer", "t", "Timer",
           "Start a rehearsal of the shown script; again to stop and save it", "main",
           "toggle_timer", title="Start or stop a rehearsal",
           show=False),  # the Timer pane says "t rehearses"
    Action("main.finished", "f", "Finished reading",
           "Stop the rehearsal and count the whole script: you read to the end before the "
           "prompter did (a quick reading gets its pace)", "main", "finish_rehearsal",
           title="I finished reading", show=False, needs=NEEDS_REHEARSAL),
    Action("main.listen", "v", "Listen",
           "Listen to your rehearsals (on or off): your pace over the time you speak, your "
           "longest pause and the time to your ask, heard from the microphone (needs the voice "
           "extra; nothing is recorded unless you keep recordings)", "main", "toggle_listening",
           title="Listen to rehearsals on / off",
           show=False),  # as with t: the Timer pane always says "v listens"
    Action("main.reset", "r", "Reset timer",
           "Reset the timer (a running rehearsal is dropped, not saved)", "main", "reset_timer",
           title="Reset the timer", show=False),
    Action("main.call", "c", "Call mode",
           "Call mode for the selected contact (a one-minute warm-up is offered first)",
           "main", "call_mode", show=False, needs=NEEDS_CONTACT),
    Action("main.drill", "p", "Role-play drill",
           "A role-play drill: answer a hard moment aloud, then compare", "main", "drill",
           show=False, needs=NEEDS_DRILLS),
    Action("main.guide", "g", "Guide", "Open the quick-reference guide cards", "main", "guide",
           title="Open guide"),
    Action("main.agenda", "A", "Agenda", "Agenda: what is due and overdue today", "main",
           "agenda", show=False),
    Action("main.targets", "T", "Targets",
           "Targets: your LAMP list of companies, the top five to work now, and who answers",
           "main", "targets", show=False),
    Action("main.log_event", "l", "Log event",
           "Log an event for the selected contact: reached out, replied, interviewed, thanked…",
           "main", "log_event", title="Log an event", show=False, needs=NEEDS_CONTACT),
    Action("main.messages", "m", "Messages",
           "Message templates for the selected contact: draft, check, copy or save", "main",
           "messages", title="Message templates", show=False, needs=NEEDS_CONTACT),
    Action("main.referrals", "R", "Referrals",
           "Referrals: who referred whom, and names gained per interview",
           "main", "referrals", show=False, needs=NEEDS_CONTACT),
    Action("main.history", "h", "History",
           "History of the selected contact: every event and interview, to correct or delete",
           "main", "history", show=False, needs=NEEDS_CONTACT),
    Action("main.insights", "i", "Insights",
           "Insights: your progress, and what the interviews taught", "main", "insights",
           show=False),
    Action("main.my_details", "", "Your details",
           "Your name, phone, purpose and background, for the scripts", "main", "my_details"),
    Action("main.import_linkedin", "", "Import LinkedIn connections…",
           "Add contacts from LinkedIn's Connections.csv", "main",
           "transfer('import', 'linkedin')"),
    Action("main.import_vcard", "", "Import vCard…",
           "Add contacts from a .vcf file (vCard 2.1, 3.0 or 4.0)", "main",
           "transfer('import', 'vcard')"),
    Action("main.export", "", "Export…",
           "CSV, vCard, iCalendar, a JSON backup, or a brief of the selected contact", "main",
           "transfer('export', 'csv')"),
    # The teleprompter's pace from any pane (the Timer pane always shows its `[ ]` hint).
    Action("timer.slower", "left_square_bracket", "Slower prompter",
           "Teleprompter 10 words a minute slower (110 at the least; remembered)", "main",
           "pace(-1)", title="Slower teleprompter", show=False),
    Action("timer.faster", "right_square_bracket", "Faster prompter",
           "Teleprompter 10 words a minute faster (170 at the most; remembered)", "main",
           "pace(1)", title="Faster teleprompter", show=False),
    # -- the main screen's panes --------------------------------------------------------------
    _move("contacts.up", "up", "Up", "The contact above: the other panes follow", "move(-1)",
          pane="contacts", widget="list"),
    _move("contacts.down", "down", "Down", "The contact below", "move(1)", pane="contacts",
          widget="list"),
    _move("contacts.page_up", "pageup", "Page up", "A page of contacts up", "page(-1)",
          pane="contacts", widget="list"),
    _move("contacts.page_down", "pagedown", "Page down", "A page of contacts down", "page(1)",
          pane="contacts", widget="list"),
    _move("contacts.first", "home", "First", "The first contact", "move_to(0)",
          pane="contacts", widget="list"),
    _move("contacts.last", "end", "Last", "The last contact", "move_to(-1)", pane="contacts",
          widget="list"),
    Action("contacts.clear_filter", "escape", "Clear",
           "Clear the filter: every contact again", "main", "clear_filter", pane="contacts",
           title="Clear filter", needs=NEEDS_FILTER, hide_unavailable=True),
    Action("checklist.toggle", "space", "Tick",
           "Tick or untick the highlighted item (enter too; the date is kept)", "main",
           "toggle_item", pane="checklist", palette=False, needs=NEEDS_CONTACT),
    Action("checklist.why", "w", "Why?", "Show or hide why the highlighted item matters", "main",
           "toggle_why", pane="checklist", palette=False, show=False),  # the pane says it
    # The bank's keys in the footer while it has the focus: enter adds, n writes her own.
    Action("questions.choose", "enter", "Add to contact",
           "Add the highlighted question to the contact's chosen ones", "main", "select",
           pane="questions", widget="bank", palette=False, needs=NEEDS_CONTACT),
    Action("questions.own", "n", "My question", "Add a question of your own to the bank",
           "main", "screen.own_question", pane="questions", widget="bank", palette=False),
    # The filter: enter adds the highlighted question at once, down goes to the list.
    Action("questions.filter_choose", "enter", "Add to contact",
           "Add the highlighted question (the first that matches) to the contact", "main",
           "choose", pane="questions", widget="filter", palette=False, needs=NEEDS_CONTACT),
    Action("questions.filter_down", "down", "To the list", "Move to the questions found",
           "main", "to_list", pane="questions", widget="filter", palette=False, show=False),
    _move("questions.up", "shift+up", "Move up", "Move the highlighted chosen question up",
          "move(-1)", pane="questions", widget="chosen", needs=NEEDS_CONTACT),
    _move("questions.down", "shift+down", "Move down",
          "Move the highlighted chosen question down", "move(1)", pane="questions",
          widget="chosen", needs=NEEDS_CONTACT),
    Action("questions.drop", "delete,backspace,x", "Remove",
           "Remove the highlighted chosen question", "main", "drop", pane="questions",
           widget="chosen", palette=False, needs=NEEDS_CONTACT),
    # -- call mode ----------------------------------------------------------------------------
    Action("call.end", "ctrl+e", "End call",
           "End the call: how long it was and the names you gained; the interview is logged",
           "call", "end_call", title="End the call", priority=True),
    Action("call.leave", "escape", "Leave",
           "Leave call mode without logging (asks first; notes are kept)", "call", "leave",
           title="Leave call mode"),
    Action("call.pause", "ctrl+t", "Pause", "Pause or resume the clock", "call", "pause",
           title="Pause or resume the clock"),
    Action("call.bell", "ctrl+b", "Bell", "Bell at the cues on or off (remembered)", "call",
           "toggle_bell", title="Bell at the cues on or off"),
    Action("call.cards", "ctrl+g", "Cards", "Show or hide the guide cards", "call",
           "toggle_cards", title="Show or hide the guide cards"),
    # The first minute: her line, then their answer picks the next (see core.opener).
    Action("call.go_ahead", "ctrl+n", "Go ahead",
           "First minute: they said go ahead; your next line (after the first question, "
           "your questions)", "call", "opener_next", title="They said go ahead",
           needs=NEEDS_OPENER, hide_unavailable=True),
    Action("call.only_ten", "ctrl+o", "Only 10 min",
           "First minute: they have only ten minutes; the three questions to keep, the clock "
           "set to ten", "call", "opener_short", title="They have only ten minutes",
           needs=NEEDS_OPENER_ANSWER, hide_unavailable=True),
    Action("call.not_now", "ctrl+l", "Not now",
           "First minute: it is not a good time; a line to find another, then save it",
           "call", "opener_not_now", title="It is not a good time",
           needs=NEEDS_OPENER_ANSWER, hide_unavailable=True),
    Action("call.new_time", "ctrl+s", "Save new time",
           "Not a good time: save the time you agreed instead and leave call mode (nothing is "
           "logged as a talk)", "call", "new_time", title="Save the new time",
           needs=NEEDS_RESCHEDULE, hide_unavailable=True),
    # Enter only: a space or a letter typed on the questions (after a Tab by mistake) is a
    # note, and goes to the notes (CallScreen.on_key), never a silent tick.
    Action("call.tick", "enter", "Tick asked",
           "Tick the highlighted question as asked (again to untick); a space or a letter "
           "typed there goes to your notes", "call", "select", pane="questions",
           palette=False),
    # -- screens over the main screen ---------------------------------------------------------
    _dialog("agenda.choose", "enter", "Open",
            "Open the item: its draft to send (closing it comes back here), or the Prepare "
            "items to tick", "agenda", "select", widget="list"),
    _dialog("agenda.log", "l", "Log it done",
            "Log the event that clears the item (only items an event clears)", "agenda",
            "log_done", needs=NEEDS_CLEARING_EVENT, hide_unavailable=True),
    _dialog("agenda.happened", "h", "It happened",
            "The meeting happened: log the talk on its day (the thank-you comes next)", "agenda",
            "answer('happened')", needs=NEEDS_MEETING_QUESTION, hide_unavailable=True),
    _dialog("agenda.moved", "m", "It moved", "The meeting moved: save its new time", "agenda",
            "answer('moved')", needs=NEEDS_MEETING_QUESTION, hide_unavailable=True),
    _dialog("agenda.no_show", "n", "They did not come",
            "They did not come: ten minutes after the time, one kind note, then let it go",
            "agenda", "answer('no-show')", needs=NEEDS_MEETING_QUESTION, hide_unavailable=True),
    _dialog("agenda.close", "escape,A", "Back", "Back to the main screen", "agenda", "close"),
    _dialog("targets.choose", "enter", "Go to contact",
            "Select a contact at the highlighted company on the main screen (one not yet "
            "reached out to first)", "targets", "select", widget="list"),
    _dialog("targets.edit", "e", "Edit company",
            "Edit the highlighted company: its scores, shared background and research notes",
            "targets", "edit"),
    _dialog("targets.close", "escape,T", "Back", "Back to the main screen", "targets", "close"),
    _dialog("insights.close", "escape,i", "Back", "Back to the main screen", "insights",
            "close"),
    _dialog("referrals.close", "escape,R", "Close", "Back to the main screen", "referrals",
            "close"),
    _dialog("history.edit", "e", "Edit",
            "Correct the highlighted entry: its date, what happened, minutes, names, notes",
            "history", "edit_entry", needs=NEEDS_ENTRY),
    _dialog("history.choose", "enter", "Edit", "Edit the highlighted entry (e too)", "history",
            "select", widget="list", show=False),
    _dialog("history.delete", "d,delete", "Delete",
            "Delete the highlighted entry (asks first; u brings it back)", "history",
            "delete_entry", needs=NEEDS_ENTRY),
    _dialog("history.close", "escape,h", "Back", "Back to the main screen", "history",
            "close"),
    _dialog("edit_entry.save", "ctrl+s", "Save", "Save the corrected entry", "edit_entry",
            "save", priority=True),
    _dialog("guide.close", "escape,g", "Close", "Close the guide", "guide", "close"),
    _dialog("help.close", "escape,question_mark,f1", "Close", "Close this help", "help", "close"),
    _dialog("message.copy", "ctrl+y", "Copy", "Copy the message to the clipboard", "message",
            "copy", priority=True),
    _dialog("message.save", "ctrl+s", "Save to file",
            "Save it to the file named under the text (in drafts/ by default)", "message", "save",
            priority=True),
    _dialog("message.keep", "ctrl+k", "Keep for later",
            "Close, keeping the message (each template's) for the next time you open it",
            "message", "keep", priority=True),
    _dialog("message.close", "escape", "Close",
            "Close (asks first when edits are not kept, copied or saved)", "message", "close"),
    _dialog("transfer.cancel", "escape", "Cancel",
            "Cancel (an import cancelled part way leaves your data as it was)", "transfer",
            "close"),
    # -- dialogs (each on the Dialog base, whose escape and q every dialog has) -----------------
    _dialog("dialog.close", "escape", "Cancel",
            "Close (asks first when typed changes would be lost)", "dialog", "close"),
    _dialog("dialog.quit", "q", "Quit",
            "Quit infocoach (asks first when a dialog holds typed changes)", "dialog", "quit",
            show=False),
    _dialog("confirm.yes", "ctrl+y", "Confirm",
            "Confirm (enter on the focused button too); typing a letter never confirms",
            "confirm", "answer(True)", priority=True),
    _dialog("confirm.no", "escape", "Cancel", "Cancel: the safe answer", "confirm", "close"),
    _dialog("confirm.previous", "left", "Previous", "The button on the left", "confirm",
            "app.focus_previous", show=False),
    _dialog("confirm.next", "right", "Next", "The button on the right", "confirm",
            "app.focus_next", show=False),
    _dialog("new_time.save", "ctrl+s", "Save", "Save the new time (enter too)", "new_time",
            "save", priority=True),
    _dialog("question.add", "ctrl+s", "Add it", "Add the question (enter too)", "question",
            "add", priority=True),
    _dialog("form.save", "ctrl+s", "Save", "Save", "form", "save", priority=True),
    _dialog("details.save", "ctrl+s", "Save", "Save your details", "details", "save",
            priority=True),
    _dialog("log_event.save", "ctrl+s", "Log it", "Log it (enter too)", "log_event", "save",
            priority=True),
    _dialog("call_start.warmup", "w", "Warm up", "The one-minute warm-up first", "call_start",
            "choose('warmup')"),
    _dialog("call_start.over", "s", "Start over",
            "A call left unfinished: start over, the clock from the full time (notes kept)",
            "call_start", "choose('over')"),
    _dialog("call_start.close", "escape", "Not now", "Not now: back to the main screen",
            "call_start", "close"),
    _dialog("warmup.next", "space,n", "Next step", "The next step of the warm-up", "warmup",
            "next_step"),
    _dialog("warmup.go", "enter", "Go to the call", "Go to the call", "warmup", "go"),
    _dialog("warmup.back", "escape", "Back", "Back to the main screen", "warmup", "close"),
    _dialog("end_call.save", "ctrl+s", "Log it", "Log the interview", "end_call", "save",
            priority=True),
    _dialog("end_call.close", "escape", "Back to the call", "Back to the call", "end_call",
            "close"),
    _dialog("debrief.save", "ctrl+s", "Keep it",
            "Keep the debrief with the interview's notes (enter in the last field too)",
            "debrief", "save", priority=True),
    _dialog("drill.reveal", "space,enter", "Show answer", "Show the suggested answer now",
            "drill", "reveal"),
    _dialog("drill.next", "n", "Next", "Next situation", "drill", "next"),
    _dialog("drill.close", "escape", "Close", "Close", "drill", "close"),
)  # fmt: skip

BY_ID: dict[str, Action] = {action.id: action for action in ACTIONS}
assert len(BY_ID) == len(ACTIONS), "action ids must be unique"


def action(action_id: str) -> Action:
    return BY_ID[action_id]


def actions_of(screen: str, pane: str | None = None) -> list[Action]:
    """The actions of `screen`; of one pane when `pane` is given ("" for the screen's own)."""
    return [a for a in ACTIONS if a.screen == screen and (pane is None or a.pane == pane)]


def bindings(
    screen: str, pane: str = "", widget: str = "", *, quit: bool = False, undo: bool = False
) -> list[BindingType]:
    """The `BINDINGS` of the node that carries the keys of (screen, pane, widget).

    `quit=True` adds `q` and `undo=True` adds `u` for overlays that do not pass keys on to the
    app's bindings.
    """
    found: list[BindingType] = [
        a.binding()
        for a in ACTIONS
        if (a.screen, a.pane, a.widget) == (screen, pane, widget) and a.keys
    ]
    if quit:
        found.append(app_binding("app.quit", show=False))
    if undo:
        found.append(app_binding("app.undo"))
    return found


def app_binding(action_id: str, *, show: bool | None = None) -> Binding:
    """An app action's key on a modal screen (modal screens do not pass keys on to the app):
    `q`, and `u` where the screen changes data."""
    binding = action(action_id).binding("app.")
    return binding if show is None else replace(binding, show=show)


def find(screen: str, name: str, pane: str = "", widget: str = "") -> Action | None:
    """The action of (screen, pane, widget) whose Textual action is called `name`."""
    for candidate in ACTIONS:
        place = (candidate.screen, candidate.pane, candidate.widget)
        if place == (screen, pane, widget) and parse(candidate.action)[1] == name:
            return candidate
    return None


def key_label(key: str) -> str:
    """How a key is written in help and messages: `?`, `/`, `escape`, `shift+up`, `F1`."""
    if re.fullmatch(r"f\d+", key):
        return key.upper()
    words = {"escape", "enter", "space", "delete", "backspace", "up", "down", "left", "right"}
    if key in words or key in {"pageup", "pagedown"}:
        return {"pageup": "page up", "pagedown": "page down"}.get(key, key)
    return format_key(key)


def keys_text(an_action: Action) -> str:
    """The keys of an action as a person reads them: `a`, `?` or `F1`."""
    labels = [key_label(key) for key in an_action.key_list]
    if len(labels) <= 1:
        return "".join(labels)
    return ", ".join(labels[:-1]) + " or " + labels[-1]


# -- deciding what can run now ------------------------------------------------------------------


def reason(node: DOMNode, an_action: Action) -> str | None:
    """Why `an_action` cannot run now on `node` (None: it can); its screen judges."""
    if an_action.needs is ALWAYS:
        return None
    judge = node.screen if isinstance(node, Widget) else node
    why_not = getattr(judge, "why_not", None)
    return why_not(an_action) if why_not is not None else None


def typing_in_field(node: DOMNode) -> bool:
    """Whether a text field (Input, TextArea) has the focus, or the screen on top takes every
    letter as text (call mode: `LETTERS_ARE_TEXT`): then letters are typed, not keys."""
    if getattr(node.app.screen, "LETTERS_ARE_TEXT", False):
        return True
    focused = node.app.focused
    if isinstance(focused, Input):
        return True
    return textual_private.is_text_area(focused)


def letters_kept(node: DOMNode, an_action: Action) -> bool:
    """Whether the focused widget is a list that keeps letters to its own keys (and the
    app's), so `an_action`, a letter key of `node`, the screen it is on, does not act from
    it: unless the list binds the same action itself (as the bank's n)."""
    focused = node.app.focused
    if focused is None or not getattr(focused, "KEEPS_LETTERS", False):
        return False
    own = {
        parse(binding.action)[1]
        for binding in getattr(type(focused), "BINDINGS", ())
        if isinstance(binding, Binding)
    }
    return (
        node is focused.screen
        and not an_action.from_any_list
        and parse(an_action.action)[1] not in own
    )


def starts_filter(widget: Widget, event: Key) -> bool:
    """Whether `event`, typed on `widget`, a list with a filter, is the first letter of the
    filter: a letter or a digit that is no key the footer shows now."""
    return event.key in LETTER_KEYS and event.key not in widget.screen.active_bindings


def check(node: DOMNode, an_action: Action | None) -> bool | None:
    """The answer for `check_action`: True runs; None is shown disabled; False is hidden.

    Keys that cannot act are hidden: those of a screen under a dialog, while a text field
    has the focus those that type (the field's keys are the ones that act), and the screen's
    letter keys on a list that keeps its letters (see the module's rule). An action whose
    requirement is not met is disabled (or hidden when `hide_unavailable`); its key then says
    why (see `explain_disabled`).
    """
    if an_action is None:
        return True
    if not _on_top(node, an_action):
        return False
    if an_action.typed and typing_in_field(node):
        return False
    if an_action.lettered and letters_kept(node, an_action):
        return False
    if reason(node, an_action) is None:
        return True
    return False if an_action.hide_unavailable else None


def _on_top(node: DOMNode, an_action: Action) -> bool:
    """Whether the action's key can act: its screen is the one on top (a dialog over it takes
    the keys), and for the app's own actions, the screen on top passes keys on to the app or
    binds the action itself (as overlays bind `q`)."""
    top = node.app.screen
    if isinstance(node, Widget):
        return node.screen is top
    if not top.is_modal:
        return True
    return any(
        isinstance(binding, Binding) and binding.id == an_action.id
        for cls in type(top).__mro__
        for binding in vars(cls).get("BINDINGS", ())
    )


def explain_disabled(screen: Screen[Any], event: Key) -> bool:
    """When `event` is the key of an action shown disabled, say why in one line and keep the
    key from doing anything else. Returns whether it did."""
    active = screen.active_bindings.get(event.key)
    if active is None or active.enabled or active.binding.id not in BY_ID:
        return False
    why = reason(active.node, BY_ID[active.binding.id])
    if not why:
        return False
    event.prevent_default()
    event.stop()
    screen.notify(why, severity="warning", markup=False)
    return True


def explain_kept(screen: Screen[Any], event: Key) -> bool:
    """When `event` is a letter key of the screen typed on a list that keeps its letters
    (see the module's rule), say in one line where it works. Returns whether it did."""
    focused = screen.focused
    if not getattr(focused, "KEEPS_LETTERS", False) or event.key not in LETTER_KEYS:
        return False
    if event.key in screen.active_bindings:
        return False
    place = getattr(screen, "ACTION_SCREEN", "")
    kept = next(
        (a for a in ACTIONS if a.screen == place and not a.pane and event.key in a.key_list),
        None,
    )
    if kept is None:
        return False
    screen.notify(
        f"{kept.name} ({key_label(event.key)}) works from the contact list: on this list, "
        "a letter is one of its keys or nothing.",
        markup=False,
    )
    return True


# -- the command palette ------------------------------------------------------------------------


def palette(screen: Screen[Any]) -> Iterator[SystemCommand]:
    """The palette entries for `screen`: its actions and the app's that can run now."""
    place = getattr(screen, "ACTION_SCREEN", "")
    for candidate in ACTIONS:
        if not candidate.palette or candidate.screen not in {"app", place}:
            continue
        node = _target(screen, candidate)
        if node is None or reason(node, candidate) is not None:
            continue
        _, name, parameters = parse(candidate.action)
        keys = keys_text(candidate)
        help_text = f"{candidate.description} ({keys})" if keys else candidate.description
        yield SystemCommand(
            candidate.name, help_text, partial(getattr(node, f"action_{name}"), *parameters)
        )


def _target(screen: Screen[Any], an_action: Action) -> DOMNode | None:
    """The node whose `action_…` method runs the action: the app, the screen, or its pane."""
    if an_action.screen == "app":
        return screen.app
    if not an_action.pane:
        return screen
    try:
        return screen.query_one(f"#{an_action.pane}-pane")
    except NoMatches:
        return None


# -- the help screen ----------------------------------------------------------------------------

HELP_MARK = re.compile(r"^\{\{keys ([^}]+)\}\}$", re.MULTILINE)


def help_rows(places: Iterable[str]) -> list[Action]:
    """The actions of each place, "screen" or "screen/pane", in the table's order."""
    rows: list[Action] = []
    for place in places:
        screen, _, pane = place.partition("/")
        rows += actions_of(screen, pane)
    return rows


def help_table(places: Iterable[str]) -> str:
    lines = ["| Key | What it does | Id (for keymap.yaml) |", "|---|---|---|"]
    for row in help_rows(places):
        if row.key_list:
            keys = " or ".join(f"`{key_label(key)}`" for key in row.key_list)
            lines.append(f"| {keys} | {row.description} | {row.id} |")
        else:
            lines.append(f"| `ctrl+p`, then *{row.name}* | {row.description} | {row.id} |")
    return "\n".join(lines)


def fill_help(markdown: str) -> str:
    """Replace each `{{keys main main/contacts}}` line with the table of those actions.

    Rows written right after the mark continue the table (keys that Textual provides)."""
    return HELP_MARK.sub(lambda match: help_table(match.group(1).split()), markdown)


def help_places(markdown: str) -> list[str]:
    """The places whose tables the help text shows."""
    return [place for match in HELP_MARK.finditer(markdown) for place in match.group(1).split()]

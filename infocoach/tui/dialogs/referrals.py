"""Referrals: who introduced whom around one contact, as a tree, and names gained per interview."""

from __future__ import annotations

from collections.abc import Sequence

from rich.style import Style
from rich.text import Text
from textual.app import ComposeResult
from textual.containers import Horizontal, VerticalScroll
from textual.content import Content
from textual.widgets import Static, Tree
from textual.widgets.tree import TreeNode

from infocoach.core.models import Contact, Interview
from infocoach.core.referrals import (
    GOAL,
    NamesGained,
    ReferralNode,
    family_root,
    gains_per_interview,
    names_gained,
    referred_by_index,
    referred_tree,
    referrer_chain,
)
from infocoach.core.text import plural
from infocoach.tui import actions
from infocoach.tui.dialogs.base import Dialog


def content_to_text(content: Content) -> Text:
    """A Rich Text with the same characters and simple styles: the characters stay literal."""
    text = Text(content.plain, no_wrap=True, end="")
    for span in content.spans:
        style = span.style if isinstance(span.style, str) else span.style.rich_style
        text.stylize(style, span.start, span.end)
    return text


def node_label(contact: Contact, gained: NamesGained, selected: bool) -> Content:
    detail = f" · {contact.company}" if contact.company else ""
    return Content.assemble(
        (contact.name, "bold reverse" if selected else "bold"),
        (detail, "dim"),
        ("  ", ""),
        (("✓ " if gained.met else "") + gained.label(), "dim" if not gained.met else "bold"),
    )


class FittedTree(Tree[int]):
    """A tree whose labels are cut to its width with "…", instead of running under its border
    (and a horizontal scrollbar)."""

    def render_label(self, node: TreeNode[int], base_style: Style, style: Style) -> Text:
        label = super().render_label(node, base_style, style)
        depth = 0  # levels under the top, each indented by the guide
        while node.parent is not None and node.parent is not self.root:
            node, depth = node.parent, depth + 1
        room = self.scrollable_content_region.width - depth * self.guide_depth
        if label.cell_len > room > 0:
            label.truncate(room, overflow="ellipsis")
        return label


class ReferralsDialog(Dialog[None]):
    DEFAULT_CSS = """
    ReferralsDialog #referral-chain { margin-bottom: 1; }
    ReferralsDialog Horizontal { height: 1fr; }
    ReferralsDialog #referral-tree { width: 1fr; height: 100%; border: round $primary 50%;
        padding: 0 1; overflow-x: hidden; }
    ReferralsDialog #referral-tree:focus { border: round $accent; }
    ReferralsDialog #referral-gains { width: 1fr; height: 100%; border: round $primary 50%;
        padding: 0 1; }
    """

    BINDINGS = actions.bindings("referrals")
    AUTO_FOCUS = "#referral-tree"

    def __init__(
        self,
        contact: Contact,
        contacts: Sequence[Contact],
        interviews: Sequence[Interview],
        interviewed_ids: Sequence[int] = (),
    ) -> None:
        super().__init__(classes="-full")
        self.contact = contact
        self._contacts = {c.id: c for c in contacts}
        self._interviews = list(interviews)
        self._interviewed_ids = tuple(interviewed_ids)

    def box_title(self) -> Content:
        return Content.assemble("Referrals around ", (self.contact.name, "bold"))

    def compose_body(self) -> ComposeResult:
        contact = self.contact
        chain = referrer_chain(contact.id, self._contacts)
        index = referred_by_index(self._contacts.values())
        root = referred_tree(family_root(contact.id, self._contacts), self._contacts, index)
        yield Static(self._chain_text(chain), id="referral-chain")
        with Horizontal():
            # Labels go in as Text: a `str` label would be read as markup.
            tree = FittedTree(Text("Who introduced whom"), id="referral-tree")
            tree.show_root = False
            tree.guide_depth = 3
            if root is not None:
                self._add(tree.root, root)
            tree.root.expand_all()
            yield tree
            with VerticalScroll(id="referral-gains") as gains:
                gains.border_title = Content(f"Names gained (goal: {GOAL} per interview)")
                yield Static(self._gains_text(), id="gains-text")

    def _add(self, parent: TreeNode[int], node: ReferralNode) -> None:
        gained = names_gained(node.contact.id, self._contacts.values(), self._interviews)
        label = content_to_text(
            node_label(node.contact, gained, node.contact.id == self.contact.id)
        )
        if node.children:
            branch = parent.add(label, data=node.contact.id, expand=True)
            for child in node.children:
                self._add(branch, child)
        else:
            parent.add_leaf(label, data=node.contact.id)

    def on_mount(self) -> None:
        tree: Tree[int] = self.query_one("#referral-tree", Tree)
        for line in range(tree.last_line + 1):
            node = tree.get_node_at_line(line)
            if node is not None and node.data == self.contact.id:
                tree.cursor_line = line
                break

    def _chain_text(self, chain: list[Contact]) -> Content:
        if not chain:
            return Content.assemble(
                (self.contact.name, "bold"), " was not referred by anyone you know here."
            )
        parts: list[str | tuple[str, str]] = [(self.contact.name, "bold"), " was referred by "]
        for number, referrer in enumerate(chain):
            if number:
                parts.append(", who was referred by ")
            parts.append((referrer.name, "bold"))
        parts.append(".")
        return Content.assemble(*parts)

    def _gains_text(self) -> Content:
        rows = gains_per_interview(self._contacts.values(), self._interviews, self._interviewed_ids)
        if not rows:
            return Content("No interviews yet. At the end of each one, ask for two names.")
        met = sum(gained.met for _, gained in rows)
        total = sum(gained.count for _, gained in rows)
        parts: list[str | tuple[str, str] | Content] = [
            f"{plural(len(rows), 'interview')}, {plural(total, 'name')}, "
            f"goal met in {met} of {len(rows)}\n"
        ]
        for contact, gained in rows:
            mark = ("✓ ", "$success") if gained.met else ("· ", "dim")
            parts += ["\n", mark, (contact.name, "bold"), "  ", (gained.label(), "dim")]
            if gained.names:
                parts += ["\n    ", (", ".join(gained.names), "italic")]
        return Content.assemble(*parts)

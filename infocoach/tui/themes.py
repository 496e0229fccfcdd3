"""The themes infocoach offers besides Textual's own, and the ones it names in help.

Dark and light are Textual's defaults; "ansi-dark" and "ansi-light" draw in the terminal's own
sixteen colours (so a terminal's palette, high-contrast or colour-blind-friendly, is what you
see); the high-contrast theme is black and white with yellow for what is highlighted or wants
attention, and no dimmed text.
"""

from __future__ import annotations

from textual.theme import Theme

HIGH_CONTRAST = Theme(
    name="infocoach-high-contrast",
    primary="#FFFF00",
    secondary="#00FFFF",
    accent="#FFFF00",
    warning="#FFFF00",
    error="#FF6060",
    success="#00FF00",
    foreground="#FFFFFF",
    background="#000000",
    surface="#000000",
    panel="#000000",
    boost="#000000",
    dark=True,
    variables={
        "text-muted": "#FFFFFF",
        "text-disabled": "#C0C0C0",
        "border": "#FFFFFF",
        "border-blurred": "#FFFFFF",
        "block-cursor-background": "#FFFF00",
        "block-cursor-foreground": "#000000",
        "block-cursor-text-style": "bold",
        # an unfocused list's highlight: white on dark grey, underlined (no colour needed)
        "block-cursor-blurred-background": "#333333",
        "block-cursor-blurred-foreground": "#FFFFFF",
        "block-cursor-blurred-text-style": "bold underline",
        "footer-key-foreground": "#FFFF00",
        "footer-description-foreground": "#FFFFFF",
        "input-cursor-background": "#FFFF00",
        "input-cursor-foreground": "#000000",
        "input-selection-background": "#00FFFF 60%",
        "scrollbar": "#FFFFFF",
        "scrollbar-background": "#000000",
    },
)
TERMINAL_DARK = "ansi-dark"
TERMINAL_LIGHT = "ansi-light"

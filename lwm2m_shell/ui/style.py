"""Colours of the prompt, the highlighted command line, the completion menu and the toolbar."""

from __future__ import annotations

from prompt_toolkit.styles import BaseStyle, Style, merge_styles, style_from_pygments_dict
from pygments.token import Token

T = Token.Lwm2m  # the token types of the command line (the lexer maps roles to them)

PYGMENTS = {
    T.Command: "bold #4fb0ff",
    T.LocalCommand: "bold #c792ea",
    T.UnknownCommand: "#ff5f5f underline",
    T.Flag: "#ffcb6b",
    T.UnknownFlag: "#ff5f5f underline",
    T.DeviceId: "#c3e88d",
    T.Endpoint: "#89ddff",
    T.RegistrationId: "#f78c6c",
    T.OperationId: "#c3e88d",
    T.Number: "#c3e88d",
    T.Placeholder: "bg:#5f0000 #ffffff",
    T.Invalid: "#ff5f5f underline",
    T.Comment: "#7f848e italic",
    T.DeviceCommand: "bold #82aaff",
    T.Path: "#89ddff",
    T.Value: "#c3e88d",
    Token.Text: "",
}

UI = {
    "prompt": "bold",
    "prompt.tenant": "bold #4fb0ff",
    "prompt.demo": "#c792ea",
    "prompt.target": "bold #c3e88d",
    "bottom-toolbar": "noreverse bg:#262626 #bcbcbc",
    "bottom-toolbar.ok": "#87d787",
    "bottom-toolbar.warn": "#ffd75f",
    "bottom-toolbar.bad": "#ff5f5f",
    "completion-menu.completion": "bg:#303030 #d0d0d0",
    "completion-menu.completion.current": "bg:#4fb0ff #000000",
    "completion-menu.meta.completion": "bg:#262626 #8a8a8a",
    "completion-menu.meta.completion.current": "bg:#4fb0ff #000000",
}


def build_style() -> BaseStyle:
    return merge_styles([style_from_pygments_dict(PYGMENTS), Style.from_dict(UI)])

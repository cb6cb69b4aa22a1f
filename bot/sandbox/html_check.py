"""Formatted-text parsing with Telegram's acceptance rules and error wording.

Telegram rejects a message whose markup it cannot parse, and measures the 4096/1024 limits
on what the user sees, so every send goes through :func:`render` to get both the visible
text and the entities. The HTML rules follow Telegram's parser (tag names, attribute
syntax, nesting, byte offsets in errors) with one deliberate difference: a bare ``&`` that
is not one of the supported entities is an error here, while Telegram keeps it literally.
Text built with ``html.escape`` never trips it, and text that forgot to escape user input
is caught before a ``<`` in that input breaks a message in production.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from bot.sandbox.errors import ApiError, bad_request

_PREFIX = "can't parse entities: "

_HTML_TAGS: dict[str, str] = {
    "b": "bold",
    "strong": "bold",
    "i": "italic",
    "em": "italic",
    "u": "underline",
    "ins": "underline",
    "s": "strikethrough",
    "strike": "strikethrough",
    "del": "strikethrough",
    "span": "spoiler",
    "tg-spoiler": "spoiler",
    "a": "text_link",
    "code": "code",
    "pre": "pre",
    "blockquote": "blockquote",
    "tg-emoji": "custom_emoji",
}
_NAMED_ENTITIES = {"lt": "<", "gt": ">", "amp": "&", "quot": '"'}
_HTML_SPECIAL = re.compile(r"[<&]")
_HTML_ENTITY = re.compile(r"&(?:([a-zA-Z]+)|#([0-9]{1,8})|#[xX]([0-9a-fA-F]{1,8}));")
_SPACES = " \t\n\r\f\v"


@dataclass(frozen=True, slots=True)
class ParsedText:
    """What the recipient sees: plain text plus Bot API MessageEntity dicts."""

    text: str
    entities: tuple[dict[str, Any], ...] = ()


def utf16_len(text: str) -> int:
    """Entity offsets are counted in UTF-16 code units, like Telegram does."""
    if text.isascii():
        return len(text)
    return len(text) + sum(1 for ch in text if ord(ch) > 0xFFFF)


def _byte_offset(source: str, index: int) -> int:
    return len(source[:index].encode("utf-8"))


def _html_error(detail: str) -> ApiError:
    return bad_request(_PREFIX + detail)


@dataclass(slots=True)
class _OpenTag:
    tag: str
    argument: str
    start: int
    expandable: bool = False
    language: str = ""
    attrs: dict[str, str] = field(default_factory=dict)


class _HtmlParser:
    """One pass over the source; Telegram's parser is also single-pass and fails fast."""

    def __init__(self, source: str) -> None:
        self.src = source
        self.out: list[str] = []
        self.offset = 0
        self.stack: list[_OpenTag] = []
        self.entities: list[dict[str, Any]] = []

    def emit(self, chunk: str) -> None:
        self.out.append(chunk)
        self.offset += utf16_len(chunk)

    def run(self) -> ParsedText:
        src, pos, size = self.src, 0, len(self.src)
        while pos < size:
            match = _HTML_SPECIAL.search(src, pos)
            end = match.start() if match else size
            if end > pos:
                self.emit(src[pos:end])
            if match is None:
                break
            if src[end] == "&":
                pos = self.entity(end)
            elif end + 1 < size and src[end + 1] == "/":
                pos = self.end_tag(end)
            else:
                pos = self.start_tag(end)
        if self.stack:
            raise _html_error(
                f'Can\'t find end tag corresponding to start tag "{self.stack[-1].tag}"'
            )
        self.entities.sort(key=lambda e: (e["offset"], -e["length"]))
        return ParsedText("".join(self.out), tuple(self.entities))

    def entity(self, at: int) -> int:
        match = _HTML_ENTITY.match(self.src, at)
        char = _decode_entity(match) if match else None
        if match is None or char is None:
            raise _html_error(
                f"Unsupported entity at byte offset {_byte_offset(self.src, at)}: "
                'escape a literal "&" as "&amp;"'
            )
        self.emit(char)
        return match.end()

    def start_tag(self, at: int) -> int:
        src, size = self.src, len(self.src)
        i = at + 1
        while i < size and src[i] not in _SPACES and src[i] != ">":
            i += 1
        byte_at = _byte_offset(src, at)
        if i >= size:
            raise _html_error(f"Unclosed start tag at byte offset {byte_at}")
        tag = src[at + 1 : i].lower()
        if tag not in _HTML_TAGS:
            raise _html_error(f'Unsupported start tag "{tag}" at byte offset {byte_at}')
        opened = _OpenTag(tag=tag, argument="", start=self.offset)
        i = self.attributes(i, opened, byte_at)
        self.check_start(opened, byte_at)
        self.stack.append(opened)
        return i + 1

    def attributes(self, i: int, opened: _OpenTag, byte_at: int) -> int:
        """Parse ``name=value`` pairs up to ``>``; returns the index of that ``>``."""
        src, size, tag = self.src, len(self.src), opened.tag
        while True:
            while i < size and src[i] in _SPACES:
                i += 1
            if i >= size:
                raise _html_error(f'Unclosed start tag "{tag}" at byte offset {byte_at}')
            if src[i] == ">":
                return i
            name_start = i
            while i < size and src[i] not in _SPACES and src[i] not in "=>/":
                i += 1
            name = src[name_start:i].lower()
            if not name:
                raise _html_error(
                    f'Empty attribute name in the tag "{tag}" at byte offset {byte_at}'
                )
            while i < size and src[i] in _SPACES:
                i += 1
            if i >= size or src[i] != "=":
                if tag == "blockquote" and name == "expandable":
                    opened.expandable = True
                    continue
                raise _html_error(
                    "Expected equal sign in declaration of an attribute of the tag "
                    f'"{tag}" at byte offset {byte_at}'
                )
            i += 1
            while i < size and src[i] in _SPACES:
                i += 1
            if i >= size:
                raise _html_error(f'Unclosed start tag "{tag}" at byte offset {byte_at}')
            value, i = self.attribute_value(i)
            opened.attrs[name] = value

    def attribute_value(self, i: int) -> tuple[str, int]:
        src, size = self.src, len(self.src)
        quote = src[i]
        if quote not in "'\"":
            start = i
            while i < size and (src[i].isalnum() or src[i] in ".-"):
                i += 1
            if i >= size or (src[i] not in _SPACES and src[i] != ">"):
                raise _html_error(
                    f"Unexpected end of name token at byte offset {_byte_offset(src, start)}"
                )
            return src[start:i].lower(), i
        close = src.find(quote, i + 1)
        if close < 0:
            raise _html_error(f"Unclosed start tag at byte offset {_byte_offset(src, i)}")
        raw = src[i + 1 : close]
        return _HTML_ENTITY.sub(lambda m: _decode_entity(m) or m.group(0), raw), close + 1

    def check_start(self, opened: _OpenTag, byte_at: int) -> None:
        tag, attrs = opened.tag, opened.attrs
        if tag == "span" and attrs.get("class") != "tg-spoiler":
            raise _html_error(f'Tag "span" must have class "tg-spoiler" at byte offset {byte_at}')
        if tag == "a":
            opened.argument = attrs.get("href", "").strip()
            if not opened.argument:
                raise _html_error(
                    f'Tag "a" must have a non-empty attribute "href" at byte offset {byte_at}'
                )
        if tag == "tg-emoji":
            opened.argument = attrs.get("emoji-id", "")
            if not opened.argument.isdigit():
                raise _html_error(
                    f'Tag "tg-emoji" must have a numeric attribute "emoji-id" '
                    f"at byte offset {byte_at}"
                )
        if tag == "code" and attrs.get("class", "").startswith("language-"):
            opened.language = attrs["class"][len("language-") :]

    def end_tag(self, at: int) -> int:
        src, size = self.src, len(self.src)
        i = at + 2
        while i < size and src[i] not in _SPACES and src[i] != ">":
            i += 1
        name = src[at + 2 : i].lower()
        while i < size and src[i] in _SPACES:
            i += 1
        byte_at = _byte_offset(src, at)
        if i >= size or src[i] != ">":
            raise _html_error(f"Unclosed end tag at byte offset {byte_at}")
        if not self.stack:
            raise _html_error(f"Unexpected end tag at byte offset {byte_at}")
        opened = self.stack[-1]
        if name and name != opened.tag:
            raise _html_error(
                f'Unmatched end tag at byte offset {byte_at}, expected "</{opened.tag}>", '
                f'found "</{name}>"'
            )
        self.stack.pop()
        self.close(opened)
        return i + 1

    def close(self, opened: _OpenTag) -> None:
        length = self.offset - opened.start
        if opened.tag == "code" and opened.language and self.stack:
            parent = self.stack[-1]
            if parent.tag == "pre" and parent.start == opened.start:
                parent.language = opened.language
                return
        if length <= 0:
            return
        kind = _HTML_TAGS[opened.tag]
        entity: dict[str, Any] = {"type": kind, "offset": opened.start, "length": length}
        if kind == "text_link":
            entity["url"] = opened.argument
        elif kind == "custom_emoji":
            entity["custom_emoji_id"] = opened.argument
        elif kind == "pre" and opened.language:
            entity["language"] = opened.language
        elif kind == "blockquote" and opened.expandable:
            entity["type"] = "expandable_blockquote"
        self.entities.append(entity)


def _decode_entity(match: re.Match[str]) -> str | None:
    name, dec, hexa = match.groups()
    if name is not None:
        return _NAMED_ENTITIES.get(name)
    code = int(dec) if dec is not None else int(hexa, 16)
    if code == 0 or code > 0x10FFFF or 0xD800 <= code <= 0xDFFF:
        return None
    return chr(code)


def parse_html(source: str) -> ParsedText:
    """Parse Telegram HTML; raises :class:`ApiError` with Telegram's wording."""
    if "<" not in source and "&" not in source:
        return ParsedText(source)
    return _HtmlParser(source).run()


# --- MarkdownV2 ---------------------------------------------------------------------------

_MD2_RESERVED = frozenset("_*[]()~`>#+-=|{}.!")
_MD2_NAMES = {
    "bold": "Bold",
    "italic": "Italic",
    "underline": "Underline",
    "strikethrough": "Strikethrough",
    "spoiler": "Spoiler",
    "code": "Code",
    "pre": "Pre",
    "text_link": "TextUrl",
}


def _md_error(detail: str) -> ApiError:
    return bad_request(_PREFIX + detail)


def parse_markdown_v2(source: str) -> ParsedText:
    """Enough of MarkdownV2 to reject what Telegram rejects: unescaped reserved characters
    and unclosed entities. Blockquote markers are accepted and dropped from the text."""
    return _MarkdownV2(source).run()


@dataclass(slots=True)
class _MdOpen:
    kind: str
    start: int
    at: int
    language: str = ""


class _MarkdownV2:
    def __init__(self, source: str) -> None:
        self.src = source
        self.out: list[str] = []
        self.offset = 0
        self.stack: list[_MdOpen] = []
        self.entities: list[dict[str, Any]] = []

    def emit(self, chunk: str) -> None:
        self.out.append(chunk)
        self.offset += utf16_len(chunk)

    def close(self, url: str | None = None) -> None:
        opened = self.stack.pop()
        if self.offset <= opened.start:
            return
        entity: dict[str, Any] = {
            "type": opened.kind,
            "offset": opened.start,
            "length": self.offset - opened.start,
        }
        if url is not None:
            entity["url"] = url
        if opened.language:
            entity["language"] = opened.language
        self.entities.append(entity)

    def run(self) -> ParsedText:
        src, size, i = self.src, len(self.src), 0
        while i < size:
            ch = src[i]
            top = self.stack[-1].kind if self.stack else None
            if ch == "\\" and i + 1 < size and 0 < ord(src[i + 1]) <= 126:
                self.emit(src[i + 1])
                i += 2
            elif top in ("code", "pre"):
                i = self.inside_code(i, top)
            elif ch not in _MD2_RESERVED:
                self.emit(ch)
                i += 1
            else:
                i = self.markup(i, top)
        if self.stack:
            opened = self.stack[-1]
            raise _md_error(
                f"Can't find end of {_MD2_NAMES[opened.kind]} entity at byte offset "
                f"{_byte_offset(src, opened.at)}"
            )
        self.entities.sort(key=lambda e: (e["offset"], -e["length"]))
        return ParsedText("".join(self.out), tuple(self.entities))

    def inside_code(self, i: int, top: str) -> int:
        marker = "```" if top == "pre" else "`"
        if self.src.startswith(marker, i):
            self.close()
            return i + len(marker)
        self.emit(self.src[i])
        return i + 1

    def markup(self, i: int, top: str | None) -> int:
        src = self.src
        ch = src[i]
        line_start = i == 0 or src[i - 1] == "\n"
        if line_start and ch == ">":
            return i + 1
        if line_start and src.startswith("**>", i):
            return i + 3
        if ch == "`" and src.startswith("```", i):
            return self.open_pre(i)
        if ch == "`":
            self.stack.append(_MdOpen("code", self.offset, i))
            return i + 1
        if ch == "[":
            self.stack.append(_MdOpen("text_link", self.offset, i))
            return i + 1
        if ch == "]" and top == "text_link":
            return self.close_link(i)
        if ch == "_" and src.startswith("__", i) and top != "italic":
            kind, width = "underline", 2
        elif ch == "|" and src.startswith("||", i):
            kind, width = "spoiler", 2
        elif ch in "_*~":
            kind, width = {"_": "italic", "*": "bold", "~": "strikethrough"}[ch], 1
        else:
            raise _md_error(
                f"Character '{ch}' is reserved and must be escaped with the preceding '\\'"
            )
        if top == kind:
            self.close()
        else:
            self.stack.append(_MdOpen(kind, self.offset, i))
        return i + width

    def open_pre(self, i: int) -> int:
        newline = self.src.find("\n", i + 3)
        language = self.src[i + 3 : newline] if newline >= 0 else ""
        if language and (" " in language or "`" in language):
            language = ""
        self.stack.append(_MdOpen("pre", self.offset, i, language))
        return newline + 1 if language else i + 3

    def close_link(self, i: int) -> int:
        src, size = self.src, len(self.src)
        if not src.startswith("(", i + 1):
            self.stack.pop()
            return i + 1
        j = i + 2
        url: list[str] = []
        while j < size and src[j] != ")":
            if src[j] == "\\" and j + 1 < size:
                j += 1
            url.append(src[j])
            j += 1
        if j >= size:
            raise _md_error(f"Can't find end of a URL at byte offset {_byte_offset(src, i + 1)}")
        self.close(url="".join(url))
        return j + 1


# --- legacy Markdown ------------------------------------------------------------------------

_LEGACY = {"*": "bold", "_": "italic", "`": "code"}


def parse_markdown(source: str) -> ParsedText:
    """Legacy Markdown: flat ``*bold*``, ``_italic_``, code, pre and ``[text](url)``."""
    out: list[str] = []
    entities: list[dict[str, Any]] = []
    offset = 0
    i, size = 0, len(source)
    while i < size:
        ch = source[i]
        if ch == "\\" and i + 1 < size and source[i + 1] in "*_`[":
            out.append(source[i + 1])
            offset += 1
            i += 2
            continue
        if ch not in "*_`[":
            out.append(ch)
            offset += utf16_len(ch)
            i += 1
            continue
        marker = "```" if source.startswith("```", i) else ("]" if ch == "[" else ch)
        end = source.find(marker, i + (3 if marker == "```" else 1))
        if end < 0:
            raise _md_error(
                f"Can't find end of the entity starting at byte offset {_byte_offset(source, i)}"
            )
        inner = source[i + (3 if marker == "```" else 1) : end]
        entity: dict[str, Any] = {"offset": offset, "length": utf16_len(inner)}
        i = end + len(marker)
        if marker == "```":
            entity["type"] = "pre"
        elif marker == "]":
            entity["type"] = "text_link"
            if source.startswith("(", i):
                close = source.find(")", i)
                if close < 0:
                    raise _md_error(
                        "Can't find end of the entity starting at byte offset "
                        f"{_byte_offset(source, i)}"
                    )
                entity["url"] = source[i + 1 : close]
                i = close + 1
            else:
                entity = {}
        else:
            entity["type"] = _LEGACY[ch]
        out.append(inner)
        offset += utf16_len(inner)
        if entity and entity["length"]:
            entities.append(entity)
    return ParsedText("".join(out), tuple(entities))


def render(
    source: str, parse_mode: str | None, entities: list[dict[str, Any]] | None = None
) -> ParsedText:
    """Visible text and entities of ``source`` as Telegram would display it.

    Explicit ``entities`` win over ``parse_mode``, as in the Bot API.
    """
    if entities is not None:
        return ParsedText(source, tuple(entities))
    mode = (parse_mode or "").lower()
    if not mode:
        return ParsedText(source)
    if mode == "html":
        return parse_html(source)
    if mode == "markdownv2":
        return parse_markdown_v2(source)
    if mode == "markdown":
        return parse_markdown(source)
    raise bad_request("unsupported parse_mode")

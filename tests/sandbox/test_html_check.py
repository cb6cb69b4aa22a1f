"""Telegram's formatted-text rules: what is accepted, what the user sees, the exact errors."""

from __future__ import annotations

import pytest

from bot.sandbox import ApiError
from bot.sandbox.html_check import parse_html, parse_markdown, parse_markdown_v2, render

PREFIX = "Bad Request: can't parse entities: "


def html_error(source: str) -> str:
    with pytest.raises(ApiError) as caught:
        parse_html(source)
    assert caught.value.status == 400
    return caught.value.description


def test_visible_text_and_entities_of_nested_tags() -> None:
    parsed = parse_html(
        '<b>Bold <i>both</i></b> &lt;tag&gt; &amp; <a href="https://x.org">link</a>'
    )
    assert parsed.text == "Bold both <tag> & link"
    assert parsed.entities == (
        {"type": "bold", "offset": 0, "length": 9},
        {"type": "italic", "offset": 5, "length": 4},
        {"type": "text_link", "offset": 18, "length": 4, "url": "https://x.org"},
    )


def test_all_allowed_tags_parse() -> None:
    source = (
        "<b>1</b><strong>2</strong><i>3</i><em>4</em><u>5</u><ins>6</ins><s>7</s>"
        '<strike>8</strike><del>9</del><span class="tg-spoiler">a</span>'
        "<tg-spoiler>b</tg-spoiler><code>c</code><pre>d</pre><blockquote>e</blockquote>"
        "<blockquote expandable>f</blockquote>"
        '<tg-emoji emoji-id="5368324170671202286">g</tg-emoji>'
    )
    parsed = parse_html(source)
    assert parsed.text == "123456789abcdefg"
    kinds = [entity["type"] for entity in parsed.entities]
    assert kinds.count("spoiler") == 2
    assert "expandable_blockquote" in kinds
    assert "custom_emoji" in kinds


def test_pre_with_language_code_block() -> None:
    parsed = parse_html('<pre><code class="language-python">x = 1</code></pre>')
    assert parsed.entities == ({"type": "pre", "offset": 0, "length": 5, "language": "python"},)


def test_numeric_entities_and_utf16_offsets() -> None:
    parsed = parse_html("&#128512;<b>&#x41;</b>")
    assert parsed.text == "😀A"
    assert parsed.entities == ({"type": "bold", "offset": 2, "length": 1},)


def test_unsupported_tag_reports_the_byte_offset() -> None:
    # "é" is two bytes in UTF-8: the offset is counted in bytes, like Telegram.
    assert html_error("café <br> ok") == PREFIX + 'Unsupported start tag "br" at byte offset 6'


def test_unclosed_tag() -> None:
    assert html_error("<b>bold") == (PREFIX + 'Can\'t find end tag corresponding to start tag "b"')


def test_crossed_tags() -> None:
    assert html_error("<b><i>x</b></i>") == (
        PREFIX + 'Unmatched end tag at byte offset 7, expected "</i>", found "</b>"'
    )


def test_end_tag_without_start() -> None:
    assert html_error("x</b>") == PREFIX + "Unexpected end tag at byte offset 1"


def test_raw_less_than_is_an_error() -> None:
    assert html_error("1 < 2") == PREFIX + 'Unsupported start tag "" at byte offset 2'
    assert html_error("a<") == PREFIX + "Unclosed start tag at byte offset 1"


def test_raw_ampersand_and_unknown_entities_are_errors() -> None:
    assert "byte offset 4" in html_error("Tom & Jerry")
    assert "byte offset 0" in html_error("&nbsp;")
    assert "byte offset 0" in html_error("&#0;")


def test_span_needs_spoiler_class_and_a_needs_href() -> None:
    assert html_error('<span class="x">s</span>') == (
        PREFIX + 'Tag "span" must have class "tg-spoiler" at byte offset 0'
    )
    assert "href" in html_error("<a>link</a>")


def test_attribute_syntax_errors() -> None:
    assert "Expected equal sign" in html_error("<a href>x</a>")
    assert "Unclosed start tag" in html_error('<a href="x')


def test_unknown_attributes_on_known_tags_are_ignored() -> None:
    assert parse_html('<b class="x">y</b>').text == "y"


def test_markdown_v2_reserved_character() -> None:
    with pytest.raises(ApiError) as caught:
        parse_markdown_v2("Done.")
    assert caught.value.description == (
        PREFIX + "Character '.' is reserved and must be escaped with the preceding '\\'"
    )
    assert parse_markdown_v2("Done\\.").text == "Done."


def test_markdown_v2_entities_and_unclosed() -> None:
    parsed = parse_markdown_v2("*bold* _it_ __under__ ||sp|| `co.de` [a](https://x.org)")
    assert parsed.text == "bold it under sp co.de a"
    assert {e["type"] for e in parsed.entities} == {
        "bold",
        "italic",
        "underline",
        "spoiler",
        "code",
        "text_link",
    }
    with pytest.raises(ApiError, match="Can't find end of Bold entity at byte offset 0"):
        parse_markdown_v2("*bold")


def test_legacy_markdown() -> None:
    assert parse_markdown("*b* _i_ `c` [l](https://x.org)").text == "b i c l"
    with pytest.raises(ApiError, match="Can't find end of the entity"):
        parse_markdown("*open")


def test_render_dispatches_on_parse_mode() -> None:
    assert render("<b>x</b>", None).text == "<b>x</b>"
    assert render("<b>x</b>", "html").text == "x"
    assert render("plain", "HTML", [{"type": "bold", "offset": 0, "length": 5}]).entities
    with pytest.raises(ApiError, match="unsupported parse_mode"):
        render("x", "BBCode")

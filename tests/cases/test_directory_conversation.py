"""Admins keep the focal point directory in the bot; menus follow the roles it grants."""

from __future__ import annotations

from tests.cases import chats
from tests.harness import BotHarness


async def test_admin_adds_lists_and_removes_a_focal_point(harness: BotHarness) -> None:
    admin = await chats.onboard(harness, 1, "en")
    assert "📇 Focal point directory" in admin.button_labels()
    await admin.run(
        [
            ("press", "Focal point directory", "0 focal point(s) in 0 country(ies)"),
            ("press", "Add or update a focal point", "Send one line with these values"),
            ("say", "abc,XX,kyoto,boss,de", ["Telegram ID: «abc» is not valid.",
                                              "country: «XX» is not a served country"]),
            ("say", "4401,BO,stockholm,ocp,es,4999,<b>Ana</b>",
             "backup: «4999» is not in the directory."),
            ("say", "4401,BO,stockholm;rotterdam,ocp,es;en,,<b>Ana</b>",
             "Saved: <code>4401</code> is a focal point for Bolivia."),
            ("press", "Directory", "1 focal point(s) in 1 country(ies)"),
            ("press", "Bolivia (1)", ["&lt;b&gt;Ana&lt;/b&gt;", "official contact point",
                                      "Stockholm, Rotterdam", "no backup"]),
            ("press", "Remove", "Their focal point role is revoked"),
            ("press", "Yes, remove", "was removed from the directory"),
        ]
    )  # fmt: skip


async def test_menus_follow_the_roles(harness: BotHarness) -> None:
    await chats.directory(harness)
    focal = await chats.onboard(harness, 7001, "en")
    labels = focal.button_labels()
    assert "📥 Cases to handle" in labels
    assert "📝 Report a case" not in labels  # provisioned as a focal point before onboarding
    officer = await chats.onboard(harness, 3401, "en")
    assert {"📝 Report a case", "📂 My reports"} <= set(officer.button_labels())
    assert "📥 Cases to handle" not in officer.button_labels()
    reply = await officer.say("/help")
    assert "/cases" not in reply.text
    await officer.press("Main menu")
    reply = await officer.press("My reports")
    assert "You have not submitted a report yet" in reply.text


async def test_non_admins_cannot_open_the_directory(harness: BotHarness) -> None:
    officer = await chats.onboard(harness, 3402, "en")
    reply = await chats.forge(officer, "fpd:home::0")
    assert "You don't have permission" in reply.text

"""Administration in the bot: grants, invitations, revocation, audit, and refusals."""

from __future__ import annotations

import re

from db.repositories import audit as audit_repo
from tests.handlers.test_bad_input import onboard
from tests.harness import BotHarness


async def test_admin_grants_a_focal_point(harness: BotHarness) -> None:
    admin = await onboard(harness, 1, "Uruguay")  # id 1 is in ADMIN_IDS
    assert "🛡 Administration" in admin.button_labels()
    await admin.run(
        [
            ("press", "Administration", "Administration"),
            ("press", "Grant a role", "Telegram user ID"),
            ("say", "@nobody_here", "I can't find «@nobody_here»"),
            ("say", "700", "Which role for <code>700</code>?"),
            ("press", "focal point", "Focal point for which country?"),
            ("press", "Bolivia", "which conventions?"),
            ("press", "Basel", "which conventions?"),
            ("press", "Confirm", "Done: <code>700</code> is now focal point · Bolivia · "),
        ]
    )
    assert "Stockholm, Basel" in admin.last.text
    person = await onboard(harness, 700, "Bolivia")
    assert "focal point" in (await person.say("/menu")).text


async def test_invitation_is_single_use(harness: BotHarness) -> None:
    admin = await onboard(harness, 1)
    await admin.say("/admin")
    await admin.press("Create an invitation")
    reply = await admin.press("organizer")
    match = re.search(r"start=(inv_[\w-]+)", reply.text)
    assert match, reply.text
    guest = harness.chat(701, language="es", first_name="Luz")  # answered in Spanish
    reply = await guest.say(f"/start {match.group(1)}")
    assert "<b>organizador</b>" in reply.text
    assert "¿qué idioma prefieres?" in reply.text  # onboarding continues after the grant
    late = harness.chat(702)
    reply = await late.say(f"/start {match.group(1)}")
    assert "already been used" in reply.text
    reply = await late.say("/start inv_doesnotexist")
    assert "not valid" in reply.text


async def test_revoke_and_audit_log(harness: BotHarness) -> None:
    admin = await onboard(harness, 1)
    await harness.chat(703).say("/start")
    await admin.say("/admin")
    await admin.press("Grant a role")
    await admin.say("703")
    await admin.press("organizer")
    await admin.say("/admin")
    await admin.press("Revoke a role")
    assert "Ana · 703 · organizer" in admin.button_labels()
    await admin.press("703")
    reply = await admin.press("Revoke: organizer")
    assert "was revoked from <code>703</code>" in reply.text
    reply = await admin.press("Administration")
    reply = await admin.press("Audit log")
    assert "role.revoked · user 703" in reply.text
    async with harness.app.services.sessionmaker() as session:
        actions = [e.action for e in await audit_repo.for_subject(session, "user", "703")]
    assert actions == ["role.granted", "role.revoked"]


async def test_non_admin_is_refused_everywhere(harness: BotHarness) -> None:
    officer = await onboard(harness, 704)
    assert "🛡 Administration" not in officer.button_labels()
    reply = await officer.say("/admin")
    assert "You don't have permission" in reply.text


async def test_a_button_kept_after_losing_the_role_is_refused(harness: BotHarness) -> None:
    admin = await onboard(harness, 1)
    second = await onboard(harness, 705)
    await admin.say("/admin")
    await admin.press("Grant a role")
    await admin.say("705")
    await admin.press("administrator")
    await second.say("/admin")  # the second admin opens the admin menu...
    grant_button = second.last.message_id
    await admin.say("/admin")
    await admin.press("Revoke a role")
    await admin.press("· 705 ·")
    await admin.press("Revoke: administrator")
    reply = await second.press("Grant a role", grant_button)  # ...and presses it afterwards
    assert "You don't have permission" in reply.text

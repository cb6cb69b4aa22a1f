"""Messages a case sends to other people, queued in the outbox in the caller's transaction.

Each message is rendered in every language popsbot speaks, with times in the recipient's own
zone; the sender picks the recipient's language. Purposes are `case.<what>:<reference>[:...]`,
unique per recipient, so a retried transaction or a second process never queues one twice.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from datetime import datetime

from sqlalchemy.ext.asyncio import AsyncSession

from bot.cases import render
from bot.cases.callbacks import mine_data, work_data
from bot.cases.labels import Gettext, convention_label, gettext_for, outcome_label
from bot.delivery import outbox
from bot.delivery.messages import Attachment, OutboundButton, OutboundMessage
from bot.i18n import SUPPORTED_LOCALES
from bot.knowledge.catalogue import Catalogue
from db.models import Case
from db.repositories import users as users_repo

Render = Callable[[str, Gettext], str]


def texts(render_one: Render) -> dict[str, str]:
    return {lang: render_one(lang, gettext_for(lang)) for lang in SUPPORTED_LOCALES}


def button(label: Callable[[Gettext], str], data: str) -> OutboundButton:
    return OutboundButton({lang: label(gettext_for(lang)) for lang in SUPPORTED_LOCALES}, data)


def work_buttons(case: Case) -> list[list[OutboundButton]]:
    """What a focal point can do from an alert."""
    return [
        [
            button(lambda _: _("✅ Acknowledge"), work_data("ack", case.id)),
            button(lambda _: _("❓ Request information"), work_data("info", case.id)),
        ],
        [
            button(lambda _: _("✔️ Close case"), work_data("close", case.id)),
            button(lambda _: _("↪️ Reassign"), work_data("reassign", case.id)),
        ],
        [button(lambda _: _("📄 Open case"), work_data("open", case.id))],
    ]


def report_attachments(case: Case) -> list[Attachment]:
    files = [
        Attachment("photo" if a.kind == "photo" else "document", file_id=a.file_id)
        for a in case.attachments
        if a.message_id is None
    ]
    if case.latitude is not None and case.longitude is not None:
        files.append(Attachment("location", latitude=case.latitude, longitude=case.longitude))
    return files


async def zone_of(session: AsyncSession, user_id: int) -> str:
    user = await users_repo.get(session, user_id)
    return user.timezone if user is not None else "UTC"


async def name_of(session: AsyncSession, user_id: int | None) -> str:
    user = await users_repo.get(session, user_id) if user_id else None
    return user.display_name if user is not None else str(user_id or "popsbot")


async def _queue(
    session: AsyncSession, purpose: str, recipient: int, message: OutboundMessage, now: datetime
) -> bool:
    return await outbox.enqueue(
        session, purpose=purpose, recipient_id=recipient, message=message, due_at=now
    )


def _why(reason: str, case: Case, lang: str, _: Gettext, policy_hours: int) -> str:
    country = render.country(case.country, lang)
    reasons = {
        "country": _("You receive it as {convention} focal point of {country}."),
        "rotterdam": _("Copy for Rotterdam: the substance is in Annex III of the convention."),
        "fallback": _("Regional fallback: no focal point of {country} is registered for it."),
        "backup": _("Escalated to you: not acknowledged within {hours} hours."),
        "reassigned": _("Reassigned to you."),
    }
    return reasons.get(reason, reasons["reassigned"]).format(
        convention=convention_label(case.convention, lang), country=country, hours=policy_hours
    )


async def alert(
    session: AsyncSession,
    case: Case,
    recipient: int,
    reason: str,
    *,
    now: datetime,
    catalogue: Catalogue,
    hours: int = 0,
    again: str = "",
) -> bool:
    """The new-case alert for one focal point: summary, files, and what they can do.
    `again` distinguishes a later alert to the same person (a reassignment back to them)."""
    zone = await zone_of(session, recipient)

    def one(lang: str, _: Gettext) -> str:
        lines = [
            _("🚨 <b>New case {reference}</b> · {country}").format(
                reference=case.reference, country=render.country(case.country, lang)
            ),
            _why(reason, case, lang, _, hours),
        ]
        if case.ack_due_at is not None:
            due = render.stamp(case.ack_due_at, zone, lang)
            lines.append(_("Please acknowledge by {deadline}.").format(deadline=due))
        return "\n".join([*lines, "", *render.summary_lines(case, lang, catalogue)])[:4000]

    message = OutboundMessage(texts(one), work_buttons(case), report_attachments(case))
    purpose = f"case.alert:{case.reference}" + (f":{again}" if again else "")
    return await _queue(session, purpose, recipient, message, now)


async def reminder(
    session: AsyncSession, case: Case, recipients: Iterable[int], now: datetime
) -> int:
    count = 0
    for recipient in recipients:
        zone = await zone_of(session, recipient)

        def one(lang: str, _: Gettext, zone: str = zone) -> str:
            text = _("⏰ <b>Reminder: case {reference}</b> has not been acknowledged yet.").format(
                reference=case.reference
            )
            if case.ack_due_at is not None:
                text += "\n" + _("Without acknowledgement it is escalated at {at}.").format(
                    at=render.stamp(case.ack_due_at, zone, lang)
                )
            return text

        buttons = [
            [button(lambda _: _("✅ Acknowledge"), work_data("ack", case.id))],
            [button(lambda _: _("📄 Open case"), work_data("open", case.id))],
        ]
        message = OutboundMessage(texts(one), buttons)
        purpose = f"case.reminder:{case.reference}:1"
        count += await _queue(session, purpose, recipient, message, now)
    return count


async def to_reporter(
    session: AsyncSession, case: Case, what: str, now: datetime, *, key: str = "", body: str = ""
) -> bool:
    """A status change told to the officer who reported: acknowledged, question, closed."""

    def one(lang: str, _: Gettext) -> str:
        ref = case.reference
        if what == "acknowledged":
            return _("✅ Your case {reference} was acknowledged by a focal point.").format(
                reference=ref
            )
        if what == "question":
            return _(
                "❓ <b>Case {reference}: a focal point asks</b>\n\n«{question}»\n\n"
                "Press Answer, then type your answer or send photos."
            ).format(reference=ref, question=render.clip(body, 1500))
        text = _("✔️ Your case {reference} was closed. Outcome: {outcome}.").format(
            reference=ref, outcome=outcome_label(case.outcome, lang)
        )
        return text + (f"\n«{render.clip(case.outcome_note, 300)}»" if case.outcome_note else "")

    action = ("answer", lambda _: _("✍️ Answer")) if what == "question" else None
    action = action or ("open", lambda _: _("📄 View case"))
    buttons = [[button(action[1], mine_data(action[0], case.id))]]
    purpose = f"case.status:{case.reference}:{what}" + (f":{key}" if key else "")
    message = OutboundMessage(texts(one), buttons)
    return await _queue(session, purpose, case.reporter_id, message, now)


async def answer_relayed(
    session: AsyncSession,
    case: Case,
    recipients: Iterable[int],
    key: str,
    body: str,
    files: list[Attachment],
    now: datetime,
) -> int:
    """The officer's answer (text and/or files) passed to the people handling the case."""

    def one(lang: str, _: Gettext) -> str:
        text = _("💬 <b>Case {reference}: the officer answered</b>").format(
            reference=case.reference
        )
        if body:
            text += f"\n\n«{render.clip(body, 3000)}»"
        if files:
            text += "\n" + _("With {count} photo(s) or document(s).").format(count=len(files))
        return text

    buttons = [
        [
            button(lambda _: _("❓ Ask more"), work_data("info", case.id)),
            button(lambda _: _("✔️ Close case"), work_data("close", case.id)),
        ],
        [button(lambda _: _("📄 Open case"), work_data("open", case.id))],
    ]
    message = OutboundMessage(texts(one), buttons, files)
    purpose = f"case.answer:{case.reference}:{key}"
    count = 0
    for recipient in recipients:
        count += await _queue(session, purpose, recipient, message, now)
    return count


async def colleagues(
    session: AsyncSession, case: Case, recipients: Iterable[int], what: str, by: str, now: datetime
) -> int:
    """Tell the others a case was routed to that someone took it, so nobody works twice."""

    def one(lang: str, _: Gettext) -> str:
        if what == "acknowledged":
            return _("Case {reference} was acknowledged by {name}.").format(
                reference=case.reference, name=render.clip(by, 80)
            )
        return _("Case {reference} was closed by {name}. Outcome: {outcome}.").format(
            reference=case.reference,
            name=render.clip(by, 80),
            outcome=outcome_label(case.outcome, lang),
        )

    buttons = [[button(lambda _: _("📄 Open case"), work_data("open", case.id))]]
    message = OutboundMessage(texts(one), buttons)
    count = 0
    for recipient in recipients:
        count += await _queue(
            session, f"case.update:{case.reference}:{what}", recipient, message, now
        )
    return count


async def admins(
    session: AsyncSession, case: Case, what: str, now: datetime, *, fallback: bool, hours: int = 0
) -> int:
    """Admins are told when a country has no focal point or an escalation has nowhere to go."""

    def one(lang: str, _: Gettext) -> str:
        country = render.country(case.country, lang)
        if what == "no_focal_point":
            text = _(
                "⚠️ Case {reference} ({country}): no {convention} focal point is registered "
                "for this country."
            ).format(
                reference=case.reference,
                country=country,
                convention=convention_label(case.convention, lang),
            )
        else:
            text = _(
                "⚠️ Case {reference} ({country}) was not acknowledged within {hours} hours and "
                "has no backup to escalate to."
            ).format(reference=case.reference, country=country, hours=hours)
        extra = (
            _("It was sent to the regional fallback contact.")
            if fallback
            else _("No regional fallback contact is configured: please handle it in popsbot.")
        )
        return f"{text}\n{extra}"

    buttons = [[button(lambda _: _("📄 Open case"), work_data("open", case.id))]]
    message = OutboundMessage(texts(one), buttons)
    staff = await users_repo.with_roles(session, role="admin", limit=50)
    count = 0
    for person in staff:
        count += await _queue(session, f"case.{what}:{case.reference}", person.id, message, now)
    return count

"""The organizer's live delivery report of a broadcast, in their language and zone.

Rendered outside any conversation (the live-report job edits the message), hence explicit
translators rather than the handlers' context-bound gettext.
"""

from __future__ import annotations

from datetime import datetime
from html import escape

from bot.delivery.report import DeliveryReport
from bot.events.audience import Audience, parse_audience
from bot.events.timeshow import clock, start_phrase
from bot.geo import country_name
from bot.i18n import translator
from db.models import Broadcast


def audience_label(audience: Audience, locale: str) -> str:
    _ = translator(locale).gettext
    roles = {
        "officer": _("customs officer"),
        "focal_point": _("focal point"),
        "organizer": _("organizer"),
        "admin": _("administrator"),
    }
    values = ", ".join(audience.values)
    if audience.kind == "role":
        return _("role: {role}").format(role=roles.get(values, values))
    if audience.kind == "country":
        return ", ".join(escape(country_name(code, locale)) for code in audience.values)
    labels = {
        "all": _("everyone"),
        "language": _("readers of: {languages}").format(languages=values),
        "event": _("registrants of {code}").format(code=values),
        "confirmed": _("registrants of {code} who confirmed").format(code=values),
        "unconfirmed": _("registrants of {code} who did not confirm").format(code=values),
    }
    return labels[audience.kind]


def report_text(
    item: Broadcast, report: DeliveryReport, locale: str, zone: str, now: datetime
) -> str:
    _ = translator(locale).gettext
    waiting = report.pending + report.sending
    lines = [
        _("📊 <b>Broadcast #{number}</b> · {audience} · {count} people").format(
            number=item.id,
            audience=audience_label(parse_audience(item.audience), locale),
            count=item.recipients,
        ),
        _("Sending from: {when}").format(when=start_phrase(item.due_at, zone, locale)),
        _("✅ Sent: {sent} · ⏳ Waiting: {waiting} · ❌ Failed: {failed}").format(
            sent=report.sent, waiting=waiting, failed=report.failed
        ),
        _("🚫 Unreachable (blocked the bot): {unreachable} · ⏭ Skipped: {skipped}").format(
            unreachable=report.unreachable, skipped=report.skipped
        ),
    ]
    if item.status == "cancelled":
        lines.append(_("Cancelled: the remaining messages will not be sent."))
    elif report.done:
        lines.append(_("Finished."))
    else:
        lines.append(_("Updated at {time}.").format(time=clock(now, zone, locale)))
    return "\n".join(lines)

"""`popsbot users grant|revoke|list` and `popsbot invites create|list`: roles from the shell.

The shell operator acts as the system actor; every change lands in the audit log as 'cli'.
"""

from __future__ import annotations

import asyncio
from datetime import timedelta

import click
from sqlalchemy.ext.asyncio import AsyncSession

from bot.cli.common import load_settings, with_session
from bot.clock import SystemClock
from bot.config import Settings
from bot.errors import DomainError
from bot.users import grants, invites
from bot.users.roles import Actor, Grant, Role, parse_conventions

ROLE_CHOICE = click.Choice([role.value for role in Role])
CONVENTION_CHOICE = click.Choice(["stockholm", "basel", "rotterdam"])


def _grant(role: str, country: str | None, conventions: tuple[str, ...]) -> Grant:
    return Grant(Role(role), country.upper() if country else None, parse_conventions(conventions))


def _fail(exc: DomainError) -> click.ClickException:
    return click.ClickException(f"refused: {exc}")


@click.group()
def users() -> None:
    """Grant, revoke and list roles."""


@users.command("grant")
@click.argument("telegram_id", type=int)
@click.argument("role", type=ROLE_CHOICE)
@click.option("--country", help="ISO code of the country (required for focal_point).")
@click.option("--convention", "conventions", multiple=True, type=CONVENTION_CHOICE)
def grant_cmd(
    telegram_id: int, role: str, country: str | None, conventions: tuple[str, ...]
) -> None:
    """Give ROLE to the Telegram user TELEGRAM_ID (they need not have opened the bot yet)."""

    async def work(session: AsyncSession) -> str:
        result = await grants.grant_role(
            session, Actor.system(), telegram_id, _grant(role, country, conventions)
        )
        extra = f" country={result.country} conventions={','.join(result.conventions)}"
        return f"granted {result.role} to {telegram_id}" + (extra if result.country else "")

    try:
        click.echo(with_session(load_settings(), work))
    except DomainError as exc:
        raise _fail(exc) from None


@users.command("revoke")
@click.argument("telegram_id", type=int)
@click.argument("role", type=ROLE_CHOICE)
def revoke_cmd(telegram_id: int, role: str) -> None:
    """Remove ROLE from TELEGRAM_ID."""

    async def work(session: AsyncSession) -> None:
        await grants.revoke_role(session, Actor.system(), telegram_id, Role(role))

    try:
        with_session(load_settings(), work)
    except DomainError as exc:
        raise _fail(exc) from None
    click.echo(f"revoked {role} from {telegram_id}")


@users.command("list")
@click.option("--role", type=ROLE_CHOICE)
def list_cmd(role: str | None) -> None:
    """People holding a role."""

    async def work(session: AsyncSession) -> list[str]:
        staff = await grants.list_staff(
            session, Actor.system(), Role(role) if role else None, limit=1000
        )
        lines = []
        for person in staff:
            held = ", ".join(
                g.role + (f"[{g.country}:{'+'.join(g.conventions)}]" if g.country else "")
                for g in person.roles
            )
            lines.append(f"{person.id}\t{person.display_name}\t{held}")
        return lines

    for line in with_session(load_settings(), work):
        click.echo(line)


@click.group("invites")
def invites_group() -> None:
    """Single-use invitation links that grant a role."""


@invites_group.command("create")
@click.option("--role", required=True, type=ROLE_CHOICE)
@click.option("--country", help="ISO code of the country (required for focal_point).")
@click.option("--convention", "conventions", multiple=True, type=CONVENTION_CHOICE)
@click.option(
    "--hours", type=click.IntRange(1, 24 * 90), help="Validity (default INVITE_TTL_HOURS)."
)
@click.option("--bot-username", help="For the link; default: asked from the Bot API.")
def create_cmd(
    role: str,
    country: str | None,
    conventions: tuple[str, ...],
    hours: int | None,
    bot_username: str | None,
) -> None:
    """Create an invitation and print its deep link."""
    settings = load_settings()
    ttl = timedelta(hours=hours or settings.invite_ttl_hours)

    async def work(session: AsyncSession) -> tuple[str, str]:
        invite = await invites.create_invite(
            session,
            Actor.system(),
            _grant(role, country, conventions),
            ttl=ttl,
            clock=SystemClock(),
        )
        return invite.code, invite.expires_at.isoformat(timespec="minutes")

    try:
        code, until = with_session(settings, work)
    except DomainError as exc:
        raise _fail(exc) from None
    username = bot_username or _ask_username(settings)
    link = (
        invites.deep_link(username, code)
        if username
        else f"/start {invites.DEEP_LINK_PREFIX}{code}"
    )
    click.echo(f"{link}\nsingle use, valid until {until} UTC")


def _ask_username(settings: Settings) -> str | None:
    """The bot's @username from getMe, when a token is configured; None otherwise."""
    from bot.app.builders import build_bot

    if settings.bot_token is None:
        return None

    async def ask() -> str | None:
        bot = build_bot(settings)
        try:
            return (await bot.get_me()).username
        except Exception:  # offline or a bad token: the code is still valid, print it bare
            return None
        finally:
            await bot.session.close()

    return asyncio.run(ask())

"""Users, roles and invites through the services, on SQLite and on real PostgreSQL."""

from __future__ import annotations

import asyncio
from datetime import timedelta

import pytest
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from bot.clock import FrozenClock
from bot.errors import InvalidInput, InviteError, PermissionDenied
from bot.users import grants, invites, profiles
from bot.users.roles import Actor, Convention, Grant, Role
from db.repositories import audit as audit_repo

ADMINS = frozenset({1})


async def make_user(session: AsyncSession, user_id: int, lang: str | None = "en"):
    ident = profiles.TelegramIdentity(id=user_id, first_name=f"U{user_id}", language_code=lang)
    return await profiles.touch(session, ident, default_locale="en", admin_ids=ADMINS)


async def admin_actor(session: AsyncSession) -> Actor:
    return profiles.actor_of(await make_user(session, 1))


@pytest.mark.parametrize(
    ("telegram_code", "expected"),
    [("es-419", "es"), ("pt-br", "pt"), ("fr", "fr"), ("de", "en"), (None, "en")],
)
async def test_first_contact_uses_telegram_language(
    session: AsyncSession, telegram_code: str | None, expected: str
) -> None:
    user = await make_user(session, 42, telegram_code)
    assert user.language == expected
    assert user.roles == []
    assert user.onboarded_at is None


async def test_admin_ids_are_bootstrapped_once_and_audited(session: AsyncSession) -> None:
    await make_user(session, 1)
    user = await make_user(session, 1)  # second contact must not grant again
    assert [g.role for g in user.roles] == ["admin"]
    trail = await audit_repo.for_subject(session, "user", "1")
    assert [(e.action, e.actor_label) for e in trail] == [("role.granted", "bootstrap")]


async def test_onboarding_makes_an_officer(session: AsyncSession, clock: FrozenClock) -> None:
    user = await make_user(session, 7, "es")
    assert await profiles.set_country(session, user, "BO") == ()
    assert user.timezone == "America/La_Paz"
    assert await profiles.complete_onboarding(session, user, clock) is True
    assert await profiles.complete_onboarding(session, user, clock) is False
    assert [g.role for g in user.roles] == ["officer"]
    assert user.onboarded_at == clock.now()


async def test_country_with_several_zones_asks(session: AsyncSession) -> None:
    user = await make_user(session, 8)
    zones = await profiles.set_country(session, user, "BR")
    assert zones[0] == "America/Sao_Paulo"
    assert "America/Manaus" in zones
    assert user.timezone == "UTC"  # unchanged until the user picks one
    with pytest.raises(InvalidInput):
        await profiles.set_country(session, user, "XX")
    with pytest.raises(InvalidInput):
        await profiles.set_timezone(session, user, "Mars/Olympus")


async def test_grant_focal_point_defaults_to_stockholm_and_is_audited(
    session: AsyncSession,
) -> None:
    admin = await admin_actor(session)
    grant = await grants.grant_role(session, admin, 500, Grant(Role.FOCAL_POINT, "BO"))
    assert (grant.role, grant.country, grant.conventions) == ("focal_point", "BO", ["stockholm"])
    await grants.grant_role(
        session, admin, 500, Grant(Role.FOCAL_POINT, "BO", (Convention.BASEL,))
    )
    trail = await audit_repo.for_subject(session, "user", "500")
    assert [e.action for e in trail] == ["role.granted", "role.updated"]
    assert trail[1].details["before"] == {"country": "BO", "conventions": ["stockholm"]}
    assert trail[1].actor_id == 1


async def test_focal_point_needs_a_served_country(session: AsyncSession) -> None:
    admin = await admin_actor(session)
    with pytest.raises(InvalidInput):
        await grants.grant_role(session, admin, 501, Grant(Role.FOCAL_POINT))
    with pytest.raises(InvalidInput):
        await grants.grant_role(session, admin, 501, Grant(Role.FOCAL_POINT, "FR"))


async def test_the_last_admin_cannot_be_revoked(session: AsyncSession) -> None:
    admin = await admin_actor(session)
    with pytest.raises(InvalidInput):
        await grants.revoke_role(session, admin, 1, Role.ADMIN)
    await grants.grant_role(session, admin, 2, Grant(Role.ADMIN))
    await grants.revoke_role(session, admin, 1, Role.ADMIN)
    actions = [e.action for e in await audit_repo.for_subject(session, "user", "1")]
    assert actions[-1] == "role.revoked"


ADMIN_ACTIONS = {
    "grant": lambda s, a, c: grants.grant_role(s, a, 900, Grant(Role.ORGANIZER)),
    "revoke": lambda s, a, c: grants.revoke_role(s, a, 1, Role.ADMIN),
    "invite": lambda s, a, c: invites.create_invite(
        s, a, Grant(Role.ORGANIZER), ttl=timedelta(hours=1), clock=c
    ),
    "list_staff": lambda s, a, c: grants.list_staff(s, a),
    "audit": lambda s, a, c: grants.recent_changes(s, a),
    "open_invites": lambda s, a, c: invites.open_invites(s, a, c),
}


@pytest.mark.parametrize("action", sorted(ADMIN_ACTIONS))
@pytest.mark.parametrize("role", [None, Role.OFFICER, Role.FOCAL_POINT, Role.ORGANIZER], ids=str)
async def test_only_admins_manage_roles(
    session: AsyncSession, clock: FrozenClock, action: str, role: Role | None
) -> None:
    await make_user(session, 1)
    grants_ = {role: Grant(role, "BO" if role == Role.FOCAL_POINT else None)} if role else {}
    actor = Actor(user_id=77, grants=grants_)
    with pytest.raises(PermissionDenied):
        await ADMIN_ACTIONS[action](session, actor, clock)


async def test_invite_is_single_use(session: AsyncSession, clock: FrozenClock) -> None:
    admin = await admin_actor(session)
    invite = await invites.create_invite(
        session, admin, Grant(Role.FOCAL_POINT, "PE"), ttl=timedelta(hours=2), clock=clock
    )
    assert len(invite.code) == 12
    first = await make_user(session, 10)
    grant = await invites.redeem_invite(session, first, invite.code, clock)
    assert (grant.role, grant.country) == ("focal_point", "PE")
    second = await make_user(session, 11)
    with pytest.raises(InviteError) as used:
        await invites.redeem_invite(session, second, invite.code, clock)
    assert used.value.reason == "used"
    with pytest.raises(InviteError) as unknown:
        await invites.redeem_invite(session, second, "nope", clock)
    assert unknown.value.reason == "unknown"
    assert [g.role for g in second.roles] == []


async def test_invite_expires(session: AsyncSession, clock: FrozenClock) -> None:
    admin = await admin_actor(session)
    invite = await invites.create_invite(
        session, admin, Grant(Role.ORGANIZER), ttl=timedelta(hours=1), clock=clock
    )
    clock.advance(timedelta(hours=1, seconds=1))
    with pytest.raises(InviteError) as expired:
        await invites.redeem_invite(session, await make_user(session, 12), invite.code, clock)
    assert expired.value.reason == "expired"


async def test_two_people_racing_for_one_invite(db_url: str, clock: FrozenClock) -> None:
    """Separate connections, as two bot processes would have: exactly one wins."""
    from db.engine import build_engine, build_sessionmaker

    engine = build_engine(db_url)
    makers: async_sessionmaker[AsyncSession] = build_sessionmaker(engine)
    try:
        async with makers() as session:
            admin = await admin_actor(session)
            invite = await invites.create_invite(
                session, admin, Grant(Role.ORGANIZER), ttl=timedelta(hours=1), clock=clock
            )
            for user_id in (20, 21):
                await make_user(session, user_id)

        async def redeem(user_id: int) -> bool:
            async with makers() as session:
                user = await profiles.touch(
                    session,
                    profiles.TelegramIdentity(id=user_id, first_name="x"),
                    default_locale="en",
                    admin_ids=ADMINS,
                )
                try:
                    await invites.redeem_invite(session, user, invite.code, clock)
                except InviteError:
                    return False
                return True

        results = await asyncio.gather(redeem(20), redeem(21))
        assert sorted(results) == [False, True]
    finally:
        await engine.dispose()

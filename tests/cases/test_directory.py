"""The focal point directory from CSV: every bad row reported with its line, nothing imported
from a file with a bad row, roles granted and revoked with the directory, all audited."""

from __future__ import annotations

import pytest
from sqlalchemy.ext.asyncio import AsyncSession

from bot.cases import directory
from bot.cases.directory_csv import describe, parse
from bot.errors import NotFound, PermissionDenied
from bot.users.roles import Role
from db.repositories import audit as audit_repo
from db.repositories import focal_points as fp_repo
from db.repositories import users as users_repo
from tests.cases import factories

HEADER = "telegram_id,country,conventions,role,languages,backup_telegram_id,name\n"


def test_every_bad_row_is_reported_with_its_line() -> None:
    text = HEADER + (
        "7001,BO,stockholm,ocp,es,,Good\n"
        "\n"
        "# a comment line\n"
        "abc,BO,stockholm,ocp,es,,Bad id\n"
        "7002,XX,stockholm,ocp,es,,Bad country\n"
        "7003,PE,stockholm;kyoto,ocp,es,,Bad convention\n"
        "7004,PE,basel,boss,de,,Bad role and language\n"
        "7005,PE,basel,nfp,es,7005,Own backup\n"
        '7001,CL,"stockholm basel",nfp,es,,"Duplicate, quoted"\n'
    )
    rows, errors = parse(text)
    assert [row.user_id for row in rows] == [7001]
    assert [(e.line, e.column, e.reason) for e in errors] == [
        (5, "telegram_id", "invalid"),
        (6, "country", "not_served"),
        (7, "conventions", "invalid"),
        (8, "role", "invalid"),
        (8, "languages", "invalid"),
        (9, "backup_telegram_id", "self"),
        (10, "telegram_id", "duplicate"),
    ]
    assert describe(errors[1]) == (
        "line 6: country «XX»: not one of the served countries (ISO code such as BO, PE, BR)"
    )


def test_header_problems_and_spreadsheet_exports() -> None:
    _, errors = parse("telegram,country,conventions\n1,BO,stockholm\n")
    assert {(e.line, e.column, e.reason) for e in errors} == {
        (1, "telegram_id", "missing"), (1, "role", "missing"), (1, "languages", "missing"),
        (1, "telegram", "unknown_column"),
    }  # fmt: skip
    semicolons = (
        "\ufefftelegram_id;country;conventions;role;languages\n7001;bo;Stockholm|Basel;OCP;ES\n"
    )
    rows, errors = parse(semicolons)
    assert not errors
    assert (rows[0].country, rows[0].conventions, rows[0].role, rows[0].languages) == (
        "BO", ("stockholm", "basel"), "ocp", ("es",),
    )  # fmt: skip
    assert parse(HEADER)[1][0].reason == "no_rows"


async def test_import_grants_roles_and_is_all_or_nothing(session: AsyncSession) -> None:
    await factories.person(session, 7001, lang="en")  # already an officer
    await factories.directory_from(session, factories.BOLIVIA_DIRECTORY)
    person = await users_repo.get(session, 7001)
    await session.refresh(person)
    assert {g.role for g in person.roles} == {"officer", "focal_point"}
    newcomer = await users_repo.get(session, 7003)  # never opened the bot: a placeholder
    assert (newcomer.language, newcomer.first_name) == ("es", "Basel Bolivia")
    trail = await audit_repo.for_subject(session, "focal_point", "7002")
    assert [e.action for e in trail] == ["focal_point.added"]

    rows, errors = parse(
        HEADER + "7001,BO,stockholm,ocp,en,7999,Unknown backup\n7201,CL,basel,nfp,es,,New\n"
    )
    assert not errors
    with pytest.raises(directory.DirectoryRejected) as rejected:
        await directory.import_rows(session, factories.SYSTEM, rows)
    assert [(e.line, e.reason) for e in rejected.value.errors] == [(2, "unknown_backup")]
    assert await fp_repo.get(session, 7201) is None  # nothing imported

    rows, _ = parse(HEADER + "7001,BO,stockholm;rotterdam,ocp,en,7002,Renamed\n")
    report = await directory.import_rows(session, factories.SYSTEM, rows)
    assert (report.created, report.updated) == (0, 1)
    entry = await fp_repo.get(session, 7001)
    assert (entry.conventions, entry.name) == (["stockholm", "rotterdam"], "Renamed")
    grant = await users_repo.grant_of(session, 7001, "focal_point")
    assert grant.conventions == ["stockholm", "rotterdam"]


async def test_remove_revokes_the_role(session: AsyncSession) -> None:
    await factories.directory_from(session, factories.BOLIVIA_DIRECTORY)
    await directory.remove(session, factories.SYSTEM, 7004)
    assert await fp_repo.get(session, 7004) is None
    assert await users_repo.grant_of(session, 7004, "focal_point") is None
    actions = [e.action for e in await audit_repo.for_subject(session, "user", "7004")]
    assert actions == ["role.granted", "role.revoked"]
    with pytest.raises(NotFound):
        await directory.remove(session, factories.SYSTEM, 7004)


async def test_only_admins_keep_the_directory(session: AsyncSession) -> None:
    officer = await factories.person(session, 990)
    rows, _ = parse(HEADER + "7001,BO,stockholm,ocp,es,,X\n")
    with pytest.raises(PermissionDenied):
        await directory.import_rows(session, officer, rows)
    with pytest.raises(PermissionDenied):
        await directory.entries(session, officer)
    admin = await factories.person(session, 1)
    assert admin.has(Role.ADMIN)
    await directory.import_rows(session, admin, rows)
    assert [e.user_id for e in await directory.entries(session, admin, "bo")] == [7001]

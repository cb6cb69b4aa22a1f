"""`popsbot focal-points` and `popsbot cases export` as an operator runs them."""

from __future__ import annotations

import asyncio
import io
from pathlib import Path

from click.testing import CliRunner
from openpyxl import load_workbook

from bot.cli import main
from bot.clock import FrozenClock
from bot.knowledge.catalogue import default_catalogue
from db.engine import build_engine, build_sessionmaker
from tests.cases import factories

GOOD = factories.BOLIVIA_DIRECTORY
BAD = GOOD + "7201,CL,stockholm,ocp,xx,,Bad language\n7202,ZZ,stockholm,ocp,es,,Bad country\n"


def invoke(url: str, *args: str) -> tuple[int, str, str]:
    runner = CliRunner()
    result = runner.invoke(main, list(args), env={"DATABASE_URL": url, "BOT_TOKEN": None})
    return result.exit_code, result.stdout, result.stderr


def test_import_refuses_a_file_with_bad_rows_then_imports_a_good_one(
    sqlite_url: str, tmp_path: Path
) -> None:
    bad = tmp_path / "bad.csv"
    bad.write_text(BAD, encoding="utf-8")
    code, out, err = invoke(sqlite_url, "focal-points", "import", str(bad))
    assert code == 1
    assert "line 7: languages «xx»: not a valid value" in err
    assert "line 8: country «ZZ»" in err
    assert "2 problem(s); nothing was imported" in err
    assert invoke(sqlite_url, "focal-points", "list")[1].count("\n") == 1  # the header only

    good = tmp_path / "good.csv"
    good.write_text(GOOD, encoding="utf-8")
    code, out, _ = invoke(sqlite_url, "focal-points", "import", str(good))
    assert (code, out.strip()) == (0, "imported 5 focal point(s): 5 new, 0 updated")
    code, out, _ = invoke(sqlite_url, "focal-points", "list", "--country", "bo")
    assert "7001\tBO\tstockholm\tocp\ten+es\t7002\tStockholm OCP Bolivia" in out
    assert "7101" not in out
    assert invoke(sqlite_url, "focal-points", "remove", "7004")[0] == 0
    code, _, err = invoke(sqlite_url, "focal-points", "remove", "7004")
    assert code == 1
    assert "refused" in err


def test_export_writes_csv_and_xlsx(sqlite_url: str, tmp_path: Path, clock: FrozenClock) -> None:
    async def seed() -> None:
        engine = build_engine(sqlite_url)
        async with build_sessionmaker(engine)() as session:
            await factories.directory_from(session, GOOD)
            officer = await factories.person(session, 1201)
            await factories.report(session, officer, default_catalogue(), clock.now())
        await engine.dispose()

    asyncio.run(seed())
    target = tmp_path / "cases.xlsx"
    code, out, _ = invoke(
        sqlite_url, "cases", "export", "--format", "xlsx", "--country", "BO",
        "--since", "2026-03-01", "--until", "2026-03-31", "-o", str(target),
    )  # fmt: skip
    assert (code, out.strip()) == (0, f"1 case(s) written to {target}")
    book = load_workbook(io.BytesIO(target.read_bytes()))
    assert book["Cases"]["A2"].value.startswith("CR-2026-")
    code, out, _ = invoke(sqlite_url, "cases", "export", "--country", "PE", "-o", "-")
    assert code == 0
    assert out.lstrip("\ufeff").startswith("reference,status,country")
    code, _, err = invoke(
        sqlite_url, "cases", "export", "--since", "2026-04-01", "--until", "2026-03-01"
    )
    assert code == 2
    assert "--since is after --until" in err

"""Read every content file and validate it, collecting all problems instead of stopping at one.

A curator fixing content wants the whole list at once (file, field, message), so parse and
validation errors are turned into `Problem`s and raised together as one `ContentError`.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, TypeVar

import yaml
from pydantic import BaseModel, ValidationError

from bot.knowledge.fields import Fact
from bot.knowledge.schema import (
    Article,
    Chemical,
    Convention,
    EditionsFile,
    FaqEntry,
    FaqFile,
    GlossaryFile,
    GlossaryTerm,
    HsCodeInfo,
    HsCodesFile,
    HsEdition,
    Source,
    SourcesFile,
    WasteCode,
    WasteFile,
)

CONVENTION_IDS = ("stockholm", "rotterdam", "basel")
Model = TypeVar("Model", bound=BaseModel)
_Loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


@dataclass(frozen=True)
class Problem:
    """One thing wrong with the content, located precisely enough to fix it."""

    file: str
    field: str
    message: str

    def __str__(self) -> str:
        return (
            f"{self.file}: {self.field}: {self.message}"
            if self.field
            else f"{self.file}: {self.message}"
        )


class ContentError(Exception):
    """Raised once with every problem found, so nothing is fixed one failed start at a time."""

    def __init__(self, problems: list[Problem]) -> None:
        self.problems = problems
        lines = "\n".join(f"  - {problem}" for problem in problems)
        super().__init__(f"{len(problems)} content problem(s):\n{lines}")


@dataclass
class RawContent:
    """Validated content before indexing; cross-references are checked on this."""

    chemicals: dict[str, Chemical] = field(default_factory=dict)
    articles: dict[str, Article] = field(default_factory=dict)
    conventions: dict[str, Convention] = field(default_factory=dict)
    glossary: dict[str, GlossaryTerm] = field(default_factory=dict)
    faq: dict[str, FaqEntry] = field(default_factory=dict)
    editions: dict[str, HsEdition] = field(default_factory=dict)
    waste: dict[str, WasteCode] = field(default_factory=dict)
    waste_notes: list[Fact] = field(default_factory=list)
    hs_codes: dict[str, HsCodeInfo] = field(default_factory=dict)
    sources: dict[str, Source] = field(default_factory=dict)
    origin: dict[str, str] = field(default_factory=dict)  # entry id -> file it came from
    # every (id, file) with duplicates kept; ids of files that failed validation
    id_log: list[tuple[str, str]] = field(default_factory=list)
    invalid_ids: set[str] = field(default_factory=set)


class _Reader:
    def __init__(self, root: Path) -> None:
        self.root = root
        self.problems: list[Problem] = []
        self.invalid_ids: set[str] = set()

    def rel(self, path: Path) -> str:
        return (
            path.relative_to(self.root).as_posix() if path.is_relative_to(self.root) else str(path)
        )

    def model(self, path: Path, model: type[Model]) -> Model | None:
        if not path.is_file():
            self.problems.append(Problem(self.rel(path), "", "file is missing"))
            return None
        try:
            data: Any = yaml.load(path.read_text(encoding="utf-8"), Loader=_Loader)
        except (yaml.YAMLError, UnicodeDecodeError) as exc:
            self.problems.append(Problem(self.rel(path), "", f"not valid YAML: {exc}"))
            return None
        try:
            return model.model_validate(data)
        except ValidationError as exc:
            self.invalid_ids.update(_ids_in(data) | {path.stem})
            for error in exc.errors():
                where = ".".join(str(part) for part in error["loc"]) or "(top level)"
                self.problems.append(Problem(self.rel(path), where, error["msg"]))
            return None


def read_content(root: Path) -> tuple[RawContent, list[Problem]]:
    """Parse and validate every file under `root`; return what loaded and every problem."""
    reader = _Reader(root)
    raw = RawContent()
    for path in _entry_files(reader, root, "chemicals"):
        if (chemical := reader.model(path, Chemical)) is not None:
            _register(reader, raw, raw.chemicals, chemical, path)
    for path in _entry_files(reader, root, "articles"):
        if (article := reader.model(path, Article)) is not None:
            _register(reader, raw, raw.articles, article, path)
    for cid in CONVENTION_IDS:
        convention = reader.model(root / "conventions" / f"{cid}.yaml", Convention)
        if convention is not None:
            raw.conventions[convention.id] = convention
            raw.origin[convention.id] = f"conventions/{cid}.yaml"
            raw.id_log.append((convention.id, f"conventions/{cid}.yaml"))
    _read_lists(reader, root, raw)
    raw.invalid_ids = reader.invalid_ids
    return raw, reader.problems


def _entry_files(reader: _Reader, root: Path, kind: str) -> list[Path]:
    paths = sorted((root / kind).glob("*.yaml"))
    if not paths:
        reader.problems.append(Problem(kind, "", "no entry files found"))
    return paths


def _register(
    reader: _Reader, raw: RawContent, target: dict[str, Any], entry: Any, path: Path
) -> None:
    if entry.id != path.stem:
        reader.problems.append(
            Problem(reader.rel(path), "id", f"must equal file name {path.stem!r}")
        )
    target[entry.id] = entry
    raw.origin[entry.id] = reader.rel(path)
    raw.id_log.append((entry.id, reader.rel(path)))


def _ids_in(data: Any) -> set[str]:
    """Ids found in data that failed validation, so references to them are not reported twice."""
    if isinstance(data, dict):
        found = {data["id"]} if isinstance(data.get("id"), str) else set()
        for value in data.values():
            if isinstance(value, list):
                found |= {item["id"] for item in value if isinstance(item, dict) and "id" in item}
        return found
    return set()


def _read_lists(reader: _Reader, root: Path, raw: RawContent) -> None:
    if (glossary := reader.model(root / "glossary.yaml", GlossaryFile)) is not None:
        _collect(raw, raw.glossary, glossary.terms, "glossary.yaml")
    if (faq := reader.model(root / "faq.yaml", FaqFile)) is not None:
        _collect(raw, raw.faq, faq.questions, "faq.yaml")
    if (editions := reader.model(root / "hs_editions.yaml", EditionsFile)) is not None:
        _collect(raw, raw.editions, editions.editions, "hs_editions.yaml")
    if (waste := reader.model(root / "waste_codes.yaml", WasteFile)) is not None:
        _collect(raw, raw.waste, waste.entries, "waste_codes.yaml")
        raw.waste_notes = list(waste.notes)
    if (codes := reader.model(root / "hs_codes.yaml", HsCodesFile)) is not None:
        for info in codes.codes:
            if info.code in raw.hs_codes:
                reader.problems.append(Problem("hs_codes.yaml", info.code, "listed twice"))
            raw.hs_codes[info.code] = info
    if (sources := reader.model(root / "sources.yaml", SourcesFile)) is not None:
        raw.sources = {source.id: source for source in sources.sources}


def _collect(raw: RawContent, target: dict[str, Any], items: list[Any], file: str) -> None:
    for item in items:
        target[item.id] = item
        raw.origin.setdefault(item.id, file)
        raw.id_log.append((item.id, file))

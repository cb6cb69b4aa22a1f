"""Checks that span files: unique ids, sources that exist, references that resolve.

Each model validates itself; only here is the whole catalogue visible, so a dangling
`may_contain`, a source id missing from sources.yaml or an HS code absent from hs_codes.yaml
is reported here, with the file and the field to fix.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from pydantic import BaseModel

from bot.knowledge.loader import Problem, RawContent

HS_ENTRY_PREFIX = "hs:"


def check(raw: RawContent) -> list[Problem]:
    """Every cross-file problem in `raw`; an empty list means the catalogue is consistent."""
    problems: list[Problem] = []
    problems += _unique_ids(raw)
    problems += _sources(raw)
    problems += _entry_links(raw)
    problems += _waste_links(raw)
    problems += _hs_links(raw)
    return problems


def all_entry_ids(raw: RawContent) -> set[str]:
    """Ids that may be referred to: loaded entries, and those whose file failed validation
    (already reported there, so a reference to them is not a second problem)."""
    return {entry_id for entry_id, _ in raw.id_log} | raw.invalid_ids


def _unique_ids(raw: RawContent) -> list[Problem]:
    seen: dict[str, str] = {}
    problems = []
    for entry_id, file in raw.id_log:
        if entry_id.startswith(HS_ENTRY_PREFIX):
            problems.append(Problem(file, "id", f"{entry_id!r}: the prefix 'hs:' is reserved"))
        if entry_id in seen:
            problems.append(Problem(file, "id", f"{entry_id!r} already used in {seen[entry_id]}"))
        seen.setdefault(entry_id, file)
    return problems


def _walk_sources(model: BaseModel, path: str) -> Iterator[tuple[str, str]]:
    for name in type(model).model_fields:
        value: Any = getattr(model, name)
        where = f"{path}.{name}" if path else name
        if name == "sources" and isinstance(value, list):
            yield from ((where, source_id) for source_id in value)
        elif isinstance(value, BaseModel):
            yield from _walk_sources(value, where)
        elif isinstance(value, list):
            for index, item in enumerate(value):
                if isinstance(item, BaseModel):
                    yield from _walk_sources(item, f"{where}[{index}]")


def _all_models(raw: RawContent) -> Iterator[tuple[str, BaseModel]]:
    for group in (raw.chemicals, raw.articles, raw.conventions, raw.glossary, raw.faq):
        for entry_id, entry in group.items():
            yield raw.origin[entry_id], entry
    for group2 in (raw.editions, raw.waste):
        for entry_id, entry2 in group2.items():
            yield raw.origin[entry_id], entry2
    for note in raw.waste_notes:
        yield "waste_codes.yaml", note
    for info in raw.hs_codes.values():
        yield "hs_codes.yaml", info


def _sources(raw: RawContent) -> list[Problem]:
    problems = []
    for file, model in _all_models(raw):
        prefix = getattr(model, "id", "") or getattr(model, "code", "")
        for where, source_id in _walk_sources(model, str(prefix)):
            if source_id not in raw.sources:
                problems.append(Problem(file, where, f"unknown source {source_id!r}"))
    return problems


def _entry_links(raw: RawContent) -> list[Problem]:
    ids = all_entry_ids(raw)
    problems = []
    for file, model in _all_models(raw):
        owner = getattr(model, "id", "")
        for index, target in enumerate(getattr(model, "related", [])):
            if target not in ids:
                problems.append(
                    Problem(file, f"{owner}.related[{index}]", f"unknown entry {target!r}")
                )
    for article in raw.articles.values():
        for index, chemical_id in enumerate(article.may_contain):
            if chemical_id not in raw.chemicals and chemical_id not in raw.invalid_ids:
                problems.append(
                    Problem(
                        raw.origin[article.id],
                        f"may_contain[{index}]",
                        f"unknown chemical {chemical_id!r}",
                    )
                )
    return problems


def _waste_links(raw: RawContent) -> list[Problem]:
    problems = []
    for group in (raw.chemicals, raw.articles):
        for entry in group.values():
            for index, code in enumerate(entry.basel):
                if code not in raw.waste and code not in raw.invalid_ids:
                    problems.append(
                        Problem(
                            raw.origin[entry.id], f"basel[{index}]", f"unknown waste code {code!r}"
                        )
                    )
    for waste in raw.waste.values():
        for chemical_id in waste.chemicals:
            chemical = raw.chemicals.get(chemical_id)
            if chemical is None and chemical_id in raw.invalid_ids:
                continue
            if chemical is None:
                problems.append(
                    Problem(
                        "waste_codes.yaml",
                        f"{waste.id}.chemicals",
                        f"unknown chemical {chemical_id!r}",
                    )
                )
            elif waste.id not in chemical.basel:
                problems.append(
                    Problem(
                        raw.origin[chemical_id],
                        "basel",
                        f"missing {waste.id} (listed in waste_codes.yaml)",
                    )
                )
    for chemical in raw.chemicals.values():
        for code in chemical.basel:
            if code in raw.waste and chemical.id not in raw.waste[code].chemicals:
                problems.append(
                    Problem(
                        "waste_codes.yaml",
                        f"{code}.chemicals",
                        f"missing {chemical.id!r} (cited by the chemical)",
                    )
                )
    return problems


def _hs_links(raw: RawContent) -> list[Problem]:
    problems = []
    used: set[str] = set()
    uses = [(c.id, [a.code for a in c.hs]) for c in raw.chemicals.values()]
    uses += [(a.id, [h.code for h in a.hs]) for a in raw.articles.values()]
    for entry_id, codes in uses:
        for index, code in enumerate(codes):
            used.add(code)
            if code not in raw.hs_codes:
                problems.append(
                    Problem(
                        raw.origin[entry_id],
                        f"hs[{index}].code",
                        f"{code} is not in hs_codes.yaml",
                    )
                )
    for code in sorted(set(raw.hs_codes) - used):
        problems.append(Problem("hs_codes.yaml", code, "not used by any chemical or article"))
    return problems

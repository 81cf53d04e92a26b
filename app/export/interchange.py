"""The versioned JSON interchange format: one postmortem per document, for other tools and backups.

A document is an envelope (format marker, version, when and by what it was written) around the
postmortem's plain values from ``app.domain.plain``, so the format follows the model without a
second mapping. Reading trusts nothing: every problem becomes an ``InterchangeError`` that names
the file and either the line and column (broken JSON) or the field (``postmortem.timeline[2].at``).
``docs/format.md`` is the description for people who write other tools.
"""

from __future__ import annotations

import json
from datetime import datetime
from typing import Any

import app
from app.domain.errors import ValidationError
from app.domain.model import Postmortem, Stage, utc_now
from app.domain.plain import Plain, from_plain, json_kind, to_plain

FORMAT_MARKER = "retro-postmortem"
# Writers write FORMAT_VERSION; readers read every version from OLDEST_VERSION up to it.
FORMAT_VERSION = 2
OLDEST_VERSION = 1
# The postmortem's fields each version added, as paths into the postmortem object ("[]" is every
# item of a list). A document of an older version that uses one is refused: a reader of that
# version would have refused it as an unknown key, and the policy promises the same strictness.
ADDED_IN_VERSION: dict[int, tuple[str, ...]] = {
    2: ("participants[].contact", "private_notes", "agenda", "meeting_time", "parking_lot"),
}
POSTMORTEM_KEY = "postmortem"
# Written by every writer; readers accept documents without the informational keys.
ENVELOPE_KEYS = ("format", "version", "exported_at", "generator", POSTMORTEM_KEY)
TOO_DEEP = "the JSON is nested too deeply to read"


class InterchangeError(ValueError):
    """A document could not be read as a Retro postmortem.

    ``source`` names the document (usually its file name), ``path`` the offending field such as
    ``postmortem.action_items[0].due`` (None when the problem is not one field's), and ``line`` /
    ``column`` where broken JSON stops making sense (None otherwise).
    """

    def __init__(
        self,
        source: str,
        problem: str,
        *,
        path: str | None = None,
        line: int | None = None,
        column: int | None = None,
    ) -> None:
        if line is not None:
            where = f"{source}, line {line}, column {column}"
        elif path is not None:
            where = f"{source}: {path}"
        else:
            where = source
        super().__init__(f"{where}: {problem}")
        self.source = source
        self.problem = problem
        self.path = path
        self.line = line
        self.column = column


def dump_postmortem(postmortem: Postmortem) -> str:
    """The postmortem as an interchange document of ``FORMAT_VERSION`` (pretty JSON text).

    The library id is left out: it is only meaningful inside one library, and importing assigns
    a new one. Keys keep a fixed order (envelope, then model field order, per-stage objects in
    stage order) so two exports of the same postmortem differ only in ``exported_at``.
    """
    body = to_plain(postmortem)
    assert isinstance(body, dict)  # a dataclass always becomes an object
    del body["id"]
    for per_stage in ("stage_notes", "agenda", "meeting_time"):
        body[per_stage] = _in_stage_order(body[per_stage])
    envelope: dict[str, Plain] = {
        "format": FORMAT_MARKER,
        "version": FORMAT_VERSION,
        "exported_at": to_plain(utc_now()),
        "generator": f"Retro {app.__version__}",
        POSTMORTEM_KEY: body,
    }
    return json.dumps(envelope, indent=2, ensure_ascii=False) + "\n"


def _in_stage_order(per_stage: Plain) -> dict[str, Plain]:
    assert isinstance(per_stage, dict)
    names = [stage.name.lower() for stage in Stage]
    return {name: per_stage[name] for name in names if name in per_stage}


def load_postmortem(text: str, *, source: str) -> Postmortem:
    """Read a document written by ``dump_postmortem`` (or another tool) into a new postmortem.

    The result has ``id`` None, ready for ``Library.create``. Raises InterchangeError naming
    ``source`` for broken JSON, a document that is not a Retro postmortem, a version this Retro
    does not know, a field newer than the document's version, or any field the model refuses.
    """
    # A byte order mark is how some Windows editors start UTF-8 files; it carries no meaning.
    document = _parse_json(text.removeprefix("\ufeff"), source)
    try:
        _reject_lone_surrogates(document, source)
    except RecursionError:
        raise InterchangeError(source, TOO_DEEP) from None
    version, body = _open_envelope(document, source)
    _reject_newer_fields(body, version, source)
    return _read_postmortem(body, source)


class _DuplicateKeyError(Exception):
    def __init__(self, key: str) -> None:
        super().__init__(key)
        self.key = key


def _reject_duplicate_keys(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    # json keeps the last of two equal keys silently; a document that says two things is refused.
    result: dict[str, Any] = {}
    for key, value in pairs:
        if key in result:
            raise _DuplicateKeyError(key)
        result[key] = value
    return result


def _parse_json(text: str, source: str) -> object:
    try:
        return json.loads(text, object_pairs_hook=_reject_duplicate_keys)
    except json.JSONDecodeError as error:
        raise InterchangeError(
            source, f"not valid JSON: {error.msg}", line=error.lineno, column=error.colno
        ) from None
    except _DuplicateKeyError as error:
        raise InterchangeError(
            source, f"the key {error.key!r} appears twice in one object"
        ) from None
    except RecursionError:
        raise InterchangeError(source, TOO_DEEP) from None


def _reject_lone_surrogates(value: object, source: str, path: str = "") -> None:
    """Refuse text with an unpaired ``\\ud800``-style escape: it cannot be stored or written.

    JSON allows such escapes, Python keeps them as lone surrogates, and only the store's UTF-8
    encoding would notice, far from the document; here the field can still be named.
    """
    if isinstance(value, str):
        try:
            value.encode("utf-8")
        except UnicodeEncodeError:
            raise InterchangeError(
                source, "contains an unpaired surrogate escape (\\ud800-\\udfff)", path=path
            ) from None
    elif isinstance(value, list):
        for index, item in enumerate(value):
            _reject_lone_surrogates(item, source, f"{path}[{index}]")
    elif isinstance(value, dict):
        for key, item in value.items():
            key_path = f"{path}.{key}" if path else key
            _reject_lone_surrogates(key, source, key_path)
            _reject_lone_surrogates(item, source, key_path)


def _open_envelope(document: object, source: str) -> tuple[int, object]:
    """Check the envelope and return its version and the postmortem inside it."""
    if not isinstance(document, dict):
        raise InterchangeError(
            source,
            "not a Retro postmortem: the document must be a JSON object, "
            f"not {json_kind(document)}",
        )
    marker = document.get("format")
    if marker != FORMAT_MARKER:
        found = 'no "format" key' if "format" not in document else f'"format" is {marker!r}'
        raise InterchangeError(
            source, f"not a Retro postmortem export ({found}, expected {FORMAT_MARKER!r})"
        )
    if "version" not in document:
        raise InterchangeError(source, "is required", path="version")
    version = _check_version(document["version"], source)
    for key in document:
        if key not in ENVELOPE_KEYS:
            raise InterchangeError(source, "is not a known key of the envelope", path=key)
    _check_informational(document, source)
    if POSTMORTEM_KEY not in document:
        raise InterchangeError(source, "is required", path=POSTMORTEM_KEY)
    return version, document[POSTMORTEM_KEY]


def _check_version(version: object, source: str) -> int:
    if isinstance(version, bool) or not isinstance(version, int):
        raise InterchangeError(
            source, f"must be a whole number, not {json_kind(version)}", path="version"
        )
    if version > FORMAT_VERSION:
        raise InterchangeError(
            source,
            f"was written by a newer Retro (format version {version}; this Retro reads up to "
            f"version {FORMAT_VERSION}); update Retro to import it",
        )
    if version < OLDEST_VERSION:
        raise InterchangeError(source, f"format version {version} does not exist", path="version")
    return version


def _reject_newer_fields(body: object, version: int, source: str) -> None:
    """Refuse a field that ``version`` does not have, naming it and the version that added it.

    Only present keys are looked for; whatever else is wrong with the body (a list that is not a
    list, say) is left for ``_read_postmortem`` to report.
    """
    for added_in, paths in ADDED_IN_VERSION.items():
        if added_in <= version:
            continue
        found = [
            where
            for field_path in paths
            for where in _present(body, field_path.split("."), POSTMORTEM_KEY)
        ]
        if found:
            raise InterchangeError(
                source,
                f"is not a field of format version {version} (it was added in version "
                f'{added_in}); a document that uses it must say "version": {added_in} or later',
                path=found[0],
            )


def _present(value: object, steps: list[str], path: str) -> list[str]:
    """The paths of the keys ``steps`` leads to in ``value`` (``name[]`` steps into each item)."""
    if not steps:
        return [path]
    if not isinstance(value, dict):
        return []
    step, rest = steps[0], steps[1:]
    name = step.removesuffix("[]")
    if name not in value:
        return []
    inner, inner_path = value[name], f"{path}.{name}"
    if not step.endswith("[]"):
        return _present(inner, rest, inner_path)
    if not isinstance(inner, list):
        return []
    return [
        found
        for index, item in enumerate(inner)
        for found in _present(item, rest, f"{inner_path}[{index}]")
    ]


def _check_informational(document: dict[str, object], source: str) -> None:
    """``generator`` and ``exported_at`` may be left out, but when present they must be sound."""
    if "generator" in document:
        _convert(str, document["generator"], "generator", source)
    if "exported_at" in document:
        _convert(datetime, document["exported_at"], "exported_at", source)


def _read_postmortem(body: object, source: str) -> Postmortem:
    if isinstance(body, dict) and "id" in body:
        raise InterchangeError(
            source,
            "is not part of the format: the library assigns a new number on import",
            path=f"{POSTMORTEM_KEY}.id",
        )
    postmortem = _convert(Postmortem, body, POSTMORTEM_KEY, source)
    assert isinstance(postmortem, Postmortem)
    return postmortem


def _convert(hint: type, value: object, path: str, source: str) -> object:
    """``from_plain`` with its complaints turned into InterchangeErrors naming ``source``."""
    try:
        return from_plain(hint, value, path)
    except ValidationError as error:
        raise InterchangeError(source, error.message, path=error.path) from None
    except OverflowError:
        # plain.py lets a time whose UTC conversion leaves years 1-9999 escape without a path.
        raise InterchangeError(
            source, f"a time under {path} is out of range (it must lie within years 1-9999 in UTC)"
        ) from None

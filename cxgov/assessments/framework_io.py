"""Framework files (YAML or JSON): validation with paths, loading and export.

A file is checked whole before anything is written; every problem comes back
as (path, reason), e.g. ("dimensions[2].practices[0].levels", "needs exactly 5 entries").
"""
from __future__ import annotations

import json
from typing import Annotated

import yaml
from flask_babel import gettext as _
from pydantic import BaseModel, ConfigDict, Field, StringConstraints, ValidationError, model_validator

from cxgov import uploads

Code = Annotated[str, StringConstraints(pattern=r"^[A-Z][A-Z0-9_-]{0,29}$")]


class Text(BaseModel):
    """A text in both languages."""

    model_config = ConfigDict(extra="forbid")
    en: Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=2000)]
    zh: Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=2000)]


class PracticeSpec(BaseModel):
    """A practice with its five described levels."""

    model_config = ConfigDict(extra="forbid")
    code: Code
    statement: Text
    weight: float = Field(default=1.0, gt=0, le=100)
    levels: list[Text] = Field(min_length=5, max_length=5)


class DimensionSpec(BaseModel):
    """A dimension and its practices."""

    model_config = ConfigDict(extra="forbid")
    code: Code
    name: Text
    description: Text
    weight: float = Field(default=1.0, gt=0, le=100)
    practices: list[PracticeSpec] = Field(min_length=1, max_length=20)

    @model_validator(mode="after")
    def unique_practice_codes(self):
        """Practice codes are unique within a dimension."""
        codes = [p.code for p in self.practices]
        if len(codes) != len(set(codes)):
            raise ValueError("duplicate practice code")
        return self


class FrameworkSpec(BaseModel):
    """A whole framework file."""

    model_config = ConfigDict(extra="forbid")
    key: Annotated[str, StringConstraints(pattern=r"^[a-z0-9][a-z0-9-]{1,59}$")]
    name: Text
    description: Text
    levels: list[Text] = Field(min_length=5, max_length=5)
    dimensions: list[DimensionSpec] = Field(min_length=1, max_length=20)

    @model_validator(mode="after")
    def unique_dimension_codes(self):
        """Dimension codes are unique within the framework."""
        codes = [d.code for d in self.dimensions]
        if len(codes) != len(set(codes)):
            raise ValueError("duplicate dimension code")
        return self


def _path(location: tuple) -> str:
    """('dimensions', 2, 'code') → 'dimensions[2].code'."""
    text = ""
    for part in location:
        text += f"[{part}]" if isinstance(part, int) else (f".{part}" if text else str(part))
    return text or "(file)"


def _reason(error: dict) -> str:
    """A translated reason for one pydantic error."""
    kind, ctx = error["type"], error.get("ctx", {})
    messages = {
        "missing": _("is required"),
        "extra_forbidden": _("is not a known field"),
        "string_too_short": _("must not be empty"),
        "string_too_long": _("is longer than %(n)s characters", n=ctx.get("max_length")),
        "string_pattern_mismatch": _("has an invalid format (expected pattern %(p)s)", p=ctx.get("pattern")),
        "too_short": _("needs at least %(n)s entries", n=ctx.get("min_length")),
        "too_long": _("allows at most %(n)s entries", n=ctx.get("max_length")),
        "greater_than": _("must be greater than %(n)s", n=ctx.get("gt")),
        "less_than_equal": _("must be at most %(n)s", n=ctx.get("le")),
        "float_parsing": _("must be a number"),
        "float_type": _("must be a number"),
        "string_type": _("must be text"),
        "list_type": _("must be a list"),
        "model_type": _("must be a mapping of fields"),
        "dict_type": _("must be a mapping of fields"),
    }
    if kind == "value_error":
        return {"Value error, duplicate practice code": _("has a duplicate practice code"),
                "Value error, duplicate dimension code": _("has a duplicate dimension code")}.get(
            error["msg"], error["msg"])
    if kind in ("too_short", "too_long") and ctx.get("min_length") == ctx.get("max_length", -1):
        return _("needs exactly %(n)s entries", n=ctx.get("min_length"))
    return messages.get(kind, error["msg"])


def parse(raw: bytes, filename: str) -> tuple[FrameworkSpec | None, list[tuple[str, str]]]:
    """Read and validate a framework file; returns the spec or every problem with its path."""
    try:
        uploads.check_size(raw)
    except uploads.FileProblem as problem:
        return None, [("(file)", problem.message)]
    try:
        text = raw.decode("utf-8-sig")
        data = json.loads(text) if filename.lower().endswith(".json") else yaml.safe_load(text)
    except (UnicodeDecodeError, ValueError, yaml.YAMLError, RecursionError) as error:  # nested past any framework
        return None, [("(file)", _("cannot be read as %(fmt)s: %(e)s", fmt=_file_kind(filename), e=str(error)[:200]))]
    if not isinstance(data, dict):
        return None, [("(file)", _("must be a mapping of fields"))]
    try:
        return FrameworkSpec.model_validate(data), []
    except ValidationError as error:
        problems = error.errors(include_url=False)
        for problem in problems:  # pydantic reports the fixed 5-entry lists with equal min and max
            if problem["type"] in ("too_short", "too_long") and problem["loc"][-1] == "levels":
                problem.setdefault("ctx", {}).update(min_length=5, max_length=5)
        return None, [(_path(p["loc"]), _reason(p)) for p in problems]


def _file_kind(filename: str) -> str:
    """JSON or YAML, from the file name."""
    return "JSON" if filename.lower().endswith(".json") else "YAML"


def spec_from_framework(framework) -> dict:
    """A framework version as a plain dict, ready to dump as YAML or JSON."""
    return {
        "key": framework.key,
        "name": {"en": framework.name_en, "zh": framework.name_zh},
        "description": {"en": framework.description_en, "zh": framework.description_zh},
        "levels": [{"en": lvl["en"], "zh": lvl["zh"]} for lvl in framework.level_names],
        "dimensions": [{
            "code": d.code, "name": {"en": d.name_en, "zh": d.name_zh},
            "description": {"en": d.description_en, "zh": d.description_zh}, "weight": d.weight,
            "practices": [{"code": p.code, "statement": {"en": p.statement_en, "zh": p.statement_zh},
                           "weight": p.weight, "levels": p.levels} for p in d.practices],
        } for d in framework.dimensions],
    }


def dump(spec: dict, fmt: str) -> str:
    """The dict as YAML (readable, keeps Chinese as is) or JSON."""
    if fmt == "json":
        return json.dumps(spec, ensure_ascii=False, indent=2)
    return yaml.safe_dump(spec, allow_unicode=True, sort_keys=False, width=120)

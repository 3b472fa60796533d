"""Check a JSON fixture before loading it, so a broken one fails with a message a person can act on.

Django's own errors for a bad reference ("Enrollment has no student.", a CHECK constraint)
do not say which object or which name is wrong. This reads the file first and names the
object, the field and the missing thing, with what to do about it.
"""

from __future__ import annotations

import json
from pathlib import Path

from django.apps import apps
from django.core.exceptions import FieldDoesNotExist
from django.db import models

# What to do when a reference of this kind is missing.
HINTS = {
    "auth.user": "create the account first or fix the username",
    "auth.group": "run `manage.py migrate` (it creates the Teachers group) or fix the group name",
    "content.document": "ingest the document first (`manage.py ingest seeds/`) or fix the slug",
    "content.question": "ingest or import the question first, or fix the reference",
    "study.quiz": "add the quiz to the fixture or fix its slug",
    "classes.classroom": "add the classroom to the fixture or fix its join code",
}
MAX_PROBLEMS = 20


def display_path(path: str | Path) -> str:
    """The path relative to the working directory when it is inside it."""
    path = Path(path)
    try:
        return str(path.resolve().relative_to(Path.cwd().resolve()))
    except ValueError:
        return str(path)


def check_json_fixture(path: str | Path, *, using: str = "default") -> list[str]:
    """Problems that would stop this fixture loading; an empty list when it looks sound."""
    name = display_path(path)
    try:
        data = json.loads(Path(path).read_text(encoding="utf-8"))
    except UnicodeDecodeError:
        return [f"{name}: is not UTF-8 text; save it as UTF-8"]
    except json.JSONDecodeError as exc:
        return [
            f"{name}: line {exc.lineno}, column {exc.colno}: not valid JSON ({exc.msg}); "
            "fix the file or export it again with dumpdata"
        ]
    if not isinstance(data, list):
        return [f"{name}: a fixture must be a JSON list of objects"]

    problems: list[str] = []
    declared: dict[str, set[tuple]] = {}
    unchecked_models: set[str] = set()
    for index, entry in enumerate(data, start=1):
        label = _label(entry)
        model = _model(label)
        where = f"{name}: object {index} ({label or 'no model'})"
        if model is None:
            problems.append(
                f"{where}: unknown model; use app_label.model_name, e.g. classes.classroom"
            )
            continue
        fields = entry.get("fields")
        if not isinstance(fields, dict):
            problems.append(f'{where}: has no "fields" object')
            continue
        problems.extend(_check_references(where, model, fields, declared, unchecked_models, using))
        key = _natural_key(model, fields)
        if key is None:
            unchecked_models.add(model._meta.label_lower)
        else:
            declared.setdefault(model._meta.label_lower, set()).add(key)
        if len(problems) >= MAX_PROBLEMS:
            problems.append(f"{name}: stopped after {MAX_PROBLEMS} problems")
            break
    return problems


def _label(entry) -> str:
    return entry.get("model", "") if isinstance(entry, dict) else ""


def _model(label: str):
    try:
        return apps.get_model(label)
    except (LookupError, ValueError):
        return None


def _natural_key(model, fields: dict) -> tuple | None:
    """The natural key of a fixture object built from plain fields, or None if it needs more."""
    if not hasattr(model, "natural_key"):
        return None
    plain = {}
    for field in model._meta.concrete_fields:
        if field.is_relation:
            continue
        if field.name in fields:
            plain[field.attname] = fields[field.name]
    try:
        return tuple(model(**plain).natural_key())
    except Exception:  # a natural key that follows a relation cannot be built from the file
        return None


def _check_references(where, model, fields, declared, unchecked_models, using) -> list[str]:
    problems = []
    for field_name, value in fields.items():
        try:
            field = model._meta.get_field(field_name)
        except FieldDoesNotExist:
            problems.append(f"{where}: has no field '{field_name}'; remove it or fix its name")
            continue
        if not field.is_relation or value is None:
            continue
        target = field.related_model
        if isinstance(field, models.ManyToManyField):
            values = value if isinstance(value, list) else [value]
        else:
            values = [value]
        for ref in values:
            # Only natural keys (lists) are checked: integer ids are the dumper's business.
            if not isinstance(ref, list):
                continue
            if _exists(target, tuple(ref), declared, unchecked_models, using):
                continue
            target_label = target._meta.label_lower
            shown = ref[0] if len(ref) == 1 else ref
            problems.append(
                f"{where}: {field_name} refers to {target._meta.verbose_name} {shown!r}, "
                f"which does not exist; {HINTS.get(target_label, 'fix the reference')}"
            )
    return problems


def _exists(target, ref: tuple, declared, unchecked_models, using) -> bool:
    label = target._meta.label_lower
    if ref in declared.get(label, set()) or label in unchecked_models:
        return True
    manager = target._default_manager.db_manager(using)
    if not hasattr(manager, "get_by_natural_key"):
        return True
    try:
        manager.get_by_natural_key(*ref)
    except (target.DoesNotExist, TypeError, ValueError):
        return False
    except target.MultipleObjectsReturned:
        return True
    return True

"""The published OpenAPI file shows, for every operation, the body its view really takes.

Two ninja ``Schema`` classes with the same ``__name__`` share one entry in
``components.schemas``: the last one registered wins, and every other operation that takes a
class of that name publishes the wrong body. These tests rebuild each operation's request schema
from the class the view function is annotated with and compare it with the published one.
"""

from __future__ import annotations

import importlib
import inspect
import pkgutil
import typing
from collections.abc import Iterator
from typing import Any

from ninja import Router, Schema
from ninja.operation import Operation
from ninja.schema import NinjaGenerateJsonSchema
from pydantic import BaseModel

import chengguan
from chengguan.routers import api


def _routers(prefix: str, router: Router) -> Iterator[tuple[str, Router]]:
    yield prefix, router
    for sub_prefix, sub, _tags in router._routers:
        yield from _routers(prefix + sub_prefix, sub)


def _operations() -> Iterator[tuple[str, str, Operation]]:
    """(published path, lower-case method, operation) for every operation mounted on ``api``."""
    for mount_prefix, mounted in api._routers:
        for prefix, router in _routers(mount_prefix, mounted):
            for path, path_view in router.path_operations.items():
                for operation in path_view.operations:
                    for method in operation.methods:
                        yield prefix + path, method.lower(), operation


def _body_classes(operation: Operation) -> dict[str, type[BaseModel]]:
    """The view's parameters annotated with a pydantic model: in this project, the JSON body."""
    hints = typing.get_type_hints(operation.view_func)
    found = {}
    for name in inspect.signature(operation.view_func).parameters:
        hint = hints.get(name)
        if isinstance(hint, type) and issubclass(hint, BaseModel):
            found[name] = hint
    return found


def _resolve(node: Any, defs: dict[str, Any], prefix: str) -> Any:
    """``node`` with every ``$ref`` into ``defs`` replaced by its target (recursively)."""
    if isinstance(node, dict):
        ref = node.get("$ref")
        if isinstance(ref, str) and ref.startswith(prefix):
            return _resolve(defs[ref[len(prefix) :]], defs, prefix)
        return {k: _resolve(v, defs, prefix) for k, v in node.items() if k != "$defs"}
    if isinstance(node, list):
        return [_resolve(v, defs, prefix) for v in node]
    return node


def _published_body(spec: dict[str, Any], path: str, method: str) -> Any:
    operation = spec["paths"]["/api/v1" + path][method]
    body = operation.get("requestBody")
    if body is None:
        return None
    schema = body["content"]["application/json"]["schema"]
    return _resolve(schema, spec["components"]["schemas"], "#/components/schemas/")


def _class_body(model: type[BaseModel]) -> Any:
    # ninja's generator, as the OpenAPI builder uses (it leaves out ``default: null``, for one).
    schema = model.model_json_schema(schema_generator=NinjaGenerateJsonSchema)
    return _resolve(schema, schema.get("$defs", {}), "#/$defs/")


def test_every_operation_publishes_the_body_its_view_takes() -> None:
    spec = api.get_openapi_schema()
    wrong = []
    checked = 0
    for path, method, operation in _operations():
        bodies = _body_classes(operation)
        published = _published_body(spec, path, method)
        if not bodies:
            assert published is None, f"{method.upper()} {path} publishes a body it does not take"
            continue
        assert len(bodies) == 1, f"{method.upper()} {path}: one body schema per operation"
        (model,) = bodies.values()
        checked += 1
        if published != _class_body(model):
            wrong.append(f"{method.upper()} {path} ({model.__module__}.{model.__qualname__})")
    assert checked > 30  # the walk really found the write operations
    assert wrong == []


def _schema_classes() -> Iterator[type[BaseModel]]:
    """Every model a mounted operation takes or answers with, and the models those nest."""
    seen: set[type[BaseModel]] = set()
    todo: list[type[BaseModel]] = []
    for _path, _method, operation in _operations():
        todo.extend(_body_classes(operation).values())
        for model in operation.response_models.values():
            todo.extend(_models_in(model))
    while todo:
        model = todo.pop()
        if model in seen:
            continue
        seen.add(model)
        for field in model.model_fields.values():
            todo.extend(_models_in(field.annotation))
    return iter(seen)


def _models_in(annotation: Any) -> list[type[BaseModel]]:
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return [annotation]
    found = []
    for arg in typing.get_args(annotation):
        found.extend(_models_in(arg))
    return found


def test_no_two_mounted_schema_classes_share_a_name() -> None:
    by_name: dict[str, set[str]] = {}
    for model in _schema_classes():
        if model.__module__.startswith("ninja."):
            continue  # ninja's own wrappers (the per-operation response models) are generated
        by_name.setdefault(model.__name__, set()).add(f"{model.__module__}.{model.__qualname__}")
    clashes = {name: sorted(where) for name, where in by_name.items() if len(where) > 1}
    assert clashes == {}


def test_every_schema_class_in_the_project_has_a_unique_name() -> None:
    # Stricter than the mounted walk: a Schema defined in any api module but not yet mounted
    # would clash the day it is. The REST kit (chengguan.api) is included.
    by_name: dict[str, set[str]] = {}
    for info in pkgutil.walk_packages(chengguan.__path__, "chengguan."):
        parts = info.name.split(".")
        if "api" not in parts and info.name != "chengguan.routers":
            continue
        module = importlib.import_module(info.name)
        for value in vars(module).values():
            if (
                isinstance(value, type)
                and issubclass(value, Schema)
                and value.__module__ == module.__name__
            ):
                by_name.setdefault(value.__name__, set()).add(
                    f"{value.__module__}.{value.__qualname__}"
                )
    clashes = {name: sorted(where) for name, where in by_name.items() if len(where) > 1}
    assert clashes == {}

"""A new row and its first child row in one statement (decision 093).

Intake writes a city case and its first timeline step on every report; each statement is a round
trip to the database while the bureau's number counter is locked. On PostgreSQL both go in one
data-modifying ``WITH`` (both rows or neither, as the transaction already guarantees); elsewhere
two ordinary saves. The SQL of each row is built by Django's own insert compiler, so every field,
``pre_save`` (``auto_now``) and encrypted column is handled as ``save()`` handles it.

Model signals are not sent by the one-statement form: it is refused (falls back to ``save()``) for
a model that has ``pre_save``/``post_save`` receivers, so nothing listening is skipped.
"""

from __future__ import annotations

from django.db import connection
from django.db.models import Field, ForeignKey, Model
from django.db.models.signals import post_save, pre_save
from django.db.models.sql import InsertQuery
from django.db.models.sql.compiler import SQLInsertCompiler


def _compiler(obj: Model) -> tuple[SQLInsertCompiler, list[Field]]:
    meta = obj._meta
    fields = [f for f in meta.local_concrete_fields if f is not meta.auto_field]
    query = InsertQuery(type(obj))
    query.insert_values(fields, [obj])
    compiler = query.get_compiler(connection=connection)
    assert isinstance(compiler, SQLInsertCompiler)
    return compiler, fields


def _listened(model: type[Model]) -> bool:
    return pre_save.has_listeners(model) or post_save.has_listeners(model)


def insert_with_child(parent: Model, child: Model, link: str) -> None:
    """INSERT ``parent``, then ``child`` whose foreign key ``link`` points to it; both get their
    primary keys. Runs inside the caller's transaction."""
    if not connection.in_atomic_block:
        raise RuntimeError("insert_with_child must run inside the caller's transaction")
    if parent.pk is not None or child.pk is not None:
        raise ValueError("insert_with_child inserts new rows only")
    fk = child._meta.get_field(link)
    if not isinstance(fk, ForeignKey) or fk.remote_field.model is not type(parent):
        raise ValueError(f"{link} is not a foreign key from the child to the parent")
    if connection.vendor != "postgresql" or _listened(type(parent)) or _listened(type(child)):
        parent.save(force_insert=True)
        setattr(child, link, parent)
        child.save(force_insert=True)
        return
    parent_compiler, _ = _compiler(parent)
    parent_compiler.returning_fields = [parent._meta.pk]
    [(parent_sql, parent_params)] = parent_compiler.as_sql()
    child_compiler, child_fields = _compiler(child)
    fields = [f for f in child_fields if f is not fk]
    values = [
        [child_compiler.prepare_value(f, child_compiler.pre_save_val(f, child)) for f in fields]
    ]
    placeholders, params = child_compiler.assemble_as_sql(fields, values)
    qn = connection.ops.quote_name
    child_meta = child._meta
    assert child_meta.pk is not None and parent._meta.pk is not None
    columns = ", ".join(qn(str(f.column)) for f in [fk, *fields])
    sql = (
        f"WITH parent AS ({parent_sql}) INSERT INTO {qn(child_meta.db_table)} ({columns})"
        f" SELECT parent.{qn(str(parent._meta.pk.column))}, {', '.join(placeholders[0])}"
        f" FROM parent RETURNING {qn(str(child_meta.pk.column))}, {qn(str(fk.column))}"
    )
    with connection.cursor() as cur:
        cur.execute(sql, [*parent_params, *params[0]])
        child_pk, parent_pk = cur.fetchone()
    parent.pk = parent_pk
    child.pk = child_pk
    for obj in (parent, child):
        obj._state.adding = False
        obj._state.db = connection.alias
    setattr(child, link, parent)

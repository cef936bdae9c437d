"""Any history of makings of an inspection's 文书 (kinds, formats, people who may or may not print):
one 文号 per kind, distinct across kinds and unique in the bureau, one row, kept file and ledger
entry per making, and a refused making leaves nothing behind."""

from __future__ import annotations

import hashlib

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from chengguan.core.errors import ChengguanError
from chengguan.documents import actions
from chengguan.documents.models import Document, DocumentNumber
from chengguan.documents.subject_kinds import InspectionKind
from chengguan.ledger.models import Entry
from chengguan.ledger.storage import read_blob
from tests.documents import subjects

STEP = st.tuples(
    st.sampled_from(InspectionKind.values),
    st.sampled_from(["docx", "pdf"]),
    st.sampled_from(["officer1", "officer2", "head", "supervisor", "town_officer1"]),
)
MAY_PRINT = {"officer1", "officer2", "head"}


@settings(
    max_examples=6,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(history=st.lists(STEP, min_size=1, max_size=5))
def test_any_history_keeps_one_number_per_kind(db, demo, history):
    i = subjects.rechecked_inspection(demo)
    rows_before = Document.objects.filter(inspection=i).count()
    entries_before = Entry.objects.filter(action="document.generate").count()
    made = 0
    for kind, fmt, who in history:
        try:
            content, _, doc = actions.generate_for(
                actor=demo.user(who), subject="inspection", pk=i.pk, kind=kind, fmt=fmt
            )
        except ChengguanError as exc:
            assert who not in MAY_PRINT, exc
            continue
        assert who in MAY_PRINT
        made += 1
        assert doc.sha256 == hashlib.sha256(content).hexdigest()
        assert read_blob(doc.sha256) == content  # sealed at rest (decision 079)
    docs = Document.objects.filter(inspection=i)
    assert docs.count() == rows_before + made
    assert Entry.objects.filter(action="document.generate").count() == entries_before + made
    numbers = dict(DocumentNumber.objects.filter(inspection=i).values_list("kind", "number"))
    assert len(set(numbers.values())) == len(numbers)
    for doc in docs:
        assert doc.number == numbers[doc.kind]
    bureau_numbers = list(
        DocumentNumber.objects.filter(bureau=demo.bureau).values_list("number", flat=True)
    )
    assert len(bureau_numbers) == len(set(bureau_numbers))

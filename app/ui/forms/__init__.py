"""Generic editors the stage pages are built from.

``RecordForm`` edits one record, ``CollectionEditor`` (over ``RecordTableModel``) edits a tuple
of records; ``FormStagePage`` gives a page stage notes and a checked ``request``.
"""

from app.ui.forms.collection_editor import CollectionEditor
from app.ui.forms.record_form import RecordForm
from app.ui.forms.table_model import RecordTableModel

__all__ = ["CollectionEditor", "RecordForm", "RecordTableModel"]

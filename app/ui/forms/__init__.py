"""Plain, working forms for stages 2 to 6, built from generic components.

``RecordForm`` edits one record, ``CollectionEditor`` (over ``RecordTableModel``) edits a tuple
of records, and the stage pages compose them. Later dedicated editors can replace one part of a
page at a time; the contract with the window stays ``StagePage``'s.
"""

from app.ui.forms.collection_editor import CollectionEditor
from app.ui.forms.record_form import RecordForm
from app.ui.forms.stage_pages import (
    ActionItemsStagePage,
    FollowUpStagePage,
    WhatWorkedStagePage,
)
from app.ui.forms.table_model import RecordTableModel

__all__ = [
    "ActionItemsStagePage",
    "CollectionEditor",
    "FollowUpStagePage",
    "RecordForm",
    "RecordTableModel",
    "WhatWorkedStagePage",
]

"""The command bar (Ctrl+K): add anything to the open postmortem without leaving the page.

One typed line becomes a timeline event (``14:02 db failover started``), an action item
(``! rollback button``), an observation (``+ paging worked``, ``- runbook was stale``,
``~ low traffic``), a five-whys answer (``? why did retries amplify load``) or a parked point
(``# vendor SLA``); anything else finds a stage or command by name. The line below the field says
what Enter will do before it is pressed, or what is wrong; participant names and causes complete
with Tab. Enter adds, clears the field and keeps the bar open for the next capture. The bar is a
child frame over the top centre of its host (so sharing the window shows it, and it never leaves
a stray window); Escape closes it and gives focus back, a click elsewhere closes it too. It never
opens a dialog.

How a window uses it::

    bar = QuickCaptureBar(window.centralWidget())   # optional clock=... for raised_at (UTC)
    bar.set_commands([("export", "Export…"), ("presentation", "Presentation mode")])
    bar.set_context(pm, stage, zone, selected_why)  # after every stored edit, open or not
    Ctrl+K -> bar.open(); the parking-lot key -> bar.open("# ")
    bar.changes_requested(changes, label, stage) -> store ``changes`` as one undo step
    bar.command_chosen(key) -> run the command; "stage:<n>" (STAGE_KEY_PREFIX) goes to stage n

``changes`` holds every top-level ``Postmortem`` field the capture changed; ``stage`` is where
the new item lives (timeline, action items, what worked, root cause; a parked point belongs to
the stage the meeting was on). ``set_context`` gives the only data the bar reads (completions
included): in presentation mode, pass the postmortem as the shared screen shows it. ``zone`` is
the timeline's entry zone (``TimelineStagePage.zone``); ``selected_why`` the answer a "?" line
goes under (``RootCauseStagePage.selected_why_id()``). ``dismiss()`` closes it from outside.
"""

from app.ui.quick_capture.bar import QuickCaptureBar

__all__ = ["QuickCaptureBar"]

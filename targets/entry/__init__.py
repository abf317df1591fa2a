"""Monthly entry: the rows of an office's month, the checks, the one save path, the workflow, Excel.

- ``rows``: what one office's month shows for each indicator it owns (target, baseline, neighbours, figure);
- ``checks``: hard errors and warnings for typed values, and what submitting needs;
- ``services``: ``save_month``, the one write path of the form, the Excel import and the API;
- ``workflow``: submit, approve, return, reopen, restore, each logged;
- ``status``: each office's state for each month (who has not reported);
- ``excel``: the month as a prefilled .xlsx and its upload read back into values.
"""

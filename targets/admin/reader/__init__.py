"""管理后台 → 读取工作报告: upload or paste a report, check the reader's proposals beside their sentences, confirm.

1. ``upload``: a .txt or .docx file (at most 20 MB) or pasted text, and the plan year. The text is kept on the
   server as a draft file named by a random token (never in the session), and the admin is sent to its preview.
2. ``preview``: every proposed target and result beside its sentence with the quote highlighted, each editable
   (name, kind, value, unit, firmness, qualifier, deadline, period, which indicator or a new one), each can be
   dropped, and blank rows can be added. What the year already has is listed, and a row that would meet an
   existing target or baseline asks whether to keep it or replace it. Nothing is stored until 确认导入, and a row
   whose quote is no longer in the report is refused.
3. Confirm calls ``targets.report_import.import_report``, the one write, then deletes the draft.

Only 管理员 reach these views: they are admin views (``TownAdminSite.admin_view`` refuses every other role).
"""

from targets.admin.reader.views import preview, upload

__all__ = ["preview", "upload"]

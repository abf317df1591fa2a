"""The register's pages: the list and a project (``register``), its milestones, log and attachments (``work``),
and the wall chart (``gantt``)."""

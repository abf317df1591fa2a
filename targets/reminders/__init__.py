"""Reminders and 催办: who is told what, when, through which channel, and the record of every delivery.

The rules (``targets.reminders.rules``), each on by default and switched or tuned by an admin in
``ReminderSettings`` (admin → 提醒规则设置):

- 临近提醒 (``before``): N days (default 3) before an office-month's entry deadline, to the office's 填报员,
  while the month is not submitted;
- 到期提醒 (``due``): on the deadline day, to the same people, while not submitted;
- 逾期催办 (``overdue``): every day after the deadline, to the office's 填报员, while not submitted;
- 逾期督办 (``escalate``): from the second day after the deadline, every day, to the office's 分管领导 (the
  ``Indicator.leader`` of the indicators the office owns);
- 欠序时预警 (``warning``): once a month is approved, each 确保 target of the office that is behind 序时 at that
  month, told to its own 分管领导 (one message per leader, listing their targets), once per approval.

A month counts as owed when its office owns an indicator with a target that year, its period is open and it is
neither submitted nor approved. The months looked at are those of the run date's year and the year before.

Idempotency: a ``Message`` is unique per rule, person, office-month and day (a database constraint); a manual
催办 (``Chase``) is unique per office-month, day and sender. Running ``send_reminders`` twice for one date
sends nothing twice; a delivery that failed is retried by the next run (up to ``MAX_ATTEMPTS``).

Channels (``targets.reminders.channels``): the in-app inbox always; e-mail through Django's e-mail framework
when the person has an address; SMS through ``settings.SMS_BACKEND`` when the person has a phone number; the
office's 企业微信/钉钉 group robot (``OfficeWebhook``) once per notice. A channel that fails is logged
(``Delivery``: 催办记录) and never stops the others or the run.
"""

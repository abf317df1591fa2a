"""The data's version, which read pages are cached under (``targets.pagecache`` installs the triggers)."""

from django.db import models


class DataVersion(models.Model):
    """One row (id 1): a number that changes in every transaction that writes data the pages show."""

    value = models.BigIntegerField()

    class Meta:
        default_permissions = ()

    def __str__(self):
        return str(self.value)


class DataChange(models.Model):
    """A transaction's pending change of the version: written by a trigger, removed when the transaction commits."""

    class Meta:
        default_permissions = ()

    def __str__(self):
        return str(self.pk)

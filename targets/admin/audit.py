"""``AuditedAdmin``: every change an admin makes through a model's admin page is kept as ``AdminChange`` rows.

One row per changed field (old → new as the admin pages show them: choices by label, a related record by its
name), one per changed many-to-many field (a user's roles, an indicator's 配合单位), one per changed field of an
inline (a user's office), one for an addition or a deletion, each with who and when, and the 修改理由 where the
page asks for one. The admin's own ``LogEntry`` says only which fields changed; this keeps the values.

``ArchiveAdmin`` adds the rule for records that carry figures or history: they are never deleted (the delete
page answers 403 and the bulk delete action is gone) but archived, which hides them from every page.
"""

from decimal import Decimal

from django.contrib import admin, messages
from django.contrib.contenttypes.models import ContentType
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from targets.admin.readonly import ReadOnlyMixin
from targets.models import AdminChange


def shown(obj, field) -> str:
    """A field's value as the admin shows it."""
    if obj is None:
        return ""
    if field.many_to_many:
        return "、".join(sorted(str(item) for item in getattr(obj, field.name).all()))
    value = getattr(obj, field.name)
    if value is None or value == "":
        return ""
    if field.choices:
        return str(getattr(obj, f"get_{field.name}_display")())
    if isinstance(value, bool):
        return _("是") if value else _("否")
    if isinstance(value, Decimal):
        return f"{value.normalize():f}"
    return str(value)


def record(request, obj, action, field="", old="", new="", reason=""):
    """An ``AdminChange`` (unsaved) of ``obj`` by ``request``'s user (or by a user given instead of a request)."""
    user = getattr(request, "user", request)
    return AdminChange(
        changed_by=user if getattr(user, "is_authenticated", False) else None,
        content_type=ContentType.objects.get_for_model(type(obj), for_concrete_model=False),
        object_id=str(obj.pk),
        object_repr=str(obj)[:200],
        action=action,
        field=str(field)[:80],
        old_value=old,
        new_value=new,
        reason=reason,
    )


def _model_fields(model, names):
    fields = []
    for name in names:
        try:
            field = model._meta.get_field(name)
        except Exception:  # a form-only field such as the reason
            continue
        if getattr(field, "concrete", False) or field.many_to_many:
            fields.append(field)
    return fields


class AuditedAdmin(admin.ModelAdmin):
    def _reason(self, form) -> str:
        return ((getattr(form, "cleaned_data", None) or {}).get("reason") or "").strip()

    def save_model(self, request, obj, form, change):
        model = type(obj)
        before = model._default_manager.filter(pk=obj.pk).first() if change and obj.pk else None
        fields = _model_fields(model, form.changed_data)
        # Many-to-many values are saved after the object (``save_related``): keep what they were now.
        form._audit = {
            "before": {field.name: shown(before, field) for field in fields if field.many_to_many},
            "m2m": [field for field in fields if field.many_to_many],
        }
        super().save_model(request, obj, form, change)
        reason = self._reason(form)
        if not change:
            AdminChange.objects.bulk_create(
                [record(request, obj, AdminChange.Action.ADD, new=str(obj), reason=reason)]
            )
            return
        rows = []
        for field in fields:
            if field.many_to_many:
                continue
            old, new = shown(before, field), shown(obj, field)
            if old != new:
                rows.append(
                    record(request, obj, AdminChange.Action.CHANGE, field.verbose_name, old, new, reason)
                )
        AdminChange.objects.bulk_create(rows)

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        audit = getattr(form, "_audit", None)
        if not audit:
            return
        obj, reason, rows = form.instance, self._reason(form), []
        for field in audit["m2m"]:
            old, new = audit["before"][field.name], shown(obj, field)
            if old != new:
                rows.append(
                    record(request, obj, AdminChange.Action.CHANGE, field.verbose_name, old, new, reason)
                )
        AdminChange.objects.bulk_create(rows)

    def save_formset(self, request, form, formset, change):
        rows = []
        parent = form.instance
        for inline_form in formset.forms:
            if not inline_form.has_changed() or inline_form in formset.deleted_forms:
                continue
            instance = inline_form.instance
            model = type(instance)
            before = model._default_manager.filter(pk=instance.pk).first() if instance.pk else None
            for field in _model_fields(model, inline_form.changed_data):
                if field.many_to_many:
                    continue
                old = shown(before, field)
                rows.append((field, old, instance))
        super().save_formset(request, form, formset, change)
        changes = []
        for field, old, instance in rows:
            new = shown(instance, field)
            if old != new:
                label = f"{instance._meta.verbose_name}·{field.verbose_name}"
                changes.append(record(request, parent, AdminChange.Action.CHANGE, label, old, new))
        AdminChange.objects.bulk_create(changes)

    def delete_model(self, request, obj):
        entry = record(request, obj, AdminChange.Action.DELETE, old=str(obj))
        super().delete_model(request, obj)
        entry.save()

    def delete_queryset(self, request, queryset):
        entries = [record(request, obj, AdminChange.Action.DELETE, old=str(obj)) for obj in queryset]
        super().delete_queryset(request, queryset)
        AdminChange.objects.bulk_create(entries)


class ArchiveAdmin(AuditedAdmin):
    """For indicators, targets and results: archive, never delete one that carries figures or history."""

    actions = ["archive", "unarchive"]

    def get_queryset(self, request):
        return self.model.all_objects.get_queryset()

    def get_list_filter(self, request):
        return [*super().get_list_filter(request), "archived"]

    def get_actions(self, request):
        actions = super().get_actions(request)
        actions.pop("delete_selected", None)  # one by one, where the rule below is asked
        return actions

    def has_delete_permission(self, request, obj=None):
        if obj is not None and obj.has_history():
            return False
        return super().has_delete_permission(request, obj)

    def delete_view(self, request, object_id, extra_context=None):
        obj = self.get_object(request, object_id)
        if obj is not None and obj.has_history():
            messages.error(
                request, _("“%(name)s”已有数据或修改记录，不能删除；如不再使用，请归档。") % {"name": obj}
            )
        return super().delete_view(request, object_id, extra_context)

    @admin.action(description=gettext_lazy("归档所选（从各页面隐藏，保留全部数据）"))
    def archive(self, request, queryset):
        self._set_archived(request, queryset, True)

    @admin.action(description=gettext_lazy("取消归档所选"))
    def unarchive(self, request, queryset):
        self._set_archived(request, queryset, False)

    def _set_archived(self, request, queryset, archived):
        action = AdminChange.Action.ARCHIVE if archived else AdminChange.Action.RESTORE
        changed = [obj for obj in queryset if obj.archived != archived]
        for obj in changed:
            obj.archived = archived
            obj.save(update_fields=["archived"])
        AdminChange.objects.bulk_create([record(request, obj, action) for obj in changed])
        messages.success(request, _("已处理 %(count)s 项。") % {"count": len(changed)})


@admin.register(AdminChange)
class AdminChangeAdmin(ReadOnlyMixin, admin.ModelAdmin):
    list_display = [
        "changed_at",
        "changed_by",
        "content_type",
        "object_repr",
        "action",
        "field",
        "old_value",
        "new_value",
        "reason",
    ]
    list_filter = ["content_type", "action", "changed_by", "changed_at"]
    search_fields = ["object_repr", "field", "old_value", "new_value", "reason"]
    list_select_related = ["changed_by", "content_type"]

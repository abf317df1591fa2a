"""Fill an admin change page as it was loaded (not a test module): the data a browser would send unchanged."""

from datetime import date, datetime, time

from django import forms


def _value(field, value):
    if value is None:
        return ""
    if isinstance(value, bool):
        return "on" if value else None
    if isinstance(value, list | tuple):
        return [str(getattr(item, "pk", item)) for item in value]
    if isinstance(value, datetime | date | time):
        return value.isoformat()
    return str(getattr(value, "pk", value))


def page_data(client, url) -> dict:
    response = client.get(url)
    assert response.status_code == 200, url
    context = response.context
    forms_ = [context["adminform"].form]
    for inline in context["inline_admin_formsets"]:
        forms_.append(inline.formset.management_form)
        forms_.extend(inline.formset.forms)
    data = {}
    for form in forms_:
        for name, field in form.fields.items():
            bound = form[name]
            value = bound.value()
            if isinstance(field.widget, forms.MultiWidget):
                parts = field.widget.decompress(value) if not isinstance(value, list) else value
                for index, part in enumerate(parts):
                    data[f"{bound.html_name}_{index}"] = _value(field, part) or ""
                continue
            if isinstance(field, forms.BooleanField):
                if value:
                    data[bound.html_name] = "on"
                continue
            if isinstance(field, forms.ModelMultipleChoiceField):
                data[bound.html_name] = [str(getattr(item, "pk", item)) for item in (value or [])]
                continue
            if isinstance(field, forms.JSONField):
                data[bound.html_name] = value  # BoundField.value() is already the JSON text
                continue
            converted = _value(field, value)
            if converted is not None:
                data[bound.html_name] = converted
    return data

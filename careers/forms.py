"""Form pieces shared by the feature packages."""

from __future__ import annotations

from typing import Any

from wtforms import SelectChoice, SelectMultipleField
from wtforms.validators import ValidationError
from wtforms.widgets import CheckboxInput, ListWidget

from careers.taxonomy import Choice


class MultiCheckboxField(SelectMultipleField):
    """A list of checkboxes; unknown values are refused by SelectMultipleField's own check."""

    widget = ListWidget(prefix_label=False)
    option_widget = CheckboxInput()


def enum_choices(enum_cls: type[Choice], blank: str | None = None) -> list[SelectChoice]:
    """Form choices from an enumeration, with an optional empty first option."""
    choices = [SelectChoice(value, label) for value, label in enum_cls.choices()]
    return [SelectChoice("", blank), *choices] if blank is not None else choices


class NoControlChars:
    """Refuse control characters (other than newlines and tabs) that no person types."""

    message = "Remove the invisible control characters from this field."

    def __call__(self, form: Any, field: Any) -> None:
        data = field.data
        if isinstance(data, str) and any(ord(ch) < 32 and ch not in "\n\r\t" for ch in data):
            raise ValidationError(self.message)

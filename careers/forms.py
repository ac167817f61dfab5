"""Form pieces shared by the feature packages."""

from __future__ import annotations

import unicodedata
from typing import Any

from wtforms import SelectChoice, SelectMultipleField
from wtforms.validators import StopValidation, ValidationError
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


# Bidirectional overrides and isolates can make a title read differently from what it is.
_BIDI_CONTROLS = set("\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069")


def has_control_chars(text: str) -> bool:
    """Control characters (C0, DEL, C1) other than newlines and tabs, or bidi overrides."""
    return any(
        (unicodedata.category(ch) == "Cc" and ch not in "\n\r\t") or ch in _BIDI_CONTROLS for ch in text
    )


class NoControlChars:
    """Refuse control characters (other than newlines and tabs) that no person types."""

    message = "Remove the invisible control characters from this field."

    def __call__(self, form: Any, field: Any) -> None:
        data = field.raw_data[0] if getattr(field, "raw_data", None) else field.data
        if isinstance(data, str) and has_control_chars(data):
            raise ValidationError(self.message)


def strip(value: Any) -> Any:
    """Field filter: surrounding spaces are not content (length rules then see what is stored)."""
    return value.strip() if isinstance(value, str) else value


class FiniteDecimal:
    """Refuse NaN and infinities before any comparison (they would raise or overflow)."""

    def __call__(self, form: Any, field: Any) -> None:
        if field.data is not None and not field.data.is_finite():
            raise StopValidation("Enter an amount in dollars, like 24.50.")


class AtMostCents:
    """Money has at most two decimal places; refuse rather than silently round."""

    def __call__(self, form: Any, field: Any) -> None:
        if field.data is not None and field.data.is_finite() and field.data.as_tuple().exponent < -2:
            raise StopValidation("Use at most two decimal places (cents).")

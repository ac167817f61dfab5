"""Apply, withdraw and pipeline forms."""

from __future__ import annotations

from flask_wtf import FlaskForm
from wtforms import HiddenField, SubmitField, TextAreaField
from wtforms.validators import DataRequired, Length, NoneOf, Optional

from careers.forms import NoControlChars
from careers.taxonomy import ApplicationStatus


class ApplyForm(FlaskForm):
    cover_note = TextAreaField(
        "Short note to the employer",
        validators=[Optional(), Length(max=3000, message="Keep the note under 3,000 characters."),
                    NoControlChars()],
        description="Optional. Mention your credentials, specialties and availability.",
    )
    submit = SubmitField("Send application")


class WithdrawForm(FlaskForm):
    submit = SubmitField("Withdraw application")


class MoveForm(FlaskForm):
    to_status = HiddenField(validators=[DataRequired(), NoneOf([ApplicationStatus.WITHDRAWN.value])])

"""Company profile form."""

from __future__ import annotations

from flask_wtf import FlaskForm
from wtforms import SelectField, StringField, SubmitField, TextAreaField, URLField
from wtforms.validators import URL, DataRequired, Length, Optional

from careers.forms import NoControlChars, enum_choices, strip
from careers.taxonomy import EmployerKind, State


class CompanyForm(FlaskForm):
    name = StringField("Company name", filters=[strip], validators=[DataRequired(), Length(max=120), NoControlChars()])
    kind = SelectField("Kind of organisation", choices=enum_choices(EmployerKind), validators=[DataRequired()])
    website = URLField(
        "Website",
        filters=[strip],
        validators=[Optional(), NoControlChars(),
                    URL(require_tld=True, message="Enter a full address like https://example.org"), Length(max=255)],
    )
    hq_city = StringField("Headquarters city", validators=[DataRequired(), Length(max=80), NoControlChars()])
    hq_state = SelectField("Headquarters state", choices=enum_choices(State, "Choose a state"),
                           validators=[DataRequired(message="Choose a state.")])
    about = TextAreaField(
        "About the company",
        validators=[DataRequired(), Length(max=5000), NoControlChars()],
        description="What you do, who your coders work with, how you support their credentials.",
        render_kw={"rows": 6},
    )
    submit = SubmitField("Save company profile")

"""The coder's profile form, with a few rows for credentials (works without JavaScript)."""

from __future__ import annotations

from datetime import date

from flask_wtf import FlaskForm
from wtforms import (
    BooleanField,
    DateField,
    FieldList,
    Form,
    FormField,
    IntegerField,
    SelectField,
    StringField,
    SubmitField,
)
from wtforms.validators import DataRequired, Length, NumberRange, Optional, Regexp, ValidationError

from careers.candidates.services import CredentialInput, ProfileInput
from careers.common import utcnow
from careers.forms import MultiCheckboxField, NoControlChars, enum_choices
from careers.taxonomy import CodeSet, Credential, Specialty, State, WorkMode

EARLIEST_EXPIRY_YEAR = 1980
LATEST_EXPIRY_YEARS = 10  # from today
CREDENTIAL_ROWS = 3  # blank rows offered beyond those already held
MAX_CREDENTIAL_ROWS = 40


def _years_after(day: date, years: int) -> date:
    """The same day `years` later; 29 February becomes 28 February in a common year."""
    try:
        return day.replace(year=day.year + years)
    except ValueError:
        return day.replace(year=day.year + years, day=28)


class CredentialEntryForm(Form):
    credential = SelectField("Credential", choices=enum_choices(Credential, "—"), validators=[Optional()])
    number = StringField(
        "Member / credential number",
        validators=[Optional(), Length(max=40),
                    Regexp(r"^[A-Za-z0-9\- ]*$", message="Letters, digits, spaces and dashes only.")],
    )
    expires_on = DateField("Expires", validators=[Optional()])

    def validate_expires_on(self, field: DateField) -> None:
        # AAPC and AHIMA credentials renew every one to two years: a date far outside that is a typo
        # (0202 for 2026), not a credential. A lapsed one may stay listed; the profile shows it lapsed.
        if field.data is None:
            return
        today = utcnow().date()
        earliest, latest = date(EARLIEST_EXPIRY_YEAR, 1, 1), _years_after(today, LATEST_EXPIRY_YEARS)
        if not earliest <= field.data <= latest:
            raise ValidationError(f"Enter an expiry date between {earliest.year} and {latest:%B %Y}.")


class ProfileForm(FlaskForm):
    full_name = StringField("Full name", validators=[DataRequired(), Length(max=120), NoControlChars()])
    headline = StringField("Headline", validators=[Optional(), Length(max=160), NoControlChars()],
                           description="e.g. CPC, CRC · 6 years risk adjustment")
    city = StringField("City", validators=[Optional(), Length(max=80), NoControlChars()])
    state = SelectField("State", choices=enum_choices(State, "—"), validators=[Optional()])
    years_experience = IntegerField(
        "Years of coding experience",
        validators=[Optional(), NumberRange(min=0, max=60, message="Enter 0 to 60 years.")], default=0,
    )
    work_mode_preference = SelectField("Preferred work mode", choices=enum_choices(WorkMode, "No preference"),
                                       validators=[Optional()])
    specialties = MultiCheckboxField("Specialties you code", choices=enum_choices(Specialty))
    code_sets = MultiCheckboxField("Code sets you work in", choices=enum_choices(CodeSet))
    credentials = FieldList(FormField(CredentialEntryForm), min_entries=CREDENTIAL_ROWS)
    visible_to_recruiters = BooleanField("Let recruiters find my profile")
    submit = SubmitField("Save profile")

    def validate_credentials(self, field: FieldList) -> None:
        if len(field.entries) > MAX_CREDENTIAL_ROWS:
            raise ValidationError(f"List at most {MAX_CREDENTIAL_ROWS} credentials.")
        seen: set[str] = set()
        for entry in field.entries:
            code = entry.form.credential.data
            if not code and (entry.form.number.data or entry.form.expires_on.data):
                raise ValidationError("Choose the credential for each number or expiry date you entered.")
            if code and code in seen:
                raise ValidationError(f"{code} is listed twice.")
            if code:
                seen.add(code)

    def to_input(self) -> ProfileInput:
        return ProfileInput(
            full_name=self.full_name.data or "", headline=self.headline.data or "",
            city=self.city.data or "", state=self.state.data or "",
            years_experience=self.years_experience.data or 0,
            work_mode_preference=self.work_mode_preference.data or "",
            specialties=list(self.specialties.data or []), code_sets=list(self.code_sets.data or []),
            visible_to_recruiters=bool(self.visible_to_recruiters.data),
            credentials=[
                CredentialInput(e.form.credential.data, e.form.number.data or "", e.form.expires_on.data)
                for e in self.credentials.entries if e.form.credential.data
            ],
        )

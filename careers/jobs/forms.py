"""The posting form, the admin's review form and the public filter form."""

from __future__ import annotations

import re
from datetime import date
from decimal import Decimal

from flask_wtf import FlaskForm
from wtforms import (
    BooleanField,
    DateField,
    DecimalField,
    SelectField,
    StringField,
    SubmitField,
    TextAreaField,
)
from wtforms.validators import DataRequired, InputRequired, Length, Optional, ValidationError

from careers.common import utcnow
from careers.forms import AtMostCents, FiniteDecimal, MultiCheckboxField, NoControlChars, enum_choices, strip
from careers.jobs.services import JobInput
from careers.taxonomy import (
    CodeSet,
    Credential,
    EmploymentType,
    ExperienceLevel,
    PayPeriod,
    Specialty,
    State,
    WorkMode,
    WorkSetting,
)

ZIP_RE = re.compile(r"^\d{5}(-\d{4})?$")
# Sanity bounds that catch a misplaced decimal point, not a judgement on pay.
PAY_BOUNDS = {PayPeriod.HOUR.value: (Decimal("7.25"), Decimal("500")),
              PayPeriod.YEAR.value: (Decimal("15000"), Decimal("1000000"))}


class JobForm(FlaskForm):
    title = StringField("Job title", filters=[strip],
                        validators=[DataRequired(), Length(min=5, max=120), NoControlChars()],
                        description="e.g. Remote Pathology Coder (CPC)")
    description_md = TextAreaField(
        "Description", filters=[strip],
        validators=[DataRequired(), Length(min=50, max=20000, message="Write 50 to 20,000 characters."),
                    NoControlChars()],
        description="Markdown: **bold**, *italic*, lists with -, links. No HTML.",
        render_kw={"rows": 12},
    )
    specialties = MultiCheckboxField("Specialties", choices=enum_choices(Specialty),
                                     validators=[DataRequired(message="Choose at least one specialty.")])
    required_credentials = MultiCheckboxField("Required credentials (any one of)",
                                              choices=enum_choices(Credential))
    preferred_credentials = MultiCheckboxField("Preferred credentials", choices=enum_choices(Credential))
    code_sets = MultiCheckboxField("Code sets", choices=enum_choices(CodeSet),
                                   validators=[DataRequired(message="Choose at least one code set.")])
    work_setting = SelectField("Work setting", choices=enum_choices(WorkSetting, "Choose a setting"),
                               validators=[DataRequired(message="Choose a work setting.")])
    work_mode = SelectField("Work mode", choices=enum_choices(WorkMode, "Choose a work mode"),
                            validators=[DataRequired(message="Choose remote, hybrid or on-site.")])
    remote_states = MultiCheckboxField(
        "States a remote hire may live in",
        choices=enum_choices(State),
        description="Remote jobs only. Leave all unticked if residents of any state may apply.",
    )
    employment_type = SelectField("Employment type", choices=enum_choices(EmploymentType, "Choose a type"),
                                  validators=[DataRequired(message="Choose an employment type.")])
    experience_level = SelectField("Experience level", choices=enum_choices(ExperienceLevel, "Choose a level"),
                                   validators=[DataRequired(message="Choose an experience level.")])
    apprentice_welcome = BooleanField("Apprentice coders (CPC-A) are welcome to apply")
    pay_min = DecimalField("Pay from", places=2, validators=[
        InputRequired(message="Enter the lowest pay."), FiniteDecimal(), AtMostCents()])
    pay_max = DecimalField("Pay up to", places=2, validators=[
        InputRequired(message="Enter the highest pay."), FiniteDecimal(), AtMostCents()])
    pay_period = SelectField("Pay period", choices=enum_choices(PayPeriod), validators=[DataRequired()],
                             default=PayPeriod.HOUR.value)
    city = StringField("City", validators=[Length(max=80), NoControlChars()])
    state = SelectField("State", choices=enum_choices(State, "Choose a state"),
                        validators=[DataRequired(message="Choose a state (for remote jobs, where the team is).")])
    zip_code = StringField("ZIP code", validators=[Optional(), Length(max=10)])
    productivity = TextAreaField(
        "Productivity and accuracy expectations",
        validators=[Optional(), Length(max=2000), NoControlChars()],
        description="e.g. 18 charts/hour after 90 days; 95% accuracy on audits.",
    )
    apply_by = DateField("Apply by", validators=[Optional()], description="Leave empty for no deadline.")
    save = SubmitField("Save draft")
    preview = SubmitField("Save and preview")

    def _check_bounds(self, field: DecimalField) -> None:
        bounds = PAY_BOUNDS.get(self.pay_period.data or "")
        if bounds and field.data is not None and not bounds[0] <= field.data <= bounds[1]:
            unit = PayPeriod.label_of(self.pay_period.data)
            raise ValidationError(f"Pay {unit} must be between ${bounds[0]:,} and ${bounds[1]:,}.")

    def validate_pay_min(self, field: DecimalField) -> None:
        self._check_bounds(field)

    def validate_pay_max(self, field: DecimalField) -> None:
        self._check_bounds(field)
        low = self.pay_min.data
        if low is not None and low.is_finite() and field.data is not None and field.data < low:
            raise ValidationError("The top of the range must not be below the bottom.")

    def validate_city(self, field: StringField) -> None:
        if self.work_mode.data in (WorkMode.HYBRID, WorkMode.ONSITE) and not (field.data or "").strip():
            raise ValidationError("Hybrid and on-site jobs need the city where the work is.")

    def validate_zip_code(self, field: StringField) -> None:
        if field.data and not ZIP_RE.match(field.data.strip()):
            raise ValidationError("Enter a 5-digit ZIP code (or ZIP+4).")

    def validate_remote_states(self, field: MultiCheckboxField) -> None:
        if field.data and self.work_mode.data != WorkMode.REMOTE:
            raise ValidationError("Only remote jobs list eligible states; untick them or choose Remote.")

    def validate_apply_by(self, field: DateField) -> None:
        if field.data and field.data < utcnow().date():
            raise ValidationError("The apply-by date is in the past.")
        if field.data and field.data > date(utcnow().year + 2, 12, 31):
            raise ValidationError("Choose an apply-by date within the next two years.")

    def validate_preferred_credentials(self, field: MultiCheckboxField) -> None:
        if len(field.data or []) > 12:
            raise ValidationError("Choose at most 12 preferred credentials.")

    def to_input(self) -> JobInput:
        return JobInput(
            title=self.title.data or "", description_md=self.description_md.data or "",
            specialties=list(self.specialties.data or []),
            required_credentials=list(self.required_credentials.data or []),
            preferred_credentials=list(self.preferred_credentials.data or []),
            code_sets=list(self.code_sets.data or []), work_setting=self.work_setting.data,
            work_mode=self.work_mode.data, remote_states=list(self.remote_states.data or []),
            employment_type=self.employment_type.data, experience_level=self.experience_level.data,
            apprentice_welcome=bool(self.apprentice_welcome.data), pay_min=self.pay_min.data,
            pay_max=self.pay_max.data, pay_period=self.pay_period.data, city=self.city.data or "",
            state=self.state.data, zip_code=self.zip_code.data or "", productivity=self.productivity.data or "",
            apply_by=self.apply_by.data,
        )


class SubmitForReviewForm(FlaskForm):
    submit = SubmitField("Submit for review")


class CloseJobForm(FlaskForm):
    submit = SubmitField("Mark as filled")


class ReviewForm(FlaskForm):
    reason = TextAreaField(
        "Reason (required to reject; the employer sees it)",
        validators=[Length(max=2000), NoControlChars()],
    )
    approve = SubmitField("Approve and publish")
    reject = SubmitField("Reject")

    def validate_reason(self, field: TextAreaField) -> None:
        if self.reject.data and not (field.data or "").strip():
            raise ValidationError("Tell the employer why the posting was rejected.")

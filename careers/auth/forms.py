"""Login, registration and account forms."""

from __future__ import annotations

from typing import Any

from flask_wtf import FlaskForm
from wtforms import BooleanField, EmailField, PasswordField, StringField, SubmitField
from wtforms.validators import DataRequired, Email, EqualTo, Length, StopValidation

from careers.auth.passwords import MAX_LENGTH, MIN_LENGTH, password_problem
from careers.forms import NoControlChars, strip

PASSWORD_HELP = (f"At least {MIN_LENGTH} characters. A few unrelated words make a good one; "
                 "the most common passwords are refused.")


class PasswordRules:
    """A new password: 12 to 200 characters, not a common or repetitive one, not the account's email or
    name (the rules of careers/auth/passwords.py). The email and name come from the form's fields named in
    `context_fields`, or from `form.account` (a User) when the form is about an existing account."""

    def __init__(self, *context_fields: str) -> None:
        self.context_fields = context_fields

    def __call__(self, form: Any, field: Any) -> None:
        context: list[str] = []
        account = getattr(form, "account", None)
        if account is not None:
            context += [account.email, account.display_name]
        context += [form[name].data or "" for name in self.context_fields if name in form]
        if problem := password_problem(field.data or "", tuple(context)):
            raise StopValidation(problem)


def _new_password(label: str = "Password", *context_fields: str) -> PasswordField:
    return PasswordField(label, validators=[DataRequired(), PasswordRules(*context_fields)],
                         description=PASSWORD_HELP)


def _repeat(of: str = "password") -> PasswordField:
    return PasswordField("Repeat password", validators=[DataRequired(), EqualTo(of, message="Passwords differ.")])


def _email(label: str = "Email", description: str | None = None) -> EmailField:
    return EmailField(label, validators=[DataRequired(), Email(), Length(max=254)], description=description,
                      filters=[strip])  # a space pasted around the address is not part of it


class LoginForm(FlaskForm):
    email = _email()
    password = PasswordField("Password", validators=[DataRequired(), Length(max=MAX_LENGTH)])
    remember = BooleanField("Remember me on this device")
    submit = SubmitField("Log in")


class CandidateRegisterForm(FlaskForm):
    full_name = StringField("Your name", validators=[DataRequired(), Length(max=120), NoControlChars()])
    email = _email()
    password = _new_password("Password", "email", "full_name")
    confirm = _repeat()
    submit = SubmitField("Create coder account")


class EmployerRegisterForm(FlaskForm):
    company_name = StringField(
        "Company name", validators=[DataRequired(), Length(max=120), NoControlChars()]
    )
    your_name = StringField("Your name", validators=[Length(max=120), NoControlChars()])
    email = _email("Work email", "Use your company address; free-mail addresses slow down review.")
    password = _new_password("Password", "email", "your_name")
    confirm = _repeat()
    submit = SubmitField("Create employer account")


class ForgotPasswordForm(FlaskForm):
    email = _email("Your account's email")
    submit = SubmitField("Send me a reset link")


class ResetPasswordForm(FlaskForm):
    password = _new_password("New password")
    confirm = _repeat()
    submit = SubmitField("Set the new password")

    def __init__(self, *args: Any, account: Any = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.account = account


class ChangePasswordForm(FlaskForm):
    current_password = PasswordField("Current password", validators=[DataRequired(), Length(max=MAX_LENGTH)])
    password = _new_password("New password")
    confirm = _repeat()
    submit = SubmitField("Change password")

    def __init__(self, *args: Any, account: Any = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.account = account


class ChangeEmailForm(FlaskForm):
    email = _email("New email address", "We send a link there; your address changes when you open it.")
    current_password = PasswordField("Current password", validators=[DataRequired(), Length(max=MAX_LENGTH)])
    submit = SubmitField("Send the confirmation link")


class ResendVerificationForm(FlaskForm):
    submit = SubmitField("Send a new confirmation link")

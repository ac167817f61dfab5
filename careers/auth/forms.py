"""Login and registration forms."""

from __future__ import annotations

from flask_wtf import FlaskForm
from wtforms import BooleanField, EmailField, PasswordField, StringField, SubmitField
from wtforms.validators import DataRequired, Email, EqualTo, Length

from careers.forms import NoControlChars


class LoginForm(FlaskForm):
    email = EmailField("Email", validators=[DataRequired(), Email(), Length(max=254)])
    password = PasswordField("Password", validators=[DataRequired(), Length(max=200)])
    remember = BooleanField("Remember me on this device")
    submit = SubmitField("Log in")


class _Register(FlaskForm):
    email = EmailField("Email", validators=[DataRequired(), Email(), Length(max=254)])
    password = PasswordField(
        "Password",
        validators=[DataRequired(), Length(min=10, max=200, message="Use 10 to 200 characters.")],
        description="At least 10 characters.",
    )
    confirm = PasswordField(
        "Repeat password", validators=[DataRequired(), EqualTo("password", message="Passwords differ.")]
    )


class CandidateRegisterForm(_Register):
    full_name = StringField("Your name", validators=[DataRequired(), Length(max=120), NoControlChars()])
    submit = SubmitField("Create coder account")


class EmployerRegisterForm(_Register):
    company_name = StringField(
        "Company name", validators=[DataRequired(), Length(max=120), NoControlChars()]
    )
    your_name = StringField("Your name", validators=[Length(max=120), NoControlChars()])
    email = EmailField(
        "Work email",
        validators=[DataRequired(), Email(), Length(max=254)],
        description="Use your company address; free-mail addresses slow down review.",
    )
    submit = SubmitField("Create employer account")

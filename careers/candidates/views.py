"""The coder's own profile."""

from __future__ import annotations

from flask import Blueprint, flash, redirect, render_template, request, url_for
from flask_login import current_user
from werkzeug.wrappers import Response

from careers.auth.access import candidate_required
from careers.candidates.forms import CREDENTIAL_ROWS, ProfileForm
from careers.candidates.services import save_profile
from careers.web import run_service

bp = Blueprint("candidates", __name__, url_prefix="/me")


def _initial_data() -> dict[str, object]:
    profile = current_user.profile
    if profile is None:
        return {"full_name": current_user.display_name, "years_experience": 0}
    creds = [{"credential": c.credential, "number": c.number, "expires_on": c.expires_on}
             for c in profile.credentials]
    return {
        "full_name": profile.full_name, "headline": profile.headline, "city": profile.city,
        "state": profile.state, "years_experience": profile.years_experience,
        "work_mode_preference": profile.work_mode_preference, "specialties": profile.specialties,
        "code_sets": profile.code_sets, "visible_to_recruiters": profile.visible_to_recruiters,
        "credentials": creds + [{}] * CREDENTIAL_ROWS,
    }


@bp.route("/profile", methods=["GET", "POST"])
@candidate_required
def profile() -> str | Response:
    form = ProfileForm(data=None if request.method == "POST" else _initial_data())
    if form.validate_on_submit() and run_service(lambda: save_profile(current_user, form.to_input()),
                                                 "Profile saved. Employers see it when you apply."):
        return redirect(url_for("candidates.profile"))
    if form.is_submitted() and form.errors:
        flash("Some fields need attention; nothing was saved yet.", "error")
    return render_template("candidates/profile.html", form=form, profile=current_user.profile)

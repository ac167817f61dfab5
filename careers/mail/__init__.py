"""Mail: rendered into the mail_outbox table in the caller's transaction, delivered by the queue.

    from careers.mail import queue_mail, external_url

    queue_mail(user.email, "auth/verify", {"link": external_url("auth.verify", token=t)},
               subject="Confirm your email address", kind="verify", user_id=user.id)
    db.session.commit()   # the caller commits; after the commit the delivery is enqueued

Templates: templates/email/<template>.txt and .html, extending email/_base.txt and email/_base.html.
Links in mails: use external_url(endpoint, **values), which always builds on PUBLIC_URL, in a request
or in the queue consumer alike (url_for(..., _external=True) would use the request's host name).
"""

from careers.mail.models import MailMessage
from careers.mail.services import deliver_pending, external_url, init_app, queue_mail

__all__ = ["MailMessage", "deliver_pending", "external_url", "init_app", "queue_mail"]

"""Notice mails (new application, application status, posting reviewed, posting waiting for review), each
user's choice of them, and one-click unsubscribe links."""

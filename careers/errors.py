"""Errors a service raises when a rule says no; views turn them into a message for the user."""


class ServiceError(Exception):
    """A business rule refused the action; str(error) is safe to show to the user."""


class NotAllowed(ServiceError):
    """The transition or action is not allowed from the current state."""

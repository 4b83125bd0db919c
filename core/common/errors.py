"""The project's own error types.

Every error a user can cause derives from :class:`ExplorerError`, itself a ``ValueError``, so that the shell
(``ui.common.errors.guard``) can show its message plainly and let any other exception surface as a bug.
"""

__all__ = ["ExplorerError", "DataError", "ExpressionError", "FitError", "LimitError"]


class ExplorerError(ValueError):
    """A problem with the user's input, with a message the user can act on."""


class DataError(ExplorerError):
    """An upload, pasted table or column selection that cannot be used."""


class ExpressionError(ExplorerError):
    """A formula that is refused by the safe-expression parser."""


class FitError(ExplorerError):
    """Fit input that cannot be fitted (too few points, unknown model, bad bounds ...)."""


class LimitError(ExplorerError):
    """A user-settable number outside the bounds that keep a request fast."""

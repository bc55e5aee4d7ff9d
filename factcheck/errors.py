"""factcheck's own failure, as a user sees it: one line naming the file being read.

A mistake in a facts file is a :class:`factcheck.facts.FactsError`, and an unreadable
article an :class:`factcheck.article.ArticleError`; anything else raised while reading or
checking is a bug of factcheck's. The front ends show it as one :class:`InternalError`
line (pytest: ``--tb=long`` adds the traceback), never as pytest's INTERNALERROR page.
"""
from __future__ import annotations


class InternalError(Exception):
    """A bug of factcheck's met while reading or checking ``path``."""

    def __init__(self, path: str, doing: str, cause: BaseException):
        self.path, self.doing, self.cause = path, doing, cause
        detail = str(cause).splitlines()[0][:200] if str(cause) else ""
        super().__init__(f"{path}: internal error in factcheck while {doing} it: "
                         f"{type(cause).__name__}{': ' + detail if detail else ''} "
                         "(a bug in factcheck, not in your files: please report it with this line)")

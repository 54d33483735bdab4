"""Errors that the command line turns into exit codes.

Exit codes are the project's contract with scripts and CI: 0 ok, 1 findings
(violations, failed checks), 2 usage or runtime error.
"""

EXIT_OK = 0
EXIT_FINDINGS = 1
EXIT_ERROR = 2


class HskgError(Exception):
    """A problem the user can fix; the message says what and where."""

    exit_code = EXIT_ERROR


class WriteError(HskgError):
    """A file could not be written; names the file and the cause (full disk, read-only …)."""


class ProjectNotFound(HskgError):
    """No hskg project (a folder with ``ontology/`` and ``graph/``) was found."""


class RdfSyntaxError(HskgError):
    """An RDF file could not be parsed; names the file, the line and the cause."""

    def __init__(self, path, line, column, cause):
        self.path = path
        self.line = line
        self.column = column
        self.cause = cause
        where = f"{path}:{line}" + (f":{column}" if column else "")
        super().__init__(f"{where}: syntax error: {cause}")

"""Where the ``hskg`` command keeps its graph: the ``--store`` option, else the ``HSKG_STORE``
environment variable, else ``hskg.toml``'s ``[store]`` table, else the persistent embedded
store in ``build/store/`` (``hskg.store_disk``: kept in step with the files, only what changed
is loaded; shared with ``hskg serve`` and notebooks, which hold its lock one read at a time).
``memory`` reads the files again in each command and keeps nothing.

``hskg.toml`` names a location and, for a SPARQL endpoint, the endpoints it needs besides
the query one; never credentials (they come from the environment, ``hskg.store_remote``)::

    [store]
    location = "http://127.0.0.1:8890/sparql-auth"
    update = "http://127.0.0.1:8890/sparql-auth"                  # default: location
    graph-store = "http://127.0.0.1:8890/sparql-graph-crud-auth"  # default: none (SPARQL Update)
"""

from __future__ import annotations

import os
from pathlib import Path

from .errors import HskgError
from .project import Project

ENVIRONMENT_VARIABLE = "HSKG_STORE"
SETTINGS_FILE = "hskg.toml"
KEYS = {"location", "update", "graph-store"}
DEFAULT_FOLDER = "store"  # under build/


def store_settings(project: Project) -> dict[str, str]:
    """The ``[store]`` table of the project's ``hskg.toml`` (empty without one)."""
    path = project.root / SETTINGS_FILE
    if not path.is_file():
        return {}
    import tomllib  # here: a project without the file (the usual case) starts without it

    try:
        table = tomllib.loads(path.read_text(encoding="utf-8")).get("store", {})
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as error:
        raise HskgError(f"cannot read {SETTINGS_FILE}: {error}") from None
    unknown = sorted(set(table) - KEYS) if isinstance(table, dict) else ["(not a table)"]
    if unknown or not all(isinstance(value, str) for value in table.values()):
        raise HskgError(f"{SETTINGS_FILE}: [store] takes the strings {', '.join(sorted(KEYS))}; "
                        f"it has {', '.join(unknown) or 'a value that is not a string'}")
    return table


def command_store(project: Project, given: str | None) -> str:
    """The store location a command uses (a relative folder is taken from the project root)."""
    location = given or os.environ.get(ENVIRONMENT_VARIABLE) or store_settings(project).get("location")
    if location is None:
        return str(project.build_dir / DEFAULT_FOLDER)
    if "://" in location or location == "memory" or given:
        return location
    return str(project.root / Path(location))


def remote_endpoints(project: Project, location: str | Path | None) -> dict[str, str]:
    """The update and Graph Store Protocol endpoints ``hskg.toml`` gives for ``location``
    (only when it is the location the file names)."""
    settings = store_settings(project) if location is not None and "://" in str(location) else {}
    if settings.get("location") != str(location):
        return {}
    return {key.replace("-", "_"): value for key, value in settings.items() if key != "location"}

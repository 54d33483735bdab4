"""Where a project lives: the folder that holds ``ontology/`` and ``graph/``."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from .errors import HskgError, ProjectNotFound


@dataclass(frozen=True)
class Project:
    """A project root and the places in it that hskg reads and writes."""

    root: Path

    @property
    def ontology_dir(self) -> Path:
        return self.root / "ontology"

    @property
    def graph_dir(self) -> Path:
        return self.root / "graph"

    @property
    def queries_dir(self) -> Path:
        return self.root / "queries"

    @property
    def sources_dir(self) -> Path:
        """The texts that evidence quotes are checked against (the report excerpt)."""
        return self.root / "sources"

    @property
    def build_dir(self) -> Path:
        return self.root / "build"

    def ontology_files(self) -> list[Path]:
        """The schema modules, sorted; SHACL shapes are kept apart (``shape_files``)."""
        return [p for p in self._turtle_files(self.ontology_dir) if not p.name.startswith("shapes")]

    def shape_files(self) -> list[Path]:
        return [p for p in self._turtle_files(self.ontology_dir) if p.name.startswith("shapes")]

    def graph_files(self) -> list[Path]:
        return self._turtle_files(self.graph_dir)

    def _turtle_files(self, folder: Path) -> list[Path]:
        """The ``*.ttl`` under ``folder``, sorted by path so that loading, and everything built
        from it, is deterministic.  A link to a file outside the project is refused, not
        followed: a project's files are what its folders hold, and an error message that
        quotes a parser must never show the content of a file elsewhere on the machine."""
        files = sorted(p for p in folder.rglob("*.ttl") if p.is_file()) if folder.is_dir() else []
        root = self.root.resolve()
        for path in files:
            if not path.resolve().is_relative_to(root):
                raise HskgError(f"{path.relative_to(self.root)} is a link to a file outside the project; "
                                   "hskg does not follow it (copy the file into the project)")
        return files

    @classmethod
    def find(cls, start: Path | str | None = None) -> "Project":
        """The project at ``start``, or in the nearest folder above it that is one.

        With no ``start``, the search begins at the current directory.
        """
        here = Path(start or Path.cwd()).resolve()
        if start is not None:
            if is_project(here):
                return cls(here)
            raise ProjectNotFound(f"{here} is not an hskg project: it has no ontology/ and graph/ folders")
        for folder in (here, *here.parents):
            if is_project(folder):
                return cls(folder)
        raise ProjectNotFound(
            f"no hskg project in {here} or above it (looked for ontology/ and graph/); "
            "run hskg inside a checkout or pass --root"
        )


def is_project(folder: Path) -> bool:
    return (folder / "ontology").is_dir() and (folder / "graph").is_dir()


"""What the extend tests share: a copy of the shipped project, and a hash of a checkout
that says whether anything at all changed on disk (names, bytes; build/ aside)."""

import hashlib
import shutil
from pathlib import Path

from conftest import ROOT

FOLDERS = ("ontology", "graph", "queries", "sources")


def copy_project(source: Path, target: Path) -> Path:
    target.mkdir(parents=True, exist_ok=True)
    for folder in FOLDERS:
        shutil.copytree(source / folder, target / folder)
    return target


def shipped_copy(target: Path) -> Path:
    return copy_project(ROOT, target)


def checkout_hash(root: Path) -> str:
    """The SHA-256 of every file's path and bytes under ``root`` (build/ left out)."""
    digest = hashlib.sha256()
    for path in sorted(p for p in root.rglob("*") if "build" not in p.relative_to(root).parts):
        digest.update(str(path.relative_to(root)).encode("utf-8") + b"\0")
        if path.is_file():
            digest.update(path.read_bytes())
    return digest.hexdigest()


def stray_files(root: Path) -> list[str]:
    """Temporary files and journals left anywhere in the project."""
    return sorted(str(p.relative_to(root)) for p in root.rglob("*")
                  if p.name.endswith((".pending", ".tmp")) or p.name.startswith(".write.journal"))

"""playbook-gen: structured content in, a strategic-alliance playbook out (site, PDFs, training material).

The public API is small: `check`, `build` and `clean` (from `pipeline`) and the errors. They are loaded on first
use, so importing the package (or asking `playbook-gen --version`) does not load the pipeline.
"""

from .errors import BuildError, ContentError, Issue, PlaybookError, ProjectError
from .version import __version__

__all__ = ["BuildError", "ContentError", "Issue", "PlaybookError", "ProjectError", "__version__", "build", "check", "clean"]


def __getattr__(name: str):
    if name in ("build", "check", "clean"):
        from . import pipeline

        return getattr(pipeline, name)
    raise AttributeError(f"module 'playbook_gen' has no attribute {name!r}")

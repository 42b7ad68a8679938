"""playbook-gen: structured content in, a strategic-alliance playbook out (site, PDFs, training material)."""

__version__ = "0.1.0"

from .errors import BuildError, ContentError, Issue, PlaybookError, ProjectError  # noqa: E402
from .pipeline import build, check, clean  # noqa: E402

__all__ = ["BuildError", "ContentError", "Issue", "PlaybookError", "ProjectError", "__version__", "build", "check", "clean"]

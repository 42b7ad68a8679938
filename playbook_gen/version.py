"""The version, in a module of its own so `playbook-gen --version` loads nothing else."""

__version__ = "0.1.0"

"""The object passed from the command group to every command."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

import click

if TYPE_CHECKING:
    from sosmed.config import Config


@dataclass
class AppContext:
    """What the group's options decided: config location, language, verbosity."""

    config_path: Path | None
    lang: str
    verbosity: int = 0
    _config: Config | None = field(default=None, repr=False)

    def config(self) -> Config:
        """Load (once) and return the validated configuration; raises ConfigError."""
        if self._config is None:
            # Imported here: ``sosmed --help`` needs no configuration (nor pydantic).
            from sosmed.config import find_config, load_config

            path = self.config_path or find_config(Path.cwd())
            self._config = load_config(path)
        return self._config

    def echo(self, text: str = "", *, err: bool = False, nl: bool = True) -> None:
        """Print unless ``-q`` was given (errors always print)."""
        if self.verbosity < 0 and not err:
            return
        click.echo(text, err=err, nl=nl)


pass_app = click.make_pass_decorator(AppContext)

"""``sosmed sandbox``: serve the local fake of the four platforms' APIs in the foreground."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import click

from sosmed.cli.localized import LocalizedCommand
from sosmed.errors import SosmedError, UsageError, failure_reason, os_reason
from sosmed.i18n import t

DEFAULT_STATE = Path(".sosmed") / "sandbox"


def _seed(value: str) -> dict[str, Any] | None:
    import yaml

    from sosmed.sandbox.seed import DEFAULT_SEED, load_seed

    if value == "default":
        return DEFAULT_SEED
    if value == "none":
        return None
    try:
        return load_seed(Path(value))
    except (OSError, ValueError, yaml.YAMLError) as exc:
        raise SosmedError("sandbox.error.seed_file", path=value, error=failure_reason(exc)) from None


@click.command("sandbox", cls=LocalizedCommand, help="sandbox.cli.help", epilog="sandbox.cli.examples")
@click.option("--host", default="127.0.0.1", show_default=True, help="sandbox.cli.opt.host")
@click.option("--port", default=8765, show_default=True, type=click.IntRange(0, 65535), help="sandbox.cli.opt.port")
@click.option("--state", "state_dir", default=str(DEFAULT_STATE), show_default=True,
              type=click.Path(file_okay=False, path_type=Path), help="sandbox.cli.opt.state")
@click.option("--seed", default="default", show_default=True, help="sandbox.cli.opt.seed")
@click.option("--allow-remote", is_flag=True, help="sandbox.cli.opt.allow_remote")
def command(host: str, port: int, state_dir: Path, seed: str, allow_remote: bool) -> None:
    """Serve the sandbox until Ctrl+C."""
    from sosmed.sandbox import start_sandbox
    from sosmed.sandbox.guard import is_loopback_host

    if not is_loopback_host(host):
        if not allow_remote:
            raise UsageError("sandbox.error.remote_needs_flag", host=host)
        click.echo(t("sandbox.remote_warning", host=host), err=True)
    seed_data = _seed(seed)
    try:
        handle = start_sandbox(state_dir, host=host, port=port, seed=seed_data, background=False,
                               allow_remote=allow_remote)
    except OSError as exc:
        raise SosmedError("sandbox.error.port_in_use", host=host, port=port, error=os_reason(exc)) from None
    except (ValueError, KeyError) as exc:
        raise SosmedError("sandbox.error.state_broken", path=state_dir, error=exc) from None
    click.echo(t("sandbox.started", url=handle.base_url))
    click.echo(t("sandbox.web_view", url=handle.base_url))
    click.echo(t("sandbox.credentials", path=handle.credentials_path))
    click.echo(handle.credentials_path.read_text(encoding="utf-8"), nl=False)
    click.echo(t("sandbox.source_hint", path=handle.credentials_path))
    click.echo(t("sandbox.stop_hint", state=state_dir))
    try:
        handle.serve_forever()
    except KeyboardInterrupt:
        pass
    finally:
        handle.server.server_close()
        handle.store.save()
    click.echo(t("sandbox.stopped", state=state_dir))

"""The `popsbot` command line: one group, each feature mounts its own commands here."""

from __future__ import annotations

import click


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="popsbot")
def main() -> None:
    """popsbot: POPs and HS classification assistant for customs, focal points and organizers."""


def _mount() -> None:
    """Attach the feature command groups; kept in one place so the order is visible."""
    from bot.cli.db import db
    from bot.cli.run import run
    from bot.cli.users import invites_group, users
    from bot.knowledge.cli import ask, content

    for command in (run, db, users, invites_group, ask, content):
        main.add_command(command)


_mount()

"""The `popsbot` command line: one group; each feature's commands are named here once.

Commands load lazily, so `popsbot run` does not import what only `popsbot cases export`
needs (openpyxl, the content catalogue...).
"""

from __future__ import annotations

import importlib

import click

# command name -> "module:attribute"
COMMANDS = {
    "run": "bot.cli.run:run",
    "console": "bot.cli.console:console",
    "db": "bot.cli.db:db",
    "users": "bot.cli.users:users",
    "invites": "bot.cli.users:invites_group",
    "ask": "bot.knowledge.cli:ask",
    "content": "bot.knowledge.cli:content",
    "focal-points": "bot.cases.cli:focal_points",
    "cases": "bot.cases.cli:cases",
    "events": "bot.events.cli:events",
    "broadcast": "bot.events.cli:broadcast",
    "outbox": "bot.delivery.cli:outbox",
}


class LazyGroup(click.Group):
    def list_commands(self, ctx: click.Context) -> list[str]:
        return sorted({*super().list_commands(ctx), *COMMANDS})

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        if cmd_name in COMMANDS:
            module_name, attribute = COMMANDS[cmd_name].split(":")
            command = getattr(importlib.import_module(module_name), attribute)
            assert isinstance(command, click.Command)
            return command
        return super().get_command(ctx, cmd_name)


@click.group(cls=LazyGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="popsbot")
def main() -> None:
    """popsbot: POPs and HS classification assistant for customs, focal points and organizers."""

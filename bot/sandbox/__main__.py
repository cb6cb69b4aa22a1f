"""``python -m bot.sandbox``: run the sandbox Bot API standalone for manual use.

Lines typed on stdin act as users, so a bot can be poked without writing a test:
``1001: hello`` sends "hello" as user 1001 (created on first use), ``1001 !block`` blocks,
``1001 !press 2`` presses the second button of the latest keyboard.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import sys

from bot.sandbox.limits import SandboxLimits
from bot.sandbox.models import BotCall
from bot.sandbox.server import SandboxServer
from bot.sandbox.state import FakeTelegram


def _parse_args(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="python -m bot.sandbox", description=__doc__)
    parser.add_argument("--host", default="127.0.0.1", help="loopback address to bind")
    parser.add_argument("--port", type=int, default=8081)
    parser.add_argument("--token", default=None, help="accept only this bot token")
    parser.add_argument("--global-rate", type=float, default=30.0, help="messages/s overall")
    parser.add_argument("--chat-rate", type=float, default=1.0, help="messages/s per chat")
    parser.add_argument("--no-limits", action="store_true", help="disable flood limits")
    return parser.parse_args(argv)


def _print_call(call: BotCall) -> None:
    if call.method in ("getUpdates", "getMe", "getWebhookInfo"):
        return
    outcome = "ok" if call.ok else f"{call.status} {call.error}"
    text = f" {call.text!r}" if call.text else ""
    print(f"<- {call.method} chat={call.chat_id}{text} [{outcome}]", flush=True)


def _act(fake: FakeTelegram, line: str) -> None:
    head, sep, rest = line.partition(":")
    if sep and head.strip().isdigit():
        user_id, action = int(head), rest.strip()
    else:
        first, _, action = line.partition(" ")
        if not first.isdigit():
            print("usage: <user_id>: <text> | <user_id> !block | <user_id> !press <n|label>")
            return
        user_id = int(first)
    if user_id not in fake.users:
        fake.add_user(user_id)
    if action == "!block":
        fake.block(user_id)
    elif action.startswith("!press "):
        label = action[len("!press ") :].strip()
        fake.press_button(user_id, int(label) if label.isdigit() else label)
    else:
        fake.send_text(user_id, action)


async def _stdin_users(fake: FakeTelegram) -> None:
    loop = asyncio.get_running_loop()
    while True:
        line = await loop.run_in_executor(None, sys.stdin.readline)
        if not line:
            return
        if line.strip():
            try:
                _act(fake, line.strip())
            except (KeyError, ValueError) as exc:
                print(f"!! {exc}", flush=True)


async def _serve(args: argparse.Namespace) -> None:
    limits = SandboxLimits(
        global_per_second=args.global_rate,
        chat_per_second=args.chat_rate,
        enabled=not args.no_limits,
    )
    fake = FakeTelegram(limits=limits)
    fake.on_call.append(_print_call)
    async with SandboxServer(fake, host=args.host, port=args.port, token=args.token) as server:
        print(server.base_url, flush=True)
        if sys.stdin.isatty():
            await _stdin_users(fake)
        await asyncio.Event().wait()


def main(argv: list[str] | None = None) -> None:
    with contextlib.suppress(KeyboardInterrupt):
        asyncio.run(_serve(_parse_args(argv)))


if __name__ == "__main__":
    main()

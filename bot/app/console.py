"""`popsbot console`: chat with the real popsbot in a terminal, with no Telegram and no token.

The real application (dispatcher, handlers, database, scheduler) runs in this process and
polls a sandbox Bot API server on loopback, exactly as `popsbot run` polls Telegram. The
terminal plays one or several Telegram users; every message the bot sends is printed with
its recipient, and inline buttons are shown as numbered choices to press.
"""

from __future__ import annotations

import asyncio
import shlex
import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import TextIO

from bot.app.polling import run_polling
from bot.app.runtime import build_app
from bot.config import Settings
from bot.sandbox import BotCall, FakeTelegram, SandboxServer, SentMessage

SHOWN = {
    "sendMessage",
    "editMessageText",
    "editMessageReplyMarkup",
    "editMessageCaption",
    "sendPhoto",
    "sendDocument",
    "sendLocation",
}
TINY_PNG = bytes.fromhex(
    "89504e470d0a1a0a0000000d4948445200000001000000010806000000"
    "1f15c4890000000d49444154789c6360000002000100e221bc330000000049454e44ae426082"
)

HELP = """Console commands (anything else is sent to the bot as the current user):
  N                 press button N of the last message with buttons
  :press LABEL      press the button whose label contains LABEL
  :say TEXT         send TEXT as is (e.g. a number that is not a button)
  :as NAME          act as another user          :users  list users
  :user NAME [LANG] create a user (LANG: en, es, fr, pt, ...) and act as them
  :photo [PATH]     send a photo                 :file PATH  send a document
  :location LAT LON share a location             :block / :unblock  the bot
  :wait SECONDS     let time pass (reminders)    :quit  leave"""


@dataclass
class Persona:
    name: str
    user_id: int
    language: str


@dataclass
class ConsoleState:
    personas: dict[str, Persona] = field(default_factory=dict)
    current: str = ""

    def by_id(self, user_id: int) -> Persona | None:
        return next((p for p in self.personas.values() if p.user_id == user_id), None)


class Console:
    def __init__(self, fake: FakeTelegram, out: TextIO, personas: list[Persona]) -> None:
        self.fake = fake
        self.out = out
        self.state = ConsoleState({p.name: p for p in personas}, personas[0].name)
        for persona in personas:
            self._register(persona)
        fake.on_call.append(self.show_call)

    # --- output -------------------------------------------------------------------------

    def show_call(self, call: BotCall) -> None:
        if not call.ok:
            if call.method in SHOWN:
                self.print(f"  ✗ Telegram refused {call.method}: {call.error}")
            return
        if call.method == "answerCallbackQuery" and call.params.get("text"):
            self.print(f"  ! {call.params['text']}")
            return
        if call.method not in SHOWN or call.chat_id is None:
            return
        result = call.result if isinstance(call.result, dict) else {}
        message_id = int(result.get("message_id") or call.params.get("message_id") or 0)
        message = self.fake.find_message(call.chat_id, message_id)
        if message is not None:
            self.print(self.render(message, edited=call.method.startswith("edit")))

    def render(self, message: SentMessage, *, edited: bool) -> str:
        persona = self.state.by_id(message.chat_id)
        who = persona.name if persona else str(message.chat_id)
        arrow = "✎" if edited else "→"
        kind = "" if message.kind == "text" else f"[{message.kind}] "
        lines = [f"  {arrow} {who}: {kind}{message.text}".rstrip()]
        number = 0
        for row in message.buttons:
            cells = []
            for button in row:
                number += 1
                link = f" <{button.url}>" if button.url else ""
                cells.append(f"[{number}] {button.text}{link}")
            lines.append("      " + "   ".join(cells))
        return "\n".join(lines)

    def print(self, text: str) -> None:
        print(text, file=self.out, flush=True)

    # --- input --------------------------------------------------------------------------

    @property
    def me(self) -> Persona:
        return self.state.personas[self.state.current]

    async def handle(self, line: str) -> bool:
        """Act on one input line; False means quit."""
        line = line.strip()
        if not line:
            return True
        if line.startswith(":"):
            return await self.command(line[1:])
        if line.isdigit() and self.press(int(line)):
            return True
        self.fake.send_text(self.me.user_id, line)
        return True

    def press(self, number: int) -> bool:
        keyboards = [m for m in self.fake.messages_to(self.me.user_id) if m.buttons]
        message = next((m for m in reversed(keyboards) if not m.deleted), None)
        buttons = [b for row in message.buttons for b in row] if message else []
        if message is None or not 1 <= number <= len(buttons):
            return False
        button = buttons[number - 1]
        if button.callback_data is None:
            self.print(f"  (button [{number}] opens {button.url})")
            return True
        self.print(f"  (pressed [{number}] {button.text})")
        self.fake.press(self.me.user_id, message.message_id, button.callback_data)
        return True

    async def command(self, text: str) -> bool:
        try:
            name, *args = shlex.split(text) or [""]
        except ValueError as exc:
            self.print(f"  console: {exc}")
            return True
        if name in {"q", "quit", "exit"}:
            return False
        try:
            done = await self._user_action(name, args) or self._console_action(name, args)
        except (OSError, ValueError) as exc:  # a missing file, a bad number
            self.print(f"  console: {exc}")
            return True
        if not done:
            self.print("  console: unknown command; :help lists them")
        return True

    async def _user_action(self, name: str, args: list[str]) -> bool:
        """What the current Telegram user does; False when `name` is not one of these."""
        user = self.me.user_id
        if name == "say" and args:
            self.fake.send_text(user, " ".join(args))
        elif name == "press" and args:
            self.print(f"  (pressed «{' '.join(args)}»)")
            self.fake.press_button(user, " ".join(args))
        elif name == "photo":
            data = await asyncio.to_thread(Path(args[0]).read_bytes) if args else TINY_PNG
            self.fake.send_photo(user, data)
        elif name == "file" and args:
            data = await asyncio.to_thread(Path(args[0]).read_bytes)
            self.fake.send_document(user, data, Path(args[0]).name)
        elif name == "location" and len(args) == 2:
            self.fake.send_location(user, float(args[0]), float(args[1]))
        elif name in {"block", "unblock"}:
            (self.fake.block if name == "block" else self.fake.unblock)(user)
        elif name == "wait" and args:
            await asyncio.sleep(float(args[0]))
        else:
            return False
        return True

    def _console_action(self, name: str, args: list[str]) -> bool:
        if name == "help":
            self.print(HELP)
        elif name == "as" and args and args[0] in self.state.personas:
            self.state.current = args[0]
        elif name == "user" and args:
            self.add_persona(args[0], args[1] if len(args) > 1 else "en")
        elif name == "users":
            for persona in self.state.personas.values():
                mark = "*" if persona.name == self.state.current else " "
                self.print(f" {mark} {persona.name} (id {persona.user_id}, {persona.language})")
        else:
            return False
        return True

    def add_persona(self, name: str, language: str) -> None:
        if name in self.state.personas:
            self.state.current = name
            return
        user_id = 1001 + len(self.state.personas)
        while user_id in self.fake.users:
            user_id += 1
        persona = Persona(name, user_id, language)
        self.state.personas[name] = persona
        self._register(persona)
        self.state.current = name

    def _register(self, persona: Persona) -> None:
        self.fake.add_user(
            persona.user_id, persona.name.capitalize(), language_code=persona.language
        )


DEFAULT_PERSONAS = [Persona("ana", 1001, "es"), Persona("ben", 1002, "en")]


async def run_console(settings: Settings, stdin: TextIO, out: TextIO) -> None:
    """Start the sandbox and the real app, then read lines until EOF or :quit."""
    fake = FakeTelegram()
    server = SandboxServer(fake, host="127.0.0.1", port=0)
    await server.start()
    settings = settings.model_copy(update={"telegram_api_base_url": server.base_url})
    console = Console(fake, out, DEFAULT_PERSONAS)
    app = build_app(settings)
    polling = asyncio.create_task(run_polling(app, handle_signals=False))
    interactive = stdin.isatty()
    loop = asyncio.get_running_loop()
    try:
        await fake.wait_for_call(lambda c: c.method == "deleteWebhook", timeout=60)
        console.print(
            f"popsbot console: sandbox Bot API at {server.base_url}, database "
            f"{settings.database_url}\nYou are 'ana' (Spanish); 'ben' (English) is an "
            "administrator. Type /start to begin, :help for console commands."
        )
        while not polling.done():
            line = await loop.run_in_executor(None, _read, stdin, console, interactive)
            if line is None or not await console.handle(line):
                break
            await fake.settle(quiet=0.3, timeout=30)
    finally:
        if not polling.done():
            await app.dispatcher.stop_polling()  # graceful: the app closes before the server
        await asyncio.gather(polling, return_exceptions=True)
        await server.stop()
        await fake.close()


def _read(stdin: TextIO, console: Console, interactive: bool) -> str | None:
    """One line from the terminal, or from a pipe (echoed, so a transcript reads like a chat)."""
    prompt = f"{console.state.current}> "
    if interactive:
        try:
            return input(prompt)
        except EOFError:
            return None
    line = stdin.readline()
    if not line:
        return None
    console.print(prompt + line.rstrip("\n"))
    return line


def main_stdio(settings: Settings) -> None:
    asyncio.run(run_console(settings, sys.stdin, sys.stdout))

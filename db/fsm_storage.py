"""aiogram FSM storage in the application database.

On the embedded SQLite default there is no Redis, and memory storage would forget every
half-finished conversation at each restart; this keeps them in the `fsm_states` table instead.
With REDIS_URL set, aiogram's RedisStorage is used (see bot.app.builders).
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from aiogram.fsm.state import State
from aiogram.fsm.storage.base import (
    BaseStorage,
    DefaultKeyBuilder,
    KeyBuilder,
    StateType,
    StorageKey,
)
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from db.models import FsmRecord


class SqlStorage(BaseStorage):
    def __init__(
        self, sessionmaker: async_sessionmaker[AsyncSession], key_builder: KeyBuilder | None = None
    ) -> None:
        self._sessionmaker = sessionmaker
        self._keys = key_builder or DefaultKeyBuilder(with_destiny=True)

    async def _write(self, key: StorageKey, **values: Any) -> None:
        async with self._sessionmaker() as session:
            record_key = self._keys.build(key)
            record = await session.get(FsmRecord, record_key)
            if record is None:
                record = FsmRecord(key=record_key, state=None, data={})
                for name, value in values.items():
                    setattr(record, name, value)
                if record.state is None and not record.data:
                    return  # clearing what was never stored
                session.add(record)
            else:
                for name, value in values.items():
                    setattr(record, name, value)
                if record.state is None and not record.data:
                    await session.delete(record)
            await session.commit()

    async def set_state(self, key: StorageKey, state: StateType = None) -> None:
        value = state.state if isinstance(state, State) else state
        await self._write(key, state=value)

    async def get_state(self, key: StorageKey) -> str | None:
        async with self._sessionmaker() as session:
            record = await session.get(FsmRecord, self._keys.build(key))
            return record.state if record else None

    async def set_data(self, key: StorageKey, data: Mapping[str, Any]) -> None:
        await self._write(key, data=dict(data))

    async def get_data(self, key: StorageKey) -> dict[str, Any]:
        async with self._sessionmaker() as session:
            record = await session.get(FsmRecord, self._keys.build(key))
            return dict(record.data) if record else {}

    async def close(self) -> None:
        """The engine belongs to the application, which disposes of it."""

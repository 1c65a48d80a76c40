"""What the delivery loop hands a `Sender`, what comes back, and the delivery policy: the shapes shared
by the loop (alerts/sender.py), the senders (alerts/senders.py) and the recording of outcomes
(alerts/recording.py)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Protocol

from alerts.render import Card

MAX_BACKOFF_S = 600


@dataclass(frozen=True, slots=True)
class Outgoing:
    """One message to put in a chat (or to edit there)."""

    chat_id: int
    card: Card
    thread_id: int = 0
    silent: bool = False
    edit_message_id: int | None = None  # an update: edit the message that announced the incident
    plain_only: bool = False  # the fallback after Telegram refused the HTML


@dataclass(frozen=True, slots=True)
class Delivered:
    """The chat has the message."""

    message_id: int | None = None


@dataclass(frozen=True, slots=True)
class TryLater:
    """Not delivered now; `ambiguous` when the message may have arrived anyway."""

    reason: str
    after_s: float = 0.0
    ambiguous: bool = False


@dataclass(frozen=True, slots=True)
class ChatGone:
    """Blocked, kicked, deleted, or (with `topic`) the forum topic closed."""

    reason: str
    topic: bool = False


@dataclass(frozen=True, slots=True)
class ChatMoved:
    """The group became a supergroup with a new id."""

    new_chat_id: int


@dataclass(frozen=True, slots=True)
class Rejected:
    """Telegram will never accept this message as it is."""

    reason: str


@dataclass(frozen=True, slots=True)
class Halted:
    """The bot's token is refused: nothing can be sent until an operator acts."""

    reason: str


SendOutcome = Delivered | TryLater | ChatGone | ChatMoved | Rejected | Halted


class Sender(Protocol):
    """Something that can put a message in a chat."""

    async def send(self, message: Outgoing) -> SendOutcome:
        """Send (or edit) and classify what happened."""
        ...


@dataclass(frozen=True, slots=True)
class DeliverySettings:
    """Delivery policy from config.toml."""

    default_language: str = "ar"
    admins: tuple[int, ...] = ()
    ring_at_killed: int = 5  # incidents with this many dead ring even in quiet hours
    delayed_after_h: int = 1  # alerts delivered later than this say by how much
    max_in_flight: int = 200
    batch: int = 200
    backoff_base_s: float = 1.0  # retries wait 2, 4, 8 … times this, at most MAX_BACKOFF_S

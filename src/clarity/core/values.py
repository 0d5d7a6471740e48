"""Plain value classes: what ``@dataclass`` gives them (equality, a repr, copies with changes),
for classes that list their fields in ``__match_args__`` and keep them in ``__slots__``.

``clarity lint`` runs on every commit, and most of a short run is start-up: every dataclass
generates and compiles its methods when its module is imported (and ``dataclasses`` imports
``inspect``), so the classes ``clarity lint`` imports are built on these instead, each with its
own typed ``__init__``. Classes off that path keep their dataclasses.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, ClassVar

if TYPE_CHECKING:  # at run time, its bound (a string) would be compiled: over a millisecond
    from typing import TypeVar

    _V = TypeVar("_V", bound="Value")


class Value:
    """Fields named, in order, by ``__match_args__``. Equal to an object of the same class with
    equal fields, shown as ``Name(field=value, ...)``, like a dataclass; not hashable, like a
    dataclass that is not frozen (see :class:`FrozenValue`)."""

    __slots__ = ()
    __match_args__: ClassVar[tuple[str, ...]] = ()

    def _values(self) -> tuple[Any, ...]:
        return tuple(getattr(self, name) for name in self.__match_args__)

    def __eq__(self, other: object) -> bool:
        if isinstance(other, Value) and other.__class__ is self.__class__:
            return self._values() == other._values()
        return NotImplemented

    def __repr__(self) -> str:
        fields = ", ".join(f"{name}={getattr(self, name)!r}" for name in self.__match_args__)
        return f"{self.__class__.__qualname__}({fields})"

    def replace(self: _V, **changes: Any) -> _V:
        """A copy with some fields changed, as ``dataclasses.replace`` makes it."""
        values = {name: getattr(self, name) for name in self.__match_args__}
        values.update(changes)
        return self.__class__(**values)


class FrozenValue(Value):
    """A :class:`Value` hashed by its fields, like a frozen dataclass: its fields are not
    changed once it is made (which is not enforced)."""

    __slots__ = ()

    def __hash__(self) -> int:
        return hash(self._values())

"""Record classes: what `@dataclass(slots=True)` makes, at a fraction of its import cost.

The model, the diagnostics and the settings are some thirty small classes, and `dataclasses`
compiles six to eight generated methods for each of them at every start (about 1.5 ms a
class). `@record` compiles one, `__init__`, which stays generated because records are made by
the thousand while a cable is checked. Equality, hashing, repr, immutability and pickling are
shared functions that read the fields through one `operator.attrgetter`.

    @record(frozen=True)
    class Tag:
        text: str
        span: Span
        kind: str = "word"
        notes: tuple[str, ...] = field(default=(), compare=False)

Every annotated name of the class body is a field, in order. The class gets `__slots__`,
`__init__` (then `__post_init__`, when defined), `__repr__`, `__eq__` and `__match_args__`;
a frozen record also `__hash__` and refuses assignment. Behaviour is that of
`dataclass(slots=True, frozen=...)`; base classes' fields are not collected.
"""

from __future__ import annotations

from operator import attrgetter
from typing import Any

_MISSING = object()


class Field:
    """A field's options where a plain default is not enough (as `dataclasses.field`)."""

    __slots__ = ("default", "default_factory", "init", "repr", "compare")

    def __init__(self, default=_MISSING, default_factory=None, init=True, repr=True, compare=True):
        self.default = default
        self.default_factory = default_factory
        self.init = init
        self.repr = repr
        self.compare = compare


def field(*, default: Any = _MISSING, default_factory=None, init: bool = True, repr: bool = True,
          compare: bool = True) -> Any:
    return Field(default, default_factory, init, repr, compare)


def record(cls=None, /, *, frozen: bool = False):
    """Make `cls` a record class; `@record` or `@record(frozen=True)`."""
    if cls is None:
        return lambda c: _make(c, frozen)
    return _make(cls, frozen)


def replace(obj, **changes):
    """A copy of a record with some fields changed (as `dataclasses.replace`)."""
    values = {name: getattr(obj, name) for name in type(obj).__match_args__}
    values.update(changes)
    return type(obj)(**values)


def _make(cls: type, frozen: bool) -> type:
    namespace = dict(cls.__dict__)
    names = tuple(namespace.get("__annotations__", {}))
    fields = {}
    for name in names:
        value = namespace.pop(name, _MISSING)
        fields[name] = value if isinstance(value, Field) else Field(default=value)
    namespace.pop("__dict__", None)
    namespace.pop("__weakref__", None)
    namespace["__slots__"] = names
    namespace["__match_args__"] = tuple(n for n in names if fields[n].init)
    new = type(cls)(cls.__name__, cls.__bases__, namespace)
    new.__qualname__ = cls.__qualname__

    methods = {"__init__": _init(new, fields, frozen)}
    methods.update(_value_methods(tuple(n for n in names if fields[n].compare),
                                  tuple(n for n in names if fields[n].repr)))
    if frozen:
        methods.update(_frozen_methods(new, names))
    else:
        methods["__hash__"] = None  # mutable and compared by value: not hashable
    for name, method in methods.items():
        if method is not None:
            method.__qualname__ = f"{new.__qualname__}.{name}"
        setattr(new, name, method)
    return new


def _init(cls: type, fields: dict[str, Field], frozen: bool):
    """Compile `__init__`. A mutable record assigns its slots; a frozen one, whose
    `__setattr__` refuses, sets each slot through its descriptor (faster than going around
    `__setattr__` with `object.__setattr__`)."""
    env: dict[str, Any] = {"_MISSING": _MISSING}
    params: list[str] = []
    defaults: list[Any] = []
    body: list[str] = []
    for name, f in fields.items():
        env[f"_set_{name}"] = cls.__dict__[name].__set__
        if f.default_factory is not None:
            env[f"_factory_{name}"] = f.default_factory
        if not f.init:
            if f.default_factory is not None:
                value = f"_factory_{name}()"
            elif f.default is not _MISSING:
                env[f"_default_{name}"] = f.default
                value = f"_default_{name}"
            else:
                raise TypeError(f"{cls.__qualname__}.{name}: a field left out of __init__ needs a default")
        else:
            params.append(name)
            value = name
            if f.default_factory is not None:
                defaults.append(_MISSING)
                value = f"_factory_{name}() if {name} is _MISSING else {name}"
            elif f.default is not _MISSING:
                defaults.append(f.default)
            elif defaults:
                raise TypeError(f"{cls.__qualname__}: non-default argument {name!r} follows default argument")
        body.append(f"    _set_{name}(self, {value})" if frozen else f"    self.{name} = {value}")
    if hasattr(cls, "__post_init__"):
        body.append("    self.__post_init__()")
    source = f"def __init__(self, {', '.join(params)}):\n" + ("\n".join(body) or "    pass") + "\n"
    exec(compile(source, f"<record {cls.__qualname__}>", "exec"), env)
    init = env["__init__"]
    init.__defaults__ = tuple(defaults) or None
    return init


def _values(names: tuple[str, ...]):
    """A function from a record to the tuple of the named fields' values."""
    if len(names) > 1:
        return attrgetter(*names)
    if names:
        one = attrgetter(names[0])
        return lambda obj: (one(obj),)
    return lambda obj: ()


def _value_methods(compared: tuple[str, ...], shown: tuple[str, ...]) -> dict:
    key = _values(compared)
    shown_values = _values(shown)

    def __eq__(self, other):
        if other.__class__ is self.__class__:
            return key(self) == key(other)
        return NotImplemented

    def __repr__(self):
        pairs = ", ".join(f"{n}={v!r}" for n, v in zip(shown, shown_values(self)))
        return f"{self.__class__.__qualname__}({pairs})"

    return {"__eq__": __eq__, "__repr__": __repr__, "__hash__": lambda self: hash(key(self))}


def _frozen_methods(cls: type, names: tuple[str, ...]) -> dict:
    every = _values(names)
    setters = tuple(cls.__dict__[n].__set__ for n in names)

    def __setattr__(self, name, value):
        from dataclasses import FrozenInstanceError

        raise FrozenInstanceError(f"cannot assign to field {name!r}")

    def __delattr__(self, name):
        from dataclasses import FrozenInstanceError

        raise FrozenInstanceError(f"cannot delete field {name!r}")

    def __getstate__(self):
        return every(self)

    def __setstate__(self, state):
        for set_slot, value in zip(setters, state):
            set_slot(self, value)

    return {"__setattr__": __setattr__, "__delattr__": __delattr__,
            "__getstate__": __getstate__, "__setstate__": __setstate__}

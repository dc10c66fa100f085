"""Record classes: what `@dataclass(slots=True)` makes, at a fraction of its import cost.

The model, the diagnostics and the settings are some thirty small classes, and `dataclasses`
compiles six to eight generated methods for each of them at every start (about 1.5 ms a
class). `@record` compiles one, the constructor (`__init__`, or a frozen record's `__new__`),
which stays generated because records are made by the thousand while a cable is checked.
Equality, hashing, repr, immutability and pickling are shared functions that read the fields
through one `operator.attrgetter`.

    @record(frozen=True)
    class Tag:
        text: str
        span: Span
        kind: str = "word"
        notes: tuple[str, ...] = field(default=(), compare=False)

Every annotated name of the class body is a field, in order. The class gets `__slots__`,
`__init__` (a frozen one `__new__`; then `__post_init__`, when defined), `__repr__`, `__eq__`
and `__match_args__`;
a frozen record also `__hash__` and refuses assignment. Behaviour is that of
`dataclass(slots=True, frozen=...)`; base classes' fields are not collected. A frozen record's
slots are held by a plain base class made with it (`TagSlots` for `Tag`; see `_frozen_new`).
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
    namespace["__match_args__"] = tuple(n for n in names if fields[n].init)
    if frozen:
        # The slots live in a plain base class; see _frozen_new.
        slots = type(cls)(f"{cls.__name__}Slots", cls.__bases__,
                          {"__slots__": names, "__module__": cls.__module__})
        namespace["__slots__"] = ()
        new = type(cls)(cls.__name__, (slots,), namespace)
    else:
        namespace["__slots__"] = names
        new = type(cls)(cls.__name__, cls.__bases__, namespace)
    new.__qualname__ = cls.__qualname__

    if frozen:
        new.__record_fields__ = fields
        methods = {"__new__": _frozen_new(new, fields)}
        methods.update(_frozen_methods(new))
    else:
        methods = {"__init__": _init(new, fields)}
        methods["__hash__"] = None  # mutable and compared by value: not hashable
    methods.update(_value_methods(tuple(n for n in names if fields[n].compare),
                                  tuple(n for n in names if fields[n].repr)))
    for name, method in methods.items():
        if method is not None:
            method.__qualname__ = f"{new.__qualname__}.{name}"
        setattr(new, name, method)
    return new


def _parameters(cls: type, fields: dict[str, Field], env: dict) -> tuple[list[str], list, list[tuple[str, str]]]:
    """The parameters, their defaults, and (field, expression) for each field's value."""
    params: list[str] = []
    defaults: list[Any] = []
    values: list[tuple[str, str]] = []
    for name, f in fields.items():
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
        values.append((name, value))
    return params, defaults, values


def _compile(cls: type, name: str, params: list[str], body: list[str], env: dict, defaults: list):
    source = f"def {name}({', '.join(params)}):\n" + "\n".join(body) + "\n"
    exec(compile(source, f"<record {cls.__qualname__}>", "exec"), env)
    function = env[name]
    function.__defaults__ = tuple(defaults) or None
    return function


def _init(cls: type, fields: dict[str, Field]):
    """Compile a mutable record's `__init__`: it assigns the slots."""
    env: dict[str, Any] = {"_MISSING": _MISSING}
    params, defaults, values = _parameters(cls, fields, env)
    body = [f"    self.{name} = {value}" for name, value in values]
    if hasattr(cls, "__post_init__"):
        body.append("    self.__post_init__()")
    return _compile(cls, "__init__", ["self", *params], body or ["    pass"], env, defaults)


def _frozen_new(cls: type, fields: dict[str, Field], maker: bool = False):
    """Compile a frozen record's `__new__`; with `maker`, a plain function of the fields that
    makes a `cls` (one call less than `cls(...)`, for records made very often).

    A frozen record refuses assignment, so its slots cannot be assigned as a mutable record's
    are, and setting each through its descriptor costs several times as much (records are made
    by the thousand for each cable). Instead the object is made as the plain base class that
    holds the slots, its slots are assigned, and then it becomes a `cls`: the two classes have
    the same layout, so Python allows the change of class.
    """
    env: dict[str, Any] = {"_MISSING": _MISSING, "_object_new": object.__new__,
                           "_slots": cls.__base__, "_cls": cls}
    params, defaults, values = _parameters(cls, fields, env)
    body = [f"    self = {_new_slots(cls)}"]
    body += [f"    self.{name} = {value}" for name, value in values]
    body.append("    self.__class__ = _cls" if maker else "    self.__class__ = cls")
    if hasattr(cls, "__post_init__"):
        body.append("    self.__post_init__()")
    body.append("    return self")
    if maker:
        return _compile(cls, "make", params, body, env, defaults)
    return _compile(cls, "__new__", ["cls", *params], body, env, defaults)


def _new_slots(cls: type) -> str:
    """The expression that makes a frozen record's slots object: a call of the slots class,
    quicker than object.__new__(_slots) (whose checks of its arguments cost more than the
    class's own __init__), where no base class brings a __new__ or __init__ of its own."""
    slots = cls.__base__
    if slots.__new__ is object.__new__ and slots.__init__ is object.__init__:
        return "_slots()"
    return "_object_new(_slots)"


def maker(cls: type):
    """A function of a frozen record's fields, by position or name, that makes one."""
    return _frozen_new(cls, cls.__record_fields__, maker=True)


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


def _frozen_methods(cls: type) -> dict:
    every = _values(cls.__base__.__slots__)

    def __setattr__(self, name, value):
        from dataclasses import FrozenInstanceError

        raise FrozenInstanceError(f"cannot assign to field {name!r}")

    def __delattr__(self, name):
        from dataclasses import FrozenInstanceError

        raise FrozenInstanceError(f"cannot delete field {name!r}")

    def __reduce__(self):
        return _rebuild, (self.__class__, every(self))

    return {"__setattr__": __setattr__, "__delattr__": __delattr__, "__reduce__": __reduce__}


def _rebuild(cls: type, values: tuple):
    """A frozen record from the values of all its slots (for pickle and copy)."""
    rebuild = cls.__dict__.get("__record_rebuild__")
    if rebuild is None:  # compiled on first use: most runs never unpickle a record
        rebuild = cls.__record_rebuild__ = _rebuilder(cls)
    return rebuild(*values)


def _rebuilder(cls: type):
    """Compile a function of every slot's value that makes a `cls` as _frozen_new does, with
    no defaults and no __post_init__: results sent back by worker processes are thousands of
    records, and assigning their slots one setattr() call at a time took a third of loading them."""
    names = cls.__base__.__slots__
    env: dict[str, Any] = {"_object_new": object.__new__, "_slots": cls.__base__, "_cls": cls}
    body = [f"    self = {_new_slots(cls)}"]
    body += [f"    self.{name} = {name}" for name in names]
    body += ["    self.__class__ = _cls", "    return self"]
    return _compile(cls, "rebuild", list(names), body, env, [])

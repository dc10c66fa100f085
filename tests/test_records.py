"""Records behave as the dataclasses they replace: construction, equality, hashing, immutability."""

import copy
import dataclasses
import pickle

import pytest

from cablelint.records import field, maker, record, replace


@record(frozen=True)
class Point:
    x: int
    y: int = 0
    tags: tuple = field(default_factory=tuple)
    note: str = field(default="", compare=False, repr=False)


@record
class Counter:
    name: str
    seen: list = field(default_factory=list)
    total: int = field(default=0, init=False)

    def __post_init__(self) -> None:
        self.total = len(self.seen)


def test_construction_by_position_and_keyword_with_defaults():
    assert Point(1) == Point(x=1, y=0, tags=())
    assert Point(1, 2, ("a",)).tags == ("a",)
    assert Point.__match_args__ == ("x", "y", "tags", "note")
    with pytest.raises(TypeError):
        Point()
    with pytest.raises(TypeError):
        Point(1, z=3)


def test_factories_make_a_new_value_each_time():
    a, b = Counter("a"), Counter("b")
    a.seen.append(1)
    assert b.seen == []


def test_post_init_and_fields_left_out_of_init():
    assert Counter("a", [1, 2]).total == 2
    with pytest.raises(TypeError):
        Counter("a", [], 5)


def test_equality_hash_and_repr_follow_the_compared_fields():
    assert Point(1, 2, note="x") == Point(1, 2, note="y")
    assert hash(Point(1, 2, note="x")) == hash(Point(1, 2))
    assert Point(1, 2) != Point(2, 1)
    assert Point(1) != (1, 0, ())
    assert repr(Point(1, 2)) == "Point(x=1, y=2, tags=())"
    assert Counter("a") == Counter("a")
    with pytest.raises(TypeError):
        hash(Counter("a"))


def test_frozen_records_refuse_assignment_and_have_no_dict():
    p = Point(1)
    with pytest.raises(dataclasses.FrozenInstanceError):
        p.x = 2
    with pytest.raises(dataclasses.FrozenInstanceError):
        del p.x
    with pytest.raises(AttributeError):
        p.__dict__
    c = Counter("a")
    c.name = "b"
    assert c.name == "b"


def test_pickle_copy_and_replace():
    p = Point(1, 2, ("a",), note="n")
    for q in (pickle.loads(pickle.dumps(p)), copy.copy(p), copy.deepcopy(p)):
        assert q == p and q.note == "n"
        assert type(q) is Point and (q.x, q.y, q.tags) == (1, 2, ("a",))
        with pytest.raises(dataclasses.FrozenInstanceError):
            q.x = 3
    assert replace(p, y=5) == Point(1, 5, ("a",))
    assert replace(p, y=5).note == "n"
    c = pickle.loads(pickle.dumps(Counter("a", [1])))
    assert (c.name, c.seen, c.total) == ("a", [1], 1)


def test_a_field_without_default_after_one_with_is_refused():
    with pytest.raises(TypeError):
        @record
        class Bad:
            a: int = 0
            b: int


@record(frozen=True)
class Line:
    words: tuple
    count: int = field(default=0, init=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "count", len(self.words))


def test_a_frozen_record_is_its_own_class_with_the_slots_in_a_base():
    p = Point(1)
    assert type(p) is Point and isinstance(p, Point)
    assert Point.__base__.__slots__ == ("x", "y", "tags", "note") and Point.__slots__ == ()
    assert Point.__base__.__name__ == "PointSlots"


def test_maker_makes_the_same_record_as_the_class():
    make = maker(Point)
    assert make(1, 2) == Point(1, 2) and type(make(1)) is Point
    assert make(1, note="n").note == "n" and make(1).tags == ()
    with pytest.raises(dataclasses.FrozenInstanceError):
        make(1).x = 3
    assert maker(Line)(("a", "b")).count == 2


def test_fields_left_out_of_init_survive_pickle_and_copy():
    line = Line(("a", "b"))
    for q in (pickle.loads(pickle.dumps(line)), copy.copy(line), copy.deepcopy(line)):
        assert (type(q), q.words, q.count) == (Line, ("a", "b"), 2)
    with pytest.raises(TypeError):
        Line(("a",), 3)

"""The boundary format: plain values round-trip; forged or hostile frames are refused before allocation."""

import io
import struct

import numpy as np
import pytest

from grader import wire


def test_round_trip_of_plain_values():
    value = {"a": [1, 2.5, float("nan"), float("-inf"), "x", None, True], "m": np.arange(6.0).reshape(2, 3)}
    tree, blobs = wire.encode(value)
    header, got_blobs = wire.unpack(wire.pack({"value": tree}, blobs)[4:])
    out = wire.decode(header["value"], got_blobs)
    assert out["a"][:2] == [1, 2.5] and np.isnan(out["a"][2]) and out["a"][3] == -np.inf
    np.testing.assert_array_equal(out["m"], value["m"])
    assert type(out["m"]) is np.ndarray


@pytest.mark.parametrize("bad", [object(), np.array(["a"]), np.array([1 + 2j]), {1: 2}, 2**70])
def test_unsupported_values_are_refused(bad):
    with pytest.raises(wire.WireError):
        wire.encode(bad)


def test_subclass_of_ndarray_is_refused():
    class Sneaky(np.ndarray):
        def __eq__(self, other):
            return True

    with pytest.raises(wire.WireError):
        wire.encode(np.zeros(3).view(Sneaky))


def test_npy_header_claiming_a_huge_shape_is_refused_without_allocating():
    buf = io.BytesIO()
    np.lib.format.write_array(buf, np.zeros(2))
    forged = buf.getvalue().replace(b"(2,)", b"(10000000000000,)")
    with pytest.raises(wire.WireError):
        wire.decode({"__ndarray__": 0}, [forged])


def test_object_arrays_and_pickles_never_decode():
    buf = io.BytesIO()
    np.lib.format.write_array(buf, np.array([{"x": 1}], dtype=object), allow_pickle=True)
    with pytest.raises(wire.WireError):
        wire.decode({"__ndarray__": 0}, [buf.getvalue()])


def test_malformed_frames_and_json_constants_are_refused():
    with pytest.raises(wire.WireError):
        wire.unpack(struct.pack("!I", 3) + b"NaN")
    with pytest.raises(wire.WireError):
        wire.decode({"__ndarray__": 5}, [])
    with pytest.raises(wire.WireError):
        wire.FrameReader(limit=10).feed(struct.pack("!I", 11) + b"x" * 11)


def test_zero_dimensional_arrays_keep_their_shape():
    tree, blobs = wire.encode(np.array(2.5))
    assert wire.decode(tree, blobs).shape == ()


@pytest.mark.parametrize(
    "tagged",
    [
        {"__ndarray__": [1, 2], "dtype": "complex128"},
        {"__tensor__": [1, 2], "dtype": "complex64"},
        {"__ndarray__": ["a"], "dtype": "str"},
        {"__ndarray__": [1], "dtype": "object"},
        {"__ndarray__": [1], "dtype": "datetime64[s]"},
        {"__ndarray__": [1], "dtype": "no-such-dtype"},
        {"__ndarray__": [1], "dtype": ["float64"]},
        {"__ndarray__": ["1.5"]},  # numpy would parse the string; cases.json must hold numbers
        {"__ndarray__": [[1, 2], [3]]},
        {"__ndarray__": [300], "dtype": "int8"},
        {"__ndarray__": [1], "shape": [1]},
        2**63,
        [-(2**63) - 1],
    ],
)
def test_cases_json_values_the_wire_cannot_carry_are_refused(tagged):
    with pytest.raises(wire.WireError):
        wire.from_tagged_json({"x": tagged})


def test_cases_json_nesting_is_bounded():
    deep = 0
    for _ in range(wire.MAX_DEPTH + 2):
        deep = [deep]
    with pytest.raises(wire.WireError):
        wire.from_tagged_json(deep)


def test_cases_json_tags_become_arrays_and_tensors():
    value = wire.from_tagged_json(
        [{"__ndarray__": [[1, 2]], "dtype": "int32"}, {"__tensor__": [True]}, {"a": 2**63 - 1}]
    )
    assert value[0].dtype == np.int32 and value[0].shape == (1, 2)
    assert isinstance(value[1], wire.TensorData) and value[1].array.dtype == np.float64
    assert value[2] == {"a": 2**63 - 1}

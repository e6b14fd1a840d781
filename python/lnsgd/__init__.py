"""lnsgd from Python: the pure core of the `lnsgd` CLI, compiled ahead of time (NativeAOT)
into ``_native/lnsgd_native.so`` and called through its C ABI with ctypes.

Build the library once from the repository root::

    dotnet publish Native -c Release -o python/lnsgd/_native

then ``PYTHONPATH=python python3 -c "import lnsgd; print(lnsgd.run(steps=1000)['mean_cos'][-1])"``.
Set ``LNSGD_NATIVE`` to load the shared library from another path.
"""

import ctypes
import os

import numpy as np

__all__ = ["run", "columns", "LnsgdError"]


class LnsgdError(ValueError):
    """A config the CLI would refuse (the message is the CLI's line), or a run that diverged.

    For a divergence, ``result`` holds the metrics recorded before it (no ``W``, ``a``).
    """

    def __init__(self, message, result=None):
        super().__init__(message)
        self.result = result


_lib = None


def _native():
    global _lib
    if _lib is None:
        path = os.environ.get("LNSGD_NATIVE") or os.path.join(os.path.dirname(__file__), "_native", "lnsgd_native.so")
        if not os.path.exists(path):
            raise OSError(f"{path} not found: build it with `dotnet publish Native -c Release -o python/lnsgd/_native`")
        lib = ctypes.CDLL(path)
        p_double = ctypes.POINTER(ctypes.c_double)
        lib.lnsgd_run.argtypes = [ctypes.c_char_p, ctypes.POINTER(ctypes.c_char_p), ctypes.POINTER(ctypes.c_char_p),
                                  ctypes.c_int, ctypes.POINTER(ctypes.c_void_p)]
        lib.lnsgd_run.restype = ctypes.c_int
        lib.lnsgd_last_error.argtypes = []
        lib.lnsgd_last_error.restype = ctypes.c_char_p
        lib.lnsgd_shape.argtypes = [ctypes.c_void_p, ctypes.POINTER(ctypes.c_int64), ctypes.POINTER(ctypes.c_int),
                                    ctypes.POINTER(ctypes.c_int), ctypes.POINTER(ctypes.c_int)]
        lib.lnsgd_shape.restype = ctypes.c_int
        lib.lnsgd_column_name.argtypes = [ctypes.c_int]
        lib.lnsgd_column_name.restype = ctypes.c_char_p
        lib.lnsgd_column.argtypes = [ctypes.c_void_p, ctypes.c_int]
        lib.lnsgd_column.restype = p_double
        lib.lnsgd_final.argtypes = [ctypes.c_void_p, ctypes.POINTER(p_double), ctypes.POINTER(p_double)]
        lib.lnsgd_final.restype = ctypes.c_int
        lib.lnsgd_free.argtypes = [ctypes.c_void_p]
        lib.lnsgd_free.restype = None
        _lib = lib
    return _lib


class _Run:
    """Owns one native run; its buffers are freed when the last array viewing them is gone."""

    def __init__(self, handle):
        self.handle = handle

    def __del__(self):
        if self.handle:
            _native().lnsgd_free(self.handle)
            self.handle = None


def _view(owner, pointer, shape):
    """A read-only numpy array over native memory (no copy) that keeps ``owner`` alive."""
    count = int(np.prod(shape))
    buffer = (ctypes.c_double * count).from_address(ctypes.addressof(pointer.contents)) if count else (ctypes.c_double * 0)()
    buffer._owner = owner
    array = np.frombuffer(buffer, dtype=np.float64, count=count).reshape(shape)
    array.flags.writeable = False
    return array


def _text(value):
    if isinstance(value, bool):
        raise TypeError("lnsgd config values are numbers or strings, not booleans")
    if isinstance(value, float):
        return repr(value)  # the shortest text that parses back to the same double
    return str(value)


def columns():
    """The metrics.csv column names, in order."""
    lib = _native()
    names, i = [], 0
    while (name := lib.lnsgd_column_name(i)) is not None:
        names.append(name.decode())
        i += 1
    return names


def run(preset="fig2", steps=None, **overrides):
    """Run ``preset`` (None: the defaults) as ``lnsgd run PRESET --steps STEPS --set key=value ...``.

    Returns a dict: every metrics.csv column name -> a float64 numpy array with one value per
    recorded step (``step`` as int64), bit-identical to the CLI's metrics.csv; ``W`` (m x d) and
    ``a`` (m,) are the final weights. The float arrays view the library's memory (read-only, no
    copy). Raises LnsgdError with the CLI's line for a refused config or a divergence.
    """
    lib = _native()
    pairs = list(overrides.items())
    if steps is not None:
        pairs.append(("steps", steps))
    keys = (ctypes.c_char_p * max(1, len(pairs)))(*[k.encode() for k, _ in pairs])
    values = (ctypes.c_char_p * max(1, len(pairs)))(*[_text(v).encode() for _, v in pairs])
    handle = ctypes.c_void_p()
    code = lib.lnsgd_run((preset or "").encode(), keys, values, len(pairs), ctypes.byref(handle))
    message = lib.lnsgd_last_error().decode() if code else None
    if not handle.value:
        raise LnsgdError(message)
    owner = _Run(handle.value)
    rows, ncols, m, d = ctypes.c_int64(), ctypes.c_int(), ctypes.c_int(), ctypes.c_int()
    lib.lnsgd_shape(owner.handle, ctypes.byref(rows), ctypes.byref(ncols), ctypes.byref(m), ctypes.byref(d))
    result = {}
    for i, name in enumerate(columns()):
        column = _view(owner, lib.lnsgd_column(owner.handle, i), (rows.value,))
        result[name] = column.astype(np.int64) if name == "step" else column
    if code == 3:
        raise LnsgdError(message, result)
    w, a = ctypes.POINTER(ctypes.c_double)(), ctypes.POINTER(ctypes.c_double)()
    lib.lnsgd_final(owner.handle, ctypes.byref(w), ctypes.byref(a))
    result["W"] = _view(owner, w, (m.value, d.value))
    result["a"] = _view(owner, a, (m.value,))
    return result

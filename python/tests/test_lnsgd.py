"""The Python package against the CLI: same metrics and weights bit for bit, same refusals.

Needs the native library (``dotnet publish Native -c Release -o python/lnsgd/_native``) and the
CLI built (``dotnet build Functional.sln -c Release``; ``LNSGD_CLI`` may name lnsgd.dll).
"""

import csv
import gc
import os
import subprocess
import sys
import tempfile
import unittest

import numpy as np

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
sys.path.insert(0, os.path.join(ROOT, "python"))

import lnsgd  # noqa: E402

CLI = os.environ.get("LNSGD_CLI") or os.path.join(ROOT, "Shell", "bin", "Release", "net10.0", "lnsgd.dll")


def cli(*args):
    return subprocess.run(["dotnet", CLI, *args], capture_output=True, text=True)


def cli_run(preset, steps, sets, out, *extra):
    args = ["run", preset, "--steps", str(steps), "--out", out, "--quiet", "--no-plots", *extra]
    for key, value in sets.items():
        args += ["--set", f"{key}={value}"]
    return cli(*args)


def bits(a):
    return np.ascontiguousarray(a, dtype=np.float64).view(np.uint64)


class AgainstTheCli(unittest.TestCase):
    def check_same_run(self, preset, steps, sets):
        with tempfile.TemporaryDirectory() as tmp:
            done = cli_run(preset, steps, sets, os.path.join(tmp, "run"), "--export-npz")
            self.assertEqual(done.returncode, 0, done.stderr)
            with open(os.path.join(tmp, "run", "metrics.csv"), newline="") as f:
                table = list(csv.reader(f))
            final = np.load(os.path.join(tmp, "run", "final.npz"))
            result = lnsgd.run(preset=preset, steps=steps, **sets)
            header, rows = table[0], table[1:]
            self.assertEqual(header, lnsgd.columns())
            self.assertEqual(len(rows), len(result["step"]))
            for j, name in enumerate(header):
                column = result[name]
                if name == "step":
                    self.assertEqual(column.dtype, np.int64)
                    self.assertEqual(column.tolist(), [int(r[j]) for r in rows])
                else:
                    # float() of the CSV's round-trip text is the exact double the CLI wrote.
                    self.assertTrue(np.array_equal(bits(column), bits([float(r[j]) for r in rows])), name)
            self.assertTrue(np.array_equal(bits(result["W"]), bits(final["W"])))
            self.assertTrue(np.array_equal(bits(result["a"]), bits(final["a"])))

    def test_fig2_on_the_default_engine_equals_the_clis_csv_and_weights(self):
        self.check_same_run("fig2", 3000, {"record_every": 500})

    def test_overrides_of_every_kind_equal_the_clis_run(self):
        self.check_same_run("fig4-sam-noise", 700, {"m": 40, "eta": 0.002, "noise": "gaussian", "batch": 3,
                                                    "schedule": "periodic", "period_on": 100, "record_every": 100})

    def test_refusals_carry_the_clis_line(self):
        for sets in ({"eta": -1}, {"optimizer": "adam"}, {"batch": 500}, {"m": 0}, {"schedule": "cosine"},
                     {"engine": "gram", "m": 10}, {"no_such_key": 1}):
            with self.subTest(sets=sets), tempfile.TemporaryDirectory() as tmp:
                done = cli_run("fig2", 10, sets, os.path.join(tmp, "run"))
                self.assertEqual(done.returncode, 2)
                with self.assertRaises(lnsgd.LnsgdError) as caught:
                    lnsgd.run(preset="fig2", steps=10, **sets)
                self.assertEqual(f"lnsgd: {caught.exception}", done.stderr.strip())
        with self.assertRaises(lnsgd.LnsgdError) as caught:
            lnsgd.run(preset="fig9")
        self.assertTrue(str(caught.exception).startswith("unknown preset 'fig9' (known: fig2, "))


class Arrays(unittest.TestCase):
    def test_float_arrays_view_the_librarys_memory_and_outlive_the_dict(self):
        result = lnsgd.run(preset="fig2", steps=200, m=30, record_every=50)
        w, cos = result["W"], result["mean_cos"]
        self.assertFalse(w.flags.owndata or cos.flags.owndata or w.flags.writeable)
        self.assertEqual((w.shape, result["a"].shape, cos.shape), ((30, 20), (30,), (5,)))
        expected = (w.copy(), cos.copy())
        del result
        gc.collect()
        lnsgd.run(preset="fig2", steps=50, m=30)  # allocates and frees again
        self.assertTrue(np.array_equal(w, expected[0]) and np.array_equal(cos, expected[1]))

    def test_a_divergence_raises_with_the_rows_recorded_before_it(self):
        with self.assertRaises(lnsgd.LnsgdError) as caught:
            lnsgd.run(preset="fig2", steps=2000, m=30, eta=30.0, record_every=1)
        self.assertIn("diverged at step", str(caught.exception))
        self.assertGreater(len(caught.exception.result["step"]), 0)
        self.assertNotIn("W", caught.exception.result)


if __name__ == "__main__":
    unittest.main()

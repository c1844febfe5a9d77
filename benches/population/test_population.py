"""Tests of the corpus generator and the scorer.

    target/population-venv/bin/python -m unittest discover -s benches/population -p 'test_*.py'
"""

from __future__ import annotations

import json
import random
import sys
import unittest
from pathlib import Path

sys.dont_write_bytecode = True
sys.path.insert(0, str(Path(__file__).resolve().parent))

import generate  # noqa: E402
import pools  # noqa: E402
import score  # noqa: E402
import texts  # noqa: E402


class ScoreTests(unittest.TestCase):
    def test_auc_equals_the_pairwise_count_with_ties_as_half(self):
        rng = random.Random(3)
        for _ in range(200):
            step = rng.choice([1, 5, 20])
            pos = [rng.randrange(0, 101, step) for _ in range(rng.randint(1, 30))]
            neg = [rng.randrange(0, 101, step) for _ in range(rng.randint(1, 30))]
            brute = sum((p > n) + 0.5 * (p == n) for p in pos for n in neg) / (len(pos) * len(neg))
            self.assertAlmostEqual(score.auc(pos, neg), brute, places=12)

    def test_auc_of_a_perfect_and_a_reversed_ranking(self):
        self.assertEqual(score.auc([90, 80], [10, 20, 30]), 1.0)
        self.assertEqual(score.auc([10], [90, 80]), 0.0)

    def test_wilson_interval_holds_the_rate_and_stays_in_bounds(self):
        for k, n in [(0, 10), (10, 10), (3, 40), (688, 688)]:
            lo, hi = score.wilson(k, n)
            self.assertTrue(0.0 <= lo <= k / n <= hi <= 1.0, (k, n, lo, hi))

    def test_rates_count_high_and_medium_or_above(self):
        listing = {"a": (90.0, "high", {}), "b": (50.0, "medium", {}), "c": (10.0, "low", {}),
                   "d": (75.0, "high", {}), "e": (45.0, "medium", {})}
        labels = {"a": 1, "b": 1, "c": 1, "d": 0, "e": 0}
        res = score.score(listing, labels, None)
        self.assertEqual(res["high"]["recall"]["count"], 1)
        self.assertEqual(res["medium_or_above"]["recall"]["count"], 2)
        self.assertEqual(res["high"]["false_alarm_rate"]["count"], 1)
        self.assertEqual(res["medium_or_above"]["false_alarm_rate"]["count"], 2)
        self.assertAlmostEqual(res["auc"], 3 / 6)


class GrammarTests(unittest.TestCase):
    def test_choices_nest_and_slots_fill(self):
        rng = random.Random(1)
        seen = {texts.expand("[a|b [c|d]] {x}.", rng, {"x": "z"}) for _ in range(200)}
        self.assertEqual(seen, {"a z.", "b c z.", "b d z."})

    def test_a_missing_slot_is_an_error(self):
        with self.assertRaises(KeyError):
            texts.expand("{nope}", random.Random(1), {})


class WorldTests(unittest.TestCase):
    def test_world_specific_pools_are_disjoint(self):
        generate.check_worlds_disjoint()  # raises SystemExit on any shared value
        for lists in pools.LATIN_NAMES.values():
            for lst in lists:
                self.assertFalse(set(pools.split(lst, "tune")) & set(pools.split(lst, "heldout")))

    def test_a_world_is_the_same_for_the_same_seed_and_differs_for_another(self):
        def reports(seed):
            w = generate.build_world("tune", seed, 300, 0.125)
            return json.dumps([r for r, _ in w.reports], sort_keys=True), w

        a, wa = reports(7)
        b, _ = reports(7)
        c, _ = reports(8)
        self.assertEqual(a, b)
        self.assertNotEqual(a, c)
        labels = [m["label"] for _, m in wa.reports]
        self.assertEqual(len(labels), 300)
        self.assertEqual(sum(labels), round(300 * 0.125))

    def test_hostile_names_with_confusables_mix_scripts_and_genuine_native_names_do_not(self):
        rng = random.Random(5)
        for _ in range(100):
            name = generate.homoglyph_name(rng, "Sarah Mitchell")
            self.assertNotEqual(name, "Sarah Mitchell")
        world = generate.World("heldout", 1, 200, 0.125)
        for _ in range(50):
            full, _, _, script = world.native_name(rng)
            self.assertFalse(any("a" <= ch.lower() <= "z" for ch in full), full)


if __name__ == "__main__":
    unittest.main()

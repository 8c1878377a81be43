"""Flag predicates against production values: precision first (unknown never means off)."""

import pytest

from deadcode.analysis.flags import condition_holds, conditions_may_hold
from deadcode.facts.model import Condition
from deadcode.plan.conditions import evaluate

GRAFANA = Condition("ALERTING_BACKEND", "in", ("grafana", "both"))


@pytest.mark.parametrize(
    "cond,value,expected",
    [
        (GRAFANA, "native", False),
        (GRAFANA, "both", True),
        (Condition("X", "==", ("a",)), "a", True),
        (Condition("X", "!=", ("a",)), "a", False),
        (Condition("X", "not-in", ("a", "b")), "c", True),
        (Condition("X", "truthy"), False, False),
        (Condition("X", "truthy"), "false", False),
        (Condition("X", "falsy"), False, True),
        (Condition("X", "==", ("a",), negated=True), "a", False),
        (Condition("X", "unknown", text="X or Y"), "whatever", True),
        (Condition("ENABLE", "==", (True,)), "true", True),
    ],
)
def test_condition_holds(cond, value, expected):
    assert condition_holds(cond, value) is expected


def test_unconfigured_flag_may_hold():
    assert conditions_may_hold((GRAFANA,), {}) is True


def test_any_production_value_turning_it_on_keeps_it():
    assert conditions_may_hold((GRAFANA,), {"ALERTING_BACKEND": ("native",)}) is False
    assert conditions_may_hold((GRAFANA,), {"ALERTING_BACKEND": ("native", "grafana")}) is True


def test_elif_chain_needs_one_value_for_all_conditions():
    conds = (Condition("B", "==", ("a",), negated=True), Condition("B", "==", ("b",)))
    assert conditions_may_hold(conds, {"B": ("a",)}) is False
    assert conditions_may_hold(conds, {"B": ("b",)}) is True


@pytest.mark.parametrize(
    "test,values,expected",
    [
        ('settings.ALERTING_BACKEND in ("grafana", "both")', ("native",), False),
        ('settings.ALERTING_BACKEND in ("grafana", "both")', ("both",), True),
        ('settings.ALERTING_BACKEND == "native"', ("native",), True),
        ('"native" != settings.ALERTING_BACKEND', ("native",), False),
        ('os.getenv("ALERTING_BACKEND") == "grafana"', ("native",), False),
        ('settings.ALERTING_BACKEND == "grafana" and user.is_admin', ("native",), False),
        ('settings.ALERTING_BACKEND == "grafana" or user.is_admin', ("native",), None),
        ('not settings.ALERTING_BACKEND == "grafana"', ("native",), True),
        ("settings.OTHER", ("native",), None),
        ('settings.ALERTING_BACKEND in ("grafana",)', ("native", "grafana"), None),
    ],
)
def test_planner_evaluates_if_tests(test, values, expected):
    assert evaluate(test, "ALERTING_BACKEND", values) is expected

"""Energy and advice: deterministic, explained, for each default step and both strategies."""

from collections.abc import Iterator

import pytest
from django.core.exceptions import PermissionDenied
from django.utils import translation

from gezondewijk import hooks
from gezondewijk.cycle import energy, engine, selectors, services
from gezondewijk.cycle.models import RegionStrategy, Step, Strategy
from tests.conftest import World
from tests.initiatives.factories import InitiativeFactory


@pytest.fixture(autouse=True)
def _in_english() -> Iterator[None]:
    with translation.override("en"):
        yield


DEFAULT = ["verkennen", "verbinden", "kiezen", "doen", "meten", "borgen-en-delen"]


def _energy(score: int) -> engine.Energy:
    return engine.Energy(
        score,
        [
            engine.Component("believers", "Believers", score / 100, 1.0),
            engine.Component("active_initiatives", "Active initiatives", 0.9, 1.0),
        ],
    )


def _steps() -> list[Step]:
    return list(Step.objects.order_by("order"))


def test_the_default_steps_follow_the_source_model(db: None) -> None:
    assert [s.key for s in _steps()] == DEFAULT


def test_a_wijk_without_a_step_starts_with_exploring(db: None) -> None:
    advice = engine.advise(
        steps=_steps(), current=None, energy_now=_energy(80), strategy=Strategy.COMMUNITY
    )
    assert (advice.action, advice.step.key) == ("start", "verkennen")
    assert advice.reasons


@pytest.mark.parametrize(
    ("current", "score", "action", "advised"),
    [
        ("verkennen", 25, "advance", "verbinden"),
        ("verkennen", 10, "stay", "verkennen"),
        ("verbinden", 40, "advance", "kiezen"),
        ("verbinden", 30, "stay", "verbinden"),
        ("kiezen", 50, "advance", "doen"),
        ("kiezen", 10, "step_back", "verbinden"),
        ("doen", 55, "advance", "meten"),
        ("doen", 30, "stay", "doen"),
        ("meten", 70, "advance", "borgen-en-delen"),
        ("meten", 40, "stay", "meten"),
        ("borgen-en-delen", 50, "advance", "verkennen"),
        ("borgen-en-delen", 5, "advance", "verkennen"),  # a new round always starts
    ],
)
def test_advice_for_each_default_step(
    db: None, current: str, score: int, action: str, advised: str
) -> None:
    steps = _steps()
    now = next(s for s in steps if s.key == current)
    advice = engine.advise(
        steps=steps, current=now, energy_now=_energy(score), strategy=Strategy.COMMUNITY
    )
    assert (advice.action, advice.step.key) == (action, advised)
    assert str(advice.reasons[0]) == f"Energy is {score} out of 100."
    # Deterministic: the same inputs give the same advice.
    again = engine.advise(
        steps=steps, current=now, energy_now=_energy(score), strategy=Strategy.COMMUNITY
    )
    assert [str(r) for r in again.reasons] == [str(r) for r in advice.reasons]


def test_a_government_strategy_lowers_the_bar_for_choosing_and_changes_financing(
    db: None,
) -> None:
    steps = _steps()
    verbinden = steps[1]
    community = engine.advise(
        steps=steps, current=verbinden, energy_now=_energy(28), strategy=Strategy.COMMUNITY
    )
    government = engine.advise(
        steps=steps, current=verbinden, energy_now=_energy(28), strategy=Strategy.GOVERNMENT
    )
    assert community.action == "stay"
    assert government.action == "advance"
    assert any("government-driven" in str(r) for r in government.reasons)
    assert {str(f) for f in government.financing} != {str(f) for f in community.financing}


def test_energy_is_the_weighted_mean_of_the_registered_inputs(world: World) -> None:
    InitiativeFactory(lead=world.resident, wijken=[world.wijk])  # one live initiative
    result = engine.energy_for([world.wijk.pk, world.other_wijk.pk])
    parts = {c.key: c for c in result[world.wijk.pk].components}
    assert parts["active_initiatives"].value == pytest.approx(0.2)  # 1 of a target of 5
    assert parts["participation"].value == 0  # nobody answered a check or survey yet
    weights = sum(c.weight for c in result[world.wijk.pk].components)
    expected = round(100 * sum((c.value or 0) * c.weight for c in parts.values()) / weights)
    assert result[world.wijk.pk].score == expected
    assert result[world.other_wijk.pk].score < result[world.wijk.pk].score


def test_an_empty_registry_gives_no_energy(world: World) -> None:
    with hooks.cleared_temporarily(energy.ENERGY_INPUTS):
        result = engine.energy_for([world.wijk.pk])[world.wijk.pk]
    assert result.score == 0
    assert all(c.value is None for c in result.components)


def test_the_coordinator_records_a_step_and_the_state_follows(world: World) -> None:
    RegionStrategy.objects.create(region=world.region, strategy=Strategy.GOVERNMENT)
    step = Step.objects.get(key="verbinden")
    services.cycle_enter_step(actor=world.coordinator, wijk=world.wijk, step=step, notes="Start")
    current, _energy_now, advice = selectors.state_of(wijk=world.wijk)
    assert current == step
    assert advice is not None
    assert advice.reasons
    assert selectors.strategy_of(wijk=world.wijk) == Strategy.GOVERNMENT
    with pytest.raises(PermissionDenied):
        services.cycle_enter_step(actor=world.resident, wijk=world.wijk, step=step)

"""The quality the gold files hold us to (tests/gold/, annotated by hand; the BBC ones before any tuning)."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from kg.evaluation import Evaluation, evaluate

pytestmark = pytest.mark.model
GOLD = Path(__file__).resolve().parent / "gold"


def score(name: str) -> Evaluation:
    here = os.getcwd()
    os.chdir(GOLD.parents[1])  # the gold's article paths are relative to the checkout
    try:
        return evaluate(GOLD / name)
    finally:
        os.chdir(here)


@pytest.fixture(scope="module")
def seeds() -> Evaluation:
    return score("seeds.json")


@pytest.fixture(scope="module")
def bbc() -> Evaluation:
    return score("bbc-politics.json")


def test_seed_entities(seeds: Evaluation) -> None:
    assert seeds.entities.score.f1 >= 0.95, seeds.entities
    assert seeds.entities.duplicates == ()
    assert seeds.entities.type_errors == ()


def test_bbc_entities(bbc: Evaluation) -> None:
    assert bbc.entities.score.f1 >= 0.85, bbc.entities


def test_seed_relations_and_events(seeds: Evaluation) -> None:
    assert seeds.facts.relations.f1 >= 0.85, seeds.facts.missed_relations
    assert seeds.facts.events.recall >= 0.85, seeds.facts.missed_events


def test_bbc_relations(bbc: Evaluation) -> None:
    assert bbc.facts.relations.f1 >= 0.6, bbc.facts.missed_relations

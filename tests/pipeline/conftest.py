"""A build of the seeds shared by the pipeline tests (the real spaCy model; a few seconds, once)."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

import kg

ROOT = Path(__file__).resolve().parents[2]
SEEDS = ROOT / "seeds"


@pytest.fixture(scope="session")
def seed_build(tmp_path_factory: pytest.TempPathFactory) -> kg.BuildResult:
    out = tmp_path_factory.mktemp("seed-build")
    # as `kg build` run in a checkout: sources are recorded as given ("seeds/..."), relative to the checkout
    here = os.getcwd()
    os.chdir(ROOT)
    try:
        return kg.build(["seeds"], out=out, formats=("ttl", "trig", "nt", "nq", "jsonld"), view=False)
    finally:
        os.chdir(here)

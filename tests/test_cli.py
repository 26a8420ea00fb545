"""Every command and every option has help text, and every command appears in the README."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import typer
from typer.testing import CliRunner

from kg.cli import app

ROOT = Path(__file__).resolve().parents[1]


def commands() -> dict[str, typer.core.TyperCommand]:
    group = typer.main.get_command(app)
    return dict(group.commands)  # type: ignore[attr-defined]


def test_the_expected_commands_exist() -> None:
    assert {"build", "validate", "stats", "eval"} <= set(commands())


@pytest.mark.parametrize("name", sorted(commands()))
def test_every_command_and_option_has_help(name: str) -> None:
    command = commands()[name]
    assert command.help and len(command.help) > 20, name
    for param in command.params:
        if isinstance(param, typer.core.TyperOption):
            assert param.help, f"kg {name} {param.opts[0]} has no help"
        else:
            assert isinstance(param, typer.core.TyperArgument)
            assert param.help, f"kg {name} {param.name} has no help"
    result = CliRunner().invoke(app, [name, "--help"])
    assert result.exit_code == 0 and "Usage" in result.stdout


@pytest.mark.parametrize("name", sorted(commands()))
def test_every_command_is_in_the_readme(name: str) -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert re.search(rf"\bkg {name}\b", readme), f"README.md does not show `kg {name}`"


def test_the_readme_opens_with_the_two_quick_start_commands() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    head = readme[: readme.find("\n## ", readme.find("## Quick start") + 1)]
    assert "pip install . && kg build" in head
    assert "pip install '.[test]' && pytest" in head


def test_no_command_prints_a_traceback_on_a_missing_graph(tmp_path: Path) -> None:
    for name in ("validate", "stats"):
        result = CliRunner().invoke(app, [name, str(tmp_path / "missing.ttl")])
        assert result.exit_code == 2
        assert "K303" in result.stderr and "Traceback" not in result.stdout + result.stderr

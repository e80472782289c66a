"""Bad option values and unknown options or commands are one line on stderr with exit status 2."""

from __future__ import annotations

import pytest
from typer.testing import CliRunner

from eventlens.cli import app

runner = CliRunner()


@pytest.mark.parametrize(
    ("args", "says"),
    [
        (["query", "events", "--limit", "abc"], "Invalid value for '--limit'"),
        (["query", "events", "--bogus"], "No such option: --bogus"),
        (["query", "evnts"], "No such command 'evnts'"),
        (["extract", "--include-text=maybe", "x.txt"], "--include-text"),
    ],
)
def test_usage_mistakes_are_one_line_with_status_2(args, says, tmp_path):
    needs_db = args[0] == "query" and "evnts" not in args
    result = runner.invoke(app, args + ["--db", str(tmp_path / "none.duckdb")] if needs_db else args)
    assert result.exit_code == 2, result.output
    lines = [line for line in result.stderr.splitlines() if line.strip()]
    assert len(lines) == 1, result.stderr
    assert lines[0].startswith("error: ") and says in lines[0]
    assert "Traceback" not in result.output + result.stderr

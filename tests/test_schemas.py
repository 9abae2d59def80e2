"""JSON Schemas for editors' tools: generated from the model, committed, and in force."""

from __future__ import annotations

import datetime as dt
import json
import re

import jsonschema
import pytest
import yaml
from conftest import ROOT, cli

SCHEMAS = ROOT / "schemas"


def yaml_files():
    src = ROOT / "sources"
    return sorted(src.glob("*.yml")) + sorted((src / "articles").glob("*.yml"))


def schema_for(path):
    first = path.read_text("utf-8").splitlines()[0]
    m = re.fullmatch(r"# yaml-language-server: \$schema=(\S+)", first)
    assert m, f"{path.name} does not start with a yaml-language-server $schema line"
    target = (path.parent / m.group(1)).resolve()
    assert target.parent == SCHEMAS and target.is_file(), target
    return json.loads(target.read_text("utf-8"))


def as_json(value):
    """What an editor's YAML tool sends the schema: dates are strings."""
    if isinstance(value, dict):
        return {str(k): as_json(v) for k, v in value.items()}
    if isinstance(value, list):
        return [as_json(v) for v in value]
    return value.isoformat() if isinstance(value, dt.date) else value


def test_committed_schemas_are_up_to_date():
    result = cli(ROOT, "schemas", "--check")
    assert result.returncode == 0, result.stderr


@pytest.mark.parametrize("path", yaml_files(), ids=lambda p: p.name)
def test_every_source_file_validates_against_its_schema(path):
    jsonschema.validate(as_json(yaml.safe_load(path.read_text("utf-8"))), schema_for(path))


ARTICLE = ROOT / "sources/articles/saqr-podcast-palace-last-moments.yml"


@pytest.mark.parametrize("change", [
    lambda d: d.update(sumary=d.pop("summary")),              # unknown field
    lambda d: d.pop("language"),                              # missing required field
    lambda d: d.update(language="en"),                        # not an allowed value
    lambda d: d.update(published="08/12/2024"),               # not a date form
    lambda d: d.update(people="bashar-al-assad"),             # wrong type
    lambda d: d.update(sha256="abc"),                         # not a sha256
], ids=["unknown-field", "missing", "enum", "date-form", "type", "sha256"])
def test_schemas_reject_bad_articles(change):
    data = as_json(yaml.safe_load(ARTICLE.read_text("utf-8")))
    change(data)
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate(data, schema_for(ARTICLE))


def test_registry_schema_rejects_bad_ids():
    path = ROOT / "sources/people.yml"
    data = as_json(yaml.safe_load(path.read_text("utf-8")))
    data["Bad_Id"] = data["kamel-saqr"]
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate(data, schema_for(path))

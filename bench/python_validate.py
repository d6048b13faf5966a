#!/usr/bin/env python3
"""The comparison the issue names: a JSON-Schema check of the same files with the popular Python
validator (`jsonschema`), against scimlint's own profile-mapping schema. Not part of scimlint.

Usage: bench/python_validate.py FILE_OR_DIR...   (exit 1 when a file does not validate)
"""
import json
import sys
from pathlib import Path

import jsonschema

SCHEMA = Path(__file__).resolve().parent.parent / "rules" / "schemas" / "profile-mapping.schema.json"


def files(arguments):
    for argument in arguments:
        path = Path(argument)
        if path.is_dir():
            yield from sorted(p for p in path.rglob("*.json") if p.is_file())
        else:
            yield path


def main():
    schema = json.loads(SCHEMA.read_text())
    validator = jsonschema.validators.validator_for(schema)(schema)
    invalid = 0
    for path in files(sys.argv[1:]):
        try:
            document = json.loads(path.read_text())
        except ValueError:
            invalid += 1
            continue
        documents = document if isinstance(document, list) else [document]
        for item in documents:
            for error in validator.iter_errors(item):
                invalid += 1
                print(f"{path}: {error.json_path}: {error.message}")
    return 1 if invalid else 0


if __name__ == "__main__":
    sys.exit(main())

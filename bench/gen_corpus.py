#!/usr/bin/env python3
"""Writes the benchmark corpus (deterministic: seed 20261129) into the given directory.

typical.json          one To App mapping export with 12 attributes, as Okta's API returns it for an
                      app made from the SCIM template (8 Haiilo attributes, 4 template leftovers)
many/NNNN.json        10,000 varied exports of a repository that is kept clean: 3-8 Haiilo
                      attributes, varied expressions, both push statuses, 2- or 4-space indent;
                      one file in ten has one mistake (a template leftover, a misspelt attribute or
                      function, a console word for the push status). many/scimlint.yaml lists the
                      org's Haiilo groups, as a repository that maps `country` would.
noisy/NNNN.json       10,000 exports where every file has several findings (5-14 attributes drawn
                      from Haiilo's and the template's): the cost of reporting ~65,000 findings
large-N.json          one export of N attributes (1,000 / 10,000 / 100,000): an array of mappings
                      of 10 attributes each, as an export script that saves many apps assembles
pretty-100000.json    one pretty-printed mapping of 100,000 attributes, every one a finding (T101)
oneline-N.json        the same minified onto one line, as the Okta API sends it, for N = 40,000 and
                      400,000 (26 MB): every property a finding, findings at columns in the millions
line-2mb.json         one property whose expression is a single 2 MB line
"""
import json
import random
import argparse
from pathlib import Path

SEED = 20261129
HAIILO = [
    ("givenName", "user.firstName"), ("familyName", "user.lastName"), ("locality", "user.city"),
    ("region", "user.state"), ("country", "user.countryCode"), ("department", "user.department"),
    ("division", "user.division"), ("organization", "user.organization"),
]
OTHERS = [
    ("email", "user.email"), ("title", "user.title"), ("displayName", 'user.firstName + " " + user.lastName'),
    ("primaryEmailType", "(user.email != null && user.email != '') ? 'work' : ''"),
    ("employeeNumber", "user.employeeNumber"), ("givenname", "user.firstName"), ("surname", "user.lastName"),
    ("organization", "String.toUpperCase(user.organization)"),
]


def ident(rng, prefix, length=17):
    alphabet = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789"
    return prefix + "".join(rng.choice(alphabet) for _ in range(length))


def mapping(rng, attributes):
    app = ident(rng, "0oa")
    return {
        "id": ident(rng, "prm"),
        "source": {"id": ident(rng, "oty"), "name": "user", "type": "user",
                   "_links": {"schema": {"href": "https://acme.okta.com/api/v1/meta/schemas/user/default"}}},
        "target": {"id": app, "name": "haiilo_scim", "type": "appuser",
                   "_links": {"self": {"href": f"https://acme.okta.com/api/v1/apps/{app}"},
                              "schema": {"href": f"https://acme.okta.com/api/v1/meta/schemas/apps/{app}/default"}}},
        "properties": {name: {"expression": expression, "pushStatus": rng.choice(["PUSH", "DONT_PUSH"])}
                       for name, expression in attributes},
        "_links": {"self": {"href": "https://acme.okta.com/api/v1/mappings/prm"}},
    }


EXPRESSIONS = {
    "givenName": ["user.firstName", "String.substringBefore(user.firstName, ' ')", "user.nickName ?: user.firstName"],
    "familyName": ["user.lastName", "String.toUpperCase(user.lastName)"],
    "locality": ["user.city", "user.city != null ? user.city : 'Unknown'"],
    "region": ["user.state", "String.toUpperCase(user.state)"],
    "country": ["user.countryCode == 'DE' ? 'Germany' : 'International'",
                "user.countryCode == 'US' ? 'North America' : (user.countryCode == 'DE' ? 'Germany' : 'International')"],
    "department": ["user.department", "user.department ?: 'General'"],
    "division": ["user.division", "String.substringAfter(user.division, '/')"],
    "organization": ["user.organization", "'Acme ' + user.organization"],
}
MISTAKES = ["leftover", "attribute", "function", "status"]
GROUPS = ["Germany", "International", "North America"]


def clean_mapping(rng):
    names = ["givenName", "familyName"] + rng.sample(sorted(EXPRESSIONS)[:], rng.randint(1, 6))
    chosen = {}
    for name in names:
        chosen.setdefault(name, rng.choice(EXPRESSIONS[name]))
    document = mapping(rng, list(chosen.items()))
    if rng.random() < 0.1:
        mistake = rng.choice(MISTAKES)
        properties = document["properties"]
        if mistake == "leftover":
            properties["email"] = {"expression": "user.email", "pushStatus": "PUSH"}
        elif mistake == "attribute":
            properties["givenName"]["expression"] = "user.fistName"
        elif mistake == "function":
            properties["familyName"]["expression"] = "String.toUppercase(user.lastName)"
        else:
            properties["givenName"]["pushStatus"] = "push"
    return document


def main(out):
    rng = random.Random(SEED)
    out.mkdir(parents=True, exist_ok=True)
    typical = HAIILO + [("email", "user.email"), ("title", "user.title"), ("displayName", OTHERS[2][1]),
                        ("primaryEmailType", OTHERS[3][1])]
    (out / "typical.json").write_text(json.dumps(mapping(rng, typical), indent=2) + "\n")
    many = out / "many"
    many.mkdir(exist_ok=True)
    (many / "scimlint.yaml").write_text("haiilo:\n  groups: [" + ", ".join(GROUPS) + "]\n")
    for index in range(10_000):
        indent = rng.choice([2, 4])
        (many / f"{index:04}.json").write_text(json.dumps(clean_mapping(rng), indent=indent) + "\n")
    noisy = out / "noisy"
    noisy.mkdir(exist_ok=True)
    for index in range(10_000):
        count = rng.randint(5, 14)
        pool = HAIILO + OTHERS
        chosen = {}
        for name, expression in rng.sample(pool, min(count, len(pool))):
            chosen.setdefault(name, expression)
        (noisy / f"{index:04}.json").write_text(json.dumps(mapping(rng, list(chosen.items())), indent=2) + "\n")
    for size in (1_000, 10_000, 100_000):
        per = HAIILO + [("title", "user.title"), ("email", "user.email")]
        exports = [mapping(rng, per) for _ in range(size // len(per))]
        (out / f"large-{size}.json").write_text(json.dumps(exports, indent=2) + "\n")
    noisy_one = lambda count: {"id": "prm1", "properties": {
        f"attr{index:06}": {"expression": "user.firstName", "pushStatus": "PUSH"} for index in range(count)}}
    (out / "pretty-100000.json").write_text(json.dumps(noisy_one(100_000), indent=2) + "\n")
    for count in (40_000, 400_000):
        (out / f"oneline-{count}.json").write_text(json.dumps([noisy_one(count)], separators=(",", ":")))
    filler = "a" * (2 * 1024 * 1024)
    long_line = {"properties": {"surname": {"expression": f"'{filler}' + user.lastName", "pushStatus": "PUSH"}}}
    (out / "line-2mb.json").write_text(json.dumps(long_line, separators=(",", ":")))


if __name__ == "__main__":
    # argparse, so that `--help` prints this file's doc instead of becoming the output folder.
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("out", nargs="?", default="target/bench-corpus", type=Path, help="output folder")
    main(parser.parse_args().out)

#!/usr/bin/env python3
"""Writes the users benchmark (deterministic: seed 20261201) into the given directory.

users-N.ndjson     N Okta users (N = 100,000 and 1,000,000), one `GET /api/v1/users` object a
                   line, as `scimlint pull --users` and `jq -c '.[]'` write them: id, status,
                   timestamps, type, a profile of 14 attributes (diacritics in names and cities,
                   some attributes missing, country codes and a few group names), credentials and
                   _links: about 750 bytes a user. One user in fifty is DEPROVISIONED.
mapping/haiilo.scimlint.yaml
                   a To App mapping of 9 attributes, the same expressions as benches/users.rs
mapping/scimlint.yaml
                   the org's Haiilo groups, so that V501 compares every country

Usage: bench/gen_users.py DIR [N ...]   (default N: 100000 1000000)
"""
import json
import random
import argparse
from pathlib import Path

SEED = 20261201
FIRST = ["Jane", "Jürgen", "Zoë", "François", "Amélie", "Sam", "Søren", "Priya", "Olena", "Kai", "Łukasz", "Inès"]
LAST = ["Doe", "Müller", "Ångström", "Lefèvre", "Roux", "Lee", "Kierkegaard", "Patel", "Koval", "Weber", "Nowak"]
CITIES = [("Berlin", "Berlin", "DE"), ("München", "Bayern", "DE"), ("Munchen", "Bayern", "DE"), ("BERLIN", None, "DE"),
          ("Paris", "Île-de-France", "FR"), ("New York", "NY", "US"), ("Zürich", "Zürich", "CH"),
          ("København", "Hovedstaden", "DK"), ("London", "England", "GB"), ("Berlin ", "Berlin", "DE")]
DEPARTMENTS = ["Marketing", "Sales", "Engineering", "Finance", None]
MAPPING = """target: haiilo
mappings:
  - attribute: userName
    value: "String.toLowerCase(String.substringBefore(user.login, '@')) + '@acme.example'"
  - attribute: givenName
    value: user.firstName
  - attribute: familyName
    value: user.lastName
  - attribute: locality
    value: user.city
  - attribute: region
    value: user.state
  - attribute: country
    value: Iso3166Convert.toName(user.countryCode)
  - attribute: department
    value: user.department
  - attribute: division
    value: "user.division != null ? user.division : 'None'"
  - attribute: organization
    value: "user.organization ?: 'ACME'"
"""


def ident(rng):
    alphabet = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789"
    return "00u" + "".join(rng.choice(alphabet) for _ in range(17))


def user(rng, index):
    uid = ident(rng)
    first, last = rng.choice(FIRST), rng.choice(LAST)
    city, state, country = rng.choice(CITIES)
    if rng.random() < 0.02:
        country = rng.choice(["Germany", "EMEA", "de"])
    login = f"user{index}@acme.example"
    profile = {"login": login, "email": login, "firstName": first, "lastName": last,
               "mobilePhone": None, "secondEmail": None, "city": city, "countryCode": country,
               "department": rng.choice(DEPARTMENTS), "title": "Engineer", "employeeNumber": str(10000 + index),
               "organization": "Acme GmbH" if country == "DE" else None, "preferredLanguage": "en"}
    if state is not None:
        profile["state"] = state
    if rng.random() < 0.3:
        profile["division"] = "DACH"
    stamp = "2025-11-03T09:12:44.000Z"
    return {"id": uid, "status": "DEPROVISIONED" if index % 50 == 49 else "ACTIVE", "created": stamp,
            "activated": stamp, "statusChanged": stamp, "lastLogin": None, "lastUpdated": "2026-01-12T16:40:02.000Z",
            "passwordChanged": None, "type": {"id": "otyc04qb2rUDcq2YA4x6"}, "profile": profile,
            "credentials": {"provider": {"type": "OKTA", "name": "OKTA"}},
            "_links": {"self": {"href": f"https://acme.okta.com/api/v1/users/{uid}"}}}


def main():
    # argparse, so that `--help` prints this file's doc instead of becoming the output folder.
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("out", type=Path, help="output folder")
    parser.add_argument("sizes", nargs="*", type=int, default=[100_000, 1_000_000], help="users per file")
    args = parser.parse_args()
    out, sizes = args.out, args.sizes
    (out / "mapping").mkdir(parents=True, exist_ok=True)
    (out / "mapping" / "haiilo.scimlint.yaml").write_text(MAPPING)
    (out / "mapping" / "scimlint.yaml").write_text("haiilo:\n  groups: [Germany, France, EMEA, AMER, Global]\n")
    for size in sizes:
        rng = random.Random(SEED)
        with open(out / f"users-{size}.ndjson", "w", encoding="utf-8") as f:
            for index in range(size):
                f.write(json.dumps(user(rng, index), ensure_ascii=False, separators=(",", ":")) + "\n")


if __name__ == "__main__":
    main()

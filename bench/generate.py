#!/usr/bin/env python3
"""Generates a large, valid facts folder for `cica-kg --data DIR`, to measure how cica-kg scales.

    bench/generate.py DIR --statements N [--article-bytes B]

DIR gets `entities.toml`, `facts.toml` and `article.txt`: organizations (class Organization),
each with five statements (official name, short name, member count, inception, headquarters;
the member count and headquarters, which change over time, at the article's date),
in cities (class City) each with its country (class Country), until there are N statements.
Every statement quotes one sentence of the article that occurs there exactly once (each
sentence starts with a zero-padded number of its own); with --article-bytes the article is
padded with filler paragraphs (words that no quote contains) to about that size, spread
between the sentences. The data is deterministic: the same arguments give the same files.
"""

import argparse
import pathlib

PER_ORGANIZATION = 5
CITIES_PER_COUNTRY = 20
DATELINE = "2022-10-12"
# The properties it states that change over time (cica:timeVarying in ontology/cica.ttl).
TIME_VARYING = {"memberCount", "headquarters"}
FILLER = (
    "Lorem ipsum dolor sit amet, consectetur adipiscing elit, sed do eiusmod tempor "
    "incididunt ut labore et dolore magna aliqua. Ut enim ad minim veniam, quis nostrud "
    "exercitation ullamco laboris nisi ut aliquip ex ea commodo consequat.\n"
)


def plan(statements):
    """How many organizations, cities and countries give `statements` statements."""
    # Each city states its country; each organization states five facts.
    cities = max(1, statements // 50)
    organizations = (statements - cities) // PER_ORGANIZATION
    cities = statements - organizations * PER_ORGANIZATION
    countries = max(1, -(-cities // CITIES_PER_COUNTRY))
    return organizations, cities, countries


def toml_string(text):
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


def entity(out, id, cls, label):
    out.append(f"[[entity]]\nid = {toml_string(id)}\nclass = \"{cls}\"\nlabel = {toml_string(label)}\n\n")


def statement(out, subject, prop, key, value, quote, when=None):
    time = f'point_in_time = "{when}"\n' if when else ""
    out.append(
        f"[[statement]]\nsubject = \"{subject}\"\nproperty = \"{prop}\"\n{key} = {value}\n{time}quote = {toml_string(quote)}\n\n"
    )


def generate(folder, statements, article_bytes):
    organizations, cities, countries = plan(statements)
    entities, facts, sentences = [], [], []
    facts.append(
        "[source]\n"
        'id = "generated-article"\n'
        'file = "article.txt"\n'
        'title = "A generated article"\n'
        'publisher = "organization/publisher"\n'
        'editor = "bench"\n'
        'published = "2022-10-12T23:39:15"\n'
        'dateline_place = "place/city-00000"\n'
        f'dateline_date = "{DATELINE}"\n'
        'language = "en"\n\n'
    )
    entity(entities, "organization/publisher", "Organization", "Generated Publisher")

    def fact(subject, prop, key, value, words):
        number = len(sentences)
        quote = f"{number:07d} {words}"
        sentences.append(quote + ".")
        # A property that changes over time (cica:timeVarying) needs a time: the article's day.
        when = DATELINE if prop in TIME_VARYING else None
        statement(facts, subject, prop, key, value, quote, when)

    for c in range(countries):
        entity(entities, f"place/country-{c:05d}", "Country", f"Country {c:05d}")
    for c in range(cities):
        city = f"place/city-{c:05d}"
        entity(entities, city, "City", f"City {c:05d}")
        country = c // CITIES_PER_COUNTRY
        fact(city, "country", "object", f'"place/country-{country:05d}"', f"City {c:05d} lies in Country {country:05d}")
    for o in range(organizations):
        org = f"organization/org-{o:06d}"
        name = f"Organization {o:06d}"
        entity(entities, org, "Organization", name)
        fact(org, "officialName", "text", toml_string(f"The {name}"), f"The {name} is its official name")
        fact(org, "shortName", "text", toml_string(f"O{o:06d}"), f"O{o:06d} is short for {name}")
        fact(org, "memberCount", "integer", str(o % 200), f"{name} has {o % 200} members")
        year = 1900 + o % 120
        fact(org, "inception", "date", f'"{year}"', f"{name} was founded in {year}")
        city = o % cities
        fact(org, "headquarters", "object", f'"place/city-{city:05d}"', f"{name} sits in City {city:05d}")
    assert len(sentences) == statements, (len(sentences), statements)

    body = "\n".join(sentences) + "\n"
    if article_bytes > len(body):
        # Filler between the sentences, evenly, up to about article_bytes.
        paragraphs = (article_bytes - len(body)) // len(FILLER)
        per_gap = paragraphs // len(sentences)
        extra = paragraphs - per_gap * len(sentences)
        parts = []
        for i, sentence in enumerate(sentences):
            parts.append(FILLER * (per_gap + (1 if i < extra else 0)))
            parts.append(sentence + "\n")
        body = "".join(parts)

    folder.mkdir(parents=True, exist_ok=True)
    (folder / "entities.toml").write_text("".join(entities), encoding="utf-8")
    (folder / "facts.toml").write_text("".join(facts), encoding="utf-8")
    (folder / "article.txt").write_text(body, encoding="utf-8")
    return {
        "statements": statements,
        "entities": 1 + countries + cities + organizations,
        "article_bytes": len(body.encode("utf-8")),
    }


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("folder", type=pathlib.Path)
    parser.add_argument("--statements", type=int, required=True)
    parser.add_argument("--article-bytes", type=int, default=0)
    args = parser.parse_args()
    if args.statements < 2 * PER_ORGANIZATION:
        parser.error("--statements: at least 10")
    info = generate(args.folder, args.statements, args.article_bytes)
    print(f"{args.folder}: {info['entities']} entities, {info['statements']} statements, article {info['article_bytes']} bytes")


if __name__ == "__main__":
    main()

#!/usr/bin/env python3
"""Writes a generated data folder of N statements (default 100,000) for the push benchmark.

The folder holds the shipped entities (data/entities.toml, copied), generated summit
entities, a generated article (marked as generated, not a real news text) and one facts file
whose statements each quote a distinct prefix of the sentence about their summit, so every
quote occurs exactly once. The statements use only properties a summit may have (ordinal,
organizer, location, startDate, follows, followedBy), so the folder loads like the real data.

    bench/push_data.py OUT_DIR [STATEMENTS]
"""

import shutil
import sys
from pathlib import Path

CITIES = ["place/almaty", "place/astana", "place/istanbul", "place/shanghai", "place/dushanbe"]
MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August",
          "September", "October", "November", "December"]


def main() -> None:
    out = Path(sys.argv[1])
    statements = int(sys.argv[2]) if len(sys.argv) > 2 else 100_000
    summits = (statements + 5) // 6
    repo = Path(__file__).resolve().parent.parent
    out.mkdir(parents=True, exist_ok=True)
    for old in out.glob("*"):
        old.unlink()
    shutil.copy(repo / "data" / "entities.toml", out / "entities.toml")

    sentences = []
    facts = [
        "[source]",
        'id = "generated-push-benchmark"',
        'file = "generated.txt"',
        'title = "Generated text for the push benchmark (not a news article)"',
        'publisher = "organization/xinhua"',
        'editor = "bench/push_data.py"',
        'published = "2022-10-12T00:00:00"',
        'dateline_place = "place/astana"',
        'dateline_date = "2022-10-12"',
        'language = "en"',
        "",
    ]
    entities = []
    written = 0
    for n in range(1, summits + 1):
        sid = f"S{n:07d}"
        year = 1990 + n % 30
        month = n % 12
        city = CITIES[n % len(CITIES)]
        sentence = (
            f"Summit {sid} was number {n}, organized by the CICA, held in {city.split('/')[1].title()}, "
            f"in {MONTHS[month]} {year}, after {n - 1} and before {n + 1}."
        )
        sentences.append(sentence)
        entities += [
            "[[entity]]",
            f'id = "summit/g{n}"',
            'class = "Summit"',
            f'label = "generated summit {n}"',
            "",
        ]
        values = [
            ("ordinal", f"integer = {n}"),
            ("organizer", 'object = "organization/cica"'),
            ("location", f'object = "{city}"'),
            ("startDate", f'date = "{year}-{month + 1:02d}"'),
            ("follows", f'object = "summit/g{n - 1}"' if n > 1 else 'object = "summit/6"'),
            ("followedBy", f'object = "summit/g{n + 1}"' if n < summits else 'object = "summit/1"'),
        ]
        words = sentence.split(" ")
        for k, (prop, value) in enumerate(values):
            if written == statements:
                break
            quote = " ".join(words[: 3 + 2 * k])
            facts += [
                "[[statement]]",
                f'subject = "summit/g{n}"',
                f'property = "{prop}"',
                value,
                f'quote = "{quote}"',
                "",
            ]
            written += 1
    (out / "generated.txt").write_text(
        "This text is generated for cica-kg's push benchmark; it is not a news article.\n\n"
        + "\n".join(sentences)
        + "\n",
        encoding="utf-8",
    )
    with open(out / "entities.toml", "a", encoding="utf-8") as f:
        f.write("\n# Generated summits (bench/push_data.py).\n\n" + "\n".join(entities))
    (out / "generated.toml").write_text("\n".join(facts), encoding="utf-8")
    print(f"{written} statements about {summits} generated summits in {out}")


if __name__ == "__main__":
    main()
